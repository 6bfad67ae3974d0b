/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * JSON output through json-c.  A value is
 *   {"name": "...", "type": "REG_DWORD", "type_id": 4,
 *    "data": <decoded>, "hex": "bc1b0000"}
 * where data is a string (SZ, EXPAND_SZ, LINK), a number (DWORD, QWORD,
 * DWORD_BIG_ENDIAN), an array of strings (MULTI_SZ), or null when the
 * bytes do not decode; hex always holds the exact bytes.
 */
#ifndef HP_JSON_H
#define HP_JSON_H

#include <json-c/json.h>

struct hp_buf;
struct hp_error;
struct hp_value;
struct hp_path;
struct hp_vallist;

/* A name as a JSON string, U+0000 (core/text.h) as \u0000. */
struct json_object	*hp_json_name(const char *name);
struct json_object	*hp_json_value(const char *name,
			    const struct hp_value *v);
/* The values of a key, in their order, as an array of values. */
struct json_object	*hp_json_values(const struct hp_vallist *vals);
struct json_object	*hp_json_path(const struct hp_path *p);
/* Prints obj (pretty) and a newline to stdout. */
int			 hp_json_print(struct json_object *obj);
/*
 * Appends obj's text, with json-c's flags (JSON_C_TO_STRING_PRETTY, ...)
 * and slashes unescaped, and a newline to out.  Fails only when json-c
 * runs out of memory.
 */
int			 hp_json_append(struct hp_buf *out,
			    struct json_object *obj, int flags,
			    struct hp_error *e);
/* Prints obj on one line (JSON lines) to stdout. */
int			 hp_json_print_line(struct json_object *obj);

#endif
