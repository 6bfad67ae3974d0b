/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "core/error.h"
#include "core/limits.h"

/* Both names, when two limits share a value, since either may be meant. */
const char *
hp_limit_how(unsigned long long limit)
{
	if (limit == HP_MAX_INPUT_SIZE)
		return " (HP_MAX_INPUT_SIZE; rebuild with make "
		    "CFLAGS+=-DHP_MAX_INPUT_SIZE=BYTES to raise it)";
	if (limit == HP_MAX_POLICY_SIZE)
		return " (HP_MAX_POLICY_SIZE; rebuild with make "
		    "CFLAGS+=-DHP_MAX_POLICY_SIZE=BYTES to raise it)";
	if (limit == HP_MAX_LINE)
		return " (HP_MAX_LINE; rebuild with make "
		    "CFLAGS+=-DHP_MAX_LINE=BYTES to raise it)";
	return "";
}

int
hp_limit_error(struct hp_error *e, const char *where, const char *what,
    unsigned long long found, unsigned long long limit)
{
	return hp_error_set(e, HP_E_INPUT, "%s: %s %llu exceeds the limit "
	    "of %llu%s", where, what, found, limit, hp_limit_how(limit));
}
