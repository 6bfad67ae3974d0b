/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Inside the NTFS backend: a volume read through libntfs-3g from a span
 * of an image file (ntfs_dev.c), writes held in memory until they are
 * complete (the overlay), and the undo file that makes putting them into
 * the image all or nothing (ntfs_undo.c).
 */
#ifndef HP_NTFS_IMPL_H
#define HP_NTFS_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct hp_error;
struct ntfs_device;
struct _ntfs_attr;	/* libntfs-3g's ntfs_attr */

#define HP_NTFS_BLOCK	4096

/* One block of the volume as it will be, at off from its start. */
struct hp_ntfs_block {
	off_t		 off;
	size_t		 len;
	unsigned char	*data;
};

struct hp_ntfs_span {
	int			 fd;		/* the image, locked */
	const char		*file;
	off_t			 base, len;	/* the volume in the file */
	off_t			 pos;		/* the device's seek position */
	/*
	 * Blocks that read from here rather than from the file, sorted by
	 * off: what a commit wrote, or what an undo file restores.
	 */
	struct hp_ntfs_block	*blocks;
	size_t			 n, cap;
	int			 capture;	/* writes go to blocks */
};

/* A libntfs-3g device on span (which outlives it); ntfs_umount frees it. */
struct ntfs_device *hp_ntfs_device(struct hp_ntfs_span *span);
void	hp_ntfs_span_drop(struct hp_ntfs_span *span);
/* Sets block off (a multiple of HP_NTFS_BLOCK) to data, len bytes. */
void	hp_ntfs_span_put(struct hp_ntfs_span *span, off_t off,
	    const unsigned char *data, size_t len);

/*
 * Writes all len bytes of buf at pos into na.  libntfs-3g returns the
 * count done when it stops midway, with errno left as it was: the rest
 * is retried, so a failure reports its own errno, and a call that writes
 * nothing without one is "a short write" (HP_E_IO, what names the file).
 */
int	hp_ntfs_attr_put(struct _ntfs_attr *na, int64_t pos, const void *buf,
	    int64_t len, const char *what, struct hp_error *e);

/* All len bytes at off, or -1 with errno (EIO at the file's end). */
int	hp_ntfs_pread(int fd, void *buf, size_t len, off_t off);

/*
 * Puts span's blocks into the image, all or nothing: the old contents
 * go to the undo file first (fsynced), then the blocks are written and
 * fsynced, and removing the undo file is the commit.  A failure rolls
 * the image back (the error then starts "nothing was changed"); a crash
 * leaves the undo file for hp_ntfs_undo_recover.
 */
int	hp_ntfs_undo_commit(struct hp_ntfs_span *span, struct hp_error *e);
/*
 * An undo file left by an interrupted commit: writable, the image is
 * rolled back and the file removed; read-only, its blocks go into span
 * so reads see the image as it was.  0 when there is none.  Writable
 * refuses an image with several hard links (the undo file lies beside
 * one name only).
 */
int	hp_ntfs_undo_recover(struct hp_ntfs_span *span, int writable,
	    struct hp_error *e);

#endif
