/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The .reg reader's physical lines (regfile_impl.h): the encoding told
 * from the first bytes, then one line at a time, UTF-16 and code page
 * text decoded to UTF-8, a mapped file's pages given back as it goes.
 */
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "core/limits.h"
#include "core/text.h"
#include "formats/codepage.h"
#include "formats/regfile_impl.h"
#include "formats/utf16.h"

/* How much of a mapped file is read before its pages are given back. */
#define GIVE_BACK	(64UL * 1024 * 1024)

/* Code page text: a line that is not plain ASCII is converted. */
static void
decode_line(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->len && (unsigned char)r->line[i] < 0x80; i++)
		;
	if (i == r->len)
		return;
	hp_buf_reset(&r->conv);
	r->undecodable = hp_codepage_decode(&r->cp, r->line, r->len,
	    &r->conv) != 0;
	r->line = r->conv.buf;
	r->len = r->conv.len;
}

/* The code unit (UTF-16) or byte at s. */
static unsigned
unit(const struct reader *r, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	return r->utf16 ? (unsigned)(u[0] | u[1] << 8) : u[0];
}

/*
 * Finds the end of the line at s, looking no further than the line
 * limit (so that a file without line breaks is not read through).
 * Returns where the line ends, or NULL if it is too long.
 */
static const char *
line_end(const struct reader *r, const char *s)
{
	size_t w = r->utf16 ? 2 : 1, max = (HP_MAX_LINE + 1) * w;
	const char *end = (size_t)(r->end - s) > max ? s + max : r->end;
	unsigned c;

	for (; s < end; s += w)
		if ((c = unit(r, s)) == '\n' || c == '\r')
			return s;
	return end == r->end ? end : NULL;
}

int
reg_next_line(struct reader *r)
{
	const char *s = r->p, *q;
	size_t w = r->utf16 ? 2 : 1;

	if (r->pushback) {
		r->pushback = 0;
		return 1;
	}
	if (s >= r->end)
		return 0;
	r->lineno++;
	if ((q = line_end(r, s)) == NULL)
		return hp_error_set(r->e, HP_E_INPUT, "%s:%lu: line longer "
		    "than the limit of %lu bytes%s", r->name, r->lineno,
		    HP_MAX_LINE, hp_limit_how(HP_MAX_LINE));
	r->p = q < r->end ? q + w : q;
	if (q < r->end && unit(r, q) == '\r' && r->p < r->end &&
	    unit(r, r->p) == '\n')
		r->p += w;
	r->line = s;
	r->len = (size_t)(q - s);
	r->undecodable = 0;
	if (r->map != NULL && (size_t)(s - (const char *)r->map->data) >
	    r->given + GIVE_BACK) {
		r->given = (size_t)(s - (const char *)r->map->data);
		hp_file_map_done(r->map, r->given);
	}
	if (r->utf16) {
		hp_buf_reset(&r->conv16);
		hp_utf16_decode(s, r->len, &r->conv16);
		r->line = r->conv16.buf;
		r->len = r->conv16.len;
		if (r->len > HP_MAX_LINE)
			return hp_error_set(r->e, HP_E_INPUT, "%s:%lu: line "
			    "longer than the limit of %lu bytes%s", r->name,
			    r->lineno, HP_MAX_LINE, hp_limit_how(HP_MAX_LINE));
	}
	if (r->convert)
		decode_line(r);
	return 1;
}

int
reg_setup_encoding(struct reader *r, const unsigned char *b, size_t len)
{
	if (len >= 2 && b[0] == 0xfe && b[1] == 0xff)
		return hp_error_set(r->e, HP_E_INPUT, "%s: UTF-16 big-endian "
		    ".reg files are not supported; regedit writes "
		    "UTF-16LE", r->name);
	if (len >= 2 && b[0] == 0xff && b[1] == 0xfe) {
		if (len % 2 != 0)
			return hp_error_set(r->e, HP_E_INPUT, "%s: truncated "
			    "UTF-16 file: odd number of bytes (%zu)", r->name,
			    len);
		r->utf16 = 1;
		r->p = (const char *)b + 2;
		r->end = (const char *)b + len;
		return 0;
	}
	if (len >= 4 && b[1] == 0 && b[3] == 0 && b[0] != 0)
		return hp_error_set(r->e, HP_E_INPUT, "%s: UTF-16 text "
		    "without a byte order mark; regedit needs the BOM (FF FE) "
		    "and so does hivepol", r->name);
	r->p = (const char *)b;
	r->end = (const char *)b + len;
	if (len >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf) {
		r->p += 3;
		r->ansi = "UTF-8";	/* the file says it is UTF-8 */
	}
	return 0;
}

int
reg_setup_codepage(struct reader *r)
{
	if (r->ansi == NULL && !r->utf16) {
		if (r->reg4)
			r->ansi = r->cp.name;
		else if (!hp_text_valid_utf8(r->p, (size_t)(r->end - r->p))) {
			if (r->o->strict)
				return hp_error_set(r->e, HP_E_INPUT, "%s: "
				    "8-bit version 5.00 file that is not "
				    "valid UTF-8", r->name);
			hp_warn(r->w, "%s: 8-bit version 5.00 file that is not "
			    "valid UTF-8; reading it as %s text", r->name,
			    r->cp.name);
			r->ansi = r->cp.name;
		}
		if (r->ansi == r->cp.name) {
			r->convert = 1;
			if (hp_codepage_open(&r->cp, 0, r->e) == -1) {
				hp_error_prefix(r->e, "%s", r->name);
				return -1;
			}
		}
	}
	if (r->reg4 && r->ansi == NULL)
		r->ansi = r->cp.name;
	return 0;
}
