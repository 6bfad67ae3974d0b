/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/text.h"
#include "cli/cli.h"
#include "formats/hive.h"
#include "formats/mount.h"
#include "formats/polfile.h"
#include "formats/source.h"
#include "core/txn.h"
#include "core/view.h"

int
hp_cli_commit_opts(const struct hp_cli_hive_opts *o,
    struct hp_commit_opts *co, struct hp_ctx *ctx)
{
	const char *level = o->verify;
	const char *from = "--verify";

	if (level == NULL) {
		level = getenv("HIVEPOL_VERIFY");
		from = "HIVEPOL_VERIFY";
	}
	memset(co, 0, sizeof(*co));
	co->backup = o->backup;
	co->warnings = &ctx->warnings;
	co->verify = HP_VERIFY_BASIC;
	if (level == NULL || *level == '\0' || strcmp(level, "basic") == 0)
		return 0;
	if (strcmp(level, "full") == 0) {
		co->verify = HP_VERIFY_FULL;
		return 0;
	}
	return hp_error_set(&ctx->error, HP_E_INPUT, "%s: unknown "
	    "verification level \"%s\" (expected basic or full)", from,
	    level);
}

int
hp_cli_open_hive(const char *path, int write,
    const struct hp_cli_hive_opts *o, struct hp_hive **out,
    struct hp_ctx *ctx)
{
	struct hp_path mount = HP_PATH_INIT;
	unsigned flags = 0;
	int r;

	if (o != NULL && o->mount != NULL &&
	    hp_mount_parse(o->mount, &mount, &ctx->error) == -1)
		return -1;
	if (write)
		flags |= HP_HIVE_WRITE;
	if (o != NULL && o->force)
		flags |= HP_HIVE_FORCE;
	r = hp_hive_open(path, flags, o && o->mount ? &mount : NULL, out,
	    &ctx->warnings, &ctx->error);
	hp_path_free(&mount);
	return r;
}

int
hp_cli_key_arg(struct hp_hive *hv, const char *arg, struct hp_path *rel,
    struct hp_ctx *ctx)
{
	struct hp_path p;
	struct hp_view v;
	char *name = hp_strdup(arg);
	int r;

	hp_name_unescape(name);
	r = hp_path_parse(name, &p, &ctx->error);
	free(name);
	if (r == -1)
		return -1;
	hp_hive_view(hv, &v);
	r = hp_view_relative(&v, &p, rel, &ctx->error);
	hp_path_free(&p);
	if (r == 1) {
		struct hp_buf m = HP_BUF_INIT;

		hp_path_format_short(hp_hive_mount(hv), &m);
		if (hp_hive_has_mount(hv))
			hp_error_set(&ctx->error, HP_E_INPUT, "%s: %s lies "
			    "outside this hive's mount %s", hp_hive_path(hv),
			    arg, m.buf);
		else
			hp_error_set(&ctx->error, HP_E_INPUT, "%s: the "
			    "hive's mount is unknown, so %s cannot be placed "
			    "in it; give --mount or a path relative to the "
			    "hive root", hp_hive_path(hv), arg);
		hp_buf_release(&m);
		return -1;
	}
	return r;
}

int
hp_cli_open_key(const char *hive, const char *key, int write,
    const struct hp_cli_hive_opts *o, struct hp_cli_key *k,
    struct hp_ctx *ctx)
{
	memset(k, 0, sizeof(*k));
	if (hp_cli_open_hive(hive, write, o, &k->hive, ctx) == -1)
		return -1;
	hp_hive_view(k->hive, &k->view);
	if (key != NULL && hp_cli_key_arg(k->hive, key, &k->rel, ctx) == -1)
		return -1;
	return hp_view_lookup(&k->view, &k->rel, &k->node, &ctx->error);
}

void
hp_cli_close_key(struct hp_cli_key *k)
{
	hp_path_free(&k->rel);
	hp_hive_close(k->hive);
}

int
hp_cli_read_patch(const char *path, const struct hp_source_opts *o,
    struct hp_patch *p, struct hp_ctx *ctx)
{
	enum hp_format f = hp_format_detect(path);

	return hp_patch_read_file(path, f == HP_FMT_UNKNOWN ? HP_FMT_REG : f,
	    o, p, &ctx->warnings, &ctx->error);
}

const char *
hp_cli_value_name(char *arg)
{
	if (strcmp(arg, "@") == 0)
		return "";
	hp_name_unescape(arg);
	return arg;
}

int
hp_cli_opt_class(const struct hp_option *opt, const char *arg,
    struct hp_error *e)
{
	if (hp_pol_class_parse(arg, opt->value) == 0)
		return 0;
	return hp_error_set(e, HP_E_USAGE, "--class takes machine or user");
}

int
hp_cli_opt_no_recover(const struct hp_option *opt, const char *arg,
    struct hp_error *e)
{
	(void)opt;
	(void)arg;
	(void)e;
	hp_hive_set_recovery(0);
	return 0;
}

int
hp_cli_apply_one(struct hp_hive *hv, const struct hp_patch *p,
    const struct hp_cli_hive_opts *o, struct hp_ctx *ctx)
{
	struct hp_apply_stats st = { 0 };
	struct hp_commit_opts co;
	struct hp_buf b = HP_BUF_INIT;
	int r = -1;

	if (hp_cli_commit_opts(o, &co, ctx) == -1 ||
	    hp_hive_apply(hv, p, &st, &ctx->warnings, &ctx->error) == -1)
		return -1;
	hp_op_describe(&p->ops[p->n - 1], &b);
	if (!hp_apply_stats_changed(&st))
		printf("unchanged: %s\n", b.buf);
	else if (o->dry_run || hp_hive_commit(hv, &co, &ctx->error) == 0)
		printf("%s%s\n", o->dry_run ? "would " : "", b.buf);
	else
		goto out;
	r = HP_EXIT_OK;
out:
	hp_buf_release(&b);
	return r;
}

int
hp_cli_write_output(const char *path, const struct hp_buf *b,
    struct hp_ctx *ctx)
{
	return hp_txn_save(path ? path : "-", b->buf, b->len, &ctx->warnings,
	    &ctx->error);
}
