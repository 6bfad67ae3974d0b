/* The registry model: values and the canonical comparison. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/value.h"

static void
set(struct hp_value *v, uint32_t type, const char *bytes, size_t len)
{
	hp_value_set(v, type, bytes, len);
}

static void
test_dword_compares_as_number(void **state)
{
	struct hp_value a = HP_VALUE_INIT, b = HP_VALUE_INIT;

	(void)state;
	hp_value_set_dword(&a, 0xffffffffu);
	set(&b, HP_REG_DWORD, "\xff\xff\xff\xff", 4);
	assert_true(hp_value_equal(&a, &b));
	hp_value_set_dword(&b, 1);
	assert_false(hp_value_equal(&a, &b));
	/* Short data equals the zero-extended number. */
	set(&a, HP_REG_DWORD, "\x01", 1);
	assert_true(hp_value_equal(&a, &b));
	hp_value_free(&a);
	hp_value_free(&b);
}

static void
test_types_must_match(void **state)
{
	struct hp_value a = HP_VALUE_INIT, b = HP_VALUE_INIT;

	(void)state;
	assert_int_equal(hp_value_set_string(&a, HP_REG_SZ, "x", NULL), 0);
	assert_int_equal(hp_value_set_string(&b, HP_REG_EXPAND_SZ, "x", NULL),
	    0);
	assert_false(hp_value_equal(&a, &b));
	hp_value_free(&a);
	hp_value_free(&b);
}

static void
test_sz_terminator(void **state)
{
	struct hp_value a = HP_VALUE_INIT, b = HP_VALUE_INIT;

	(void)state;
	set(&a, HP_REG_SZ, "a\0b\0\0\0", 6);
	set(&b, HP_REG_SZ, "a\0b\0", 4);		/* no terminator */
	assert_true(hp_value_equal(&a, &b));
	set(&b, HP_REG_SZ, "a\0b\0\0\0g\0", 8);	/* garbage after NUL */
	assert_true(hp_value_equal(&a, &b));
	set(&b, HP_REG_SZ, "a\0c\0\0\0", 6);
	assert_false(hp_value_equal(&a, &b));
	/* EXPAND_SZ compares raw text, never expanded. */
	set(&a, HP_REG_EXPAND_SZ, "%\0a\0%\0\0\0", 8);
	set(&b, HP_REG_EXPAND_SZ, "%\0b\0%\0\0\0", 8);
	assert_false(hp_value_equal(&a, &b));
	hp_value_free(&a);
	hp_value_free(&b);
}

static void
test_multi_sz_terminators(void **state)
{
	struct hp_value a = HP_VALUE_INIT, b = HP_VALUE_INIT;
	char *strs[] = { "a", "b" };

	(void)state;
	assert_int_equal(hp_value_set_multi(&a, strs, 2, NULL), 0);
	assert_int_equal(a.len, 10);
	assert_memory_equal(a.data, "a\0\0\0b\0\0\0\0\0", 10);
	set(&b, HP_REG_MULTI_SZ, "a\0\0\0b\0\0\0", 8);	/* one NUL short */
	assert_true(hp_value_equal(&a, &b));
	set(&b, HP_REG_MULTI_SZ, "a\0\0\0b\0", 6);
	assert_true(hp_value_equal(&a, &b));
	set(&b, HP_REG_MULTI_SZ, "a\0\0\0\0\0b\0\0\0\0\0", 12);
	assert_false(hp_value_equal(&a, &b));	/* an empty string inside */
	hp_value_free(&a);
	hp_value_free(&b);
}

static void
test_binary_exact(void **state)
{
	struct hp_value a = HP_VALUE_INIT, b = HP_VALUE_INIT;

	(void)state;
	set(&a, HP_REG_BINARY, "\0", 1);
	set(&b, HP_REG_BINARY, "\0\0", 2);
	assert_false(hp_value_equal(&a, &b));	/* Ansible's 0x0 vs 00,00 */
	set(&a, HP_REG_BINARY, "", 0);
	set(&b, HP_REG_BINARY, "", 0);
	assert_true(hp_value_equal(&a, &b));
	/* Unknown type numbers are kept and compared as bytes. */
	set(&a, 0xffff0012u, "\1\2", 2);
	set(&b, 0xffff0012u, "\1\2", 2);
	assert_true(hp_value_equal(&a, &b));
	b.type = 0x12;
	assert_false(hp_value_equal(&a, &b));
	hp_value_free(&a);
	hp_value_free(&b);
}

static void
test_type_names(void **state)
{
	uint32_t t;
	char tmp[16];

	(void)state;
	assert_int_equal(hp_value_type_parse("dword", &t), 0);
	assert_int_equal(t, HP_REG_DWORD);
	assert_int_equal(hp_value_type_parse("REG_MULTI_SZ", &t), 0);
	assert_int_equal(t, HP_REG_MULTI_SZ);
	assert_int_equal(hp_value_type_parse("0x12", &t), 0);
	assert_int_equal(t, 0x12);
	assert_int_equal(hp_value_type_parse("qword", &t), 0);
	assert_int_equal(t, 11);
	assert_int_equal(hp_value_type_parse("bogus", &t), -1);
	assert_int_equal(hp_value_type_parse("0x100000000", &t), -1);
	assert_string_equal(hp_value_type_name(4, tmp), "REG_DWORD");
	assert_string_equal(hp_value_type_name(0x12, tmp), "0x12");
}

static void
test_format(void **state)
{
	struct hp_value v = HP_VALUE_INIT;
	struct hp_buf b = HP_BUF_INIT;
	char *strs[] = { "one", "two words" };

	(void)state;
	hp_value_set_dword(&v, 7100);
	hp_value_format(&v, &b);
	assert_string_equal(b.buf, "0x00001bbc (7100)");
	hp_buf_reset(&b);
	hp_value_set_multi(&v, strs, 2, NULL);
	hp_value_format(&v, &b);
	assert_string_equal(b.buf, "\"one\" \"two words\"");
	hp_buf_reset(&b);
	hp_value_set_string(&v, HP_REG_SZ, "W\xc3\xb6rld", NULL);
	assert_int_equal(v.len, 12);
	hp_value_format(&v, &b);
	assert_string_equal(b.buf, "W\xc3\xb6rld");
	hp_buf_reset(&b);
	set(&v, HP_REG_BINARY, "\x01\xff", 2);
	hp_value_format(&v, &b);
	assert_string_equal(b.buf, "01,ff");
	hp_buf_release(&b);
	hp_value_free(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dword_compares_as_number),
		cmocka_unit_test(test_types_must_match),
		cmocka_unit_test(test_sz_terminator),
		cmocka_unit_test(test_multi_sz_terminators),
		cmocka_unit_test(test_binary_exact),
		cmocka_unit_test(test_type_names),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
