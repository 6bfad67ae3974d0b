/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/text.h"
#include "core/view.h"

/*
 * HKEY_CLASSES_ROOT is a merged view; Windows stores a write to it in
 * HKLM\SOFTWARE\Classes, or in the user's classes (UsrClass.dat, mounted
 * at HKCU\Software\Classes) where those are the hive at hand.  Fills
 * out with p's place in the hive mounted at mount; 0 if it has none.
 */
static int
classes_path(const struct hp_path *mount, const struct hp_path *p,
    struct hp_path *out)
{
	struct hp_path base = HP_PATH_INIT;
	size_t i;
	int r;

	base.root = mount->root;
	hp_path_push(&base, mount->root == HP_ROOT_HKLM ? "SOFTWARE" :
	    "Software");
	hp_path_push(&base, "Classes");
	r = (mount->root == HP_ROOT_HKLM && mount->n <= 2) ||
	    (mount->root == HP_ROOT_HKCU && hp_path_has_prefix(mount, &base));
	if (r) {
		hp_path_copy(out, &base);
		for (i = 0; i < p->n; i++)
			hp_path_push(out, p->comps[i]);
	}
	hp_path_free(&base);
	return r;
}

int
hp_view_relative(const struct hp_view *v, const struct hp_path *p,
    struct hp_path *rel, struct hp_error *e)
{
	struct hp_path out = HP_PATH_INIT, classes = HP_PATH_INIT;
	size_t i, skip = 0;
	int r;

	if (!v->whole && v->mounted && p->root == HP_ROOT_HKCR &&
	    classes_path(&v->mount, p, &classes)) {
		r = hp_view_relative(v, &classes, rel, e);
		hp_path_free(&classes);
		return r;
	}
	(void)e;
	if (v->whole && p->root != HP_ROOT_NONE) {
		/* The root name is the first component. */
		hp_path_push(&out, hp_root_long(p->root));
	} else if (p->root != HP_ROOT_NONE) {
		if (!v->mounted || !hp_path_has_prefix(p, &v->mount))
			return 1;
		skip = v->mount.n;
	}
	for (i = skip; i < p->n; i++)
		hp_path_push(&out, p->comps[i]);
	*rel = out;
	return 0;
}

/*
 * hp_view_relative for an operation of a patch being applied: one that
 * lies outside the view's mount is counted and reported, and 1 returned.
 */
static int
op_relative(const struct hp_view *v, const struct hp_op *op,
    struct hp_path *rel, struct hp_apply_stats *st, struct hp_warnings *w,
    struct hp_error *e)
{
	char *s;
	int r;

	if ((r = hp_view_relative(v, &op->key, rel, e)) != 1)
		return r;
	s = hp_path_str(&op->key);
	hp_warn(w, "%s: outside %s, not applied", s,
	    v->source ? v->source : "this target");
	free(s);
	st->outside++;
	return 1;
}

int
hp_view_apply(const struct hp_view *v, const struct hp_patch *p,
    hp_apply_fn fn, void *arg, struct hp_apply_stats *stats,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_apply_stats local = { 0 };
	struct hp_apply_stats *st = stats ? stats : &local;
	struct hp_path rel;
	size_t i;
	int r;

	for (i = 0; i < p->n; i++) {
		if ((r = op_relative(v, &p->ops[i], &rel, st, w, e)) == -1)
			return -1;
		if (r == 1)
			continue;
		r = fn(arg, &p->ops[i], &rel, st, e);
		hp_path_free(&rel);
		if (r == -1)
			return -1;
	}
	return 0;
}

void
hp_view_full_path(const struct hp_view *v, const struct hp_path *rel,
    struct hp_path *full)
{
	struct hp_path tail = HP_PATH_INIT;

	if (!v->whole || rel->n == 0) {
		hp_path_join(full, &v->mount, rel);
		return;
	}
	/* Whole namespace: the first component names the root. */
	tail.n = rel->n - 1;
	tail.comps = rel->comps + 1;
	hp_path_copy(full, &tail);
	full->root = hp_root_parse(rel->comps[0], strlen(rel->comps[0]));
}

int
hp_view_lookup(const struct hp_view *v, const struct hp_path *p,
    hp_node *out, struct hp_error *e)
{
	struct hp_path rel;
	hp_node node;
	size_t i;
	int r;

	if ((r = hp_view_relative(v, p, &rel, e)) != 0)
		return r;
	r = v->ops->root(v->impl, &node, e);
	for (i = 0; i < rel.n && r == 0; i++)
		r = v->ops->child(v->impl, node, rel.comps[i], &node, e);
	hp_path_free(&rel);
	if (r == 0)
		*out = node;
	return r;
}

int
hp_view_get(const struct hp_view *v, const struct hp_path *key,
    const char *name, struct hp_value *out, struct hp_error *e)
{
	hp_node node;
	int r;

	if ((r = hp_view_lookup(v, key, &node, e)) != 0)
		return r;
	return v->ops->value(v->impl, node, name, out, e);
}

void
hp_keylist_take(struct hp_keylist *l, char *name, hp_node node)
{
	HP_ALLOC_GROW(l->v, l->n + 1, l->cap);
	l->v[l->n].name = name;
	l->v[l->n++].node = node;
}

void
hp_keylist_add(struct hp_keylist *l, const char *name, hp_node node)
{
	hp_keylist_take(l, hp_strdup(name), node);
}

static int
keyent_cmp(const void *a, const void *b)
{
	return hp_name_cmp(((const struct hp_keyent *)a)->name,
	    ((const struct hp_keyent *)b)->name);
}

void
hp_keylist_sort(struct hp_keylist *l)
{
	size_t i;

	/* Hives keep subkey lists sorted already: check before sorting. */
	for (i = 1; i < l->n; i++)
		if (keyent_cmp(&l->v[i - 1], &l->v[i]) > 0)
			break;
	if (i < l->n)
		qsort(l->v, l->n, sizeof(*l->v), keyent_cmp);
}

void
hp_keylist_free(struct hp_keylist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void
hp_vallist_take(struct hp_vallist *l, char *name, struct hp_value *value)
{
	struct hp_valent *ent;

	HP_ALLOC_GROW(l->v, l->n + 1, l->cap);
	ent = &l->v[l->n++];
	ent->name = name;
	ent->value = *value;
	*value = (struct hp_value)HP_VALUE_INIT;
}

void
hp_vallist_add(struct hp_vallist *l, const char *name,
    const struct hp_value *value)
{
	struct hp_value copy = HP_VALUE_INIT;

	hp_value_copy(&copy, value);
	hp_vallist_take(l, hp_strdup(name), &copy);
}

static int
valent_cmp(const void *a, const void *b)
{
	return hp_name_cmp(((const struct hp_valent *)a)->name,
	    ((const struct hp_valent *)b)->name);
}

/* Few values per key is the rule: sort those in place, stably. */
#define VALS_INSERTION	16

void
hp_vallist_sort(struct hp_vallist *l)
{
	size_t i, j;

	/* "" sorts first, so the default value leads. */
	for (i = 1; i < l->n; i++)
		if (valent_cmp(&l->v[i - 1], &l->v[i]) > 0)
			break;
	if (i == l->n)
		return;
	/*
	 * Names that compare equal (only in a corrupt hive) keep their hive
	 * order, as with glibc 2.36's qsort, a merge sort.
	 */
	if (l->n > VALS_INSERTION) {
		qsort(l->v, l->n, sizeof(*l->v), valent_cmp);
		return;
	}
	for (; i < l->n; i++) {
		struct hp_valent x = l->v[i];

		for (j = i; j > 0 && valent_cmp(&l->v[j - 1], &x) > 0; j--)
			l->v[j] = l->v[j - 1];
		l->v[j] = x;
	}
}

void
hp_vallist_free(struct hp_vallist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		hp_value_free(&l->v[i].value);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

int
hp_view_sorted_subkeys(const struct hp_view *v, hp_node key,
    struct hp_keylist *out, struct hp_error *e)
{
	int r = v->ops->subkeys(v->impl, key, out, e);

	if (r == 0)
		hp_keylist_sort(out);
	return r;
}

int
hp_view_sorted_values(const struct hp_view *v, hp_node key,
    struct hp_vallist *out, struct hp_error *e)
{
	int r = v->ops->values(v->impl, key, out, e);

	if (r == 0)
		hp_vallist_sort(out);
	return r;
}

int
hp_view_walk(const struct hp_view *v, hp_node node, struct hp_path *rel,
    unsigned max_depth, hp_walk_fn fn, void *arg, struct hp_error *e)
{
	struct hp_vallist vals = HP_LIST_INIT;
	struct hp_keylist kids = HP_LIST_INIT;
	size_t i;
	int r;

	if (rel->n > HP_MAX_KEY_DEPTH)
		return hp_limit_error(e, v->source ? v->source : "walk",
		    "key depth", rel->n, HP_MAX_KEY_DEPTH);
	if ((r = hp_view_sorted_values(v, node, &vals, e)) == 0)
		r = fn(arg, rel, node, &vals, e);
	hp_vallist_free(&vals);
	if (r != 0 || max_depth == 0)
		return r == 1 ? 0 : r;
	r = hp_view_sorted_subkeys(v, node, &kids, e);
	for (i = 0; i < kids.n && r == 0; i++) {
		/* The path takes the name over: no copy per key. */
		hp_path_take(rel, kids.v[i].name);
		kids.v[i].name = NULL;
		r = hp_view_walk(v, kids.v[i].node, rel, max_depth - 1, fn,
		    arg, e);
		hp_path_pop(rel);
	}
	hp_keylist_free(&kids);
	return r;
}
