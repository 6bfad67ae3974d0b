/*
 * The diff's merge walk on small in-memory trees: which differences it
 * reports, in which order, and that the patch built from them turns A
 * into B (checked on seeded random trees).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/diff.h"
#include "core/error.h"
#include "core/patch.h"
#include "core/tree.h"

/* Every difference as one line: "kind KEY [name]". */
struct log {
	struct hp_buf	 text;
	struct hp_patch	 patch;
};

static int
record(void *arg, const struct hp_diff_item *d, struct hp_error *e)
{
	static const char *const kinds[] = { "+key", "-key", "+val", "-val",
	    "~val" };
	struct log *l = arg;

	hp_buf_addf(&l->text, "%s ", kinds[d->kind]);
	hp_path_format_short(d->key, &l->text);
	if (d->name != NULL)
		hp_buf_addf(&l->text, " [%s]", d->name);
	hp_buf_addc(&l->text, '\n');
	return hp_diff_patch_add(&l->patch, d, e);
}

/* Finds or creates the key at "A\B\C" below t's root. */
static struct hp_tree_key *
key(struct hp_tree *t, const char *rel)
{
	struct hp_tree_key *k = t->root;
	char *s = strdup(rel), *save = NULL, *c;

	assert_non_null(s);
	for (c = strtok_r(s, "\\", &save); c; c = strtok_r(NULL, "\\", &save))
		assert_non_null(k = hp_tree_child_add(k, c));
	free(s);
	return k;
}

static void
dword(struct hp_tree *t, const char *rel, const char *name, uint32_t x)
{
	struct hp_value v = HP_VALUE_INIT;

	hp_value_set_dword(&v, x);
	assert_int_equal(hp_tree_value_set(key(t, rel), name, &v), 0);
	hp_value_free(&v);
}

static void
raw(struct hp_tree *t, const char *rel, const char *name, uint32_t type,
    const void *data, size_t len)
{
	struct hp_value v = HP_VALUE_INIT;

	hp_value_set(&v, type, data, len);
	assert_int_equal(hp_tree_value_set(key(t, rel), name, &v), 0);
	hp_value_free(&v);
}

static void
mounted(struct hp_tree *t)
{
	struct hp_path m;

	assert_int_equal(hp_path_parse("HKLM\\SOFTWARE", &m, NULL), 0);
	hp_tree_init(t, &m);
	hp_path_free(&m);
}

/* Diffs a and b (below prefix, may be NULL) into l; returns the stats. */
static struct hp_diff_stats
run(struct hp_tree *a, struct hp_tree *b, const char *prefix, struct log *l)
{
	struct hp_diff_stats st;
	struct hp_view va, vb;
	struct hp_path p = HP_PATH_INIT;
	struct hp_error e = HP_ERROR_INIT;

	if (prefix != NULL)
		assert_int_equal(hp_path_parse(prefix, &p, NULL), 0);
	hp_tree_view(a, &va, "A");
	hp_tree_view(b, &vb, "B");
	hp_buf_reset(&l->text);
	hp_patch_free(&l->patch);
	if (hp_diff_views(&va, &vb, prefix ? &p : NULL, record, l, &st,
	    NULL, &e) == -1)
		fail_msg("diff: %s", e.msg);
	hp_path_free(&p);
	return st;
}

static void
log_free(struct log *l)
{
	hp_buf_release(&l->text);
	hp_patch_free(&l->patch);
}

/* Two trees mounted at HKLM\SOFTWARE and a log, for each test. */
struct fx {
	struct hp_tree	a, b;
	struct log	l;
};

static int
fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	mounted(&f->a);
	mounted(&f->b);
	f->l = (struct log){ HP_BUF_INIT, HP_PATCH_INIT };
	*state = f;
	return 0;
}

static int
fx_teardown(void **state)
{
	struct fx *f = *state;

	log_free(&f->l);
	hp_tree_free(&f->a);
	hp_tree_free(&f->b);
	free(f);
	return 0;
}

static void
test_equal_ignores_case_and_order(void **state)
{
	struct fx *f = *state;
	struct hp_diff_stats st;
	/* "x" with its NUL, and without. */
	static const unsigned char sz1[] = { 'x', 0, 0, 0 };
	static const unsigned char sz2[] = { 'x', 0 };

	dword(&f->a, "Zeta", "v", 1);
	dword(&f->a, "alpha\\Inner", "N", 2);
	raw(&f->a, "alpha", "s", 1, sz1, sizeof(sz1));
	/* The same content, other insertion order and name case. */
	raw(&f->b, "ALPHA", "S", 1, sz2, sizeof(sz2));
	dword(&f->b, "Alpha\\inner", "n", 2);
	dword(&f->b, "zeta", "V", 1);
	st = run(&f->a, &f->b, NULL, &f->l);
	assert_false(hp_diff_stats_any(&st));
	assert_string_equal(f->l.text.buf, "");
}

static void
test_merge_order_and_kinds(void **state)
{
	struct fx *f = *state;
	struct hp_diff_stats st;

	/* Subkeys: a (A only), b (both), C (B only), d (A only). */
	dword(&f->a, "a\\deep", "x", 1);
	dword(&f->a, "b", "same", 1);
	dword(&f->a, "b", "old", 1);
	dword(&f->a, "b", "chg", 1);
	dword(&f->a, "d", "x", 1);
	dword(&f->b, "B", "same", 1);
	dword(&f->b, "B", "chg", 2);
	dword(&f->b, "B", "new", 3);
	dword(&f->b, "C\\sub", "y", 4);
	dword(&f->b, "C", "", 5);
	st = run(&f->a, &f->b, NULL, &f->l);
	/*
	 * Sorted merge, depth first; a removed key lists its values and
	 * subkeys as an added key does; B's spelling of a shared name.
	 */
	assert_string_equal(f->l.text.buf,
	    "-key HKLM\\SOFTWARE\\a\n"
	    "-key HKLM\\SOFTWARE\\a\\deep\n"
	    "-val HKLM\\SOFTWARE\\a\\deep [x]\n"
	    "~val HKLM\\SOFTWARE\\B [chg]\n"
	    "+val HKLM\\SOFTWARE\\B [new]\n"
	    "-val HKLM\\SOFTWARE\\B [old]\n"
	    "+key HKLM\\SOFTWARE\\C\n"
	    "+val HKLM\\SOFTWARE\\C []\n"
	    "+key HKLM\\SOFTWARE\\C\\sub\n"
	    "+val HKLM\\SOFTWARE\\C\\sub [y]\n"
	    "-key HKLM\\SOFTWARE\\d\n"
	    "-val HKLM\\SOFTWARE\\d [x]\n");
	assert_int_equal(st.keys_added, 2);
	assert_int_equal(st.keys_removed, 3);
	assert_int_equal(st.values_added, 3);
	assert_int_equal(st.values_removed, 3);
	assert_int_equal(st.values_changed, 1);
}

static void
test_canonical_value_comparison(void **state)
{
	struct fx *f = *state;
	static const unsigned char d4[] = { 7, 0, 0, 0 }, d1[] = { 7 };
	static const unsigned char bin1[] = { 1, 2 }, bin2[] = { 1, 2, 0 };

	/* The same number in 4 and 1 bytes: equal. */
	raw(&f->a, "k", "num", HP_REG_DWORD, d4, sizeof(d4));
	raw(&f->b, "k", "num", HP_REG_DWORD, d1, sizeof(d1));
	/* Binary data one byte longer: changed. */
	raw(&f->a, "k", "bin", HP_REG_BINARY, bin1, sizeof(bin1));
	raw(&f->b, "k", "bin", HP_REG_BINARY, bin2, sizeof(bin2));
	/* The same bytes as another type: changed. */
	raw(&f->a, "k", "type", HP_REG_DWORD, d4, sizeof(d4));
	raw(&f->b, "k", "type", HP_REG_BINARY, d4, sizeof(d4));
	run(&f->a, &f->b, NULL, &f->l);
	assert_string_equal(f->l.text.buf,
	    "~val HKLM\\SOFTWARE\\k [bin]\n"
	    "~val HKLM\\SOFTWARE\\k [type]\n");
}

static void
test_prefix(void **state)
{
	struct fx *f = *state;

	dword(&f->a, "Only\\A\\x", "v", 1);
	dword(&f->a, "Both", "v", 1);
	dword(&f->b, "Both", "v", 2);
	dword(&f->b, "Other", "v", 2);
	dword(&f->b, "New\\x", "v", 1);
	run(&f->a, &f->b, "HKLM\\SOFTWARE\\Both", &f->l);
	assert_string_equal(f->l.text.buf, "~val HKLM\\SOFTWARE\\Both [v]\n");
	/* A prefix on one side only: its subtree added, or removed. */
	run(&f->a, &f->b, "HKLM\\SOFTWARE\\New", &f->l);
	assert_string_equal(f->l.text.buf,
	    "+key HKLM\\SOFTWARE\\New\n"
	    "+key HKLM\\SOFTWARE\\New\\x\n"
	    "+val HKLM\\SOFTWARE\\New\\x [v]\n");
	run(&f->a, &f->b, "HKLM\\SOFTWARE\\Only", &f->l);
	assert_string_equal(f->l.text.buf,
	    "-key HKLM\\SOFTWARE\\Only\n"
	    "-key HKLM\\SOFTWARE\\Only\\A\n"
	    "-key HKLM\\SOFTWARE\\Only\\A\\x\n"
	    "-val HKLM\\SOFTWARE\\Only\\A\\x [v]\n");
	/* On neither side: equal. */
	run(&f->a, &f->b, "HKLM\\SOFTWARE\\Nowhere", &f->l);
	assert_string_equal(f->l.text.buf, "");
}

static void
test_whole_namespace(void **state)
{
	struct hp_tree a, b;
	struct log l = { HP_BUF_INIT, HP_PATCH_INIT };

	/* Two .reg files: trees whose root holds the root keys. */
	(void)state;
	hp_tree_init(&a, NULL);
	hp_tree_init(&b, NULL);
	dword(&a, "HKEY_LOCAL_MACHINE\\S", "v", 1);
	dword(&b, "HKEY_LOCAL_MACHINE\\S", "v", 2);
	dword(&b, "HKEY_CURRENT_USER\\U", "w", 1);
	run(&a, &b, NULL, &l);
	assert_string_equal(l.text.buf,
	    "+key HKCU\n"
	    "+key HKCU\\U\n"
	    "+val HKCU\\U [w]\n"
	    "~val HKLM\\S [v]\n");
	log_free(&l);
	hp_tree_free(&a);
	hp_tree_free(&b);
}

/* A small deterministic generator (xorshift), so failures reproduce. */
static uint32_t
rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static const char *const names[] = { "a", "B", "c", "D", "e" };

/* Fills k with up to depth levels; names from a small set so that the
 * two trees overlap, in random case. */
static void
fill(struct hp_tree_key *k, int depth, uint32_t *s)
{
	unsigned i, n = rnd(s) % 4;

	for (i = 0; i < n; i++) {
		char nm[8];
		struct hp_value v = HP_VALUE_INIT;

		snprintf(nm, sizeof(nm), "%s", names[rnd(s) % 5]);
		if (rnd(s) % 2)
			nm[0] ^= 0x20;		/* other case */
		if (rnd(s) % 3 == 0)
			hp_value_set(&v, HP_REG_BINARY, "xy", 1 + rnd(s) % 2);
		else
			hp_value_set_dword(&v, rnd(s) % 3);
		assert_int_equal(hp_tree_value_set(k, nm, &v), 0);
		hp_value_free(&v);
	}
	if (depth == 0)
		return;
	for (i = 0, n = rnd(s) % 4; i < n; i++) {
		char nm[8];

		snprintf(nm, sizeof(nm), "%s", names[rnd(s) % 5]);
		if (rnd(s) % 2)
			nm[0] ^= 0x20;
		fill(hp_tree_child_add(k, nm), depth - 1, s);
	}
}

static void
test_patch_turns_a_into_b(void **state)
{
	uint32_t seed;

	(void)state;
	for (seed = 1; seed <= 300; seed++) {
		struct hp_tree a, b;
		struct log l = { HP_BUF_INIT, HP_PATCH_INIT };
		struct hp_diff_stats st;
		struct hp_error e = HP_ERROR_INIT;
		uint32_t s = seed * 2654435761u;

		mounted(&a);
		mounted(&b);
		fill(a.root, 3, &s);
		fill(b.root, 3, &s);
		run(&a, &b, NULL, &l);
		if (hp_tree_apply(&a, &l.patch, NULL, NULL, &e) == -1)
			fail_msg("seed %u: apply: %s", seed, e.msg);
		st = run(&a, &b, NULL, &l);
		if (hp_diff_stats_any(&st))
			fail_msg("seed %u: still differs:\n%s", seed,
			    l.text.buf);
		log_free(&l);
		hp_tree_free(&a);
		hp_tree_free(&b);
	}
}

#define FX(t)	cmocka_unit_test_setup_teardown(t, fx_setup, fx_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FX(test_equal_ignores_case_and_order),
		FX(test_merge_order_and_kinds),
		FX(test_canonical_value_comparison),
		FX(test_prefix),
		cmocka_unit_test(test_whole_namespace),
		cmocka_unit_test(test_patch_turns_a_into_b),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
