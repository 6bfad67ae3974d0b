/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stddef.h>

#include "cli/cli.h"
#include "cli/vocab_opts.h"
#include "templates/vocab.h"

int
hp_cli_vocab_open(const struct hp_cli_vocab_opts *o, const struct hp_cmd *cmd,
    struct hp_vocab **v, struct hp_ctx *ctx)
{
	*v = NULL;
	if (o->dir == NULL && o->lang != NULL)
		return hp_cli_usage(ctx, cmd, "--lang goes with --templates");
	if (o->dir == NULL)
		return 0;
	*v = hp_vocab_load(o->dir, o->lang, &ctx->warnings, &ctx->error);
	return *v != NULL ? 0 : -1;
}
