/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A transaction's staged files (see txn_impl.h): where each target is,
 * after its symbolic links, what it is, and the temporary or spool file
 * its new content goes to; and the sweep of temporaries left behind.
 */
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/hook.h"
#include "core/txn_impl.h"

/* Links followed before a target counts as a loop (the kernel's 40). */
#define MAX_LINKS	40

void
txn_file_free(struct hp_txn_file *f)
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
void
txn_discard(struct hp_txn_file *f)
{
	if (f->fd != -1)
		close(f->fd);
	f->fd = -1;
	if (f->how == REPLACE && f->tmpbase != NULL && !f->placed)
		unlinkat(f->dirfd, f->tmpbase, 0);
}

/* Splits target into its folder and its name there. */
int
txn_split(struct hp_txn_file *f, struct hp_error *e)
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
char *
txn_make_unique(struct hp_txn_file *f,
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
open_dir(struct hp_txn_file *f, struct hp_error *e)
{
	f->dirfd = open(f->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (f->dirfd == -1)
		return hp_error_errno(e, HP_E_IO, "%s: cannot open its "
		    "folder %s", f->path, f->dir);
	return 0;
}

/* The temporary file beside the target that will replace it. */
int
txn_open_temp(struct hp_txn_file *f, struct hp_error *e)
{
	char *name;

	if (open_dir(f, e) == -1)
		return -1;
	if ((name = txn_make_unique(f, make_temp)) == NULL)
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
int
txn_open_spool(struct hp_txn_file *f, struct hp_error *e)
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
		    "file", txn_shown(f));
	f->tmp = hp_strfmt("/proc/self/fd/%d", f->fd);
	return 0;
}

struct hp_txn_file *
txn_file_new(const char *path)
{
	struct hp_txn_file *f = hp_calloc(1, sizeof(*f));

	f->path = hp_strdup(path);
	f->fd = f->dirfd = -1;
	return f;
}

/* Decides how f's target is written: what it is now says. */
int
txn_classify(struct hp_txn_file *f, struct hp_error *e)
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
		return errno == ENOENT ? txn_split(f, e) :
		    hp_error_errno(e, HP_E_IO, "%s", f->path);
	if (S_ISDIR(st.st_mode))
		return hp_error_set(e, HP_E_INPUT, "%s: is a folder",
		    f->path);
	if (!S_ISREG(st.st_mode))
		f->how = SPOOL;
	return txn_split(f, e);
}

/*
 * path's folder and name, taken as they are (symlinks not followed): the
 * folder a hive's temporaries are in.
 */
static struct hp_txn_file *
file_at_path(const char *path, struct hp_error *e)
{
	struct hp_txn_file *f = txn_file_new(path);

	f->target = hp_strdup(path);
	if (txn_split(f, e) == -1 || open_dir(f, e) == -1) {
		txn_file_free(f);
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
		txn_file_free(f);
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
	txn_file_free(f);
	return 0;
}
