/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/le.h"
#include "core/text.h"
#include "core/value.h"
#include "core/value_parse.h"

void
hp_value_set(struct hp_value *v, uint32_t type, const void *data, size_t len)
{
	unsigned char *p = len > 0 ? hp_memdup(data, len) : NULL;

	free(v->data);
	v->type = type;
	v->len = len;
	v->data = p;
}

void
hp_value_copy(struct hp_value *dst, const struct hp_value *src)
{
	hp_value_set(dst, src->type, src->data, src->len);
}

void
hp_value_free(struct hp_value *v)
{
	free(v->data);
	v->data = NULL;
	v->len = 0;
}

void
hp_value_set_dword(struct hp_value *v, uint32_t x)
{
	unsigned char b[4];

	hp_le32_put(b, x);
	hp_value_set(v, HP_REG_DWORD, b, 4);
}

void
hp_value_set_qword(struct hp_value *v, uint64_t x)
{
	unsigned char b[8];

	hp_le64_put(b, x);
	hp_value_set(v, HP_REG_QWORD, b, 8);
}

int
hp_value_set_string(struct hp_value *v, uint32_t type, const char *utf8,
    struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;
	int r;

	r = hp_text_to_utf16(utf8, strlen(utf8), &b, e);
	if (r == 0) {
		hp_buf_add(&b, "\0", 2);
		hp_value_set(v, type, b.buf, b.len);
	}
	hp_buf_release(&b);
	return r;
}

int
hp_value_set_multi(struct hp_value *v, char *const *strs, size_t n,
    struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;
	size_t i;
	int r = 0;

	for (i = 0; i < n && r == 0; i++) {
		r = hp_text_to_utf16(strs[i], strlen(strs[i]), &b, e);
		hp_buf_add(&b, "\0", 2);
	}
	if (r == 0) {
		hp_buf_add(&b, "\0", 2);
		hp_value_set(v, HP_REG_MULTI_SZ, b.buf, b.len);
	}
	hp_buf_release(&b);
	return r;
}

/* Length in bytes of UTF-16 data up to (not including) the first NUL unit. */
static size_t
u16_strlen(const unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		if (p[i] == 0 && p[i + 1] == 0)
			return i;
	return len & ~(size_t)1;
}

/* MULTI_SZ length without the run of trailing NUL units. */
static size_t
multi_trimmed(const unsigned char *p, size_t len)
{
	len &= ~(size_t)1;
	while (len >= 2 && p[len - 1] == 0 && p[len - 2] == 0)
		len -= 2;
	return len;
}

int
hp_value_get_u64(const struct hp_value *v, uint64_t *out)
{
	uint64_t x = 0;
	size_t i;

	if (v->len > 8)
		return -1;
	for (i = 0; i < v->len; i++)
		x |= (uint64_t)v->data[i] << (8 * i);
	*out = x;
	return 0;
}

int
hp_value_get_u32(const struct hp_value *v, uint32_t *out)
{
	uint64_t x;

	if (v->len > 4 || hp_value_get_u64(v, &x) == -1)
		return -1;
	*out = (uint32_t)x;
	return 0;
}

int
hp_value_equal(const struct hp_value *a, const struct hp_value *b)
{
	size_t la, lb;

	if (a->type != b->type)
		return 0;
	switch (a->type) {
	case HP_REG_SZ:
	case HP_REG_EXPAND_SZ:
	case HP_REG_LINK:
		la = u16_strlen(a->data, a->len);
		lb = u16_strlen(b->data, b->len);
		break;
	case HP_REG_MULTI_SZ:
		la = multi_trimmed(a->data, a->len);
		lb = multi_trimmed(b->data, b->len);
		break;
	case HP_REG_DWORD:
	case HP_REG_QWORD: {
		uint64_t x, y;

		if (hp_value_get_u64(a, &x) == 0 &&
		    hp_value_get_u64(b, &y) == 0)
			return x == y;
		la = a->len;
		lb = b->len;
		break;
	}
	default:
		la = a->len;
		lb = b->len;
	}
	return la == lb && (la == 0 || memcmp(a->data, b->data, la) == 0);
}

int
hp_value_get_multi(const struct hp_value *v, struct hp_buf *out, size_t *n)
{
	size_t end = multi_trimmed(v->data, v->len), i, start;

	*n = 0;
	if (v->len % 2 != 0)
		return -1;
	for (start = i = 0; end > 0 && i <= end; i += 2) {
		if (i < end && (v->data[i] || v->data[i + 1]))
			continue;
		if (hp_text_from_utf16(v->data + start, i - start, out,
		    NULL) == -1)
			return -1;
		hp_buf_addc(out, '\0');
		(*n)++;
		start = i + 2;
	}
	return 0;
}

int
hp_value_get_string(const struct hp_value *v, struct hp_buf *out,
    struct hp_error *e)
{
	return hp_text_from_utf16(v->data, u16_strlen(v->data, v->len), out,
	    e);
}

static const char *const type_names[] = {
	"REG_NONE", "REG_SZ", "REG_EXPAND_SZ", "REG_BINARY", "REG_DWORD",
	"REG_DWORD_BIG_ENDIAN", "REG_LINK", "REG_MULTI_SZ",
	"REG_RESOURCE_LIST", "REG_FULL_RESOURCE_DESCRIPTOR",
	"REG_RESOURCE_REQUIREMENTS_LIST", "REG_QWORD"
};

const char *
hp_value_type_name(uint32_t type, char tmp[16])
{
	if (type < sizeof(type_names) / sizeof(type_names[0]))
		return type_names[type];
	snprintf(tmp, 16, "0x%x", type);
	return tmp;
}

static const struct {
	const char	*name;
	uint32_t	 type;
} type_aliases[] = {
	{ "none", HP_REG_NONE }, { "sz", HP_REG_SZ }, { "string", HP_REG_SZ },
	{ "expand_sz", HP_REG_EXPAND_SZ }, { "binary", HP_REG_BINARY },
	{ "dword", HP_REG_DWORD }, { "dword_be", HP_REG_DWORD_BIG_ENDIAN },
	{ "dword_big_endian", HP_REG_DWORD_BIG_ENDIAN },
	{ "link", HP_REG_LINK }, { "multi_sz", HP_REG_MULTI_SZ },
	{ "resource_list", HP_REG_RESOURCE_LIST },
	{ "full_resource_descriptor", HP_REG_FULL_RESOURCE_DESCRIPTOR },
	{ "resource_requirements_list",
	    HP_REG_RESOURCE_REQUIREMENTS_LIST },
	{ "qword", HP_REG_QWORD },
};

int
hp_value_type_parse(const char *s, uint32_t *type)
{
	uint64_t n;
	size_t i;

	if (strncasecmp(s, "REG_", 4) == 0)
		s += 4;
	for (i = 0; i < sizeof(type_aliases) / sizeof(type_aliases[0]); i++)
		if (strcasecmp(s, type_aliases[i].name) == 0) {
			*type = type_aliases[i].type;
			return 0;
		}
	/* A type number: no blank or sign before it. */
	if (*s < '0' || *s > '9' ||
	    hp_value_parse_number(s, UINT32_MAX, &n) == -1)
		return -1;
	*type = (uint32_t)n;
	return 0;
}

int
hp_value_format(const struct hp_value *v, struct hp_buf *out)
{
	uint32_t d;
	uint64_t q;
	switch (v->type) {
	case HP_REG_SZ:
	case HP_REG_EXPAND_SZ:
	case HP_REG_LINK:
		if (v->len % 2 == 0 && hp_value_get_string(v, out, NULL) == 0)
			return 0;
		break;
	case HP_REG_MULTI_SZ: {
		struct hp_buf strs = HP_BUF_INIT;
		const char *p;
		size_t n, i;

		if (hp_value_get_multi(v, &strs, &n) == -1) {
			hp_buf_release(&strs);
			break;
		}
		/* Each string in quotes, separated by spaces. */
		for (i = 0, p = strs.buf; i < n; i++, p += strlen(p) + 1)
			hp_buf_addf(out, "%s\"%s\"", i ? " " : "", p);
		hp_buf_release(&strs);
		return 0;
	}
	case HP_REG_DWORD:
		if (v->len == 4 && hp_value_get_u32(v, &d) == 0) {
			hp_buf_addf(out, "0x%08x (%u)", d, d);
			return 0;
		}
		break;
	case HP_REG_DWORD_BIG_ENDIAN:
		if (v->len == 4) {
			d = hp_be32(v->data);
			hp_buf_addf(out, "0x%08x (%u)", d, d);
			return 0;
		}
		break;
	case HP_REG_QWORD:
		if (v->len == 8 && hp_value_get_u64(v, &q) == 0) {
			hp_buf_addf(out, "0x%016llx (%llu)",
			    (unsigned long long)q, (unsigned long long)q);
			return 0;
		}
		break;
	}
	hp_buf_addhex(out, v->data, v->len, ",");
	return 0;
}
