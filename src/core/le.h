/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Little-endian loads and stores, for registry data and the on-disk
 * formats (regf cells, Registry.pol), which are little-endian whatever the
 * host is; and big-endian ones, for REG_DWORD_BIG_ENDIAN data.  The one
 * place bytes are assembled into numbers and back.  _put stores into a byte
 * array, _add appends to a struct hp_buf.
 */
#ifndef HP_LE_H
#define HP_LE_H

#include <stdint.h>

#include "core/buf.h"

static inline uint16_t
hp_le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t
hp_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static inline uint64_t
hp_le64(const unsigned char *p)
{
	return (uint64_t)hp_le32(p) | (uint64_t)hp_le32(p + 4) << 32;
}

static inline uint32_t
hp_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline void
hp_be32_put(unsigned char *p, uint32_t x)
{
	p[0] = (unsigned char)(x >> 24);
	p[1] = (unsigned char)(x >> 16);
	p[2] = (unsigned char)(x >> 8);
	p[3] = (unsigned char)x;
}

static inline void
hp_le16_put(unsigned char *p, uint16_t x)
{
	p[0] = (unsigned char)x;
	p[1] = (unsigned char)(x >> 8);
}

static inline void
hp_le32_put(unsigned char *p, uint32_t x)
{
	p[0] = (unsigned char)x;
	p[1] = (unsigned char)(x >> 8);
	p[2] = (unsigned char)(x >> 16);
	p[3] = (unsigned char)(x >> 24);
}

static inline void
hp_le64_put(unsigned char *p, uint64_t x)
{
	hp_le32_put(p, (uint32_t)x);
	hp_le32_put(p + 4, (uint32_t)(x >> 32));
}

static inline void
hp_le16_add(struct hp_buf *b, uint16_t x)
{
	unsigned char p[2];

	hp_le16_put(p, x);
	hp_buf_add(b, p, sizeof(p));
}

static inline void
hp_le32_add(struct hp_buf *b, uint32_t x)
{
	unsigned char p[4];

	hp_le32_put(p, x);
	hp_buf_add(b, p, sizeof(p));
}

#endif
