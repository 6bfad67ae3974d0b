/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The JSON form of "template show": an array with one object a policy, its
 * elements and their constraints, named as the ADMX attributes are.
 */
#include <json-c/json.h>

#include "core/buf.h"
#include "core/error.h"
#include "formats/json.h"
#include "templates/render.h"
#include "templates/template.h"

static struct json_object *
value_json(const struct hp_tmpl_value *v)
{
	struct json_object *o;

	if (v->kind == HP_TV_NONE)
		return NULL;
	o = json_object_new_object();
	switch (v->kind) {
	case HP_TV_DELETE:
		json_object_object_add(o, "delete", json_object_new_boolean(1));
		break;
	case HP_TV_DECIMAL:
	case HP_TV_LONGDECIMAL:
		json_object_object_add(o, v->kind == HP_TV_DECIMAL ?
		    "decimal" : "longDecimal", json_object_new_uint64(v->num));
		break;
	default:
		json_object_object_add(o, "string",
		    json_object_new_string(v->str));
	}
	return o;
}

static void
add_str(struct json_object *o, const char *k, const char *v)
{
	if (v != NULL)
		json_object_object_add(o, k, json_object_new_string(v));
}

static void
add_bool(struct json_object *o, const char *k, int v)
{
	json_object_object_add(o, k, json_object_new_boolean(v));
}

static void
add_uint(struct json_object *o, const char *k, uint64_t v)
{
	json_object_object_add(o, k, json_object_new_uint64(v));
}

/* Adds k: v unless v is absent. */
static void
add_value(struct json_object *o, const char *k, const struct hp_tmpl_value *v)
{
	if (v->kind != HP_TV_NONE)
		json_object_object_add(o, k, value_json(v));
}

static struct json_object *
vlist_json(const struct hp_tmpl_vlist *l, const char *key)
{
	struct json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; i < l->n; i++) {
		struct json_object *o = json_object_new_object();

		add_str(o, "key", l->v[i].key ? l->v[i].key : l->default_key ?
		    l->default_key : key);
		add_str(o, "valueName", l->v[i].value_name);
		json_object_object_add(o, "value", value_json(&l->v[i].value));
		json_object_array_add(a, o);
	}
	return a;
}

/* Adds k: the list, unless it is empty. */
static void
add_vlist(struct json_object *o, const char *k, const struct hp_tmpl_vlist *l,
    const char *key)
{
	if (l->n > 0)
		json_object_object_add(o, k, vlist_json(l, key));
}

static struct json_object *
items_json(const struct hp_tmpl *t, const struct hp_tmpl_elem *el,
    const char *key)
{
	struct json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; i < el->nitems; i++) {
		struct json_object *it = json_object_new_object();

		add_str(it, "displayName", hp_tmpl_text(t, NULL,
		    el->items[i].display));
		json_object_object_add(it, "value",
		    value_json(&el->items[i].value));
		add_vlist(it, "valueList", &el->items[i].list, key);
		json_object_array_add(a, it);
	}
	return a;
}

static struct json_object *
elem_json(const struct hp_tmpl *t, const struct hp_tmpl_policy *p,
    const struct hp_tmpl_elem *el)
{
	struct json_object *o = json_object_new_object();
	const char *key = el->key ? el->key : p->key;

	add_str(o, "id", el->id);
	add_str(o, "type", hp_tmpl_etype_name(el->type));
	add_str(o, "key", key);
	add_str(o, "valueName", el->value_name);
	add_bool(o, "required", el->required);
	switch (el->type) {
	case HP_TE_DECIMAL:
	case HP_TE_LONGDECIMAL:
		add_uint(o, "minValue", el->min);
		add_uint(o, "maxValue", el->max);
		add_bool(o, "storeAsText", el->store_as_text);
		break;
	case HP_TE_TEXT:
	case HP_TE_MULTITEXT:
		add_uint(o, "maxLength", el->max_length);
		add_bool(o, "expandable", el->expandable);
		break;
	case HP_TE_ENUM:
		json_object_object_add(o, "items", items_json(t, el, key));
		break;
	case HP_TE_LIST:
		add_str(o, "valuePrefix", el->value_prefix);
		add_bool(o, "explicitValue", el->explicit_value);
		add_bool(o, "additive", el->additive);
		add_bool(o, "expandable", el->expandable);
		break;
	case HP_TE_BOOLEAN:
		json_object_object_add(o, "trueValue",
		    value_json(&el->true_value));
		json_object_object_add(o, "falseValue",
		    value_json(&el->false_value));
		break;
	}
	return o;
}

static struct json_object *
policy_json(const struct hp_tmpl *t, const struct hp_tmpl_policy *p)
{
	struct json_object *o = json_object_new_object(), *a;
	size_t i;

	add_str(o, "name", p->name);
	add_str(o, "class", hp_tmpl_class_name(p->cls));
	add_str(o, "displayName", hp_tmpl_text(t, NULL, p->display));
	add_str(o, "category", p->parent);
	add_str(o, "key", p->key);
	add_str(o, "valueName", p->value_name);
	add_value(o, "enabledValue", &p->enabled_value);
	add_value(o, "disabledValue", &p->disabled_value);
	add_vlist(o, "enabledList", &p->enabled_list, p->key);
	add_vlist(o, "disabledList", &p->disabled_list, p->key);
	a = json_object_new_array();
	for (i = 0; i < p->nelems; i++)
		json_object_array_add(a, elem_json(t, p, &p->elems[i]));
	json_object_object_add(o, "elements", a);
	return o;
}

int
hp_tmpl_render_json(const struct hp_tmpl *t, struct hp_buf *out,
    struct hp_error *e)
{
	struct json_object *arr = json_object_new_array();
	size_t i;
	int r;

	for (i = 0; i < t->npolicies; i++)
		json_object_array_add(arr, policy_json(t, &t->policies[i]));
	r = hp_json_append(out, arr, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_SPACED, e);
	json_object_put(arr);
	return r;
}
