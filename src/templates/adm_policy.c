/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ADM CATEGORY and POLICY blocks (formats.md C.4), mapped as ADMX
 * Migrator does (F.2): names come from string ids or inline text,
 * CATEGORY KEYNAME is inherited, the same policy in CLASS MACHINE and
 * CLASS USER becomes one "Both" policy, and each SUPPORTED text becomes a
 * supportedOn definition.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/error.h"
#include "templates/adm_impl.h"
#include "templates/template.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct adm_str_opt policy_strs[] = {
	{ "KEYNAME", offsetof(struct hp_tmpl_policy, key) },
	{ "VALUENAME", offsetof(struct hp_tmpl_policy, value_name) },
	{ "CLIENTEXT", offsetof(struct hp_tmpl_policy, client_ext) }
};

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

/* The supportedOn definition for a SUPPORTED display text. */
static const char *
supported_ref(struct adm_parser *ps, const char *display)
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
		adm_sanitize(id, &name);
	} else {
		struct hp_buf pre = HP_BUF_INIT;

		hp_buf_addf(&pre, "SUPPORTED_%s", id);
		adm_sanitize(pre.buf, &name);
		hp_buf_release(&pre);
	}
	s = hp_tmpl_push(t, &t->supdefs, &t->nsupdefs, sizeof(*s));
	s->name = hp_tmpl_strdup(t, name.buf);
	s->display = display;
	s->line = ps->tok.line;
	hp_buf_release(&name);
	return s->name;
}

/*
 * A display reference read from the next token, its string id derived
 * from fmt with the name.
 */
static const char *
next_display_ref(struct adm_parser *ps, const char *fmt, const char *name)
{
	struct hp_buf hint = HP_BUF_INIT;
	const char *r = NULL;

	hp_buf_addf(&hint, fmt, name);
	if (adm_next(ps) != -1)
		r = adm_display_ref(ps, hint.buf);
	hp_buf_release(&hint);
	return r;
}

/* One keyword inside a POLICY block. */
static int
policy_option(struct adm_parser *ps, struct adm_policy *pc)
{
	struct hp_tmpl_policy *p = pc->p;
	const char *d;
	int r;

	if ((r = adm_str_option(ps, policy_strs, NELEM(policy_strs), p)) !=
	    0 || (r = adm_onoff_option(ps, &p->enabled_value,
	    &p->disabled_value, &p->enabled_list, &p->disabled_list)) != 0)
		return r == -1 ? -1 : 0;
	if (adm_is_kw(ps, "EXPLAIN"))
		return (p->explain = next_display_ref(ps, "%s_Explain",
		    pc->name.buf)) == NULL ? -1 : 0;
	if (adm_is_kw(ps, "SUPPORTED")) {
		if ((d = next_display_ref(ps, "SUPPORTED_%s",
		    pc->name.buf)) == NULL)
			return -1;
		p->supported = supported_ref(ps, d);
		return 0;
	}
	if (adm_is_kw(ps, "PART"))
		return adm_parse_part(ps, pc);
	return adm_fail(ps, "unknown POLICY keyword");
}

/*
 * Names the policy just read (t->policies[idx]) after pc->name, or, if
 * the other class has the same policy under that name, merges the two
 * into one "Both" policy and drops this one: returns 1 then.
 */
static int
policy_merge_or_name(struct adm_parser *ps, struct adm_policy *pc,
    size_t idx)
{
	struct hp_tmpl *t = ps->t;
	struct hp_tmpl_policy *p = pc->p, *q;
	size_t i, base = pc->name.len, n = 1;

	for (;;) {
		for (i = 0, q = NULL; i < idx; i++)
			if (strcasecmp(t->policies[i].name, pc->name.buf) == 0)
				q = &t->policies[i];
		if (q == NULL)
			break;
		if (q->cls != p->cls && q->cls != HP_TMPL_BOTH &&
		    same_policy(q, p)) {
			q->cls = HP_TMPL_BOTH;
			t->npolicies--;
			return 1;
		}
		pc->name.len = base;
		hp_buf_addf(&pc->name, "_%zu", ++n);
	}
	p->name = hp_tmpl_strdup(t, pc->name.buf);
	return 0;
}

/* The PARTs' controls become the presentation named after the policy. */
static void
policy_presentation(struct adm_parser *ps, struct adm_policy *pc,
    unsigned long start)
{
	struct hp_tmpl_lang *l = adm_lang(ps);
	struct hp_tmpl_presentation *pr;
	struct hp_tmpl_policy *p = pc->p;
	struct hp_buf ref = HP_BUF_INIT;

	if (pc->pres->ncontrols == 0)
		return;
	pr = hp_tmpl_push(ps->t, &l->pres, &l->npres, sizeof(*pr));
	*pr = *pc->pres;
	pr->id = p->name;
	pr->line = start;
	hp_buf_addf(&ref, "$(presentation.%s)", p->name);
	p->presentation = hp_tmpl_strdup(ps->t, ref.buf);
	hp_buf_release(&ref);
}

static int
parse_policy(struct adm_parser *ps, const char *cat, const char *key)
{
	struct hp_tmpl *t = ps->t;
	struct adm_policy pc = { NULL, NULL, HP_BUF_INIT };
	unsigned long start = ps->tok.line;
	size_t idx;
	int b, r = -1;

	if (adm_next(ps) == -1)
		return -1;
	pc.p = hp_tmpl_push(t, &t->policies, &t->npolicies, sizeof(*pc.p));
	idx = t->npolicies - 1;
	adm_sanitize(ps->tok.text.buf, &pc.name);
	pc.p->line = start;
	pc.p->cls = ps->cls;
	pc.p->key = key;
	pc.p->parent = cat;
	if ((pc.p->display = adm_display_ref(ps, pc.name.buf)) == NULL)
		goto out;
	pc.pres = hp_tmpl_alloc(t, sizeof(*pc.pres));
	while ((b = adm_block_next(ps, "POLICY", start)) == 0)
		if (policy_option(ps, &pc) == -1)
			goto out;
	if (b == -1)
		goto out;
	if (pc.p->key == NULL) {
		hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: POLICY has no "
		    "KEYNAME (neither its own nor its category's)",
		    ps->lx.file, start);
		goto out;
	}
	if (policy_merge_or_name(ps, &pc, idx) == 0)
		policy_presentation(ps, &pc, start);
	r = 0;
out:
	hp_buf_release(&pc.name);
	return r;
}

static int
category_taken(const void *arg, const char *name)
{
	const struct hp_tmpl *t = arg;
	size_t i;

	for (i = 0; i < t->ncats; i++)
		if (strcasecmp(t->cats[i].name, name) == 0)
			return 1;
	return 0;
}

/*
 * The category a CATEGORY header names: the same one under both classes
 * is one category, else a new one with a unique name.
 */
static const char *
category_begin(struct adm_parser *ps, const char *parent,
    unsigned long start)
{
	struct hp_tmpl *t = ps->t;
	struct hp_tmpl_category *c;
	struct hp_buf name = HP_BUF_INIT;
	const char *display, *cname = NULL;
	size_t i;

	adm_sanitize(ps->tok.text.buf, &name);
	if ((display = adm_display_ref(ps, name.buf)) == NULL)
		goto out;
	for (i = 0; i < t->ncats; i++)
		if (strcmp(t->cats[i].display, display) == 0 &&
		    streq(t->cats[i].parent, parent))
			cname = t->cats[i].name;
	if (cname == NULL) {
		adm_unique_name(&name, category_taken, t);
		c = hp_tmpl_push(t, &t->cats, &t->ncats, sizeof(*c));
		c->name = cname = hp_tmpl_strdup(t, name.buf);
		c->display = display;
		c->parent = parent;
		c->line = start;
	}
out:
	hp_buf_release(&name);
	return cname;
}

/* One keyword inside the CATEGORY cname; key is its KEYNAME so far. */
static int
category_option(struct adm_parser *ps, const char *cname, const char **key)
{
	struct hp_tmpl *t = ps->t;
	const char *explain;
	size_t i;

	if (adm_is_kw(ps, "KEYNAME"))
		return (*key = adm_next_str(ps)) == NULL ? -1 : 0;
	if (adm_is_kw(ps, "EXPLAIN")) {
		if ((explain = next_display_ref(ps, "%s_Explain", cname)) ==
		    NULL)
			return -1;
		for (i = 0; i < t->ncats; i++)
			if (t->cats[i].name == cname)
				t->cats[i].explain = explain;
		return 0;
	}
	if (adm_is_kw(ps, "CATEGORY"))
		return adm_parse_category(ps, cname, *key);
	if (adm_is_kw(ps, "POLICY"))
		return parse_policy(ps, cname, *key);
	return adm_fail(ps, "expected KEYNAME, EXPLAIN, CATEGORY, POLICY or "
	    "END CATEGORY");
}

int
adm_parse_category(struct adm_parser *ps, const char *parent,
    const char *key)
{
	unsigned long start = ps->tok.line;
	const char *cname;
	int b = -1;

	if (++ps->nest > ADM_MAX_NEST)
		return hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: categories "
		    "nested deeper than %d", ps->lx.file, start, ADM_MAX_NEST);
	if (adm_next(ps) != -1 &&
	    (cname = category_begin(ps, parent, start)) != NULL)
		while ((b = adm_block_next(ps, "CATEGORY", start)) == 0)
			if (category_option(ps, cname, &key) == -1) {
				b = -1;
				break;
			}
	ps->nest--;
	return b == -1 ? -1 : 0;
}
