/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Replaying transaction logs into a dirty primary's image in memory, in
 * the order and with the stopping rules of msuhanov's specification
 * ("Multiple transaction log files", "Log entries" notes 5-10, "Dirty
 * pages"), as yarp's recover_auto does, except that a lone .LOG1 or
 * .LOG2 is used too.  Also: finding and reading the logs beside a hive.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/dir.h"
#include "core/error.h"
#include "core/le.h"
#include "core/limits.h"
#include "formats/hive_log.h"
#include "formats/regf.h"

/* Why a log was not applied. */
enum { APPLIED, NOT_ELIGIBLE, NOTHING_APPLIES };

struct replay {
	struct hp_buf		*img;
	int			 base_ok;
	uint32_t		 primary_seq2;
	int64_t			 primary_mtime;
	size_t			 bound;		/* largest image allowed */
	int			 have_last;
	uint32_t		 last;		/* last entry applied */
	uint32_t		 hbins, flags;	/* the base block's, now */
	const struct hp_log	*base;		/* last log applied */
	struct hp_log		*logs;
	struct hp_recovery	*r;
	struct hp_buf		 dirty;		/* a byte per 4 KiB of bins */
};

#define BIN_PAGE	4096

/* Marks the 4 KiB pages of hive bins that [off, off + len) touches. */
static void
mark_dirty(struct replay *rp, uint32_t off, uint32_t len)
{
	size_t first = off / BIN_PAGE, last = ((size_t)off + len - 1) / BIN_PAGE;

	if (len == 0)
		return;
	if (last >= rp->dirty.len) {
		hp_buf_grow(&rp->dirty, last + 1 - rp->dirty.len);
		memset(rp->dirty.buf + rp->dirty.len, 0,
		    last + 1 - rp->dirty.len);
		rp->dirty.len = last + 1;
	}
	memset(rp->dirty.buf + first, 1, last - first + 1);
}

/* Grows the image to hold hbins bytes of hive bins, within the bound. */
static int
image_size(struct replay *rp, uint32_t hbins)
{
	size_t need = HP_REGF_BLOCK + (size_t)hbins, old = rp->img->len;

	if (need > rp->bound)
		return -1;
	if (need > old) {
		hp_buf_grow(rp->img, need - old);
		memset(rp->img->buf + old, 0, need - old);
		rp->img->len = need;
	}
	return 0;
}

static void
why_not(struct replay *rp, const struct hp_log *l, const char *why)
{
	hp_buf_addf(&rp->r->why, "%s%s: %s", rp->r->why.len ? "; " : "",
	    l->name, why);
}

/* Applies one entry's dirty pages, in the order of their references. */
static void
apply_entry(struct replay *rp, const struct hp_log *l,
    const struct hp_log_entry *ent)
{
	const unsigned char *p = l->buf + ent->off;
	size_t data = ent->off + 40 + (size_t)ent->npages * 8;
	uint32_t i;

	for (i = 0; i < ent->npages; i++) {
		uint32_t off = hp_le32(p + 40 + 8 * i);
		uint32_t len = hp_le32(p + 44 + 8 * i);

		memcpy(rp->img->buf + HP_REGF_BLOCK + off, l->buf + data, len);
		mark_dirty(rp, off, len);
		data += len;
	}
	rp->last = ent->seq;
	rp->have_last = 1;
	rp->hbins = ent->hbins_size;
	rp->flags = (rp->flags & ~1u) | (ent->flags & 1u);
	rp->r->entries++;
}

/* One new-format log's run of entries ("Log entries", notes 5-9). */
static int
apply_new(struct replay *rp, int slot)
{
	const struct hp_log *l = &rp->logs[slot];
	size_t i;

	if (rp->have_last && rp->last >= l->base.seq1)
		return NOTHING_APPLIES;
	if (rp->base_ok && l->base.seq1 < rp->primary_seq2) {
		why_not(rp, l, "its entries are older than the primary file");
		return NOT_ELIGIBLE;
	}
	for (i = 0; i < l->nents; i++) {
		if (image_size(rp, l->ents[i].hbins_size) == -1) {
			why_not(rp, l, "an entry grows the hive beyond what "
			    "the files hold");
			break;
		}
		apply_entry(rp, l, &l->ents[i]);
	}
	if (i == 0) {
		if (l->nents == 0)
			why_not(rp, l, l->stop);
		return NOTHING_APPLIES;
	}
	rp->flags = (l->base.flags & ~1u) | (rp->flags & 1u);
	rp->base = l;
	rp->r->applied |= 1u << slot;
	return APPLIED;
}

static int
bin_ok(const unsigned char *bin, uint32_t at, uint32_t room)
{
	uint32_t size = hp_le32(bin + 8);

	return memcmp(bin, "hbin", 4) == 0 && hp_le32(bin + 4) == at &&
	    size >= BIN_PAGE && size % BIN_PAGE == 0 && size <= room;
}

/*
 * "Log entries", note 10: a dirty hive bin that is invalid after the
 * replay does not stop recovery; it becomes a dummy bin, one page
 * holding one free cell.  Only bin headers are checked, as far as the
 * bins chain from the start; an invalid bin no log touched ends the
 * walk (the hive is corrupt, and libhivex will say so).
 */
static void
replace_bad_bins(struct replay *rp)
{
	unsigned char *bins = (unsigned char *)rp->img->buf + HP_REGF_BLOCK;
	uint32_t at = 0;

	while (rp->hbins >= BIN_PAGE && at <= rp->hbins - BIN_PAGE) {
		if (bin_ok(bins + at, at, rp->hbins - at)) {
			at += hp_le32(bins + at + 8);
			continue;
		}
		if (at / BIN_PAGE >= rp->dirty.len ||
		    !rp->dirty.buf[at / BIN_PAGE])
			return;
		memset(bins + at, 0, BIN_PAGE);
		memcpy(bins + at, "hbin", 4);
		hp_le32_put(bins + at + 4, at);
		hp_le32_put(bins + at + 8, BIN_PAGE);
		hp_le32_put(bins + at + 32, BIN_PAGE - 32);
		rp->r->dummies++;
		at += BIN_PAGE;
	}
}

/* Is a's run before b's, sequence numbers wrapping around? */
static int
seq_before(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

/* Both new-format logs ("Multiple transaction log files", new format). */
static void
apply_new_pair(struct replay *rp)
{
	int first = HP_LOG_SLOT_LOG1, second = HP_LOG_SLOT_LOG2;

	if (!seq_before(rp->logs[first].base.seq1,
	    rp->logs[second].base.seq1)) {
		first = HP_LOG_SLOT_LOG2;
		second = HP_LOG_SLOT_LOG1;
	}
	/* A bad primary base block: only the latest log (as Windows). */
	if (!rp->base_ok) {
		apply_new(rp, second);
		return;
	}
	if (apply_new(rp, first) == NOT_ELIGIBLE)
		apply_new(rp, second);
	else if (rp->have_last && rp->logs[second].base.seq1 == rp->last + 1)
		apply_new(rp, second);
}

/* One old-format log: its dirty pages ("Dirty vector", "Dirty pages"). */
static void
apply_old(struct replay *rp, int slot)
{
	const struct hp_log *l = &rp->logs[slot];
	size_t bits = l->base.hbins_size / 512, start, i, k = 0;
	const unsigned char *map = l->buf + 512 + 4;

	if (l->base.mtime < rp->primary_mtime) {
		why_not(rp, l, "its timestamp is older than the primary file's");
		return;
	}
	if (image_size(rp, l->base.hbins_size) == -1) {
		why_not(rp, l, "it grows the hive beyond what the files hold");
		return;
	}
	start = (512 + 4 + bits / 8 + 511) / 512 * 512;
	for (i = 0; i < bits; i++) {
		if (!(map[i / 8] >> (i % 8) & 1))
			continue;
		if (start + (k + 1) * 512 > l->len) {
			why_not(rp, l, "truncated: its dirty pages stop early");
			break;
		}
		memcpy(rp->img->buf + HP_REGF_BLOCK + i * 512,
		    l->buf + start + k * 512, 512);
		k++;
	}
	rp->r->pages = (unsigned)k;
	if (k == 0)
		return;
	rp->hbins = l->base.hbins_size;
	rp->flags = l->base.flags;
	rp->base = l;
	rp->r->applied |= 1u << slot;
}

/* The old format: the latest of .LOG1 and .LOG2, else .LOG. */
static void
apply_old_any(struct replay *rp)
{
	const struct hp_log *l1 = &rp->logs[HP_LOG_SLOT_LOG1];
	const struct hp_log *l2 = &rp->logs[HP_LOG_SLOT_LOG2];

	if (l1->format == HP_LOG_OLD && l2->format == HP_LOG_OLD)
		apply_old(rp, l1->base.mtime >= l2->base.mtime ? HP_LOG_SLOT_LOG1 :
		    HP_LOG_SLOT_LOG2);
	else if (l1->format == HP_LOG_OLD)
		apply_old(rp, HP_LOG_SLOT_LOG1);
	else if (l2->format == HP_LOG_OLD)
		apply_old(rp, HP_LOG_SLOT_LOG2);
	else if (rp->logs[HP_LOG_SLOT_LOG].format == HP_LOG_OLD)
		apply_old(rp, HP_LOG_SLOT_LOG);
}

/* The highest sequence number any log holds. */
static uint32_t
highest_seq(const struct replay *rp)
{
	uint32_t seq = rp->have_last ? rp->last : 0;
	int i;

	for (i = 0; i < HP_LOG_SLOTS; i++) {
		const struct hp_log *l = &rp->logs[i];
		uint32_t s = l->nents ? l->ents[l->nents - 1].seq :
		    l->base.seq1;

		if (l->format != HP_LOG_UNUSABLE && seq_before(seq, s))
			seq = s;
	}
	return seq;
}

/* A clean base block for the recovered image. */
static void
finish_base_block(struct replay *rp)
{
	unsigned char *h = (unsigned char *)rp->img->buf;
	uint32_t seq = highest_seq(rp);

	if (!rp->base_ok) {
		memcpy(h, rp->base->buf, 512);
		memset(h + 512, 0, HP_REGF_BLOCK - 512);
	}
	if (seq_before(seq, hp_le32(h + 4)))
		seq = hp_le32(h + 4);
	if (seq_before(seq, hp_le32(h + 8)))
		seq = hp_le32(h + 8);
	hp_le32_put(h + 4, seq);
	hp_le32_put(h + 8, seq);
	hp_le32_put(h + 24, rp->base->base.minor);
	hp_le32_put(h + 28, 0);
	hp_le32_put(h + 36, rp->base->base.root);
	hp_le32_put(h + 40, rp->hbins);
	hp_le32_put(h + 144, rp->flags);
	hp_le32_put(h + 508, hp_regf_checksum(h));
	rp->r->seq = seq;
}

/* Where a dirty primary's state comes from ("Old format", note 3). */
static void
replay_init(struct replay *rp, struct hp_buf *img, int base_ok,
    struct hp_log *logs, struct hp_recovery *r)
{
	const unsigned char *h = (const unsigned char *)img->buf;
	struct hp_regf_info p;
	int i;

	hp_regf_info_read(h, img->len, &p);
	memset(rp, 0, sizeof(*rp));
	rp->img = img;
	rp->base_ok = base_ok;
	rp->logs = logs;
	rp->r = r;
	rp->dirty = (struct hp_buf)HP_BUF_INIT;
	rp->bound = img->len + HP_REGF_BLOCK;
	for (i = 0; i < HP_LOG_SLOTS; i++)
		rp->bound += logs[i].len;
	rp->primary_seq2 = p.seq2;
	rp->hbins = p.hbins_size;
	rp->flags = p.flags;
	rp->primary_mtime = p.mtime;
	/* A bad base block: the first hive bin's timestamp stands in. */
	if (!base_ok)
		rp->primary_mtime = img->len >= HP_REGF_BLOCK + 28 ?
		    (int64_t)hp_le64(h + HP_REGF_BLOCK + 20) : 0;
}

void
hp_log_recover(struct hp_buf *img, int base_ok,
    struct hp_log logs[HP_LOG_SLOTS], struct hp_recovery *r)
{
	int n0 = logs[HP_LOG_SLOT_LOG].format == HP_LOG_NEW;
	int n1 = logs[HP_LOG_SLOT_LOG1].format == HP_LOG_NEW;
	int n2 = logs[HP_LOG_SLOT_LOG2].format == HP_LOG_NEW;
	struct replay rp;
	int i;

	r->applied = r->entries = r->pages = r->dummies = 0;
	r->seq = 0;
	hp_buf_reset(&r->why);
	if (img->len < HP_REGF_BLOCK) {
		hp_buf_adds(&r->why, "the primary file has no base block");
		return;
	}
	replay_init(&rp, img, base_ok, logs, r);
	if (n1 && n2)
		apply_new_pair(&rp);
	else if (n1 || n2 || n0)
		apply_new(&rp, n1 ? HP_LOG_SLOT_LOG1 : n2 ? HP_LOG_SLOT_LOG2 :
		    HP_LOG_SLOT_LOG);
	else
		apply_old_any(&rp);
	if (r->applied && r->entries > 0)
		replace_bad_bins(&rp);
	hp_buf_release(&rp.dirty);
	if (r->applied) {
		finish_base_block(&rp);
		hp_buf_reset(&r->why);
		return;
	}
	for (i = 0; i < HP_LOG_SLOTS; i++)
		if (logs[i].format == HP_LOG_UNUSABLE && logs[i].len > 0)
			why_not(&rp, &logs[i], logs[i].why);
	if (r->why.len == 0)
		hp_buf_adds(&r->why, "no transaction log beside it can be "
		    "applied");
}

/*
 * Reads up to max bytes of the log at path into b.  A link is not
 * followed: in an image (docs/architecture.md, "Image roots are jails")
 * it could lead outside the root.
 */
static int
read_log_file(const char *path, size_t max, struct hp_buf *b,
    struct hp_error *e)
{
	struct stat st;
	ssize_t n = 0;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd == -1 && errno == ELOOP)
		return hp_error_set(e, HP_E_INPUT, "%s: a symbolic link, not "
		    "followed", path);
	if (fd == -1 || fstat(fd, &st) == -1) {
		hp_error_errno(e, HP_E_INPUT, "%s", path);
		goto out;
	}
	if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size > HP_MAX_HIVE_SIZE) {
		hp_error_set(e, HP_E_INPUT, "%s: not a regular file of at most "
		    "%lu bytes", path, HP_MAX_HIVE_SIZE);
		goto out;
	}
	if (max == 0 || max > (size_t)st.st_size)
		max = (size_t)st.st_size;
	hp_buf_grow(b, max);
	while (b->len < max && (n = read(fd, b->buf + b->len,
	    max - b->len)) > 0)
		b->len += (size_t)n;
	if (n < 0)
		hp_error_errno(e, HP_E_INPUT, "%s", path);
out:
	if (fd != -1)
		close(fd);
	return n < 0 || e->kind != HP_E_NONE ? -1 : 0;
}

/* Reads a log, or only its first head bytes if head is not 0. */
static void
read_log(struct hp_log_files *f, int slot, size_t head,
    struct hp_warnings *w)
{
	struct hp_error e = HP_ERROR_INIT;
	const char *name = strrchr(f->names[slot], '/');
	struct hp_buf *b = &f->data[slot];

	name = name ? name + 1 : f->names[slot];
	if (read_log_file(f->names[slot], head, b, &e) == -1) {
		hp_warn(w, "cannot read transaction log: %s", e.msg);
		hp_buf_reset(b);
	}
	hp_log_parse(&f->logs[slot], name, (const unsigned char *)b->buf,
	    b->len);
}

void
hp_log_files_read(const char *path, size_t head, struct hp_log_files *f,
    struct hp_warnings *w)
{
	static const char *const sfx[HP_LOG_SLOTS] = {
		".LOG", ".LOG1", ".LOG2"
	};
	char *d1 = hp_strdup(path), *d2 = hp_strdup(path);
	const char *dir = dirname(d1), *base = basename(d2);
	int i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < HP_LOG_SLOTS; i++) {
		char *name = hp_strfmt("%s%s", base, sfx[i]);

		f->data[i] = (struct hp_buf)HP_BUF_INIT;
		hp_log_parse(&f->logs[i], "", NULL, 0);
		if ((f->names[i] = hp_dir_find_ci(dir, name)) != NULL)
			read_log(f, i, head, w);
		free(name);
	}
	free(d1);
	free(d2);
}

void
hp_log_files_release(struct hp_log_files *f)
{
	int i;

	for (i = 0; i < HP_LOG_SLOTS; i++) {
		hp_log_release(&f->logs[i]);
		hp_buf_release(&f->data[i]);
		free(f->names[i]);
		f->names[i] = NULL;
	}
}

void
hp_log_names(const struct hp_log logs[HP_LOG_SLOTS], unsigned mask,
    struct hp_buf *out)
{
	int i, n = 0;

	for (i = 0; i < HP_LOG_SLOTS; i++) {
		const char *dot = strrchr(logs[i].name, '.');

		if (!(mask & 1u << i))
			continue;
		if (n++ == 0)
			hp_buf_adds(out, logs[i].name);
		else
			hp_buf_addf(out, ", %s", dot ? dot : logs[i].name);
	}
}
