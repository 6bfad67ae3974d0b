#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/buf.h"
#include "cli/cli.h"
#include "formats/hive.h"
#include "core/patch.h"
#include "formats/polfile.h"
#include "formats/source.h"

static int run_import(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_import = {
	"import", "import [--dry-run] [--backup] [--force] "
	"[--verify basic|full] [--strict] [--codepage <cp>] "
	"[--class machine|user] [--mount <prefix>] <hive> "
	"<file.reg|file.pol|gpo-dir>...",
	"merge .reg files, Registry.pol files or GPO folders into a hive, in "
	"file order, all or nothing (--dry-run: show the changes, write "
	"nothing)", run_import
};

/* Outside-the-mount operations named one by one before being counted. */
#define SHOW_OUTSIDE	5

struct input {
	const char	*path;
	size_t		 first;		/* index of its first op */
	int		 offsets;	/* op->line is a byte offset (.pol) */
};

/* "file:line" of ops i..i+n-1 ("file:first-last" for several lines). */
static void
where(const struct input *in, size_t nin, const struct hp_op *ops, size_t i,
    size_t n, char *buf, size_t len)
{
	size_t f = 0;

	while (f + 1 < nin && in[f + 1].first <= i)
		f++;
	if (n > 1 && ops[i + n - 1].line != ops[i].line)
		snprintf(buf, len, in[f].offsets ? "%s: offsets %lu-%lu" :
		    "%s:%lu-%lu", in[f].path, ops[i].line,
		    ops[i + n - 1].line);
	else
		snprintf(buf, len, in[f].offsets ? "%s: offset %lu" :
		    "%s:%lu", in[f].path, ops[i].line);
}

static int
run_import(int argc, char **argv, struct hp_ctx *ctx)
{
	static const struct option longopts[] = {
		{ "strict", no_argument, NULL, 's' },
		{ "codepage", required_argument, NULL, 'c' },
		{ "class", required_argument, NULL, 'C' },
		HP_CLI_HIVE_LONGOPTS, { NULL, 0, NULL, 0 }
	};
	struct hp_cli_hive_opts ho = { 0 };
	struct hp_source_opts so = { 0 };
	struct hp_apply_stats st = { 0 };
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_buf b = HP_BUF_INIT;
	struct hp_hive *hv = NULL;
	struct input *in = NULL;
	struct hp_view v;
	size_t i, nin, step = 1, outside = 0;
	char loc[512];
	int opt, r = 0;

	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (opt == 's')
			so.strict = 1;
		else if (opt == 'c')
			so.codepage = optarg;
		else if (opt == 'C') {
			if (hp_pol_class_parse(optarg, &so.pol_root) == -1)
				return hp_cli_usage(ctx, &hp_cmd_import,
				    "--class takes machine or user");
		} else if (hp_cli_hive_opt(&ho, opt, optarg) != 1)
			return hp_cli_bad_option(ctx, &hp_cmd_import, opt,
			    argc, argv);
	}
	if (argc - optind < 2)
		return hp_cli_usage(ctx, &hp_cmd_import, "expected a hive and "
		    "at least one .reg, .pol file or GPO folder");
	nin = (size_t)(argc - optind - 1);
	if ((in = calloc(nin, sizeof(*in))) == NULL)
		return hp_error_errno(&ctx->error, HP_E_IO, "out of memory");
	/* Every file is read before the hive is touched. */
	for (i = 0; i < nin && r == 0; i++) {
		in[i].path = argv[optind + 1 + i];
		in[i].first = p.n;
		in[i].offsets = hp_format_detect(in[i].path) == HP_FMT_POL ||
		    hp_format_detect(in[i].path) == HP_FMT_GPO;
		r = hp_cli_read_patch(in[i].path, &so, &p, ctx);
	}
	if (r == 0)
		r = hp_cli_open_hive(argv[optind], 1, &ho, &hv, ctx);
	if (r == 0 && !hp_hive_has_mount(hv))
		r = hp_error_set(&ctx->error, HP_E_INPUT, "%s: the hive's "
		    "mount is unknown, so the full paths of a .reg file cannot "
		    "be placed in it; give --mount (for example --mount "
		    "'HKLM\\SOFTWARE')", argv[optind]);
	if (r == 0)
		hp_hive_view(hv, &v);
	for (i = 0; i < p.n && r == 0; i += step) {
		struct hp_patch run = { &p.ops[i], 1, 1 };
		struct hp_apply_stats before = st;
		struct hp_path rel = HP_PATH_INIT;

		/*
		 * Operations on one key go together, so that hp_hive_apply
		 * can write a key's values at once; a dry run goes one by
		 * one to tell which would change something.
		 */
		while (!ho.dry_run && i + run.n < p.n &&
		    hp_path_eq(&p.ops[i + run.n].key, &p.ops[i].key))
			run.n++;
		run.cap = step = run.n;

		if ((r = hp_view_relative(&v, &p.ops[i].key, &rel,
		    &ctx->error)) == -1)
			break;
		if (r == 0)
			hp_path_free(&rel);
		if (r == 1) {
			/* Reported, never dropped in silence. */
			if (outside < SHOW_OUTSIDE) {
				char *s = hp_path_str(&p.ops[i].key);

				where(in, nin, p.ops, i, 1, loc, sizeof(loc));
				hp_warn(&ctx->warnings, "%s: %s lies outside "
				    "the hive's mount; not applied", loc,
				    s ? s : "?");
				free(s);
			}
			outside += run.n;
			r = 0;
			continue;
		}
		if ((r = hp_hive_apply(hv, &run, &st, &ctx->warnings,
		    &ctx->error)) == -1) {
			where(in, nin, p.ops, i, run.n, loc, sizeof(loc));
			hp_error_prefix(&ctx->error, "%s", loc);
			break;
		}
		if (ho.dry_run && (st.keys_created != before.keys_created ||
		    st.keys_deleted != before.keys_deleted ||
		    st.values_set != before.values_set ||
		    st.values_deleted != before.values_deleted)) {
			hp_buf_reset(&b);
			hp_op_describe(&p.ops[i], &b);
			printf("%s\n", b.buf);
		}
	}
	if (r == 0 && outside > SHOW_OUTSIDE)
		hp_warn(&ctx->warnings, "%zu more operations outside the "
		    "hive's mount were not applied", outside - SHOW_OUTSIDE);
	if (r == 0 && outside > 0 && outside == p.n) {
		hp_path_format_short(hp_hive_mount(hv), &b);
		r = hp_error_set(&ctx->error, HP_E_INPUT, "%s: nothing to "
		    "import: all %zu operations lie outside the hive's mount "
		    "%s", argv[optind], outside, b.buf);
	}
	if (r == 0 && !ho.dry_run) {
		struct hp_commit_opts co;

		r = hp_cli_commit_opts(&ho, &co, ctx);
		if (r == 0)
			r = hp_hive_commit(hv, &co, &ctx->error);
	}
	if (r == 0)
		printf("%s%s: %zu keys created, %zu deleted; %zu values set, "
		    "%zu deleted; %zu unchanged; %zu outside the mount\n",
		    ho.dry_run ? "dry run, nothing written: " : "",
		    argv[optind], st.keys_created, st.keys_deleted,
		    st.values_set, st.values_deleted, st.unchanged, outside);
	hp_hive_close(hv);
	hp_buf_release(&b);
	hp_patch_free(&p);
	free(in);
	return r == 0 ? HP_EXIT_OK : -1;
}
