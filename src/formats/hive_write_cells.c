/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The hive writer's cells (see hive_writer.h): the original's, read
 * where they lie and checked, and the image's, allocated in bins in a
 * window of the output that a second thread writes out.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/txn.h"
#include "formats/hive_writer.h"
#include "core/le.h"
#include "formats/regf.h"

#define WINDOW		(2u << 20)

int
hw_bad(struct writer *w, const char *what, size_t off)
{
	return hp_error_set(w->e, HP_E_INPUT, "%s: cannot write the hive: "
	    "%s at offset 0x%zx", w->hv->path, what, off);
}

/* The data of the allocated input cell at rel (size in *len), or NULL. */
const unsigned char *
hw_in_cell(const struct writer *w, uint32_t rel, size_t *len)
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
void
hw_prefetch_cell(const struct writer *w, uint32_t rel)
{
	if ((size_t)rel < w->inlen - HP_REGF_BLOCK)
		__builtin_prefetch(w->in + HP_REGF_BLOCK + rel);
}

/* The data of the output cell at rel, which must still be in the window. */
unsigned char *
hw_out_cell(struct writer *w, uint32_t rel)
{
	size_t off = HP_REGF_BLOCK + (size_t)rel + 4;

	if (off < w->base)
		HP_BUG("writer: a cell left the window before it was filled");
	return (unsigned char *)w->win.buf + (off - w->base);
}

/* Sets a 32-bit field at byte field of the output cell at rel. */
int
hw_put32(struct writer *w, uint32_t rel, size_t field, uint32_t x)
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
int
hw_chunk_join(struct writer *w)
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
int
hw_flush(struct writer *w)
{
	struct hp_buf t;

	if (hw_chunk_join(w) == -1)
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
void
hw_close_bin(struct writer *w)
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

	hw_close_bin(w);
	if ((uint64_t)start - HP_REGF_BLOCK + bin > 0x7fffffffu)
		return hw_bad(w, "the hive grows past 2 GB", start);
	if (w->win.len >= WINDOW && hw_flush(w) == -1)
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
int
hw_alloc_cell(struct writer *w, size_t len, uint32_t *rel)
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

int
hw_copy_cell(struct writer *w, const void *data, size_t len, uint32_t *rel)
{
	if (hw_alloc_cell(w, len, rel) == -1)
		return -1;
	memcpy(hw_out_cell(w, *rel), data, len);
	return 0;
}
