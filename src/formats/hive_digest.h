/*
 * A digest of what a hive holds, read through libhivex: key names and
 * nesting, value names, types and data.  Cell layout and the order of
 * subkey and value lists do not count, so a compacted image and the
 * draft it was built from digest the same exactly when they hold the
 * same registry.
 */
#ifndef HP_HIVE_DIGEST_H
#define HP_HIVE_DIGEST_H

#include <stdint.h>

struct hp_error;

int	hp_hive_digest(const char *path, uint64_t *out, struct hp_error *e);

#endif
