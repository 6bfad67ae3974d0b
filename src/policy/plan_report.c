/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <json-c/json.h>

#include "core/buf.h"
#include "core/value.h"
#include "formats/json.h"
#include "formats/json_patch.h"
#include "policy/plan_report.h"

void
hp_plan_change_text(const struct hp_view *v, const struct hp_op *op,
    struct hp_buf *b)
{
	struct hp_value cur = HP_VALUE_INIT;
	char tmp[16];
	int found;

	found = hp_view_get(v, &op->key, op->name, &cur, NULL) == 0;
	hp_buf_adds(b, op->kind == HP_OP_DELETE_VALUE ? "  - " : found ?
	    "  ~ " : "  + ");
	hp_path_format_short(&op->key, b);
	hp_buf_addf(b, "\\%s", *op->name ? op->name : "@");
	if (found) {
		hp_buf_addf(b, "  %s ", hp_value_type_name(cur.type, tmp));
		hp_value_format(&cur, b);
	}
	if (op->kind == HP_OP_SET_VALUE) {
		hp_buf_addf(b, "%s%s ", found ? " -> " : "  ",
		    hp_value_type_name(op->value.type, tmp));
		hp_value_format(&op->value, b);
	}
	hp_buf_addc(b, '\n');
	hp_value_free(&cur);
}

void
hp_plan_text(const struct hp_view *v, const struct hp_patch *p,
    struct hp_buf *out)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		hp_plan_change_text(v, &p->ops[i], out);
}

static struct json_object *
change_json(const struct hp_view *v, const struct hp_op *op)
{
	struct json_object *o = hp_json_op_start(op);
	struct hp_value cur = HP_VALUE_INIT;
	int found = 0;

	if (op->kind == HP_OP_SET_VALUE || op->kind == HP_OP_SET_VALUE_SOFT ||
	    op->kind == HP_OP_DELETE_VALUE)
		found = hp_view_get(v, &op->key, op->name, &cur, NULL) == 0;
	json_object_object_add(o, "before", found ?
	    hp_json_value(op->name, &cur) : NULL);
	json_object_object_add(o, "after", op->kind == HP_OP_SET_VALUE ||
	    op->kind == HP_OP_SET_VALUE_SOFT ?
	    hp_json_value(op->name, &op->value) : NULL);
	hp_value_free(&cur);
	return o;
}

struct json_object *
hp_plan_json(const struct hp_view *v, const struct hp_patch *p)
{
	struct json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; i < p->n; i++)
		json_object_array_add(a, change_json(v, &p->ops[i]));
	return a;
}
