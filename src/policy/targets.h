/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The targets of one machine for check and apply: files named on the
 * command line, or the hives and local GPO of a mounted Windows image.
 */
#ifndef HP_TARGETS_H
#define HP_TARGETS_H

#include <stddef.h>

#include "core/buf.h"
#include "formats/source.h"
#include "core/view.h"

struct hp_error;
struct hp_warnings;

/*
 * A Registry.pol holds one class of settings: its view stays whole (the
 * file names its root) but its mount names that bare root (HKLM or HKCU),
 * so a check of the other class's keys finds it does not cover them.
 */
struct hp_targets {
	struct hp_source	**src;
	struct hp_view		 *views;	/* views[i] over src[i] */
	enum hp_root		 *only;		/* class of src[i], or NONE */
	size_t			  n, srccap, viewcap, onlycap;
	/* An image's profiles, each name NUL-terminated. */
	struct hp_buf		  profiles_checked, profiles_skipped;
	/* An image in a container file (owned), whose hives are staged. */
	struct hp_container	 *box;
	char			**shown;	/* src[i]'s name for people */
	size_t			  showncap;
	/* The image's hives to open (HP_NEED_*), 0: all of them. */
	unsigned		  need;
	/* Hives open for changes that stay in memory (--dry-run). */
	int			  dry_run;
};

#define HP_TARGETS_INIT	{ NULL, NULL, NULL, 0, 0, 0, 0, HP_BUF_INIT, \
			  HP_BUF_INIT, NULL, NULL, 0, 0, 0 }

/* The hives of an image a policy reaches. */
#define HP_NEED_SOFTWARE	0x1u
#define HP_NEED_SYSTEM		0x2u
#define HP_NEED_USER		0x4u
struct hp_policy;
unsigned hp_targets_need(const struct hp_policy *pol);
/* The image hive a full key path lies in (HP_NEED_*), or 0. */
unsigned hp_targets_need_key(const struct hp_path *key);

/* Opens path (hive, .reg, Registry.pol or GPO folder) as one more target. */
int	hp_targets_add(struct hp_targets *t, const char *path,
	    const struct hp_source_opts *o, struct hp_warnings *w,
	    struct hp_error *e);
/*
 * Adds the targets of a Windows image: a mounted volume at dir, or a
 * container file (image/container.h: "install.wim:3"), matching names
 * case-insensitively: Windows/System32/config/SOFTWARE and SYSTEM (as
 * HKLM\SOFTWARE and HKLM\SYSTEM), Users/Default/NTUSER.DAT as HKCU (every
 * Users/<name>/NTUSER.DAT with all_users), and Windows/System32/GroupPolicy
 * when it holds a Registry.pol.  Finding no hive at all is an error.
 * dir is a jail (jail.h): its links resolve inside it, and each hive is
 * opened by its resolved path, so neither a read nor a write leaves dir.
 * A container's hives (only those t->need names) are staged out of it,
 * and its links are never followed; hp_targets_commit writes them back.
 */
int	hp_targets_add_image(struct hp_targets *t, const char *dir,
	    int all_users, const struct hp_source_opts *o,
	    struct hp_warnings *w, struct hp_error *e);
/*
 * Puts the hives of an image container that changed back into it, all
 * in one update; nothing to do for anything else.  With a container the
 * sources are closed first (their memory is not held during the write):
 * then only hp_targets_free remains to be called.
 */
int	hp_targets_commit(struct hp_targets *t, struct hp_error *e);
/* Views must be refreshed after a source changes (hives: automatic). */
void	hp_targets_free(struct hp_targets *t);

#endif
