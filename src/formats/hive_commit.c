/*
 * Committing: the image hive_write.c produces is staged in a temporary
 * file beside the hive, verified (hive_verify.c), then renamed over the
 * original, with a link to the old file kept until the caller is done so
 * that a multi-hive commit can be undone.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "error.h"
#include "file.h"
#include "hive_impl.h"
#include "hook.h"

static int
make_backup(const char *path, struct hp_error *e)
{
	char *bak;
	int r = 0;

	if (asprintf(&bak, "%s.bak", path) == -1)
		return hp_error_errno(e, HP_EXIT_IO, "out of memory");
	if ((unlink(bak) == -1 && errno != ENOENT) || link(path, bak) == -1)
		r = hp_error_errno(e, HP_EXIT_IO, "%s: cannot keep backup",
		    bak);
	free(bak);
	return r;
}

static int
sync_temp(const char *tmp, int fd, struct hp_error *e)
{
	if (hp_hook_fsync(fd) == -1)
		return hp_error_errno(e, HP_EXIT_IO, "%s: fsync", tmp);
	return 0;
}

static void
drop_temp(char **tmp, int *fd)
{
	if (*fd != -1)
		close(*fd);
	if (*tmp != NULL)
		unlink(*tmp);
	free(*tmp);
	*tmp = NULL;
	*fd = -1;
}

/*
 * Stages the new image: a temporary file beside the hive, written,
 * verified at the level asked, fsynced.  Nothing visible changes.
 */
int
hp_hive_commit_prepare(struct hp_hive *hv, const struct hp_commit_opts *o,
    struct hp_error *e)
{
	char *tmp = NULL;
	int fd, full = o != NULL && o->verify == HP_VERIFY_FULL;

	if (!hv->changed || hv->pend_tmp != NULL)
		return 0;
	if ((fd = hp_file_temp(hv->path, &tmp, e)) == -1)
		return -1;
	if (hp_hive_write_image(hv, fd, tmp, e) == -1 ||
	    hp_hive_verify_image(hv, tmp, full, e) == -1 ||
	    sync_temp(tmp, fd, e) == -1) {
		drop_temp(&tmp, &fd);
		return -1;
	}
	hv->pend_fd = fd;
	hv->pend_tmp = tmp;
	return 0;
}

/* A hard link to the file about to be replaced, so finish can be undone. */
static int
keep_undo(struct hp_hive *hv, struct hp_error *e)
{
	char *name;
	int fd;

	if ((fd = hp_file_temp(hv->path, &name, e)) == -1)
		return -1;
	close(fd);
	if (unlink(name) == -1 || link(hv->path, name) == -1) {
		hp_error_errno(e, HP_EXIT_IO, "%s: cannot keep a copy for "
		    "undo", hv->path);
		unlink(name);
		free(name);
		return -1;
	}
	hv->undo = name;
	return 0;
}

int
hp_hive_commit_finish(struct hp_hive *hv, const struct hp_commit_opts *o,
    struct hp_error *e)
{
	int r;

	if (hv->pend_tmp == NULL)
		return 0;
	if ((o != NULL && o->backup && make_backup(hv->path, e) == -1) ||
	    keep_undo(hv, e) == -1) {
		hp_hive_commit_abort(hv);
		return -1;
	}
	r = hp_file_commit_temp(hv->pend_fd, hv->pend_tmp, hv->path, e);
	/* closed (and the temporary removed on failure) by commit_temp */
	hv->pend_fd = -1;
	free(hv->pend_tmp);
	hv->pend_tmp = NULL;
	if (r == -1) {
		hp_hive_commit_done(hv);
		return -1;
	}
	hp_hive_written(hv);
	return 0;
}

void
hp_hive_commit_abort(struct hp_hive *hv)
{
	if (hv->pend_fd != -1)
		close(hv->pend_fd);
	hv->pend_fd = -1;
	if (hv->pend_tmp != NULL)
		unlink(hv->pend_tmp);
	free(hv->pend_tmp);
	hv->pend_tmp = NULL;
	if (hv->verified != NULL)
		hivex_close(hv->verified);
	hv->verified = NULL;
}

int
hp_hive_commit_undo(struct hp_hive *hv, struct hp_error *e)
{
	if (hv->undo == NULL)
		return 0;
	if (hp_hook_rename(hv->undo, hv->path) == -1)
		return hp_error_errno(e, HP_EXIT_IO, "%s: cannot restore the "
		    "original from %s", hv->path, hv->undo);
	/* The view reads the original again (hive_handle reopens it). */
	hive_close_handle(hv, 0);
	free(hv->undo);
	hv->undo = NULL;
	return hp_file_sync_dir(hv->path, e);
}

void
hp_hive_commit_done(struct hp_hive *hv)
{
	if (hv->undo != NULL)
		unlink(hv->undo);
	free(hv->undo);
	hv->undo = NULL;
}

int
hp_hive_commit(struct hp_hive *hv, const struct hp_commit_opts *o,
    struct hp_error *e)
{
	if (hp_hive_commit_prepare(hv, o, e) == -1 ||
	    hp_hive_commit_finish(hv, o, e) == -1)
		return -1;
	hp_hive_commit_done(hv);
	return 0;
}
