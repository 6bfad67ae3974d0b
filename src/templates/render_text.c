/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "template show" as text: see render.h. */
#include <inttypes.h>
#include <string.h>

#include "core/buf.h"
#include "templates/render.h"
#include "templates/template.h"

static void
value_text(const struct hp_tmpl_value *v, struct hp_buf *b)
{
	switch (v->kind) {
	case HP_TV_NONE:
		hp_buf_adds(b, "-");
		break;
	case HP_TV_DELETE:
		hp_buf_adds(b, "delete");
		break;
	case HP_TV_DECIMAL:
		hp_buf_addf(b, "REG_DWORD %" PRIu64, v->num);
		break;
	case HP_TV_LONGDECIMAL:
		hp_buf_addf(b, "REG_QWORD %" PRIu64, v->num);
		break;
	case HP_TV_STRING:
		hp_buf_adds(b, "REG_SZ ");
		hp_buf_addrepr(b, v->str, strlen(v->str));
		break;
	}
}

/* What is particular to the element's type. */
static void
elem_type_text(const struct hp_tmpl *t, const struct hp_tmpl_elem *el,
    struct hp_buf *b)
{
	size_t i;

	switch (el->type) {
	case HP_TE_DECIMAL:
	case HP_TE_LONGDECIMAL:
		hp_buf_addf(b, " range %" PRIu64 "-%" PRIu64, el->min,
		    el->max);
		if (el->store_as_text)
			hp_buf_adds(b, " as text");
		break;
	case HP_TE_TEXT:
	case HP_TE_MULTITEXT:
		hp_buf_addf(b, " maxLength %lu", el->max_length);
		if (el->expandable)
			hp_buf_adds(b, " expandable");
		break;
	case HP_TE_ENUM:
		hp_buf_adds(b, " items");
		for (i = 0; i < el->nitems; i++) {
			hp_buf_addf(b, "%s\"%s\"=", i ? ", " : " ",
			    hp_tmpl_text(t, NULL, el->items[i].display));
			value_text(&el->items[i].value, b);
		}
		break;
	case HP_TE_LIST:
		if (el->value_prefix != NULL)
			hp_buf_addf(b, " prefix \"%s\"", el->value_prefix);
		if (el->explicit_value)
			hp_buf_adds(b, " explicit");
		if (el->additive)
			hp_buf_adds(b, " additive");
		if (el->expandable)
			hp_buf_adds(b, " expandable");
		break;
	case HP_TE_BOOLEAN:
		hp_buf_adds(b, " on ");
		value_text(&el->true_value, b);
		hp_buf_adds(b, " off ");
		value_text(&el->false_value, b);
		break;
	}
}

/* The constraints of an element, one line. */
static void
elem_text(const struct hp_tmpl *t, const struct hp_tmpl_elem *el,
    struct hp_buf *b)
{
	hp_buf_addf(b, "  element: %s %s", hp_tmpl_etype_name(el->type),
	    el->id);
	if (el->key != NULL)
		hp_buf_addf(b, " key %s", el->key);
	if (el->value_name != NULL)
		hp_buf_addf(b, " value \"%s\"", el->value_name);
	elem_type_text(t, el, b);
	if (el->required)
		hp_buf_adds(b, " required");
	if (el->soft)
		hp_buf_adds(b, " soft");
	hp_buf_addc(b, '\n');
}

/* The policy's own value: what Enabled and Disabled write. */
static void
policy_value_text(const struct hp_tmpl_policy *p, struct hp_buf *b)
{
	hp_buf_addf(b, "  value: \"%s\" enabled ", p->value_name);
	if (p->enabled_value.kind == HP_TV_NONE)
		hp_buf_adds(b, "REG_DWORD 1");
	else
		value_text(&p->enabled_value, b);
	hp_buf_adds(b, ", disabled ");
	if (p->disabled_value.kind == HP_TV_NONE)
		hp_buf_adds(b, "delete");
	else
		value_text(&p->disabled_value, b);
	hp_buf_addc(b, '\n');
}

static void
vlist_text(const struct hp_tmpl_vlist *l, const char *what,
    struct hp_buf *b)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		hp_buf_addf(b, "  %s list: \"%s\" ", what, l->v[i].value_name);
		value_text(&l->v[i].value, b);
		hp_buf_addc(b, '\n');
	}
}

static void
policy_text(const struct hp_tmpl *t, const struct hp_tmpl_policy *p,
    struct hp_buf *b)
{
	const struct hp_tmpl_category *cat = NULL;
	size_t i;

	for (i = 0; p->parent != NULL && i < t->ncats; i++)
		if (strcmp(t->cats[i].name, p->parent) == 0)
			cat = &t->cats[i];
	hp_buf_addf(b, "%s [%s] \"%s\"\n", p->name,
	    hp_tmpl_class_name(p->cls), hp_tmpl_text(t, NULL, p->display));
	if (cat != NULL)
		hp_buf_addf(b, "  category: %s \"%s\"\n", cat->name,
		    hp_tmpl_text(t, NULL, cat->display));
	else if (p->parent != NULL)
		hp_buf_addf(b, "  category: %s\n", p->parent);
	hp_buf_addf(b, "  key: %s\n", p->key);
	if (p->value_name != NULL)
		policy_value_text(p, b);
	vlist_text(&p->enabled_list, "enabled", b);
	vlist_text(&p->disabled_list, "disabled", b);
	for (i = 0; i < p->nelems; i++)
		elem_text(t, &p->elems[i], b);
}

void
hp_tmpl_render_text(const struct hp_tmpl *t, struct hp_buf *out)
{
	size_t i;

	for (i = 0; i < t->npolicies; i++)
		policy_text(t, &t->policies[i], out);
}
