/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GPMC backups: Backup.xml kept in step, new backups, and every error. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/error.h"
#include "formats/gpmc_backup.h"

#define REG	"{35378EAC-683F-11D2-A89A-00C04FBBCFA2}"
#define MTOOL	"{D02B1F72-3407-48AE-BA88-E8213C6761F1}"
#define UTOOL	"{D02B1F73-3407-48AE-BA88-E8213C6761F1}"
#define MLOC	"DomainSysvol/GPO/Machine/registry.pol"
#define ULOC	"DomainSysvol/GPO/User/registry.pol"
#define HEAD	"<?xml version=\"1.0\" encoding=\"utf-8\"?>" \
	"<GroupPolicyBackupScheme xmlns:bkp=\"b\" xmlns=\"b\">\r\n" \
	"<GroupPolicyObject><GroupPolicyCoreSettings><ID><![CDATA[{G}]]></ID>" \
	"<Domain><![CDATA[d.example]]></Domain>"
#define TAIL	"</GroupPolicyObject></GroupPolicyBackupScheme>\r\n"

/* A Backup.xml with these core settings and extensions. */
static char *
doc(const char *core, const char *ext)
{
	struct hp_buf b = HP_BUF_INIT;

	hp_buf_addf(&b, "%s%s</GroupPolicyCoreSettings>%s%s", HEAD, core,
	    ext, TAIL);
	return hp_buf_detach(&b, NULL);
}

/* Updates xml for the sides in loc; returns 0/-1, *out the new text. */
static int
update(const char *xml, const char *m, const char *u, unsigned *opt,
    struct hp_buf *out, struct hp_error *e)
{
	const char *loc[2] = { m, u };

	return hp_gpmc_backup_update(xml, strlen(xml), "B.xml", loc, NULL, opt,
	    out, e);
}

static void
test_core(void **state)
{
	char *x = doc("<Options><![CDATA[1]]></Options>"
	    "<UserVersionNumber><![CDATA[131074]]></UserVersionNumber>"
	    "<MachineVersionNumber>65535</MachineVersionNumber>"
	    "<MachineExtensionGuids><![CDATA[[" REG MTOOL "]]]>"
	    "</MachineExtensionGuids><UserExtensionGuids/>", "");
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf b = HP_BUF_INIT;
	unsigned opt = 9;

	(void)state;
	assert_int_equal(update(x, MLOC, ULOC, &opt, &b, &e), 0);
	assert_int_equal(opt, 1);
	/* 0xffff wraps to 1 in each half; 2/2 becomes 3/3. */
	assert_non_null(strstr(b.buf, "<MachineVersionNumber><![CDATA[65537]]>"
	    "</MachineVersionNumber>"));
	assert_non_null(strstr(b.buf, "<UserVersionNumber><![CDATA[196611]]>"));
	/* The pair was there: the element is left as written. */
	assert_non_null(strstr(b.buf, "<MachineExtensionGuids><![CDATA[["
	    REG MTOOL "]]]></MachineExtensionGuids>"));
	assert_non_null(strstr(b.buf, "<UserExtensionGuids><![CDATA[[" REG
	    UTOOL "]]]></UserExtensionGuids>"));
	/* No Registry extension: one is made, with both files. */
	assert_non_null(strstr(b.buf, "<GroupPolicyExtension bkp:ID=\"" REG
	    "\" bkp:DescName=\"Registry\"><FSObjectFile bkp:Path=\""
	    "%GPO_MACH_FSPATH%\\registry.pol\""));
	assert_non_null(strstr(b.buf, "bkp:Location=\"DomainSysvol\\GPO\\User"
	    "\\registry.pol\"/></GroupPolicyExtension>"));
	/* Without other entries the source path comes from Domain and ID. */
	assert_non_null(strstr(b.buf, "bkp:SourceExpandedPath=\"\\\\d.example"
	    "\\sysvol\\d.example\\Policies\\{G}\\Machine\\registry.pol\""));
	hp_buf_release(&b);
	free(x);
}

#define SEC	"{827D319E-6EAC-11D2-A4EA-00C04F79F83A}"
#define STOOL	"{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}"
#define SLOC	"DomainSysvol/GPO/Machine/Microsoft/Windows NT/SecEdit/" \
	"GptTmpl.inf"

static void
test_security(void **state)
{
	/* Only the template changed; extensions sorted by ID around it. */
	char *x = doc("<Options/><UserVersionNumber/>"
	    "<MachineVersionNumber><![CDATA[131074]]></MachineVersionNumber>"
	    "<MachineExtensionGuids><![CDATA[[" REG MTOOL "]]]>"
	    "</MachineExtensionGuids><UserExtensionGuids/>",
	    "<GroupPolicyExtension bkp:ID=\"" REG "\" bkp:DescName=\"Registry"
	    "\"></GroupPolicyExtension><GroupPolicyExtension bkp:ID=\""
	    "{F15C46CD-82A0-4C2D-A210-5D0D3182A418}\"></GroupPolicyExtension>");
	const char *loc[2] = { NULL, NULL };
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf b = HP_BUF_INIT;
	const char *p, *q;
	unsigned opt;

	(void)state;
	assert_int_equal(hp_gpmc_backup_update(x, strlen(x), "B.xml", loc,
	    SLOC, &opt, &b, &e), 0);
	assert_non_null(strstr(b.buf, "<MachineVersionNumber><![CDATA[196611]]>"));
	assert_non_null(strstr(b.buf, "<MachineExtensionGuids><![CDATA[[" REG
	    MTOOL "][" SEC STOOL "]]]></MachineExtensionGuids>"));
	assert_non_null(strstr(b.buf, "<UserVersionNumber/>"));
	p = strstr(b.buf, "<GroupPolicyExtension bkp:ID=\"" SEC "\" "
	    "bkp:DescName=\"Security\"><FSObjectFile bkp:Path=\""
	    "%GPO_MACH_FSPATH%\\Microsoft\\Windows NT\\SecEdit\\GptTmpl.inf\"");
	assert_non_null(p);
	assert_non_null(strstr(p, "bkp:ReEvaluateFunction=\""
	    "SecurityValidateSettings\" bkp:Location=\"DomainSysvol\\GPO\\"
	    "Machine\\Microsoft\\Windows NT\\SecEdit\\GptTmpl.inf\"/>"));
	q = strstr(b.buf, "{F15C46CD");
	assert_true(strstr(b.buf, "DescName=\"Registry\"") < p && p < q);
	hp_buf_release(&b);
	free(x);
}

static void
test_entries(void **state)
{
	/* A Location already listed (other case) is not listed twice. */
	char *x = doc("<Options/><UserVersionNumber/><MachineVersionNumber/>"
	    "<MachineExtensionGuids/><UserExtensionGuids/>",
	    "\r\n  <GroupPolicyExtension bkp:ID=\"{35378eac-683f-11d2-a89a-"
	    "00c04fbbcfa2}\" bkp:DescName=\"Registry\">\r\n    <FSObjectFile "
	    "bkp:Path=\"%GPO_MACH_FSPATH%\\Registry.pol\" bkp:Location="
	    "\"domainsysvol\\gpo\\machine\\REGISTRY.POL\"/>\r\n    "
	    "<FSObjectFile bkp:Path=\"%GPO_FSPATH%\\Adm\\*.*\"/>\r\n  "
	    "</GroupPolicyExtension>");
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf b = HP_BUF_INIT;
	const char *p, *adm;
	unsigned opt;

	(void)state;
	assert_int_equal(update(x, MLOC, ULOC, &opt, &b, &e), 0);
	assert_int_equal(opt, 0);
	assert_null(strstr(b.buf, "Location=\"DomainSysvol\\GPO\\Machine"));
	/* The User entry goes before the Adm one, indented like it. */
	p = strstr(b.buf, "<FSObjectFile bkp:Path=\"%GPO_USER_FSPATH%");
	adm = strstr(b.buf, "<FSObjectFile bkp:Path=\"%GPO_FSPATH%");
	assert_non_null(p);
	assert_true(p < adm);
	assert_non_null(strstr(b.buf, "/>\r\n    <FSObjectFile bkp:Path=\""
	    "%GPO_FSPATH%"));
	/* Empty versions read as 0: one side changed, 1/1. */
	assert_non_null(strstr(b.buf, "<MachineVersionNumber><![CDATA[65537]]>"
	    "</MachineVersionNumber>"));
	hp_buf_release(&b);
	free(x);
}

/* Each Backup.xml fails with its own message, naming the file. */
static void
bad(const char *xml, const char *msg)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf b = HP_BUF_INIT;
	unsigned opt;

	assert_int_equal(update(xml, MLOC, NULL, &opt, &b, &e), -1);
	assert_int_equal(e.kind, HP_E_INPUT);
	if (strstr(e.msg, msg) == NULL || strncmp(e.msg, "B.xml", 5) != 0)
		fail_msg("\"%s\" lacks \"%s\"", e.msg, msg);
	hp_buf_release(&b);
}

static void
test_errors(void **state)
{
	char *x;

	(void)state;
	bad("<GroupPolicyBackupScheme><Options>", "not well-formed");
	bad("<!DOCTYPE x [<!ENTITY a \"b\">]><GroupPolicyBackupScheme/>",
	    "DOCTYPE refused");
	bad("<Other/>", "not a GPMC Backup.xml");
	x = doc("<UserVersionNumber/><MachineVersionNumber/>", "");
	bad(x, "no <Options> element");
	free(x);
	x = doc("<Options/><Options/><MachineVersionNumber/>", "");
	bad(x, "more than one <Options> element");
	free(x);
	x = doc("<Options>x</Options><MachineVersionNumber/>", "");
	bad(x, "<Options> \"x\" is not a number");
	free(x);
	x = doc("<Options/><MachineVersionNumber>4294967296"
	    "</MachineVersionNumber><MachineExtensionGuids/>", "");
	bad(x, "<MachineVersionNumber> \"4294967296\" is not a number");
	free(x);
	x = doc("<Options/><MachineVersionNumber/><MachineExtensionGuids>"
	    "[{oops}]</MachineExtensionGuids>", "");
	bad(x, "<MachineExtensionGuids>");
	free(x);
}

static void
test_new(void **state)
{
	struct hp_gpmc_new n = { .name = "a]]>b", .loc = { MLOC, NULL } };
	struct hp_gpmc_new m = { .name = "x", .loc = { NULL, NULL } };
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf x = HP_BUF_INIT, i = HP_BUF_INIT, b = HP_BUF_INIT;
	unsigned opt;
	const char *loc[2] = { MLOC, NULL };

	(void)state;
	hp_gpmc_backup_ids("abc", 3, &n);
	hp_gpmc_backup_ids("abc", 3, &m);
	assert_string_equal(n.id, m.id);
	assert_string_equal(n.gpo_id, m.gpo_id);
	assert_string_not_equal(n.id, n.gpo_id);
	assert_int_equal(strlen(n.id), 38);
	assert_int_equal(n.id[15], '8');	/* version 8 */
	hp_gpmc_backup_ids("abd", 3, &m);
	assert_string_not_equal(n.id, m.id);
	hp_gpmc_backup_new(&n, &x, &i);
	/* Machine only: User switched off; a "]]>" in the name split. */
	assert_non_null(strstr(x.buf, "<Options><![CDATA[1]]></Options>"));
	assert_non_null(strstr(x.buf, "<DisplayName><![CDATA[a]]]]><![CDATA["
	    ">b]]></DisplayName>"));
	assert_non_null(strstr(i.buf, n.id));
	/* A new backup takes an update that has nothing to add but versions. */
	assert_int_equal(hp_gpmc_backup_update(x.buf, x.len, "B.xml", loc,
	    NULL, &opt, &b, &e), 0);
	assert_int_equal(opt, 1);
	assert_non_null(strstr(b.buf, "<MachineVersionNumber><![CDATA[131074]]>"));
	assert_int_equal(b.len, x.len + 1);
	hp_buf_release(&x);
	hp_buf_release(&i);
	hp_buf_release(&b);
}

/*
 * Markup inside a comment or a CDATA section is text, not elements: an
 * entry commented out does not count as the file's, an extension in a
 * comment gets no entry, and a CDATA that reads like an element is not
 * one more <Options>.
 */
static void
test_unparsed(void **state)
{
	char *x = doc("<Options/><UserVersionNumber/><MachineVersionNumber/>"
	    "<MachineExtensionGuids/><UserExtensionGuids/>"
	    "<DisplayName><![CDATA[<Options>]]></DisplayName>",
	    "<!-- <GroupPolicyExtension bkp:ID=\"" REG "\"></GroupPolicy"
	    "Extension> -->\r\n  <GroupPolicyExtension bkp:ID=\"" REG "\" "
	    "bkp:DescName=\"Registry\">\r\n    <!-- <FSObjectFile bkp:Path="
	    "\"%GPO_MACH_FSPATH%\\registry.pol\" bkp:Location=\"DomainSysvol"
	    "\\GPO\\Machine\\registry.pol\"/> -->\r\n  "
	    "</GroupPolicyExtension>");
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf b = HP_BUF_INIT;
	const char *p, *q;
	unsigned opt;

	(void)state;
	assert_int_equal(update(x, MLOC, NULL, &opt, &b, &e), 0);
	/* The comments as they were; the entry after the second. */
	p = strstr(b.buf, "registry.pol\"/> -->\r\n  <FSObjectFile bkp:Path="
	    "\"%GPO_MACH_FSPATH%\\registry.pol\"");
	assert_non_null(p);
	q = strstr(p, "</GroupPolicyExtension>");
	assert_non_null(q);
	assert_non_null(strstr(b.buf, "<!-- <GroupPolicyExtension bkp:ID=\""
	    REG "\"></GroupPolicyExtension> -->"));
	hp_buf_release(&b);
	free(x);
}

/*
 * Attributes as XML allows them: single quotes, space around '=', '>' in a
 * value.  The extension is found, so no second one is added.
 */
static void
test_attr_forms(void **state)
{
	char *x = doc("<Options/><UserVersionNumber/><MachineVersionNumber/>"
	    "<MachineExtensionGuids/><UserExtensionGuids/>",
	    "<GroupPolicyExtension bkp:DescName=\"a > b\" bkp:ID = '" REG
	    "'>\r\n</GroupPolicyExtension>");
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf b = HP_BUF_INIT;
	const char *p;
	unsigned opt;

	(void)state;
	assert_int_equal(update(x, MLOC, NULL, &opt, &b, &e), 0);
	p = strstr(b.buf, "<GroupPolicyExtension");
	assert_non_null(p);
	assert_null(strstr(p + 1, "<GroupPolicyExtension"));
	p = strstr(p, "<FSObjectFile");
	assert_non_null(p);
	assert_non_null(strstr(p, "</GroupPolicyExtension>"));
	hp_buf_release(&b);
	free(x);
}

/*
 * An end tag with space before its '>' closes its element: the entry goes
 * into the Registry extension, not the next one (found by fuzz_backupxml).
 */
static void
test_end_tag_space(void **state)
{
	char *x = doc("<Options/><UserVersionNumber/><MachineVersionNumber\r\n>"
	    "</MachineVersionNumber\r\n><MachineExtensionGuids/>"
	    "<UserExtensionGuids/>",
	    "<GroupPolicyExtension bkp:ID=\"" REG "\"></GroupPolicyExtension"
	    "\r\n><GroupPolicyExtension bkp:ID=\"{F}\">"
	    "</GroupPolicyExtension>");
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf b = HP_BUF_INIT;
	const char *p;
	unsigned opt;

	(void)state;
	assert_int_equal(update(x, MLOC, NULL, &opt, &b, &e), 0);
	p = strstr(b.buf, "<FSObjectFile");
	assert_non_null(p);
	assert_ptr_equal(strstr(b.buf, "{F}"), strstr(p, "{F}"));
	/* The element was replaced whole, its spaced end tag too. */
	assert_non_null(strstr(b.buf, "]]></MachineVersionNumber>"
	    "<MachineExtensionGuids>"));
	hp_buf_release(&b);
	free(x);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_core),
		cmocka_unit_test(test_entries),
		cmocka_unit_test(test_security),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_new),
		cmocka_unit_test(test_unparsed),
		cmocka_unit_test(test_attr_forms),
		cmocka_unit_test(test_end_tag_space),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
