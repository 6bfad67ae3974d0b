/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"

char hp_buf_empty[1];

void
hp_buf_grow(struct hp_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	need = hp_size_add(hp_size_add(b->len, extra), 1);
	if (need <= b->alloc)
		return;
	cap = b->alloc ? b->alloc : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	p = hp_realloc(b->alloc ? b->buf : NULL, cap);
	if (b->alloc == 0)
		p[0] = '\0';
	b->buf = p;
	b->alloc = cap;
}

void
hp_buf_add(struct hp_buf *b, const void *data, size_t len)
{
	hp_buf_grow(b, len);
	if (len > 0)
		memcpy(b->buf + b->len, data, len);
	b->len += len;
	b->buf[b->len] = '\0';
}

void
hp_buf_adds(struct hp_buf *b, const char *s)
{
	hp_buf_add(b, s, strlen(s));
}

void
hp_buf_addc(struct hp_buf *b, int c)
{
	char ch = (char)c;

	hp_buf_add(b, &ch, 1);
}

void
hp_buf_addf(struct hp_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	/* Only a bad format or a result over INT_MAX bytes fails here. */
	if (n < 0)
		HP_BUG("vsnprintf failed");
	hp_buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
hp_buf_addhex(struct hp_buf *b, const void *data, size_t len, const char *sep)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *p = data;
	size_t seplen = sep ? strlen(sep) : 0, i;

	if (len == 0)
		return;
	hp_buf_grow(b, hp_size_mul(len, hp_size_add(seplen, 2)));
	for (i = 0; i < len; i++) {
		if (i > 0 && seplen > 0) {
			memcpy(b->buf + b->len, sep, seplen);
			b->len += seplen;
		}
		b->buf[b->len++] = digits[p[i] >> 4];
		b->buf[b->len++] = digits[p[i] & 15];
	}
	b->buf[b->len] = '\0';
}

void
hp_buf_addrepr(struct hp_buf *b, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"':	hp_buf_adds(b, "\\\""); break;
		case '\\':	hp_buf_adds(b, "\\\\"); break;
		case '\n':	hp_buf_adds(b, "\\n"); break;
		case '\r':	hp_buf_adds(b, "\\r"); break;
		case '\t':	hp_buf_adds(b, "\\t"); break;
		default:
			if (c < 0x20 || c == 0x7f)
				hp_buf_addf(b, "\\u%04x", c);
			else
				hp_buf_addc(b, c);
		}
	}
}

void
hp_buf_reset(struct hp_buf *b)
{
	b->len = 0;
	if (b->alloc)
		b->buf[0] = '\0';
}

char *
hp_buf_detach(struct hp_buf *b, size_t *len)
{
	char *p = b->alloc ? b->buf : hp_calloc(1, 1);

	if (len)
		*len = b->len;
	b->buf = hp_buf_empty;
	b->len = b->alloc = 0;
	return p;
}

void
hp_buf_release(struct hp_buf *b)
{
	if (b->alloc)
		free(b->buf);
	b->buf = hp_buf_empty;
	b->len = b->alloc = 0;
}
