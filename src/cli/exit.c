/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Where error kinds become exit statuses and hints become flag names: the
 * library below src/cli knows neither.
 */
#include "cli/cli.h"

int
hp_cli_exit_status(enum hp_error_kind kind)
{
	switch (kind) {
	case HP_E_USAGE:
	case HP_E_INPUT:
	case HP_E_DIRTY:
		return HP_EXIT_INPUT;
	case HP_E_UNCOVERED:
		return HP_EXIT_UNCOVERED;
	case HP_E_NONE:
	case HP_E_IO:
		break;
	}
	return HP_EXIT_IO;
}

const char *
hp_cli_hint_text(enum hp_error_hint hint)
{
	switch (hint) {
	case HP_HINT_NONE:
		break;
	case HP_HINT_MOUNT:
		return "; give --mount";
	case HP_HINT_CLASS:
		return "; use --class machine|user";
	case HP_HINT_CLASS_OR_GPO:
		return "; use --class machine|user, or a GPO folder "
		    "(--format gpo) for both";
	case HP_HINT_REG5:
		return "; use --format reg5";
	case HP_HINT_FORCE:
		return "; use --force to write it anyway, losing what the "
		    "logs hold";
	case HP_HINT_AGAINST:
		return "; use --against <hive> to expand it against that "
		    "hive's values";
	}
	return "";
}
