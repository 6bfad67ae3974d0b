/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "policy/baseline.h"
#include "policy/check.h"
#include "cli/cli.h"
#include "policy/fleet.h"
#include "policy/policy.h"
#include "policy/report.h"
#include "policy/targets.h"
#include "cli/vocab_opts.h"
#include "templates/vocab.h"

static int run_check(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_check = {
	"check", "check [-qv] [--format text|json|junit|jsonl|html] "
	"[--mount <prefix>] [--class machine|user] [-o <file>] [-j <n>] "
	"[--shard <k/n>] [--allow-uncovered] [--templates <dir> "
	"[--lang <lang>]] "
	"(-p <policy> | --baseline <gpo>) (--image <dir|file.wim[:N]> | "
	"--fleet <dir|list> | <target>...) [--all-users]",
	"check hives, .reg, Registry.pol files or a Windows image against a "
	"policy", run_check
};

enum { FMT_TEXT, FMT_JSON, FMT_JUNIT, FMT_JSONL, FMT_HTML };

/* "[#########...........]  412/1000 machines", redrawn in place. */
static void
show_progress(void *arg, size_t done, size_t total)
{
	char bar[31];
	size_t fill = total ? done * (sizeof(bar) - 1) / total : 0;

	(void)arg;
	memset(bar, '.', sizeof(bar) - 1);
	memset(bar, '#', fill);
	bar[sizeof(bar) - 1] = '\0';
	fprintf(stderr, "\r[%s] %zu/%zu machines%s", bar, done, total,
	    done == total ? "\n" : "");
	fflush(stderr);
}

struct check_opts {
	struct hp_cli_target_opts to;
	const char	*outfile;	/* -o; NULL: stdout */
	const char	*format;
	const char	*baseline;	/* --baseline GPO, instead of -p */
	int		 fmt;
	int		 quiet;
	int		 verbose;
	int		 jobs;
	const char	*shard;		/* --shard K/N */
	unsigned	 shard_k, shard_n;
	struct hp_cli_vocab_opts vo;	/* --templates, --lang */
};

/* --fleet: every machine of a fleet (or a shard of it), one report. */
static int
run_fleet(const struct hp_policy *pol, const struct check_opts *o,
    struct hp_ctx *ctx)
{
	struct hp_fleet f;
	struct hp_fleet_result *res = NULL;
	int r = -1;

	if (hp_fleet_load(o->to.fleet, &f, &ctx->error) == -1)
		return -1;
	f.all_users = o->to.all_users;
	if (o->shard_n > 0)
		hp_fleet_shard(&f, o->shard_k, o->shard_n);
	/* A progress bar only where a person watches. */
	if (hp_fleet_run(pol, &f, o->jobs, isatty(STDERR_FILENO) ?
	    show_progress : NULL, NULL, &res, &ctx->error) == 0)
		r = hp_cli_fleet_output(pol, &f, res, o->format, o->outfile,
		    o->to.allow_uncovered, ctx);
	hp_fleet_results_free(res, f.n);
	hp_fleet_free(&f);
	return r;
}

static int
parse_format(const char *arg, int *fmt)
{
	static const char *const names[] = {
		[FMT_TEXT] = "text", [FMT_JSON] = "json", [FMT_JUNIT] = "junit",
		[FMT_JSONL] = "jsonl", [FMT_HTML] = "html"
	};
	int i;

	for (i = 0; arg != NULL && i <= FMT_HTML; i++)
		if (strcmp(arg, names[i]) == 0) {
			*fmt = i;
			return 0;
		}
	return arg == NULL ? 0 : -1;
}


/* "K/N", 1 <= K <= N <= 65536. */
static int
parse_shard(struct check_opts *o)
{
	unsigned k, n;
	int end = 0;

	if (sscanf(o->shard, "%u/%u%n", &k, &n, &end) != 2 ||
	    o->shard[end] != '\0' || o->shard[0] == '+' || k < 1 || k > n ||
	    n > 65536)
		return -1;
	o->shard_k = k;
	o->shard_n = n;
	return 0;
}

/* What goes with what; usage errors. */
static int
check_args(int nargs, struct check_opts *o, struct hp_ctx *ctx)
{
	if (parse_format(o->format, &o->fmt) == -1)
		return hp_cli_usage(ctx, &hp_cmd_check, "unknown format "
		    "\"%s\"", o->format);
	if (o->to.fleet != NULL && (nargs > 0 || o->to.image != NULL))
		return hp_cli_usage(ctx, &hp_cmd_check, "--fleet replaces "
		    "targets and --image");
	if (o->baseline != NULL && o->to.policy != NULL)
		return hp_cli_usage(ctx, &hp_cmd_check, "--baseline replaces "
		    "-p");
	if ((o->fmt == FMT_JSONL || o->fmt == FMT_HTML) && o->to.fleet == NULL)
		return hp_cli_usage(ctx, &hp_cmd_check, "--format jsonl and "
		    "html report on a --fleet");
	if (o->shard != NULL && parse_shard(o) == -1)
		return hp_cli_usage(ctx, &hp_cmd_check, "--shard wants K/N "
		    "with 1 <= K <= N, not \"%s\"", o->shard);
	if (o->shard != NULL && o->to.fleet == NULL)
		return hp_cli_usage(ctx, &hp_cmd_check, "--shard splits a "
		    "--fleet");
	if (o->fmt == FMT_HTML && o->outfile == NULL)
		return hp_cli_usage(ctx, &hp_cmd_check, "--format html needs "
		    "-o FILE");
	if (o->to.fleet != NULL && o->vo.dir != NULL)
		return hp_cli_usage(ctx, &hp_cmd_check, "--templates names "
		    "the settings of targets, not of a --fleet");
	return 0;
}

/* The report of one machine's targets. */
static int
report(const struct hp_report *rep, const struct check_opts *o,
    struct hp_ctx *ctx)
{
	struct hp_buf out = HP_BUF_INIT;
	int r = 0;

	if (o->fmt == FMT_TEXT)
		r = hp_report_text(rep, &out);
	else if (o->fmt == FMT_JSON)
		r = hp_report_json(rep, &out, &ctx->error);
	else if (o->fmt == FMT_JUNIT)
		r = hp_report_junit(rep, &out, &ctx->error);
	if (r == 0)
		r = hp_cli_write_output(o->outfile, &out, ctx);
	hp_buf_release(&out);
	return r;
}

/* -p's policy, or --baseline's GPO: its registry settings, the rest bl. */
static int
open_check(int argc, char **argv, const struct check_opts *o,
    struct hp_baseline *bl, struct hp_policy **pol, struct hp_targets *t,
    struct hp_ctx *ctx)
{
	if (o->baseline == NULL)
		return hp_cli_open_policy(&hp_cmd_check, argc, argv, &o->to,
		    pol, t, ctx);
	if (hp_baseline_read(o->baseline, bl, &ctx->warnings,
	    &ctx->error) == -1)
		return -1;
	*pol = hp_baseline_policy(bl);
	return hp_cli_open_targets(&hp_cmd_check, argc, argv, &o->to, t, ctx);
}

static int
check_targets(int argc, char **argv, const struct check_opts *o,
    struct hp_ctx *ctx)
{
	struct hp_targets t = HP_TARGETS_INIT;
	struct hp_check_result res = HP_CHECK_RESULT_INIT;
	struct hp_policy *pol = NULL;
	struct hp_vocab *vocab = NULL;
	struct hp_baseline bl;
	struct hp_report rep = { 0 };
	int r = -1;

	/* Without --baseline bl only keeps what the check opens. */
	memset(&bl, 0, sizeof(bl));
	if (hp_cli_vocab_open(&o->vo, &hp_cmd_check, &vocab, ctx) == 0 &&
	    open_check(argc, argv, o, &bl, &pol, &t, ctx) == 0 &&
	    hp_baseline_check(&bl, pol, &t, &res, &ctx->warnings,
	    &ctx->error) == 0) {
		rep.policy = pol;
		rep.views = t.views;
		rep.nviews = t.n;
		rep.result = &res;
		rep.color = o->outfile == NULL && ctx->tty;
		rep.verbose = o->verbose;
		rep.allow_uncovered = o->to.allow_uncovered;
		rep.profiles_checked = o->to.image ? &t.profiles_checked : NULL;
		rep.profiles_skipped = &t.profiles_skipped;
		rep.vocab = vocab;
		if (o->quiet || report(&rep, o, ctx) == 0)
			r = hp_cli_check_status(&res, o->to.allow_uncovered);
	}
	hp_check_result_free(&res);
	hp_targets_free(&t);
	hp_policy_free(pol);
	hp_baseline_free(&bl);
	hp_vocab_free(vocab);
	return r;
}

static int
check_fleet(const struct check_opts *o, struct hp_ctx *ctx)
{
	struct hp_targets t = HP_TARGETS_INIT;
	struct hp_policy *pol = NULL;
	struct hp_baseline bl;
	int r = -1;

	memset(&bl, 0, sizeof(bl));
	if (open_check(0, NULL, o, &bl, &pol, &t, ctx) == 0)
		r = run_fleet(pol, o, ctx);
	hp_targets_free(&t);
	hp_policy_free(pol);
	hp_baseline_free(&bl);
	return r;
}

static int
run_check(int argc, char **argv, struct hp_ctx *ctx)
{
	struct check_opts o = { .fmt = FMT_TEXT, .jobs = 1 };
	struct hp_option options[] = {
		HP_OPT_TARGETS(&o.to),
		HP_OPT_STRING(0, "baseline", &o.baseline, "<gpo>", "check "
		    "every setting of a GPO folder or GPMC backup instead of "
		    "-p"),
		HP_OPT_MOUNT(&o.to.mount),
		HP_OPT_CLASS(&o.to.pol_root),
		HP_OPT_NO_RECOVER(),
		HP_OPT_STRING(0, "fleet", &o.to.fleet, "<dir|list>", "check "
		    "every machine of a fleet instead of targets"),
		HP_OPT_INT('j', "jobs", &o.jobs, "<n>", 1, 256,
		    "with --fleet: machines checked at once (1 to 256)"),
		HP_OPT_STRING(0, "shard", &o.shard, "<k/n>", "with --fleet: "
		    "only shard k of n (by machine name), for report merge"),
		HP_OPT_STRING(0, "format", &o.format,
		    "text|json|junit|jsonl|html", "the report's format "
		    "(jsonl and html: --fleet only)"),
		HP_OPT_OUTPUT(&o.outfile, "write the report to this file"),
		HP_OPT_BOOL('q', "quiet", &o.quiet, "no report, only the exit "
		    "status"),
		HP_OPT_BOOL('v', "verbose", &o.verbose, "list passing checks "
		    "too"),
		HP_OPT_TEMPLATES(&o.vo),
		HP_OPT_END()
	};

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_check, 0,
	    ctx)) < 0)
		return hp_parse_exit(argc);
	if (check_args(argc, &o, ctx) == -1)
		return -1;
	if (o.to.fleet != NULL)
		return check_fleet(&o, ctx);
	return check_targets(argc, argv, &o, ctx);
}
