/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * --templates DIR and --lang LANG: the policy vocabulary (templates/
 * vocab.h) that show, diff, check and compare name settings with.
 */
#ifndef HP_VOCAB_OPTS_H
#define HP_VOCAB_OPTS_H

#include "cli/cli.h"

struct hp_vocab;

struct hp_cli_vocab_opts {
	const char	*dir;		/* --templates */
	const char	*lang;		/* --lang */
};

#define HP_OPT_TEMPLATES(o) \
	HP_OPT_STRING(0, "templates", &(o)->dir, "<dir>", "name each " \
	    "setting by the policies of this PolicyDefinitions folder"), \
	HP_OPT_STRING(0, "lang", &(o)->lang, "<lang>", "with --templates: " \
	    "the ADML language (default: en-US, else the first there)")

/*
 * Loads the vocabulary --templates names into *v (NULL without it);
 * --lang alone is a usage error of cmd.
 */
int	hp_cli_vocab_open(const struct hp_cli_vocab_opts *o,
	    const struct hp_cmd *cmd, struct hp_vocab **v, struct hp_ctx *ctx);

#endif
