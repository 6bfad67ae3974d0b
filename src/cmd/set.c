#include <errno.h>
#include <getopt.h>
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
	return hp_value_parse(v, type, data, (size_t)ndata, &ctx->error);
}

/* Shared by set and rm: apply one patch to the hive and report. */
int	hp_cli_apply_one(struct hp_hive *hv, const struct hp_patch *p,
	    const struct hp_cli_hive_opts *o, struct hp_ctx *ctx);

int
hp_cli_apply_one(struct hp_hive *hv, const struct hp_patch *p,
    const struct hp_cli_hive_opts *o, struct hp_ctx *ctx)
{
	struct hp_apply_stats st = { 0 };
	struct hp_commit_opts co;
	struct hp_buf b = HP_BUF_INIT;

	if (hp_cli_commit_opts(o, &co, ctx) == -1 ||
	    hp_hive_apply(hv, p, &st, &ctx->warnings, &ctx->error) == -1)
		return -1;
	hp_op_describe(&p->ops[p->n - 1], &b);
	if (!hp_apply_stats_changed(&st)) {
		printf("unchanged: %s\n", b.buf);
		hp_buf_release(&b);
		return HP_EXIT_OK;
	}
	if (!o->dry_run && hp_hive_commit(hv, &co, &ctx->error) == -1) {
		hp_buf_release(&b);
		return -1;
	}
	printf("%s%s\n", o->dry_run ? "would " : "", b.buf);
	hp_buf_release(&b);
	return HP_EXIT_OK;
}

static int
run_set(int argc, char **argv, struct hp_ctx *ctx)
{
	static const struct option longopts[] = {
		HP_CLI_HIVE_LONGOPTS, { NULL, 0, NULL, 0 }
	};
	struct hp_cli_hive_opts o = { 0 };
	struct hp_value v = HP_VALUE_INIT;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_path rel = HP_PATH_INIT, full = HP_PATH_INIT;
	struct hp_hive *hv = NULL;
	int opt, r = -1;

	/* "+" stops at the first operand: data may start with '-'. */
	while ((opt = getopt_long(argc, argv, "+", longopts, NULL)) != -1)
		if (hp_cli_hive_opt(&o, opt, optarg) != 1)
			return hp_cli_bad_option(ctx, &hp_cmd_set, opt,
			    argc, argv);
	if (argc - optind < 4)
		return hp_cli_usage(ctx, &hp_cmd_set, "expected a hive, a key, "
		    "a value name and a type");
	if (make_value(argv[optind + 3], argv + optind + 4, argc - optind - 4,
	    &v, ctx) == -1)
		goto out;
	if (hp_cli_open_hive(argv[optind], 1, &o, &hv, ctx) ==
	    -1 || hp_cli_key_arg(hv, argv[optind + 1], &rel, ctx) == -1)
		goto out;
	if (hp_path_join(&full, hp_hive_mount(hv), &rel) == -1 ||
	    hp_patch_add(&p, HP_OP_SET_VALUE, hp_hive_has_mount(hv) ? &full :
	    &rel, hp_cli_value_name(argv[optind + 2]), &v, 0) == NULL) {
		r = hp_error_errno(&ctx->error, HP_E_IO, "out of memory");
		goto out;
	}
	r = hp_cli_apply_one(hv, &p, &o, ctx);
out:
	hp_patch_free(&p);
	hp_path_free(&rel);
	hp_path_free(&full);
	hp_value_free(&v);
	hp_hive_close(hv);
	return r;
}
