#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "formats/hive.h"
#include "core/patch.h"
#include "core/view.h"

static int run_rm(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_rm = {
	"rm", "rm [--dry-run] [--backup] [--force] [--verify basic|full] "
	"[--mount <prefix>] <hive> <key> [<value>]",
	"delete a value, or a key with everything below it", run_rm
};

int	hp_cli_apply_one(struct hp_hive *hv, const struct hp_patch *p,
	    const struct hp_cli_hive_opts *o, struct hp_ctx *ctx);

static int
run_rm(int argc, char **argv, struct hp_ctx *ctx)
{
	static const struct option longopts[] = {
		HP_CLI_HIVE_LONGOPTS, { NULL, 0, NULL, 0 }
	};
	struct hp_cli_hive_opts o = { 0 };
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_path rel = HP_PATH_INIT;
	struct hp_value cur = HP_VALUE_INIT;
	struct hp_hive *hv = NULL;
	struct hp_view v;
	const char *name = NULL;
	hp_node node;
	int opt, r = -1;

	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1)
		if (hp_cli_hive_opt(&o, opt, optarg) != 1)
			return hp_cli_bad_option(ctx, &hp_cmd_rm, opt,
			    argc, argv);
	if (argc - optind < 2 || argc - optind > 3)
		return hp_cli_usage(ctx, &hp_cmd_rm, "expected a hive, a key "
		    "and optionally a value name");
	if (argc - optind == 3)
		name = hp_cli_value_name(argv[optind + 2]);
	if (hp_cli_open_hive(argv[optind], 1, &o, &hv, ctx) == -1 ||
	    hp_cli_key_arg(hv, argv[optind + 1], &rel, ctx) == -1)
		goto out;
	hp_hive_view(hv, &v);
	/* Like reg delete, naming something absent is an error. */
	if ((r = hp_view_lookup(&v, &rel, &node, &ctx->error)) == 0 &&
	    name != NULL)
		r = v.ops->value(v.impl, node, name, &cur, &ctx->error);
	if (r == 1)
		r = hp_error_set(&ctx->error, HP_E_INPUT, "%s: no such %s: "
		    "%s%s%s", argv[optind], name ? "value" : "key",
		    argv[optind + 1], name ? "\\" : "", name ? name : "");
	if (r == -1)
		goto out;
	if (rel.n == 0 && name == NULL) {
		r = hp_error_set(&ctx->error, HP_E_INPUT, "%s: refusing to "
		    "delete the hive's root key", argv[optind]);
		goto out;
	}
	if (hp_patch_add(&p, name ? HP_OP_DELETE_VALUE : HP_OP_DELETE_KEY,
	    &rel, name, NULL, 0) == NULL) {
		r = hp_error_errno(&ctx->error, HP_E_IO, "out of memory");
		goto out;
	}
	r = hp_cli_apply_one(hv, &p, &o, ctx);
out:
	hp_value_free(&cur);
	hp_patch_free(&p);
	hp_path_free(&rel);
	hp_hive_close(hv);
	return r;
}
