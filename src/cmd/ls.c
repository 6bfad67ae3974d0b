/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "cli/cli.h"
#include "formats/hive.h"
#include "formats/json.h"
#include "core/view.h"

static int run_ls(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_ls = {
	"ls", "ls [-R] [--json] [--force] [--mount <prefix>] <hive> [<key>]",
	"list a key's subkeys and values, like reg query (-R: the whole "
	"subtree)", run_ls
};

struct ls_state {
	const struct hp_view	*view;
	int			 json;
	int			 recursive;
};

/* Full path when the mount is known, else "\rel"; names raw for JSON. */
static void
key_title(const struct hp_view *v, const struct hp_path *rel, int raw,
    struct hp_buf *out)
{
	void (*format)(const struct hp_path *, struct hp_buf *) = raw ?
	    hp_path_format_raw : hp_path_format;
	struct hp_path full;

	if (v->mounted) {
		hp_view_full_path(v, rel, &full);
		format(&full, out);
		hp_path_free(&full);
		return;
	}
	hp_buf_addc(out, '\\');
	format(rel, out);
}

/* One object per key; -R prints JSON lines, one object per line. */
static void
print_key_json(const struct ls_state *st, const char *title,
    const struct hp_keylist *kids, const struct hp_vallist *vals)
{
	struct json_object *o = json_object_new_object(), *a;
	size_t i;

	json_object_object_add(o, "key", hp_json_name(title));
	if (!st->recursive) {
		a = json_object_new_array();
		for (i = 0; i < kids->n; i++)
			json_object_array_add(a,
			    hp_json_name(kids->v[i].name));
		json_object_object_add(o, "subkeys", a);
	}
	json_object_object_add(o, "values", hp_json_values(vals));
	if (st->recursive)
		hp_json_print_line(o);
	else
		hp_json_print(o);
	json_object_put(o);
}

/* reg query's layout: the key, its values indented, its subkeys. */
static void
print_key_text(const struct ls_state *st, const struct hp_path *rel,
    const struct hp_keylist *kids, const struct hp_vallist *vals)
{
	struct hp_buf b = HP_BUF_INIT;
	size_t i;
	char tmp[16];

	key_title(st->view, rel, 0, &b);
	printf("%s\n", b.buf);
	for (i = 0; i < vals->n; i++) {
		const struct hp_valent *ve = &vals->v[i];

		hp_buf_reset(&b);
		if (*ve->name)
			hp_name_escape(ve->name, &b);
		else
			hp_buf_adds(&b, "(Default)");
		hp_buf_addf(&b, "    %s    ",
		    hp_value_type_name(ve->value.type, tmp));
		hp_value_format(&ve->value, &b);
		printf("    %s\n", b.buf);
	}
	for (i = 0; i < kids->n; i++) {
		hp_buf_reset(&b);
		key_title(st->view, rel, 0, &b);
		if (b.len > 1)
			hp_buf_addc(&b, '\\');
		hp_name_escape(kids->v[i].name, &b);
		printf("%s\n", b.buf);
	}
	if (st->recursive)
		putchar('\n');
	hp_buf_release(&b);
}

static int
print_key(void *arg, const struct hp_path *rel, hp_node node,
    const struct hp_vallist *vals, struct hp_error *e)
{
	struct ls_state *st = arg;
	struct hp_keylist kids = HP_LIST_INIT;
	struct hp_buf title = HP_BUF_INIT;

	/* -R walks the subkeys itself. */
	if (!st->recursive &&
	    hp_view_sorted_subkeys(st->view, node, &kids, e) == -1)
		return -1;
	if (st->json) {
		key_title(st->view, rel, 1, &title);
		print_key_json(st, title.buf, &kids, vals);
	} else
		print_key_text(st, rel, &kids, vals);
	hp_keylist_free(&kids);
	hp_buf_release(&title);
	return 0;
}

static int
run_ls(int argc, char **argv, struct hp_ctx *ctx)
{
	struct hp_cli_hive_opts o = { 0 };
	struct ls_state st = { NULL, 0, 0 };
	struct hp_option options[] = {
		HP_OPT_BOOL('R', "recursive", &st.recursive,
		    "the whole subtree, key by key"),
		HP_OPT_BOOL(0, "json", &st.json, "print JSON (with -R: one "
		    "object per key per line)"),
		HP_OPT_HIVE_READ(&o),
		HP_OPT_OPERANDS(1, 2, "expected a hive and optionally a key"),
		HP_OPT_END()
	};
	struct hp_cli_key k;
	int r;

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_ls, 0,
	    ctx)) < 0)
		return hp_parse_exit(argc);
	if ((r = hp_cli_open_key(argv[0], argv[1], 0, &o, &k, ctx)) == 1)
		r = hp_error_set(&ctx->error, HP_E_INPUT, "%s: no such key: "
		    "%s", argv[0], argv[1]);
	st.view = &k.view;
	if (r == 0)
		r = hp_view_walk(&k.view, k.node, &k.rel, st.recursive ? ~0u :
		    0, print_key, &st, &ctx->error);
	hp_cli_close_key(&k);
	return r == 0 ? HP_EXIT_OK : -1;
}
