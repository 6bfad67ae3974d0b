/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the vocabulary's files share: the loaded set and its two indexes. */
#ifndef HP_VOCAB_IMPL_H
#define HP_VOCAB_IMPL_H

#include <stddef.h>

#include "templates/template.h"
#include "templates/vocab.h"

/* What in a policy writes a value. */
enum hp_vocab_role {
	HP_VR_VALUE,		/* the policy's valueName */
	HP_VR_ENABLED_ITEM,	/* an item of enabledList */
	HP_VR_DISABLED_ITEM,	/* an item of disabledList */
	HP_VR_ELEM,		/* an element's valueName */
	HP_VR_ELEM_ITEM,	/* a boolean's true/false list or an enum
				   item's valueList */
	HP_VR_LIST		/* a list element: any value of its key */
};

struct hp_vocab_ref {
	const struct hp_tmpl		*t;
	const struct hp_tmpl_policy	*p;
	const struct hp_tmpl_elem	*el;
	const struct hp_tmpl_item	*item;
	enum hp_vocab_role		 role;
	int				 on;	/* ELEM_ITEM: a true list or
						   the enum item's index */
};

/*
 * A string-keyed multimap: open addressing over the first entry of each
 * key, later entries of the same key chained through next.
 */
struct hp_vocab_ent {
	char	*key;		/* NULL behind the key's first entry */
	size_t	 val;
	size_t	 next;		/* index + 1 of the next with this key, 0 */
	size_t	 tail;		/* the first's: index of the last */
};

struct hp_vocab_map {
	struct hp_vocab_ent	*v;
	size_t			 n, cap;
	size_t			*slot;		/* index + 1, 0 empty */
	size_t			 nslots;
};

/* A category's place: its template and index in t->cats. */
struct hp_vocab_cat {
	const struct hp_tmpl	*t;
	size_t			 i;
};

struct hp_vocab {
	struct hp_tmpl		**t;
	size_t			 nt, tcap;
	char			*lang;
	struct hp_vocab_ref	*refs;
	size_t			 nrefs, refcap;
	struct hp_vocab_map	 values;	/* "KEY\nNAME" -> refs */
	struct hp_vocab_cat	*cats;
	size_t			 ncats, catcap;
	struct hp_vocab_map	 catmap;	/* "NS\nNAME" -> cats */
};

/* The first entry of key (index + 1), or 0. */
size_t	hp_vocab_map_find(const struct hp_vocab_map *m, const char *key);
/* "KEY\nNAME" upper-cased, doubled and outer backslashes dropped. */
void	hp_vocab_norm(const char *key, const char *name, struct hp_buf *out);
/* The namespace a reference "prefix:name" of t points into, and name. */
const char *hp_vocab_ref_ns(const struct hp_tmpl *t, const char *ref,
	    const char **name);

#endif
