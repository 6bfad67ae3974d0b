#include <getopt.h>
#include <stdio.h>

#include "buf.h"
#include "cli.h"
#include "hive.h"
#include "outfile.h"
#include "regfile.h"

static int run_export(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_export = {
	"export", "export [-o <file>] [--format reg5|reg4] [--codepage <cp>] "
	"[--force] [--mount <prefix>] <hive> [<key>]",
	"write a hive, or the subtree at a key, as a .reg file (default: "
	"version 5.00, UTF-16LE, to stdout)", run_export
};

static int
run_export(int argc, char **argv, struct hp_ctx *ctx)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "codepage", required_argument, NULL, 'c' },
		HP_CLI_HIVE_LONGOPTS, { NULL, 0, NULL, 0 }
	};
	struct hp_cli_hive_opts ho = { 0 };
	struct hp_reg_write_opts o = { HP_REG5, NULL, hp_outfile_flush, NULL };
	struct hp_path rel = HP_PATH_INIT;
	struct hp_buf out = HP_BUF_INIT;
	struct hp_outfile of;
	struct hp_hive *hv = NULL;
	struct hp_view v;
	const char *path = "-";
	int opt, r;

	while ((opt = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		if (opt == 'o')
			path = optarg;
		else if (opt == 'f') {
			if (hp_reg_dialect_parse(optarg, &o.dialect) == -1)
				return hp_cli_usage(ctx, &hp_cmd_export,
				    "--format %s: expected reg5 or reg4",
				    optarg);
		} else if (opt == 'c')
			o.codepage = optarg;
		else if (hp_cli_hive_opt(&ho, opt, optarg) != 1 ||
		    ho.dry_run || ho.backup)
			return hp_cli_usage(ctx, &hp_cmd_export, "bad option");
	}
	if (argc - optind < 1 || argc - optind > 2)
		return hp_cli_usage(ctx, &hp_cmd_export, "expected a hive and "
		    "optionally a key");
	if (hp_cli_open_hive(argv[optind], 0, &ho, &hv, ctx) == -1)
		return -1;
	if (!hp_hive_has_mount(hv)) {
		hp_hive_close(hv);
		return hp_error_set(&ctx->error, HP_EXIT_INPUT, "%s: the hive's "
		    "mount is unknown, so its keys have no full path for a "
		    ".reg file; give --mount (for example --mount "
		    "'HKLM\\SOFTWARE')", argv[optind]);
	}
	hp_hive_view(hv, &v);
	r = optind + 1 < argc ? hp_cli_key_arg(hv, argv[optind + 1], &rel,
	    ctx) : 0;
	if (r == 0 && (r = hp_outfile_open(&of, path, &ctx->error)) == 0) {
		o.flush_arg = &of;
		r = hp_reg_write_view(&v, &rel, &o, &out, &ctx->error);
		if (r == 0)
			r = hp_outfile_commit(&of, &ctx->error);
		else {
			hp_outfile_abort(&of);
			hp_error_prefix(&ctx->error, "%s: export%s%s",
			    argv[optind], optind + 1 < argc ? " of " : "",
			    optind + 1 < argc ? argv[optind + 1] : "");
		}
	}
	hp_buf_release(&out);
	hp_path_free(&rel);
	hp_hive_close(hv);
	return r == 0 ? HP_EXIT_OK : -1;
}
