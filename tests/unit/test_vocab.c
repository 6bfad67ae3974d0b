/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The policy vocabulary (templates/vocab.h).  Both ways on the corpus:
 * every policy of every corpus PolicyDefinitions folder, put in its
 * Enabled and Disabled states by the registry mapping (mapping.c, the
 * other direction, written after Microsoft's documentation and
 * PolicyPlus), gathered back from the Registry.pol entries it writes,
 * must be that one policy in that state.  And a hand-made folder for
 * what the corpus lacks: categories across namespaces and in a cycle,
 * keys in another case, HKU paths, lists, names without data.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <json-c/json.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/patch.h"
#include "formats/polfile.h"
#include "templates/template.h"
#include "templates/vocab.h"
#include "templates/vocab_group.h"
#include "templates/vocab_impl.h"

/* The patch of state st for p: every element given a value. */
static int
policy_patch(const struct hp_tmpl *t, const struct hp_tmpl_policy *p,
    enum hp_tmpl_state st, struct hp_patch *out)
{
	struct hp_tmpl_elemval *v = calloc(p->nelems + 1, sizeof(*v));
	char *strs[] = { "n1", "d1" };
	struct hp_tmpl_setting s = { st, v, 0 };
	struct hp_error e = HP_ERROR_INIT;
	size_t i;
	int r;

	assert_non_null(v);
	for (i = 0; i < p->nelems; i++) {
		const struct hp_tmpl_elem *el = &p->elems[i];

		v[i].id = el->id;
		v[i].has_num = el->type != HP_TE_TEXT;
		v[i].num = el->type == HP_TE_ENUM ? 0 : el->type ==
		    HP_TE_BOOLEAN ? 1 : el->min;
		v[i].str = "t";
		v[i].strs = strs;
		v[i].nstrs = 2;
	}
	if (st == HP_TMPL_ENABLED)
		s.nvals = p->nelems;
	r = hp_tmpl_policy_to_patch(t, p, &s, HP_ROOT_NONE, out, &e);
	free(v);
	return r;
}

/* 1 if another policy than p writes the value of entry en too. */
static int
shared_value(const struct hp_vocab *v, const struct hp_tmpl_policy *p,
    const struct hp_pol_entry *en)
{
	struct hp_buf k = HP_BUF_INIT;
	const char *name;
	size_t i, pass;
	int shared = 0;

	if (hp_pol_classify(en, &name) == HP_POL_DELVALS)
		name = NULL;
	for (pass = 0; pass < 2 && !shared; pass++) {
		hp_vocab_norm(en->key, pass == 0 ? name : NULL, &k);
		for (i = hp_vocab_map_find(&v->values, k.buf); i != 0;
		    i = v->values.v[i - 1].next)
			if (v->refs[v->values.v[i - 1].val].p != p)
				shared = 1;
	}
	hp_buf_release(&k);
	return shared;
}

/*
 * What the group makes of the entries of p in state st, appended to
 * bad when it is not exactly p in that state.  0 if p writes nothing,
 * -1 if another policy writes one of its values too (Internet
 * Explorer's zone templates and zone policies): either may be named.
 */
static int
both_ways(const struct hp_vocab *v, const struct hp_tmpl *t,
    const struct hp_tmpl_policy *p, enum hp_tmpl_state st, struct hp_buf *bad)
{
	enum hp_root root = p->cls == HP_TMPL_USER ? HP_ROOT_HKCU :
	    HP_ROOT_HKLM;
	struct hp_patch patch = HP_PATCH_INIT;
	struct hp_pol pol = HP_POL_INIT;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_vocab_group *g;
	struct json_object *j, *pols, *x;
	const char *want = st == HP_TMPL_ENABLED ? "Enabled" : "Disabled";
	size_t i;

	if (policy_patch(t, p, st, &patch) == -1 || patch.n == 0) {
		hp_patch_free(&patch);
		return 0;
	}
	if (hp_pol_from_patch(&patch, root, &pol, &e) == -1)
		fail_msg("%s: %s", p->name, e.msg);
	for (i = 0; i < pol.n; i++)
		if (shared_value(v, p, &pol.v[i])) {
			hp_pol_free(&pol);
			hp_patch_free(&patch);
			return -1;
		}
	g = hp_vocab_group_new(v);
	for (i = 0; i < pol.n; i++)
		hp_vocab_group_add_pol(g, &pol.v[i], root);
	j = hp_vocab_group_json(g);
	pols = json_object_object_get(j, "policies");
	x = json_object_array_length(pols) == 1 ?
	    json_object_array_get_idx(pols, 0) : NULL;
	if (x == NULL || json_object_array_length(json_object_object_get(j,
	    "extra")) != 0 || strcmp(json_object_get_string(
	    json_object_object_get(x, "id")), p->name) != 0 ||
	    strcmp(json_object_get_string(json_object_object_get(x, "state")),
	    want) != 0)
		hp_buf_addf(bad, "%s %s %s: %s\n", t->file, p->name, want,
		    json_object_to_json_string(j));
	json_object_put(j);
	hp_vocab_group_free(g);
	hp_pol_free(&pol);
	hp_patch_free(&patch);
	return 1;
}

static void
test_corpus_both_ways(void **state)
{
	static const char *const dirs[] = { "shb", "mozilla", "samba",
	    "adsys", "sec505" };
	char path[512];
	size_t d, i, k, n = 0, shared = 0;

	(void)state;
	for (d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
		struct hp_buf bad = HP_BUF_INIT;
		struct hp_error e = HP_ERROR_INIT;
		struct hp_vocab *v;

		snprintf(path, sizeof(path), "../shared/corpus/admx/%s",
		    dirs[d]);
		if ((v = hp_vocab_load(path, NULL, NULL, &e)) == NULL) {
			if (d == 0 && access("../shared/corpus", F_OK) != 0)
				skip();
			fail_msg("%s", e.msg);
		}
		for (i = 0; i < v->nt; i++)
			for (k = 0; k < v->t[i]->npolicies; k++) {
				const struct hp_tmpl_policy *p =
				    &v->t[i]->policies[k];

				int a = both_ways(v, v->t[i], p,
				    HP_TMPL_ENABLED, &bad);
				int b = both_ways(v, v->t[i], p,
				    HP_TMPL_DISABLED, &bad);

				n += (a == 1) + (b == 1);
				shared += (a == -1) + (b == -1);
			}
		if (bad.len > 0) {
			fprintf(stderr, "%s: not named back:\n%s", path,
			    bad.buf);
			fail();
		}
		hp_buf_release(&bad);
		hp_vocab_free(v);
	}
	/* States of policies whose values no other policy writes. */
	fprintf(stderr, "%zu states named back, %zu with shared values\n",
	    n, shared);
	assert_true(n > 2500);
	assert_true(shared < n / 3);
}

/* Writes text to dir/name. */
static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

#define NS	"xmlns=\"http://schemas.microsoft.com/GroupPolicy/2006/07/" \
		"PolicyDefinitions\""

/* base.admx: categories Top > Mid; loop.admx: a cycle and a list. */
static const char base_admx[] =
    "<policyDefinitions " NS " revision=\"1.0\" schemaVersion=\"1.0\">"
    "<policyNamespaces><target prefix=\"base\" namespace=\"T.Base\"/>"
    "</policyNamespaces><resources minRequiredRevision=\"1.0\"/>"
    "<categories><category name=\"Top\" displayName=\"$(string.Top)\"/>"
    "<category name=\"Mid\" displayName=\"$(string.Mid)\">"
    "<parentCategory ref=\"Top\"/></category></categories>"
    "<policies><policy name=\"Own\" class=\"Both\" "
    "displayName=\"$(string.Own)\" key=\"Software\\Policies\\T\" "
    "valueName=\"On\"><parentCategory ref=\"Mid\"/></policy></policies>"
    "</policyDefinitions>";
static const char base_adml[] =
    "<policyDefinitionResources " NS " revision=\"1.0\" "
    "schemaVersion=\"1.0\"><resources><stringTable>"
    "<string id=\"Top\">Top level</string>"
    "<string id=\"Mid\">Middle</string>"
    "<string id=\"Own\">Own value</string>"
    "</stringTable></resources></policyDefinitionResources>";
static const char other_admx[] =
    "<policyDefinitions " NS " revision=\"1.0\" schemaVersion=\"1.0\">"
    "<policyNamespaces><target prefix=\"o\" namespace=\"T.Other\"/>"
    "<using prefix=\"b\" namespace=\"T.Base\"/></policyNamespaces>"
    "<resources minRequiredRevision=\"1.0\"/>"
    "<categories><category name=\"A\" displayName=\"$(string.A)\">"
    "<parentCategory ref=\"B\"/></category>"
    "<category name=\"B\" displayName=\"$(string.B)\">"
    "<parentCategory ref=\"A\"/></category></categories>"
    "<policies>"
    "<policy name=\"Lists\" class=\"Machine\" displayName=\"$(string.L)\" "
    "presentation=\"$(presentation.L)\" key=\"Software\\Policies\\T\\L\">"
    "<parentCategory ref=\"b:Mid\"/>"
    "<enabledList><item key=\"Software\\Policies\\T\\L\" valueName=\"Sw\">"
    "<value><decimal value=\"7\"/></value></item></enabledList>"
    "<disabledList><item key=\"Software\\Policies\\T\\L\" valueName=\"Sw\">"
    "<value><decimal value=\"8\"/></value></item></disabledList>"
    "<elements><list id=\"Sites\" key=\"Software\\Policies\\T\\L\\Sites\" "
    "explicitValue=\"true\"/></elements></policy>"
    "<policy name=\"Loop\" class=\"User\" displayName=\"$(string.Loop)\" "
    "key=\"Software\\Policies\\T\" valueName=\"Loop\">"
    "<parentCategory ref=\"A\"/><enabledValue><string>yes</string>"
    "</enabledValue><disabledValue><string>no</string></disabledValue>"
    "</policy></policies></policyDefinitions>";
static const char other_adml[] =
    "<policyDefinitionResources " NS " revision=\"1.0\" "
    "schemaVersion=\"1.0\"><resources><stringTable>"
    "<string id=\"A\">Alpha</string><string id=\"B\">Beta</string>"
    "<string id=\"L\">Site list</string><string id=\"Loop\">Looped</string>"
    "</stringTable><presentationTable><presentation id=\"L\">"
    "<listBox refId=\"Sites\">Sites:</listBox></presentation>"
    "</presentationTable></resources></policyDefinitionResources>";

static struct hp_vocab *
synthetic(char *dir)
{
	struct hp_error e = HP_ERROR_INIT;
	char lang[600];
	struct hp_vocab *v;

	assert_non_null(mkdtemp(dir));
	snprintf(lang, sizeof(lang), "%s/fr-FR", dir);
	assert_int_equal(mkdir(lang, 0700), 0);
	write_file(dir, "base.admx", base_admx);
	write_file(lang, "base.adml", base_adml);
	write_file(dir, "Other.ADMX", other_admx);
	write_file(lang, "other.adml", other_adml);
	/* No en-US: the one language folder there is taken. */
	if ((v = hp_vocab_load(dir, NULL, NULL, &e)) == NULL)
		fail_msg("%s", e.msg);
	return v;
}

static void
cleanup(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* Names one setting; returns its text form, or "extra". */
static char *
name_of(const struct hp_vocab *v, enum hp_root root, const char *key,
    const char *name, enum hp_vocab_op op, const struct hp_value *data)
{
	struct hp_vocab_name n = HP_VOCAB_NAME_INIT;
	struct hp_buf b = HP_BUF_INIT;

	if (hp_vocab_name(v, root, key, name, op, data, &n) == 1)
		hp_vocab_name_text(&n, &b);
	else
		hp_buf_adds(&b, "extra");
	hp_vocab_name_release(&n);
	return hp_buf_detach(&b, NULL);
}

#define NAMED(want, root, key, name, op, data) do { \
		char *got_ = name_of(v, root, key, name, op, data); \
		assert_string_equal(got_, want); \
		free(got_); \
	} while (0)

static void
test_synthetic(void **state)
{
	char dir[] = "/tmp/hivepol-vocab-XXXXXX";
	struct hp_value one = HP_VALUE_INIT, seven = HP_VALUE_INIT;
	struct hp_value yes = HP_VALUE_INIT, two = HP_VALUE_INIT;
	struct hp_path path = HP_PATH_INIT;
	struct hp_vocab_name n = HP_VOCAB_NAME_INIT;
	struct hp_vocab *v = synthetic(dir);
	struct json_object *j;
	size_t np;

	(void)state;
	assert_int_equal(hp_vocab_count(v, &np), 2);
	assert_int_equal(np, 3);
	assert_string_equal(hp_vocab_lang(v), "fr-FR");
	hp_value_set_dword(&one, 1);
	hp_value_set_dword(&two, 2);
	hp_value_set_dword(&seven, 7);
	assert_int_equal(hp_value_set_string(&yes, HP_REG_SZ, "yes", NULL), 0);
	/* Own value, any case, doubled backslashes; Both: either class. */
	NAMED("Top level/Middle/Own value: Enabled", HP_ROOT_HKLM,
	    "SOFTWARE\\\\policies\\t\\", "ON", HP_VOCAB_SET, &one);
	NAMED("Top level/Middle/Own value: Mismatch", HP_ROOT_HKCU,
	    "Software\\Policies\\T", "On", HP_VOCAB_SET, &two);
	NAMED("Top level/Middle/Own value: Disabled", HP_ROOT_HKCU,
	    "Software\\Policies\\T", "On", HP_VOCAB_DELETED, NULL);
	NAMED("Top level/Middle/Own value", HP_ROOT_HKLM,
	    "Software\\Policies\\T", "On", HP_VOCAB_SET, NULL);
	/* A category of another file through its prefix. */
	NAMED("Top level/Middle/Site list: Enabled", HP_ROOT_HKLM,
	    "Software\\Policies\\T\\L", "Sw", HP_VOCAB_SET, &seven);
	NAMED("Top level/Middle/Site list: Enabled; Sites:: any = "
	    "0x00000001 (1)", HP_ROOT_HKLM, "Software\\Policies\\T\\L\\Sites",
	    "any", HP_VOCAB_SET, &one);
	NAMED("Top level/Middle/Site list: Disabled; Sites:: (deleted)",
	    HP_ROOT_HKLM, "Software\\Policies\\T\\L\\Sites", NULL,
	    HP_VOCAB_CLEARED, NULL);
	/* A Machine policy is no User setting; a value of no policy. */
	NAMED("extra", HP_ROOT_HKCU, "Software\\Policies\\T\\L", "Sw",
	    HP_VOCAB_SET, &seven);
	NAMED("extra", HP_ROOT_HKLM, "Software\\Policies\\T", "Other",
	    HP_VOCAB_SET, &one);
	/* A category cycle ends; User through HKU\SID. */
	assert_int_equal(hp_path_parse("HKU\\S-1-5-21-1\\Software\\Policies\\T",
	    &path, NULL), 0);
	assert_int_equal(hp_vocab_name_path(v, &path, "Loop", HP_VOCAB_SET,
	    &yes, &n), 1);
	assert_string_equal(n.policy, "Looped");
	assert_string_equal(n.category.buf, "Beta/Alpha");
	assert_int_equal(n.state, HP_PS_ENABLED);
	assert_int_equal(n.cls, HP_TMPL_USER);
	j = hp_vocab_name_json(&n);
	assert_string_equal(json_object_get_string(json_object_object_get(j,
	    "id")), "Loop");
	assert_string_equal(json_object_get_string(json_object_object_get(j,
	    "class")), "User");
	assert_null(json_object_object_get(j, "element"));
	json_object_put(j);
	hp_vocab_name_release(&n);
	hp_path_free(&path);
	assert_int_equal(hp_path_parse("HKCR\\Software\\Policies\\T", &path,
	    NULL), 0);
	assert_int_equal(hp_vocab_name_path(v, &path, "On", HP_VOCAB_SET,
	    &one, &n), 0);
	hp_vocab_name_release(&n);
	hp_path_free(&path);
	hp_value_free(&one);
	hp_value_free(&two);
	hp_value_free(&seven);
	hp_value_free(&yes);
	hp_vocab_free(v);
	cleanup(dir);
}

static void
test_load_errors(void **state)
{
	char dir[] = "/tmp/hivepol-vocab-XXXXXX";
	struct hp_error e = HP_ERROR_INIT;
	char path[600];

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_null(hp_vocab_load(dir, NULL, NULL, &e));
	assert_int_equal(e.kind, HP_E_INPUT);
	assert_non_null(strstr(e.msg, "no ADMX files"));
	write_file(dir, "x.admx", "<policyDefinitions><policies>\n<policy name=\"p\" "
	    "class=\"Nobody\" key=\"k\"/></policies></policyDefinitions>");
	assert_null(hp_vocab_load(dir, "en-US", NULL, &e));
	assert_int_equal(e.kind, HP_E_INPUT);
	assert_non_null(strstr(e.msg, "no en-US folder of ADML files "
	    "(folders there: none)"));
	assert_null(hp_vocab_load(dir, NULL, NULL, &e));
	assert_int_equal(e.kind, HP_E_INPUT);
	assert_non_null(strstr(e.msg, "x.admx:2: policy p: class"));
	snprintf(path, sizeof(path), "%s/none", dir);
	assert_null(hp_vocab_load(path, NULL, NULL, &e));
	assert_int_equal(e.kind, HP_E_IO);
	cleanup(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_synthetic),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_corpus_both_ways),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
