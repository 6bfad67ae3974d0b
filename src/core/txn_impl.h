/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the transaction's files share, private to them (txn.h is the
 * interface): txn.c runs the commit protocol; txn_target.c decides how
 * each target is written and makes its temporary or spool file;
 * txn_attrs.c gives a replacement the attributes of what it replaces.
 */
#ifndef HP_TXN_IMPL_H
#define HP_TXN_IMPL_H

#include <string.h>

#include "core/txn.h"

struct hp_error;
struct hp_warnings;

/* Tells hivepol's temporaries (.NAME.hivepol-XXXXXX) from other files. */
#define TEMP_TAG	".hivepol-"
#define TEMP_RAND	6
enum how {
	REPLACE,	/* a regular file or a new name: renamed over */
	SPOOL,		/* device, FIFO, socket, terminal, stdout: copied */
	REMOVE
};

struct hp_txn_file {
	enum how	 how;
	char		*path;		/* as given */
	char		*target;	/* after symlinks */
	char		*dir;		/* target's folder, and its name in it */
	const char	*base;
	int		 dirfd;		/* -1: removing from an absent folder */
	int		 fd;		/* the staged content; -1 once closed */
	char		*tmp;		/* a name that opens it */
	const char	*tmpbase;	/* its name in dir (REPLACE) */
	char		*keep;		/* link to the original, in dir */
	int		 placed;
	int		 moved;		/* keep is the original moved aside */
	int		 backup;
	hp_txn_verify_fn verify;
	void		*verify_arg;
	size_t		 written, queued;
};

static inline const char *
txn_shown(const struct hp_txn_file *f)
{
	return strcmp(f->path, "-") == 0 ? "stdout" : f->path;
}

/* txn_target.c */

/* A file for path, with nothing decided or opened yet. */
struct hp_txn_file *txn_file_new(const char *path);
void	 txn_file_free(struct hp_txn_file *f);
/* Decides how f's target is written: what it is now says. */
int	 txn_classify(struct hp_txn_file *f, struct hp_error *e);
/* Splits target into its folder and its name there. */
int	 txn_split(struct hp_txn_file *f, struct hp_error *e);
/* The temporary file beside the target that will replace it. */
int	 txn_open_temp(struct hp_txn_file *f, struct hp_error *e);
/* An anonymous file for a target that cannot be replaced. */
int	 txn_open_spool(struct hp_txn_file *f, struct hp_error *e);
/*
 * A fresh name ".BASE.hivepol-XXXXXX" in f's folder, made to exist by
 * make (which fails with EEXIST if the name is taken); NULL with errno.
 */
char	*txn_make_unique(struct hp_txn_file *f,
	    int (*make)(struct hp_txn_file *, const char *));
/* Removes the staged content (not the target) of an uncommitted file. */
void	 txn_discard(struct hp_txn_file *f);

/* txn_attrs.c */

/* Gives the temporary file the owner, group, mode and xattrs it replaces. */
int	 txn_keep_attrs(struct hp_txn_file *f, struct hp_warnings *w,
	    struct hp_error *e);

#endif
