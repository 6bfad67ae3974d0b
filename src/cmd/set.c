/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "cli/cli.h"
#include "formats/hive.h"
#include "core/patch.h"
#include "core/value_parse.h"

static int run_set(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_set = {
	"set", "set [--dry-run] [--backup] [--force] [--verify basic|full] "
	"[--mount <prefix>] <hive> <key> <value> <type> [<data>...]",
	"set a value (type sz, expand_sz, multi_sz, dword, dword_be, qword, "
	"binary, none, link, or a type number with hex data)", run_set
};

/* Builds the value from TYPE and DATA arguments. */
static int
make_value(const char *tname, char **data, int ndata, struct hp_value *v,
    struct hp_ctx *ctx)
{
	uint32_t type;

	if (hp_value_type_parse(tname, &type) == -1)
		return hp_cli_usage(ctx, &hp_cmd_set, "unknown type \"%s\"",
		    tname);
	if (type != HP_REG_MULTI_SZ && (ndata > 1 || (ndata == 0 &&
	    type != HP_REG_NONE && type != HP_REG_BINARY)))
		return hp_cli_usage(ctx, &hp_cmd_set, "type %s takes one data "
		    "argument", tname);
	return hp_value_parse(v, type, data, (size_t)ndata,
	    HP_VALUE_PARSE_HEX_PREFIX, &ctx->error);
}

static int
run_set(int argc, char **argv, struct hp_ctx *ctx)
{
	struct hp_cli_hive_opts o = { 0 };
	struct hp_option options[] = {
		HP_OPT_HIVE_WRITE(&o),
		HP_OPT_OPERANDS(4, -1, "expected a hive, a key, a value "
		    "name and a type"),
		HP_OPT_END()
	};
	struct hp_value v = HP_VALUE_INIT;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_path rel = HP_PATH_INIT, full = HP_PATH_INIT;
	struct hp_hive *hv = NULL;
	int r = -1;

	/* Options end at the first operand: data may start with '-'. */
	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_set,
	    HP_PARSE_STOP_AT_OPERAND, ctx)) < 0)
		return hp_parse_exit(argc);
	if (make_value(argv[3], argv + 4, argc - 4, &v, ctx) == 0 &&
	    hp_cli_open_hive(argv[0], 1, &o, &hv, ctx) == 0 &&
	    hp_cli_key_arg(hv, argv[1], &rel, ctx) == 0) {
		hp_path_join(&full, hp_hive_mount(hv), &rel);
		hp_patch_add(&p, HP_OP_SET_VALUE, hp_hive_has_mount(hv) ?
		    &full : &rel, hp_cli_value_name(argv[2]), &v, 0);
		r = hp_cli_apply_one(hv, &p, &o, ctx);
	}
	hp_patch_free(&p);
	hp_path_free(&rel);
	hp_path_free(&full);
	hp_value_free(&v);
	hp_hive_close(hv);
	return r;
}
