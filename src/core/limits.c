/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "core/error.h"
#include "core/limits.h"

int
hp_limit_error(struct hp_error *e, const char *where, const char *what,
    unsigned long long found, unsigned long long limit)
{
	return hp_error_set(e, HP_E_INPUT, "%s: %s %llu exceeds the limit "
	    "of %llu", where, what, found, limit);
}
