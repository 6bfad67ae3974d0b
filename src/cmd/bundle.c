#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "policy/bundle.h"
#include "cli/cli.h"
#include "policy/policy.h"

static int run_bundle(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_bundle = {
	"bundle", "bundle -p <policy> -o <dir> [--name <name>]",
	"write a policy as .reg files, Registry.pol, ADMX/ADML and ADM "
	"templates", run_bundle
};

/* NAME: the policy file's base name without ".conf". */
static char *
bundle_name(const char *path)
{
	char *copy, *name, *dot;

	if ((copy = strdup(path)) == NULL)
		return NULL;
	name = strdup(basename(copy));
	free(copy);
	if (name != NULL && (dot = strrchr(name, '.')) != NULL &&
	    dot != name && strcmp(dot, ".conf") == 0)
		*dot = '\0';
	return name;
}

static int
run_bundle(int argc, char **argv, struct hp_ctx *ctx)
{
	static const struct option longopts[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "output", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const char *policy = NULL, *dir = NULL, *name = NULL;
	struct hp_buf made = HP_BUF_INIT;
	struct hp_policy *pol = NULL;
	char *own = NULL;
	int opt, r = -1;

	while ((opt = getopt_long(argc, argv, "p:o:", longopts, NULL)) != -1)
		switch (opt) {
		case 'p':
			policy = optarg;
			break;
		case 'o':
			dir = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		default:
			return hp_cli_bad_option(ctx, &hp_cmd_bundle, opt,
			    argc, argv);
		}
	if (policy == NULL || dir == NULL)
		return hp_cli_usage(ctx, &hp_cmd_bundle, "-p and -o are "
		    "required");
	if (optind < argc)
		return hp_cli_usage(ctx, &hp_cmd_bundle, "unexpected operand "
		    "%s", argv[optind]);
	if (name == NULL && (name = own = bundle_name(policy)) == NULL)
		return hp_error_errno(&ctx->error, HP_E_IO, "out of memory");
	/* The name becomes file names: no folders, nothing hidden. */
	if (*name == '\0' || *name == '.' || strchr(name, '/') != NULL ||
	    strchr(name, '\\') != NULL) {
		hp_cli_usage(ctx, &hp_cmd_bundle, "bad bundle name \"%s\" (use "
		    "--name)", name);
		goto out;
	}
	if (hp_policy_load(policy, &pol, &ctx->error) == -1)
		goto out;
	if (hp_bundle_write(pol, name, dir, &made, &ctx->warnings,
	    &ctx->error) == -1)
		goto out;
	printf("bundle %s written to %s:\n", name, dir);
	{
		char *line, *save = NULL;

		for (line = strtok_r(made.buf, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save))
			printf("  %s\n", line);
	}
	r = HP_EXIT_OK;
out:
	hp_buf_release(&made);
	hp_policy_free(pol);
	free(own);
	return r;
}
