/* Registry paths: roots, components, case rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/path.h"
#include "core/text.h"

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

/*
 * Which names are one key, by Windows' upper case (RtlUpcaseUnicodeChar),
 * where glibc's towupper says otherwise: Windows leaves µ, ı, ſ, ς, ǅ and
 * the Georgian letters as they are.  Worked out from Windows 10's table.
 */
static void
test_windows_upcase(void **state)
{
	static const char *const differ[][2] = {
		{ "\xc2\xb5", "\xce\x9c" },	/* µ U+00B5, Μ U+039C */
		{ "\xc4\xb1", "I" },		/* ı U+0131 */
		{ "\xc5\xbf", "S" },		/* ſ U+017F */
		{ "\xcf\x82", "\xce\xa3" },	/* ς U+03C2, Σ U+03A3 */
		{ "\xc7\x85", "\xc7\x84" },	/* ǅ U+01C5, Ǆ U+01C4 */
		{ "\xe1\x83\x90", "\xe1\xb2\x90" },	/* ა U+10D0, Ა U+1C90 */
		{ "Yaz\xc4\xb1l\xc4\xb1m", "YAZILIM" },
	};
	static const char *const same[][2] = {
		{ "\xc3\xa9", "\xc3\x89" },	/* é, É */
		{ "\xc7\x86", "\xc7\x84" },	/* ǆ U+01C6, Ǆ */
		{ "\xcf\x83", "\xce\xa3" },	/* σ, Σ */
		{ "\xce\xaf", "\xce\x8a" },	/* ί U+03AF, Ί U+038A */
		{ "\xc3\xbf", "\xc5\xb8" },	/* ÿ U+00FF, Ÿ U+0178 */
		{ "\xef\xbd\x81", "\xef\xbc\xa1" },	/* ａ, Ａ (fullwidth) */
		{ "Yaz\xc4\xb1l\xc4\xb1m", "YAZ\xc4\xb1L\xc4\xb1M" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(differ) / sizeof(differ[0]); i++) {
		assert_false(hp_name_eq(differ[i][0], differ[i][1]));
		assert_true(hp_name_cmp(differ[i][0], differ[i][1]) ==
		    -hp_name_cmp(differ[i][1], differ[i][0]));
	}
	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		assert_true(hp_name_eq(same[i][0], same[i][1]));
	assert_int_equal(hp_name_upcase(0x00b5), 0x00b5);
	assert_int_equal(hp_name_upcase(0x00e9), 0x00c9);
	assert_int_equal(hp_name_upcase(0x10d0), 0x10d0);
	assert_int_equal(hp_name_upcase(0xd801), 0xd801);
	/* Windows' order: µ (0xB5) < ¶ (0xB6) < ſ (0x17F) < Ρ (0x3A1). */
	assert_true(hp_name_cmp("\xc2\xb5z", "\xc2\xb6" "a") < 0);
	assert_true(hp_name_cmp("\xc2\xb6" "a", "\xc5\xbf" "a") < 0);
	assert_true(hp_name_cmp("\xc5\xbf" "a", "\xce\xa1") < 0);
	/* YAZILIM < Yazılım: I (0x49) < ı (0x131). */
	assert_true(hp_name_cmp("YAZILIM", "Yaz\xc4\xb1l\xc4\xb1m") < 0);
	/*
	 * UTF-16 units, not code points: 𐐸 U+10438 is D801 DC38, before
	 * Ａ U+FF21 (offreg.dll's order in nt-hive/testhive).
	 */
	assert_true(hp_name_cmp("\xf0\x90\x90\xb8", "\xef\xbc\xa1") < 0);
	assert_true(hp_name_cmp("\xed\x9f\xbf", "\xf0\x90\x90\xb8") < 0);
}

/* U+0000 and control characters in names: escaped, and back. */
static void
test_name_escape(void **state)
{
	static const char *const names[] = {
		"zero" HP_NAME_NUL "key", "a\nb\r", "p%0Aq", "%25", "\x7f",
		"C:%5CProgram Files", "%SystemRoot%", "%", "x%0", "plain",
	};
	static const char *const shown[] = {
		"zero%00key", "a%0Ab%0D", "p%250Aq", "%2525", "%7F",
		"C:%5CProgram Files", "%SystemRoot%", "%", "x%0", "plain",
	};
	struct hp_buf b = HP_BUF_INIT;
	struct hp_path p = HP_PATH_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *back;

		hp_buf_reset(&b);
		hp_name_escape(names[i], &b);
		assert_string_equal(b.buf, shown[i]);
		back = hp_strdup(b.buf);
		hp_name_unescape(back);
		assert_string_equal(back, names[i]);
		free(back);
	}
	/* "zero" sorts before "zero\0key", which differs from it. */
	assert_true(hp_name_cmp("zero", "zero" HP_NAME_NUL "key") < 0);
	assert_true(hp_name_cmp("zero" HP_NAME_NUL, "zero" "\x01") < 0);
	assert_true(hp_name_has_nul("a" HP_NAME_NUL));
	assert_false(hp_name_has_nul("a\xc0"));
	/* Paths show escaped names; the raw form keeps them. */
	hp_path_push(&p, "L\nF");
	hp_buf_reset(&b);
	hp_path_format(&p, &b);
	assert_string_equal(b.buf, "L%0AF");
	hp_buf_reset(&b);
	hp_path_format_raw(&p, &b);
	assert_string_equal(b.buf, "L\nF");
	hp_path_free(&p);
	hp_buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roots),
		cmocka_unit_test(test_components),
		cmocka_unit_test(test_case_insensitive),
		cmocka_unit_test(test_windows_upcase),
		cmocka_unit_test(test_name_escape),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
