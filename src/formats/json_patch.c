/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>

#include "core/patch.h"
#include "formats/json.h"
#include "formats/json_patch.h"

struct json_object *
hp_json_op_start(const struct hp_op *op)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "op",
	    json_object_new_string(hp_op_kind_name(op->kind)));
	json_object_object_add(o, "key", hp_json_path(&op->key));
	json_object_object_add(o, "name", op->name != NULL ?
	    json_object_new_string(op->name) : NULL);
	return o;
}

static struct json_object *
op_json(const struct hp_op *op)
{
	struct json_object *o = hp_json_op_start(op);
	int set = op->kind == HP_OP_SET_VALUE ||
	    op->kind == HP_OP_SET_VALUE_SOFT;

	json_object_object_add(o, "value", set ?
	    hp_json_value(NULL, &op->value) : NULL);
	json_object_object_add(o, "at", op->line > 0 ?
	    json_object_new_int64((int64_t)op->line) : NULL);
	return o;
}

int
hp_json_patch_append(const struct hp_patch *p, struct hp_buf *out,
    struct hp_error *e)
{
	struct json_object *doc = json_object_new_object();
	struct json_object *ops = json_object_new_array();
	size_t i;
	int r;

	json_object_object_add(doc, "schema",
	    json_object_new_string(HP_PATCH_SCHEMA));
	for (i = 0; i < p->n; i++)
		json_object_array_add(ops, op_json(&p->ops[i]));
	json_object_object_add(doc, "operations", ops);
	r = hp_json_append(out, doc, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_SPACED, e);
	json_object_put(doc);
	return r;
}
