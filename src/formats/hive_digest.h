/*
 * A digest of what a hive holds, read through libhivex: key names and
 * nesting, value names, types and data.  Cell layout and the order of
 * subkey and value lists do not count, so a compacted image and the
 * draft it was built from digest the same exactly when they hold the
 * same registry.
 */
#ifndef HP_HIVE_DIGEST_H
#define HP_HIVE_DIGEST_H

#include <hivex.h>
#include <stdint.h>

struct hp_error;

/* Of the hive file at path. */
int	hp_hive_digest(const char *path, uint64_t *out, struct hp_error *e);
/* Of a hive libhivex holds open (name is for messages). */
int	hp_hive_digest_open(hive_h *h, const char *name, uint64_t *out,
	    struct hp_error *e);

#endif
