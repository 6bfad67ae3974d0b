/*
 * Compaction: rebuild a hive image with no free space.  libhivex never
 * reuses a free cell, so every edit appends (2,000 new subkeys grow an
 * 8 KiB hive to 19 MB).  This rewrites the tree reachable from the root
 * into fresh bins: keys, their security descriptors and class names,
 * values (big data as db records in hives of version 1.4 and later), and
 * subkey lists sorted and hashed as Windows does.  Names, flags and data
 * are copied byte for byte; only offsets, counts and the timestamps of the
 * keys that were changed are new.  The input is an image libhivex has just
 * written, but it came from an arbitrary file, so every offset is checked.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "le.h"
#include "limits.h"
#include "regf.h"

#define NONE		0xffffffffu
#define LEAF_MAX	512	/* entries per lh before an ri is used */

struct compactor {
	const unsigned char	*in;
	size_t			 inlen;
	struct hp_buf		*out;
	size_t			 bin_end;	/* end of the current bin */
	size_t			 cur;		/* next free byte */
	int			 big_data;	/* minor >= 4 */
	int			 lh;		/* minor >= 5 */
	const uint64_t		*touched;	/* sorted draft offsets */
	size_t			 ntouched;
	int64_t			 now;
	uint32_t		*skmap;		/* pairs: old, new */
	unsigned char		*seen;		/* one bit per 8 input bytes */
	size_t			 nsk, capsk;
	struct hp_error		*e;
};

#define OUT(c, off)	((unsigned char *)(c)->out->buf + (off))

static int
bad(struct compactor *c, const char *what, size_t off)
{
	return hp_error_set(c->e, HP_EXIT_INPUT, "cannot compact: %s at "
	    "offset 0x%zx", what, off);
}

/* The data of the allocated input cell at rel (size in *len), or NULL. */
static const unsigned char *
in_cell(struct compactor *c, uint32_t rel, size_t *len)
{
	size_t off = HP_REGF_BLOCK + (size_t)rel;
	int32_t size;

	if (rel == NONE || off + 8 > c->inlen)
		return NULL;
	size = (int32_t)hp_le32(c->in + off);
	if (size >= 0 || (size_t)-(int64_t)size > c->inlen - off ||
	    -(int64_t)size < 8)
		return NULL;
	*len = (size_t)-(int64_t)size - 4;
	return c->in + off + 4;
}

/* Allocates a zeroed cell of len data bytes; returns its relative offset. */
static int
alloc_cell(struct compactor *c, size_t len, uint32_t *rel)
{
	size_t size = (len + 4 + 7) & ~(size_t)7;

	if (c->cur + size > c->bin_end) {
		size_t bin = (32 + size + HP_REGF_BLOCK - 1) / HP_REGF_BLOCK *
		    HP_REGF_BLOCK;
		size_t start = c->out->len;

		if (c->cur < c->bin_end)	/* the rest is free space */
			hp_le32_put(OUT(c, c->cur),
			    (uint32_t)(c->bin_end - c->cur));
		if ((uint64_t)start - HP_REGF_BLOCK + bin > 0x7fffffffu)
			return bad(c, "hive grows past 2 GB", start);
		if (hp_buf_grow(c->out, bin) == -1)
			return hp_error_errno(c->e, HP_EXIT_IO,
			    "out of memory");
		memset(c->out->buf + start, 0, bin);
		c->out->len += bin;
		memcpy(OUT(c, start), "hbin", 4);
		hp_le32_put(OUT(c, start + 4),
		    (uint32_t)(start - HP_REGF_BLOCK));
		hp_le32_put(OUT(c, start + 8), (uint32_t)bin);
		c->cur = start + 32;
		c->bin_end = start + bin;
	}
	hp_le32_put(OUT(c, c->cur), (uint32_t)-(int32_t)size);
	*rel = (uint32_t)(c->cur - HP_REGF_BLOCK);
	c->cur += size;
	return 0;
}

/* Copies len bytes into a new cell. */
static int
copy_cell(struct compactor *c, const void *data, size_t len, uint32_t *rel)
{
	if (alloc_cell(c, len, rel) == -1)
		return -1;
	memcpy(OUT(c, HP_REGF_BLOCK + *rel + 4), data, len);
	return 0;
}

static int
copy_sk(struct compactor *c, uint32_t old, uint32_t *new)
{
	const unsigned char *sk;
	size_t len, i;
	uint32_t *g;

	for (i = 0; i < c->nsk; i++)
		if (c->skmap[2 * i] == old) {
			*new = c->skmap[2 * i + 1];
			hp_le32_put(OUT(c, HP_REGF_BLOCK + *new + 16),
			    hp_le32(OUT(c, HP_REGF_BLOCK + *new + 16)) + 1);
			return 0;
		}
	if ((sk = in_cell(c, old, &len)) == NULL || len < 20 ||
	    memcmp(sk, "sk", 2) != 0 || hp_le32(sk + 16) > len - 20)
		return bad(c, "bad security descriptor cell",
		    HP_REGF_BLOCK + (size_t)old);
	if (copy_cell(c, sk, 20 + hp_le32(sk + 16), new) == -1)
		return -1;
	hp_le32_put(OUT(c, HP_REGF_BLOCK + *new + 16), 1);	/* refcount */
	if (c->nsk == c->capsk) {
		c->capsk = c->capsk ? c->capsk * 2 : 16;
		if ((g = realloc(c->skmap, 2 * c->capsk * sizeof(*g))) == NULL)
			return hp_error_errno(c->e, HP_EXIT_IO,
			    "out of memory");
		c->skmap = g;
	}
	c->skmap[2 * c->nsk] = old;
	c->skmap[2 * c->nsk + 1] = *new;
	c->nsk++;
	return 0;
}

/* Gathers value data (one cell or big data) into buf. */
static int
read_data(struct compactor *c, const unsigned char *vk, struct hp_buf *buf)
{
	uint32_t len = hp_le32(vk + 4), off = hp_le32(vk + 8);
	const unsigned char *d, *list;
	size_t dlen, llen, i, n;

	if (len & 0x80000000u) {
		len &= 0x7fffffffu;
		return len > 4 ? bad(c, "inline value data over 4 bytes", 0) :
		    hp_buf_add(buf, vk + 8, len);
	}
	if (len > HP_MAX_VALUE_SIZE)
		return bad(c, "value data too large", off);
	if (len == 0)
		return 0;
	if ((d = in_cell(c, off, &dlen)) == NULL)
		return bad(c, "value data outside the hive", off);
	if (len <= dlen)
		return hp_buf_add(buf, d, len);
	if (dlen < 8 || memcmp(d, "db", 2) != 0 ||
	    (list = in_cell(c, hp_le32(d + 4), &llen)) == NULL)
		return bad(c, "value data larger than its cell", off);
	n = hp_le16(d + 2);
	for (i = 0; i < n && buf->len < len; i++) {
		const unsigned char *seg;
		size_t slen, take;

		if (4 * i + 4 > llen ||
		    (seg = in_cell(c, hp_le32(list + 4 * i), &slen)) == NULL)
			return bad(c, "bad big-data segment", off);
		/* Full segments hold 16,344 bytes (and 4 spare). */
		take = slen < HP_REGF_BIG_DATA ? slen : HP_REGF_BIG_DATA;
		if (take > len - buf->len)
			take = len - buf->len;
		if (hp_buf_add(buf, seg, take) == -1)
			return hp_error_errno(c->e, HP_EXIT_IO, "out of memory");
	}
	return buf->len == len ? 0 : bad(c, "big data shorter than its value",
	    off);
}

static int
write_data(struct compactor *c, const struct hp_buf *data, uint32_t *rel)
{
	size_t nseg, i;
	uint32_t list, seg;

	if (data->len <= HP_REGF_BIG_DATA || !c->big_data)
		return copy_cell(c, data->buf, data->len, rel);
	nseg = (data->len + HP_REGF_BIG_DATA - 1) / HP_REGF_BIG_DATA;
	if (alloc_cell(c, 12, rel) == -1 || alloc_cell(c, 4 * nseg, &list) ==
	    -1)
		return -1;
	memcpy(OUT(c, HP_REGF_BLOCK + *rel + 4), "db", 2);
	OUT(c, HP_REGF_BLOCK + *rel + 6)[0] = (unsigned char)nseg;
	OUT(c, HP_REGF_BLOCK + *rel + 6)[1] = (unsigned char)(nseg >> 8);
	hp_le32_put(OUT(c, HP_REGF_BLOCK + *rel + 8), list);
	for (i = 0; i < nseg; i++) {
		size_t take = data->len - i * HP_REGF_BIG_DATA;

		if (take > HP_REGF_BIG_DATA)
			take = HP_REGF_BIG_DATA;
		/* Segments keep 4 spare bytes, as Windows writes them. */
		if (alloc_cell(c, take + 4, &seg) == -1)
			return -1;
		memcpy(OUT(c, HP_REGF_BLOCK + seg + 4), data->buf +
		    i * HP_REGF_BIG_DATA, take);
		hp_le32_put(OUT(c, HP_REGF_BLOCK + list + 4 + 4 * i), seg);
	}
	return 0;
}

/* Copies the values of an nk; fills the nk fields that describe them. */
static int
copy_values(struct compactor *c, const unsigned char *nk, uint32_t newnk)
{
	struct hp_buf data = HP_BUF_INIT;
	const unsigned char *list = NULL, *vk;
	size_t llen = 0, vlen, i, n = hp_le32(nk + 36);
	uint32_t newlist = NONE, newvk, dataoff, maxname = 0, maxdata = 0;
	int r = 0;

	if (n > HP_MAX_VALUES)
		return bad(c, "too many values", 0);
	if (n > 0 && ((list = in_cell(c, hp_le32(nk + 40), &llen)) == NULL ||
	    llen < 4 * n))
		return bad(c, "bad value list", hp_le32(nk + 40));
	if (n > 0 && alloc_cell(c, 4 * n, &newlist) == -1)
		return -1;
	for (i = 0; i < n && r == 0; i++) {
		uint32_t len, namelen;

		if ((vk = in_cell(c, hp_le32(list + 4 * i), &vlen)) == NULL ||
		    vlen < 20 || memcmp(vk, "vk", 2) != 0 ||
		    (namelen = hp_le16(vk + 2)) > vlen - 20) {
			r = bad(c, "bad value cell", hp_le32(list + 4 * i));
			break;
		}
		hp_buf_reset(&data);
		if ((r = read_data(c, vk, &data)) == -1 ||
		    (r = copy_cell(c, vk, 20 + namelen, &newvk)) == -1)
			break;
		len = hp_le32(vk + 4);
		if (!(len & 0x80000000u) && data.len > 0) {
			if ((r = write_data(c, &data, &dataoff)) == -1)
				break;
			hp_le32_put(OUT(c, HP_REGF_BLOCK + newvk + 12),
			    dataoff);
		}
		hp_le32_put(OUT(c, HP_REGF_BLOCK + newlist + 4 + 4 * i), newvk);
		/* in UTF-16 bytes */
		namelen *= (hp_le16(vk + 16) & 1) ? 2 : 1;
		maxname = namelen > maxname ? namelen : maxname;
		maxdata = data.len > maxdata ? (uint32_t)data.len : maxdata;
	}
	hp_buf_release(&data);
	if (r == 0) {
		unsigned char *o = OUT(c, HP_REGF_BLOCK + newnk + 4);

		hp_le32_put(o + 36, (uint32_t)n);
		hp_le32_put(o + 40, newlist);
		hp_le32_put(o + 60, maxname);
		hp_le32_put(o + 64, maxdata);
	}
	return r;
}

struct kid {
	uint32_t	 old;
	uint32_t	 new;
	uint16_t	*up;		/* upper-cased UTF-16 units */
	size_t		 len;
	uint32_t	 hash;
};

static int
kid_cmp(const void *a, const void *b)
{
	const struct kid *x = a, *y = b;

	return hp_regf_units_cmp(x->up, x->len, y->up, y->len);
}

/* Collects the subkeys named by the list at rel (lf, lh, li, one ri). */
static int
gather(struct compactor *c, uint32_t rel, int depth, struct kid **kids,
    size_t *n, size_t *cap)
{
	const unsigned char *l;
	size_t len, i, cnt, step;

	if ((l = in_cell(c, rel, &len)) == NULL || len < 4 || depth > 1)
		return bad(c, "bad subkey list", rel);
	cnt = hp_le16(l + 2);
	if (memcmp(l, "ri", 2) == 0) {
		for (i = 0; i < cnt; i++)
			if (4 + 4 * i + 4 > len ||
			    gather(c, hp_le32(l + 4 + 4 * i), depth + 1, kids,
			    n, cap) == -1)
				return -1;
		return 0;
	}
	if (memcmp(l, "li", 2) == 0)
		step = 4;
	else if (memcmp(l, "lf", 2) == 0 || memcmp(l, "lh", 2) == 0)
		step = 8;
	else
		return bad(c, "unknown subkey list type", rel);
	for (i = 0; i < cnt; i++) {
		if (4 + step * (i + 1) > len)
			return bad(c, "subkey list overruns its cell", rel);
		if (*n == *cap) {
			struct kid *g;

			*cap = *cap ? *cap * 2 : 16;
			if (*cap > HP_MAX_SUBKEYS * 2 ||
			    (g = realloc(*kids, *cap * sizeof(*g))) == NULL)
				return hp_error_errno(c->e, HP_EXIT_IO,
				    "out of memory");
			*kids = g;
		}
		memset(&(*kids)[*n], 0, sizeof(**kids));
		(*kids)[(*n)++].old = hp_le32(l + 4 + step * i);
	}
	return 0;
}


static int	copy_key(struct compactor *, uint32_t, uint32_t, int,
		    uint32_t *);

static int
write_lists(struct compactor *c, struct kid *kids, size_t n, uint32_t *out)
{
	size_t nleaves = (n + LEAF_MAX - 1) / LEAF_MAX, i, j;
	uint32_t ri = NONE, leaf = NONE;

	if (nleaves > 1 && alloc_cell(c, 4 + 4 * nleaves, &ri) == -1)
		return -1;
	if (ri != NONE) {
		memcpy(OUT(c, HP_REGF_BLOCK + ri + 4), "ri", 2);
		OUT(c, HP_REGF_BLOCK + ri + 6)[0] = (unsigned char)nleaves;
		OUT(c, HP_REGF_BLOCK + ri + 6)[1] =
		    (unsigned char)(nleaves >> 8);
	}
	for (i = 0; i < nleaves; i++) {
		size_t cnt = n - i * LEAF_MAX > LEAF_MAX ? LEAF_MAX :
		    n - i * LEAF_MAX;
		unsigned char *l;

		if (alloc_cell(c, 4 + 8 * cnt, &leaf) == -1)
			return -1;
		l = OUT(c, HP_REGF_BLOCK + leaf + 4);
		memcpy(l, c->lh ? "lh" : "lf", 2);
		l[2] = (unsigned char)cnt;
		l[3] = (unsigned char)(cnt >> 8);
		for (j = 0; j < cnt; j++) {
			const struct kid *k = &kids[i * LEAF_MAX + j];
			size_t m;

			hp_le32_put(l + 4 + 8 * j, k->new);
			if (c->lh)
				hp_le32_put(l + 8 + 8 * j, k->hash);
			else	/* lf: a hint of the first 4 characters */
				for (m = 0; m < 4; m++)
					l[8 + 8 * j + m] = m < k->len ?
					    (unsigned char)k->up[m] : 0;
		}
		if (ri != NONE)
			hp_le32_put(OUT(c, HP_REGF_BLOCK + ri + 8 + 4 * i),
			    leaf);
	}
	*out = ri != NONE ? ri : leaf;
	return 0;
}

static int
copy_subkeys(struct compactor *c, const unsigned char *nk, uint32_t newnk,
    int depth)
{
	struct kid *kids = NULL;
	size_t n = 0, cap = 0, i, j, maxname = 0;
	uint32_t list = NONE;
	int r = 0;

	if (hp_le32(nk + 20) == 0)
		goto done;
	if ((r = gather(c, hp_le32(nk + 28), 0, &kids, &n, &cap)) == -1)
		goto out;
	for (i = 0; i < n && r == 0; i++) {
		const unsigned char *k;
		size_t klen, nlen;
		int comp;

		if ((k = in_cell(c, kids[i].old, &klen)) == NULL ||
		    klen < 76 || memcmp(k, "nk", 2) != 0 ||
		    (nlen = hp_le16(k + 72)) > klen - 76) {
			r = bad(c, "bad subkey cell", kids[i].old);
			break;
		}
		comp = hp_le16(k + 2) & 0x20;
		kids[i].len = comp ? nlen : nlen / 2;
		if ((kids[i].up = calloc(kids[i].len + 1, 2)) == NULL) {
			r = hp_error_errno(c->e, HP_EXIT_IO, "out of memory");
			break;
		}
		for (j = 0; j < kids[i].len; j++) {
			kids[i].up[j] = hp_regf_upcase(comp ? k[76 + j] :
			    hp_le16(k + 76 + 2 * j));
			kids[i].hash = 37 * kids[i].hash + kids[i].up[j];
		}
		maxname = kids[i].len * 2 > maxname ? kids[i].len * 2 : maxname;
	}
	if (r == 0 && n > 1)
		qsort(kids, n, sizeof(*kids), kid_cmp);
	for (i = 0; i < n && r == 0; i++)
		r = copy_key(c, kids[i].old, newnk, depth + 1, &kids[i].new);
	if (r == 0 && n > 0)
		r = write_lists(c, kids, n, &list);
done:
	if (r == 0) {
		unsigned char *o = OUT(c, HP_REGF_BLOCK + newnk + 4);

		hp_le32_put(o + 20, (uint32_t)n);
		hp_le32_put(o + 28, list);
		/* Low 16 bits: longest subkey name; the rest are flags. */
		hp_le32_put(o + 52, (hp_le32(o + 52) & 0xffff0000u) |
		    (uint32_t)(maxname & 0xffff));
	}
out:
	for (i = 0; i < n; i++)
		free(kids[i].up);
	free(kids);
	return r;
}

static int
touched(const struct compactor *c, uint32_t rel)
{
	uint64_t off = HP_REGF_BLOCK + (uint64_t)rel;
	size_t lo = 0, hi = c->ntouched;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->touched[mid] == off)
			return 1;
		if (c->touched[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static int
copy_key(struct compactor *c, uint32_t old, uint32_t parent, int depth,
    uint32_t *new)
{
	const unsigned char *nk, *cls;
	size_t len, clen;
	uint32_t sk, newcls;
	unsigned char *o;

	if (depth > HP_MAX_KEY_DEPTH)
		return hp_limit_error(c->e, "cannot compact", "key depth",
		    (unsigned long long)depth, HP_MAX_KEY_DEPTH);
	if ((nk = in_cell(c, old, &len)) == NULL || len < 76 ||
	    memcmp(nk, "nk", 2) != 0 || hp_le16(nk + 72) > len - 76)
		return bad(c, "bad key cell", HP_REGF_BLOCK + (size_t)old);
	/* A key reached twice would loop, or grow without bound. */
	if (c->seen[old / 64] & (1u << (old / 8 % 8)))
		return bad(c, "a key is reachable twice",
		    HP_REGF_BLOCK + (size_t)old);
	c->seen[old / 64] |= (unsigned char)(1u << (old / 8 % 8));
	if (copy_cell(c, nk, 76 + hp_le16(nk + 72), new) == -1)
		return -1;
	o = OUT(c, HP_REGF_BLOCK + *new + 4);
	hp_le32_put(o + 16, parent);
	hp_le32_put(o + 24, 0);		/* volatile subkeys do not persist */
	hp_le32_put(o + 32, NONE);
	if (touched(c, old)) {
		hp_le32_put(o + 4, (uint32_t)c->now);
		hp_le32_put(o + 8, (uint32_t)((uint64_t)c->now >> 32));
	}
	if (copy_sk(c, hp_le32(nk + 44), &sk) == -1)
		return -1;
	hp_le32_put(OUT(c, HP_REGF_BLOCK + *new + 4) + 44, sk);
	newcls = NONE;
	if (hp_le16(nk + 74) > 0 && hp_le32(nk + 48) != NONE) {
		if ((cls = in_cell(c, hp_le32(nk + 48), &clen)) == NULL ||
		    clen < hp_le16(nk + 74))
			return bad(c, "bad class name", hp_le32(nk + 48));
		if (copy_cell(c, cls, hp_le16(nk + 74), &newcls) == -1)
			return -1;
	}
	hp_le32_put(OUT(c, HP_REGF_BLOCK + *new + 4) + 48, newcls);
	if (copy_values(c, nk, *new) == -1)
		return -1;
	return copy_subkeys(c, nk, *new, depth);
}

/* Links every copied sk cell into one circular list. */
static void
link_sks(struct compactor *c)
{
	size_t i;

	for (i = 0; i < c->nsk; i++) {
		uint32_t self = c->skmap[2 * i + 1];
		uint32_t next = c->skmap[2 * ((i + 1) % c->nsk) + 1];
		uint32_t prev = c->skmap[2 * ((i + c->nsk - 1) % c->nsk) + 1];

		hp_le32_put(OUT(c, HP_REGF_BLOCK + self + 8), next);
		hp_le32_put(OUT(c, HP_REGF_BLOCK + self + 12), prev);
	}
}

int
hp_regf_compact(const struct hp_buf *in, struct hp_buf *out,
    const uint64_t *keys, size_t nkeys, int64_t now, struct hp_error *e)
{
	struct compactor c;
	uint32_t root;
	int r;

	if (in->len < 2 * HP_REGF_BLOCK)
		return hp_error_set(e, HP_EXIT_IO, "cannot compact: image too "
		    "short");
	memset(&c, 0, sizeof(c));
	c.in = (const unsigned char *)in->buf;
	c.inlen = HP_REGF_BLOCK + (size_t)hp_le32(c.in + 40);
	if (c.inlen > in->len)
		c.inlen = in->len;
	c.out = out;
	c.big_data = hp_le32(c.in + 24) >= 4;
	c.lh = hp_le32(c.in + 24) >= 5;
	c.touched = keys;
	c.ntouched = nkeys;
	c.now = now;
	c.e = e;
	if ((c.seen = calloc(c.inlen / 64 + 1, 1)) == NULL)
		return hp_error_errno(e, HP_EXIT_IO, "out of memory");
	hp_buf_reset(out);
	if (hp_buf_add(out, c.in, HP_REGF_BLOCK) == -1) {
		free(c.seen);
		return hp_error_errno(e, HP_EXIT_IO, "out of memory");
	}
	c.cur = c.bin_end = out->len;
	r = copy_key(&c, hp_le32(c.in + 36), NONE, 0, &root);
	if (r == 0) {
		unsigned char *p = (unsigned char *)out->buf;

		if (c.cur < c.bin_end)
			hp_le32_put(OUT(&c, c.cur),
			    (uint32_t)(c.bin_end - c.cur));
		link_sks(&c);
		hp_le32_put(p + 36, root);
		hp_le32_put(p + 40, (uint32_t)(out->len - HP_REGF_BLOCK));
		hp_le32_put(p + 12, (uint32_t)now);
		hp_le32_put(p + 16, (uint32_t)((uint64_t)now >> 32));
		hp_le32_put(p + 508, hp_regf_checksum(p));
	}
	free(c.skmap);
	free(c.seen);
	return r;
}
