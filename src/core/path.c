/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/path.h"
#include "core/text.h"

static const struct {
	const char	*lng;
	const char	*shrt;
} roots[] = {
	[HP_ROOT_NONE] = { "", "" },
	[HP_ROOT_HKLM] = { "HKEY_LOCAL_MACHINE", "HKLM" },
	[HP_ROOT_HKCU] = { "HKEY_CURRENT_USER", "HKCU" },
	[HP_ROOT_HKU] = { "HKEY_USERS", "HKU" },
	[HP_ROOT_HKCR] = { "HKEY_CLASSES_ROOT", "HKCR" },
	[HP_ROOT_HKCC] = { "HKEY_CURRENT_CONFIG", "HKCC" },
	[HP_ROOT_HKDD] = { "HKEY_DYN_DATA", "HKDD" },
};

enum hp_root
hp_root_parse(const char *s, size_t len)
{
	size_t i;

	for (i = 1; i < sizeof(roots) / sizeof(roots[0]); i++) {
		if ((strlen(roots[i].lng) == len &&
		    strncasecmp(s, roots[i].lng, len) == 0) ||
		    (strlen(roots[i].shrt) == len &&
		    strncasecmp(s, roots[i].shrt, len) == 0))
			return (enum hp_root)i;
	}
	return HP_ROOT_NONE;
}

const char *
hp_root_long(enum hp_root r)
{
	return roots[r].lng;
}

const char *
hp_root_short(enum hp_root r)
{
	return roots[r].shrt;
}

void
hp_path_push_n(struct hp_path *p, const char *comp, size_t len)
{
	hp_path_take(p, hp_strndup(comp, len));
}

void
hp_path_take(struct hp_path *p, char *c)
{
	HP_ALLOC_GROW(p->comps, p->n + 1, p->alloc);
	p->comps[p->n++] = c;
}

void
hp_path_push(struct hp_path *p, const char *comp)
{
	hp_path_push_n(p, comp, strlen(comp));
}

void
hp_path_pop(struct hp_path *p)
{
	if (p->n > 0)
		free(p->comps[--p->n]);
}

static int
parse(const char *s, struct hp_path *p, int roots_ok, struct hp_error *e)
{
	const char *c = s, *bs;
	int first = 1;

	(void)e;
	*p = (struct hp_path)HP_PATH_INIT;
	for (;;) {
		size_t len;

		bs = strchr(c, '\\');
		len = bs ? (size_t)(bs - c) : strlen(c);
		if (first && roots_ok && len > 0 &&
		    (p->root = hp_root_parse(c, len)) != HP_ROOT_NONE)
			;
		else if (len > 0)
			hp_path_push_n(p, c, len);
		if (len > 0)
			first = 0;
		if (bs == NULL)
			break;
		c = bs + 1;
	}
	return 0;
}

int
hp_path_parse(const char *s, struct hp_path *p, struct hp_error *e)
{
	return parse(s, p, 1, e);
}

int
hp_path_parse_relative(const char *s, struct hp_path *p, struct hp_error *e)
{
	return parse(s, p, 0, e);
}

void
hp_path_copy(struct hp_path *dst, const struct hp_path *src)
{
	struct hp_path empty = HP_PATH_INIT;

	hp_path_join(dst, src, &empty);
}

void
hp_path_join(struct hp_path *dst, const struct hp_path *a,
    const struct hp_path *b)
{
	struct hp_path out = HP_PATH_INIT;
	size_t i;

	out.root = a->root;
	for (i = 0; i < a->n + b->n; i++)
		hp_path_push(&out, i < a->n ? a->comps[i] :
		    b->comps[i - a->n]);
	*dst = out;
}

void
hp_path_free(struct hp_path *p)
{
	while (p->n > 0)
		hp_path_pop(p);
	free(p->comps);
	*p = (struct hp_path)HP_PATH_INIT;
}

int
hp_path_cmp(const struct hp_path *a, const struct hp_path *b)
{
	size_t i;
	int c;

	if (a->root != b->root)
		return a->root < b->root ? -1 : 1;
	/* Patch operations on one key share its components. */
	if (a->comps == b->comps && a->n == b->n)
		return 0;
	for (i = 0; i < a->n && i < b->n; i++)
		if ((c = hp_name_cmp(a->comps[i], b->comps[i])) != 0)
			return c;
	return (a->n > b->n) - (a->n < b->n);
}

int
hp_path_eq(const struct hp_path *a, const struct hp_path *b)
{
	return hp_path_cmp(a, b) == 0;
}

int
hp_path_has_prefix(const struct hp_path *p, const struct hp_path *prefix)
{
	size_t i;

	if (p->root != prefix->root || p->n < prefix->n)
		return 0;
	for (i = 0; i < prefix->n; i++)
		if (!hp_name_eq(p->comps[i], prefix->comps[i]))
			return 0;
	return 1;
}

enum { LONG = 0, SHORT = 1, RAW = 2 };

static void
format(const struct hp_path *p, struct hp_buf *out, unsigned how)
{
	size_t i;

	if (p->root != HP_ROOT_NONE)
		hp_buf_adds(out, (how & SHORT) ? roots[p->root].shrt :
		    roots[p->root].lng);
	for (i = 0; i < p->n; i++) {
		if (i > 0 || p->root != HP_ROOT_NONE)
			hp_buf_addc(out, '\\');
		if (how & RAW)
			hp_buf_adds(out, p->comps[i]);
		else
			hp_name_escape(p->comps[i], out);
	}
}

void
hp_path_format(const struct hp_path *p, struct hp_buf *out)
{
	format(p, out, LONG);
}

void
hp_path_format_short(const struct hp_path *p, struct hp_buf *out)
{
	format(p, out, SHORT);
}

void
hp_path_format_raw(const struct hp_path *p, struct hp_buf *out)
{
	format(p, out, LONG | RAW);
}

char *
hp_path_str(const struct hp_path *p)
{
	struct hp_buf b = HP_BUF_INIT;

	format(p, &b, LONG);
	return hp_buf_detach(&b, NULL);
}
