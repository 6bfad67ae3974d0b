/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Offline hive files through libhivex.
 *
 * hp_hive_open checks the base block itself before libhivex sees the file,
 * detects dirty hives (sequence numbers differ, or a transaction log beside
 * the file holds changes the primary lacks) and the mount.  Reading is lazy:
 * libhivex maps the file and only the keys asked for are decoded.
 *
 * Writing: open with HP_HIVE_WRITE (an advisory lock is taken, and a dirty
 * hive is refused unless HP_HIVE_FORCE), apply patches (recorded in memory,
 * the view shows them), then hp_hive_commit: hivepol writes the new image
 * itself from the original file and the changes (hp_hive_write_image: only
 * what the root reaches, in fresh bins, the changed keys' LastWriteTime
 * renewed) into a file staged in a transaction (txn.h), which fsyncs it,
 * has it verified through libhivex (hp_hive_verify_image) and renames it
 * over the original.  Any failure leaves the original untouched.
 */
#ifndef HP_HIVE_H
#define HP_HIVE_H

#include "core/patch.h"
#include "core/path.h"
#include "core/view.h"

struct hp_buf;
struct hp_error;
struct hp_warnings;
struct hp_hive;
struct hp_txn;

#define HP_HIVE_WRITE	0x1	/* open for changes */
#define HP_HIVE_FORCE	0x2	/* write a dirty hive (its logs are lost) */

/* mount may be NULL (detect it). */
int	 hp_hive_open(const char *path, unsigned flags,
	    const struct hp_path *mount, struct hp_hive **out,
	    struct hp_warnings *w, struct hp_error *e);
/* As hp_hive_open; pr (may be NULL) hears of the log entries replayed. */
struct hp_progress;
int	 hp_hive_open_progress(const char *path, unsigned flags,
	    const struct hp_path *mount, struct hp_progress *pr,
	    struct hp_hive **out, struct hp_warnings *w, struct hp_error *e);
void	 hp_hive_close(struct hp_hive *hv);
/*
 * Whether hp_hive_open replays the logs of dirty hives in memory (the
 * default) or reads the primary file as it is, for the whole process.
 */
void	 hp_hive_set_recovery(int on);

enum hp_hive_state {
	HP_HIVE_CLEAN,		/* the primary file is complete */
	HP_HIVE_RECOVERED,	/* dirty, its logs replayed in memory */
	HP_HIVE_STALE		/* dirty, read as the primary file has it */
};
enum hp_hive_state hp_hive_state(const struct hp_hive *hv);
/*
 * The whole image the hive reads (the recovered one if its logs were
 * replayed, with a clean base block), into out.
 */
int	 hp_hive_read_image(struct hp_hive *hv, struct hp_buf *out,
	    struct hp_error *e);

/* The view over the hive (as it is in memory, changes included). */
void	 hp_hive_view(struct hp_hive *hv, struct hp_view *v);
const struct hp_path *hp_hive_mount(const struct hp_hive *hv);
/* 1 if the mount was detected or given, 0 if unknown. */
int	 hp_hive_has_mount(const struct hp_hive *hv);
const char *hp_hive_path(const struct hp_hive *hv);

/* Applies p in memory; see struct hp_apply_stats. */
int	 hp_hive_apply(struct hp_hive *hv, const struct hp_patch *p,
	    struct hp_apply_stats *stats, struct hp_warnings *w,
	    struct hp_error *e);

/*
 * Writes the image of the hive with the changes applied so far to fd,
 * from offset 0 (the file is truncated to its length; not fsynced, not
 * closed).  name is fd's name, for messages.
 */
int	 hp_hive_write_image(struct hp_hive *hv, int fd, const char *name,
	    struct hp_error *e);

/*
 * Checks the image written to the file name: libhivex opens it (which
 * checks every bin and cell) and every key and value changed since open
 * must read back as the hive's view has it.  With full set, the whole
 * registry the image holds must also equal the view's: every key, value
 * name, type and data byte.
 */
int	 hp_hive_verify_image(struct hp_hive *hv, const char *name, int full,
	    struct hp_error *e);

/*
 * Tells the hive that the image it last verified replaced the file at its
 * path: the changes are forgotten and the view reads the file afresh
 * (through the verification's handle; nodes handed out before are dead).
 * hp_hive_commit calls it; a caller of hp_hive_stage must too, after its
 * transaction committed.
 */
void	 hp_hive_written(struct hp_hive *hv);

#define HP_VERIFY_BASIC	0	/* libhivex opens it, changes read back */
#define HP_VERIFY_FULL	1	/* and the whole registry compares equal */

struct hp_commit_opts {
	int			 backup;	/* keep the original as .bak */
	struct hp_warnings	*warnings;	/* may be NULL */
	int			 verify;	/* HP_VERIFY_* */
	struct hp_progress	*progress;	/* keys written; may be NULL */
};

/*
 * Stages the hive's new image in the transaction t (nothing if there are
 * no changes; *staged says): written now, read back at the level asked
 * by t's commit before any rename.  After t commits, call
 * hp_hive_written; if it fails, the hive still holds its changes.
 */
int	 hp_hive_stage(struct hp_hive *hv, struct hp_txn *t,
	    const struct hp_commit_opts *o, int *staged, struct hp_error *e);
/* A transaction of this hive alone. */
int	 hp_hive_commit(struct hp_hive *hv, const struct hp_commit_opts *o,
	    struct hp_error *e);

/*
 * Class names (hive_class.c): libhivex has no call for them, so a reader
 * maps the image the hive reads.  hp_hive_class puts key's class, as
 * UTF-8, in out (emptied first) and returns 1, or 0 if it has none (keys
 * created in memory never do), or -1 on a bad cell.
 */
struct hp_hive_classes;
int	 hp_hive_classes_open(struct hp_hive *hv,
	    struct hp_hive_classes **out, struct hp_error *e);
int	 hp_hive_class(struct hp_hive_classes *c, hp_node key,
	    struct hp_buf *out, struct hp_error *e);
void	 hp_hive_classes_close(struct hp_hive_classes *c);

/* Creates a new empty hive at path (refused if it exists). */
int	 hp_hive_create(const char *path, const struct hp_path *mount,
	    struct hp_error *e);

#endif
