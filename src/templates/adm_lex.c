/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The ADM lexer (formats.md C.2-C.3): decoding to UTF-8, detection, the
 * tokens of the body with "#if version" evaluated, and the [strings]
 * section, which is read first so that "!!name" resolves while parsing.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/text.h"
#include "templates/adm.h"
#include "templates/adm_impl.h"
#include "templates/template.h"

int
hp_adm_sniff(const void *data, size_t len)
{
	const unsigned char *p = data, *end = p + len;
	size_t step = 1;

	if (len >= 2 && p[0] == 0xff && p[1] == 0xfe) {
		p += 2;
		step = 2;
	} else if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		p += 3;
	else if (len >= 2 && p[0] == '<' && p[1] == 0)
		return 0;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n' || *p == 0))
		p += step == 2 && p + 1 < end && p[1] == 0 ? 2 : 1;
	return p < end && *p != '<';
}

/*
 * A UTF-8 BOM promises UTF-8, so bytes that are not are refused (naming
 * the first such line) rather than passed on into the ADMX and ADML.
 * '\n' is never part of a multi-byte sequence, so lines check alone.
 */
static int
check_utf8(const char *file, const char *s, size_t len, struct hp_error *e)
{
	const char *end = s + len, *eol;
	unsigned long line;

	for (line = 1; s < end; s = eol + 1, line++) {
		if ((eol = memchr(s, '\n', end - s)) == NULL)
			eol = end;
		if (!hp_text_valid_utf8(s, eol - s))
			return hp_error_set(e, HP_E_INPUT, "%s:%lu: bytes that "
			    "are not UTF-8 after a UTF-8 byte order mark",
			    file, line);
	}
	return 0;
}

int
adm_text_ok(const char *file, unsigned long line, const char *s,
    size_t len, struct hp_error *e)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\t' &&
		    s[i] != '\n' && s[i] != '\r')
			return hp_error_set(e, HP_E_INPUT, "%s:%lu: control "
			    "character 0x%02X, which ADMX and ADML (XML) "
			    "cannot hold", file, line, (unsigned char)s[i]);
	return 0;
}

int
adm_decode(const char *file, const unsigned char *d, size_t len,
    struct hp_buf *out, struct hp_error *e)
{
	int r = 0;

	if (len >= 2 && d[0] == 0xff && d[1] == 0xfe)
		r = hp_text_from_utf16(d + 2, (len - 2) & ~(size_t)1, out, e);
	else if (len >= 2 && d[0] != 0 && d[1] == 0)
		r = hp_text_from_utf16(d, len & ~(size_t)1, out, e);
	else if (len >= 3 && d[0] == 0xef && d[1] == 0xbb && d[2] == 0xbf) {
		if (check_utf8(file, (const char *)d + 3, len - 3, e) == -1)
			return -1;
		hp_buf_add(out, d + 3, len - 3);
	}
	else if (hp_text_valid_utf8((const char *)d, len))
		hp_buf_add(out, d, len);
	else
		r = hp_text_convert("CP1252", "UTF-8", d, len, out, e);
	if (r == -1) {
		hp_error_prefix(e, "%s", file);
		return -1;
	}
	if (memchr(out->buf, '\0', out->len) != NULL)
		return hp_error_set(e, HP_E_INPUT, "%s: NUL character in "
		    "an ADM file", file);
	return 0;
}

static int
active(const struct adm_lexer *lx)
{
	int i;

	for (i = 0; i < lx->depth; i++)
		if (!lx->taken[i])
			return 0;
	return 1;
}

/* "version OP N" after "#if": pushes whether the branch is taken. */
static int
directive_if(struct adm_lexer *lx, const char *args)
{
	char word[16], op[3] = "";
	unsigned long n;
	int ok, c;

	if (lx->depth == ADM_MAX_COND)
		return hp_error_set(lx->e, HP_E_INPUT, "%s:%lu: #if nested "
		    "deeper than %d", lx->file, lx->line, ADM_MAX_COND);
	if (sscanf(args, " %15s %2[<>=!] %lu", word, op, &n) != 3 ||
	    strcasecmp(word, "version") != 0)
		return hp_error_set(lx->e, HP_E_INPUT, "%s:%lu: unsupported "
		    "#if (only \"#if version OP N\")", lx->file, lx->line);
	c = lx->version < (long)n ? -1 : lx->version > (long)n;
	if (strcmp(op, "<") == 0)
		ok = c < 0;
	else if (strcmp(op, "<=") == 0)
		ok = c <= 0;
	else if (strcmp(op, "==") == 0)
		ok = c == 0;
	else if (strcmp(op, "!=") == 0)
		ok = c != 0;
	else if (strcmp(op, ">=") == 0)
		ok = c >= 0;
	else if (strcmp(op, ">") == 0)
		ok = c > 0;
	else
		return hp_error_set(lx->e, HP_E_INPUT, "%s:%lu: bad operator "
		    "%s in #if", lx->file, lx->line, op);
	lx->taken[lx->depth] = ok;
	lx->seen_else[lx->depth++] = 0;
	return 0;
}

/* "#if version OP N", "#else", "#endif"; p points after '#'. */
static int
directive(struct adm_lexer *lx)
{
	const char *s = lx->p, *eol;
	char buf[128], *semi;
	size_t len;

	for (eol = s; eol < lx->end && *eol != '\n'; eol++)
		;
	len = (size_t)(eol - s) < sizeof(buf) - 1 ? (size_t)(eol - s) :
	    sizeof(buf) - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if ((semi = strchr(buf, ';')) != NULL)
		*semi = '\0';
	lx->p = eol;
	if (strncasecmp(buf, "if", 2) == 0 && isspace((unsigned char)buf[2]))
		return directive_if(lx, buf + 2);
	for (len = strlen(buf); len > 0 && isspace((unsigned char)buf[len - 1]);
	    len--)
		buf[len - 1] = '\0';
	if (strcasecmp(buf, "else") == 0) {
		if (lx->depth == 0 || lx->seen_else[lx->depth - 1])
			return hp_error_set(lx->e, HP_E_INPUT, "%s:%lu: "
			    "#else without #if", lx->file, lx->line);
		lx->taken[lx->depth - 1] = !lx->taken[lx->depth - 1];
		lx->seen_else[lx->depth - 1] = 1;
		return 0;
	}
	if (strcasecmp(buf, "endif") == 0) {
		if (lx->depth == 0)
			return hp_error_set(lx->e, HP_E_INPUT, "%s:%lu: "
			    "#endif without #if", lx->file, lx->line);
		lx->depth--;
		return 0;
	}
	return hp_error_set(lx->e, HP_E_INPUT, "%s:%lu: unsupported "
	    "directive #%s", lx->file, lx->line, buf);
}

/*
 * Skips blanks, comments and directives.  Returns 1 at the next token,
 * 0 at the end of the text, -1 on error.
 */
static int
skip_to_token(struct adm_lexer *lx)
{
	for (;;) {
		while (lx->p < lx->end && isspace((unsigned char)*lx->p)) {
			if (*lx->p == '\n')
				lx->line++;
			lx->p++;
		}
		if (lx->p == lx->end)
			return 0;
		if (*lx->p == ';' || (*lx->p == '/' && lx->p + 1 < lx->end &&
		    lx->p[1] == '/')) {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
			continue;
		}
		if (*lx->p != '#')
			return 1;
		lx->p++;
		if (directive(lx) == -1)
			return -1;
	}
}

/* A "quoted" string; lx->p is at the opening quote. */
static int
lex_quoted(struct adm_lexer *lx, struct adm_token *t)
{
	const char *s;

	for (s = ++lx->p; lx->p < lx->end && *lx->p != '"' && *lx->p != '\n';
	    lx->p++)
		;
	if (lx->p == lx->end || *lx->p != '"')
		return hp_error_set(lx->e, HP_E_INPUT, "%s:%lu: unterminated "
		    "string", lx->file, lx->line);
	hp_buf_add(&t->text, s, lx->p - s);
	lx->p++;
	t->type = ADM_STR;
	return 0;
}

/* A word, or a !!reference. */
static int
lex_word(struct adm_lexer *lx, struct adm_token *t)
{
	const char *s;

	for (s = lx->p; lx->p < lx->end && !isspace((unsigned char)*lx->p) &&
	    *lx->p != '"' && *lx->p != ';'; lx->p++)
		;
	if ((size_t)(lx->p - s) > HP_MAX_LINE)
		return hp_limit_error(lx->e, lx->file, "token length",
		    lx->p - s, HP_MAX_LINE);
	t->type = ADM_WORD;
	if (lx->p - s > 2 && s[0] == '!' && s[1] == '!') {
		t->type = ADM_REF;
		s += 2;
	}
	hp_buf_add(&t->text, s, lx->p - s);
	return 0;
}

int
adm_lex_next(struct adm_lexer *lx, struct adm_token *t)
{
	int r;

	for (;;) {
		if ((r = skip_to_token(lx)) == -1)
			return -1;
		if (r == 0) {
			if (lx->depth > 0)
				return hp_error_set(lx->e, HP_E_INPUT,
				    "%s:%lu: #if without #endif", lx->file,
				    lx->line);
			t->type = ADM_EOF;
			t->line = lx->line;
			return 0;
		}
		hp_buf_reset(&t->text);
		t->line = lx->line;
		if ((*lx->p == '"' ? lex_quoted(lx, t) : lex_word(lx, t)) ==
		    -1)
			return -1;
		if (active(lx))
			return adm_text_ok(lx->file, t->line, t->text.buf,
			    t->text.len, lx->e);
	}
}

const char *
adm_find_strings(const char *s, const char *end, unsigned long *line)
{
	const char *eol, *a, *b;

	*line = 1;
	for (; s < end; s = eol + 1, (*line)++) {
		if ((eol = memchr(s, '\n', end - s)) == NULL)
			eol = end;
		for (a = s; a < eol && isspace((unsigned char)*a); a++)
			;
		for (b = eol; b > a && isspace((unsigned char)b[-1]); b--)
			;
		if (b - a == 9 && strncasecmp(a, "[strings]", 9) == 0)
			return s;
		if (eol == end)
			break;
	}
	return NULL;
}

/* "\n" in a string is a line break. */
static void
unescape(char *s)
{
	char *d = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			*d++ = '\n';
			s++;
		} else
			*d++ = *s;
	}
	*d = '\0';
}

/*
 * One name="text" or name=text line from a to eol: the name in
 * [a, *name_end), the text in v.
 */
static int
string_line(struct adm_parser *ps, const char *a, const char *eol,
    unsigned long line, const char **name_end, struct hp_buf *v)
{
	const char *eq, *b, *q;

	if ((eq = memchr(a, '=', eol - a)) == NULL)
		return hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: expected "
		    "name=\"text\" in [strings]", ps->lx.file, line);
	for (b = eq; b > a && isspace((unsigned char)b[-1]); b--)
		;
	*name_end = b;
	for (eq++; eq < eol && isspace((unsigned char)*eq); eq++)
		;
	hp_buf_reset(v);
	if (eq < eol && *eq == '"') {
		if ((q = memchr(eq + 1, '"', eol - eq - 1)) == NULL)
			return hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: "
			    "unterminated string", ps->lx.file, line);
		hp_buf_add(v, eq + 1, q - eq - 1);
		return 0;
	}
	for (q = eol; q > eq && isspace((unsigned char)q[-1]); q--)
		;
	hp_buf_add(v, eq, q - eq);
	return 0;
}

/* Defines string id as txt; a second definition replaces the first. */
static int
define_string(struct adm_parser *ps, const char *id, const char *txt,
    unsigned long line)
{
	struct hp_tmpl_lang *l = adm_lang(ps);
	struct hp_tmpl_string *st;

	if (*id == '\0')
		return hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: empty string "
		    "name in [strings]", ps->lx.file, line);
	if ((st = adm_find_str(ps, id)) != NULL) {
		hp_warn(ps->w, "%s:%lu: string %s defined again; the last "
		    "definition wins", ps->lx.file, line, st->id);
		st->text = txt;
		return 0;
	}
	st = hp_tmpl_push(ps->t, &l->strings, &l->nstrings, sizeof(*st));
	st->id = id;
	st->text = txt;
	st->line = line;
	return 0;
}

/*
 * 1 if [a, eol) opens a quoted text that it does not close and ends in a
 * backslash: vendors' generators continue such a text on the next line.
 */
static int
continues(const char *a, const char *eol)
{
	const char *q = memchr(a, '"', eol - a);

	while (eol > a && isspace((unsigned char)eol[-1]))
		eol--;
	return q != NULL && eol > q + 1 && eol[-1] == '\\' &&
	    memchr(q + 1, '"', eol - q - 1) == NULL;
}

/*
 * The logical line from a: physical lines joined where one continues
 * (without its backslash); *eol and *line move to the last one used.
 */
static void
logical_line(const char *a, const char **eol, const char *end,
    unsigned long *line, struct hp_buf *out)
{
	const char *e = *eol;

	hp_buf_reset(out);
	while (continues(a, e) && e < end) {
		const char *bs = e;

		while (*bs != '\\')
			bs--;
		hp_buf_add(out, a, bs - a);
		a = e + 1;
		if ((e = memchr(a, '\n', end - a)) == NULL)
			e = end;
		(*line)++;
	}
	hp_buf_add(out, a, e - a);
	*eol = e;
}

int
adm_parse_strings(struct adm_parser *ps, const char *s, const char *end,
    unsigned long line)
{
	struct hp_buf v = HP_BUF_INIT, ll = HP_BUF_INIT;
	const char *eol, *a, *b = NULL;
	unsigned long first;
	char *txt;
	int r = 0;

	for (; r == 0 && s < end; s = eol + 1, line++) {
		if ((eol = memchr(s, '\n', end - s)) == NULL)
			eol = end;
		for (a = s; a < eol && isspace((unsigned char)*a); a++)
			;
		if (a == eol || *a == ';')
			continue;
		first = line;
		logical_line(a, &eol, end, &line, &ll);
		a = ll.buf;
		if ((r = adm_text_ok(ps->lx.file, first, a, ll.len,
		    ps->e)) == -1)
			break;
		if ((r = string_line(ps, a, a + ll.len, first, &b, &v)) == -1)
			break;
		txt = (char *)hp_tmpl_strdup(ps->t, v.buf);
		unescape(txt);
		r = define_string(ps, hp_tmpl_strndup(ps->t, a, b - a), txt,
		    first);
	}
	hp_buf_release(&ll);
	hp_buf_release(&v);
	return r;
}
