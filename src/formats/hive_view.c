/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The view of a hive: what libhivex reads from the file, with the overlay
 * of changes applied on top.  The overlay's table doubles as the child
 * index: a key's subkeys sorted by name, so that finding a child is a
 * binary search (hivex_node_get_child decodes and compares every sibling,
 * which makes importing into a key with 50,000 subkeys quadratic).
 */
#include <errno.h>
#include <hivex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"
#include "formats/hive_impl.h"
#include "core/text.h"

/* The overlay table. */

/* The slot of node: its own, or the empty one where it would go. */
static size_t
okey_slot(const struct oslot *tab, size_t cap, hp_node node)
{
	/* Multiply, then take the high bits: offsets are multiples of 8. */
	size_t i = (size_t)((node * 0x9e3779b97f4a7c15ull) >> 32);

	for (i &= cap - 1;; i = (i + 1) & (cap - 1))
		if (tab[i].k == NULL || tab[i].node == node)
			return i;
}

struct okey *
hive_okey_find(const struct hp_hive *hv, hp_node node)
{
	if (hv->capov == 0)
		return NULL;
	return hv->ov[okey_slot(hv->ov, hv->capov, node)].k;
}

static void
okey_grow(struct hp_hive *hv)
{
	size_t cap = hv->capov ? hp_size_mul(hv->capov, 2) : 64, i;
	struct oslot *tab = hp_calloc(cap, sizeof(*tab));

	for (i = 0; i < hv->capov; i++)
		if (hv->ov[i].k != NULL)
			tab[okey_slot(tab, cap, hv->ov[i].node)] = hv->ov[i];
	free(hv->ov);
	hv->ov = tab;
	hv->capov = cap;
}

struct okey *
hive_okey_get(struct hp_hive *hv, hp_node node)
{
	struct okey *k = hive_okey_find(hv, node);
	size_t i;

	if (k != NULL)
		return k;
	if (hv->nov + 1 > hv->capov / 2)
		okey_grow(hv);
	k = hp_calloc(1, sizeof(*k));
	k->node = node;
	i = okey_slot(hv->ov, hv->capov, node);
	hv->ov[i].node = node;
	hv->ov[i].k = k;
	hv->nov++;
	return k;
}

/* Frees a child's name: those of the index as built share k->names. */
void
hive_kid_name_free(const struct okey *k, char *name)
{
	if (name < k->names || name >= k->names + k->nameslen)
		free(name);
}

/* Frees k's child index. */
static void
kids_free(struct okey *k)
{
	size_t i;

	for (i = 0; i < k->nkids; i++)
		hive_kid_name_free(k, k->kids[i].name);
	free(k->kids);
	free(k->names);
	k->kids = NULL;
	k->names = NULL;
	k->nkids = k->capkids = k->nameslen = 0;
	k->flags &= ~(unsigned)OK_KIDS;
}

static void
okey_free(struct okey *k)
{
	size_t i;

	kids_free(k);
	for (i = 0; i < k->nchg; i++) {
		free(k->chg[i].name);
		hp_value_free(&k->chg[i].value);
	}
	free(k->chg);
	free(k);
}

void
hive_overlay_free(struct hp_hive *hv)
{
	size_t i;

	for (i = 0; i < hv->capov; i++)
		if (hv->ov[i].k != NULL)
			okey_free(hv->ov[i].k);
	free(hv->ov);
	hv->ov = NULL;
	hv->nov = hv->capov = 0;
}

static const char *
kid_name(const void *kids, size_t i)
{
	return ((const struct kid *)kids)[i].name;
}

static const char *
chg_name(const void *chg, size_t i)
{
	return ((const struct vchg *)chg)[i].name;
}

size_t
hive_kid_search(const struct okey *k, const char *name, int *found)
{
	return hp_name_search(k->kids, k->nkids, kid_name, name, found);
}

size_t
hive_chg_search(const struct okey *k, const char *name, int *found)
{
	return hp_name_search(k->chg, k->nchg, chg_name, name, found);
}

static int
kid_cmp(const void *a, const void *b)
{
	return hp_name_cmp(((const struct kid *)a)->name,
	    ((const struct kid *)b)->name);
}

/*
 * Moves the names libhivex allocated one by one into one block: a big
 * index holds tens of thousands, and each allocation costs its overhead.
 */
static void
kids_pack_names(struct okey *k)
{
	size_t i, len = 0, at = 0;

	for (i = 0; i < k->nkids; i++)
		len += strlen(k->kids[i].name) + 1;
	if (len == 0)
		return;
	k->names = hp_malloc(len);
	for (i = 0; i < k->nkids; i++) {
		size_t n = strlen(k->kids[i].name) + 1;

		memcpy(k->names + at, k->kids[i].name, n);
		free(k->kids[i].name);
		k->kids[i].name = k->names + at;
		at += n;
	}
	k->nameslen = len;
}

/* Fills k's index from libhivex's subkey list of the file's key. */
static int
kids_build(struct hp_hive *hv, struct okey *k, struct hp_error *e)
{
	hive_node_h *kids;
	size_t i, n;
	int r = 0;

	if ((kids = hive_children(hv, k->node)) == NULL)
		return hive_hivex_err(e, hv, "cannot read subkeys", k->node);
	for (n = 0; kids[n] != 0; n++)
		;
	k->kids = hp_calloc(n + 1, sizeof(*k->kids));
	k->capkids = n + 1;
	for (i = 0; i < n && r == 0; i++) {
		errno = 0;
		if ((k->kids[i].name = hive_node_name(hv, kids[i])) == NULL) {
			r = hive_hivex_err(e, hv, "cannot read key name",
			    kids[i]);
			break;
		}
		k->kids[i].node = kids[i];
		k->nkids++;
	}
	free(kids);
	if (r == 0)
		kids_pack_names(k);
	if (r == -1) {
		kids_free(k);
		return -1;
	}
	/*
	 * Lists are kept sorted, nearly in this order: check before sorting.
	 * Only a list that is not strictly increasing can name a key twice.
	 */
	for (i = 1; i < k->nkids; i++)
		if (kid_cmp(&k->kids[i - 1], &k->kids[i]) >= 0) {
			qsort(k->kids, k->nkids, sizeof(*k->kids), kid_cmp);
			for (i = 1; i < k->nkids; i++)
				if (kid_cmp(&k->kids[i - 1], &k->kids[i]) == 0)
					hive_twice_named(hv, k->node, 0,
					    k->kids[i].name);
			break;
		}
	k->flags |= OK_KIDS;
	return 0;
}

struct okey *
hive_okey_kids(struct hp_hive *hv, hp_node node, struct hp_error *e)
{
	struct okey *k = hive_okey_get(hv, node);

	if (k->flags & OK_KIDS)
		return k;
	return kids_build(hv, k, e) == 0 ? k : NULL;
}

void
hive_okey_drop_kids(struct hp_hive *hv, hp_node node)
{
	struct okey *k = hive_okey_find(hv, node);

	if (k != NULL && (k->flags & OK_KIDS) &&
	    !(k->flags & OK_KIDS_CHANGED))
		kids_free(k);
}

/* The view. */

static int
hv_root(void *impl, hp_node *out, struct hp_error *e)
{
	struct hp_hive *hv = impl;

	if (hive_handle(hv, e) == -1)
		return -1;
	errno = 0;
	if ((*out = hivex_root(hv->h)) == 0)
		return hive_hivex_err(e, hv, "no root key", 0);
	return 0;
}

/* Offline, CurrentControlSet is Select\Current's ControlSet00N. */
static int
current_control_set(struct hp_hive *hv, hp_node root, hp_node *out,
    struct hp_error *e)
{
	struct hp_value cur = HP_VALUE_INIT;
	hp_node sel;
	uint32_t n;
	char name[32];
	int r;

	if ((r = hive_child(hv, root, "Select", &sel, e)) != 0 ||
	    (r = hive_value(hv, sel, "Current", &cur, e)) != 0)
		return r;
	r = cur.type == HP_REG_DWORD && cur.len == 4 &&
	    hp_value_get_u32(&cur, &n) == 0;
	hp_value_free(&cur);
	if (!r)
		return 1;
	snprintf(name, sizeof(name), "ControlSet%03d", (int)n);
	return hive_child(hv, root, name, out, e);
}

int
hive_child(struct hp_hive *hv, hp_node key, const char *name, hp_node *out,
    struct hp_error *e)
{
	struct okey *k;
	size_t at;
	int found;

	if (hive_handle(hv, e) == -1 ||
	    (k = hive_okey_kids(hv, key, e)) == NULL)
		return -1;
	at = hive_kid_search(k, name, &found);
	if (found) {
		*out = k->kids[at].node;
		return 0;
	}
	if (key == hivex_root(hv->h) && hp_name_eq(name, "CurrentControlSet"))
		return current_control_set(hv, key, out, e);
	return 1;
}

static int
hv_child(void *impl, hp_node key, const char *name, hp_node *out,
    struct hp_error *e)
{
	return hive_child(impl, key, name, out, e);
}

static int
node_cmp(const void *a, const void *b)
{
	hive_node_h x = *(const hive_node_h *)a, y = *(const hive_node_h *)b;

	return (x > y) - (x < y);
}

/* A key listed twice would make a walk revisit (or loop through) it. */
static int
listed_twice(const hive_node_h *kids)
{
	hive_node_h *copy;
	size_t n, i;
	int dup = 0;

	for (n = 0; kids[n] != 0; n++)
		;
	if (n < 2)
		return 0;
	copy = hp_memdup(kids, n * sizeof(*copy));
	qsort(copy, n, sizeof(*copy), node_cmp);
	for (i = 1; i < n && !dup; i++)
		dup = copy[i] == copy[i - 1];
	free(copy);
	return dup;
}

/*
 * 1 if the names of l from index i on are strictly increasing.  Then no
 * key is listed twice (it would bring its name twice), which spares the
 * sort of listed_twice for the lists of any hive Windows wrote.
 */
static int
names_increase(const struct hp_keylist *l, size_t i)
{
	for (i++; i < l->n; i++)
		if (hp_name_cmp(l->v[i - 1].name, l->v[i].name) >= 0)
			return 0;
	return 1;
}

/* Two subkeys of one name among out's from start on (sorts a copy). */
static void
warn_twice_named(struct hp_hive *hv, hp_node key,
    const struct hp_keylist *out, size_t start)
{
	struct hp_keylist l = HP_LIST_INIT;
	size_t i;

	l.v = hp_memdup(out->v + start, (out->n - start) * sizeof(*l.v));
	l.n = l.cap = out->n - start;
	hp_keylist_sort(&l);
	for (i = 1; i < l.n; i++)
		if (hp_name_eq(l.v[i - 1].name, l.v[i].name)) {
			hive_twice_named(hv, key, 0, l.v[i].name);
			break;
		}
	free(l.v);
}

/* The subkeys of a key as the file has them. */
static int
file_subkeys(struct hp_hive *hv, hp_node key, struct hp_keylist *out,
    struct hp_error *e)
{
	hive_node_h *kids;
	size_t i, start = out->n;
	int r = 0;

	if ((kids = hive_children(hv, key)) == NULL)
		return hive_hivex_err(e, hv, "cannot read subkeys", key);
	for (i = 0; kids[i] != 0 && r == 0; i++) {
		char *name;

		errno = 0;
		if ((name = hive_node_name(hv, kids[i])) == NULL) {
			r = hive_hivex_err(e, hv, "cannot read key name",
			    kids[i]);
			break;
		}
		/* A subkey that names another parent is a corrupt list. */
		if (hivex_node_parent(hv->h, kids[i]) != (hive_node_h)key) {
			r = hp_error_set(e, HP_E_INPUT, "%s: corrupt hive: "
			    "key \"%s\" at offset 0x%zx is listed under the "
			    "key at 0x%zx but names 0x%zx as its parent",
			    hv->path, name, kids[i], (size_t)key,
			    hivex_node_parent(hv->h, kids[i]));
			free(name);
			break;
		}
		hp_keylist_take(out, name, kids[i]);
	}
	/* A key listed twice is the error to report, before any other. */
	if ((r != 0 || !names_increase(out, start)) && listed_twice(kids)) {
		while (out->n > start)
			free(out->v[--out->n].name);
		r = hp_error_set(e, HP_E_INPUT, "%s: corrupt hive: the "
		    "subkey list of the key at offset 0x%zx names a key twice",
		    hv->path, (size_t)key);
	}
	free(kids);
	if (r == 0 && !names_increase(out, start))
		warn_twice_named(hv, key, out, start);
	return r;
}

static int
hv_subkeys(void *impl, hp_node key, struct hp_keylist *out,
    struct hp_error *e)
{
	struct hp_hive *hv = impl;
	struct okey *k = hive_okey_find(hv, key);
	size_t i;

	if (hive_handle(hv, e) == -1)
		return -1;
	if (k == NULL || !(k->flags & OK_KIDS_CHANGED))
		return file_subkeys(hv, key, out, e);
	for (i = 0; i < k->nkids; i++)
		hp_keylist_add(out, k->kids[i].name, k->kids[i].node);
	return 0;
}

int
hive_read_value(struct hp_hive *hv, hive_value_h vh, struct hp_value *out,
    struct hp_error *e)
{
	hive_type t;
	size_t len;
	char *data;

	errno = 0;
	if ((data = hivex_value_value(hv->h, vh, &t, &len)) == NULL &&
	    (errno != 0 || len != 0))
		return hp_error_set(e, HP_E_INPUT, "%s: cannot read value "
		    "data (value at offset 0x%zx): %s", hv->path, vh,
		    hive_hivex_reason(errno));
	free(out->data);
	out->type = (uint32_t)t;
	out->len = len;
	out->data = (unsigned char *)data;
	return 0;
}

struct vchg *
hive_vchg_find(const struct okey *k, const char *name)
{
	size_t at;
	int found;

	if (k == NULL || k->nchg == 0)
		return NULL;
	at = hive_chg_search(k, name, &found);
	return found ? &k->chg[at] : NULL;
}

int
hive_values_changed(const struct okey *k)
{
	return k != NULL && (k->nchg > 0 || (k->flags & OK_CLEARED));
}

static int
name_ptr_cmp(const void *a, const void *b)
{
	return hp_name_cmp(*(const char *const *)a, *(const char *const *)b);
}

/* Two values of one name among out's from start on (sorts a copy). */
static void
warn_values_twice(struct hp_hive *hv, hp_node key,
    const struct hp_vallist *out, size_t start)
{
	size_t n = out->n - start, i;
	const char **names = hp_calloc(n + 1, sizeof(*names));

	for (i = 0; i < n; i++)
		names[i] = out->v[start + i].name;
	qsort(names, n, sizeof(*names), name_ptr_cmp);
	for (i = 1; i < n; i++)
		if (hp_name_eq(names[i - 1], names[i])) {
			hive_twice_named(hv, key, 1, names[i]);
			break;
		}
	free(names);
}

static int
file_values(struct hp_hive *hv, hp_node key, struct hp_vallist *out,
    struct hp_error *e)
{
	hive_value_h *vals;
	size_t i, start = out->n;
	int r = 0;

	errno = 0;
	if ((vals = hivex_node_values(hv->h, (hive_node_h)key)) == NULL)
		return hive_hivex_err(e, hv, "cannot read values", key);
	for (i = 0; vals[i] != 0 && r == 0; i++) {
		struct hp_value v = HP_VALUE_INIT;
		char *name;

		errno = 0;
		if ((name = hive_value_name(hv, vals[i])) == NULL) {
			r = hive_hivex_err(e, hv, "cannot read value name",
			    key);
			break;
		}
		if ((r = hive_read_value(hv, vals[i], &v, e)) == -1)
			free(name);
		else
			hp_vallist_take(out, name, &v);
	}
	free(vals);
	if (r == 0 && out->n - start > 1)
		warn_values_twice(hv, key, out, start);
	return r;
}

static int
seq_cmp(const void *a, const void *b)
{
	uint64_t x = (*(const struct vchg *const *)a)->seq;
	uint64_t y = (*(const struct vchg *const *)b)->seq;

	return (x > y) - (x < y);
}

size_t
hive_added_values(const struct okey *k, const unsigned char *seen,
    const struct vchg **out)
{
	size_t i, n = 0;

	for (i = 0; i < k->nchg; i++)
		if (!seen[i] && !k->chg[i].deleted)
			out[n++] = &k->chg[i];
	qsort(out, n, sizeof(*out), seq_cmp);
	return n;
}

/* Appends to out the values k adds to the file's (see seen). */
static void
added_values(const struct okey *k, const unsigned char *seen,
    struct hp_vallist *out)
{
	const struct vchg **add = hp_calloc(k->nchg + 1, sizeof(*add));
	size_t i, n;

	n = hive_added_values(k, seen, add);
	for (i = 0; i < n; i++)
		hp_vallist_add(out, add[i]->name, &add[i]->value);
	free(add);
}

/*
 * The values of a key the patches changed: the file's in their order
 * (unless cleared), changed ones replaced, deleted ones left out, then
 * the new ones.
 */
static int
merged_values(struct hp_hive *hv, const struct okey *k, hp_node key,
    struct hp_vallist *out, struct hp_error *e)
{
	struct hp_vallist file = HP_LIST_INIT;
	unsigned char *seen = hp_calloc(k->nchg + 1, 1);
	size_t i;
	int r = 0;

	if (!(k->flags & OK_CLEARED))
		r = file_values(hv, key, &file, e);
	for (i = 0; i < file.n && r == 0; i++) {
		struct vchg *c = hive_vchg_find(k, file.v[i].name);
		const struct hp_value *v = c ? &c->value : &file.v[i].value;

		if (c != NULL)
			seen[c - k->chg] = 1;
		if (c == NULL || !c->deleted)
			hp_vallist_add(out, file.v[i].name, v);
	}
	if (r == 0)
		added_values(k, seen, out);
	hp_vallist_free(&file);
	free(seen);
	return r;
}

static int
hv_values(void *impl, hp_node key, struct hp_vallist *out,
    struct hp_error *e)
{
	struct hp_hive *hv = impl;
	struct okey *k = hive_okey_find(hv, key);

	if (hive_handle(hv, e) == -1)
		return -1;
	if (!hive_values_changed(k))
		return file_values(hv, key, out, e);
	return merged_values(hv, k, key, out, e);
}

int
hive_value(struct hp_hive *hv, hp_node key, const char *name,
    struct hp_value *out, struct hp_error *e)
{
	struct okey *k = hive_okey_find(hv, key);
	struct vchg *c;
	hive_value_h vh;

	if (hive_handle(hv, e) == -1)
		return -1;
	if ((c = hive_vchg_find(k, name)) != NULL) {
		if (c->deleted)
			return 1;
		hp_value_copy(out, &c->value);
		return 0;
	}
	if (k != NULL && (k->flags & OK_CLEARED))
		return 1;
	errno = 0;
	vh = hive_file_value(hv, key, name);
	if (vh == 0)
		return errno ? hive_hivex_err(e, hv, "cannot read values",
		    key) : 1;
	return hive_read_value(hv, vh, out, e);
}

static int
hv_value(void *impl, hp_node key, const char *name, struct hp_value *out,
    struct hp_error *e)
{
	return hive_value(impl, key, name, out, e);
}

static int64_t
hv_mtime(void *impl, hp_node key)
{
	struct hp_hive *hv = impl;
	struct okey *k = hive_okey_find(hv, key);
	struct hp_error e = HP_ERROR_INIT;
	int64_t t;

	if (k != NULL && (k->flags & OK_STAMP))
		return hv->now;
	if (hive_handle(hv, &e) == -1)
		return 0;
	t = hivex_node_timestamp(hv->h, (hive_node_h)key);
	return t < 0 ? 0 : t;
}

static const struct hp_view_ops hive_view_ops = {
	hv_root, hv_child, hv_subkeys, hv_values, hv_value, hv_mtime
};

void
hp_hive_view(struct hp_hive *hv, struct hp_view *v)
{
	v->ops = &hive_view_ops;
	v->impl = hv;
	v->mount = hv->mount;
	v->source = hv->path;
	v->whole = 0;
	v->mounted = hv->has_mount;
	v->state = hv->state == HP_HIVE_STALE ? "stale" :
	    hv->state == HP_HIVE_RECOVERED ? "recovered" : NULL;
	v->recovered_from = hv->recovered_from;
}

const struct hp_path *
hp_hive_mount(const struct hp_hive *hv)
{
	return &hv->mount;
}

int
hp_hive_has_mount(const struct hp_hive *hv)
{
	return hv->has_mount;
}

const char *
hp_hive_path(const struct hp_hive *hv)
{
	return hv->path;
}
