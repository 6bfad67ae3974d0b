/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Directory lookups.  Windows names files case-insensitively, so a tree
 * copied from it (a template set with InetRes.adml beside inetres.admx,
 * an en-us directory) is searched the same way.
 */
#ifndef HP_DIR_H
#define HP_DIR_H

/*
 * The entry of dir ("" is the current directory) named name in any
 * ASCII case, as "dir/entry" (malloc'd), or NULL if there is none or dir
 * cannot be read.  Paths inside a jail are core/jail.h's hp_jail_find.
 */
char	*hp_dir_find_ci(const char *dir, const char *name);

#endif
