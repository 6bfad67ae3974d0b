/*
 * The writer: a new image from the original file (mapped) and the overlay
 * of changes, streamed into a file descriptor.
 *
 * Every cell the root still reaches is copied into fresh bins, depth
 * first: a key, its security descriptor (once per descriptor), its class
 * name, its values (big data as db records in hives of version 1.4 and
 * later), then its subkeys, then their list, sorted and hashed as Windows
 * does.  Names, flags, timestamps and data of what did not change are
 * copied byte for byte; only offsets, counts, reference counts and the
 * times of the changed keys are new.  Keys and values the overlay changed
 * are written from it.  What is unreachable (free cells, deleted keys)
 * is left behind, so the image has no free space but the ends of bins.
 *
 * Only a window of the output is in memory: whole bins are handed out
 * once it exceeds WINDOW bytes, to a second thread that writes them (the
 * copy into the page cache) while the walk fills the other buffer; one
 * chunk is in flight at a time.  A field of a cell already written (a
 * key's subkey count, known after its subtree; an sk's reference count,
 * known at the end) is patched in place with pwrite, once the chunk that
 * holds it is written (patches into the chunk in flight wait in a list).
 * The original came from an arbitrary file: every offset read from it is
 * checked.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/txn.h"
#include "formats/hive_impl.h"
#include "formats/le.h"
#include "core/limits.h"
#include "formats/regf.h"
#include "core/text.h"
#include "formats/utf16.h"

#define NONE		0xffffffffu
#define LEAF_MAX	512	/* entries per lh before an ri is used */
#define WINDOW		(2u << 20)

/*
 * A chunk of the image being written by the second thread: buf at file
 * offset base (the fd's offset: chunks go out in order).  Its outcome is
 * in failed and err once joined.
 */
struct chunk {
	pthread_t		 th;
	int			 active;	/* started, not joined */
	int			 fd;
	const char		*name;
	struct hp_buf		 buf;
	size_t			 base;
	int			 failed;
	struct hp_error		 err;
};

/* A 32-bit field patched while its chunk was in flight. */
struct patch {
	size_t			 off;
	uint32_t		 x;
};

/* A security descriptor of the original and its copy. */
struct sk {
	uint32_t	 old, new, refs;
};

struct writer {
	struct hp_hive		*hv;
	const unsigned char	*in;
	size_t			 inlen;
	int			 fd;
	const char		*name;
	struct hp_buf		 win;	/* output bytes [base, base+len) */
	size_t			 base;
	struct chunk		 out;	/* the chunk in flight, if active */
	struct patch		*patches;	/* for out, applied after it */
	size_t			 npatch, cappatch;
	size_t			 bin_end;	/* file offset */
	size_t			 cur;		/* file offset of free space */
	int			 big_data;	/* minor >= 4 */
	int			 lh;		/* minor >= 5 */
	int64_t			 now;
	struct sk		*sks;
	size_t			 nsk, capsk;
	uint32_t		*skhash;	/* index + 1 into sks, or 0 */
	size_t			 capskhash;
	unsigned char		*seen;	/* one bit per 8 input bytes */
	struct hp_buf		 data;	/* scratch: one value's data */
	struct hp_buf		 units;	/* scratch: a name in UTF-16LE */
	struct hp_error		*e;
};

/*
 * A subkey being written.  Its name is read where it lies (a list of
 * 50,000 subkeys is written from tens of thousands of these at once).
 */
struct wkid {
	const unsigned char *raw;	/* its name: in the file, or owned */
	const char	*name;		/* a new key's name */
	hp_node		 node;		/* a new key's node */
	uint32_t	 old;		/* its nk in the original, or NONE */
	uint32_t	 new;
	uint32_t	 len;		/* in UTF-16 units */
	uint32_t	 hash;		/* as lh records want */
	int		 comp;		/* raw has one byte a unit */
};

static int	write_key(struct writer *, const struct wkid *, uint32_t,
		    size_t, int, uint32_t *);

static int
bad(struct writer *w, const char *what, size_t off)
{
	return hp_error_set(w->e, HP_E_INPUT, "%s: cannot write the hive: "
	    "%s at offset 0x%zx", w->hv->path, what, off);
}

/* The data of the allocated input cell at rel (size in *len), or NULL. */
static const unsigned char *
in_cell(const struct writer *w, uint32_t rel, size_t *len)
{
	size_t off = HP_REGF_BLOCK + (size_t)rel;
	int32_t size;

	if (rel == NONE || off + 8 > w->inlen)
		return NULL;
	size = (int32_t)hp_le32(w->in + off);
	if (size >= 0 || (size_t)-(int64_t)size > w->inlen - off ||
	    -(int64_t)size < 8)
		return NULL;
	*len = (size_t)-(int64_t)size - 4;
	return w->in + off + 4;
}

/*
 * Asks for the input cell at rel ahead of use: the walk visits cells in
 * tree order, not file order, so each first touch would otherwise wait
 * for memory.
 */
static void
prefetch_cell(const struct writer *w, uint32_t rel)
{
	if ((size_t)rel < w->inlen - HP_REGF_BLOCK)
		__builtin_prefetch(w->in + HP_REGF_BLOCK + rel);
}

/* Output. */

/* The data of the output cell at rel, which must still be in the window. */
static unsigned char *
out_cell(struct writer *w, uint32_t rel)
{
	size_t off = HP_REGF_BLOCK + (size_t)rel + 4;

	if (off < w->base)
		HP_BUG("writer: a cell left the window before it was filled");
	return (unsigned char *)w->win.buf + (off - w->base);
}

/* Sets a 32-bit field at byte field of the output cell at rel. */
static int
put32(struct writer *w, uint32_t rel, size_t field, uint32_t x)
{
	size_t off = HP_REGF_BLOCK + (size_t)rel + 4 + field;
	unsigned char b[4];

	if (off >= w->base) {
		hp_le32_put((unsigned char *)w->win.buf + (off - w->base), x);
		return 0;
	}
	if (w->out.active && off >= w->out.base) {
		HP_ALLOC_GROW(w->patches, w->npatch + 1, w->cappatch);
		w->patches[w->npatch++] = (struct patch){ off, x };
		return 0;
	}
	hp_le32_put(b, x);
	if (pwrite(w->fd, b, 4, (off_t)off) != 4)
		return hp_error_errno(w->e, HP_E_IO, "%s: write", w->name);
	return 0;
}

/*
 * The second thread: writes a chunk, and starts its writeback, so that
 * the disk works while the rest is written and verified and the commit's
 * fsync finds little left to do.  (A file system without sync_file_range
 * just waits for the fsync.)
 */
static void *
chunk_main(void *arg)
{
	struct chunk *c = arg;

	if (hp_txn_write_fd(c->fd, c->buf.buf, c->buf.len, c->name,
	    &c->err) == -1)
		c->failed = 1;
	else
		(void)sync_file_range(c->fd, (off64_t)c->base,
		    (off64_t)c->buf.len, SYNC_FILE_RANGE_WRITE);
	return NULL;
}

/*
 * Waits for the chunk in flight, then writes the patches that waited for
 * it.  Always joins; the chunk's error, if any, is the one reported.
 */
static int
chunk_join(struct writer *w)
{
	unsigned char b[4];
	size_t i;

	if (!w->out.active)
		return 0;
	pthread_join(w->out.th, NULL);
	w->out.active = 0;
	if (w->out.failed) {
		*w->e = w->out.err;
		return -1;
	}
	for (i = 0; i < w->npatch; i++) {
		hp_le32_put(b, w->patches[i].x);
		if (pwrite(w->fd, b, 4, (off_t)w->patches[i].off) != 4)
			return hp_error_errno(w->e, HP_E_IO, "%s: write",
			    w->name);
	}
	w->npatch = 0;
	return 0;
}

/*
 * Hands the whole window to the second thread (once the chunk before it
 * is written) and goes on in the other buffer.  Without a thread, the
 * window is written here.
 */
static int
flush(struct writer *w)
{
	struct hp_buf t;

	if (chunk_join(w) == -1)
		return -1;
	t = w->out.buf;
	w->out.buf = w->win;
	w->win = t;
	hp_buf_reset(&w->win);
	w->out.base = w->base;
	w->out.failed = 0;
	w->base += w->out.buf.len;
	if (pthread_create(&w->out.th, NULL, chunk_main, &w->out) == 0) {
		w->out.active = 1;
		return 0;
	}
	chunk_main(&w->out);
	if (w->out.failed) {
		*w->e = w->out.err;
		return -1;
	}
	return 0;
}

/* Marks the rest of the current bin as one free cell. */
static void
close_bin(struct writer *w)
{
	if (w->cur < w->bin_end)
		hp_le32_put((unsigned char *)w->win.buf + (w->cur - w->base),
		    (uint32_t)(w->bin_end - w->cur));
	w->cur = w->bin_end;
}

/* Starts a bin with room for a cell of size bytes. */
static int
open_bin(struct writer *w, size_t size)
{
	size_t bin = (32 + size + HP_REGF_BLOCK - 1) / HP_REGF_BLOCK *
	    HP_REGF_BLOCK;
	size_t start = w->base + w->win.len;
	unsigned char *p;

	close_bin(w);
	if ((uint64_t)start - HP_REGF_BLOCK + bin > 0x7fffffffu)
		return bad(w, "the hive grows past 2 GB", start);
	if (w->win.len >= WINDOW && flush(w) == -1)
		return -1;
	hp_buf_grow(&w->win, bin);
	p = (unsigned char *)w->win.buf + w->win.len;
	memset(p, 0, bin);
	w->win.len += bin;
	memcpy(p, "hbin", 4);
	hp_le32_put(p + 4, (uint32_t)(start - HP_REGF_BLOCK));
	hp_le32_put(p + 8, (uint32_t)bin);
	w->cur = start + 32;
	w->bin_end = start + bin;
	return 0;
}

/*
 * Allocates a zeroed cell of len data bytes; returns its relative offset.
 * Pointers into the window are dead after it.
 */
static int
alloc_cell(struct writer *w, size_t len, uint32_t *rel)
{
	size_t size = (len + 4 + 7) & ~(size_t)7;

	if (w->cur + size > w->bin_end && open_bin(w, size) == -1)
		return -1;
	hp_le32_put((unsigned char *)w->win.buf + (w->cur - w->base),
	    (uint32_t)-(int32_t)size);
	*rel = (uint32_t)(w->cur - HP_REGF_BLOCK);
	w->cur += size;
	return 0;
}

static int
copy_cell(struct writer *w, const void *data, size_t len, uint32_t *rel)
{
	if (alloc_cell(w, len, rel) == -1)
		return -1;
	memcpy(out_cell(w, *rel), data, len);
	return 0;
}

/* Security descriptors. */

static size_t
sk_slot(const struct writer *w, uint32_t old)
{
	size_t i = (size_t)(old * 0x9e3779b1u) & (w->capskhash - 1);

	while (w->skhash[i] != 0 && w->sks[w->skhash[i] - 1].old != old)
		i = (i + 1) & (w->capskhash - 1);
	return i;
}

/* Doubles the index of sks (a power of two, for sk_slot). */
static void
sk_index_grow(struct writer *w)
{
	size_t i;

	w->capskhash = w->capskhash ? hp_size_mul(w->capskhash, 2) : 128;
	free(w->skhash);
	w->skhash = hp_calloc(w->capskhash, sizeof(*w->skhash));
	for (i = 0; i < w->nsk; i++)
		w->skhash[sk_slot(w, w->sks[i].old)] = (uint32_t)i + 1;
}

/* One more reference to the original's sk at old; *idx is its entry. */
static int
sk_ref(struct writer *w, uint32_t old, size_t *idx)
{
	const unsigned char *sk;
	size_t len, i;
	uint32_t new;

	/* At most half full, so that probes stay short. */
	if (2 * (w->nsk + 1) > w->capskhash)
		sk_index_grow(w);
	i = sk_slot(w, old);
	if (w->skhash[i] != 0) {
		*idx = w->skhash[i] - 1;
		w->sks[*idx].refs++;
		return 0;
	}
	if ((sk = in_cell(w, old, &len)) == NULL || len < 20 ||
	    memcmp(sk, "sk", 2) != 0 || hp_le32(sk + 16) > len - 20)
		return bad(w, "bad security descriptor cell",
		    HP_REGF_BLOCK + (size_t)old);
	if (copy_cell(w, sk, 20 + hp_le32(sk + 16), &new) == -1)
		return -1;
	HP_ALLOC_GROW(w->sks, w->nsk + 1, w->capsk);
	*idx = w->nsk++;
	w->sks[*idx] = (struct sk){ old, new, 1 };
	w->skhash[i] = (uint32_t)*idx + 1;
	return 0;
}

/*
 * Links every sk into one circular list and writes the reference counts
 * (the number of keys written that use it, deleted ones gone).
 */
static int
sk_finish(struct writer *w)
{
	size_t i, n = w->nsk;

	for (i = 0; i < n; i++) {
		uint32_t self = w->sks[i].new;

		if (put32(w, self, 4, w->sks[(i + 1) % n].new) == -1 ||
		    put32(w, self, 8, w->sks[(i + n - 1) % n].new) == -1 ||
		    put32(w, self, 12, w->sks[i].refs) == -1)
			return -1;
	}
	return 0;
}

/* Values. */

/*
 * The data of the original's vk: a pointer into the file when it is one
 * cell, else gathered from its big-data segments into w->data.
 */
static int
read_data(struct writer *w, const unsigned char *vk, const unsigned char **p,
    size_t *plen)
{
	uint32_t len = hp_le32(vk + 4), off = hp_le32(vk + 8);
	const unsigned char *d, *list;
	size_t dlen, llen, i, n;

	*p = NULL;
	*plen = 0;
	if (len & 0x80000000u)
		return (len & 0x7fffffffu) > 4 ?
		    bad(w, "inline value data over 4 bytes", off) : 0;
	if (len > HP_MAX_VALUE_SIZE)
		return bad(w, "value data too large", off);
	if (len == 0)
		return 0;
	if ((d = in_cell(w, off, &dlen)) == NULL)
		return bad(w, "value data outside the hive", off);
	*plen = len;
	if (len <= dlen) {
		*p = d;
		return 0;
	}
	if (dlen < 8 || memcmp(d, "db", 2) != 0 ||
	    (list = in_cell(w, hp_le32(d + 4), &llen)) == NULL)
		return bad(w, "value data larger than its cell", off);
	hp_buf_reset(&w->data);
	n = hp_le16(d + 2);
	for (i = 0; i < n && w->data.len < len; i++) {
		const unsigned char *seg;
		size_t slen, take;

		if (4 * i + 4 > llen ||
		    (seg = in_cell(w, hp_le32(list + 4 * i), &slen)) == NULL)
			return bad(w, "bad big-data segment", off);
		/* Full segments hold 16,344 bytes (and 4 spare). */
		take = slen < HP_REGF_BIG_DATA ? slen : HP_REGF_BIG_DATA;
		if (take > len - w->data.len)
			take = len - w->data.len;
		hp_buf_add(&w->data, seg, take);
	}
	if (w->data.len != len)
		return bad(w, "big data shorter than its value", off);
	*p = (const unsigned char *)w->data.buf;
	return 0;
}

/* Writes value data as one cell, or as a db record and its segments. */
static int
write_data(struct writer *w, const unsigned char *data, size_t len,
    uint32_t *rel)
{
	size_t nseg, i;
	uint32_t list, seg;
	unsigned char *p;

	if (len <= HP_REGF_BIG_DATA || !w->big_data)
		return copy_cell(w, data, len, rel);
	nseg = (len + HP_REGF_BIG_DATA - 1) / HP_REGF_BIG_DATA;
	if (alloc_cell(w, 12, rel) == -1 || alloc_cell(w, 4 * nseg, &list) ==
	    -1)
		return -1;
	p = out_cell(w, *rel);
	memcpy(p, "db", 2);
	hp_le16_put(p + 2, (uint16_t)nseg);
	hp_le32_put(p + 4, list);
	for (i = 0; i < nseg; i++) {
		size_t take = len - i * HP_REGF_BIG_DATA;

		if (take > HP_REGF_BIG_DATA)
			take = HP_REGF_BIG_DATA;
		/* Segments keep 4 spare bytes, as Windows writes them. */
		if (alloc_cell(w, take + 4, &seg) == -1)
			return -1;
		memcpy(out_cell(w, seg), data + i * HP_REGF_BIG_DATA, take);
		if (put32(w, list, 4 * i, seg) == -1)
			return -1;
	}
	return 0;
}

/* The longest value name and data of a key, as its nk records them. */
struct vmax {
	uint32_t	 name;		/* in UTF-16 bytes */
	uint32_t	 data;
};

static void
vmax_add(struct vmax *m, size_t name16, size_t data)
{
	if (name16 > m->name)
		m->name = (uint32_t)name16;
	if (data > m->data)
		m->data = (uint32_t)data;
}

/* Copies the original's vk at old (and its data). */
static int
copy_vk(struct writer *w, uint32_t old, uint32_t *new, struct vmax *m)
{
	const unsigned char *vk, *data;
	size_t vlen, dlen;
	uint32_t namelen, dataoff;

	if ((vk = in_cell(w, old, &vlen)) == NULL || vlen < 20 ||
	    memcmp(vk, "vk", 2) != 0 || (namelen = hp_le16(vk + 2)) >
	    vlen - 20)
		return bad(w, "bad value cell", HP_REGF_BLOCK + (size_t)old);
	if (read_data(w, vk, &data, &dlen) == -1 ||
	    copy_cell(w, vk, 20 + namelen, new) == -1)
		return -1;
	if (data != NULL && (write_data(w, data, dlen, &dataoff) == -1 ||
	    put32(w, *new, 8, dataoff) == -1))
		return -1;
	vmax_add(m, (hp_le16(vk + 16) & 1) ? 2 * namelen : namelen,
	    (hp_le32(vk + 4) & 0x80000000u) ? hp_le32(vk + 4) & 0x7fffffffu :
	    dlen);
	return 0;
}

/*
 * A name in w->units as UTF-16LE.  Returns 1 if it can be stored
 * compressed (one byte a unit): every unit below 0x100, as Windows (and
 * libhivex) store Latin-1 names; readers such as reglookup rely on it.
 */
static int
encode_name(struct writer *w, const char *name)
{
	size_t i;

	hp_buf_reset(&w->units);
	if (hp_utf16_encode(name, strlen(name), &w->units) == 1)
		return hp_error_set(w->e, HP_E_INPUT, "%s: name \"%s\" is "
		    "not valid UTF-8", w->hv->path, name);
	for (i = 0; i < w->units.len; i += 2)
		if (hp_le16((unsigned char *)w->units.buf + i) > 0xff)
			return 0;
	return 1;
}

/* Writes a vk named name for a value the overlay holds. */
static int
new_vk(struct writer *w, const char *name, const struct hp_value *v,
    uint32_t *new, struct vmax *m)
{
	size_t i, nlen;
	uint32_t dataoff = 0, len = (uint32_t)v->len;
	unsigned char *p;
	int comp;

	if ((comp = encode_name(w, name)) == -1)
		return -1;
	nlen = comp ? w->units.len / 2 : w->units.len;
	if (len > 4 && write_data(w, v->data, len, &dataoff) == -1)
		return -1;
	if (alloc_cell(w, 20 + nlen, new) == -1)
		return -1;
	p = out_cell(w, *new);
	memcpy(p, "vk", 2);
	hp_le16_put(p + 2, (uint16_t)nlen);
	if (len <= 4) {		/* small data lives in the offset field */
		hp_le32_put(p + 4, len | 0x80000000u);
		if (len > 0)
			memcpy(p + 8, v->data, len);
	} else {
		hp_le32_put(p + 4, len);
		hp_le32_put(p + 8, dataoff);
	}
	hp_le32_put(p + 12, v->type);
	hp_le16_put(p + 16, comp ? 1 : 0);
	for (i = 0; i < nlen; i++)
		p[20 + i] = comp ? (unsigned char)w->units.buf[2 * i] :
		    (unsigned char)w->units.buf[i];
	vmax_add(m, w->units.len, len);
	return 0;
}

/*
 * The name of the original's vk at old in UTF-8, as libhivex reads it
 * (compressed names are Latin-1), into w->data.
 */
static int
vk_name(struct writer *w, uint32_t old, const char **name)
{
	const unsigned char *vk;
	size_t vlen, n, i;

	if ((vk = in_cell(w, old, &vlen)) == NULL || vlen < 20 ||
	    memcmp(vk, "vk", 2) != 0 || (n = hp_le16(vk + 2)) > vlen - 20)
		return bad(w, "bad value cell", HP_REGF_BLOCK + (size_t)old);
	hp_buf_reset(&w->data);
	if (!(hp_le16(vk + 16) & 1))
		hp_utf16_decode(vk + 20, n & ~(size_t)1, &w->data);
	for (i = 0; (hp_le16(vk + 16) & 1) && i < n; i++) {
		if (vk[20 + i] < 0x80)
			hp_buf_addc(&w->data, vk[20 + i]);
		else
			hp_buf_add(&w->data, (unsigned char[]){ 0xc0 |
			    vk[20 + i] >> 6, 0x80 | (vk[20 + i] & 0x3f) }, 2);
	}
	*name = w->data.buf;
	return 0;
}

/* Fills the fields of the key at nk that describe its n values. */
static int
value_fields(struct writer *w, uint32_t nk, size_t n, uint32_t list,
    const struct vmax *m)
{
	if (put32(w, nk, 36, (uint32_t)n) == -1 ||
	    put32(w, nk, 40, list) == -1 ||
	    put32(w, nk, 60, m->name) == -1)
		return -1;
	return put32(w, nk, 64, m->data);
}

/* The values of the original's nk, copied. */
static int
values_from_file(struct writer *w, const unsigned char *nk, uint32_t newnk)
{
	const unsigned char *list = NULL;
	size_t llen = 0, i, n = hp_le32(nk + 36);
	uint32_t newlist = NONE, newvk;
	struct vmax m = { 0, 0 };

	if (n > HP_MAX_VALUES)
		return hp_limit_error(w->e, w->hv->path, "values of one key",
		    n, HP_MAX_VALUES);
	if (n > 0 && ((list = in_cell(w, hp_le32(nk + 40), &llen)) == NULL ||
	    llen < 4 * n))
		return bad(w, "bad value list", hp_le32(nk + 40));
	if (n > 0 && alloc_cell(w, 4 * n, &newlist) == -1)
		return -1;
	for (i = 0; i < n && i < 4; i++)
		prefetch_cell(w, hp_le32(list + 4 * i));
	for (i = 0; i < n; i++) {
		if (i + 4 < n)
			prefetch_cell(w, hp_le32(list + 4 * (i + 4)));
		if (copy_vk(w, hp_le32(list + 4 * i), &newvk, &m) == -1 ||
		    put32(w, newlist, 4 * i, newvk) == -1)
			return -1;
	}
	return value_fields(w, newnk, n, newlist, &m);
}

/*
 * One value of a changed key: the original's vk at old copied (c NULL),
 * or written from the change c under name.
 */
struct vplan {
	uint32_t		 old;
	const struct vchg	*c;
	char			*name;
};

/* Which of the original's values stay, and which the overlay replaces. */
static int
plan_file_values(struct writer *w, const struct okey *k,
    const unsigned char *nk, struct vplan *plan, size_t *n,
    unsigned char *seen)
{
	const unsigned char *list;
	size_t llen, i, nfile = hp_le32(nk + 36);
	const char *name = NULL;

	if (nfile == 0)
		return 0;
	if ((list = in_cell(w, hp_le32(nk + 40), &llen)) == NULL ||
	    llen < 4 * nfile)
		return bad(w, "bad value list", hp_le32(nk + 40));
	for (i = 0; i < nfile; i++) {
		uint32_t old = hp_le32(list + 4 * i);
		const struct vchg *c;

		if (vk_name(w, old, &name) == -1)
			return -1;
		if ((c = hive_vchg_find(k, name)) != NULL)
			seen[c - k->chg] = 1;
		if (c != NULL && c->deleted)
			continue;
		plan[*n].old = old;
		plan[*n].c = c;
		plan[*n].name = c != NULL ? hp_strdup(name) : NULL;
		(*n)++;
	}
	return 0;
}

/*
 * The values of a key the overlay changed: the original's (nk, unless
 * cleared; NULL for a new key) in their order, changed ones rewritten
 * under their old names, deleted ones left out, then the new ones.
 */
static int
values_from_overlay(struct writer *w, const struct okey *k,
    const unsigned char *nk, uint32_t newnk)
{
	size_t nfile = nk != NULL && !(k->flags & OK_CLEARED) ?
	    hp_le32(nk + 36) : 0, n = 0, nadd, i;
	struct vplan *plan;
	const struct vchg **add;
	unsigned char *seen;
	uint32_t newlist = NONE, newvk;
	struct vmax m = { 0, 0 };
	int r = -1;

	if (nfile > HP_MAX_VALUES)
		return hp_limit_error(w->e, w->hv->path, "values of one key",
		    nfile, HP_MAX_VALUES);
	plan = hp_calloc(nfile + k->nchg + 1, sizeof(*plan));
	add = hp_calloc(k->nchg + 1, sizeof(*add));
	seen = hp_calloc(k->nchg + 1, 1);
	if (nfile > 0 && plan_file_values(w, k, nk, plan, &n, seen) == -1)
		goto out;
	nadd = hive_added_values(k, seen, add);
	for (i = 0; i < nadd; i++)
		plan[n++] = (struct vplan){ NONE, add[i], NULL };
	if (n > 0 && alloc_cell(w, 4 * n, &newlist) == -1)
		goto out;
	for (i = 0, r = 0; i < n && r == 0; i++) {
		const struct vplan *p = &plan[i];

		r = p->c == NULL ? copy_vk(w, p->old, &newvk, &m) :
		    new_vk(w, p->name ? p->name : p->c->name, &p->c->value,
		    &newvk, &m);
		if (r == 0)
			r = put32(w, newlist, 4 * i, newvk);
	}
	if (r == 0)
		r = value_fields(w, newnk, n, newlist, &m);
out:
	for (i = 0; i < nfile + k->nchg; i++)
		free(plan[i].name);
	free(plan);
	free(add);
	free(seen);
	return r;
}

/* Subkeys. */

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

	if ((nk = in_cell(w, k->old, &len)) == NULL || len < 76 ||
	    memcmp(nk, "nk", 2) != 0 || (nlen = hp_le16(nk + 72)) > len - 76)
		return bad(w, "bad subkey cell", HP_REGF_BLOCK +
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

	if ((l = in_cell(w, rel, &len)) == NULL || len < 4 || depth > 1)
		return bad(w, "bad subkey list", rel);
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
		return bad(w, "unknown subkey list type", rel);
	for (i = 0; i < cnt; i++) {
		if (4 + step * (i + 1) > len)
			return bad(w, "subkey list overruns its cell", rel);
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
		if (encode_name(w, c->name) == -1)
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
		if (alloc_cell(w, 4 + 4 * nleaves, &ri) == -1)
			return -1;
		l = out_cell(w, ri);
		memcpy(l, "ri", 2);
		hp_le16_put(l + 2, (uint16_t)nleaves);
	}
	for (i = 0; i < nleaves; i++) {
		size_t cnt = n - i * LEAF_MAX > LEAF_MAX ? LEAF_MAX :
		    n - i * LEAF_MAX;

		if (alloc_cell(w, 4 + 8 * cnt, &leaf) == -1)
			return -1;
		l = out_cell(w, leaf);
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
		if (ri != NONE && put32(w, ri, 4 + 4 * i, leaf) == -1)
			return -1;
	}
	*out = ri != NONE ? ri : leaf;
	return 0;
}

/*
 * Writes the subkeys of the key at newnk (sk entry skidx, for new ones)
 * and their list, then the key's fields that describe them; hi52 holds
 * the flag bits above the longest name's length in the field at 52.
 */
static int
write_subkeys(struct writer *w, const unsigned char *nk, const struct okey *k,
    uint32_t newnk, uint32_t hi52, size_t skidx, int depth)
{
	struct wkid *kids = NULL;
	size_t n = 0, i, maxname = 0;
	uint32_t list = NONE;
	int r;

	if (k != NULL && (k->flags & OK_KIDS_CHANGED))
		r = kids_from_overlay(w, k, &kids, &n);
	else
		r = nk != NULL ? kids_from_file(w, nk, &kids, &n) : 0;
	/* The file's lists are sorted already, unless a tool broke them. */
	for (i = 1; r == 0 && i < n; i++)
		if (wkid_cmp(&kids[i - 1], &kids[i]) > 0) {
			qsort(kids, n, sizeof(*kids), wkid_cmp);
			break;
		}
	for (i = 0; i < n && r == 0; i++) {
		r = write_key(w, &kids[i], newnk, skidx, depth + 1,
		    &kids[i].new);
		if (kids[i].len * 2 > maxname)
			maxname = kids[i].len * 2;
	}
	if (r == 0 && n > 0)
		r = write_lists(w, kids, n, &list);
	wkids_free(kids, n);
	if (r == -1 || put32(w, newnk, 20, (uint32_t)n) == -1 ||
	    put32(w, newnk, 28, list) == -1)
		return -1;
	/* Low 16 bits: longest subkey name; the rest are flags. */
	return put32(w, newnk, 52, (hi52 & 0xffff0000u) |
	    (uint32_t)(maxname & 0xffff));
}

/* Keys. */

static void
put_time(unsigned char *p, int64_t t)
{
	hp_le64_put(p, (uint64_t)t);
}

/* A class name, copied. */
static int
copy_class(struct writer *w, const unsigned char *nk, uint32_t *new)
{
	const unsigned char *cls;
	size_t clen;

	*new = NONE;
	if (hp_le16(nk + 74) == 0 || hp_le32(nk + 48) == NONE)
		return 0;
	if ((cls = in_cell(w, hp_le32(nk + 48), &clen)) == NULL ||
	    clen < hp_le16(nk + 74))
		return bad(w, "bad class name", hp_le32(nk + 48));
	return copy_cell(w, cls, hp_le16(nk + 74), new);
}

/* Copies the original's key at old, merging what the overlay changed. */
static int
copy_key(struct writer *w, uint32_t old, uint32_t parent, int depth,
    uint32_t *new)
{
	const unsigned char *nk;
	const struct okey *k;
	unsigned char *o;
	size_t len, skidx = 0;
	uint32_t cls;

	if ((nk = in_cell(w, old, &len)) == NULL || len < 76 ||
	    memcmp(nk, "nk", 2) != 0 || hp_le16(nk + 72) > len - 76)
		return bad(w, "bad key cell", HP_REGF_BLOCK + (size_t)old);
	/* A key reached twice would loop, or grow without bound. */
	if (w->seen[old / 64] & (1u << (old / 8 % 8)))
		return bad(w, "a key is reachable twice",
		    HP_REGF_BLOCK + (size_t)old);
	w->seen[old / 64] |= (unsigned char)(1u << (old / 8 % 8));
	k = hive_okey_find(w->hv, HP_REGF_BLOCK + (hp_node)old);
	if (copy_cell(w, nk, 76 + hp_le16(nk + 72), new) == -1)
		return -1;
	o = out_cell(w, *new);
	hp_le32_put(o + 16, parent);
	hp_le32_put(o + 24, 0);		/* volatile subkeys do not persist */
	hp_le32_put(o + 32, NONE);
	if (k != NULL && (k->flags & OK_STAMP))
		put_time(o + 4, w->now);
	if (sk_ref(w, hp_le32(nk + 44), &skidx) == -1 ||
	    put32(w, *new, 44, w->sks[skidx].new) == -1 ||
	    copy_class(w, nk, &cls) == -1 || put32(w, *new, 48, cls) == -1)
		return -1;
	if (hive_values_changed(k) ? values_from_overlay(w, k, nk, *new) ==
	    -1 : values_from_file(w, nk, *new) == -1)
		return -1;
	return write_subkeys(w, nk, k, *new, hp_le32(nk + 52), skidx, depth);
}

/* Writes a key apply created; it takes its parent's sk (skidx). */
static int
new_key(struct writer *w, const struct wkid *kid, uint32_t parent,
    size_t skidx, int depth, uint32_t *new)
{
	const struct okey *k = hive_okey_find(w->hv, kid->node);
	unsigned char *o;
	size_t nlen, i;
	int comp;

	if (k == NULL)
		HP_BUG("writer: a new key is not in the overlay");
	if ((comp = encode_name(w, kid->name)) == -1)
		return -1;
	nlen = comp ? w->units.len / 2 : w->units.len;
	if (alloc_cell(w, 76 + nlen, new) == -1)
		return -1;
	o = out_cell(w, *new);
	memcpy(o, "nk", 2);
	hp_le16_put(o + 2, comp ? 0x20 : 0);
	put_time(o + 4, w->now);
	hp_le32_put(o + 16, parent);
	hp_le32_put(o + 28, NONE);
	hp_le32_put(o + 32, NONE);
	hp_le32_put(o + 40, NONE);
	hp_le32_put(o + 44, w->sks[skidx].new);
	hp_le32_put(o + 48, NONE);
	hp_le16_put(o + 72, (uint16_t)nlen);
	for (i = 0; i < nlen; i++)
		o[76 + i] = comp ? (unsigned char)w->units.buf[2 * i] :
		    (unsigned char)w->units.buf[i];
	w->sks[skidx].refs++;
	if (values_from_overlay(w, k, NULL, *new) == -1)
		return -1;
	return write_subkeys(w, NULL, k, *new, 0, skidx, depth);
}

static int
write_key(struct writer *w, const struct wkid *kid, uint32_t parent,
    size_t skidx, int depth, uint32_t *new)
{
	if (depth > HP_MAX_KEY_DEPTH)
		return hp_limit_error(w->e, w->hv->path, "key depth",
		    (unsigned long long)depth, HP_MAX_KEY_DEPTH);
	if (kid->old != NONE)
		return copy_key(w, kid->old, parent, depth, new);
	return new_key(w, kid, parent, skidx, depth, new);
}

/* The whole image. */

/* Maps the original read-only; *maplen is its size. */
static int
map_original(struct hp_hive *hv, const unsigned char **map, size_t *maplen,
    struct hp_error *e)
{
	struct stat st;
	void *p;
	int fd;

	if ((fd = open(hv->path, O_RDONLY)) == -1)
		return hp_error_errno(e, HP_E_IO, "%s", hv->path);
	if (fstat(fd, &st) == -1 || st.st_size < 2 * HP_REGF_BLOCK) {
		close(fd);
		return hp_error_set(e, HP_E_INPUT, "%s: changed or "
		    "truncated since it was opened", hv->path);
	}
	/* Every page is read: mapping them all at once saves the faults. */
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE |
	    MAP_POPULATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return hp_error_errno(e, HP_E_IO, "%s: mmap", hv->path);
	*map = p;
	*maplen = (size_t)st.st_size;
	return 0;
}

/* The base block: equal sequence numbers mark a complete write. */
static void
finish_header(struct writer *w, unsigned char *hdr, uint32_t root,
    size_t end)
{
	uint32_t seq = hp_le32(hdr + 4) > hp_le32(hdr + 8) ?
	    hp_le32(hdr + 4) : hp_le32(hdr + 8);

	hp_le32_put(hdr + 4, seq + 1);
	hp_le32_put(hdr + 8, seq + 1);
	put_time(hdr + 12, w->now);
	hp_le32_put(hdr + 36, root);
	hp_le32_put(hdr + 40, (uint32_t)(end - HP_REGF_BLOCK));
	hp_le32_put(hdr + 508, hp_regf_checksum(hdr));
}

/* Everything after the header is mapped and set up in w. */
static int
write_all(struct writer *w)
{
	unsigned char hdr[HP_REGF_BLOCK];
	struct wkid root;
	size_t end;

	memset(&root, 0, sizeof(root));
	memcpy(hdr, w->in, HP_REGF_BLOCK);
	if (lseek(w->fd, 0, SEEK_SET) == -1)
		return hp_error_errno(w->e, HP_E_IO, "%s: seek", w->name);
	/* The header's place; written last, once the image is whole. */
	hp_buf_add(&w->win, hdr, HP_REGF_BLOCK);
	w->cur = w->bin_end = HP_REGF_BLOCK;
	root.old = hp_le32(w->in + 36);
	if (write_key(w, &root, NONE, 0, 0, &root.new) == -1)
		return -1;
	close_bin(w);
	end = w->base + w->win.len;
	if (sk_finish(w) == -1 || flush(w) == -1 || chunk_join(w) == -1)
		return -1;
	finish_header(w, hdr, root.new, end);
	if (pwrite(w->fd, hdr, HP_REGF_BLOCK, 0) != HP_REGF_BLOCK ||
	    ftruncate(w->fd, (off_t)end) == -1)
		return hp_error_errno(w->e, HP_E_IO, "%s: write", w->name);
	return 0;
}

int
hp_hive_write_image(struct hp_hive *hv, int fd, const char *name,
    struct hp_error *e)
{
	struct writer w;
	size_t maplen = 0;
	int r = -1;

	memset(&w, 0, sizeof(w));
	w.hv = hv;
	w.fd = fd;
	w.name = name;
	w.e = e;
	w.win = (struct hp_buf)HP_BUF_INIT;
	w.out.buf = (struct hp_buf)HP_BUF_INIT;
	w.out.fd = fd;
	w.out.name = name;
	w.data = (struct hp_buf)HP_BUF_INIT;
	w.units = (struct hp_buf)HP_BUF_INIT;
	w.now = hv->now ? hv->now : hp_filetime_now();
	/*
	 * What the checks must find is read while libhivex still has the
	 * original open; then its handle is closed, so that the original is
	 * mapped once while the image is written (hive_handle reopens it).
	 */
	if (hive_want_read(hv, e) == -1)
		return -1;
	hive_close_handle(hv, 1);
	if (map_original(hv, &w.in, &maplen, e) == -1)
		return -1;
	/* The file as it is now (a commit may have replaced it since open). */
	w.big_data = hp_le32(w.in + 24) >= 4;
	w.lh = hp_le32(w.in + 24) >= 5;
	w.inlen = HP_REGF_BLOCK + (size_t)hp_le32(w.in + 40);
	if (w.inlen > maplen)
		w.inlen = maplen;
	w.seen = hp_calloc(w.inlen / 64 + 1, 1);
	r = write_all(&w);
	/* On an error the chunk in flight is still waited for. */
	if (r == -1 && w.out.active)
		pthread_join(w.out.th, NULL);
	else if (chunk_join(&w) == -1)
		r = -1;
	munmap((void *)w.in, maplen);
	free(w.patches);
	hp_buf_release(&w.out.buf);
	free(w.seen);
	free(w.sks);
	free(w.skhash);
	hp_buf_release(&w.win);
	hp_buf_release(&w.data);
	hp_buf_release(&w.units);
	return r;
}
