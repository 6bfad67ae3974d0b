/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * One image of a WIM (or ESD) file through libwim.  Reads extract a file
 * into the stage; commit carries each changed hive back inside a small
 * NTFS image (wim_ntfs.c) so it keeps its metadata, then writes every
 * change in one update of the WIM (docs/images.md).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <wimlib.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/hook.h"
#include "image/container.h"
#include "image/wim_impl.h"

static struct hp_wim *
wim_of(struct hp_container *c)
{
	return c->priv;
}

/* What the system failed at is I/O; anything else is the file's fault. */
static enum hp_error_kind
fail_kind(int r)
{
	switch (r) {
	case WIMLIB_ERR_NOMEM:
	case WIMLIB_ERR_READ:
	case WIMLIB_ERR_WRITE:
	case WIMLIB_ERR_RENAME:
	case WIMLIB_ERR_MKDIR:
	case WIMLIB_ERR_NTFS_3G:
		return HP_E_IO;
	default:
		return HP_E_INPUT;
	}
}

int
hp_wim_fail(struct hp_error *e, const char *file, const char *what, int r)
{
	return hp_error_set(e, fail_kind(r), "%s: %s%s%s", file, what,
	    *what ? ": " : "", wimlib_get_error_string(r));
}

/* "1 (Windows 11 Home), 2 (Windows 11 Pro)" */
static void
list_images(WIMStruct *w, int count, struct hp_buf *b)
{
	const char *name;
	int i;

	for (i = 1; i <= count; i++) {
		name = wimlib_get_image_name(w, i);
		hp_buf_addf(b, "%s%d (%s)", i > 1 ? ", " : "", i,
		    name != NULL && *name ? name : "no name");
	}
}

/* The image sel names (index or name), or the only one. */
static int
pick_image(struct hp_wim *wm, const char *sel, int count,
    struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;

	if (sel == NULL && count == 1)
		wm->image = 1;
	else if (sel != NULL)
		wm->image = wimlib_resolve_image(wm->w, sel);
	if (sel != NULL && (wm->image < 1 || wm->image > count))
		wm->image = 0;
	if (wm->image > 0)
		return 0;
	list_images(wm->w, count, &b);
	if (sel == NULL)
		hp_error_set(e, HP_E_INPUT, "%s holds %d images; name one as "
		    "%s:N or %s:NAME: %s", wm->file, count, wm->file, wm->file,
		    b.buf);
	else
		hp_error_set(e, HP_E_INPUT, "%s: no image \"%s\" (it holds %s)",
		    wm->file, sel, count ? b.buf : "none");
	hp_buf_release(&b);
	return -1;
}

static int
wim_open(struct hp_container *c, const char *file, const char *sel,
    int writable, struct hp_error *e)
{
	struct wimlib_wim_info info;
	struct hp_wim *wm = hp_calloc(1, sizeof(*wm));
	int r;

	wm->file = hp_strdup(file);
	c->priv = wm;
	r = wimlib_open_wim(file, writable ? WIMLIB_OPEN_FLAG_WRITE_ACCESS : 0,
	    &wm->w);
	if (r != 0)
		return hp_wim_fail(e, file, writable ? "cannot be updated" :
		    "", r);
	wimlib_get_wim_info(wm->w, &info);
	return pick_image(wm, sel, info.image_count, e);
}

/* One entry of a folder listing, or one entry looked up. */
struct seen {
	struct hp_buf	*names;		/* list: every child's name */
	mode_t		 kind;		/* kind: the entry's */
	uint32_t	 links;
	uint32_t	 attributes;
	struct hp_buf	*meta;		/* what a rewrite must keep */
};

/*
 * Every piece of a file's metadata a rewrite keeps, one "what: value"
 * line each: all but the data and its last write time.
 */
static void
describe_meta(const struct wimlib_dir_entry *d, struct hp_buf *b)
{
	uint32_t i;

	/*
	 * Sparse is how the data is stored, not what it is: it goes.
	 * NORMAL means "no attribute": the same as none.
	 */
	hp_buf_addf(b, "attributes: %#x\nshort name: %s\nsecurity "
	    "descriptor: ", d->attributes & ~(WIMLIB_FILE_ATTRIBUTE_SPARSE_FILE |
	    WIMLIB_FILE_ATTRIBUTE_NORMAL), d->dos_name ? d->dos_name : "");
	hp_buf_addhex(b, d->security_descriptor, d->security_descriptor_size,
	    0);
	hp_buf_addf(b, "\nreparse tag: %#x\ncreation time: %lld.%d\nlast "
	    "access time: %lld.%d\nobject ID: ", d->reparse_tag,
	    (long long)d->creation_time.tv_sec, (int)d->creation_time.tv_nsec,
	    (long long)d->last_access_time.tv_sec,
	    (int)d->last_access_time.tv_nsec);
	hp_buf_addhex(b, &d->object_id, sizeof(d->object_id), 0);
	hp_buf_addf(b, "\nUNIX data: %u %u %o\n", d->unix_uid, d->unix_gid,
	    d->unix_mode);
	/* A stream read from a volume is hashed only when it is written. */
	for (i = 1; i <= d->num_named_streams; i++)
		hp_buf_addf(b, "stream %s: %llu bytes\n",
		    d->streams[i].stream_name, (unsigned long long)
		    d->streams[i].resource.uncompressed_size);
}

static int
on_entry(const struct wimlib_dir_entry *d, void *arg)
{
	struct seen *s = arg;

	if (s->names != NULL) {
		hp_buf_add(s->names, d->filename, strlen(d->filename) + 1);
		return 0;
	}
	/* Reparse points (links, junctions) are never followed. */
	s->kind = d->attributes & WIMLIB_FILE_ATTRIBUTE_REPARSE_POINT ?
	    S_IFLNK : d->attributes & WIMLIB_FILE_ATTRIBUTE_DIRECTORY ?
	    S_IFDIR : S_IFREG;
	s->links = d->num_links;
	s->attributes = d->attributes;
	if (s->meta != NULL)
		describe_meta(d, s->meta);
	return 0;
}

/* Visits rel (or its children); a missing path is no entry at all. */
static int
visit(struct hp_wim *wm, const char *rel, int children, struct seen *s,
    struct hp_error *e)
{
	char *path = hp_strfmt("/%s", rel);
	int r;

	r = wimlib_iterate_dir_tree(wm->w, wm->image, path, children ?
	    WIMLIB_ITERATE_DIR_TREE_FLAG_CHILDREN : 0, on_entry, s);
	free(path);
	if (r == WIMLIB_ERR_PATH_DOES_NOT_EXIST || r == WIMLIB_ERR_NOTDIR)
		return 0;
	return r == 0 ? 0 : hp_wim_fail(e, wm->file, rel, r);
}

static int
wim_list(struct hp_container *c, const char *rel, struct hp_buf *names,
    struct hp_error *e)
{
	struct seen s = { names, 0, 0, 0, NULL };

	return visit(wim_of(c), rel, 1, &s, e);
}

static int
wim_kind(struct hp_container *c, const char *rel, mode_t *kind,
    struct hp_error *e)
{
	struct seen s = { NULL, 0, 0, 0, NULL };

	if (visit(wim_of(c), rel, 0, &s, e) == -1)
		return -1;
	*kind = s.kind;
	return 0;
}

int
hp_wim_describe(struct hp_wim *wm, const char *rel, uint32_t *links,
    uint32_t *attributes, struct hp_buf *meta, struct hp_error *e)
{
	struct seen s = { NULL, 0, 0, 0, meta };

	if (visit(wm, rel, 0, &s, e) == -1)
		return -1;
	if (s.kind != S_IFREG)
		return hp_error_set(e, HP_E_INPUT, "%s:%d/%s: no longer a "
		    "file", wm->file, wm->image, rel);
	*links = s.links;
	*attributes = s.attributes;
	return 0;
}

/*
 * All n bytes of buf to fd.  A partial write is retried, so a failure
 * reports its own errno; one that writes nothing sets none, and says so.
 */
static int
put_all(int fd, const char *buf, size_t n, const char *path, off_t at,
    struct hp_error *e)
{
	size_t done = 0;

	while (done < n) {
		ssize_t w = write(fd, buf + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return hp_error_errno(e, HP_E_IO, "staging %s", path);
		if (w == 0)
			return hp_error_set(e, HP_E_IO, "staging %s: short "
			    "write at offset %lld", path,
			    (long long)(at + (off_t)done));
		done += (size_t)w;
	}
	return 0;
}

/* Not every file system copies ranges: then read and write, from at. */
static int
read_write(int in, const char *path, int fd, off_t at, struct hp_error *e)
{
	char buf[1 << 16];
	ssize_t n;

	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno != EINTR)
			return hp_error_errno(e, HP_E_IO, "%s", path);
		if (n > 0 && put_all(fd, buf, (size_t)n, path, at, e) < 0)
			return -1;
		if (n > 0)
			at += n;
	}
	return 0;
}

/* Copies the file at path to fd, whole. */
static int
copy_to(const char *path, int fd, struct hp_error *e)
{
	off_t at = 0;
	ssize_t n;
	int in, r = 0;

	if ((in = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return hp_error_errno(e, HP_E_IO, "%s", path);
	while ((n = copy_file_range(in, NULL, fd, NULL, 1 << 30, 0)) > 0)
		at += n;
	if (n == -1 && (errno == EXDEV || errno == EINVAL ||
	    errno == EOPNOTSUPP || errno == ENOSYS))
		r = read_write(in, path, fd, at, e);
	else if (n == -1)
		r = hp_error_errno(e, HP_E_IO, "%s", path);
	close(in);
	return r;
}

/*
 * wimlib has no read-into-buffer call: the file is extracted alone into
 * a folder of its own in the stage, then copied to fd.
 */
static int
wim_extract(struct hp_container *c, const char *rel, int fd,
    struct hp_error *e)
{
	struct hp_wim *wm = wim_of(c);
	const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	char *dir = hp_strfmt("%s/x.XXXXXX", c->stage), *file = NULL;
	const char *paths[1] = { rel };
	int r;

	if (mkdtemp(dir) == NULL) {
		r = hp_error_errno(e, HP_E_IO, "%s", dir);
		goto out;
	}
	file = hp_strfmt("%s/%s", dir, base);
	r = wimlib_extract_paths(wm->w, wm->image, dir, paths, 1,
	    WIMLIB_EXTRACT_FLAG_NO_PRESERVE_DIR_STRUCTURE |
	    WIMLIB_EXTRACT_FLAG_NO_ACLS);
	if (r != 0)
		r = hp_wim_fail(e, wm->file, rel, r);
	else
		r = copy_to(file, fd, e);
	unlink(file);
	rmdir(dir);
out:
	free(file);
	free(dir);
	return r;
}

/*
 * wimlib writes the new data, then the blob table, XML and header, with
 * one fsync at the very end: the data is synced here, before the header
 * can point at it (docs/images.md).
 */
static enum wimlib_progress_status
on_progress(enum wimlib_progress_msg msg, union wimlib_progress_info *info,
    void *arg)
{
	struct hp_wim *wm = arg;
	int fd;

	(void)info;
	/* A WIM wimlib cannot append to is rebuilt and renamed. */
	if (msg == WIMLIB_PROGRESS_MSG_RENAME)
		wm->renamed = 1;
	if (msg != WIMLIB_PROGRESS_MSG_WRITE_METADATA_END)
		return WIMLIB_PROGRESS_STATUS_CONTINUE;
	fd = open(wm->file, O_RDONLY | O_CLOEXEC);
	if (fd == -1 || hp_hook_fsync(fd) == -1) {
		wm->sync_errno = errno;
		if (fd != -1)
			close(fd);
		return WIMLIB_PROGRESS_STATUS_ABORT;
	}
	close(fd);
	return WIMLIB_PROGRESS_STATUS_CONTINUE;
}

/* The folder holding the WIM, synced so a rebuild's rename lasts. */
static int
sync_dir(const char *file, struct hp_error *e)
{
	char *dir = hp_strdup(file), *slash = strrchr(dir, '/');
	int fd, r = 0;

	if (slash != NULL)
		*(slash == dir ? slash + 1 : slash) = '\0';
	fd = open(slash != NULL ? dir : ".", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC);
	if (fd == -1 || hp_hook_fsync_dir(fd) == -1)
		r = hp_error_errno(e, HP_E_IO, "%s: the new WIM is in place, but "
		    "syncing its folder failed, so a crash may undo it", file);
	if (fd != -1)
		close(fd);
	free(dir);
	return r;
}

int
hp_wim_write(struct hp_wim *wm, struct hp_error *e)
{
	int r;

	wimlib_register_progress_function(wm->w, on_progress, wm);
	r = wimlib_overwrite(wm->w, WIMLIB_WRITE_FLAG_FSYNC, 0);
	wimlib_register_progress_function(wm->w, NULL, NULL);
	if (r == WIMLIB_ERR_ABORTED_BY_PROGRESS) {
		errno = wm->sync_errno;
		return hp_error_errno(e, HP_E_IO, "%s: syncing the new data",
		    wm->file);
	}
	if (r != 0)
		return hp_wim_fail(e, wm->file, "writing", r);
	wm->written = 1;
	return wm->renamed ? sync_dir(wm->file, e) : 0;
}

static void
wim_close(struct hp_container *c)
{
	struct hp_wim *wm = wim_of(c);

	if (wm == NULL)
		return;
	wimlib_free(wm->w);
	free(wm->file);
	free(wm);
	c->priv = NULL;
}

const struct hp_container_ops hp_wim_ops = {
	"WIM", wim_open, wim_list, wim_kind, wim_extract, hp_wim_commit,
	wim_close
};
