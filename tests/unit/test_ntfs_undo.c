/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The undo protocol that puts an NTFS commit into its image
 * (image/ntfs_undo.c), on a plain file standing for the image: a commit
 * writes its blocks and leaves no undo file; a commit whose image writes
 * fail leaves the image as it was; an undo file a crash left is rolled
 * back by a writable open and read through by a read-only one.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/error.h"
#include "image/ntfs_impl.h"

#define FILE_LEN	(64 * 1024)
#define BASE		8192		/* the volume's span in the file */
#define VOL_LEN		(32 * 1024 + 100)	/* a short last block */

struct fixture {
	char		 dir[64];
	char		 image[96];
	unsigned char	 old[FILE_LEN];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	int fd;
	size_t i;

	snprintf(f->dir, sizeof(f->dir), "/tmp/test_ntfs_undo.XXXXXX");
	if (f == NULL || mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->image, sizeof(f->image), "%s/disk.img", f->dir);
	for (i = 0; i < FILE_LEN; i++)
		f->old[i] = (unsigned char)(i * 7 + i / 251);
	fd = open(f->image, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, f->old, FILE_LEN) != FILE_LEN)
		return -1;
	close(fd);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char undo[128];

	snprintf(undo, sizeof(undo), "%s.hivepol-undo", f->image);
	unlink(undo);
	unlink(f->image);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void
read_image(const struct fixture *f, unsigned char *buf)
{
	int fd = open(f->image, O_RDONLY);

	assert_true(fd >= 0);
	assert_int_equal(read(fd, buf, FILE_LEN), FILE_LEN);
	close(fd);
}

static int
undo_exists(const struct fixture *f)
{
	char undo[128];

	snprintf(undo, sizeof(undo), "%s.hivepol-undo", f->image);
	return access(undo, F_OK) == 0;
}

/*
 * A span over the fixture's image with two new blocks, the last short,
 * and one unchanged.
 */
static struct hp_ntfs_span
span_with_blocks(const struct fixture *f, int flags)
{
	struct hp_ntfs_span s = { -1, f->image, BASE, VOL_LEN, 0, NULL, 0, 0,
	    0 };
	unsigned char b[HP_NTFS_BLOCK];

	s.fd = open(f->image, flags);
	assert_true(s.fd >= 0);
	memset(b, 0xAB, sizeof(b));
	hp_ntfs_span_put(&s, 4096, b, sizeof(b));
	hp_ntfs_span_put(&s, 32768, b, sizeof(b));	/* 100 bytes long */
	/* Written with the bytes it had: left out of the undo file. */
	hp_ntfs_span_put(&s, 8192, f->old + BASE + 8192, HP_NTFS_BLOCK);
	return s;
}

static void
test_commit(void **state)
{
	struct fixture *f = *state;
	struct hp_ntfs_span s = span_with_blocks(f, O_RDWR);
	struct hp_error e = HP_ERROR_INIT;
	unsigned char now[FILE_LEN], want[FILE_LEN];

	assert_int_equal(hp_ntfs_undo_commit(&s, &e), 0);
	hp_ntfs_span_drop(&s);
	close(s.fd);
	memcpy(want, f->old, FILE_LEN);
	memset(want + BASE + 4096, 0xAB, 4096);
	memset(want + BASE + 32768, 0xAB, 100);
	read_image(f, now);
	assert_memory_equal(now, want, FILE_LEN);
	assert_false(undo_exists(f));
}

/*
 * The image opened read-only stands for a disk that refuses writes: the
 * undo file is written, the image writes fail, and so does the roll
 * back, which leaves the undo file for the next open.
 */
static void
test_failed_writes(void **state)
{
	struct fixture *f = *state;
	struct hp_ntfs_span s = span_with_blocks(f, O_RDONLY);
	struct hp_error e = HP_ERROR_INIT;
	unsigned char now[FILE_LEN];

	assert_int_equal(hp_ntfs_undo_commit(&s, &e), -1);
	assert_int_equal(e.kind, HP_E_IO);
	assert_non_null(strstr(e.msg, "rolls it back"));
	hp_ntfs_span_drop(&s);
	close(s.fd);
	read_image(f, now);
	assert_memory_equal(now, f->old, FILE_LEN);
	assert_true(undo_exists(f));
}

/*
 * A crash between the image writes and the undo file's removal; the
 * image is then opened again (flags) as a span.
 */
static struct hp_ntfs_span
crashed(struct fixture *f, int flags)
{
	struct hp_ntfs_span s = { -1, f->image, BASE, VOL_LEN, 0, NULL, 0, 0,
	    0 };
	unsigned char junk[4096 + 100];
	int fd;

	test_failed_writes((void **)&f);
	fd = open(f->image, O_WRONLY);
	memset(junk, 0x5A, sizeof(junk));
	/* The first block written, the second half written. */
	assert_int_equal(pwrite(fd, junk, 4096, BASE + 4096), 4096);
	assert_int_equal(pwrite(fd, junk, 50, BASE + 32768), 50);
	close(fd);
	s.fd = open(f->image, flags);
	assert_true(s.fd >= 0);
	return s;
}

static void
test_recover_writable(void **state)
{
	struct fixture *f = *state;
	struct hp_ntfs_span s = crashed(f, O_RDWR);
	struct hp_error e = HP_ERROR_INIT;
	unsigned char now[FILE_LEN];

	assert_int_equal(hp_ntfs_undo_recover(&s, 1, &e), 1);
	close(s.fd);
	read_image(f, now);
	assert_memory_equal(now, f->old, FILE_LEN);
	assert_false(undo_exists(f));
	assert_int_equal(s.n, 0);
	/* Nothing left: a second open has nothing to do. */
	s.fd = open(f->image, O_RDWR);
	assert_int_equal(hp_ntfs_undo_recover(&s, 1, &e), 0);
	close(s.fd);
}

static void
test_recover_read_only(void **state)
{
	struct fixture *f = *state;
	struct hp_ntfs_span s = crashed(f, O_RDONLY);
	struct hp_error e = HP_ERROR_INIT;
	unsigned char now[FILE_LEN];

	read_image(f, now);
	assert_int_equal(hp_ntfs_undo_recover(&s, 0, &e), 1);
	close(s.fd);
	assert_int_equal(s.n, 2);	/* the changed blocks' old bytes */
	assert_int_equal(s.blocks[0].off, 4096);
	assert_memory_equal(s.blocks[0].data, f->old + BASE + 4096, 4096);
	assert_int_equal(s.blocks[1].len, 100);
	hp_ntfs_span_drop(&s);
	assert_true(undo_exists(f));	/* read-only: nothing written */
	{
		unsigned char after[FILE_LEN];

		read_image(f, after);
		assert_memory_equal(now, after, FILE_LEN);
	}
}

static void
test_bad_undo(void **state)
{
	struct fixture *f = *state;
	struct hp_ntfs_span s = { -1, f->image, BASE, VOL_LEN, 0, NULL, 0, 0,
	    0 };
	struct hp_error e = HP_ERROR_INIT;
	/*
	 * Cut short (read-only open); a record past the image's end, at
	 * 1 TiB, which a roll back would otherwise write (writable open).
	 */
	static const char *const bad[] = {
		"HPNTFSU2\x05\0\0\0\0\0\0\0\0\0\x01\0\0\0\0\0short",
		"HPNTFSU2\x01\0\0\0\0\0\0\0\0\0\x01\0\0\0\0\0"
		    "\0\0\0\0\0\x01\0\0\x04\0\0\0abcd",
	};
	static const size_t len[] = { 29, 40 };
	char undo[128];
	size_t i;
	FILE *u;

	snprintf(undo, sizeof(undo), "%s.hivepol-undo", f->image);
	for (i = 0; i < 2; i++) {
		u = fopen(undo, "w");
		assert_non_null(u);
		assert_int_equal(fwrite(bad[i], 1, len[i], u), len[i]);
		fclose(u);
		s.fd = open(f->image, O_RDWR);
		assert_int_equal(hp_ntfs_undo_recover(&s, i, &e), -1);
		assert_non_null(strstr(e.msg, "cut short or malformed"));
		hp_ntfs_span_drop(&s);
		close(s.fd);
	}
	{
		unsigned char now[FILE_LEN];
		struct stat st;

		read_image(f, now);
		assert_memory_equal(now, f->old, FILE_LEN);
		assert_int_equal(stat(f->image, &st), 0);
		assert_int_equal(st.st_size, FILE_LEN);
	}
}

/* The undo file a crash left, read whole. */
static size_t
read_undo(const struct fixture *f, unsigned char *buf, size_t max)
{
	char undo[128];
	FILE *u;
	size_t n;

	snprintf(undo, sizeof(undo), "%s.hivepol-undo", f->image);
	u = fopen(undo, "rb");
	assert_non_null(u);
	n = fread(buf, 1, max, u);
	fclose(u);
	return n;
}

static void
write_undo(const struct fixture *f, const unsigned char *buf, size_t len)
{
	char undo[128];
	FILE *u;

	snprintf(undo, sizeof(undo), "%s.hivepol-undo", f->image);
	u = fopen(undo, "wb");
	assert_non_null(u);
	assert_int_equal(fwrite(buf, 1, len, u), len);
	fclose(u);
}

/*
 * An undo file that does not belong to the image as it is now: cut
 * short after its first record, one byte of old data changed, or the
 * image replaced by another of a different size.  Each is refused
 * before anything is written, by a writable open and a read-only one.
 */
static void
test_undo_checked(void **state)
{
	struct fixture *f = *state;
	struct hp_ntfs_span s = crashed(f, O_RDWR);
	struct hp_error e = HP_ERROR_INIT;
	static unsigned char good[2 * FILE_LEN], bad[2 * FILE_LEN];
	unsigned char before[FILE_LEN], now[FILE_LEN];
	size_t len, i;
	int fd, rw;

	close(s.fd);
	len = read_undo(f, good, sizeof(good));
	assert_true(len > 4096 + 100);
	read_image(f, before);
	for (i = 0; i < 3; i++) {
		for (rw = 0; rw < 2; rw++) {
			memcpy(bad, good, len);
			if (i == 0)
				write_undo(f, bad, len - 60);
			else if (i == 1) {
				bad[len - 40] ^= 1;
				write_undo(f, bad, len);
			} else
				write_undo(f, bad, len);
			fd = open(f->image, O_RDWR);
			assert_true(fd >= 0);
			assert_int_equal(ftruncate(fd, i == 2 ? FILE_LEN + 4096 :
			    FILE_LEN), 0);
			close(fd);
			s.fd = open(f->image, rw ? O_RDWR : O_RDONLY);
			assert_int_equal(hp_ntfs_undo_recover(&s, rw, &e), -1);
			assert_int_equal(e.kind, HP_E_INPUT);
			hp_ntfs_span_drop(&s);
			close(s.fd);
			read_image(f, now);
			assert_memory_equal(now, before, FILE_LEN);
			assert_true(undo_exists(f));
		}
	}
}

/*
 * The undo file lies beside one name of the image: opened for writing by
 * another name (a hard link), the crash would go unseen and be written
 * over, and the undo file later roll back the newer update.  Refused.
 */
static void
test_hard_link(void **state)
{
	struct fixture *f = *state;
	struct hp_ntfs_span s = crashed(f, O_RDONLY);
	struct hp_error e = HP_ERROR_INIT;
	unsigned char before[FILE_LEN], now[FILE_LEN];
	char other[128];

	close(s.fd);
	read_image(f, before);
	snprintf(other, sizeof(other), "%s/other.img", f->dir);
	assert_int_equal(link(f->image, other), 0);
	s.file = other;
	s.fd = open(other, O_RDWR);
	assert_int_equal(hp_ntfs_undo_recover(&s, 1, &e), -1);
	assert_int_equal(e.kind, HP_E_INPUT);
	assert_non_null(strstr(e.msg, "hard links"));
	close(s.fd);
	unlink(other);
	read_image(f, now);
	assert_memory_equal(now, before, FILE_LEN);
	assert_true(undo_exists(f));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_writes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_recover_writable, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_recover_read_only, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bad_undo, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_undo_checked, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_hard_link, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
