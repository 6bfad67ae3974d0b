/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Writing hives back into a WIM without losing their metadata.  wimlib
 * replaces a file added from a folder with a bare one (no security
 * descriptor, attributes, short name or streams) and has no call that
 * sets them.  So each changed file travels in a small NTFS image of its
 * own: mkntfs makes it, wimlib extracts the old file into it in NTFS mode
 * (descriptor, attributes, short name, streams, times and all), libntfs-3g
 * replaces its data, and wimlib adds the volume's root onto the file's
 * folder in NTFS mode, which brings the file back with exactly that
 * metadata.  Every file goes in one update, written once.
 */
#include <sys/stat.h>	/* before ntfs-3g's headers: they test st_mtime */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "image/wim_impl.h"	/* wimlib.h, before ntfs-3g's */

#include <ntfs-3g/types.h>
#include <ntfs-3g/attrib.h>
#include <ntfs-3g/dir.h>
#include <ntfs-3g/inode.h>
#include <ntfs-3g/volume.h>

#include "core/alloc.h"
#include "core/error.h"
#include "image/container.h"
#include "image/ntfs_impl.h"

/* Runs mkntfs on img, quietly; Debian keeps it in /usr/sbin or /sbin. */
static int
run_mkntfs(const char *img, struct hp_error *e)
{
	static const char *const where[] = { "/usr/sbin/mkntfs",
	    "/sbin/mkntfs", "mkntfs" };
	int status, devnull;
	size_t i;
	pid_t pid;

	if ((pid = fork()) == -1)
		return hp_error_errno(e, HP_E_IO, "mkntfs");
	if (pid == 0) {
		devnull = open("/dev/null", O_RDWR);
		dup2(devnull, STDOUT_FILENO);
		dup2(devnull, STDERR_FILENO);
		for (i = 0; i < sizeof(where) / sizeof(*where); i++)
			execvp(where[i], (char *const[]){ "mkntfs", "-F", "-f",
			    "-q", "-L", "hivepol", (char *)img, NULL });
		_exit(127);
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return hp_error_errno(e, HP_E_IO, "mkntfs");
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	return hp_error_set(e, HP_E_IO, "%s: mkntfs failed%s (hivepol "
	    "carries a hive's metadata back into a WIM in a small NTFS "
	    "image; install ntfs-3g)", img, WIFEXITED(status) &&
	    WEXITSTATUS(status) == 127 ? " to start" : "");
}

/* A fresh NTFS volume in a sparse file of bytes bytes. */
static int
make_volume(const char *img, off_t bytes, struct hp_error *e)
{
	int fd;

	fd = open(img, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd == -1 || ftruncate(fd, bytes) == -1) {
		hp_error_errno(e, HP_E_IO, "%s", img);
		if (fd != -1)
			close(fd);
		return -1;
	}
	close(fd);
	return run_mkntfs(img, e);
}

/* Writes host's bytes as the data of na, whole. */
static int
copy_in(ntfs_attr *na, const char *host, struct hp_error *e)
{
	static char buf[1 << 20];
	char *what = hp_strfmt("%s: copying into the NTFS image", host);
	s64 off = 0;
	ssize_t n;
	int fd, r = 0;

	if ((fd = open(host, O_RDONLY | O_CLOEXEC)) == -1)
		r = hp_error_errno(e, HP_E_IO, "%s", host);
	else if (ntfs_attr_truncate(na, 0) == -1)
		r = hp_error_errno(e, HP_E_IO, "%s", what);
	while (r == 0 && (n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno != EINTR)
			r = hp_error_errno(e, HP_E_IO, "%s: read", host);
		else if (n > 0 && (r = hp_ntfs_attr_put(na, off, buf, n, what,
		    e)) == 0)
			off += n;
	}
	if (fd != -1)
		close(fd);
	free(what);
	return r;
}

/* One changed file on its way back, and what it must keep. */
struct trip {
	const char	*rel;
	const char	*host;
	char		*img;		/* the NTFS image carrying it */
	uint32_t	 attributes;
	int		 has_sd;	/* a WIM captured on Linux has none */
	struct hp_buf	 meta;		/* hp_wim_describe's lines */
};

/* Replaces the data of rel in the trip's volume with host's. */
static int
put_data(const struct trip *tr, struct hp_error *e)
{
	ntfs_volume *vol;
	ntfs_inode *ni;
	ntfs_attr *na = NULL;
	char *path = hp_strfmt("/%s", tr->rel);
	int r = -1;

	if ((vol = ntfs_mount(tr->img, NTFS_MNT_NONE)) == NULL) {
		free(path);
		return hp_error_errno(e, HP_E_IO, "%s", tr->img);
	}
	ni = ntfs_pathname_to_inode(vol, NULL, path);
	if (ni != NULL)
		na = ntfs_attr_open(ni, AT_DATA, AT_UNNAMED, 0);
	if (na == NULL)
		hp_error_errno(e, HP_E_IO, "%s%s", tr->img, path);
	else if (copy_in(na, tr->host, e) == 0) {
		/* The last write is now; every other time stays. */
		ntfs_inode_update_times(ni, NTFS_UPDATE_MCTIME);
		r = 0;
	}
	if (na != NULL)
		ntfs_attr_close(na);
	if (ni != NULL && ntfs_inode_close(ni) == -1 && r == 0)
		r = hp_error_errno(e, HP_E_IO, "%s%s", tr->img, path);
	if (ntfs_umount(vol, FALSE) == -1 && r == 0)
		r = hp_error_errno(e, HP_E_IO, "%s", tr->img);
	free(path);
	return r;
}

/* What cannot travel through an NTFS image is refused, never lost. */
static int
may_carry(struct hp_wim *wm, struct trip *tr, struct hp_error *e)
{
	uint32_t links;

	if (hp_wim_describe(wm, tr->rel, &links, &tr->attributes, &tr->meta,
	    e) == -1)
		return -1;
	tr->has_sd = strstr(tr->meta.buf, "security descriptor: \n") == NULL;
	if (links > 1)
		return hp_error_set(e, HP_E_INPUT, "%s:%d/%s has %u hard "
		    "links; writing it would split them", wm->file, wm->image,
		    tr->rel, links);
	if (tr->attributes & WIMLIB_FILE_ATTRIBUTE_ENCRYPTED)
		return hp_error_set(e, HP_E_INPUT, "%s:%d/%s is encrypted "
		    "(EFS); it cannot be rewritten offline", wm->file,
		    wm->image, tr->rel);
	return 0;
}

/*
 * The NTFS image carrying rel with host's data: the old file extracted
 * into it (with the folders above it) with its metadata, then its data
 * replaced.
 */
static int
carry(struct hp_wim *wm, struct trip *tr, struct hp_error *e)
{
	const char *paths[1] = { tr->rel };
	struct stat st;
	int r;

	if (may_carry(wm, tr, e) == -1)
		return -1;
	if (stat(tr->host, &st) == -1)
		return hp_error_errno(e, HP_E_IO, "%s", tr->host);
	/* Room for the data twice (old, then new) and the volume's own. */
	if (make_volume(tr->img, 2 * st.st_size + (16 << 20), e) == -1)
		return -1;
	r = wimlib_extract_paths(wm->w, wm->image, tr->img, paths, 1,
	    WIMLIB_EXTRACT_FLAG_NTFS);
	if (r != 0)
		return hp_wim_fail(e, wm->file, tr->rel, r);
	return put_data(tr, e);
}

/*
 * The updated image, before anything is written: each file must carry
 * exactly the metadata it had, else the write is refused.
 */
static int
kept(struct hp_wim *wm, const struct trip *tr, struct hp_error *e)
{
	struct hp_buf now = HP_BUF_INIT;
	uint32_t links, attributes;
	size_t i = 0;
	int r;

	r = hp_wim_describe(wm, tr->rel, &links, &attributes, &now, e);
	if (r == 0 && (now.len != tr->meta.len || memcmp(now.buf,
	    tr->meta.buf, now.len) != 0)) {
		while (i < now.len && i < tr->meta.len &&
		    now.buf[i] == tr->meta.buf[i])
			i++;
		while (i > 0 && tr->meta.buf[i - 1] != '\n')
			i--;
		r = hp_error_set(e, HP_E_INPUT, "%s:%d/%s: writing it back "
		    "would not keep its %.*s, so nothing was written",
		    wm->file, wm->image, tr->rel, (int)strcspn(tr->meta.buf + i,
		    ":"), tr->meta.buf + i);
	}
	hp_buf_release(&now);
	return r;
}

int
hp_wim_commit(struct hp_container *c, const char *const *rels,
    const char *const *hosts, size_t n, struct hp_error *e)
{
	struct hp_wim *wm = c->priv;
	struct wimlib_update_command *cmds;
	struct trip *trips;
	size_t i;
	int r = 0;

	cmds = hp_calloc(n + 1, sizeof(*cmds));
	trips = hp_calloc(n + 1, sizeof(*trips));
	for (i = 0; i < n && r == 0; i++) {
		trips[i].rel = rels[i];
		trips[i].host = hosts[i];
		trips[i].img = hp_strfmt("%s/carry%zu.ntfs", c->stage, i);
		r = carry(wm, &trips[i], e);
		/* The volume's root goes onto the image's: folders merge. */
		cmds[i].op = WIMLIB_UPDATE_OP_ADD;
		cmds[i].add.fs_source_path = trips[i].img;
		cmds[i].add.wim_target_path = "/";
		cmds[i].add.add_flags = WIMLIB_ADD_FLAG_NTFS |
		    (trips[i].has_sd ? 0 : WIMLIB_ADD_FLAG_NO_ACLS);
	}
	if (r == 0 && (r = wimlib_update_image(wm->w, wm->image, cmds, n,
	    0)) != 0)
		r = hp_wim_fail(e, wm->file, "updating the image", r);
	for (i = 0; i < n && r == 0; i++)
		r = kept(wm, &trips[i], e);
	if (r == 0)
		r = hp_wim_write(wm, e);
	if (r == -1 && !wm->written)
		hp_error_prefix(e, "nothing was changed");
	for (i = 0; i < n; i++) {
		if (trips[i].img != NULL)
			unlink(trips[i].img);
		free(trips[i].img);
		hp_buf_release(&trips[i].meta);
	}
	free(trips);
	free(cmds);
	return r;
}
