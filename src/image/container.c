/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Containers (container.h): which backend opens a file, the private
 * stage, the lookups by Windows' rules, and the commit of what changed.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/text.h"
#include "image/container.h"

struct hp_container_file {
	char		*rel;
	char		*host;
	struct stat	 st;		/* as staged */
};

/*
 * Backends by the file's first bytes.  Until the NTFS backend lands every
 * other file is "not a WIM"; it then takes the fallback row (length 0).
 */
#define HP_NO_NTFS_YET
static const struct kind {
	const char			*magic;
	size_t				 len;
	const struct hp_container_ops	*ops;
} kinds[] = {
	{ "MSWIM\0\0\0", 8, &hp_wim_ops },
	{ "WLPWM\0\0\0", 8, &hp_wim_ops },	/* pipable WIM */
};

/* The row of kinds[] whose magic file starts with (any: the fallback). */
static const struct kind *
kind_of(const char *file, int any, struct hp_error *e)
{
	char head[8] = { 0 };
	size_t i;
	int fd;

	/* A FIFO named by mistake must not hang the open. */
	if ((fd = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		hp_error_errno(e, HP_E_INPUT, "%s", file);
		return NULL;
	}
	if (read(fd, head, sizeof(head)) == -1) {
		hp_error_errno(e, HP_E_INPUT, "%s", file);
		close(fd);
		return NULL;
	}
	close(fd);
	for (i = 0; i < sizeof(kinds) / sizeof(*kinds); i++)
		if ((any || kinds[i].len > 0) &&
		    memcmp(head, kinds[i].magic, kinds[i].len) == 0)
			return &kinds[i];
	return NULL;
}

int
hp_container_is(const char *file)
{
	return kind_of(file, 0, NULL) != NULL;
}

static const struct hp_container_ops *
backend(const char *file, struct hp_error *e)
{
	const struct kind *k = kind_of(file, 1, e);

	if (k != NULL)
		return k->ops;
	if (e->kind != HP_E_NONE)
		return NULL;
#ifdef HP_NO_NTFS_YET
	hp_error_set(e, HP_E_INPUT, "%s: not a WIM file (--image takes a "
	    "folder or FILE.wim[:IMAGE])", file);
#endif
	return NULL;
}

/*
 * spec is a path, or FILE:SEL where FILE is a regular file (the first
 * ':' that leaves one): the file in *file, SEL in *sel (or NULL).
 */
static int
split_spec(const char *spec, char **file, const char **sel, struct stat *st,
    struct hp_error *e)
{
	const char *p;

	*sel = NULL;
	if (stat(spec, st) == 0) {
		*file = hp_strdup(spec);
		return 0;
	}
	for (p = strchr(spec, ':'); p != NULL; p = strchr(p + 1, ':')) {
		*file = hp_strndup(spec, (size_t)(p - spec));
		if (stat(*file, st) == 0 && S_ISREG(st->st_mode)) {
			*sel = p + 1;
			return 0;
		}
		free(*file);
	}
	*file = NULL;
	return hp_error_errno(e, HP_E_INPUT, "%s", spec);
}

/* The stage: a folder of our own, 0700, in $TMPDIR. */
static int
make_stage(struct hp_container *c, struct hp_error *e)
{
	const char *tmp = getenv("TMPDIR");

	c->stage = hp_strfmt("%s/hivepol-image.XXXXXX", tmp != NULL && *tmp ?
	    tmp : "/tmp");
	if (mkdtemp(c->stage) != NULL)
		return 0;
	hp_error_errno(e, HP_E_IO, "%s", c->stage);
	free(c->stage);
	c->stage = NULL;
	return -1;
}

int
hp_container_open(const char *spec, int writable, struct hp_container **out,
    struct hp_error *e)
{
	const struct hp_container_ops *ops;
	struct hp_container *c;
	const char *sel;
	struct stat st;
	char *file;

	*out = NULL;
	if (split_spec(spec, &file, &sel, &st, e) == -1)
		return -1;
	if (S_ISDIR(st.st_mode)) {
		free(file);
		return 0;
	}
	if ((ops = backend(file, e)) == NULL) {
		free(file);
		return -1;
	}
	c = hp_calloc(1, sizeof(*c));
	c->ops = ops;
	c->spec = hp_strdup(spec);
	c->writable = writable;
	if (make_stage(c, e) == -1 || ops->open(c, file, sel, writable,
	    e) == -1) {
		free(file);
		hp_container_close(c);
		return -1;
	}
	free(file);
	*out = c;
	return 0;
}

/* The entry of folder dir named name by Windows' rules, and its kind. */
static int
find_one(struct hp_container *c, const char *dir, const char *name,
    mode_t want, char **out, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_buf names = HP_BUF_INIT;
	const char *p;
	mode_t kind;
	int r;

	*out = NULL;
	r = c->ops->list(c, dir, &names, e);
	for (p = names.buf; r == 0 && *out == NULL &&
	    p < names.buf + names.len; p += strlen(p) + 1) {
		char *path;

		if (!hp_name_eq(p, name))
			continue;
		path = *dir ? hp_strfmt("%s/%s", dir, p) : hp_strdup(p);
		r = c->ops->kind(c, path, &kind, e);
		if (r == 0 && kind == S_IFLNK)
			hp_warn(w, "%s: %s is a link (reparse point); links in "
			    "an image are not followed", c->spec, path);
		else if (r == 0 && (want == 0 || kind == want)) {
			*out = path;
			continue;
		}
		free(path);
	}
	hp_buf_release(&names);
	return r;
}

int
hp_container_find(struct hp_container *c, const char *dir,
    const char *const *names, size_t n, mode_t type, char **out,
    struct hp_warnings *w, struct hp_error *e)
{
	char *cur = hp_strdup(dir), *next = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		if (find_one(c, cur, names[i], i + 1 < n ? S_IFDIR : type,
		    &next, w, e) == -1) {
			free(cur);
			return -1;
		}
		free(cur);
		if ((cur = next) == NULL)
			break;
	}
	*out = cur;
	return 0;
}

static size_t
dir_len(const char *rel)
{
	const char *slash = strrchr(rel, '/');

	return slash != NULL ? (size_t)(slash - rel) : 0;
}

/*
 * The stage folder of rel's folder in c, one per folder (stage/N), so a
 * hive's logs staged after it lie beside it, where hivepol looks.
 */
static int
stage_dir(struct hp_container *c, const char *rel, char **dir,
    struct hp_error *e)
{
	size_t i, len = dir_len(rel);

	for (i = 0; i < c->nfiles; i++)
		if (dir_len(c->files[i].rel) == len &&
		    strncmp(c->files[i].rel, rel, len) == 0) {
			*dir = hp_strndup(c->files[i].host,
			    dir_len(c->files[i].host));
			return 0;
		}
	*dir = hp_strfmt("%s/%zu", c->stage, c->nfiles);
	return mkdir(*dir, 0700) == 0 ? 0 : hp_error_errno(e, HP_E_IO, "%s",
	    *dir);
}

/* Extracts rel into a fresh file of the stage: stage/N/NAME. */
static int
extract(struct hp_container *c, const char *rel, char **host,
    struct hp_error *e)
{
	const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	char *dir;
	int fd, r = -1;

	*host = NULL;
	if (stage_dir(c, rel, &dir, e) == 0) {
		*host = hp_strfmt("%s/%s", dir, base);
		fd = open(*host, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd == -1)
			hp_error_errno(e, HP_E_IO, "%s", *host);
		else {
			r = c->ops->extract(c, rel, fd, e);
			if (close(fd) == -1 && r == 0)
				r = hp_error_errno(e, HP_E_IO, "%s", *host);
		}
	}
	if (r == -1)
		hp_error_prefix(e, "%s: staging %s", c->spec, rel);
	free(dir);
	return r;
}

int
hp_container_stage(struct hp_container *c, const char *rel, char **host,
    struct hp_error *e)
{
	struct hp_container_file *f;
	mode_t kind;
	size_t i;

	*host = NULL;
	for (i = 0; i < c->nfiles; i++)
		if (strcmp(c->files[i].rel, rel) == 0) {
			*host = hp_strdup(c->files[i].host);
			return 0;
		}
	if (c->ops->kind(c, rel, &kind, e) == -1)
		return -1;
	if (kind != S_IFREG)
		return 0;
	HP_ALLOC_GROW(c->files, c->nfiles + 1, c->filecap);
	f = &c->files[c->nfiles];
	if (extract(c, rel, host, e) == -1 || stat(*host, &f->st) == -1) {
		if (e->kind == HP_E_NONE)
			hp_error_errno(e, HP_E_IO, "%s", *host);
		free(*host);
		*host = NULL;
		return -1;
	}
	f->rel = hp_strdup(rel);
	f->host = hp_strdup(*host);
	c->nfiles++;
	return 0;
}

/* A hive written through the write path is a new file in its place. */
static int
changed(const struct hp_container_file *f, struct hp_error *e)
{
	struct stat st;

	if (stat(f->host, &st) == -1)
		return hp_error_errno(e, HP_E_IO, "%s", f->host);
	return st.st_ino != f->st.st_ino || st.st_size != f->st.st_size ||
	    st.st_mtim.tv_sec != f->st.st_mtim.tv_sec ||
	    st.st_mtim.tv_nsec != f->st.st_mtim.tv_nsec;
}

int
hp_container_commit(struct hp_container *c, struct hp_error *e)
{
	const char **rels = hp_calloc(c->nfiles + 1, sizeof(*rels));
	const char **hosts = hp_calloc(c->nfiles + 1, sizeof(*hosts));
	size_t i, n = 0;
	int r = 0, k;

	for (i = 0; i < c->nfiles && r == 0; i++) {
		if ((k = changed(&c->files[i], e)) == -1)
			r = -1;
		else if (k) {
			rels[n] = c->files[i].rel;
			hosts[n++] = c->files[i].host;
		}
	}
	if (r == 0 && n > 0 && !c->writable)
		HP_BUG("a read-only container has changed files");
	if (r == 0 && n > 0)
		r = c->ops->commit(c, rels, hosts, n, e);
	free(rels);
	free(hosts);
	return r;
}

/* Removes what the stage holds (our own files, two levels deep at most). */
static void
remove_tree(int at, const char *name, int depth)
{
	struct dirent *d;
	DIR *dir;
	int fd;

	if (unlinkat(at, name, 0) == 0 || depth > 3)
		return;
	fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd == -1 || (dir = fdopendir(fd)) == NULL) {
		if (fd != -1)
			close(fd);
		return;
	}
	while ((d = readdir(dir)) != NULL)
		if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0)
			remove_tree(dirfd(dir), d->d_name, depth + 1);
	closedir(dir);
	unlinkat(at, name, AT_REMOVEDIR);
}

void
hp_container_close(struct hp_container *c)
{
	size_t i;

	if (c == NULL)
		return;
	if (c->ops != NULL && c->priv != NULL)
		c->ops->close(c);
	if (c->stage != NULL)
		remove_tree(AT_FDCWD, c->stage, 0);
	for (i = 0; i < c->nfiles; i++) {
		free(c->files[i].rel);
		free(c->files[i].host);
	}
	free(c->files);
	free(c->stage);
	free(c->spec);
	free(c);
}
