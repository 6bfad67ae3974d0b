/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The comparison matrix: every source's settings gathered as one flat list
 * of entries, sorted, and grouped into rows, so N sources cost one sort.
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/text.h"
#include "core/view.h"
#include "formats/secedit_settings.h"
#include "formats/source.h"
#include "policy/compare.h"

/* One source's word on one setting. */
struct entry {
	struct hp_path		 key;
	enum hp_cmp_what	 what;
	char			*name;
	size_t			 src;
	enum hp_cmp_action	 action;
	struct hp_value		 value;
	const struct hp_secset	*set;		/* HP_CMP_NAMED */
};

struct entries {
	struct entry	*v;
	size_t		 n, cap;
};

static struct entry *
entry_add(struct entries *l, const struct hp_path *key, enum hp_cmp_what what,
    const char *name, size_t src, enum hp_cmp_action action)
{
	struct entry *en;

	HP_ALLOC_GROW(l->v, l->n + 1, l->cap);
	en = &l->v[l->n++];
	memset(en, 0, sizeof(*en));
	hp_path_copy(&en->key, key);
	en->what = what;
	en->name = name != NULL ? hp_strdup(name) : NULL;
	en->src = src;
	en->action = action;
	return en;
}

static void
entry_free(struct entry *en)
{
	hp_path_free(&en->key);
	free(en->name);
	hp_value_free(&en->value);
}

struct walk {
	struct entries		*l;
	const struct hp_view	*v;
	const struct hp_path	*key;		/* NULL: everything */
	size_t			 src;
};

/* A key's values; keys off the way to --key are not entered. */
static int
walk_key(void *arg, const struct hp_path *rel, hp_node node,
    const struct hp_vallist *vals, struct hp_error *e)
{
	struct walk *w = arg;
	struct hp_path full = HP_PATH_INIT;
	size_t i;
	int r = 0;

	(void)node;
	(void)e;
	/* A whole view's root stands for no key: its children are roots. */
	if (w->v->whole && rel->n == 0)
		return 0;
	hp_view_full_path(w->v, rel, &full);
	if (w->key == NULL || hp_path_has_prefix(&full, w->key)) {
		for (i = 0; i < vals->n; i++)
			hp_value_copy(&entry_add(w->l, &full, HP_CMP_VALUE,
			    vals->v[i].name, w->src, HP_CMP_SET)->value,
			    &vals->v[i].value);
	} else if (!hp_path_has_prefix(w->key, &full))
		r = 1;
	hp_path_free(&full);
	return r;
}

/* The deletions a patch source asks for; its sets are in its view. */
static void
patch_deletions(const struct hp_patch *p, const struct hp_path *key,
    size_t src, struct entries *l)
{
	static const enum hp_cmp_what what[] = {
		[HP_OP_DELETE_VALUE] = HP_CMP_VALUE,
		[HP_OP_DELETE_VALUES] = HP_CMP_ALL_VALUES,
		[HP_OP_DELETE_KEY] = HP_CMP_KEY
	};
	size_t i;

	for (i = 0; i < p->n; i++) {
		const struct hp_op *op = &p->ops[i];

		if (op->kind != HP_OP_DELETE_VALUE &&
		    op->kind != HP_OP_DELETE_VALUES &&
		    op->kind != HP_OP_DELETE_KEY)
			continue;
		if (key != NULL && !hp_path_has_prefix(&op->key, key))
			continue;
		entry_add(l, &op->key, what[op->kind], op->kind ==
		    HP_OP_DELETE_VALUE ? op->name : NULL, src, HP_CMP_DELETE);
	}
}

/* A security template's or audit policy's settings outside the registry. */
static void
named_settings(const struct hp_secsettings *set, size_t src,
    struct entries *l)
{
	static const struct hp_path none = HP_PATH_INIT;
	size_t i;

	for (i = 0; i < set->n; i++)
		entry_add(l, &none, HP_CMP_NAMED, NULL, src,
		    HP_CMP_SET)->set = &set->v[i];
}

static int
read_source(struct hp_source *s, size_t src, const struct hp_path *key,
    struct entries *l, struct hp_error *e)
{
	struct hp_view v;
	struct hp_path rel = HP_PATH_INIT;
	struct walk w = { l, &v, key, src };
	hp_node root;
	int r;

	hp_source_view(s, &v);
	if (v.ops->root(v.impl, &root, e) == -1)
		return -1;
	r = hp_view_walk(&v, root, &rel, HP_MAX_KEY_DEPTH, walk_key, &w, e);
	hp_path_free(&rel);
	if (r == 0)
		patch_deletions(&s->patch, key, src, l);
	if (r == 0 && key == NULL)
		named_settings(&s->settings, src, l);
	return r;
}

/*
 * Same setting: key, kind and value name, case-insensitively; named
 * settings after the registry, by section and name.
 */
static int
setting_cmp(const struct entry *a, const struct entry *b)
{
	int c;

	if ((a->set != NULL) != (b->set != NULL))
		return a->set != NULL ? 1 : -1;
	if (a->set != NULL && (c = hp_name_cmp(a->set->section,
	    b->set->section)) != 0)
		return c;
	if (a->set != NULL)
		return hp_name_cmp(a->set->name, b->set->name);
	if ((c = hp_path_cmp(&a->key, &b->key)) != 0)
		return c;
	if (a->what != b->what)
		return a->what < b->what ? -1 : 1;
	return a->what == HP_CMP_VALUE ? hp_name_cmp(a->name, b->name) : 0;
}

/* By setting, then source; a source's value before its deletion. */
static int
entry_cmp(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c;

	if ((c = setting_cmp(a, b)) != 0)
		return c;
	if (a->src != b->src)
		return a->src < b->src ? -1 : 1;
	return (int)a->action - (int)b->action;
}

static int
cell_equal(const struct hp_cmp_cell *a, const struct hp_cmp_cell *b)
{
	if (a->action != b->action)
		return 0;
	if (a->set != NULL)
		return hp_secset_equal(a->set, b->set);
	return a->action != HP_CMP_SET || hp_value_equal(&a->value, &b->value);
}

static void
classify(struct hp_cmp_row *row, size_t nsrc)
{
	const struct hp_cmp_cell *first = NULL;
	size_t i, held = 0;
	int alike = 1;

	for (i = 0; i < nsrc; i++) {
		if (row->cells[i].action == HP_CMP_ABSENT)
			continue;
		held++;
		if (first == NULL)
			first = &row->cells[i];
		else if (!cell_equal(first, &row->cells[i]))
			alike = 0;
	}
	row->state = held == 1 ? HP_CMP_SINGLE : alike ? HP_CMP_REPEAT :
	    HP_CMP_CONFLICT;
	row->differs = !alike || held < nsrc;
}

/* Entries [i, j) are one setting: one row, the entries' data moved. */
static void
add_row(struct hp_cmp *c, struct entry *en, size_t n)
{
	struct hp_cmp_row *row;
	size_t k;

	HP_ALLOC_GROW(c->rows, c->n + 1, c->cap);
	row = &c->rows[c->n++];
	memset(row, 0, sizeof(*row));
	row->key = en[0].key;
	en[0].key = (struct hp_path)HP_PATH_INIT;
	row->what = en[0].what;
	row->name = en[0].name;
	en[0].name = NULL;
	if (en[0].set != NULL) {
		row->section = hp_strdup(en[0].set->section);
		row->name = hp_strdup(en[0].set->name);
		if (en[0].set->label != NULL)
			row->label = hp_strdup(en[0].set->label);
	}
	row->cells = hp_calloc(c->nsrc, sizeof(*row->cells));
	for (k = 0; k < n; k++) {
		struct hp_cmp_cell *cell = &row->cells[en[k].src];

		if (cell->action != HP_CMP_ABSENT)
			continue;	/* deleted, then set again */
		cell->action = en[k].action;
		cell->set = en[k].set;
		cell->value = en[k].value;
		en[k].value = (struct hp_value)HP_VALUE_INIT;
	}
	classify(row, c->nsrc);
	c->count[row->state]++;
}

int
hp_cmp_build(struct hp_source *const *src, size_t n,
    const struct hp_path *key, struct hp_cmp *c, struct hp_error *e)
{
	struct entries l = { NULL, 0, 0 };
	size_t i, j;
	int r = 0;

	c->src = hp_calloc(n, sizeof(*c->src));
	c->nsrc = n;
	for (i = 0; i < n; i++) {
		struct hp_view v;

		hp_source_view(src[i], &v);
		c->src[i].path = hp_strdup(src[i]->path);
		c->src[i].format = hp_format_name(src[i]->format);
		c->src[i].state = v.state;
	}
	for (i = 0; i < n && r == 0; i++)
		r = read_source(src[i], i, key, &l, e);
	if (r == 0 && l.n > 0)
		qsort(l.v, l.n, sizeof(*l.v), entry_cmp);
	for (i = 0; r == 0 && i < l.n; i = j) {
		for (j = i + 1; j < l.n && setting_cmp(&l.v[i], &l.v[j]) == 0;
		    j++)
			;
		add_row(c, &l.v[i], j - i);
	}
	for (i = 0; i < l.n; i++)
		entry_free(&l.v[i]);
	free(l.v);
	return r;
}

void
hp_cmp_free(struct hp_cmp *c)
{
	size_t i, k;

	for (i = 0; i < c->n; i++) {
		for (k = 0; k < c->nsrc; k++)
			hp_value_free(&c->rows[i].cells[k].value);
		free(c->rows[i].cells);
		free(c->rows[i].name);
		free(c->rows[i].section);
		free(c->rows[i].label);
		hp_path_free(&c->rows[i].key);
	}
	free(c->rows);
	for (k = 0; k < c->nsrc; k++)
		free(c->src[k].path);
	free(c->src);
	memset(c, 0, sizeof(*c));
}

const char *
hp_cmp_state_name(enum hp_cmp_state s)
{
	static const char *const names[] = {
		[HP_CMP_NONE] = "absent", [HP_CMP_SINGLE] = "single",
		[HP_CMP_REPEAT] = "repeat", [HP_CMP_CONFLICT] = "conflict"
	};

	return s < HP_CMP_NSTATES ? names[s] : "?";
}

/* Cuts out's text from start to at most max bytes, on a UTF-8 boundary. */
static void
cut(struct hp_buf *out, size_t start, size_t max)
{
	size_t len = out->len - start, at = start + max;

	if (max == 0 || len <= max)
		return;
	while (at > start && ((unsigned char)out->buf[at] & 0xc0) == 0x80)
		at--;
	out->len = at;
	out->buf[at] = '\0';
	hp_buf_addf(out, "... (%zu bytes)", len);
}

/* A named setting's value as written; audit values with their meaning. */
static void
named_text(const struct hp_secset *set, struct hp_buf *out)
{
	static const char *const audit[] = {
		"no auditing", "success", "failure", "success and failure"
	};

	if (*set->value == '\0')
		hp_buf_adds(out, "\"\"");
	else
		hp_buf_adds(out, set->value);
	if (set->kind == HP_SECSET_AUDIT && set->value[0] >= '0' &&
	    set->value[0] <= '3' && set->value[1] == '\0')
		hp_buf_addf(out, " (%s)", audit[set->value[0] - '0']);
}

void
hp_cmp_cell_text(const struct hp_cmp_cell *cell, size_t max,
    struct hp_buf *out)
{
	char tmp[16];
	size_t start;

	switch (cell->action) {
	case HP_CMP_ABSENT:
		hp_buf_addc(out, '-');
		return;
	case HP_CMP_DELETE:
		hp_buf_adds(out, "delete");
		return;
	case HP_CMP_SET:
		break;
	}
	start = out->len;
	if (cell->set != NULL) {
		named_text(cell->set, out);
		cut(out, start, max);
		return;
	}
	hp_buf_addf(out, "%s ", hp_value_type_name(cell->value.type, tmp));
	start = out->len;
	hp_value_format(&cell->value, out);
	cut(out, start, max);
}

void
hp_cmp_row_setting(const struct hp_cmp_row *row, struct hp_buf *out)
{
	if (row->what == HP_CMP_NAMED)
		hp_buf_adds(out, row->label != NULL ? row->label : row->name);
	else if (row->what == HP_CMP_ALL_VALUES)
		hp_buf_addc(out, '*');
	else if (row->what == HP_CMP_KEY)
		hp_buf_adds(out, "(key)");
	else if (*row->name == '\0')
		hp_buf_addc(out, '@');
	else
		hp_buf_addf(out, "\"%s\"", row->name);
}

void
hp_cmp_row_group(const struct hp_cmp_row *row, struct hp_buf *out)
{
	if (row->what == HP_CMP_NAMED)
		hp_buf_adds(out, row->section);
	else
		hp_path_format_short(&row->key, out);
}

int
hp_cmp_same_group(const struct hp_cmp_row *a, const struct hp_cmp_row *b)
{
	if ((a->what == HP_CMP_NAMED) != (b->what == HP_CMP_NAMED))
		return 0;
	if (a->what == HP_CMP_NAMED)
		return hp_name_cmp(a->section, b->section) == 0;
	return hp_path_eq(&a->key, &b->key);
}
