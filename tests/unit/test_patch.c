/* Patches: operations own their data; runs on one key share its path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/patch.h"

static void
test_shared_keys(void **state)
{
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_path a, b, c;
	struct hp_value v = HP_VALUE_INIT;
	size_t i;

	(void)state;
	assert_int_equal(hp_path_parse("HKLM\\Software\\X", &a, NULL), 0);
	assert_int_equal(hp_path_parse("HKLM\\Software\\X", &b, NULL), 0);
	assert_int_equal(hp_path_parse("HKLM\\SOFTWARE\\X", &c, NULL), 0);
	hp_value_set_dword(&v, 7);
	assert_non_null(hp_patch_add(&p, HP_OP_CREATE_KEY, &a, NULL, NULL, 1));
	/* Enough ops to move the array: shared keys must survive that. */
	for (i = 0; i < 40; i++)
		assert_non_null(hp_patch_add(&p, HP_OP_SET_VALUE, &b, "n", &v,
		    2));
	assert_non_null(hp_patch_add(&p, HP_OP_DELETE_VALUE, &c, "n", NULL,
	    3));
	assert_non_null(hp_patch_add(&p, HP_OP_DELETE_KEY, &a, NULL, NULL, 4));
	hp_path_free(&a);
	hp_path_free(&b);
	assert_int_equal(p.n, 43);
	/* Copies, not the caller's paths; one copy for the run. */
	assert_false(p.ops[0].key_shared);
	assert_true(p.ops[1].key_shared);
	assert_true(p.ops[40].key_shared);
	assert_ptr_equal(p.ops[40].key.comps, p.ops[0].key.comps);
	/* Spelt otherwise: equal as a key, but its own copy and case. */
	assert_false(p.ops[41].key_shared);
	assert_string_equal(p.ops[41].key.comps[0], "SOFTWARE");
	assert_string_equal(p.ops[40].key.comps[0], "Software");
	assert_true(hp_path_eq(&p.ops[40].key, &p.ops[41].key));
	assert_false(p.ops[42].key_shared);
	assert_int_equal(p.ops[42].key.n, 2);
	assert_string_equal(p.ops[40].name, "n");
	hp_path_free(&c);
	hp_value_free(&v);
	hp_patch_free(&p);
	assert_int_equal(p.n, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shared_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
