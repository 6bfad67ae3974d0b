/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A registry value: a type number and raw bytes, exactly as a hive stores
 * them.  Type numbers outside REG_NONE..REG_QWORD are kept as they are.
 * String types hold UTF-16LE data (normally with its NUL terminator).
 */
#ifndef HP_VALUE_H
#define HP_VALUE_H

#include <stddef.h>
#include <stdint.h>

struct hp_buf;
struct hp_error;

enum {
	HP_REG_NONE = 0,
	HP_REG_SZ = 1,
	HP_REG_EXPAND_SZ = 2,
	HP_REG_BINARY = 3,
	HP_REG_DWORD = 4,
	HP_REG_DWORD_BIG_ENDIAN = 5,
	HP_REG_LINK = 6,
	HP_REG_MULTI_SZ = 7,
	HP_REG_RESOURCE_LIST = 8,
	HP_REG_FULL_RESOURCE_DESCRIPTOR = 9,
	HP_REG_RESOURCE_REQUIREMENTS_LIST = 10,
	HP_REG_QWORD = 11
};

struct hp_value {
	uint32_t	 type;
	size_t		 len;
	unsigned char	*data;		/* malloc'd, may be NULL when len is 0 */
};

#define HP_VALUE_INIT	{ 0, 0, NULL }

/* Copies data into v (freeing what v held). */
void	 hp_value_set(struct hp_value *v, uint32_t type, const void *data,
	    size_t len);
void	 hp_value_copy(struct hp_value *dst, const struct hp_value *src);
void	 hp_value_free(struct hp_value *v);

void	 hp_value_set_dword(struct hp_value *v, uint32_t x);
void	 hp_value_set_qword(struct hp_value *v, uint64_t x);
/* A string type from UTF-8 text: UTF-16LE plus a NUL terminator. */
int	 hp_value_set_string(struct hp_value *v, uint32_t type,
	    const char *utf8, struct hp_error *e);
/* REG_MULTI_SZ from n UTF-8 strings. */
int	 hp_value_set_multi(struct hp_value *v, char *const *strs, size_t n,
	    struct hp_error *e);

/*
 * The one canonical comparison, used by diff, check and apply alike:
 * types must match; REG_SZ/EXPAND_SZ/LINK compare up to the first NUL
 * (a missing terminator and trailing bytes after it do not count; EXPAND_SZ
 * is compared unexpanded); MULTI_SZ ignores extra trailing NULs; DWORD and
 * QWORD compare as unsigned numbers (so 4-byte and short data agree only when
 * equal as numbers); all else compares bytes.  Returns 1 if equal.
 */
int	 hp_value_equal(const struct hp_value *a, const struct hp_value *b);

/* Reads a DWORD/QWORD (little endian; short data zero-extended). */
int	 hp_value_get_u32(const struct hp_value *v, uint32_t *out);
int	 hp_value_get_u64(const struct hp_value *v, uint64_t *out);
/* UTF-8 form of a string value, up to its first NUL. */
int	 hp_value_get_string(const struct hp_value *v, struct hp_buf *out,
	    struct hp_error *e);

/*
 * The strings of MULTI_SZ data as UTF-8, each NUL-terminated, back to back
 * in out; *n counts them.  The run of empty strings that ends the list is
 * not counted, an empty string inside it is.  -1 if the data is not whole
 * UTF-16.
 */
int	 hp_value_get_multi(const struct hp_value *v, struct hp_buf *out,
	    size_t *n);

/* "REG_SZ"... or "REG_0x%x"-style for unknown numbers (static or buf). */
const char *hp_value_type_name(uint32_t type, char tmp[16]);
/*
 * Parses a type name: sz, expand_sz, multi_sz, binary, dword, dword_be,
 * qword, none, link, REG_* forms, or a number (decimal or 0x hex).
 */
int	 hp_value_type_parse(const char *s, uint32_t *type);

/* Human-readable data, as "hivepol get" prints it. */
int	 hp_value_format(const struct hp_value *v, struct hp_buf *out);

#endif
