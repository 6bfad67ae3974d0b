/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hivepol recover: a dirty hive with its logs replayed, written as a
 * clean hive file (docs/dirty-hives.md).  The hive and its logs are only
 * read.
 */
#include "cli/cli.h"
#include "cli/progress.h"
#include "core/buf.h"
#include "formats/hive.h"

static int run_recover(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_recover = {
	"recover", "recover [-o <file>] <hive>",
	"write a dirty hive with its logs replayed as a clean file",
	run_recover
};

static int
write_recovered(struct hp_hive *hv, const char *out, struct hp_ctx *ctx)
{
	struct hp_buf img = HP_BUF_INIT;
	int r;

	if (hp_hive_state(hv) == HP_HIVE_STALE)
		return hp_error_set(&ctx->error, HP_E_DIRTY, "%s: its logs "
		    "cannot be used (see the warning); nothing written",
		    hp_hive_path(hv));
	if (hp_hive_state(hv) == HP_HIVE_CLEAN)
		hp_warn(&ctx->warnings, "%s: not dirty: written as it is",
		    hp_hive_path(hv));
	if ((r = hp_hive_read_image(hv, &img, &ctx->error)) == 0)
		r = hp_cli_write_output(out, &img, ctx);
	hp_buf_release(&img);
	return r;
}

static int
run_recover(int argc, char **argv, struct hp_ctx *ctx)
{
	const char *out = NULL;
	struct hp_cli_progress pg = HP_CLI_PROGRESS_INIT;
	struct hp_option options[] = {
		HP_OPT_OUTPUT(&out, "write the recovered hive to this file "
		    "(default: standard output)"),
		HP_OPT_PROGRESS(&pg),
		HP_OPT_OPERANDS(1, 1, "expected one hive"),
		HP_OPT_END()
	};
	struct hp_hive *hv = NULL;
	int r;

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_recover,
	    0, ctx)) < 0)
		return hp_parse_exit(argc);
	if (out == NULL && ctx->tty)
		return hp_cli_usage(ctx, &hp_cmd_recover, "refusing to write "
		    "a hive to a terminal; give -o <file>");
	if (hp_hive_open_progress(argv[0], 0, NULL,
	    hp_cli_progress_start(&pg, "recover", 0), &hv, &ctx->warnings,
	    &ctx->error) == -1) {
		hp_cli_progress_stop(&pg);
		return -1;
	}
	r = write_recovered(hv, out, ctx);
	hp_hive_close(hv);
	return r == 0 ? HP_EXIT_OK : -1;
}
