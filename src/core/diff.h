/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Content diff of two views: both are walked together in sorted order
 * (a merge of sorted subkey and value lists), so no side is ever loaded
 * into a second in-memory tree.  Values compare with hp_value_equal; key
 * timestamps play no part.  Each difference goes to a callback with the
 * key's full path.
 */
#ifndef HP_DIFF_H
#define HP_DIFF_H

#include <stddef.h>

#include "core/patch.h"
#include "core/path.h"
#include "core/value.h"
#include "core/view.h"

struct hp_error;

enum hp_diff_kind {
	HP_DIFF_KEY_ADDED,	/* in B only (its values follow as added) */
	HP_DIFF_KEY_REMOVED,	/* in A only (its subtree is not listed) */
	HP_DIFF_VALUE_ADDED,
	HP_DIFF_VALUE_REMOVED,
	HP_DIFF_VALUE_CHANGED
};

struct hp_diff_item {
	enum hp_diff_kind	 kind;
	const struct hp_path	*key;		/* full path */
	const char		*name;		/* value name, NULL for keys */
	const struct hp_value	*old;		/* REMOVED, CHANGED */
	const struct hp_value	*new;		/* ADDED, CHANGED */
	/*
	 * Below a removed key: its values and subkeys are listed one by
	 * one, as an added key's are, but removing the key says it all.
	 */
	int			 in_removed;
};

/* Returns 0 to go on, -1 to stop (e filled). */
typedef int (*hp_diff_fn)(void *arg, const struct hp_diff_item *d,
    struct hp_error *e);

struct hp_diff_stats {
	size_t	keys_added, keys_removed;
	size_t	values_added, values_removed, values_changed;
};

/*
 * Compares a and b below prefix (full path; NULL: the mount of whichever
 * view has one, else the whole namespace).  A side on which prefix does
 * not exist counts as empty.  pr (may be NULL) hears of every key
 * compared.
 */
struct hp_progress;
int	hp_diff_views(const struct hp_view *a, const struct hp_view *b,
	    const struct hp_path *prefix, hp_diff_fn fn, void *arg,
	    struct hp_diff_stats *st, struct hp_progress *pr,
	    struct hp_error *e);
/*
 * Appends the operation that turns A's side of d into B's, so that the
 * items of one diff, in the order given, make a patch taking A to B.
 */
int	hp_diff_patch_add(struct hp_patch *p, const struct hp_diff_item *d,
	    struct hp_error *e);
/* 1 if any difference was counted. */
int	hp_diff_stats_any(const struct hp_diff_stats *st);

#endif
