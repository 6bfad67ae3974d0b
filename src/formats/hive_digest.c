#include <errno.h>
#include <hivex.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "hive_digest.h"
#include "limits.h"

#define MUL	0x9e3779b97f4a7c15ULL

struct digest {
	hive_h		*h;
	const char	*path;
	struct hp_error	*e;
};

/* A word at a time: the draft holds every value's data. */
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
fail(struct digest *d, const char *what, hive_node_h node)
{
	return hp_error_set(d->e, HP_EXIT_INPUT, "%s: %s at offset 0x%zx%s%s",
	    d->path, what, (size_t)node, errno ? ": " : "",
	    errno ? strerror(errno) : "");
}

static int
values_sum(struct digest *d, hive_node_h node, uint64_t *sum, size_t *n)
{
	hive_value_h *vals;
	hive_type t;
	size_t len;
	int r = 0;

	*sum = 0;
	errno = 0;
	if ((vals = hivex_node_values(d->h, node)) == NULL)
		return fail(d, "cannot read the values of the key", node);
	for (*n = 0; vals[*n] != 0 && r == 0; (*n)++) {
		char *name = hivex_value_key(d->h, vals[*n]);
		char *data = name == NULL ? NULL :
		    hivex_value_value(d->h, vals[*n], &t, &len);
		uint64_t h;

		if (data == NULL) {
			r = fail(d, "cannot read a value of the key", node);
		} else {
			h = mix(0, name, strlen(name));
			h = mix(h, &t, sizeof(t));
			*sum += final(mix(h, data, len));
		}
		free(name);
		free(data);
	}
	free(vals);
	return r;
}

/*
 * The key's hash covers its name, its values and its subkeys' hashes,
 * each list as a sum.  Every subkey must name this key as its parent, so
 * a corrupt list cannot make the walk revisit a key.
 */
static int
key_hash(struct digest *d, hive_node_h node, unsigned depth, uint64_t *out)
{
	uint64_t h, parts[4] = { 0, 0, 0, 0 };
	hive_node_h *kids;
	size_t nvals = 0, i;
	char *name;
	int r;

	if (depth > HP_MAX_KEY_DEPTH)
		return hp_error_set(d->e, HP_EXIT_INPUT, "%s: keys nested "
		    "deeper than %d", d->path, HP_MAX_KEY_DEPTH);
	errno = 0;
	if ((name = hivex_node_name(d->h, node)) == NULL)
		return fail(d, "cannot read the name of the key", node);
	h = mix(0, name, strlen(name));
	free(name);
	if (values_sum(d, node, &parts[0], &nvals) == -1)
		return -1;
	parts[1] = nvals;
	errno = 0;
	if ((kids = hivex_node_children(d->h, node)) == NULL)
		return fail(d, "cannot read the subkeys of the key", node);
	for (i = 0, r = 0; kids[i] != 0 && r == 0; i++) {
		uint64_t k;

		if (hivex_node_parent(d->h, kids[i]) != node)
			r = fail(d, "a listed subkey names another parent",
			    kids[i]);
		else if ((r = key_hash(d, kids[i], depth + 1, &k)) == 0)
			parts[2] += k;
	}
	parts[3] = i;
	free(kids);
	*out = final(mix(h, parts, sizeof(parts)));
	return r;
}

int
hp_hive_digest_open(hive_h *h, const char *name, uint64_t *out,
    struct hp_error *e)
{
	struct digest d = { h, name, e };

	return key_hash(&d, hivex_root(h), 0, out);
}

int
hp_hive_digest(const char *path, uint64_t *out, struct hp_error *e)
{
	hive_h *h;
	int r;

	errno = 0;
	if ((h = hivex_open(path, 0)) == NULL)
		return hp_error_set(e, HP_EXIT_INPUT, "%s: libhivex cannot "
		    "open it: %s", path, strerror(errno));
	r = hp_hive_digest_open(h, path, out, e);
	hivex_close(h);
	return r;
}
