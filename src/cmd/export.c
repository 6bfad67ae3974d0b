/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <strings.h>

#include "core/buf.h"
#include "cli/cli.h"
#include "cli/progress.h"
#include "formats/hive.h"
#include "formats/json_export.h"
#include "formats/polfile.h"
#include "formats/regfile.h"
#include "core/txn.h"
#include "policy/targets.h"

static int run_export(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_export = {
	"export", "export [-o <file>] [--format reg5|reg4|pol|json|jsonl] "
	"[--class machine|user] [--codepage <cp>] [--force] "
	"[--mount <prefix>] (<hive> [<key>] | --image <dir|file.wim[:N]> "
	"<key>)",
	"write a hive, or the subtree at a key, as a .reg file (default: "
	"version 5.00, UTF-16LE, to stdout), a Registry.pol or JSON", run_export
};

/* What the options ask to write, and where. */
struct job {
	const char			*path;	/* -o */
	int				 pol;	/* --format pol */
	enum hp_root			 root;	/* --class */
	struct hp_reg_write_opts	 reg;
	struct hp_json_export_opts	 json;	/* json.flush set: JSON */
	struct hp_progress		*pr;
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
    const struct hp_path *rel, const struct job *j, struct hp_ctx *ctx)
{
	enum hp_root root = j->root;
	const char *hive = hp_hive_path(hv);
	struct hp_error *e = &ctx->error;
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
	r = hp_pol_from_view(v, rel, prefix, &pol, j->pr, e);
	if (r == 0)
		r = hp_pol_write(&pol, &out, e);
	if (r == 0)
		r = hp_cli_write_output(j->path, &out, ctx);
	else
		hp_error_prefix(e, "%s: export", hive);
	hp_pol_free(&pol);
	hp_buf_release(&out);
	return r;
}

/*
 * The hive (of known mount) as a .reg file, or as JSON (json.flush set),
 * written while the walk goes: a large hive never sits whole in memory.
 */
static int
export_reg(struct hp_hive *hv, const struct hp_view *v,
    const struct hp_path *rel, struct job *j, char **argv,
    struct hp_ctx *ctx)
{
	struct hp_reg_write_opts *o = &j->reg;
	struct hp_json_export_opts *jo = &j->json;
	struct hp_buf out = HP_BUF_INIT;
	struct hp_txn *t = NULL;
	struct hp_txn_file *f;
	int r;

	if ((r = hp_txn_begin(&t, &ctx->error)) == 0 &&
	    (r = hp_txn_stage(t, j->path, &f, &ctx->error)) == 0) {
		o->flush_arg = jo->flush_arg = f;
		r = jo->flush != NULL ? hp_json_export_hive(hv, rel, jo, &out,
		    &ctx->error) : hp_reg_write_view(v, rel, o, j->pr, &out,
		    &ctx->error);
		if (r == 0)
			r = hp_txn_commit(t, &ctx->warnings, &ctx->error);
		else
			hp_error_prefix(&ctx->error, "%s: export%s%s", argv[0],
			    argv[1] ? " of " : "", argv[1] ? argv[1] : "");
	}
	hp_txn_free(t);
	hp_buf_release(&out);
	return r;
}

/* The subtree at rel as the job's format says. */
static int
export_view(struct hp_hive *hv, const struct hp_view *v,
    const struct hp_path *rel, struct job *j, char **argv,
    struct hp_ctx *ctx)
{
	return j->pol ? export_pol(hv, v, rel, j, ctx) :
	    export_reg(hv, v, rel, j, argv, ctx);
}

/* --image: the key (a full path) from the image's hive serving it. */
static int
export_image(const char *image, char **argv,
    const struct hp_cli_hive_opts *ho, struct job *j, struct hp_ctx *ctx)
{
	struct hp_targets t = HP_TARGETS_INIT;
	struct hp_path key = HP_PATH_INIT, rel = HP_PATH_INIT;
	long i;
	int r = -1;

	if (hp_path_parse(argv[0], &key, &ctx->error) == -1)
		return -1;
	if (key.root == HP_ROOT_NONE)
		r = hp_cli_usage(ctx, &hp_cmd_export, "with --image the key is "
		    "a full path such as HKLM\\SOFTWARE\\Policies");
	else if (hp_cli_open_image(image, hp_targets_need_key(&key), 0, ho, &t,
	    ctx) == 0 && (i = hp_cli_image_hive(&t, image, &key, &rel,
	    ctx)) != -1)
		r = export_view(t.src[i]->hive, &t.views[i], &rel, j, argv,
		    ctx);
	hp_path_free(&key);
	hp_path_free(&rel);
	hp_targets_free(&t);
	return r;
}

static int
run_export(int argc, char **argv, struct hp_ctx *ctx)
{
	struct hp_cli_hive_opts ho = { 0 };
	struct job j = { "-", 0, HP_ROOT_NONE,
	    { HP_REG5, NULL, hp_txn_flush, NULL, 0 }, { 0, NULL, NULL }, NULL };
	const char *format = NULL, *image = NULL;
	struct hp_cli_progress pg = HP_CLI_PROGRESS_INIT;
	struct hp_option options[] = {
		HP_OPT_OUTPUT(&j.path, "the file to write (default: stdout)"),
		HP_OPT_STRING(0, "format", &format, "reg5|reg4|pol|json|jsonl",
		    ".reg version 5.00 or REGEDIT4, Registry.pol, "
		    "or JSON (one document or one key a line)"),
		HP_OPT_CLASS(&j.root),
		HP_OPT_CODEPAGE(&j.reg.codepage),
		HP_OPT_HIVE_READ(&ho),
		HP_OPT_IMAGE(&image, "the key from the hive of a Windows "
		    "image that serves it"),
		HP_OPT_PROGRESS(&pg),
		HP_OPT_END()
	};
	struct hp_path rel = HP_PATH_INIT;
	struct hp_hive *hv = NULL;
	struct hp_view v;
	int r;

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_export, 0,
	    ctx)) < 0)
		return hp_parse_exit(argc);
	j.pol = format != NULL && strcasecmp(format, "pol") == 0;
	j.json.lines = format != NULL && strcasecmp(format, "jsonl") == 0;
	if (format != NULL && (j.json.lines || strcasecmp(format, "json") ==
	    0))
		j.json.flush = hp_txn_flush;
	if (format != NULL && !j.pol && j.json.flush == NULL &&
	    hp_reg_dialect_parse(format, &j.reg.dialect) == -1)
		return hp_cli_usage(ctx, &hp_cmd_export, "--format %s: "
		    "expected reg5, reg4, pol, json or jsonl", format);
	if (image != NULL && argc != 1)
		return hp_cli_usage(ctx, &hp_cmd_export, "with --image, expected "
		    "one key");
	if (image == NULL && (argc < 1 || argc > 2))
		return hp_cli_usage(ctx, &hp_cmd_export, "expected a hive and "
		    "optionally a key");
	j.pr = hp_cli_progress_start(&pg, "export", j.path[0] == '-' &&
	    j.path[1] == '\0' ? HP_CLI_PROGRESS_STREAMS : 0);
	if (image != NULL) {
		r = export_image(image, argv, &ho, &j, ctx);
		hp_cli_progress_stop(&pg);
		return r == 0 ? HP_EXIT_OK : -1;
	}
	if (hp_cli_open_hive(argv[0], 0, &ho, &hv, ctx) == -1) {
		hp_cli_progress_stop(&pg);
		return -1;
	}
	hp_hive_view(hv, &v);
	if (!j.pol && j.json.flush == NULL && !hp_hive_has_mount(hv))
		r = hp_error_set(&ctx->error, HP_E_INPUT, "%s: the hive's "
		    "mount is unknown, so its keys have no full path for a "
		    ".reg file; give --mount (for example --mount "
		    "'HKLM\\SOFTWARE')", argv[0]);
	else
		r = argc > 1 ? hp_cli_key_arg(hv, argv[1], &rel, ctx) : 0;
	if (r == 0)
		r = export_view(hv, &v, &rel, &j, argv, ctx);
	hp_cli_progress_stop(&pg);
	hp_path_free(&rel);
	hp_hive_close(hv);
	return r == 0 ? HP_EXIT_OK : -1;
}
