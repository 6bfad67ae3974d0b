/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Policy state to registry operations (formats.md C.5 and D.8, after
 * PolicyPlus SetPolicyState).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/patch.h"
#include "core/value.h"
#include "templates/template.h"

struct map {
	const struct hp_tmpl		*t;
	const struct hp_tmpl_policy	*p;
	enum hp_root			 root;
	struct hp_patch			*out;
	struct hp_error			*e;
};

static int
key_path(struct map *m, const char *key, struct hp_path *path)
{
	if (key == NULL || *key == '\0')
		return hp_error_set(m->e, HP_E_INPUT, "policy %s: no "
		    "registry key", m->p->name);
	if (hp_path_parse_relative(key, path, m->e) == -1)
		return -1;
	path->root = m->root;
	return 0;
}

static int
add(struct map *m, enum hp_op_kind kind, const char *key, const char *name,
    const struct hp_value *v)
{
	struct hp_path path = HP_PATH_INIT;
	int r = 0;

	if (key_path(m, key, &path) == -1)
		return -1;
	hp_patch_add(m->out, kind, &path, name, v, 0);
	hp_path_free(&path);
	return r;
}

static int
put_value(struct map *m, const char *key, const char *name,
    const struct hp_tmpl_value *tv)
{
	struct hp_value v = HP_VALUE_INIT;
	int r;

	switch (tv->kind) {
	case HP_TV_NONE:
		return 0;
	case HP_TV_DELETE:
		return add(m, HP_OP_DELETE_VALUE, key, name, NULL);
	case HP_TV_DECIMAL:
		hp_value_set_dword(&v, (uint32_t)tv->num);
		r = 0;
		break;
	case HP_TV_LONGDECIMAL:
		hp_value_set_qword(&v, tv->num);
		r = 0;
		break;
	case HP_TV_STRING:
		r = hp_value_set_string(&v, HP_REG_SZ, tv->str ? tv->str : "",
		    m->e);
		break;
	default:
		HP_BUG("bad template value kind");
	}
	if (r == 0)
		r = add(m, HP_OP_SET_VALUE, key, name, &v);
	hp_value_free(&v);
	return r;
}

static int
put_dword(struct map *m, const char *key, const char *name, uint32_t x)
{
	struct hp_tmpl_value tv = { HP_TV_DECIMAL, x, NULL };

	return put_value(m, key, name, &tv);
}

static int
put_list(struct map *m, const struct hp_tmpl_vlist *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct hp_tmpl_item *it = &l->v[i];
		const char *k = it->key ? it->key : l->default_key ?
		    l->default_key : key;

		if (put_value(m, k, it->value_name, &it->value) == -1)
			return -1;
	}
	return 0;
}

static const struct hp_tmpl_elemval *
find_val(const struct hp_tmpl_setting *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->nvals; i++)
		if (s->vals[i].id != NULL && strcasecmp(s->vals[i].id, id) == 0)
			return &s->vals[i];
	return NULL;
}

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if ((*s & 0xc0) != 0x80)
			n++;
	return n;
}

static const struct hp_tmpl_enum_item *
enum_pick(struct map *m, const struct hp_tmpl_elem *el,
    const struct hp_tmpl_elemval *ev)
{
	size_t i;
	char id[512];

	if (ev->has_num) {
		if (ev->num >= el->nitems) {
			hp_error_set(m->e, HP_E_INPUT, "policy %s: element "
			    "%s: item %" PRIu64 " out of range (0-%zu)",
			    m->p->name, el->id, ev->num, el->nitems - 1);
			return NULL;
		}
		return &el->items[ev->num];
	}
	for (i = 0; ev->str != NULL && i < el->nitems; i++) {
		const char *d = el->items[i].display;
		const char *rid = hp_tmpl_ref_id(d, "string", id, sizeof(id));

		if ((rid != NULL && strcasecmp(rid, ev->str) == 0) ||
		    strcasecmp(hp_tmpl_text(m->t, NULL, d), ev->str) == 0)
			return &el->items[i];
	}
	hp_error_set(m->e, HP_E_INPUT, "policy %s: element %s: no item "
	    "named \"%s\"", m->p->name, el->id, ev->str ? ev->str : "");
	return NULL;
}

static int
put_string(struct map *m, enum hp_op_kind kind, const char *key,
    const char *name, uint32_t type, const char *s)
{
	struct hp_value v = HP_VALUE_INIT;
	int r;

	if ((r = hp_value_set_string(&v, type, s, m->e)) == 0)
		r = add(m, kind, key, name, &v);
	hp_value_free(&v);
	return r;
}

/*
 * The value of an on/off state (a policy's enabled or disabled value, a
 * boolean's true or false value): when none is given, on writes
 * REG_DWORD 1 and off deletes the value.  Nothing without a name.
 */
static int
put_state_value(struct map *m, const char *key, const char *name,
    const struct hp_tmpl_value *v, int on)
{
	if (name == NULL)
		return 0;
	if (v->kind != HP_TV_NONE)
		return put_value(m, key, name, v);
	if (on)
		return put_dword(m, key, name, 1);
	return add(m, HP_OP_DELETE_VALUE, key, name, NULL);
}

static int
elem_boolean(struct map *m, const struct hp_tmpl_elem *el, const char *key,
    int on)
{
	if (put_state_value(m, key, el->value_name, on ? &el->true_value :
	    &el->false_value, on) == -1)
		return -1;
	return put_list(m, on ? &el->true_list : &el->false_list, key);
}

static int
elem_number(struct map *m, const struct hp_tmpl_elem *el, const char *key,
    enum hp_op_kind set, const struct hp_tmpl_elemval *ev)
{
	struct hp_value v = HP_VALUE_INIT;
	char num[32];
	int r;

	if (!ev->has_num)
		return hp_error_set(m->e, HP_E_INPUT, "policy %s: element %s "
		    "wants a number", m->p->name, el->id);
	if (ev->num < el->min || ev->num > el->max)
		return hp_error_set(m->e, HP_E_INPUT, "policy %s: element %s: "
		    "%" PRIu64 " is outside %" PRIu64 "-%" PRIu64, m->p->name,
		    el->id, ev->num, el->min, el->max);
	if (el->store_as_text) {
		snprintf(num, sizeof(num), "%" PRIu64, ev->num);
		return put_string(m, set, key, el->value_name, HP_REG_SZ,
		    num);
	}
	if (el->type == HP_TE_DECIMAL)
		hp_value_set_dword(&v, (uint32_t)ev->num);
	else
		hp_value_set_qword(&v, ev->num);
	r = add(m, set, key, el->value_name, &v);
	hp_value_free(&v);
	return r;
}

static int
elem_text(struct map *m, const struct hp_tmpl_elem *el, const char *key,
    enum hp_op_kind set, const struct hp_tmpl_elemval *ev)
{
	if (ev->str == NULL)
		return hp_error_set(m->e, HP_E_INPUT, "policy %s: element %s "
		    "wants text", m->p->name, el->id);
	if (el->max_length > 0 && utf8_chars(ev->str) > el->max_length)
		return hp_error_set(m->e, HP_E_INPUT, "policy %s: element %s: "
		    "text longer than %lu characters", m->p->name, el->id,
		    el->max_length);
	return put_string(m, set, key, el->value_name, el->expandable ?
	    HP_REG_EXPAND_SZ : HP_REG_SZ, ev->str);
}

static int
elem_enum(struct map *m, const struct hp_tmpl_elem *el, const char *key,
    const struct hp_tmpl_elemval *ev)
{
	const struct hp_tmpl_enum_item *it;

	if ((it = enum_pick(m, el, ev)) == NULL)
		return -1;
	if (el->value_name != NULL &&
	    put_value(m, key, el->value_name, &it->value) == -1)
		return -1;
	return put_list(m, &it->list, key);
}

/* The list's values: name and data pairs, or prefix1, prefix2, ... */
static int
elem_list(struct map *m, const struct hp_tmpl_elem *el, const char *key,
    const struct hp_tmpl_elemval *ev)
{
	struct hp_buf b = HP_BUF_INIT;
	size_t i;
	int r = 0;

	if (el->explicit_value && ev->nstrs % 2 != 0)
		return hp_error_set(m->e, HP_E_INPUT, "policy %s: element %s "
		    "wants name and data pairs", m->p->name, el->id);
	for (i = 0; r == 0 && i < ev->nstrs; i++) {
		const char *name = ev->strs[i], *data = ev->strs[i];

		hp_buf_reset(&b);
		if (el->explicit_value) {
			data = ev->strs[++i];
		} else if (el->value_prefix != NULL) {
			hp_buf_addf(&b, "%s%zu", el->value_prefix, i + 1);
			name = b.buf;
		}
		r = put_string(m, HP_OP_SET_VALUE, key, name, el->expandable ?
		    HP_REG_EXPAND_SZ : HP_REG_SZ, data);
	}
	hp_buf_release(&b);
	return r;
}

static int
elem_multitext(struct map *m, const struct hp_tmpl_elem *el,
    const char *key, enum hp_op_kind set, const struct hp_tmpl_elemval *ev)
{
	struct hp_value v = HP_VALUE_INIT;
	int r;

	if ((r = hp_value_set_multi(&v, ev->strs, ev->nstrs, m->e)) == 0)
		r = add(m, set, key, el->value_name, &v);
	hp_value_free(&v);
	return r;
}

static int
elem_enabled(struct map *m, const struct hp_tmpl_elem *el,
    const struct hp_tmpl_elemval *ev)
{
	const char *key = el->key ? el->key : m->p->key;
	enum hp_op_kind set = el->soft ? HP_OP_SET_VALUE_SOFT :
	    HP_OP_SET_VALUE;

	if (ev == NULL && el->required)
		return hp_error_set(m->e, HP_E_INPUT, "policy %s: element "
		    "%s is required", m->p->name, el->id);
	if (el->type == HP_TE_BOOLEAN)
		return elem_boolean(m, el, key, ev != NULL && ev->num != 0);
	/* A list is cleared even when no value is given. */
	if (el->type == HP_TE_LIST && !el->additive &&
	    add(m, HP_OP_DELETE_VALUES, key, NULL, NULL) == -1)
		return -1;
	if (ev == NULL)
		return 0;
	switch (el->type) {
	case HP_TE_DECIMAL:
	case HP_TE_LONGDECIMAL:
		return elem_number(m, el, key, set, ev);
	case HP_TE_TEXT:
		return elem_text(m, el, key, set, ev);
	case HP_TE_ENUM:
		return elem_enum(m, el, key, ev);
	case HP_TE_LIST:
		return elem_list(m, el, key, ev);
	case HP_TE_MULTITEXT:
		return elem_multitext(m, el, key, set, ev);
	case HP_TE_BOOLEAN:
		break;
	}
	return 0;
}

static int
elem_disabled(struct map *m, const struct hp_tmpl_elem *el)
{
	const char *key = el->key ? el->key : m->p->key;

	if (el->type == HP_TE_LIST)
		return add(m, HP_OP_DELETE_VALUES, key, NULL, NULL);
	if (el->type == HP_TE_BOOLEAN && (el->false_value.kind != HP_TV_NONE ||
	    el->false_list.n > 0)) {
		if (el->value_name != NULL &&
		    put_value(m, key, el->value_name, &el->false_value) == -1)
			return -1;
		return put_list(m, &el->false_list, key);
	}
	if (el->value_name == NULL)
		return 0;
	return add(m, HP_OP_DELETE_VALUE, key, el->value_name, NULL);
}

int
hp_tmpl_policy_to_patch(const struct hp_tmpl *t,
    const struct hp_tmpl_policy *p, const struct hp_tmpl_setting *s,
    enum hp_root root, struct hp_patch *out, struct hp_error *e)
{
	struct map m = { t, p, root, out, e };
	size_t i;

	if (s->state == HP_TMPL_NOT_CONFIGURED)
		return 0;
	for (i = 0; i < s->nvals; i++)
		if (s->vals[i].id == NULL ||
		    hp_tmpl_find_elem(p, s->vals[i].id) == NULL)
			return hp_error_set(e, HP_E_INPUT, "policy %s has "
			    "no element %s", p->name, s->vals[i].id ?
			    s->vals[i].id : "(null)");
	if (s->state == HP_TMPL_ENABLED) {
		if (put_state_value(&m, p->key, p->value_name,
		    &p->enabled_value, 1) == -1 ||
		    put_list(&m, &p->enabled_list, p->key) == -1)
			return -1;
		for (i = 0; i < p->nelems; i++)
			if (elem_enabled(&m, &p->elems[i],
			    find_val(s, p->elems[i].id)) == -1)
				return -1;
		return 0;
	}
	if (put_state_value(&m, p->key, p->value_name, &p->disabled_value,
	    0) == -1 || put_list(&m, &p->disabled_list, p->key) == -1)
		return -1;
	for (i = 0; i < p->nelems; i++)
		if (elem_disabled(&m, &p->elems[i]) == -1)
			return -1;
	return 0;
}
