/* SPDX-License-Identifier: GPL-3.0-or-later */
/* String hashing. */
#ifndef HP_HASH_H
#define HP_HASH_H

#include <stdint.h>

/*
 * 32-bit FNV-1a of a NUL-terminated string: fixed across hosts and
 * releases, which fleet shards rely on (a machine keeps its shard).
 */
static inline uint32_t
hp_hash_fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

#endif
