/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ADM reader (formats.md C.2-C.5).  The file is decoded to UTF-8, split
 * at its [strings] header, the string table is read first (so "!!name"
 * can be resolved while parsing), then the body is parsed by recursive
 * descent over a small lexer that also evaluates "#if version"
 * (adm_impl.h says which file holds which step).
 *
 * The model is filled the way ADMX Migrator maps ADM (F.2), so that it
 * can be written as ADMX: what ADMX requires and ADM does not say (a
 * target namespace, a language, supportedOn) is made up here.
 */
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/limits.h"
#include "templates/adm.h"
#include "templates/adm_impl.h"
#include "templates/template.h"

/*
 * ADMX requires every policy to name a supportedOn definition; ADM
 * policies without SUPPORTED get one that says so.
 */
static void
default_supported(struct adm_parser *ps)
{
	struct hp_tmpl *t = ps->t;
	struct hp_tmpl_lang *l = adm_lang(ps);
	struct hp_tmpl_string *st;
	struct hp_tmpl_supdef *s;
	size_t i;

	for (i = 0; i < t->npolicies; i++)
		if (t->policies[i].supported == NULL)
			break;
	if (i == t->npolicies)
		return;
	st = hp_tmpl_push(t, &l->strings, &l->nstrings, sizeof(*st));
	s = hp_tmpl_push(t, &t->supdefs, &t->nsupdefs, sizeof(*s));
	st->id = HP_ADM_UNSPECIFIED;
	st->text = "Not specified in the ADM file";
	s->name = HP_ADM_UNSPECIFIED;
	s->display = "$(string." HP_ADM_UNSPECIFIED ")";
	for (; i < t->npolicies; i++)
		if (t->policies[i].supported == NULL)
			t->policies[i].supported = HP_ADM_UNSPECIFIED;
}

/* The template's header: one language, a namespace named after file. */
static void
template_header(struct hp_tmpl *t, const char *file, const char *lang)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_tmpl_lang *l;
	const char *base, **sup;

	t->file = hp_tmpl_strdup(t, file);
	l = hp_tmpl_push(t, &t->langs, &t->nlangs, sizeof(*l));
	l->lang = hp_tmpl_strdup(t, lang ? lang : "en-US");
	l->file = t->file;
	l->revision = "1.0";
	l->has_ns = 1;
	base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	adm_sanitize(base, &b);
	if (b.len > 4 && strcasecmp(b.buf + b.len - 4, "_adm") == 0)
		b.buf[b.len -= 4] = '\0';
	t->target.prefix = hp_tmpl_strdup(t, b.buf);
	hp_buf_reset(&b);
	hp_buf_addf(&b, "Hivepol.Adm.%s", t->target.prefix);
	t->target.ns = hp_tmpl_strdup(t, b.buf);
	sup = hp_tmpl_push(t, &t->superseded, &t->nsuperseded, sizeof(*sup));
	*sup = hp_tmpl_strdup(t, base);
	t->revision = "1.0";
	t->schema_version = "1.0";
	t->min_required_revision = "1.0";
	hp_buf_release(&b);
}

/* Reads the [strings] section and ends the body before it. */
static int
read_strings(struct adm_parser *ps)
{
	const char *str, *body;
	unsigned long line;

	if ((str = adm_find_strings(ps->lx.p, ps->lx.end, &line)) == NULL)
		return 0;
	body = memchr(str, '\n', ps->lx.end - str);
	body = body != NULL ? body + 1 : ps->lx.end;
	if (adm_parse_strings(ps, body, ps->lx.end, line + 1) == -1)
		return -1;
	ps->lx.end = str;
	return 0;
}

/* body = { CLASS MACHINE|USER | CATEGORY ... } */
static int
parse_body(struct adm_parser *ps)
{
	for (;;) {
		if (adm_next(ps) == -1)
			return -1;
		if (ps->tok.type == ADM_EOF)
			return 0;
		if (adm_is_kw(ps, "CLASS")) {
			if (adm_next(ps) == -1)
				return -1;
			if (adm_is_kw(ps, "MACHINE"))
				ps->cls = HP_TMPL_MACHINE;
			else if (adm_is_kw(ps, "USER"))
				ps->cls = HP_TMPL_USER;
			else
				return adm_fail(ps, "expected MACHINE or USER "
				    "after CLASS");
		} else if (adm_is_kw(ps, "CATEGORY")) {
			if (ps->cls == 0)
				return adm_fail(ps, "CATEGORY before any "
				    "CLASS");
			if (adm_parse_category(ps, NULL, NULL) == -1)
				return -1;
		} else if (adm_is_kw(ps, "END"))
			return adm_fail(ps, "END without a matching CATEGORY");
		else
			return adm_fail(ps, "expected CLASS or CATEGORY");
	}
}

int
hp_adm_read(struct hp_tmpl *t, const char *file, const void *data,
    size_t len, const char *lang, int version, struct hp_warnings *w,
    struct hp_error *e)
{
	struct hp_buf text = HP_BUF_INIT;
	struct adm_parser ps;
	int r = -1;

	memset(&ps, 0, sizeof(ps));
	ps.tok.text = (struct hp_buf)HP_BUF_INIT;
	if (len > HP_MAX_INPUT_SIZE)
		return hp_limit_error(e, file, "input size", len,
		    HP_MAX_INPUT_SIZE);
	if (adm_decode(file, data, len, &text, e) == -1)
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
	template_header(t, file, lang);
	if (read_strings(&ps) == -1 || parse_body(&ps) == -1)
		goto out;
	default_supported(&ps);
	r = 0;
out:
	hp_buf_release(&text);
	hp_buf_release(&ps.tok.text);
	return r;
}
