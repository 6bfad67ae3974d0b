/* SPDX-License-Identifier: GPL-3.0-or-later */
/* String hashing. */
#ifndef HP_HASH_H
#define HP_HASH_H

#include <stddef.h>
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

/*
 * 64-bit FNV-1a of len bytes, starting from h (FNV's offset basis is
 * 0xcbf29ce484222325; another start gives another, independent hash).
 */
static inline uint64_t
hp_hash_fnv1a64(const void *data, size_t len, uint64_t h)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

#endif
