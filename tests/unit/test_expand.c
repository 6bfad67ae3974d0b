/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A patch's delete-all-values and set-if-absent made explicit (expand.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/expand.h"
#include "core/patch.h"
#include "core/tree.h"

#include "patch_ops.h"

/* The registry expanded against: S\K holds a and b, S\K2 holds e. */
static void
seed(struct hp_tree *t, struct hp_path *mount)
{
	struct hp_patch p = HP_PATCH_INIT;

	assert_int_equal(hp_path_parse("HKLM\\S", mount, NULL), 0);
	hp_tree_init(t, mount);
	add(&p, HP_OP_SET_VALUE, "HKLM\\S\\K", "a", 1);
	add(&p, HP_OP_SET_VALUE, "HKLM\\S\\K", "b", 2);
	add(&p, HP_OP_SET_VALUE, "HKLM\\S\\K2", "e", 5);
	assert_int_equal(hp_tree_apply(t, &p, NULL, NULL, NULL), 0);
	hp_patch_free(&p);
}

static void
test_expand(void **state)
{
	static const struct { enum hp_op_kind k; const char *name; } want[] = {
		{ HP_OP_SET_VALUE, "x" },
		{ HP_OP_DELETE_VALUE, "a" },	/* the registry's, sorted */
		{ HP_OP_DELETE_VALUE, "b" },
		{ HP_OP_DELETE_VALUE, "x" },	/* set before **delvals. */
		{ HP_OP_SET_VALUE, "y" },
		{ HP_OP_SET_VALUE, "A" },	/* absent after **delvals. */
		{ HP_OP_SET_VALUE, "f" },	/* absent; E is there */
		{ HP_OP_DELETE_VALUE, "g" },
		{ HP_OP_SET_VALUE, "g" },	/* deleted just before */
	};
	struct hp_patch p = HP_PATCH_INIT, out = HP_PATCH_INIT;
	struct hp_path mount;
	struct hp_tree t;
	struct hp_view v;
	size_t i;

	(void)state;
	seed(&t, &mount);
	hp_tree_view(&t, &v, "seed");
	add(&p, HP_OP_SET_VALUE, "HKLM\\S\\K", "x", 9);
	add(&p, HP_OP_DELETE_VALUES, "HKLM\\S\\K", NULL, 0);
	add(&p, HP_OP_SET_VALUE, "HKLM\\S\\K", "y", 7);
	add(&p, HP_OP_SET_VALUE_SOFT, "HKLM\\S\\K", "A", 3);
	add(&p, HP_OP_SET_VALUE_SOFT, "HKLM\\S\\k2", "E", 6);
	add(&p, HP_OP_SET_VALUE_SOFT, "HKLM\\S\\K2", "f", 8);
	add(&p, HP_OP_SET_VALUE_SOFT, "HKLM\\S\\K2", "f", 9);	/* set above */
	add(&p, HP_OP_DELETE_VALUE, "HKLM\\S\\K2", "g", 0);
	add(&p, HP_OP_SET_VALUE_SOFT, "HKLM\\S\\K2", "g", 1);
	assert_int_equal(hp_patch_expand(&p, &v, &out, NULL), 0);
	assert_int_equal(out.n, sizeof(want) / sizeof(*want));
	for (i = 0; i < out.n; i++) {
		assert_int_equal(out.ops[i].kind, want[i].k);
		assert_string_equal(out.ops[i].name, want[i].name);
	}
	hp_patch_free(&out);
	hp_patch_free(&p);
	hp_tree_free(&t);
	hp_path_free(&mount);
}

/* Outside the registry's mount nothing can be known: an error. */
static void
test_outside(void **state)
{
	struct hp_patch p = HP_PATCH_INIT, out = HP_PATCH_INIT;
	struct hp_error e = { 0 };
	struct hp_path mount;
	struct hp_tree t;
	struct hp_view v;

	(void)state;
	seed(&t, &mount);
	hp_tree_view(&t, &v, "seed");
	add(&p, HP_OP_DELETE_VALUES, "HKLM\\Other", NULL, 0);
	assert_int_equal(hp_patch_expand(&p, &v, &out, &e), -1);
	assert_non_null(strstr(e.msg, "delete-all-values on "
	    "HKEY_LOCAL_MACHINE\\Other: the key lies outside seed"));
	hp_patch_free(&out);
	hp_patch_free(&p);
	hp_tree_free(&t);
	hp_path_free(&mount);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expand),
		cmocka_unit_test(test_outside),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
