#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/text.h"
#include "core/tree.h"

static struct hp_tree_key *
key_new(const char *name, struct hp_tree_key *parent)
{
	struct hp_tree_key *k = calloc(1, sizeof(*k));

	if (k == NULL)
		return NULL;
	if ((k->name = strdup(name)) == NULL) {
		free(k);
		return NULL;
	}
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

int
hp_tree_init(struct hp_tree *t, const struct hp_path *mount)
{
	struct hp_path none = HP_PATH_INIT;

	if ((t->root = key_new("", NULL)) == NULL)
		return -1;
	if (hp_path_copy(&t->mount, mount ? mount : &none) == -1) {
		key_free(t->root);
		t->root = NULL;
		return -1;
	}
	return 0;
}

void
hp_tree_free(struct hp_tree *t)
{
	key_free(t->root);
	t->root = NULL;
	hp_path_free(&t->mount);
}

/* Index of name among k's sorted kids, or of where it would go (*found 0). */
static size_t
kid_search(const struct hp_tree_key *k, const char *name, int *found)
{
	size_t lo = 0, hi = k->nkids;

	*found = 0;
	/* Appending in order is the common case when reading files. */
	if (hi > 0 && hp_name_cmp(k->kids[hi - 1]->name, name) < 0)
		return hi;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = hp_name_cmp(k->kids[mid]->name, name);

		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
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
	if (k->nkids == k->capkids) {
		size_t cap = k->capkids ? k->capkids * 2 : 4;
		struct hp_tree_key **g = realloc(k->kids, cap * sizeof(*g));

		if (g == NULL)
			return NULL;
		k->kids = g;
		k->capkids = cap;
	}
	if ((kid = key_new(name, k)) == NULL)
		return NULL;
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

	if (tv != NULL)
		return hp_value_copy(&tv->value, v);
	if (k->nvals == k->capvals) {
		size_t cap = k->capvals ? k->capvals * 2 : 4;
		struct hp_tree_value *g = realloc(k->vals, cap * sizeof(*g));

		if (g == NULL)
			return -1;
		k->vals = g;
		k->capvals = cap;
	}
	tv = &k->vals[k->nvals];
	memset(tv, 0, sizeof(*tv));
	if ((tv->name = strdup(name)) == NULL)
		return -1;
	if (hp_value_copy(&tv->value, v) == -1) {
		free(tv->name);
		return -1;
	}
	k->nvals++;
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

static int
apply_op(struct hp_tree *t, const struct hp_op *op, const struct hp_path *rel,
    struct hp_apply_stats *st)
{
	struct hp_tree_key *k = t->root, *kid;
	struct hp_tree_value *tv;
	size_t i, n = rel->n;
	int create = op->kind == HP_OP_CREATE_KEY ||
	    op->kind == HP_OP_SET_VALUE || op->kind == HP_OP_SET_VALUE_SOFT;

	if (op->kind == HP_OP_DELETE_KEY) {
		if (n == 0)
			return 1;	/* the root itself is never deleted */
		n--;
	}
	for (i = 0; i < n; i++) {
		if ((kid = hp_tree_child(k, rel->comps[i])) == NULL) {
			if (!create) {
				st->unchanged++;
				return 0;
			}
			if ((kid = hp_tree_child_add(k, rel->comps[i])) ==
			    NULL)
				return -1;
			st->keys_created++;
		}
		k = kid;
	}
	switch (op->kind) {
	case HP_OP_CREATE_KEY:
		break;
	case HP_OP_SET_VALUE_SOFT:
		if (hp_tree_value_get(k, op->name) != NULL) {
			st->unchanged++;
			break;
		}
		/* FALLTHROUGH */
	case HP_OP_SET_VALUE:
		tv = hp_tree_value_get(k, op->name);
		if (tv != NULL && tv->value.type == op->value.type &&
		    hp_value_equal(&tv->value, &op->value)) {
			st->unchanged++;
			break;
		}
		if (hp_tree_value_set(k, op->name, &op->value) == -1)
			return -1;
		st->values_set++;
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
	struct hp_apply_stats local = { 0 };
	struct hp_apply_stats *st = stats ? stats : &local;
	size_t i;
	int r;

	hp_tree_view(t, &view, NULL);
	for (i = 0; i < p->n; i++) {
		const struct hp_op *op = &p->ops[i];
		struct hp_path rel;

		if ((r = hp_view_op_relative(&view, op, &rel, st, w, e)) ==
		    -1)
			return -1;
		if (r == 1)
			continue;
		r = apply_op(t, op, &rel, st);
		if (r == 1) {
			hp_path_free(&rel);
			return hp_error_set(e, HP_E_INPUT,
			    "refusing to delete the root key");
		}
		hp_path_free(&rel);
		if (r == -1)
			return hp_error_errno(e, HP_E_IO, "out of memory");
	}
	return 0;
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
	for (i = 0; i < k->nkids; i++)
		if (hp_keylist_add(out, k->kids[i]->name,
		    NODE(k->kids[i])) == -1)
			return hp_error_errno(e, HP_E_IO, "out of memory");
	return 0;
}

static int
tv_values(void *impl, hp_node key, struct hp_vallist *out,
    struct hp_error *e)
{
	struct hp_tree_key *k = KEY(key);
	size_t i;

	(void)impl;
	for (i = 0; i < k->nvals; i++)
		if (hp_vallist_add(out, k->vals[i].name,
		    &k->vals[i].value) == -1)
			return hp_error_errno(e, HP_E_IO, "out of memory");
	return 0;
}

static int
tv_value(void *impl, hp_node key, const char *name, struct hp_value *out,
    struct hp_error *e)
{
	struct hp_tree_value *tv = hp_tree_value_get(KEY(key), name);

	(void)impl;
	if (tv == NULL)
		return 1;
	if (hp_value_copy(out, &tv->value) == -1)
		return hp_error_errno(e, HP_E_IO, "out of memory");
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
}
