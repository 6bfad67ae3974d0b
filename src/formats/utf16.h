/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * UTF-16LE <-> UTF-8 without loss, for .reg text and REG_SZ data.
 *
 * Registry strings are sequences of 16-bit units that need not be valid
 * UTF-16: an unpaired surrogate is legal data.  iconv refuses such units,
 * so these converters encode an unpaired surrogate as the three-byte
 * sequence UTF-8 would use for its code point ("WTF-8") and decode it
 * back, which makes every unit sequence round-trip.  Valid text converts
 * exactly as with iconv.
 */
#ifndef HP_UTF16_H
#define HP_UTF16_H

#include <stddef.h>

struct hp_buf;

/*
 * Appends the UTF-8 (WTF-8) form of n bytes of UTF-16LE (n even).  Cannot
 * fail: returns 0.
 */
int	hp_utf16_decode(const void *u16, size_t n, struct hp_buf *out);
/* As hp_utf16_decode for a name: U+0000 as HP_NAME_NUL (core/text.h). */
int	hp_utf16_decode_name(const void *u16, size_t n, struct hp_buf *out);
/*
 * Appends the UTF-16LE form of len bytes of UTF-8 (WTF-8), HP_NAME_NUL
 * as U+0000.  Returns 0, or
 * 1 if s holds a byte sequence that is not WTF-8 (nothing is appended
 * then).
 */
int	hp_utf16_encode(const char *s, size_t len, struct hp_buf *out);
/* 1 if n bytes of UTF-16LE are valid UTF-16 (no unpaired surrogate). */
int	hp_utf16_valid(const void *u16, size_t n);
/* As hp_utf16_valid, and no unit is NUL, CR or LF. */
int	hp_utf16_one_line(const void *u16, size_t n);
/*
 * Length of len bytes of UTF-8 in UTF-16 units, the unit of Windows' name
 * limits and of regedit's columns: two for a character above U+FFFF.
 */
size_t	hp_utf16_units(const char *s, size_t len);

#endif
