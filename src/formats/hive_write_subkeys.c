/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The hive writer's subkeys (see hive_writer.h): a key's children, from
 * the original's lists or the overlay's index, written depth first and
 * then listed, sorted and hashed as Windows does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/text.h"
#include "formats/hive_writer.h"
#include "core/le.h"
#include "formats/regf.h"

#define LEAF_MAX	512	/* entries per lh before an ri is used */

/* Unit i of k's name, as stored. */
static uint16_t
wkid_raw(const struct wkid *k, size_t i)
{
	return k->comp ? k->raw[i] : hp_le16(k->raw + 2 * i);
}

/* Unit i of k's name, upper-cased as Windows compares names. */
static uint16_t
wkid_unit(const struct wkid *k, size_t i)
{
	return hp_name_upcase(wkid_raw(k, i));
}

/*
 * The lf hint of k: its first four units as stored, not upper-cased,
 * filled as Windows fills it (CmpAddToLeaf): from the fourth back,
 * stopping at a unit above 0xff, so a name with one there has no hint
 * (hint[0] is 0).  Windows compares the hint with the name it looks for,
 * both upper-cased, before the name itself: a cut upper-cased unit ('ł'
 * as 0x41, from 'Ł' U+0141) would hide the key from lookups.
 */
static void
wkid_hint(const struct wkid *k, unsigned char *hint)
{
	size_t m;

	memset(hint, 0, 4);
	for (m = k->len < 4 ? k->len : 4; m > 0 && wkid_raw(k, m - 1) <= 0xff;
	    m--)
		hint[m - 1] = (unsigned char)wkid_raw(k, m - 1);
}

static int
wkid_cmp(const void *a, const void *b)
{
	const struct wkid *x = a, *y = b;
	size_t i;

	for (i = 0; i < x->len && i < y->len; i++) {
		uint16_t u = wkid_unit(x, i), v = wkid_unit(y, i);

		if (u != v)
			return u < v ? -1 : 1;
	}
	return (x->len > y->len) - (x->len < y->len);
}

static void
wkid_hash(struct wkid *k)
{
	size_t i;

	for (k->hash = 0, i = 0; i < k->len; i++)
		k->hash = 37 * k->hash + wkid_unit(k, i);
}

/* Where the name of the original's subkey k->old is, for sorting. */
static int
wkid_file_name(struct writer *w, struct wkid *k)
{
	const unsigned char *nk;
	size_t len, nlen;

	if ((nk = hw_in_cell(w, k->old, &len)) == NULL || len < 76 ||
	    memcmp(nk, "nk", 2) != 0 || (nlen = hp_le16(nk + 72)) > len - 76)
		return hw_bad(w, "bad subkey cell", HP_REGF_BLOCK +
		    (size_t)k->old);
	k->raw = nk + 76;
	k->comp = (hp_le16(nk + 2) & 0x20) != 0;
	k->len = (uint32_t)(k->comp ? nlen : nlen / 2);
	wkid_hash(k);
	return 0;
}

static void
wkids_free(struct wkid *kids, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (kids[i].old == NONE)
			free((void *)kids[i].raw);
	free(kids);
}

static int
wkids_add(struct writer *w, struct wkid **kids, size_t *n, size_t *cap)
{
	if (*n >= HP_MAX_SUBKEYS)
		return hp_limit_error(w->e, w->hv->path, "subkeys of one key",
		    *n + 1, HP_MAX_SUBKEYS);
	HP_ALLOC_GROW(*kids, *n + 1, *cap);
	memset(&(*kids)[*n], 0, sizeof(**kids));
	(*n)++;
	return 0;
}

/* Collects the subkeys named by the list at rel (lf, lh, li, one ri). */
static int
gather(struct writer *w, uint32_t rel, int depth, struct wkid **kids,
    size_t *n, size_t *cap)
{
	const unsigned char *l;
	size_t len, i, cnt, step;

	if ((l = hw_in_cell(w, rel, &len)) == NULL || len < 4 || depth > 1)
		return hw_bad(w, "bad subkey list", rel);
	cnt = hp_le16(l + 2);
	if (memcmp(l, "ri", 2) == 0) {
		for (i = 0; i < cnt; i++)
			if (4 + 4 * i + 4 > len ||
			    gather(w, hp_le32(l + 4 + 4 * i), depth + 1, kids,
			    n, cap) == -1)
				return -1;
		return 0;
	}
	if (memcmp(l, "li", 2) == 0)
		step = 4;
	else if (memcmp(l, "lf", 2) == 0 || memcmp(l, "lh", 2) == 0)
		step = 8;
	else
		return hw_bad(w, "unknown subkey list type", rel);
	for (i = 0; i < cnt; i++) {
		if (4 + step * (i + 1) > len)
			return hw_bad(w, "subkey list overruns its cell", rel);
		if (wkids_add(w, kids, n, cap) == -1)
			return -1;
		(*kids)[*n - 1].old = hp_le32(l + 4 + step * i);
		if (wkid_file_name(w, &(*kids)[*n - 1]) == -1)
			return -1;
	}
	return 0;
}

/* The subkeys of the original's nk. */
static int
kids_from_file(struct writer *w, const unsigned char *nk, struct wkid **kids,
    size_t *n)
{
	size_t cap = 0;

	if (hp_le32(nk + 20) == 0)
		return 0;
	return gather(w, hp_le32(nk + 28), 0, kids, n, &cap);
}

/* The subkeys of a key whose list the overlay changed. */
static int
kids_from_overlay(struct writer *w, const struct okey *k, struct wkid **kids,
    size_t *n)
{
	size_t cap = 0, i;

	for (i = 0; i < k->nkids; i++) {
		struct wkid *c;

		if (wkids_add(w, kids, n, &cap) == -1)
			return -1;
		c = &(*kids)[*n - 1];
		c->node = k->kids[i].node;
		c->name = k->kids[i].name;
		c->old = NONE;
		if (!(c->node & HV_NEW_NODE)) {
			c->old = (uint32_t)(c->node - HP_REGF_BLOCK);
			if (wkid_file_name(w, c) == -1)
				return -1;
			continue;
		}
		if (hw_encode_name(w, c->name) == -1)
			return -1;
		c->raw = hp_memdup(w->units.buf, w->units.len + 1);
		c->len = (uint32_t)(w->units.len / 2);
		wkid_hash(c);
	}
	return 0;
}

/* Writes the lf/lh leaves (and an ri above them) for sorted kids. */
static int
write_lists(struct writer *w, const struct wkid *kids, size_t n,
    uint32_t *out)
{
	size_t nleaves = (n + LEAF_MAX - 1) / LEAF_MAX, i, j;
	uint32_t ri = NONE, leaf = NONE;
	unsigned char *l;

	if (nleaves > 1) {
		if (hw_alloc_cell(w, 4 + 4 * nleaves, &ri) == -1)
			return -1;
		l = hw_out_cell(w, ri);
		memcpy(l, "ri", 2);
		hp_le16_put(l + 2, (uint16_t)nleaves);
	}
	for (i = 0; i < nleaves; i++) {
		size_t cnt = n - i * LEAF_MAX > LEAF_MAX ? LEAF_MAX :
		    n - i * LEAF_MAX;

		if (hw_alloc_cell(w, 4 + 8 * cnt, &leaf) == -1)
			return -1;
		l = hw_out_cell(w, leaf);
		memcpy(l, w->lh ? "lh" : "lf", 2);
		hp_le16_put(l + 2, (uint16_t)cnt);
		for (j = 0; j < cnt; j++) {
			const struct wkid *k = &kids[i * LEAF_MAX + j];

			hp_le32_put(l + 4 + 8 * j, k->new);
			if (w->lh)
				hp_le32_put(l + 8 + 8 * j, k->hash);
			else
				wkid_hint(k, l + 8 + 8 * j);
		}
		if (ri != NONE && hw_put32(w, ri, 4 + 4 * i, leaf) == -1)
			return -1;
	}
	*out = ri != NONE ? ri : leaf;
	return 0;
}

/* Tells of the second of two subkeys of one name, kid, under node. */
static void
twice(struct writer *w, hp_node node, const struct wkid *kid)
{
	struct hp_error e = HP_ERROR_INIT;
	char *name = NULL;

	/* Only when the file's name can be read again: a rare error path. */
	if (kid->old != NONE && hive_handle(w->hv, &e) == 0)
		name = hive_node_name(w->hv, HP_REGF_BLOCK + (hp_node)kid->old);
	hive_twice_named(w->hv, node, 0, name != NULL ? name : kid->name ?
	    kid->name : "?");
	free(name);
}

/*
 * A file's key whose count its list (from_file: as the file has it)
 * disagrees with, or with two subkeys of one name (kids sorted; only a
 * list that was not strictly increasing, sorted, can hold two), is
 * written only when forced (hive_corrupt).
 */
static int
check_list(struct writer *w, const unsigned char *nk, int from_file,
    int sorted, const struct wkid *kids, size_t n)
{
	hp_node node = (hp_node)(nk - 4 - w->in);
	char what[96];
	size_t i;

	if (from_file && hp_le32(nk + 20) != n) {
		snprintf(what, sizeof(what), "says it has %u subkeys but its "
		    "list holds %zu", (unsigned)hp_le32(nk + 20), n);
		hive_corrupt(w->hv, node, OK_WARNED_COUNT, what);
	}
	for (i = 1; sorted && i < n; i++)
		if (wkid_cmp(&kids[i - 1], &kids[i]) == 0) {
			twice(w, node, &kids[i]);
			break;
		}
	return hive_write_refused(w->hv, w->e);
}

/*
 * Writes the subkeys of the key at newnk (sk entry skidx, for new ones)
 * and their list, then the key's fields that describe them; hi52 holds
 * the flag bits above the longest name's length in the field at 52.
 */
int
hw_write_subkeys(struct writer *w, const unsigned char *nk,
    const struct okey *k, uint32_t newnk, uint32_t hi52, size_t skidx,
    int depth)
{
	struct wkid *kids = NULL;
	size_t n = 0, i, maxname = 0;
	uint32_t list = NONE;
	int r, sorted = 0;

	if (k != NULL && (k->flags & OK_KIDS_CHANGED))
		r = kids_from_overlay(w, k, &kids, &n);
	else
		r = nk != NULL ? kids_from_file(w, nk, &kids, &n) : 0;
	/* The file's lists are sorted already, unless a tool broke them. */
	for (i = 1; r == 0 && i < n; i++)
		if (wkid_cmp(&kids[i - 1], &kids[i]) >= 0) {
			qsort(kids, n, sizeof(*kids), wkid_cmp);
			sorted = 1;
			break;
		}
	if (r == 0 && nk != NULL)
		r = check_list(w, nk, !(k != NULL &&
		    (k->flags & OK_KIDS_CHANGED)), sorted, kids, n);
	for (i = 0; i < n && r == 0; i++) {
		r = hw_write_key(w, &kids[i], newnk, skidx, depth + 1,
		    &kids[i].new);
		if (kids[i].len * 2 > maxname)
			maxname = kids[i].len * 2;
	}
	if (r == 0 && n > 0)
		r = write_lists(w, kids, n, &list);
	wkids_free(kids, n);
	if (r == -1 || hw_put32(w, newnk, 20, (uint32_t)n) == -1 ||
	    hw_put32(w, newnk, 28, list) == -1)
		return -1;
	/* Low 16 bits: longest subkey name; the rest are flags. */
	return hw_put32(w, newnk, 52, (hi52 & 0xffff0000u) |
	    (uint32_t)(maxname & 0xffff));
}
