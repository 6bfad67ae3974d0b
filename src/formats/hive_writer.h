/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The hive writer, private to its files: a new image from the original
 * file (mapped) and the overlay of changes, streamed into a file
 * descriptor.
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
 *
 * hive_write.c walks the keys and writes the image; hive_write_cells.c
 * reads the original's cells and allocates the image's, in the window
 * its second thread writes out; hive_write_values.c writes a key's
 * values, hive_write_subkeys.c its subkeys and their lists.  Shared
 * functions are prefixed hw_.
 */
#ifndef HP_HIVE_WRITER_H
#define HP_HIVE_WRITER_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"
#include "formats/hive_impl.h"

#define NONE		0xffffffffu

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
	uint64_t		 keys;		/* written so far */
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

/* hive_write_cells.c: the original's cells, and the image's. */

int	 hw_bad(struct writer *w, const char *what, size_t off);
/* The data of the allocated input cell at rel (size in *len), or NULL. */
const unsigned char *hw_in_cell(const struct writer *w, uint32_t rel,
	    size_t *len);
/* Asks for the input cell at rel ahead of use. */
void	 hw_prefetch_cell(const struct writer *w, uint32_t rel);
/* The data of the output cell at rel, which must still be in the window. */
unsigned char *hw_out_cell(struct writer *w, uint32_t rel);
/* Sets a 32-bit field at byte field of the output cell at rel. */
int	 hw_put32(struct writer *w, uint32_t rel, size_t field, uint32_t x);
/*
 * Allocates a zeroed cell of len data bytes; returns its relative offset.
 * Pointers into the window are dead after it.
 */
int	 hw_alloc_cell(struct writer *w, size_t len, uint32_t *rel);
/* hw_alloc_cell, filled with len bytes of data. */
int	 hw_copy_cell(struct writer *w, const void *data, size_t len,
	    uint32_t *rel);
/* Marks the rest of the current bin as one free cell. */
void	 hw_close_bin(struct writer *w);
/* Hands the whole window to the second thread. */
int	 hw_flush(struct writer *w);
/* Waits for the chunk in flight, then writes the patches that waited. */
int	 hw_chunk_join(struct writer *w);

/* hive_write_values.c */

/*
 * A name in w->units as UTF-16LE.  Returns 1 if it can be stored
 * compressed (one byte a unit), 0 if not, -1 if it is not UTF-8.
 */
int	 hw_encode_name(struct writer *w, const char *name);
/* The values of the original's nk, copied to the key at newnk. */
int	 hw_values_from_file(struct writer *w, const unsigned char *nk,
	    uint32_t newnk);
/* The values of a key the overlay changed (nk NULL for a new key). */
int	 hw_values_from_overlay(struct writer *w, const struct okey *k,
	    const unsigned char *nk, uint32_t newnk);

/* hive_write_subkeys.c */

/*
 * Writes the subkeys of the key at newnk (sk entry skidx, for new ones)
 * and their list, then the key's fields that describe them.
 */
int	 hw_write_subkeys(struct writer *w, const unsigned char *nk,
	    const struct okey *k, uint32_t newnk, uint32_t hi52, size_t skidx,
	    int depth);

/* hive_write.c */

/* Writes the key kid (copied or new) below parent; *new is its nk. */
int	 hw_write_key(struct writer *w, const struct wkid *kid,
	    uint32_t parent, size_t skidx, int depth, uint32_t *new);

#endif
