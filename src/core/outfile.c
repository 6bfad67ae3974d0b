#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "file.h"
#include "outfile.h"

/* Written data is handed to the disk in steps of this size. */
#define WRITEBACK_STEP	(8 * 1024 * 1024)

int
hp_outfile_open(struct hp_outfile *f, const char *path, struct hp_error *e)
{
	f->path = path;
	f->tmp = NULL;
	f->fd = -1;
	f->written = f->queued = 0;
	if (strcmp(path, "-") == 0)
		return 0;
	if ((f->fd = hp_file_temp(path, &f->tmp, e)) == -1)
		return -1;
	return 0;
}

int
hp_outfile_write(struct hp_outfile *f, const void *data, size_t len,
    struct hp_error *e)
{
	if (f->tmp == NULL) {
		if (fwrite(data, 1, len, stdout) != len)
			return hp_error_errno(e, HP_EXIT_IO, "stdout");
		return 0;
	}
	if (hp_file_write_all(f->fd, data, len, f->tmp, e) == -1)
		return -1;
	f->written += len;
#ifdef SYNC_FILE_RANGE_WRITE
	/*
	 * Start writing back what is written so far, so that the disk works
	 * while the export goes on and the fsync at commit waits only for
	 * the tail.  Only a hint: its errors show again at that fsync.
	 */
	if (f->written - f->queued >= WRITEBACK_STEP) {
		(void)sync_file_range(f->fd, (off_t)f->queued,
		    (off_t)(f->written - f->queued), SYNC_FILE_RANGE_WRITE);
		f->queued = f->written;
	}
#endif
	return 0;
}

int
hp_outfile_flush(void *arg, struct hp_buf *out, struct hp_error *e)
{
	int r = hp_outfile_write(arg, out->buf, out->len, e);

	hp_buf_reset(out);
	return r;
}

int
hp_outfile_commit(struct hp_outfile *f, struct hp_error *e)
{
	int r;

	if (f->tmp == NULL)
		return fflush(stdout) == 0 ? 0 : hp_error_errno(e, HP_EXIT_IO,
		    "stdout");
	r = hp_file_commit_temp(f->fd, f->tmp, f->path, e);
	f->fd = -1;
	free(f->tmp);
	f->tmp = NULL;
	return r;
}

void
hp_outfile_abort(struct hp_outfile *f)
{
	if (f->tmp == NULL)
		return;
	if (f->fd != -1)
		close(f->fd);
	unlink(f->tmp);
	free(f->tmp);
	f->tmp = NULL;
	f->fd = -1;
}
