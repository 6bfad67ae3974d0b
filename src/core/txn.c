/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The transaction (see txn.h): files staged in order, then the commit
 * protocol that puts them in place all together or not at all.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/hook.h"
#include "core/txn.h"
#include "core/txn_impl.h"

#define COPY_STEP	65536
/* Written data is handed to the disk in steps of this size. */
#define WRITEBACK_STEP	(8 * 1024 * 1024)

struct hp_txn {
	struct hp_txn_file	**files;	/* as staged */
	size_t			  nfiles, capfiles;
	char			**dirs;		/* folders made, in order */
	size_t			  ndirs, capdirs;
	int			  done;
};

int
hp_txn_write_fd(int fd, const void *data, size_t len, const char *name,
    struct hp_error *e)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = hp_hook_write(fd, p, len);

		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return hp_error_errno(e, HP_E_IO, "%s: write",
			    name);
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
hp_txn_fsync_fd(int fd, const char *name, struct hp_error *e)
{
	if (hp_hook_fsync(fd) == -1)
		return hp_error_errno(e, HP_E_IO, "%s: fsync", name);
	return 0;
}

int
hp_txn_begin(struct hp_txn **out, struct hp_error *e)
{
	(void)e;
	*out = hp_calloc(1, sizeof(**out));
	return 0;
}

static int
make_keep(struct hp_txn_file *f, const char *name)
{
	struct stat st;

	if (hp_hook_linkat(f->dirfd, f->base, name) == 0)
		return 0;
	/*
	 * No hard link allowed (FAT, or protected_hardlinks on another
	 * user's file): the original is moved aside instead, which leaves
	 * the name absent until the new file is renamed in.
	 */
	if (errno != EPERM && errno != ENOTSUP && errno != EMLINK)
		return -1;
	if (fstatat(f->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		errno = EEXIST;
		return -1;
	}
	if (hp_hook_renameat(f->dirfd, f->base, name) == -1)
		return -1;
	f->moved = 1;
	return 0;
}

/* Adds f to t, or frees it (removing what it staged) and fails. */
static int
add(struct hp_txn *t, struct hp_txn_file *f, int ok, struct hp_error *e)
{
	size_t i;

	for (i = 0; ok && i < t->nfiles; i++)
		if (strcmp(t->files[i]->target, f->target) == 0)
			ok = hp_error_set(e, HP_E_INPUT, "%s: written twice "
			    "in one transaction", f->path) == 0;
	if (ok) {
		HP_ALLOC_GROW(t->files, t->nfiles + 1, t->capfiles);
		t->files[t->nfiles++] = f;
		return 0;
	}
	txn_discard(f);
	txn_file_free(f);
	return -1;
}

int
hp_txn_stage(struct hp_txn *t, const char *path, struct hp_txn_file **out,
    struct hp_error *e)
{
	struct hp_txn_file *f;
	int r;

	*out = NULL;
	f = txn_file_new(path);
	r = txn_classify(f, e);
	if (r == 0)
		r = f->how == SPOOL ? txn_open_spool(f, e) :
		    txn_open_temp(f, e);
	if (add(t, f, r == 0, e) == -1)
		return -1;
	*out = f;
	return 0;
}

int
hp_txn_put(struct hp_txn *t, const char *path, const void *data,
    size_t len, struct hp_error *e)
{
	struct hp_txn_file *f;

	if (hp_txn_stage(t, path, &f, e) == -1)
		return -1;
	return hp_txn_write(f, data, len, e);
}

int
hp_txn_remove(struct hp_txn *t, const char *path, struct hp_error *e)
{
	struct hp_txn_file *f;
	struct stat st;
	int r;

	f = txn_file_new(path);
	f->how = REMOVE;
	f->target = hp_strdup(path);
	r = txn_split(f, e);
	if (r == 0 && lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
		r = hp_error_set(e, HP_E_INPUT, "%s: is a folder", path);
	/* No folder, no file: nothing to do, nothing to undo. */
	if (r == 0 && (f->dirfd = open(f->dir, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1 && errno != ENOENT)
		r = hp_error_errno(e, HP_E_IO, "%s: cannot open its "
		    "folder %s", path, f->dir);
	return add(t, f, r == 0, e);
}

static void
made(struct hp_txn *t, const char *path)
{
	HP_ALLOC_GROW(t->dirs, t->ndirs + 1, t->capdirs);
	t->dirs[t->ndirs++] = hp_strdup(path);
}

int
hp_txn_mkdir(struct hp_txn *t, const char *path, struct hp_error *e)
{
	char *p = hp_strdup(path), *s, c;
	struct stat st;
	int r = 0;

	for (s = p + 1; r == 0; s++) {
		if (s[-1] == '\0')
			break;
		if (*s != '/' && *s != '\0')
			continue;
		c = *s;
		*s = '\0';
		if (stat(p, &st) == 0) {
			if (!S_ISDIR(st.st_mode))
				r = hp_error_set(e, HP_E_INPUT, "%s: not a "
				    "folder", p);
		} else if (errno != ENOENT || hp_hook_mkdir(p) == -1)
			r = hp_error_errno(e, HP_E_IO, "%s", p);
		else
			made(t, p);
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return r;
}

int
hp_txn_fd(const struct hp_txn_file *f)
{
	return f->fd;
}

const char *
hp_txn_temp_name(const struct hp_txn_file *f)
{
	return f->tmp;
}

const char *
hp_txn_target(const struct hp_txn_file *f)
{
	return f->target;
}

int
hp_txn_write(struct hp_txn_file *f, const void *data, size_t len,
    struct hp_error *e)
{
	if (hp_txn_write_fd(f->fd, data, len, txn_shown(f), e) == -1)
		return -1;
	f->written += len;
#ifdef SYNC_FILE_RANGE_WRITE
	/*
	 * Start writing back what is written so far, so that the disk works
	 * while a large export goes on and the fsync at commit waits only
	 * for the tail.  Only a hint: its errors show again at that fsync.
	 */
	if (f->how == REPLACE && f->written - f->queued >= WRITEBACK_STEP) {
		(void)sync_file_range(f->fd, (off_t)f->queued,
		    (off_t)(f->written - f->queued), SYNC_FILE_RANGE_WRITE);
		f->queued = f->written;
	}
#endif
	return 0;
}

int
hp_txn_flush(void *f, struct hp_buf *out, struct hp_error *e)
{
	int r = hp_txn_write(f, out->buf, out->len, e);

	hp_buf_reset(out);
	return r;
}

void
hp_txn_set_verify(struct hp_txn_file *f, hp_txn_verify_fn fn, void *arg)
{
	f->verify = fn;
	f->verify_arg = arg;
}

void
hp_txn_set_backup(struct hp_txn_file *f, int backup)
{
	f->backup = backup;
}

/* Everything short of a rename: attributes, fsync, close, verify. */
static int
prepare(struct hp_txn_file *f, struct hp_warnings *w, struct hp_error *e)
{
	int r;

	if (f->how == REMOVE)
		return 0;
	if (f->how == REPLACE) {
		if (txn_keep_attrs(f, w, e) == -1)
			return -1;
		if (hp_hook_fsync(f->fd) == -1)
			return hp_error_errno(e, HP_E_IO, "%s: fsync",
			    f->path);
		r = hp_hook_close(f->fd);
		f->fd = -1;
		if (r == -1)
			return hp_error_errno(e, HP_E_IO, "%s: close",
			    f->path);
	}
	if (f->verify != NULL && f->verify(f->verify_arg, f->tmp, e) == -1)
		return -1;
	return 0;
}

/* Puts f in place, keeping a second name for what it replaces. */
static int
place(struct hp_txn_file *f, struct hp_error *e)
{
	struct stat st;
	int had;

	if (f->how == SPOOL || f->dirfd == -1)
		return 0;
	had = fstatat(f->dirfd, f->base, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (!had && errno != ENOENT)
		return hp_error_errno(e, HP_E_IO, "%s", f->path);
	/* It may have become one since it was staged. */
	if (had && S_ISDIR(st.st_mode))
		return hp_error_set(e, HP_E_INPUT, "%s: is a folder",
		    f->path);
	if (had && (f->keep = txn_make_unique(f, make_keep)) == NULL)
		return hp_error_errno(e, HP_E_IO, "%s: cannot keep the "
		    "original for undo", f->path);
	if (f->how == REMOVE && had && !f->moved &&
	    hp_hook_unlinkat(f->dirfd, f->base) == -1)
		return hp_error_errno(e, HP_E_IO, "%s: cannot remove",
		    f->path);
	if (f->how == REPLACE &&
	    hp_hook_renameat(f->dirfd, f->tmpbase, f->base) == -1)
		return hp_error_errno(e, HP_E_IO, "%s: cannot replace",
		    f->path);
	f->placed = 1;
	return 0;
}

/* Puts back what place did, as far as it got. */
static void
unplace(struct hp_txn_file *f, struct hp_warnings *w)
{
	if (f->keep != NULL) {
		if (renameat(f->dirfd, f->keep, f->dirfd, f->base) == -1) {
			hp_warn(w, "%s: could not be put back: the original "
			    "is %s/%s", f->path, f->dir, f->keep);
			return;
		}
		/* Renaming a link over its own file leaves both names. */
		unlinkat(f->dirfd, f->keep, 0);
		free(f->keep);
		f->keep = NULL;
	} else if (f->placed && f->how == REPLACE)
		unlinkat(f->dirfd, f->base, 0);
	f->placed = 0;
}

static int
sync_dir(const char *path, struct hp_error *e)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd, r = 0;

	if (slash == NULL)
		dir = hp_strdup(".");
	else
		dir = hp_strndup(path, slash == path ? 1 :
		    (size_t)(slash - path));
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd == -1 || hp_hook_fsync_dir(fd) == -1)
		r = hp_error_errno(e, HP_E_IO, "%s: cannot sync folder",
		    dir);
	if (fd != -1)
		close(fd);
	free(dir);
	return r;
}

/* fsyncs each folder whose entries the transaction changed, once. */
static int
sync_dirs(struct hp_txn *t, struct hp_error *e)
{
	size_t i, j;
	struct hp_txn_file *f;

	for (i = 0; i < t->nfiles; i++) {
		f = t->files[i];
		if (f->how == SPOOL || f->dirfd == -1)
			continue;
		for (j = 0; j < i; j++)
			if (t->files[j]->dir != NULL &&
			    t->files[j]->how != SPOOL &&
			    strcmp(t->files[j]->dir, f->dir) == 0)
				break;
		if (j == i && hp_hook_fsync_dir(f->dirfd) == -1)
			return hp_error_errno(e, HP_E_IO, "%s: cannot sync "
			    "folder", f->dir);
	}
	for (i = 0; i < t->ndirs; i++)
		if (sync_dir(t->dirs[i], e) == -1)
			return -1;
	return 0;
}

/* Copies a spooled file into its target: a device, FIFO, stdout. */
static int
deliver(struct hp_txn_file *f, struct hp_error *e)
{
	char buf[COPY_STEP];
	ssize_t n;
	int out, r = 0;

	if (f->how != SPOOL)
		return 0;
	if (strcmp(f->path, "-") == 0) {
		/* Whatever the program printed comes first. */
		if (fflush(stdout) != 0)
			return hp_error_errno(e, HP_E_IO, "stdout");
		out = STDOUT_FILENO;
	} else if ((out = hp_hook_openat(AT_FDCWD, f->target, O_WRONLY |
	    O_NOCTTY | O_CLOEXEC, 0)) == -1)
		return hp_error_errno(e, HP_E_IO, "%s", f->path);
	if (lseek(f->fd, 0, SEEK_SET) == -1)
		r = hp_error_errno(e, HP_E_IO, "%s: spool", txn_shown(f));
	while (r == 0 && (n = read(f->fd, buf, sizeof(buf))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			r = hp_error_errno(e, HP_E_IO, "%s: spool",
			    txn_shown(f));
		else
			r = hp_txn_write_fd(out, buf, (size_t)n, txn_shown(f),
			    e);
	}
	if (out != STDOUT_FILENO && hp_hook_close(out) == -1 && r == 0)
		r = hp_error_errno(e, HP_E_IO, "%s: close", f->path);
	return r;
}

/* After success: each kept original dropped, or made TARGET.bak. */
static void
finish(struct hp_txn *t, struct hp_warnings *w)
{
	struct hp_txn_file *f;
	char *bak;
	size_t i;

	for (i = 0; i < t->nfiles; i++) {
		f = t->files[i];
		if (f->keep == NULL)
			continue;
		if (f->backup) {
			bak = hp_strfmt("%s.bak", f->base);
			if (renameat(f->dirfd, f->keep, f->dirfd, bak) == -1)
				hp_warn(w, "%s: no backup kept: %s", f->path,
				    strerror(errno));
			free(bak);
		}
		unlinkat(f->dirfd, f->keep, 0);
	}
}

/* Removes what was staged and the folders made for it. */
static void
abort_all(struct hp_txn *t)
{
	size_t i;

	for (i = 0; i < t->nfiles; i++)
		txn_discard(t->files[i]);
	for (i = t->ndirs; i-- > 0;)
		rmdir(t->dirs[i]);
}

int
hp_txn_commit(struct hp_txn *t, struct hp_warnings *w, struct hp_error *e)
{
	size_t i, n = t->nfiles;
	int r = 0;

	for (i = 0; i < n && r == 0; i++)
		r = prepare(t->files[i], w, e);
	for (i = 0; i < n && r == 0; i++)
		r = place(t->files[i], e);
	if (r == 0)
		r = sync_dirs(t, e);
	/* Last, as they cannot be undone: what is replaced still can. */
	for (i = 0; i < n && r == 0; i++)
		r = deliver(t->files[i], e);
	t->done = 1;
	if (r == 0) {
		finish(t, w);
		return 0;
	}
	for (i = n; i-- > 0;)
		unplace(t->files[i], w);
	for (i = 0; i < n; i++)
		if (t->files[i]->dirfd != -1)
			(void)fsync(t->files[i]->dirfd);
	abort_all(t);
	return -1;
}

void
hp_txn_free(struct hp_txn *t)
{
	size_t i;

	if (t == NULL)
		return;
	if (!t->done)
		abort_all(t);
	for (i = 0; i < t->nfiles; i++)
		txn_file_free(t->files[i]);
	for (i = 0; i < t->ndirs; i++)
		free(t->dirs[i]);
	free(t->files);
	free(t->dirs);
	free(t);
}

int
hp_txn_save(const char *path, const void *data, size_t len,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_txn *t;
	int r;

	if (hp_txn_begin(&t, e) == -1)
		return -1;
	r = hp_txn_put(t, path, data, len, e);
	if (r == 0)
		r = hp_txn_commit(t, w, e);
	hp_txn_free(t);
	return r;
}
