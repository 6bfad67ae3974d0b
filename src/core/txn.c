#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/xattr.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "core/hook.h"
#include "core/txn.h"

/* Tells hivepol's temporaries (.NAME.hivepol-XXXXXX) from other files. */
#define TEMP_TAG	".hivepol-"
#define TEMP_RAND	6
/* Links followed before a target counts as a loop (the kernel's 40). */
#define MAX_LINKS	40
#define COPY_STEP	65536
/* Written data is handed to the disk in steps of this size. */
#define WRITEBACK_STEP	(8 * 1024 * 1024)

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

struct hp_txn {
	struct hp_txn_file	**files;	/* as staged */
	size_t			  nfiles, capfiles;
	char			**dirs;		/* folders made, in order */
	size_t			  ndirs, capdirs;
	int			  done;
};

static const char *
shown(const struct hp_txn_file *f)
{
	return strcmp(f->path, "-") == 0 ? "stdout" : f->path;
}

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
hp_txn_begin(struct hp_txn **out, struct hp_error *e)
{
	(void)e;
	*out = hp_calloc(1, sizeof(**out));
	return 0;
}

static void
file_free(struct hp_txn_file *f)
{
	if (f == NULL)
		return;
	if (f->fd != -1)
		close(f->fd);
	if (f->dirfd != -1)
		close(f->dirfd);
	free(f->path);
	free(f->target);
	free(f->dir);
	free(f->tmp);
	free(f->keep);
	free(f);
}

/* Removes the staged content (not the target) of an uncommitted file. */
static void
discard(struct hp_txn_file *f)
{
	if (f->fd != -1)
		close(f->fd);
	f->fd = -1;
	if (f->how == REPLACE && f->tmpbase != NULL && !f->placed)
		unlinkat(f->dirfd, f->tmpbase, 0);
}

/* Splits target into its folder and its name there. */
static int
split(struct hp_txn_file *f, struct hp_error *e)
{
	const char *slash = strrchr(f->target, '/');

	if (slash == NULL)
		f->dir = hp_strdup(".");
	else if (slash == f->target)
		f->dir = hp_strdup("/");
	else
		f->dir = hp_strndup(f->target, (size_t)(slash - f->target));
	f->base = slash ? slash + 1 : f->target;
	if (*f->base == '\0' || strcmp(f->base, ".") == 0 ||
	    strcmp(f->base, "..") == 0)
		return hp_error_set(e, HP_E_INPUT, "%s: not a file name",
		    f->path);
	return 0;
}

static char *
read_link(const char *path)
{
	char buf[PATH_MAX];
	ssize_t n = readlink(path, buf, sizeof(buf));

	if (n == -1)
		return NULL;
	if ((size_t)n == sizeof(buf)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	return hp_strndup(buf, (size_t)n);
}

/*
 * path with every symlink on its last component followed, so that the
 * link's target, not the link, is replaced.  An absent name is a new file.
 */
static char *
resolve(const char *path, struct hp_error *e)
{
	char *cur = hp_strdup(path), *link, *next;
	const char *slash;
	struct stat st;
	int hops;

	for (hops = 0;; hops++) {
		if (lstat(cur, &st) == -1 || !S_ISLNK(st.st_mode))
			return cur;
		if (hops == MAX_LINKS) {
			hp_error_set(e, HP_E_INPUT, "%s: too many levels of "
			    "symbolic links (a loop?)", path);
			free(cur);
			return NULL;
		}
		if ((link = read_link(cur)) == NULL) {
			hp_error_errno(e, HP_E_IO, "%s", cur);
			free(cur);
			return NULL;
		}
		/* A relative link is relative to its own folder. */
		slash = strrchr(cur, '/');
		if (link[0] == '/' || slash == NULL)
			next = link;
		else {
			next = hp_strfmt("%.*s/%s", (int)(slash - cur), cur,
			    link);
			free(link);
		}
		free(cur);
		cur = next;
	}
}

static void
random_suffix(char *s)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char r[TEMP_RAND];
	struct timespec ts;
	size_t i;

	if (getrandom(r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		for (i = 0; i < sizeof(r); i++)
			r[i] = (unsigned char)(((unsigned long)ts.tv_nsec >>
			    (i * 5)) ^ ((unsigned long)getpid() >> i));
	}
	for (i = 0; i < TEMP_RAND; i++)
		s[i] = set[r[i] % (sizeof(set) - 1)];
	s[TEMP_RAND] = '\0';
}

/*
 * A fresh name ".BASE.hivepol-XXXXXX" in f's folder, made to exist by
 * make (which fails with EEXIST if the name is taken); NULL with errno.
 */
static char *
make_unique(struct hp_txn_file *f,
    int (*make)(struct hp_txn_file *, const char *))
{
	char rnd[TEMP_RAND + 1], *name;
	int tries, err;

	for (tries = 0; tries < 100; tries++) {
		random_suffix(rnd);
		name = hp_strfmt(".%s" TEMP_TAG "%s", f->base, rnd);
		if (make(f, name) == 0)
			return name;
		err = errno;
		free(name);
		if ((errno = err) != EEXIST)
			return NULL;
	}
	return NULL;
}

static int
make_temp(struct hp_txn_file *f, const char *name)
{
	f->fd = hp_hook_openat(f->dirfd, name, O_RDWR | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0600);
	return f->fd == -1 ? -1 : 0;
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

static int
open_dir(struct hp_txn_file *f, struct hp_error *e)
{
	f->dirfd = open(f->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (f->dirfd == -1)
		return hp_error_errno(e, HP_E_IO, "%s: cannot open its "
		    "folder %s", f->path, f->dir);
	return 0;
}

/* The temporary file beside the target that will replace it. */
static int
open_temp(struct hp_txn_file *f, struct hp_error *e)
{
	char *name;

	if (open_dir(f, e) == -1)
		return -1;
	if ((name = make_unique(f, make_temp)) == NULL)
		return hp_error_errno(e, HP_E_IO, "%s: cannot create a "
		    "temporary file", f->path);
	if (strcmp(f->dir, ".") == 0)
		f->tmp = name;
	else {
		f->tmp = hp_strfmt("%s/%s", f->dir, name);
		free(name);
	}
	f->tmpbase = strrchr(f->tmp, '/') ? strrchr(f->tmp, '/') + 1 : f->tmp;
	return 0;
}

/*
 * An anonymous file for what goes to a target that cannot be replaced:
 * in $TMPDIR, else /tmp, else memory.
 */
static int
open_spool(struct hp_txn_file *f, struct hp_error *e)
{
	const char *dir = getenv("TMPDIR");

	if (dir != NULL && *dir != '\0')
		f->fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (f->fd == -1)
		f->fd = open("/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (f->fd == -1)
		f->fd = memfd_create("hivepol-spool", MFD_CLOEXEC);
	if (f->fd == -1)
		return hp_error_errno(e, HP_E_IO, "%s: cannot make a spool "
		    "file", shown(f));
	f->tmp = hp_strfmt("/proc/self/fd/%d", f->fd);
	return 0;
}

static struct hp_txn_file *
file_new(const char *path)
{
	struct hp_txn_file *f = hp_calloc(1, sizeof(*f));

	f->path = hp_strdup(path);
	f->fd = f->dirfd = -1;
	return f;
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
	discard(f);
	file_free(f);
	return -1;
}

/* Decides how f's target is written: what it is now says. */
static int
classify(struct hp_txn_file *f, struct hp_error *e)
{
	struct stat st;

	f->how = REPLACE;
	if (strcmp(f->path, "-") == 0) {
		f->how = SPOOL;
		f->target = hp_strdup("-");
		return 0;
	}
	if ((f->target = resolve(f->path, e)) == NULL)
		return -1;
	if (stat(f->target, &st) == -1)
		return errno == ENOENT ? split(f, e) :
		    hp_error_errno(e, HP_E_IO, "%s", f->path);
	if (S_ISDIR(st.st_mode))
		return hp_error_set(e, HP_E_INPUT, "%s: is a folder",
		    f->path);
	if (!S_ISREG(st.st_mode))
		f->how = SPOOL;
	return split(f, e);
}

int
hp_txn_stage(struct hp_txn *t, const char *path, struct hp_txn_file **out,
    struct hp_error *e)
{
	struct hp_txn_file *f;
	int r;

	*out = NULL;
	f = file_new(path);
	r = classify(f, e);
	if (r == 0)
		r = f->how == SPOOL ? open_spool(f, e) : open_temp(f, e);
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

	f = file_new(path);
	f->how = REMOVE;
	f->target = hp_strdup(path);
	r = split(f, e);
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
	if (hp_txn_write_fd(f->fd, data, len, shown(f), e) == -1)
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

static int
copy_xattr(struct hp_txn_file *f, int from, const char *name,
    struct hp_warnings *w, struct hp_error *e)
{
	ssize_t len = fgetxattr(from, name, NULL, 0);
	char *val = NULL;
	int r = 0;

	if (len >= 0) {
		val = hp_malloc((size_t)len + 1);
		len = fgetxattr(from, name, val, (size_t)len);
	}
	if (len == -1)
		r = hp_error_errno(e, HP_E_IO, "%s: cannot read extended "
		    "attribute %s", f->path, name);
	else if (hp_hook_fsetxattr(f->fd, name, val, (size_t)len) == -1) {
		/* Not ours to give (trusted.*), or not on this file system. */
		if (errno == EPERM || errno == ENOTSUP)
			hp_warn(w, "%s: extended attribute %s not kept: %s",
			    f->path, name, strerror(errno));
		else
			r = hp_error_errno(e, HP_E_IO, "%s: cannot keep "
			    "extended attribute %s", f->path, name);
	}
	free(val);
	return r;
}

/* The original's extended attributes (POSIX ACLs among them), copied. */
static int
copy_xattrs(struct hp_txn_file *f, struct hp_warnings *w,
    struct hp_error *e)
{
	char *names = NULL, *p;
	ssize_t len;
	int from, r = 0;

	from = openat(f->dirfd, f->base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_NOCTTY | O_CLOEXEC);
	if (from == -1) {
		hp_warn(w, "%s: extended attributes not kept: %s", f->path,
		    strerror(errno));
		return 0;
	}
	len = flistxattr(from, NULL, 0);
	if (len > 0) {
		names = hp_malloc((size_t)len);
		len = flistxattr(from, names, (size_t)len);
	}
	if (len == -1 && (names != NULL || errno != ENOTSUP))
		r = hp_error_errno(e, HP_E_IO, "%s: cannot list extended "
		    "attributes", f->path);
	for (p = names; r == 0 && len > 0 && p < names + len;
	    p += strlen(p) + 1)
		r = copy_xattr(f, from, p, w, e);
	free(names);
	close(from);
	return r;
}

/* Gives the temporary file the owner, group, mode and xattrs it replaces. */
static int
keep_attrs(struct hp_txn_file *f, struct hp_warnings *w, struct hp_error *e)
{
	struct stat st, mine;

	if (fstatat(f->dirfd, f->base, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
	    !S_ISREG(st.st_mode)) {
		if (fchmod(f->fd, 0666 & ~hp_umask()) == -1)
			return hp_error_errno(e, HP_E_IO, "%s: chmod",
			    f->path);
		return 0;
	}
	if (fstat(f->fd, &mine) == -1)
		return hp_error_errno(e, HP_E_IO, "%s", f->path);
	if ((st.st_uid != mine.st_uid || st.st_gid != mine.st_gid) &&
	    hp_hook_fchown(f->fd, st.st_uid, st.st_gid) == -1) {
		if (errno != EPERM)
			return hp_error_errno(e, HP_E_IO, "%s: cannot keep "
			    "its owner and group", f->path);
		hp_warn(w, "%s: owner and group not kept: %s", f->path,
		    strerror(errno));
	}
	/* After fchown, which may clear the set-id bits. */
	if (fchmod(f->fd, st.st_mode & 07777) == -1)
		return hp_error_errno(e, HP_E_IO, "%s: cannot keep its "
		    "mode", f->path);
	return copy_xattrs(f, w, e);
}

/* Everything short of a rename: attributes, fsync, close, verify. */
static int
prepare(struct hp_txn_file *f, struct hp_warnings *w, struct hp_error *e)
{
	int r;

	if (f->how == REMOVE)
		return 0;
	if (f->how == REPLACE) {
		if (keep_attrs(f, w, e) == -1)
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
	if (had && (f->keep = make_unique(f, make_keep)) == NULL)
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
		r = hp_error_errno(e, HP_E_IO, "%s: spool", shown(f));
	while (r == 0 && (n = read(f->fd, buf, sizeof(buf))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			r = hp_error_errno(e, HP_E_IO, "%s: spool",
			    shown(f));
		else
			r = hp_txn_write_fd(out, buf, (size_t)n, shown(f), e);
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
		discard(t->files[i]);
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
		file_free(t->files[i]);
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

/*
 * path's folder and name, taken as they are (symlinks not followed): the
 * folder a hive's temporaries are in.
 */
static struct hp_txn_file *
file_at_path(const char *path, struct hp_error *e)
{
	struct hp_txn_file *f = file_new(path);

	f->target = hp_strdup(path);
	if (split(f, e) == -1 || open_dir(f, e) == -1) {
		file_free(f);
		return NULL;
	}
	return f;
}

int
hp_txn_sweep_temps(const char *path, int *n, struct hp_error *e)
{
	struct hp_txn_file *f = file_at_path(path, e);
	size_t blen, tlen = strlen(TEMP_TAG);
	struct dirent *d;
	DIR *dp;
	int fd;

	*n = 0;
	if (f == NULL)
		return -1;
	if ((fd = dup(f->dirfd)) == -1 || (dp = fdopendir(fd)) == NULL) {
		if (fd != -1)
			close(fd);
		hp_error_errno(e, HP_E_IO, "%s", f->dir);
		file_free(f);
		return -1;
	}
	blen = strlen(f->base);
	while ((d = readdir(dp)) != NULL) {
		const char *s = d->d_name;

		if (s[0] != '.' || strncmp(s + 1, f->base, blen) != 0 ||
		    strncmp(s + 1 + blen, TEMP_TAG, tlen) != 0 ||
		    strlen(s + 1 + blen + tlen) != TEMP_RAND)
			continue;
		if (unlinkat(f->dirfd, s, 0) == 0)
			(*n)++;
	}
	closedir(dp);
	file_free(f);
	return 0;
}
