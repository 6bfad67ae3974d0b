/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/expand.h"
#include "core/text.h"

/* Value names to delete, each once (names compare as Windows does). */
struct names {
	const char	**v;
	size_t		  n;
	size_t		  cap;
};

static void
names_add(struct names *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (hp_name_eq(l->v[i], name))
			return;
	HP_ALLOC_GROW(l->v, l->n + 1, l->cap);
	l->v[l->n++] = name;
}

/* 0 if op's key lies in v, else -1 with an error saying why it matters. */
static int
inside(const struct hp_view *v, const struct hp_op *op, struct hp_error *e)
{
	struct hp_path rel = HP_PATH_INIT;
	struct hp_buf b = HP_BUF_INIT;
	int r;

	if ((r = hp_view_relative(v, &op->key, &rel, e)) == 1) {
		hp_path_format(&op->key, &b);
		hp_error_set(e, HP_E_INPUT, "offset %lu: %s on %s: the key "
		    "lies outside %s, so what it does there is unknown",
		    op->line, hp_op_kind_name(op->kind), b.buf, v->source ?
		    v->source : "the registry it is expanded against");
		r = -1;
	}
	hp_buf_release(&b);
	hp_path_free(&rel);
	return r;
}

/* The values ops[i] deletes: the key's in v, and those set before it. */
static int
delete_values(const struct hp_patch *in, size_t i, const struct hp_view *v,
    struct hp_patch *out, struct hp_error *e)
{
	const struct hp_op *op = &in->ops[i];
	struct hp_vallist vals = HP_LIST_INIT;
	struct names del = { NULL, 0, 0 };
	hp_node node;
	size_t j;
	int r;

	if ((r = hp_view_lookup(v, &op->key, &node, e)) == 0)
		r = hp_view_sorted_values(v, node, &vals, e);
	for (j = 0; r != -1 && j < vals.n; j++)
		names_add(&del, vals.v[j].name);
	for (j = 0; r != -1 && j < i; j++)
		if ((in->ops[j].kind == HP_OP_SET_VALUE ||
		    in->ops[j].kind == HP_OP_SET_VALUE_SOFT) &&
		    hp_path_eq(&in->ops[j].key, &op->key))
			names_add(&del, in->ops[j].name);
	for (j = 0; r != -1 && j < del.n; j++)
		hp_patch_add(out, HP_OP_DELETE_VALUE, &op->key, del.v[j], NULL,
		    op->line);
	free(del.v);
	hp_vallist_free(&vals);
	return r == -1 ? -1 : 0;
}

/*
 * Whether the value ops[i] sets if absent exists at that point: 1 or 0
 * from the last operation before it that decides, else from v.
 */
static int
value_exists(const struct hp_patch *in, size_t i, const struct hp_view *v,
    struct hp_error *e)
{
	const struct hp_op *op = &in->ops[i], *o;
	struct hp_value val = HP_VALUE_INIT;
	int r;

	while (i-- > 0) {
		o = &in->ops[i];
		if (o->kind == HP_OP_DELETE_KEY &&
		    hp_path_has_prefix(&op->key, &o->key))
			return 0;
		if (!hp_path_eq(&o->key, &op->key))
			continue;
		if (o->kind == HP_OP_DELETE_VALUES)
			return 0;
		if (o->kind != HP_OP_CREATE_KEY && hp_name_eq(o->name, op->name))
			return o->kind != HP_OP_DELETE_VALUE;
	}
	if ((r = hp_view_get(v, &op->key, op->name, &val, e)) == 0)
		hp_value_free(&val);
	return r == -1 ? -1 : r == 0;
}

int
hp_patch_expand(const struct hp_patch *in, const struct hp_view *v,
    struct hp_patch *out, struct hp_error *e)
{
	const struct hp_op *op;
	size_t i;
	int r = 0;

	for (i = 0; i < in->n && r != -1; i++) {
		op = &in->ops[i];
		switch (op->kind) {
		case HP_OP_DELETE_VALUES:
			if ((r = inside(v, op, e)) == 0)
				r = delete_values(in, i, v, out, e);
			break;
		case HP_OP_SET_VALUE_SOFT:
			if ((r = inside(v, op, e)) == 0 &&
			    (r = value_exists(in, i, v, e)) == 0)
				hp_patch_add(out, HP_OP_SET_VALUE, &op->key,
				    op->name, &op->value, op->line);
			break;
		default:
			hp_patch_add(out, op->kind, &op->key, op->name,
			    &op->value, op->line);
		}
	}
	return r == -1 ? -1 : 0;
}

int
hp_patch_needs_expand(const struct hp_patch *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->ops[i].kind == HP_OP_DELETE_VALUES ||
		    p->ops[i].kind == HP_OP_SET_VALUE_SOFT)
			return 1;
	return 0;
}
