/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A hive, or a subtree of it, as JSON: schema "hivepol-export/1"
 * (docs/report-schema.md).  Per key its full path, last write time,
 * class name and values (formats/json.h's value objects), in the walk's
 * order (depth first, sorted).  Written while the walk goes, through
 * flush, so a large hive never sits whole in memory.
 */
#ifndef HP_JSON_EXPORT_H
#define HP_JSON_EXPORT_H

#include "core/path.h"

struct hp_buf;
struct hp_error;
struct hp_hive;

#define HP_EXPORT_SCHEMA	"hivepol-export/1"

struct hp_json_export_opts {
	int	  lines;	/* JSON lines: one key object per line */
	int	(*flush)(void *arg, struct hp_buf *out, struct hp_error *e);
	void	 *flush_arg;
};

/*
 * The subtree at rel (relative to the hive's root, any case).  An unknown
 * mount gives paths as ls does ("\A\B": from the hive's root), and
 * "mount": null.
 */
int	hp_json_export_hive(struct hp_hive *hv, const struct hp_path *rel,
	    const struct hp_json_export_opts *o, struct hp_buf *out,
	    struct hp_error *e);

#endif
