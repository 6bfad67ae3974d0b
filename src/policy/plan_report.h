/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What applying a plan (hp_check_plan's patch for one target) changes,
 * described against the target's view as it is now: diff lines for
 * people, JSON for programs (apply --format json, the Ansible module).
 */
#ifndef HP_PLAN_REPORT_H
#define HP_PLAN_REPORT_H

#include "core/patch.h"
#include "core/view.h"

struct hp_buf;
struct json_object;

/*
 * A change as a line: "  + KEY\NAME  TYPE DATA" (new), "  ~ ... ->
 * TYPE DATA" (changed), "  - KEY\NAME  TYPE DATA" (deleted).
 */
void	hp_plan_change_text(const struct hp_view *v, const struct hp_op *op,
	    struct hp_buf *out);
/* Every change of p, a line each. */
void	hp_plan_text(const struct hp_view *v, const struct hp_patch *p,
	    struct hp_buf *out);
/*
 * An array of {"op", "key", "name", "before", "after"}: op is the
 * operation's kind name, before and after are values (formats/json.h)
 * or null where the value is absent.
 */
struct json_object *hp_plan_json(const struct hp_view *v,
	    const struct hp_patch *p);

#endif
