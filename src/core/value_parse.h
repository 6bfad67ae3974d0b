/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Registry values from their text form, as a policy file's data and
 * allowed strings and hivepol set's arguments write them.
 */
#ifndef HP_VALUE_PARSE_H
#define HP_VALUE_PARSE_H

#include <stddef.h>
#include <stdint.h>

struct hp_error;
struct hp_value;

/* Hex bytes may start with "hex:", as in a .reg file. */
#define HP_VALUE_PARSE_HEX_PREFIX	0x1

/*
 * Builds a value of type from n strings: an unsigned number (decimal, 0x
 * hex or 0 octal) for DWORD, DWORD_BIG_ENDIAN and QWORD; the text for SZ,
 * EXPAND_SZ and LINK; one string per element for MULTI_SZ; hex bytes
 * ("01,ff,a0", "01ffa0", "01 ff") for any other type, where no string at
 * all means no bytes.  Bad text fails with HP_E_INPUT.
 */
int	hp_value_parse(struct hp_value *v, uint32_t type, char *const *strs,
	    size_t n, unsigned flags, struct hp_error *e);

/* An unsigned number no larger than max; -1 on anything else. */
int	hp_value_parse_number(const char *s, uint64_t max, uint64_t *out);

#endif
