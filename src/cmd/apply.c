#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include "core/buf.h"
#include "policy/bundle.h"
#include "policy/check.h"
#include "cli/cli.h"
#include "formats/gpo.h"
#include "formats/hive.h"
#include "policy/policy.h"
#include "formats/regfile.h"
#include "core/tree.h"
#include "policy/targets.h"
#include "core/txn.h"

static int run_apply(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_apply = {
	"apply", "apply [--dry-run [--format text|reg]] [--backup] [--force] "
	"[--verify basic|full] [--mount <prefix>] -p <policy> "
	"(--image <dir> [--all-users] | <hive>... | --to-gpo <dir>)",
	"write a policy's settings into offline hives, all or nothing",
	run_apply
};

/* One change as a diff line: "+" new, "~" changed, "-" deleted. */
static void
describe(const struct hp_view *v, const struct hp_op *op, struct hp_buf *b)
{
	struct hp_value cur = HP_VALUE_INIT;
	char tmp[16];
	int found;

	found = hp_view_get(v, &op->key, op->name, &cur, NULL) == 0;
	hp_buf_adds(b, op->kind == HP_OP_DELETE_VALUE ? "  - " : found ?
	    "  ~ " : "  + ");
	hp_path_format_short(&op->key, b);
	hp_buf_addf(b, "\\%s", *op->name ? op->name : "@");
	if (found) {
		hp_buf_addf(b, "  %s ", hp_value_type_name(cur.type, tmp));
		hp_value_format(&cur, b);
	}
	if (op->kind == HP_OP_SET_VALUE) {
		hp_buf_addf(b, "%s%s ", found ? " -> " : "  ",
		    hp_value_type_name(op->value.type, tmp));
		hp_value_format(&op->value, b);
	}
	hp_buf_addc(b, '\n');
	hp_value_free(&cur);
}

/* The whole plan as one 5.00 .reg file on stdout. */
static int
print_reg(const struct hp_patch *patches, size_t n, struct hp_ctx *ctx)
{
	struct hp_reg_write_opts ro = { HP_REG5, NULL, NULL, NULL };
	struct hp_patch all = HP_PATCH_INIT;
	struct hp_buf out = HP_BUF_INIT;
	size_t i, j;
	int r = -1;

	for (i = 0; i < n; i++)
		for (j = 0; j < patches[i].n; j++) {
			const struct hp_op *op = &patches[i].ops[j];

			if (hp_patch_add(&all, op->kind, &op->key, op->name,
			    &op->value, op->line) == NULL) {
				hp_error_errno(&ctx->error, HP_E_IO,
				    "out of memory");
				goto out;
			}
		}
	if (hp_reg_write_patch(&all, &ro, &out, &ctx->error) == -1 ||
	    hp_txn_save("-", out.buf, out.len, &ctx->warnings,
	    &ctx->error) == -1)
		goto out;
	r = 0;
out:
	hp_patch_free(&all);
	hp_buf_release(&out);
	return r;
}

/*
 * Writes every changed hive or none: one transaction (txn.h) stages,
 * verifies and renames them all, putting back what it replaced if a
 * later step fails.
 */
static int
commit_all(struct hp_hive **hv, size_t n, const struct hp_commit_opts *co,
    struct hp_ctx *ctx)
{
	struct hp_txn *t;
	size_t i;
	int r, *staged;

	if ((staged = calloc(n + 1, sizeof(*staged))) == NULL)
		return hp_error_errno(&ctx->error, HP_E_IO, "out of memory");
	r = hp_txn_begin(&t, &ctx->error);
	for (i = 0; i < n && r == 0; i++)
		r = hp_hive_stage(hv[i], t, co, &staged[i], &ctx->error);
	if (r == 0)
		r = hp_txn_commit(t, &ctx->warnings, &ctx->error);
	/* A commit that failed put back what it had replaced (or warned). */
	if (r == -1)
		hp_error_prefix(&ctx->error, "nothing was changed");
	hp_txn_free(t);
	for (i = 0; i < n && r == 0; i++)
		if (staged[i])
			hp_hive_written(hv[i]);
	free(staged);
	return r;
}

/*
 * --to-gpo: the policy into the Registry.pol files of a GPO folder (made
 * if missing).  The plan is taken against what the GPO already carries;
 * a side with changes gets its other entries kept and the policy's
 * desired state added.
 */
static int
apply_gpo(const char *policy, const char *dir, int dry_run, int reg,
    struct hp_ctx *ctx)
{
	struct hp_patch cur = HP_PATCH_INIT, want = HP_PATCH_INIT;
	struct hp_patch all = HP_PATCH_INIT, plan = HP_PATCH_INIT;
	struct hp_patch out = HP_PATCH_INIT;
	struct hp_policy *pol = NULL;
	struct hp_buf b = HP_BUF_INIT;
	struct hp_gpo g;
	struct hp_tree t;
	struct hp_view v;
	struct stat st;
	const char *target = dir;
	size_t i;
	int r = -1, sides;

	memset(&g, 0, sizeof(g));
	if (hp_tree_init(&t, NULL) == -1)
		return hp_error_errno(&ctx->error, HP_E_IO, "out of memory");
	if (hp_policy_load(policy, &pol, &ctx->error) == -1)
		goto out;
	/* An existing GPO (or an image's local one) is read first. */
	if (stat(dir, &st) == 0 && hp_gpo_locate(dir, &g, &ctx->error) == 0) {
		target = g.dir;
		if (hp_gpo_read_patch(dir, &cur, &ctx->warnings,
		    &ctx->error) == -1 || hp_tree_apply(&t, &cur, NULL,
		    &ctx->warnings, &ctx->error) == -1)
			goto out;
	}
	hp_error_clear(&ctx->error);
	hp_tree_view(&t, &v, target);
	if (hp_check_plan(pol, &v, &plan, &ctx->warnings, &ctx->error) == -1 ||
	    hp_bundle_patch(pol, &all, NULL, &ctx->error) == -1 ||
	    hp_bundle_gpo_patch(&all, &want, &ctx->warnings,
	    &ctx->error) == -1)
		goto out;
	/* What a GPO cannot carry is not planned either. */
	for (i = sides = 0; i < plan.n; i++)
		sides |= plan.ops[i].key.root == HP_ROOT_HKLM ? 1 :
		    plan.ops[i].key.root == HP_ROOT_HKCU ? 2 : 0;
	if (reg) {
		r = print_reg(&plan, 1, ctx) == -1 ? -1 : sides ?
		    HP_EXIT_FINDINGS : HP_EXIT_OK;
		goto out;
	}
	if (sides == 0) {
		printf("nothing to do: %s already carries %s\n", target,
		    policy);
		r = HP_EXIT_OK;
		goto out;
	}
	printf("%s:\n", target);
	for (i = 0; i < plan.n; i++)
		if (plan.ops[i].key.root == HP_ROOT_HKLM ||
		    plan.ops[i].key.root == HP_ROOT_HKCU)
			describe(&v, &plan.ops[i], &b);
	fwrite(b.buf, 1, b.len, stdout);
	if (dry_run) {
		printf("%s would be rewritten (dry run)\n", sides == 3 ?
		    "Machine/ and User/Registry.pol" : sides == 1 ?
		    "Machine/Registry.pol" : "User/Registry.pol");
		r = HP_EXIT_FINDINGS;
		goto out;
	}
	if (((sides & 1) && hp_bundle_gpo_merge(&cur, &want, HP_ROOT_HKLM,
	    &out, &ctx->error) == -1) || ((sides & 2) &&
	    hp_bundle_gpo_merge(&cur, &want, HP_ROOT_HKCU, &out,
	    &ctx->error) == -1) ||
	    hp_gpo_write(target, &out, NULL, &ctx->warnings, &ctx->error) == -1)
		goto out;
	printf("%s written, gpt.ini updated\n", sides == 3 ?
	    "Machine/ and User/Registry.pol" : sides == 1 ?
	    "Machine/Registry.pol" : "User/Registry.pol");
	r = HP_EXIT_OK;
out:
	hp_patch_free(&cur);
	hp_patch_free(&want);
	hp_patch_free(&all);
	hp_patch_free(&plan);
	hp_patch_free(&out);
	hp_buf_release(&b);
	hp_gpo_free(&g);
	hp_tree_free(&t);
	hp_policy_free(pol);
	return r;
}

static int
run_apply(int argc, char **argv, struct hp_ctx *ctx)
{
	static const struct option longopts[] = {
		HP_CLI_HIVE_LONGOPTS,
		HP_CLI_TARGET_LONGOPTS,
		{ "format", required_argument, NULL, 'f' },
		{ "to-gpo", required_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 }
	};
	struct hp_cli_hive_opts ho = { 0 };
	struct hp_cli_target_opts to;
	struct hp_targets t = HP_TARGETS_INIT;
	struct hp_check_result res = HP_CHECK_RESULT_INIT;
	struct hp_patch *patches = NULL;
	struct hp_hive **changed = NULL;
	struct hp_buf out = HP_BUF_INIT;
	struct hp_policy *pol = NULL;
	struct hp_commit_opts co;
	size_t i, j, nchanged = 0, nops = 0;
	long k;
	const char *gpo = NULL;
	int opt, reg = 0, r = -1;

	memset(&to, 0, sizeof(to));
	while ((opt = getopt_long(argc, argv, "p:", longopts, NULL)) != -1) {
		if (hp_cli_hive_opt(&ho, opt, optarg) == 1 ||
		    hp_cli_target_opt(&to, opt, optarg) == 1)
			continue;
		switch (opt) {
		case 'f':
			if (strcmp(optarg, "reg") == 0)
				reg = 1;
			else if (strcmp(optarg, "text") != 0)
				return hp_cli_usage(ctx, &hp_cmd_apply,
				    "unknown --format %s (text or reg)",
				    optarg);
			break;
		case 'g':
			gpo = optarg;
			break;
		default:
			return hp_cli_bad_option(ctx, &hp_cmd_apply, opt,
			    argc, argv);
		}
	}
	if (reg && !ho.dry_run)
		return hp_cli_usage(ctx, &hp_cmd_apply, "--format reg prints "
		    "the plan, so it needs --dry-run");
	if (gpo != NULL) {
		if (to.policy == NULL || to.image != NULL || optind < argc)
			return hp_cli_usage(ctx, &hp_cmd_apply, "--to-gpo "
			    "takes -p and no other target");
		return apply_gpo(to.policy, gpo, ho.dry_run, reg, ctx);
	}
	to.mount = ho.mount;
	to.force = ho.force;
	to.write = !ho.dry_run;
	if (hp_cli_open_policy(&hp_cmd_apply, argc - optind, argv + optind,
	    &to, &pol, &t, ctx) == -1)
		goto out;
	/* Operands follow the image's targets; they must all be hives. */
	for (i = t.n - (size_t)(argc - optind); i < t.n; i++)
		if (t.src[i]->hive == NULL) {
			hp_error_set(&ctx->error, HP_E_INPUT, "%s: apply "
			    "writes hives, and this is a %s file", t.src[i]->path,
			    hp_format_name(t.src[i]->format));
			goto out;
		}
	if ((patches = calloc(t.n, sizeof(*patches))) == NULL ||
	    (changed = calloc(t.n, sizeof(*changed))) == NULL) {
		hp_error_errno(&ctx->error, HP_E_IO, "out of memory");
		goto out;
	}
	/* Say which settings no target serves, so "nothing to do" is honest. */
	if (hp_check_run(pol, t.views, t.n, &res, &ctx->error) == -1)
		goto out;
	for (i = 0, k = 0; i < res.n; i++)
		if (res.v[i].status == HP_ST_NOT_COVERED)
			hp_buf_addf(&out, "%s%s", k++ ? ", " : "",
			    res.v[i].check);
	if (k > 0)
		hp_warn(&ctx->warnings, "%ld setting%s no target here and "
		    "%s not applied: %s", k, k == 1 ? " has" : "s have",
		    k == 1 ? "was" : "were", out.buf);
	hp_buf_reset(&out);
	hp_check_result_free(&res);
	/* The whole plan first: nothing is touched until it is complete. */
	for (i = 0; i < t.n; i++) {
		if (t.src[i]->hive == NULL)
			continue;	/* an image's GPO: read only */
		if ((k = hp_check_plan(pol, &t.views[i], &patches[i],
		    &ctx->warnings, &ctx->error)) == -1)
			goto out;
		if (k == 0)
			continue;
		nops += (size_t)k;
		if (reg)
			continue;
		hp_buf_addf(&out, "%s:\n", t.views[i].source);
		for (j = 0; j < patches[i].n; j++)
			describe(&t.views[i], &patches[i].ops[j], &out);
	}
	if (reg) {
		/* An empty plan is still a valid .reg: a header alone. */
		if (print_reg(patches, t.n, ctx) == -1)
			goto out;
		r = nops ? HP_EXIT_FINDINGS : HP_EXIT_OK;
		goto out;
	}
	if (nops == 0) {
		printf("nothing to do: the targets already match %s\n", to.policy);
		r = HP_EXIT_OK;
		goto out;
	}
	fwrite(out.buf, 1, out.len, stdout);
	if (ho.dry_run) {
		printf("%zu change%s would be made (dry run)\n", nops,
		    nops == 1 ? "" : "s");
		r = HP_EXIT_FINDINGS;
		goto out;
	}
	for (i = 0; i < t.n; i++) {
		if (patches[i].n == 0)
			continue;
		if (hp_hive_apply(t.src[i]->hive, &patches[i], NULL,
		    &ctx->warnings, &ctx->error) == -1)
			goto out;
		changed[nchanged++] = t.src[i]->hive;
	}
	if (hp_cli_commit_opts(&ho, &co, ctx) == -1 ||
	    commit_all(changed, nchanged, &co, ctx) == -1)
		goto out;
	printf("%zu change%s written to %zu hive%s\n", nops, nops == 1 ? "" :
	    "s", nchanged, nchanged == 1 ? "" : "s");
	/* What the policy could not fix by itself still needs a person. */
	if (hp_check_run(pol, t.views, t.n, &res, &ctx->error) == -1)
		goto out;
	r = HP_EXIT_OK;
	if (hp_check_failed(&res)) {
		hp_warn(&ctx->warnings, "the targets still have findings; run "
		    "hivepol check -p %s", to.policy);
		r = HP_EXIT_FINDINGS;
	}
out:
	if (patches != NULL)
		for (i = 0; i < t.n; i++)
			hp_patch_free(&patches[i]);
	free(patches);
	free(changed);
	hp_buf_release(&out);
	hp_check_result_free(&res);
	hp_targets_free(&t);
	hp_policy_free(pol);
	return r;
}
