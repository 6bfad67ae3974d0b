#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "file.h"
#include "hook.h"

/* Tells hivepol's temporaries (.NAME.hivepol-XXXXXX) from other files. */
#define TEMP_TAG ".hivepol-"

int
hp_file_read(const char *path, size_t max, struct hp_buf *out,
    struct hp_error *e)
{
	struct stat st;
	size_t had = out->len;
	int fd, r = 0;

	fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY);
	if (fd == -1)
		return hp_error_errno(e, HP_EXIT_INPUT, "%s", path);
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		r = hp_error_set(e, HP_EXIT_INPUT, "%s: is a directory", path);
		goto out;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size > max) {
		r = hp_error_set(e, HP_EXIT_INPUT, "%s: file size %lld "
		    "exceeds the limit of %zu bytes", path,
		    (long long)st.st_size, max);
		goto out;
	}
	/* One allocation for a regular file, not a doubling series. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    hp_buf_grow(out, (size_t)st.st_size + 65536) == -1) {
		r = hp_error_errno(e, HP_EXIT_IO, "%s", path);
		goto out;
	}
	for (;;) {
		ssize_t n;

		if (hp_buf_grow(out, 65536) == -1) {
			r = hp_error_errno(e, HP_EXIT_IO, "%s", path);
			break;
		}
		n = read(fd, out->buf + out->len, 65536);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			r = hp_error_errno(e, HP_EXIT_INPUT, "%s", path);
			break;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->buf[out->len] = '\0';
		if (out->len > max) {
			r = hp_error_set(e, HP_EXIT_INPUT, "%s: input exceeds "
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

int
hp_file_write_all(int fd, const void *data, size_t len, const char *name,
    struct hp_error *e)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = hp_hook_write(fd, p, len);

		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return hp_error_errno(e, HP_EXIT_IO, "%s: write",
			    name);
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
hp_file_temp(const char *path, char **tmpname, struct hp_error *e)
{
	char *dup1 = strdup(path), *dup2 = strdup(path), *name = NULL;
	int fd = -1;

	if (dup1 == NULL || dup2 == NULL ||
	    asprintf(&name, "%s/.%s" TEMP_TAG "XXXXXX", dirname(dup1),
	    basename(dup2)) == -1) {
		name = NULL;
		hp_error_errno(e, HP_EXIT_IO, "out of memory");
		goto out;
	}
	if ((fd = mkstemp(name)) == -1) {
		hp_error_errno(e, HP_EXIT_IO, "%s: cannot create temporary "
		    "file", path);
		free(name);
		name = NULL;
	}
out:
	free(dup1);
	free(dup2);
	*tmpname = name;
	return fd;
}

int
hp_file_sweep_temps(const char *path, int *n, struct hp_error *e)
{
	char *dup1 = strdup(path), *dup2 = strdup(path), *dir, *base;
	struct dirent *d;
	size_t blen;
	DIR *dp;
	int r = 0;

	*n = 0;
	if (dup1 == NULL || dup2 == NULL) {
		r = hp_error_errno(e, HP_EXIT_IO, "out of memory");
		goto out;
	}
	dir = dirname(dup1);
	base = basename(dup2);
	blen = strlen(base);
	if ((dp = opendir(dir)) == NULL) {
		r = hp_error_errno(e, HP_EXIT_IO, "%s", dir);
		goto out;
	}
	while ((d = readdir(dp)) != NULL) {
		const char *s = d->d_name;
		char *full;

		if (s[0] != '.' || strncmp(s + 1, base, blen) != 0 ||
		    strncmp(s + 1 + blen, TEMP_TAG, strlen(TEMP_TAG)) != 0 ||
		    strlen(s + 1 + blen + strlen(TEMP_TAG)) != 6)
			continue;
		if (asprintf(&full, "%s/%s", dir, s) == -1) {
			r = hp_error_errno(e, HP_EXIT_IO, "out of memory");
			break;
		}
		if (unlink(full) == 0)
			(*n)++;
		free(full);
	}
	closedir(dp);
out:
	free(dup1);
	free(dup2);
	return r;
}

int
hp_file_sync_dir(const char *path, struct hp_error *e)
{
	char *dup = strdup(path);
	int fd, r = 0;

	if (dup == NULL)
		return hp_error_errno(e, HP_EXIT_IO, "out of memory");
	fd = open(dirname(dup), O_RDONLY | O_DIRECTORY);
	if (fd == -1 || hp_hook_fsync(fd) == -1)
		r = hp_error_errno(e, HP_EXIT_IO, "%s: cannot sync directory",
		    path);
	if (fd != -1)
		close(fd);
	free(dup);
	return r;
}

int
hp_file_commit_temp(int fd, const char *tmpname, const char *path,
    struct hp_error *e)
{
	struct stat st;
	char *keep = NULL;
	int r = -1, existed;

	/* Keep the target's permissions, as an editor would. */
	if ((existed = stat(path, &st) == 0))
		(void)fchmod(fd, st.st_mode & 07777);
	else
		(void)fchmod(fd, 0666 & ~hp_umask());
	if (hp_hook_fsync(fd) == -1) {
		hp_error_errno(e, HP_EXIT_IO, "%s: fsync", tmpname);
		goto fail;
	}
	if (hp_hook_close(fd) == -1) {
		fd = -1;
		hp_error_errno(e, HP_EXIT_IO, "%s: close", tmpname);
		goto fail;
	}
	fd = -1;
	/*
	 * Keep a second name for the original until the directory is
	 * synced, so a failure there can still put it back.
	 */
	if (asprintf(&keep, "%s.orig", tmpname) == -1) {
		keep = NULL;
		hp_error_errno(e, HP_EXIT_IO, "out of memory");
		goto fail;
	}
	if (link(path, keep) == -1) {
		free(keep);
		keep = NULL;
	}
	if (hp_hook_rename(tmpname, path) == -1) {
		hp_error_errno(e, HP_EXIT_IO, "%s: cannot replace", path);
		goto fail;
	}
	if (hp_file_sync_dir(path, e) == -1) {
		if (keep != NULL && rename(keep, path) == 0) {
			free(keep);
			keep = NULL;
			hp_error_prefix(e, "%s: not replaced", path);
		} else if (!existed && unlink(path) == 0)
			/* A new file whose name may not last: none at all. */
			hp_error_prefix(e, "%s: not written", path);
		goto fail;
	}
	r = 0;
fail:
	if (fd != -1)
		close(fd);
	if (keep != NULL)
		unlink(keep);
	free(keep);
	if (r == -1)
		unlink(tmpname);
	return r;
}

int
hp_file_write_atomic(const char *path, const void *data, size_t len,
    struct hp_error *e)
{
	char *tmp;
	int fd, r;

	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			return hp_error_errno(e, HP_EXIT_IO, "stdout");
		return 0;
	}
	if ((fd = hp_file_temp(path, &tmp, e)) == -1)
		return -1;
	if (hp_file_write_all(fd, data, len, tmp, e) == -1) {
		close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	r = hp_file_commit_temp(fd, tmp, path, e);
	free(tmp);
	return r;
}
