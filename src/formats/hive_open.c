/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A hive's lifecycle: the write lock, the checks of the base block before
 * libhivex sees the file, the replay of a dirty hive's logs in memory
 * (libhivex then reads the recovered image from a memfd), opening
 * (libhivex always read-only: changes go to the overlay), closing, and
 * creating a new empty hive.
 */
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <hivex.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "core/le.h"
#include "core/limits.h"
#include "core/txn.h"
#include "formats/hive_impl.h"
#include "formats/hive_log.h"
#include "formats/mount.h"
#include "formats/regf.h"

/* libhivex reports corruption through errno; say what it means. */
const char *
hive_hivex_reason(int err)
{
	switch (err) {
	case 0:		return "corrupt hive";
	case EFAULT:	return "an offset points outside the hive bins";
	case EINVAL:	return "a cell is not what the structure says it is";
	case ENOTSUP:	return "a structure libhivex does not support";
	case ERANGE:	return "a count or size beyond libhivex's limits";
	case ELOOP:	return "subkey lists loop";
	case EILSEQ:	return "a name is not valid UTF-16";
	default:	return strerror(err);
	}
}

int
hive_hivex_err(struct hp_error *e, const struct hp_hive *hv, const char *what,
    hive_node_h node)
{
	return hp_error_set(e, HP_E_INPUT, "%s: %s (key at offset 0x%zx): "
	    "%s", hv->path, what, node, hive_hivex_reason(errno));
}

/*
 * Opens libhivex's handle on the original again if the writer closed it:
 * while an image is written and verified, the original is mapped only
 * once, which bounds the peak memory to about one hive.
 */
int
hive_handle(struct hp_hive *hv, struct hp_error *e)
{
	if (hv->h != NULL)
		return 0;
	errno = 0;
	if ((hv->h = hivex_open(hive_source(hv), 0)) == NULL)
		return hp_error_set(e, HP_E_IO, "%s: libhivex cannot open "
		    "it again: %s", hv->path, hive_hivex_reason(errno));
	return 0;
}

void
hive_close_handle(struct hp_hive *hv, int trim)
{
	if (hv->h != NULL)
		hivex_close(hv->h);
	hv->h = NULL;
#ifdef __GLIBC__
	if (trim)
		malloc_trim(0);
#else
	(void)trim;
#endif
}

/* The recovered image, if any, is no longer what the hive reads. */
static void
forget_image(struct hp_hive *hv)
{
	if (hv->image_fd != -1)
		close(hv->image_fd);
	hv->image_fd = -1;
	free(hv->image);
	hv->image = NULL;
	free(hv->recovered_from);
	hv->recovered_from = NULL;
}

void
hp_hive_written(struct hp_hive *hv)
{
	/* The verified image is the file now: its handle serves the view. */
	hive_h *image = hv->verified;

	hv->verified = NULL;
	hive_want_free(hv);
	hp_patch_free(&hv->checks);
	hive_overlay_free(hv);
	hive_close_handle(hv, 0);
	forget_image(hv);
	hv->state = HP_HIVE_CLEAN;
	hv->h = image;
	hv->changed = 0;
	hv->now = 0;
}

/*
 * A hive given as a symlink is written where the link leads (the link
 * stays a link): its temporaries, and those a killed writer left, are in
 * that file's folder.
 */
static int
resolve_real(struct hp_hive *hv, struct hp_error *e)
{
	if ((hv->real = realpath(hv->path, NULL)) == NULL)
		return hp_error_errno(e, HP_E_INPUT, "%s", hv->path);
	return 0;
}

/* Takes the advisory write lock on the file that is at path now. */
static int
lock_hive(struct hp_hive *hv, struct hp_error *e)
{
	struct stat a, b;
	int tries;

	for (tries = 0; tries < 100; tries++) {
		int fd = open(hv->path, O_RDONLY);

		if (fd == -1)
			return hp_error_errno(e, HP_E_INPUT, "%s",
			    hv->path);
		if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
			int err = errno;

			close(fd);
			if (err == EWOULDBLOCK)
				return hp_error_set(e, HP_E_IO, "%s: another "
				    "process is writing this hive (it holds "
				    "the lock); try again when it is done",
				    hv->path);
			errno = err;
			return hp_error_errno(e, HP_E_IO, "%s: lock",
			    hv->path);
		}
		/* A writer may have renamed a new file in meanwhile. */
		if (fstat(fd, &a) == 0 && stat(hv->path, &b) == 0 &&
		    a.st_ino == b.st_ino && a.st_dev == b.st_dev) {
			hv->lock_fd = fd;
			return 0;
		}
		close(fd);
	}
	return hp_error_set(e, HP_E_IO, "%s: the file keeps changing "
	    "under the lock", hv->path);
}

/* Under the lock: what a killed commit left beside the hive goes. */
static int
sweep_temps(struct hp_hive *hv, struct hp_warnings *w, struct hp_error *e)
{
	int n;

	if (hp_txn_sweep_temps(hv->real, &n, e) == -1)
		return -1;
	if (n > 0)
		hp_warn(w, "%s: removed %d temporary file%s an interrupted "
		    "hivepol left", hv->path, n, n == 1 ? "" : "s");
	return 0;
}

/* hp_hive_set_recovery: whether dirty hives are recovered (--no-recover). */
static int recovery_on = 1;

void
hp_hive_set_recovery(int on)
{
	recovery_on = on;
}

const char *
hive_source(const struct hp_hive *hv)
{
	return hv->image != NULL ? hv->image : hv->path;
}

enum hp_hive_state
hp_hive_state(const struct hp_hive *hv)
{
	return hv->state;
}

int
hp_hive_read_image(struct hp_hive *hv, struct hp_buf *out,
    struct hp_error *e)
{
	return hp_file_read(hive_source(hv), SIZE_MAX, out, e);
}

/* The recovered image becomes what libhivex and the writer read. */
static int
serve_image(struct hp_hive *hv, const struct hp_buf *img, struct hp_error *e)
{
	size_t done = 0;
	int fd = memfd_create("hivepol-recovered", MFD_CLOEXEC);

	if (fd == -1)
		return hp_error_errno(e, HP_E_IO, "%s: memfd_create",
		    hv->path);
	while (done < img->len) {
		ssize_t n = write(fd, img->buf + done, img->len - done);

		if (n <= 0) {
			close(fd);
			return hp_error_errno(e, HP_E_IO, "%s: writing the "
			    "recovered image", hv->path);
		}
		done += (size_t)n;
	}
	hv->image_fd = fd;
	hv->image = hp_strfmt("/proc/self/fd/%d", fd);
	return 0;
}

/* Says what was applied, on stderr and for reports. */
static void
warn_recovered(struct hp_hive *hv, const struct hp_log_files *f,
    const struct hp_recovery *r, struct hp_warnings *w)
{
	struct hp_buf names = HP_BUF_INIT;
	unsigned n = r->entries ? r->entries : r->pages;

	hp_log_names(f->logs, r->applied, &names);
	hp_buf_addf(&names, ": %u %s", n, r->entries ?
	    (n == 1 ? "log entry" : "log entries") :
	    (n == 1 ? "dirty page" : "dirty pages"));
	if (r->dummies > 0)
		hp_buf_addf(&names, "; %u invalid hive %s replaced by empty "
		    "ones", r->dummies, r->dummies == 1 ? "bin" : "bins");
	hp_warn(w, "%s: recovered from %s", hv->path, names.buf);
	hv->recovered_from = hp_buf_detach(&names, NULL);
}

/*
 * Replays the logs of a dirty primary in memory (hive_recover.c).
 * Returns 1 if they applied, 0 if not (why says why), -1 on an error.
 */
static int
recover(struct hp_hive *hv, int base_ok, struct hp_buf *why,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_buf img = HP_BUF_INIT;
	struct hp_recovery r = { .why = HP_BUF_INIT };
	struct hp_log_files f;
	int ret = 0;

	if (hp_file_read(hv->path, HP_MAX_HIVE_SIZE, &img, e) == -1) {
		hp_buf_addf(why, "%s%s", why->len ? "; " : "", e->msg);
		hp_error_clear(e);
		return 0;
	}
	hp_log_files_read(hv->path, 0, &f, w);
	hp_log_recover(&img, base_ok, f.logs, &r);
	if (!r.applied) {
		hp_buf_addf(why, "%s%s", why->len ? "; " : "", r.why.buf);
	} else if (hp_regf_check((unsigned char *)img.buf, img.len, img.len,
	    hv->path, &hv->info, e) == -1) {
		hp_error_prefix(e, "after replaying its logs");
		ret = -1;
	} else if (serve_image(hv, &img, e) == -1) {
		/* No memfd: the hive can still be read as it is. */
		hp_buf_addf(why, "%s%s", why->len ? "; " : "", e->msg);
		hp_error_clear(e);
	} else {
		warn_recovered(hv, &f, &r, w);
		hv->state = HP_HIVE_RECOVERED;
		ret = 1;
	}
	hp_log_files_release(&f);
	hp_buf_release(&r.why);
	hp_buf_release(&img);
	return ret;
}

/*
 * Logs beside a clean primary that look as if they held more: Windows
 * ignores them ("Dirty state of a hive"), and so does reading; writing
 * asks for --force.  Returns how many; their names go to why.
 */
static int
pending_logs(struct hp_hive *hv, struct hp_buf *why, struct hp_warnings *w)
{
	struct hp_log_files f;
	int i, count = 0;

	hp_log_files_read(hv->path, 512 + 16, &f, w);
	for (i = 0; i < HP_LOG_SLOTS; i++) {
		const struct hp_buf *b = &f.data[i];

		if (f.names[i] == NULL || b->len == 0)
			continue;
		if (b->len < 512 + 16 || memcmp(b->buf, "regf", 4) != 0)
			hp_warn(w, "%s: transaction log with no valid header, "
			    "ignored", f.names[i]);
		else if (hp_log_pending((const unsigned char *)b->buf, b->len,
		    &hv->info)) {
			count++;
			hp_buf_addf(why, "%s%s", why->len ? ", " : "",
			    f.logs[i].name);
		}
	}
	hp_log_files_release(&f);
	return count;
}

/* A dirty hive read as its primary file has it: a warning, or a refusal. */
static int
stale_hive(struct hp_hive *hv, const char *why, int logs,
    struct hp_warnings *w, struct hp_error *e)
{
	if (logs > 0 && hv->info.seq1 == hv->info.seq2)
		hp_error_set(e, HP_E_INPUT, "%s: hive is dirty: transaction "
		    "log %s holds changes not in the file", hv->path, why);
	else
		hp_error_set(e, HP_E_INPUT, "%s: hive is dirty: %s%s",
		    hv->path, why, logs ? " are pending in its logs" : "");
	if ((hv->flags & HP_HIVE_WRITE) && !(hv->flags & HP_HIVE_FORCE)) {
		hp_error_prefix(e, "refusing to write");
		e->kind = HP_E_DIRTY;
		hp_error_hint(e, HP_HINT_FORCE);
		return -1;
	}
	hp_warn(w, "%s; reading it as the primary file has it", e->msg);
	hp_error_clear(e);
	hv->state = HP_HIVE_STALE;
	return 0;
}

static int
read_header(struct hp_hive *hv, unsigned char *hdr, size_t *n,
    uint64_t *size, struct hp_error *e)
{
	struct stat st;
	ssize_t got;
	int fd;

	if ((fd = open(hv->path, O_RDONLY)) == -1)
		return hp_error_errno(e, HP_E_INPUT, "%s", hv->path);
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return hp_error_set(e, HP_E_INPUT, "%s: not a regular file",
		    hv->path);
	}
	got = pread(fd, hdr, HP_REGF_BLOCK, 0);
	close(fd);
	if (got < 0)
		return hp_error_errno(e, HP_E_INPUT, "%s", hv->path);
	*n = (size_t)got;
	*size = (uint64_t)st.st_size;
	return 0;
}

/*
 * Dirty: the sequence numbers differ, or the base block of a primary
 * has a wrong checksum (its copy in a log may replace it).
 */
static int
is_dirty(const unsigned char *hdr, size_t n, int *base_ok)
{
	*base_ok = n >= HP_REGF_BLOCK &&
	    hp_le32(hdr + 508) == hp_regf_checksum(hdr);
	if (n < HP_REGF_BLOCK || memcmp(hdr, "regf", 4) != 0)
		return 0;
	if (!*base_ok)
		return hp_le32(hdr + 28) == 0;
	return hp_le32(hdr + 4) != hp_le32(hdr + 8);
}

static int
check_header(struct hp_hive *hv, struct hp_warnings *w, struct hp_error *e)
{
	unsigned char hdr[HP_REGF_BLOCK];
	struct hp_buf why = HP_BUF_INIT, lost = HP_BUF_INIT;
	uint64_t size = 0;
	size_t n = 0;
	int logs, base_ok, r = 0;

	if (read_header(hv, hdr, &n, &size, e) == -1)
		return -1;
	if (is_dirty(hdr, n, &base_ok) && recovery_on &&
	    (r = recover(hv, base_ok, &lost, w, e)) != 0)
		goto out;
	if (hp_regf_check(hdr, n, size, hv->path, &hv->info, e) == -1) {
		if (lost.len > 0) {
			char *m = hp_strdup(e->msg);

			hp_error_set(e, HP_E_INPUT, "%s; its logs cannot "
			    "repair it (%s)", m, lost.buf);
			free(m);
		}
		r = -1;
		goto out;
	}
	if (hv->info.seq1 != hv->info.seq2)
		hp_buf_addf(&why, "sequence numbers differ (%u/%u)",
		    hv->info.seq1, hv->info.seq2);
	if (lost.len > 0)
		hp_buf_addf(&why, " and its logs cannot be used (%s): what "
		    "they hold is missing", lost.buf);
	logs = lost.len > 0 ? 0 : pending_logs(hv, &why, w);
	if (why.len > 0)
		r = stale_hive(hv, why.buf, logs, w, e);
out:
	hp_buf_release(&why);
	hp_buf_release(&lost);
	return r == 1 ? 0 : r;
}

int
hp_hive_open(const char *path, unsigned flags, const struct hp_path *mount,
    struct hp_hive **out, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_hive *hv;

	*out = NULL;
	hv = hp_calloc(1, sizeof(*hv));
	hv->path = hp_strdup(path);
	hv->flags = flags;
	hv->lock_fd = -1;
	hv->image_fd = -1;
	if ((flags & HP_HIVE_WRITE) && (resolve_real(hv, e) == -1 ||
	    lock_hive(hv, e) == -1 || sweep_temps(hv, w, e) == -1))
		goto fail;
	if (check_header(hv, w, e) == -1)
		goto fail;
	errno = 0;
	hv->h = hivex_open(hive_source(hv), 0);
	if (hv->h == NULL) {
		hp_error_set(e, HP_E_INPUT, "%s: corrupt hive%s: libhivex "
		    "cannot open it: %s", path, hv->state == HP_HIVE_RECOVERED ?
		    " after replaying its logs" : "", hive_hivex_reason(errno));
		goto fail;
	}
	if (mount != NULL)
		hp_path_copy(&hv->mount, mount);
	hv->has_mount = mount != NULL ||
	    hp_mount_detect(hv->info.name, path, &hv->mount) == 0;
	*out = hv;
	return 0;
fail:
	hp_hive_close(hv);
	return -1;
}

void
hp_hive_close(struct hp_hive *hv)
{
	if (hv == NULL)
		return;
	hive_close_handle(hv, 0);
	hive_overlay_free(hv);
	if (hv->lock_fd != -1)
		close(hv->lock_fd);
	forget_image(hv);
	hive_want_free(hv);
	hp_patch_free(&hv->checks);
	hp_path_free(&hv->mount);
	free(hv->real);
	free(hv->path);
	free(hv);
}

int
hp_hive_create(const char *path, const struct hp_path *mount,
    struct hp_error *e)
{
	struct hp_buf img = HP_BUF_INIT;
	const char *fname = mount ? hp_mount_file_name(mount) : NULL;
	struct stat st;
	char *emb = NULL;
	int r;

	if (lstat(path, &st) == 0)
		return hp_error_set(e, HP_E_INPUT, "%s: already exists; "
		    "refusing to overwrite it", path);
	/* The embedded name is how the mount is found again later. */
	if (fname != NULL)
		emb = hp_strfmt("\\SystemRoot\\System32\\Config\\%s", fname);
	r = hp_regf_new(&img, emb ? emb : path, hp_filetime_now(), e);
	if (r == 0)
		r = hp_txn_save(path, img.buf, img.len, NULL, e);
	free(emb);
	hp_buf_release(&img);
	return r;
}
