/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A patch as JSON, schema "hivepol-patch/1" (docs/report-schema.md):
 *   {"schema": "hivepol-patch/1", "operations": [
 *     {"op": "set", "key": "HKEY_LOCAL_MACHINE\\...", "name": "X",
 *      "value": {...}, "at": 3}, ...]}
 * one operation per operation of the patch, in order, deletions included
 * (op names: core/patch.h's hp_op_kind_name); "at" is the source line
 * (.reg, security template) or byte offset (Registry.pol), or null.
 */
#ifndef HP_JSON_PATCH_H
#define HP_JSON_PATCH_H

struct hp_buf;
struct hp_error;
struct hp_patch;

#define HP_PATCH_SCHEMA	"hivepol-patch/1"

struct hp_op;

/* A new object naming op: its "op", "key" and "name" (null if none). */
struct json_object	*hp_json_op_start(const struct hp_op *op);

/* Appends the document for p, pretty printed, to out. */
int			 hp_json_patch_append(const struct hp_patch *p,
			    struct hp_buf *out, struct hp_error *e);

#endif
