/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/text.h"
#include "core/view.h"

static int run_keys(int, char **, struct hp_ctx *);

/*
 * What shell completion asks: one hive open, the matching subkeys and
 * whether each has subkeys of its own (contrib/completion/hivepol.bash).
 */
const struct hp_cmd hp_cmd_keys = {
	"keys", "keys [--descend] [--force] [--mount <prefix>] <hive> "
	"[<partial-key>]",
	"list the subkeys a partial key path completes to, one per line, "
	"with a trailing \\ when they have subkeys (for shell completion)",
	run_keys
};

/* Does name start with prefix, in the registry's case-insensitive way? */
static int
name_has_prefix(const char *name, const char *prefix)
{
	size_t n = strlen(prefix);
	char *head;
	int r;

	if (strlen(name) < n)
		return 0;
	head = hp_strndup(name, n);
	r = hp_name_eq(head, prefix);
	free(head);
	return r;
}

/* The subkeys of parent whose names start with prefix, in out, sorted. */
static int
matching_subkeys(const struct hp_view *v, hp_node parent, const char *prefix,
    struct hp_keylist *out, struct hp_error *e)
{
	struct hp_keylist kids = HP_LIST_INIT;
	size_t i;

	if (v->ops->subkeys(v->impl, parent, &kids, e) == -1)
		return -1;
	hp_keylist_sort(&kids);
	for (i = 0; i < kids.n; i++)
		if (name_has_prefix(kids.v[i].name, prefix))
			hp_keylist_add(out, kids.v[i].name, kids.v[i].node);
	hp_keylist_free(&kids);
	return 0;
}

/* How many subkeys key has; -1 with e set. */
static long
count_subkeys(const struct hp_view *v, hp_node key, struct hp_error *e)
{
	struct hp_keylist kids = HP_LIST_INIT;
	long n;

	if (v->ops->subkeys(v->impl, key, &kids, e) == -1)
		return -1;
	n = (long)kids.n;
	hp_keylist_free(&kids);
	return n;
}

/*
 * Prints typed + name for each match, "\" after those with subkeys.
 * descend: while one key matches and has subkeys, list those instead
 * (a shell closes an open quote after a single reply).
 */
static int
print_matches(const struct hp_view *v, hp_node parent, struct hp_buf *typed,
    const char *prefix, int descend, struct hp_error *e)
{
	struct hp_keylist m = HP_LIST_INIT;
	size_t i;
	long n;

	for (;;) {
		if (matching_subkeys(v, parent, prefix, &m, e) == -1)
			goto fail;
		if (!descend || m.n != 1)
			break;
		if ((n = count_subkeys(v, m.v[0].node, e)) == -1)
			goto fail;
		if (n == 0)
			break;
		hp_name_escape(m.v[0].name, typed);
		hp_buf_addc(typed, '\\');
		parent = m.v[0].node;
		prefix = "";
		hp_keylist_free(&m);
	}
	for (i = 0; i < m.n; i++) {
		struct hp_buf name = HP_BUF_INIT;

		if ((n = count_subkeys(v, m.v[i].node, e)) == -1)
			goto fail;
		/* Escaped as KEY operands take them back. */
		hp_name_escape(m.v[i].name, &name);
		printf("%s%s%s\n", typed->buf, name.buf, n > 0 ? "\\" : "");
		hp_buf_release(&name);
	}
	hp_keylist_free(&m);
	return 0;
fail:
	hp_keylist_free(&m);
	return -1;
}

static int
run_keys(int argc, char **argv, struct hp_ctx *ctx)
{
	struct hp_cli_hive_opts o = { 0 };
	int descend = 0;
	struct hp_option options[] = {
		HP_OPT_BOOL(0, "descend", &descend, "while one key matches "
		    "and has subkeys, list its subkeys instead"),
		HP_OPT_HIVE_READ(&o),
		HP_OPT_OPERANDS(1, 2, "expected a hive and optionally a "
		    "partial key"),
		HP_OPT_END()
	};
	struct hp_buf typed = HP_BUF_INIT;
	struct hp_cli_key k;
	const char *partial, *slash;
	int r;

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_keys, 0,
	    ctx)) < 0)
		return hp_parse_exit(argc);
	partial = argc > 1 ? argv[1] : "";
	/* Up to the last backslash: the parent key, as typed. */
	if ((slash = strrchr(partial, '\\')) != NULL)
		hp_buf_add(&typed, partial, (size_t)(slash - partial));
	r = hp_cli_open_key(argv[0], slash ? typed.buf : NULL, 0, &o, &k, ctx);
	if (slash)
		hp_buf_addc(&typed, '\\');
	if (r == 0)
		r = print_matches(&k.view, k.node, &typed,
		    slash ? slash + 1 : partial, descend, &ctx->error);
	hp_cli_close_key(&k);
	hp_buf_release(&typed);
	if (r == 1)
		return HP_EXIT_FINDINGS;
	return r == 0 ? HP_EXIT_OK : -1;
}
