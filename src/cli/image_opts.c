/* SPDX-License-Identifier: GPL-3.0-or-later */
/* --image for the commands that take one hive of it (cli.h). */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/txn.h"
#include "cli/cli.h"
#include "formats/hive.h"
#include "policy/targets.h"

int
hp_cli_open_image(const char *image, unsigned need, int write,
    const struct hp_cli_hive_opts *ho, struct hp_targets *t,
    struct hp_ctx *ctx)
{
	struct hp_source_opts so;

	memset(&so, 0, sizeof(so));
	so.force = ho->force;
	so.write = write;
	t->need = need;
	t->dry_run = ho->dry_run;
	return hp_targets_add_image(t, image, 0, &so, &ctx->warnings,
	    &ctx->error);
}

long
hp_cli_image_hive(const struct hp_targets *t, const char *image,
    const struct hp_path *key, struct hp_path *rel, struct hp_ctx *ctx)
{
	struct hp_buf b = HP_BUF_INIT;
	size_t i;
	int r;

	for (i = 0; i < t->n; i++) {
		if (t->src[i]->hive == NULL)
			continue;
		r = hp_view_relative(&t->views[i], key, rel, &ctx->error);
		if (r == -1)
			return -1;
		if (r == 0)
			return (long)i;
		hp_path_free(rel);
	}
	hp_path_format_short(key, &b);
	hp_error_set(&ctx->error, HP_E_INPUT, "%s: no hive of the image "
	    "serves %s (it has SOFTWARE, SYSTEM and NTUSER.DAT: HKLM\\SOFTWARE, "
	    "HKLM\\SYSTEM, HKCU)", image, b.buf);
	hp_buf_release(&b);
	return -1;
}

int
hp_cli_commit_hives(struct hp_hive **hv, size_t n,
    const struct hp_cli_hive_opts *ho, struct hp_ctx *ctx)
{
	struct hp_commit_opts co;
	struct hp_txn *txn;
	size_t i;
	int r, *staged;

	if (hp_cli_commit_opts(ho, &co, ctx) == -1)
		return -1;
	staged = hp_calloc(n + 1, sizeof(*staged));
	r = hp_txn_begin(&txn, &ctx->error);
	for (i = 0; i < n && r == 0; i++)
		r = hp_hive_stage(hv[i], txn, &co, &staged[i], &ctx->error);
	if (r == 0)
		r = hp_txn_commit(txn, &ctx->warnings, &ctx->error);
	/* A commit that failed put back what it had replaced (or warned). */
	if (r == -1)
		hp_error_prefix(&ctx->error, "nothing was changed");
	hp_txn_free(txn);
	for (i = 0; i < n && r == 0; i++)
		if (staged[i])
			hp_hive_written(hv[i]);
	free(staged);
	return r;
}
