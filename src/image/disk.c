/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/le.h"
#include "image/disk.h"

#define SECTOR		512
#define GPT_MAX_ENTRIES	1024	/* 128 is the norm */
#define GPT_READ_BLOCK	16384	/* bytes of the entry array read at once */

/* A partition entry as the table gives it, before the NTFS check. */
struct slot {
	int		index;
	uint64_t	start, len;	/* bytes, from the disk's start */
	int		data;		/* a Windows data type (not recovery) */
};

struct table {
	struct slot	*slots;
	size_t		 n, cap;
};

static const unsigned char gpt_basic_data[16] = {	/* EBD0A0A2-B9E5-... */
	0xa2, 0xa0, 0xd0, 0xeb, 0xe5, 0xb9, 0x33, 0x44,
	0x87, 0xc0, 0x68, 0xb6, 0xb7, 0x26, 0x99, 0xc7
};

/* Reads up to len bytes at off; a short file leaves zeros. */
static int
read_at(int fd, const char *file, void *buf, size_t len, off_t off,
    struct hp_error *e)
{
	size_t got = 0;

	memset(buf, 0, len);
	while (got < len) {
		ssize_t r = pread(fd, (char *)buf + got, len - got,
		    off + (off_t)got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return hp_error_errno(e, HP_E_IO, "%s: reading at %lld",
			    file, (long long)(off + (off_t)got));
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return 0;
}

static int
convert_first(struct hp_error *e, const char *file, const char *what)
{
	return hp_error_set(e, HP_E_INPUT, "%s: %s is not read; convert it to "
	    "a raw disk first: qemu-img convert -O raw %s %s.raw",
	    file, what, file, file);
}

/* The formats refused by their leading bytes, or NULL. */
static const char *
refused_magic(const unsigned char *head)
{
	if (memcmp(head, "vhdxfile", 8) == 0)
		return "a VHDX image";
	if (memcmp(head, "QFI\xfb", 4) == 0)
		return "a qcow2 image";
	if (memcmp(head, "KDMV", 4) == 0 ||
	    memcmp(head, "# Disk DescriptorFile", 21) == 0)
		return "a VMDK image";
	if (hp_le32(head + 64) == 0xbeda107f)
		return "a VirtualBox VDI image";
	if (memcmp(head, "conectix", 8) == 0)
		return "a dynamic or differencing VHD";
	return NULL;
}

/*
 * The span of raw disk in the file: all of it, or all but a fixed VHD's
 * footer.  Refused formats are errors.
 */
static int
disk_span(int fd, const char *file, off_t *len, struct hp_error *e)
{
	unsigned char head[SECTOR], foot[SECTOR];
	const char *what;
	struct stat st;

	if (fstat(fd, &st) < 0)
		return hp_error_errno(e, HP_E_IO, "%s", file);
	if (read_at(fd, file, head, sizeof(head), 0, e) < 0)
		return -1;
	if ((what = refused_magic(head)) != NULL)
		return convert_first(e, file, what);
	*len = st.st_size;
	if (st.st_size < 2 * SECTOR || st.st_size % SECTOR != 0)
		return 0;
	if (read_at(fd, file, foot, sizeof(foot), st.st_size - SECTOR, e) < 0)
		return -1;
	if (memcmp(foot, "conectix", 8) != 0)
		return 0;
	if (hp_be32(foot + 60) != 2)	/* 3 dynamic, 4 differencing */
		return convert_first(e, file, "a dynamic or differencing VHD");
	*len = st.st_size - SECTOR;
	return 0;
}

static int
is_ntfs_boot(int fd, const char *file, off_t off, struct hp_error *e)
{
	unsigned char boot[16];

	if (read_at(fd, file, boot, sizeof(boot), off, e) < 0)
		return -1;
	return memcmp(boot + 3, "NTFS    ", 8) == 0;
}

static void
add_slot(struct table *t, int index, uint64_t start, uint64_t len, int data)
{
	HP_ALLOC_GROW(t->slots, t->n + 1, t->cap);
	t->slots[t->n++] = (struct slot){ index, start, len, data };
}

/* Adds the used entries of one block of a GPT's entry array. */
static void
add_gpt_entries(const unsigned char *ent, uint32_t n, uint32_t size,
    uint32_t first_index, unsigned ss, struct table *t)
{
	static const unsigned char zero[16];
	uint64_t first, last;
	uint32_t i;

	for (i = 0; i < n; i++, ent += size) {
		if (memcmp(ent, zero, 16) == 0)
			continue;
		first = hp_le64(ent + 32);
		last = hp_le64(ent + 40);
		if (last < first || last > (uint64_t)INT64_MAX / ss - 1)
			continue;
		add_slot(t, (int)(first_index + i) + 1, first * ss,
		    (last - first + 1) * ss,
		    memcmp(ent, gpt_basic_data, 16) == 0);
	}
}

/*
 * Reads the GPT whose header is at sector 1 of size ss, if any.  The entry
 * array is read a block at a time, not an entry at a time: 128 reads for a
 * disk's one table were most of a probe's cost.
 */
static int
read_gpt(int fd, const char *file, unsigned ss, struct table *t,
    struct hp_error *e)
{
	unsigned char hdr[92], block[GPT_READ_BLOCK];
	uint64_t lba;
	uint32_t count, size, i, n;

	if (read_at(fd, file, hdr, sizeof(hdr), ss, e) < 0)
		return -1;
	if (memcmp(hdr, "EFI PART", 8) != 0)
		return 0;
	lba = hp_le64(hdr + 72);
	count = hp_le32(hdr + 80);
	size = hp_le32(hdr + 84);
	if (count > GPT_MAX_ENTRIES || size < 128 || size > 4096 ||
	    lba > (uint64_t)INT64_MAX / ss / 2)
		return hp_error_set(e, HP_E_INPUT, "%s: GPT header at offset "
		    "%u: %u entries of %u bytes is not a partition table",
		    file, ss, count, size);
	for (i = 0; i < count; i += n) {
		n = count - i < GPT_READ_BLOCK / size ?
		    count - i : GPT_READ_BLOCK / size;
		if (read_at(fd, file, block, (size_t)n * size,
		    (off_t)(lba * ss + (uint64_t)i * size), e) < 0)
			return -1;
		add_gpt_entries(block, n, size, i, ss, t);
	}
	return 1;
}

/* The primary partitions of an MBR; GPT behind a protective 0xEE. */
static int
read_table(int fd, const char *file, struct table *t, struct hp_error *e)
{
	unsigned char mbr[SECTOR];
	int i, r;

	if (read_at(fd, file, mbr, sizeof(mbr), 0, e) < 0)
		return -1;
	if (mbr[510] != 0x55 || mbr[511] != 0xaa)
		return 0;
	for (i = 0; i < 4; i++) {
		const unsigned char *p = mbr + 446 + 16 * i;

		if (p[4] != 0xee)
			continue;
		if ((r = read_gpt(fd, file, SECTOR, t, e)) != 0)
			return r;
		return read_gpt(fd, file, 4096, t, e);
	}
	for (i = 0; i < 4; i++) {
		const unsigned char *p = mbr + 446 + 16 * i;

		if (p[4] == 0 || hp_le32(p + 12) == 0)
			continue;
		add_slot(t, i + 1, (uint64_t)hp_le32(p + 8) * SECTOR,
		    (uint64_t)hp_le32(p + 12) * SECTOR, p[4] == 0x07);
	}
	return 1;
}

/* The disk image a table is read from. */
struct disk {
	int		 fd;
	const char	*file;
	off_t		 len;
};

/* Keeps slot s as a part if it lies in the disk and says NTFS. */
static int
take_slot(const struct disk *d, const struct slot *s,
    struct hp_disk_part **parts, size_t *n, size_t *cap, struct hp_error *e)
{
	int r;

	if (s->start >= (uint64_t)d->len ||
	    s->len > (uint64_t)d->len - s->start)
		return 0;
	if ((r = is_ntfs_boot(d->fd, d->file, (off_t)s->start, e)) <= 0)
		return r;
	HP_ALLOC_GROW(*parts, *n + 1, *cap);
	(*parts)[(*n)++] = (struct hp_disk_part){ s->index, (off_t)s->start,
	    (off_t)s->len };
	return 1;
}

/* Picks pN, the NTFS data partitions, or any NTFS partition. */
static int
pick(const struct disk *d, const char *sel, const struct table *t,
    struct hp_disk_part **parts, size_t *n, struct hp_error *e)
{
	const char *file = d->file;
	size_t i, cap = 0;
	int want = 0, pass;
	char *end;

	if (sel != NULL) {
		long v = (sel[0] == 'p' || sel[0] == 'P') ?
		    strtol(sel + 1, &end, 10) : 0;

		if (v <= 0 || v > GPT_MAX_ENTRIES || *end != '\0')
			return hp_error_set(e, HP_E_USAGE, "%s: '%s' is not a "
			    "partition (write %s:pN, N from 1)", file, sel,
			    file);
		want = (int)v;
	}
	for (pass = 0; pass < 2 && *n == 0; pass++)
		for (i = 0; i < t->n; i++) {
			const struct slot *s = &t->slots[i];

			if (want ? s->index != want : (pass == 0 && !s->data))
				continue;
			if (take_slot(d, s, parts, n, &cap, e) < 0)
				return -1;
		}
	if (*n > 0)
		return 1;
	if (want)
		return hp_error_set(e, HP_E_INPUT, "%s: partition %d %s", file,
		    want, "is absent or holds no NTFS volume");
	return hp_error_set(e, HP_E_INPUT, "%s: no partition of its %s",
	    file, "partition table holds an NTFS volume");
}

int
hp_disk_probe(int fd, const char *file, const char *sel,
    struct hp_disk_part **parts, size_t *n, struct hp_error *e)
{
	struct table t = { NULL, 0, 0 };
	struct disk d = { fd, file, 0 };
	off_t len;
	int r;

	*parts = NULL;
	*n = 0;
	if (disk_span(fd, file, &len, e) < 0 ||
	    (r = is_ntfs_boot(fd, file, 0, e)) < 0)
		return -1;
	if (r == 1) {
		if (sel != NULL)
			return hp_error_set(e, HP_E_USAGE, "%s is an NTFS "
			    "volume, not a partitioned disk: drop ':%s'",
			    file, sel);
		*parts = hp_malloc(sizeof(**parts));
		**parts = (struct hp_disk_part){ 0, 0, len };
		*n = 1;
		return 1;
	}
	d.len = len;
	if ((r = read_table(fd, file, &t, e)) == 1)
		r = pick(&d, sel, &t, parts, n, e);
	free(t.slots);
	if (r < 0) {
		free(*parts);
		*parts = NULL;
		*n = 0;
	}
	return r;
}

/* An MBR signature and at least one partition entry in use. */
static int
has_table(const unsigned char *mbr)
{
	int i;

	if (mbr[510] != 0x55 || mbr[511] != 0xaa)
		return 0;
	for (i = 0; i < 4; i++)
		if (mbr[446 + 16 * i + 4] != 0 &&
		    hp_le32(mbr + 446 + 16 * i + 12) != 0)
			return 1;
	return 0;
}

int
hp_disk_recognize(const char *file, struct hp_error *e)
{
	unsigned char mbr[SECTOR];
	off_t len;
	int fd, r;

	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
		return hp_error_errno(e, HP_E_INPUT, "%s", file);
	r = disk_span(fd, file, &len, e);
	if (r == 0)
		r = read_at(fd, file, mbr, sizeof(mbr), 0, e);
	if (r == 0)
		r = memcmp(mbr + 3, "NTFS    ", 8) == 0 || has_table(mbr);
	close(fd);
	return r;
}
