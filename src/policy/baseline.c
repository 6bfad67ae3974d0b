/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Baselines (baseline.h): a GPO's settings read into a list, its
 * registry settings made a policy, and check --baseline's named settings.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "core/limits.h"
#include "core/tree.h"
#include "formats/auditcsv.h"
#include "formats/gpmc_backup.h"
#include "formats/gpo.h"
#include "formats/polfile.h"
#include "formats/secedit.h"
#include "formats/secedit_settings.h"
#include "formats/source.h"
#include "policy/baseline.h"
#include "policy/secpolicy.h"
#include "policy/targets.h"

static struct hp_bl_item *
item_new(struct hp_baseline *bl, enum hp_bl_kind kind, const char *file,
    unsigned long line)
{
	struct hp_bl_item *it;

	HP_ALLOC_GROW(bl->v, bl->n + 1, bl->cap);
	it = &bl->v[bl->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->file = hp_strdup(file);
	it->line = line;
	return it;
}

static void
item_free(struct hp_bl_item *it)
{
	free(it->name);
	free(it->file);
	hp_path_free(&it->key);
	free(it->value);
	hp_value_free(&it->data);
	free(it->section);
	free(it->setting);
	free(it->label);
	free(it->text);
}

void
hp_baseline_free(struct hp_baseline *bl)
{
	size_t i;

	for (i = 0; i < bl->n; i++)
		item_free(&bl->v[i]);
	free(bl->v);
	for (i = 0; i < bl->nopened; i++)
		hp_source_close(bl->opened[i]);
	free(bl->opened);
	for (i = 0; i < bl->ntrees; i++) {
		hp_tree_free(bl->trees[i]);
		free(bl->trees[i]);
	}
	free(bl->trees);
	free(bl->path);
	free(bl->title);
	memset(bl, 0, sizeof(*bl));
}

/* host, a path inside the folder dir, as a path relative to it. */
static const char *
inside(const char *dir, const char *host)
{
	size_t n = strlen(dir);

	if (strncmp(host, dir, n) == 0 && host[n] == '/')
		return host + n + 1;
	return host;
}

/* One Registry.pol operation as a setting; 0 if none can state it. */
static int
add_op(struct hp_baseline *bl, const struct hp_op *op, const char *file,
    struct hp_warnings *w)
{
	struct hp_bl_item *it;
	struct hp_buf b = HP_BUF_INIT;

	if (op->kind == HP_OP_CREATE_KEY)
		return 0;
	hp_path_format_short(&op->key, &b);
	if (op->kind == HP_OP_DELETE_VALUES || op->kind == HP_OP_DELETE_KEY) {
		hp_warn(w, "%s: entry %lu (%s %s) not part of the baseline: a "
		    "policy setting names one value", file, op->line,
		    hp_op_kind_name(op->kind), b.buf);
		hp_buf_release(&b);
		return 0;
	}
	it = item_new(bl, HP_BL_REGISTRY, file, op->line);
	hp_buf_addf(&b, "\\%s", *op->name ? op->name : "@");
	it->name = hp_buf_detach(&b, NULL);
	hp_path_copy(&it->key, &op->key);
	it->value = hp_strdup(op->name);
	it->forbidden = op->kind == HP_OP_DELETE_VALUE;
	it->any_data = op->kind == HP_OP_SET_VALUE_SOFT;
	if (!it->forbidden)
		hp_value_copy(&it->data, &op->value);
	return 0;
}

struct named {
	const char	*name;
	size_t		 i;
};

static int
named_cmp(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcasecmp(x->name, y->name);

	return c != 0 ? c : x->i < y->i ? -1 : x->i > y->i;
}

/*
 * A later entry for the same value replaces an earlier one, as applying
 * the file would (names compared without case, as the registry does).
 */
static void
drop_replaced(struct hp_baseline *bl, size_t from)
{
	struct named *v;
	char *gone;
	size_t i, k = from, n = bl->n - from;

	if (n < 2)
		return;
	v = hp_calloc(n, sizeof(*v));
	gone = hp_calloc(n, 1);
	for (i = 0; i < n; i++) {
		v[i].name = bl->v[from + i].name;
		v[i].i = i;
	}
	qsort(v, n, sizeof(*v), named_cmp);
	for (i = 0; i + 1 < n; i++)
		if (strcasecmp(v[i].name, v[i + 1].name) == 0)
			gone[v[i].i] = 1;
	for (i = 0; i < n; i++) {
		if (gone[i])
			item_free(&bl->v[from + i]);
		else
			bl->v[k++] = bl->v[from + i];
	}
	bl->n = k;
	free(v);
	free(gone);
}

/* The operations of p (from the file rel) as registry settings. */
static int
add_patch(struct hp_baseline *bl, const struct hp_patch *p, const char *rel,
    struct hp_warnings *w)
{
	size_t i, from = bl->n;
	int r = 0;

	for (i = 0; r == 0 && i < p->n; i++)
		r = add_op(bl, &p->ops[i], rel, w);
	if (r == 0)
		drop_replaced(bl, from);
	return r;
}

static int
read_pol(struct hp_baseline *bl, const char *dir, const char *path,
    enum hp_root root, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_buf b = HP_BUF_INIT;
	int r;

	r = hp_file_read(path, HP_MAX_INPUT_SIZE, &b, e);
	if (r == 0)
		r = hp_pol_parse(b.buf, b.len, path, root, &p, w, e);
	if (r == 0)
		r = add_patch(bl, &p, inside(dir, path), w);
	hp_patch_free(&p);
	hp_buf_release(&b);
	return r;
}

/* Named settings (a template's or an audit policy's) of the file rel. */
static void
add_named(struct hp_baseline *bl, enum hp_bl_kind kind, const char *rel,
    const struct hp_secsettings *ss)
{
	const struct hp_secset *x;
	struct hp_bl_item *it;
	size_t i;

	for (i = 0; i < ss->n; i++) {
		x = &ss->v[i];
		it = item_new(bl, kind, rel, x->line);
		it->name = hp_strfmt("%s/%s", x->section, x->name);
		it->section = hp_strdup(x->section);
		it->setting = hp_strdup(x->name);
		it->label = x->label ? hp_strdup(x->label) : NULL;
		it->text = hp_strdup(x->value);
	}
}

/* GptTmpl.inf: [Registry Values] as registry settings, the rest named. */
static int
read_template(struct hp_baseline *bl, const char *dir, const char *path,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_secsettings ss = HP_SECSETTINGS_INIT;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_secedit t;
	int r;

	if (hp_secedit_read_file(path, &t, e) == -1)
		return -1;
	r = hp_secedit_patch(&t, &p, w, e);
	if (r == 0)
		r = add_patch(bl, &p, inside(dir, path), w);
	if (r == 0) {
		hp_secsettings_from_secedit(&t, &ss);
		add_named(bl, HP_BL_SECURITY, inside(dir, path), &ss);
	}
	hp_secsettings_free(&ss);
	hp_patch_free(&p);
	hp_secedit_free(&t);
	return r;
}

static int
read_audit(struct hp_baseline *bl, const char *dir, const char *path,
    struct hp_error *e)
{
	struct hp_secsettings ss = HP_SECSETTINGS_INIT;
	int r;

	r = hp_auditcsv_read_file(path, &ss, e);
	if (r == 0)
		add_named(bl, HP_BL_AUDIT, inside(dir, path), &ss);
	hp_secsettings_free(&ss);
	return r;
}

/* The GPO's display name: Backup.xml's, else the folder's name. */
static int
read_title(struct hp_baseline *bl, const struct hp_gpo *g,
    struct hp_error *e)
{
	const char *base = strrchr(g->dir, '/');

	if (g->backup_xml != NULL && hp_gpmc_backup_field(g->backup_xml,
	    "DisplayName", &bl->title, e) == -1)
		return -1;
	if (bl->title == NULL || *bl->title == '\0') {
		free(bl->title);
		bl->title = hp_strdup(base != NULL && base[1] ? base + 1 :
		    g->dir);
	}
	return 0;
}

int
hp_baseline_read(const char *path, struct hp_baseline *bl,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_gpo g;
	int r;

	memset(bl, 0, sizeof(*bl));
	bl->path = hp_strdup(path);
	if (hp_gpo_locate(path, &g, e) == -1)
		return -1;
	r = read_title(bl, &g, e);
	if (r == 0 && g.machine_pol != NULL)
		r = read_pol(bl, g.dir, g.machine_pol, HP_ROOT_HKLM, w, e);
	if (r == 0 && g.user_pol != NULL)
		r = read_pol(bl, g.dir, g.user_pol, HP_ROOT_HKCU, w, e);
	if (r == 0 && g.gpttmpl != NULL)
		r = read_template(bl, g.dir, g.gpttmpl, w, e);
	if (r == 0 && g.audit_csv != NULL)
		r = read_audit(bl, g.dir, g.audit_csv, e);
	hp_gpo_free(&g);
	return r;
}

/* The index of file in pol's files, added if new. */
static size_t
policy_file(struct hp_policy *pol, size_t *cap, const char *dir,
    const char *file)
{
	struct hp_buf b = HP_BUF_INIT;
	size_t i;

	hp_buf_addf(&b, "%s/%s", dir, file);
	for (i = 0; i < pol->nfiles; i++)
		if (strcmp(pol->files[i], b.buf) == 0) {
			hp_buf_release(&b);
			return i;
		}
	HP_ALLOC_GROW(pol->files, pol->nfiles + 1, *cap);
	pol->files[pol->nfiles] = hp_buf_detach(&b, NULL);
	return pol->nfiles++;
}

/* A named setting as a security requirement: this exact value. */
static void
add_require(struct hp_policy *pol, const struct hp_baseline *bl,
    const struct hp_bl_item *it, size_t *fcap)
{
	struct hp_secrequire *q;
	size_t f = policy_file(pol, fcap, bl->path, it->file);

	HP_ALLOC_GROW(pol->secreqs, pol->nsecreqs + 1, pol->secreqcap);
	q = &pol->secreqs[pol->nsecreqs++];
	memset(q, 0, sizeof(*q));
	q->name = hp_strdup(it->name);
	q->loc.file = pol->files[f];
	q->loc.line = (int)it->line;
	q->section = hp_strdup(it->section);
	q->setting = hp_strdup(it->setting);
	q->value = hp_strdup(it->text);
	q->presence = HP_PRESENCE_REQUIRED;
	q->severity = HP_SEV_ERROR;
	q->rationale = it->label ? hp_strdup(it->label) : NULL;
	q->source = hp_strfmt("%s: %s", bl->title, it->file);
}

struct hp_policy *
hp_baseline_policy(const struct hp_baseline *bl)
{
	struct hp_policy *pol = hp_calloc(1, sizeof(*pol));
	const struct hp_bl_item *it;
	struct hp_setting *s;
	size_t i, f, cap = 0, fcap = 0;

	pol->path = hp_strdup(bl->path);
	pol->description = hp_strfmt("baseline %s", bl->title);
	for (i = 0; i < bl->n; i++) {
		it = &bl->v[i];
		if (it->kind != HP_BL_REGISTRY)
			continue;
		HP_ALLOC_GROW(pol->settings, pol->nsettings + 1, cap);
		s = &pol->settings[pol->nsettings++];
		memset(s, 0, sizeof(*s));
		s->name = hp_strdup(it->name);
		f = policy_file(pol, &fcap, bl->path, it->file);
		s->loc.file = pol->files[f];
		s->loc.line = (int)it->line;
		hp_path_copy(&s->key, &it->key);
		s->value = hp_strdup(it->value);
		s->presence = it->forbidden ? HP_PRESENCE_FORBIDDEN :
		    HP_PRESENCE_REQUIRED;
		s->severity = HP_SEV_ERROR;
		s->has_type = !it->forbidden;
		s->type = it->data.type;
		s->has_data = !it->forbidden && !it->any_data;
		if (s->has_data)
			hp_value_copy(&s->data, &it->data);
		s->source = hp_strfmt("%s: %s", bl->title, it->file);
	}
	for (i = 0; i < bl->n; i++)
		if (bl->v[i].kind != HP_BL_REGISTRY)
			add_require(pol, bl, &bl->v[i], &fcap);
	return pol;
}

/*
 * A GPO target's view with its template's [Registry Values] in it too:
 * the GPO sets those as well.
 */
static int
with_template(struct hp_baseline *bl, const struct hp_source *gpo,
    const struct hp_source *tmpl, struct hp_view *v, struct hp_warnings *w,
    struct hp_error *e)
{
	struct hp_tree *tr;

	if (tmpl->format != HP_FMT_SECEDIT || tmpl->patch.n == 0)
		return 0;
	tr = hp_calloc(1, sizeof(*tr));
	hp_tree_init(tr, NULL);
	HP_ALLOC_GROW(bl->trees, bl->ntrees + 1, bl->treecap);
	bl->trees[bl->ntrees++] = tr;
	if (hp_tree_apply(tr, &gpo->patch, NULL, w, e) == -1 ||
	    hp_tree_apply(tr, &tmpl->patch, NULL, w, e) == -1)
		return -1;
	v->impl = tr;
	return 0;
}

/*
 * The security template and audit policy a GPO target holds, opened
 * into bl; v, the target's view, gets the template's registry values.
 */
static int
open_held(struct hp_baseline *bl, const struct hp_source *src,
    struct hp_view *v, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_error none = HP_ERROR_INIT;
	const char *files[2];
	struct hp_source *s;
	struct hp_gpo g;
	int i, r = 0;

	if (src->format != HP_FMT_GPO || hp_gpo_locate(src->path, &g,
	    &none) == -1)
		return 0;
	files[0] = g.gpttmpl;
	files[1] = g.audit_csv;
	for (i = 0; i < 2 && r == 0; i++) {
		if (files[i] == NULL ||
		    (r = hp_source_open(files[i], NULL, &s, w, e)) == -1)
			continue;
		HP_ALLOC_GROW(bl->opened, bl->nopened + 1, bl->openedcap);
		bl->opened[bl->nopened++] = s;
		r = with_template(bl, src, s, v, w, e);
	}
	hp_gpo_free(&g);
	return r;
}

int
hp_baseline_check(struct hp_baseline *bl, const struct hp_policy *pol,
    const struct hp_targets *t, struct hp_check_result *res,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_source **all;
	struct hp_view *views = hp_calloc(t->n + 1, sizeof(*views));
	size_t i, first = bl->nopened, n = t->n;
	int r = 0;

	for (i = 0; i < t->n && r == 0; i++) {
		views[i] = t->views[i];
		r = open_held(bl, t->src[i], &views[i], w, e);
	}
	if (r == 0)
		r = hp_check_run(pol, views, t->n, res, e);
	free(views);
	if (r == -1)
		return -1;
	all = hp_calloc(t->n + bl->nopened + 1, sizeof(*all));
	for (i = 0; i < t->n; i++)
		all[i] = t->src[i];
	for (i = first; i < bl->nopened; i++)
		all[n++] = bl->opened[i];
	hp_secpolicy_check(pol, all, n, res);
	free(all);
	return 0;
}
