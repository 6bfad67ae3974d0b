/* The policy -> registry mapping (formats.md D.8) on hand-built policies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/patch.h"
#include "templates/template.h"

/* Every op of p, one per line, as hp_op_describe prints them. */
static char *
describe(const struct hp_patch *p)
{
	struct hp_buf b = HP_BUF_INIT;
	size_t i;

	for (i = 0; i < p->n; i++) {
		hp_op_describe(&p->ops[i], &b);
		hp_buf_addc(&b, '\n');
	}
	return hp_buf_detach(&b, NULL);
}

static struct hp_tmpl *
port_range(struct hp_tmpl_policy **pp)
{
	struct hp_tmpl *t = hp_tmpl_new();
	struct hp_tmpl_policy *p;
	struct hp_tmpl_elem *el;

	p = hp_tmpl_push(t, &t->policies, &t->npolicies, sizeof(*p));
	p->name = "PortRange";
	p->cls = HP_TMPL_MACHINE;
	p->key = "Software\\Policies\\Microsoft\\Windows\\RTC\\PortRange";
	p->value_name = "Enabled";
	p->enabled_value.kind = HP_TV_DECIMAL;
	p->enabled_value.num = 1;
	p->disabled_value.kind = HP_TV_DECIMAL;
	p->disabled_value.num = 0;
	el = hp_tmpl_push(t, &p->elems, &p->nelems, sizeof(*el));
	el->type = HP_TE_DECIMAL;
	el->id = "MinSip";
	el->value_name = "MinSipDynamicPort";
	el->min = 1024;
	el->max = 65535;
	el->required = 1;
	el = hp_tmpl_push(t, &p->elems, &p->nelems, sizeof(*el));
	el->type = HP_TE_LIST;
	el->id = "L";
	el->key = "Software\\X\\List";
	el->value_prefix = "p";
	*pp = p;
	return t;
}

static void
test_enabled(void **state)
{
	struct hp_tmpl_policy *p;
	struct hp_tmpl *t = port_range(&p);
	char *strs[] = { "a", "b" };
	struct hp_tmpl_elemval v[] = {
		{ "MinSip", 1, 7100, NULL, NULL, 0 },
		{ "L", 0, 0, NULL, strs, 2 }
	};
	struct hp_tmpl_setting s = { HP_TMPL_ENABLED, v, 2 };
	struct hp_patch out = HP_PATCH_INIT;
	struct hp_error e = HP_ERROR_INIT;
	char *d;

	(void)state;
	assert_int_equal(hp_tmpl_policy_to_patch(t, p, &s, HP_ROOT_HKLM,
	    &out, &e), 0);
	assert_int_equal(out.n, 5);
	assert_int_equal(out.ops[0].kind, HP_OP_SET_VALUE);
	assert_string_equal(out.ops[0].name, "Enabled");
	assert_int_equal(out.ops[1].kind, HP_OP_SET_VALUE);
	assert_string_equal(out.ops[1].name, "MinSipDynamicPort");
	assert_int_equal(out.ops[1].value.type, HP_REG_DWORD);
	assert_int_equal(out.ops[1].value.data[0], 7100 & 0xff);
	assert_int_equal(out.ops[1].value.data[1], 7100 >> 8);
	assert_int_equal(out.ops[2].kind, HP_OP_DELETE_VALUES);
	assert_int_equal(out.ops[3].kind, HP_OP_SET_VALUE);
	assert_string_equal(out.ops[3].name, "p1");
	assert_string_equal(out.ops[4].name, "p2");
	assert_int_equal(out.ops[4].value.type, HP_REG_SZ);
	d = describe(&out);
	assert_non_null(strstr(d, "delete-all-values HKLM\\Software\\X\\List"));
	free(d);
	hp_patch_free(&out);
	hp_tmpl_free(t);
}

static void
test_range_and_required(void **state)
{
	struct hp_tmpl_policy *p;
	struct hp_tmpl *t = port_range(&p);
	struct hp_tmpl_elemval v[] = { { "MinSip", 1, 80, NULL, NULL, 0 } };
	struct hp_tmpl_setting s = { HP_TMPL_ENABLED, v, 1 };
	struct hp_patch out = HP_PATCH_INIT;
	struct hp_error e = HP_ERROR_INIT;

	(void)state;
	assert_int_equal(hp_tmpl_policy_to_patch(t, p, &s, HP_ROOT_NONE,
	    &out, &e), -1);
	assert_non_null(strstr(e.msg, "outside 1024-65535"));
	s.nvals = 0;
	assert_int_equal(hp_tmpl_policy_to_patch(t, p, &s, HP_ROOT_NONE,
	    &out, &e), -1);
	assert_non_null(strstr(e.msg, "MinSip is required"));
	hp_patch_free(&out);
	hp_tmpl_free(t);
}

static void
test_disabled(void **state)
{
	struct hp_tmpl_policy *p;
	struct hp_tmpl *t = port_range(&p);
	struct hp_tmpl_setting s = { HP_TMPL_DISABLED, NULL, 0 };
	struct hp_patch out = HP_PATCH_INIT;
	struct hp_error e = HP_ERROR_INIT;

	(void)state;
	assert_int_equal(hp_tmpl_policy_to_patch(t, p, &s, HP_ROOT_NONE,
	    &out, &e), 0);
	/* Enabled=0, MinSip deleted, the list key cleared. */
	assert_int_equal(out.n, 3);
	assert_int_equal(out.ops[0].kind, HP_OP_SET_VALUE);
	assert_int_equal(out.ops[0].value.data[0], 0);
	assert_int_equal(out.ops[1].kind, HP_OP_DELETE_VALUE);
	assert_string_equal(out.ops[1].name, "MinSipDynamicPort");
	assert_int_equal(out.ops[2].kind, HP_OP_DELETE_VALUES);
	assert_int_equal(out.ops[2].key.root, HP_ROOT_NONE);
	hp_patch_free(&out);
	/* Without a disabledValue the value is deleted. */
	p->disabled_value.kind = HP_TV_NONE;
	assert_int_equal(hp_tmpl_policy_to_patch(t, p, &s, HP_ROOT_NONE,
	    &out, &e), 0);
	assert_int_equal(out.ops[0].kind, HP_OP_DELETE_VALUE);
	assert_string_equal(out.ops[0].name, "Enabled");
	hp_patch_free(&out);
	/* Not configured writes nothing. */
	s.state = HP_TMPL_NOT_CONFIGURED;
	assert_int_equal(hp_tmpl_policy_to_patch(t, p, &s, HP_ROOT_NONE,
	    &out, &e), 0);
	assert_int_equal(out.n, 0);
	hp_tmpl_free(t);
}

static void
test_boolean_enum_text(void **state)
{
	struct hp_tmpl *t = hp_tmpl_new();
	struct hp_tmpl_policy *p;
	struct hp_tmpl_elem *el;
	struct hp_tmpl_enum_item *it;
	struct hp_patch out = HP_PATCH_INIT;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_tmpl_elemval v[] = {
		{ "B", 1, 0, NULL, NULL, 0 },
		{ "E", 0, 0, "Two", NULL, 0 },
		{ "T", 0, 0, "%windir%\\x", NULL, 0 },
	};
	struct hp_tmpl_setting s = { HP_TMPL_ENABLED, v, 3 };

	(void)state;
	p = hp_tmpl_push(t, &t->policies, &t->npolicies, sizeof(*p));
	p->name = "P";
	p->key = "K";
	el = hp_tmpl_push(t, &p->elems, &p->nelems, sizeof(*el));
	el->type = HP_TE_BOOLEAN;
	el->id = "B";
	el->value_name = "Flag";
	el = hp_tmpl_push(t, &p->elems, &p->nelems, sizeof(*el));
	el->type = HP_TE_ENUM;
	el->id = "E";
	el->value_name = "Mode";
	it = hp_tmpl_push(t, &el->items, &el->nitems, sizeof(*it));
	it->display = "One";
	it->value.kind = HP_TV_DECIMAL;
	it->value.num = 1;
	it = hp_tmpl_push(t, &el->items, &el->nitems, sizeof(*it));
	it->display = "Two";
	it->value.kind = HP_TV_STRING;
	it->value.str = "two";
	el = hp_tmpl_push(t, &p->elems, &p->nelems, sizeof(*el));
	el->type = HP_TE_TEXT;
	el->id = "T";
	el->value_name = "Dir";
	el->expandable = 1;
	el->max_length = 5;
	/* Unchecked boolean without falseValue: deleted. */
	assert_int_equal(hp_tmpl_policy_to_patch(t, p, &s, HP_ROOT_NONE,
	    &out, &e), -1);
	assert_non_null(strstr(e.msg, "longer than 5"));
	hp_patch_free(&out);
	el->max_length = 1023;
	assert_int_equal(hp_tmpl_policy_to_patch(t, p, &s, HP_ROOT_NONE,
	    &out, &e), 0);
	assert_int_equal(out.n, 3);
	assert_int_equal(out.ops[0].kind, HP_OP_DELETE_VALUE);
	assert_int_equal(out.ops[1].value.type, HP_REG_SZ);
	assert_int_equal(out.ops[2].value.type, HP_REG_EXPAND_SZ);
	hp_patch_free(&out);
	v[1].str = "Three";
	assert_int_equal(hp_tmpl_policy_to_patch(t, p, &s, HP_ROOT_NONE,
	    &out, &e), -1);
	assert_non_null(strstr(e.msg, "no item named \"Three\""));
	hp_patch_free(&out);
	hp_tmpl_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enabled),
		cmocka_unit_test(test_range_and_required),
		cmocka_unit_test(test_disabled),
		cmocka_unit_test(test_boolean_enum_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
