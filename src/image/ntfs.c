/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The NTFS backend: an NTFS volume in a volume image, a partitioned raw
 * disk or a fixed VHD (disk.c finds it), read and written through
 * libntfs-3g on the image file itself: no mount, no root, no FUSE.
 *
 * A commit rewrites only each file's unnamed $DATA attribute (truncated
 * to the new size, then written), so the file keeps its MFT record,
 * security descriptor, attributes, short name, other streams and its
 * creation time; the last write and MFT change times become now.  Every
 * write libntfs-3g makes lands in memory (ntfs_dev.c) until all files
 * are written and the volume is unmounted cleanly; then ntfs_undo.c puts
 * them into the image all or nothing (docs/images.md).
 */
#include <sys/file.h>
#include <sys/stat.h>	/* before ntfs-3g's headers: they test st_mtime */

#include <errno.h>
#include <stdarg.h>	/* before ntfs-3g's logging.h */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ntfs-3g/types.h>
#include <ntfs-3g/attrib.h>
#include <ntfs-3g/device.h>
#include <ntfs-3g/dir.h>
#include <ntfs-3g/inode.h>
#include <ntfs-3g/unistr.h>
#include <ntfs-3g/volume.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "image/container.h"
#include "image/disk.h"
#include "image/ntfs_impl.h"

#define CHUNK		(1 << 20)
#define CONFIG_DIR	"Windows/System32/config"

struct ntfs_priv {
	struct hp_ntfs_span	 span;
	ntfs_volume		*vol;	/* mounted read-only, or NULL */
	int			 index;	/* the partition's N, 0 for a volume */
};

static const char *
where(const struct ntfs_priv *p)
{
	return p->span.file;
}

static int
mount_error(const struct ntfs_priv *p, int err, int rw, struct hp_error *e)
{
	const char *why = strerror(err);
	char part[32] = "";

	switch (ntfs_volume_error(err)) {
	case NTFS_VOLUME_HIBERNATED:
		why = "Windows on it is hibernated or was shut down with Fast "
		    "Startup (hiberfil.sys); shut it down fully (shutdown /s "
		    "/t 0) first";
		break;
	case NTFS_VOLUME_UNCLEAN_UNMOUNT:
		why = "Windows did not shut it down cleanly; boot it and shut "
		    "it down, or run ntfsfix on the image";
		break;
	case NTFS_VOLUME_NOT_NTFS:
	case NTFS_VOLUME_CORRUPT:
		why = "not a valid NTFS volume";
		break;
	}
	if (p->index > 0)
		snprintf(part, sizeof(part), ": partition %d", p->index);
	return hp_error_set(e, HP_E_INPUT, "%s%s: cannot open its NTFS "
	    "volume%s: %s", where(p), part, rw ? " for writing" : "", why);
}

static ntfs_volume *
mount_span(struct ntfs_priv *p, int rw, struct hp_error *e)
{
	struct ntfs_device *dev = hp_ntfs_device(&p->span);
	ntfs_volume *vol = ntfs_device_mount(dev, rw ? 0 : NTFS_MNT_RDONLY);

	if (vol == NULL) {
		int err = errno;

		ntfs_device_free(dev);
		mount_error(p, err, rw, e);
		return NULL;
	}
	/*
	 * Names match as Windows matches them (ntfs_set_ignore_case would
	 * also list them in lower case).
	 */
	NVolClearCaseSensitive(vol);
	return vol;
}

/*
 * libntfs-3g failed on rel: EIO and EINVAL are what it says of damaged
 * metadata (the image is bad input), the rest are the system's.
 */
static int
ntfs_fail(const struct ntfs_priv *p, const char *rel, struct hp_error *e)
{
	if (errno == EIO || errno == EINVAL)
		return hp_error_set(e, HP_E_INPUT, "%s: %s: damaged NTFS "
		    "metadata (%s); ntfsfix or chkdsk may repair it",
		    where(p), rel[0] ? rel : "/", strerror(errno));
	return hp_error_errno(e, errno == ENOENT || errno == ENOTDIR ?
	    HP_E_INPUT : HP_E_IO, "%s: %s", where(p), rel[0] ? rel : "/");
}

/* rel's inode (the root for ""), or NULL: *absent when it is not there. */
static ntfs_inode *
lookup(const struct ntfs_priv *p, ntfs_volume *vol, const char *rel,
    int *absent, struct hp_error *e)
{
	ntfs_inode *ni = rel[0] == '\0' ? ntfs_inode_open(vol, FILE_root) :
	    ntfs_pathname_to_inode(vol, NULL, rel);

	*absent = 0;
	if (ni == NULL) {
		if (errno == ENOENT || errno == ENOTDIR)
			*absent = 1;
		ntfs_fail(p, rel, e);
	}
	return ni;
}

static mode_t
kind_of(const ntfs_inode *ni)
{
	if (ni->flags & FILE_ATTR_REPARSE_POINT)
		return S_IFLNK;
	if (ni->mrec->flags & MFT_RECORD_IS_DIRECTORY)
		return S_IFDIR;
	return S_IFREG;
}

/* Whether the volume holds Windows; one that does not mount does not. */
static int
has_config(struct ntfs_priv *p)
{
	ntfs_volume *vol = mount_span(p, 0, NULL);
	ntfs_inode *ni;
	int absent, found;

	if (vol == NULL)
		return 0;
	ni = lookup(p, vol, CONFIG_DIR, &absent, NULL);
	if ((found = ni != NULL))
		ntfs_inode_close(ni);
	ntfs_umount(vol, FALSE);
	return found;
}

/*
 * Points the span at one partition.  Read-only, an interrupted update's
 * undo file is laid over it first: whatever is read, the choice of a
 * partition included, is then the image as it was, not half written.
 * (Writable, it was rolled back before the partitions were probed.)
 */
static int
use_part(struct ntfs_priv *p, const struct hp_disk_part *part, int writable,
    struct hp_error *e)
{
	hp_ntfs_span_drop(&p->span);
	p->span.base = part->offset;
	p->span.len = part->length;
	p->index = part->index;
	if (!writable && hp_ntfs_undo_recover(&p->span, 0, e) < 0)
		return -1;
	return 0;
}

/* Of several NTFS partitions, the one with Windows' config folder. */
static int
choose(struct ntfs_priv *p, const struct hp_disk_part *parts, size_t n,
    int writable, struct hp_error *e)
{
	struct hp_buf names = HP_BUF_INIT;
	size_t i, hits = 0, hit = 0;

	for (i = 0; i < n && n > 1; i++) {
		if (use_part(p, &parts[i], writable, e) < 0) {
			hp_buf_release(&names);
			return -1;
		}
		hp_buf_addf(&names, "%s p%d", i ? "," : "", parts[i].index);
		if (has_config(p)) {
			hits++;
			hit = i;
		}
	}
	if (n > 1 && hits != 1) {
		hp_error_set(e, HP_E_INPUT, "%s: %zu NTFS partitions (%s) and "
		    "%zu with a " CONFIG_DIR " folder: say which, as %s:pN",
		    where(p), n, names.buf + 1, hits, where(p));
		hp_buf_release(&names);
		return -1;
	}
	hp_buf_release(&names);
	return use_part(p, &parts[hit], writable, e);
}

static int
open_file(struct ntfs_priv *p, const char *file, int writable,
    struct hp_error *e)
{
	p->span.fd = open(file, (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC);
	if (p->span.fd < 0)
		return hp_error_errno(e, HP_E_INPUT, "%s", file);
	if (flock(p->span.fd, (writable ? LOCK_EX : LOCK_SH) | LOCK_NB) < 0)
		return errno == EWOULDBLOCK ?
		    hp_error_set(e, HP_E_IO, "%s is in use: another process "
		    "(a hivepol?) holds its lock", file) : hp_error_errno(e, HP_E_IO, "%s: lock", file);
	return 0;
}

static void ntfs_close(struct hp_container *c);

static int
ntfs_open(struct hp_container *c, const char *file, const char *sel,
    int writable, struct hp_error *e)
{
	struct ntfs_priv *p = hp_calloc(1, sizeof(*p));
	struct hp_disk_part *parts = NULL;
	size_t n;
	int r;

	c->priv = p;
	p->span.fd = -1;
	p->span.file = hp_strdup(file);
	if (open_file(p, file, writable, e) < 0 ||
	    (writable && hp_ntfs_undo_recover(&p->span, 1, e) < 0))
		goto fail;
	if ((r = hp_disk_probe(p->span.fd, file, sel, &parts, &n, e)) == 0)
		hp_error_set(e, HP_E_INPUT, "%s: not an image hivepol "
		    "reads (a WIM, an NTFS volume, an MBR or GPT disk, a "
		    "fixed VHD)", file);
	if (r <= 0 || choose(p, parts, n, writable, e) < 0 ||
	    (p->vol = mount_span(p, 0, e)) == NULL)
		goto fail;
	free(parts);
	return 0;
fail:
	free(parts);
	ntfs_close(c);
	return -1;
}

static int
add_name(void *arg, const ntfschar *name, const int len, const int type,
    const s64 pos, const MFT_REF mref, const unsigned dt_type)
{
	struct hp_buf *names = arg;
	char *s = NULL;
	int n;

	(void)pos;
	(void)dt_type;
	if (type == FILE_NAME_DOS || MREF(mref) < FILE_first_user ||
	    (name[0] == const_cpu_to_le16('.') && (len == 1 ||
	    (len == 2 && name[1] == const_cpu_to_le16('.')))))
		return 0;	/* short names, ".", "..", $MFT and co */
	if ((n = ntfs_ucstombs(name, len, &s, 0)) < 0)
		return 0;	/* not representable: skipped */
	hp_buf_add(names, s, (size_t)n + 1);
	free(s);
	return 0;
}

static int
ntfs_list(struct hp_container *c, const char *rel, struct hp_buf *names,
    struct hp_error *e)
{
	struct ntfs_priv *p = c->priv;
	ntfs_inode *ni;
	s64 pos = 0;
	int absent, r = 0;

	if ((ni = lookup(p, p->vol, rel, &absent, e)) == NULL)
		return -1;
	if (kind_of(ni) != S_IFDIR)
		r = hp_error_set(e, HP_E_INPUT, "%s: %s is not a folder",
		    where(p), rel);
	else if (ntfs_readdir(ni, &pos, names, add_name) < 0)
		r = ntfs_fail(p, rel, e);
	ntfs_inode_close(ni);
	return r;
}

static int
ntfs_kind(struct hp_container *c, const char *rel, mode_t *kind,
    struct hp_error *e)
{
	struct ntfs_priv *p = c->priv;
	ntfs_inode *ni;
	int absent;

	*kind = 0;
	if ((ni = lookup(p, p->vol, rel, &absent, e)) == NULL)
		return absent ? 0 : -1;
	*kind = kind_of(ni);
	ntfs_inode_close(ni);
	return 0;
}

/* rel's unnamed data stream, opened; refuses what is not a plain file. */
static ntfs_attr *
open_data(const struct ntfs_priv *p, ntfs_inode *ni, const char *rel,
    struct hp_error *e)
{
	ntfs_attr *na;

	if (kind_of(ni) != S_IFREG) {
		hp_error_set(e, HP_E_INPUT, "%s: %s is not a regular file",
		    where(p), rel);
		return NULL;
	}
	if (ni->flags & FILE_ATTR_ENCRYPTED) {
		hp_error_set(e, HP_E_INPUT, "%s: %s is encrypted (EFS)",
		    where(p), rel);
		return NULL;
	}
	if ((na = ntfs_attr_open(ni, AT_DATA, AT_UNNAMED, 0)) == NULL)
		hp_error_errno(e, HP_E_INPUT, "%s: %s: its data", where(p),
		    rel);
	return na;
}

static int
copy_out(const struct ntfs_priv *p, ntfs_attr *na, const char *rel, int fd,
    struct hp_error *e)
{
	unsigned char *buf = hp_malloc(CHUNK);
	s64 pos = 0;
	int r = 0;

	while (r == 0 && pos < na->data_size) {
		s64 got = ntfs_attr_pread(na, pos, CHUNK, buf);
		s64 put = 0;

		if (got <= 0) {
			if (got == 0)
				errno = EIO;	/* shorter than its size */
			r = ntfs_fail(p, rel, e);
			break;
		}
		while (r == 0 && put < got) {
			ssize_t w = write(fd, buf + put, (size_t)(got - put));

			if (w < 0 && errno != EINTR)
				r = hp_error_errno(e, HP_E_IO, "staging %s",
				    rel);
			else if (w == 0)	/* no errno: say so */
				r = hp_error_set(e, HP_E_IO, "staging %s: "
				    "short write at offset %lld", rel,
				    (long long)(pos + put));
			else if (w > 0)
				put += w;
		}
		pos += got;
	}
	free(buf);
	return r;
}

static int
ntfs_extract(struct hp_container *c, const char *rel, int fd,
    struct hp_error *e)
{
	struct ntfs_priv *p = c->priv;
	ntfs_inode *ni;
	ntfs_attr *na;
	int absent, r = -1;

	if ((ni = lookup(p, p->vol, rel, &absent, e)) == NULL)
		return -1;
	if ((na = open_data(p, ni, rel, e)) != NULL) {
		r = copy_out(p, na, rel, fd, e);
		ntfs_attr_close(na);
	}
	ntfs_inode_close(ni);
	return r;
}

/* host's bytes as rel's new data: truncated to size, then written. */
static int
copy_in(const struct ntfs_priv *p, ntfs_attr *na, const char *rel,
    const char *host, struct hp_error *e)
{
	unsigned char *buf;
	char *what;
	struct stat st;
	s64 pos = 0;
	int fd, r = 0;

	if ((fd = open(host, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st) < 0) {
		r = hp_error_errno(e, HP_E_IO, "%s", host);
		if (fd >= 0)
			close(fd);
		return r;
	}
	if (ntfs_attr_truncate(na, st.st_size) < 0) {
		close(fd);
		return hp_error_errno(e, HP_E_IO, "%s: %s: resizing to %lld "
		    "bytes", where(p), rel, (long long)st.st_size);
	}
	buf = hp_malloc(CHUNK);
	what = hp_strfmt("%s: %s", where(p), rel);
	while (r == 0 && pos < st.st_size) {
		ssize_t got = read(fd, buf, CHUNK);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			r = hp_error_errno(e, HP_E_IO, "%s: read", host);
		else if (got == 0)	/* read sets no errno at the end */
			r = hp_error_set(e, HP_E_IO, "%s: unexpected end of "
			    "file at offset %lld of %lld bytes", host,
			    (long long)pos, (long long)st.st_size);
		else if ((r = hp_ntfs_attr_put(na, pos, buf, got, what, e)) ==
		    0)
			pos += got;
	}
	free(what);
	free(buf);
	close(fd);
	return r;
}

static int
rewrite(const struct ntfs_priv *p, ntfs_volume *vol, const char *rel,
    const char *host, struct hp_error *e)
{
	ntfs_inode *ni;
	ntfs_attr *na;
	int absent, r = -1;

	if ((ni = lookup(p, vol, rel, &absent, e)) == NULL)
		return -1;
	if ((na = open_data(p, ni, rel, e)) != NULL) {
		r = copy_in(p, na, rel, host, e);
		ntfs_attr_close(na);
	}
	if (r == 0)
		ntfs_inode_update_times(ni, NTFS_UPDATE_MCTIME);
	if (ntfs_inode_close(ni) < 0 && r == 0)
		r = hp_error_errno(e, HP_E_IO, "%s: %s: its MFT record",
		    where(p), rel);
	return r;
}

/* Every file rewritten on a volume whose writes stay in memory. */
static int
capture(struct ntfs_priv *p, const char *const *rels,
    const char *const *hosts, size_t n, struct hp_error *e)
{
	ntfs_volume *vol;
	size_t i;
	int r = 0;

	p->span.capture = 1;
	if ((vol = mount_span(p, 1, e)) == NULL)
		return -1;
	/* ntfs_mount checks this, ntfs_device_mount does not. */
	if (ntfs_volume_check_hiberfile(vol, 0) < 0) {
		int err = errno;

		ntfs_umount(vol, FALSE);
		p->span.capture = 0;
		return mount_error(p, err, 1, e);
	}
	for (i = 0; i < n && r == 0; i++)
		r = rewrite(p, vol, rels[i], hosts[i], e);
	if (ntfs_umount(vol, FALSE) < 0 && r == 0)
		r = hp_error_errno(e, HP_E_IO, "%s: unmounting", where(p));
	p->span.capture = 0;
	return r;
}

static int
ntfs_commit(struct hp_container *c, const char *const *rels,
    const char *const *hosts, size_t n, struct hp_error *e)
{
	struct ntfs_priv *p = c->priv;
	int r;

	if (n == 0)
		return 0;
	ntfs_umount(p->vol, FALSE);
	p->vol = NULL;
	if ((r = capture(p, rels, hosts, n, e)) < 0)
		hp_error_prefix(e, "nothing was changed");
	else
		r = hp_ntfs_undo_commit(&p->span, e);
	hp_ntfs_span_drop(&p->span);
	if ((p->vol = mount_span(p, 0, r < 0 ? NULL : e)) == NULL && r == 0)
		r = -1;
	return r;
}

static void
ntfs_close(struct hp_container *c)
{
	struct ntfs_priv *p = c->priv;

	if (p == NULL)
		return;
	if (p->vol != NULL)
		ntfs_umount(p->vol, FALSE);
	hp_ntfs_span_drop(&p->span);
	if (p->span.fd >= 0)
		close(p->span.fd);
	free((char *)p->span.file);
	free(p);
	c->priv = NULL;
}

const struct hp_container_ops hp_ntfs_ops = {
	"NTFS", ntfs_open, ntfs_list, ntfs_kind, ntfs_extract, ntfs_commit,
	ntfs_close
};
