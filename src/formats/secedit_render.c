/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Named settings (secedit_settings.h) and their differences as text lines
 * and JSON objects.
 */
#include <stdint.h>

#include "core/buf.h"
#include "core/patch.h"
#include "formats/json.h"
#include "formats/secedit_settings.h"

static const char *const kind_json[] = {
	"number", "text", "accounts", "fields", "audit"
};

static const char *const diff_word[] = { "added", "removed", "changed" };

static void
add_name(const struct hp_secset *s, struct hp_buf *out)
{
	hp_buf_addf(out, "%s/", s->section);
	if (s->label != NULL)
		hp_buf_addf(out, "%s ", s->label);
	hp_buf_adds(out, s->name);
}

/* Its name's members, in the order every JSON object has them. */
static void
add_name_json(const struct hp_secset *s, struct json_object *j)
{
	json_object_object_add(j, "section",
	    json_object_new_string(s->section));
	json_object_object_add(j, "name", json_object_new_string(s->name));
	if (s->label != NULL)
		json_object_object_add(j, "label",
		    json_object_new_string(s->label));
}

void
hp_secset_describe(const struct hp_secset *s, struct hp_buf *out)
{
	add_name(s, out);
	hp_buf_addf(out, " = %s", s->value);
}

struct json_object *
hp_secset_json(const struct hp_secset *s)
{
	struct json_object *j = json_object_new_object();

	add_name_json(s, j);
	json_object_object_add(j, "kind",
	    json_object_new_string(kind_json[s->kind]));
	json_object_object_add(j, "value", json_object_new_string(s->value));
	json_object_object_add(j, "line", json_object_new_int64(
	    (int64_t)s->line));
	return j;
}

void
hp_secdiff_text(enum hp_secdiff_kind kind, const struct hp_secset *old,
    const struct hp_secset *new, struct hp_buf *out)
{
	hp_buf_addf(out, "%-8s setting ", diff_word[kind]);
	add_name(old != NULL ? old : new, out);
	if (old != NULL)
		hp_buf_addf(out, "  %s", old->value);
	if (old != NULL && new != NULL)
		hp_buf_adds(out, "  ->");
	if (new != NULL)
		hp_buf_addf(out, "  %s", new->value);
}

struct json_object *
hp_secdiff_json(enum hp_secdiff_kind kind, const struct hp_secset *old,
    const struct hp_secset *new)
{
	const struct hp_secset *s = old != NULL ? old : new;
	struct json_object *j = json_object_new_object();

	json_object_object_add(j, "kind", json_object_new_string(
	    kind == HP_SECDIFF_ADDED ? "setting-added" :
	    kind == HP_SECDIFF_REMOVED ? "setting-removed" :
	    "setting-changed"));
	add_name_json(s, j);
	if (old != NULL)
		json_object_object_add(j, "old",
		    json_object_new_string(old->value));
	if (new != NULL)
		json_object_object_add(j, "new",
		    json_object_new_string(new->value));
	return j;
}

struct json_object *
hp_secedit_op_json(const struct hp_op *op)
{
	struct json_object *j = json_object_new_object();

	json_object_object_add(j, "section",
	    json_object_new_string("Registry Values"));
	json_object_object_add(j, "key", hp_json_path(&op->key));
	json_object_object_add(j, "name", json_object_new_string(op->name));
	if (op->kind == HP_OP_DELETE_VALUE)
		json_object_object_add(j, "delete",
		    json_object_new_boolean(1));
	else
		json_object_object_add(j, "value",
		    hp_json_value(NULL, &op->value));
	json_object_object_add(j, "line", json_object_new_int64(
	    (int64_t)op->line));
	return j;
}

void
hp_secdiff_json_count(struct json_object *doc, size_t n)
{
	struct json_object *summary;

	if (json_object_object_get_ex(doc, "summary", &summary))
		json_object_object_add(summary, "settings_differing",
		    json_object_new_int64((int64_t)n));
	if (n > 0)
		json_object_object_add(doc, "equal",
		    json_object_new_boolean(0));
}
