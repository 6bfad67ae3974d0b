/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * An in-memory registry tree: what a .reg or Registry.pol file describes,
 * or a policy's desired state.  Subkeys are kept sorted (case-insensitive)
 * for binary search; values keep their insertion order.
 */
#ifndef HP_TREE_H
#define HP_TREE_H

#include <stddef.h>
#include <stdint.h>

#include "core/patch.h"
#include "core/path.h"
#include "core/value.h"
#include "core/view.h"

struct hp_error;
struct hp_warnings;

struct hp_tree_value {
	char		*name;
	struct hp_value	 value;
};

struct hp_tree_key {
	char			 *name;
	struct hp_tree_key	 *parent;
	struct hp_tree_key	**kids;
	size_t			  nkids;
	size_t			  capkids;
	struct hp_tree_value	 *vals;
	size_t			  nvals;
	size_t			  capvals;
};

struct hp_tree {
	struct hp_tree_key	*root;
	struct hp_path		 mount;	/* what the root stands for */
};

/* A tree for mount (NULL: the whole namespace). */
void			 hp_tree_init(struct hp_tree *t,
			    const struct hp_path *mount);
void			 hp_tree_free(struct hp_tree *t);

struct hp_tree_key	*hp_tree_child(const struct hp_tree_key *k,
			    const char *name);
/* Finds or creates the child. */
struct hp_tree_key	*hp_tree_child_add(struct hp_tree_key *k,
			    const char *name);
void			 hp_tree_child_delete(struct hp_tree_key *k,
			    const char *name);
struct hp_tree_value	*hp_tree_value_get(const struct hp_tree_key *k,
			    const char *name);
int			 hp_tree_value_set(struct hp_tree_key *k,
			    const char *name, const struct hp_value *v);
/* Returns 1 if a value was deleted. */
int			 hp_tree_value_delete(struct hp_tree_key *k,
			    const char *name);
void			 hp_tree_values_clear(struct hp_tree_key *k);

/* Applies every operation in order; see struct hp_apply_stats. */
int			 hp_tree_apply(struct hp_tree *t,
			    const struct hp_patch *p,
			    struct hp_apply_stats *stats,
			    struct hp_warnings *w, struct hp_error *e);

/* A view over t, valid while t lives and is not modified. */
void			 hp_tree_view(struct hp_tree *t, struct hp_view *v,
			    const char *source);

#endif
