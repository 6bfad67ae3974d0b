/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Parsing transaction logs held in memory: the base block, then the run
 * of HvLE entries (new format) or the DIRT vector (old format).  Section
 * names are those of msuhanov's specification, "Format of transaction
 * log files".
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/le.h"
#include "formats/hive_log.h"
#include "formats/regf.h"

#define LOG_BASE	512	/* "Base block": one sector of the primary's */
#define ENTRY_HEAD	40	/* an HvLE entry before its page references */
#define MARVIN_SEED	0x82ef4d887a4e55c5ull

static uint32_t
rotl(uint32_t x, int n)
{
	return x << n | x >> (32 - n);
}

static void
marvin_mix(uint32_t *lo, uint32_t *hi, uint32_t v)
{
	*lo += v;
	*hi ^= *lo;
	*lo = rotl(*lo, 20) + *hi;
	*hi = rotl(*hi, 9) ^ *lo;
	*lo = rotl(*lo, 27) + *hi;
	*hi = rotl(*hi, 19);
}

uint64_t
hp_log_marvin32(const unsigned char *p, size_t n)
{
	uint32_t lo = (uint32_t)MARVIN_SEED, hi = (uint32_t)(MARVIN_SEED >> 32);
	uint32_t last = 0x80;

	for (; n >= 4; p += 4, n -= 4)
		marvin_mix(&lo, &hi, hp_le32(p));
	while (n > 0)
		last = last << 8 | p[--n];
	marvin_mix(&lo, &hi, last);
	marvin_mix(&lo, &hi, 0);
	return (uint64_t)hi << 32 | lo;
}

/* Why the log's base block is unusable ("Base block", notes 1-2), or NULL. */
static const char *
base_block_problem(const unsigned char *b, size_t len)
{
	uint32_t hbins;

	if (len == 0)
		return "empty";
	if (len < LOG_BASE || memcmp(b, "regf", 4) != 0)
		return "no valid base block";
	if (hp_le32(b + 508) != hp_regf_checksum(b))
		return "its base block checksum is wrong";
	if (hp_le32(b + 4) != hp_le32(b + 8))
		return "its sequence numbers differ (a log write was cut short)";
	if (hp_le32(b + 20) != 1 || hp_le32(b + 24) < 1 || hp_le32(b + 24) > 6)
		return "an unsupported hive version";
	if (hp_le32(b + 32) != 1 || hp_le32(b + 44) != 1)
		return "an unsupported file format or clustering factor";
	hbins = hp_le32(b + 40);
	if (hbins < HP_REGF_BLOCK || hbins % HP_REGF_BLOCK != 0)
		return "its hive bins size is not a multiple of 4096";
	return NULL;
}

/*
 * Checks the page references of an entry: the pages fit in the entry
 * and each lands inside the hive bins the entry declares.
 */
static int
entry_pages_ok(const unsigned char *p, uint32_t size, uint32_t npages,
    uint32_t hbins)
{
	uint64_t room = size - ENTRY_HEAD - (uint64_t)npages * 8, used = 0;
	uint32_t i;

	for (i = 0; i < npages; i++) {
		uint32_t off = hp_le32(p + ENTRY_HEAD + 8 * i);
		uint32_t len = hp_le32(p + ENTRY_HEAD + 8 * i + 4);

		used += len;
		if (used > room || (uint64_t)off + len > hbins)
			return 0;
	}
	return 1;
}

/* The entry at off, if it passes its checks ("Log entries", notes 1-8). */
static const char *
entry_check(const struct hp_log *l, size_t off, uint32_t seq,
    struct hp_log_entry *ent)
{
	const unsigned char *p = l->buf + off;
	uint32_t size, npages;

	if (l->len - off < ENTRY_HEAD || memcmp(p, "HvLE", 4) != 0)
		return "no further entry";
	size = hp_le32(p + 4);
	if (size < LOG_BASE || size % LOG_BASE != 0 || size > l->len - off)
		return "an entry's size is wrong or past the end of the file";
	ent->off = off;
	ent->size = size;
	ent->flags = hp_le32(p + 8);
	ent->seq = hp_le32(p + 12);
	ent->hbins_size = hp_le32(p + 16);
	ent->npages = npages = hp_le32(p + 20);
	if (ent->hbins_size < HP_REGF_BLOCK ||
	    ent->hbins_size % HP_REGF_BLOCK != 0)
		return "an entry's hive bins size is not a multiple of 4096";
	if (npages == 0 || npages > (size - ENTRY_HEAD) / 8)
		return "an entry's page count is wrong";
	if (hp_le64(p + 32) != hp_log_marvin32(p, 32) ||
	    hp_le64(p + 24) != hp_log_marvin32(p + ENTRY_HEAD,
	    size - ENTRY_HEAD))
		return "an entry fails its hash check";
	if (ent->seq != seq)
		return "the next entry's sequence number does not follow";
	if (!entry_pages_ok(p, size, npages, ent->hbins_size))
		return "an entry's pages lie outside it or outside the hive";
	return NULL;
}

/* The run of entries from the base block's sequence number on. */
static void
parse_entries(struct hp_log *l)
{
	struct hp_log_entry ent;
	uint32_t seq = l->base.seq1;
	size_t off = LOG_BASE;

	while (off < l->len && (l->stop = entry_check(l, off, seq,
	    &ent)) == NULL) {
		HP_ALLOC_GROW(l->ents, l->nents + 1, l->capents);
		l->ents[l->nents++] = ent;
		off += ent.size;
		seq++;
	}
	if (l->nents == 0 && l->stop == NULL)
		l->stop = "no further entry";
}

/* The DIRT vector and its pages fit in the file ("Dirty vector"). */
static const char *
dirty_vector_problem(const struct hp_log *l)
{
	size_t bitmap = l->base.hbins_size / HP_REGF_BLOCK;

	if (l->len < LOG_BASE + 4 + bitmap ||
	    memcmp(l->buf + LOG_BASE, "DIRT", 4) != 0)
		return "no dirty vector (DIRT)";
	return NULL;
}

void
hp_log_parse(struct hp_log *l, const char *name, const unsigned char *buf,
    size_t len)
{
	uint32_t type;

	memset(l, 0, sizeof(*l));
	l->name = name;
	l->buf = buf;
	l->len = len;
	l->format = HP_LOG_UNUSABLE;
	if ((l->why = base_block_problem(buf, len)) != NULL)
		return;
	hp_regf_info_read(buf, len, &l->base);
	type = l->base.type;
	if (type == 6 && len <= LOG_BASE + ENTRY_HEAD) {
		l->why = "no room for a log entry";
	} else if (type == 6) {
		l->format = HP_LOG_NEW;
		parse_entries(l);
	} else if (type == 1 || type == 2) {
		if ((l->why = dirty_vector_problem(l)) == NULL)
			l->format = HP_LOG_OLD;
	} else {
		l->why = "not a transaction log (file type at offset 28)";
	}
}

void
hp_log_release(struct hp_log *l)
{
	free(l->ents);
	l->ents = NULL;
	l->nents = l->capents = 0;
}

int
hp_log_pending(const unsigned char *b, size_t len,
    const struct hp_regf_info *info)
{
	if (len < LOG_BASE + 16 || memcmp(b, "regf", 4) != 0)
		return 0;
	if (hp_le32(b + 28) == 6)
		return memcmp(b + LOG_BASE, "HvLE", 4) == 0 &&
		    hp_le32(b + LOG_BASE + 12) >= info->seq2;
	if (hp_le32(b + 28) == 1)
		return memcmp(b + LOG_BASE, "DIRT", 4) == 0 &&
		    hp_le64(b + 12) == (uint64_t)info->mtime;
	return 0;
}
