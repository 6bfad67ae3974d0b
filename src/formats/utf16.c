/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/le.h"
#include "core/text.h"
#include "formats/utf16.h"

static size_t
put_utf8(char *o, uint32_t c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xc0 | c >> 6);
		o[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xe0 | c >> 12);
		o[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | c >> 18);
	o[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	o[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

int
hp_utf16_decode(const void *u16, size_t n, struct hp_buf *out)
{
	const unsigned char *p = u16;
	size_t i;
	char *o;

	/* At most 3 bytes of UTF-8 per unit (a pair gives 4 for 2 units). */
	hp_buf_grow(out, n / 2 * 3 + 1);
	o = out->buf + out->len;
	for (i = 0; i + 1 < n; i += 2) {
		uint32_t c = hp_le16(p + i);

		if (c >= 0xd800 && c < 0xdc00 && i + 3 < n) {
			uint32_t d = hp_le16(p + i + 2);

			if (d >= 0xdc00 && d < 0xe000) {
				c = 0x10000 + ((c - 0xd800) << 10) +
				    (d - 0xdc00);
				i += 2;
			}
		}
		o += put_utf8(o, c);
	}
	out->len = (size_t)(o - out->buf);
	out->buf[out->len] = '\0';
	return 0;
}

int
hp_utf16_decode_name(const void *u16, size_t n, struct hp_buf *out)
{
	size_t start = out->len, i;

	hp_utf16_decode(u16, n, out);
	for (i = start; i < out->len; i++)
		if (out->buf[i] == '\0') {
			hp_buf_add(out, "?", 1);
			memmove(out->buf + i + 2, out->buf + i + 1,
			    out->len - i - 2);
			memcpy(out->buf + i, HP_NAME_NUL, 2);
			i++;
		}
	return 0;
}

int
hp_utf16_encode(const char *s, size_t len, struct hp_buf *out)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	size_t start = out->len;
	unsigned char *o;

	/* At most 2 bytes of UTF-16 per byte of UTF-8. */
	hp_buf_grow(out, len * 2 + 2);
	o = (unsigned char *)out->buf + out->len;
	while (p < end) {
		uint32_t c = *p;
		int n, i;

		/* Text is mostly ASCII: widen it 8 bytes at a time. */
		while (end - p >= 8 && ((p[0] | p[1] | p[2] | p[3] | p[4] |
		    p[5] | p[6] | p[7]) & 0x80) == 0) {
			for (i = 0; i < 8; i++) {
				o[2 * i] = p[i];
				o[2 * i + 1] = 0;
			}
			o += 16;
			p += 8;
		}
		if (p == end)
			break;
		c = *p;
		if (c < 0x80) {
			*o++ = (unsigned char)c;
			*o++ = 0;
			p++;
			continue;
		}
		if (c == 0xc0 && end - p >= 2 && p[1] == 0x80) {
			*o++ = 0;	/* a name's U+0000 (core/text.h) */
			*o++ = 0;
			p += 2;
			continue;
		}
		n = c >= 0xf0 && c < 0xf5 ? 3 : c >= 0xe0 && c < 0xf0 ? 2 :
		    c >= 0xc2 && c < 0xe0 ? 1 : -1;
		if (n < 0 || end - p <= n)
			goto bad;
		c &= 0x3f >> n;
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				goto bad;
			c = c << 6 | (p[i] & 0x3f);
		}
		/* Overlong forms and values past U+10FFFF are not WTF-8. */
		if ((n == 2 && c < 0x800) || (n == 3 && (c < 0x10000 ||
		    c > 0x10ffff)))
			goto bad;
		p += n + 1;
		if (c >= 0x10000) {
			uint32_t hi = 0xd800 + ((c - 0x10000) >> 10);
			uint32_t lo = 0xdc00 + ((c - 0x10000) & 0x3ff);

			hp_le16_put(o, (uint16_t)hi);
			hp_le16_put(o + 2, (uint16_t)lo);
			o += 4;
		} else {
			hp_le16_put(o, (uint16_t)c);
			o += 2;
		}
	}
	out->len = (size_t)((char *)o - out->buf);
	out->buf[out->len] = '\0';
	return 0;
bad:
	out->len = start;
	out->buf[start] = '\0';
	return 1;
}

/* Surrogates paired; with one_line, no NUL, CR or LF either. */
static int
utf16_check(const void *u16, size_t n, int one_line)
{
	const unsigned char *p = u16;
	size_t i;

	for (i = 0; i + 1 < n; i += 2) {
		uint32_t c = hp_le16(p + i);

		if (one_line && (c == 0 || c == '\r' || c == '\n'))
			return 0;
		if (c < 0xd800 || c >= 0xe000)
			continue;
		if (c >= 0xdc00 || i + 3 >= n)
			return 0;
		c = hp_le16(p + i + 2);
		if (c < 0xdc00 || c >= 0xe000)
			return 0;
		i += 2;
	}
	return 1;
}

int
hp_utf16_valid(const void *u16, size_t n)
{
	return utf16_check(u16, n, 0);
}

int
hp_utf16_one_line(const void *u16, size_t n)
{
	return utf16_check(u16, n, 1);
}

size_t
hp_utf16_units(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n = 0;

	/* ASCII runs count one unit a byte. */
	while (len - i >= 8 && ((p[i] | p[i + 1] | p[i + 2] | p[i + 3] |
	    p[i + 4] | p[i + 5] | p[i + 6] | p[i + 7]) & 0x80) == 0) {
		i += 8;
		n += 8;
	}
	for (; i < len; i++) {
		unsigned char c = p[i];

		if ((c & 0xc0) != 0x80)
			n += c >= 0xf0 ? 2 : 1;
	}
	return n;
}
