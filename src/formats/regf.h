/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The regf base block and the few structures hivepol writes itself, next to
 * libhivex: our own header checks before libhivex sees a file, a new empty
 * hive, and the order Windows sorts key names in.  hive_write.c writes the rest.
 * Offsets follow formats.md §E.3-E.7.
 */
#ifndef HP_REGF_H
#define HP_REGF_H

#include <stddef.h>
#include <stdint.h>

struct hp_buf;
struct hp_error;
struct hp_warnings;

#define HP_REGF_BLOCK		4096	/* base block and hbin granularity */
#define HP_REGF_BIG_DATA	16344	/* largest value in one cell (1.4+) */

struct hp_regf_info {
	uint32_t	seq1, seq2;
	int64_t		mtime;		/* FILETIME */
	uint32_t	major, minor;
	uint32_t	type;		/* 0 primary, 1 old log, 6 new log */
	uint32_t	root;		/* relative offset of the root nk */
	uint32_t	hbins_size;
	uint32_t	flags;		/* bit 0: KTM locked (offset 144) */
	uint32_t	csum_stored, csum_computed;
	uint64_t	file_size;
	char		name[128];	/* embedded file name, UTF-8 */
};

/*
 * The fields of a base block (hdr holds at least its first 512 bytes:
 * transaction logs copy no more), unchecked; name is left empty.
 */
void	 hp_regf_info_read(const unsigned char *hdr, uint64_t file_size,
	    struct hp_regf_info *info);
/*
 * Checks the base block of the hive at path (hdr holds the first avail
 * bytes of a file_size-byte file).  Fails, naming the problem, on anything
 * that is not a usable primary hive.
 */
int	 hp_regf_check(const unsigned char *hdr, size_t avail,
	    uint64_t file_size, const char *path, struct hp_regf_info *info,
	    struct hp_error *e);
uint32_t hp_regf_checksum(const unsigned char *hdr);

/* Builds a new empty hive image: base block, one hbin, root nk and sk. */
int	 hp_regf_new(struct hp_buf *img, const char *embedded_name,
	    int64_t now, struct hp_error *e);

/* The current time as a Windows FILETIME. */
int64_t	 hp_filetime_now(void);

#endif
