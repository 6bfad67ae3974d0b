/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/path.h"
#include "core/text.h"
#include "core/value.h"
#include "core/view.h"
#include "formats/json.h"
#include "core/le.h"

static struct json_object *
decoded(const struct hp_value *v)
{
	struct hp_buf b = HP_BUF_INIT;
	struct json_object *o = NULL;
	uint32_t d;
	uint64_t q;
	size_t i;

	switch (v->type) {
	case HP_REG_SZ:
	case HP_REG_EXPAND_SZ:
	case HP_REG_LINK:
		if (v->len % 2 == 0 && hp_value_get_string(v, &b, NULL) == 0)
			o = json_object_new_string_len(b.buf, (int)b.len);
		break;
	case HP_REG_DWORD:
		if (v->len == 4 && hp_value_get_u32(v, &d) == 0)
			o = json_object_new_int64(d);
		break;
	case HP_REG_DWORD_BIG_ENDIAN:
		if (v->len == 4)
			o = json_object_new_int64(hp_be32(v->data));
		break;
	case HP_REG_QWORD:
		if (v->len == 8 && hp_value_get_u64(v, &q) == 0)
			o = json_object_new_uint64(q);
		break;
	case HP_REG_MULTI_SZ: {
		const char *p;
		size_t n;

		if (hp_value_get_multi(v, &b, &n) == -1)
			break;
		o = json_object_new_array();
		for (i = 0, p = b.buf; i < n; i++, p += strlen(p) + 1)
			json_object_array_add(o, json_object_new_string(p));
		break;
	}
	}
	hp_buf_release(&b);
	return o;
}

struct json_object *
hp_json_name(const char *name)
{
	struct hp_buf b = HP_BUF_INIT;
	struct json_object *o;
	const char *p, *nul;

	if (!hp_name_has_nul(name))
		return json_object_new_string(name);
	/* json-c writes the NUL byte as \u0000: the name exactly. */
	for (p = name; (nul = strstr(p, HP_NAME_NUL)) != NULL; p = nul + 2) {
		hp_buf_add(&b, p, (size_t)(nul - p));
		hp_buf_add(&b, "", 1);
	}
	hp_buf_adds(&b, p);
	o = json_object_new_string_len(b.buf, (int)b.len);
	hp_buf_release(&b);
	return o;
}

struct json_object *
hp_json_value(const char *name, const struct hp_value *v)
{
	struct json_object *o = json_object_new_object();
	struct hp_buf hex = HP_BUF_INIT;
	char tmp[16];

	if (name != NULL)
		json_object_object_add(o, "name", hp_json_name(name));
	json_object_object_add(o, "type",
	    json_object_new_string(hp_value_type_name(v->type, tmp)));
	json_object_object_add(o, "type_id", json_object_new_int64(v->type));
	json_object_object_add(o, "data", decoded(v));
	hp_buf_addhex(&hex, v->data, v->len, NULL);
	json_object_object_add(o, "hex", json_object_new_string(hex.buf));
	hp_buf_release(&hex);
	return o;
}

struct json_object *
hp_json_values(const struct hp_vallist *vals)
{
	struct json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; i < vals->n; i++)
		json_object_array_add(a, hp_json_value(vals->v[i].name,
		    &vals->v[i].value));
	return a;
}

struct json_object *
hp_json_path(const struct hp_path *p)
{
	struct hp_buf b = HP_BUF_INIT;
	struct json_object *o;

	hp_path_format_raw(p, &b);
	o = hp_json_name(b.buf);
	hp_buf_release(&b);
	return o;
}

int
hp_json_print(struct json_object *obj)
{
	const char *s = json_object_to_json_string_ext(obj,
	    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
	    JSON_C_TO_STRING_NOSLASHESCAPE);

	return puts(s) == EOF ? -1 : 0;
}

int
hp_json_append(struct hp_buf *out, struct json_object *obj, int flags,
    struct hp_error *e)
{
	const char *s = json_object_to_json_string_ext(obj,
	    flags | JSON_C_TO_STRING_NOSLASHESCAPE);

	if (s == NULL)
		return hp_error_set(e, HP_E_IO, "out of memory");
	hp_buf_adds(out, s);
	hp_buf_addc(out, '\n');
	return 0;
}

int
hp_json_print_line(struct json_object *obj)
{
	const char *s = json_object_to_json_string_ext(obj,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);

	return puts(s) == EOF ? -1 : 0;
}
