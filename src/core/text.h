/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Text encoding at the edges of the model.  Names are UTF-8 inside hivepol;
 * string value data stays UTF-16LE exactly as a hive stores it.  Conversion
 * goes through iconv(3).
 */
#ifndef HP_TEXT_H
#define HP_TEXT_H

#include <stddef.h>
#include <stdint.h>

struct hp_buf;
struct hp_error;

/* Converts len bytes from charset "from" to "to", appending to out. */
int	hp_text_convert(const char *from, const char *to, const void *in,
	    size_t len, struct hp_buf *out, struct hp_error *e);
/* UTF-8 to UTF-16LE (no terminator added) and back. */
int	hp_text_to_utf16(const char *utf8, size_t len, struct hp_buf *out,
	    struct hp_error *e);
int	hp_text_from_utf16(const void *u16, size_t bytes, struct hp_buf *out,
	    struct hp_error *e);
/* The value of a hex digit, or -1. */
int	hp_text_hexdigit(int c);
/* 1 if s is valid UTF-8, else 0. */
int	hp_text_valid_utf8(const char *s, size_t len);

/*
 * Registry name comparison, as Windows compares key and value names:
 * each UTF-16 unit upper-cased by Windows' own table (hp_name_upcase),
 * then the units compared as numbers, a name that is a prefix of the other
 * first.  So the order is the one Windows keeps subkey lists in, and two
 * names are equal exactly when Windows takes them for the same key.
 * Independent of the locale.  Returns <0, 0, >0 like strcmp.
 */
int	hp_name_cmp(const char *a, const char *b);
int	hp_name_eq(const char *a, const char *b);
/*
 * Binary search among n entries of list sorted by hp_name_cmp, name_at
 * giving the name of entry i: the index of name, or where it would go
 * (*found says which).
 */
typedef const char *(*hp_name_at_fn)(const void *list, size_t i);
size_t	hp_name_search(const void *list, size_t n, hp_name_at_fn name_at,
	    const char *name, int *found);
/*
 * Windows' upper case of one UTF-16 unit (RtlUpcaseUnicodeChar): the
 * table Windows formats NTFS with, built from libntfs-3g at build time.
 * Unlike glibc's towupper it leaves 217 units as they are (µ, ı, ſ, ς,
 * ǅ, Georgian letters ...); surrogates are left too.
 */
uint16_t hp_name_upcase(uint16_t unit);
/*
 * A name may hold U+0000 (Windows allows it in key and value names).
 * Inside hivepol names are C strings, so that character is kept as the
 * two bytes C0 80 (as Java's modified UTF-8 does), which no valid UTF-8
 * text contains: the name compares, sorts and hashes as Windows has it.
 */
#define HP_NAME_NUL	"\xc0\x80"
/* 1 if name holds U+0000 (HP_NAME_NUL). */
int	hp_name_has_nul(const char *name);
/*
 * Appends name as text output shows it: U+0000 and the other control
 * characters (below U+0020, and U+007F) as %XX, and a '%' that would
 * read as such an escape (followed by 00 to 1F, 7F or 25) as %25, so two
 * names never look alike.  Any other '%' stays: Windows itself writes
 * names such as "C:%5CProgram Files".
 */
void	hp_name_escape(const char *name, struct hp_buf *out);
/*
 * The inverse, in place (the result is never longer), for names typed on
 * the command line: %00 to %1F, %7F and %25 are decoded; any other '%'
 * stays as it is.
 */
void	hp_name_unescape(char *s);
/* 1 if every byte of s is printable ASCII. */
int	hp_name_is_ascii(const char *s);

#endif
