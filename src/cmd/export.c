#include <getopt.h>
#include <stdio.h>
#include <strings.h>

#include "core/buf.h"
#include "cli/cli.h"
#include "formats/hive.h"
#include "formats/polfile.h"
#include "formats/regfile.h"
#include "core/txn.h"

static int run_export(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_export = {
	"export", "export [-o <file>] [--format reg5|reg4|pol] "
	"[--class machine|user] [--codepage <cp>] [--force] "
	"[--mount <prefix>] <hive> [<key>]",
	"write a hive, or the subtree at a key, as a .reg file (default: "
	"version 5.00, UTF-16LE, to stdout) or a Registry.pol", run_export
};

/*
 * The hive as a Registry.pol.  Its class: --class, else the mount's root.
 * Keys are written below the class root: with the mount's path when the
 * mount lies under it (HKLM\SOFTWARE), else (a user hive mounted under
 * HKU, or no mount) from the hive's root, which then stands for HKCU or
 * HKLM as --class says.
 */
static int
export_pol(struct hp_hive *hv, const struct hp_view *v,
    const struct hp_path *rel, enum hp_root root, const char *hive,
    const char *path, struct hp_warnings *w, struct hp_error *e)
{
	const struct hp_path *mount = hp_hive_mount(hv);
	struct hp_path none = HP_PATH_INIT;
	const struct hp_path *prefix = &none;
	struct hp_pol pol = HP_POL_INIT;
	struct hp_buf out = HP_BUF_INIT;
	int r = 0;

	if (root == HP_ROOT_NONE && hp_hive_has_mount(hv))
		root = mount->root;
	if (root != HP_ROOT_HKLM && root != HP_ROOT_HKCU)
		return hp_error_set(e, HP_E_INPUT, "%s: a Registry.pol holds "
		    "HKLM or HKCU settings; give --class machine|user", hive);
	if (hp_hive_has_mount(hv) && mount->root == root)
		prefix = mount;
	r = hp_pol_from_view(v, rel, prefix, &pol, e);
	if (r == 0)
		r = hp_pol_write(&pol, &out, e);
	if (r == 0)
		r = hp_txn_save(path, out.buf, out.len, w, e);
	else
		hp_error_prefix(e, "%s: export", hive);
	hp_pol_free(&pol);
	hp_buf_release(&out);
	return r;
}

static int
run_export(int argc, char **argv, struct hp_ctx *ctx)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "codepage", required_argument, NULL, 'c' },
		{ "class", required_argument, NULL, 'C' },
		HP_CLI_HIVE_LONGOPTS, { NULL, 0, NULL, 0 }
	};
	enum hp_root root = HP_ROOT_NONE;
	int pol = 0;
	struct hp_cli_hive_opts ho = { 0 };
	struct hp_reg_write_opts o = { HP_REG5, NULL, hp_txn_flush, NULL };
	struct hp_path rel = HP_PATH_INIT;
	struct hp_buf out = HP_BUF_INIT;
	struct hp_txn *t = NULL;
	struct hp_txn_file *f;
	struct hp_hive *hv = NULL;
	struct hp_view v;
	const char *path = "-";
	int opt, r;

	while ((opt = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		if (opt == 'o')
			path = optarg;
		else if (opt == 'f' && strcasecmp(optarg, "pol") == 0)
			pol = 1;
		else if (opt == 'f') {
			if (hp_reg_dialect_parse(optarg, &o.dialect) == -1)
				return hp_cli_usage(ctx, &hp_cmd_export,
				    "--format %s: expected reg5, reg4 or pol",
				    optarg);
		} else if (opt == 'C') {
			if (hp_pol_class_parse(optarg, &root) == -1)
				return hp_cli_usage(ctx, &hp_cmd_export,
				    "--class takes machine or user");
		} else if (opt == 'c')
			o.codepage = optarg;
		else if (hp_cli_hive_opt(&ho, opt, optarg) != 1 ||
		    ho.dry_run || ho.backup)
			return hp_cli_bad_option(ctx, &hp_cmd_export, opt,
			    argc, argv);
	}
	if (argc - optind < 1 || argc - optind > 2)
		return hp_cli_usage(ctx, &hp_cmd_export, "expected a hive and "
		    "optionally a key");
	if (hp_cli_open_hive(argv[optind], 0, &ho, &hv, ctx) == -1)
		return -1;
	if (pol) {
		hp_hive_view(hv, &v);
		r = optind + 1 < argc ? hp_cli_key_arg(hv, argv[optind + 1],
		    &rel, ctx) : 0;
		if (r == 0)
			r = export_pol(hv, &v, &rel, root, argv[optind], path,
			    &ctx->warnings, &ctx->error);
		hp_path_free(&rel);
		hp_hive_close(hv);
		return r == 0 ? HP_EXIT_OK : -1;
	}
	if (!hp_hive_has_mount(hv)) {
		hp_hive_close(hv);
		return hp_error_set(&ctx->error, HP_E_INPUT, "%s: the hive's "
		    "mount is unknown, so its keys have no full path for a "
		    ".reg file; give --mount (for example --mount "
		    "'HKLM\\SOFTWARE')", argv[optind]);
	}
	hp_hive_view(hv, &v);
	r = optind + 1 < argc ? hp_cli_key_arg(hv, argv[optind + 1], &rel,
	    ctx) : 0;
	if (r == 0 && (r = hp_txn_begin(&t, &ctx->error)) == 0 &&
	    (r = hp_txn_stage(t, path, &f, &ctx->error)) == 0) {
		o.flush_arg = f;
		r = hp_reg_write_view(&v, &rel, &o, &out, &ctx->error);
		if (r == 0)
			r = hp_txn_commit(t, &ctx->warnings, &ctx->error);
		else
			hp_error_prefix(&ctx->error, "%s: export%s%s",
			    argv[optind], optind + 1 < argc ? " of " : "",
			    optind + 1 < argc ? argv[optind + 1] : "");
	}
	hp_txn_free(t);
	hp_buf_release(&out);
	hp_path_free(&rel);
	hp_hive_close(hv);
	return r == 0 ? HP_EXIT_OK : -1;
}
