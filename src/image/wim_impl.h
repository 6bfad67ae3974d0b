/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What wim.c and wim_ntfs.c share: the open WIM image. */
#ifndef HP_WIM_IMPL_H
#define HP_WIM_IMPL_H

#include <stdint.h>

#include <wimlib.h>

struct hp_buf;
struct hp_container;
struct hp_error;

struct hp_wim {
	WIMStruct	*w;
	int		 image;		/* 1-based */
	char		*file;
	int		 sync_errno;	/* why the mid-write sync failed */
	int		 renamed;	/* wimlib rebuilt it: sync the folder */
	int		 written;	/* the new WIM is in place */
};

/* e gets "file: what: wimlib's message" for wimlib error r; -1. */
int	hp_wim_fail(struct hp_error *e, const char *file, const char *what,
	    int r);
/*
 * rel's link count and attributes, and in meta (may be NULL) one line
 * per piece of metadata a rewrite must keep; an error unless a file.
 */
int	hp_wim_describe(struct hp_wim *wm, const char *rel, uint32_t *links,
	    uint32_t *attributes, struct hp_buf *meta, struct hp_error *e);
/* Writes the updated WIM in place, synced (docs/images.md). */
int	hp_wim_write(struct hp_wim *wm, struct hp_error *e);
/* hp_wim_ops' commit (wim_ntfs.c). */
int	hp_wim_commit(struct hp_container *c, const char *const *rels,
	    const char *const *hosts, size_t n, struct hp_error *e);

#endif
