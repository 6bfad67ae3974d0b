/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
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

	copy = hp_strdup(path);
	name = hp_strdup(basename(copy));
	free(copy);
	if ((dot = strrchr(name, '.')) != NULL && dot != name &&
	    strcmp(dot, ".conf") == 0)
		*dot = '\0';
	return name;
}

/* The name becomes file names: no folders, nothing hidden. */
static int
name_ok(const char *name)
{
	return *name != '\0' && *name != '.' && strchr(name, '/') == NULL &&
	    strchr(name, '\\') == NULL;
}

/* "bundle NAME written to DIR:" and the files made, one a line. */
static void
print_made(const char *name, const char *dir, char *made)
{
	char *line, *save = NULL;

	printf("bundle %s written to %s:\n", name, dir);
	for (line = strtok_r(made, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		printf("  %s\n", line);
}

static int
run_bundle(int argc, char **argv, struct hp_ctx *ctx)
{
	const char *policy = NULL, *dir = NULL, *name = NULL;
	struct hp_option options[] = {
		HP_OPT_STRING('p', "policy", &policy, "<policy>",
		    "the policy file"),
		HP_OPT_OUTPUT(&dir, "the folder to write (made if missing)"),
		HP_OPT_STRING(0, "name", &name, "<name>", "the files' base "
		    "name (default: the policy's)"),
		HP_OPT_END()
	};
	struct hp_buf made = HP_BUF_INIT;
	struct hp_policy *pol = NULL;
	char *own = NULL;
	int r = -1;

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_bundle, 0,
	    ctx)) < 0)
		return hp_parse_exit(argc);
	if (policy == NULL || dir == NULL)
		return hp_cli_usage(ctx, &hp_cmd_bundle, "-p and -o are "
		    "required");
	if (argc > 0)
		return hp_cli_usage(ctx, &hp_cmd_bundle, "unexpected operand "
		    "%s", argv[0]);
	if (name == NULL)
		name = own = bundle_name(policy);
	if (!name_ok(name))
		hp_cli_usage(ctx, &hp_cmd_bundle, "bad bundle name \"%s\" (use "
		    "--name)", name);
	else if (hp_policy_load(policy, &pol, &ctx->error) == 0 &&
	    hp_bundle_write(pol, name, dir, &made, &ctx->warnings,
	    &ctx->error) == 0) {
		print_made(name, dir, made.buf);
		r = HP_EXIT_OK;
	}
	hp_buf_release(&made);
	hp_policy_free(pol);
	free(own);
	return r;
}
