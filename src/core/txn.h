/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The one write path: every file hivepol writes is staged, written,
 * fsynced, verified and put in place through a transaction.
 *
 *   struct hp_txn *t;
 *   hp_txn_begin(&t, e);
 *   hp_txn_stage(t, "out/a.pol", &f, e);   write to hp_txn_fd(f)
 *   hp_txn_put(t, "out/gpt.ini", buf, len, e);
 *   hp_txn_commit(t, w, e);                all or nothing
 *   hp_txn_free(t);                        aborts if not committed
 *
 * What a target is decides how it is written (docs/writing.md):
 * - a regular file (or a new name): a temporary ".NAME.hivepol-XXXXXX"
 *   created with O_EXCL|O_NOFOLLOW through its directory's fd, given the
 *   target's owner, group, mode and extended attributes (POSIX ACLs
 *   included), fsynced, then renamed over it;
 * - a symlink: resolved (a relative link against the link's folder, up
 *   to 40 links, more is taken for a loop) and its target replaced in the
 *   target's own directory; the link stays a link;
 * - a device, FIFO, socket or terminal, and "-" (stdout): written to
 *   directly, never replaced.  What is staged for them is spooled in an
 *   anonymous file and copied at commit, so nothing reaches them if the
 *   transaction fails before its commit step.
 *
 * hp_txn_commit fsyncs and verifies every staged file, then renames them
 * into place in the order they were staged, keeping a hard link to each
 * replaced original until the end; a failure before the first rename
 * changes nothing, a failure during the renames puts back what was
 * already replaced, and the directories are fsynced.  Spooled targets
 * are written last.  All-or-nothing holds for regular files only, and
 * not across a crash in the middle of a commit.
 *
 * The fault-injection seam (hook.h) is used here and nowhere else (but
 * hive.c, until its commit is a transaction).
 */
#ifndef HP_TXN_H
#define HP_TXN_H

#include <stddef.h>

struct hp_buf;
struct hp_error;
struct hp_warnings;
struct hp_txn;
struct hp_txn_file;

int	hp_txn_begin(struct hp_txn **out, struct hp_error *e);

/*
 * Stages a new content for path ("-" is stdout) and returns its handle,
 * owned by the transaction.  Staging the same target twice is an error.
 */
int	hp_txn_stage(struct hp_txn *t, const char *path,
	    struct hp_txn_file **out, struct hp_error *e);
/* Stages path with data as its whole content. */
int	hp_txn_put(struct hp_txn *t, const char *path, const void *data,
	    size_t len, struct hp_error *e);
/*
 * Stages the removal of path (a file; absent is fine; a symlink is
 * removed itself, not what it names).
 */
int	hp_txn_remove(struct hp_txn *t, const char *path,
	    struct hp_error *e);

/*
 * Makes path and any missing parents now (as mkdir -p), to hold staged
 * files.  The folders it made are removed again (if empty) when the
 * transaction fails or is freed uncommitted; a commit fsyncs their
 * parents.
 */
int	hp_txn_mkdir(struct hp_txn *t, const char *path, struct hp_error *e);

/* Where to write a staged file: an fd, and a name that opens it. */
int	hp_txn_fd(const struct hp_txn_file *f);
const char *hp_txn_temp_name(const struct hp_txn_file *f);
/* The target as given, and after symlinks were resolved. */
const char *hp_txn_target(const struct hp_txn_file *f);
int	hp_txn_write(struct hp_txn_file *f, const void *data, size_t len,
	    struct hp_error *e);
/* hp_txn_write of out's contents, then empties out (a flush callback). */
int	hp_txn_flush(void *f, struct hp_buf *out, struct hp_error *e);

/*
 * Called for each staged file after it is fsynced and before any rename:
 * a hive's independent read-back.  Failing aborts the transaction.
 */
typedef int (*hp_txn_verify_fn)(void *arg, const char *temp_name,
	    struct hp_error *e);
void	hp_txn_set_verify(struct hp_txn_file *f, hp_txn_verify_fn fn,
	    void *arg);
/* Keep the replaced original as TARGET.bak. */
void	hp_txn_set_backup(struct hp_txn_file *f, int backup);

/*
 * Puts everything in place, all or nothing (see above); w (may be NULL)
 * gets what could not be kept (an owner only root may give, an extended
 * attribute the file system refuses).  Whether it succeeds or not, the
 * transaction is over: only hp_txn_free may follow.
 */
int	hp_txn_commit(struct hp_txn *t, struct hp_warnings *w,
	    struct hp_error *e);
/* A transaction of one file: path gets data as its whole content. */
int	hp_txn_save(const char *path, const void *data, size_t len,
	    struct hp_warnings *w, struct hp_error *e);
/*
 * Writes all of data to fd (through the fault seam), for writers that
 * are handed a staged file's fd.
 */
int	hp_txn_write_fd(int fd, const void *data, size_t len, const char *name,
	    struct hp_error *e);
/*
 * fsyncs fd (through the fault seam), for a writer that updates a file
 * in place under its own undo protocol (image/ntfs_undo.c).
 */
int	hp_txn_fsync_fd(int fd, const char *name, struct hp_error *e);
/*
 * Removes the temporaries a killed process left beside path (taken as it
 * is, not followed); *n counts them.  Only for a caller that holds
 * path's write lock (a hive's), since a live writer's look the same.
 */
int	hp_txn_sweep_temps(const char *path, int *n, struct hp_error *e);

/* Discards whatever is staged and frees t (NULL is fine). */
void	hp_txn_free(struct hp_txn *t);

#endif
