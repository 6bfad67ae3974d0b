/*
 * ADMX/ADML: hardened parsing, and ADMX -> model -> ADMX being equivalent
 * on every corpus ADMX (same policies, same patches for Disabled and for
 * Enabled with a value for every element).  Skips without ../shared.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "templates/admx.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/patch.h"
#include "templates/template.h"

static const char *const corpus[] = {
	"shb/AdmPwd.admx", "shb/Conf.admx", "shb/DnsClient.admx",
	"shb/HIDGlobal.ActivClient.admx", "shb/MSS-legacy.admx",
	"shb/MicrosoftEdge.admx", "shb/OneDrive.admx", "shb/QOS.admx",
	"shb/ReaderDC.admx", "shb/SecGuide.admx", "shb/WindowsMediaPlayer.admx",
	"shb/WindowsMessenger.admx", "shb/WindowsUpdate.admx",
	"shb/chrome.admx", "shb/inetres.admx", "shb/tcpip.admx",
	"mozilla/firefox.admx", "adsys/Ubuntu.admx", "samba/samba.admx",
	"samba/GNOME_Settings.admx", "sec505/IPv6Configuration.admx",
};

/* Patches for Disabled then Enabled with every element set. */
static char *
patches(const struct hp_tmpl *t, const struct hp_tmpl_policy *p)
{
	struct hp_tmpl_elemval *v = calloc(p->nelems + 1, sizeof(*v));
	char *strs[] = { "n1", "d1" };
	struct hp_tmpl_setting s = { HP_TMPL_DISABLED, v, 0 };
	struct hp_patch out = HP_PATCH_INIT;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf b = HP_BUF_INIT;
	size_t i;

	assert_non_null(v);
	for (i = 0; i < p->nelems; i++) {
		const struct hp_tmpl_elem *el = &p->elems[i];

		v[i].id = el->id;
		v[i].has_num = el->type != HP_TE_TEXT;
		v[i].num = el->type == HP_TE_ENUM ? 0 : el->min;
		v[i].str = "t";
		v[i].strs = strs;
		v[i].nstrs = 2;
	}
	if (hp_tmpl_policy_to_patch(t, p, &s, HP_ROOT_NONE, &out, &e) == -1)
		hp_buf_addf(&b, "disabled error: %s\n", e.msg);
	s.state = HP_TMPL_ENABLED;
	s.nvals = p->nelems;
	if (hp_tmpl_policy_to_patch(t, p, &s, HP_ROOT_NONE, &out, &e) == -1)
		hp_buf_addf(&b, "enabled error: %s\n", e.msg);
	for (i = 0; i < out.n; i++) {
		hp_op_describe(&out.ops[i], &b);
		hp_buf_addc(&b, '\n');
	}
	hp_patch_free(&out);
	free(v);
	return hp_buf_detach(&b, NULL);
}

static void
test_corpus_roundtrip(void **state)
{
	char path[512];
	size_t i, j, n = 0;

	(void)state;
	for (i = 0; i < sizeof(corpus) / sizeof(corpus[0]); i++) {
		struct hp_error e = HP_ERROR_INIT;
		struct hp_buf x = HP_BUF_INIT, l = HP_BUF_INIT;
		struct hp_tmpl *t, *u;

		snprintf(path, sizeof(path), "../shared/corpus/admx/%s",
		    corpus[i]);
		if ((t = hp_tmpl_load(path, "en-US", NULL, &e)) == NULL) {
			if (n == 0 && strstr(e.msg, "No such file") != NULL)
				skip();
			fail_msg("%s", e.msg);
		}
		n++;
		assert_int_equal(hp_admx_write(t, &x, &e), 0);
		u = hp_tmpl_new();
		if (hp_admx_read(u, "rt.admx", x.buf, x.len, NULL, &e) == -1)
			fail_msg("%s: %s", path, e.msg);
		if (t->nlangs > 0) {
			assert_int_equal(hp_adml_write(t, "en-US", &l, &e), 0);
			if (hp_adml_read(u, "en-US", "rt.adml", l.buf, l.len,
			    NULL, &e) == -1)
				fail_msg("%s: %s", path, e.msg);
			assert_int_equal(u->langs[0].nstrings,
			    t->langs[0].nstrings);
			assert_int_equal(u->langs[0].npres, t->langs[0].npres);
		}
		assert_int_equal(u->npolicies, t->npolicies);
		assert_int_equal(u->ncats, t->ncats);
		assert_int_equal(u->nsupdefs, t->nsupdefs);
		for (j = 0; j < t->npolicies; j++) {
			const struct hp_tmpl_policy *p = &t->policies[j];
			const struct hp_tmpl_policy *q = &u->policies[j];
			char *a = patches(t, p), *b = patches(u, q);

			assert_string_equal(p->name, q->name);
			assert_int_equal(p->cls, q->cls);
			if (strcmp(a, b) != 0)
				fail_msg("%s: policy %s:\n%s\n---\n%s", path,
				    p->name, a, b);
			free(a);
			free(b);
		}
		hp_buf_release(&x);
		hp_buf_release(&l);
		hp_tmpl_free(t);
		hp_tmpl_free(u);
	}
}

static void
test_hostile(void **state)
{
	static const char *const bad[] = {
		("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e SYSTEM "
		    "\"file:///etc/passwd\">]><a>&e;</a>"),
		"<!DOCTYPE a SYSTEM \"http://127.0.0.1:9/x.dtd\"><a/>",
		"<a><b></a>",
		"",
	};
	struct hp_error e = HP_ERROR_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		xmlDocPtr d = hp_xml_read("x.xml", bad[i], strlen(bad[i]), &e);

		assert_null(d);
		assert_non_null(strstr(e.msg, "x.xml:"));
	}
	assert_non_null(strstr(e.msg, "malformed XML"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_corpus_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
