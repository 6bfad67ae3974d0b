/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Disk images as disk.c reads them, built byte by byte here: bare NTFS
 * volumes, MBR and GPT disks (by type, by pN, recovery partitions left
 * out), fixed VHDs, and the refused formats with their one line.
 * tests/cli/image-ntfs.t.sh does the same with sfdisk and qemu-img.
 */
#include <sys/stat.h>

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
#include "core/le.h"
#include "image/disk.h"

#define MB	(1024 * 1024)

static const unsigned char basic_data[16] = {
	0xa2, 0xa0, 0xd0, 0xeb, 0xe5, 0xb9, 0x33, 0x44,
	0x87, 0xc0, 0x68, 0xb6, 0xb7, 0x26, 0x99, 0xc7
};
static const unsigned char recovery[16] = {	/* DE94BBA4-06D1-... */
	0xa4, 0xbb, 0x94, 0xde, 0xd1, 0x06, 0x40, 0x4d,
	0xa1, 0x6a, 0xbf, 0xd5, 0x01, 0x79, 0xd6, 0xac
};

struct img {
	unsigned char	*b;
	size_t		 len;
};

static struct img
img_new(size_t len)
{
	struct img m = { calloc(1, len), len };

	assert_non_null(m.b);
	return m;
}

static void
ntfs_at(struct img *m, size_t off)
{
	memcpy(m->b + off + 3, "NTFS    ", 8);
}

static void
mbr_entry(struct img *m, int i, int type, uint32_t lba, uint32_t count)
{
	unsigned char *p = m->b + 446 + 16 * i;

	p[4] = (unsigned char)type;
	hp_le32_put(p + 8, lba);
	hp_le32_put(p + 12, count);
	m->b[510] = 0x55;
	m->b[511] = 0xaa;
}

/* A GPT with its entries at LBA 2; protective MBR included. */
static void
gpt_entry(struct img *m, int i, const unsigned char *type, uint64_t first,
    uint64_t last)
{
	unsigned char *h = m->b + 512, *p = m->b + 1024 + 128 * i;

	mbr_entry(m, 0, 0xee, 1, (uint32_t)(m->len / 512 - 1));
	memcpy(h, "EFI PART", 8);
	hp_le64_put(h + 72, 2);
	hp_le32_put(h + 80, 128);
	hp_le32_put(h + 84, 128);
	memcpy(p, type, 16);
	p[16] = (unsigned char)(i + 1);	/* a unique GUID, non-zero */
	hp_le64_put(p + 32, first);
	hp_le64_put(p + 40, last);
}

/* Appends a VHD footer of disk type t (2 fixed, 3 dynamic). */
static void
vhd_footer(struct img *m, uint32_t t)
{
	unsigned char *f;

	m->b = realloc(m->b, m->len + 512);
	assert_non_null(m->b);
	f = m->b + m->len;
	memset(f, 0, 512);
	memcpy(f, "conectix", 8);
	hp_be32_put(f + 60, t);
	m->len += 512;
}

/* Writes m to a file and probes it; the file is removed. */
static int
probe(struct img *m, const char *sel, struct hp_disk_part **parts, size_t *n,
    struct hp_error *e)
{
	char path[] = "/tmp/test_disk.XXXXXX";
	int fd = mkstemp(path), r;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, m->b, m->len), (ssize_t)m->len);
	r = hp_disk_probe(fd, path, sel, parts, n, e);
	close(fd);
	unlink(path);
	free(m->b);
	return r;
}

/* m (freed) has exactly one part, pN index at off, len bytes long. */
static void
expect_part(struct img *m, const char *sel, int index, off_t off, off_t len)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_disk_part *p;
	size_t n;

	assert_int_equal(probe(m, sel, &p, &n, &e), 1);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].index, index);
	assert_int_equal(p[0].offset, off);
	assert_int_equal(p[0].length, len);
	free(p);
}

/* m (freed) is refused with an error of kind saying text. */
static void
expect_error(struct img *m, const char *sel, enum hp_error_kind kind,
    const char *text)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_disk_part *p;
	size_t n;

	assert_int_equal(probe(m, sel, &p, &n, &e), -1);
	assert_null(p);
	assert_int_equal(e.kind, kind);
	if (strstr(e.msg, text) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", e.msg, text);
}

static void
test_volume(void **state)
{
	struct img m = img_new(MB);

	(void)state;
	ntfs_at(&m, 0);
	expect_part(&m, NULL, 0, 0, MB);
	m = img_new(MB);
	ntfs_at(&m, 0);
	expect_error(&m, "p1", HP_E_USAGE, "is an NTFS volume, not a "
	    "partitioned disk: drop ':p1'");
}

static void
test_mbr(void **state)
{
	struct img m = img_new(4 * MB);

	(void)state;
	mbr_entry(&m, 0, 0x27, 2048, 1024);	/* hidden recovery, NTFS */
	ntfs_at(&m, 2048 * 512);
	mbr_entry(&m, 1, 0x07, 4096, 2048);
	ntfs_at(&m, 4096 * 512);
	expect_part(&m, NULL, 2, 4096 * 512, 2048 * 512);

	m = img_new(4 * MB);
	mbr_entry(&m, 0, 0x27, 2048, 1024);
	ntfs_at(&m, 2048 * 512);
	expect_part(&m, "p1", 1, 2048 * 512, 1024 * 512);

	/* No data partition: any NTFS one; none: an error. */
	m = img_new(4 * MB);
	mbr_entry(&m, 0, 0x27, 2048, 1024);
	ntfs_at(&m, 2048 * 512);
	expect_part(&m, NULL, 1, 2048 * 512, 1024 * 512);
	m = img_new(4 * MB);
	mbr_entry(&m, 0, 0x07, 2048, 1024);	/* type says NTFS, data not */
	expect_error(&m, NULL, HP_E_INPUT, "no partition of its partition "
	    "table holds an NTFS volume");
}

static void
test_mbr_bounds(void **state)
{
	struct img m = img_new(2 * MB);
	struct hp_error e = HP_ERROR_INIT;
	struct hp_disk_part *p;
	size_t n;

	(void)state;
	mbr_entry(&m, 0, 0x07, 2048, 1u << 30);	/* past the file's end */
	ntfs_at(&m, 2048 * 512);
	expect_error(&m, NULL, HP_E_INPUT, "holds an NTFS volume");
	m = img_new(2 * MB);
	mbr_entry(&m, 0, 0x07, 2048, 1024);
	ntfs_at(&m, 2048 * 512);
	expect_error(&m, "p4", HP_E_INPUT, "partition 4 is absent");
	m = img_new(2 * MB);
	mbr_entry(&m, 0, 0x07, 2048, 1024);
	expect_error(&m, "p0", HP_E_USAGE, "'p0' is not a partition");
	m = img_new(2 * MB);
	assert_int_equal(probe(&m, NULL, &p, &n, &e), 0);	/* not a disk */
	assert_int_equal(n, 0);
}

static void
test_gpt(void **state)
{
	struct img m = img_new(8 * MB);
	struct hp_error e = HP_ERROR_INIT;
	struct hp_disk_part *p;
	size_t n;

	(void)state;
	gpt_entry(&m, 0, recovery, 2048, 4095);
	ntfs_at(&m, 2048 * 512);
	gpt_entry(&m, 1, basic_data, 4096, 12287);
	ntfs_at(&m, 4096 * 512);
	expect_part(&m, NULL, 2, 4096 * 512, 8192 * 512);

	/* Two data partitions: both, for the caller to look inside. */
	m = img_new(8 * MB);
	gpt_entry(&m, 0, basic_data, 2048, 4095);
	ntfs_at(&m, 2048 * 512);
	gpt_entry(&m, 1, basic_data, 4096, 12287);
	ntfs_at(&m, 4096 * 512);
	assert_int_equal(probe(&m, NULL, &p, &n, &e), 1);
	assert_int_equal(n, 2);
	free(p);

	m = img_new(8 * MB);
	gpt_entry(&m, 0, basic_data, 2048, 4095);
	hp_le32_put(m.b + 512 + 80, 1u << 20);	/* a million entries */
	expect_error(&m, NULL, HP_E_INPUT, "is not a partition table");
}

/* A 4Kn disk: the GPT header at 4096, its entries at LBA 2 (8192). */
static void
test_gpt_4k(void **state)
{
	struct img m = img_new(8 * MB);
	unsigned char *h = m.b + 4096, *ent = m.b + 8192;

	(void)state;
	mbr_entry(&m, 0, 0xee, 1, (uint32_t)(m.len / 4096 - 1));
	memcpy(h, "EFI PART", 8);
	hp_le64_put(h + 72, 2);
	hp_le32_put(h + 80, 128);
	hp_le32_put(h + 84, 128);
	memcpy(ent, basic_data, 16);
	ent[16] = 1;
	hp_le64_put(ent + 32, 256);	/* 1 MiB */
	hp_le64_put(ent + 40, 1023);
	ntfs_at(&m, 256 * 4096);
	expect_part(&m, NULL, 1, MB, 3 * MB);
}

static void
test_vhd(void **state)
{
	struct img m = img_new(4 * MB);

	(void)state;
	mbr_entry(&m, 0, 0x07, 2048, 6144);	/* to the disk's end */
	ntfs_at(&m, 2048 * 512);
	vhd_footer(&m, 2);
	expect_part(&m, NULL, 1, 2048 * 512, 6144 * 512);

	m = img_new(4 * MB);
	ntfs_at(&m, 0);
	vhd_footer(&m, 2);
	expect_part(&m, NULL, 0, 0, 4 * MB);	/* the footer left out */

	m = img_new(4 * MB);
	vhd_footer(&m, 3);
	memcpy(m.b, m.b + m.len - 512, 512);	/* the dynamic VHD's copy */
	expect_error(&m, NULL, HP_E_INPUT, "a dynamic or differencing VHD is "
	    "not read; convert it to a raw disk first: qemu-img convert -O "
	    "raw");
	m = img_new(4 * MB);
	ntfs_at(&m, 0);
	vhd_footer(&m, 4);
	expect_error(&m, NULL, HP_E_INPUT, "differencing VHD");
}

static void
test_refused(void **state)
{
	static const struct {
		const char	*magic;
		size_t		 off, len;
		const char	*says;
	} kinds[] = {
		{ "vhdxfile", 0, 8, "a VHDX image" },
		{ "QFI\xfb", 0, 4, "a qcow2 image" },
		{ "KDMV", 0, 4, "a VMDK image" },
		{ "# Disk DescriptorFile", 0, 21, "a VMDK image" },
		{ "\x7f\x10\xda\xbe", 64, 4, "a VirtualBox VDI image" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		struct img m = img_new(MB);
		char want[160];

		memcpy(m.b + kinds[i].off, kinds[i].magic, kinds[i].len);
		snprintf(want, sizeof(want), "%s is not read; convert it to a "
		    "raw disk first: qemu-img convert -O raw", kinds[i].says);
		expect_error(&m, NULL, HP_E_INPUT, want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_volume),
		cmocka_unit_test(test_mbr),
		cmocka_unit_test(test_mbr_bounds),
		cmocka_unit_test(test_gpt),
		cmocka_unit_test(test_gpt_4k),
		cmocka_unit_test(test_vhd),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
