/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "core/limits.h"

/* Reads path whole; how says how to raise max, for the messages. */
static int
read_whole(const char *path, size_t max, const char *how, struct hp_buf *out,
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
		    "exceeds the limit of %zu bytes%s", path,
		    (long long)st.st_size, max, how);
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
			    "the limit of %zu bytes%s", path, max, how);
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

int
hp_file_read(const char *path, size_t max, struct hp_buf *out,
    struct hp_error *e)
{
	return read_whole(path, max, hp_limit_how(max), out, e);
}

/* A regular file is mapped; anything else is read, up to HP_MAX_STDIN. */
int
hp_file_map(const char *path, struct hp_file_map *m, struct hp_error *e)
{
	struct stat st;
	int fd;

	*m = (struct hp_file_map)HP_FILE_MAP_INIT;
	if (strcmp(path, "-") == 0 || stat(path, &st) == -1 ||
	    !S_ISREG(st.st_mode) || st.st_size == 0)
		goto read;
	if ((fd = open(path, O_RDONLY)) == -1)
		return hp_error_errno(e, HP_E_INPUT, "%s", path);
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (unsigned long long)st.st_size <= SIZE_MAX)
		m->map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE,
		    fd, 0);
	close(fd);
	if (m->map == NULL || m->map == MAP_FAILED) {
		m->map = NULL;
		goto read;
	}
	/* Readers go front to back, most of them once. */
	madvise(m->map, (size_t)st.st_size, MADV_SEQUENTIAL);
	m->data = m->map;
	m->len = (size_t)st.st_size;
	return 0;
read:
	if (read_whole(path, HP_MAX_STDIN, " (a pipe is read whole; a file "
	    "named instead of - is mapped and has no limit)", &m->b, e) == -1)
		return -1;
	m->data = (const unsigned char *)m->b.buf;
	m->len = m->b.len;
	return 0;
}

void
hp_file_map_done(struct hp_file_map *m, size_t upto)
{
	long page = sysconf(_SC_PAGESIZE);

	/* Unwritten pages of a private file mapping come back from the file. */
	if (m->map != NULL && page > 0 && upto <= m->len)
		madvise(m->map, upto - upto % (size_t)page, MADV_DONTNEED);
}

void
hp_file_unmap(struct hp_file_map *m)
{
	if (m->map != NULL)
		munmap(m->map, m->len);
	hp_buf_release(&m->b);
	*m = (struct hp_file_map)HP_FILE_MAP_INIT;
}
