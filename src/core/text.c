/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/text.h"
#include "upcase_table.h"	/* generated: tools/gen_upcase.c */

int
hp_text_convert(const char *from, const char *to, const void *in, size_t len,
    struct hp_buf *out, struct hp_error *e)
{
	iconv_t cd;
	char *ip = (char *)in;
	size_t il = len;
	int r = 0;

	if ((cd = iconv_open(to, from)) == (iconv_t)-1)
		return hp_error_errno(e, HP_E_INPUT,
		    "cannot convert from %s to %s", from, to);
	while (il > 0) {
		size_t room, ol;
		char *op;

		hp_buf_grow(out, il * 2 + 16);
		room = out->alloc - out->len - 1;
		op = out->buf + out->len;
		ol = room;
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 &&
		    errno != E2BIG) {
			r = hp_error_set(e, HP_E_INPUT,
			    "invalid %s text at byte %zu", from,
			    (size_t)(ip - (char *)in));
			out->len += room - ol;
			break;
		}
		out->len += room - ol;
	}
	out->buf[out->len] = '\0';
	iconv_close(cd);
	return r;
}

int
hp_text_to_utf16(const char *utf8, size_t len, struct hp_buf *out,
    struct hp_error *e)
{
	return hp_text_convert("UTF-8", "UTF-16LE", utf8, len, out, e);
}

int
hp_text_from_utf16(const void *u16, size_t bytes, struct hp_buf *out,
    struct hp_error *e)
{
	if (bytes % 2 != 0)
		return hp_error_set(e, HP_E_INPUT,
		    "UTF-16 text has an odd length (%zu bytes)", bytes);
	return hp_text_convert("UTF-16LE", "UTF-8", u16, bytes, out, e);
}

/* Decodes one UTF-8 sequence; invalid bytes decode as themselves. */
static uint32_t
next_cp(const unsigned char **pp)
{
	const unsigned char *p = *pp;
	uint32_t c = p[0];
	int n, i;

	if (c < 0x80) {
		*pp = p + 1;
		return c;
	}
	n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
	if (n == 0) {
		*pp = p + 1;
		return c | 0x80000000u;
	}
	c &= 0x3f >> n;
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			*pp = p + 1;
			return p[0] | 0x80000000u;
		}
		c = (c << 6) | (p[i] & 0x3f);
	}
	*pp = p + n + 1;
	return c;
}

uint16_t
hp_name_upcase(uint16_t unit)
{
	return hp_upcase_table[unit];
}

/*
 * The key by which a decoded character of a name compares: upper-cased
 * as Windows does, then placed where its UTF-16 form sorts, since Windows
 * compares names unit by unit.  Characters from U+E000 to U+FFFF go after
 * the supplementary ones (moved past U+10FFFF), whose first unit is a
 * surrogate (0xD800-0xDBFF), below every unit from 0xE000; the table never
 * moves a unit across the surrogates (gen_upcase checks).
 */
static uint32_t
order_key(uint32_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z' ? c - 32 : c;
	/*
	 * Windows upcases UTF-16 units one by one, and a surrogate has no
	 * case: U+10400 and U+10428 are two names (offreg.dll makes both
	 * keys side by side, corpus nt-hive/testhive).  Bytes that are not
	 * UTF-8 (flagged by next_cp) sort last, as themselves.
	 */
	if ((c & 0x80000000u) || c >= 0x10000)
		return c;
	c = hp_upcase_table[c];
	return c >= 0xe000 ? c + 0x200000 : c;
}

int
hp_name_cmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	/* Most names are ASCII: compare those bytes without decoding. */
	while (*p && *q && *p < 0x80 && *q < 0x80) {
		unsigned x = *p >= 'a' && *p <= 'z' ? *p - 32u : *p;
		unsigned y = *q >= 'a' && *q <= 'z' ? *q - 32u : *q;

		if (x != y)
			return x < y ? -1 : 1;
		p++;
		q++;
	}
	while (*p && *q) {
		uint32_t x = order_key(next_cp(&p));
		uint32_t y = order_key(next_cp(&q));

		if (x != y)
			return x < y ? -1 : 1;
	}
	return (*p != 0) - (*q != 0);
}

int
hp_name_eq(const char *a, const char *b)
{
	return hp_name_cmp(a, b) == 0;
}

size_t
hp_name_search(const void *list, size_t n, hp_name_at_fn name_at,
    const char *name, int *found)
{
	size_t lo = 0, hi = n;

	*found = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = hp_name_cmp(name_at(list, mid), name);

		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
hp_name_has_nul(const char *name)
{
	return strstr(name, HP_NAME_NUL) != NULL;
}

/*
 * The character an escape "%XX" at p stands for, or -1: only the ones
 * hp_name_escape writes (a control character, or '%' itself), so that
 * names such as Windows' own "C:%5CProgram Files" read as they are.
 */
static int
escape_code(const char *p)
{
	int hi, lo, c;

	if (p[0] != '%' || (hi = hp_text_hexdigit(p[1])) < 0 ||
	    (lo = hp_text_hexdigit(p[2])) < 0)
		return -1;
	c = hi << 4 | lo;
	return c < 0x20 || c == 0x7f || c == '%' ? c : -1;
}

/* Length of the escape name[i] needs (0: none), *c the byte to show. */
static int
escape_at(const unsigned char *p, unsigned *c)
{
	if (p[0] == 0xc0 && p[1] == 0x80) {
		*c = 0;
		return 2;
	}
	*c = p[0];
	if (p[0] < 0x20 || p[0] == 0x7f)
		return 1;
	return escape_code((const char *)p) >= 0;
}

void
hp_name_escape(const char *name, struct hp_buf *out)
{
	const unsigned char *p = (const unsigned char *)name;
	unsigned c;
	int n;

	while (*p) {
		size_t run = 0;

		while (p[run] && escape_at(p + run, &c) == 0)
			run++;
		hp_buf_add(out, p, run);
		p += run;
		if (*p && (n = escape_at(p, &c)) > 0) {
			hp_buf_addf(out, "%%%02X", c);
			p += n;
		}
	}
}

void
hp_name_unescape(char *s)
{
	char *o = s;
	int c;

	while (*s) {
		if ((c = escape_code(s)) >= 0) {
			if (c == 0) {
				memcpy(o, HP_NAME_NUL, 2);
				o += 2;
			} else
				*o++ = (char)c;
			s += 3;
		} else
			*o++ = *s++;
	}
	*o = '\0';
}

int
hp_name_is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

int
hp_text_valid_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		int n = *p < 0x80 ? 0 : *p >= 0xf0 && *p < 0xf5 ? 3 :
		    *p >= 0xe0 ? 2 : *p >= 0xc2 && *p < 0xe0 ? 1 : -1;

		if (n < 0 || end - p <= n)
			return n == 0;
		for (int i = 1; i <= n; i++)
			if ((p[i] & 0xc0) != 0x80)
				return 0;
		p += n + 1;
	}
	return 1;
}

int
hp_text_hexdigit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
