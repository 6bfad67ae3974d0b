/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "cli/cli.h"
#include "formats/gpo.h"
#include "formats/json_patch.h"
#include "core/expand.h"
#include "core/patch.h"
#include "formats/polfile.h"
#include "formats/regfile.h"
#include "formats/secedit.h"
#include "formats/source.h"

static int run_convert(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_convert = {
	"convert", "convert [--format reg5|reg4|pol|gpo|inf|json] [--class "
	"machine|user] [--strict] [--codepage <cp>] [--against <hive> "
	"[--mount <prefix>]] <in> -o <out>",
	"convert a patch file (.reg, Registry.pol, GPO folder, a security "
	"template's registry values) to another format or .reg dialect, "
	"keeping deletions", run_convert
};

struct target {
	const char		*path;		/* -o */
	enum hp_format		fmt;
	enum hp_reg_dialect	dialect;	/* HP_FMT_REG */
	const char		*against;	/* --against HIVE */
	const char		*mount;		/* its --mount */
	char			*comment;	/* the .reg's header comment */
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
		else if (dot != NULL && strcasecmp(dot, ".inf") == 0)
			t->fmt = HP_FMT_SECEDIT;
		else if (dot != NULL && strcasecmp(dot, ".json") == 0)
			t->fmt = HP_FMT_UNKNOWN;	/* JSON */
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
	if (strcasecmp(arg, "json") == 0) {
		t->fmt = HP_FMT_UNKNOWN;	/* the operations as JSON */
		return 0;
	}
	if (strcasecmp(arg, "inf") == 0) {
		t->fmt = HP_FMT_SECEDIT;
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
	struct hp_pol pol = HP_POL_INIT;
	int r;

	r = hp_pol_read_file(in, &pol, w, e);
	if (r == 0 && (r = hp_pol_write(&pol, out, e)) == -1)
		hp_error_prefix(e, "%s", in);
	hp_pol_free(&pol);
	return r;
}

/*
 * A security template to a security template: every line as read, so the
 * copy is the same bytes (secedit.h).
 */
static int
copy_secedit(const char *in, struct hp_buf *out, struct hp_error *e)
{
	struct hp_secedit t;
	int r;

	if (hp_format_detect(in) != HP_FMT_SECEDIT)
		return hp_error_set(e, HP_E_INPUT, "%s: only a security "
		    "template converts to a security template", in);
	if ((r = hp_secedit_read_file(in, &t, e)) == 0) {
		r = hp_secedit_write(&t, out, e);
		hp_secedit_free(&t);
	}
	return r;
}

/* Serialises p in the target format; one case per writable format. */
static int
write_patch(const char *in, const struct hp_patch *p, const struct target *t,
    const struct hp_source_opts *so, struct hp_buf *out, struct hp_error *e)
{
	struct hp_reg_write_opts ro = { t->dialect, so->codepage, NULL, NULL,
	    0 };

	switch (t->fmt) {
	case HP_FMT_REG:
		ro.offsets = hp_format_detect(in) == HP_FMT_POL ||
		    hp_format_detect(in) == HP_FMT_GPO;
		if (hp_reg_write_patch(p, &ro, out, e) == -1)
			return -1;
		return t->comment ? hp_reg_add_comment(&ro, t->comment, out,
		    e) : 0;
	case HP_FMT_POL:
		return write_pol(p, so->pol_root, t->path, out, e);
	case HP_FMT_UNKNOWN:
		return hp_json_patch_append(p, out, e);
	default:
		return hp_error_set(e, HP_E_INPUT, "writing %s files is "
		    "not supported yet", hp_format_name(t->fmt));
	}
}

/* Any input to a GPO folder: Machine/ and User/ Registry.pol, gpt.ini. */
static int
convert_to_gpo(const char *in, const char *outpath,
    const struct hp_source_opts *so, struct hp_ctx *ctx)
{
	struct hp_patch p = HP_PATCH_INIT;
	int r;

	/* A GPO or backup comes with all its files, not its registry part. */
	if ((r = hp_cli_read_patch(in, so, &p, ctx)) == 0 &&
	    (r = hp_gpo_write_from(outpath, &p, hp_format_detect(in) ==
	    HP_FMT_GPO ? in : NULL, NULL, &ctx->warnings,
	    &ctx->error)) == -1)
		hp_error_prefix(&ctx->error, "%s", outpath);
	hp_patch_free(&p);
	return r;
}

/*
 * --against HIVE: the input read with the hive's mount as a hint to its
 * class, its **delvals. and **soft. made explicit against the hive's
 * content (core/expand.h), and a header comment saying so.
 */
static int
read_against(const char *in, struct target *t, struct hp_source_opts *so,
    struct hp_patch *p, struct hp_ctx *ctx)
{
	struct hp_source_opts ho = { .mount = t->mount };
	struct hp_patch raw = HP_PATCH_INIT;
	struct hp_buf c = HP_BUF_INIT;
	struct hp_source *s;
	struct hp_view v;
	int r;

	if (hp_source_open(t->against, &ho, &s, &ctx->warnings,
	    &ctx->error) == -1)
		return -1;
	hp_source_view(s, &v);
	if (s->format != HP_FMT_HIVE || !v.mounted)
		r = hp_error_set(&ctx->error, HP_E_INPUT, "--against %s: %s",
		    t->against, s->format != HP_FMT_HIVE ? "not a hive" :
		    "the hive's mount is unknown; give --mount");
	else {
		so->hive_root = v.mount.root;
		so->hive_name = t->against;
		r = hp_cli_read_patch(in, so, &raw, ctx);
	}
	if (r == 0 && (r = hp_patch_expand(&raw, &v, p, &ctx->error)) == -1)
		hp_error_prefix(&ctx->error, "%s", in);
	if (r == 0) {
		hp_buf_addf(&c, "%s: **delvals. and **soft. expanded against "
		    "the hive %s (", in, t->against);
		hp_path_format(&v.mount, &c);
		hp_buf_addc(&c, ')');
		t->comment = hp_buf_detach(&c, NULL);
	}
	hp_patch_free(&raw);
	hp_source_close(s);
	return r;
}

/* Any input to one .reg or Registry.pol file. */
static int
convert_to_file(const char *in, struct target *t, struct hp_source_opts *so,
    struct hp_ctx *ctx)
{
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_buf out = HP_BUF_INIT;
	int r;

	if (t->fmt == HP_FMT_POL && hp_format_detect(in) == HP_FMT_POL)
		r = copy_pol(in, &out, &ctx->warnings, &ctx->error);
	else if (t->fmt == HP_FMT_SECEDIT)
		r = copy_secedit(in, &out, &ctx->error);
	else if ((r = t->against ? read_against(in, t, so, &p, ctx) :
	    hp_cli_read_patch(in, so, &p, ctx)) == 0 &&
	    (r = write_patch(in, &p, t, so, &out, &ctx->error)) == -1) {
		hp_error_prefix(&ctx->error, "%s", in);
		if (t->fmt == HP_FMT_REG && hp_patch_needs_expand(&p))
			hp_error_hint(&ctx->error, HP_HINT_AGAINST);
	}
	if (r == 0)
		r = hp_cli_write_output(t->path, &out, ctx);
	hp_buf_release(&out);
	hp_patch_free(&p);
	free(t->comment);
	return r;
}

static int
run_convert(int argc, char **argv, struct hp_ctx *ctx)
{
	struct hp_source_opts so = { 0 };
	const char *outpath = NULL, *format = NULL, *against = NULL;
	const char *mount = NULL;
	struct hp_option options[] = {
		HP_OPT_STRING('f', "format", &format, "reg5|reg4|pol|gpo|inf|json",
		    "the output format (default: from the output's name)"),
		HP_OPT_CLASS(&so.pol_root),
		HP_OPT_STRICT(&so.strict),
		HP_OPT_CODEPAGE(&so.codepage),
		HP_OPT_OUTPUT(&outpath, "the file or GPO folder to write"),
		HP_OPT_STRING(0, "against", &against, "<hive>", "for a .reg: "
		    "expand **delvals. and **soft. against this hive"),
		HP_OPT_MOUNT(&mount),
		HP_OPT_END()
	};
	struct target t;
	int r;

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_convert, 0,
	    ctx)) < 0)
		return hp_parse_exit(argc);
	if (argc != 1 || outpath == NULL)
		return hp_cli_usage(ctx, &hp_cmd_convert, "expected one input "
		    "file and -o <out>");
	if (parse_target(format, outpath, &t) == -1)
		return hp_cli_usage(ctx, &hp_cmd_convert, format ? "--format "
		    "%s: expected reg5, reg4, pol, gpo, inf or json" : "%s: cannot tell "
		    "the output format from the name; give --format", format ?
		    format : outpath);
	t.path = outpath;
	t.against = against;
	t.mount = mount;
	t.comment = NULL;
	if (against != NULL && t.fmt != HP_FMT_REG)
		return hp_cli_usage(ctx, &hp_cmd_convert, "--against makes "
		    "a .reg output; a %s keeps the commands as they are",
		    hp_format_name(t.fmt));
	if (t.fmt == HP_FMT_GPO)
		r = convert_to_gpo(argv[0], outpath, &so, ctx);
	else
		r = convert_to_file(argv[0], &t, &so, ctx);
	return r == 0 ? HP_EXIT_OK : -1;
}
