/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Transaction logs of a hive and their replay (docs/dirty-hives.md).
 *
 * A dirty primary file (its sequence numbers differ, or its base block
 * checksum is wrong) lacks what Windows wrote to its logs beside it:
 * HIVE.LOG1 and HIVE.LOG2 in the new format (a base block, then HvLE log
 * entries carrying dirty pages, checked by Marvin32 hashes), HIVE.LOG (or
 * .LOG1/.LOG2) in the old one (a base block, a DIRT bitmap of 512-byte
 * pages, the pages).  hive_log.c parses a log held in memory;
 * hive_recover.c applies logs to the primary's image in memory, as
 * Windows does at load time, and finds and reads the files.  Every
 * offset and length is checked against the bytes held: logs are
 * arbitrary input.  Sections cited are msuhanov's "Windows registry file
 * format specification".
 */
#ifndef HP_HIVE_LOG_H
#define HP_HIVE_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "formats/regf.h"

struct hp_warnings;

enum hp_log_format {
	HP_LOG_UNUSABLE,	/* see why */
	HP_LOG_NEW,		/* file type 6: HvLE entries */
	HP_LOG_OLD		/* file type 1 (2 before XP): DIRT vector */
};

/* A new-format log entry that passed its checks ("Log entries"). */
struct hp_log_entry {
	size_t		 off;		/* in the log */
	uint32_t	 size, flags, seq, hbins_size, npages;
};

struct hp_log {
	const char		*name;		/* for messages */
	const unsigned char	*buf;
	size_t			 len;
	enum hp_log_format	 format;
	const char		*why;		/* HP_LOG_UNUSABLE: the reason */
	/* Its base block (a partial copy of the primary's). */
	struct hp_regf_info	 base;
	/* New format: the run of entries from base.seq1 on, in order. */
	struct hp_log_entry	*ents;
	size_t			 nents, capents;
	const char		*stop;		/* why the run ended early */
};

/* Parses a log of len bytes (buf stays the caller's); see l->format. */
void	 hp_log_parse(struct hp_log *l, const char *name,
	    const unsigned char *buf, size_t len);
void	 hp_log_release(struct hp_log *l);
/* Marvin32 with the seed of log entries ("Log entries", notes 1-3). */
uint64_t hp_log_marvin32(const unsigned char *p, size_t n);
/*
 * The old check for a clean primary: does the log at buf look as if it
 * held changes the primary lacks (an HvLE entry at or past its sequence
 * number, or a DIRT vector with its timestamp)?  Windows ignores such
 * logs ("Dirty state of a hive").
 */
int	 hp_log_pending(const unsigned char *buf, size_t len,
	    const struct hp_regf_info *info);

/* Which of the three candidate files, also the index into logs[]. */
enum { HP_LOG_SLOT_LOG, HP_LOG_SLOT_LOG1, HP_LOG_SLOT_LOG2, HP_LOG_SLOTS };

struct hp_recovery {
	unsigned	 applied;	/* bit per slot whose log was applied */
	unsigned	 entries;	/* new format: log entries applied */
	unsigned	 pages;		/* old format: dirty pages applied */
	unsigned	 dummies;	/* invalid dirty bins made dummies */
	uint32_t	 seq;		/* the image's sequence numbers now */
	struct hp_buf	 why;		/* nothing applied: the reason */
};

/*
 * Replays logs[] (HP_LOG_SLOTS of them, an absent one with len 0) into
 * the image of a dirty primary file in img, as Windows would: the new
 * format first, both files in sequence order, stopping at the first
 * entry that fails its checks; else the old format.  base_ok says the
 * primary's base block checksum is right; if not, the log's base block
 * replaces it.  On success the image has a clean base block whose
 * sequence numbers are the highest any log holds, so that a write from
 * it makes the logs stale.  r says what was applied; nothing is, with
 * r->why, if no log can be used.  The image grows to no more than the
 * bytes of the primary and the logs together.  r->why is the caller's
 * to release.
 */
void	 hp_log_recover(struct hp_buf *img, int base_ok,
	    struct hp_log logs[HP_LOG_SLOTS], struct hp_recovery *r);

/* The logs found beside a hive, read and parsed. */
struct hp_log_files {
	char		*names[HP_LOG_SLOTS];	/* file names, or NULL */
	struct hp_buf	 data[HP_LOG_SLOTS];
	struct hp_log	 logs[HP_LOG_SLOTS];
};

/*
 * Finds NAME.LOG, .LOG1 and .LOG2 beside path (in any case), reads them
 * (only their first head bytes if head is not 0) and parses them; a
 * missing one has len 0.  A log that cannot be read is a warning.
 */
void	 hp_log_files_read(const char *path, size_t head,
	    struct hp_log_files *f, struct hp_warnings *w);
void	 hp_log_files_release(struct hp_log_files *f);
/* "NTUSER.DAT.LOG1, .LOG2": the slots in mask, the first name in full. */
void	 hp_log_names(const struct hp_log logs[HP_LOG_SLOTS], unsigned mask,
	    struct hp_buf *out);

#endif
