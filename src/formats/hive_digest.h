/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A digest of the registry a view holds: key names and nesting, value
 * names, types and data.  Cell layout and the order of subkey and value
 * lists do not count, so a hive written by hivepol and the view it was
 * written from digest the same exactly when they hold the same registry.
 */
#ifndef HP_HIVE_DIGEST_H
#define HP_HIVE_DIGEST_H

#include <stdint.h>

struct hp_error;
struct hp_view;

/* Of everything below the view's root. */
int	hp_view_digest(const struct hp_view *v, uint64_t *out,
	    struct hp_error *e);

#endif
