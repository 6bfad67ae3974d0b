/*
 * Jails: every test runs twice, once through openat2 RESOLVE_IN_ROOT and
 * once through the walk by hand, on the same tree of hostile links.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <linux/limits.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/jail.h"
#include "core/limits.h"

enum { KERNEL, BY_HAND };

struct fixture {
	int		 mode;
	char		 base[64];	/* the test's scratch directory */
	char		 root[128];	/* base/root: the jail */
	int		 rootfd;
	struct hp_jail	*j;
};

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void
link_at(const struct fixture *fx, const char *target, const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", fx->root, name);
	assert_int_equal(symlink(target, path), 0);
}

/*
 * root/a/file ("in"), root/Windows/System32/config/SOFTWARE, and outside
 * the root base/outside/secret ("host"), which no path may reach.
 */
static int
setup(void **state, int mode)
{
	static const char *const dirs[] = { "a", "Windows",
	    "Windows/System32", "Windows/System32/config" };
	struct fixture *fx = calloc(1, sizeof(*fx));
	char path[PATH_MAX];
	size_t i;
	int fd;

	assert_non_null(fx);
	fx->mode = mode;
	strcpy(fx->base, "/tmp/test_jail.XXXXXX");
	assert_non_null(mkdtemp(fx->base));
	snprintf(fx->root, sizeof(fx->root), "%s/root", fx->base);
	assert_int_equal(mkdir(fx->root, 0755), 0);
	for (i = 0; i < sizeof(dirs) / sizeof(*dirs); i++) {
		snprintf(path, sizeof(path), "%s/%s", fx->root, dirs[i]);
		assert_int_equal(mkdir(path, 0755), 0);
	}
	snprintf(path, sizeof(path), "%s/a/file", fx->root);
	put(path, "in");
	snprintf(path, sizeof(path), "%s/Windows/System32/config/SOFTWARE",
	    fx->root);
	put(path, "hive");
	snprintf(path, sizeof(path), "%s/outside", fx->base);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/outside/secret", fx->base);
	put(path, "host");
	assert_true((fx->rootfd = open(fx->root, O_PATH | O_DIRECTORY)) != -1);
	assert_int_equal(hp_jail_open(fx->root, &fx->j, NULL), 0);
	if (mode == BY_HAND)
		hp_jail_use_by_hand(fx->j);
	else if ((fd = hp_jail_open_kernel(fx->rootfd, "", O_PATH)) == -1)
		fx->mode = -1;		/* no openat2 here: skipped */
	else
		close(fd);
	*state = fx;
	return 0;
}

static int
setup_kernel(void **state)
{
	return setup(state, KERNEL);
}

static int
setup_by_hand(void **state)
{
	return setup(state, BY_HAND);
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;
	char cmd[128];

	hp_jail_close(fx->j);
	close(fx->rootfd);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->base);
	assert_int_equal(system(cmd), 0);
	free(fx);
	return 0;
}

static struct fixture *
fixture(void **state)
{
	struct fixture *fx = *state;

	if (fx->mode == -1)
		skip();
	return fx;
}

static int
open_in(const struct fixture *fx, const char *path, int flags)
{
	return fx->mode == KERNEL ? hp_jail_open_kernel(fx->rootfd, path,
	    flags) : hp_jail_open_by_hand(fx->rootfd, path, flags, NULL);
}

/* The text of path read through the resolver under test, or errno. */
static void
assert_reads(const struct fixture *fx, const char *path, const char *want)
{
	char buf[64];
	ssize_t n;
	int fd;

	fd = open_in(fx, path, O_RDONLY);
	if (fd == -1)
		fail_msg("%s: %s", path, strerror(errno));
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	assert_true(n >= 0);
	buf[n] = '\0';
	assert_string_equal(buf, want);
}

static void
assert_fails(const struct fixture *fx, const char *path, int err)
{
	int fd = open_in(fx, path, O_RDONLY);

	if (fd != -1)
		close(fd);
	assert_int_equal(fd, -1);
	assert_int_equal(errno, err);
}

static void
test_links_inside(void **state)
{
	struct fixture *fx = fixture(state);

	link_at(fx, "file", "a/rel");
	link_at(fx, "/a/file", "abs");
	link_at(fx, "a", "dlink");
	link_at(fx, ".", "self");
	assert_reads(fx, "a/file", "in");
	assert_reads(fx, "/a/file", "in");
	assert_reads(fx, "a/rel", "in");
	assert_reads(fx, "abs", "in");
	assert_reads(fx, "dlink/file", "in");
	assert_reads(fx, "dlink/../a/rel", "in");
	assert_reads(fx, "self/self/a/./file", "in");
}

/* ".." at the root stays there, from the path or from a link. */
static void
test_dotdot_stays_inside(void **state)
{
	struct fixture *fx = fixture(state);

	link_at(fx, "../../../../../a/file", "a/up");
	link_at(fx, "../../..", "dd");
	assert_reads(fx, "../../a/file", "in");
	assert_reads(fx, "a/up", "in");
	assert_reads(fx, "dd/a/file", "in");
	assert_reads(fx, "dd/../dd/a/file", "in");
	assert_fails(fx, "dd/outside/secret", ENOENT);
	assert_fails(fx, "../outside/secret", ENOENT);
}

/* A link to a host path means that path inside the root. */
static void
test_absolute_link_is_jailed(void **state)
{
	struct fixture *fx = fixture(state);
	char target[PATH_MAX], path[2 * PATH_MAX], cmd[2 * PATH_MAX];

	snprintf(target, sizeof(target), "%s/outside/secret", fx->base);
	link_at(fx, target, "esc");
	assert_fails(fx, "esc", ENOENT);
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s%s/outside'", fx->root,
	    fx->base);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof(path), "%s%s", fx->root, target);
	put(path, "jailed");
	assert_reads(fx, "esc", "jailed");
}

static void
test_loops_and_limits(void **state)
{
	struct fixture *fx = fixture(state);
	char name[32], target[32];
	int i;

	link_at(fx, "loop2", "loop1");
	link_at(fx, "loop1", "loop2");
	link_at(fx, "/me", "me");
	assert_fails(fx, "loop1", ELOOP);
	assert_fails(fx, "me/a/file", ELOOP);
	assert_fails(fx, "a/file/x", ENOTDIR);
	assert_fails(fx, "a/file/", ENOTDIR);
	/* Linux follows 40 links in one lookup, and so does the walk. */
	for (i = 0; i <= HP_MAX_JAIL_LINKS; i++) {
		snprintf(name, sizeof(name), "c%d", i);
		if (i < HP_MAX_JAIL_LINKS)
			snprintf(target, sizeof(target), "c%d", i + 1);
		else
			strcpy(target, "a/file");
		link_at(fx, target, name);
	}
	assert_reads(fx, "c1", "in");
	assert_fails(fx, "c0", ELOOP);
}

/* Resolved host paths: the root as given, then no link at all. */
static void
test_resolve(void **state)
{
	struct fixture *fx = fixture(state);
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf rel = HP_BUF_INIT;
	char want[PATH_MAX], *host;
	struct stat st;
	int fd;

	link_at(fx, "../a", "a/back");
	link_at(fx, "/a/back/rel", "hop");
	link_at(fx, "file", "a/rel");
	link_at(fx, "loop", "loop");
	snprintf(want, sizeof(want), "%s/a/file", fx->root);
	assert_int_equal(hp_jail_resolve(fx->j, "hop", &host, &st, &e), 0);
	assert_string_equal(host, want);
	assert_true(S_ISREG(st.st_mode));
	free(host);
	assert_int_equal(hp_jail_resolve(fx->j, "", &host, &st, &e), 0);
	assert_string_equal(host, fx->root);
	assert_true(S_ISDIR(st.st_mode));
	free(host);
	assert_int_equal(hp_jail_resolve(fx->j, "loop", &host, NULL, &e), -1);
	assert_null(host);
	assert_int_equal(e.kind, HP_E_INPUT);
	snprintf(want, sizeof(want), "%s/loop: %s", fx->root, strerror(ELOOP));
	assert_string_equal(e.msg, want);
	fd = hp_jail_openat(fx->j, "hop", O_RDONLY, &e);
	assert_true(fd != -1);
	assert_int_equal(read(fd, want, sizeof(want)), 2);
	assert_memory_equal(want, "in", 2);
	close(fd);
	/* The walk names what it walked. */
	fd = hp_jail_open_by_hand(fx->rootfd, "hop", O_PATH, &rel);
	assert_true(fd != -1);
	close(fd);
	assert_string_equal(rel.buf, "a/file");
	hp_buf_release(&rel);
}

static void
test_find(void **state)
{
	static const char *const sw[] = { "windows", "SYSTEM32", "Config",
	    "software" };
	struct fixture *fx = fixture(state);
	struct hp_warnings w = HP_WARNINGS_INIT;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf names = HP_BUF_INIT;
	const char *p;
	char *out;
	int n;

	assert_int_equal(hp_jail_find(fx->j, "", sw, 4, S_IFREG, &out, &w,
	    &e), 0);
	assert_string_equal(out, "Windows/System32/config/SOFTWARE");
	free(out);
	/* A directory is no file; a link leading nowhere is a warning. */
	assert_int_equal(hp_jail_find(fx->j, "", sw, 3, S_IFREG, &out, &w,
	    &e), 0);
	assert_null(out);
	link_at(fx, "/nowhere", "Windows/System32/config/SAM");
	assert_int_equal(hp_jail_find(fx->j, "Windows/System32/config",
	    (const char *const[]){ "sam" }, 1, S_IFREG, &out, &w, &e), 0);
	assert_null(out);
	assert_int_equal(w.n, 1);
	assert_non_null(strstr(w.msgs[0], "config/SAM: skipped"));
	/* A loop is an error naming the path. */
	link_at(fx, "SECURITY", "Windows/System32/config/SECURITY");
	assert_int_equal(hp_jail_find(fx->j, "Windows/System32/config",
	    (const char *const[]){ "security" }, 1, S_IFREG, &out, &w, &e),
	    -1);
	assert_non_null(strstr(e.msg, "config/SECURITY: "));
	assert_int_equal(hp_jail_list(fx->j, "a", &names, &e), 0);
	for (p = names.buf, n = 0; p < names.buf + names.len;
	    p += strlen(p) + 1, n++)
		assert_string_equal(p, "file");
	assert_int_equal(n, 1);
	hp_buf_release(&names);
	hp_warnings_release(&w);
}

#define BOTH(t) \
	{ "openat2: " #t, t, setup_kernel, teardown, NULL }, \
	{ "by hand: " #t, t, setup_by_hand, teardown, NULL }

int
main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_links_inside),
		BOTH(test_dotdot_stays_inside),
		BOTH(test_absolute_link_is_jailed),
		BOTH(test_loops_and_limits),
		BOTH(test_resolve),
		BOTH(test_find),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
