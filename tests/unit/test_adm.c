/*
 * ADM lexer and parser (formats.md C): encodings, comments, #if version,
 * [strings], every PART type, error lines; and the ADM -> ADMX -> model
 * round trip giving the same registry patches as the ADM itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "templates/adm.h"
#include "templates/admx.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/patch.h"
#include "templates/template.h"
#include "core/text.h"

static const char full[] =
    "; a comment\n"
    "// another comment\n"
    "CLASS MACHINE\n"
    "CATEGORY !!Cat KEYNAME \"Software\\Policies\\Top\" ; trailing\n"
    "  CATEGORY \"Inner cat\"\n"
    "    POLICY !!Pol\n"
    "      #if version >= 4\n"
    "        SUPPORTED !!Sup\n"
    "      #else\n"
    "        FROBNICATE\n"
    "      #endif\n"
    "      #if version < 3\n"
    "        NOT A KEYWORD\n"
    "      #endif\n"
    "      EXPLAIN !!Pol_Help\n"
    "      VALUENAME \"On\" VALUEON \"yes\" VALUEOFF DELETE\n"
    "      ACTIONLISTON KEYNAME \"Software\\Other\" VALUENAME \"A\" "
    "VALUE NUMERIC 7 VALUENAME \"B\" VALUE \"b\" END ACTIONLISTON\n"
    "      PART !!Num NUMERIC REQUIRED MIN 5 MAX 70000 DEFAULT 9 SPIN 0 "
    "TXTCONVERT VALUENAME \"N\" END PART\n"
    "      PART \"Pick one\" DROPDOWNLIST VALUENAME \"D\" NOSORT\n"
    "        ITEMLIST NAME \"First\" VALUE NUMERIC 1\n"
    "          NAME !!Second VALUE \"two\" ACTIONLIST VALUENAME \"X\" "
    "VALUE NUMERIC 2 END ACTIONLIST\n"
    "        END ITEMLIST DEFAULT 1\n"
    "      END PART\n"
    "      PART \"Label only\" TEXT END PART\n"
    "      PART \"List\" LISTBOX KEYNAME \"Software\\L\" VALUEPREFIX \"p\" "
    "ADDITIVE EXPANDABLETEXT END PART\n"
    "      PART \"Check\" CHECKBOX VALUENAME \"C\" VALUEON NUMERIC 5 "
    "DEFCHECKED END PART\n"
    "      PART \"Edit\" EDITTEXT VALUENAME \"E\" MAXLEN 10 DEFAULT "
    "\"x;y\" EXPANDABLETEXT END PART\n"
    "      PART \"Combo\" COMBOBOX VALUENAME \"CB\" SUGGESTIONS \"s1\" "
    "\"s2\" END SUGGESTIONS END PART\n"
    "    END POLICY\n"
    "  END CATEGORY\n"
    "END CATEGORY\n"
    "\n"
    "[Strings]\n"
    "Cat=\"The category\"\n"
    "Pol=\"The policy\" ; comment after a string\n"
    "Pol_Help=\"Line one\\nLine two\"\n"
    "Sup=At least something\n"
    "Num=\"A number\"\n"
    "Second=\"Second item\"\n";

static struct hp_tmpl *
parse(const char *text, size_t len, struct hp_error *e)
{
	struct hp_tmpl *t = hp_tmpl_new();

	if (hp_adm_read(t, "t.adm", text, len, NULL, 0, NULL, e) == -1) {
		hp_tmpl_free(t);
		return NULL;
	}
	return t;
}

static void
test_full_grammar(void **state)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_tmpl *t = parse(full, sizeof(full) - 1, &e);
	const struct hp_tmpl_policy *p;
	const struct hp_tmpl_elem *el;
	const struct hp_tmpl_lang *l;

	(void)state;
	if (t == NULL)
		fail_msg("%s", e.msg);
	assert_int_equal(t->ncats, 2);
	assert_string_equal(t->cats[1].parent, t->cats[0].name);
	assert_int_equal(t->npolicies, 1);
	p = hp_tmpl_find_policy(t, "Pol");
	assert_non_null(p);
	assert_int_equal(p->cls, HP_TMPL_MACHINE);
	/* KEYNAME inherited from the outer category. */
	assert_string_equal(p->key, "Software\\Policies\\Top");
	assert_string_equal(p->display, "$(string.Pol)");
	assert_string_equal(hp_tmpl_text(t, NULL, p->explain),
	    "Line one\nLine two");
	assert_string_equal(hp_tmpl_text(t, NULL, t->supdefs[0].display),
	    "At least something");
	assert_string_equal(p->supported, t->supdefs[0].name);
	assert_int_equal(p->enabled_value.kind, HP_TV_STRING);
	assert_string_equal(p->enabled_value.str, "yes");
	assert_int_equal(p->disabled_value.kind, HP_TV_DELETE);
	assert_int_equal(p->enabled_list.n, 2);
	assert_string_equal(p->enabled_list.v[0].key, "Software\\Other");
	assert_null(p->enabled_list.v[1].key);
	assert_int_equal(p->enabled_list.v[0].value.num, 7);
	assert_int_equal(p->nelems, 6);
	el = hp_tmpl_find_elem(p, "Num");
	assert_non_null(el);
	assert_int_equal(el->type, HP_TE_DECIMAL);
	assert_int_equal(el->min, 5);
	assert_int_equal(el->max, 70000);
	assert_true(el->required);
	assert_true(el->store_as_text);
	el = &p->elems[1];
	assert_int_equal(el->type, HP_TE_ENUM);
	assert_int_equal(el->nitems, 2);
	assert_int_equal(el->items[1].value.kind, HP_TV_STRING);
	assert_int_equal(el->items[1].list.n, 1);
	assert_string_equal(hp_tmpl_text(t, NULL, el->items[0].display),
	    "First");
	el = &p->elems[2];
	assert_int_equal(el->type, HP_TE_LIST);
	assert_string_equal(el->value_prefix, "p");
	assert_true(el->additive);
	assert_true(el->expandable);
	assert_int_equal(p->elems[3].type, HP_TE_BOOLEAN);
	assert_int_equal(p->elems[3].true_value.num, 5);
	assert_int_equal(p->elems[4].max_length, 10);
	/* Presentation: 7 controls, TEXT included, in order. */
	l = hp_tmpl_find_lang(t, "en-US");
	assert_non_null(l);
	assert_int_equal(l->npres, 1);
	assert_int_equal(l->pres[0].ncontrols, 7);
	assert_int_equal(l->pres[0].controls[0].spin, 0);
	assert_string_equal(l->pres[0].controls[0].default_value, "9");
	assert_int_equal(l->pres[0].controls[1].default_item, 1);
	assert_true(l->pres[0].controls[1].no_sort);
	assert_int_equal(l->pres[0].controls[2].type, HP_TC_TEXT);
	assert_true(l->pres[0].controls[4].default_checked);
	/* ';' inside quotes is text, not a comment. */
	assert_string_equal(l->pres[0].controls[5].default_value, "x;y");
	assert_int_equal(l->pres[0].controls[6].type, HP_TC_COMBOBOX);
	assert_int_equal(l->pres[0].controls[6].nsuggestions, 2);
	hp_tmpl_free(t);
}

static void
test_utf16_and_cp1252(void **state)
{
	const char *src = "CLASS USER\nCATEGORY \"Caf\xc3\xa9\"\n"
	    "POLICY \"P\" KEYNAME \"K\" END POLICY\nEND CATEGORY\n";
	struct hp_buf u16 = HP_BUF_INIT;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_tmpl *t;
	char cp[128];
	size_t n;

	(void)state;
	hp_buf_add(&u16, "\xff\xfe", 2);
	assert_int_equal(hp_text_to_utf16(src, strlen(src), &u16, &e), 0);
	t = parse(u16.buf, u16.len, &e);
	assert_non_null(t);
	assert_string_equal(hp_tmpl_text(t, NULL, t->cats[0].display),
	    "Caf\xc3\xa9");
	assert_int_equal(t->policies[0].cls, HP_TMPL_USER);
	hp_tmpl_free(t);
	hp_buf_release(&u16);
	/* The same in code page 1252: e-acute is one byte 0xE9. */
	n = strlen(src);
	memcpy(cp, src, n);
	memmove(strstr(cp, "\xc3\xa9"), strstr(cp, "\xc3\xa9") + 1,
	    n - (strstr(cp, "\xc3\xa9") - cp));
	*strstr(cp, "\xa9") = (char)0xe9;
	t = parse(cp, n - 1, &e);
	assert_non_null(t);
	assert_string_equal(hp_tmpl_text(t, NULL, t->cats[0].display),
	    "Caf\xc3\xa9");
	hp_tmpl_free(t);
}

static void
expect_error(const char *src, const char *msg)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_tmpl *t = parse(src, strlen(src), &e);

	assert_null(t);
	if (strstr(e.msg, msg) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", e.msg, msg);
}

static void
test_errors(void **state)
{
	(void)state;
	expect_error("CLASS MACHINE\nCATEGORY \"A\"\n", "t.adm:2: CATEGORY "
	    "has no END CATEGORY");
	expect_error("CLASS MACHINE\nEND CATEGORY\n", "t.adm:2: END without");
	expect_error("CATEGORY \"A\" END CATEGORY\n", "CATEGORY before any "
	    "CLASS");
	expect_error("CLASS MACHINE\nCATEGORY !!Nope END CATEGORY\n",
	    "t.adm:2: undefined string !!Nope");
	expect_error("CLASS MACHINE\n#if version >= 4\nCATEGORY \"A\" END "
	    "CATEGORY\n", "#if without #endif");
	expect_error("CLASS MACHINE\n#ifdef X\n#endif\n", "t.adm:2: "
	    "unsupported directive #ifdef X");
	expect_error("CLASS MACHINE\n#endif\n", "#endif without #if");
	expect_error("CLASS MACHINE\nCATEGORY \"A\"\nPOLICY \"P\"\nEND "
	    "POLICY\nEND CATEGORY\n", "t.adm:3: POLICY has no KEYNAME");
	expect_error("CLASS MACHINE\nCATEGORY \"A\" KEYNAME \"K\"\nPOLICY "
	    "\"P\"\nPART \"x\" NUMERIC MIN -1 END PART END POLICY END "
	    "CATEGORY\n", "t.adm:4: expected a number");
	expect_error("CLASS MACHINE\nCATEGORY \"A\" KEYNAME \"K\"\nPOLICY "
	    "\"P\"\nPART \"x\" SLIDER END PART END POLICY END CATEGORY\n",
	    "expected a PART type");
	expect_error("CLASS MACHINE\nCATEGORY \"unterminated\n",
	    "t.adm:2: unterminated string");
	expect_error("CLASS MACHINE\n[strings]\nno equals sign\n",
	    "t.adm:3: expected name=\"text\"");
	expect_error("CLASS MACHINE\nCATEGORY \"A\" KEYNAME \"K\"\nPOLICY "
	    "\"P\"\nPART \"d\" DROPDOWNLIST VALUENAME \"v\" END PART END "
	    "POLICY END CATEGORY\n", "DROPDOWNLIST without ITEMLIST");
}

/* Disabled, and Enabled with every element given, as op descriptions. */
static char *
patches(const struct hp_tmpl *t, const struct hp_tmpl_policy *p)
{
	struct hp_tmpl_elemval v[64];
	char *strs[] = { "n1", "d1", "n2", "d2" };
	struct hp_tmpl_setting s = { HP_TMPL_DISABLED, v, 0 };
	struct hp_patch out = HP_PATCH_INIT;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf b = HP_BUF_INIT;
	size_t i;

	for (i = 0; i < p->nelems && i < 64; i++) {
		const struct hp_tmpl_elem *el = &p->elems[i];

		memset(&v[i], 0, sizeof(v[i]));
		v[i].id = el->id;
		v[i].has_num = el->type != HP_TE_TEXT;
		v[i].num = el->type == HP_TE_DECIMAL ? el->min : 1;
		if (el->type == HP_TE_ENUM)
			v[i].num = el->nitems - 1;
		v[i].str = "text";
		v[i].strs = strs;
		v[i].nstrs = 4;
	}
	assert_int_equal(hp_tmpl_policy_to_patch(t, p, &s, HP_ROOT_HKLM, &out,
	    &e), 0);
	s.state = HP_TMPL_ENABLED;
	s.nvals = i;
	if (hp_tmpl_policy_to_patch(t, p, &s, HP_ROOT_HKLM, &out, &e) != 0)
		fail_msg("%s", e.msg);
	for (i = 0; i < out.n; i++) {
		hp_op_describe(&out.ops[i], &b);
		hp_buf_addc(&b, '\n');
	}
	hp_patch_free(&out);
	return hp_buf_detach(&b, NULL);
}

static void
test_roundtrip_patches(void **state)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_tmpl *t = parse(full, sizeof(full) - 1, &e), *u;
	struct hp_buf x = HP_BUF_INIT, l = HP_BUF_INIT;
	size_t i;

	(void)state;
	assert_non_null(t);
	assert_int_equal(hp_admx_write(t, &x, &e), 0);
	assert_int_equal(hp_adml_write(t, "en-US", &l, &e), 0);
	u = hp_tmpl_new();
	if (hp_admx_read(u, "t.admx", x.buf, x.len, NULL, &e) == -1 ||
	    hp_adml_read(u, "en-US", "t.adml", l.buf, l.len, NULL, &e) == -1)
		fail_msg("%s", e.msg);
	assert_int_equal(u->npolicies, t->npolicies);
	for (i = 0; i < t->npolicies; i++) {
		char *a = patches(t, &t->policies[i]);
		char *b = patches(u, hp_tmpl_find_policy(u,
		    t->policies[i].name));

		assert_string_equal(a, b);
		/* The actionlist key and the soft-free ops are there. */
		assert_non_null(strstr(a, "set HKLM\\Software\\Other \"A\" "
		    "REG_DWORD"));
		assert_non_null(strstr(a, "delete-value HKLM\\Software\\"
		    "Policies\\Top \"On\""));
		assert_non_null(strstr(a, "set HKLM\\Software\\L \"p1\" "
		    "REG_EXPAND_SZ"));
		assert_non_null(strstr(a, "\"N\" REG_SZ"));
		free(a);
		free(b);
	}
	hp_buf_release(&x);
	hp_buf_release(&l);
	hp_tmpl_free(t);
	hp_tmpl_free(u);
}

/* Fuzz-style: every prefix of the grammar sample fails cleanly or parses. */
static void
test_truncations(void **state)
{
	struct hp_error e = HP_ERROR_INIT;
	size_t n;

	(void)state;
	for (n = 0; n < sizeof(full) - 1; n += 7) {
		struct hp_tmpl *t = parse(full, n, &e);

		hp_tmpl_free(t);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_grammar),
		cmocka_unit_test(test_utf16_and_cp1252),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_roundtrip_patches),
		cmocka_unit_test(test_truncations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
