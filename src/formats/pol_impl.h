/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the Registry.pol modules share and nothing else needs: the reader
 * one entry at a time (pol_read.c), the "a;b;c" list commands, and the
 * entry's life cycle (polfile.c).  pol_patch.c reads through the reader to
 * build a patch without keeping the entries; pol_write.c checks commands
 * against the items of their lists.
 */
#ifndef HP_POL_IMPL_H
#define HP_POL_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "formats/polfile.h"

struct hp_error;
struct hp_warnings;

/* "PReg" and version 1. */
extern const unsigned char hp_pol_magic[8];

struct hp_pol_reader {
	const unsigned char	*b;
	size_t			 len;
	size_t			 pos;
	const char		*name;
	struct hp_error		*e;
};

/* Checks the header of a file in memory and starts after it. */
int	hp_pol_reader_start(struct hp_pol_reader *r, const void *buf,
	    size_t len, const char *name, struct hp_error *e);
/*
 * The next entry into en (zeroed first): 1, or 0 at the end, -1 on error.
 * With raw, en also keeps its UTF-16 names for writing back.
 */
int	hp_pol_reader_next(struct hp_pol_reader *r, struct hp_pol_entry *en,
	    struct hp_warnings *w, int raw);

void	hp_pol_entry_free(struct hp_pol_entry *en);

static inline int
hp_pol_is_string_type(uint32_t t)
{
	return t == HP_REG_SZ || t == HP_REG_EXPAND_SZ ||
	    t == HP_REG_MULTI_SZ || t == HP_REG_LINK;
}

/*
 * Calls fn for each item of a REG_SZ "a;b;c" list (**DeleteValues,
 * **DeleteKeys); empty items are skipped.  fn returns 0 to go on, 1 to
 * stop, -1 on error; so does hp_pol_each_item.
 */
int	hp_pol_each_item(const struct hp_pol_entry *en,
	    int (*fn)(void *, const char *, struct hp_error *), void *arg,
	    struct hp_error *e);

#endif
