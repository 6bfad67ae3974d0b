/*
 * A hive's lifecycle: the write lock, the checks of the base block before
 * libhivex sees the file, opening (libhivex always read-only: changes go
 * to the overlay), closing, and creating a new empty hive.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <hivex.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "formats/hive_impl.h"
#include "formats/mount.h"
#include "formats/regf.h"
#include "core/txn.h"

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
	if ((hv->h = hivex_open(hv->path, 0)) == NULL)
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

static int
check_header(struct hp_hive *hv, struct hp_warnings *w, struct hp_error *e)
{
	unsigned char hdr[HP_REGF_BLOCK];
	struct hp_buf why = HP_BUF_INIT;
	struct stat st;
	ssize_t n;
	int fd, logs, r = 0;

	if ((fd = open(hv->path, O_RDONLY)) == -1)
		return hp_error_errno(e, HP_E_INPUT, "%s", hv->path);
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return hp_error_set(e, HP_E_INPUT, "%s: not a regular file",
		    hv->path);
	}
	n = pread(fd, hdr, sizeof(hdr), 0);
	close(fd);
	if (n < 0)
		return hp_error_errno(e, HP_E_INPUT, "%s", hv->path);
	if (hp_regf_check(hdr, (size_t)n, (uint64_t)st.st_size, hv->path,
	    &hv->info, e) == -1)
		return -1;
	if (hv->info.seq1 != hv->info.seq2)
		hp_buf_addf(&why, "sequence numbers differ (%u/%u)",
		    hv->info.seq1, hv->info.seq2);
	logs = hp_regf_pending_logs(hv->path, &hv->info, &why, w);
	if (why.len == 0)
		goto out;
	if (logs > 0 && hv->info.seq1 == hv->info.seq2)
		hp_error_set(e, HP_E_INPUT, "%s: hive is dirty: transaction "
		    "log %s holds changes not in the file", hv->path, why.buf);
	else
		hp_error_set(e, HP_E_INPUT, "%s: hive is dirty: %s%s",
		    hv->path, why.buf, logs ? " are pending in its logs" : "");
	if ((hv->flags & HP_HIVE_WRITE) && !(hv->flags & HP_HIVE_FORCE)) {
		hp_error_prefix(e, "refusing to write");
		e->kind = HP_E_DIRTY;
		hp_error_hint(e, HP_HINT_FORCE);
		r = -1;
	} else {
		hp_warn(w, "%s; reading it as the primary file has it",
		    e->msg);
		hp_error_clear(e);
	}
out:
	hp_buf_release(&why);
	return r;
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
	if ((flags & HP_HIVE_WRITE) && (resolve_real(hv, e) == -1 ||
	    lock_hive(hv, e) == -1 || sweep_temps(hv, w, e) == -1))
		goto fail;
	if (check_header(hv, w, e) == -1)
		goto fail;
	errno = 0;
	hv->h = hivex_open(path, 0);
	if (hv->h == NULL) {
		hp_error_set(e, HP_E_INPUT, "%s: corrupt hive: libhivex "
		    "cannot open it: %s", path, hive_hivex_reason(errno));
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
