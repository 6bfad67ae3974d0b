/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>

#include "core/text.h"
#include "formats/diff_report.h"
#include "formats/json.h"

static const char *const kind_word[] = {
	"added", "removed", "added", "removed", "changed"
};

static const char *const kind_json[] = {
	"key-added", "key-removed", "value-added", "value-removed",
	"value-changed"
};

/* A value's type and data; long data is cut to its first 16 bytes. */
static void
text_value(struct hp_buf *b, const struct hp_value *v)
{
	char tmp[16];

	hp_buf_addf(b, "%s ", hp_value_type_name(v->type, tmp));
	if (v->len <= 64)
		hp_value_format(v, b);
	else {
		hp_buf_addhex(b, v->data, 16, ",");
		hp_buf_addf(b, ",... (%zu bytes)", v->len);
	}
}

void
hp_diff_item_text(const struct hp_diff_item *d, struct hp_buf *b)
{
	hp_buf_addf(b, "%-8s %s ", kind_word[d->kind], d->name ? "value" :
	    "key  ");
	hp_path_format_short(d->key, b);
	if (d->name == NULL)
		return;
	if (*d->name) {
		hp_buf_adds(b, "  \"");
		hp_name_escape(d->name, b);
		hp_buf_adds(b, "\"  ");
	} else
		hp_buf_adds(b, "  @  ");
	if (d->old != NULL)
		text_value(b, d->old);
	if (d->old != NULL && d->new != NULL)
		hp_buf_adds(b, "  ->  ");
	if (d->new != NULL)
		text_value(b, d->new);
}

struct json_object *
hp_diff_item_json(const struct hp_diff_item *d)
{
	struct json_object *j = json_object_new_object();

	json_object_object_add(j, "kind",
	    json_object_new_string(kind_json[d->kind]));
	json_object_object_add(j, "key", hp_json_path(d->key));
	if (d->name != NULL)
		json_object_object_add(j, "name", hp_json_name(d->name));
	if (d->old != NULL)
		json_object_object_add(j, "old", hp_json_value(NULL, d->old));
	if (d->new != NULL)
		json_object_object_add(j, "new", hp_json_value(NULL, d->new));
	return j;
}

static void
add_count(struct json_object *o, const char *name, size_t n)
{
	json_object_object_add(o, name, json_object_new_int64((int64_t)n));
}

struct json_object *
hp_diff_json(const char *a, const char *b, const struct hp_diff_stats *st,
    struct json_object *items)
{
	struct json_object *j = json_object_new_object();
	struct json_object *s = json_object_new_object();

	json_object_object_add(j, "a", json_object_new_string(a));
	json_object_object_add(j, "b", json_object_new_string(b));
	json_object_object_add(j, "equal",
	    json_object_new_boolean(!hp_diff_stats_any(st)));
	add_count(s, "keys_added", st->keys_added);
	add_count(s, "keys_removed", st->keys_removed);
	add_count(s, "values_added", st->values_added);
	add_count(s, "values_removed", st->values_removed);
	add_count(s, "values_changed", st->values_changed);
	json_object_object_add(j, "summary", s);
	json_object_object_add(j, "differences", items);
	return j;
}
