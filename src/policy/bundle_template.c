/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A bundle's administrative template: one ADMX/ADM policy per registry
 * key of the bundle's patch, whose Enabled state writes exactly those
 * values; what a template cannot express is left out with a warning.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/text.h"
#include "policy/bundle.h"
#include "templates/template.h"

/*
 * An ADMX name: ASCII letters, digits and single underscores, not
 * digit-led.  Never holding "__" keeps names apart from the other string
 * ids (the XSD allows no other separator in them).
 */
static void
ncname(const char *s, struct hp_buf *b)
{
	size_t start = b->len;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9' && b->len > start))
			hp_buf_addc(b, c);
		else if (c >= '0' && c <= '9')
			hp_buf_addf(b, "_%c", c);
		else if (b->len > start && b->buf[b->len - 1] != '_')
			hp_buf_addc(b, '_');
	}
	/* A suffix "_2" must not make "__" either. */
	while (b->len > start && b->buf[b->len - 1] == '_')
		b->buf[--b->len] = '\0';
	if (b->len == start)
		hp_buf_adds(b, "Policy");
}

struct tb {
	struct hp_tmpl		*t;
	struct hp_tmpl_lang	*lang;
	struct hp_tmpl_supdef	*sup;
	struct hp_tmpl_category	*cat;
	const struct hp_policy	*pol;
	struct hp_warnings	*w;
};

/* Adds string id = text to the language; returns "$(string.id)". */
static const char *
add_string(struct tb *b, const char *id, const char *text)
{
	struct hp_tmpl_string *s = hp_tmpl_push(b->t, &b->lang->strings,
	    &b->lang->nstrings, sizeof(*s));
	struct hp_buf ref = HP_BUF_INIT;
	const char *r;

	s->id = hp_tmpl_strdup(b->t, id);
	s->text = hp_tmpl_strdup(b->t, text);
	hp_buf_addf(&ref, "$(string.%s)", id);
	r = hp_tmpl_strdup(b->t, ref.buf);
	hp_buf_release(&ref);
	return r;
}

/* A policy name not yet in the template (names compare in any case). */
static const char *
unique_name(struct tb *b, const struct hp_path *key)
{
	struct hp_buf base = HP_BUF_INIT, name = HP_BUF_INIT;
	const char *r;
	unsigned n;

	ncname(key->n > 0 ? key->comps[key->n - 1] : "Key", &base);
	hp_buf_adds(&name, base.buf);
	for (n = 2; hp_tmpl_find_policy(b->t, name.buf) != NULL; n++) {
		hp_buf_reset(&name);
		hp_buf_addf(&name, "%s_%u", base.buf, n);
	}
	r = hp_tmpl_strdup(b->t, name.buf);
	hp_buf_release(&base);
	hp_buf_release(&name);
	return r;
}

/* The setting that produced op, for its name and rationale. */
static const struct hp_setting *
setting_of(const struct hp_policy *pol, const struct hp_op *op)
{
	size_t i;

	for (i = 0; pol != NULL && i < pol->nsettings; i++)
		if (hp_path_eq(&pol->settings[i].key, &op->key) &&
		    hp_name_cmp(pol->settings[i].value, op->name) == 0)
			return &pol->settings[i];
	return NULL;
}

/*
 * ADM quoted strings hold no '"' and no line break; XML (the ADMX and
 * ADML) holds no other control character but tab, and only UTF-8.
 */
static int
adm_safe(const char *s)
{
	const unsigned char *p;

	if (s == NULL)
		return 1;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\t') || *p == '"')
			return 0;
	return hp_text_valid_utf8(s, strlen(s));
}

static void
left_out(struct tb *b, const struct hp_op *op, const char *why)
{
	struct hp_buf s = HP_BUF_INIT;

	hp_path_format_short(&op->key, &s);
	hp_warn(b->w, "%s\\%s: %s; left out of the templates",
	    s.buf, *op->name ? op->name : "@", why);
	hp_buf_release(&s);
}

/*
 * The template form of one operation: 0 done, 1 not expressible (warned),
 * -1 error.
 */
static int
tmpl_value(struct tb *b, const struct hp_op *op, struct hp_tmpl_value *tv,
    struct hp_error *e)
{
	struct hp_buf s = HP_BUF_INIT;
	char tmp[16], why[96];
	uint32_t x;

	if (!adm_safe(op->name)) {
		left_out(b, op, "ADM cannot quote this value name or XML "
		    "cannot hold it");
		return 1;
	}
	if (op->kind == HP_OP_DELETE_VALUE) {
		tv->kind = HP_TV_DELETE;
		return 0;
	}
	if (op->value.type == HP_REG_DWORD &&
	    hp_value_get_u32(&op->value, &x) == 0) {
		tv->kind = HP_TV_DECIMAL;
		tv->num = x;
		return 0;
	}
	if (op->value.type == HP_REG_SZ) {
		if (hp_value_get_string(&op->value, &s, e) == -1)
			return -1;
		if (!adm_safe(s.buf)) {
			hp_buf_release(&s);
			left_out(b, op, "ADM cannot quote text with '\"' or a "
			    "line break, or XML hold another control "
			    "character or bytes that are not UTF-8");
			return 1;
		}
		tv->kind = HP_TV_STRING;
		tv->str = hp_tmpl_strdup(b->t, s.buf);
		hp_buf_release(&s);
		return 0;
	}
	snprintf(why, sizeof(why), "a template value cannot be %s (ADM has "
	    "only numbers and text)", hp_value_type_name(op->value.type, tmp));
	left_out(b, op, why);
	return 1;
}

/*
 * The key of ops, relative to the class's hive as templates want it, in
 * the template's arena; NULL (warned) when ADM cannot quote it.
 */
static const char *
template_key(struct tb *b, const struct hp_op *ops, size_t n)
{
	struct hp_path rel = HP_PATH_INIT;
	const char *key = NULL;
	char *relkey;
	size_t i;

	hp_path_copy(&rel, &ops[0].key);
	rel.root = HP_ROOT_NONE;
	relkey = hp_path_str(&rel);
	hp_path_free(&rel);
	if (adm_safe(relkey))
		key = hp_tmpl_strdup(b->t, relkey);
	else
		for (i = 0; i < n; i++)
			left_out(b, &ops[i], "ADM cannot quote this key or "
			    "XML cannot hold it");
	free(relkey);
	return key;
}

/* One line of the policy's help: the value, what it gets, and why. */
static void
help_line(const struct tb *b, const struct hp_op *op, struct hp_buf *help)
{
	const struct hp_setting *s;

	hp_buf_addf(help, "\n%s: ", *op->name ? op->name : "@");
	if (op->kind == HP_OP_DELETE_VALUE)
		hp_buf_adds(help, "deleted");
	else
		hp_value_format(&op->value, help);
	if ((s = setting_of(b->pol, op)) != NULL) {
		hp_buf_addf(help, " (setting %s)", s->name);
		if (s->rationale != NULL)
			hp_buf_addf(help, ". %s", s->rationale);
	}
}

/*
 * The values of policy p: the first expressible one is the policy's own
 * (it tells its state), the others its enabled list.  Returns how many
 * were kept, or -1.
 */
static long
add_values(struct tb *b, struct hp_tmpl_policy *p, const struct hp_op *ops,
    size_t n, struct hp_buf *help, struct hp_error *e)
{
	struct hp_tmpl_value tv;
	struct hp_tmpl_item *it;
	size_t i;
	long kept = 0;
	int r;

	for (i = 0; i < n; i++) {
		memset(&tv, 0, sizeof(tv));
		if ((r = tmpl_value(b, &ops[i], &tv, e)) == -1)
			return -1;
		if (r == 1)
			continue;
		if (kept++ == 0) {
			p->value_name = hp_tmpl_strdup(b->t, ops[i].name);
			p->enabled_value = tv;
		} else {
			it = hp_tmpl_push(b->t, &p->enabled_list.v,
			    &p->enabled_list.n, sizeof(*it));
			it->key = p->key;
			it->value_name = hp_tmpl_strdup(b->t, ops[i].name);
			it->value = tv;
			p->enabled_list.present = 1;
		}
		help_line(b, &ops[i], help);
	}
	return kept;
}

/*
 * The display string's id is the policy's name, which an ADM reader
 * takes as the name.  Names never hold "__"; the other ids do.
 */
static void
policy_strings(struct tb *b, struct hp_tmpl_policy *p, enum hp_root root,
    const struct hp_buf *help)
{
	struct hp_buf disp = HP_BUF_INIT, id = HP_BUF_INIT;

	hp_buf_addf(&disp, "%s\\%s", hp_root_short(root), p->key);
	p->display = add_string(b, p->name, disp.buf);
	hp_buf_addf(&id, "%s__Help", p->name);
	p->explain = add_string(b, id.buf, help->buf);
	hp_buf_release(&disp);
	hp_buf_release(&id);
}

/* One policy for the operations ops[0..n) of a single key. */
static int
add_policy(struct tb *b, const struct hp_op *ops, size_t n,
    const char *category, const char *supported, struct hp_error *e)
{
	struct hp_buf help = HP_BUF_INIT;
	struct hp_tmpl_policy *p;
	const char *name, *key;
	long kept;

	if ((key = template_key(b, ops, n)) == NULL)
		return 0;
	/* Named before it is pushed: the name must differ from the others'. */
	name = unique_name(b, &ops[0].key);
	p = hp_tmpl_push(b->t, &b->t->policies, &b->t->npolicies, sizeof(*p));
	p->name = name;
	p->cls = ops[0].key.root == HP_ROOT_HKLM ? HP_TMPL_MACHINE :
	    HP_TMPL_USER;
	p->key = key;
	p->parent = category;
	p->supported = supported;
	hp_buf_adds(&help, "Enabled writes these values (anything else in "
	    "the key is left alone):\n");
	if ((kept = add_values(b, p, ops, n, &help, e)) == 0)
		/* Nothing expressible: take the policy back out. */
		b->t->npolicies--;
	else if (kept > 0)
		policy_strings(b, p, ops[0].key.root, &help);
	hp_buf_release(&help);
	return kept < 0 ? -1 : 0;
}

/*
 * The template's frame: its namespace, its en-US language, the supported
 * definition and the one category every policy goes in.
 */
static void
add_frame(struct tb *b, const char *name, const struct hp_policy *pol)
{
	struct hp_buf nm = HP_BUF_INIT, ns = HP_BUF_INIT;

	ncname(name, &nm);
	hp_buf_addf(&ns, "Hivepol.Bundle.%s", nm.buf);
	b->t->revision = "1.0";
	b->t->schema_version = "1.0";
	b->t->min_required_revision = "1.0";
	b->t->has_ns = 1;
	b->t->target.prefix = hp_tmpl_strdup(b->t, nm.buf);
	b->t->target.ns = hp_tmpl_strdup(b->t, ns.buf);
	hp_buf_release(&nm);
	hp_buf_release(&ns);
	b->lang = hp_tmpl_push(b->t, &b->t->langs, &b->t->nlangs,
	    sizeof(*b->lang));
	b->sup = hp_tmpl_push(b->t, &b->t->supdefs, &b->t->nsupdefs,
	    sizeof(*b->sup));
	b->cat = hp_tmpl_push(b->t, &b->t->cats, &b->t->ncats,
	    sizeof(*b->cat));
	b->lang->lang = "en-US";
	b->lang->revision = "1.0";
	b->lang->has_ns = 1;
	b->lang->display = hp_tmpl_strdup(b->t, name);
	b->lang->description = hp_tmpl_strdup(b->t, "Generated by hivepol "
	    "bundle");
	b->sup->name = "SUPPORTED_Any";
	b->sup->display = add_string(b, "hivepol__Supported", "Any Windows "
	    "version whose software reads these registry values");
	b->cat->name = b->t->target.prefix;
	b->cat->display = add_string(b, "hivepol__Category", pol &&
	    pol->description ? pol->description : name);
	b->cat->explain = add_string(b, "hivepol__Category__Help", "Generated "
	    "by hivepol bundle: each policy here, Enabled, writes exactly "
	    "the values of the hivepol policy for one registry key.");
}

/* One policy per key of p (whose operations come sorted by key). */
static int
add_policies(struct tb *b, const struct hp_patch *p, struct hp_error *e)
{
	size_t i, j;
	char *where;

	for (i = 0; i < p->n; i = j) {
		for (j = i + 1; j < p->n && hp_path_eq(&p->ops[i].key,
		    &p->ops[j].key); j++)
			;
		if (p->ops[i].key.root != HP_ROOT_HKLM &&
		    p->ops[i].key.root != HP_ROOT_HKCU) {
			where = hp_path_str(&p->ops[i].key);
			hp_warn(b->w, "%s: templates reach HKLM and HKCU only; "
			    "left out of the templates", where);
			free(where);
			continue;
		}
		if (add_policy(b, &p->ops[i], j - i, b->cat->name,
		    b->sup->name, e) == -1)
			return -1;
	}
	return 0;
}

struct hp_tmpl *
hp_bundle_template(const char *name, const struct hp_policy *pol,
    const struct hp_patch *p, struct hp_warnings *w, struct hp_error *e)
{
	struct tb b;

	memset(&b, 0, sizeof(b));
	b.pol = pol;
	b.w = w;
	b.t = hp_tmpl_new();
	add_frame(&b, name, pol);
	if (add_policies(&b, p, e) == -1)
		goto fail;
	if (b.t->npolicies == 0) {
		hp_error_set(e, HP_E_INPUT, "%s: no setting can be "
		    "written as a template policy", name);
		goto fail;
	}
	return b.t;
fail:
	hp_tmpl_free(b.t);
	return NULL;
}
