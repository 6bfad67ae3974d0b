/* Transactions: stage, commit, abort, and undo when a step fails. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "core/txn.h"

struct fixture {
	char	dir[64];
	char	path[5][320];
};

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	size_t i;

	if (fx == NULL)
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/hp-txn-XXXXXX");
	if (mkdtemp(fx->dir) == NULL)
		return -1;
	for (i = 0; i < 5; i++)
		snprintf(fx->path[i], sizeof(fx->path[i]), "%s/f%zu", fx->dir,
		    i);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->dir);
	free(fx);
	return system(cmd) == 0 ? 0 : -1;
}

static void
put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void
assert_content(const char *path, const char *want)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_error e = HP_ERROR_INIT;

	assert_int_equal(hp_file_read(path, 4096, &b, &e), 0);
	assert_string_equal(b.buf, want);
	hp_buf_release(&b);
}

/* Nothing but the files a test made: no temporary, no kept link. */
static void
assert_no_temps(const char *dir)
{
	struct dirent *d;
	DIR *dp = opendir(dir);

	assert_non_null(dp);
	while ((d = readdir(dp)) != NULL)
		assert_null(strstr(d->d_name, ".hivepol-"));
	closedir(dp);
}

static void
test_commit(void **state)
{
	struct fixture *fx = *state;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_txn_file *f;
	struct hp_txn *t;
	struct stat st;

	put_file(fx->path[0], "old0");
	assert_int_equal(hp_txn_begin(&t, &e), 0);
	assert_int_equal(hp_txn_stage(t, fx->path[0], &f, &e), 0);
	assert_int_equal(hp_txn_write(f, "new", 3, &e), 0);
	assert_int_equal(hp_txn_write(f, "0", 1, &e), 0);
	assert_string_equal(hp_txn_target(f), fx->path[0]);
	/* Staged beside the target, under the name a sweep knows. */
	assert_non_null(strstr(hp_txn_temp_name(f), "/.f0.hivepol-"));
	assert_int_equal(stat(hp_txn_temp_name(f), &st), 0);
	assert_int_equal(hp_txn_put(t, fx->path[1], "new1", 4, &e), 0);
	/* Staging a target twice is an error, and changes nothing. */
	assert_int_equal(hp_txn_put(t, fx->path[1], "x", 1, &e), -1);
	assert_non_null(strstr(e.msg, "twice"));
	/* Nothing shows before the commit. */
	assert_content(fx->path[0], "old0");
	assert_int_equal(access(fx->path[1], F_OK), -1);
	assert_int_equal(hp_txn_commit(t, NULL, &e), 0);
	hp_txn_free(t);
	assert_content(fx->path[0], "new0");
	assert_content(fx->path[1], "new1");
	assert_no_temps(fx->dir);
}

static void
test_abort(void **state)
{
	struct fixture *fx = *state;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_txn *t;
	char sub[400];

	put_file(fx->path[0], "old0");
	snprintf(sub, sizeof(sub), "%s/a/b", fx->dir);
	assert_int_equal(hp_txn_begin(&t, &e), 0);
	assert_int_equal(hp_txn_put(t, fx->path[0], "new0", 4, &e), 0);
	assert_int_equal(hp_txn_mkdir(t, sub, &e), 0);
	strcat(sub, "/f");
	assert_int_equal(hp_txn_put(t, sub, "new", 3, &e), 0);
	hp_txn_free(t);	/* never committed */
	assert_content(fx->path[0], "old0");
	/* The folders it made went with it. */
	snprintf(sub, sizeof(sub), "%s/a", fx->dir);
	assert_int_equal(access(sub, F_OK), -1);
	assert_no_temps(fx->dir);
}

struct seen {
	char	names[4][320];
	size_t	n;
	size_t	fail_at;	/* 1-based call that fails, 0: none */
};

static int
verify(void *arg, const char *temp_name, struct hp_error *e)
{
	struct seen *s = arg;

	snprintf(s->names[s->n], sizeof(s->names[s->n]), "%s", temp_name);
	if (++s->n == s->fail_at)
		return hp_error_set(e, HP_E_IO, "verify %zu failed", s->n);
	return 0;
}

static void
test_verify_order(void **state)
{
	struct fixture *fx = *state;
	struct hp_error e = HP_ERROR_INIT;
	struct seen s = { { { 0 } }, 0, 0 };
	struct hp_txn_file *f[3];
	struct hp_txn *t;
	size_t i;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < 3; i++)
			put_file(fx->path[i], "old");
		memset(&s, 0, sizeof(s));
		s.fail_at = pass == 0 ? 3 : 0;
		assert_int_equal(hp_txn_begin(&t, &e), 0);
		for (i = 0; i < 3; i++) {
			assert_int_equal(hp_txn_stage(t, fx->path[i], &f[i],
			    &e), 0);
			assert_int_equal(hp_txn_write(f[i], "new", 3, &e), 0);
			hp_txn_set_verify(f[i], verify, &s);
		}
		/* Each temporary is verified in staging order. */
		assert_int_equal(hp_txn_commit(t, NULL, &e), pass ? 0 : -1);
		assert_int_equal(s.n, 3);
		for (i = 0; i < 3; i++)
			assert_string_equal(s.names[i],
			    hp_txn_temp_name(f[i]));
		hp_txn_free(t);
		/* A failed verify, before any rename, changes nothing. */
		for (i = 0; i < 3; i++)
			assert_content(fx->path[i], pass ? "new" : "old");
		assert_no_temps(fx->dir);
	}
}

/*
 * A step of the renames that fails after others succeeded (the last
 * target became a folder after it was staged): what went before is put
 * back, a replaced file with its old bytes, a new one removed, and a
 * removal undone.
 */
static void
test_undo(void **state)
{
	struct fixture *fx = *state;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_txn *t;
	char inside[400];

	put_file(fx->path[0], "old0");
	put_file(fx->path[3], "old3");
	assert_int_equal(hp_txn_begin(&t, &e), 0);
	assert_int_equal(hp_txn_put(t, fx->path[0], "new0", 4, &e), 0);
	assert_int_equal(hp_txn_put(t, fx->path[1], "new1", 4, &e), 0);
	assert_int_equal(hp_txn_remove(t, fx->path[3], &e), 0);
	assert_int_equal(hp_txn_put(t, fx->path[2], "new2", 4, &e), 0);
	assert_int_equal(mkdir(fx->path[2], 0755), 0);
	snprintf(inside, sizeof(inside), "%s/x", fx->path[2]);
	put_file(inside, "x");
	assert_int_equal(hp_txn_commit(t, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "is a folder"));
	hp_txn_free(t);
	assert_content(fx->path[0], "old0");
	assert_int_equal(access(fx->path[1], F_OK), -1);
	assert_content(fx->path[3], "old3");
	assert_content(inside, "x");
	assert_no_temps(fx->dir);
}

static void
test_remove_and_backup(void **state)
{
	struct fixture *fx = *state;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_txn_file *f;
	struct hp_txn *t;
	char bak[400];

	put_file(fx->path[0], "old0");
	put_file(fx->path[1], "old1");
	assert_int_equal(hp_txn_begin(&t, &e), 0);
	assert_int_equal(hp_txn_stage(t, fx->path[0], &f, &e), 0);
	assert_int_equal(hp_txn_write(f, "new0", 4, &e), 0);
	hp_txn_set_backup(f, 1);
	assert_int_equal(hp_txn_remove(t, fx->path[1], &e), 0);
	/* An absent file is fine to remove. */
	assert_int_equal(hp_txn_remove(t, fx->path[4], &e), 0);
	assert_int_equal(hp_txn_commit(t, NULL, &e), 0);
	hp_txn_free(t);
	assert_content(fx->path[0], "new0");
	snprintf(bak, sizeof(bak), "%s.bak", fx->path[0]);
	assert_content(bak, "old0");
	assert_int_equal(access(fx->path[1], F_OK), -1);
	assert_no_temps(fx->dir);
}

static void
test_symlinks(void **state)
{
	struct fixture *fx = *state;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_txn_file *f;
	struct hp_txn *t;
	struct stat st;
	char link[400], loop[400];

	put_file(fx->path[0], "old0");
	snprintf(link, sizeof(link), "%s/link", fx->dir);
	assert_int_equal(symlink("f0", link), 0);
	assert_int_equal(hp_txn_begin(&t, &e), 0);
	assert_int_equal(hp_txn_stage(t, link, &f, &e), 0);
	assert_string_equal(hp_txn_target(f), fx->path[0]);
	assert_int_equal(hp_txn_write(f, "new0", 4, &e), 0);
	/* The link and its target are one file: not twice. */
	assert_int_equal(hp_txn_put(t, fx->path[0], "x", 1, &e), -1);
	assert_int_equal(hp_txn_commit(t, NULL, &e), 0);
	hp_txn_free(t);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_content(fx->path[0], "new0");
	/* A loop is an error naming the path. */
	snprintf(loop, sizeof(loop), "%s/loop", fx->dir);
	assert_int_equal(symlink("loop", loop), 0);
	assert_int_equal(hp_txn_save(loop, "x", 1, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "too many levels of symbolic links"));
	assert_no_temps(fx->dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_order, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_undo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove_and_backup, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_symlinks, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
