/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "cli/cli.h"
#include "formats/hive.h"
#include "formats/json.h"
#include "core/text.h"
#include "core/view.h"

static int run_get(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_get = {
	"get", "get [--json] [--force] [--mount <prefix>] <hive> <key> "
	"[<value>]",
	"print one value's data (or all values of a key); exit 1 if absent",
	run_get
};

/* Data as a script wants it: text, a decimal number, or hex bytes. */
static void
print_plain(const struct hp_value *v)
{
	struct hp_buf b = HP_BUF_INIT;
	uint64_t q;

	switch (v->type) {
	case HP_REG_SZ:
	case HP_REG_EXPAND_SZ:
	case HP_REG_LINK:
		if (hp_value_get_string(v, &b, NULL) == 0) {
			puts(b.buf);
			goto out;
		}
		break;
	case HP_REG_DWORD:
	case HP_REG_QWORD:
		if (v->len == (v->type == HP_REG_DWORD ? 4u : 8u) &&
		    hp_value_get_u64(v, &q) == 0) {
			printf("%llu\n", (unsigned long long)q);
			goto out;
		}
		break;
	case HP_REG_MULTI_SZ: {
		const char *p;
		size_t n, i;

		if (hp_value_get_multi(v, &b, &n) == -1) {
			hp_buf_reset(&b);
			break;
		}
		/* One string per line. */
		for (i = 0, p = b.buf; i < n; i++, p += strlen(p) + 1)
			puts(p);
		goto out;
	}
	}
	hp_buf_addhex(&b, v->data, v->len, NULL);
	puts(b.buf);
out:
	hp_buf_release(&b);
}

/* One value: its data, or as JSON with the key named as given. */
static int
print_value(const struct hp_view *v, hp_node node, const char *key,
    const char *name, int json, struct hp_ctx *ctx)
{
	struct hp_value val = HP_VALUE_INIT;
	int r;

	if ((r = v->ops->value(v->impl, node, name, &val, &ctx->error)) == 1) {
		struct hp_buf b = HP_BUF_INIT;

		hp_name_escape(name, &b);
		fprintf(stderr, "hivepol: %s: key %s has no value \"%s\"\n",
		    v->source, key, b.buf);
		hp_buf_release(&b);
	} else if (r == 0 && json) {
		struct json_object *jo = hp_json_value(name, &val);

		json_object_object_add(jo, "key", json_object_new_string(key));
		hp_json_print(jo);
		json_object_put(jo);
	} else if (r == 0)
		print_plain(&val);
	hp_value_free(&val);
	return r == 1 ? HP_EXIT_FINDINGS : r;
}

/* Every value of the key, sorted: JSON, or "name<TAB>type<TAB>data". */
static int
print_values(const struct hp_view *v, hp_node node, int json,
    struct hp_ctx *ctx)
{
	struct hp_vallist vals = HP_LIST_INIT;
	struct hp_buf b = HP_BUF_INIT;
	struct json_object *a;
	size_t i;
	char tmp[16];

	if (hp_view_sorted_values(v, node, &vals, &ctx->error) == -1)
		return -1;
	if (json) {
		a = hp_json_values(&vals);
		hp_json_print(a);
		json_object_put(a);
	}
	for (i = 0; !json && i < vals.n; i++) {
		hp_buf_reset(&b);
		if (*vals.v[i].name)
			hp_name_escape(vals.v[i].name, &b);
		else
			hp_buf_addc(&b, '@');
		hp_buf_addf(&b, "\t%s\t",
		    hp_value_type_name(vals.v[i].value.type, tmp));
		hp_value_format(&vals.v[i].value, &b);
		puts(b.buf);
	}
	hp_buf_release(&b);
	hp_vallist_free(&vals);
	return 0;
}

static int
run_get(int argc, char **argv, struct hp_ctx *ctx)
{
	struct hp_cli_hive_opts o = { 0 };
	int json = 0;
	struct hp_option options[] = {
		HP_OPT_BOOL(0, "json", &json, "print name, type, data and "
		    "the exact bytes as JSON"),
		HP_OPT_HIVE_READ(&o),
		HP_OPT_OPERANDS(2, 3, "expected a hive, a key and "
		    "optionally a value name"),
		HP_OPT_END()
	};
	struct hp_cli_key k;
	int r;

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_get, 0,
	    ctx)) < 0)
		return hp_parse_exit(argc);
	if ((r = hp_cli_open_key(argv[0], argv[1], 0, &o, &k, ctx)) == 1) {
		fprintf(stderr, "hivepol: %s: no such key: %s\n", argv[0],
		    argv[1]);
		r = HP_EXIT_FINDINGS;
	} else if (r == 0 && argc == 3)
		r = print_value(&k.view, k.node, argv[1],
		    hp_cli_value_name(argv[2]), json, ctx);
	else if (r == 0)
		r = print_values(&k.view, k.node, json, ctx);
	hp_cli_close_key(&k);
	return r;
}
