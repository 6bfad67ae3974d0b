/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sys/stat.h>
#include <sys/syscall.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <linux/limits.h>	/* PATH_MAX, NAME_MAX: <limits.h> is ours */
#include <linux/openat2.h>

#include "core/buf.h"
#include "core/alloc.h"
#include "core/error.h"
#include "core/jail.h"
#include "core/limits.h"

struct hp_jail {
	char	*root;		/* as given, without trailing "/" */
	char	*real;		/* the root as /proc/self/fd says, or NULL */
	int	 fd;		/* O_PATH|O_DIRECTORY */
	int	 kernel;	/* openat2 RESOLVE_IN_ROOT works here */
};

/* What /proc/self/fd says fd is, or -1. */
static int
fd_name(int fd, char *buf, size_t size)
{
	char link[32];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	if ((n = readlink(link, buf, size)) <= 0 || (size_t)n == size)
		return -1;
	buf[n] = '\0';
	return 0;
}

int
hp_jail_open(const char *root, struct hp_jail **out, struct hp_error *e)
{
	struct hp_jail *j;
	char name[PATH_MAX];
	size_t len = strlen(root);
	int fd;

	*out = NULL;
	while (len > 1 && root[len - 1] == '/')
		len--;
	j = hp_calloc(1, sizeof(*j));
	j->root = hp_strndup(root, len);
	if ((j->fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT || errno == ENOTDIR)
			hp_error_set(e, HP_E_INPUT, "%s: %s", root, errno ==
			    ENOENT ? "no such folder" : "not a folder");
		else
			hp_error_errno(e, HP_E_INPUT, "%s", root);
		j->fd = -1;
		hp_jail_close(j);
		return -1;
	}
	/* Probed once: ENOSYS on old kernels, EPERM under some seccomp. */
	if ((fd = hp_jail_open_kernel(j->fd, "", O_PATH)) != -1) {
		close(fd);
		j->kernel = 1;
	}
	/* "/" is kept as "", so that every name below it starts with "/". */
	if (fd_name(j->fd, name, sizeof(name)) == 0)
		j->real = hp_strdup(strcmp(name, "/") == 0 ? "" : name);
	*out = j;
	return 0;
}

void
hp_jail_close(struct hp_jail *j)
{
	if (j == NULL)
		return;
	if (j->fd != -1)
		close(j->fd);
	free(j->root);
	free(j->real);
	free(j);
}

const char *
hp_jail_root(const struct hp_jail *j)
{
	return j->root;
}

void
hp_jail_use_by_hand(struct hp_jail *j)
{
	j->kernel = 0;
}

/* The separator between the root and rel: none after a root of "/". */
static const char *
sep(const struct hp_jail *j, const char *rel)
{
	return *rel == '\0' || strcmp(j->root, "/") == 0 ? "" : "/";
}

/* Fills e for path inside j from errno; returns -1. */
static int
path_error(const struct hp_jail *j, const char *path, struct hp_error *e)
{
	int code = errno == ENOMEM || errno == EIO ? HP_E_IO :
	    HP_E_INPUT;

	path += strspn(path, "/");
	return hp_error_errno(e, code, "%s%s%s", j->root, sep(j, path), path);
}

int
hp_jail_open_kernel(int rootfd, const char *path, int flags)
{
#ifdef SYS_openat2
	struct open_how how;
	int fd, tries = 0;

	memset(&how, 0, sizeof(how));
	how.flags = (uint64_t)(flags | O_CLOEXEC);
	how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
	/* EAGAIN: a rename raced a ".." of the walk; the kernel asks again. */
	do
		fd = (int)syscall(SYS_openat2, rootfd, *path ? path : ".",
		    &how, sizeof(how));
	while (fd == -1 && errno == EAGAIN && ++tries < 16);
	return fd;
#else
	(void)rootfd;
	(void)path;
	(void)flags;
	errno = ENOSYS;
	return -1;
#endif
}

/* The walk by hand: where it is and what is left to do. */
struct walk {
	int		 root;
	struct hp_buf	 todo;	/* the rest of the path, links spliced in */
	struct hp_buf	 fds;	/* int: an O_PATH fd per component walked */
	struct hp_buf	*rel;	/* their names, "/"-joined */
	int		 links;	/* followed so far */
	int		 dir;	/* the last component walked is a directory */
};

static int
fd_at(const struct walk *w, size_t i)
{
	int fd;

	memcpy(&fd, w->fds.buf + i * sizeof(fd), sizeof(fd));
	return fd;
}

static size_t
depth(const struct walk *w)
{
	return w->fds.len / sizeof(int);
}

static int
top(const struct walk *w)
{
	return depth(w) == 0 ? w->root : fd_at(w, depth(w) - 1);
}

/* "..": one component back, never above the root. */
static void
pop(struct walk *w)
{
	char *slash;

	if (depth(w) == 0)
		return;
	close(top(w));
	w->fds.len -= sizeof(int);
	slash = strrchr(w->rel->buf, '/');
	w->rel->len = slash != NULL ? (size_t)(slash - w->rel->buf) : 0;
	w->rel->buf[w->rel->len] = '\0';
	w->dir = 1;
}

static void
push(struct walk *w, int fd, const char *name)
{
	hp_buf_add(&w->fds, &fd, sizeof(fd));
	if (w->rel->len > 0)
		hp_buf_addc(w->rel, '/');
	hp_buf_adds(w->rel, name);
}

/* Takes the first component of todo into name: 1, or 0 when none is left. */
static int
next_name(struct walk *w, char name[NAME_MAX + 1])
{
	const char *s = w->todo.buf + strspn(w->todo.buf, "/");
	size_t len = strcspn(s, "/");

	if (*s == '\0')
		return 0;
	if (len > NAME_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(name, s, len);
	name[len] = '\0';
	s += len;
	w->todo.len = strlen(s);
	memmove(w->todo.buf, s, w->todo.len + 1);
	return 1;
}

/* Puts the target of the link fd in front of what is left to walk. */
static int
follow_link(struct walk *w, int fd)
{
	struct hp_buf next = HP_BUF_INIT;
	char target[PATH_MAX];
	ssize_t n;

	if (++w->links > HP_MAX_JAIL_LINKS) {
		errno = ELOOP;
		return -1;
	}
	if ((n = readlinkat(fd, "", target, sizeof(target))) == -1)
		return -1;
	if ((size_t)n == sizeof(target)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	/* An absolute link starts again at the jail's root, not the host's. */
	if (n > 0 && target[0] == '/')
		while (depth(w) > 0)
			pop(w);
	hp_buf_add(&next, target, (size_t)n);
	hp_buf_addc(&next, '/');
	hp_buf_add(&next, w->todo.buf, w->todo.len);
	hp_buf_release(&w->todo);
	w->todo = next;
	return 0;
}

/* Walks one component: ".", "..", a link (spliced) or a name (pushed). */
static int
step(struct walk *w, const char *name)
{
	struct stat st;
	int fd, r, err;

	if (!w->dir) {
		errno = ENOTDIR;
		return -1;
	}
	if (strcmp(name, ".") == 0)
		return 0;
	if (strcmp(name, "..") == 0) {
		pop(w);
		return 0;
	}
	if ((fd = openat(top(w), name, O_PATH | O_NOFOLLOW | O_CLOEXEC)) ==
	    -1)
		return -1;
	if ((r = fstat(fd, &st)) == 0 && S_ISLNK(st.st_mode))
		r = follow_link(w, fd);
	else if (r == 0) {
		push(w, fd, name);
		w->dir = S_ISDIR(st.st_mode);
		return 0;
	}
	err = errno;
	close(fd);
	errno = err;
	return r;
}

/* Opens what the walk reached with the caller's flags. */
static int
finish(const struct walk *w, int flags)
{
	const char *base;

	if (depth(w) == 0)
		return openat(w->root, ".", flags | O_CLOEXEC);
	base = strrchr(w->rel->buf, '/');
	base = base != NULL ? base + 1 : w->rel->buf;
	/* No link a moment ago; O_NOFOLLOW fails if one was put there since. */
	return openat(depth(w) > 1 ? fd_at(w, depth(w) - 2) : w->root, base,
	    flags | O_NOFOLLOW | O_CLOEXEC);
}

int
hp_jail_open_by_hand(int rootfd, const char *path, int flags,
    struct hp_buf *rel)
{
	struct hp_buf own = HP_BUF_INIT;
	struct walk w = { rootfd, HP_BUF_INIT, HP_BUF_INIT, NULL, 0, 1 };
	char name[NAME_MAX + 1];
	size_t i;
	int fd = -1, k, err;

	w.rel = rel != NULL ? rel : &own;
	hp_buf_reset(w.rel);
	/* As in the kernel: a trailing "/" asks for a directory. */
	if (*path != '\0' && path[strlen(path) - 1] == '/')
		flags |= O_DIRECTORY;
	hp_buf_adds(&w.todo, path);
	while ((k = next_name(&w, name)) == 1 && step(&w, name) == 0)
		;
	if (k == 0)
		fd = finish(&w, flags);
	err = errno;
	for (i = 0; i < depth(&w); i++)
		close(fd_at(&w, i));
	hp_buf_release(&w.todo);
	hp_buf_release(&w.fds);
	hp_buf_release(&own);
	errno = err;
	return fd;
}

/* The components of fd below j's root, from /proc; -1 if it cannot say. */
static int
name_in_root(const struct hp_jail *j, int fd, struct hp_buf *rel)
{
	char name[PATH_MAX];
	size_t len;

	if (j->real == NULL || fd_name(fd, name, sizeof(name)) == -1)
		return -1;
	len = strlen(j->real);
	if (strncmp(name, j->real, len) != 0 ||
	    (name[len] != '/' && name[len] != '\0'))
		return -1;
	hp_buf_adds(rel, name + len + (name[len] == '/'));
	return 0;
}

/* Opens path inside j; rel (may be NULL) gets the resolved components. */
static int
jail_fd(const struct hp_jail *j, const char *path, int flags,
    struct hp_buf *rel)
{
	int fd;

	if (!j->kernel)
		return hp_jail_open_by_hand(j->fd, path, flags, rel);
	fd = hp_jail_open_kernel(j->fd, path, flags);
	if (fd == -1 || rel == NULL || name_in_root(j, fd, rel) == 0)
		return fd;
	/* /proc cannot name it (not mounted, say): the walk by hand can. */
	close(fd);
	return hp_jail_open_by_hand(j->fd, path, flags, rel);
}

int
hp_jail_openat(const struct hp_jail *j, const char *path, int flags,
    struct hp_error *e)
{
	int fd;

	if ((fd = jail_fd(j, path, flags, NULL)) == -1)
		return path_error(j, path, e);
	return fd;
}

int
hp_jail_resolve(const struct hp_jail *j, const char *path, char **host,
    struct stat *st, struct hp_error *e)
{
	struct hp_buf rel = HP_BUF_INIT;
	struct stat ignored;
	int fd, r = -1;

	*host = NULL;
	if ((fd = jail_fd(j, path, O_PATH, &rel)) == -1)
		r = path_error(j, path, e);
	else if (fstat(fd, st != NULL ? st : &ignored) == -1)
		r = path_error(j, path, e);
	else {
		*host = hp_strfmt("%s%s%s", j->root, sep(j, rel.buf),
		    rel.buf);
		r = 0;
	}
	if (fd != -1)
		close(fd);
	hp_buf_release(&rel);
	return r;
}

int
hp_jail_list(const struct hp_jail *j, const char *dir, struct hp_buf *names,
    struct hp_error *e)
{
	struct dirent *de;
	DIR *d;
	int fd;

	if ((fd = jail_fd(j, dir, O_RDONLY | O_DIRECTORY, NULL)) == -1)
		return errno == ENOENT || errno == ENOTDIR ? 0 :
		    path_error(j, dir, e);
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return path_error(j, dir, e);
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			hp_buf_add(names, de->d_name, strlen(de->d_name) + 1);
	closedir(d);
	return 0;
}

/*
 * The entry of dir named name in any case and of type type, as a path
 * inside j in *out, or NULL.  A link leading nowhere is skipped with a
 * warning; any other failure to resolve a matching entry is an error.
 */
static int
find_one(const struct hp_jail *j, const char *dir, const char *name,
    mode_t type, char **out, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_buf names = HP_BUF_INIT;
	struct stat st;
	const char *p;
	char *path;
	int fd, r;

	*out = NULL;
	r = hp_jail_list(j, dir, &names, e);
	for (p = names.buf; r == 0 && *out == NULL &&
	    p < names.buf + names.len; p += strlen(p) + 1) {
		if (strcasecmp(p, name) != 0)
			continue;
		path = hp_strfmt("%s%s%s", dir, *dir ? "/" : "", p);
		if ((fd = jail_fd(j, path, O_PATH, NULL)) != -1 &&
		    fstat(fd, &st) == 0 &&
		    (type == 0 || (st.st_mode & S_IFMT) == type))
			*out = path;
		else if (fd == -1 && errno == ENOENT)
			hp_warn(w, "%s%s%s: skipped: its link leads nowhere "
			    "inside %s (links there resolve inside it)",
			    j->root, sep(j, path), path, j->root);
		else if (fd == -1 && errno != ENOTDIR)
			r = path_error(j, path, e);
		if (fd != -1)
			close(fd);
		if (*out == NULL)
			free(path);
	}
	hp_buf_release(&names);
	return r;
}

int
hp_jail_find(const struct hp_jail *j, const char *dir,
    const char *const *names, size_t n, mode_t type, char **out,
    struct hp_warnings *w, struct hp_error *e)
{
	char *cur, *next;
	size_t i;

	*out = NULL;
	cur = hp_strdup(dir);
	for (i = 0; cur != NULL && i < n; i++) {
		if (find_one(j, cur, names[i], i + 1 < n ? S_IFDIR : type,
		    &next, w, e) == -1) {
			free(cur);
			return -1;
		}
		free(cur);
		cur = next;
	}
	*out = cur;
	return 0;
}

int
hp_jail_find_host(const struct hp_jail *j, const char *dir,
    const char *const *names, size_t n, mode_t type, char **out,
    struct hp_warnings *w, struct hp_error *e)
{
	char *rel;
	int r;

	*out = NULL;
	if (hp_jail_find(j, dir, names, n, type, &rel, w, e) == -1)
		return -1;
	r = rel != NULL ? hp_jail_resolve(j, rel, out, NULL, e) : 0;
	free(rel);
	return r;
}
