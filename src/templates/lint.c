/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "core/limits.h"
#include "templates/adm.h"
#include "templates/admx.h"
#include "templates/lint.h"
#include "templates/template.h"

/* Appends a finding, taking ownership of text. */
static void
lint_push(struct hp_lint *l, enum hp_lint_level level, char *text)
{
	HP_ALLOC_GROW(l->v, l->n + 1, l->cap);
	l->v[l->n].level = level;
	l->v[l->n++].text = text;
	if (level == HP_LINT_ERROR)
		l->nerrors++;
	else
		l->nwarnings++;
}

void
hp_lint_add(struct hp_lint *l, enum hp_lint_level level, const char *file,
    unsigned long line, const char *fmt, ...)
{
	struct hp_buf b = HP_BUF_INIT;
	va_list ap;
	char msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line > 0)
		hp_buf_addf(&b, "%s:%lu: ", file, line);
	else
		hp_buf_addf(&b, "%s: ", file);
	hp_buf_addf(&b, "%s: %s", level == HP_LINT_ERROR ? "error" :
	    "warning", msg);
	lint_push(l, level, hp_buf_detach(&b, NULL));
}

void
hp_lint_free(struct hp_lint *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	if (l->schema != NULL)
		xmlSchemaFree(l->schema);
	l->v = NULL;
	l->n = l->cap = l->nerrors = l->nwarnings = 0;
	l->schema = NULL;
}

/* "M.N" revisions compare numerically, part by part. */
static int
rev_cmp(const char *a, const char *b)
{
	unsigned long a1 = 0, a2 = 0, b1 = 0, b2 = 0;

	sscanf(a, "%lu.%lu", &a1, &a2);
	sscanf(b, "%lu.%lu", &b1, &b2);
	if (a1 != b1)
		return a1 < b1 ? -1 : 1;
	return a2 < b2 ? -1 : a2 > b2;
}

struct ck {
	const struct hp_tmpl		*t;
	const struct hp_tmpl_lang	*lang;
	struct hp_lint			*l;
	const char			*file;	/* the ADMX (or ADM) */
};

/* A "$(string.X)" reference must exist in the language. */
static void
check_string(struct ck *c, const char *ref, unsigned long line,
    const char *what, const char *name)
{
	char id[512];

	if (ref == NULL)
		return;
	if (hp_tmpl_ref_id(ref, "string", id, sizeof(id)) == NULL) {
		hp_lint_add(c->l, HP_LINT_ERROR, c->file, line, "%s %s: \"%s\" "
		    "is not a $(string.ID) reference", what, name, ref);
		return;
	}
	if (c->lang != NULL && hp_tmpl_find_string(c->lang, id) == NULL)
		hp_lint_add(c->l, HP_LINT_ERROR, c->file, line, "%s %s: "
		    "string %s is missing from %s", what, name, id,
		    c->lang->file);
}

/* A category or supportedOn reference: local, or through a prefix. */
static void
check_ref(struct ck *c, const char *ref, unsigned long line,
    const char *what, const char *name, int cat)
{
	const struct hp_tmpl *t = c->t;
	const char *colon = strchr(ref, ':'), *local = ref;
	size_t i, plen;

	if (colon != NULL) {
		plen = colon - ref;
		local = colon + 1;
		if (t->target.prefix != NULL &&
		    strlen(t->target.prefix) == plen &&
		    strncmp(t->target.prefix, ref, plen) == 0)
			goto local;
		for (i = 0; i < t->nusings; i++)
			if (t->usings[i].prefix != NULL &&
			    strlen(t->usings[i].prefix) == plen &&
			    strncmp(t->usings[i].prefix, ref, plen) == 0)
				return;	/* external: resolved elsewhere */
		hp_lint_add(c->l, HP_LINT_ERROR, c->file, line, "%s %s: "
		    "reference %s uses an undeclared prefix", what, name, ref);
		return;
	}
local:
	if (cat) {
		for (i = 0; i < t->ncats; i++)
			if (strcmp(t->cats[i].name, local) == 0)
				return;
	} else {
		for (i = 0; i < t->nsupdefs; i++)
			if (strcmp(t->supdefs[i].name, local) == 0)
				return;
	}
	/*
	 * A warning: Windows' own inetres.admx names an undefined parent
	 * category, Samba's and adsys's files (made for the editor) an
	 * undefined supportedOn, and the editor loads them.
	 */
	hp_lint_add(c->l, HP_LINT_WARNING, c->file, line, "%s %s: %s %s is "
	    "not defined", what, name, cat ? "category" :
	    "supportedOn definition", ref);
}

static void
check_key(struct ck *c, const char *key, unsigned long line,
    const char *name)
{
	if (key != NULL && (strncasecmp(key, "HKEY_", 5) == 0 ||
	    strncasecmp(key, "HKLM\\", 5) == 0 ||
	    strncasecmp(key, "HKCU\\", 5) == 0 || key[0] == '\\'))
		hp_lint_add(c->l, HP_LINT_ERROR, c->file, line, "policy %s: "
		    "key \"%s\" must be relative (no root key)", name, key);
}

static void
check_vlist(struct ck *c, const struct hp_tmpl_vlist *vl,
    const char *name)
{
	size_t i;

	for (i = 0; i < vl->n; i++)
		check_key(c, vl->v[i].key, vl->v[i].line, name);
}

/*
 * The policy's own references; returns its presentation, or NULL if it
 * has none or it cannot be found.
 */
static const struct hp_tmpl_presentation *
check_policy_refs(struct ck *c, const struct hp_tmpl_policy *p)
{
	const struct hp_tmpl_presentation *pr = NULL;
	char id[512];

	check_string(c, p->display, p->line, "policy", p->name);
	check_string(c, p->explain, p->line, "policy", p->name);
	check_key(c, p->key, p->line, p->name);
	check_vlist(c, &p->enabled_list, p->name);
	check_vlist(c, &p->disabled_list, p->name);
	if (p->parent != NULL)
		check_ref(c, p->parent, p->line, "policy", p->name, 1);
	if (p->supported != NULL)
		check_ref(c, p->supported, p->line, "policy", p->name, 0);
	if (p->presentation == NULL) {
		if (p->nelems > 0)
			hp_lint_add(c->l, HP_LINT_ERROR, c->file, p->line,
			    "policy %s has elements but no presentation",
			    p->name);
	} else if (hp_tmpl_ref_id(p->presentation, "presentation", id,
	    sizeof(id)) == NULL)
		hp_lint_add(c->l, HP_LINT_ERROR, c->file, p->line, "policy %s: "
		    "\"%s\" is not a $(presentation.ID) reference", p->name,
		    p->presentation);
	else if (c->lang != NULL &&
	    (pr = hp_tmpl_find_pres(c->lang, id)) == NULL)
		hp_lint_add(c->l, HP_LINT_ERROR, c->file, p->line, "policy %s: "
		    "presentation %s is missing from %s", p->name, id,
		    c->lang->file);
	return pr;
}

/* Element i of p; pr is p's presentation (NULL: not checked against). */
static void
check_elem(struct ck *c, const struct hp_tmpl_policy *p, size_t i,
    const struct hp_tmpl_presentation *pr)
{
	const struct hp_tmpl_elem *el = &p->elems[i];
	size_t j;

	for (j = 0; j < i; j++)
		if (strcmp(p->elems[j].id, el->id) == 0)
			hp_lint_add(c->l, HP_LINT_ERROR, c->file, el->line,
			    "policy %s: element id %s is used twice", p->name,
			    el->id);
	check_key(c, el->key, el->line, p->name);
	if ((el->type == HP_TE_DECIMAL || el->type == HP_TE_LONGDECIMAL) &&
	    el->min > el->max)
		hp_lint_add(c->l, HP_LINT_ERROR, c->file, el->line, "policy %s: "
		    "element %s: minValue is above maxValue", p->name, el->id);
	/* An empty prefix changes nothing, so only warn (Mozilla). */
	if (el->type == HP_TE_LIST && el->explicit_value &&
	    el->value_prefix != NULL)
		hp_lint_add(c->l, *el->value_prefix ? HP_LINT_ERROR :
		    HP_LINT_WARNING, c->file, el->line, "policy %s: list %s: "
		    "explicitValue and valuePrefix cannot be combined",
		    p->name, el->id);
	if (el->type != HP_TE_LIST && el->type != HP_TE_BOOLEAN &&
	    el->value_name == NULL)
		hp_lint_add(c->l, HP_LINT_ERROR, c->file, el->line, "policy %s: "
		    "element %s has no valueName", p->name, el->id);
	for (j = 0; j < el->nitems; j++)
		check_string(c, el->items[j].display, el->items[j].line,
		    "enum item of", el->id);
	if (pr == NULL)
		return;
	for (j = 0; j < pr->ncontrols; j++)
		if (pr->controls[j].ref_id != NULL &&
		    strcmp(pr->controls[j].ref_id, el->id) == 0)
			return;
	hp_lint_add(c->l, HP_LINT_ERROR, c->file, el->line, "policy %s: "
	    "element %s has no control in presentation %s", p->name, el->id,
	    pr->id);
}

/* Each control of pr must name an element of p that it fits. */
static void
check_controls(struct ck *c, const struct hp_tmpl_policy *p,
    const struct hp_tmpl_presentation *pr)
{
	size_t i, j;

	for (j = 0; j < pr->ncontrols; j++) {
		const struct hp_tmpl_control *ct = &pr->controls[j];
		const struct hp_tmpl_elem *el = NULL;

		if (ct->type == HP_TC_TEXT)
			continue;
		for (i = 0; ct->ref_id != NULL && i < p->nelems; i++)
			if (strcmp(p->elems[i].id, ct->ref_id) == 0)
				el = &p->elems[i];
		if (el == NULL)
			hp_lint_add(c->l, HP_LINT_ERROR, c->lang->file,
			    ct->line, "presentation %s: %s refId %s names no "
			    "element of policy %s", pr->id,
			    hp_tmpl_ctype_name(ct->type),
			    ct->ref_id ? ct->ref_id : "(none)", p->name);
		else if (!hp_tmpl_ctype_fits(ct->type, el->type))
			hp_lint_add(c->l, HP_LINT_ERROR, c->lang->file,
			    ct->line, "presentation %s: %s %s does not fit "
			    "element %s, a %s", pr->id,
			    hp_tmpl_ctype_name(ct->type), ct->ref_id, el->id,
			    hp_tmpl_etype_name(el->type));
	}
}

static void
check_policy(struct ck *c, const struct hp_tmpl_policy *p)
{
	const struct hp_tmpl_presentation *pr = check_policy_refs(c, p);
	size_t i;

	for (i = 0; i < p->nelems; i++)
		check_elem(c, p, i, pr);
	if (pr != NULL)
		check_controls(c, p, pr);
}

/* Where the name and line of a kind of definition are. */
struct defkind {
	const char	*what;
	size_t		 size, name, line;
	int		 first;	/* the message gives the first's line */
};

#define DEFKIND(what, type, name, first) \
	{ what, sizeof(type), offsetof(type, name), offsetof(type, line), \
	    first }

static const struct defkind def_category =
    DEFKIND("category", struct hp_tmpl_category, name, 1);
static const struct defkind def_supdef =
    DEFKIND("supportedOn definition", struct hp_tmpl_supdef, name, 0);
static const struct defkind def_policy =
    DEFKIND("policy", struct hp_tmpl_policy, name, 1);
static const struct defkind def_string =
    DEFKIND("string", struct hp_tmpl_string, id, 1);
static const struct defkind def_pres =
    DEFKIND("presentation", struct hp_tmpl_presentation, id, 0);

static const char *
def_name(const void *v, size_t i, const struct defkind *k)
{
	return *(const char *const *)(const void *)((const char *)v +
	    i * k->size + k->name);
}

static unsigned long
def_line(const void *v, size_t i, const struct defkind *k)
{
	return *(const unsigned long *)(const void *)((const char *)v +
	    i * k->size + k->line);
}

/* Definition i of the array v must not repeat an earlier one's name. */
static void
check_twice(struct hp_lint *l, const char *file, const void *v, size_t i,
    const struct defkind *k)
{
	const char *name = def_name(v, i, k);
	size_t j;

	for (j = 0; j < i; j++) {
		if (strcmp(def_name(v, j, k), name) != 0)
			continue;
		if (k->first)
			hp_lint_add(l, HP_LINT_ERROR, file, def_line(v, i, k),
			    "%s %s is defined twice (first at line %lu)",
			    k->what, name, def_line(v, j, k));
		else
			hp_lint_add(l, HP_LINT_ERROR, file, def_line(v, i, k),
			    "%s %s is defined twice", k->what, name);
	}
}

/* The language's own checks: unique ids, a recent enough revision. */
static void
check_lang(struct ck *c)
{
	const struct hp_tmpl_lang *lg = c->lang;
	size_t i;

	for (i = 0; i < lg->nstrings; i++)
		check_twice(c->l, lg->file, lg->strings, i, &def_string);
	for (i = 0; i < lg->npres; i++)
		check_twice(c->l, lg->file, lg->pres, i, &def_pres);
	if (c->t->min_required_revision != NULL && lg->revision != NULL &&
	    rev_cmp(lg->revision, c->t->min_required_revision) < 0)
		hp_lint_add(c->l, HP_LINT_ERROR, lg->file, 0, "revision %s is "
		    "below the ADMX's minRequiredRevision %s", lg->revision,
		    c->t->min_required_revision);
}

void
hp_lint_model(const struct hp_tmpl *t, const char *lang, struct hp_lint *l)
{
	struct ck c = { t, hp_tmpl_find_lang(t, lang), l, t->file };
	size_t i;

	if (t->target.prefix == NULL || t->target.ns == NULL)
		hp_lint_add(l, HP_LINT_ERROR, c.file, 0, "no policyNamespaces "
		    "target with a prefix and a namespace");
	for (i = 0; i < t->ncats; i++) {
		const struct hp_tmpl_category *cat = &t->cats[i];

		check_twice(l, c.file, t->cats, i, &def_category);
		check_string(&c, cat->display, cat->line, "category",
		    cat->name);
		check_string(&c, cat->explain, cat->line, "category",
		    cat->name);
		if (cat->parent != NULL)
			check_ref(&c, cat->parent, cat->line, "category",
			    cat->name, 1);
	}
	for (i = 0; i < t->nsupdefs; i++) {
		check_twice(l, c.file, t->supdefs, i, &def_supdef);
		check_string(&c, t->supdefs[i].display, t->supdefs[i].line,
		    "supportedOn definition", t->supdefs[i].name);
	}
	for (i = 0; i < t->npolicies; i++) {
		check_twice(l, c.file, t->policies, i, &def_policy);
		check_policy(&c, &t->policies[i]);
	}
	if (c.lang != NULL)
		check_lang(&c);
}

struct vctx {
	struct hp_lint	*l;
	const char	*file;
};

static void
on_xsd_error(void *arg, xmlErrorPtr err)
{
	struct vctx *v = arg;
	struct hp_buf b = HP_BUF_INIT;
	const char *m = err->message ? err->message : "invalid", *s;
	size_t n;

	/* Drop "{namespace}" from element names: it is always ours. */
	while ((s = strstr(m, "{http")) != NULL && strchr(s, '}') != NULL) {
		hp_buf_add(&b, m, s - m);
		m = strchr(s, '}') + 1;
	}
	hp_buf_adds(&b, m);
	n = b.len;
	while (n > 0 && (b.buf[n - 1] == '\n' || b.buf[n - 1] == ' '))
		b.buf[--n] = '\0';
	/*
	 * Schema deviations are warnings: the Group Policy editor loads
	 * Microsoft's own files that break the XSD (SecGuide's stray ">",
	 * Mozilla's name patterns, attributes the schema does not allow);
	 * what the editor rejects is an error of the reader or of
	 * hp_lint_model (docs/templates.md).
	 */
	hp_lint_add(v->l, HP_LINT_WARNING, v->file, err->line,
	    "XSD (tolerated by Windows): %s", b.buf);
	hp_buf_release(&b);
}

static void
set_ns(xmlNodePtr n, xmlNsPtr ns)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns == NULL || strcmp((const char *)n->ns->href,
		    HP_TMPL_NS_OLD) == 0)
			n->ns = ns;
		set_ns(n->children, ns);
	}
}

static void
xsd_check(struct hp_lint *l, const char *file, xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlSchemaValidCtxtPtr vc;
	struct vctx v = { l, file };
	xmlNsPtr ns;

	if (root == NULL)
		return;
	if (root->ns == NULL || strcmp((const char *)root->ns->href,
	    HP_TMPL_NS) != 0) {
		hp_lint_add(l, HP_LINT_WARNING, file, (unsigned long)xmlGetLineNo(root),
		    "root element %s is in %s%s, not in %s; validated as if it "
		    "were", (const char *)root->name, root->ns ? "namespace " :
		    "no namespace", root->ns ? (const char *)root->ns->href :
		    "", HP_TMPL_NS);
		if ((ns = xmlNewNs(root, (const xmlChar *)HP_TMPL_NS,
		    (const xmlChar *)"hpns")) == NULL)
			return;
		set_ns(root, ns);
	}
	if (l->schema == NULL)
		return;
	if ((vc = xmlSchemaNewValidCtxt(l->schema)) == NULL)
		return;
	xmlSchemaSetValidStructuredErrors(vc, on_xsd_error, &v);
	xmlSchemaValidateDoc(vc, doc);
	xmlSchemaFreeValidCtxt(vc);
}

/* Parses the XSD of l->schema_dir once, for every file linted. */
static void
schema_load(struct hp_lint *l)
{
	struct hp_buf path = HP_BUF_INIT;
	xmlSchemaParserCtxtPtr pc;

	if (l->schema != NULL || l->schema_dir == NULL)
		return;
	hp_buf_addf(&path, "%s/PolicyDefinitionFiles.xsd", l->schema_dir);
	if ((pc = xmlSchemaNewParserCtxt(path.buf)) != NULL) {
		xmlSchemaSetParserStructuredErrors(pc, NULL, NULL);
		l->schema = xmlSchemaParse(pc);
		xmlSchemaFreeParserCtxt(pc);
	}
	hp_buf_release(&path);
}

/* Reader warnings are "FILE:LINE: msg"; the level goes after the place. */
static void
warnings_to_lint(struct hp_warnings *w, struct hp_lint *l)
{
	const char *m, *sep;
	size_t i;

	for (i = 0; i < w->n; i++) {
		m = w->msgs[i];
		if ((sep = strstr(m, ": ")) == NULL) {
			hp_lint_add(l, HP_LINT_WARNING, "template", 0, "%s", m);
			continue;
		}
		{
			struct hp_buf b = HP_BUF_INIT;

			hp_buf_add(&b, m, sep - m);
			hp_buf_addf(&b, ": warning: %s", sep + 2);
			lint_push(l, HP_LINT_WARNING, hp_buf_detach(&b, NULL));
		}
	}
	hp_warnings_release(w);
}

/* An ADML on its own: its structure and its string and presentation tables. */
static int
lint_adml_alone(struct hp_tmpl *t, const char *path, const char *lang,
    xmlDocPtr doc, struct hp_lint *l, struct hp_error *e)
{
	struct hp_warnings w = HP_WARNINGS_INIT;
	struct ck c = { t, NULL, l, path };

	if (hp_adml_read_doc(t, lang, path, doc, &w, e) == -1) {
		hp_warnings_release(&w);
		return -1;
	}
	warnings_to_lint(&w, l);
	xsd_check(l, path, doc);
	c.lang = hp_tmpl_find_lang(t, lang);
	check_lang(&c);
	return 0;
}

static int
is_adml_doc(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);

	return root != NULL &&
	    strcmp((const char *)root->name, "policyDefinitionResources") == 0;
}

int
hp_lint_file(const char *path, const char *lang, struct hp_lint *l,
    struct hp_error *e)
{
	return hp_lint_file_with(path, NULL, lang, l, e);
}

int
hp_lint_file_with(const char *path, const char *adml_path, const char *lang,
    struct hp_lint *l, struct hp_error *e)
{
	struct hp_warnings w = HP_WARNINGS_INIT;
	struct hp_buf data = HP_BUF_INIT;
	struct hp_tmpl *t;
	xmlDocPtr doc = NULL;
	char *adml = NULL;
	int r = -1;

	if (lang == NULL)
		lang = "en-US";
	t = hp_tmpl_new();
	if (hp_file_read(path, HP_MAX_INPUT_SIZE, &data, e) == -1)
		goto out;
	if (hp_adm_sniff(data.buf, data.len)) {
		if (hp_adm_read(t, path, data.buf, data.len, lang, 0, &w, e) ==
		    -1)
			goto out;
		warnings_to_lint(&w, l);
		hp_lint_model(t, lang, l);
		r = 0;
		goto out;
	}
	schema_load(l);
	if (l->schema == NULL)
		hp_lint_add(l, HP_LINT_WARNING, path, 0, "ADMX schema not "
		    "found%s%s%s; XSD validation skipped", l->schema_hint ?
		    " (" : "", l->schema_hint ? l->schema_hint : "",
		    l->schema_hint ? ")" : "");
	if ((doc = hp_xml_read(path, data.buf, data.len, e)) == NULL)
		goto out;
	if (is_adml_doc(doc)) {
		r = lint_adml_alone(t, path, lang, doc, l, e);
		goto out;
	}
	if (hp_admx_read_doc(t, path, doc, &w, e) == -1)
		goto out;
	warnings_to_lint(&w, l);
	xsd_check(l, path, doc);
	xmlFreeDoc(doc);
	doc = NULL;
	if (adml_path != NULL)
		adml = hp_strdup(adml_path);
	else if ((adml = hp_tmpl_adml_path(path, lang)) == NULL) {
		hp_lint_add(l, HP_LINT_ERROR, path, 0, "no %s ADML found "
		    "(looked in %s/ and beside the ADMX)", lang, lang);
		hp_lint_model(t, lang, l);
		r = 0;
		goto out;
	}
	hp_buf_reset(&data);
	if (hp_file_read(adml, HP_MAX_INPUT_SIZE, &data, e) == -1 ||
	    (doc = hp_xml_read(adml, data.buf, data.len, e)) == NULL ||
	    hp_adml_read_doc(t, lang, adml, doc, &w, e) == -1)
		goto out;
	warnings_to_lint(&w, l);
	xsd_check(l, adml, doc);
	hp_lint_model(t, lang, l);
	r = 0;
out:
	hp_warnings_release(&w);
	xmlFreeDoc(doc);
	free(adml);
	hp_buf_release(&data);
	hp_tmpl_free(t);
	return r;
}
