/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Mounts: which registry prefix a hive file serves.  Detected from the
 * file name embedded in the hive's base block (…\config\SOFTWARE), else
 * from the file's own name; formats.md §E.10 has the table.
 */
#ifndef HP_MOUNT_H
#define HP_MOUNT_H

struct hp_path;

/*
 * Fills mount for a hive whose embedded name is embedded (may be "") and
 * whose path is path.  Returns 0, or 1 if neither name is known (mount is
 * then empty: only relative paths reach the hive).
 */
int		 hp_mount_detect(const char *embedded, const char *path,
		    struct hp_path *mount);
struct hp_error;

/*
 * Parses a mount given by the user: a full path, root key first.  An
 * error (hint HP_HINT_MOUNT) otherwise: "HKXX\Foo" is no mount.
 */
int		 hp_mount_parse(const char *s, struct hp_path *mount,
		    struct hp_error *e);
/* The conventional file name for a mount ("SOFTWARE"), or NULL. */
const char	*hp_mount_file_name(const struct hp_path *mount);

#endif
