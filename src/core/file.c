/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"

int
hp_file_read(const char *path, size_t max, struct hp_buf *out,
    struct hp_error *e)
{
	struct stat st;
	size_t had = out->len;
	int fd, r = 0;

	fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY);
	if (fd == -1)
		return hp_error_errno(e, HP_E_INPUT, "%s", path);
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		r = hp_error_set(e, HP_E_INPUT, "%s: is a directory", path);
		goto out;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size > max) {
		r = hp_error_set(e, HP_E_INPUT, "%s: file size %lld "
		    "exceeds the limit of %zu bytes", path,
		    (long long)st.st_size, max);
		goto out;
	}
	/* One allocation for a regular file, not a doubling series. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		hp_buf_grow(out, (size_t)st.st_size + 65536);
	for (;;) {
		ssize_t n;

		hp_buf_grow(out, 65536);
		n = read(fd, out->buf + out->len, 65536);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			r = hp_error_errno(e, HP_E_INPUT, "%s", path);
			break;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->buf[out->len] = '\0';
		if (out->len > max) {
			r = hp_error_set(e, HP_E_INPUT, "%s: input exceeds "
			    "the limit of %zu bytes", path, max);
			break;
		}
	}
out:
	if (fd != STDIN_FILENO)
		close(fd);
	/* A failed read leaves out as it was: callers need not clean up. */
	if (r == -1 && had == 0)
		hp_buf_release(out);
	else if (r == -1)
		out->len = had;
	return r;
}
