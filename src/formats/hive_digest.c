/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "formats/hive_digest.h"
#include "core/limits.h"
#include "core/view.h"

#define MUL	0x9e3779b97f4a7c15ULL

/* A word at a time: a hive holds every value's data. */
static uint64_t
mix(uint64_t h, const void *p, size_t len)
{
	const unsigned char *b = p;
	uint64_t w;

	h ^= (uint64_t)len * MUL;
	for (; len >= 8; b += 8, len -= 8) {
		memcpy(&w, b, 8);
		h = (h ^ w) * MUL;
		h ^= h >> 32;
	}
	w = 0;
	if (len > 0)		/* empty data may come as NULL */
		memcpy(&w, b, len);
	h = (h ^ w) * MUL;
	return h ^ (h >> 29);
}

/* Spreads an element's hash before it is summed into its parent's. */
static uint64_t
final(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

static int
values_sum(const struct hp_view *v, hp_node node, uint64_t *sum, size_t *n,
    struct hp_error *e)
{
	struct hp_vallist vals = HP_LIST_INIT;
	size_t i;

	*sum = 0;
	if (v->ops->values(v->impl, node, &vals, e) == -1) {
		hp_vallist_free(&vals);
		return -1;
	}
	for (i = 0; i < vals.n; i++) {
		const struct hp_valent *x = &vals.v[i];
		uint64_t h = mix(0, x->name, strlen(x->name));

		h = mix(h, &x->value.type, sizeof(x->value.type));
		*sum += final(mix(h, x->value.data, x->value.len));
	}
	*n = vals.n;
	hp_vallist_free(&vals);
	return 0;
}

/*
 * The key's hash covers its name, its values and its subkeys' hashes,
 * each list as a sum.  (The view checks that every subkey names this key
 * as its parent, so a corrupt list cannot make the walk revisit a key.)
 */
static int
key_hash(const struct hp_view *v, hp_node node, const char *name,
    unsigned depth, uint64_t *out, struct hp_error *e)
{
	struct hp_keylist kids = HP_LIST_INIT;
	uint64_t parts[4] = { 0, 0, 0, 0 };
	size_t nvals = 0, i;
	int r = 0;

	if (depth > HP_MAX_KEY_DEPTH)
		return hp_limit_error(e, v->source, "key depth", depth,
		    HP_MAX_KEY_DEPTH);
	if (values_sum(v, node, &parts[0], &nvals, e) == -1)
		return -1;
	parts[1] = nvals;
	if (v->ops->subkeys(v->impl, node, &kids, e) == -1)
		r = -1;
	for (i = 0; i < kids.n && r == 0; i++) {
		uint64_t k;

		if ((r = key_hash(v, kids.v[i].node, kids.v[i].name,
		    depth + 1, &k, e)) == 0)
			parts[2] += k;
	}
	parts[3] = kids.n;
	hp_keylist_free(&kids);
	*out = final(mix(mix(0, name, strlen(name)), parts, sizeof(parts)));
	return r;
}

int
hp_view_digest(const struct hp_view *v, uint64_t *out, struct hp_error *e)
{
	hp_node root;

	if (v->ops->root(v->impl, &root, e) == -1)
		return -1;
	return key_hash(v, root, "", 0, out, e);
}
