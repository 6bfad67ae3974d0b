/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ADMX/ADML writer: builds a libxml2 tree in the PolicyDefinitions
 * namespace, in the element order the schema requires, and serialises it
 * as indented UTF-8.  Attributes equal to the schema default are left out.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/text.h"
#include "templates/admx.h"
#include "templates/template.h"

struct wr {
	xmlDocPtr	 doc;
	xmlNsPtr	 ns;
	int		 oom;
	const char	*bad;	/* the first element or attribute XML can't hold */
};

/*
 * libxml2 writes a control character as is or as a reference, both of
 * which XML 1.0 forbids, and copies bytes that are not UTF-8: readers
 * (ADM's lexer, the bundle) refuse such text; this is the last guard.
 */
static void
check_text(struct wr *w, const char *name, const char *s)
{
	const unsigned char *p;

	if (s == NULL || w->bad != NULL)
		return;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			break;
	if (*p != '\0' || !hp_text_valid_utf8(s, strlen(s)))
		w->bad = name;
}

static xmlNodePtr
child(struct wr *w, xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n = xmlNewTextChild(parent, w->ns, (const xmlChar *)name,
	    (const xmlChar *)text);

	check_text(w, name, text);
	if (n == NULL)
		w->oom = 1;
	return n;
}

static void
prop(struct wr *w, xmlNodePtr n, const char *name, const char *v)
{
	check_text(w, name, v);
	if (n != NULL && v != NULL &&
	    xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)v) == NULL)
		w->oom = 1;
}

static void
prop_num(struct wr *w, xmlNodePtr n, const char *name, uint64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	prop(w, n, name, buf);
}

static void
prop_bool(struct wr *w, xmlNodePtr n, const char *name, int v)
{
	if (v)
		prop(w, n, name, "true");
}

static xmlNodePtr
new_root(struct wr *w, const char *name)
{
	xmlNodePtr root;

	if ((w->doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL ||
	    (root = xmlNewNode(NULL, (const xmlChar *)name)) == NULL) {
		w->oom = 1;
		return NULL;
	}
	xmlDocSetRootElement(w->doc, root);
	if ((w->ns = xmlNewNs(root, (const xmlChar *)HP_TMPL_NS, NULL)) ==
	    NULL) {
		w->oom = 1;
		return NULL;
	}
	xmlSetNs(root, w->ns);
	return root;
}

static int
finish(struct wr *w, const char *file, struct hp_buf *out,
    struct hp_error *e)
{
	xmlChar *mem = NULL;
	int size = 0, r = 0;

	if (!w->oom && w->bad == NULL)
		xmlDocDumpFormatMemoryEnc(w->doc, &mem, &size, "utf-8", 1);
	if (w->bad != NULL)
		r = hp_error_set(e, HP_E_INPUT, "%s: a %s holds a control "
		    "character or bytes that are not UTF-8, which XML cannot "
		    "hold", file ? file : "the template", w->bad);
	else if (w->oom || mem == NULL)
		r = hp_error_set(e, HP_E_IO, "out of memory writing XML");
	else
		hp_buf_add(out, mem, size);
	xmlFree(mem);
	xmlFreeDoc(w->doc);
	return r;
}

static void
write_value(struct wr *w, xmlNodePtr parent, const char *name,
    const struct hp_tmpl_value *v)
{
	xmlNodePtr n, c;

	if (v->kind == HP_TV_NONE || (n = child(w, parent, name, NULL)) ==
	    NULL)
		return;
	switch (v->kind) {
	case HP_TV_DELETE:
		child(w, n, "delete", NULL);
		break;
	case HP_TV_DECIMAL:
	case HP_TV_LONGDECIMAL:
		c = child(w, n, v->kind == HP_TV_DECIMAL ? "decimal" :
		    "longDecimal", NULL);
		prop_num(w, c, "value", v->num);
		break;
	default:
		child(w, n, "string", v->str);
	}
}

static void
write_vlist(struct wr *w, xmlNodePtr parent, const char *name,
    const struct hp_tmpl_vlist *l)
{
	xmlNodePtr n, it;
	size_t i;

	if (l->n == 0 || (n = child(w, parent, name, NULL)) == NULL)
		return;
	prop(w, n, "defaultKey", l->default_key);
	for (i = 0; i < l->n; i++) {
		if ((it = child(w, n, "item", NULL)) == NULL)
			return;
		prop(w, it, "key", l->v[i].key);
		prop(w, it, "valueName", l->v[i].value_name);
		write_value(w, it, "value", &l->v[i].value);
	}
}

static void
write_elem(struct wr *w, xmlNodePtr parent, const struct hp_tmpl_elem *el)
{
	xmlNodePtr n, it;
	size_t i;

	if ((n = child(w, parent, hp_tmpl_etype_name(el->type), NULL)) ==
	    NULL)
		return;
	prop(w, n, "id", el->id);
	prop(w, n, "clientExtension", el->client_ext);
	prop(w, n, "key", el->key);
	if (el->type != HP_TE_LIST)
		prop(w, n, "valueName", el->value_name);
	switch (el->type) {
	case HP_TE_BOOLEAN:
		write_value(w, n, "trueValue", &el->true_value);
		write_value(w, n, "falseValue", &el->false_value);
		write_vlist(w, n, "trueList", &el->true_list);
		write_vlist(w, n, "falseList", &el->false_list);
		break;
	case HP_TE_DECIMAL:
	case HP_TE_LONGDECIMAL:
		prop_bool(w, n, "required", el->required);
		if (el->min != 0)
			prop_num(w, n, "minValue", el->min);
		if (el->max != 9999)
			prop_num(w, n, "maxValue", el->max);
		prop_bool(w, n, "storeAsText", el->store_as_text);
		prop_bool(w, n, "soft", el->soft);
		break;
	case HP_TE_TEXT:
	case HP_TE_MULTITEXT:
		prop_bool(w, n, "required", el->required);
		if (el->max_length != 1023)
			prop_num(w, n, "maxLength", el->max_length);
		if (el->type == HP_TE_TEXT)
			prop_bool(w, n, "expandable", el->expandable);
		else if (el->max_strings != 0)
			prop_num(w, n, "maxStrings", el->max_strings);
		prop_bool(w, n, "soft", el->soft);
		break;
	case HP_TE_ENUM:
		prop_bool(w, n, "required", el->required);
		for (i = 0; i < el->nitems; i++) {
			if ((it = child(w, n, "item", NULL)) == NULL)
				return;
			prop(w, it, "displayName", el->items[i].display);
			write_value(w, it, "value", &el->items[i].value);
			write_vlist(w, it, "valueList", &el->items[i].list);
		}
		break;
	case HP_TE_LIST:
		prop(w, n, "valuePrefix", el->value_prefix);
		prop_bool(w, n, "additive", el->additive);
		prop_bool(w, n, "expandable", el->expandable);
		prop_bool(w, n, "explicitValue", el->explicit_value);
		break;
	}
}

static void
write_policy(struct wr *w, xmlNodePtr parent, const struct hp_tmpl_policy *p)
{
	xmlNodePtr n, els;
	size_t i;

	if ((n = child(w, parent, "policy", NULL)) == NULL)
		return;
	prop(w, n, "name", p->name);
	prop(w, n, "class", hp_tmpl_class_name(p->cls));
	prop(w, n, "displayName", p->display);
	prop(w, n, "explainText", p->explain);
	prop(w, n, "presentation", p->presentation);
	prop(w, n, "key", p->key);
	prop(w, n, "valueName", p->value_name);
	prop(w, n, "clientExtension", p->client_ext);
	if (p->parent != NULL)
		prop(w, child(w, n, "parentCategory", NULL), "ref", p->parent);
	if (p->supported != NULL)
		prop(w, child(w, n, "supportedOn", NULL), "ref", p->supported);
	write_value(w, n, "enabledValue", &p->enabled_value);
	write_value(w, n, "disabledValue", &p->disabled_value);
	write_vlist(w, n, "enabledList", &p->enabled_list);
	write_vlist(w, n, "disabledList", &p->disabled_list);
	if (p->nelems == 0 || (els = child(w, n, "elements", NULL)) == NULL)
		return;
	for (i = 0; i < p->nelems; i++)
		write_elem(w, els, &p->elems[i]);
}

int
hp_admx_write(const struct hp_tmpl *t, struct hp_buf *out,
    struct hp_error *e)
{
	struct wr w = { NULL, NULL, 0, NULL };
	xmlNodePtr root, n, c, d, o;
	size_t i, j;

	if ((root = new_root(&w, "policyDefinitions")) == NULL)
		return finish(&w, t->file, out, e);
	prop(&w, root, "revision", t->revision ? t->revision : "1.0");
	prop(&w, root, "schemaVersion", t->schema_version ?
	    t->schema_version : "1.0");
	n = child(&w, root, "policyNamespaces", NULL);
	c = child(&w, n, "target", NULL);
	prop(&w, c, "prefix", t->target.prefix);
	prop(&w, c, "namespace", t->target.ns);
	for (i = 0; i < t->nusings; i++) {
		c = child(&w, n, "using", NULL);
		prop(&w, c, "prefix", t->usings[i].prefix);
		prop(&w, c, "namespace", t->usings[i].ns);
	}
	for (i = 0; i < t->nsuperseded; i++)
		prop(&w, child(&w, root, "supersededAdm", NULL), "fileName",
		    t->superseded[i]);
	n = child(&w, root, "resources", NULL);
	prop(&w, n, "minRequiredRevision", t->min_required_revision ?
	    t->min_required_revision : "1.0");
	prop(&w, n, "fallbackCulture", t->fallback_culture);
	if (t->nsupdefs > 0) {
		n = child(&w, child(&w, root, "supportedOn", NULL),
		    "definitions", NULL);
		for (i = 0; i < t->nsupdefs; i++) {
			d = child(&w, n, "definition", NULL);
			prop(&w, d, "name", t->supdefs[i].name);
			prop(&w, d, "displayName", t->supdefs[i].display);
			if (t->supdefs[i].nrefs == 0)
				continue;
			o = child(&w, d, "or", NULL);
			for (j = 0; j < t->supdefs[i].nrefs; j++)
				prop(&w, child(&w, o, "reference", NULL),
				    "ref", t->supdefs[i].refs[j]);
		}
	}
	if (t->ncats > 0) {
		n = child(&w, root, "categories", NULL);
		for (i = 0; i < t->ncats; i++) {
			c = child(&w, n, "category", NULL);
			prop(&w, c, "name", t->cats[i].name);
			prop(&w, c, "displayName", t->cats[i].display);
			prop(&w, c, "explainText", t->cats[i].explain);
			if (t->cats[i].parent != NULL)
				prop(&w, child(&w, c, "parentCategory", NULL),
				    "ref", t->cats[i].parent);
		}
	}
	if (t->npolicies > 0) {
		n = child(&w, root, "policies", NULL);
		for (i = 0; i < t->npolicies; i++)
			write_policy(&w, n, &t->policies[i]);
	}
	return finish(&w, t->file, out, e);
}

static void
write_control(struct wr *w, xmlNodePtr parent, const struct hp_tmpl_control *c)
{
	int boxed = c->type == HP_TC_TEXTBOX || c->type == HP_TC_COMBOBOX;
	xmlNodePtr n;
	size_t i;

	if ((n = child(w, parent, hp_tmpl_ctype_name(c->type), boxed ? NULL :
	    c->label)) == NULL)
		return;
	prop(w, n, "refId", c->ref_id);
	switch (c->type) {
	case HP_TC_DECIMALTEXTBOX:
	case HP_TC_LONGDECIMALTEXTBOX:
		prop(w, n, "defaultValue", c->default_value);
		if (c->spin == 0)
			prop(w, n, "spin", "false");
		if (c->spin_step > 1)
			prop_num(w, n, "spinStep", c->spin_step);
		break;
	case HP_TC_CHECKBOX:
		prop_bool(w, n, "defaultChecked", c->default_checked);
		break;
	case HP_TC_DROPDOWNLIST:
		prop_bool(w, n, "noSort", c->no_sort);
		if (c->default_item >= 0)
			prop_num(w, n, "defaultItem", c->default_item);
		break;
	case HP_TC_TEXTBOX:
		child(w, n, "label", c->label ? c->label : "");
		if (c->default_value != NULL)
			child(w, n, "defaultValue", c->default_value);
		break;
	case HP_TC_COMBOBOX:
		prop_bool(w, n, "noSort", c->no_sort);
		child(w, n, "label", c->label ? c->label : "");
		if (c->default_value != NULL)
			child(w, n, "default", c->default_value);
		for (i = 0; i < c->nsuggestions; i++)
			child(w, n, "suggestion", c->suggestions[i]);
		break;
	default:
		break;
	}
}

int
hp_adml_write(const struct hp_tmpl *t, const char *lang, struct hp_buf *out,
    struct hp_error *e)
{
	const struct hp_tmpl_lang *l = hp_tmpl_find_lang(t, lang);
	struct wr w = { NULL, NULL, 0, NULL };
	xmlNodePtr root, res, n, p, s;
	size_t i, j;

	if (l == NULL)
		return hp_error_set(e, HP_E_INPUT, "%s: no resources for "
		    "language %s", t->file, lang ? lang : "(any)");
	if ((root = new_root(&w, "policyDefinitionResources")) == NULL)
		return finish(&w, t->file, out, e);
	prop(&w, root, "revision", l->revision ? l->revision : "1.0");
	prop(&w, root, "schemaVersion", "1.0");
	child(&w, root, "displayName", l->display ? l->display :
	    t->target.prefix);
	child(&w, root, "description", l->description ? l->description :
	    t->target.ns);
	res = child(&w, root, "resources", NULL);
	if (l->nstrings > 0) {
		n = child(&w, res, "stringTable", NULL);
		for (i = 0; i < l->nstrings; i++) {
			s = child(&w, n, "string", l->strings[i].text);
			prop(&w, s, "id", l->strings[i].id);
		}
	}
	if (l->npres > 0) {
		n = child(&w, res, "presentationTable", NULL);
		for (i = 0; i < l->npres; i++) {
			p = child(&w, n, "presentation", NULL);
			prop(&w, p, "id", l->pres[i].id);
			for (j = 0; p != NULL && j < l->pres[i].ncontrols; j++)
				write_control(&w, p, &l->pres[i].controls[j]);
		}
	}
	return finish(&w, t->file, out, e);
}
