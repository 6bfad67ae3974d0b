/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The comparison matrix on small sources written here: which rows it
 * makes, how it matches them (case, canonical values, accounts as sets),
 * deletions, --key, and how cells read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/path.h"
#include "formats/source.h"
#include "policy/compare.h"

#define REG5	"Windows Registry Editor Version 5.00\n\n"

static char dir[] = "/tmp/hivepol-test-compare.XXXXXX";

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[sizeof(dir) + 16];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

/* Writes text to DIR/name and opens it as a source. */
static struct hp_source *
source(const char *name, const char *text)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_source *s = NULL;
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	if (hp_source_open(path, NULL, &s, NULL, &e) == -1)
		fail_msg("%s", e.msg);
	return s;
}

/* Builds the matrix of n sources (closed after), below key if not NULL. */
static void
build(struct hp_source **src, size_t n, const char *key, struct hp_cmp *c)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_path k = HP_PATH_INIT;

	if (key != NULL)
		assert_int_equal(hp_path_parse(key, &k, &e), 0);
	assert_int_equal(hp_cmp_build(src, n, key ? &k : NULL, c, &e), 0);
	hp_path_free(&k);
}

static void
close_all(struct hp_source **src, size_t n)
{
	while (n-- > 0)
		hp_source_close(src[n]);
}

/* Row i as "SETTING STATE cell|cell|..." for short assertions. */
static char *
row_line(const struct hp_cmp *c, size_t i)
{
	struct hp_buf b = HP_BUF_INIT;
	size_t k;

	hp_cmp_row_group(&c->rows[i], &b);
	hp_buf_addc(&b, ' ');
	hp_cmp_row_setting(&c->rows[i], &b);
	hp_buf_addf(&b, " %s ", hp_cmp_state_name(c->rows[i].state));
	for (k = 0; k < c->nsrc; k++) {
		if (k > 0)
			hp_buf_addc(&b, '|');
		hp_cmp_cell_text(&c->rows[i].cells[k], 0, &b);
	}
	return b.buf;
}

static void
assert_row(const struct hp_cmp *c, size_t i, const char *want)
{
	char *got;

	assert_true(i < c->n);
	got = row_line(c, i);
	assert_string_equal(got, want);
	free(got);
}

/* Keys and value names match in any case; data by the canonical rule. */
static void
test_matching(void **state)
{
	struct hp_source *src[2];
	struct hp_cmp c = HP_CMP_INIT;

	(void)state;
	src[0] = source("a.reg", REG5 "[HKEY_LOCAL_MACHINE\\Software\\X]\n"
	    "\"Name\"=dword:00000001\n\"S\"=\"a\"\n\"Q\"=dword:00000001\n");
	src[1] = source("b.reg", REG5 "[HKEY_LOCAL_MACHINE\\SOFTWARE\\x]\n"
	    "\"NAME\"=dword:00000001\n\"S\"=hex(1):61,00,00,00,00,00\n"
	    "\"Q\"=hex(b):01,00,00,00,00,00,00,00\n");
	build(src, 2, NULL, &c);
	assert_int_equal(c.n, 3);
	assert_row(&c, 0, "HKLM\\Software\\X \"Name\" repeat "
	    "REG_DWORD 0x00000001 (1)|REG_DWORD 0x00000001 (1)");
	/* Another type is another setting's data, never alike. */
	assert_row(&c, 1, "HKLM\\Software\\X \"Q\" conflict "
	    "REG_DWORD 0x00000001 (1)|REG_QWORD 0x0000000000000001 (1)");
	/* Trailing NULs after a string's terminator do not count. */
	assert_row(&c, 2, "HKLM\\Software\\X \"S\" repeat REG_SZ a|REG_SZ a");
	assert_int_equal(c.count[HP_CMP_REPEAT], 2);
	assert_int_equal(c.count[HP_CMP_CONFLICT], 1);
	assert_false(c.rows[0].differs);
	assert_true(c.rows[1].differs);
	hp_cmp_free(&c);
	close_all(src, 2);
}

/* Three sources, two alike: a conflict for all, and rows one holds. */
static void
test_states(void **state)
{
	struct hp_source *src[3];
	struct hp_cmp c = HP_CMP_INIT;

	(void)state;
	src[0] = source("1.reg", REG5 "[HKEY_CURRENT_USER\\K]\n\"V\"=dword:1\n"
	    "\"Only\"=\"x\"\n");
	src[1] = source("2.reg", REG5 "[HKEY_CURRENT_USER\\K]\n\"V\"=dword:1\n");
	src[2] = source("3.reg", REG5 "[HKEY_CURRENT_USER\\K]\n\"V\"=dword:2\n"
	    "@=\"d\"\n");
	build(src, 3, NULL, &c);
	assert_int_equal(c.n, 3);
	assert_row(&c, 0, "HKCU\\K @ single -|-|REG_SZ d");
	assert_row(&c, 1, "HKCU\\K \"Only\" single REG_SZ x|-|-");
	assert_row(&c, 2, "HKCU\\K \"V\" conflict REG_DWORD 0x00000001 (1)|"
	    "REG_DWORD 0x00000001 (1)|REG_DWORD 0x00000002 (2)");
	assert_true(c.rows[0].differs && c.rows[2].differs);
	hp_cmp_free(&c);
	close_all(src, 3);
}

/* What a file leaves: deleted then set is set, set then deleted deletes. */
static void
test_deletions(void **state)
{
	struct hp_source *src[2];
	struct hp_cmp c = HP_CMP_INIT;

	(void)state;
	src[0] = source("d.reg", REG5 "[HKEY_LOCAL_MACHINE\\SOFTWARE\\P]\n"
	    "\"A\"=-\n\"A\"=dword:1\n\"B\"=dword:1\n\"B\"=-\n\n"
	    "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\P\\Gone]\n");
	src[1] = source("e.reg", REG5 "[HKEY_LOCAL_MACHINE\\SOFTWARE\\P]\n"
	    "\"B\"=-\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\P\\Gone]\n\"Z\"=\"z\"\n");
	build(src, 2, NULL, &c);
	assert_int_equal(c.n, 4);
	assert_row(&c, 0, "HKLM\\SOFTWARE\\P \"A\" single "
	    "REG_DWORD 0x00000001 (1)|-");
	assert_row(&c, 1, "HKLM\\SOFTWARE\\P \"B\" repeat delete|delete");
	assert_row(&c, 2, "HKLM\\SOFTWARE\\P\\Gone \"Z\" single -|REG_SZ z");
	assert_row(&c, 3, "HKLM\\SOFTWARE\\P\\Gone (key) single delete|-");
	assert_int_equal(c.rows[3].what, HP_CMP_KEY);
	hp_cmp_free(&c);
	/* --key, in any case, keeps to its subtree. */
	build(src, 2, "hklm\\software\\p\\GONE", &c);
	assert_int_equal(c.n, 2);
	assert_row(&c, 0, "HKLM\\SOFTWARE\\P\\Gone \"Z\" single -|REG_SZ z");
	hp_cmp_free(&c);
	close_all(src, 2);
}

/* Security templates: named rows after the registry, accounts as sets. */
static void
test_named(void **state)
{
	struct hp_source *src[2];
	struct hp_cmp c = HP_CMP_INIT;

	(void)state;
	src[0] = source("a.inf", "[Unicode]\nUnicode=yes\n[System Access]\n"
	    "MinimumPasswordLength = 14\n[Privilege Rights]\n"
	    "SeDebugPrivilege = *S-1-5-32-544,*S-1-5-18\n[Registry Values]\n"
	    "MACHINE\\Software\\T\\V=4,1\n[Version]\n"
	    "signature=\"$CHICAGO$\"\nRevision=1\n");
	src[1] = source("b.inf", "[Unicode]\nUnicode=yes\n[System Access]\n"
	    "minimumpasswordlength = 8\n[Privilege Rights]\n"
	    "SeDebugPrivilege = *S-1-5-18,*S-1-5-32-544\n[Version]\n"
	    "signature=\"$CHICAGO$\"\nRevision=1\n");
	build(src, 2, NULL, &c);
	assert_int_equal(c.n, 3);
	assert_row(&c, 0, "HKLM\\Software\\T \"V\" single "
	    "REG_DWORD 0x00000001 (1)|-");
	assert_row(&c, 1, "Privilege Rights SeDebugPrivilege repeat "
	    "*S-1-5-32-544,*S-1-5-18|*S-1-5-18,*S-1-5-32-544");
	assert_row(&c, 2, "System Access MinimumPasswordLength conflict 14|8");
	assert_int_equal(c.rows[2].what, HP_CMP_NAMED);
	hp_cmp_free(&c);
	/* --key leaves named settings out. */
	build(src, 2, "HKLM\\Software", &c);
	assert_int_equal(c.n, 1);
	hp_cmp_free(&c);
	close_all(src, 2);
}

/* Text cells cut long data on a character boundary and say how long. */
static void
test_cell_text(void **state)
{
	struct hp_source *src[1];
	struct hp_cmp c = HP_CMP_INIT;
	struct hp_buf b = HP_BUF_INIT;

	(void)state;
	src[0] = source("u.reg", REG5 "[HKEY_CURRENT_USER\\U]\n"
	    "\"T\"=\"\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\"\n");
	build(src, 1, NULL, &c);
	hp_cmp_cell_text(&c.rows[0].cells[0], 5, &b);
	assert_string_equal(b.buf, "REG_SZ \xc3\xa4\xc3\xa4... (8 bytes)");
	hp_buf_reset(&b);
	hp_cmp_cell_text(&c.rows[0].cells[0], 8, &b);
	assert_string_equal(b.buf, "REG_SZ \xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4");
	hp_buf_release(&b);
	hp_cmp_free(&c);
	close_all(src, 1);
}

/* The text report keeps a row on one line: control characters escaped. */
static void
test_text_lines(void **state)
{
	struct hp_source *src[2];
	struct hp_cmp c = HP_CMP_INIT;
	struct hp_buf b = HP_BUF_INIT;

	(void)state;
	src[0] = source("n.reg", REG5 "[HKEY_CURRENT_USER\\N]\n"
	    "\"NL\"=hex(1):61,00,0a,00,62,00,09,00,00,00\n");
	src[1] = source("m.reg", REG5 "[HKEY_CURRENT_USER\\N]\n"
	    "\"NL\"=\"ab\"\n");
	build(src, 2, NULL, &c);
	hp_cmp_text(&c, 0, &b);
	assert_non_null(strstr(b.buf, "\n\nHKCU\\N\n  \"NL\"  [1] REG_SZ "
	    "a\\nb\\t conflict  [2] REG_SZ ab conflict\n"));
	hp_buf_release(&b);
	hp_cmp_free(&c);
	close_all(src, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matching),
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_deletions),
		cmocka_unit_test(test_named),
		cmocka_unit_test(test_cell_text),
		cmocka_unit_test(test_text_lines),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
