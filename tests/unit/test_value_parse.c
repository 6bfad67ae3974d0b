/* Values from their text form (core/value_parse.h), as set and policies use. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/value.h"
#include "core/value_parse.h"

/* Parses one string; returns hp_value_parse's result. */
static int
parse1(struct hp_value *v, uint32_t type, const char *text, unsigned flags,
    struct hp_error *e)
{
	char *strs[1] = { (char *)text };

	return hp_value_parse(v, type, strs, 1, flags, e);
}

static void
test_numbers(void **state)
{
	struct hp_value v = HP_VALUE_INIT;
	struct hp_error e = HP_ERROR_INIT;
	uint64_t q;
	uint32_t d;

	(void)state;
	assert_int_equal(parse1(&v, HP_REG_DWORD, "0x10", 0, &e), 0);
	assert_int_equal(hp_value_get_u32(&v, &d), 0);
	assert_int_equal(d, 16);
	assert_int_equal(parse1(&v, HP_REG_DWORD_BIG_ENDIAN, "258", 0, &e), 0);
	assert_int_equal(v.len, 4);
	assert_memory_equal(v.data, "\0\0\1\2", 4);
	assert_int_equal(parse1(&v, HP_REG_QWORD, "18446744073709551615", 0,
	    &e), 0);
	assert_int_equal(hp_value_get_u64(&v, &q), 0);
	assert_true(q == UINT64_MAX);
	assert_int_equal(parse1(&v, HP_REG_DWORD, "4294967296", 0, &e), -1);
	assert_int_equal(e.kind, HP_E_INPUT);
	assert_string_equal(e.msg, "\"4294967296\" is not an unsigned 32-bit "
	    "number");
	/* strtoull would wrap these round. */
	assert_int_equal(parse1(&v, HP_REG_QWORD, "-1", 0, &e), -1);
	assert_int_equal(parse1(&v, HP_REG_QWORD, " -1", 0, &e), -1);
	assert_int_equal(parse1(&v, HP_REG_DWORD, "", 0, &e), -1);
	hp_value_free(&v);
}

static void
test_hex(void **state)
{
	struct hp_value v = HP_VALUE_INIT;
	struct hp_error e = HP_ERROR_INIT;

	(void)state;
	assert_int_equal(parse1(&v, HP_REG_BINARY, "01,ff a0:0B-c", 0, &e),
	    -1);
	assert_string_equal(e.msg, "\"01,ff a0:0B-c\" has an odd number of "
	    "hex digits");
	assert_int_equal(parse1(&v, HP_REG_BINARY, "01,ff a0:0B-cd", 0, &e),
	    0);
	assert_int_equal(v.type, HP_REG_BINARY);
	assert_int_equal(v.len, 5);
	assert_memory_equal(v.data, "\x01\xff\xa0\x0b\xcd", 5);
	/* "hex:" is .reg syntax, taken only when asked for. */
	assert_int_equal(parse1(&v, 0x20, "hex:01", 0, &e), -1);
	assert_int_equal(parse1(&v, 0x20, "hex:01", HP_VALUE_PARSE_HEX_PREFIX,
	    &e), 0);
	assert_int_equal(v.type, 0x20);
	assert_int_equal(v.len, 1);
	assert_int_equal(parse1(&v, HP_REG_NONE, "zz", 0, &e), -1);
	assert_int_equal(e.kind, HP_E_INPUT);
	/* No string at all is no bytes. */
	assert_int_equal(hp_value_parse(&v, HP_REG_NONE, NULL, 0, 0, &e), 0);
	assert_int_equal(v.len, 0);
	hp_value_free(&v);
}

static void
test_strings(void **state)
{
	struct hp_value v = HP_VALUE_INIT;
	struct hp_error e = HP_ERROR_INIT;
	char *two[2] = { "a", "b" };

	(void)state;
	assert_int_equal(parse1(&v, HP_REG_SZ, "hex:01", 0, &e), 0);
	assert_int_equal(v.len, 14);		/* UTF-16 and a NUL */
	assert_int_equal(hp_value_parse(&v, HP_REG_MULTI_SZ, two, 2, 0, &e),
	    0);
	assert_int_equal(v.len, 10);		/* a\0b\0\0 */
	assert_int_equal(hp_value_parse(&v, HP_REG_SZ, two, 2, 0, &e), -1);
	assert_string_equal(e.msg, "this type takes exactly one data string");
	assert_int_equal(hp_value_parse(&v, HP_REG_DWORD, NULL, 0, 0, &e), -1);
	hp_value_free(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
