/*
 * ADM reader (formats.md C.2-C.5).  The file is decoded to UTF-8, split
 * at its [strings] header, the string table is read first (so "!!name"
 * can be resolved while parsing), then the body is parsed by recursive
 * descent over a small lexer that also evaluates "#if version".
 *
 * The model is filled the way ADMX Migrator maps ADM (F.2): names are
 * invented from string ids (or from the text when it is given inline, in
 * which case a string is created for it), CATEGORY KEYNAME is inherited by
 * the policies below it, identical policies in CLASS MACHINE and CLASS
 * USER merge into one "Both" policy, and each SUPPORTED text becomes a
 * supportedOn definition.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "templates/adm.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/limits.h"
#include "templates/template.h"
#include "core/text.h"

#define MAX_COND	32
#define MAX_NEST	64

enum tok {
	T_EOF,
	T_WORD,		/* unquoted */
	T_STR,		/* "quoted" */
	T_REF		/* !!name, text is the name */
};

struct lex {
	const char	*p, *end;
	const char	*file;
	unsigned long	 line;
	int		 version;
	/* "#if" stack: 1 where the branch is taken. */
	unsigned char	 taken[MAX_COND];
	unsigned char	 seen_else[MAX_COND];
	int		 depth;
	struct hp_error	*e;
};

struct token {
	enum tok	 type;
	struct hp_buf	 text;
	unsigned long	 line;
};

struct ps {
	struct lex		 lx;
	struct token		 tok;
	int			 pushed;	/* tok is to be read again */
	struct hp_tmpl		*t;
	size_t			 lang;		/* index in t->langs */
	enum hp_tmpl_class	 cls;
	int			 nest;
	struct hp_warnings	*w;
	struct hp_error		*e;
};

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

/* Decodes data to UTF-8 in out (C.2: BOM, else UTF-8 if valid, else 1252). */
static int
decode(const char *file, const unsigned char *d, size_t len,
    struct hp_buf *out, struct hp_error *e)
{
	int r;

	if (len >= 2 && d[0] == 0xff && d[1] == 0xfe)
		r = hp_text_from_utf16(d + 2, (len - 2) & ~(size_t)1, out, e);
	else if (len >= 2 && d[0] != 0 && d[1] == 0)
		r = hp_text_from_utf16(d, len & ~(size_t)1, out, e);
	else if (len >= 3 && d[0] == 0xef && d[1] == 0xbb && d[2] == 0xbf)
		r = hp_buf_add(out, d + 3, len - 3);
	else if (hp_text_valid_utf8((const char *)d, len))
		r = hp_buf_add(out, d, len);
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
active(const struct lex *lx)
{
	int i;

	for (i = 0; i < lx->depth; i++)
		if (!lx->taken[i])
			return 0;
	return 1;
}

/* "#if version OP N", "#else", "#endif"; p points after '#'. */
static int
directive(struct lex *lx)
{
	const char *s = lx->p, *eol;
	char buf[128], op[3] = "";
	unsigned long n;
	size_t len;
	int ok, c;

	for (eol = s; eol < lx->end && *eol != '\n'; eol++)
		;
	len = (size_t)(eol - s) < sizeof(buf) - 1 ? (size_t)(eol - s) :
	    sizeof(buf) - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if ((s = strchr(buf, ';')) != NULL)
		*(char *)s = '\0';
	lx->p = eol;
	if (strncasecmp(buf, "if", 2) == 0 && isspace((unsigned char)buf[2])) {
		char word[16];

		if (lx->depth == MAX_COND)
			return hp_error_set(lx->e, HP_E_INPUT, "%s:%lu: "
			    "#if nested deeper than %d", lx->file, lx->line,
			    MAX_COND);
		if (sscanf(buf + 2, " %15s %2[<>=!] %lu", word, op, &n) != 3 ||
		    strcasecmp(word, "version") != 0)
			return hp_error_set(lx->e, HP_E_INPUT, "%s:%lu: "
			    "unsupported #if (only \"#if version OP N\")",
			    lx->file, lx->line);
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
			return hp_error_set(lx->e, HP_E_INPUT, "%s:%lu: bad "
			    "operator %s in #if", lx->file, lx->line, op);
		lx->taken[lx->depth] = ok;
		lx->seen_else[lx->depth++] = 0;
		return 0;
	}
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

/* Reads the next token of the active branches into t. */
static int
lex_next(struct lex *lx, struct token *t)
{
	const char *s;

	for (;;) {
		while (lx->p < lx->end && isspace((unsigned char)*lx->p)) {
			if (*lx->p == '\n')
				lx->line++;
			lx->p++;
		}
		if (lx->p == lx->end) {
			if (lx->depth > 0)
				return hp_error_set(lx->e, HP_E_INPUT,
				    "%s:%lu: #if without #endif", lx->file,
				    lx->line);
			t->type = T_EOF;
			t->line = lx->line;
			return 0;
		}
		if (*lx->p == ';' || (*lx->p == '/' && lx->p + 1 < lx->end &&
		    lx->p[1] == '/')) {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
			continue;
		}
		if (*lx->p == '#') {
			lx->p++;
			if (directive(lx) == -1)
				return -1;
			continue;
		}
		hp_buf_reset(&t->text);
		t->line = lx->line;
		if (*lx->p == '"') {
			for (s = ++lx->p; lx->p < lx->end && *lx->p != '"' &&
			    *lx->p != '\n'; lx->p++)
				;
			if (lx->p == lx->end || *lx->p != '"')
				return hp_error_set(lx->e, HP_E_INPUT,
				    "%s:%lu: unterminated string", lx->file,
				    lx->line);
			if (hp_buf_add(&t->text, s, lx->p - s) == -1)
				return hp_error_set(lx->e, HP_E_IO,
				    "out of memory");
			lx->p++;
			t->type = T_STR;
		} else {
			for (s = lx->p; lx->p < lx->end &&
			    !isspace((unsigned char)*lx->p) && *lx->p != '"' &&
			    *lx->p != ';'; lx->p++)
				;
			if ((size_t)(lx->p - s) > HP_MAX_LINE)
				return hp_limit_error(lx->e, lx->file,
				    "token length", lx->p - s, HP_MAX_LINE);
			t->type = T_WORD;
			if (lx->p - s > 2 && s[0] == '!' && s[1] == '!') {
				t->type = T_REF;
				s += 2;
			}
			if (hp_buf_add(&t->text, s, lx->p - s) == -1)
				return hp_error_set(lx->e, HP_E_IO,
				    "out of memory");
		}
		if (active(lx))
			return 0;
	}
}

static int
next(struct ps *ps)
{
	if (ps->pushed) {
		ps->pushed = 0;
		return 0;
	}
	return lex_next(&ps->lx, &ps->tok);
}

static int
is_kw(const struct ps *ps, const char *kw)
{
	return ps->tok.type == T_WORD && strcasecmp(ps->tok.text.buf, kw) == 0;
}

static const char *
tok_desc(const struct ps *ps)
{
	return ps->tok.type == T_EOF ? "end of file" : ps->tok.text.buf;
}

static int
fail(struct ps *ps, const char *what)
{
	return hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: %s, found \"%s\"",
	    ps->lx.file, ps->tok.line, what, tok_desc(ps));
}

/*
 * Reads the next token inside a block that ends with "END word".  Returns
 * 1 at the END, 0 with the token in ps->tok, -1 on error (a missing END
 * is reported at the block's first line).
 */
static int
block_next(struct ps *ps, const char *word, unsigned long start)
{
	if (next(ps) == -1)
		return -1;
	if (ps->tok.type == T_EOF)
		return hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: %s has no "
		    "END %s", ps->lx.file, start, word, word);
	if (!is_kw(ps, "END"))
		return 0;
	if (next(ps) == -1)
		return -1;
	if (!is_kw(ps, word)) {
		char what[64];

		snprintf(what, sizeof(what), "expected END %s", word);
		return fail(ps, what);
	}
	return 1;
}

static int
oom(struct ps *ps)
{
	return hp_error_set(ps->e, HP_E_IO, "out of memory");
}

static struct hp_tmpl_lang *
lang(struct ps *ps)
{
	return &ps->t->langs[ps->lang];
}

static const struct hp_tmpl_string *
find_str(struct ps *ps, const char *id)
{
	struct hp_tmpl_lang *l = lang(ps);
	size_t i;

	for (i = 0; i < l->nstrings; i++)
		if (strcasecmp(l->strings[i].id, id) == 0)
			return &l->strings[i];
	return NULL;
}

/* The text of the current string token (resolving !!name). */
static const char *
str_text(struct ps *ps)
{
	const struct hp_tmpl_string *s;

	if (ps->tok.type == T_EOF) {
		fail(ps, "expected a string");
		return NULL;
	}
	if (ps->tok.type != T_REF)
		return hp_tmpl_strdup(ps->t, ps->tok.text.buf);
	if ((s = find_str(ps, ps->tok.text.buf)) == NULL) {
		hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: undefined string "
		    "!!%s", ps->lx.file, ps->tok.line, ps->tok.text.buf);
		return NULL;
	}
	return s->text;
}

static const char *
next_str(struct ps *ps)
{
	if (next(ps) == -1)
		return NULL;
	return str_text(ps);
}

/* An ADMX name from text: letters, digits and '_' (BaseTypes itemName). */
static void
sanitize(const char *s, struct hp_buf *b)
{
	int under = 0;

	hp_buf_reset(b);
	for (; *s && b->len < 96; s++) {
		if (isalnum((unsigned char)*s) || *s == '_') {
			hp_buf_addc(b, *s);
			under = *s == '_';
		} else if (!under && b->len > 0) {
			hp_buf_addc(b, '_');
			under = 1;
		}
	}
	while (b->len > 0 && b->buf[b->len - 1] == '_')
		b->buf[--b->len] = '\0';
	if (b->len == 0)
		hp_buf_adds(b, "Unnamed");
}

/*
 * A display reference for the current token: "$(string.X)".  Inline text
 * gets a string of its own, id derived from hint; an existing string with
 * the same id and text is reused.
 */
static const char *
display_ref(struct ps *ps, const char *hint)
{
	struct hp_buf id = HP_BUF_INIT, ref = HP_BUF_INIT;
	const struct hp_tmpl_string *s;
	const char *text, *r = NULL;
	size_t base, n = 1;

	if ((text = str_text(ps)) == NULL)
		return NULL;
	if (ps->tok.type == T_REF) {
		s = find_str(ps, ps->tok.text.buf);
		hp_buf_addf(&ref, "$(string.%s)", s->id);
		goto out;
	}
	sanitize(hint, &id);
	base = id.len;
	while ((s = find_str(ps, id.buf)) != NULL && strcmp(s->text, text) !=
	    0) {
		id.len = base;
		hp_buf_addf(&id, "_%zu", ++n);
	}
	if (s == NULL) {
		struct hp_tmpl_lang *l = lang(ps);
		struct hp_tmpl_string *ns;

		if ((ns = hp_tmpl_push(ps->t, &l->strings, &l->nstrings,
		    sizeof(*ns))) == NULL) {
			oom(ps);
			goto fail;
		}
		ns->id = hp_tmpl_strdup(ps->t, id.buf);
		ns->text = text;
		ns->line = ps->tok.line;
	}
	hp_buf_addf(&ref, "$(string.%s)", id.buf);
out:
	r = hp_tmpl_strdup(ps->t, ref.buf);
fail:
	hp_buf_release(&id);
	hp_buf_release(&ref);
	return r;
}

/* A name for the current token: the string id, else the text. */
static void
token_name(struct ps *ps, struct hp_buf *b)
{
	sanitize(ps->tok.text.buf, b);
}

static int
parse_num(struct ps *ps, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (next(ps) == -1)
		return -1;
	if (ps->tok.type == T_EOF || ps->tok.type == T_REF)
		return fail(ps, "expected a number");
	errno = 0;
	v = strtoull(ps->tok.text.buf, &end, 10);
	if (ps->tok.text.buf[0] == '-' || *end != '\0' || end ==
	    ps->tok.text.buf || errno != 0 || v > max)
		return fail(ps, "expected a number");
	*out = v;
	return 0;
}

/* value = [NUMERIC] number | DELETE | str */
static int
parse_value(struct ps *ps, struct hp_tmpl_value *v)
{
	if (next(ps) == -1)
		return -1;
	if (is_kw(ps, "NUMERIC")) {
		v->kind = HP_TV_DECIMAL;
		return parse_num(ps, UINT32_MAX, &v->num);
	}
	if (is_kw(ps, "DELETE")) {
		v->kind = HP_TV_DELETE;
		return 0;
	}
	v->kind = HP_TV_STRING;
	return (v->str = str_text(ps)) == NULL ? -1 : 0;
}

/* actionlist = { [KEYNAME str] VALUENAME str VALUE value } END <word> */
static int
parse_actionlist(struct ps *ps, struct hp_tmpl_vlist *l, const char *word)
{
	struct hp_tmpl_item *it = NULL;
	const char *key = NULL;
	unsigned long start = ps->tok.line;

	l->present = 1;
	for (;;) {
		int b = block_next(ps, word, start);

		if (b == -1)
			return -1;
		if (b == 1)
			break;
		if (is_kw(ps, "KEYNAME")) {
			if ((key = next_str(ps)) == NULL)
				return -1;
		} else if (is_kw(ps, "VALUENAME")) {
			if ((it = hp_tmpl_push(ps->t, &l->v, &l->n,
			    sizeof(*it))) == NULL)
				return oom(ps);
			it->key = key;
			it->line = ps->tok.line;
			key = NULL;
			if ((it->value_name = next_str(ps)) == NULL)
				return -1;
		} else if (is_kw(ps, "VALUE")) {
			if (it == NULL)
				return fail(ps, "VALUE before VALUENAME in an "
				    "action list");
			if (parse_value(ps, &it->value) == -1)
				return -1;
		} else
			return fail(ps, "expected KEYNAME, VALUENAME, VALUE or "
			    "END in an action list");
	}
	for (it = l->v; it < l->v + l->n; it++)
		if (it->value.kind == HP_TV_NONE)
			return hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: "
			    "action list entry %s has no VALUE", ps->lx.file,
			    it->line, it->value_name);
	return 0;
}

static const struct {
	const char		*name;
	int			 elem;	/* -1: no element (TEXT) */
	enum hp_tmpl_ctype	 ctl;
} parttypes[] = {
	{ "CHECKBOX", HP_TE_BOOLEAN, HP_TC_CHECKBOX },
	{ "COMBOBOX", HP_TE_TEXT, HP_TC_COMBOBOX },
	{ "DROPDOWNLIST", HP_TE_ENUM, HP_TC_DROPDOWNLIST },
	{ "EDITTEXT", HP_TE_TEXT, HP_TC_TEXTBOX },
	{ "LISTBOX", HP_TE_LIST, HP_TC_LISTBOX },
	{ "NUMERIC", HP_TE_DECIMAL, HP_TC_DECIMALTEXTBOX },
	{ "TEXT", -1, HP_TC_TEXT }
};

static int
parse_itemlist(struct ps *ps, struct hp_tmpl_elem *el, const char *pname)
{
	struct hp_tmpl_enum_item *it = NULL;
	unsigned long start = ps->tok.line;
	struct hp_buf hint = HP_BUF_INIT;

	for (;;) {
		int b = block_next(ps, "ITEMLIST", start);

		if (b == -1)
			goto fail;
		if (b == 1)
			break;
		if (is_kw(ps, "NAME")) {
			if ((it = hp_tmpl_push(ps->t, &el->items, &el->nitems,
			    sizeof(*it))) == NULL) {
				oom(ps);
				goto fail;
			}
			it->line = ps->tok.line;
			if (next(ps) == -1)
				goto fail;
			hp_buf_reset(&hint);
			hp_buf_addf(&hint, "%s_%s_%zu", pname, el->id,
			    el->nitems);
			if ((it->display = display_ref(ps, hint.buf)) == NULL)
				goto fail;
		} else if (is_kw(ps, "VALUE")) {
			if (it == NULL) {
				fail(ps, "VALUE before NAME in ITEMLIST");
				goto fail;
			}
			if (parse_value(ps, &it->value) == -1)
				goto fail;
		} else if (is_kw(ps, "ACTIONLIST")) {
			if (it == NULL) {
				fail(ps, "ACTIONLIST before NAME in ITEMLIST");
				goto fail;
			}
			if (parse_actionlist(ps, &it->list, "ACTIONLIST") ==
			    -1)
				goto fail;
		} else {
			fail(ps, "expected NAME, VALUE, ACTIONLIST or END in "
			    "ITEMLIST");
			goto fail;
		}
	}
	hp_buf_release(&hint);
	for (it = el->items; it < el->items + el->nitems; it++)
		if (it->value.kind == HP_TV_NONE)
			return hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: "
			    "ITEMLIST entry has no VALUE", ps->lx.file,
			    it->line);
	return 0;
fail:
	hp_buf_release(&hint);
	return -1;
}

struct pol_ctx {
	struct hp_tmpl_policy		*p;
	struct hp_tmpl_presentation	*pres;
	struct hp_buf			 name;
};

static int
parse_part(struct ps *ps, struct pol_ctx *pc)
{
	struct hp_tmpl_policy *p = pc->p;
	struct hp_tmpl_elem *el = NULL;
	struct hp_tmpl_control *c;
	struct hp_buf id = HP_BUF_INIT;
	unsigned long start = ps->tok.line;
	const char *label;
	size_t i, base, n = 1;
	uint64_t x;
	int r = -1;

	if (next(ps) == -1)
		return -1;
	token_name(ps, &id);
	if ((label = str_text(ps)) == NULL)
		goto out;
	if (next(ps) == -1)
		goto out;
	for (i = 0; i < sizeof(parttypes) / sizeof(parttypes[0]); i++)
		if (is_kw(ps, parttypes[i].name))
			break;
	if (i == sizeof(parttypes) / sizeof(parttypes[0])) {
		fail(ps, "expected a PART type (CHECKBOX, COMBOBOX, "
		    "DROPDOWNLIST, EDITTEXT, LISTBOX, NUMERIC, TEXT)");
		goto out;
	}
	if ((c = hp_tmpl_push(ps->t, &pc->pres->controls,
	    &pc->pres->ncontrols, sizeof(*c))) == NULL) {
		oom(ps);
		goto out;
	}
	c->type = parttypes[i].ctl;
	c->label = label;
	c->spin = -1;
	c->default_item = -1;
	c->line = start;
	if (parttypes[i].elem >= 0) {
		base = id.len;
		while (hp_tmpl_find_elem(p, id.buf) != NULL) {
			id.len = base;
			hp_buf_addf(&id, "_%zu", ++n);
		}
		if ((el = hp_tmpl_push(ps->t, &p->elems, &p->nelems,
		    sizeof(*el))) == NULL) {
			oom(ps);
			goto out;
		}
		el->type = parttypes[i].elem;
		el->id = hp_tmpl_strdup(ps->t, id.buf);
		el->line = start;
		el->max = 9999;
		el->max_length = el->type == HP_TE_TEXT ? 1023 : 0;
		c->ref_id = el->id;
	}
	for (;;) {
		int b = block_next(ps, "PART", start);

		if (b == -1)
			goto out;
		if (b == 1)
			break;
		if (el == NULL) {
			/* TEXT takes no options. */
			fail(ps, "expected END PART after a TEXT part");
			goto out;
		}
		if (is_kw(ps, "KEYNAME")) {
			if ((el->key = next_str(ps)) == NULL)
				goto out;
		} else if (is_kw(ps, "VALUENAME")) {
			if ((el->value_name = next_str(ps)) == NULL)
				goto out;
		} else if (is_kw(ps, "CLIENTEXT")) {
			if ((el->client_ext = next_str(ps)) == NULL)
				goto out;
		} else if (is_kw(ps, "REQUIRED")) {
			el->required = 1;
		} else if (is_kw(ps, "EXPANDABLETEXT")) {
			el->expandable = 1;
		} else if (is_kw(ps, "TXTCONVERT")) {
			el->store_as_text = 1;
		} else if (is_kw(ps, "NOSORT")) {
			c->no_sort = 1;
		} else if (is_kw(ps, "OEMCONVERT")) {
			/* No ADMX equivalent (F.2). */
		} else if (is_kw(ps, "DEFCHECKED")) {
			c->default_checked = 1;
		} else if (is_kw(ps, "ADDITIVE")) {
			el->additive = 1;
		} else if (is_kw(ps, "EXPLICITVALUE")) {
			el->explicit_value = 1;
		} else if (is_kw(ps, "VALUEPREFIX")) {
			if ((el->value_prefix = next_str(ps)) == NULL)
				goto out;
		} else if (is_kw(ps, "MIN")) {
			if (parse_num(ps, UINT32_MAX, &el->min) == -1)
				goto out;
		} else if (is_kw(ps, "MAX")) {
			if (parse_num(ps, UINT32_MAX, &el->max) == -1)
				goto out;
		} else if (is_kw(ps, "MAXLEN")) {
			if (parse_num(ps, UINT32_MAX, &x) == -1)
				goto out;
			el->max_length = x;
		} else if (is_kw(ps, "SPIN")) {
			if (parse_num(ps, UINT32_MAX, &x) == -1)
				goto out;
			c->spin = x != 0;
			c->spin_step = x;
		} else if (is_kw(ps, "DEFAULT")) {
			if (el->type == HP_TE_ENUM || el->type ==
			    HP_TE_DECIMAL) {
				if (parse_num(ps, UINT32_MAX, &x) == -1)
					goto out;
				if (el->type == HP_TE_ENUM)
					c->default_item = (long)x;
				else
					c->default_value = hp_tmpl_strdup(
					    ps->t, ps->tok.text.buf);
			} else if ((c->default_value = next_str(ps)) == NULL)
				goto out;
		} else if (is_kw(ps, "VALUEON")) {
			if (parse_value(ps, &el->true_value) == -1)
				goto out;
		} else if (is_kw(ps, "VALUEOFF")) {
			if (parse_value(ps, &el->false_value) == -1)
				goto out;
		} else if (is_kw(ps, "ACTIONLISTON")) {
			if (parse_actionlist(ps, &el->true_list,
			    "ACTIONLISTON") == -1)
				goto out;
		} else if (is_kw(ps, "ACTIONLISTOFF")) {
			if (parse_actionlist(ps, &el->false_list,
			    "ACTIONLISTOFF") == -1)
				goto out;
		} else if (is_kw(ps, "ITEMLIST") && el->type == HP_TE_ENUM) {
			if (parse_itemlist(ps, el, pc->name.buf) == -1)
				goto out;
		} else if (is_kw(ps, "SUGGESTIONS")) {
			unsigned long sl = ps->tok.line;

			for (;;) {
				const char **sg;
				int sb = block_next(ps, "SUGGESTIONS", sl);

				if (sb == -1)
					goto out;
				if (sb == 1)
					break;
				if ((sg = hp_tmpl_push(ps->t, &c->suggestions,
				    &c->nsuggestions, sizeof(*sg))) == NULL) {
					oom(ps);
					goto out;
				}
				if ((*sg = str_text(ps)) == NULL)
					goto out;
			}
		} else {
			fail(ps, "unknown PART option");
			goto out;
		}
	}
	if (el != NULL && el->type == HP_TE_LIST && el->value_name != NULL)
		hp_warn(ps->w, "%s:%lu: LISTBOX with a VALUENAME: ignored",
		    ps->lx.file, start);
	if (el != NULL && el->type == HP_TE_ENUM && el->nitems == 0) {
		hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: DROPDOWNLIST "
		    "without ITEMLIST", ps->lx.file, start);
		goto out;
	}
	r = 0;
out:
	hp_buf_release(&id);
	return r;
}

static int
value_eq(const struct hp_tmpl_value *a, const struct hp_tmpl_value *b)
{
	return a->kind == b->kind && a->num == b->num &&
	    (a->str == NULL) == (b->str == NULL) &&
	    (a->str == NULL || strcmp(a->str, b->str) == 0);
}

static int
streq(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcasecmp(a, b) == 0);
}

/* Same registry effect, as far as merging into "Both" needs (F.2). */
static int
same_policy(const struct hp_tmpl_policy *a, const struct hp_tmpl_policy *b)
{
	size_t i;

	if (!streq(a->key, b->key) || !streq(a->value_name, b->value_name) ||
	    !value_eq(&a->enabled_value, &b->enabled_value) ||
	    !value_eq(&a->disabled_value, &b->disabled_value) ||
	    a->enabled_list.n != b->enabled_list.n ||
	    a->disabled_list.n != b->disabled_list.n ||
	    a->nelems != b->nelems || !streq(a->display, b->display) ||
	    !streq(a->explain, b->explain) ||
	    !streq(a->parent, b->parent))
		return 0;
	for (i = 0; i < a->nelems; i++) {
		const struct hp_tmpl_elem *x = &a->elems[i], *y = &b->elems[i];

		if (x->type != y->type || !streq(x->id, y->id) ||
		    !streq(x->key, y->key) ||
		    !streq(x->value_name, y->value_name) ||
		    x->min != y->min || x->max != y->max ||
		    x->nitems != y->nitems)
			return 0;
	}
	return 1;
}

static const char *
supported_ref(struct ps *ps, const char *display)
{
	struct hp_tmpl *t = ps->t;
	struct hp_tmpl_supdef *s;
	struct hp_buf name = HP_BUF_INIT;
	char id[256];
	size_t i;

	for (i = 0; i < t->nsupdefs; i++)
		if (strcmp(t->supdefs[i].display, display) == 0)
			return t->supdefs[i].name;
	if (hp_tmpl_ref_id(display, "string", id, sizeof(id)) == NULL)
		snprintf(id, sizeof(id), "%zu", t->nsupdefs + 1);
	if (strncasecmp(id, "SUPPORTED_", 10) == 0) {
		sanitize(id, &name);
	} else {
		struct hp_buf pre = HP_BUF_INIT;

		hp_buf_addf(&pre, "SUPPORTED_%s", id);
		sanitize(pre.buf, &name);
		hp_buf_release(&pre);
	}
	if ((s = hp_tmpl_push(t, &t->supdefs, &t->nsupdefs, sizeof(*s))) ==
	    NULL) {
		hp_buf_release(&name);
		oom(ps);
		return NULL;
	}
	s->name = hp_tmpl_strdup(t, name.buf);
	s->display = display;
	s->line = ps->tok.line;
	hp_buf_release(&name);
	return s->name;
}

static int
parse_policy(struct ps *ps, const char *cat, const char *key)
{
	struct hp_tmpl *t = ps->t;
	struct hp_tmpl_policy *p, *q;
	struct pol_ctx pc;
	struct hp_buf hint = HP_BUF_INIT;
	unsigned long start = ps->tok.line;
	size_t i, base, n = 1, idx;
	int r = -1;

	memset(&pc, 0, sizeof(pc));
	pc.name = (struct hp_buf)HP_BUF_INIT;
	if (next(ps) == -1)
		return -1;
	if ((p = hp_tmpl_push(t, &t->policies, &t->npolicies, sizeof(*p))) ==
	    NULL)
		return oom(ps);
	idx = t->npolicies - 1;
	pc.p = p;
	token_name(ps, &pc.name);
	p->line = start;
	p->cls = ps->cls;
	p->key = key;
	p->parent = cat;
	if ((p->display = display_ref(ps, pc.name.buf)) == NULL)
		goto out;
	if ((pc.pres = hp_tmpl_alloc(t, sizeof(*pc.pres))) == NULL) {
		oom(ps);
		goto out;
	}
	for (;;) {
		int b = block_next(ps, "POLICY", start);

		if (b == -1)
			goto out;
		if (b == 1)
			break;
		if (is_kw(ps, "KEYNAME")) {
			if ((p->key = next_str(ps)) == NULL)
				goto out;
		} else if (is_kw(ps, "VALUENAME")) {
			if ((p->value_name = next_str(ps)) == NULL)
				goto out;
		} else if (is_kw(ps, "CLIENTEXT")) {
			if ((p->client_ext = next_str(ps)) == NULL)
				goto out;
		} else if (is_kw(ps, "EXPLAIN")) {
			hp_buf_reset(&hint);
			hp_buf_addf(&hint, "%s_Explain", pc.name.buf);
			if (next(ps) == -1 ||
			    (p->explain = display_ref(ps, hint.buf)) == NULL)
				goto out;
		} else if (is_kw(ps, "SUPPORTED")) {
			const char *d;

			hp_buf_reset(&hint);
			hp_buf_addf(&hint, "SUPPORTED_%s", pc.name.buf);
			if (next(ps) == -1 ||
			    (d = display_ref(ps, hint.buf)) == NULL ||
			    (p->supported = supported_ref(ps, d)) == NULL)
				goto out;
		} else if (is_kw(ps, "VALUEON")) {
			if (parse_value(ps, &p->enabled_value) == -1)
				goto out;
		} else if (is_kw(ps, "VALUEOFF")) {
			if (parse_value(ps, &p->disabled_value) == -1)
				goto out;
		} else if (is_kw(ps, "ACTIONLISTON")) {
			if (parse_actionlist(ps, &p->enabled_list,
			    "ACTIONLISTON") == -1)
				goto out;
		} else if (is_kw(ps, "ACTIONLISTOFF")) {
			if (parse_actionlist(ps, &p->disabled_list,
			    "ACTIONLISTOFF") == -1)
				goto out;
		} else if (is_kw(ps, "PART")) {
			if (parse_part(ps, &pc) == -1)
				goto out;
		} else {
			fail(ps, "unknown POLICY keyword");
			goto out;
		}
	}
	if (p->key == NULL) {
		hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: POLICY has no "
		    "KEYNAME (neither its own nor its category's)",
		    ps->lx.file, start);
		goto out;
	}
	/* Merge with the same policy of the other class, or rename. */
	base = pc.name.len;
	for (;;) {
		for (i = 0, q = NULL; i < idx; i++)
			if (strcasecmp(t->policies[i].name, pc.name.buf) == 0)
				q = &t->policies[i];
		if (q == NULL)
			break;
		if (q->cls != p->cls && q->cls != HP_TMPL_BOTH &&
		    same_policy(q, p)) {
			q->cls = HP_TMPL_BOTH;
			t->npolicies--;
			r = 0;
			goto out;
		}
		pc.name.len = base;
		hp_buf_addf(&pc.name, "_%zu", ++n);
	}
	p->name = hp_tmpl_strdup(t, pc.name.buf);
	if (pc.pres->ncontrols > 0) {
		struct hp_tmpl_lang *l = lang(ps);
		struct hp_tmpl_presentation *pr;

		if ((pr = hp_tmpl_push(t, &l->pres, &l->npres, sizeof(*pr))) ==
		    NULL) {
			oom(ps);
			goto out;
		}
		*pr = *pc.pres;
		pr->id = p->name;
		pr->line = start;
		hp_buf_reset(&hint);
		hp_buf_addf(&hint, "$(presentation.%s)", p->name);
		p->presentation = hp_tmpl_strdup(t, hint.buf);
	}
	r = 0;
out:
	hp_buf_release(&pc.name);
	hp_buf_release(&hint);
	return r;
}

static int
parse_category(struct ps *ps, const char *parent, const char *key)
{
	struct hp_tmpl *t = ps->t;
	struct hp_tmpl_category *c;
	struct hp_buf name = HP_BUF_INIT;
	unsigned long start = ps->tok.line;
	const char *display, *cname = NULL, *explain = NULL;
	size_t i, base, n = 1;
	int r = -1;

	if (++ps->nest > MAX_NEST)
		return hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: categories "
		    "nested deeper than %d", ps->lx.file, start, MAX_NEST);
	if (next(ps) == -1)
		goto out;
	token_name(ps, &name);
	if ((display = display_ref(ps, name.buf)) == NULL)
		goto out;
	/* The same CATEGORY under both classes is one category. */
	for (i = 0; i < t->ncats; i++)
		if (strcmp(t->cats[i].display, display) == 0 &&
		    streq(t->cats[i].parent, parent))
			cname = t->cats[i].name;
	if (cname == NULL) {
		base = name.len;
		for (i = 0; i < t->ncats; i++)
			if (strcasecmp(t->cats[i].name, name.buf) == 0) {
				name.len = base;
				hp_buf_addf(&name, "_%zu", ++n);
				i = (size_t)-1;
			}
		if ((c = hp_tmpl_push(t, &t->cats, &t->ncats, sizeof(*c))) ==
		    NULL) {
			oom(ps);
			goto out;
		}
		c->name = cname = hp_tmpl_strdup(t, name.buf);
		c->display = display;
		c->parent = parent;
		c->line = start;
	}
	for (;;) {
		int b = block_next(ps, "CATEGORY", start);

		if (b == -1)
			goto out;
		if (b == 1)
			break;
		if (is_kw(ps, "KEYNAME")) {
			if ((key = next_str(ps)) == NULL)
				goto out;
		} else if (is_kw(ps, "EXPLAIN")) {
			hp_buf_reset(&name);
			hp_buf_addf(&name, "%s_Explain", cname);
			if (next(ps) == -1 ||
			    (explain = display_ref(ps, name.buf)) == NULL)
				goto out;
			for (i = 0; i < t->ncats; i++)
				if (t->cats[i].name == cname)
					t->cats[i].explain = explain;
		} else if (is_kw(ps, "CATEGORY")) {
			if (parse_category(ps, cname, key) == -1)
				goto out;
		} else if (is_kw(ps, "POLICY")) {
			if (parse_policy(ps, cname, key) == -1)
				goto out;
		} else {
			fail(ps, "expected KEYNAME, EXPLAIN, CATEGORY, POLICY "
			    "or END CATEGORY");
			goto out;
		}
	}
	r = 0;
out:
	ps->nest--;
	hp_buf_release(&name);
	return r;
}

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

/* name="text" or name=text lines, comments with ';'. */
static int
parse_strings(struct ps *ps, const char *s, const char *end,
    unsigned long line)
{
	struct hp_tmpl_lang *l = lang(ps);
	struct hp_buf v = HP_BUF_INIT;
	const char *eol, *eq, *a, *b;
	int r = -1;

	for (; s < end; s = eol + 1, line++) {
		struct hp_tmpl_string *st;
		char *txt;
		size_t i;

		if ((eol = memchr(s, '\n', end - s)) == NULL)
			eol = end;
		for (a = s; a < eol && isspace((unsigned char)*a); a++)
			;
		if (a == eol || *a == ';')
			continue;
		if ((eq = memchr(a, '=', eol - a)) == NULL) {
			hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: expected "
			    "name=\"text\" in [strings]", ps->lx.file, line);
			goto out;
		}
		for (b = eq; b > a && isspace((unsigned char)b[-1]); b--)
			;
		for (eq++; eq < eol && isspace((unsigned char)*eq); eq++)
			;
		hp_buf_reset(&v);
		if (eq < eol && *eq == '"') {
			const char *q = memchr(eq + 1, '"', eol - eq - 1);

			if (q == NULL) {
				hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: "
				    "unterminated string", ps->lx.file, line);
				goto out;
			}
			hp_buf_add(&v, eq + 1, q - eq - 1);
		} else {
			const char *q = eol;

			while (q > eq && isspace((unsigned char)q[-1]))
				q--;
			hp_buf_add(&v, eq, q - eq);
		}
		if ((txt = (char *)hp_tmpl_strdup(ps->t, v.buf)) == NULL) {
			oom(ps);
			goto out;
		}
		unescape(txt);
		for (i = 0; i < l->nstrings; i++)
			if (strncasecmp(l->strings[i].id, a, b - a) == 0 &&
			    l->strings[i].id[b - a] == '\0')
				break;
		if (i < l->nstrings) {
			hp_warn(ps->w, "%s:%lu: string %s defined again; the "
			    "last definition wins", ps->lx.file, line,
			    l->strings[i].id);
			l->strings[i].text = txt;
			continue;
		}
		if ((st = hp_tmpl_push(ps->t, &l->strings, &l->nstrings,
		    sizeof(*st))) == NULL) {
			oom(ps);
			goto out;
		}
		st->id = hp_tmpl_strndup(ps->t, a, b - a);
		st->text = txt;
		st->line = line;
		if (b == a) {
			hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: empty "
			    "string name in [strings]", ps->lx.file, line);
			goto out;
		}
	}
	r = 0;
out:
	hp_buf_release(&v);
	return r;
}

/* Finds the "[strings]" line; returns its start or NULL. */
static const char *
find_strings(const char *s, const char *end, unsigned long *line)
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

/*
 * ADMX requires every policy to name a supportedOn definition; ADM
 * policies without SUPPORTED get one that says so.
 */
static int
default_supported(struct ps *ps)
{
	struct hp_tmpl *t = ps->t;
	struct hp_tmpl_lang *l = lang(ps);
	struct hp_tmpl_string *st;
	struct hp_tmpl_supdef *s;
	size_t i;

	for (i = 0; i < t->npolicies; i++)
		if (t->policies[i].supported == NULL)
			break;
	if (i == t->npolicies)
		return 0;
	if ((st = hp_tmpl_push(t, &l->strings, &l->nstrings, sizeof(*st))) ==
	    NULL || (s = hp_tmpl_push(t, &t->supdefs, &t->nsupdefs,
	    sizeof(*s))) == NULL)
		return oom(ps);
	st->id = HP_ADM_UNSPECIFIED;
	st->text = "Not specified in the ADM file";
	s->name = HP_ADM_UNSPECIFIED;
	s->display = "$(string." HP_ADM_UNSPECIFIED ")";
	for (; i < t->npolicies; i++)
		if (t->policies[i].supported == NULL)
			t->policies[i].supported = HP_ADM_UNSPECIFIED;
	return 0;
}

int
hp_adm_read(struct hp_tmpl *t, const char *file, const void *data,
    size_t len, const char *lng, int version, struct hp_warnings *w,
    struct hp_error *e)
{
	struct hp_buf text = HP_BUF_INIT;
	struct ps ps;
	struct hp_tmpl_lang *l;
	const char *str, *base;
	unsigned long sline;
	struct hp_buf b = HP_BUF_INIT;
	int r = -1;

	memset(&ps, 0, sizeof(ps));
	ps.tok.text = (struct hp_buf)HP_BUF_INIT;
	if (len > HP_MAX_INPUT_SIZE)
		return hp_limit_error(e, file, "input size", len,
		    HP_MAX_INPUT_SIZE);
	if (decode(file, data, len, &text, e) == -1)
		goto out;
	ps.t = t;
	ps.w = w;
	ps.e = e;
	ps.lx.file = file;
	ps.lx.line = 1;
	ps.lx.e = e;
	ps.lx.version = version > 0 ? version : HP_ADM_VERSION;
	ps.lx.p = text.buf;
	ps.lx.end = text.buf + text.len;
	t->file = hp_tmpl_strdup(t, file);
	if ((l = hp_tmpl_push(t, &t->langs, &t->nlangs, sizeof(*l))) == NULL) {
		oom(&ps);
		goto out;
	}
	l->lang = hp_tmpl_strdup(t, lng ? lng : "en-US");
	l->file = t->file;
	l->revision = "1.0";
	l->has_ns = 1;
	ps.lang = 0;
	if ((str = find_strings(ps.lx.p, ps.lx.end, &sline)) != NULL) {
		const char *body = memchr(str, '\n', ps.lx.end - str);

		body = body != NULL ? body + 1 : ps.lx.end;
		if (parse_strings(&ps, body, ps.lx.end, sline + 1) == -1)
			goto out;
		ps.lx.end = str;
	}
	/* Name the target namespace after the file. */
	base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	sanitize(base, &b);
	if (b.len > 4 && strcasecmp(b.buf + b.len - 4, "_adm") == 0)
		b.buf[b.len -= 4] = '\0';
	t->target.prefix = hp_tmpl_strdup(t, b.buf);
	{
		struct hp_buf ns = HP_BUF_INIT;

		hp_buf_addf(&ns, "Hivepol.Adm.%s", b.buf);
		t->target.ns = hp_tmpl_strdup(t, ns.buf);
		hp_buf_release(&ns);
	}
	{
		const char **s = hp_tmpl_push(t, &t->superseded,
		    &t->nsuperseded, sizeof(*s));

		if (s == NULL) {
			oom(&ps);
			goto out;
		}
		*s = hp_tmpl_strdup(t, base);
	}
	t->revision = "1.0";
	t->schema_version = "1.0";
	t->min_required_revision = "1.0";
	for (;;) {
		if (next(&ps) == -1)
			goto out;
		if (ps.tok.type == T_EOF)
			break;
		if (is_kw(&ps, "CLASS")) {
			if (next(&ps) == -1)
				goto out;
			if (is_kw(&ps, "MACHINE"))
				ps.cls = HP_TMPL_MACHINE;
			else if (is_kw(&ps, "USER"))
				ps.cls = HP_TMPL_USER;
			else {
				fail(&ps, "expected MACHINE or USER after "
				    "CLASS");
				goto out;
			}
		} else if (is_kw(&ps, "CATEGORY")) {
			if (ps.cls == 0) {
				fail(&ps, "CATEGORY before any CLASS");
				goto out;
			}
			if (parse_category(&ps, NULL, NULL) == -1)
				goto out;
		} else if (is_kw(&ps, "END")) {
			fail(&ps, "END without a matching CATEGORY");
			goto out;
		} else {
			fail(&ps, "expected CLASS or CATEGORY");
			goto out;
		}
	}
	if (default_supported(&ps) == -1)
		goto out;
	r = 0;
out:
	hp_buf_release(&text);
	hp_buf_release(&ps.tok.text);
	hp_buf_release(&b);
	return r;
}
