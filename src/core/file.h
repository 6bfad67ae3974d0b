/*
 * Reading inputs with a size limit.  Writing is txn.h's; the writing
 * functions below are defined in txn.c and kept only for hive.c, until its
 * commit goes through hp_txn.
 */
#ifndef HP_FILE_H
#define HP_FILE_H

#include <stddef.h>

struct hp_buf;
struct hp_error;

/*
 * Appends all of path ("-" is stdin) to out, refusing more than max
 * bytes.  On failure out is left as it was.
 */
int	hp_file_read(const char *path, size_t max, struct hp_buf *out,
	    struct hp_error *e);
/* hp_txn_save without warnings. */
int	hp_file_write_atomic(const char *path, const void *data, size_t len,
	    struct hp_error *e);

/*
 * The steps of an atomic replace, for writers that produce the temporary
 * file themselves (hive commits): hp_file_temp makes
 * "DIR/.NAME.hivepol-XXXXXX" and creates it (fd returned),
 * hp_file_commit_temp commits it as a transaction of one file (path
 * itself, not a symlink's target, is replaced),
 * hp_file_sync_dir alone does the last step.
 */
int	hp_file_temp(const char *path, char **tmpname, struct hp_error *e);
/*
 * Removes the temporaries hp_file_temp made for path that a killed
 * process left behind; *n counts them.  Only for a caller that holds
 * path's write lock, since a live writer's temporaries look the same.
 */
int	hp_file_sweep_temps(const char *path, int *n, struct hp_error *e);
int	hp_file_commit_temp(int fd, const char *tmpname, const char *path,
	    struct hp_error *e);
int	hp_file_sync_dir(const char *path, struct hp_error *e);
int	hp_file_write_all(int fd, const void *data, size_t len,
	    const char *name, struct hp_error *e);

#endif
