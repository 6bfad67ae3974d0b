/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "cli/cli.h"
#include "cli/vocab_opts.h"
#include "policy/baseline.h"
#include "policy/policy.h"
#include "templates/vocab.h"

static int run_policy(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_policy = {
	"policy", "policy lint <file> | policy import [--templates <dir> "
	"[--lang <lang>]] <gpo> [-o <file>]",
	"check that a policy file parses and can be satisfied, or write a "
	"GPO's settings as one", run_policy
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
		printf("%s: %zu settings, %zu rules, %zu security settings, "
		    "no conflicts\n", path, pol->nsettings, pol->nrules,
		    pol->nsecreqs);
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

/* import: a GPO folder or GPMC backup as a policy file. */
static int
import(const char *gpo, const char *outfile,
    const struct hp_cli_vocab_opts *vo, struct hp_ctx *ctx)
{
	struct hp_baseline bl;
	struct hp_buf out = HP_BUF_INIT;
	struct hp_vocab *vocab = NULL;
	int r;

	memset(&bl, 0, sizeof(bl));
	r = hp_cli_vocab_open(vo, &hp_cmd_policy, &vocab, ctx);
	if (r == 0)
		r = hp_baseline_read(gpo, &bl, &ctx->warnings, &ctx->error);
	if (r == 0) {
		hp_baseline_write_policy(&bl, vocab, &out);
		r = hp_cli_write_output(outfile, &out, ctx);
	}
	hp_buf_release(&out);
	hp_baseline_free(&bl);
	hp_vocab_free(vocab);
	return r == 0 ? HP_EXIT_OK : -1;
}

static int
run_policy(int argc, char **argv, struct hp_ctx *ctx)
{
	const char *outfile = NULL;
	struct hp_cli_vocab_opts vo = { NULL, NULL };
	struct hp_option options[] = {
		HP_OPT_OUTPUT(&outfile, "import: write the policy file here "
		    "(default: standard output)"),
		HP_OPT_TEMPLATES(&vo),
		HP_OPT_OPERANDS(1, -1, "expected a subcommand"),
		HP_OPT_END()
	};

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_policy, 0,
	    ctx)) < 0)
		return hp_parse_exit(argc);
	if (strcmp(argv[0], "import") == 0)
		return argc != 2 ? hp_cli_usage(ctx, &hp_cmd_policy, "import "
		    "takes one GPO folder or GPMC backup") :
		    import(argv[1], outfile, &vo, ctx);
	if (outfile != NULL || vo.dir != NULL || vo.lang != NULL)
		return hp_cli_usage(ctx, &hp_cmd_policy, "-o, --templates and "
		    "--lang are for import");
	if (strcmp(argv[0], "lint") != 0)
		return hp_cli_usage(ctx, &hp_cmd_policy, "unknown subcommand "
		    "\"%s\"", argv[0]);
	if (argc != 2)
		return hp_cli_usage(ctx, &hp_cmd_policy, "lint takes one "
		    "policy file");
	return lint(argv[1], ctx);
}
