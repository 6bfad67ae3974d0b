/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/hook.h"

mode_t
hp_umask(void)
{
	mode_t m = umask(022);

	umask(m);
	return m;
}

#ifdef HP_FAULT_INJECTION
#include <sys/xattr.h>

#include <fcntl.h>

enum kind {
	K_OPEN, K_WRITE, K_CHOWN, K_XATTR, K_FSYNC, K_CLOSE, K_LINK, K_RENAME,
	K_UNLINK, K_MKDIR, K_FSYNCDIR, K_DIGEST, K_NKINDS
};

static const char *const kind_names[K_NKINDS] = {
	"open", "write", "chown", "xattr", "fsync", "close", "link", "rename",
	"unlink", "mkdir", "fsyncdir", "digest"
};

/*
 * Test-only: the one place with mutable global state, a call counter per
 * kind, compiled only into the fault-injection binary.
 */
static unsigned long calls[K_NKINDS];

static int
should_fail(enum kind kind)
{
	const char *spec = getenv("HIVEPOL_FAULT");
	size_t len = strlen(kind_names[kind]);

	calls[kind]++;
	if (spec == NULL || strncmp(spec, kind_names[kind], len) != 0 ||
	    spec[len] != ':')
		return 0;
	if (strtoul(spec + len + 1, NULL, 10) != calls[kind])
		return 0;
	errno = EIO;
	return 1;
}

int
hp_hook_openat(int dirfd, const char *name, int flags, mode_t mode)
{
	return should_fail(K_OPEN) ? -1 : openat(dirfd, name, flags, mode);
}

ssize_t
hp_hook_write(int fd, const void *buf, size_t len)
{
	return should_fail(K_WRITE) ? -1 : write(fd, buf, len);
}

int
hp_hook_fchown(int fd, uid_t uid, gid_t gid)
{
	return should_fail(K_CHOWN) ? -1 : fchown(fd, uid, gid);
}

int
hp_hook_fsetxattr(int fd, const char *name, const void *value, size_t len)
{
	return should_fail(K_XATTR) ? -1 : fsetxattr(fd, name, value, len, 0);
}

int
hp_hook_fsync(int fd)
{
	return should_fail(K_FSYNC) ? -1 : fsync(fd);
}

int
hp_hook_close(int fd)
{
	if (should_fail(K_CLOSE)) {
		close(fd);
		errno = EIO;
		return -1;
	}
	return close(fd);
}

int
hp_hook_linkat(int dirfd, const char *from, const char *to)
{
	return should_fail(K_LINK) ? -1 : linkat(dirfd, from, dirfd, to, 0);
}

int
hp_hook_rename(const char *from, const char *to)
{
	return should_fail(K_RENAME) ? -1 : rename(from, to);
}

int
hp_hook_renameat(int dirfd, const char *from, const char *to)
{
	return should_fail(K_RENAME) ? -1 : renameat(dirfd, from, dirfd, to);
}

int
hp_hook_unlinkat(int dirfd, const char *name)
{
	return should_fail(K_UNLINK) ? -1 : unlinkat(dirfd, name, 0);
}

int
hp_hook_mkdir(const char *path)
{
	return should_fail(K_MKDIR) ? -1 : mkdir(path, 0777);
}

int
hp_hook_fsync_dir(int fd)
{
	return should_fail(K_FSYNCDIR) ? -1 : fsync(fd);
}

int
hp_hook_digest_differs(void)
{
	return should_fail(K_DIGEST);
}
#endif
