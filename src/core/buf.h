/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * struct hp_buf: a growable byte buffer.
 *
 * Invariants: after any successful call, buf is never NULL and is followed
 * by a NUL byte, so text can be passed to libc; len excludes that NUL.  The
 * buffer is binary-safe: embedded NULs are kept.  A buffer set to
 * HP_BUF_INIT owns no memory until the first append.  Functions that grow
 * the buffer may move it: pointers into buf are dead after them.
 *
 * Appends cannot fail: running out of memory, or a size that would
 * overflow, aborts (core/alloc.h).
 */
#ifndef HP_BUF_H
#define HP_BUF_H

#include <stddef.h>

struct hp_buf {
	char	*buf;
	size_t	 len;
	size_t	 alloc;		/* private */
};

extern char hp_buf_empty[];
#define HP_BUF_INIT	{ hp_buf_empty, 0, 0 }

void	 hp_buf_grow(struct hp_buf *b, size_t extra);
void	 hp_buf_add(struct hp_buf *b, const void *data, size_t len);
void	 hp_buf_adds(struct hp_buf *b, const char *s);
void	 hp_buf_addc(struct hp_buf *b, int c);
void	 hp_buf_addf(struct hp_buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Appends bytes as lowercase hex pairs joined by sep (may be NULL). */
void	 hp_buf_addhex(struct hp_buf *b, const void *data, size_t len,
	    const char *sep);
/* Appends s with control characters and quotes escaped, JSON style. */
void	 hp_buf_addrepr(struct hp_buf *b, const char *s, size_t len);
void	 hp_buf_reset(struct hp_buf *b);
/* Hands the memory to the caller (free() it) and reinitialises b. */
char	*hp_buf_detach(struct hp_buf *b, size_t *len);
void	 hp_buf_release(struct hp_buf *b);

#endif
