/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The hive writer (see hive_writer.h): the walk over the keys, their
 * security descriptors, and the image as a whole.
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
#include "core/limits.h"
#include "core/progress.h"
#include "formats/hive_writer.h"
#include "core/le.h"
#include "formats/regf.h"

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
	if ((sk = hw_in_cell(w, old, &len)) == NULL || len < 20 ||
	    memcmp(sk, "sk", 2) != 0 || hp_le32(sk + 16) > len - 20)
		return hw_bad(w, "bad security descriptor cell",
		    HP_REGF_BLOCK + (size_t)old);
	if (hw_copy_cell(w, sk, 20 + hp_le32(sk + 16), &new) == -1)
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

		if (hw_put32(w, self, 4, w->sks[(i + 1) % n].new) == -1 ||
		    hw_put32(w, self, 8, w->sks[(i + n - 1) % n].new) == -1 ||
		    hw_put32(w, self, 12, w->sks[i].refs) == -1)
			return -1;
	}
	return 0;
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
	if ((cls = hw_in_cell(w, hp_le32(nk + 48), &clen)) == NULL ||
	    clen < hp_le16(nk + 74))
		return hw_bad(w, "bad class name", hp_le32(nk + 48));
	return hw_copy_cell(w, cls, hp_le16(nk + 74), new);
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

	if ((nk = hw_in_cell(w, old, &len)) == NULL || len < 76 ||
	    memcmp(nk, "nk", 2) != 0 || hp_le16(nk + 72) > len - 76)
		return hw_bad(w, "bad key cell", HP_REGF_BLOCK + (size_t)old);
	/* A key reached twice would loop, or grow without bound. */
	if (w->seen[old / 64] & (1u << (old / 8 % 8)))
		return hw_bad(w, "a key is reachable twice",
		    HP_REGF_BLOCK + (size_t)old);
	w->seen[old / 64] |= (unsigned char)(1u << (old / 8 % 8));
	k = hive_okey_find(w->hv, HP_REGF_BLOCK + (hp_node)old);
	if (hw_copy_cell(w, nk, 76 + hp_le16(nk + 72), new) == -1)
		return -1;
	o = hw_out_cell(w, *new);
	hp_le32_put(o + 16, parent);
	hp_le32_put(o + 24, 0);		/* volatile subkeys do not persist */
	hp_le32_put(o + 32, NONE);
	if (k != NULL && (k->flags & OK_STAMP))
		put_time(o + 4, w->now);
	if (sk_ref(w, hp_le32(nk + 44), &skidx) == -1 ||
	    hw_put32(w, *new, 44, w->sks[skidx].new) == -1 ||
	    copy_class(w, nk, &cls) == -1 || hw_put32(w, *new, 48, cls) == -1)
		return -1;
	if (hive_values_changed(k) ? hw_values_from_overlay(w, k, nk, *new) ==
	    -1 : hw_values_from_file(w, nk, *new) == -1)
		return -1;
	return hw_write_subkeys(w, nk, k, *new, hp_le32(nk + 52), skidx, depth);
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
	if ((comp = hw_encode_name(w, kid->name)) == -1)
		return -1;
	nlen = comp ? w->units.len / 2 : w->units.len;
	if (hw_alloc_cell(w, 76 + nlen, new) == -1)
		return -1;
	o = hw_out_cell(w, *new);
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
	if (hw_values_from_overlay(w, k, NULL, *new) == -1)
		return -1;
	return hw_write_subkeys(w, NULL, k, *new, 0, skidx, depth);
}

int
hw_write_key(struct writer *w, const struct wkid *kid, uint32_t parent,
    size_t skidx, int depth, uint32_t *new)
{
	if (depth > HP_MAX_KEY_DEPTH)
		return hp_limit_error(w->e, w->hv->path, "key depth",
		    (unsigned long long)depth, HP_MAX_KEY_DEPTH);
	hp_progress_tick(w->hv->progress, ++w->keys, 0, "keys");
	if (kid->old != NONE)
		return copy_key(w, kid->old, parent, depth, new);
	return new_key(w, kid, parent, skidx, depth, new);
}

/* The whole image. */

int
hive_map_original(struct hp_hive *hv, int populate,
    const unsigned char **map, size_t *maplen, struct hp_error *e)
{
	struct stat st;
	void *p;
	int fd;

	if ((fd = open(hive_source(hv), O_RDONLY)) == -1)
		return hp_error_errno(e, HP_E_IO, "%s", hv->path);
	if (fstat(fd, &st) == -1 || st.st_size < 2 * HP_REGF_BLOCK) {
		close(fd);
		return hp_error_set(e, HP_E_INPUT, "%s: changed or "
		    "truncated since it was opened", hv->path);
	}
	/* Every page is read: mapping them all at once saves the faults. */
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE |
	    (populate ? MAP_POPULATE : 0), fd, 0);
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
	if (hw_write_key(w, &root, NONE, 0, 0, &root.new) == -1)
		return -1;
	hp_progress_end(w->hv->progress, w->keys, "keys");
	hw_close_bin(w);
	end = w->base + w->win.len;
	if (sk_finish(w) == -1 || hw_flush(w) == -1 || hw_chunk_join(w) == -1)
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
	if (hive_want_read(hv, e) == -1 || hive_write_refused(hv, e) == -1)
		return -1;
	hive_close_handle(hv, 1);
	if (hive_map_original(hv, 1, &w.in, &maplen, e) == -1)
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
	else if (hw_chunk_join(&w) == -1)
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
