/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

void
hp_oom(size_t size)
{
	fprintf(stderr, "hivepol: fatal: out of memory (allocating %zu "
	    "bytes)\n", size);
	abort();
}

void *
hp_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		hp_oom(size);
	return p;
}

void *
hp_calloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		hp_oom(hp_size_mul(nmemb, size));
	return p;
}

void *
hp_realloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (q == NULL)
		hp_oom(size);
	return q;
}

void *
hp_reallocarray(void *p, size_t nmemb, size_t size)
{
	return hp_realloc(p, hp_size_mul(nmemb, size));
}

char *
hp_strdup(const char *s)
{
	return hp_memdup(s, strlen(s) + 1);
}

char *
hp_strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = hp_malloc(hp_size_add(len, 1));

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void *
hp_memdup(const void *p, size_t size)
{
	void *q = hp_malloc(size);

	if (size > 0)
		memcpy(q, p, size);
	return q;
}

char *
hp_strfmt(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		hp_oom(0);
	return s;
}

size_t
hp_size_add(size_t a, size_t b)
{
	if (a > SIZE_MAX - b)
		hp_oom(SIZE_MAX);
	return a + b;
}

size_t
hp_size_mul(size_t a, size_t b)
{
	if (b != 0 && a > SIZE_MAX / b)
		hp_oom(SIZE_MAX);
	return a * b;
}

size_t
hp_alloc_nr(size_t alloc, size_t nr)
{
	/* git's alloc_nr: half as much again, plus a little. */
	size_t next = hp_size_add(hp_size_add(alloc, 16), alloc / 2);

	return next < nr ? nr : next;
}
