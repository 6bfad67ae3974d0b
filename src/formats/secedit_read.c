/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Security templates read into lines (secedit.h): the encoding from the
 * BOM, lines split where they end in the input's own units, each line
 * decoded on its own and parsed as INF text the way SetupAPI reads it
 * (';' starts a comment outside quotes, '=' outside quotes ends the key).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "core/limits.h"
#include "core/text.h"
#include "formats/codepage.h"
#include "formats/secedit.h"
#include "formats/utf16.h"

/* 1 if the unit at i (of step bytes) is the ASCII character c. */
static int
sniff_is(const unsigned char *b, size_t len, size_t i, size_t step, int c)
{
	return i + step <= len && b[i] == c && (step == 1 || b[i + 1] == 0);
}

/*
 * The sections a template starts with; a .reg file without its header
 * starts with "[HKEY_...", and must not pass for one.
 */
static const char *const first_sections[] = {
	"Unicode", "Version", "System Access", "Kerberos Policy",
	"Event Audit", "Privilege Rights", "Registry Values",
	"Service General Setting", "Registry Keys", "File Security",
	"Group Membership", "System Log", "Security Log", "Application Log",
	"Profile Description", "Strings"
};

/* 1 if the header at i names a known section. */
static int
sniff_section(const unsigned char *b, size_t len, size_t i, size_t step)
{
	char name[32];
	size_t n = 0, k;

	for (i += step; i + step <= len && n + 1 < sizeof(name); i += step) {
		if (step == 2 && b[i + 1] != 0)
			return 0;
		if (b[i] == ']')
			break;
		name[n++] = (char)b[i];
	}
	name[n] = '\0';
	for (k = 0; k < sizeof(first_sections) / sizeof(*first_sections); k++)
		if (strcasecmp(name, first_sections[k]) == 0)
			return 1;
	return 0;
}

int
hp_secedit_sniff(const void *data, size_t len)
{
	const unsigned char *b = data;
	size_t i = 0, step = 1;

	if (len >= 2 && b[0] == 0xff && b[1] == 0xfe) {
		i = 2;
		step = 2;
	} else if (len >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0) {
		i = 3;
	}
	/* Blank lines and comment lines may come first. */
	while (i + step <= len) {
		if (sniff_is(b, len, i, step, ';'))
			while (i + step <= len && !sniff_is(b, len, i, step,
			    '\n'))
				i += step;
		if (!sniff_is(b, len, i, step, ' ') &&
		    !sniff_is(b, len, i, step, '\t') &&
		    !sniff_is(b, len, i, step, '\r') &&
		    !sniff_is(b, len, i, step, '\n'))
			break;
		i += step;
	}
	return sniff_is(b, len, i, step, '[') &&
	    sniff_section(b, len, i, step);
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t';
}

/* s without leading and trailing blanks, as a new string. */
static char *
trimmed(const char *s, size_t n)
{
	while (n > 0 && is_space((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_space((unsigned char)s[n - 1]))
		n--;
	return hp_strndup(s, n);
}

void
hp_secedit_fields(const char *value, struct hp_buf *out, size_t *n)
{
	const char *p = value;
	size_t start, keep;
	int quoted;

	*n = 0;
	for (;;) {
		while (is_space((unsigned char)*p))
			p++;
		start = keep = out->len;
		quoted = 0;
		for (; *p != '\0' && (quoted || *p != ','); p++) {
			if (*p == '"' && quoted && p[1] == '"') {
				hp_buf_addc(out, *++p);
			} else if (*p == '"') {
				quoted = !quoted;
				keep = out->len;
				continue;
			} else {
				hp_buf_addc(out, *p);
			}
			if (quoted || !is_space((unsigned char)*p))
				keep = out->len;
		}
		out->len = keep > start ? keep : start;
		hp_buf_addc(out, '\0');
		(*n)++;
		if (*p != ',')
			return;
		p++;
	}
}

/* Where the comment starts (or the end); -1 for an unclosed quote. */
static long
comment_start(const char *s)
{
	int quoted = 0;
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == ';' && !quoted)
			break;
	}
	return quoted ? -1 : (long)i;
}

/* The first '=' outside quotes in s[0..n), or NULL. */
static const char *
find_equals(const char *s, size_t n)
{
	int quoted = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == '=' && !quoted)
			return s + i;
	}
	return NULL;
}

/* A key without its surrounding quotes. */
static char *
unquoted_key(const char *s, size_t n)
{
	char *k = trimmed(s, n);
	size_t len = strlen(k);

	if (len >= 2 && k[0] == '"' && k[len - 1] == '"') {
		memmove(k, k + 1, len - 2);
		k[len - 2] = '\0';
	}
	return k;
}

static void
add_section(struct hp_secedit *t, char *name, size_t line)
{
	HP_ALLOC_GROW(t->sections, t->nsec + 1, t->seccap);
	t->sections[t->nsec].name = name;
	t->sections[t->nsec].header = line;
	t->nsec++;
}

/* Gives line l (number no, from 1) its kind, section, key and value. */
static int
parse_line(struct hp_secedit *t, struct hp_secedit_line *l, size_t idx,
    struct hp_error *e)
{
	long end = comment_start(l->text);
	char *s;
	const char *eq;
	size_t n;

	if (end < 0)
		return hp_error_set(e, HP_E_INPUT, "%s:%zu: unclosed quote",
		    t->path, idx + 1);
	s = trimmed(l->text, (size_t)end);
	n = strlen(s);
	if (n == 0) {
		l->kind = HP_SECEDIT_BLANK;
	} else if (s[0] == '[') {
		if (s[n - 1] != ']') {
			free(s);
			return hp_error_set(e, HP_E_INPUT, "%s:%zu: section "
			    "header without ']'", t->path, idx + 1);
		}
		l->kind = HP_SECEDIT_HEADER;
		add_section(t, hp_strndup(s + 1, n - 2), idx);
	} else if (t->nsec == 0) {
		free(s);
		return hp_error_set(e, HP_E_INPUT, "%s:%zu: entry before the "
		    "first [section]", t->path, idx + 1);
	} else {
		l->kind = HP_SECEDIT_ENTRY;
		l->section = t->nsec - 1;
		if ((eq = find_equals(s, n)) != NULL) {
			l->key = unquoted_key(s, (size_t)(eq - s));
			l->value = trimmed(eq + 1, n - (size_t)(eq - s) - 1);
		} else {
			l->value = hp_strdup(s);
		}
	}
	free(s);
	return 0;
}

/* The encoding, from the BOM or (without one) whether it is UTF-8. */
static void
detect_encoding(struct hp_secedit *t)
{
	const unsigned char *b = t->raw;

	if (t->raw_len >= 2 && b[0] == 0xff && b[1] == 0xfe) {
		t->enc = HP_SECEDIT_UTF16LE;
		t->bom_len = 2;
	} else if (t->raw_len >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0) {
		t->enc = HP_SECEDIT_UTF8_BOM;
		t->bom_len = 3;
	} else {
		t->enc = hp_text_valid_utf8((const char *)b, t->raw_len) ?
		    HP_SECEDIT_UTF8 : HP_SECEDIT_ANSI;
	}
}

/* Decodes the text of one line (its line end cut off) into out. */
static int
decode_line(struct hp_secedit *t, struct hp_codepage *cp, size_t off,
    size_t len, size_t idx, struct hp_buf *out, struct hp_error *e)
{
	const unsigned char *p = t->raw + off;

	hp_buf_reset(out);
	if (t->enc == HP_SECEDIT_UTF16LE)
		hp_utf16_decode(p, len, out);
	else if (t->enc != HP_SECEDIT_ANSI)
		hp_buf_add(out, p, len);
	else if (hp_codepage_decode(cp, (const char *)p, len, out) != 0)
		return hp_error_set(e, HP_E_INPUT, "%s:%zu: text that is "
		    "neither UTF-8 nor Windows-1252", t->path, idx + 1);
	if (memchr(out->buf, '\0', out->len) != NULL)
		return hp_error_set(e, HP_E_INPUT, "%s:%zu: NUL character",
		    t->path, idx + 1);
	return 0;
}

/* 1 if the unit at off (1 or 2 bytes) is the ASCII character c. */
static int
unit_is(const struct hp_secedit *t, size_t off, size_t unit, int c)
{
	return off + unit <= t->raw_len && t->raw[off] == c &&
	    (unit == 1 || t->raw[off + 1] == 0);
}

/* The end of the line starting at off: just past its LF, or the end. */
static size_t
line_end(const struct hp_secedit *t, size_t off, size_t unit)
{
	for (; off + unit <= t->raw_len; off += unit)
		if (unit_is(t, off, unit, '\n'))
			return off + unit;
	return t->raw_len;
}

static void
add_line(struct hp_secedit *t, size_t off, size_t len, size_t unit)
{
	struct hp_secedit_line *l;
	size_t end = off + len;

	HP_ALLOC_GROW(t->lines, t->n + 1, t->cap);
	l = &t->lines[t->n++];
	memset(l, 0, sizeof(*l));
	l->raw_off = off;
	l->raw_len = len;
	l->eol = "";
	if (len >= unit && unit_is(t, end - unit, unit, '\n'))
		l->eol = len >= 2 * unit && unit_is(t, end - 2 * unit, unit,
		    '\r') ? "\r\n" : "\n";
}

/* Splits the input into lines and decodes each. */
static int
split_lines(struct hp_secedit *t, struct hp_error *e)
{
	struct hp_codepage cp;
	struct hp_buf text = HP_BUF_INIT;
	size_t unit = t->enc == HP_SECEDIT_UTF16LE ? 2 : 1;
	size_t off, end, i;
	int r = 0;

	if (unit == 2 && t->raw_len % 2 != 0)
		return hp_error_set(e, HP_E_INPUT, "%s: odd length %zu: not "
		    "whole UTF-16 text", t->path, t->raw_len);
	hp_codepage_init(&cp, NULL);
	if (t->enc == HP_SECEDIT_ANSI && hp_codepage_open(&cp, 0, e) == -1)
		return -1;
	for (off = t->bom_len; off < t->raw_len; off = end) {
		end = line_end(t, off, unit);
		add_line(t, off, end - off, unit);
	}
	for (i = 0; i < t->n && r == 0; i++) {
		struct hp_secedit_line *l = &t->lines[i];
		size_t len = l->raw_len - strlen(l->eol) * unit;

		r = decode_line(t, &cp, l->raw_off, len, i, &text, e);
		if (r == 0) {
			l->text = hp_strndup(text.buf, text.len);
			r = parse_line(t, l, i, e);
		}
	}
	hp_codepage_close(&cp);
	hp_buf_release(&text);
	return r;
}

int
hp_secedit_parse(const void *data, size_t len, const char *path,
    struct hp_secedit *t, struct hp_error *e)
{
	memset(t, 0, sizeof(*t));
	t->path = hp_strdup(path);
	t->raw = hp_memdup(len ? data : "", len ? len : 1);
	t->raw_len = len;
	detect_encoding(t);
	if (split_lines(t, e) == -1) {
		hp_secedit_free(t);
		return -1;
	}
	return 0;
}

int
hp_secedit_read_file(const char *path, struct hp_secedit *t,
    struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;
	int r;

	memset(t, 0, sizeof(*t));
	if ((r = hp_file_read(path, HP_MAX_INPUT_SIZE, &b, e)) == 0)
		r = hp_secedit_parse(b.buf, b.len, path, t, e);
	hp_buf_release(&b);
	return r;
}

void
hp_secedit_free(struct hp_secedit *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->lines[i].text);
		free(t->lines[i].key);
		free(t->lines[i].value);
	}
	for (i = 0; i < t->nsec; i++)
		free(t->sections[i].name);
	free(t->lines);
	free(t->sections);
	free(t->raw);
	free(t->path);
	memset(t, 0, sizeof(*t));
}

/* Where the first field of s ends: its comma outside quotes, or the end. */
static const char *
first_field_end(const char *s)
{
	int quoted = 0;

	for (; *s != '\0' && (quoted || *s != ','); s++)
		if (*s == '"')
			quoted = !quoted;
	return s;
}

char *
hp_secedit_entry_name(const struct hp_secedit_line *l, const char **rest)
{
	struct hp_buf f = HP_BUF_INIT;
	const char *p;
	size_t n;

	if (l->key != NULL) {
		*rest = l->value;
		return hp_strdup(l->key);
	}
	p = first_field_end(l->value);
	hp_secedit_fields(l->value, &f, &n);
	*rest = *p == ',' ? p + 1 : p;
	while (is_space((unsigned char)**rest))
		(*rest)++;
	return hp_buf_detach(&f, NULL);
}
