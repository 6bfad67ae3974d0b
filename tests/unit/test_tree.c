/* Patches applied to the in-memory tree, and the tree's view. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/patch.h"
#include "core/tree.h"

#include "patch_ops.h"

static void
test_apply_in_order(void **state)
{
	struct hp_tree t;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_apply_stats st = { 0 };
	struct hp_view v;
	struct hp_value got = HP_VALUE_INIT;
	struct hp_path key;
	uint32_t d;

	(void)state;
	hp_tree_init(&t, NULL);
	add(&p, HP_OP_SET_VALUE, "HKLM\\S\\A\\B", "x", 1);
	add(&p, HP_OP_SET_VALUE, "HKLM\\s\\a\\b", "X", 2);	/* same */
	add(&p, HP_OP_SET_VALUE_SOFT, "HKLM\\S\\A\\B", "x", 3);
	add(&p, HP_OP_SET_VALUE, "HKLM\\S\\A\\B", "y", 4);
	add(&p, HP_OP_DELETE_VALUE, "HKLM\\S\\A\\B", "y", 0);
	add(&p, HP_OP_CREATE_KEY, "HKLM\\S\\A\\C", NULL, 0);
	add(&p, HP_OP_DELETE_KEY, "HKLM\\S\\A\\Gone", NULL, 0);
	assert_int_equal(hp_tree_apply(&t, &p, &st, NULL, NULL), 0);
	assert_int_equal(st.keys_created, 5);	/* HKLM, S, A, B, C */
	assert_int_equal(st.values_set, 3);
	assert_int_equal(st.values_deleted, 1);
	assert_int_equal(st.unchanged, 2);	/* soft set, absent key */

	hp_tree_view(&t, &v, "test");
	hp_path_parse("HKEY_LOCAL_MACHINE\\S\\A\\B", &key, NULL);
	assert_int_equal(hp_view_get(&v, &key, "x", &got, NULL), 0);
	assert_int_equal(hp_value_get_u32(&got, &d), 0);
	assert_int_equal(d, 2);
	assert_int_equal(hp_view_get(&v, &key, "y", &got, NULL), 1);
	hp_path_free(&key);

	/* Applying the same patch again changes nothing. */
	memset(&st, 0, sizeof(st));
	assert_int_equal(hp_tree_apply(&t, &p, &st, NULL, NULL), 0);
	/* x: 2 -> 1 -> 2, y set then deleted again; no key created. */
	assert_int_equal(st.values_set, 3);
	assert_int_equal(st.keys_created, 0);

	/* Deleting a key deletes its subtree; deleting all values. */
	hp_patch_free(&p);
	add(&p, HP_OP_DELETE_VALUES, "HKLM\\S\\A\\B", NULL, 0);
	add(&p, HP_OP_DELETE_KEY, "HKLM\\S\\A", NULL, 0);
	memset(&st, 0, sizeof(st));
	assert_int_equal(hp_tree_apply(&t, &p, &st, NULL, NULL), 0);
	assert_int_equal(st.values_deleted, 1);
	assert_int_equal(st.keys_deleted, 1);
	hp_path_parse("HKLM\\S", &key, NULL);
	hp_node n;
	assert_int_equal(hp_view_lookup(&v, &key, &n, NULL), 0);
	assert_int_equal(((struct hp_tree_key *)(uintptr_t)n)->nkids, 0);
	hp_path_free(&key);
	hp_value_free(&got);
	hp_patch_free(&p);
	hp_tree_free(&t);
}

static void
test_sorted_children(void **state)
{
	struct hp_tree t;
	struct hp_tree_key *r;
	const char *names[] = { "b", "C", "a", "D", "c" };
	size_t i;

	(void)state;
	hp_tree_init(&t, NULL);
	r = t.root;
	for (i = 0; i < 5; i++)
		assert_non_null(hp_tree_child_add(r, names[i]));
	assert_int_equal(r->nkids, 4);	/* "c" is "C" */
	assert_string_equal(r->kids[0]->name, "a");
	assert_string_equal(r->kids[1]->name, "b");
	assert_string_equal(r->kids[2]->name, "C");
	assert_string_equal(r->kids[3]->name, "D");
	assert_ptr_equal(hp_tree_child(r, "d"), r->kids[3]);
	hp_tree_free(&t);
}

static void
test_outside_mount(void **state)
{
	struct hp_tree t;
	struct hp_path mount;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_apply_stats st = { 0 };
	struct hp_warnings w = HP_WARNINGS_INIT;

	(void)state;
	hp_path_parse("HKLM\\SOFTWARE", &mount, NULL);
	hp_tree_init(&t, &mount);
	add(&p, HP_OP_SET_VALUE, "HKCU\\X", "v", 1);
	add(&p, HP_OP_SET_VALUE, "HKLM\\SOFTWARE\\X", "v", 1);
	assert_int_equal(hp_tree_apply(&t, &p, &st, &w, NULL), 0);
	assert_int_equal(st.outside, 1);
	assert_int_equal(st.values_set, 1);
	assert_int_equal(w.n, 1);
	assert_non_null(strstr(w.msgs[0], "HKEY_CURRENT_USER\\X"));
	assert_non_null(hp_tree_child(t.root, "X"));
	hp_warnings_release(&w);
	hp_patch_free(&p);
	hp_path_free(&mount);
	hp_tree_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_apply_in_order),
		cmocka_unit_test(test_sorted_children),
		cmocka_unit_test(test_outside_mount),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
