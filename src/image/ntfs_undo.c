/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libntfs-3g writes in place and keeps no journal of its own (it resets
 * $LogFile on mount), so a commit's writes are held in memory
 * (ntfs_dev.c) and put into the image here, under an undo file:
 *
 *   1. IMAGE.hivepol-undo gets the old bytes of every block about to
 *      change (blocks written with the bytes they had are dropped),
 *      through a transaction (fsynced, renamed in, folder fsynced);
 *   2. the blocks are written into the image, which is fsynced;
 *   3. the undo file is removed (the folder fsynced): the commit point.
 *
 * A failure in 2 or 3 writes the old bytes back; a crash leaves the undo
 * file, and the next hivepol that opens the image rolls it back.  Undo
 * file: "HPNTFSU2", the record count (le64), the image file's size
 * (le64), then per record the offset in the image file (le64), a length
 * (le32, at most HP_NTFS_BLOCK) and the old bytes, and last the 64-bit
 * FNV-1a of all that (le64).  A roll back checks the whole file (the
 * image's size, every record, the hash) before it writes a byte: a cut
 * or damaged undo file, or one beside another image, is refused.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/le.h"
#include "core/txn.h"
#include "image/ntfs_impl.h"

#define MAGIC		"HPNTFSU2"
#define HEAD_LEN	24
#define SUM_LEN		8
#define FNV_BASIS	0xcbf29ce484222325ULL
#define REC_LEN		12

/*
 * The undo file beside an image, "IMAGE.hivepol-undo": beside the image
 * itself, whatever link or name it was opened by.
 */
static char *
undo_path(const char *file)
{
	char *real = realpath(file, NULL);
	char *path = hp_strfmt("%s.hivepol-undo", real != NULL ? real : file);

	free(real);
	return path;
}

static int
write_at(int fd, const char *file, const void *data, size_t len, off_t off,
    struct hp_error *e)
{
	if (lseek(fd, off, SEEK_SET) < 0)
		return hp_error_errno(e, HP_E_IO, "%s: seeking to %lld", file,
		    (long long)off);
	return hp_txn_write_fd(fd, data, len, file, e);
}

/* Step 1: the old bytes of every block of span, in an undo file. */
static int
save_undo(const struct hp_ntfs_span *s, const char *path, struct hp_error *e)
{
	unsigned char head[HEAD_LEN], rec[REC_LEN + HP_NTFS_BLOCK];
	struct hp_txn *t = NULL;
	struct hp_txn_file *f;
	struct stat st;
	uint64_t h;
	size_t i;
	int r = -1;

	if (fstat(s->fd, &st) < 0)
		return hp_error_errno(e, HP_E_IO, "%s", s->file);
	memcpy(head, MAGIC, 8);
	hp_le64_put(head + 8, s->n);
	hp_le64_put(head + 16, (uint64_t)st.st_size);
	h = hp_hash_fnv1a64(head, sizeof(head), FNV_BASIS);
	if (hp_txn_begin(&t, e) < 0 || hp_txn_stage(t, path, &f, e) < 0 ||
	    hp_txn_write(f, head, sizeof(head), e) < 0)
		goto out;
	for (i = 0; i < s->n; i++) {
		const struct hp_ntfs_block *b = &s->blocks[i];

		hp_le64_put(rec, (uint64_t)(s->base + b->off));
		hp_le32_put(rec + 8, (uint32_t)b->len);
		if (hp_ntfs_pread(s->fd, rec + REC_LEN, b->len,
		    s->base + b->off) < 0) {
			hp_error_errno(e, HP_E_IO, "%s: reading at %lld",
			    s->file, (long long)(s->base + b->off));
			goto out;
		}
		h = hp_hash_fnv1a64(rec, REC_LEN + b->len, h);
		if (hp_txn_write(f, rec, REC_LEN + b->len, e) < 0)
			goto out;
	}
	hp_le64_put(rec, h);
	if (hp_txn_write(f, rec, SUM_LEN, e) < 0)
		goto out;
	r = hp_txn_commit(t, NULL, e);
out:
	hp_txn_free(t);
	return r;
}

/*
 * Drops the blocks whose new bytes are the old ones (a hive rewritten
 * whole is mostly unchanged), so neither the undo file nor the image
 * write carries them.
 */
static int
drop_unchanged(struct hp_ntfs_span *s, struct hp_error *e)
{
	unsigned char old[HP_NTFS_BLOCK];
	size_t i, kept = 0;

	for (i = 0; i < s->n; i++) {
		struct hp_ntfs_block *b = &s->blocks[i];

		if (hp_ntfs_pread(s->fd, old, b->len, s->base + b->off) < 0)
			return hp_error_errno(e, HP_E_IO, "%s: reading at %lld",
			    s->file, (long long)(s->base + b->off));
		if (memcmp(old, b->data, b->len) == 0)
			free(b->data);
		else
			s->blocks[kept++] = *b;
	}
	s->n = kept;
	return 0;
}

/* Step 2: span's blocks into the image, fsynced. */
static int
write_blocks(const struct hp_ntfs_span *s, struct hp_error *e)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (write_at(s->fd, s->file, s->blocks[i].data,
		    s->blocks[i].len, s->base + s->blocks[i].off, e) < 0)
			return -1;
	if (hp_txn_fsync_fd(s->fd, s->file, e) < 0)
		return -1;
	return 0;
}

static int
remove_undo(const char *path, struct hp_error *e)
{
	struct hp_txn *t = NULL;
	int r;

	r = hp_txn_begin(&t, e) < 0 || hp_txn_remove(t, path, e) < 0 ? -1 :
	    hp_txn_commit(t, NULL, e);
	hp_txn_free(t);
	return r;
}

typedef int (*record_fn)(void *arg, off_t off, const unsigned char *data,
    size_t len, struct hp_error *e);

/*
 * Reads the n records of the undo file fd, each inside an image file of
 * size bytes, calling fn (if not NULL) on each: the offset, the bytes
 * and their length.  *h goes from the header's hash to the records'
 * too, *at from the first record to past the last.
 */
static int
walk(int fd, const char *path, uint64_t n, uint64_t size, record_fn fn,
    void *arg, uint64_t *h, off_t *at, struct hp_error *e)
{
	unsigned char rec[REC_LEN + HP_NTFS_BLOCK];
	uint64_t i;

	for (i = 0; i < n; i++) {
		uint32_t len;

		if (hp_ntfs_pread(fd, rec, REC_LEN, *at) < 0 ||
		    (len = hp_le32(rec + 8)) > HP_NTFS_BLOCK ||
		    hp_le64(rec) > size || len > size - hp_le64(rec) ||
		    hp_ntfs_pread(fd, rec + REC_LEN, len, *at + REC_LEN) < 0)
			return hp_error_set(e, HP_E_INPUT, "%s: record %llu at "
			    "offset %lld is cut short or malformed", path,
			    (unsigned long long)i, (long long)*at);
		*h = hp_hash_fnv1a64(rec, REC_LEN + len, *h);
		if (fn != NULL && fn(arg, (off_t)hp_le64(rec), rec + REC_LEN,
		    len, e) < 0)
			return -1;
		*at += REC_LEN + len;
	}
	return 0;
}

/*
 * Calls fn for each record of the undo file at path, once the whole file
 * is known good: made for an image file of s's size, every record inside
 * it, the hash matching and nothing after it.
 */
static int
each_record(const struct hp_ntfs_span *s, const char *path, record_fn fn,
    void *arg, struct hp_error *e)
{
	unsigned char head[HEAD_LEN], sum[SUM_LEN];
	struct stat st, ust;
	uint64_t h = 0, size;
	off_t at = HEAD_LEN;
	int fd, r = -1;

	if (fstat(s->fd, &st) < 0)
		return hp_error_errno(e, HP_E_IO, "%s", s->file);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return hp_error_errno(e, HP_E_IO, "%s", path);
	if (hp_ntfs_pread(fd, head, sizeof(head), 0) < 0 ||
	    memcmp(head, MAGIC, 8) != 0) {
		hp_error_set(e, HP_E_INPUT, "%s: not an undo file of hivepol; "
		    "it holds the old bytes of an interrupted update", path);
		goto out;
	}
	if ((size = hp_le64(head + 16)) != (uint64_t)st.st_size) {
		hp_error_set(e, HP_E_INPUT, "%s: made for an image file of %llu "
		    "bytes, but %s has %lld: not the image it was made for",
		    path, (unsigned long long)size, s->file,
		    (long long)st.st_size);
		goto out;
	}
	h = hp_hash_fnv1a64(head, sizeof(head), FNV_BASIS);
	if (walk(fd, path, hp_le64(head + 8), size, NULL, NULL, &h, &at,
	    e) < 0)
		goto out;
	if (hp_ntfs_pread(fd, sum, SUM_LEN, at) < 0 || hp_le64(sum) != h ||
	    fstat(fd, &ust) < 0 || ust.st_size != at + SUM_LEN) {
		hp_error_set(e, HP_E_INPUT, "%s: cut short or damaged (its "
		    "checksum does not match)", path);
		goto out;
	}
	at = HEAD_LEN;
	r = walk(fd, path, hp_le64(head + 8), size, fn, arg, &h, &at, e);
out:
	close(fd);
	return r;
}

static int
restore_record(void *arg, off_t off, const unsigned char *data, size_t len,
    struct hp_error *e)
{
	const struct hp_ntfs_span *s = arg;

	return write_at(s->fd, s->file, data, len, off, e);
}

static int
overlay_record(void *arg, off_t off, const unsigned char *data, size_t len,
    struct hp_error *e)
{
	struct hp_ntfs_span *s = arg;
	off_t rel = off - s->base;

	(void)e;
	if (rel >= 0 && rel < s->len && rel % HP_NTFS_BLOCK == 0)
		hp_ntfs_span_put(s, rel, data, len);
	return 0;
}

/* Writes the undo file's old bytes back, fsyncs, removes it. */
static int
roll_back(struct hp_ntfs_span *s, const char *path, struct hp_error *e)
{
	if (each_record(s, path, restore_record, s, e) < 0 ||
	    hp_txn_fsync_fd(s->fd, s->file, e) < 0 ||
	    remove_undo(path, e) < 0) {
		hp_error_prefix(e, "%s: rolling back an update from %s",
		    s->file, path);
		return -1;
	}
	return 0;
}

int
hp_ntfs_undo_commit(struct hp_ntfs_span *s, struct hp_error *e)
{
	char *path = undo_path(s->file);
	struct hp_error e1, e2 = HP_ERROR_INIT;
	int r = -1;

	if (drop_unchanged(s, e) < 0 || save_undo(s, path, e) < 0) {
		hp_error_prefix(e, "nothing was changed");
		goto out;
	}
	if (write_blocks(s, e) == 0 && remove_undo(path, e) == 0) {
		r = 0;
		goto out;
	}
	if (access(path, F_OK) < 0 && errno == ENOENT) {
		/* Removed: written, but a crash could still roll it back. */
		hp_error_prefix(e, "%s was written, but removing %s may not "
		    "last", s->file, path);
		goto out;
	}
	e1 = *e;	/* vsnprintf may not read the buffer it writes */
	if (roll_back(s, path, &e2) < 0)
		hp_error_set(e, e2.kind, "%s (%s; the next hivepol that opens "
		    "%s rolls it back)", e1.msg, e2.msg, s->file);
	else
		hp_error_prefix(e, "nothing was changed");
out:
	free(path);
	return r;
}

int
hp_ntfs_undo_recover(struct hp_ntfs_span *s, int writable, struct hp_error *e)
{
	char *path;
	struct stat st;
	int r;

	/* Its undo file lies beside one name only: another would miss it. */
	if (writable && fstat(s->fd, &st) < 0)
		return hp_error_errno(e, HP_E_IO, "%s", s->file);
	if (writable && st.st_nlink > 1)
		return hp_error_set(e, HP_E_INPUT, "%s has %lu hard links: an "
		    "interrupted update's undo file lies beside one of its "
		    "names only, so it is not written (write a copy of it)",
		    s->file, (unsigned long)st.st_nlink);
	path = undo_path(s->file);
	if (lstat(path, &st) < 0) {
		r = errno == ENOENT ? 0 :
		    hp_error_errno(e, HP_E_IO, "%s", path);
		free(path);
		return r;
	}
	r = writable ? roll_back(s, path, e) :
	    each_record(s, path, overlay_record, s, e);
	free(path);
	return r < 0 ? -1 : 1;
}
