/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/text.h"
#include "core/tree.h"

static struct hp_tree_key *
key_new(const char *name, struct hp_tree_key *parent)
{
	struct hp_tree_key *k = hp_calloc(1, sizeof(*k));

	k->name = hp_strdup(name);
	k->parent = parent;
	return k;
}

static void
key_free(struct hp_tree_key *k)
{
	size_t i;

	if (k == NULL)
		return;
	for (i = 0; i < k->nkids; i++)
		key_free(k->kids[i]);
	free(k->kids);
	hp_tree_values_clear(k);
	free(k->vals);
	free(k->name);
	free(k);
}

void
hp_tree_init(struct hp_tree *t, const struct hp_path *mount)
{
	struct hp_path none = HP_PATH_INIT;

	t->root = key_new("", NULL);
	hp_path_copy(&t->mount, mount ? mount : &none);
}

void
hp_tree_free(struct hp_tree *t)
{
	key_free(t->root);
	t->root = NULL;
	hp_path_free(&t->mount);
}

static const char *
kid_name(const void *kids, size_t i)
{
	return ((struct hp_tree_key *const *)kids)[i]->name;
}

/* Index of name among k's sorted kids, or of where it would go (*found 0). */
static size_t
kid_search(const struct hp_tree_key *k, const char *name, int *found)
{
	/* Appending in order is the common case when reading files. */
	if (k->nkids > 0 && hp_name_cmp(k->kids[k->nkids - 1]->name,
	    name) < 0) {
		*found = 0;
		return k->nkids;
	}
	return hp_name_search(k->kids, k->nkids, kid_name, name, found);
}

struct hp_tree_key *
hp_tree_child(const struct hp_tree_key *k, const char *name)
{
	int found;
	size_t i = kid_search(k, name, &found);

	return found ? k->kids[i] : NULL;
}

struct hp_tree_key *
hp_tree_child_add(struct hp_tree_key *k, const char *name)
{
	struct hp_tree_key *kid;
	int found;
	size_t i = kid_search(k, name, &found);

	if (found)
		return k->kids[i];
	HP_ALLOC_GROW(k->kids, k->nkids + 1, k->capkids);
	kid = key_new(name, k);
	memmove(k->kids + i + 1, k->kids + i,
	    (k->nkids - i) * sizeof(*k->kids));
	k->kids[i] = kid;
	k->nkids++;
	return kid;
}

void
hp_tree_child_delete(struct hp_tree_key *k, const char *name)
{
	int found;
	size_t i = kid_search(k, name, &found);

	if (!found)
		return;
	key_free(k->kids[i]);
	memmove(k->kids + i, k->kids + i + 1,
	    (k->nkids - i - 1) * sizeof(*k->kids));
	k->nkids--;
}

struct hp_tree_value *
hp_tree_value_get(const struct hp_tree_key *k, const char *name)
{
	size_t i;

	for (i = 0; i < k->nvals; i++)
		if (hp_name_eq(k->vals[i].name, name))
			return &k->vals[i];
	return NULL;
}

int
hp_tree_value_set(struct hp_tree_key *k, const char *name,
    const struct hp_value *v)
{
	struct hp_tree_value *tv = hp_tree_value_get(k, name);

	if (tv == NULL) {
		HP_ALLOC_GROW(k->vals, k->nvals + 1, k->capvals);
		tv = &k->vals[k->nvals++];
		tv->name = hp_strdup(name);
		tv->value = (struct hp_value)HP_VALUE_INIT;
	}
	hp_value_copy(&tv->value, v);
	return 0;
}

int
hp_tree_value_delete(struct hp_tree_key *k, const char *name)
{
	struct hp_tree_value *tv = hp_tree_value_get(k, name);
	size_t i;

	if (tv == NULL)
		return 0;
	i = (size_t)(tv - k->vals);
	free(tv->name);
	hp_value_free(&tv->value);
	memmove(k->vals + i, k->vals + i + 1,
	    (k->nvals - i - 1) * sizeof(*k->vals));
	k->nvals--;
	return 1;
}

void
hp_tree_values_clear(struct hp_tree_key *k)
{
	size_t i;

	for (i = 0; i < k->nvals; i++) {
		free(k->vals[i].name);
		hp_value_free(&k->vals[i].value);
	}
	k->nvals = 0;
}

/* The key at the first n components of rel, created if create is set. */
static struct hp_tree_key *
find_key(struct hp_tree *t, const struct hp_path *rel, size_t n, int create,
    struct hp_apply_stats *st)
{
	struct hp_tree_key *k = t->root, *kid;
	size_t i;

	for (i = 0; i < n; i++, k = kid) {
		if ((kid = hp_tree_child(k, rel->comps[i])) != NULL)
			continue;
		if (!create)
			return NULL;
		kid = hp_tree_child_add(k, rel->comps[i]);
		st->keys_created++;
	}
	return k;
}

static void
set_value(struct hp_tree_key *k, const struct hp_op *op,
    struct hp_apply_stats *st)
{
	struct hp_tree_value *tv = hp_tree_value_get(k, op->name);

	if (tv != NULL && (op->kind == HP_OP_SET_VALUE_SOFT ||
	    (tv->value.type == op->value.type &&
	    hp_value_equal(&tv->value, &op->value)))) {
		st->unchanged++;
		return;
	}
	hp_tree_value_set(k, op->name, &op->value);
	st->values_set++;
}

static int
apply_op(void *arg, const struct hp_op *op, const struct hp_path *rel,
    struct hp_apply_stats *st, struct hp_error *e)
{
	struct hp_tree_key *k;
	size_t n = rel->n;

	if (op->kind == HP_OP_DELETE_KEY) {
		if (n == 0)
			return hp_error_set(e, HP_E_INPUT,
			    "refusing to delete the root key");
		n--;
	}
	if ((k = find_key(arg, rel, n, hp_op_creates_key(op), st)) == NULL) {
		st->unchanged++;
		return 0;
	}
	switch (op->kind) {
	case HP_OP_CREATE_KEY:
		break;
	case HP_OP_SET_VALUE_SOFT:
	case HP_OP_SET_VALUE:
		set_value(k, op, st);
		break;
	case HP_OP_DELETE_VALUE:
		if (hp_tree_value_delete(k, op->name))
			st->values_deleted++;
		else
			st->unchanged++;
		break;
	case HP_OP_DELETE_VALUES:
		st->values_deleted += k->nvals;
		hp_tree_values_clear(k);
		break;
	case HP_OP_DELETE_KEY:
		if (hp_tree_child(k, rel->comps[n]) == NULL) {
			st->unchanged++;
			break;
		}
		hp_tree_child_delete(k, rel->comps[n]);
		st->keys_deleted++;
		break;
	}
	return 0;
}

int
hp_tree_apply(struct hp_tree *t, const struct hp_patch *p,
    struct hp_apply_stats *stats, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_view view;

	hp_tree_view(t, &view, NULL);
	return hp_view_apply(&view, p, apply_op, t, stats, w, e);
}

/* The view: nodes are struct hp_tree_key pointers. */

#define KEY(n)	((struct hp_tree_key *)(uintptr_t)(n))
#define NODE(k)	((hp_node)(uintptr_t)(k))

static int
tv_root(void *impl, hp_node *out, struct hp_error *e)
{
	(void)e;
	*out = NODE(((struct hp_tree *)impl)->root);
	return 0;
}

static int
tv_child(void *impl, hp_node key, const char *name, hp_node *out,
    struct hp_error *e)
{
	struct hp_tree_key *k = hp_tree_child(KEY(key), name);

	(void)impl;
	(void)e;
	if (k == NULL)
		return 1;
	*out = NODE(k);
	return 0;
}

static int
tv_subkeys(void *impl, hp_node key, struct hp_keylist *out,
    struct hp_error *e)
{
	struct hp_tree_key *k = KEY(key);
	size_t i;

	(void)impl;
	(void)e;
	for (i = 0; i < k->nkids; i++)
		hp_keylist_add(out, k->kids[i]->name, NODE(k->kids[i]));
	return 0;
}

static int
tv_values(void *impl, hp_node key, struct hp_vallist *out,
    struct hp_error *e)
{
	struct hp_tree_key *k = KEY(key);
	size_t i;

	(void)impl;
	(void)e;
	for (i = 0; i < k->nvals; i++)
		hp_vallist_add(out, k->vals[i].name, &k->vals[i].value);
	return 0;
}

static int
tv_value(void *impl, hp_node key, const char *name, struct hp_value *out,
    struct hp_error *e)
{
	struct hp_tree_value *tv = hp_tree_value_get(KEY(key), name);

	(void)impl;
	(void)e;
	if (tv == NULL)
		return 1;
	hp_value_copy(out, &tv->value);
	return 0;
}

static int64_t
tv_mtime(void *impl, hp_node key)
{
	(void)impl;
	(void)key;
	return 0;
}

static const struct hp_view_ops tree_view_ops = {
	tv_root, tv_child, tv_subkeys, tv_values, tv_value, tv_mtime
};

void
hp_tree_view(struct hp_tree *t, struct hp_view *v, const char *source)
{
	v->ops = &tree_view_ops;
	v->impl = t;
	v->mount = t->mount;	/* shared, not owned */
	v->whole = t->mount.root == HP_ROOT_NONE && t->mount.n == 0;
	v->mounted = 1;
	v->source = source;
	v->state = NULL;
	v->recovered_from = NULL;
}
