/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libntfs-3g reads a volume through a struct ntfs_device_operations;
 * its own (unix_io) opens a whole file or block device.  This one reads
 * a span of an image file (a partition, a VHD's disk) and, while a
 * commit captures, keeps every write in memory, block by block, so that
 * nothing reaches the image until the volume is unmounted cleanly.
 */
#include <sys/stat.h>	/* before ntfs-3g's headers: they test st_mtime */

#include <errno.h>
#include <stdarg.h>	/* before ntfs-3g's logging.h */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ntfs-3g/types.h>
#include <ntfs-3g/device.h>
#include <ntfs-3g/attrib.h>

#include "core/alloc.h"
#include "core/error.h"
#include "image/ntfs_impl.h"

static struct hp_ntfs_span *
span_of(struct ntfs_device *dev)
{
	return dev->d_private;
}

/* The index of the block at off, or where it would go (*found 0). */
static size_t
find(const struct hp_ntfs_span *s, off_t off, int *found)
{
	size_t lo = 0, hi = s->n;

	/* A commit writes mostly forward: try the end first. */
	if (s->n > 0 && s->blocks[s->n - 1].off < off) {
		*found = 0;
		return s->n;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->blocks[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < s->n && s->blocks[lo].off == off;
	return lo;
}

static size_t
block_len(const struct hp_ntfs_span *s, off_t off)
{
	return s->len - off < HP_NTFS_BLOCK ? (size_t)(s->len - off) :
	    HP_NTFS_BLOCK;
}

static struct hp_ntfs_block *
insert(struct hp_ntfs_span *s, size_t at, off_t off)
{
	HP_ALLOC_GROW(s->blocks, s->n + 1, s->cap);
	memmove(s->blocks + at + 1, s->blocks + at,
	    (s->n - at) * sizeof(*s->blocks));
	s->n++;
	s->blocks[at].off = off;
	s->blocks[at].len = block_len(s, off);
	s->blocks[at].data = hp_calloc(1, HP_NTFS_BLOCK);
	return &s->blocks[at];
}

void
hp_ntfs_span_put(struct hp_ntfs_span *s, off_t off, const unsigned char *data,
    size_t len)
{
	int found;
	size_t at = find(s, off, &found);
	struct hp_ntfs_block *b = found ? &s->blocks[at] : insert(s, at, off);

	memcpy(b->data, data, len < b->len ? len : b->len);
}

void
hp_ntfs_span_drop(struct hp_ntfs_span *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->blocks[i].data);
	free(s->blocks);
	s->blocks = NULL;
	s->n = s->cap = 0;
	s->capture = 0;
}

int
hp_ntfs_attr_put(ntfs_attr *na, int64_t pos, const void *buf, int64_t len,
    const char *what, struct hp_error *e)
{
	const unsigned char *p = buf;
	int64_t done = 0;

	while (done < len) {
		s64 n = ntfs_attr_pwrite(na, pos + done, len - done, p + done);

		if (n < 0)
			return hp_error_errno(e, HP_E_IO, "%s: writing at "
			    "offset %lld", what, (long long)(pos + done));
		if (n == 0)
			return hp_error_set(e, HP_E_IO, "%s: short write at "
			    "offset %lld (%lld of %lld bytes written)", what,
			    (long long)(pos + done), (long long)done,
			    (long long)len);
		done += n;
	}
	return 0;
}

int
hp_ntfs_pread(int fd, void *buf, size_t len, off_t off)
{
	while (len > 0) {
		ssize_t r = pread(fd, buf, len, off);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0)
				errno = EIO;
			return -1;
		}
		buf = (char *)buf + r;
		off += r;
		len -= (size_t)r;
	}
	return 0;
}

/* Reads [off, off + len) of the volume: the overlay over the file. */
static int
span_read(const struct hp_ntfs_span *s, unsigned char *buf, size_t len,
    off_t off)
{
	while (len > 0) {
		off_t boff = off - off % HP_NTFS_BLOCK;
		size_t in = (size_t)(off - boff), take = HP_NTFS_BLOCK - in;
		int found = 0;
		size_t at = s->n ? find(s, boff, &found) : 0;

		if (take > len)
			take = len;
		if (found)
			memcpy(buf, s->blocks[at].data + in, take);
		else if (hp_ntfs_pread(s->fd, buf, take, s->base + off) < 0)
			return -1;
		buf += take;
		off += (off_t)take;
		len -= take;
	}
	return 0;
}

/* Writes into the overlay, reading a block's old bytes on first touch. */
static int
span_write(struct hp_ntfs_span *s, const unsigned char *buf, size_t len,
    off_t off)
{
	while (len > 0) {
		off_t boff = off - off % HP_NTFS_BLOCK;
		size_t in = (size_t)(off - boff), take = HP_NTFS_BLOCK - in;
		int found;
		size_t at = find(s, boff, &found);
		struct hp_ntfs_block *b = &s->blocks[at];

		if (take > len)
			take = len;
		if (!found) {
			b = insert(s, at, boff);
			if (hp_ntfs_pread(s->fd, b->data, b->len,
			    s->base + boff) < 0)
				return -1;	/* the commit fails: dropped */
		}
		memcpy(b->data + in, buf, take);
		buf += take;
		off += (off_t)take;
		len -= take;
	}
	return 0;
}

/* Bounds [off, off + count) to the volume; 0 when nothing is left. */
static s64
clamp(const struct hp_ntfs_span *s, s64 count, s64 off)
{
	if (off < 0 || count < 0) {
		errno = EINVAL;
		return -1;
	}
	if (off >= s->len)
		return 0;
	return count > s->len - off ? s->len - off : count;
}

static s64
dev_pread(struct ntfs_device *dev, void *buf, s64 count, s64 off)
{
	struct hp_ntfs_span *s = span_of(dev);
	s64 n = clamp(s, count, off);

	if (n <= 0)
		return n;
	return span_read(s, buf, (size_t)n, off) < 0 ? -1 : n;
}

static s64
dev_pwrite(struct ntfs_device *dev, const void *buf, s64 count, s64 off)
{
	struct hp_ntfs_span *s = span_of(dev);
	s64 n;

	if (!s->capture) {
		errno = EROFS;
		return -1;
	}
	if ((n = clamp(s, count, off)) <= 0)
		return n == 0 && count > 0 ? (errno = ENOSPC, -1) : n;
	NDevSetDirty(dev);
	return span_write(s, buf, (size_t)n, off) < 0 ? -1 : n;
}

/* The position-based calls, for the few places libntfs-3g uses them. */
static s64
dev_seek(struct ntfs_device *dev, s64 off, int whence)
{
	struct hp_ntfs_span *s = span_of(dev);
	s64 to = whence == SEEK_SET ? off : whence == SEEK_CUR ? s->pos + off :
	    whence == SEEK_END ? s->len + off : -1;

	if (to < 0) {
		errno = EINVAL;
		return -1;
	}
	return s->pos = to;
}

static s64
dev_read(struct ntfs_device *dev, void *buf, s64 count)
{
	struct hp_ntfs_span *s = span_of(dev);
	s64 r = dev_pread(dev, buf, count, s->pos);

	if (r > 0)
		s->pos += r;
	return r;
}

static s64
dev_write(struct ntfs_device *dev, const void *buf, s64 count)
{
	struct hp_ntfs_span *s = span_of(dev);
	s64 r = dev_pwrite(dev, buf, count, s->pos);

	if (r > 0)
		s->pos += r;
	return r;
}

static int
dev_open(struct ntfs_device *dev, int flags)
{
	if (NDevOpen(dev)) {
		errno = EBUSY;
		return -1;
	}
	if ((flags & O_ACCMODE) == O_RDONLY)
		NDevSetReadOnly(dev);
	else
		NDevClearReadOnly(dev);
	dev->d_heads = dev->d_sectors_per_track = -1;
	NDevSetOpen(dev);
	return 0;
}

static int
dev_close(struct ntfs_device *dev)
{
	NDevClearOpen(dev);
	NDevClearDirty(dev);
	return 0;
}

/* The image's fsync belongs to the undo file's protocol, not here. */
static int
dev_sync(struct ntfs_device *dev)
{
	(void)dev;
	return 0;
}

static int
dev_stat(struct ntfs_device *dev, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFREG | 0600;
	st->st_size = span_of(dev)->len;
	return 0;
}

static int
dev_ioctl(struct ntfs_device *dev, unsigned long request, void *argp)
{
	(void)dev;
	(void)request;
	(void)argp;
	errno = ENOTTY;
	return -1;
}

static struct ntfs_device_operations dev_ops = {
	dev_open, dev_close, dev_seek, dev_read, dev_write, dev_pread,
	dev_pwrite, dev_sync, dev_stat, dev_ioctl
};

struct ntfs_device *
hp_ntfs_device(struct hp_ntfs_span *span)
{
	struct ntfs_device *dev = ntfs_device_alloc(span->file, 0, &dev_ops,
	    span);

	if (dev == NULL)	/* its only failure */
		hp_oom(sizeof(*dev));
	span->pos = 0;
	return dev;
}
