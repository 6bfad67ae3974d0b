#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hook.h"

mode_t
hp_umask(void)
{
	mode_t m = umask(022);

	umask(m);
	return m;
}

#ifdef HP_FAULT_INJECTION
/*
 * Test-only: the one place with mutable global state, a call counter per
 * kind, compiled only into the fault-injection binary.
 */
static unsigned long calls[5];

static int
should_fail(int kind, const char *name)
{
	const char *spec = getenv("HIVEPOL_FAULT");
	size_t len = strlen(name);

	calls[kind]++;
	if (spec == NULL || strncmp(spec, name, len) != 0 || spec[len] != ':')
		return 0;
	if (strtoul(spec + len + 1, NULL, 10) != calls[kind])
		return 0;
	errno = EIO;
	return 1;
}

ssize_t
hp_hook_write(int fd, const void *buf, size_t len)
{
	return should_fail(0, "write") ? -1 : write(fd, buf, len);
}

int
hp_hook_fsync(int fd)
{
	return should_fail(1, "fsync") ? -1 : fsync(fd);
}

int
hp_hook_rename(const char *from, const char *to)
{
	return should_fail(2, "rename") ? -1 : rename(from, to);
}

int
hp_hook_close(int fd)
{
	if (should_fail(3, "close")) {
		close(fd);
		errno = EIO;
		return -1;
	}
	return close(fd);
}

int
hp_hook_digest_differs(void)
{
	return should_fail(4, "digest");
}
#endif
