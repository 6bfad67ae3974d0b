#include <getopt.h>
#include <stdlib.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "policy/check.h"
#include "cli/cli.h"
#include "policy/fleet.h"
#include "policy/policy.h"
#include "policy/report.h"
#include "policy/targets.h"
#include "core/txn.h"

static int run_check(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_check = {
	"check", "check [-qv] [--format text|json|junit|jsonl|html] "
	"[--mount <prefix>] [-o <file>] [-j <n>] -p <policy> (--image <dir> "
	"[--all-users] | --fleet <dir|list> | <target>...)",
	"check hives, .reg, Registry.pol files or a Windows image against a "
	"policy", run_check
};

int
hp_cli_target_opt(struct hp_cli_target_opts *o, int opt, const char *arg)
{
	switch (opt) {
	case 'p':
		o->policy = arg;
		return 1;
	case 0x110:
		o->image = arg;
		return 1;
	case 0x111:
		o->all_users = 1;
		return 1;
	}
	return 0;
}

int
hp_cli_open_policy(const struct hp_cmd *cmd, int n, char **paths,
    const struct hp_cli_target_opts *o, struct hp_policy **pol,
    struct hp_targets *t, struct hp_ctx *ctx)
{
	struct hp_source_opts so;
	struct hp_buf lint = HP_BUF_INIT;
	long nprob;
	int i;

	if (o->policy == NULL)
		return hp_cli_usage(ctx, cmd, "must specify a policy with -p");
	if (n == 0 && o->image == NULL && o->fleet == NULL)
		return hp_cli_usage(ctx, cmd, "must specify a target or "
		    "--image");
	if (o->all_users && o->image == NULL)
		return hp_cli_usage(ctx, cmd, "--all-users needs --image");
	if (hp_policy_load(o->policy, pol, &ctx->error) == -1)
		return -1;
	/* A policy nothing can satisfy would only produce noise. */
	if ((nprob = hp_policy_lint(*pol, &lint)) != 0) {
		if (nprob < 0)
			hp_error_errno(&ctx->error, HP_E_IO, "out of memory");
		else
			hp_error_set(&ctx->error, HP_E_INPUT, "%.*s (%ld "
			    "problem%s; see hivepol policy lint %s)",
			    (int)strcspn(lint.buf, "\n"), lint.buf, nprob,
			    nprob == 1 ? "" : "s", o->policy);
		hp_buf_release(&lint);
		return -1;
	}
	memset(&so, 0, sizeof(so));
	so.mount = o->mount;
	so.force = o->force;
	so.write = o->write;
	if (o->image != NULL && hp_targets_add_image(t, o->image,
	    o->all_users, &so, &ctx->warnings, &ctx->error) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (hp_targets_add(t, paths[i], &so, &ctx->warnings,
		    &ctx->error) == -1)
			return -1;
	for (i = 0; i < (int)t->n; i++)
		if (!t->views[i].whole && !t->views[i].mounted)
			hp_warn(&ctx->warnings, "%s: the hive's mount is "
			    "unknown, so no policy key reaches it; give "
			    "--mount", t->views[i].source);
	return 0;
}

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

/* --fleet: every machine of a fleet, by jobs workers, one report. */
static int
run_fleet(const struct hp_policy *pol, const char *path, int jobs, int fmt,
    const char *outfile, struct hp_ctx *ctx)
{
	struct hp_fleet f;
	struct hp_fleet_result *res = NULL;
	struct hp_buf out = HP_BUF_INIT;
	int r = -1;

	if (hp_fleet_load(path, &f, &ctx->error) == -1)
		return -1;
	/* A progress bar only where a person watches. */
	if (hp_fleet_run(pol, &f, jobs, isatty(STDERR_FILENO) ?
	    show_progress : NULL, NULL, &res, &ctx->error) == -1)
		goto out;
	if (fmt == FMT_JSONL)
		hp_fleet_report_jsonl(&f, res, &out);
	else if (fmt == FMT_TEXT)
		hp_fleet_report_text(pol, &f, res, outfile == NULL && ctx->tty,
		    &out);
	else if (fmt == FMT_HTML)
		hp_fleet_report_html(pol, &f, res, &out);
	if (hp_txn_save(outfile ? outfile : "-", out.buf, out.len,
	    &ctx->warnings, &ctx->error) == -1)
		goto out;
	r = hp_fleet_failed(res, f.n) ? HP_EXIT_FINDINGS : HP_EXIT_OK;
out:
	hp_fleet_results_free(res, f.n);
	hp_buf_release(&out);
	hp_fleet_free(&f);
	return r;
}

static int
run_check(int argc, char **argv, struct hp_ctx *ctx)
{
	static const struct option longopts[] = {
		HP_CLI_TARGET_LONGOPTS,
		{ "format", required_argument, NULL, 'f' },
		{ "mount", required_argument, NULL, 'm' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "fleet", required_argument, NULL, 'F' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct hp_cli_target_opts to;
	struct hp_targets t = HP_TARGETS_INIT;
	struct hp_check_result res = HP_CHECK_RESULT_INIT;
	struct hp_report rep;
	struct hp_buf out = HP_BUF_INIT;
	struct hp_policy *pol = NULL;
	int opt, fmt = FMT_TEXT, quiet = 0, verbose = 0, r = -1, jobs = 1;
	const char *outfile = NULL;
	char *end;

	memset(&to, 0, sizeof(to));
	while ((opt = getopt_long(argc, argv, "j:o:p:qv", longopts, NULL)) !=
	    -1) {
		if (hp_cli_target_opt(&to, opt, optarg) == 1)
			continue;
		switch (opt) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				fmt = FMT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				fmt = FMT_JSON;
			else if (strcmp(optarg, "junit") == 0)
				fmt = FMT_JUNIT;
			else if (strcmp(optarg, "jsonl") == 0)
				fmt = FMT_JSONL;
			else if (strcmp(optarg, "html") == 0)
				fmt = FMT_HTML;
			else
				return hp_cli_usage(ctx, &hp_cmd_check,
				    "unknown format \"%s\"", optarg);
			break;
		case 'm':
			to.mount = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'F':
			to.fleet = optarg;
			break;
		case 'j':
			jobs = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || jobs < 1 || jobs > 256)
				return hp_cli_usage(ctx, &hp_cmd_check, "-j takes "
				    "1 to 256 workers");
			break;
		case 'o':
			outfile = optarg;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			return hp_cli_bad_option(ctx, &hp_cmd_check, opt,
			    argc, argv);
		}
	}
	if (to.fleet != NULL && (optind < argc || to.image != NULL))
		return hp_cli_usage(ctx, &hp_cmd_check, "--fleet replaces "
		    "targets and --image");
	if ((fmt == FMT_JSONL || fmt == FMT_HTML) && to.fleet == NULL)
		return hp_cli_usage(ctx, &hp_cmd_check, "--format jsonl and "
		    "html report on a --fleet");
	if (fmt == FMT_HTML && outfile == NULL)
		return hp_cli_usage(ctx, &hp_cmd_check, "--format html needs "
		    "-o FILE");
	if (to.fleet != NULL) {
		if (hp_cli_open_policy(&hp_cmd_check, 0, NULL, &to, &pol, &t,
		    ctx) == 0)
			r = run_fleet(pol, to.fleet, jobs, fmt, outfile, ctx);
		goto out;
	}
	if (hp_cli_open_policy(&hp_cmd_check, argc - optind, argv + optind,
	    &to, &pol, &t, ctx) == -1 ||
	    hp_check_run(pol, t.views, t.n, &res, &ctx->error) == -1)
		goto out;
	rep.policy = pol;
	rep.views = t.views;
	rep.nviews = t.n;
	rep.result = &res;
	rep.color = outfile == NULL && ctx->tty;
	rep.verbose = verbose;
	if (!quiet) {
		if ((fmt == FMT_TEXT && hp_report_text(&rep, &out) == -1) ||
		    (fmt == FMT_JSON && hp_report_json(&rep, &out,
		    &ctx->error) == -1) || (fmt == FMT_JUNIT &&
		    hp_report_junit(&rep, &out, &ctx->error) == -1))
			goto out;
		if (hp_txn_save(outfile ? outfile : "-", out.buf, out.len,
		    &ctx->warnings, &ctx->error) == -1)
			goto out;
	}
	r = hp_check_failed(&res) ? HP_EXIT_FINDINGS : HP_EXIT_OK;
out:
	hp_buf_release(&out);
	hp_check_result_free(&res);
	hp_targets_free(&t);
	hp_policy_free(pol);
	return r;
}
