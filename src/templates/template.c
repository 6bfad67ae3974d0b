/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/text.h"
#include "templates/template.h"

/*
 * The arena: a list of chunks, bump-allocated.  Templates are read once
 * and freed whole, so nothing is released piecemeal; a grown array leaves
 * its old copy behind, which doubling keeps under half the total.
 */
#define ARENA_CHUNK	(64 * 1024)

struct chunk {
	struct chunk	*next;
	size_t		 used, size;
	max_align_t	 data[];
};

struct hp_tmpl_arena {
	struct chunk	*head;
};

struct hp_tmpl *
hp_tmpl_new(void)
{
	struct hp_tmpl *t;

	t = hp_calloc(1, sizeof(*t));
	t->arena = hp_calloc(1, sizeof(*t->arena));
	return t;
}

void
hp_tmpl_free(struct hp_tmpl *t)
{
	struct chunk *c, *n;

	if (t == NULL)
		return;
	for (c = t->arena->head; c != NULL; c = n) {
		n = c->next;
		free(c);
	}
	free(t->arena);
	free(t);
}

void *
hp_tmpl_alloc(struct hp_tmpl *t, size_t size)
{
	struct chunk *c = t->arena->head;
	size_t al = sizeof(max_align_t);
	void *p;

	size = hp_size_add(size, al - 1) / al * al;
	if (size == 0)
		size = al;
	if (c == NULL || c->size - c->used < size) {
		size_t cs = size > ARENA_CHUNK / 4 ? size : ARENA_CHUNK;

		c = hp_malloc(hp_size_add(sizeof(*c), cs));
		c->used = 0;
		c->size = cs;
		if (cs == size && t->arena->head != NULL) {
			/* A big block: keep the current chunk in front. */
			c->next = t->arena->head->next;
			t->arena->head->next = c;
		} else {
			c->next = t->arena->head;
			t->arena->head = c;
		}
	}
	p = (char *)c->data + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

const char *
hp_tmpl_strndup(struct hp_tmpl *t, const char *s, size_t n)
{
	char *d;

	if (s == NULL)
		return NULL;
	d = hp_tmpl_alloc(t, hp_size_add(n, 1));
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

const char *
hp_tmpl_strdup(struct hp_tmpl *t, const char *s)
{
	return s == NULL ? NULL : hp_tmpl_strndup(t, s, strlen(s));
}

void *
hp_tmpl_push(struct hp_tmpl *t, void *vp, size_t *np, size_t sz)
{
	char **arr = vp;
	size_t n = *np;

	/* Capacity is implicit: 4, then doubling at each power of two. */
	if (n == 0 || (n >= 4 && (n & (n - 1)) == 0)) {
		size_t cap = n == 0 ? 4 : 2 * n;
		char *nv;

		nv = hp_tmpl_alloc(t, hp_size_mul(cap, sz));
		if (n > 0)
			memcpy(nv, *arr, n * sz);
		*arr = nv;
	}
	(*np)++;
	memset(*arr + n * sz, 0, sz);
	return *arr + n * sz;
}

const struct hp_tmpl_policy *
hp_tmpl_find_policy(const struct hp_tmpl *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->npolicies; i++)
		if (strcasecmp(t->policies[i].name, name) == 0)
			return &t->policies[i];
	return NULL;
}

const struct hp_tmpl_elem *
hp_tmpl_find_elem(const struct hp_tmpl_policy *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->nelems; i++)
		if (strcasecmp(p->elems[i].id, id) == 0)
			return &p->elems[i];
	return NULL;
}

const struct hp_tmpl_lang *
hp_tmpl_find_lang(const struct hp_tmpl *t, const char *lang)
{
	size_t i;

	if (t->nlangs == 0)
		return NULL;
	if (lang == NULL)
		return &t->langs[0];
	for (i = 0; i < t->nlangs; i++)
		if (t->langs[i].lang != NULL &&
		    strcasecmp(t->langs[i].lang, lang) == 0)
			return &t->langs[i];
	return NULL;
}

/* String ids are case-sensitive in GPEdit (U); compare exactly. */
const struct hp_tmpl_string *
hp_tmpl_find_string(const struct hp_tmpl_lang *l, const char *id)
{
	size_t i;

	for (i = 0; l != NULL && i < l->nstrings; i++)
		if (strcmp(l->strings[i].id, id) == 0)
			return &l->strings[i];
	return NULL;
}

const struct hp_tmpl_presentation *
hp_tmpl_find_pres(const struct hp_tmpl_lang *l, const char *id)
{
	size_t i;

	for (i = 0; l != NULL && i < l->npres; i++)
		if (strcmp(l->pres[i].id, id) == 0)
			return &l->pres[i];
	return NULL;
}

const char *
hp_tmpl_ref_id(const char *ref, const char *kind, char *tmp, size_t n)
{
	size_t kl = strlen(kind), rl;

	if (ref == NULL || strncmp(ref, "$(", 2) != 0 ||
	    strncmp(ref + 2, kind, kl) != 0 || ref[2 + kl] != '.')
		return NULL;
	ref += 3 + kl;
	rl = strlen(ref);
	if (rl < 2 || ref[rl - 1] != ')' || rl > n)
		return NULL;
	memcpy(tmp, ref, rl - 1);
	tmp[rl - 1] = '\0';
	return tmp;
}

const char *
hp_tmpl_text(const struct hp_tmpl *t, const struct hp_tmpl_lang *l,
    const char *ref)
{
	const struct hp_tmpl_string *s;
	char id[512];

	if (ref == NULL)
		return NULL;
	if (hp_tmpl_ref_id(ref, "string", id, sizeof(id)) == NULL)
		return ref;
	if (l == NULL)
		l = hp_tmpl_find_lang(t, NULL);
	return (s = hp_tmpl_find_string(l, id)) != NULL ? s->text : ref;
}

const char *
hp_tmpl_class_name(enum hp_tmpl_class c)
{
	return c == HP_TMPL_MACHINE ? "Machine" : c == HP_TMPL_USER ? "User" :
	    "Both";
}

static const char *const etype_names[] = {
	"boolean", "decimal", "longDecimal", "text", "enum", "list",
	"multiText"
};

static const char *const ctype_names[] = {
	"text", "decimalTextBox", "longDecimalTextBox", "textBox",
	"multiTextBox", "checkBox", "comboBox", "dropdownList", "listBox"
};

const char *
hp_tmpl_etype_name(enum hp_tmpl_etype t)
{
	return etype_names[t];
}

const char *
hp_tmpl_ctype_name(enum hp_tmpl_ctype t)
{
	return ctype_names[t];
}

int
hp_tmpl_ctype_fits(enum hp_tmpl_ctype c, enum hp_tmpl_etype e)
{
	switch (c) {
	case HP_TC_CHECKBOX:
		return e == HP_TE_BOOLEAN;
	case HP_TC_COMBOBOX:
	case HP_TC_TEXTBOX:
		return e == HP_TE_TEXT;
	case HP_TC_DECIMALTEXTBOX:
		return e == HP_TE_DECIMAL;
	case HP_TC_LONGDECIMALTEXTBOX:
		return e == HP_TE_LONGDECIMAL;
	case HP_TC_DROPDOWNLIST:
		return e == HP_TE_ENUM;
	case HP_TC_LISTBOX:
		return e == HP_TE_LIST;
	case HP_TC_MULTITEXTBOX:
		return e == HP_TE_MULTITEXT;
	case HP_TC_TEXT:
		return 0;
	}
	return 0;
}
