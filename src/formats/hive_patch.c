/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Applying a patch: every change goes to the overlay (hive_impl.h), the
 * file and libhivex's handle stay as they were.  Each change also records
 * a check, the key or value the verification of a written image reads
 * back, and marks the keys whose LastWriteTime the writer renews.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"
#include "formats/hive_impl.h"
#include "core/limits.h"
#include "core/text.h"

/* The key gets the commit's time; the hive has something to write. */
static void
stamp(struct hp_hive *hv, struct okey *k)
{
	k->flags |= OK_STAMP;
	hv->changed = 1;
}

/*
 * Records a check of the key at the first n components of rel (its value
 * name, if not NULL).  A run of values set on one key shares one copy of
 * the key's path (see hp_patch_add).
 */
static void
add_check(struct hp_hive *hv, const struct hp_path *rel, size_t n,
    const char *name)
{
	struct hp_path key = { .n = n, .comps = rel->comps };

	hp_patch_add(&hv->checks, name ? HP_OP_SET_VALUE : HP_OP_CREATE_KEY,
	    &key, name, NULL, 0);
}

static int
check_key_name(const struct hp_hive *hv, const char *name, struct hp_error *e)
{
	if (strlen(name) > HP_MAX_KEY_NAME)
		return hp_limit_error(e, hv->path, "key name length",
		    strlen(name), HP_MAX_KEY_NAME);
	/* A backslash never belongs in a name, nor does a NUL. */
	if (*name == '\0' || strchr(name, '\\') != NULL)
		return hp_error_set(e, HP_E_INPUT, "%s: invalid key name "
		    "\"%s\"", hv->path, name);
	return 0;
}

/* Checks what the hive can hold for one SET_VALUE. */
static int
check_set(const struct hp_hive *hv, const struct hp_op *op,
    struct hp_error *e)
{
	if (strlen(op->name) > HP_MAX_VALUE_NAME)
		return hp_limit_error(e, hv->path, "value name length",
		    strlen(op->name), HP_MAX_VALUE_NAME);
	if (op->value.len > HP_MAX_WRITE_VALUE)
		return hp_limit_error(e, hv->path, "value data size",
		    op->value.len, HP_MAX_WRITE_VALUE);
	return 0;
}

/* Inserts a child into k's sorted index at at. */
static void
kids_insert(struct okey *k, size_t at, const char *name, hp_node node)
{
	HP_ALLOC_GROW(k->kids, k->nkids + 1, k->capkids);
	memmove(&k->kids[at + 1], &k->kids[at], (k->nkids - at) *
	    sizeof(*k->kids));
	k->kids[at].name = hp_strdup(name);
	k->kids[at].node = node;
	k->nkids++;
	k->flags |= OK_KIDS_CHANGED;
}

/* Creates the subkey name of the key whose entry is parent. */
static int
create_key(struct hp_hive *hv, struct okey *parent, const char *name,
    hp_node *out, struct hp_error *e)
{
	struct okey *k;
	size_t at;
	int found;

	if (check_key_name(hv, name, e) == -1)
		return -1;
	if (parent->nkids + 1 > HP_MAX_SUBKEYS)
		return hp_limit_error(e, hv->path, "subkeys of one key",
		    parent->nkids + 1, HP_MAX_SUBKEYS);
	*out = HV_NEW_NODE | ++hv->last_new;
	k = hive_okey_get(hv, *out);
	k->flags = OK_KIDS | OK_KIDS_CHANGED | OK_CLEARED;
	at = hive_kid_search(parent, name, &found);
	kids_insert(parent, at, name, *out);
	stamp(hv, k);
	stamp(hv, parent);
	return 0;
}

/*
 * CurrentControlSet is no key of a SYSTEM hive but what Select\Current
 * names (a link Windows makes at boot): when that does not lead to a
 * control set, creating a key of that name would put the settings where
 * Windows never reads them.
 */
static int
no_current_control_set(struct hp_hive *hv, hp_node root,
    struct hp_error *e)
{
	struct hp_value cur = HP_VALUE_INIT;
	hp_node sel;
	uint32_t n = 0;
	int r;

	r = hive_child(hv, root, "Select", &sel, e);
	if (r == 0 && (r = hive_value(hv, sel, "Current", &cur, e)) == 0)
		r = cur.type == HP_REG_DWORD && cur.len == 4 &&
		    hp_value_get_u32(&cur, &n) == 0 ? 0 : 2;
	hp_value_free(&cur);
	if (r == -1)
		return -1;
	if (r == 0)
		return hp_error_set(e, HP_E_INPUT, "%s: CurrentControlSet is "
		    "Select\\Current's ControlSet%03u, which this hive does "
		    "not have; create ControlSet%03u first", hv->path,
		    (unsigned)n, (unsigned)n);
	return hp_error_set(e, HP_E_INPUT, "%s: CurrentControlSet stands for "
	    "the control set Select\\Current names, and this hive has %s; "
	    "set Select\\Current (a DWORD), or name the ControlSet00N key "
	    "itself", hv->path, r == 1 ? "no Select\\Current" : "a "
	    "Select\\Current that is not a DWORD");
}

/*
 * Finds the key at the first n components of rel, creating missing keys
 * if create is set.  Returns 0, 1 if absent (and not created), -1.
 */
static int
find_key(struct hp_hive *hv, const struct hp_path *rel, size_t n, int create,
    struct hp_apply_stats *st, hp_node *out, struct hp_error *e)
{
	hp_node node, kid = 0;
	struct okey *k;
	size_t i;
	int r;

	if (hive_handle(hv, e) == -1)
		return -1;
	node = hivex_root(hv->h);
	for (i = 0; i < n; i++) {
		if ((r = hive_child(hv, node, rel->comps[i], &kid, e)) == -1)
			return -1;
		if (r == 1 && !create)
			return 1;
		if (r == 1 && i == 0 &&
		    hp_name_eq(rel->comps[0], "CurrentControlSet"))
			return no_current_control_set(hv, node, e);
		if (r == 1) {
			if ((k = hive_okey_kids(hv, node, e)) == NULL ||
			    create_key(hv, k, rel->comps[i], &kid, e) == -1)
				return -1;
			add_check(hv, rel, i + 1, NULL);
			st->keys_created++;
		}
		node = kid;
	}
	*out = node;
	return 0;
}

/* The change of value name of k, added (as a deletion) if k has none yet. */
static struct vchg *
vchg_get(struct hp_hive *hv, struct okey *k, const char *name)
{
	struct vchg *c;
	size_t at;
	int found;

	at = hive_chg_search(k, name, &found);
	if (found)
		return &k->chg[at];
	HP_ALLOC_GROW(k->chg, k->nchg + 1, k->capchg);
	c = &k->chg[at];
	memmove(c + 1, c, (k->nchg - at) * sizeof(*c));
	memset(c, 0, sizeof(*c));
	c->name = hp_strdup(name);
	c->deleted = 1;
	c->seq = ++hv->last_seq;
	k->nchg++;
	return c;
}

/*
 * How many values a key would have with one more: an upper bound (the
 * file's count plus every change) made exact only when it is over the
 * limit, which is rare.
 */
static int
check_value_count(struct hp_hive *hv, struct okey *k, struct hp_error *e)
{
	size_t n = k->nchg + 1, i;
	int file = !(k->node & HV_NEW_NODE) && !(k->flags & OK_CLEARED);

	if (file)
		n += hivex_node_nr_values(hv->h, k->node);
	if (n <= HP_MAX_VALUES)
		return 0;
	for (i = 0; file && i < k->nchg; i++)
		if (hive_file_value(hv, k->node, k->chg[i].name) != 0)
			n--;
	if (n <= HP_MAX_VALUES)
		return 0;
	return hp_limit_error(e, hv->path, "values of one key", n,
	    HP_MAX_VALUES);
}

static int
set_value(struct hp_hive *hv, hp_node node, const struct hp_op *op,
    struct hp_apply_stats *st, struct hp_error *e)
{
	struct hp_value cur = HP_VALUE_INIT;
	struct okey *k;
	struct vchg *c;
	int r, same = 0;

	if ((r = hive_value(hv, node, op->name, &cur, e)) == -1)
		return -1;
	if (r == 0)
		same = op->kind == HP_OP_SET_VALUE_SOFT ||
		    hp_value_equal(&cur, &op->value);
	hp_value_free(&cur);
	if (same) {
		st->unchanged++;
		return 0;
	}
	if (check_set(hv, op, e) == -1)
		return -1;
	k = hive_okey_get(hv, node);
	if (r == 1 && check_value_count(hv, k, e) == -1)
		return -1;
	c = vchg_get(hv, k, op->name);
	hp_value_copy(&c->value, &op->value);
	c->deleted = 0;
	stamp(hv, k);
	st->values_set++;
	return 0;
}

/* Deletes the value name of node, if it exists (*deleted says). */
static int
delete_value(struct hp_hive *hv, hp_node node, const char *name,
    size_t *deleted, struct hp_error *e)
{
	struct hp_value cur = HP_VALUE_INIT;
	struct okey *k;
	struct vchg *c;
	int r;

	*deleted = 0;
	if ((r = hive_value(hv, node, name, &cur, e)) != 0)
		return r == 1 ? 0 : -1;
	hp_value_free(&cur);
	k = hive_okey_get(hv, node);
	c = vchg_get(hv, k, name);
	hp_value_free(&c->value);
	c->deleted = 1;
	*deleted = 1;
	stamp(hv, k);
	return 0;
}

/* Deletes every value of node; *deleted counts them. */
static int
delete_all_values(struct hp_hive *hv, hp_node node, size_t *deleted,
    struct hp_error *e)
{
	struct hp_vallist cur = HP_LIST_INIT;
	struct hp_view v;
	struct okey *k;
	size_t i;
	int r;

	hp_hive_view(hv, &v);
	r = v.ops->values(v.impl, node, &cur, e);
	*deleted = cur.n;
	hp_vallist_free(&cur);
	if (r == -1 || *deleted == 0)
		return r;
	k = hive_okey_get(hv, node);
	for (i = 0; i < k->nchg; i++) {
		free(k->chg[i].name);
		hp_value_free(&k->chg[i].value);
	}
	k->nchg = 0;
	k->flags |= OK_CLEARED;
	stamp(hv, k);
	return 0;
}

/*
 * Deletes the subkey name of node, and so its subtree (whose overlay
 * entries stay behind, unreachable).  1 if there is no such subkey.
 */
static int
delete_key(struct hp_hive *hv, hp_node node, const char *name,
    struct hp_apply_stats *st, struct hp_error *e)
{
	struct okey *k;
	size_t at;
	int found;

	if ((k = hive_okey_kids(hv, node, e)) == NULL)
		return -1;
	at = hive_kid_search(k, name, &found);
	if (!found) {
		st->unchanged++;
		return 1;
	}
	hive_kid_name_free(k, k->kids[at].name);
	memmove(&k->kids[at], &k->kids[at + 1], (k->nkids - at - 1) *
	    sizeof(*k->kids));
	k->nkids--;
	k->flags |= OK_KIDS_CHANGED;
	stamp(hv, k);
	st->keys_deleted++;
	return 0;
}

static int
apply_op(void *arg, const struct hp_op *op, const struct hp_path *rel,
    struct hp_apply_stats *st, struct hp_error *e)
{
	struct hp_hive *hv = arg;
	hp_node node = 0;
	size_t n = rel->n, deleted;
	int r;

	if (rel->n > HP_MAX_KEY_DEPTH)
		return hp_limit_error(e, hv->path, "key depth", rel->n,
		    HP_MAX_KEY_DEPTH);
	if (op->kind == HP_OP_DELETE_KEY) {
		if (n == 0)
			return hp_error_set(e, HP_E_INPUT, "%s: refusing to "
			    "delete the hive's root key", hv->path);
		n--;
	}
	if ((r = find_key(hv, rel, n, hp_op_creates_key(op), st, &node,
	    e)) != 0) {
		if (r == 1)
			st->unchanged++;
		return r == 1 ? 0 : -1;
	}
	switch (op->kind) {
	case HP_OP_CREATE_KEY:
		return 0;
	case HP_OP_SET_VALUE:
	case HP_OP_SET_VALUE_SOFT:
		if ((r = set_value(hv, node, op, st, e)) == 0)
			add_check(hv, rel, n, op->name);
		return r;
	case HP_OP_DELETE_VALUE:
	case HP_OP_DELETE_VALUES:
		r = op->kind == HP_OP_DELETE_VALUE ? delete_value(hv, node,
		    op->name, &deleted, e) : delete_all_values(hv, node,
		    &deleted, e);
		if (r == 0 && deleted == 0)
			st->unchanged++;
		st->values_deleted += deleted;
		if (r == 0 && deleted > 0 && op->kind == HP_OP_DELETE_VALUE)
			add_check(hv, rel, n, op->name);
		return r;
	case HP_OP_DELETE_KEY:
		if ((r = delete_key(hv, node, rel->comps[n], st, e)) == 0)
			add_check(hv, rel, n + 1, NULL);
		return r == -1 ? -1 : 0;
	}
	return 0;
}

int
hp_hive_apply(struct hp_hive *hv, const struct hp_patch *p,
    struct hp_apply_stats *stats, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_view view;

	if (!(hv->flags & HP_HIVE_WRITE))
		HP_BUG("hp_hive_apply on a read-only hive");
	if (hv->now == 0)
		hv->now = hp_filetime_now();
	hive_want_free(hv);		/* what a written image must hold */
	hp_hive_view(hv, &view);
	return hp_view_apply(&view, p, apply_op, hv, stats, w, e);
}
