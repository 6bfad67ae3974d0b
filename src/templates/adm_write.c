/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ADM writer: the model back to the legacy grammar (formats.md C.3), the
 * reverse of the ADMX Migrator mapping.  Categories are written once per
 * class, as the tree of those that hold policies of that class; a Both
 * policy appears under CLASS MACHINE and CLASS USER.  What ADM cannot
 * express is an error rather than a silent loss.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "templates/adm.h"
#include "templates/template.h"

struct aw {
	const struct hp_tmpl		*t;
	const struct hp_tmpl_lang	*l;
	struct hp_buf			*out;
	struct hp_error			*e;
	enum hp_tmpl_class		 cls;
	/* Strings made for PART labels: id (element id), text. */
	const char			**extra;
	size_t				 nextra, capextra;
};

static void	quoted(struct aw *, const char *);

/*
 * A PART label as !!ID with the element id as string id, so that reading
 * the ADM back gives the element its old id; quoted text when the id is
 * taken by another text.
 */
static void
part_label(struct aw *w, const char *id, const char *text)
{
	const struct hp_tmpl_string *s = hp_tmpl_find_string(w->l, id);
	size_t i;

	for (i = 0; i < w->nextra; i += 2)
		if (strcasecmp(w->extra[i], id) == 0)
			break;
	if ((s != NULL && strcmp(s->text, text) == 0) ||
	    (i < w->nextra && strcmp(w->extra[i + 1], text) == 0)) {
		hp_buf_addf(w->out, "!!%s", id);
		return;
	}
	if (s != NULL || i < w->nextra ||
	    strcasecmp(id, "hivepol_Uncategorized") == 0) {
		quoted(w, text);
		return;
	}
	HP_ALLOC_GROW(w->extra, w->nextra + 2, w->capextra);
	w->extra[w->nextra++] = id;
	w->extra[w->nextra++] = text;
	hp_buf_addf(w->out, "!!%s", id);
}

static void
indent(struct aw *w, int depth)
{
	while (depth-- > 0)
		hp_buf_adds(w->out, "  ");
}

/* ADM quoted strings cannot hold '"' or a line break. */
static void
quoted(struct aw *w, const char *s)
{
	hp_buf_addc(w->out, '"');
	for (; s != NULL && *s; s++)
		hp_buf_addc(w->out, *s == '"' ? '\'' : *s == '\n' ||
		    *s == '\r' ? ' ' : *s);
	hp_buf_addc(w->out, '"');
}

/* "$(string.X)" becomes !!X; anything else is written quoted. */
static void
display(struct aw *w, const char *ref)
{
	char id[512];

	if (hp_tmpl_ref_id(ref, "string", id, sizeof(id)) != NULL)
		hp_buf_addf(w->out, "!!%s", id);
	else
		quoted(w, ref);
}

/*
 * "KW TEXT" on a line of its own, TEXT written by put (quoted or
 * display); nothing if s is NULL.
 */
static void
kw_line(struct aw *w, int depth, const char *kw, const char *s,
    void (*put)(struct aw *, const char *))
{
	if (s == NULL)
		return;
	indent(w, depth);
	hp_buf_addf(w->out, "%s ", kw);
	put(w, s);
	hp_buf_addc(w->out, '\n');
}

static int
value(struct aw *w, const struct hp_tmpl_value *v)
{
	switch (v->kind) {
	case HP_TV_DELETE:
		hp_buf_adds(w->out, "DELETE");
		break;
	case HP_TV_DECIMAL:
		hp_buf_addf(w->out, "NUMERIC %" PRIu64, v->num);
		break;
	case HP_TV_STRING:
		quoted(w, v->str);
		break;
	case HP_TV_LONGDECIMAL:
		return hp_error_set(w->e, HP_E_INPUT, "%s: a longDecimal "
		    "value cannot be written as ADM", w->t->file);
	case HP_TV_NONE:
		break;
	}
	return 0;
}

static int
kv(struct aw *w, int depth, const char *kw, const struct hp_tmpl_value *v)
{
	if (v->kind == HP_TV_NONE)
		return 0;
	indent(w, depth);
	hp_buf_addf(w->out, "%s ", kw);
	if (value(w, v) == -1)
		return -1;
	hp_buf_addc(w->out, '\n');
	return 0;
}

static int
actionlist(struct aw *w, int depth, const char *kw,
    const struct hp_tmpl_vlist *l)
{
	size_t i;

	if (l->n == 0)
		return 0;
	indent(w, depth);
	hp_buf_addf(w->out, "%s\n", kw);
	for (i = 0; i < l->n; i++) {
		const char *key = l->v[i].key ? l->v[i].key : l->default_key;

		indent(w, depth + 1);
		if (key != NULL) {
			hp_buf_adds(w->out, "KEYNAME ");
			quoted(w, key);
			hp_buf_addc(w->out, ' ');
		}
		hp_buf_adds(w->out, "VALUENAME ");
		quoted(w, l->v[i].value_name);
		hp_buf_adds(w->out, " VALUE ");
		if (value(w, &l->v[i].value) == -1)
			return -1;
		hp_buf_addc(w->out, '\n');
	}
	indent(w, depth);
	hp_buf_addf(w->out, "END %s\n", kw);
	return 0;
}

static const struct hp_tmpl_control *
control_for(const struct hp_tmpl_presentation *pr, const char *id)
{
	size_t i;

	for (i = 0; pr != NULL && i < pr->ncontrols; i++)
		if (pr->controls[i].ref_id != NULL &&
		    strcmp(pr->controls[i].ref_id, id) == 0)
			return &pr->controls[i];
	return NULL;
}

/* "PART label TYPE FLAGS" */
static void
part_header(struct aw *w, const struct hp_tmpl_elem *el,
    const struct hp_tmpl_control *c, const char *type, int d)
{
	indent(w, d);
	hp_buf_adds(w->out, "PART ");
	part_label(w, el->id, c != NULL && c->label != NULL ? c->label :
	    el->id);
	hp_buf_addf(w->out, " %s", type);
	if (el->required)
		hp_buf_adds(w->out, " REQUIRED");
	if (el->expandable)
		hp_buf_adds(w->out, " EXPANDABLETEXT");
	if (el->store_as_text)
		hp_buf_adds(w->out, " TXTCONVERT");
	if (c != NULL && c->no_sort)
		hp_buf_adds(w->out, " NOSORT");
	if (c != NULL && c->default_checked)
		hp_buf_adds(w->out, " DEFCHECKED");
	if (el->additive)
		hp_buf_adds(w->out, " ADDITIVE");
	if (el->explicit_value)
		hp_buf_adds(w->out, " EXPLICITVALUE");
	hp_buf_addc(w->out, '\n');
}

static void
part_decimal(struct aw *w, const struct hp_tmpl_elem *el,
    const struct hp_tmpl_control *c, int d)
{
	indent(w, d);
	hp_buf_addf(w->out, "MIN %" PRIu64 " MAX %" PRIu64, el->min, el->max);
	if (c != NULL && c->default_value != NULL &&
	    strspn(c->default_value, "0123456789") ==
	    strlen(c->default_value) && *c->default_value != '\0')
		hp_buf_addf(w->out, " DEFAULT %s", c->default_value);
	if (c != NULL && c->spin == 0)
		hp_buf_adds(w->out, " SPIN 0");
	else if (c != NULL && c->spin_step > 1)
		hp_buf_addf(w->out, " SPIN %lu", c->spin_step);
	hp_buf_addc(w->out, '\n');
}

static void
part_text(struct aw *w, const struct hp_tmpl_elem *el,
    const struct hp_tmpl_control *c, int d)
{
	size_t i;

	indent(w, d);
	hp_buf_addf(w->out, "MAXLEN %lu\n", el->max_length);
	if (c == NULL)
		return;
	kw_line(w, d, "DEFAULT", c->default_value, quoted);
	if (c->nsuggestions == 0)
		return;
	indent(w, d);
	hp_buf_adds(w->out, "SUGGESTIONS\n");
	for (i = 0; i < c->nsuggestions; i++) {
		indent(w, d + 1);
		quoted(w, c->suggestions[i]);
		hp_buf_addc(w->out, '\n');
	}
	indent(w, d);
	hp_buf_adds(w->out, "END SUGGESTIONS\n");
}

static int
part_enum(struct aw *w, const struct hp_tmpl_elem *el,
    const struct hp_tmpl_control *c, int d)
{
	size_t i;

	indent(w, d);
	hp_buf_adds(w->out, "ITEMLIST\n");
	for (i = 0; i < el->nitems; i++) {
		indent(w, d + 1);
		hp_buf_adds(w->out, "NAME ");
		display(w, el->items[i].display);
		hp_buf_adds(w->out, " VALUE ");
		if (value(w, &el->items[i].value) == -1)
			return -1;
		hp_buf_addc(w->out, '\n');
		if (actionlist(w, d + 2, "ACTIONLIST", &el->items[i].list) ==
		    -1)
			return -1;
	}
	indent(w, d);
	hp_buf_adds(w->out, "END ITEMLIST\n");
	if (c != NULL && c->default_item >= 0) {
		indent(w, d);
		hp_buf_addf(w->out, "DEFAULT %ld\n", c->default_item);
	}
	return 0;
}

/* VALUEON, VALUEOFF, ACTIONLISTON, ACTIONLISTOFF. */
static int
onoff(struct aw *w, int d, const struct hp_tmpl_value *on,
    const struct hp_tmpl_value *off, const struct hp_tmpl_vlist *lon,
    const struct hp_tmpl_vlist *loff)
{
	if (kv(w, d, "VALUEON", on) == -1 ||
	    kv(w, d, "VALUEOFF", off) == -1 ||
	    actionlist(w, d, "ACTIONLISTON", lon) == -1 ||
	    actionlist(w, d, "ACTIONLISTOFF", loff) == -1)
		return -1;
	return 0;
}

static int
part(struct aw *w, const struct hp_tmpl_policy *p,
    const struct hp_tmpl_elem *el, const struct hp_tmpl_control *c, int d)
{
	static const char *const types[] = {
		"CHECKBOX", "NUMERIC", NULL, "EDITTEXT", "DROPDOWNLIST",
		"LISTBOX", NULL
	};
	const char *type = types[el->type];
	int r = 0;

	if (type == NULL || el->soft)
		return hp_error_set(w->e, HP_E_INPUT, "%s: policy %s: "
		    "element %s (%s%s) cannot be written as ADM", w->t->file,
		    p->name, el->id, el->soft ? "soft " : "",
		    hp_tmpl_etype_name(el->type));
	if (el->type == HP_TE_TEXT && c != NULL && c->type == HP_TC_COMBOBOX)
		type = "COMBOBOX";
	part_header(w, el, c, type, d);
	kw_line(w, d + 1, "KEYNAME", el->key, quoted);
	if (el->type != HP_TE_LIST)
		kw_line(w, d + 1, "VALUENAME", el->value_name, quoted);
	if (el->type == HP_TE_DECIMAL)
		part_decimal(w, el, c, d + 1);
	else if (el->type == HP_TE_TEXT)
		part_text(w, el, c, d + 1);
	else if (el->type == HP_TE_BOOLEAN)
		r = onoff(w, d + 1, &el->true_value, &el->false_value,
		    &el->true_list, &el->false_list);
	else if (el->type == HP_TE_ENUM)
		r = part_enum(w, el, c, d + 1);
	else if (el->type == HP_TE_LIST)
		kw_line(w, d + 1, "VALUEPREFIX", el->value_prefix, quoted);
	if (r == -1)
		return -1;
	indent(w, d);
	hp_buf_adds(w->out, "END PART\n");
	return 0;
}

static int
policy(struct aw *w, const struct hp_tmpl_policy *p, int d)
{
	const struct hp_tmpl_presentation *pr = NULL;
	size_t i, j;
	char id[512];

	if (p->presentation != NULL && hp_tmpl_ref_id(p->presentation,
	    "presentation", id, sizeof(id)) != NULL)
		pr = hp_tmpl_find_pres(w->l, id);
	indent(w, d);
	hp_buf_adds(w->out, "POLICY ");
	display(w, p->display ? p->display : p->name);
	hp_buf_addc(w->out, '\n');
	kw_line(w, d + 1, "KEYNAME", p->key ? p->key : "", quoted);
	for (i = 0; p->supported != NULL && i < w->t->nsupdefs; i++)
		if (strcmp(w->t->supdefs[i].name, p->supported) == 0 &&
		    strcmp(p->supported, HP_ADM_UNSPECIFIED) != 0)
			kw_line(w, d + 1, "SUPPORTED",
			    w->t->supdefs[i].display ?
			    w->t->supdefs[i].display : "", display);
	kw_line(w, d + 1, "EXPLAIN", p->explain, display);
	kw_line(w, d + 1, "CLIENTEXT", p->client_ext, quoted);
	kw_line(w, d + 1, "VALUENAME", p->value_name, quoted);
	if (onoff(w, d + 1, &p->enabled_value, &p->disabled_value,
	    &p->enabled_list, &p->disabled_list) == -1)
		return -1;
	/* Parts in presentation order, labels included; then the rest. */
	for (j = 0; pr != NULL && j < pr->ncontrols; j++) {
		const struct hp_tmpl_control *c = &pr->controls[j];
		const struct hp_tmpl_elem *el;

		if (c->type == HP_TC_TEXT) {
			indent(w, d + 1);
			hp_buf_adds(w->out, "PART ");
			quoted(w, c->label);
			hp_buf_adds(w->out, " TEXT\n");
			indent(w, d + 1);
			hp_buf_adds(w->out, "END PART\n");
			continue;
		}
		if (c->ref_id != NULL &&
		    (el = hp_tmpl_find_elem(p, c->ref_id)) != NULL &&
		    part(w, p, el, c, d + 1) == -1)
			return -1;
	}
	for (i = 0; i < p->nelems; i++)
		if (control_for(pr, p->elems[i].id) == NULL &&
		    part(w, p, &p->elems[i], NULL, d + 1) == -1)
			return -1;
	indent(w, d);
	hp_buf_adds(w->out, "END POLICY\n");
	return 0;
}

static int
in_class(const struct aw *w, const struct hp_tmpl_policy *p)
{
	return p->cls == w->cls || p->cls == HP_TMPL_BOTH;
}

/* 1 if category name holds (at any depth) a policy of the class. */
static int
cat_used(const struct aw *w, const char *name, int depth)
{
	size_t i;

	if (depth > 64)
		return 0;
	for (i = 0; i < w->t->npolicies; i++)
		if (in_class(w, &w->t->policies[i]) &&
		    w->t->policies[i].parent != NULL &&
		    strcmp(w->t->policies[i].parent, name) == 0)
			return 1;
	for (i = 0; i < w->t->ncats; i++)
		if (w->t->cats[i].parent != NULL &&
		    strcmp(w->t->cats[i].parent, name) == 0 &&
		    cat_used(w, w->t->cats[i].name, depth + 1))
			return 1;
	return 0;
}

static int
category(struct aw *w, const struct hp_tmpl_category *c, int d)
{
	size_t i;

	if (d > 64)
		return hp_error_set(w->e, HP_E_INPUT, "%s: categories "
		    "nested too deep (a parent loop?)", w->t->file);
	indent(w, d);
	hp_buf_adds(w->out, "CATEGORY ");
	display(w, c->display ? c->display : c->name);
	hp_buf_addc(w->out, '\n');
	kw_line(w, d + 1, "EXPLAIN", c->explain, display);
	for (i = 0; i < w->t->ncats; i++)
		if (w->t->cats[i].parent != NULL &&
		    strcmp(w->t->cats[i].parent, c->name) == 0 &&
		    cat_used(w, w->t->cats[i].name, 0) &&
		    category(w, &w->t->cats[i], d + 1) == -1)
			return -1;
	for (i = 0; i < w->t->npolicies; i++)
		if (in_class(w, &w->t->policies[i]) &&
		    w->t->policies[i].parent != NULL &&
		    strcmp(w->t->policies[i].parent, c->name) == 0 &&
		    policy(w, &w->t->policies[i], d + 1) == -1)
			return -1;
	indent(w, d);
	hp_buf_adds(w->out, "END CATEGORY\n");
	return 0;
}

static int
is_local_cat(const struct hp_tmpl *t, const char *ref)
{
	size_t i;

	for (i = 0; ref != NULL && i < t->ncats; i++)
		if (strcmp(t->cats[i].name, ref) == 0)
			return 1;
	return 0;
}

/* The CLASS section of w->cls, if it has any policy. */
static int
class_section(struct aw *w)
{
	const struct hp_tmpl *t = w->t;
	size_t i, orphans = 0;

	for (i = 0; i < t->npolicies; i++)
		if (in_class(w, &t->policies[i]) &&
		    !is_local_cat(t, t->policies[i].parent))
			orphans++;
	for (i = 0; i < t->ncats && !orphans; i++)
		if (cat_used(w, t->cats[i].name, 0))
			break;
	if (!orphans && i == t->ncats)
		return 0;
	hp_buf_addf(w->out, "\nCLASS %s\n\n", w->cls == HP_TMPL_MACHINE ?
	    "MACHINE" : "USER");
	for (i = 0; i < t->ncats; i++)
		if (!is_local_cat(t, t->cats[i].parent) &&
		    cat_used(w, t->cats[i].name, 0) &&
		    category(w, &t->cats[i], 0) == -1)
			return -1;
	if (orphans == 0)
		return 0;
	/* ADM needs a category; outside references get one. */
	hp_buf_adds(w->out, "CATEGORY !!hivepol_Uncategorized\n");
	for (i = 0; i < t->npolicies; i++)
		if (in_class(w, &t->policies[i]) &&
		    !is_local_cat(t, t->policies[i].parent) &&
		    policy(w, &t->policies[i], 1) == -1)
			return -1;
	hp_buf_adds(w->out, "END CATEGORY\n");
	return 0;
}

/* The [strings] section: the language's, then those made for labels. */
static void
strings_section(struct aw *w)
{
	struct hp_buf *out = w->out;
	const char *s;
	size_t i;

	hp_buf_adds(out, "\n[strings]\n");
	hp_buf_adds(out, "hivepol_Uncategorized=\"Other policies\"\n");
	for (i = 0; w->l != NULL && i < w->l->nstrings; i++) {
		hp_buf_addf(out, "%s=\"", w->l->strings[i].id);
		for (s = w->l->strings[i].text; *s; s++) {
			if (*s == '\n')
				hp_buf_adds(out, "\\n");
			else if (*s != '\r')
				hp_buf_addc(out, *s == '"' ? '\'' : *s);
		}
		hp_buf_adds(out, "\"\n");
	}
	for (i = 0; i < w->nextra; i += 2) {
		hp_buf_addf(out, "%s=\"", w->extra[i]);
		for (s = w->extra[i + 1]; *s; s++)
			hp_buf_addc(out, *s == '"' ? '\'' : *s == '\n' ? ' ' :
			    *s);
		hp_buf_adds(out, "\"\n");
	}
}

int
hp_adm_write(const struct hp_tmpl *t, const char *lang, struct hp_buf *out,
    struct hp_error *e)
{
	struct aw w = { t, hp_tmpl_find_lang(t, lang), out, e, 0, NULL, 0,
	    0 };
	int r = 0;

	hp_buf_addf(out, "; written by hivepol from %s\n", t->file ?
	    t->file : "a template");
	w.cls = HP_TMPL_MACHINE;
	if (class_section(&w) == -1)
		r = -1;
	w.cls = HP_TMPL_USER;
	if (r == 0 && class_section(&w) == -1)
		r = -1;
	if (r == 0)
		strings_section(&w);
	free(w.extra);
	return r;
}
