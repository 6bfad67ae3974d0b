/*
 * The hive digest "--verify=full" uses to prove a written image holds
 * what the hive's view holds: equal for the same registry written in another
 * order and layout, different for any change of a name, a value's data,
 * type or key, or the nesting.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/error.h"
#include "formats/hive.h"
#include "formats/hive_digest.h"
#include "core/patch.h"
#include "core/value.h"
#include "core/view.h"

struct fixture {
	char	dir[32];
	int	n;
};

struct set {
	const char	*key;		/* below HKLM\SOFTWARE */
	const char	*name;
	uint32_t	 data;
};

/* The registry every variant below starts from. */
static const struct set base[] = {
	{ "A", "x", 1 },
	{ "A\\B", "y", 2 },
	{ "A\\B", "z", 3 },
	{ "C", "x", 4 },
	{ "C\\D\\E", "w", 5 },
};
#define NBASE	(sizeof(base) / sizeof(base[0]))

static void
add_set(struct hp_patch *p, const struct set *s)
{
	struct hp_value v = HP_VALUE_INIT;
	struct hp_path key;
	char full[64];

	snprintf(full, sizeof(full), "HKLM\\SOFTWARE\\%s", s->key);
	assert_int_equal(hp_path_parse(full, &key, NULL), 0);
	hp_value_set_dword(&v, s->data);
	assert_non_null(hp_patch_add(p, HP_OP_SET_VALUE, &key, s->name, &v,
	    0));
	hp_value_free(&v);
	hp_path_free(&key);
}

/* The digest of the hive file at path, read through libhivex. */
static int
file_digest(const char *path, uint64_t *out, struct hp_error *e)
{
	struct hp_hive *hv;
	struct hp_view v;
	int r;

	if (hp_hive_open(path, 0, NULL, &hv, NULL, e) == -1)
		return -1;
	hp_hive_view(hv, &v);
	r = hp_view_digest(&v, out, e);
	hp_hive_close(hv);
	return r;
}

/* A new hive holding sets[0..n) (applied in that order); its digest. */
static uint64_t
digest_of(struct fixture *f, const struct set *sets, size_t n,
    const char *extra_key)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_apply_stats st = { 0 };
	struct hp_commit_opts co = { 0 };
	struct hp_path mount, key;
	struct hp_hive *hv;
	char path[64];
	uint64_t d;
	size_t i;

	snprintf(path, sizeof(path), "%s/h%d", f->dir, f->n++);
	assert_int_equal(hp_path_parse("HKLM\\SOFTWARE", &mount, NULL), 0);
	assert_int_equal(hp_hive_create(path, &mount, &e), 0);
	for (i = 0; i < n; i++)
		add_set(&p, &sets[i]);
	/* A key made and deleted again leaves the layout different. */
	if (extra_key != NULL) {
		assert_int_equal(hp_path_parse(extra_key, &key, NULL), 0);
		assert_non_null(hp_patch_add(&p, HP_OP_DELETE_KEY, &key, NULL,
		    NULL, 0));
		hp_path_free(&key);
	}
	assert_int_equal(hp_hive_open(path, HP_HIVE_WRITE, NULL, &hv, NULL,
	    &e), 0);
	assert_int_equal(hp_hive_apply(hv, &p, &st, NULL, &e), 0);
	assert_int_equal(hp_hive_commit(hv, &co, &e), 0);
	hp_hive_close(hv);
	assert_int_equal(file_digest(path, &d, &e), 0);
	unlink(path);
	hp_patch_free(&p);
	hp_path_free(&mount);
	return d;
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	strcpy(f->dir, "/tmp/hivepol-unit.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	rmdir(f->dir);
	free(f);
	return 0;
}

static void
test_same_registry_same_digest(void **state)
{
	struct fixture *f = *state;
	struct set rev[NBASE], more[NBASE + 1];
	uint64_t d = digest_of(f, base, NBASE, NULL);
	size_t i;

	for (i = 0; i < NBASE; i++)
		rev[i] = base[NBASE - 1 - i];
	assert_true(digest_of(f, rev, NBASE, NULL) == d);
	/* A key added, then deleted: other cells, other offsets. */
	memcpy(more, base, sizeof(base));
	more[NBASE] = (struct set){ "A\\Gone", "g", 9 };
	assert_true(digest_of(f, more, NBASE + 1, "HKLM\\SOFTWARE\\A\\Gone") ==
	    d);
}

static void
test_any_change_shows(void **state)
{
	struct fixture *f = *state;
	struct set s[NBASE];
	uint64_t d = digest_of(f, base, NBASE, NULL);

	memcpy(s, base, sizeof(base));
	s[2].data = 33;				/* data */
	assert_true(digest_of(f, s, NBASE, NULL) != d);
	memcpy(s, base, sizeof(base));
	s[2].name = "Z";			/* value name (case) */
	assert_true(digest_of(f, s, NBASE, NULL) != d);
	memcpy(s, base, sizeof(base));
	s[2].key = "A";				/* value moved to the parent */
	assert_true(digest_of(f, s, NBASE, NULL) != d);
	memcpy(s, base, sizeof(base));
	s[4].key = "C\\E\\D";			/* nesting */
	assert_true(digest_of(f, s, NBASE, NULL) != d);
	memcpy(s, base, sizeof(base));
	s[1].data = 3;				/* data swapped between */
	s[2].data = 2;				/* values of one key */
	assert_true(digest_of(f, s, NBASE, NULL) != d);
	/* One value fewer. */
	assert_true(digest_of(f, base, NBASE - 1, NULL) != d);
}

static void
test_unreadable(void **state)
{
	struct fixture *f = *state;
	struct hp_error e = HP_ERROR_INIT;
	char path[64];
	uint64_t d;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/junk", f->dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs("not a hive", fp);
	fclose(fp);
	assert_int_equal(file_digest(path, &d, &e), -1);
	assert_non_null(strstr(e.msg, "junk: not a registry hive"));
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_registry_same_digest),
		cmocka_unit_test(test_any_change_shows),
		cmocka_unit_test(test_unreadable),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
