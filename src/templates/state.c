/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Registry to policy state: the reverse of mapping.c, after PolicyPlus
 * GetPolicyState (formats.md D.8).  Enabled when the policy's own value or
 * enabledList says so; Disabled when disabledValue/disabledList match or
 * the value was deleted by a Disabled policy; Mismatch when the value is
 * there but matches neither; else Not configured.  For a policy without a
 * value of its own, any element value present means Enabled.  Absent
 * values are no trace: a Disabled state that only deletes reads as Not
 * configured, with a note that the two cannot be told apart offline.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/value.h"
#include "core/view.h"
#include "templates/template.h"

struct rs {
	const struct hp_tmpl_policy	*p;
	const struct hp_view		*v;
	enum hp_root			 root;
	struct hp_error			*e;
};

/* 0 read, 1 absent (or outside the view), -1 error. */
static int
get(struct rs *r, const char *key, const char *name, struct hp_value *out)
{
	struct hp_path path = HP_PATH_INIT;
	int rc;

	if (hp_path_parse_relative(key, &path, r->e) == -1)
		return -1;
	path.root = r->root;
	rc = hp_view_get(r->v, &path, name, out, r->e);
	hp_path_free(&path);
	return rc;
}

static int
to_value(const struct hp_tmpl_value *tv, struct hp_value *v)
{
	switch (tv->kind) {
	case HP_TV_DECIMAL:
		hp_value_set_dword(v, (uint32_t)tv->num);
		return 0;
	case HP_TV_LONGDECIMAL:
		hp_value_set_qword(v, tv->num);
		return 0;
	case HP_TV_STRING:
		return hp_value_set_string(v, HP_REG_SZ, tv->str ? tv->str :
		    "", NULL);
	default:
		return -1;
	}
}

/* 1 if the registry holds tv at key/name (DELETE: the value is absent). */
static int
matches(struct rs *r, const char *key, const char *name,
    const struct hp_tmpl_value *tv)
{
	struct hp_value have = HP_VALUE_INIT, want = HP_VALUE_INIT;
	int rc, m = 0;

	if ((rc = get(r, key, name, &have)) == -1)
		return -1;
	if (tv->kind == HP_TV_DELETE)
		m = rc == 1;
	else if (rc == 0 && to_value(tv, &want) == 0)
		m = hp_value_equal(&have, &want);
	hp_value_free(&have);
	hp_value_free(&want);
	return m;
}

/* 1 if no item of l writes a value (each deletes one). */
static int
list_only_deletes(const struct hp_tmpl_vlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].value.kind != HP_TV_DELETE)
			return 0;
	return 1;
}

/* 1 if the Disabled state of p writes no value: it only deletes. */
static int
disabled_leaves_nothing(const struct hp_tmpl_policy *p)
{
	return (p->value_name == NULL ||
	    p->disabled_value.kind == HP_TV_NONE ||
	    p->disabled_value.kind == HP_TV_DELETE) &&
	    list_only_deletes(&p->disabled_list);
}

/*
 * 1 if every item of a non-empty list matches, 0 if not, -1 error.  A
 * list that only deletes matches nothing: an absent value is no trace.
 */
static int
list_matches(struct rs *r, const struct hp_tmpl_vlist *l, const char *key)
{
	size_t i;
	int m;

	if (l->n == 0 || list_only_deletes(l))
		return 0;
	for (i = 0; i < l->n; i++) {
		const char *k = l->v[i].key ? l->v[i].key : l->default_key ?
		    l->default_key : key;

		if ((m = matches(r, k, l->v[i].value_name, &l->v[i].value)) !=
		    1)
			return m;
	}
	return 1;
}

/* Appends "  id: value" for an element found in the registry. */
static int
elem_value(struct rs *r, const struct hp_tmpl_elem *el, struct hp_buf *out,
    int *present)
{
	const char *key = el->key ? el->key : r->p->key;
	struct hp_value v = HP_VALUE_INIT;
	size_t i;
	int rc, m;

	if (el->type == HP_TE_LIST) {
		struct hp_path path = HP_PATH_INIT;
		struct hp_vallist vals = HP_LIST_INIT;
		hp_node node;

		if (hp_path_parse_relative(key, &path, r->e) == -1)
			return -1;
		path.root = r->root;
		rc = hp_view_lookup(r->v, &path, &node, r->e);
		hp_path_free(&path);
		if (rc != 0)
			return rc == -1 ? -1 : 0;
		if (r->v->ops->values(r->v->impl, node, &vals, r->e) == -1) {
			hp_vallist_free(&vals);
			return -1;
		}
		hp_vallist_sort(&vals);
		for (i = 0; i < vals.n; i++) {
			struct hp_buf d = HP_BUF_INIT;

			hp_value_format(&vals.v[i].value, &d);
			hp_buf_addf(out, "  %s: \"%s\" = %s\n", el->id,
			    vals.v[i].name, d.buf);
			hp_buf_release(&d);
			*present = 1;
		}
		hp_vallist_free(&vals);
		return 0;
	}
	if (el->value_name == NULL)
		return 0;
	if ((rc = get(r, key, el->value_name, &v)) != 0)
		return rc == -1 ? -1 : 0;
	*present = 1;
	hp_buf_addf(out, "  %s: ", el->id);
	if (el->type == HP_TE_ENUM) {
		for (i = 0; i < el->nitems; i++) {
			struct hp_value w = HP_VALUE_INIT;

			m = to_value(&el->items[i].value, &w) == 0 &&
			    hp_value_equal(&v, &w);
			hp_value_free(&w);
			if (m)
				break;
		}
		if (i < el->nitems)
			hp_buf_addf(out, "item %zu = ", i);
		else
			hp_buf_adds(out, "no item matches: ");
	} else if (el->type == HP_TE_BOOLEAN) {
		struct hp_value w = HP_VALUE_INIT;

		if (el->true_value.kind == HP_TV_NONE)
			hp_value_set_dword(&w, 1);
		else
			to_value(&el->true_value, &w);
		hp_buf_adds(out, hp_value_equal(&v, &w) ? "checked = " :
		    "unchecked = ");
		hp_value_free(&w);
	}
	hp_value_format(&v, out);
	hp_buf_addc(out, '\n');
	hp_value_free(&v);
	return 0;
}

const char *
hp_tmpl_pstate_name(enum hp_tmpl_pstate s)
{
	switch (s) {
	case HP_PS_ENABLED:
		return "Enabled";
	case HP_PS_DISABLED:
		return "Disabled";
	case HP_PS_MISMATCH:
		return "Mismatch";
	default:
		return "Not configured";
	}
}

int
hp_tmpl_policy_state(const struct hp_tmpl *t, const struct hp_tmpl_policy *p,
    const struct hp_view *v, enum hp_root root, enum hp_tmpl_pstate *st,
    struct hp_buf *detail, struct hp_error *e)
{
	struct rs r = { p, v, root, e };
	struct hp_value have = HP_VALUE_INIT;
	int en = 0, dis = 0, present = 0, any = 0, m;
	size_t i;

	(void)t;
	*st = HP_PS_NOT_CONFIGURED;
	if (p->value_name != NULL) {
		if ((m = get(&r, p->key, p->value_name, &have)) == -1)
			return -1;
		present = m == 0;
		hp_value_free(&have);
		if (p->enabled_value.kind == HP_TV_NONE) {
			struct hp_tmpl_value one = { HP_TV_DECIMAL, 1, NULL };

			en = present && matches(&r, p->key, p->value_name,
			    &one) == 1;
		} else if (p->enabled_value.kind != HP_TV_DELETE)
			en = present && matches(&r, p->key, p->value_name,
			    &p->enabled_value) == 1;
		if (p->disabled_value.kind != HP_TV_NONE &&
		    p->disabled_value.kind != HP_TV_DELETE)
			dis = present && matches(&r, p->key, p->value_name,
			    &p->disabled_value) == 1;
	}
	if ((m = list_matches(&r, &p->enabled_list, p->key)) == -1)
		return -1;
	en |= m;
	if ((m = list_matches(&r, &p->disabled_list, p->key)) == -1)
		return -1;
	dis |= m;
	for (i = 0; i < p->nelems; i++)
		if (elem_value(&r, &p->elems[i], detail, &any) == -1)
			return -1;
	if (en)
		*st = HP_PS_ENABLED;
	else if (dis)
		*st = HP_PS_DISABLED;
	else if (present)
		*st = HP_PS_MISMATCH;
	else if (p->value_name == NULL && p->enabled_list.n == 0 && any)
		*st = HP_PS_ENABLED;
	if (*st != HP_PS_ENABLED)
		hp_buf_reset(detail);
	if (*st == HP_PS_NOT_CONFIGURED && disabled_leaves_nothing(p))
		hp_buf_adds(detail, "  (Disabled leaves nothing behind: "
		    "Disabled and Not configured cannot be told apart "
		    "offline)\n");
	return 0;
}

int
hp_tmpl_policy_in_view(const struct hp_tmpl_policy *p,
    const struct hp_view *v, enum hp_root root)
{
	struct hp_path path = HP_PATH_INIT, rel = HP_PATH_INIT;
	enum hp_tmpl_class cls = root == HP_ROOT_HKLM ? HP_TMPL_MACHINE :
	    root == HP_ROOT_HKCU ? HP_TMPL_USER : 0;
	int r;

	if (!(p->cls & cls) ||
	    hp_path_parse_relative(p->key, &path, NULL) == -1)
		return 0;
	path.root = root;
	r = hp_view_relative(v, &path, &rel, NULL);
	hp_path_free(&path);
	hp_path_free(&rel);
	return r == 0;
}
