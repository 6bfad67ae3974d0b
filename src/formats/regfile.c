/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reading .reg files.  The grammar and Windows' behaviour are in
 * formats.md §A; where Windows and Wine differ, docs/reg-format.md says
 * which one hivepol follows.  The parser works on one physical line at a
 * time, already converted to UTF-8 (regfile_lines.c); only hex data
 * continues across lines.
 * The input is never copied whole: a file is mapped, and UTF-16 is
 * decoded one line at a time, so memory follows the operations read.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/progress.h"
#include "core/file.h"
#include "core/limits.h"
#include "core/text.h"
#include "formats/codepage.h"
#include "formats/regfile.h"
#include "formats/regfile_impl.h"
#include "formats/utf16.h"

#define HDR5	"Windows Registry Editor Version 5.00"
#define HDR4	"REGEDIT4"

static int
is_ws(int c)
{
	return c == ' ' || c == '\t';
}

static const char *
skip_ws(const char *s, const char *end)
{
	while (s < end && is_ws(*s))
		s++;
	return s;
}

/* 1 if only blanks or a ; comment remain. */
static int
at_eol(const char *s, const char *end)
{
	s = skip_ws(s, end);
	return s == end || *s == ';';
}

/*
 * A bad line: in strict mode an error, else a warning and the line is
 * skipped.  Returns -1 to stop, 1 to go on with the next line.
 */
static int
bad(struct reader *r, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
bad(struct reader *r, unsigned long line, const char *fmt, ...)
{
	char msg[512], *key = NULL;
	const char *s = skip_ws(r->line, r->line + r->len);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* A value line is named with its key: a file has many "v"=. */
	if (r->ks == KEY_OPEN && (s == r->line + r->len || *s != '['))
		key = hp_path_str(&r->cur);
	if (r->o->strict)
		hp_error_set(r->e, HP_E_INPUT, "%s:%lu: %s%s%s%s", r->name,
		    line, msg, key ? " (in [" : "", key ? key : "",
		    key ? "])" : "");
	else if (r->nwarn++ < HP_REG_MAX_WARNINGS)
		hp_warn(r->w, "%s:%lu: %s%s%s%s; line skipped", r->name, line,
		    msg, key ? " (in [" : "", key ? key : "", key ? "])" : "");
	free(key);
	return r->o->strict ? -1 : 1;
}

/*
 * Parses a quoted string starting after its opening quote.  *pp is left
 * after the closing quote.  Returns 0, or 1 if unterminated.
 */
static int
parse_qstring(const char **pp, const char *end, struct hp_buf *out,
    int *odd_escape)
{
	const char *s = *pp;

	for (; s < end; s++) {
		char c = *s;

		if (c == '"') {
			*pp = s + 1;
			return 0;
		}
		if (c == '\\' && s + 1 < end) {
			switch (s[1]) {
			case '\\':
			case '"':
				c = s[1];
				s++;
				break;
			/* Wine's exporter writes these three. */
			case 'n':
				c = '\n';
				s++;
				break;
			case 'r':
				c = '\r';
				s++;
				break;
			case '0':
				c = '\0';
				s++;
				break;
			default:
				/* Regedit keeps an unknown escape as it is. */
				*odd_escape = 1;
				break;
			}
		}
		hp_buf_addc(out, c);
	}
	return 1;
}

static int
emit(struct reader *r, enum hp_op_kind kind, const char *name,
    const struct hp_value *v, unsigned long line)
{
	hp_patch_add(r->out, kind, &r->cur, name, v, line);
	return 0;
}

/* [KEY] or [-KEY]; s points after the '['. */
static int
key_line(struct reader *r, const char *s, const char *end)
{
	const char *rb, *c, *bs;
	enum hp_root root;
	int del = 0;

	r->ks = KEY_BAD;
	hp_path_free(&r->cur);
	/* Windows ignores "[ KEY]"; a line it ignores is bad here. */
	if (s < end && is_ws(*s))
		return bad(r, r->lineno, "blank after '[' in a key line");
	for (rb = end; rb > s && rb[-1] != ']'; rb--)
		;
	if (rb == s)
		return bad(r, r->lineno, "key line without a closing ']'");
	rb--;	/* the last ']': key names may contain ']' */
	if (s < rb && *s == '-') {
		del = 1;
		s++;
	}
	if (rb > s && memchr(s, 0, (size_t)(rb - s)) != NULL)
		return bad(r, r->lineno, "NUL character in a key name");
	for (bs = s; bs < rb && *bs != '\\'; bs++)
		;
	if ((root = hp_root_parse(s, (size_t)(bs - s))) == HP_ROOT_NONE)
		return bad(r, r->lineno, "unknown root key \"%.*s\"",
		    (int)(bs - s) > 64 ? 64 : (int)(bs - s), s);
	r->cur.root = root;
	for (c = bs; c < rb; c = bs) {
		c++;
		for (bs = c; bs < rb && *bs != '\\'; bs++)
			;
		if (bs == c)
			continue;	/* doubled or trailing backslash */
		if (hp_utf16_units(c, (size_t)(bs - c)) > HP_MAX_KEY_NAME)
			return bad(r, r->lineno, "key name \"%.32s...\" is "
			    "longer than %d characters", c, HP_MAX_KEY_NAME);
		if (r->cur.n >= HP_MAX_KEY_DEPTH)
			return bad(r, r->lineno, "key is deeper than %d levels",
			    HP_MAX_KEY_DEPTH);
		hp_path_push_n(&r->cur, c, (size_t)(bs - c));
	}
	if (del && r->cur.n == 0)
		return bad(r, r->lineno, "refusing to delete the root key %s",
		    hp_root_long(root));
	if (emit(r, del ? HP_OP_DELETE_KEY : HP_OP_CREATE_KEY, NULL, NULL,
	    r->lineno) == -1)
		return -1;
	r->ks = del ? KEY_NONE : KEY_OPEN;
	return 0;
}

/* "dword:" data; s points after the colon. */
static int
parse_dword(const char *s, const char *end, uint32_t *out)
{
	uint32_t x = 0;
	int n = 0, d;

	s = skip_ws(s, end);
	for (; s < end && (d = hp_text_hexdigit(*s)) >= 0; s++, n++)
		x = x << 4 | (uint32_t)d;
	if (n == 0 || n > 8 || !at_eol(s, end))
		return -1;
	*out = x;
	return 0;
}

/*
 * Skips the rest of a value's continued lines from s, so that an
 * oversized value is one bad line rather than a warning per line.
 * Returns 1 (the value is bad) or -1 on error.
 */
static int
skip_continued(struct reader *r, const char *s, const char *end)
{
	int g;

	for (;;) {
		while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
		    end[-1] == '\r'))
			end--;
		if (end == s || end[-1] != '\\')
			return 1;
		if ((g = reg_next_line(r)) <= 0)
			return g == 0 ? 1 : -1;
		s = r->line;
		end = r->line + r->len;
	}
}

/*
 * Hex bytes from s, following '\' continuations onto later lines.
 * Returns 0, 1 for bad data (message in why), -1 on error.
 */
static int
parse_hex(struct reader *r, const char *s, const char *end,
    struct hp_buf *data, const char **why)
{
	for (;;) {
		int hi, lo;

		s = skip_ws(s, end);
		if (s == end || *s == ';')
			return 0;
		if (*s == '\\') {
			int g;

			if (!at_eol(s + 1, end)) {
				*why = "text after the continuation '\\'";
				return 1;
			}
			/* Blank and comment lines may sit in between. */
			do {
				if ((g = reg_next_line(r)) <= 0) {
					if (g == 0)
						*why = "the file ends inside "
						    "continued hex data";
					return g == 0 ? 1 : -1;
				}
				s = skip_ws(r->line, r->line + r->len);
				end = r->line + r->len;
			} while (!r->undecodable && (s == end || *s == ';'));
			if (r->undecodable || hp_text_hexdigit(*s) < 0) {
				/* Regedit reads that line afresh. */
				r->pushback = 1;
				*why = "a continuation line does not start with "
				    "a hex byte";
				return 1;
			}
			continue;
		}
		if ((hi = hp_text_hexdigit(*s)) < 0) {
			*why = "invalid hex data: bytes are 1 or 2 hex digits "
			    "separated by commas";
			return 1;
		}
		s++;
		if (s < end && (lo = hp_text_hexdigit(*s)) >= 0) {
			hi = hi << 4 | lo;
			s++;
		}
		if (s < end && hp_text_hexdigit(*s) >= 0) {
			*why = "a hex byte has more than two digits";
			return 1;
		}
		if (data->len >= HP_MAX_VALUE_SIZE) {
			*why = "value data exceeds the limit of 8 MiB";
			return skip_continued(r, s, end);
		}
		hp_buf_addc(data, hi);
		s = skip_ws(s, end);
		if (s < end && *s == ',')
			s++;
		else if (s < end && *s != '\\' && *s != ';') {
			*why = "invalid hex data: bytes are 1 or 2 hex digits "
			    "separated by commas";
			return 1;
		}
	}
}

/*
 * REGEDIT4 stores hex(1), hex(2) and hex(7) data as code page bytes;
 * regedit converts them to UTF-16 and adds a missing terminator.  Returns
 * 0, or 1 if the bytes are not valid in the code page.
 */
static int
ansi_to_utf16(struct reader *r, struct hp_buf *data)
{
	struct hp_buf u = HP_BUF_INIT;
	int bad;

	if (data->len == 0 || data->buf[data->len - 1] != '\0')
		hp_buf_addc(data, 0);
	bad = hp_text_convert(r->ansi, "UTF-16LE", data->buf, data->len, &u,
	    NULL) == -1;
	if (!bad) {
		hp_buf_reset(data);
		hp_buf_add(data, u.buf, u.len);
	}
	hp_buf_release(&u);
	return bad;
}

/* "type" prefix of the data: hex: or hex(N):.  Returns chars used or 0. */
static size_t
hex_prefix(const char *s, const char *end, uint32_t *type)
{
	const char *q;
	uint32_t t = 0;
	int n = 0, d;

	if (end - s >= 4 && strncasecmp(s, "hex:", 4) == 0) {
		*type = HP_REG_BINARY;
		return 4;
	}
	if (end - s < 4 || strncasecmp(s, "hex(", 4) != 0)
		return 0;
	/* 1 to 8 hex digits; "hex(0x2)" is refused as Windows does. */
	for (q = s + 4; q < end && (d = hp_text_hexdigit(*q)) >= 0; q++, n++)
		t = t << 4 | (uint32_t)d;
	if (n == 0 || n > 8 || end - q < 2 || q[0] != ')' || q[1] != ':')
		return 0;
	*type = t;
	return (size_t)(q + 2 - s);
}

/* What a value line is read into. */
struct vline {
	unsigned long	 line;
	struct hp_buf	 name;
	uint32_t	 type;
	struct hp_buf	 data;
	int		 odd;		/* an unknown escape was kept */
};

/*
 * Each step of a value line returns 0 to go on, 1 when the line is done
 * with (bad() has reported it), -1 to stop.
 */

/* "name" or @, then '='; *pp is left after the '='. */
static int
value_name(struct reader *r, struct vline *vl, const char **pp,
    const char *end)
{
	const char *s = *pp + 1;

	if (**pp == '"') {
		if (parse_qstring(&s, end, &vl->name, &vl->odd) != 0)
			return bad(r, vl->line, "unterminated value name");
		if (memchr(vl->name.buf, '\0', vl->name.len) != NULL)
			return bad(r, vl->line, "NUL character in a value name");
		if (hp_utf16_units(vl->name.buf, vl->name.len) >
		    HP_MAX_VALUE_NAME)
			return bad(r, vl->line, "value name is longer than %d "
			    "characters", HP_MAX_VALUE_NAME);
	}
	s = skip_ws(s, end);
	if (s == end || *s != '=')
		return bad(r, vl->line, "expected '=' after the value name");
	*pp = skip_ws(s + 1, end);
	if (r->ks == KEY_OPEN)
		return 0;
	if (r->ks == KEY_NONE)
		return bad(r, vl->line, "value outside any key (none opened, "
		    "or the key was deleted)");
	return 1;
}

/* "text"; s points after the opening quote. */
static int
string_data(struct reader *r, struct vline *vl, const char *s,
    const char *end)
{
	struct hp_buf text = HP_BUF_INIT;
	const char *why = NULL;

	if (parse_qstring(&s, end, &text, &vl->odd) != 0)
		why = "unterminated string";
	else if (!at_eol(s, end))
		why = "text after the closing quote";
	else if (hp_utf16_encode(text.buf, text.len, &vl->data) != 0)
		why = "invalid UTF-8 in a string";
	hp_buf_release(&text);
	if (why != NULL)
		return bad(r, vl->line, "%s", why);
	hp_buf_add(&vl->data, "\0", 2);
	vl->type = HP_REG_SZ;
	return 0;
}

/* hex: or hex(N): data, perhaps continued on the lines below. */
static int
hex_data(struct reader *r, struct vline *vl, const char *s, const char *end)
{
	const char *why = NULL;
	int g;

	if ((g = parse_hex(r, s, end, &vl->data, &why)) != 0)
		return g == -1 ? -1 : bad(r, r->lineno, "%s", why);
	if (r->reg4 && (vl->type == HP_REG_SZ || vl->type ==
	    HP_REG_EXPAND_SZ || vl->type == HP_REG_MULTI_SZ) &&
	    ansi_to_utf16(r, &vl->data) != 0)
		return bad(r, vl->line, "hex(%x) data is not valid %s text",
		    vl->type, r->ansi);
	return 0;
}

/* The data after '=' as the value v; s points at it. */
static int
value_data(struct reader *r, struct vline *vl, const char *s,
    const char *end, struct hp_value *v)
{
	uint32_t dw;
	size_t n;
	int g;

	if (end - s >= 6 && strncasecmp(s, "dword:", 6) == 0) {
		if (parse_dword(s + 6, end, &dw) == -1)
			return bad(r, vl->line, "dword: needs 1 to 8 hex "
			    "digits");
		hp_value_set_dword(v, dw);
		return 0;
	}
	if (s < end && *s == '"')
		g = string_data(r, vl, s + 1, end);
	else if ((n = hex_prefix(s, end, &vl->type)) > 0)
		g = hex_data(r, vl, s + n, end);
	else
		return bad(r, vl->line, "unrecognised value data (expected "
		    "\"text\", dword:, hex: or hex(N):)");
	if (g != 0)
		return g;
	if (vl->odd && r->nwarn++ < HP_REG_MAX_WARNINGS)
		hp_warn(r->w, "%s:%lu: a backslash not followed by \\ or \" "
		    "is kept as it is (write \\\\ for a backslash)", r->name,
		    vl->line);
	hp_value_set(v, vl->type, vl->data.buf, vl->data.len);
	return 0;
}

/* A value line; s points at '@' or '"'. */
static int
value_line(struct reader *r, const char *s, const char *end)
{
	struct vline vl = { r->lineno, HP_BUF_INIT, 0, HP_BUF_INIT, 0 };
	struct hp_value v = HP_VALUE_INIT;
	int g;

	g = value_name(r, &vl, &s, end);
	if (g == 0 && s < end && *s == '-' && at_eol(s + 1, end))
		g = emit(r, HP_OP_DELETE_VALUE, vl.name.buf, NULL, vl.line);
	else if (g == 0 && (g = value_data(r, &vl, s, end, &v)) == 0)
		g = emit(r, HP_OP_SET_VALUE, vl.name.buf, &v, vl.line);
	hp_value_free(&v);
	hp_buf_release(&vl.name);
	hp_buf_release(&vl.data);
	return g;
}

/* Recognises the header line; sets the dialect. */
static int
header(struct reader *r)
{
	const char *s, *end;
	size_t n;
	int g;

	if ((g = reg_next_line(r)) <= 0)
		return g == 0 ? hp_error_set(r->e, HP_E_INPUT, "%s: empty "
		    "file: no .reg header", r->name) : -1;
	s = skip_ws(r->line, r->line + r->len);
	end = r->line + r->len;
	while (end > s && is_ws(end[-1]))
		end--;
	n = (size_t)(end - s);
	if (n == strlen(HDR5) && memcmp(s, HDR5, n) == 0)
		return 0;
	if (n == strlen(HDR4) && memcmp(s, HDR4, n) == 0) {
		r->reg4 = 1;
		return 0;
	}
	if (n >= 7 && memcmp(s, "REGEDIT", 7) == 0)
		return hp_error_set(r->e, HP_E_INPUT, "%s:1: unsupported "
		    "header \"%.*s\" (Windows imports nothing from such a "
		    "file; expected \"" HDR5 "\" or \"" HDR4 "\")", r->name,
		    (int)(n > 40 ? 40 : n), s);
	return hp_error_set(r->e, HP_E_INPUT, "%s:1: not a .reg file: the "
	    "first line must be \"" HDR5 "\" or \"" HDR4 "\"", r->name);
}

/* How far the reading is, in the file's bytes. */
static void
report_read(struct reader *r)
{
	hp_progress_tick(r->o->progress, (uint64_t)(r->p - r->text), r->size,
	    "bytes");
}

/* The lines after the header. */
static int
read_lines(struct reader *r)
{
	int g;

	while ((g = reg_next_line(r)) == 1) {
		const char *s = skip_ws(r->line, r->line + r->len);
		const char *end = r->line + r->len;

		while (end > s && is_ws(end[-1]))
			end--;
		if (r->undecodable)
			g = bad(r, r->lineno, "text that is not valid %s",
			    r->cp.name);
		else if (s == end || *s == ';' || *s == '#')
			g = 0;
		else if (*s == '[')
			g = key_line(r, s + 1, end);
		else if (*s == '@' || *s == '"')
			g = value_line(r, s, end);
		else
			g = bad(r, r->lineno, "not a key, value or comment "
			    "line");
		if (g == -1)
			return -1;
		report_read(r);
	}
	if (g == -1)
		return -1;
	hp_progress_end(r->o->progress, r->size, "bytes");
	if (r->nwarn > HP_REG_MAX_WARNINGS)
		hp_warn(r->w, "%s: %lu more bad lines skipped", r->name,
		    r->nwarn - HP_REG_MAX_WARNINGS);
	return 0;
}

static int
parse(const void *buf, size_t len, struct hp_file_map *map, const char *name,
    const struct hp_reg_read_opts *o, struct hp_patch *out,
    struct hp_warnings *w, struct hp_error *e)
{
	static const struct hp_reg_read_opts defaults;
	struct reader r;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	r.name = name;
	r.map = map;
	r.o = o ? o : &defaults;
	r.out = out;
	r.w = w;
	r.e = e;
	r.conv = (struct hp_buf)HP_BUF_INIT;
	r.conv16 = (struct hp_buf)HP_BUF_INIT;
	r.cur = (struct hp_path)HP_PATH_INIT;
	hp_codepage_init(&r.cp, r.o->codepage);
	r.text = buf;
	r.size = len;
	if (reg_setup_encoding(&r, buf, len) == 0 && header(&r) == 0 &&
	    reg_setup_codepage(&r) == 0)
		rc = read_lines(&r);
	hp_codepage_close(&r.cp);
	hp_buf_release(&r.conv);
	hp_buf_release(&r.conv16);
	hp_path_free(&r.cur);
	return rc;
}

int
hp_reg_parse(const void *buf, size_t len, const char *name,
    const struct hp_reg_read_opts *o, struct hp_patch *out,
    struct hp_warnings *w, struct hp_error *e)
{
	return parse(buf, len, NULL, name, o, out, w, e);
}

int
hp_reg_read_file(const char *path, const struct hp_reg_read_opts *o,
    struct hp_patch *out, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_file_map m;
	int r;

	if ((r = hp_file_map(path, &m, e)) == 0)
		r = parse(m.data, m.len, &m, path, o, out, w, e);
	hp_file_unmap(&m);
	return r;
}

int
hp_reg_dialect_parse(const char *s, enum hp_reg_dialect *out)
{
	if (strcasecmp(s, "reg5") == 0 || strcmp(s, "5") == 0 ||
	    strcmp(s, "5.00") == 0)
		*out = HP_REG5;
	else if (strcasecmp(s, "reg4") == 0 || strcmp(s, "4") == 0 ||
	    strcasecmp(s, "regedit4") == 0)
		*out = HP_REG4;
	else
		return -1;
	return 0;
}
