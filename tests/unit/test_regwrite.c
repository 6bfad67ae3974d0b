/* The .reg writer: regedit's layout, lossless forms, round trips. */
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
#include "core/tree.h"
#include "formats/utf16.h"

static void
add_set(struct hp_patch *p, const char *key, const char *name, uint32_t type,
    const void *data, size_t len)
{
	struct hp_path k;
	struct hp_value v = HP_VALUE_INIT;

	assert_int_equal(hp_path_parse(key, &k, NULL), 0);
	hp_value_set(&v, type, data, len);
	assert_non_null(hp_patch_add(p, HP_OP_SET_VALUE, &k, name, &v, 0));
	hp_value_free(&v);
	hp_path_free(&k);
}

static void
add_op(struct hp_patch *p, enum hp_op_kind kind, const char *key,
    const char *name)
{
	struct hp_path k;

	assert_int_equal(hp_path_parse(key, &k, NULL), 0);
	assert_non_null(hp_patch_add(p, kind, &k, name, NULL, 0));
	hp_path_free(&k);
}

/* Writes p in the dialect; returns the text as UTF-8 (5.00) or bytes. */
static char *
write_patch(const struct hp_patch *p, enum hp_reg_dialect d, int *rc,
    struct hp_error *e)
{
	struct hp_reg_write_opts o = { d, NULL, NULL, NULL, 0 };
	struct hp_buf out = HP_BUF_INIT, text = HP_BUF_INIT;

	*rc = hp_reg_write_patch(p, &o, &out, e);
	if (*rc == 0 && d == HP_REG5) {
		assert_true(out.len >= 2);
		assert_memory_equal(out.buf, "\xff\xfe", 2);
		assert_int_equal(out.len % 2, 0);
		assert_int_equal(hp_utf16_decode(out.buf + 2, out.len - 2,
		    &text), 0);
		hp_buf_release(&out);
		return hp_buf_detach(&text, NULL);
	}
	return hp_buf_detach(&out, NULL);
}

#define H5	"Windows Registry Editor Version 5.00\r\n"

static void
test_layout(void **state)
{
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_error e = HP_ERROR_INIT;
	unsigned char d[46];
	char *s;
	int rc;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(d); i++)
		d[i] = (unsigned char)i;
	/* "Path12345A"=hex(2): is 20 columns: 19 bytes fit (col 77). */
	add_set(&p, "HKLM\\SYSTEM\\X", "Path12345A", 2, d, sizeof(d));
	add_set(&p, "HKLM\\SYSTEM\\X", "b", 3, d, 3);
	s = write_patch(&p, HP_REG5, &rc, &e);
	assert_int_equal(rc, 0);
	assert_string_equal(s, H5 "\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\X]\r\n"
	    "\"Path12345A\"=hex(2):00,01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,"
	    "0e,0f,10,11,12,\\\r\n"
	    "  13,14,15,16,17,18,19,1a,1b,1c,1d,1e,1f,20,21,22,23,24,25,26,"
	    "27,28,29,2a,2b,\\\r\n"
	    "  2c,2d\r\n"
	    "\"b\"=hex:00,01,02\r\n"
	    "\r\n");
	free(s);
	hp_patch_free(&p);
}

static void
test_forms(void **state)
{
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_error e = HP_ERROR_INIT;
	char *s;
	int rc;

	(void)state;
	add_set(&p, "HKCU\\K", "", 1, "a\0\"\0\\\0\0\0", 8);
	add_set(&p, "HKCU\\K", "q\"\\", 1, "\0\0", 2);
	add_set(&p, "HKCU\\K", "nonul", 1, "a\0", 2);
	add_set(&p, "HKCU\\K", "lf", 1, "a\0\n\0\0\0", 6);
	add_set(&p, "HKCU\\K", "tail", 1, "a\0\0\0x\0", 6);
	add_set(&p, "HKCU\\K", "odd", 1, "a\0\0", 3);
	add_set(&p, "HKCU\\K", "dw", 4, "\x78\x56\x34\x12", 4);
	add_set(&p, "HKCU\\K", "dw3", 4, "\1\2\3", 3);
	add_set(&p, "HKCU\\K", "qw", 11, "\x88\x77\x66\x55\x44\x33\x22\x11", 8);
	add_set(&p, "HKCU\\K", "none", 0, NULL, 0);
	add_set(&p, "HKCU\\K", "bin", 3, NULL, 0);
	add_set(&p, "HKCU\\K", "big", 0x12345678, "\xff", 1);
	add_set(&p, "HKCU\\K", "\xc3\xa9", 1, "\xe9\0\0\0", 4);
	add_op(&p, HP_OP_DELETE_VALUE, "HKCU\\K", "gone");
	add_op(&p, HP_OP_DELETE_VALUE, "HKCU\\K", "");
	add_op(&p, HP_OP_DELETE_KEY, "HKCU\\K\\Old", NULL);
	add_op(&p, HP_OP_CREATE_KEY, "HKCU\\K\\New", NULL);
	add_op(&p, HP_OP_CREATE_KEY, "HKCU\\K\\New", NULL);
	s = write_patch(&p, HP_REG5, &rc, &e);
	assert_int_equal(rc, 0);
	assert_string_equal(s, H5 "\r\n[HKEY_CURRENT_USER\\K]\r\n"
	    "@=\"a\\\"\\\\\"\r\n"
	    "\"q\\\"\\\\\"=\"\"\r\n"
	    "\"nonul\"=hex(1):61,00\r\n"
	    "\"lf\"=hex(1):61,00,0a,00,00,00\r\n"
	    "\"tail\"=hex(1):61,00,00,00,78,00\r\n"
	    "\"odd\"=hex(1):61,00,00\r\n"
	    "\"dw\"=dword:12345678\r\n"
	    "\"dw3\"=hex(4):01,02,03\r\n"
	    "\"qw\"=hex(b):88,77,66,55,44,33,22,11\r\n"
	    "\"none\"=hex(0):\r\n"
	    "\"bin\"=hex:\r\n"
	    "\"big\"=hex(12345678):ff\r\n"
	    "\"\xc3\xa9\"=\"\xc3\xa9\"\r\n"
	    "\"gone\"=-\r\n"
	    "@=-\r\n"
	    "\r\n[-HKEY_CURRENT_USER\\K\\Old]\r\n"
	    "\r\n[HKEY_CURRENT_USER\\K\\New]\r\n"
	    "\r\n");
	free(s);

	/* Read back, every value has its type and bytes. */
	{
		struct hp_reg_write_opts o = { HP_REG5, NULL, NULL, NULL, 0 };
		struct hp_buf out = HP_BUF_INIT;
		struct hp_patch q = HP_PATCH_INIT;
		size_t i, j;

		assert_int_equal(hp_reg_write_patch(&p, &o, &out, &e), 0);
		assert_int_equal(hp_reg_parse(out.buf, out.len, "x", NULL, &q,
		    NULL, &e), 0);
		for (i = j = 0; i < p.n; i++) {
			while (j < q.n && q.ops[j].kind == HP_OP_CREATE_KEY &&
			    p.ops[i].kind != HP_OP_CREATE_KEY)
				j++;
			assert_true(j < q.n);
			assert_int_equal(q.ops[j].kind, p.ops[i].kind);
			assert_true(hp_path_eq(&q.ops[j].key, &p.ops[i].key));
			assert_int_equal(q.ops[j].value.type,
			    p.ops[i].value.type);
			assert_int_equal(q.ops[j].value.len,
			    p.ops[i].value.len);
			if (p.ops[i].value.len)
				assert_memory_equal(q.ops[j].value.data,
				    p.ops[i].value.data, p.ops[i].value.len);
			j++;
			/* The two CREATE_KEY of New became one. */
			if (i + 2 == p.n)
				i++;
		}
		hp_patch_free(&q);
		hp_buf_release(&out);
	}
	hp_patch_free(&p);
}

static void
test_regedit4(void **state)
{
	struct hp_patch p = HP_PATCH_INIT, q = HP_PATCH_INIT;
	struct hp_error e = HP_ERROR_INIT;
	char *s;
	int rc;

	(void)state;
	add_set(&p, "HKLM\\K", "caf\xc3\xa9", 1, "\xe9\0\0\0", 4);
	add_set(&p, "HKLM\\K", "x", 2, "%\0w\0%\0\0\0", 8);
	add_set(&p, "HKLM\\K", "m", 7, "a\0\0\0\xe9\0\0\0\0\0", 10);
	add_set(&p, "HKLM\\K", "l", 6, "a\0", 2);
	s = write_patch(&p, HP_REG4, &rc, &e);
	assert_int_equal(rc, 0);
	assert_string_equal(s, "REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\K]\r\n"
	    "\"caf\xe9\"=\"\xe9\"\r\n"
	    "\"x\"=hex(2):25,77,25,00\r\n"
	    "\"m\"=hex(7):61,00,e9,00,00\r\n"
	    "\"l\"=hex(6):61,00\r\n\r\n");
	assert_int_equal(hp_reg_parse(s, strlen(s), "x", NULL, &q, NULL, &e),
	    0);
	assert_int_equal(q.n, 5);
	assert_string_equal(q.ops[1].name, "caf\xc3\xa9");
	assert_memory_equal(q.ops[2].value.data, "%\0w\0%\0\0\0", 8);
	assert_memory_equal(q.ops[3].value.data, "a\0\0\0\xe9\0\0\0\0\0", 10);
	hp_patch_free(&q);
	free(s);
	hp_patch_free(&p);

	/* Not in the code page: an error, not a loss. */
	add_set(&p, "HKLM\\K", "snow", 1, "\x03\x26\0\0", 4);
	s = write_patch(&p, HP_REG4, &rc, &e);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(e.msg, "\"snow\""));
	assert_int_equal(e.hint, HP_HINT_REG5);
	free(s);
	hp_patch_free(&p);
	add_set(&p, "HKLM\\K", "\xe2\x98\x83", 3, "", 0);
	s = write_patch(&p, HP_REG4, &rc, &e);
	assert_int_equal(rc, -1);
	free(s);
	hp_patch_free(&p);
}

static void
test_unwritable(void **state)
{
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_error e = HP_ERROR_INIT;
	char *s;
	int rc;

	(void)state;
	add_op(&p, HP_OP_DELETE_VALUES, "HKLM\\K", NULL);
	s = write_patch(&p, HP_REG5, &rc, &e);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(e.msg, "no .reg form"));
	free(s);
	hp_patch_free(&p);
	add_op(&p, HP_OP_CREATE_KEY, "Software\\Relative", NULL);
	s = write_patch(&p, HP_REG5, &rc, &e);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(e.msg, "no root key"));
	free(s);
	hp_patch_free(&p);
	add_op(&p, HP_OP_CREATE_KEY, "HKLM\\K\\Two\nLines", NULL);
	s = write_patch(&p, HP_REG5, &rc, &e);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(e.msg, "\"Two%0ALines\" holds a line break"));
	free(s);
	hp_patch_free(&p);
}

/* A walk refuses what a .reg file cannot carry, however it writes keys. */
static void
test_view_unwritable(void **state)
{
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_path mount, rel = HP_PATH_INIT;
	struct hp_buf out = HP_BUF_INIT;
	struct hp_tree t;
	struct hp_view v;
	enum hp_reg_dialect d;

	(void)state;
	/* The bad key below one already written (5.00 extends its line). */
	add_op(&p, HP_OP_CREATE_KEY, "HKLM\\SOFTWARE\\A\\Two\rLines", NULL);
	assert_int_equal(hp_path_parse("HKLM\\SOFTWARE", &mount, NULL), 0);
	hp_tree_init(&t, &mount);
	assert_int_equal(hp_tree_apply(&t, &p, NULL, NULL, &e), 0);
	hp_tree_view(&t, &v, "tree");
	for (d = HP_REG5; ; d = HP_REG4) {
		struct hp_reg_write_opts o = { d, NULL, NULL, NULL, 0 };

		hp_buf_reset(&out);
		assert_int_equal(hp_reg_write_view(&v, &rel, &o, NULL, &out,
		    &e), -1);
		assert_non_null(strstr(e.msg, "holds a line break"));
		if (d == HP_REG4)
			break;
	}
	hp_buf_release(&out);
	hp_tree_free(&t);
	hp_path_free(&mount);
	hp_patch_free(&p);
}

static void
test_view(void **state)
{
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_reg_write_opts o = { HP_REG5, NULL, NULL, NULL, 0 };
	struct hp_path mount, rel = HP_PATH_INIT;
	struct hp_buf out = HP_BUF_INIT, text = HP_BUF_INIT;
	struct hp_tree t;
	struct hp_view v;

	(void)state;
	add_set(&p, "HKLM\\SOFTWARE\\B", "z", 4, "\1\0\0\0", 4);
	add_set(&p, "HKLM\\SOFTWARE\\B", "a", 4, "\2\0\0\0", 4);
	add_set(&p, "HKLM\\SOFTWARE\\B", "", 1, "\0\0", 2);
	add_set(&p, "HKLM\\SOFTWARE\\a\\c", "x", 3, "\1", 1);
	add_op(&p, HP_OP_CREATE_KEY, "HKLM\\SOFTWARE\\C", NULL);
	assert_int_equal(hp_path_parse("HKLM\\SOFTWARE", &mount, NULL), 0);
	hp_tree_init(&t, &mount);
	assert_int_equal(hp_tree_apply(&t, &p, NULL, NULL, &e), 0);
	hp_tree_view(&t, &v, "tree");
	assert_int_equal(hp_reg_write_view(&v, &rel, &o, NULL, &out, &e),
	    0);
	assert_int_equal(hp_utf16_decode(out.buf + 2, out.len - 2, &text), 0);
	assert_string_equal(text.buf, H5
	    "\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE]\r\n"
	    "\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\a]\r\n"
	    "\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\a\\c]\r\n"
	    "\"x\"=hex:01\r\n"
	    "\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\B]\r\n"
	    "@=\"\"\r\n"
	    "\"a\"=dword:00000002\r\n"
	    "\"z\"=dword:00000001\r\n"
	    "\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\C]\r\n"
	    "\r\n");
	/* A subtree. */
	hp_buf_reset(&out);
	hp_buf_reset(&text);
	hp_path_push(&rel, "b");
	assert_int_equal(hp_reg_write_view(&v, &rel, &o, NULL, &out, &e),
	    0);
	assert_int_equal(hp_utf16_decode(out.buf + 2, out.len - 2, &text), 0);
	assert_non_null(strstr(text.buf, "[HKEY_LOCAL_MACHINE\\SOFTWARE\\B]"));
	assert_null(strstr(text.buf, "SOFTWARE\\C"));
	hp_path_free(&rel);
	hp_buf_release(&out);
	hp_buf_release(&text);
	hp_tree_free(&t);
	hp_path_free(&mount);
	hp_patch_free(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_regedit4),
		cmocka_unit_test(test_unwritable),
		cmocka_unit_test(test_view),
		cmocka_unit_test(test_view_unwritable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
