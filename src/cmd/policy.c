/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "cli/cli.h"
#include "policy/policy.h"

static int run_policy(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_policy = {
	"policy", "policy lint <file>",
	"check that a policy file parses and can be satisfied", run_policy
};

static int
lint(const char *path, struct hp_ctx *ctx)
{
	struct hp_policy *pol;
	struct hp_buf out = HP_BUF_INIT;
	long n;

	if (hp_policy_load(path, &pol, &ctx->error) == -1)
		return -1;
	if ((n = hp_policy_lint(pol, &out)) == 0)
		printf("%s: %zu settings, %zu rules, no conflicts\n", path,
		    pol->nsettings, pol->nrules);
	else {
		/* Problems are input errors: the policy cannot be used. */
		fputs(out.buf, stderr);
		fprintf(stderr, "%s: %ld problem%s; no target can satisfy "
		    "this policy\n", path, n, n == 1 ? "" : "s");
	}
	hp_policy_free(pol);
	hp_buf_release(&out);
	return n == 0 ? HP_EXIT_OK : HP_EXIT_INPUT;
}

static int
run_policy(int argc, char **argv, struct hp_ctx *ctx)
{
	struct hp_option options[] = {
		HP_OPT_OPERANDS(1, -1, "expected a subcommand"),
		HP_OPT_END()
	};

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_policy, 0,
	    ctx)) < 0)
		return hp_parse_exit(argc);
	if (strcmp(argv[0], "lint") != 0)
		return hp_cli_usage(ctx, &hp_cmd_policy, "unknown subcommand "
		    "\"%s\"", argv[0]);
	if (argc != 2)
		return hp_cli_usage(ctx, &hp_cmd_policy, "lint takes one "
		    "policy file");
	return lint(argv[1], ctx);
}
