/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The ADM parser's primitives (formats.md C.3-C.4): tokens as keywords,
 * strings and numbers, display references, values and action lists, and
 * the options POLICY and PART share.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/error.h"
#include "templates/adm_impl.h"
#include "templates/template.h"

int
adm_next(struct adm_parser *ps)
{
	return adm_lex_next(&ps->lx, &ps->tok);
}

int
adm_is_kw(const struct adm_parser *ps, const char *kw)
{
	return ps->tok.type == ADM_WORD &&
	    strcasecmp(ps->tok.text.buf, kw) == 0;
}

int
adm_fail(struct adm_parser *ps, const char *what)
{
	return hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: %s, found \"%s\"",
	    ps->lx.file, ps->tok.line, what, ps->tok.type == ADM_EOF ?
	    "end of file" : ps->tok.text.buf);
}

int
adm_block_next(struct adm_parser *ps, const char *word, unsigned long start)
{
	if (adm_next(ps) == -1)
		return -1;
	if (ps->tok.type == ADM_EOF)
		return hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: %s has no "
		    "END %s", ps->lx.file, start, word, word);
	if (!adm_is_kw(ps, "END"))
		return 0;
	if (adm_next(ps) == -1)
		return -1;
	if (!adm_is_kw(ps, word)) {
		char what[64];

		snprintf(what, sizeof(what), "expected END %s", word);
		return adm_fail(ps, what);
	}
	return 1;
}

struct hp_tmpl_lang *
adm_lang(struct adm_parser *ps)
{
	return &ps->t->langs[ps->lang];
}

struct hp_tmpl_string *
adm_find_str(struct adm_parser *ps, const char *id)
{
	struct hp_tmpl_lang *l = adm_lang(ps);
	size_t i;

	for (i = 0; i < l->nstrings; i++)
		if (strcasecmp(l->strings[i].id, id) == 0)
			return &l->strings[i];
	return NULL;
}

const char *
adm_str_text(struct adm_parser *ps)
{
	const struct hp_tmpl_string *s;

	if (ps->tok.type == ADM_EOF) {
		adm_fail(ps, "expected a string");
		return NULL;
	}
	if (ps->tok.type != ADM_REF)
		return hp_tmpl_strdup(ps->t, ps->tok.text.buf);
	if ((s = adm_find_str(ps, ps->tok.text.buf)) == NULL) {
		hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: undefined string "
		    "!!%s", ps->lx.file, ps->tok.line, ps->tok.text.buf);
		return NULL;
	}
	return s->text;
}

const char *
adm_next_str(struct adm_parser *ps)
{
	if (adm_next(ps) == -1)
		return NULL;
	return adm_str_text(ps);
}

void
adm_sanitize(const char *s, struct hp_buf *b)
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

void
adm_unique_name(struct hp_buf *name,
    int (*taken)(const void *, const char *), const void *arg)
{
	size_t base = name->len, n = 1;

	while (taken(arg, name->buf)) {
		name->len = base;
		hp_buf_addf(name, "_%zu", ++n);
	}
}

struct inline_text {
	struct adm_parser	*ps;
	const char		*text;
};

/* An id is taken by a string with other text (same text: reused). */
static int
string_taken(const void *arg, const char *id)
{
	const struct inline_text *it = arg;
	const struct hp_tmpl_string *s = adm_find_str(it->ps, id);

	return s != NULL && strcmp(s->text, it->text) != 0;
}

/*
 * A display reference for the current token: "$(string.X)".  Inline text
 * gets a string of its own, id derived from hint; an existing string with
 * the same id and text is reused.
 */
const char *
adm_display_ref(struct adm_parser *ps, const char *hint)
{
	struct hp_buf id = HP_BUF_INIT, ref = HP_BUF_INIT;
	struct inline_text it = { ps, NULL };
	struct hp_tmpl_string *s;
	const char *r;

	if ((it.text = adm_str_text(ps)) == NULL)
		return NULL;
	if (ps->tok.type == ADM_REF) {
		s = adm_find_str(ps, ps->tok.text.buf);
		hp_buf_addf(&ref, "$(string.%s)", s->id);
	} else {
		adm_sanitize(hint, &id);
		adm_unique_name(&id, string_taken, &it);
		if (adm_find_str(ps, id.buf) == NULL) {
			struct hp_tmpl_lang *l = adm_lang(ps);

			s = hp_tmpl_push(ps->t, &l->strings, &l->nstrings,
			    sizeof(*s));
			s->id = hp_tmpl_strdup(ps->t, id.buf);
			s->text = it.text;
			s->line = ps->tok.line;
		}
		hp_buf_addf(&ref, "$(string.%s)", id.buf);
	}
	r = hp_tmpl_strdup(ps->t, ref.buf);
	hp_buf_release(&id);
	hp_buf_release(&ref);
	return r;
}

int
adm_parse_num(struct adm_parser *ps, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (adm_next(ps) == -1)
		return -1;
	if (ps->tok.type == ADM_EOF || ps->tok.type == ADM_REF)
		return adm_fail(ps, "expected a number");
	errno = 0;
	v = strtoull(ps->tok.text.buf, &end, 10);
	if (ps->tok.text.buf[0] == '-' || *end != '\0' || end ==
	    ps->tok.text.buf || errno != 0 || v > max)
		return adm_fail(ps, "expected a number");
	*out = v;
	return 0;
}

/* value = [NUMERIC] number | DELETE | str */
int
adm_parse_value(struct adm_parser *ps, struct hp_tmpl_value *v)
{
	if (adm_next(ps) == -1)
		return -1;
	if (adm_is_kw(ps, "NUMERIC")) {
		v->kind = HP_TV_DECIMAL;
		return adm_parse_num(ps, UINT32_MAX, &v->num);
	}
	if (adm_is_kw(ps, "DELETE")) {
		v->kind = HP_TV_DELETE;
		return 0;
	}
	v->kind = HP_TV_STRING;
	return (v->str = adm_str_text(ps)) == NULL ? -1 : 0;
}

/* actionlist = { [KEYNAME str] VALUENAME str VALUE value } END <word> */
int
adm_parse_actionlist(struct adm_parser *ps, struct hp_tmpl_vlist *l,
    const char *word)
{
	struct hp_tmpl_item *it = NULL;
	const char *key = NULL;
	unsigned long start = ps->tok.line;
	int b;

	l->present = 1;
	while ((b = adm_block_next(ps, word, start)) == 0) {
		if (adm_is_kw(ps, "KEYNAME")) {
			if ((key = adm_next_str(ps)) == NULL)
				return -1;
		} else if (adm_is_kw(ps, "VALUENAME")) {
			it = hp_tmpl_push(ps->t, &l->v, &l->n, sizeof(*it));
			it->key = key;
			it->line = ps->tok.line;
			key = NULL;
			if ((it->value_name = adm_next_str(ps)) == NULL)
				return -1;
		} else if (adm_is_kw(ps, "VALUE")) {
			if (it == NULL)
				return adm_fail(ps, "VALUE before VALUENAME in "
				    "an action list");
			if (adm_parse_value(ps, &it->value) == -1)
				return -1;
		} else
			return adm_fail(ps, "expected KEYNAME, VALUENAME, "
			    "VALUE or END in an action list");
	}
	if (b == -1)
		return -1;
	for (it = l->v; it < l->v + l->n; it++)
		if (it->value.kind == HP_TV_NONE)
			return hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: "
			    "action list entry %s has no VALUE", ps->lx.file,
			    it->line, it->value_name);
	return 0;
}

int
adm_str_option(struct adm_parser *ps, const struct adm_str_opt *opts,
    size_t n, void *obj)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (adm_is_kw(ps, opts[i].kw))
			break;
	if (i == n)
		return 0;
	return (*(const char **)(void *)((char *)obj + opts[i].off) =
	    adm_next_str(ps)) == NULL ? -1 : 1;
}

int
adm_onoff_option(struct adm_parser *ps, struct hp_tmpl_value *on,
    struct hp_tmpl_value *off, struct hp_tmpl_vlist *lon,
    struct hp_tmpl_vlist *loff)
{
	int r;

	if (adm_is_kw(ps, "VALUEON"))
		r = adm_parse_value(ps, on);
	else if (adm_is_kw(ps, "VALUEOFF"))
		r = adm_parse_value(ps, off);
	else if (adm_is_kw(ps, "ACTIONLISTON"))
		r = adm_parse_actionlist(ps, lon, "ACTIONLISTON");
	else if (adm_is_kw(ps, "ACTIONLISTOFF"))
		r = adm_parse_actionlist(ps, loff, "ACTIONLISTOFF");
	else
		return 0;
	return r == -1 ? -1 : 1;
}
