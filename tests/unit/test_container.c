/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The container layer without a real backend: a fake image tree serves
 * list, kind and extract, so the rules of container.c are tested alone:
 * names found in any case (Windows' rule), links never followed, files
 * staged once into a private folder, only changed files committed, the
 * stage gone after close.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "image/container.h"

/* The fake image: path, kind. */
static const struct { const char *path; mode_t kind; } tree[] = {
	{ "Windows", S_IFDIR },
	{ "Windows/System32", S_IFDIR },
	{ "Windows/System32/config", S_IFDIR },
	{ "Windows/System32/config/SOFTWARE", S_IFREG },
	{ "Windows/System32/config/system", S_IFLNK },
	{ "Windows/System32/config/SYSTEM.old", S_IFREG },
};

static int ncommitted;

static int
fake_list(struct hp_container *c, const char *rel, struct hp_buf *names,
    struct hp_error *e)
{
	size_t i, len = strlen(rel);

	(void)c;
	(void)e;
	for (i = 0; i < sizeof(tree) / sizeof(*tree); i++) {
		const char *p = tree[i].path;

		if (len > 0 && (strncmp(p, rel, len) != 0 || p[len] != '/'))
			continue;
		p += len ? len + 1 : 0;
		if (strchr(p, '/') == NULL)
			hp_buf_add(names, p, strlen(p) + 1);
	}
	return 0;
}

static int
fake_kind(struct hp_container *c, const char *rel, mode_t *kind,
    struct hp_error *e)
{
	size_t i;

	(void)c;
	(void)e;
	*kind = 0;
	for (i = 0; i < sizeof(tree) / sizeof(*tree); i++)
		if (strcmp(tree[i].path, rel) == 0)
			*kind = tree[i].kind;
	return 0;
}

static int
fake_extract(struct hp_container *c, const char *rel, int fd,
    struct hp_error *e)
{
	(void)c;
	(void)e;
	return write(fd, rel, strlen(rel)) == (ssize_t)strlen(rel) ? 0 : -1;
}

static int
fake_commit(struct hp_container *c, const char *const *rels,
    const char *const *hosts, size_t n, struct hp_error *e)
{
	(void)c;
	(void)hosts;
	(void)e;
	assert_int_equal(n, 1);
	assert_string_equal(rels[0], "Windows/System32/config/SOFTWARE");
	ncommitted++;
	return 0;
}

static void
fake_close(struct hp_container *c)
{
	(void)c;
}

static const struct hp_container_ops fake_ops = {
	"fake", NULL, fake_list, fake_kind, fake_extract, fake_commit,
	fake_close
};

static struct hp_container *
open_fake(void)
{
	struct hp_container *c = hp_calloc(1, sizeof(*c));
	char tmpl[] = "/tmp/hivepol-unit.XXXXXX";

	c->ops = &fake_ops;
	c->spec = hp_strdup("fake.wim:1");
	c->writable = 1;
	assert_non_null(mkdtemp(tmpl));
	c->stage = hp_strdup(tmpl);
	return c;
}

static void
test_find_any_case(void **state)
{
	static const char *const path[] = { "windows", "SYSTEM32", "Config",
	    "software" };
	struct hp_container *c = open_fake();
	struct hp_error e = HP_ERROR_INIT;
	char *out;

	(void)state;
	assert_int_equal(hp_container_find(c, "", path, 4, S_IFREG, &out, NULL,
	    &e), 0);
	assert_string_equal(out, "Windows/System32/config/SOFTWARE");
	free(out);
	/* A folder is not a file. */
	assert_int_equal(hp_container_find(c, "", path, 3, S_IFREG, &out, NULL,
	    &e), 0);
	assert_null(out);
	hp_container_close(c);
}

static void
test_links_not_followed(void **state)
{
	static const char *const path[] = { "SYSTEM" };
	struct hp_warnings w = HP_WARNINGS_INIT;
	struct hp_container *c = open_fake();
	struct hp_error e = HP_ERROR_INIT;
	char *out;

	(void)state;
	assert_int_equal(hp_container_find(c, "Windows/System32/config", path,
	    1, S_IFREG, &out, &w, &e), 0);
	assert_null(out);
	assert_int_equal(w.n, 1);
	assert_non_null(strstr(w.msgs[0], "links in an image are not followed"));
	hp_warnings_release(&w);
	hp_container_close(c);
}

static void
test_stage_and_commit(void **state)
{
	const char *rel = "Windows/System32/config/SOFTWARE";
	struct hp_container *c = open_fake();
	struct hp_error e = HP_ERROR_INIT;
	char *host, *again, *stage = hp_strdup(c->stage);
	struct stat st;
	FILE *f;

	(void)state;
	assert_int_equal(stat(stage, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(hp_container_stage(c, rel, &host, &e), 0);
	assert_int_equal(stat(host, &st), 0);
	assert_int_equal(st.st_size, strlen(rel));
	/* Staged once: the same file again. */
	assert_int_equal(hp_container_stage(c, rel, &again, &e), 0);
	assert_string_equal(host, again);
	free(again);
	/* Nothing changed: nothing to commit. */
	assert_int_equal(hp_container_commit(c, &e), 0);
	assert_int_equal(ncommitted, 0);
	/* A new file in its place (as the write path leaves it) is. */
	assert_int_equal(unlink(host), 0);
	assert_non_null(f = fopen(host, "w"));
	fputs("new", f);
	fclose(f);
	assert_int_equal(hp_container_commit(c, &e), 0);
	assert_int_equal(ncommitted, 1);
	/* A missing file is no file, and a link is not staged. */
	assert_int_equal(hp_container_stage(c, "Windows/nothing", &again,
	    &e), 0);
	assert_null(again);
	assert_int_equal(hp_container_stage(c,
	    "Windows/System32/config/system", &again, &e), 0);
	assert_null(again);
	hp_container_close(c);
	assert_int_equal(stat(stage, &st), -1);
	free(host);
	free(stage);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_any_case),
		cmocka_unit_test(test_links_not_followed),
		cmocka_unit_test(test_stage_and_commit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
