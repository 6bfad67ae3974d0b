/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * [Registry Values] of a security template as registry operations
 * (secedit.h).  A line is FULLNAME=TYPE,DATA; the data is every field
 * after the type joined by commas, as Windows' security engine reads it,
 * then turned into value bytes per type (docs/security-templates.md):
 * 1 and 2 the text, 4 a decimal number, 3 hex digits two to a byte (an odd
 * count gets a leading 0), 7 one string per comma-separated part, -1 a
 * deletion.  LegalNoticeText is Windows' one exception: written as type 7,
 * set as REG_SZ with its parts on lines of their own.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/path.h"
#include "core/text.h"
#include "core/value.h"
#include "formats/secedit.h"
#include "formats/utf16.h"

#define LEGAL_NOTICE_TEXT "MACHINE\\Software\\Microsoft\\Windows\\" \
	"CurrentVersion\\Policies\\System\\LegalNoticeText"

struct regline {
	const struct hp_secedit	*t;
	size_t			 idx;	/* line index */
	const char		*name;	/* MACHINE\...\Name */
	struct hp_buf		 fields;
	size_t			 nfields;
};

static int
bad(const struct regline *rl, struct hp_error *e, const char *what)
{
	return hp_error_set(e, HP_E_INPUT, "%s:%zu: %s: %s", rl->t->path,
	    rl->idx + 1, rl->name, what);
}

/* The key path and the value name of MACHINE\Sub\Key\Name. */
static int
split_name(const struct regline *rl, struct hp_path *key,
    const char **vname, struct hp_error *e)
{
	static const struct { const char *word; const char *root; } roots[] = {
		{ "MACHINE", "HKLM" }, { "USERS", "HKU" },
		{ "CLASSES_ROOT", "HKCR" }
	};
	const char *slash = strchr(rl->name, '\\');
	const char *last = strrchr(rl->name, '\\');
	char *full;
	size_t i;
	int r;

	for (i = 0; slash != NULL && i < sizeof(roots) / sizeof(roots[0]); i++)
		if (strlen(roots[i].word) == (size_t)(slash - rl->name) &&
		    strncasecmp(rl->name, roots[i].word, strlen(roots[i].word))
		    == 0)
			break;
	if (slash == NULL || i == sizeof(roots) / sizeof(roots[0]))
		return bad(rl, e, "not under MACHINE\\, USERS\\ or "
		    "CLASSES_ROOT\\");
	if (last == slash || last[1] == '\0')
		return bad(rl, e, "no key and value name after the root");
	full = hp_strfmt("%s%.*s", roots[i].root, (int)(last - slash), slash);
	r = hp_path_parse(full, key, e);
	free(full);
	if (r == -1) {
		hp_error_prefix(e, "%s:%zu", rl->t->path, rl->idx + 1);
		return -1;
	}
	*vname = last + 1;
	return 0;
}

/* The fields after the type joined by sep (Windows joins them by ','). */
static void
data_text(const struct regline *rl, const char *sep, struct hp_buf *out)
{
	const char *f = rl->fields.buf;
	size_t i;

	for (i = 0; i < rl->nfields; i++, f += strlen(f) + 1)
		if (i >= 1) {
			if (i > 1)
				hp_buf_adds(out, sep);
			hp_buf_adds(out, f);
		}
}

static int
set_utf16(struct hp_value *v, uint32_t type, const char *s, size_t len,
    const struct regline *rl, struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;

	if (hp_utf16_encode(s, len, &b) != 0) {
		hp_buf_release(&b);
		return bad(rl, e, "text that is not UTF-8");
	}
	hp_value_set(v, type, b.buf, b.len);
	hp_buf_release(&b);
	return 0;
}

/* REG_MULTI_SZ: the commas of the data end the strings. */
static int
set_multi(struct hp_value *v, const char *data, const struct regline *rl,
    struct hp_error *e)
{
	struct hp_buf s = HP_BUF_INIT;
	int r;

	hp_buf_add(&s, data, strlen(data) + 1);
	for (char *c = s.buf; *c != '\0'; c++)
		if (*c == ',')
			*c = '\0';
	hp_buf_addc(&s, '\0');
	r = set_utf16(v, HP_REG_MULTI_SZ, s.buf, s.len, rl, e);
	hp_buf_release(&s);
	return r;
}

static int
set_dword(struct hp_value *v, const char *data, const struct regline *rl,
    struct hp_error *e)
{
	char *end;
	long long x;

	errno = 0;
	x = strtoll(data, &end, 10);
	if (*data == '\0' || *end != '\0' || errno != 0 ||
	    x < INT32_MIN || x > (long long)UINT32_MAX)
		return bad(rl, e, "REG_DWORD data is not a 32-bit decimal "
		    "number");
	hp_value_set_dword(v, (uint32_t)x);
	return 0;
}

static int
set_binary(struct hp_value *v, const char *data, const struct regline *rl,
    struct hp_error *e)
{
	struct hp_buf digits = HP_BUF_INIT, bytes = HP_BUF_INIT;
	size_t i;
	int r = 0;

	if (strlen(data) % 2 != 0)
		hp_buf_addc(&digits, '0');
	hp_buf_adds(&digits, data);
	for (i = 0; i < digits.len && r == 0; i += 2) {
		int hi = hp_text_hexdigit((unsigned char)digits.buf[i]);
		int lo = hp_text_hexdigit((unsigned char)digits.buf[i + 1]);

		if (hi < 0 || lo < 0)
			r = bad(rl, e, "REG_BINARY data is not hex digits");
		else
			hp_buf_addc(&bytes, hi << 4 | lo);
	}
	if (r == 0)
		hp_value_set(v, HP_REG_BINARY, bytes.buf, bytes.len);
	hp_buf_release(&digits);
	hp_buf_release(&bytes);
	return r;
}

/* The value a line sets, by its type. */
static int
line_value(const struct regline *rl, long type, struct hp_value *v,
    struct hp_error *e)
{
	struct hp_buf data = HP_BUF_INIT;
	int r;

	data_text(rl, type == HP_REG_MULTI_SZ &&
	    strcasecmp(rl->name, LEGAL_NOTICE_TEXT) == 0 ? "\r\n" : ",", &data);
	switch (type) {
	case HP_REG_SZ:
	case HP_REG_EXPAND_SZ:
		hp_buf_add(&data, "", 1);
		r = set_utf16(v, (uint32_t)type, data.buf, data.len, rl, e);
		break;
	case HP_REG_MULTI_SZ:
		if (strcasecmp(rl->name, LEGAL_NOTICE_TEXT) == 0) {
			hp_buf_add(&data, "", 1);
			r = set_utf16(v, HP_REG_SZ, data.buf, data.len, rl, e);
		} else {
			r = set_multi(v, data.buf, rl, e);
		}
		break;
	case HP_REG_DWORD:
		r = set_dword(v, data.buf, rl, e);
		break;
	case HP_REG_BINARY:
		r = set_binary(v, data.buf, rl, e);
		break;
	default:
		r = bad(rl, e, "registry value type is not 1, 2, 3, 4, 7 or "
		    "-1");
	}
	hp_buf_release(&data);
	return r;
}

/* The type field: a decimal number. */
static int
line_type(const struct regline *rl, long *type, struct hp_error *e)
{
	const char *f = rl->fields.buf;
	char *end;

	if (rl->nfields < 2 && !(rl->nfields == 1 && strcmp(f, "-1") == 0))
		return bad(rl, e, "expected TYPE,DATA after '='");
	errno = 0;
	*type = strtol(f, &end, 10);
	if (*f == '\0' || *end != '\0' || errno != 0)
		return bad(rl, e, "registry value type is not a number");
	return 0;
}

static int
add_line_ops(struct regline *rl, struct hp_patch *out, struct hp_warnings *w,
    struct hp_error *e)
{
	struct hp_value v = HP_VALUE_INIT;
	struct hp_path key = HP_PATH_INIT;
	const char *vname = NULL;
	long type = 0;
	int r;

	r = split_name(rl, &key, &vname, e);
	if (r == 0)
		r = line_type(rl, &type, e);
	if (r == 0 && type == HP_REG_BINARY && rl->nfields == 2 &&
	    *(rl->fields.buf + strlen(rl->fields.buf) + 1) == '\0')
		/* Windows sets nothing for empty binary data. */
		hp_warn(w, "%s:%zu: %s: empty REG_BINARY data: not set",
		    rl->t->path, rl->idx + 1, rl->name);
	else if (r == 0 && type == -1)
		hp_patch_add(out, HP_OP_DELETE_VALUE, &key, vname, NULL,
		    rl->idx + 1);
	else if (r == 0 && (r = line_value(rl, type, &v, e)) == 0)
		hp_patch_add(out, HP_OP_SET_VALUE, &key, vname, &v,
		    rl->idx + 1);
	hp_value_free(&v);
	hp_path_free(&key);
	return r;
}

int
hp_secedit_patch(const struct hp_secedit *t, struct hp_patch *out,
    struct hp_warnings *w, struct hp_error *e)
{
	struct regline rl;
	size_t i;
	int r = 0;

	for (i = 0; i < t->n && r == 0; i++) {
		const struct hp_secedit_line *l = &t->lines[i];

		if (l->kind != HP_SECEDIT_ENTRY || strcasecmp(
		    t->sections[l->section].name, "Registry Values") != 0)
			continue;
		memset(&rl, 0, sizeof(rl));
		rl.t = t;
		rl.idx = i;
		rl.name = l->key != NULL ? l->key : l->value;
		rl.fields = (struct hp_buf)HP_BUF_INIT;
		if (l->key == NULL)
			r = hp_error_set(e, HP_E_INPUT, "%s:%zu: expected "
			    "NAME=TYPE,DATA", t->path, i + 1);
		else
			hp_secedit_fields(l->value, &rl.fields, &rl.nfields);
		if (r == 0)
			r = add_line_ops(&rl, out, w, e);
		hp_buf_release(&rl.fields);
	}
	return r;
}
