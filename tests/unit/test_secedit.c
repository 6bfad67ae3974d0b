/*
 * Security templates: INF fields, edits that touch only their lines in
 * every encoding, named settings compared by kind, audit.csv rows.
 */
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
#include "formats/auditcsv.h"
#include "formats/secedit.h"
#include "formats/secedit_settings.h"

static const char tmpl[] =
    "[Unicode]\r\nUnicode=yes\r\n"
    "[System Access]\r\nMinimumPasswordLength = 8\r\n"
    "PasswordComplexity=1 ; keep\r\n"
    "\r\n"
    "[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n";

/* The fields of v joined by '|'. */
static char *
fields(const char *v)
{
	struct hp_buf f = HP_BUF_INIT, out = HP_BUF_INIT;
	const char *p;
	size_t n, i;

	hp_secedit_fields(v, &f, &n);
	for (i = 0, p = f.buf; i < n; i++, p += strlen(p) + 1)
		hp_buf_addf(&out, i ? "|%s" : "%s", p);
	hp_buf_release(&f);
	return hp_buf_detach(&out, NULL);
}

static void
test_fields(void **state)
{
	static const char *const cases[][2] = {
		{ "4,1", "4|1" },
		{ " 7 , a , \"b,c\" ", "7|a|b,c" },
		{ "x\",\"y", "x,y" },
		{ "\"say \"\"hi\"\"\"", "say \"hi\"" },
		{ "\" padded \"", " padded " },
		{ "", "" },
		{ "a,,", "a||" },
	};
	size_t i;
	char *got;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = fields(cases[i][0]);
		assert_string_equal(got, cases[i][1]);
		free(got);
	}
}

static void
parse_ok(const char *text, size_t len, struct hp_secedit *t)
{
	struct hp_error e = HP_ERROR_INIT;

	assert_int_equal(hp_secedit_parse(text, len, "t.inf", t, &e), 0);
}

static char *
written(const struct hp_secedit *t, size_t *len)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf b = HP_BUF_INIT;

	assert_int_equal(hp_secedit_write(t, &b, &e), 0);
	return hp_buf_detach(&b, len);
}

/* An edit changes its line's value only; a new key joins its section. */
static void
test_edit(void **state)
{
	struct hp_secedit t;
	char *out;
	size_t len;

	(void)state;
	parse_ok(tmpl, sizeof(tmpl) - 1, &t);
	out = written(&t, &len);
	assert_int_equal(len, sizeof(tmpl) - 1);
	assert_memory_equal(out, tmpl, len);
	free(out);

	hp_secedit_set(&t, "system access", "minimumpasswordlength", "14");
	hp_secedit_set(&t, "System Access", "LockoutBadCount", "3");
	hp_secedit_set(&t, "Privilege Rights", "SeDebugPrivilege",
	    "*S-1-5-32-544");
	assert_int_equal(hp_secedit_remove(&t, "Version", "Revision"), 1);
	assert_int_equal(hp_secedit_remove(&t, "Version", "Revision"), 0);
	out = written(&t, NULL);
	assert_string_equal(out,
	    "[Unicode]\r\nUnicode=yes\r\n"
	    "[System Access]\r\nMinimumPasswordLength = 14\r\n"
	    "PasswordComplexity=1 ; keep\r\n"
	    "LockoutBadCount = 3\r\n"
	    "\r\n"
	    "[Version]\r\nsignature=\"$CHICAGO$\"\r\n"
	    "[Privilege Rights]\r\nSeDebugPrivilege = *S-1-5-32-544\r\n");
	free(out);
	hp_secedit_free(&t);
}

/* An empty template gets its section and entry (once a crash, fuzz). */
static void
test_edit_empty(void **state)
{
	struct hp_secedit t;
	char *out;

	(void)state;
	parse_ok("", 0, &t);
	hp_secedit_set(&t, "System Access", "MinimumPasswordLength", "14");
	out = written(&t, NULL);
	assert_string_equal(out, "[System Access]\nMinimumPasswordLength = 14\n");
	free(out);
	hp_secedit_free(&t);
}

/*
 * Lines without '=' are named by their first field, for edits as for
 * settings: a service's start mode, and a bare key (once a fuzz finding:
 * the edit missed the entry the settings read).
 */
static void
test_edit_fields(void **state)
{
	static const char in[] = "[Service General Setting]\n"
	    "\"Spooler\",4,\"\"\n"
	    "[System Access]\nMinimumPasswordLength ; no value\n";
	struct hp_secsettings s = HP_SECSETTINGS_INIT;
	struct hp_secedit t, again;
	char *out;

	(void)state;
	parse_ok(in, sizeof(in) - 1, &t);
	hp_secedit_set(&t, "Service General Setting", "spooler", "2,\"\"");
	hp_secedit_set(&t, "System Access", "MinimumPasswordLength", "14");
	out = written(&t, NULL);
	assert_string_equal(out, "[Service General Setting]\n"
	    "\"Spooler\",2,\"\"\n"
	    "[System Access]\nMinimumPasswordLength,14\n");
	parse_ok(out, strlen(out), &again);
	hp_secsettings_from_secedit(&again, &s);
	assert_string_equal(hp_secsettings_find(&s, "System Access",
	    "MinimumPasswordLength")->value, "14");
	assert_string_equal(hp_secsettings_find(&s, "Service General Setting",
	    "Spooler")->value, "2,\"\"");
	assert_int_equal(hp_secedit_remove(&again, "Service General Setting",
	    "SPOOLER"), 1);
	hp_secsettings_free(&s);
	hp_secedit_free(&again);
	free(out);
	hp_secedit_free(&t);
}

/* UTF-16LE: unchanged lines stay bytes, new ones are encoded alike. */
static void
test_edit_utf16(void **state)
{
	static const char in[] = "\xff\xfe[\0X\0]\0\r\0\n\0A\0=\0\xe9\0";
	static const char want[] = "\xff\xfe[\0X\0]\0\r\0\n\0A\0=\0\xe9\0"
	    "\r\0\n\0B\0 \0=\0 \0\xe9\0\r\0\n\0";
	struct hp_secedit t;
	char *out;
	size_t len;

	(void)state;
	parse_ok(in, sizeof(in) - 1, &t);
	assert_int_equal(t.enc, HP_SECEDIT_UTF16LE);
	assert_string_equal(t.lines[1].value, "\xc3\xa9");
	hp_secedit_set(&t, "X", "B", "\xc3\xa9");
	out = written(&t, &len);
	assert_int_equal(len, sizeof(want) - 1);
	assert_memory_equal(out, want, len);
	free(out);
	hp_secedit_free(&t);
}

/* ANSI: what Windows-1252 cannot hold is an error, not a lossy write. */
static void
test_edit_ansi(void **state)
{
	static const char in[] = "[X]\nA = \xe9\n";
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf b = HP_BUF_INIT;
	struct hp_secedit t;
	char *out;

	(void)state;
	parse_ok(in, sizeof(in) - 1, &t);
	assert_int_equal(t.enc, HP_SECEDIT_ANSI);
	hp_secedit_set(&t, "X", "A", "\xc3\xa8");
	out = written(&t, NULL);
	assert_string_equal(out, "[X]\nA = \xe8\n");
	free(out);
	hp_secedit_set(&t, "X", "A", "\xe2\x82\xac\xe4\xb8\x80");
	assert_int_equal(hp_secedit_write(&t, &b, &e), -1);
	assert_non_null(strstr(e.msg, "cannot be written in Windows-1252"));
	hp_buf_release(&b);
	hp_secedit_free(&t);
}

static void
test_settings(void **state)
{
	static const char a[] = "[Privilege Rights]\n"
	    "SeDebugPrivilege = *S-1-5-32-544,*S-1-5-19\n"
	    "[System Access]\nMinimumPasswordLength = 014\n"
	    "NewGuestName = \"Visitor\"\n"
	    "[Service General Setting]\n\"Spooler\",4,\"\"\n"
	    "[Registry Values]\nMACHINE\\A\\B=4,1\n"
	    "[Version]\nRevision=1\n"
	    "[System Access]\nMinimumPasswordLength = 15\n";
	struct hp_secsettings s = HP_SECSETTINGS_INIT;
	const struct hp_secset *x;
	struct hp_secedit t;

	(void)state;
	parse_ok(a, sizeof(a) - 1, &t);
	hp_secsettings_from_secedit(&t, &s);
	/* Registry values and the file's own sections are not named ones. */
	assert_int_equal(s.n, 4);
	x = hp_secsettings_find(&s, "privilege rights", "sedebugprivilege");
	assert_non_null(x);
	assert_int_equal(x->kind, HP_SECSET_SIDS);
	assert_true(hp_secset_value_equal(x, "*s-1-5-19 , *S-1-5-32-544"));
	assert_true(hp_secset_value_equal(x, "S-1-5-19,S-1-5-32-544,"));
	assert_false(hp_secset_value_equal(x, "*S-1-5-19"));
	assert_false(hp_secset_value_equal(x, "*S-1-5-19,*S-1-5-32-545"));
	/* The last of a key given twice, as Windows reads it. */
	x = hp_secsettings_find(&s, "System Access", "MinimumPasswordLength");
	assert_string_equal(x->value, "15");
	assert_true(hp_secset_value_equal(x, "0015"));
	assert_false(hp_secset_value_equal(x, "14"));
	x = hp_secsettings_find(&s, "System Access", "NewGuestName");
	assert_int_equal(x->kind, HP_SECSET_TEXT);
	assert_true(hp_secset_value_equal(x, "Visitor"));
	x = hp_secsettings_find(&s, "Service General Setting", "spooler");
	assert_string_equal(x->value, "4,\"\"");
	assert_true(hp_secset_value_equal(x, "4,"));
	hp_secsettings_free(&s);
	hp_secedit_free(&t);
}

static void
count_diff(void *arg, enum hp_secdiff_kind kind, const struct hp_secset *old,
    const struct hp_secset *new)
{
	size_t *counts = arg;

	assert_true(kind != HP_SECDIFF_ADDED || (old == NULL && new != NULL));
	assert_true(kind != HP_SECDIFF_REMOVED || (old != NULL && new == NULL));
	counts[kind]++;
}

static void
test_audit(void **state)
{
	static const char a[] = "Machine Name,Policy Target,Subcategory,"
	    "Subcategory GUID,Inclusion Setting,Exclusion Setting,Setting "
	    "Value\r\n"
	    ",System,Audit Logon,{0cce9215-69ae-11d9-bed3-505054503030},"
	    "Success,,1\r\n"
	    ",,Option:CrashOnAuditFail,,Disabled,,0\r\n"
	    ",System,Audit Logoff,{0cce9216-69ae-11d9-bed3-505054503030},"
	    "Success,,1\r\n";
	static const char b[] = "Machine Name,Policy Target,Subcategory,"
	    "Subcategory GUID,Inclusion Setting,Exclusion Setting,Setting "
	    "Value\n"
	    ",System,Audit Logon,{0CCE9215-69AE-11D9-BED3-505054503030},"
	    "Success and Failure,,3\n"
	    ",,Option:CrashOnAuditFail,,Disabled,,0\n"
	    ",System,Audit Special Logon,{0cce921b-69ae-11d9-bed3-505054503030},"
	    "Success,,1\n";
	struct hp_secsettings sa = HP_SECSETTINGS_INIT, sb = HP_SECSETTINGS_INIT;
	struct hp_error e = HP_ERROR_INIT;
	size_t counts[3] = { 0, 0, 0 };

	(void)state;
	assert_true(hp_auditcsv_sniff(a, sizeof(a) - 1));
	assert_int_equal(hp_auditcsv_parse(a, sizeof(a) - 1, "a", &sa, &e), 0);
	assert_int_equal(hp_auditcsv_parse(b, sizeof(b) - 1, "b", &sb, &e), 0);
	assert_int_equal(sa.n, 3);
	assert_int_equal(sa.v[0].kind, HP_SECSET_AUDIT);
	assert_string_equal(sa.v[0].label, "Audit Logon");
	assert_int_equal(sa.v[1].kind, HP_SECSET_NUMBER);
	assert_int_equal(hp_secsettings_diff(&sa, &sb, count_diff, counts), 3);
	assert_int_equal(counts[HP_SECDIFF_CHANGED], 1);
	assert_int_equal(counts[HP_SECDIFF_REMOVED], 1);
	assert_int_equal(counts[HP_SECDIFF_ADDED], 1);
	hp_secsettings_free(&sa);
	hp_secsettings_free(&sb);
}

/* Registry values: the patch's operations in file order, with lines. */
static void
test_patch(void **state)
{
	static const char a[] = "[Registry Values]\n"
	    "\"MACHINE\\Soft ware\\K\\V\"=4,7\n"
	    "USERS\\.DEFAULT\\K\\V=1,\"x\"\n"
	    "CLASSES_ROOT\\K\\V=-1\n";
	struct hp_error e = HP_ERROR_INIT;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_buf d = HP_BUF_INIT;
	struct hp_secedit t;
	size_t i;

	(void)state;
	parse_ok(a, sizeof(a) - 1, &t);
	assert_int_equal(hp_secedit_patch(&t, &p, NULL, &e), 0);
	assert_int_equal(p.n, 3);
	for (i = 0; i < p.n; i++) {
		hp_op_describe(&p.ops[i], &d);
		hp_buf_addc(&d, '\n');
		assert_int_equal(p.ops[i].line, i + 2);
	}
	assert_string_equal(d.buf,
	    "set HKLM\\Soft ware\\K \"V\" REG_DWORD 0x00000007 (7)\n"
	    "set HKU\\.DEFAULT\\K \"V\" REG_SZ x\n"
	    "delete-value HKCR\\K \"V\"\n");
	hp_buf_release(&d);
	hp_patch_free(&p);
	hp_secedit_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_edit),
		cmocka_unit_test(test_edit_empty),
		cmocka_unit_test(test_edit_fields),
		cmocka_unit_test(test_edit_utf16),
		cmocka_unit_test(test_edit_ansi),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_audit),
		cmocka_unit_test(test_patch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
