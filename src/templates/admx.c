/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ADMX/ADML reader (formats.md D.3-D.6).  Elements are matched by local
 * name within the PolicyDefinitions namespace, or with no namespace at
 * all, as some real files (Samba's) are written; anything else is skipped
 * with a warning.  The reader is lenient about what the schema requires
 * (lint's XSD pass reports that) and strict only where the model would be
 * wrong: bad numbers, unnamed policies and elements.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "core/error.h"
#include "templates/admx.h"
#include "templates/template.h"

struct rd {
	struct hp_tmpl		*t;
	const char		*file;
	struct hp_warnings	*w;
	struct hp_error		*e;
};

/* 1 if n is an element of ours named name. */
static int
is(xmlNodePtr n, const char *name)
{
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	if (n->ns != NULL && strcmp((const char *)n->ns->href, HP_TMPL_NS) !=
	    0 && strcmp((const char *)n->ns->href, HP_TMPL_NS_OLD) != 0)
		return 0;
	return strcmp((const char *)n->name, name) == 0;
}

static unsigned long
line_of(xmlNodePtr n)
{
	long l = xmlGetLineNo(n);

	return l > 0 ? (unsigned long)l : 0;
}

static const char *
attr(struct rd *r, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	const char *s;

	if (v == NULL)
		return NULL;
	s = hp_tmpl_strdup(r->t, (const char *)v);
	xmlFree(v);
	return s;
}

static const char *
text_of(struct rd *r, xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	const char *s;

	s = hp_tmpl_strdup(r->t, v != NULL ? (const char *)v : "");
	xmlFree(v);
	return s;
}

static int
num_attr(struct rd *r, xmlNodePtr n, const char *name, uint64_t max,
    uint64_t def, uint64_t *out)
{
	const char *s = attr(r, n, name);
	char *end;
	unsigned long long v;

	*out = def;
	if (s == NULL)
		return 0;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*s == '-' || *s == '\0' || *end != '\0' || errno != 0 || v > max)
		return hp_error_set(r->e, HP_E_INPUT, "%s:%lu: %s=\"%s\" "
		    "is not a number in 0-%" PRIu64, r->file, line_of(n),
		    name, s, max);
	*out = v;
	return 0;
}

/* As num_attr, but a bad number is a warning and leaves the default. */
static int
num_attr_lax(struct rd *r, xmlNodePtr n, const char *name, uint64_t max,
    uint64_t def, uint64_t *out)
{
	if (num_attr(r, n, name, max, def, out) == 0)
		return 0;
	hp_warn(r->w, "%s; the default %" PRIu64 " is used", r->e->msg, def);
	hp_error_clear(r->e);
	*out = def;
	return 0;
}

/* xs:boolean: true, false, 1, 0. */
static int
bool_attr(struct rd *r, xmlNodePtr n, const char *name, int def)
{
	const char *s = attr(r, n, name);

	if (s == NULL)
		return def;
	if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
		return 1;
	if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0)
		return 0;
	hp_warn(r->w, "%s:%lu: %s=\"%s\" is not a boolean; taken as false",
	    r->file, line_of(n), name, s);
	return 0;
}

static void
unknown(struct rd *r, xmlNodePtr n, const char *where)
{
	if (n->type == XML_ELEMENT_NODE && !is(n, "annotation"))
		hp_warn(r->w, "%s:%lu: unknown element <%s> in <%s> ignored",
		    r->file, line_of(n), (const char *)n->name, where);
}

/* The Value type: delete, decimal, longDecimal or string. */
static int
read_value(struct rd *r, xmlNodePtr n, struct hp_tmpl_value *v)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, "delete")) {
			v->kind = HP_TV_DELETE;
		} else if (is(c, "decimal")) {
			v->kind = HP_TV_DECIMAL;
			if (num_attr(r, c, "value", UINT32_MAX, 0, &v->num)
			    == -1)
				return -1;
		} else if (is(c, "longDecimal")) {
			v->kind = HP_TV_LONGDECIMAL;
			if (num_attr(r, c, "value", UINT64_MAX, 0, &v->num)
			    == -1)
				return -1;
		} else if (is(c, "string")) {
			v->kind = HP_TV_STRING;
			v->str = text_of(r, c);
		} else {
			unknown(r, c, (const char *)n->name);
			continue;
		}
		return 0;
	}
	return hp_error_set(r->e, HP_E_INPUT, "%s:%lu: <%s> holds no "
	    "value", r->file, line_of(n), (const char *)n->name);
}

static int
read_vlist(struct rd *r, xmlNodePtr n, struct hp_tmpl_vlist *l)
{
	xmlNodePtr c, v;

	l->present = 1;
	l->default_key = attr(r, n, "defaultKey");
	for (c = n->children; c != NULL; c = c->next) {
		struct hp_tmpl_item *it;

		if (!is(c, "item")) {
			unknown(r, c, (const char *)n->name);
			continue;
		}
		it = hp_tmpl_push(r->t, &l->v, &l->n, sizeof(*it));
		it->key = attr(r, c, "key");
		it->value_name = attr(r, c, "valueName");
		it->line = line_of(c);
		if (it->value_name == NULL)
			it->value_name = "";
		for (v = c->children; v != NULL; v = v->next)
			if (is(v, "value"))
				break;
		if (v == NULL)
			return hp_error_set(r->e, HP_E_INPUT, "%s:%lu: "
			    "<item> without <value>", r->file, line_of(c));
		if (read_value(r, v, &it->value) == -1)
			return -1;
	}
	return 0;
}

static int
read_enum_items(struct rd *r, xmlNodePtr n, struct hp_tmpl_elem *el)
{
	xmlNodePtr c, v;

	for (c = n->children; c != NULL; c = c->next) {
		struct hp_tmpl_enum_item *it;
		int have = 0;

		if (!is(c, "item")) {
			unknown(r, c, "enum");
			continue;
		}
		it = hp_tmpl_push(r->t, &el->items, &el->nitems, sizeof(*it));
		it->display = attr(r, c, "displayName");
		it->line = line_of(c);
		for (v = c->children; v != NULL; v = v->next) {
			if (is(v, "value")) {
				if (read_value(r, v, &it->value) == -1)
					return -1;
				have = 1;
			} else if (is(v, "valueList")) {
				if (read_vlist(r, v, &it->list) == -1)
					return -1;
			} else
				unknown(r, v, "item");
		}
		if (!have)
			return hp_error_set(r->e, HP_E_INPUT, "%s:%lu: enum "
			    "item without <value>", r->file, line_of(c));
	}
	return 0;
}

/* An element or control type: its XML name and enum value. */
struct type_name {
	const char	*name;
	int		 type;
};

/* The entry of table whose name n has, or NULL (warned as unknown). */
static const struct type_name *
type_of(struct rd *r, xmlNodePtr n, const struct type_name *table,
    size_t len, const char *where)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (is(n, table[i].name))
			return &table[i];
	unknown(r, n, where);
	return NULL;
}

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct type_name etypes[] = {
	{ "boolean", HP_TE_BOOLEAN }, { "decimal", HP_TE_DECIMAL },
	{ "longDecimal", HP_TE_LONGDECIMAL }, { "text", HP_TE_TEXT },
	{ "enum", HP_TE_ENUM }, { "list", HP_TE_LIST },
	{ "multiText", HP_TE_MULTITEXT }
};

static int
read_elem(struct rd *r, xmlNodePtr n, struct hp_tmpl_policy *p)
{
	const struct type_name *tn;
	struct hp_tmpl_elem *el;
	xmlNodePtr c;
	uint64_t x;

	if ((tn = type_of(r, n, etypes, NELEM(etypes), "elements")) == NULL)
		return 0;
	el = hp_tmpl_push(r->t, &p->elems, &p->nelems, sizeof(*el));
	el->type = tn->type;
	el->line = line_of(n);
	el->id = attr(r, n, "id");
	if (el->id == NULL)
		return hp_error_set(r->e, HP_E_INPUT, "%s:%lu: policy %s: "
		    "<%s> without an id", r->file, el->line, p->name,
		    (const char *)n->name);
	el->key = attr(r, n, "key");
	el->value_name = attr(r, n, "valueName");
	el->client_ext = attr(r, n, "clientExtension");
	el->required = bool_attr(r, n, "required", 0);
	el->soft = bool_attr(r, n, "soft", 0);
	switch (el->type) {
	case HP_TE_BOOLEAN:
		for (c = n->children; c != NULL; c = c->next) {
			int rc = 0;

			if (is(c, "trueValue"))
				rc = read_value(r, c, &el->true_value);
			else if (is(c, "falseValue"))
				rc = read_value(r, c, &el->false_value);
			else if (is(c, "trueList"))
				rc = read_vlist(r, c, &el->true_list);
			else if (is(c, "falseList"))
				rc = read_vlist(r, c, &el->false_list);
			else
				unknown(r, c, "boolean");
			if (rc == -1)
				return -1;
		}
		break;
	case HP_TE_DECIMAL:
	case HP_TE_LONGDECIMAL: {
		uint64_t lim = el->type == HP_TE_DECIMAL ? UINT32_MAX :
		    UINT64_MAX;

		el->store_as_text = bool_attr(r, n, "storeAsText", 0);
		num_attr_lax(r, n, "minValue", lim, 0, &el->min);
		num_attr_lax(r, n, "maxValue", lim, 9999, &el->max);
		break;
	}
	case HP_TE_TEXT:
		el->expandable = bool_attr(r, n, "expandable", 0);
		num_attr_lax(r, n, "maxLength", UINT32_MAX, 1023, &x);
		el->max_length = x;
		break;
	case HP_TE_ENUM:
		if (read_enum_items(r, n, el) == -1)
			return -1;
		break;
	case HP_TE_LIST:
		el->value_prefix = attr(r, n, "valuePrefix");
		el->additive = bool_attr(r, n, "additive", 0);
		el->expandable = bool_attr(r, n, "expandable", 0);
		el->explicit_value = bool_attr(r, n, "explicitValue", 0);
		break;
	case HP_TE_MULTITEXT:
		num_attr_lax(r, n, "maxLength", UINT32_MAX, 1023, &x);
		el->max_length = x;
		num_attr_lax(r, n, "maxStrings", UINT32_MAX, 0, &x);
		el->max_strings = x;
		break;
	}
	return 0;
}

static int
read_policy(struct rd *r, xmlNodePtr n)
{
	struct hp_tmpl_policy *p;
	const char *cls;
	xmlNodePtr c, d;

	p = hp_tmpl_push(r->t, &r->t->policies, &r->t->npolicies,
	    sizeof(*p));
	p->line = line_of(n);
	if ((p->name = attr(r, n, "name")) == NULL)
		return hp_error_set(r->e, HP_E_INPUT, "%s:%lu: <policy> "
		    "without a name", r->file, p->line);
	cls = attr(r, n, "class");
	if (cls != NULL && strcmp(cls, "Machine") == 0)
		p->cls = HP_TMPL_MACHINE;
	else if (cls != NULL && strcmp(cls, "User") == 0)
		p->cls = HP_TMPL_USER;
	else if (cls != NULL && strcmp(cls, "Both") == 0)
		p->cls = HP_TMPL_BOTH;
	else
		return hp_error_set(r->e, HP_E_INPUT, "%s:%lu: policy %s: "
		    "class \"%s\" is not Machine, User or Both", r->file,
		    p->line, p->name, cls ? cls : "");
	p->display = attr(r, n, "displayName");
	p->explain = attr(r, n, "explainText");
	p->presentation = attr(r, n, "presentation");
	p->key = attr(r, n, "key");
	p->value_name = attr(r, n, "valueName");
	p->client_ext = attr(r, n, "clientExtension");
	if (p->key == NULL)
		return hp_error_set(r->e, HP_E_INPUT, "%s:%lu: policy %s "
		    "has no key", r->file, p->line, p->name);
	for (c = n->children; c != NULL; c = c->next) {
		int rc = 0;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, "parentCategory"))
			p->parent = attr(r, c, "ref");
		else if (is(c, "supportedOn"))
			p->supported = attr(r, c, "ref");
		else if (is(c, "enabledValue"))
			rc = read_value(r, c, &p->enabled_value);
		else if (is(c, "disabledValue"))
			rc = read_value(r, c, &p->disabled_value);
		else if (is(c, "enabledList"))
			rc = read_vlist(r, c, &p->enabled_list);
		else if (is(c, "disabledList"))
			rc = read_vlist(r, c, &p->disabled_list);
		else if (is(c, "elements")) {
			for (d = c->children; d != NULL && rc == 0;
			    d = d->next)
				if (d->type == XML_ELEMENT_NODE)
					rc = read_elem(r, d, p);
		} else if (!is(c, "seeAlso") && !is(c, "keywords"))
			unknown(r, c, "policy");
		if (rc == -1)
			return -1;
	}
	return 0;
}

static int
read_supported(struct rd *r, xmlNodePtr n)
{
	xmlNodePtr c, d, o, x;

	for (c = n->children; c != NULL; c = c->next) {
		if (!is(c, "definitions"))
			continue;
		for (d = c->children; d != NULL; d = d->next) {
			struct hp_tmpl_supdef *s;

			if (!is(d, "definition"))
				continue;
			s = hp_tmpl_push(r->t, &r->t->supdefs,
			    &r->t->nsupdefs, sizeof(*s));
			s->name = attr(r, d, "name");
			s->display = attr(r, d, "displayName");
			s->line = line_of(d);
			if (s->name == NULL)
				return hp_error_set(r->e, HP_E_INPUT,
				    "%s:%lu: supportedOn definition without "
				    "a name", r->file, s->line);
			for (o = d->children; o != NULL; o = o->next) {
				if (!is(o, "or") && !is(o, "and"))
					continue;
				for (x = o->children; x != NULL; x = x->next) {
					const char **ref;

					if (!is(x, "reference") &&
					    !is(x, "range"))
						continue;
					ref = hp_tmpl_push(r->t, &s->refs,
					    &s->nrefs, sizeof(*ref));
					*ref = attr(r, x, "ref");
				}
			}
		}
	}
	return 0;
}

static int
read_ns(struct rd *r, xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next) {
		struct hp_tmpl_ns *ns;

		if (is(c, "target")) {
			r->t->target.prefix = attr(r, c, "prefix");
			r->t->target.ns = attr(r, c, "namespace");
		} else if (is(c, "using")) {
			ns = hp_tmpl_push(r->t, &r->t->usings,
			    &r->t->nusings, sizeof(*ns));
			ns->prefix = attr(r, c, "prefix");
			ns->ns = attr(r, c, "namespace");
		} else
			unknown(r, c, "policyNamespaces");
	}
	return 0;
}

static int
read_categories(struct rd *r, xmlNodePtr n)
{
	struct hp_tmpl *t = r->t;
	struct hp_tmpl_category *cat;
	xmlNodePtr d, pc;

	for (d = n->children; d != NULL; d = d->next) {
		if (!is(d, "category")) {
			unknown(r, d, "categories");
			continue;
		}
		cat = hp_tmpl_push(t, &t->cats, &t->ncats, sizeof(*cat));
		cat->name = attr(r, d, "name");
		cat->display = attr(r, d, "displayName");
		cat->explain = attr(r, d, "explainText");
		cat->line = line_of(d);
		if (cat->name == NULL)
			return hp_error_set(r->e, HP_E_INPUT, "%s:%lu: "
			    "category without a name", r->file, cat->line);
		for (pc = d->children; pc != NULL; pc = pc->next)
			if (is(pc, "parentCategory"))
				cat->parent = attr(r, pc, "ref");
	}
	return 0;
}

int
hp_admx_read_doc(struct hp_tmpl *t, const char *file, xmlDocPtr doc,
    struct hp_warnings *w, struct hp_error *e)
{
	struct rd r = { t, file, w, e };
	xmlNodePtr root = xmlDocGetRootElement(doc), c, d;

	if (root == NULL || !is(root, "policyDefinitions"))
		return hp_error_set(e, HP_E_INPUT, "%s: not an ADMX file "
		    "(the root element is not policyDefinitions in the "
		    "namespace %s)", file, HP_TMPL_NS);
	t->file = hp_tmpl_strdup(t, file);
	t->has_ns = root->ns != NULL;
	t->revision = attr(&r, root, "revision");
	t->schema_version = attr(&r, root, "schemaVersion");
	for (c = root->children; c != NULL; c = c->next) {
		int rc = 0;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, "policyNamespaces"))
			rc = read_ns(&r, c);
		else if (is(c, "supersededAdm")) {
			const char **s = hp_tmpl_push(t, &t->superseded,
			    &t->nsuperseded, sizeof(*s));

			*s = attr(&r, c, "fileName");
		} else if (is(c, "resources")) {
			t->min_required_revision = attr(&r, c,
			    "minRequiredRevision");
			t->fallback_culture = attr(&r, c, "fallbackCulture");
		} else if (is(c, "supportedOn"))
			rc = read_supported(&r, c);
		else if (is(c, "categories"))
			rc = read_categories(&r, c);
		else if (is(c, "policies")) {
			for (d = c->children; d != NULL && rc == 0;
			    d = d->next) {
				if (is(d, "policy"))
					rc = read_policy(&r, d);
				else
					unknown(&r, d, "policies");
			}
		} else
			unknown(&r, c, "policyDefinitions");
		if (rc == -1)
			return -1;
	}
	return 0;
}

int
hp_admx_read(struct hp_tmpl *t, const char *file, const void *data,
    size_t len, struct hp_warnings *w, struct hp_error *e)
{
	xmlDocPtr doc;
	int r;

	if ((doc = hp_xml_read(file, data, len, e)) == NULL)
		return -1;
	r = hp_admx_read_doc(t, file, doc, w, e);
	xmlFreeDoc(doc);
	return r;
}

static const struct type_name ctypes[] = {
	{ "text", HP_TC_TEXT }, { "decimalTextBox", HP_TC_DECIMALTEXTBOX },
	{ "longDecimalTextBox", HP_TC_LONGDECIMALTEXTBOX },
	{ "textBox", HP_TC_TEXTBOX }, { "multiTextBox", HP_TC_MULTITEXTBOX },
	{ "checkBox", HP_TC_CHECKBOX }, { "comboBox", HP_TC_COMBOBOX },
	{ "dropdownList", HP_TC_DROPDOWNLIST }, { "listBox", HP_TC_LISTBOX }
};

static int
read_control(struct rd *r, xmlNodePtr n, struct hp_tmpl_presentation *p)
{
	const struct type_name *tn;
	struct hp_tmpl_control *c;
	xmlNodePtr k;
	const char *s;
	uint64_t x;

	if ((tn = type_of(r, n, ctypes, NELEM(ctypes), "presentation")) ==
	    NULL)
		return 0;
	c = hp_tmpl_push(r->t, &p->controls, &p->ncontrols, sizeof(*c));
	c->type = tn->type;
	c->line = line_of(n);
	c->ref_id = attr(r, n, "refId");
	c->spin = -1;
	c->default_item = -1;
	c->default_value = attr(r, n, "defaultValue");
	c->default_checked = bool_attr(r, n, "defaultChecked", 0);
	c->no_sort = bool_attr(r, n, "noSort", 0);
	if ((s = attr(r, n, "spin")) != NULL)
		c->spin = bool_attr(r, n, "spin", 1);
	num_attr_lax(r, n, "spinStep", UINT32_MAX, 0, &x);
	c->spin_step = x;
	if ((s = attr(r, n, "defaultItem")) != NULL && *s != '\0') {
		num_attr_lax(r, n, "defaultItem", INT32_MAX, 0, &x);
		c->default_item = (long)x;
	}
	if (c->type != HP_TC_TEXTBOX && c->type != HP_TC_COMBOBOX) {
		c->label = text_of(r, n);
		return 0;
	}
	for (k = n->children; k != NULL; k = k->next) {
		if (is(k, "label"))
			c->label = text_of(r, k);
		else if (is(k, "defaultValue") || is(k, "default"))
			c->default_value = text_of(r, k);
		else if (is(k, "suggestion")) {
			const char **sg = hp_tmpl_push(r->t, &c->suggestions,
			    &c->nsuggestions, sizeof(*sg));

			*sg = text_of(r, k);
		} else
			unknown(r, k, (const char *)n->name);
	}
	return 0;
}

static int
read_string_table(struct rd *r, xmlNodePtr n, struct hp_tmpl_lang *l)
{
	struct hp_tmpl_string *st;
	xmlNodePtr s;

	for (s = n->children; s != NULL; s = s->next) {
		if (!is(s, "string")) {
			unknown(r, s, "stringTable");
			continue;
		}
		st = hp_tmpl_push(r->t, &l->strings, &l->nstrings,
		    sizeof(*st));
		st->id = attr(r, s, "id");
		st->text = text_of(r, s);
		st->line = line_of(s);
		if (st->id == NULL)
			return hp_error_set(r->e, HP_E_INPUT, "%s:%lu: "
			    "<string> without an id", r->file, st->line);
	}
	return 0;
}

static int
read_presentation_table(struct rd *r, xmlNodePtr n, struct hp_tmpl_lang *l)
{
	struct hp_tmpl_presentation *p;
	xmlNodePtr s, k;

	for (s = n->children; s != NULL; s = s->next) {
		if (!is(s, "presentation")) {
			unknown(r, s, "presentationTable");
			continue;
		}
		p = hp_tmpl_push(r->t, &l->pres, &l->npres, sizeof(*p));
		p->id = attr(r, s, "id");
		p->line = line_of(s);
		if (p->id == NULL)
			return hp_error_set(r->e, HP_E_INPUT, "%s:%lu: "
			    "<presentation> without an id", r->file, p->line);
		for (k = s->children; k != NULL; k = k->next)
			if (k->type == XML_ELEMENT_NODE &&
			    read_control(r, k, p) == -1)
				return -1;
	}
	return 0;
}

int
hp_adml_read_doc(struct hp_tmpl *t, const char *lang, const char *file,
    xmlDocPtr doc, struct hp_warnings *w, struct hp_error *e)
{
	struct rd r = { t, file, w, e };
	xmlNodePtr root = xmlDocGetRootElement(doc), c, d;
	struct hp_tmpl_lang *l;

	if (root == NULL || !is(root, "policyDefinitionResources"))
		return hp_error_set(e, HP_E_INPUT, "%s: not an ADML file "
		    "(the root element is not policyDefinitionResources)",
		    file);
	l = hp_tmpl_push(t, &t->langs, &t->nlangs, sizeof(*l));
	l->lang = hp_tmpl_strdup(t, lang);
	l->file = hp_tmpl_strdup(t, file);
	l->revision = attr(&r, root, "revision");
	l->has_ns = root->ns != NULL;
	for (c = root->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, "displayName"))
			l->display = text_of(&r, c);
		else if (is(c, "description"))
			l->description = text_of(&r, c);
		else if (!is(c, "resources")) {
			unknown(&r, c, "policyDefinitionResources");
			continue;
		}
		for (d = c->children; d != NULL; d = d->next) {
			int rc = 0;

			if (is(d, "stringTable"))
				rc = read_string_table(&r, d, l);
			else if (is(d, "presentationTable"))
				rc = read_presentation_table(&r, d, l);
			else
				unknown(&r, d, "resources");
			if (rc == -1)
				return -1;
		}
	}
	return 0;
}

int
hp_adml_read(struct hp_tmpl *t, const char *lang, const char *file,
    const void *data, size_t len, struct hp_warnings *w, struct hp_error *e)
{
	xmlDocPtr doc;
	int r;

	if ((doc = hp_xml_read(file, data, len, e)) == NULL)
		return -1;
	r = hp_adml_read_doc(t, lang, file, doc, w, e);
	xmlFreeDoc(doc);
	return r;
}
