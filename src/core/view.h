/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A view: a read-only registry tree.  Hives implement it lazily (only the
 * keys asked for are read); in-memory trees (from .reg, Registry.pol or a
 * policy) implement it directly.  A view serves a mount: the registry
 * prefix its root stands for (HKLM\SOFTWARE for a SOFTWARE hive).  A
 * "whole" view serves the whole namespace: its root's children are the long
 * root names (a tree read from a .reg file).  A hive whose mount is unknown
 * is reached by relative paths only.
 */
#ifndef HP_VIEW_H
#define HP_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "core/patch.h"
#include "core/path.h"
#include "core/value.h"

struct hp_error;
struct hp_warnings;

typedef uint64_t hp_node;

struct hp_keyent {
	char	*name;
	hp_node	 node;
};

struct hp_keylist {
	struct hp_keyent	*v;
	size_t			 n;
	size_t			 cap;
};

struct hp_valent {
	char		*name;		/* "" for the default value */
	struct hp_value	 value;
};

struct hp_vallist {
	struct hp_valent	*v;
	size_t			 n;
	size_t			 cap;
};

#define HP_LIST_INIT	{ NULL, 0, 0 }

/* Lookups return 0 found, 1 not found, -1 error (e filled). */
struct hp_view_ops {
	int	(*root)(void *impl, hp_node *out, struct hp_error *e);
	int	(*child)(void *impl, hp_node key, const char *name,
		    hp_node *out, struct hp_error *e);
	int	(*subkeys)(void *impl, hp_node key, struct hp_keylist *out,
		    struct hp_error *e);
	int	(*values)(void *impl, hp_node key, struct hp_vallist *out,
		    struct hp_error *e);
	int	(*value)(void *impl, hp_node key, const char *name,
		    struct hp_value *out, struct hp_error *e);
	/* Key's last write time as a FILETIME, 0 if unknown. */
	int64_t	(*mtime)(void *impl, hp_node key);
};

struct hp_view {
	const struct hp_view_ops	*ops;
	void				*impl;
	struct hp_path			 mount;		/* not owned */
	int				 whole;		/* root holds roots */
	int				 mounted;	/* mount is known */
	const char			*source;	/* for messages */
	/*
	 * A dirty hive's: "recovered" (its logs replayed) or "stale" (read
	 * without them), and what was replayed ("X.LOG1, .LOG2: 3 log
	 * entries"); NULL for everything else.
	 */
	const char			*state;
	const char			*recovered_from;
};

/*
 * Maps p to components below the view's root.  A relative p is taken as
 * relative to the root; an HKEY_CLASSES_ROOT one as Windows stores it
 * (HKLM\SOFTWARE\Classes, or the user's classes at
 * HKCU\Software\Classes).  Returns 1 if p lies outside the mount.
 */
int	hp_view_relative(const struct hp_view *v, const struct hp_path *p,
	    struct hp_path *rel, struct hp_error *e);
/*
 * One operation of a patch, its key made relative to the view's root
 * (rel): applies it and counts what it did in st.  0 or -1.
 */
typedef int (*hp_apply_fn)(void *arg, const struct hp_op *op,
	    const struct hp_path *rel, struct hp_apply_stats *st,
	    struct hp_error *e);
/*
 * Applies p's operations in order through fn (stats may be NULL).  One
 * outside the view's mount is counted in stats->outside and reported
 * through w instead.
 */
int	hp_view_apply(const struct hp_view *v, const struct hp_patch *p,
	    hp_apply_fn fn, void *arg, struct hp_apply_stats *stats,
	    struct hp_warnings *w, struct hp_error *e);
/* Opens the key at p (full or relative). */
int	hp_view_lookup(const struct hp_view *v, const struct hp_path *p,
	    hp_node *out, struct hp_error *e);
/* Reads one value of the key at p. */
int	hp_view_get(const struct hp_view *v, const struct hp_path *key,
	    const char *name, struct hp_value *out, struct hp_error *e);
/* Full path of a relative path below the view's root. */
void	hp_view_full_path(const struct hp_view *v, const struct hp_path *rel,
	    struct hp_path *full);

void	hp_keylist_add(struct hp_keylist *l, const char *name, hp_node node);
/* As _add, taking over the malloc'd name. */
void	hp_keylist_take(struct hp_keylist *l, char *name, hp_node node);
void	hp_keylist_sort(struct hp_keylist *l);
void	hp_keylist_free(struct hp_keylist *l);
void	hp_vallist_add(struct hp_vallist *l, const char *name,
	    const struct hp_value *value);
/* As _add, taking over name and the value's data. */
void	hp_vallist_take(struct hp_vallist *l, char *name,
	    struct hp_value *value);
/* Sorted by name, the default value first. */
void	hp_vallist_sort(struct hp_vallist *l);
void	hp_vallist_free(struct hp_vallist *l);
/* The subkeys (values) of key, sorted; returns what the view's op does. */
int	hp_view_sorted_subkeys(const struct hp_view *v, hp_node key,
	    struct hp_keylist *out, struct hp_error *e);
int	hp_view_sorted_values(const struct hp_view *v, hp_node key,
	    struct hp_vallist *out, struct hp_error *e);

/*
 * Walks the tree below node (whose path relative to the view root is rel)
 * depth-first in sorted order, calling fn for each key with its values
 * (sorted, default first).  rel is extended and restored as the walk
 * descends.  max_depth levels at most below node (0: node only).  fn
 * returns 0 to go on, 1 to skip the key's subkeys, -1 to stop with e set.
 */
typedef int (*hp_walk_fn)(void *arg, const struct hp_path *rel, hp_node node,
    const struct hp_vallist *vals, struct hp_error *e);
int	hp_view_walk(const struct hp_view *v, hp_node node, struct hp_path *rel,
	    unsigned max_depth, hp_walk_fn fn, void *arg, struct hp_error *e);

#endif
