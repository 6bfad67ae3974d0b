/* Registry paths: roots, components, case rules. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "error.h"
#include "path.h"
#include "text.h"

static void
test_roots(void **state)
{
	struct hp_path p;
	char *s;

	(void)state;
	assert_int_equal(hp_path_parse("HKLM\\Software\\X", &p, NULL), 0);
	assert_int_equal(p.root, HP_ROOT_HKLM);
	assert_int_equal(p.n, 2);
	s = hp_path_str(&p);
	assert_string_equal(s, "HKEY_LOCAL_MACHINE\\Software\\X");
	free(s);
	hp_path_free(&p);
	assert_int_equal(hp_path_parse("hkey_current_user", &p, NULL), 0);
	assert_int_equal(p.root, HP_ROOT_HKCU);
	assert_int_equal(p.n, 0);
	hp_path_free(&p);
	assert_int_equal(hp_path_parse("HKU\\.DEFAULT", &p, NULL), 0);
	assert_int_equal(p.root, HP_ROOT_HKU);
	hp_path_free(&p);
	assert_int_equal(hp_path_parse("HKCR\\.txt", &p, NULL), 0);
	assert_int_equal(p.root, HP_ROOT_HKCR);
	hp_path_free(&p);
	/* Not a root: a relative path whose first component is HKLMX. */
	assert_int_equal(hp_path_parse("HKLMX\\A", &p, NULL), 0);
	assert_int_equal(p.root, HP_ROOT_NONE);
	assert_int_equal(p.n, 2);
	hp_path_free(&p);
}

static void
test_components(void **state)
{
	struct hp_path p;

	(void)state;
	/* Doubled and trailing backslashes add nothing; '/' is a char. */
	assert_int_equal(hp_path_parse("HKLM\\\\A/B\\C\\", &p, NULL), 0);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.comps[0], "A/B");
	assert_string_equal(p.comps[1], "C");
	hp_path_free(&p);
}

static void
test_case_insensitive(void **state)
{
	struct hp_path a, b, pre;

	(void)state;
	hp_path_parse("HKLM\\SOFTWARE\\Policies", &a, NULL);
	hp_path_parse("HKEY_LOCAL_MACHINE\\software\\POLICIES", &b, NULL);
	hp_path_parse("hklm\\Software", &pre, NULL);
	assert_true(hp_path_eq(&a, &b));
	assert_true(hp_path_has_prefix(&a, &pre));
	assert_false(hp_path_has_prefix(&pre, &a));
	assert_string_equal(a.comps[0], "SOFTWARE");	/* case kept */
	hp_path_free(&a);
	hp_path_free(&b);
	hp_path_free(&pre);
	/* Beyond ASCII, as Windows upper-cases UTF-16. */
	assert_int_equal(hp_name_cmp("\xc3\xa4\xc3\xb6", "\xc3\x84\xc3\x96"),
	    0);
	assert_true(hp_name_cmp("a", "B") < 0);
	assert_true(hp_name_cmp("ab", "a") > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roots),
		cmocka_unit_test(test_components),
		cmocka_unit_test(test_case_insensitive),
	};

	setlocale(LC_CTYPE, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
