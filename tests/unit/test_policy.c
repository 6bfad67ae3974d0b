/*
 * The policy language (parsing and its errors), the typed rules (range
 * with parity, disjoint, required together), lint, and the plan that
 * apply uses, on in-memory trees.
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
#include "policy/check.h"
#include "core/error.h"
#include "policy/policy.h"
#include "core/tree.h"

static char dir[] = "/tmp/hp-policy-test.XXXXXX";

static const char *
put(const char *name, const char *text)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	return path;
}

#define RANGE_POLICY \
	"setting \"lo\" {\n"						/* 1 */ \
	"  key = \"HKLM\\\\SOFTWARE\\\\P\"\n"				/* 2 */ \
	"  value = \"MinMediaPort\"\n"					/* 3 */ \
	"  type = \"dword\"\n"						/* 4 */ \
	"  min = 1024\n"						/* 5 */ \
	"  max = 65535\n"						/* 6 */ \
	"  presence = \"optional\"\n"					/* 7 */ \
	"}\n"								/* 8 */ \
	"setting \"hi\" {\n"						/* 9 */ \
	"  key = \"HKLM\\\\SOFTWARE\\\\P\"\n"				\
	"  value = \"MaxMediaPort\"\n"					\
	"  type = \"dword\"\n"						\
	"  presence = \"optional\"\n"					\
	"  max = 65535\n"						\
	"}\n"								\
	"setting \"slo\" {\n"						\
	"  key = \"HKLM\\\\SOFTWARE\\\\P\"\n"				\
	"  value = \"MinSip\"\n"					\
	"  type = \"dword\"\n"						\
	"  presence = \"optional\"\n"					\
	"  max = 65535\n"						\
	"}\n"								\
	"setting \"shi\" {\n"						\
	"  key = \"HKLM\\\\SOFTWARE\\\\P\"\n"				\
	"  value = \"MaxSip\"\n"					\
	"  type = \"dword\"\n"						\
	"  presence = \"optional\"\n"					\
	"  max = 65535\n"						\
	"}\n"								\
	"rule \"media\" {\n"						\
	"  kind = \"range\"\n"						\
	"  settings = {\"lo\", \"hi\"}\n"				\
	"  min_width = 4\n"						\
	"  min_width_odd = 5\n"						\
	"}\n"								\
	"rule \"sip\" {\n"						\
	"  kind = \"range\"\n"						\
	"  settings = {\"slo\", \"shi\"}\n"				\
	"}\n"								\
	"rule \"apart\" {\n"						\
	"  kind = \"disjoint\"\n"					\
	"  ranges = {\"sip\", \"media\"}\n"				\
	"}\n"								\
	"rule \"pair\" {\n"						\
	"  kind = \"required_together\"\n"				\
	"  settings = {\"slo\", \"shi\"}\n"				\
	"}\n"

static struct hp_policy *
load_ok(const char *text)
{
	struct hp_policy *p = NULL;
	struct hp_error e = HP_ERROR_INIT;

	if (hp_policy_load(put("p.conf", text), &p, &e) == -1)
		fail_msg("%s", e.msg);
	return p;
}

/* The message of a policy that must not load. */
static const char *
load_err(const char *text)
{
	static struct hp_error e;
	struct hp_policy *p = NULL;

	hp_error_clear(&e);
	assert_int_equal(hp_policy_load(put("p.conf", text), &p, &e), -1);
	assert_null(p);
	assert_int_equal(e.kind, HP_E_INPUT);
	return e.msg;
}

static void
assert_has(const char *hay, const char *needle)
{
	if (strstr(hay, needle) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", hay, needle);
}

/* A tree mounted at HKLM\SOFTWARE with DWORDs name=value under P. */
static void
mktree(struct hp_tree *t, const char *const *names, const uint32_t *vals,
    size_t n)
{
	struct hp_path mount, key;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_value v = HP_VALUE_INIT;
	size_t i;

	assert_int_equal(hp_path_parse("HKLM\\SOFTWARE", &mount, NULL), 0);
	hp_tree_init(t, &mount);
	assert_int_equal(hp_path_parse("HKLM\\SOFTWARE\\P", &key, NULL), 0);
	assert_non_null(hp_patch_add(&p, HP_OP_CREATE_KEY, &key, NULL, NULL,
	    0));
	for (i = 0; i < n; i++) {
		hp_value_set_dword(&v, vals[i]);
		assert_non_null(hp_patch_add(&p, HP_OP_SET_VALUE, &key,
		    names[i], &v, 0));
	}
	assert_int_equal(hp_tree_apply(t, &p, NULL, NULL, NULL), 0);
	hp_value_free(&v);
	hp_patch_free(&p);
	hp_path_free(&key);
	hp_path_free(&mount);
}

/* The status of rule name after checking the four port values. */
static enum hp_status
rule_status(const char *rule, long lo, long hi, long slo, long shi)
{
	static const char *const all[] = { "MinMediaPort", "MaxMediaPort",
	    "MinSip", "MaxSip" };
	const char *names[4];
	uint32_t vals[4];
	long in[4] = { lo, hi, slo, shi };
	struct hp_policy *p = load_ok(RANGE_POLICY);
	struct hp_check_result res = HP_CHECK_RESULT_INIT;
	struct hp_tree t;
	struct hp_view v;
	enum hp_status st = HP_ST_COUNT;
	size_t i, n = 0;

	for (i = 0; i < 4; i++)
		if (in[i] >= 0) {
			names[n] = all[i];
			vals[n++] = (uint32_t)in[i];
		}
	mktree(&t, names, vals, n);
	hp_tree_view(&t, &v, "mem");
	assert_int_equal(hp_check_run(p, &v, 1, &res, NULL), 0);
	for (i = 0; i < res.n; i++)
		if (res.v[i].is_rule && strcmp(res.v[i].check, rule) == 0)
			st = res.v[i].status;
	hp_check_result_free(&res);
	hp_tree_free(&t);
	hp_policy_free(p);
	return st;
}

static void
test_parse_lines(void **state)
{
	struct hp_policy *p = load_ok(RANGE_POLICY);

	(void)state;
	assert_int_equal(p->nsettings, 4);
	assert_int_equal(p->nrules, 4);
	assert_int_equal(p->settings[0].loc.line, 1);
	assert_int_equal(p->settings[0].lines.min, 5);
	assert_int_equal(p->settings[0].lines.max, 6);
	assert_int_equal(p->settings[1].loc.line, 9);
	assert_int_equal(p->settings[0].presence, HP_PRESENCE_OPTIONAL);
	assert_int_equal(p->rules[0].kind, HP_RULE_RANGE);
	assert_int_equal(p->rules[0].min_width, 4);
	assert_int_equal(p->rules[0].min_width_odd, 5);
	/* sip gives no min_width: two ports, the least a range can be. */
	assert_int_equal(p->rules[1].min_width, 2);
	assert_int_equal(p->rules[2].kind, HP_RULE_DISJOINT);
	hp_policy_free(p);
}

static void
test_parse_errors(void **state)
{
	(void)state;
	assert_has(load_err("setting \"a\" {\n  key = \"HKLM\\\\X\"\n"
	    "  bogus = 1\n}\n"), "p.conf:3: no such option 'bogus'");
	assert_has(load_err("setting \"a\" {\n  key = \"HKLM\\\\X\"\n"
	    "  value = \"v\"\n  type = \"dword\"\n  data = \"-5\"\n}\n"),
	    "p.conf:5: setting \"a\": data: \"-5\" is not an unsigned 32-bit");
	assert_has(load_err("setting \"a\" {\n  key = \"HKLM\\\\X\"\n"
	    "  value = \"v\"\n  type = \"dwrd\"\n}\n"),
	    "p.conf:4: setting \"a\": unknown type");
	assert_has(load_err("setting \"a\" {\n  key = \"X\\\\Y\"\n"
	    "  value = \"v\"\n  type = \"dword\"\n}\n"),
	    "p.conf:2: setting \"a\": key \"X\\Y\" must start with a root");
	assert_has(load_err("setting \"a\" {\n  key = \"HKLM\\\\X\"\n"
	    "  value = \"v\"\n  type = \"sz\"\n  min = 3\n}\n"),
	    "p.conf:5: setting \"a\": min and max apply to dword");
	assert_has(load_err("setting \"a\" {\n  key = \"HKLM\\\\X\"\n"
	    "  value = \"v\"\n  type = \"dword\"\n}\nrule \"r\" {\n"
	    "  kind = \"range\"\n  settings = {\"a\", \"b\"}\n}\n"),
	    "p.conf:8: rule \"r\": no setting named \"b\"");
	assert_has(load_err("setting \"a\" {\n  key = \"HKLM\\\\X\"\n"
	    "  value = \"v\"\n  type = \"dword\"\n}\nrule \"r\" {\n"
	    "  kind = \"sum\"\n}\n"), "p.conf:7: rule \"r\": unknown kind");
	assert_has(load_err("setting \"a\" {\n  key = \"HKLM\\\\X\"\n"
	    "  value = \"v\"\n  presence = \"forbidden\"\n  data = \"1\"\n"
	    "  type = \"dword\"\n}\n"), "p.conf:4: setting \"a\": a forbidden");
	assert_has(load_err("setting \"a\" {\n  key = \"HKLM\\\\X\"\n"
	    "  value = \"v\"\n  type = \"dword\"\n  template = \"t.admx\"\n"
	    "}\n"), "p.conf:1: setting \"a\": a template setting needs both");
	assert_has(load_err("setting \"a\" {\n  key = \"HKLM\\\\X\"\n"
	    "  template = \"t.admx\"\n  policy = \"P\"\n}\n"),
	    "p.conf:2: setting \"a\": key, value, type and data come from");
	assert_has(load_err("setting \"a\" {\n  template = \"none.admx\"\n"
	    "  policy = \"P\"\n}\n"), "p.conf:2: setting \"a\":");
	assert_has(load_err("setting \"a\" {\n  key = \"HKLM\\\\X\"\n"),
	    "p.conf:");
	assert_has(load_err(""), "has no settings");
}

static void
test_include(void **state)
{
	struct hp_policy *p;

	(void)state;
	put("base.conf", "setting \"b\" {\n  key = \"HKLM\\\\X\"\n"
	    "  value = \"v\"\n  type = \"dword\"\n  data = \"1\"\n}\n");
	p = load_ok("include = \"base.conf\"\nsetting \"a\" {\n"
	    "  key = \"HKLM\\\\X\"\n  value = \"w\"\n  type = \"dword\"\n}\n"
	    "rule \"t\" {\n  kind = \"required_together\"\n"
	    "  settings = {\"a\", \"b\"}\n}\n");
	assert_int_equal(p->nsettings, 2);
	assert_string_equal(p->settings[0].name, "b");
	assert_has(p->settings[0].loc.file, "base.conf");
	assert_int_equal(p->settings[1].loc.line, 2);
	hp_policy_free(p);
	/* The same name twice names both places. */
	assert_has(load_err("include = \"base.conf\"\nsetting \"b\" {\n"
	    "  key = \"HKLM\\\\X\"\n  value = \"w\"\n  type = \"dword\"\n}\n"),
	    "p.conf:2: setting \"b\" is already defined at");
	put("loop.conf", "include = \"p.conf\"\n");
	assert_has(load_err("include = \"loop.conf\"\n"), "include loop");
	assert_has(load_err("include = \"missing.conf\"\n"),
	    "p.conf:1: include");
}

static void
test_range_parity(void **state)
{
	(void)state;
	/* Even low end: 4 ports are enough, 3 are not. */
	assert_int_equal(rule_status("media", 5350, 5353, -1, -1),
	    HP_ST_COMPLIANT);
	assert_int_equal(rule_status("media", 5350, 5352, -1, -1), HP_ST_RULE);
	/* Odd low end: 4 are not enough, 5 are. */
	assert_int_equal(rule_status("media", 5351, 5354, -1, -1), HP_ST_RULE);
	assert_int_equal(rule_status("media", 5351, 5355, -1, -1),
	    HP_ST_COMPLIANT);
	/* Low end must be below the high end. */
	assert_int_equal(rule_status("media", 5353, 5350, -1, -1), HP_ST_RULE);
	assert_int_equal(rule_status("media", 5350, 5350, -1, -1), HP_ST_RULE);
	/* Half a range is broken; no range at all is the product default. */
	assert_int_equal(rule_status("media", 5350, -1, -1, -1), HP_ST_RULE);
	assert_int_equal(rule_status("media", -1, -1, -1, -1),
	    HP_ST_COMPLIANT);
	/* SIP needs two ports. */
	assert_int_equal(rule_status("sip", -1, -1, 7100, 7101),
	    HP_ST_COMPLIANT);
}

static void
test_disjoint_together(void **state)
{
	(void)state;
	assert_int_equal(rule_status("apart", 5350, 5353, 7100, 7103),
	    HP_ST_COMPLIANT);
	/* Adjacent ranges share no port. */
	assert_int_equal(rule_status("apart", 5350, 5353, 5354, 5355),
	    HP_ST_COMPLIANT);
	assert_int_equal(rule_status("apart", 5350, 5353, 5353, 5360),
	    HP_ST_RULE);
	assert_int_equal(rule_status("apart", 5350, 5400, 5360, 5370),
	    HP_ST_RULE);
	assert_int_equal(rule_status("pair", -1, -1, 7100, -1), HP_ST_RULE);
	assert_int_equal(rule_status("pair", -1, -1, -1, 7103), HP_ST_RULE);
	assert_int_equal(rule_status("pair", -1, -1, -1, -1), HP_ST_COMPLIANT);
	assert_int_equal(rule_status("pair", -1, -1, 7100, 7103),
	    HP_ST_COMPLIANT);
}

static void
test_lint(void **state)
{
	struct hp_buf out = HP_BUF_INIT;
	struct hp_policy *p;

	(void)state;
	p = load_ok("setting \"lo\" {\n  key = \"HKLM\\\\X\"\n"
	    "  value = \"Lo\"\n  type = \"dword\"\n  data = \"7100\"\n}\n"
	    "setting \"hi\" {\n  key = \"HKLM\\\\X\"\n  value = \"Hi\"\n"
	    "  type = \"dword\"\n  data = \"7101\"\n}\n"
	    "setting \"no\" {\n  key = \"HKLM\\\\x\"\n  value = \"lo\"\n"
	    "  presence = \"forbidden\"\n}\n"
	    "rule \"r\" {\n  kind = \"range\"\n  settings = {\"lo\", \"hi\"}\n"
	    "  min_width = 4\n}\n");
	assert_int_equal(hp_policy_lint(p, &out), 2);
	/* Both sides of the required/forbidden conflict, by line. */
	assert_has(out.buf, "p.conf:1: setting \"lo\" is required but "
	    "setting \"no\" (");
	assert_has(out.buf, "p.conf:16) for the same value is forbidden");
	assert_has(out.buf, "p.conf:18: rule \"r\": range 7100-7101 (");
	assert_has(out.buf, "p.conf:5, ");
	assert_has(out.buf, "p.conf:11) holds 2 values; it needs at least 4");
	hp_buf_release(&out);
	hp_policy_free(p);

	p = load_ok(RANGE_POLICY);
	assert_int_equal(hp_policy_lint(p, &out), 0);
	hp_buf_release(&out);
	hp_policy_free(p);
}

static void
test_plan_idempotent(void **state)
{
	static const char *const names[] = { "A", "Gone" };
	static const uint32_t vals[] = { 5, 1 };
	struct hp_policy *p;
	struct hp_patch patch = HP_PATCH_INIT, again = HP_PATCH_INIT;
	struct hp_check_result res = HP_CHECK_RESULT_INIT;
	struct hp_tree t;
	struct hp_view v;

	(void)state;
	p = load_ok("setting \"a\" {\n  key = \"HKLM\\\\SOFTWARE\\\\P\"\n"
	    "  value = \"A\"\n  type = \"dword\"\n  data = \"7\"\n}\n"
	    "setting \"b\" {\n  key = \"HKLM\\\\SOFTWARE\\\\Q\"\n"
	    "  value = \"B\"\n  type = \"sz\"\n  data = \"x\"\n}\n"
	    "setting \"g\" {\n  key = \"HKLM\\\\SOFTWARE\\\\P\"\n"
	    "  value = \"Gone\"\n  presence = \"forbidden\"\n}\n"
	    "setting \"u\" {\n  key = \"HKCU\\\\Software\\\\P\"\n"
	    "  value = \"U\"\n  type = \"dword\"\n  data = \"1\"\n}\n");
	mktree(&t, names, vals, 2);
	hp_tree_view(&t, &v, "mem");
	/* Set A, create B, delete Gone; U lies outside this tree. */
	assert_int_equal(hp_check_plan(p, &v, &patch, NULL, NULL), 3);
	assert_int_equal(hp_tree_apply(&t, &patch, NULL, NULL, NULL), 0);
	assert_int_equal(hp_check_plan(p, &v, &again, NULL, NULL), 0);
	assert_int_equal(hp_check_run(p, &v, 1, &res, NULL), 0);
	assert_int_equal(hp_check_failed(&res), 0);
	assert_int_equal(res.count[HP_ST_NOT_COVERED], 1);
	hp_check_result_free(&res);
	hp_patch_free(&patch);
	hp_patch_free(&again);
	hp_tree_free(&t);
	hp_policy_free(p);
}

static int
cleanup(void **state)
{
	char cmd[600];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_lines),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_include),
		cmocka_unit_test(test_range_parity),
		cmocka_unit_test(test_disjoint_together),
		cmocka_unit_test(test_lint),
		cmocka_unit_test(test_plan_idempotent),
	};

	if (mkdtemp(dir) == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, cleanup);
}
