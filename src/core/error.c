/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"

static void
vset(struct hp_error *e, enum hp_error_kind kind, const char *fmt,
    va_list ap)
{
	e->kind = kind;
	e->hint = HP_HINT_NONE;
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
}

int
hp_error_set(struct hp_error *e, enum hp_error_kind kind, const char *fmt,
    ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	va_start(ap, fmt);
	vset(e, kind, fmt, ap);
	va_end(ap);
	return -1;
}

int
hp_error_errno(struct hp_error *e, enum hp_error_kind kind,
    const char *fmt, ...)
{
	va_list ap;
	int saved = errno;
	size_t len;

	if (e == NULL)
		return -1;
	va_start(ap, fmt);
	vset(e, kind, fmt, ap);
	va_end(ap);
	len = strlen(e->msg);
	snprintf(e->msg + len, sizeof(e->msg) - len, ": %s", strerror(saved));
	errno = saved;
	return -1;
}

int
hp_error_hint(struct hp_error *e, enum hp_error_hint hint)
{
	if (e != NULL)
		e->hint = hint;
	return -1;
}

void
hp_error_prefix(struct hp_error *e, const char *fmt, ...)
{
	char old[HP_ERROR_MAX];
	va_list ap;
	int n;

	if (e == NULL)
		return;
	memcpy(old, e->msg, sizeof(old));
	va_start(ap, fmt);
	n = vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	/* Truncation is fine: the prefix matters more than the tail. */
	if (n >= 0 && (size_t)n < sizeof(e->msg))
		snprintf(e->msg + n, sizeof(e->msg) - (size_t)n, ": %.*s",
		    (int)(sizeof(e->msg) - (size_t)n), old);
}

void
hp_error_clear(struct hp_error *e)
{
	e->kind = HP_E_NONE;
	e->hint = HP_HINT_NONE;
	e->msg[0] = '\0';
}

void
hp_warn(struct hp_warnings *w, const char *fmt, ...)
{
	char buf[HP_ERROR_MAX];
	va_list ap;

	if (w == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	HP_ALLOC_GROW(w->msgs, w->n + 1, w->cap);
	w->msgs[w->n++] = hp_strdup(buf);
}

void
hp_warnings_release(struct hp_warnings *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->msgs[i]);
	free(w->msgs);
	w->msgs = NULL;
	w->n = w->cap = 0;
}

void
hp_bug(const char *file, int line, const char *msg)
{
	fprintf(stderr, "hivepol: BUG at %s:%d: %s\n", file, line, msg);
	abort();
}
