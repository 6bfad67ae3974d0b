/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A baseline as a policy file (hivepol policy import): libconfuse text
 * that policy_read.c reads back to the same settings, so an auditor can
 * add rules, rationale and severities to a Microsoft or DISA baseline.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/le.h"
#include "policy/baseline.h"
#include "templates/vocab.h"

/* s in double quotes with libconfuse's escapes; -1 for what has none. */
static int
quoted(struct hp_buf *out, const char *s)
{
	const char *p;

	/* libconfuse expands ${NAME} inside double quotes. */
	if (strstr(s, "${") != NULL)
		return -1;
	hp_buf_addc(out, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			hp_buf_addc(out, '\\');
		if (*p == '\n')
			hp_buf_adds(out, "\\n");
		else if (*p == '\t')
			hp_buf_adds(out, "\\t");
		else if ((unsigned char)*p < 0x20)
			return -1;
		else
			hp_buf_addc(out, *p);
	}
	hp_buf_addc(out, '"');
	return 0;
}

/* text on comment lines: a line break would end the comment. */
static void
comment(struct hp_buf *out, const char *text)
{
	for (; *text != '\0'; text++)
		hp_buf_addc(out, (unsigned char)*text < 0x20 ? ' ' : *text);
}

static const char *
type_word(uint32_t type, char tmp[16])
{
	switch (type) {
	case HP_REG_NONE:		return "none";
	case HP_REG_SZ:			return "sz";
	case HP_REG_EXPAND_SZ:		return "expand_sz";
	case HP_REG_BINARY:		return "binary";
	case HP_REG_DWORD:		return "dword";
	case HP_REG_DWORD_BIG_ENDIAN:	return "dword_be";
	case HP_REG_LINK:		return "link";
	case HP_REG_MULTI_SZ:		return "multi_sz";
	case HP_REG_QWORD:		return "qword";
	default:
		snprintf(tmp, 16, "%" PRIu32, type);
		return tmp;
	}
}

/* The strings of a REG_MULTI_SZ as a list. */
static int
multi_data(struct hp_buf *out, const struct hp_value *v)
{
	struct hp_buf strs = HP_BUF_INIT;
	const char *p;
	size_t i, n;
	int r = 0;

	if (hp_value_get_multi(v, &strs, &n) == -1 || n == 0) {
		hp_buf_release(&strs);
		return -1;
	}
	hp_buf_addc(out, '{');
	for (i = 0, p = strs.buf; i < n && r == 0; i++, p += strlen(p) + 1) {
		if (i > 0)
			hp_buf_adds(out, ", ");
		r = quoted(out, p);
	}
	hp_buf_addc(out, '}');
	hp_buf_release(&strs);
	return r;
}

/* data = ... in the words hp_value_parse reads back; -1 if none fit. */
static int
data_text(struct hp_buf *out, const struct hp_value *v)
{
	struct hp_error none = HP_ERROR_INIT;
	struct hp_buf s = HP_BUF_INIT;
	uint64_t q;
	uint32_t d;
	size_t i;
	int r = 0;

	switch (v->type) {
	case HP_REG_DWORD:
	case HP_REG_QWORD:
		if (v->len > (v->type == HP_REG_DWORD ? 4u : 8u) ||
		    hp_value_get_u64(v, &q) == -1)
			return -1;
		hp_buf_addf(out, "\"%" PRIu64 "\"", q);
		return 0;
	case HP_REG_DWORD_BIG_ENDIAN:
		if (v->len != 4)
			return -1;
		d = hp_be32(v->data);
		hp_buf_addf(out, "\"%" PRIu32 "\"", d);
		return 0;
	case HP_REG_SZ:
	case HP_REG_EXPAND_SZ:
	case HP_REG_LINK:
		r = hp_value_get_string(v, &s, &none) == -1 ? -1 :
		    quoted(out, s.buf ? s.buf : "");
		hp_buf_release(&s);
		return r;
	case HP_REG_MULTI_SZ:
		return multi_data(out, v);
	default:
		hp_buf_addc(out, '"');
		for (i = 0; i < v->len; i++)
			hp_buf_addf(out, "%s%02x", i ? "," : "", v->data[i]);
		hp_buf_addc(out, '"');
		return 0;
	}
}

/*
 * Why a registry setting is there: the policy a template says writes it
 * ("Category/Policy: Enabled"), else the GPO's name.
 */
static void
reason(const struct hp_baseline *bl, const struct hp_bl_item *it,
    const struct hp_vocab *v, struct hp_buf *out)
{
	struct hp_vocab_name n = HP_VOCAB_NAME_INIT;

	if (v != NULL && hp_vocab_name_path(v, &it->key, it->value,
	    it->forbidden ? HP_VOCAB_DELETED : HP_VOCAB_SET, it->any_data ?
	    NULL : &it->data, &n) == 1)
		hp_vocab_name_text(&n, out);
	else
		hp_buf_adds(out, bl->title);
	hp_vocab_name_release(&n);
}

/* One registry setting; 0, or 1 if the policy language cannot say it. */
static int
write_setting(const struct hp_baseline *bl, const struct hp_bl_item *it,
    const struct hp_vocab *v, struct hp_buf *out)
{
	struct hp_buf b = HP_BUF_INIT, key = HP_BUF_INIT, why = HP_BUF_INIT;
	char tmp[16];
	int r;

	hp_path_format_short(&it->key, &key);
	hp_buf_adds(&b, "# ");
	comment(&b, it->file);
	hp_buf_addf(&b, ", offset %lu\nsetting ", it->line);
	r = quoted(&b, it->name);
	hp_buf_adds(&b, " {\n\tkey = ");
	r |= quoted(&b, key.buf);
	hp_buf_adds(&b, "\n\tvalue = ");
	r |= quoted(&b, *it->value ? it->value : "@");
	if (it->forbidden)
		hp_buf_adds(&b, "\n\tpresence = \"forbidden\"");
	else
		hp_buf_addf(&b, "\n\ttype = \"%s\"", type_word(it->data.type,
		    tmp));
	if (!it->forbidden && !it->any_data) {
		hp_buf_adds(&b, "\n\tdata = ");
		r |= data_text(&b, &it->data);
	}
	hp_buf_adds(&b, "\n\tsource = ");
	r |= quoted(&b, it->file);
	hp_buf_adds(&b, "\n\trationale = ");
	reason(bl, it, v, &why);
	r |= quoted(&b, why.buf);
	hp_buf_adds(&b, "\n}\n\n");
	if (r == 0)
		hp_buf_add(out, b.buf, b.len);
	hp_buf_release(&b);
	hp_buf_release(&key);
	hp_buf_release(&why);
	return r != 0;
}

/* One named setting as a security requirement of its exact value. */
static int
write_require(const struct hp_baseline *bl, const struct hp_bl_item *it,
    struct hp_buf *out)
{
	struct hp_buf b = HP_BUF_INIT;
	int r;

	hp_buf_adds(&b, "# ");
	comment(&b, it->file);
	hp_buf_addf(&b, ", line %lu", it->line);
	if (it->label != NULL) {
		hp_buf_adds(&b, ": ");
		comment(&b, it->label);
	}
	hp_buf_adds(&b, "\nsecurity ");
	r = quoted(&b, it->name);
	hp_buf_adds(&b, " {\n\tsection = ");
	r |= quoted(&b, it->section);
	hp_buf_adds(&b, "\n\tname = ");
	r |= quoted(&b, it->setting);
	hp_buf_adds(&b, "\n\tvalue = ");
	r |= quoted(&b, it->text);
	hp_buf_adds(&b, "\n\tsource = ");
	r |= quoted(&b, it->file);
	hp_buf_adds(&b, "\n\trationale = ");
	r |= quoted(&b, it->label != NULL ? it->label : bl->title);
	hp_buf_adds(&b, "\n}\n\n");
	if (r == 0)
		hp_buf_add(out, b.buf, b.len);
	hp_buf_release(&b);
	return r != 0;
}

void
hp_baseline_write_policy(const struct hp_baseline *bl,
    const struct hp_vocab *v, struct hp_buf *out)
{
	const struct hp_bl_item *it;
	size_t i, left = 0;

	hp_buf_adds(out, "# Imported by hivepol policy import from the GPO \"");
	comment(out, bl->title);
	hp_buf_adds(out, "\"\n# (");
	comment(out, bl->path);
	hp_buf_adds(out, ").\n# One setting per registry setting: values set "
	    "exactly, deletions as\n# presence = \"forbidden\"; one security "
	    "section per setting of its security\n# template and audit "
	    "policy.  Add rules, severities and rationale as needed.\n"
	    "\ndescription = ");
	if (quoted(out, bl->title) == -1)
		hp_buf_adds(out, "\"baseline\"");
	hp_buf_adds(out, "\n\n");
	for (i = 0; i < bl->n; i++) {
		it = &bl->v[i];
		left += (size_t)(it->kind == HP_BL_REGISTRY ?
		    write_setting(bl, it, v, out) : write_require(bl, it, out));
	}
	if (left > 0)
		hp_buf_addf(out, "# %zu setting%s left out: data or names the "
		    "policy language cannot\n# write (control characters, "
		    "${...}).\n", left, left == 1 ? "" : "s");
}
