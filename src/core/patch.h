/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A patch: an ordered list of operations on registry keys and values.
 * .reg and Registry.pol files are patches; diff produces one; import and
 * apply consume one.  Paths in a patch are full (with a root) or relative
 * to whatever the patch is applied to.
 */
#ifndef HP_PATCH_H
#define HP_PATCH_H

#include <stddef.h>

#include "core/path.h"
#include "core/value.h"

struct hp_buf;

enum hp_op_kind {
	HP_OP_CREATE_KEY,	/* create key and missing ancestors */
	HP_OP_SET_VALUE,	/* create or replace a value */
	HP_OP_SET_VALUE_SOFT,	/* set only if the value does not exist */
	HP_OP_DELETE_VALUE,	/* absent value is not an error */
	HP_OP_DELETE_VALUES,	/* all values of the key, not its subkeys */
	HP_OP_DELETE_KEY	/* recursively; absent key is not an error */
};

struct hp_op {
	enum hp_op_kind	 kind;
	struct hp_path	 key;
	char		*name;		/* value name; "" is the default value */
	struct hp_value	 value;		/* SET_VALUE, SET_VALUE_SOFT */
	unsigned long	 line;		/* source line or offset, 0 if none */
	int		 key_shared;	/* key is an earlier op's, not freed */
};

struct hp_patch {
	struct hp_op	*ops;
	size_t		 n;
	size_t		 cap;
};

#define HP_PATCH_INIT	{ NULL, 0, 0 }

/* What applying a patch changed. */
struct hp_apply_stats {
	size_t	keys_created;
	size_t	keys_deleted;
	size_t	values_set;
	size_t	values_deleted;
	size_t	unchanged;	/* operations that found the target as asked */
	size_t	outside;	/* operations outside the target's mount */
};

/*
 * Appends an operation; key and value are copied, name may be NULL for key
 * operations.  An op whose key is spelt as the previous op's shares that
 * op's copy, so ops' keys are read-only.  Returns the new op (never
 * NULL), valid until the next hp_patch_add.
 */
struct hp_op	*hp_patch_add(struct hp_patch *p, enum hp_op_kind kind,
		    const struct hp_path *key, const char *name,
		    const struct hp_value *value, unsigned long line);
void		 hp_patch_free(struct hp_patch *p);

/* One line as a person reads it: "set HKLM\X\Y "Name" REG_DWORD 0x1". */
int		 hp_op_describe(const struct hp_op *op, struct hp_buf *out);
/* 1 if op creates its key and missing ancestors when they are absent. */
int		 hp_op_creates_key(const struct hp_op *op);
const char	*hp_op_kind_name(enum hp_op_kind kind);
/* 1 if any change was counted. */
int		 hp_apply_stats_changed(const struct hp_apply_stats *s);

#endif
