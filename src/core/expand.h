/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A patch made explicit against a registry: the two operations whose
 * effect depends on what the registry holds, delete all values of a key
 * (Registry.pol's **delvals.) and set a value only if it is absent
 * (**soft.), become the plain deletions and sets they would make there,
 * so that a format without them (.reg) can carry the patch.
 */
#ifndef HP_EXPAND_H
#define HP_EXPAND_H

#include "core/patch.h"
#include "core/view.h"

struct hp_error;

/*
 * Appends in's operations to out, each delete-all-values as one
 * delete-value per value the key holds in v at that point (its values in
 * v and those set before it in in), each set-if-absent as a set or
 * nothing.  Such an operation on a key outside v's mount is an error: what
 * it does cannot be known.
 */
int	hp_patch_expand(const struct hp_patch *in, const struct hp_view *v,
	    struct hp_patch *out, struct hp_error *e);
/* 1 if p has an operation hp_patch_expand would replace. */
int	hp_patch_needs_expand(const struct hp_patch *p);

#endif
