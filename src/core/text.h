/*
 * Text encoding at the edges of the model.  Names are UTF-8 inside hivepol;
 * string value data stays UTF-16LE exactly as a hive stores it.  Conversion
 * goes through iconv(3).
 */
#ifndef HP_TEXT_H
#define HP_TEXT_H

#include <stddef.h>

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
 * Registry name comparison: case-insensitive per Unicode simple upper
 * case (towupper, so main sets LC_CTYPE to a UTF-8 locale), case-preserving.
 * Returns <0, 0, >0 like strcmp.
 */
int	hp_name_cmp(const char *a, const char *b);
int	hp_name_eq(const char *a, const char *b);
/* 1 if every byte of s is printable ASCII. */
int	hp_name_is_ascii(const char *s);

#endif
