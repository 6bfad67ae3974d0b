/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Copying a host file into an NTFS volume (image/ntfs.c's copy_in) when
 * the host file ends before the size fstat gave: read returns 0 and sets
 * no errno, so the error must say what happened rather than print
 * whatever errno held.  A sysfs attribute stands for a file that shrank
 * between fstat and read: its size says 4096, its read ends sooner.
 * Skipped without mkntfs and ntfscp, or without such a file.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/error.h"
#include "image/container.h"

/* A file whose read ends before its stat size, or NULL. */
static const char *
short_file(void)
{
	static const char *const cand[] = {
		"/sys/kernel/mm/transparent_hugepage/enabled",
		"/sys/kernel/uevent_seqnum", "/sys/power/state",
	};
	char buf[8192];
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof(cand) / sizeof(cand[0]); i++) {
		int fd = open(cand[i], O_RDONLY);
		ssize_t n;

		if (fd < 0)
			continue;
		n = fstat(fd, &st) == 0 ? read(fd, buf, sizeof(buf)) : -1;
		close(fd);
		if (n >= 0 && n < st.st_size)
			return cand[i];
	}
	return NULL;
}

static void
test_early_eof(void **state)
{
	char dir[] = "/tmp/test_ntfs_io.XXXXXX", cmd[512], vol[64];
	const char *host = short_file(), *rels[] = { "f.txt" }, *hosts[1];
	struct hp_error e = HP_ERROR_INIT;
	struct hp_container *c = NULL;
	int r;

	(void)state;
	if (host == NULL)
		skip();
	assert_non_null(mkdtemp(dir));
	snprintf(vol, sizeof(vol), "%s/vol.img", dir);
	snprintf(cmd, sizeof(cmd), "cd %s && truncate -s 8M vol.img && "
	    "mkntfs -F -q vol.img >/dev/null 2>&1 && echo old > f.txt && "
	    "ntfscp -q vol.img f.txt f.txt >/dev/null 2>&1", dir);
	if (system(cmd) != 0) {
		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		assert_int_equal(system(cmd), 0);
		skip();
	}
	assert_int_equal(hp_container_open(vol, 1, &c, &e), 0);
	hosts[0] = host;
	r = c->ops->commit(c, rels, hosts, 1, &e);
	hp_container_close(c);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(r, -1);
	assert_int_equal(e.kind, HP_E_IO);
	assert_non_null(strstr(e.msg, "unexpected end of file at offset"));
	assert_non_null(strstr(e.msg, "of 4096 bytes"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_early_eof),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
