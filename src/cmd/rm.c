/* SPDX-License-Identifier: GPL-3.0-or-later */
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

/* Like reg delete, naming something absent is an error. */
static int
check_present(struct hp_cli_key *k, int r, const char *name, char **argv,
    struct hp_ctx *ctx)
{
	struct hp_value cur = HP_VALUE_INIT;

	if (r == 0 && name != NULL)
		r = k->view.ops->value(k->view.impl, k->node, name, &cur,
		    &ctx->error);
	hp_value_free(&cur);
	if (r == 1)
		return hp_error_set(&ctx->error, HP_E_INPUT, "%s: no such %s: "
		    "%s%s%s", argv[0], name ? "value" : "key", argv[1],
		    name ? "\\" : "", name ? name : "");
	if (r == 0 && k->rel.n == 0 && name == NULL)
		return hp_error_set(&ctx->error, HP_E_INPUT, "%s: refusing to "
		    "delete the hive's root key", argv[0]);
	return r;
}

static int
run_rm(int argc, char **argv, struct hp_ctx *ctx)
{
	struct hp_cli_hive_opts o = { 0 };
	struct hp_option options[] = {
		HP_OPT_HIVE_WRITE(&o),
		HP_OPT_OPERANDS(2, 3, "expected a hive, a key and "
		    "optionally a value name"),
		HP_OPT_END()
	};
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_cli_key k;
	const char *name = NULL;
	int r;

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_rm, 0,
	    ctx)) < 0)
		return hp_parse_exit(argc);
	if (argc == 3)
		name = hp_cli_value_name(argv[2]);
	r = hp_cli_open_key(argv[0], argv[1], 1, &o, &k, ctx);
	if ((r = check_present(&k, r, name, argv, ctx)) == 0) {
		hp_patch_add(&p, name ? HP_OP_DELETE_VALUE : HP_OP_DELETE_KEY,
		    &k.rel, name, NULL, 0);
		r = hp_cli_apply_one(k.hive, &p, &o, ctx);
	}
	hp_patch_free(&p);
	hp_cli_close_key(&k);
	return r;
}
