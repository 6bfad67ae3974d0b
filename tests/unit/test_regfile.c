/* The .reg reader: formats.md §A.12 test vectors and more. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/patch.h"
#include "formats/regfile.h"
#include "formats/utf16.h"

#define H5	"Windows Registry Editor Version 5.00\r\n\r\n"
#define H4	"REGEDIT4\r\n\r\n"

struct res {
	struct hp_patch		p;
	struct hp_warnings	w;
	struct hp_error		e;
	int			rc;
};

static void
parse_bytes(struct res *r, const void *buf, size_t len, int strict,
    const char *cp)
{
	struct hp_reg_read_opts o = { strict, cp, NULL };

	memset(r, 0, sizeof(*r));
	r->rc = hp_reg_parse(buf, len, "t.reg", &o, &r->p, &r->w, &r->e);
}

static void
parse_opts(struct res *r, const char *text, int strict, const char *cp)
{
	parse_bytes(r, text, strlen(text), strict, cp);
}

static void
parse(struct res *r, const char *text)
{
	parse_bytes(r, text, strlen(text), 0, NULL);
}

static void
done(struct res *r)
{
	hp_patch_free(&r->p);
	hp_warnings_release(&r->w);
}

/* The op's key as "HKLM\A\B". */
static char *
key(const struct hp_op *op)
{
	struct hp_buf b = HP_BUF_INIT;

	hp_path_format_short(&op->key, &b);
	return hp_buf_detach(&b, NULL);
}

static void
assert_op(const struct hp_op *op, enum hp_op_kind kind, const char *k,
    const char *name)
{
	char *s = key(op);

	assert_int_equal(op->kind, kind);
	assert_string_equal(s, k);
	free(s);
	if (name == NULL)
		assert_null(op->name);
	else
		assert_string_equal(op->name, name);
}

static void
assert_data(const struct hp_op *op, uint32_t type, const void *data,
    size_t len)
{
	assert_int_equal(op->value.type, type);
	assert_int_equal(op->value.len, len);
	if (len > 0)
		assert_memory_equal(op->value.data, data, len);
}

static void
test_utf16_bom(void **state)
{
	const char *text = H5 "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Foo]\r\n"
	    "\"W\xc3\xb6rld\"=\"\xe2\x98\x83\"\r\n";
	struct hp_buf u = HP_BUF_INIT;
	struct res r;

	(void)state;
	hp_buf_add(&u, "\xff\xfe", 2);
	assert_int_equal(hp_utf16_encode(text, strlen(text), &u), 0);
	parse_bytes(&r, u.buf, u.len, 0, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.p.n, 2);
	assert_op(&r.p.ops[0], HP_OP_CREATE_KEY, "HKLM\\SOFTWARE\\Foo", NULL);
	assert_op(&r.p.ops[1], HP_OP_SET_VALUE, "HKLM\\SOFTWARE\\Foo",
	    "W\xc3\xb6rld");
	assert_data(&r.p.ops[1], 1, "\x03\x26\0\0", 4);
	assert_int_equal(r.p.ops[1].line, 4);
	done(&r);

	/* The same file without its BOM fails. */
	parse_bytes(&r, u.buf + 2, u.len - 2, 0, NULL);
	assert_int_equal(r.rc, -1);
	assert_non_null(strstr(r.e.msg, "without a byte order mark"));
	done(&r);

	/* A truncated UTF-16 file (odd byte count) fails. */
	parse_bytes(&r, u.buf, u.len - 1, 0, NULL);
	assert_int_equal(r.rc, -1);
	assert_non_null(strstr(r.e.msg, "odd number of bytes"));
	done(&r);
	hp_buf_release(&u);
}

static void
test_keys(void **state)
{
	struct res r;

	(void)state;
	/* No blank line between keys; ']' inside a name; short roots. */
	parse(&r, H5 "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Foo]\n"
	    "[HKLM\\SOFTWARE\\a]b]\n"
	    "[hkcu\\Software\\X]\n"
	    "[-HKEY_CURRENT_USER\\Software\\Bar]\n"
	    "[HKEY_USERS\\.DEFAULT\\\\A\\]\n");
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.w.n, 0);
	assert_int_equal(r.p.n, 5);
	assert_op(&r.p.ops[0], HP_OP_CREATE_KEY, "HKLM\\SOFTWARE\\Foo", NULL);
	assert_op(&r.p.ops[1], HP_OP_CREATE_KEY, "HKLM\\SOFTWARE\\a]b", NULL);
	assert_op(&r.p.ops[2], HP_OP_CREATE_KEY, "HKCU\\Software\\X", NULL);
	assert_op(&r.p.ops[3], HP_OP_DELETE_KEY, "HKCU\\Software\\Bar", NULL);
	assert_op(&r.p.ops[4], HP_OP_CREATE_KEY, "HKU\\.DEFAULT\\A", NULL);
	assert_int_equal(r.p.ops[0].line, 3);
	assert_int_equal(r.p.ops[4].line, 7);
	done(&r);
}

static void
test_bad_keys(void **state)
{
	struct res r;

	(void)state;
	parse(&r, H5 "[HKEY_NOWHERE\\X]\n\"a\"=\"b\"\n"
	    "[-HKEY_LOCAL_MACHINE]\n"
	    "[HKLM\\X\n"
	    "[ HKLM\\Y]\n"
	    "[HKLM\\Z]\n\"c\"=\"d\"\n");
	assert_int_equal(r.rc, 0);
	/* Four bad key lines; the value after the first is skipped. */
	assert_int_equal(r.w.n, 4);
	assert_non_null(strstr(r.w.msgs[0], "t.reg:3: unknown root key"));
	assert_non_null(strstr(r.w.msgs[1], "t.reg:5: refusing to delete"));
	assert_int_equal(r.p.n, 2);
	assert_op(&r.p.ops[1], HP_OP_SET_VALUE, "HKLM\\Z", "c");
	done(&r);
}

static void
test_strings(void **state)
{
	struct res r;

	(void)state;
	parse(&r, H5 "[HKLM\\K]\n"
	    "\"a\\\"b\"=\"c\\\\d\"\n"
	    "@=\"\"\n"
	    "\"v\"=\"a\";comment\n"
	    "\"w\" = \"x y\"   ; spaces around = \n"
	    "\"nl\"=\"1\\n2\\r3\\0\"\n"
	    "\"odd\"=\"C:\\Windows\"\n");
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.p.n, 7);
	assert_op(&r.p.ops[1], HP_OP_SET_VALUE, "HKLM\\K", "a\"b");
	assert_data(&r.p.ops[1], 1, "c\0\\\0d\0\0\0", 8);
	assert_op(&r.p.ops[2], HP_OP_SET_VALUE, "HKLM\\K", "");
	assert_data(&r.p.ops[2], 1, "\0\0", 2);
	assert_data(&r.p.ops[3], 1, "a\0\0\0", 4);
	assert_data(&r.p.ops[4], 1, "x\0 \0y\0\0\0", 8);
	assert_data(&r.p.ops[5], 1, "1\0\n\0" "2\0\r\0" "3\0\0\0\0\0", 14);
	/* An unknown escape is kept as it is, with a warning. */
	assert_data(&r.p.ops[6], 1, "C\0:\0\\\0W\0i\0n\0d\0o\0w\0s\0\0\0", 22);
	assert_int_equal(r.w.n, 1);
	assert_non_null(strstr(r.w.msgs[0], "t.reg:9:"));
	done(&r);

	parse(&r, H5 "[HKLM\\K]\n\"a\"=\"open\n\"b\"=\"x\" junk\n@=\n");
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.p.n, 1);
	assert_int_equal(r.w.n, 3);
	assert_non_null(strstr(r.w.msgs[0], "unterminated string"));
	assert_non_null(strstr(r.w.msgs[1], "after the closing quote"));
	done(&r);
}

static void
test_delete_values(void **state)
{
	struct res r;

	(void)state;
	parse(&r, H5 "[HKLM\\K]\n\"name\"=-\n@=-\n\"x\" = - ;gone\n");
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.p.n, 4);
	assert_op(&r.p.ops[1], HP_OP_DELETE_VALUE, "HKLM\\K", "name");
	assert_op(&r.p.ops[2], HP_OP_DELETE_VALUE, "HKLM\\K", "");
	assert_op(&r.p.ops[3], HP_OP_DELETE_VALUE, "HKLM\\K", "x");
	done(&r);
}

static void
test_dword(void **state)
{
	struct res r;

	(void)state;
	parse(&r, H5 "[HKLM\\K]\n"
	    "\"x\"=dword:1\n"
	    "\"y\"=dword:123456789\n"
	    "\"z\"=DWORD: FFFFffff ; max\n"
	    "\"u\"=dword:0x123\n"
	    "\"v\"=dword:\n");
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.p.n, 3);
	assert_data(&r.p.ops[1], 4, "\x01\0\0\0", 4);
	assert_op(&r.p.ops[2], HP_OP_SET_VALUE, "HKLM\\K", "z");
	assert_data(&r.p.ops[2], 4, "\xff\xff\xff\xff", 4);
	assert_int_equal(r.w.n, 3);
	assert_non_null(strstr(r.w.msgs[0], "t.reg:5: dword"));
	done(&r);

	/* --strict stops at the first bad line, naming it. */
	parse_opts(&r, H5 "[HKLM\\K]\n\"y\"=dword:123456789\n\"x\"=dword:1\n",
	    1, NULL);
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.e.kind, HP_E_INPUT);
	assert_non_null(strstr(r.e.msg, "t.reg:4:"));
	done(&r);
}

static void
test_hex(void **state)
{
	struct res r;

	(void)state;
	parse(&r, H5 "[HKLM\\K]\n"
	    "\"e\"=hex:\n"
	    "\"b\"=hex:01,02,\\ ; comment after the backslash\n"
	    "  03,04,\\\n"
	    "\n"
	    "; a comment line inside the continuation\n"
	    "  05\n"
	    "\"q\"=hex(b):88,77,66,55,44,33,22,11\n"
	    "\"qe\"=hex(b):\n"
	    "\"n\"=hex(0):\n"
	    "\"s\"=hex(2):25,00,41,00,00,00\n"
	    "\"m\"=hex(7):61,00,00,00,62,00,00,00,00,00\n"
	    "\"u\"=hex(12345678):ff\n"
	    "\"c\"=HEX(A):0,a , B\n");
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.w.n, 0);
	assert_int_equal(r.p.n, 10);
	assert_data(&r.p.ops[1], 3, NULL, 0);
	assert_data(&r.p.ops[2], 3, "\1\2\3\4\5", 5);
	assert_int_equal(r.p.ops[2].line, 5);
	assert_data(&r.p.ops[3], 11, "\x88\x77\x66\x55\x44\x33\x22\x11", 8);
	assert_data(&r.p.ops[4], 11, NULL, 0);
	assert_data(&r.p.ops[5], 0, NULL, 0);
	assert_data(&r.p.ops[6], 2, "%\0A\0\0\0", 6);
	assert_data(&r.p.ops[7], 7, "a\0\0\0b\0\0\0\0\0", 10);
	assert_data(&r.p.ops[8], 0x12345678, "\xff", 1);
	assert_data(&r.p.ops[9], 10, "\0\x0a\x0b", 3);
	done(&r);
}

static void
test_bad_hex(void **state)
{
	struct res r;

	(void)state;
	parse(&r, H5 "[HKLM\\K]\n"
	    "\"a\"=hex:01,zz\n"
	    "\"b\"=hex:123\n"
	    "\"c\"=hex(0x2):00\n"
	    "\"d\"=hex:01 02\n"
	    "\"e\"=hex:01,\\\n"
	    "[HKLM\\L]\n"
	    "\"f\"=hex:02\n"
	    "\"g\"=hex:01,\\\n");
	assert_int_equal(r.rc, 0);
	/* A continuation into a key line drops the value, opens the key. */
	assert_int_equal(r.p.n, 3);
	assert_op(&r.p.ops[1], HP_OP_CREATE_KEY, "HKLM\\L", NULL);
	assert_op(&r.p.ops[2], HP_OP_SET_VALUE, "HKLM\\L", "f");
	assert_int_equal(r.w.n, 6);
	assert_non_null(strstr(r.w.msgs[4], "t.reg:9: a continuation"));
	assert_non_null(strstr(r.w.msgs[5], "ends inside continued hex"));
	done(&r);
}

static void
test_recovery(void **state)
{
	struct res r;

	(void)state;
	/* A bad line in the middle; values before any key; after [-K]. */
	parse(&r, H5 "\"early\"=\"x\"\n"
	    "[HKLM\\K]\n"
	    "\"a\"=dword:1\n"
	    "this is garbage\n"
	    "\"b\"=dword:2\n"
	    "# a hash comment\n"
	    "[-HKLM\\K\\Sub]\n"
	    "\"c\"=dword:3\n");
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.p.n, 4);
	assert_op(&r.p.ops[2], HP_OP_SET_VALUE, "HKLM\\K", "b");
	assert_int_equal(r.w.n, 3);
	assert_non_null(strstr(r.w.msgs[0], "t.reg:3: value outside"));
	assert_non_null(strstr(r.w.msgs[1], "t.reg:6: not a key"));
	assert_non_null(strstr(r.w.msgs[2], "t.reg:10: value outside"));
	done(&r);
}

static void
test_headers(void **state)
{
	struct res r;

	(void)state;
	parse(&r, "");
	assert_int_equal(r.rc, -1);
	done(&r);
	parse(&r, "[HKLM\\K]\n");
	assert_int_equal(r.rc, -1);
	assert_non_null(strstr(r.e.msg, "t.reg:1: not a .reg file"));
	done(&r);
	parse(&r, "REGEDIT\nHKEY_CLASSES_ROOT\\x = y\n");
	assert_int_equal(r.rc, -1);
	assert_non_null(strstr(r.e.msg, "unsupported header"));
	done(&r);
	parse(&r, "REGEDIT4FOO\n");
	assert_int_equal(r.rc, -1);
	done(&r);
	parse(&r, "windows registry editor version 5.00\n");
	assert_int_equal(r.rc, -1);
	done(&r);
	/* Leading blanks, trailing blanks, CR-only line ends. */
	parse(&r, "  Windows Registry Editor Version 5.00 \r\r[HKLM\\A]\r"
	    "\"x\"=dword:1");
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.p.n, 2);
	assert_int_equal(r.p.ops[1].line, 4);
	done(&r);
}

static void
test_utf8(void **state)
{
	struct res r;

	(void)state;
	/* UTF-8 with a BOM and without: an extension. */
	parse(&r, "\xef\xbb\xbf" H5 "[HKLM\\K]\n\"a\"=\"\xc3\xa9\"\n");
	assert_int_equal(r.rc, 0);
	assert_data(&r.p.ops[1], 1, "\xe9\0\0\0", 4);
	done(&r);
	parse(&r, H5 "[HKLM\\K]\n\"\xe2\x84\xa2\"=\"\xf0\x9f\x98\x80\"\n");
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.p.ops[1].name, "\xe2\x84\xa2");
	assert_data(&r.p.ops[1], 1, "\x3d\xd8\x00\xde\0\0", 6);
	done(&r);
	/* 8-bit 5.00 that is not UTF-8 falls back to the code page. */
	parse(&r, H5 "[HKLM\\K]\n\"a\"=\"\xe9\"\n");
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.w.n, 1);
	assert_data(&r.p.ops[1], 1, "\xe9\0\0\0", 4);
	done(&r);
}

static void
test_regedit4(void **state)
{
	struct res r;

	(void)state;
	/* Code page text; hex(2) and hex(7) are code page bytes. */
	parse(&r, H4 "[HKEY_LOCAL_MACHINE\\K\xe9]\n"
	    "\"\x80\"=\"caf\xe9\"\n"
	    "\"x\"=hex(2):25,77,69,6e,64,69,72,25,5c,74,72,61,63,69,6e,67,00\n"
	    "\"m\"=hex(7):61,00,e9,00,00\n"
	    "\"n\"=hex(2):41\n"
	    "\"b\"=hex:e9\n");
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.w.n, 0);
	assert_op(&r.p.ops[0], HP_OP_CREATE_KEY, "HKLM\\K\xc3\xa9", NULL);
	assert_string_equal(r.p.ops[1].name, "\xe2\x82\xac");
	assert_data(&r.p.ops[1], 1, "c\0a\0f\0\xe9\0\0\0", 10);
	assert_data(&r.p.ops[2], 2,
	    "%\0w\0i\0n\0d\0i\0r\0%\0\\\0t\0r\0a\0c\0i\0n\0g\0\0\0", 34);
	assert_data(&r.p.ops[3], 7, "a\0\0\0\xe9\0\0\0\0\0", 10);
	/* A missing terminator is added, as regedit does. */
	assert_data(&r.p.ops[4], 2, "A\0\0\0", 4);
	assert_data(&r.p.ops[5], 3, "\xe9", 1);
	done(&r);

	/* Another code page. */
	parse_opts(&r, H4 "[HKLM\\K]\n\"a\"=\"\xc4\"\n", 0, "1251");
	assert_int_equal(r.rc, 0);
	assert_data(&r.p.ops[1], 1, "\x14\x04\0\0", 4);
	done(&r);
	parse_opts(&r, H4 "[HKLM\\K]\n", 0, "no-such-cp");
	assert_int_equal(r.rc, -1);
	assert_non_null(strstr(r.e.msg, "unknown code page"));
	done(&r);
}

static void
test_many_bad_lines(void **state)
{
	struct hp_buf b = HP_BUF_INIT;
	struct res r;
	int i;

	(void)state;
	hp_buf_adds(&b, H5 "[HKLM\\K]\n");
	for (i = 0; i < 1000; i++)
		hp_buf_adds(&b, "\"x\"=bogus\n");
	parse_bytes(&r, b.buf, b.len, 0, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.w.n, HP_REG_MAX_WARNINGS + 1);
	assert_non_null(strstr(r.w.msgs[HP_REG_MAX_WARNINGS], "900 more"));
	done(&r);
	hp_buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf16_bom),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_bad_keys),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_delete_values),
		cmocka_unit_test(test_dword),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_bad_hex),
		cmocka_unit_test(test_recovery),
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_regedit4),
		cmocka_unit_test(test_many_bad_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
