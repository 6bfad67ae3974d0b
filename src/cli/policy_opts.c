/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The policy and targets of check and apply (cli.h). */
#include <string.h>

#include "core/buf.h"
#include "cli/cli.h"
#include "policy/check.h"
#include "policy/policy.h"
#include "policy/targets.h"

/* A policy nothing can satisfy would only produce noise. */
int
hp_cli_load_policy(const char *path, struct hp_policy **pol,
    struct hp_ctx *ctx)
{
	struct hp_buf lint = HP_BUF_INIT;
	long nprob;

	if (hp_policy_load(path, pol, &ctx->error) == -1)
		return -1;
	if ((nprob = hp_policy_lint(*pol, &lint)) == 0)
		return 0;
	hp_error_set(&ctx->error, HP_E_INPUT, "%.*s (%ld problem%s; see "
	    "hivepol policy lint %s)", (int)strcspn(lint.buf, "\n"), lint.buf,
	    nprob, nprob == 1 ? "" : "s", path);
	hp_buf_release(&lint);
	return -1;
}

static int
add_targets(int n, char **paths, const struct hp_cli_target_opts *o,
    const struct hp_policy *pol, struct hp_targets *t, struct hp_ctx *ctx)
{
	struct hp_source_opts so;
	size_t i;

	memset(&so, 0, sizeof(so));
	so.mount = o->mount;
	so.force = o->force;
	so.write = o->write;
	so.pol_root = o->pol_root;
	/* An image in a container stages only the hives pol reaches. */
	t->need = pol != NULL ? hp_targets_need(pol) : 0;
	if (o->image != NULL && hp_targets_add_image(t, o->image,
	    o->all_users, &so, &ctx->warnings, &ctx->error) == -1)
		return -1;
	for (i = 0; i < (size_t)n; i++)
		if (hp_targets_add(t, paths[i], &so, &ctx->warnings,
		    &ctx->error) == -1)
			return -1;
	for (i = 0; i < t->n; i++)
		if (!t->views[i].whole && !t->views[i].mounted)
			hp_warn(&ctx->warnings, "%s: the hive's mount is "
			    "unknown, so no policy key reaches it; give "
			    "--mount", t->views[i].source);
	return 0;
}

/* What targets need: one at least, --all-users only with images. */
static int
targets_usage(const struct hp_cmd *cmd, int n,
    const struct hp_cli_target_opts *o, struct hp_ctx *ctx)
{
	if (n == 0 && o->image == NULL && o->fleet == NULL)
		return hp_cli_usage(ctx, cmd, "must specify a target or "
		    "--image");
	if (o->all_users && o->image == NULL && o->fleet == NULL)
		return hp_cli_usage(ctx, cmd, "--all-users needs --image or "
		    "--fleet");
	return 0;
}

int
hp_cli_open_policy(const struct hp_cmd *cmd, int n, char **paths,
    const struct hp_cli_target_opts *o, struct hp_policy **pol,
    struct hp_targets *t, struct hp_ctx *ctx)
{
	if (o->policy == NULL)
		return hp_cli_usage(ctx, cmd, "must specify a policy with -p");
	if (targets_usage(cmd, n, o, ctx) == -1)
		return -1;
	if (hp_cli_load_policy(o->policy, pol, ctx) == -1)
		return -1;
	return add_targets(n, paths, o, *pol, t, ctx);
}

int
hp_cli_open_targets(const struct hp_cmd *cmd, int n, char **paths,
    const struct hp_cli_target_opts *o, struct hp_targets *t,
    struct hp_ctx *ctx)
{
	if (targets_usage(cmd, n, o, ctx) == -1)
		return -1;
	return add_targets(n, paths, o, NULL, t, ctx);
}

int
hp_cli_check_status(const struct hp_check_result *res, int allow_uncovered)
{
	switch (hp_check_verdict(res, allow_uncovered)) {
	case HP_VERDICT_FAILED:
		return HP_EXIT_FINDINGS;
	case HP_VERDICT_UNCOVERED:
		return HP_EXIT_UNCOVERED;
	case HP_VERDICT_COMPLIANT:
	case HP_VERDICT_PARTIAL:
		break;
	}
	return HP_EXIT_OK;
}
