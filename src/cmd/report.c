/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hivepol report merge: the shards of a fleet (check --fleet --shard K/N
 * --format jsonl, run anywhere) made into the one report a single run
 * over the whole fleet gives (docs/scaling.md).
 */
#include <string.h>

#include "cli/cli.h"
#include "policy/fleet.h"
#include "policy/policy.h"

static int run_report(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_report = {
	"report", "report merge [-p <policy>] [--format "
	"text|json|junit|jsonl|html] [-o <file>] [--allow-uncovered] "
	"<shard.jsonl>...",
	"merge the JSON lines reports of a fleet's shards into one report",
	run_report
};

struct merge_opts {
	const char	*policy;
	const char	*format;
	const char	*outfile;
	int		 allow_uncovered;
};

/* Text and HTML name the policy and its rationales: they need it. */
static int
needs_policy(const char *format)
{
	return format == NULL || strcmp(format, "text") == 0 ||
	    strcmp(format, "html") == 0;
}

static int
merge(int n, char **shards, const struct merge_opts *o, struct hp_ctx *ctx)
{
	struct hp_policy *pol = NULL;
	struct hp_fleet f;
	struct hp_fleet_result *res = NULL;
	int r = -1;

	if (o->policy != NULL && hp_cli_load_policy(o->policy, &pol, ctx) ==
	    -1)
		return -1;
	if (hp_fleet_merge((const char *const *)shards, (size_t)n, &f, &res,
	    &ctx->error) == 0)
		r = hp_cli_fleet_output(pol, &f, res, o->format, o->outfile,
		    o->allow_uncovered, ctx);
	hp_fleet_results_free(res, f.n);
	hp_fleet_free(&f);
	hp_policy_free(pol);
	return r;
}

static int
run_report(int argc, char **argv, struct hp_ctx *ctx)
{
	struct merge_opts o = { NULL, NULL, NULL, 0 };
	struct hp_option options[] = {
		HP_OPT_STRING('p', "policy", &o.policy, "<policy>", "the "
		    "policy the shards were checked against (text and html)"),
		HP_OPT_STRING(0, "format", &o.format,
		    "text|json|junit|jsonl|html", "the merged report's format"),
		HP_OPT_OUTPUT(&o.outfile, "write the report to this file"),
		HP_OPT_BOOL(0, "allow-uncovered", &o.allow_uncovered,
		    "exit 0 when checks no target serves are all that is "
		    "wrong"),
		HP_OPT_OPERANDS(2, -1, "expected merge and the shards' "
		    "reports"),
		HP_OPT_END()
	};

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_report, 0,
	    ctx)) < 0)
		return hp_parse_exit(argc);
	if (strcmp(argv[0], "merge") != 0)
		return hp_cli_usage(ctx, &hp_cmd_report, "unknown subcommand "
		    "\"%s\"", argv[0]);
	if (!hp_cli_fleet_format_ok(o.format))
		return hp_cli_usage(ctx, &hp_cmd_report, "unknown format "
		    "\"%s\"", o.format);
	if (needs_policy(o.format) && o.policy == NULL)
		return hp_cli_usage(ctx, &hp_cmd_report, "--format %s needs -p "
		    "<policy>, the policy the shards were checked against",
		    o.format ? o.format : "text");
	if (o.format != NULL && strcmp(o.format, "html") == 0 &&
	    o.outfile == NULL)
		return hp_cli_usage(ctx, &hp_cmd_report, "--format html needs "
		    "-o FILE");
	return merge(argc - 1, argv + 1, &o, ctx);
}
