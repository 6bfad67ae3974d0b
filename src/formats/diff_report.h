/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A diff (core/diff.h) rendered for people and programs: one text line
 * per difference, or the JSON document of "hivepol diff --format json"
 * (docs/diff.md).
 */
#ifndef HP_DIFF_REPORT_H
#define HP_DIFF_REPORT_H

#include "core/buf.h"
#include "core/diff.h"

struct json_object;

/* "changed  value HKLM\X  "v"  REG_DWORD 1  ->  REG_DWORD 2" into b. */
void	hp_diff_item_text(const struct hp_diff_item *d, struct hp_buf *b);
/* {"kind": "value-changed", "key": ..., "name": ..., "old", "new"} */
struct json_object *hp_diff_item_json(const struct hp_diff_item *d);
/*
 * {"a", "b", "equal", "summary": {counts}, "differences": items}; takes
 * items, an array of hp_diff_item_json objects.
 */
struct json_object *hp_diff_json(const char *a, const char *b,
	    const struct hp_diff_stats *st, struct json_object *items);

#endif
