/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The one out-of-memory rule: hivepol's own allocations do not fail.  When
 * memory runs out, or a size computation would overflow, hp_oom() prints
 * one line and aborts (git's xmalloc and die).  Sizes that come from input
 * are bounded by core/limits.h before they reach an allocator, so an abort
 * here is the machine's limit, never a crafted file's.  No half-written
 * output survives it: every file goes through core/txn.h, whose temporary
 * files are swept by the next run.
 *
 * Libraries that report their own out-of-memory (libxml2, json-c, iconv)
 * keep reporting it as HP_E_IO through struct hp_error.
 */
#ifndef HP_ALLOC_H
#define HP_ALLOC_H

#include <stddef.h>

void	 hp_oom(size_t size) __attribute__((noreturn));

void	*hp_malloc(size_t size);
void	*hp_calloc(size_t nmemb, size_t size);
void	*hp_realloc(void *p, size_t size);
/* realloc for n elements of size bytes; the multiplication is checked. */
void	*hp_reallocarray(void *p, size_t nmemb, size_t size);
char	*hp_strdup(const char *s);
char	*hp_strndup(const char *s, size_t n);
void	*hp_memdup(const void *p, size_t size);
/* A malloc'd string made as printf would print it (asprintf). */
char	*hp_strfmt(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));

/* a + b, or hp_oom() if it overflows. */
size_t	 hp_size_add(size_t a, size_t b);
/* a * b, or hp_oom() if it overflows. */
size_t	 hp_size_mul(size_t a, size_t b);

/* The next capacity for a growing array that needs room for nr items. */
size_t	 hp_alloc_nr(size_t alloc, size_t nr);

/*
 * Makes room for nr elements in the array x whose capacity is alloc,
 * growing geometrically (so n appends cost O(n)); x may move.  The one way
 * to grow an array (git's ALLOC_GROW):
 *
 *	HP_ALLOC_GROW(list->items, list->n + 1, list->cap);
 *	list->items[list->n++] = item;
 */
#define HP_ALLOC_GROW(x, nr, alloc) \
	do { \
		if ((nr) > (alloc)) { \
			(alloc) = hp_alloc_nr((alloc), (nr)); \
			(x) = hp_reallocarray((x), (alloc), sizeof(*(x))); \
		} \
	} while (0)

#endif
