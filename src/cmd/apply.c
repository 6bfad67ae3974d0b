/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "policy/bundle.h"
#include "policy/check.h"
#include "cli/cli.h"
#include "cli/progress.h"
#include "formats/gpo.h"
#include "formats/hive.h"
#include "policy/plan_report.h"
#include "policy/policy.h"
#include "formats/regfile.h"
#include "core/tree.h"
#include "policy/targets.h"
#include "policy/secpolicy.h"
#include "formats/json.h"

static int run_apply(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_apply = {
	"apply", "apply [--dry-run] [--format text|json|reg] [--backup] "
	"[--force] "
	"[--verify basic|full] [--mount <prefix>] [--allow-uncovered] "
	"-p <policy> (--image <dir|file.wim[:N]> [--all-users] | <hive>... | "
	"--to-gpo <dir>)",
	"write a policy's settings into offline hives, all or nothing",
	run_apply
};

/*
 * p with HKCU made HKEY_USERS\<profile>, the profile being the folder of
 * the user's NTUSER.DAT (Users/<profile>/NTUSER.DAT), into out.
 */
static void
as_profile(const struct hp_patch *p, const char *hive, struct hp_patch *out)
{
	const char *end = strrchr(hive, '/'), *start;
	struct hp_path key = HP_PATH_INIT;
	char *name;
	size_t i, k;

	if (end == NULL || end == hive)
		end = hive + strlen(hive);
	for (start = end; start > hive && start[-1] != '/'; start--)
		;
	name = hp_strndup(start, (size_t)(end - start));
	for (i = 0; i < p->n; i++) {
		const struct hp_op *op = &p->ops[i];

		key.root = HP_ROOT_HKU;
		hp_path_push(&key, name);
		for (k = 0; k < op->key.n; k++)
			hp_path_push(&key, op->key.comps[k]);
		hp_patch_add(out, op->kind, &key, op->name, &op->value,
		    op->line);
		hp_path_free(&key);
	}
	free(name);
}

/*
 * The whole plan as one 5.00 .reg file on stdout: a section per target
 * (t NULL: one), with a comment naming its file; with several user
 * profiles, each one's settings under HKEY_USERS\<profile>.
 */
static int
print_reg(const struct hp_targets *t, const struct hp_patch *patches,
    size_t n, struct hp_ctx *ctx)
{
	struct hp_reg_write_opts ro = { HP_REG5, NULL, NULL, NULL, 0 };
	struct hp_reg_section *s = hp_calloc(n + 1, sizeof(*s));
	struct hp_patch *users = hp_calloc(n + 1, sizeof(*users));
	struct hp_buf out = HP_BUF_INIT;
	size_t i, nusers = 0, ns = 0;
	int r = -1;

	for (i = 0; t != NULL && i < n; i++)
		nusers += t->views[i].mount.root == HP_ROOT_HKCU;
	for (i = 0; i < n; i++) {
		if (patches[i].n == 0 && t != NULL)
			continue;
		s[ns].comment = t != NULL ? t->views[i].source : NULL;
		s[ns].patch = &patches[i];
		if (nusers > 1 && t->views[i].mount.root == HP_ROOT_HKCU) {
			as_profile(&patches[i], t->views[i].source, &users[i]);
			s[ns].patch = &users[i];
		}
		ns++;
	}
	if (hp_reg_write_sections(s, ns, &ro, &out, &ctx->error) == 0 &&
	    hp_cli_write_output(NULL, &out, ctx) == 0)
		r = 0;
	for (i = 0; i < n; i++)
		hp_patch_free(&users[i]);
	free(users);
	free(s);
	hp_buf_release(&out);
	return r;
}

/*
 * "Machine/ and User/Registry.pol" for the sides (1 HKLM, 2 HKCU), and
 * the security template if sec.
 */
static void
gpo_files(int sides, int sec, struct hp_buf *b)
{
	hp_buf_adds(b, sides == 3 ? "Machine/ and User/Registry.pol" :
	    sides == 1 ? "Machine/Registry.pol" : sides == 2 ?
	    "User/Registry.pol" : "");
	if (sec)
		hp_buf_addf(b, "%sMachine/Microsoft/Windows NT/SecEdit/"
		    "GptTmpl.inf", sides ? " and " : "");
}

/* A plan's sides a GPO can carry: 1 machine, 2 user, 3 both. */
static int
gpo_sides(const struct hp_patch *plan)
{
	size_t i;
	int sides = 0;

	for (i = 0; i < plan->n; i++)
		sides |= plan->ops[i].key.root == HP_ROOT_HKLM ? 1 :
		    plan->ops[i].key.root == HP_ROOT_HKCU ? 2 : 0;
	return sides;
}

struct gpo_apply {
	const char	*target;	/* the GPO folder written */
	struct hp_gpo	 g;
	struct hp_tree	 t;		/* what the GPO carries now */
	struct hp_patch	 cur;		/* the same, as read */
	struct hp_patch	 want;		/* the policy, as a GPO carries it */
	struct hp_patch	 plan;
	struct hp_gpo_secset *sec;	/* the policy's template entries */
	size_t		 nsec;
	struct hp_buf	 secdesc;	/* those that change, as lines */
	long		 secch;		/* how many change */
};

/* An existing GPO (or an image's local one) is read first. */
static int
gpo_read(struct gpo_apply *ga, const char *dir, struct hp_ctx *ctx)
{
	struct stat st;

	ga->target = dir;
	if (stat(dir, &st) == 0 && hp_gpo_locate(dir, &ga->g,
	    &ctx->error) == 0) {
		ga->target = ga->g.dir;
		if (hp_gpo_read_patch(dir, &ga->cur, &ctx->warnings,
		    &ctx->error) == -1 || hp_tree_apply(&ga->t, &ga->cur, NULL,
		    &ctx->warnings, &ctx->error) == -1)
			return -1;
	}
	hp_error_clear(&ctx->error);
	return 0;
}

/* The plan against the GPO's content, and the policy's desired state. */
static int
gpo_plan(struct gpo_apply *ga, const struct hp_policy *pol,
    struct hp_view *v, struct hp_ctx *ctx)
{
	struct hp_patch all = HP_PATCH_INIT;
	int r;

	hp_tree_view(&ga->t, v, ga->target);
	r = hp_check_plan(pol, v, &ga->plan, &ctx->warnings, &ctx->error) ==
	    -1 || hp_bundle_patch(pol, &all, NULL, &ctx->error) == -1 ? -1 : 0;
	if (r == 0)
		hp_bundle_gpo_patch(&all, &ga->want, &ctx->warnings);
	hp_patch_free(&all);
	return r;
}

/* The policy's security entries against the GPO's template. */
static int
gpo_plan_sec(struct gpo_apply *ga, const struct hp_policy *pol,
    struct hp_ctx *ctx)
{
	struct hp_buf bytes = HP_BUF_INIT;

	ga->nsec = hp_secpolicy_gpo_sets(pol, &ga->sec, &ctx->warnings);
	ga->secch = hp_gpo_secedit_edit(ga->g.gpttmpl, ga->sec, ga->nsec,
	    &bytes, &ga->secdesc, &ctx->error);
	hp_buf_release(&bytes);
	return ga->secch == -1 ? -1 : 0;
}

/* A side with changes gets its other entries kept and the policy added. */
static int
gpo_write(struct gpo_apply *ga, int sides, struct hp_ctx *ctx)
{
	struct hp_patch out = HP_PATCH_INIT;
	int r;

	if (sides & 1)
		hp_bundle_gpo_merge(&ga->cur, &ga->want, HP_ROOT_HKLM, &out);
	if (sides & 2)
		hp_bundle_gpo_merge(&ga->cur, &ga->want, HP_ROOT_HKCU, &out);
	r = hp_gpo_write_sec(ga->target, &out, ga->sec, ga->nsec, NULL,
	    &ctx->warnings, &ctx->error);
	hp_patch_free(&out);
	return r;
}

/* The changes a GPO can carry, as diff lines. */
static void
gpo_describe(const struct hp_view *v, const struct hp_patch *plan,
    const struct hp_buf *secdesc, const char *target)
{
	struct hp_buf b = HP_BUF_INIT;
	size_t i;

	hp_buf_addf(&b, "%s:\n", target);
	for (i = 0; i < plan->n; i++)
		if (plan->ops[i].key.root == HP_ROOT_HKLM ||
		    plan->ops[i].key.root == HP_ROOT_HKCU)
			hp_plan_change_text(v, &plan->ops[i], &b);
	hp_buf_add(&b, secdesc->buf, secdesc->len);
	fwrite(b.buf, 1, b.len, stdout);
	hp_buf_release(&b);
}

/*
 * --to-gpo: the policy into the Registry.pol files and the security
 * template of a GPO folder (made if missing).  The plan is taken against
 * what the GPO already carries.
 */
static int
apply_gpo(const char *policy, const char *dir, int dry_run, int reg,
    struct hp_ctx *ctx)
{
	struct gpo_apply ga = { .cur = HP_PATCH_INIT, .want = HP_PATCH_INIT,
	    .plan = HP_PATCH_INIT, .secdesc = HP_BUF_INIT };
	struct hp_buf files = HP_BUF_INIT;
	struct hp_policy *pol = NULL;
	struct hp_view v;
	int r = -1, sides;

	hp_tree_init(&ga.t, NULL);
	if (hp_policy_load(policy, &pol, &ctx->error) == -1 ||
	    gpo_read(&ga, dir, ctx) == -1 || gpo_plan(&ga, pol, &v, ctx) == -1 ||
	    (!reg && gpo_plan_sec(&ga, pol, ctx) == -1))
		goto out;
	/* What a GPO cannot carry is not planned either. */
	sides = gpo_sides(&ga.plan);
	if (reg)
		r = print_reg(NULL, &ga.plan, 1, ctx) == -1 ? -1 : sides ?
		    HP_EXIT_FINDINGS : HP_EXIT_OK;
	else if (sides == 0 && ga.secch == 0) {
		printf("nothing to do: %s already carries %s\n", ga.target,
		    policy);
		r = HP_EXIT_OK;
	} else {
		gpo_describe(&v, &ga.plan, &ga.secdesc, ga.target);
		gpo_files(sides, ga.secch > 0, &files);
		if (dry_run) {
			printf("%s would be rewritten (dry run)\n", files.buf);
			r = HP_EXIT_FINDINGS;
		} else if (gpo_write(&ga, sides, ctx) == 0) {
			printf("%s written, %s updated\n", files.buf,
			    ga.g.backup ? "Backup.xml" : "gpt.ini");
			r = HP_EXIT_OK;
		}
	}
out:
	hp_buf_release(&files);
	hp_buf_release(&ga.secdesc);
	free(ga.sec);
	hp_patch_free(&ga.cur);
	hp_patch_free(&ga.want);
	hp_patch_free(&ga.plan);
	hp_gpo_free(&ga.g);
	hp_tree_free(&ga.t);
	hp_policy_free(pol);
	return r;
}

struct apply_opts {
	struct hp_cli_hive_opts	 ho;
	struct hp_cli_target_opts to;
	const char		*format;
	const char		*gpo;		/* --to-gpo DIR */
	int			 reg;		/* --format reg */
	int			 json;		/* --format json */
	struct hp_cli_progress	 pg;
	struct hp_progress	*progress;	/* keys written */
};

/* What goes with what; usage errors. */
static int
check_args(int nargs, struct apply_opts *o, struct hp_ctx *ctx)
{
	if (o->format != NULL && strcmp(o->format, "reg") == 0)
		o->reg = 1;
	else if (o->format != NULL && strcmp(o->format, "json") == 0)
		o->json = 1;
	else if (o->format != NULL && strcmp(o->format, "text") != 0)
		return hp_cli_usage(ctx, &hp_cmd_apply, "unknown --format %s "
		    "(text, json or reg)", o->format);
	if (o->json && o->gpo != NULL)
		return hp_cli_usage(ctx, &hp_cmd_apply, "--format json reports "
		    "on hives, not --to-gpo");
	if (o->reg && !o->ho.dry_run)
		return hp_cli_usage(ctx, &hp_cmd_apply, "--format reg prints "
		    "the plan, so it needs --dry-run");
	if (o->gpo != NULL && (o->to.policy == NULL || o->to.image != NULL ||
	    nargs > 0))
		return hp_cli_usage(ctx, &hp_cmd_apply, "--to-gpo takes -p and "
		    "no other target");
	return 0;
}

/*
 * The operands must all be hives: told before they are opened, so that a
 * Registry.pol is not first asked for its class.
 */
static int
require_hives(int n, char **paths, struct hp_ctx *ctx)
{
	enum hp_format f;
	int i;

	for (i = 0; i < n; i++)
		if ((f = hp_format_detect(paths[i])) != HP_FMT_HIVE &&
		    f != HP_FMT_UNKNOWN)
			return hp_error_set(&ctx->error, HP_E_INPUT, "%s: apply "
			    "writes hives, and this is a %s file", paths[i],
			    hp_format_name(f));
	return 0;
}

/*
 * Settings no hive here can hold: an error naming each and the hive it
 * needs, or with allow a warning, so "nothing to do" is honest.
 */
static int
refuse_uncovered(const struct hp_policy *pol, const struct hp_targets *t,
    int allow, struct hp_ctx *ctx)
{
	struct hp_check_result res = HP_CHECK_RESULT_INIT;
	struct hp_buf names = HP_BUF_INIT;
	struct hp_view *hives = hp_calloc(t->n + 1, sizeof(*hives));
	size_t i, n = 0, k = 0;
	int r;

	/* An image's GPO is read, never written: it places nothing. */
	for (i = 0; i < t->n; i++)
		if (t->src[i]->hive != NULL)
			hives[n++] = t->views[i];
	r = hp_check_run(pol, hives, n, &res, &ctx->error);
	for (i = 0; r == 0 && i < res.n; i++) {
		const struct hp_finding *f = &res.v[i];

		if (f->status != HP_ST_NOT_COVERED || f->is_rule)
			continue;
		hp_buf_addf(&names, "%s%s (%s: needs ", k++ ? "; " : "",
		    f->check, f->path);
		hp_check_needs(&pol->settings[f->index].key, 0, &names);
		hp_buf_addc(&names, ')');
	}
	if (k > 0 && allow)
		hp_warn(&ctx->warnings, "%zu setting%s no target here and "
		    "%s not applied: %s", k, k == 1 ? " has" : "s have",
		    k == 1 ? "was" : "were", names.buf);
	else if (k > 0)
		r = hp_error_set(&ctx->error, HP_E_UNCOVERED, "%zu setting%s "
		    "no target here, so nothing was applied: %s; give the "
		    "hives they need, or --allow-uncovered to apply the rest",
		    k, k == 1 ? " has" : "s have", names.buf);
	hp_buf_release(&names);
	hp_check_result_free(&res);
	free(hives);
	return r;
}

/* The plan described before anything is written: lines, or JSON. */
struct plan_out {
	struct hp_buf		 text;
	struct json_object	*targets;	/* --format json */
};

static void
describe_target(const struct hp_view *v, const struct hp_patch *p,
    struct plan_out *out)
{
	struct json_object *o;

	if (out->targets == NULL) {
		hp_buf_addf(&out->text, "%s:\n", v->source);
		hp_plan_text(v, p, &out->text);
		return;
	}
	o = json_object_new_object();
	json_object_object_add(o, "target", json_object_new_string(v->source));
	json_object_object_add(o, "changes", hp_plan_json(v, p));
	json_object_array_add(out->targets, o);
}

/*
 * The whole plan first: nothing is touched until it is complete.  The
 * changes are described into out; returns how many there are, or -1.
 */
static long
plan_all(const struct hp_policy *pol, const struct hp_targets *t,
    struct hp_patch *patches, struct plan_out *out, struct hp_ctx *ctx)
{
	size_t i;
	long k, nops = 0;

	for (i = 0; i < t->n; i++) {
		if (t->src[i]->hive == NULL)
			continue;	/* an image's GPO: read only */
		if ((k = hp_check_plan(pol, &t->views[i], &patches[i],
		    &ctx->warnings, &ctx->error)) == -1)
			return -1;
		if (k == 0)
			continue;
		nops += k;
		describe_target(&t->views[i], &patches[i], out);
	}
	return nops;
}

/*
 * --format json: {"schema", "policy", "dry_run", "changed", "changes",
 * "hives_written", "targets": [{"target", "changes": [...]}]}.
 */
static int
print_json(const struct apply_opts *o, long nops, size_t written,
    struct plan_out *out, struct hp_ctx *ctx)
{
	struct json_object *j = json_object_new_object();
	int r;

	json_object_object_add(j, "schema",
	    json_object_new_string("hivepol-apply/1"));
	json_object_object_add(j, "policy",
	    json_object_new_string(o->to.policy));
	json_object_object_add(j, "dry_run",
	    json_object_new_boolean(o->ho.dry_run));
	json_object_object_add(j, "changed", json_object_new_boolean(nops > 0));
	json_object_object_add(j, "changes", json_object_new_int64(nops));
	json_object_object_add(j, "hives_written",
	    json_object_new_int64((int64_t)written));
	json_object_object_add(j, "targets", out->targets);
	out->targets = NULL;
	hp_buf_reset(&out->text);
	r = hp_json_append(&out->text, j, JSON_C_TO_STRING_PRETTY,
	    &ctx->error);
	json_object_put(j);
	if (r == 0)
		r = hp_cli_write_output(NULL, &out->text, ctx);
	return r;
}

/* Every changed hive or none; *written is how many were. */
static int
write_all(const struct hp_targets *t, const struct hp_patch *patches,
    const struct hp_cli_hive_opts *ho, struct hp_progress *pr,
    size_t *written, struct hp_ctx *ctx)
{
	struct hp_hive **changed;
	size_t i, n = 0;
	int r = -1;

	changed = hp_calloc(t->n, sizeof(*changed));
	for (i = 0; i < t->n; i++) {
		if (patches[i].n == 0)
			continue;
		if (hp_hive_apply(t->src[i]->hive, &patches[i], NULL,
		    &ctx->warnings, &ctx->error) == -1)
			goto out;
		changed[n++] = t->src[i]->hive;
	}
	if (hp_cli_commit_hives(changed, n, ho, pr, ctx) == -1)
		goto out;
	*written = n;
	r = 0;
out:
	free(changed);
	return r;
}

/* What the policy could not fix by itself still needs a person. */
static int
recheck(const struct hp_policy *pol, const struct hp_targets *t,
    const char *policy, struct hp_ctx *ctx)
{
	struct hp_check_result res = HP_CHECK_RESULT_INIT;
	int r = HP_EXIT_OK;

	if (hp_check_run(pol, t->views, t->n, &res, &ctx->error) == -1)
		r = -1;
	else if (hp_check_failed(&res)) {
		hp_warn(&ctx->warnings, "the targets still have findings; run "
		    "hivepol check -p %s", policy);
		r = HP_EXIT_FINDINGS;
	}
	hp_check_result_free(&res);
	return r;
}

/*
 * Writes the plan (unless a dry run) and says what was done.  An image
 * container takes the written hives in one update after the recheck has
 * read them.
 */
static int
carry_out(const struct hp_policy *pol, struct hp_targets *t,
    const struct hp_patch *patches, long nops, const struct apply_opts *o,
    struct plan_out *out, struct hp_ctx *ctx)
{
	size_t written = 0;
	int r = o->ho.dry_run ? HP_EXIT_FINDINGS : HP_EXIT_OK;

	if (!o->ho.dry_run && nops > 0 && (write_all(t, patches, &o->ho,
	    o->progress, &written, ctx) == -1 || (r = recheck(pol, t,
	    o->to.policy, ctx)) == -1 || hp_targets_commit(t,
	    &ctx->error) == -1))
		return -1;
	if (nops == 0)
		r = HP_EXIT_OK;
	if (o->json)
		return print_json(o, nops, written, out, ctx) == 0 ? r : -1;
	if (nops == 0)
		printf("nothing to do: the targets already match %s\n",
		    o->to.policy);
	else if (o->ho.dry_run)
		printf("%s%ld change%s would be made (dry run)\n", out->text.buf,
		    nops, nops == 1 ? "" : "s");
	else
		printf("%s%ld change%s written to %zu hive%s\n", out->text.buf,
		    nops, nops == 1 ? "" : "s", written, written == 1 ? "" :
		    "s");
	return r;
}

/* The plan made, then printed (--format reg) or carried out. */
static int
apply_plan(const struct hp_policy *pol, struct hp_targets *t,
    struct hp_patch *patches, const struct apply_opts *o,
    struct hp_ctx *ctx)
{
	struct plan_out out = { HP_BUF_INIT, NULL };
	long nops;
	int r = -1;

	if (o->json)
		out.targets = json_object_new_array();
	if ((nops = plan_all(pol, t, patches, &out, ctx)) == -1)
		r = -1;
	else if (o->reg) {
		/* An empty plan is still a valid .reg: a header alone. */
		if (print_reg(t, patches, t->n, ctx) == 0)
			r = nops ? HP_EXIT_FINDINGS : HP_EXIT_OK;
	} else
		r = carry_out(pol, t, patches, nops, o, &out, ctx);
	if (out.targets != NULL)
		json_object_put(out.targets);
	hp_buf_release(&out.text);
	return r;
}

static int
apply_targets(int argc, char **argv, struct apply_opts *o,
    struct hp_ctx *ctx)
{
	struct hp_targets t = HP_TARGETS_INIT;
	struct hp_patch *patches = NULL;
	struct hp_policy *pol = NULL;
	size_t i;
	int r = -1;

	o->to.mount = o->ho.mount;
	o->to.force = o->ho.force;
	o->to.write = !o->ho.dry_run;
	if (require_hives(argc, argv, ctx) == 0 &&
	    hp_cli_open_policy(&hp_cmd_apply, argc, argv, &o->to, &pol, &t,
	    ctx) == 0 && hp_cli_image_backup_ok(&t, &o->ho, ctx) == 0 &&
	    refuse_uncovered(pol, &t, o->to.allow_uncovered, ctx) == 0) {
		hp_secpolicy_warn_apply(pol, &ctx->warnings);
		patches = hp_calloc(t.n, sizeof(*patches));
		o->progress = hp_cli_progress_start(&o->pg, "apply", 0);
		r = apply_plan(pol, &t, patches, o, ctx);
		hp_cli_progress_stop(&o->pg);
	}
	for (i = 0; patches != NULL && i < t.n; i++)
		hp_patch_free(&patches[i]);
	free(patches);
	hp_targets_free(&t);
	hp_policy_free(pol);
	return r;
}

static int
run_apply(int argc, char **argv, struct hp_ctx *ctx)
{
	struct apply_opts o = { .gpo = NULL, .pg = HP_CLI_PROGRESS_INIT };
	struct hp_option options[] = {
		HP_OPT_TARGETS(&o.to),
		HP_OPT_STRING(0, "to-gpo", &o.gpo, "<dir>", "write a GPO "
		    "folder's Registry.pol files instead"),
		HP_OPT_HIVE_WRITE(&o.ho),
		HP_OPT_STRING(0, "format", &o.format, "text|json|reg",
		    "the changes as diff lines, as JSON, or (with --dry-run) "
		    "as one .reg file"),
		HP_OPT_PROGRESS(&o.pg),
		HP_OPT_END()
	};

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_apply, 0,
	    ctx)) < 0)
		return hp_parse_exit(argc);
	if (check_args(argc, &o, ctx) == -1)
		return -1;
	if (o.gpo != NULL)
		return apply_gpo(o.to.policy, o.gpo, o.ho.dry_run, o.reg, ctx);
	return apply_targets(argc, argv, &o, ctx);
}
