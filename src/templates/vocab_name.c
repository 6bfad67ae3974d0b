/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * One registry setting named through the vocabulary's reverse index: the
 * policy that writes it, the state its data stands for, the element and
 * that element's value as the editor shows it (an enum's item text, a
 * checkbox's state, a list's entry).  The state of one setting is what
 * that setting alone says, with a weight: a policy's own value weighs
 * most, then its enabled and disabled lists; an element's value says
 * Enabled, a deleted element Disabled.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "core/buf.h"
#include "core/value.h"
#include "templates/template.h"
#include "templates/vocab.h"
#include "templates/vocab_impl.h"

#define MAX_CAT_DEPTH	64

/* 1 if data is what tv writes (DELETE and NONE never match data). */
static int
tv_holds(const struct hp_tmpl_value *tv, const struct hp_value *data)
{
	struct hp_buf s = HP_BUF_INIT;
	uint64_t q;
	uint32_t d;
	int m = 0;

	switch (tv->kind) {
	case HP_TV_DECIMAL:
		m = data->type == HP_REG_DWORD &&
		    hp_value_get_u32(data, &d) == 0 && d == tv->num;
		break;
	case HP_TV_LONGDECIMAL:
		m = data->type == HP_REG_QWORD &&
		    hp_value_get_u64(data, &q) == 0 && q == tv->num;
		break;
	case HP_TV_STRING:
		m = (data->type == HP_REG_SZ ||
		    data->type == HP_REG_EXPAND_SZ) &&
		    hp_value_get_string(data, &s, NULL) == 0 &&
		    strcmp(s.buf ? s.buf : "", tv->str ? tv->str : "") == 0;
		break;
	default:
		break;
	}
	hp_buf_release(&s);
	return m;
}

/* 1 if the operation leaves what tv writes in place. */
static int
tv_matches(const struct hp_tmpl_value *tv, enum hp_vocab_op op,
    const struct hp_value *data)
{
	if (op != HP_VOCAB_SET)
		return tv->kind == HP_TV_DELETE;
	return tv_holds(tv, data);
}

/* The policy's own value: enabledValue (REG_DWORD 1 if none), or not. */
static enum hp_tmpl_pstate
own_value_state(const struct hp_tmpl_policy *p, enum hp_vocab_op op,
    const struct hp_value *data)
{
	static const struct hp_tmpl_value one = { HP_TV_DECIMAL, 1, NULL };
	const struct hp_tmpl_value *en = p->enabled_value.kind == HP_TV_NONE ?
	    &one : &p->enabled_value;

	if (tv_matches(en, op, data))
		return HP_PS_ENABLED;
	if (tv_matches(&p->disabled_value, op, data) ||
	    (op != HP_VOCAB_SET && p->disabled_value.kind == HP_TV_NONE))
		return HP_PS_DISABLED;
	return HP_PS_MISMATCH;
}

/* The label of el's control in the policy's presentation, or NULL. */
static const char *
elem_label(const struct hp_tmpl *t, const struct hp_tmpl_policy *p,
    const struct hp_tmpl_elem *el)
{
	const struct hp_tmpl_presentation *pr;
	char id[512];
	size_t i;

	if (hp_tmpl_ref_id(p->presentation, "presentation", id, sizeof(id)) ==
	    NULL || (pr = hp_tmpl_find_pres(hp_tmpl_find_lang(t, NULL), id)) ==
	    NULL)
		return NULL;
	for (i = 0; i < pr->ncontrols; i++)
		if (pr->controls[i].ref_id != NULL &&
		    strcmp(pr->controls[i].ref_id, el->id) == 0)
			return hp_tmpl_text(t, NULL, pr->controls[i].label);
	return NULL;
}

/* An element's data as the editor shows it. */
static void
elem_value(const struct hp_tmpl *t, const struct hp_tmpl_elem *el,
    const char *name, const struct hp_value *data, struct hp_buf *out)
{
	uint64_t q;
	size_t i;

	switch (el->type) {
	case HP_TE_ENUM:
		for (i = 0; i < el->nitems; i++)
			if (tv_holds(&el->items[i].value, data)) {
				hp_buf_adds(out, hp_tmpl_text(t, NULL,
				    el->items[i].display));
				return;
			}
		hp_buf_adds(out, "no item matches: ");
		break;
	case HP_TE_BOOLEAN:
		if (el->true_value.kind == HP_TV_NONE) {
			static const struct hp_tmpl_value one =
			    { HP_TV_DECIMAL, 1, NULL };

			hp_buf_adds(out, tv_holds(&one, data) ? "Enabled" :
			    "Disabled");
		} else
			hp_buf_adds(out, tv_holds(&el->true_value, data) ?
			    "Enabled" : "Disabled");
		return;
	case HP_TE_LIST:
		if (el->explicit_value)
			hp_buf_addf(out, "%s = ", name);
		break;
	case HP_TE_DECIMAL:
	case HP_TE_LONGDECIMAL:
		/* A number as the editor's spin box shows it. */
		if ((data->type == HP_REG_DWORD || data->type == HP_REG_QWORD) &&
		    hp_value_get_u64(data, &q) == 0) {
			hp_buf_addf(out, "%" PRIu64, q);
			return;
		}
		break;
	default:
		break;
	}
	hp_value_format(data, out);
}

/*
 * A checkbox: checked says Enabled; unchecked is written alike by an
 * Enabled policy with the box cleared and by a Disabled one (mapping.c),
 * and is taken as Disabled, as a policy with any other evidence
 * overrides it.
 */
static enum hp_tmpl_pstate
unchecked_state(int checked)
{
	return checked ? HP_PS_ENABLED : HP_PS_DISABLED;
}

/* The state one setting says, and the element's value into n->value. */
static enum hp_tmpl_pstate
classify(const struct hp_vocab_ref *r, const char *name, enum hp_vocab_op op,
    const struct hp_value *data, struct hp_vocab_name *n)
{
	const struct hp_tmpl_elem *el = r->el;

	n->weight = r->role == HP_VR_VALUE ? 2 : r->el == NULL ? 1 : 0;
	switch (r->role) {
	case HP_VR_VALUE:
		return own_value_state(r->p, op, data);
	case HP_VR_ENABLED_ITEM:
	case HP_VR_DISABLED_ITEM:
		if (!tv_matches(&r->item->value, op, data))
			return HP_PS_MISMATCH;
		return r->role == HP_VR_ENABLED_ITEM ? HP_PS_ENABLED :
		    HP_PS_DISABLED;
	case HP_VR_ELEM_ITEM:
		if (!tv_matches(&r->item->value, op, data))
			return op == HP_VOCAB_SET ? HP_PS_MISMATCH :
			    HP_PS_DISABLED;
		if (el->type == HP_TE_BOOLEAN) {
			hp_buf_adds(&n->value, r->on ? "Enabled" : "Disabled");
			return unchecked_state(r->on);
		}
		hp_buf_adds(&n->value, hp_tmpl_text(r->t, NULL,
		    el->items[r->on].display));
		return HP_PS_ENABLED;
	case HP_VR_ELEM:
	case HP_VR_LIST:
		if (op != HP_VOCAB_SET)
			return HP_PS_DISABLED;
		elem_value(r->t, el, name, data, &n->value);
		if (el->type == HP_TE_BOOLEAN)
			return unchecked_state(strcmp(n->value.buf, "Enabled") ==
			    0);
		return HP_PS_ENABLED;
	}
	return HP_PS_MISMATCH;
}

/* The index in v->cats of the category ref of t names, or -1. */
static long
cat_find(const struct hp_vocab *v, const struct hp_tmpl *t, const char *ref,
    struct hp_buf *k)
{
	const char *ns, *name;
	size_t i;

	if (ref == NULL || (ns = hp_vocab_ref_ns(t, ref, &name)) == NULL)
		return -1;
	hp_vocab_norm(ns, name, k);
	if ((i = hp_vocab_map_find(&v->catmap, k->buf)) == 0)
		return -1;
	return (long)v->catmap.v[i - 1].val;
}

/*
 * The path of the category ref of t names, root first: parents are
 * followed up to one already on the path (a cycle) or MAX_CAT_DEPTH.
 */
static void
cat_path(const struct hp_vocab *v, const struct hp_tmpl *t, const char *ref,
    struct hp_buf *out)
{
	struct hp_buf k = HP_BUF_INIT;
	long chain[MAX_CAT_DEPTH];
	int n = 0, j;
	long c;

	while (n < MAX_CAT_DEPTH && (c = cat_find(v, t, ref, &k)) != -1) {
		for (j = 0; j < n && chain[j] != c; j++)
			;
		if (j < n)
			break;
		chain[n++] = c;
		t = v->cats[c].t;
		ref = t->cats[v->cats[c].i].parent;
	}
	while (n-- > 0) {
		const struct hp_tmpl_category *cat;

		t = v->cats[chain[n]].t;
		cat = &t->cats[v->cats[chain[n]].i];
		if (out->len > 0)
			hp_buf_addc(out, '/');
		hp_buf_adds(out, hp_tmpl_text(t, NULL, cat->display ?
		    cat->display : cat->name));
	}
	hp_buf_release(&k);
}

static void
fill(const struct hp_vocab *v, const struct hp_vocab_ref *r,
    enum hp_tmpl_class cls, struct hp_vocab_name *n)
{
	n->p = r->p;
	n->t = r->t;
	n->cls = cls;
	n->policy = hp_tmpl_text(r->t, NULL, r->p->display ? r->p->display :
	    r->p->name);
	n->element = r->el ? r->el->id : NULL;
	n->label = r->el ? elem_label(r->t, r->p, r->el) : NULL;
	cat_path(v, r->t, r->p->parent, &n->category);
}

static enum hp_tmpl_class
class_of(enum hp_root root, const struct hp_tmpl_policy *p)
{
	if (root == HP_ROOT_HKLM)
		return p->cls & HP_TMPL_MACHINE;
	if (root == HP_ROOT_HKCU)
		return p->cls & HP_TMPL_USER;
	return p->cls == HP_TMPL_BOTH ? HP_TMPL_MACHINE : p->cls;
}

/*
 * How well a ref names a setting: 0 not at all; a state beats Mismatch;
 * then the role, a value written directly before one an enum item or a
 * checkbox's list writes on the side.
 */
static int
rank(const struct hp_vocab_ref *r, enum hp_tmpl_pstate st)
{
	static const int role_rank[] = {
		[HP_VR_VALUE] = 5, [HP_VR_ENABLED_ITEM] = 4,
		[HP_VR_DISABLED_ITEM] = 4, [HP_VR_ELEM] = 3, [HP_VR_LIST] = 2,
		[HP_VR_ELEM_ITEM] = 1
	};

	return (st == HP_PS_MISMATCH ? 0 : 8) + role_rank[r->role];
}

/* The setting being named, as hp_vocab_name was given it. */
struct setting {
	enum hp_root		 root;
	const char		*name;
	enum hp_vocab_op	 op;
	const struct hp_value	*data;
};

/*
 * Tries the refs of the index entry i (index + 1) on the setting and
 * keeps the best ranked, the first of equals; returns the best rank.
 */
static int
try_refs(const struct hp_vocab *v, size_t i, int lists,
    const struct setting *s, struct hp_vocab_name *out, int best)
{
	for (; i != 0; i = v->values.v[i - 1].next) {
		const struct hp_vocab_ref *r = &v->refs[v->values.v[i - 1].val];
		struct hp_vocab_name n = HP_VOCAB_NAME_INIT;
		enum hp_tmpl_class cls = class_of(s->root, r->p);
		int rk;

		if (cls == 0 || (r->role == HP_VR_LIST) != lists)
			continue;
		if (s->op == HP_VOCAB_SET && s->data == NULL)
			n.state = HP_PS_NOT_CONFIGURED;	/* the name alone */
		else
			n.state = classify(r, s->name, s->op, s->data, &n);
		if ((rk = rank(r, n.state)) <= best) {
			hp_vocab_name_release(&n);
			continue;
		}
		fill(v, r, cls, &n);
		hp_vocab_name_release(out);
		*out = n;
		best = rk;
	}
	return best;
}

int
hp_vocab_name(const struct hp_vocab *v, enum hp_root root, const char *key,
    const char *name, enum hp_vocab_op op, const struct hp_value *data,
    struct hp_vocab_name *out)
{
	const struct setting s = { root, name, op, data };
	struct hp_buf k = HP_BUF_INIT;
	int best = 0;

	if (op != HP_VOCAB_CLEARED) {
		hp_vocab_norm(key, name, &k);
		best = try_refs(v, hp_vocab_map_find(&v->values, k.buf), 0, &s,
		    out, 0);
	}
	hp_vocab_norm(key, NULL, &k);
	best = try_refs(v, hp_vocab_map_find(&v->values, k.buf), 1, &s, out,
	    best);
	hp_buf_release(&k);
	return best != 0;
}

int
hp_vocab_name_path(const struct hp_vocab *v, const struct hp_path *key,
    const char *name, enum hp_vocab_op op, const struct hp_value *data,
    struct hp_vocab_name *out)
{
	struct hp_buf rel = HP_BUF_INIT;
	enum hp_root root = key->root;
	size_t i = 0;
	int r;

	if (root == HP_ROOT_HKU) {
		root = HP_ROOT_HKCU;
		i = 1;		/* the SID */
	}
	if (root != HP_ROOT_HKLM && root != HP_ROOT_HKCU)
		return 0;
	for (; i < key->n; i++) {
		hp_buf_adds(&rel, key->comps[i]);
		hp_buf_addc(&rel, '\\');
	}
	hp_buf_addc(&rel, '\0');
	r = hp_vocab_name(v, root, rel.buf, name, op, data, out);
	hp_buf_release(&rel);
	return r;
}

void
hp_vocab_name_release(struct hp_vocab_name *n)
{
	hp_buf_release(&n->category);
	hp_buf_release(&n->value);
}

void
hp_vocab_name_text(const struct hp_vocab_name *n, struct hp_buf *out)
{
	if (n->category.len > 0)
		hp_buf_addf(out, "%s/", n->category.buf);
	hp_buf_adds(out, n->policy);
	if (n->state != HP_PS_NOT_CONFIGURED)
		hp_buf_addf(out, ": %s", hp_tmpl_pstate_name(n->state));
	if (n->element != NULL && n->state != HP_PS_NOT_CONFIGURED)
		hp_buf_addf(out, "; %s: %s", n->label ? n->label : n->element,
		    n->value.len > 0 ? n->value.buf : "(deleted)");
}

static void
add_str(struct json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, v ? json_object_new_string(v) : NULL);
}

struct json_object *
hp_vocab_name_json(const struct hp_vocab_name *n)
{
	struct json_object *o = json_object_new_object();

	add_str(o, "category", n->category.len ? n->category.buf : "");
	add_str(o, "policy", n->policy);
	add_str(o, "id", n->p->name);
	add_str(o, "admx", n->t->file);
	add_str(o, "class", hp_tmpl_class_name(n->cls));
	add_str(o, "state", n->state == HP_PS_NOT_CONFIGURED ? NULL :
	    hp_tmpl_pstate_name(n->state));
	if (n->element == NULL)
		return o;
	add_str(o, "element", n->element);
	add_str(o, "label", n->label);
	add_str(o, "value", n->value.len > 0 ? n->value.buf : NULL);
	return o;
}
