/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/le.h"
#include "core/text.h"
#include "core/value.h"
#include "core/value_parse.h"

int
hp_value_parse_number(const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long n;

	while (*s == ' ' || *s == '\t')
		s++;
	/* strtoull would take "-1" as its two's complement. */
	if (*s == '-' || *s == '\0')
		return -1;
	errno = 0;
	n = strtoull(s, &end, 0);
	if (errno != 0 || *end != '\0' || n > max)
		return -1;
	*out = n;
	return 0;
}

static int
parse_number(struct hp_value *v, uint32_t type, const char *s,
    struct hp_error *e)
{
	uint64_t x;

	if (hp_value_parse_number(s, type == HP_REG_QWORD ? UINT64_MAX :
	    UINT32_MAX, &x) == -1)
		return hp_error_set(e, HP_E_INPUT, "\"%s\" is not an unsigned "
		    "%s-bit number", s, type == HP_REG_QWORD ? "64" : "32");
	if (type == HP_REG_QWORD)
		hp_value_set_qword(v, x);
	else if (type == HP_REG_DWORD)
		hp_value_set_dword(v, (uint32_t)x);
	else {
		unsigned char be[4];

		hp_be32_put(be, (uint32_t)x);
		hp_value_set(v, type, be, 4);
	}
	return 0;
}

/* Hex bytes, separated or not by ',', ' ', ':' or '-'. */
static int
parse_hex(struct hp_value *v, uint32_t type, const char *s, unsigned flags,
    struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;
	const char *p = (flags & HP_VALUE_PARSE_HEX_PREFIX) &&
	    strncmp(s, "hex:", 4) == 0 ? s + 4 : s;
	int hi = -1;

	for (; *p != '\0'; p++) {
		int d = hp_text_hexdigit((unsigned char)*p);

		if (strchr(", :-", *p) != NULL)
			continue;
		if (d < 0) {
			hp_buf_release(&b);
			return hp_error_set(e, HP_E_INPUT, "\"%s\" is not hex "
			    "bytes (like 01,ff,a0 or 01ffa0)", s);
		}
		if (hi < 0)
			hi = d;
		else {
			hp_buf_addc(&b, hi << 4 | d);
			hi = -1;
		}
	}
	if (hi >= 0) {
		hp_buf_release(&b);
		return hp_error_set(e, HP_E_INPUT, "\"%s\" has an odd number "
		    "of hex digits", s);
	}
	hp_value_set(v, type, b.buf, b.len);
	hp_buf_release(&b);
	return 0;
}

int
hp_value_parse(struct hp_value *v, uint32_t type, char *const *strs,
    size_t n, unsigned flags, struct hp_error *e)
{
	int hex = type != HP_REG_DWORD && type != HP_REG_DWORD_BIG_ENDIAN &&
	    type != HP_REG_QWORD && type != HP_REG_SZ &&
	    type != HP_REG_EXPAND_SZ && type != HP_REG_LINK;

	if (type == HP_REG_MULTI_SZ)
		return hp_value_set_multi(v, strs, n, e);
	if (n > 1 || (n == 0 && !hex))
		return hp_error_set(e, HP_E_INPUT, "this type takes exactly "
		    "one data string");
	if (n == 0) {
		hp_value_set(v, type, NULL, 0);
		return 0;
	}
	switch (type) {
	case HP_REG_DWORD:
	case HP_REG_DWORD_BIG_ENDIAN:
	case HP_REG_QWORD:
		return parse_number(v, type, strs[0], e);
	case HP_REG_SZ:
	case HP_REG_EXPAND_SZ:
		return hp_value_set_string(v, type, strs[0], e);
	case HP_REG_LINK:
		/* Windows stores a link's target without a terminator. */
		if (hp_value_set_string(v, type, strs[0], e) == -1)
			return -1;
		v->len -= 2;
		return 0;
	}
	return parse_hex(v, type, strs[0], flags, e);
}
