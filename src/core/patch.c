/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/patch.h"
#include "core/text.h"

/* 1 if a and b are the same path, spelt the same. */
static int
path_same(const struct hp_path *a, const struct hp_path *b)
{
	size_t i;

	if (a->root != b->root || a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (a->comps[i] != b->comps[i] &&
		    strcmp(a->comps[i], b->comps[i]) != 0)
			return 0;
	return 1;
}

struct hp_op *
hp_patch_add(struct hp_patch *p, enum hp_op_kind kind,
    const struct hp_path *key, const char *name,
    const struct hp_value *value, unsigned long line)
{
	struct hp_op *op;

	HP_ALLOC_GROW(p->ops, p->n + 1, p->cap);
	op = &p->ops[p->n];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	op->line = line;
	/* Runs of operations on one key are the rule: they share its path. */
	if (p->n > 0 && path_same(&op[-1].key, key)) {
		op->key = op[-1].key;
		op->key_shared = 1;
	} else
		hp_path_copy(&op->key, key);
	if (name != NULL)
		op->name = hp_strdup(name);
	if (value != NULL)
		hp_value_copy(&op->value, value);
	p->n++;
	return op;
}

void
hp_patch_free(struct hp_patch *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		if (!p->ops[i].key_shared)
			hp_path_free(&p->ops[i].key);
		free(p->ops[i].name);
		hp_value_free(&p->ops[i].value);
	}
	free(p->ops);
	p->ops = NULL;
	p->n = p->cap = 0;
}

int
hp_op_creates_key(const struct hp_op *op)
{
	return op->kind == HP_OP_CREATE_KEY || op->kind == HP_OP_SET_VALUE ||
	    op->kind == HP_OP_SET_VALUE_SOFT;
}

const char *
hp_op_kind_name(enum hp_op_kind kind)
{
	switch (kind) {
	case HP_OP_CREATE_KEY:		return "create-key";
	case HP_OP_SET_VALUE:		return "set";
	case HP_OP_SET_VALUE_SOFT:	return "set-if-absent";
	case HP_OP_DELETE_VALUE:	return "delete-value";
	case HP_OP_DELETE_VALUES:	return "delete-all-values";
	case HP_OP_DELETE_KEY:		return "delete-key";
	}
	return "?";
}

int
hp_op_describe(const struct hp_op *op, struct hp_buf *out)
{
	char tmp[16];

	hp_buf_addf(out, "%s ", hp_op_kind_name(op->kind));
	hp_path_format_short(&op->key, out);
	if (op->name != NULL && *op->name) {
		hp_buf_adds(out, " \"");
		hp_name_escape(op->name, out);
		hp_buf_addc(out, '"');
	}
	else if (op->name != NULL)
		hp_buf_adds(out, " @");
	if (op->kind != HP_OP_SET_VALUE && op->kind != HP_OP_SET_VALUE_SOFT)
		return 0;
	hp_buf_addf(out, " %s ", hp_value_type_name(op->value.type, tmp));
	if (op->value.len <= 64)
		return hp_value_format(&op->value, out);
	/* A person needs the start and the size, not 64 KB. */
	hp_buf_addhex(out, op->value.data, 16, ",");
	hp_buf_addf(out, ",... (%zu bytes)", op->value.len);
	return 0;
}

int
hp_apply_stats_changed(const struct hp_apply_stats *s)
{
	return s->keys_created || s->keys_deleted || s->values_set ||
	    s->values_deleted;
}
