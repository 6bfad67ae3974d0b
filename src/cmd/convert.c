#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "cli/cli.h"
#include "core/file.h"
#include "formats/gpo.h"
#include "core/limits.h"
#include "core/patch.h"
#include "formats/polfile.h"
#include "formats/regfile.h"
#include "formats/source.h"
#include "core/txn.h"

static int run_convert(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_convert = {
	"convert", "convert [--format reg5|reg4|pol|gpo] [--class machine|user] "
	"[--strict] [--codepage <cp>] <in> -o <out>",
	"convert a patch file (.reg, Registry.pol, GPO folder) to another "
	"format or .reg dialect, keeping deletions", run_convert
};

struct target {
	enum hp_format		fmt;
	enum hp_reg_dialect	dialect;	/* HP_FMT_REG */
};

/* --format, or else the output file's extension (a folder: a GPO). */
static int
parse_target(const char *arg, const char *out, struct target *t)
{
	const char *dot = strrchr(out, '.');

	t->dialect = HP_REG5;
	if (arg == NULL) {
		if (dot != NULL && strcasecmp(dot, ".reg") == 0)
			t->fmt = HP_FMT_REG;
		else if (dot != NULL && strcasecmp(dot, ".pol") == 0)
			t->fmt = HP_FMT_POL;
		else if (hp_format_detect(out) == HP_FMT_GPO)
			t->fmt = HP_FMT_GPO;
		else
			return -1;
		return 0;
	}
	if (strcasecmp(arg, "pol") == 0) {
		t->fmt = HP_FMT_POL;
		return 0;
	}
	if (strcasecmp(arg, "gpo") == 0) {
		t->fmt = HP_FMT_GPO;
		return 0;
	}
	t->fmt = HP_FMT_REG;
	return hp_reg_dialect_parse(arg, &t->dialect);
}

/*
 * A Registry.pol from a patch.  Its class: --class, else the output path
 * (.../Machine/Registry.pol), else the one root of the patch's keys.
 */
static int
write_pol(const struct hp_patch *p, enum hp_root root, const char *outpath,
    struct hp_buf *out, struct hp_error *e)
{
	struct hp_pol pol = HP_POL_INIT;
	int r = 0;

	if (root == HP_ROOT_NONE)
		root = hp_pol_class_from_path(outpath);
	if (root == HP_ROOT_NONE)
		r = hp_pol_patch_root(p, &root, e);
	if (r == 0)
		r = hp_pol_from_patch(p, root, &pol, e);
	if (r == 0)
		r = hp_pol_write(&pol, out, e);
	hp_pol_free(&pol);
	return r;
}

/*
 * Registry.pol to Registry.pol copies the entries as they are (commands,
 * order, placeholders): a canonical file comes out byte for byte, and any
 * other is rewritten to the strict form or refused.
 */
static int
copy_pol(const char *in, struct hp_buf *out, struct hp_warnings *w,
    struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_pol pol = HP_POL_INIT;
	int r;

	r = hp_file_read(in, HP_MAX_INPUT_SIZE, &b, e);
	if (r == 0)
		r = hp_pol_read(b.buf, b.len, in, &pol, w, e);
	if (r == 0 && (r = hp_pol_write(&pol, out, e)) == -1)
		hp_error_prefix(e, "%s", in);
	hp_pol_free(&pol);
	hp_buf_release(&b);
	return r;
}

/* Serialises p in the target format; one case per writable format. */
static int
write_patch(const struct hp_patch *p, const struct target *t,
    const char *codepage, enum hp_root root, const char *outpath,
    struct hp_buf *out, struct hp_error *e)
{
	struct hp_reg_write_opts ro = { t->dialect, codepage, NULL, NULL };

	switch (t->fmt) {
	case HP_FMT_REG:
		return hp_reg_write_patch(p, &ro, out, e);
	case HP_FMT_POL:
		return write_pol(p, root, outpath, out, e);
	default:
		return hp_error_set(e, HP_E_INPUT, "writing %s files is "
		    "not supported yet", hp_format_name(t->fmt));
	}
}

static int
run_convert(int argc, char **argv, struct hp_ctx *ctx)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "strict", no_argument, NULL, 's' },
		{ "codepage", required_argument, NULL, 'c' },
		{ "class", required_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 }
	};
	struct hp_source_opts so = { 0 };
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_buf out = HP_BUF_INIT;
	const char *outpath = NULL, *format = NULL;
	struct target t;
	int opt, r;

	while ((opt = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		if (opt == 'o')
			outpath = optarg;
		else if (opt == 'f')
			format = optarg;
		else if (opt == 's')
			so.strict = 1;
		else if (opt == 'c')
			so.codepage = optarg;
		else if (opt == 'C') {
			if (hp_pol_class_parse(optarg, &so.pol_root) == -1)
				return hp_cli_usage(ctx, &hp_cmd_convert,
				    "--class takes machine or user");
		} else
			return hp_cli_bad_option(ctx, &hp_cmd_convert, opt,
			    argc, argv);
	}
	if (argc - optind != 1 || outpath == NULL)
		return hp_cli_usage(ctx, &hp_cmd_convert, "expected one input "
		    "file and -o <out>");
	if (parse_target(format, outpath, &t) == -1)
		return hp_cli_usage(ctx, &hp_cmd_convert, format ? "--format "
		    "%s: expected reg5, reg4, pol or gpo" : "%s: cannot tell "
		    "the output format from the name; give --format", format ?
		    format : outpath);
	if (t.fmt == HP_FMT_POL &&
	    hp_format_detect(argv[optind]) == HP_FMT_POL) {
		r = copy_pol(argv[optind], &out, &ctx->warnings, &ctx->error);
		if (r == 0)
			r = hp_txn_save(outpath, out.buf, out.len,
			    &ctx->warnings, &ctx->error);
		hp_buf_release(&out);
		return r == 0 ? HP_EXIT_OK : -1;
	}
	r = hp_cli_read_patch(argv[optind], &so, &p, ctx);
	if (r == 0 && t.fmt == HP_FMT_GPO) {
		/* Machine/ and User/ Registry.pol, then gpt.ini. */
		if ((r = hp_gpo_write(outpath, &p, NULL, &ctx->warnings,
		    &ctx->error)) == -1)
			hp_error_prefix(&ctx->error, "%s", outpath);
		hp_patch_free(&p);
		return r == 0 ? HP_EXIT_OK : -1;
	}
	if (r == 0 && (r = write_patch(&p, &t, so.codepage, so.pol_root,
	    outpath, &out, &ctx->error)) == -1)
		hp_error_prefix(&ctx->error, "%s", argv[optind]);
	if (r == 0)
		r = hp_txn_save(outpath, out.buf, out.len, &ctx->warnings,
		    &ctx->error);
	hp_buf_release(&out);
	hp_patch_free(&p);
	return r == 0 ? HP_EXIT_OK : -1;
}
