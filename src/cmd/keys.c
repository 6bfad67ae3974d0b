#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "core/text.h"
#include "core/view.h"
#include "formats/hive.h"

static int run_keys(int, char **, struct hp_ctx *);

/*
 * What shell completion asks: one hive open, the matching subkeys and
 * whether each has subkeys of its own (contrib/completion/hivepol.bash).
 */
const struct hp_cmd hp_cmd_keys = {
	"keys", "keys [--force] [--mount <prefix>] <hive> [<partial-key>]",
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

/* Prints typed-parent + name for each match, "\" after those with kids. */
static int
print_matches(const struct hp_view *v, hp_node parent, const char *typed,
    size_t typed_len, const char *prefix, struct hp_error *e)
{
	struct hp_keylist kids = HP_LIST_INIT, grandkids = HP_LIST_INIT;
	size_t i;
	int r = 0;

	if (v->ops->subkeys(v->impl, parent, &kids, e) == -1)
		return -1;
	hp_keylist_sort(&kids);
	for (i = 0; i < kids.n && r == 0; i++) {
		if (!name_has_prefix(kids.v[i].name, prefix))
			continue;
		r = v->ops->subkeys(v->impl, kids.v[i].node, &grandkids, e);
		printf("%.*s%s%s\n", (int)typed_len, typed, kids.v[i].name,
		    grandkids.n > 0 ? "\\" : "");
		hp_keylist_free(&grandkids);
	}
	hp_keylist_free(&kids);
	return r;
}

static int
run_keys(int argc, char **argv, struct hp_ctx *ctx)
{
	struct hp_cli_hive_opts o = { 0 };
	struct hp_option options[] = {
		HP_OPT_HIVE_READ(&o),
		HP_OPT_END()
	};
	struct hp_path rel = HP_PATH_INIT;
	struct hp_hive *hv = NULL;
	struct hp_view v;
	const char *partial, *slash;
	char *parent;
	hp_node node;
	int r = 0;

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_keys, 0,
	    ctx)) < 0)
		return hp_parse_exit(argc);
	if (argc < 1 || argc > 2)
		return hp_cli_usage(ctx, &hp_cmd_keys, "expected a hive and "
		    "optionally a partial key");
	partial = argc > 1 ? argv[1] : "";
	/* Up to the last backslash: the parent key, as typed. */
	slash = strrchr(partial, '\\');
	parent = hp_strndup(partial, slash ? (size_t)(slash - partial) : 0);
	if (hp_cli_open_hive(argv[0], 0, &o, &hv, ctx) == -1) {
		free(parent);
		return -1;
	}
	hp_hive_view(hv, &v);
	if (*parent != '\0')
		r = hp_cli_key_arg(hv, parent, &rel, ctx);
	if (r == 0)
		r = hp_view_lookup(&v, &rel, &node, &ctx->error);
	if (r == 0)
		r = print_matches(&v, node, partial,
		    slash ? (size_t)(slash - partial) + 1 : 0,
		    slash ? slash + 1 : partial, &ctx->error);
	hp_path_free(&rel);
	hp_hive_close(hv);
	free(parent);
	if (r == 1)
		return HP_EXIT_FINDINGS;
	return r == 0 ? HP_EXIT_OK : -1;
}
