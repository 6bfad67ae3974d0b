/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the hive modules share, private to them (hive.h is the interface).
 *
 * libhivex holds the file open read-only: it reads keys for the view and,
 * on a written image, is the independent checker.  Changes never reach
 * it: hp_hive_apply records them in an overlay, a table of struct okey
 * keyed by node, which the view consults before libhivex and which the
 * writer (hive_write.c) merges with the original file.
 *
 * Nodes are libhivex's: the file offset of a key's nk cell.  A key apply
 * creates gets an id with HV_NEW_NODE set, which libhivex never sees.
 */
#ifndef HP_HIVE_IMPL_H
#define HP_HIVE_IMPL_H

#include <hivex.h>
#include <stddef.h>
#include <stdint.h>

#include "formats/hive.h"
#include "formats/regf.h"

#define HV_NEW_NODE	((hp_node)1 << 63)

/* A child in a key's index, sorted by name (see hive_kid_search). */
struct kid {
	char		*name;
	hp_node		 node;
};

/*
 * A value the patches set or deleted, in a key's sorted list of changes
 * (see hive_chg_search).  The key's other values stay as the
 * file has them, unless OK_CLEARED says they are all gone.
 */
struct vchg {
	char		*name;
	int		 deleted;
	uint64_t	 seq;		/* when first set: new values' order */
	struct hp_value	 value;
};

#define OK_KIDS		0x1	/* kids lists the key's subkeys */
#define OK_KIDS_CHANGED	0x2	/* ... and they differ from the file's */
#define OK_CLEARED	0x4	/* none of the file's values remain */
#define OK_STAMP	0x8	/* LastWriteTime becomes hv->now */
#define OK_WARNED_DUP	0x10	/* its two subkeys of one name were told */
#define OK_WARNED_COUNT	0x20	/* its wrong subkey count was told */
#define OK_WARNED_DUPVAL 0x40	/* its two values of one name were told */

/* One key the overlay knows about. */
struct okey {
	hp_node		 node;
	unsigned	 flags;
	struct kid	*kids;
	size_t		 nkids, capkids;
	char		*names;		/* the built index's names */
	size_t		 nameslen;
	struct vchg	*chg;		/* sorted by name */
	size_t		 nchg, capchg;
};

/* A slot of the overlay table (the node is kept here for fast probes). */
struct oslot {
	hp_node		 node;
	struct okey	*k;		/* NULL: free; entries stay put */
};

/* What a check reads in the hive's view, before the image is written. */
struct expect {
	int		present;
	struct hp_value	value;
};

struct hp_hive {
	hive_h			*h;		/* read-only; see hive_handle */
	/* The overlay: open addressing by node. */
	struct oslot		*ov;
	size_t			 nov, capov;
	hp_node			 last_new;
	uint64_t		 last_seq;	/* of struct vchg */
	char			*path;
	unsigned		 flags;
	int			 lock_fd;
	int			 has_mount;
	struct hp_path		 mount;
	struct hp_regf_info	 info;
	/* Changes made in memory since open. */
	/*
	 * The keys and values (name NULL: the key itself) whose final state
	 * the verification reads back, relative to the hive root; the ops'
	 * kinds and values are not used.
	 */
	struct hp_patch		 checks;
	struct expect		*want;		/* NULL: not read yet */
	hive_h			*verified;	/* the image last verified */
	int			 changed;
	int64_t			 now;		/* changed keys' new time */
	int			 verify_level;	/* HP_VERIFY_*, when staged */
	struct hp_progress	*progress;	/* of the image being written */
	/* Writing: the file itself (path may be a link to it). */
	char			*real;
	/* A dirty hive's image with its logs replayed (hive_open.c). */
	int			 image_fd;	/* a memfd, or -1 */
	char			*image;		/* its /proc name, or NULL */
	enum hp_hive_state	 state;
	char			*recovered_from;	/* what was applied */
	/*
	 * A corrupt list read anyway (hive_read.c): warnings go to warn; a
	 * second handle that accepts a subkey count its list disagrees
	 * with; the first such key, which a write refuses (unless forced).
	 */
	struct hp_warnings	*warn;
	hive_h			*unsafe;
	char			*corrupt;
};

/* hive_open.c */
int	 hive_hivex_err(struct hp_error *e, const struct hp_hive *hv,
	    const char *what, hive_node_h node);
const char *hive_hivex_reason(int err);
/* What libhivex and the writer read: the recovered image, or path. */
const char *hive_source(const struct hp_hive *hv);
/* Makes sure hv->h is open (see hive_write.c). */
int	 hive_handle(struct hp_hive *hv, struct hp_error *e);
/*
 * Closes libhivex's handle on the original (hive_handle reopens it).
 * With trim, the memory freed so far (the child indexes the checks
 * dropped) is given back before a whole hive is mapped again (glibc).
 */
void	 hive_close_handle(struct hp_hive *hv, int trim);

/*
 * Maps what libhivex reads, read-only and whole (hive_write.c), every
 * page read at once with populate; *maplen is its size, for munmap.
 */
int	 hive_map_original(struct hp_hive *hv, int populate,
	    const unsigned char **map, size_t *maplen, struct hp_error *e);

/* hive_read.c, hive_view.c */
struct okey *hive_okey_find(const struct hp_hive *hv, hp_node node);
/* Finds or adds node's entry (with no flags). */
struct okey *hive_okey_get(struct hp_hive *hv, hp_node node);
/* node's entry with its subkey index built (OK_KIDS). */
struct okey *hive_okey_kids(struct hp_hive *hv, hp_node node,
	    struct hp_error *e);
void	 hive_kid_name_free(const struct okey *k, char *name);
/* Frees node's child index if it only mirrors the file (rebuilt on use). */
void	 hive_okey_drop_kids(struct hp_hive *hv, hp_node node);
void	 hive_overlay_free(struct hp_hive *hv);
/*
 * The index of name in k's children (or changes), or where it would go
 * (*found says which).
 */
size_t	 hive_kid_search(const struct okey *k, const char *name, int *found);
size_t	 hive_chg_search(const struct okey *k, const char *name, int *found);
/*
 * A corrupt subkey list that is read anyway: a warning naming the key
 * (once per key and flag), remembered for hive_write_refused.
 */
void	 hive_corrupt(struct hp_hive *hv, hp_node node, unsigned flag,
	    const char *what);
/*
 * The file's subkeys of node (libhivex's array): a count its list
 * disagrees with is read as listed, with a warning (hive_corrupt).
 */
hive_node_h *hive_children(struct hp_hive *hv, hp_node node);
/* hive_corrupt for the key at node with two subkeys (values) named name. */
void	 hive_twice_named(struct hp_hive *hv, hp_node node, int values,
	    const char *name);
/* Refuses (-1, e set) to write a hive read with a corrupt list. */
int	 hive_write_refused(struct hp_hive *hv, struct hp_error *e);
/* A key's (value's) name from the file, U+0000 kept (core/text.h). */
char	*hive_node_name(struct hp_hive *hv, hive_node_h node);
char	*hive_value_name(struct hp_hive *hv, hive_value_h vh);
/* The file's value of key named name: 0 if none (errno set on error). */
hive_value_h hive_file_value(struct hp_hive *hv, hp_node key,
	    const char *name);
int	 hive_read_value(struct hp_hive *hv, hive_value_h vh,
	    struct hp_value *out, struct hp_error *e);
int	 hive_child(struct hp_hive *hv, hp_node key, const char *name,
	    hp_node *out, struct hp_error *e);
int	 hive_value(struct hp_hive *hv, hp_node key, const char *name,
	    struct hp_value *out, struct hp_error *e);
/* The change of the value name of k, or NULL. */
struct vchg *hive_vchg_find(const struct okey *k, const char *name);
/* 1 if k changes the file's values at all. */
int	 hive_values_changed(const struct okey *k);
/*
 * The values k sets that the file lacks (changes not marked in seen, one
 * byte per change), in the order they were first set, into out (room for
 * k->nchg); returns how many.
 */
size_t	 hive_added_values(const struct okey *k, const unsigned char *seen,
	    const struct vchg **out);

/* hive_verify.c */
/* Reads what every check finds in the view into hv->want. */
int	 hive_want_read(struct hp_hive *hv, struct hp_error *e);
/* Forgets hv->want, and the handle on the image verified against it. */
void	 hive_want_free(struct hp_hive *hv);

#endif
