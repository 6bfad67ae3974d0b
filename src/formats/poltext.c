/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Registry.pol entries as text lines and as JSON objects (poltext.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "core/value.h"
#include "formats/json.h"
#include "formats/polfile.h"
#include "formats/poltext.h"

/* Text with control characters (tab and newline included) escaped. */
static void
add_text(struct hp_buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			hp_buf_adds(out, "\\n");
		else if (c == '\r')
			hp_buf_adds(out, "\\r");
		else if (c == '\t')
			hp_buf_adds(out, "\\t");
		else if (c < 0x20 || c == 0x7f)
			hp_buf_addf(out, "\\x%02x", c);
		else
			hp_buf_addc(out, c);
	}
}

static const char *
type_word(uint32_t t)
{
	switch (t) {
	case HP_REG_NONE:		return "NONE";
	case HP_REG_SZ:			return "SZ";
	case HP_REG_EXPAND_SZ:		return "EXSZ";
	case HP_REG_BINARY:		return "BINARY";
	case HP_REG_DWORD:		return "DWORD";
	case HP_REG_DWORD_BIG_ENDIAN:	return "DWORD_BE";
	case HP_REG_LINK:		return "LINK";
	case HP_REG_MULTI_SZ:		return "MULTISZ";
	case HP_REG_QWORD:		return "QWORD";
	}
	return NULL;
}

/*
 * MULTISZ strings joined by a literal "\0", as LGPO writes them; -1 if a
 * string is not valid UTF-16.
 */
static int
add_multi(struct hp_buf *out, const struct hp_value *v)
{
	struct hp_buf s = HP_BUF_INIT;
	size_t i, start, nstr = 0;
	int r = 0;

	for (start = i = 0; i + 1 < v->len && r == 0; i += 2) {
		if (v->data[i] || v->data[i + 1])
			continue;
		if (i == start)
			break;
		hp_buf_reset(&s);
		if ((r = hp_text_from_utf16(v->data + start, i - start, &s,
		    NULL)) == 0) {
			if (nstr++ > 0)
				hp_buf_adds(out, "\\0");
			add_text(out, s.buf, s.len);
		}
		start = i + 2;
	}
	hp_buf_release(&s);
	return r;
}

/* DATA for TYPE:DATA, or -1 if it does not decode as its type. */
static int
add_data(struct hp_buf *out, const struct hp_value *v)
{
	struct hp_buf s = HP_BUF_INIT;
	uint32_t d;
	uint64_t q;
	int r = -1;

	switch (v->type) {
	case HP_REG_SZ:
	case HP_REG_EXPAND_SZ:
	case HP_REG_LINK:
		if (v->len % 2 == 0 && hp_value_get_string(v, &s, NULL) == 0) {
			add_text(out, s.buf, s.len);
			r = 0;
		}
		break;
	case HP_REG_MULTI_SZ:
		if (v->len % 2 == 0)
			r = add_multi(out, v);
		break;
	case HP_REG_DWORD:
		if (v->len == 4 && hp_value_get_u32(v, &d) == 0) {
			hp_buf_addf(out, "%lu", (unsigned long)d);
			r = 0;
		}
		break;
	case HP_REG_QWORD:
		if (v->len == 8 && hp_value_get_u64(v, &q) == 0) {
			hp_buf_addf(out, "%llu", (unsigned long long)q);
			r = 0;
		}
		break;
	case HP_REG_NONE:
		if (v->len == 0) {
			out->len--;	/* "NONE", no colon */
			out->buf[out->len] = '\0';
			r = 0;
		}
		break;
	case HP_REG_BINARY:
	case HP_REG_DWORD_BIG_ENDIAN:
		hp_buf_addhex(out, v->data, v->len, NULL);
		r = 0;
		break;
	}
	hp_buf_release(&s);
	return r;
}

/* TYPE:DATA; data that does not decode as its type is shown in hex. */
static void
add_typed(struct hp_buf *out, const struct hp_value *v)
{
	const char *w = type_word(v->type);
	size_t mark = out->len;

	if (w != NULL) {
		hp_buf_addf(out, "%s:", w);
		if (add_data(out, v) == 0)
			return;
	}
	/* Undecodable or unknown: the exact bytes. */
	out->len = mark;
	out->buf[mark] = '\0';
	hp_buf_addf(out, "HEX(%lu):", (unsigned long)v->type);
	hp_buf_addhex(out, v->data, v->len, NULL);
}

/* WORD:a;b for a string, else WORD:TYPE:DATA. */
static void
add_list(struct hp_buf *out, const char *word, const struct hp_value *v)
{
	struct hp_buf s = HP_BUF_INIT;

	hp_buf_addf(out, "%s:", word);
	if (v->len % 2 == 0 && hp_value_get_string(v, &s, NULL) == 0)
		add_text(out, s.buf, s.len);
	else
		add_typed(out, v);
	hp_buf_release(&s);
}

/* The NAME column: the value a command is about, or "*" for the key. */
static void
add_name(struct hp_buf *out, const struct hp_pol_entry *en,
    enum hp_pol_cmd c, const char *arg)
{
	switch (c) {
	case HP_POL_SET:
	case HP_POL_DEL:
	case HP_POL_SOFT:
		if (*arg)
			add_text(out, arg, strlen(arg));
		else
			hp_buf_addc(out, '@');
		break;
	case HP_POL_UNKNOWN:
		add_text(out, en->name, strlen(en->name));
		break;
	default:
		hp_buf_addc(out, '*');
	}
}

/* The ACTION column: a command's word, the data after it if any. */
static void
add_action(struct hp_buf *out, const struct hp_pol_entry *en,
    enum hp_pol_cmd c)
{
	static const char *const words[] = {
		[HP_POL_CREATE_KEY] = "CREATEKEY",
		[HP_POL_DEL] = "DELETE",
		[HP_POL_DELVALS] = "DELETEALLVALUES",
		[HP_POL_DELETEVALUES] = "DELETEVALUES",
		[HP_POL_DELETEKEYS] = "DELETEKEYS",
		[HP_POL_SOFT] = "SOFT",
		[HP_POL_SECUREKEY] = "SECUREKEY",
		[HP_POL_COMMENT] = "COMMENT",
		[HP_POL_UNKNOWN] = "UNKNOWNCOMMAND",
	};
	uint32_t d;

	switch (c) {
	case HP_POL_SET:
		add_typed(out, &en->value);
		break;
	case HP_POL_CREATE_KEY:
	case HP_POL_DEL:
	case HP_POL_DELVALS:
		hp_buf_adds(out, words[c]);
		break;
	case HP_POL_SOFT:
	case HP_POL_UNKNOWN:
		hp_buf_addf(out, "%s:", words[c]);
		add_typed(out, &en->value);
		break;
	case HP_POL_SECUREKEY:
		if (hp_value_get_u32(&en->value, &d) == 0 &&
		    en->value.type == HP_REG_DWORD) {
			hp_buf_addf(out, "%s:%lu", words[c], (unsigned long)d);
			break;
		}
		/* FALLTHROUGH */
	case HP_POL_DELETEVALUES:
	case HP_POL_DELETEKEYS:
	case HP_POL_COMMENT:
		add_list(out, words[c], &en->value);
		break;
	}
}

int
hp_pol_entry_describe(const struct hp_pol_entry *en, enum hp_root root,
    struct hp_buf *out)
{
	const char *arg;
	enum hp_pol_cmd c = hp_pol_classify(en, &arg);

	hp_buf_addf(out, "%s\t", hp_pol_class_name(root));
	add_text(out, en->key, strlen(en->key));
	hp_buf_addc(out, '\t');
	add_name(out, en, c, arg);
	hp_buf_addc(out, '\t');
	add_action(out, en, c);
	return 0;
}

static const char *
command_name(enum hp_pol_cmd c)
{
	switch (c) {
	case HP_POL_SET:		return "set";
	case HP_POL_CREATE_KEY:		return "create-key";
	case HP_POL_DEL:		return "delete-value";
	case HP_POL_DELVALS:		return "delete-all-values";
	case HP_POL_DELETEVALUES:	return "delete-values";
	case HP_POL_DELETEKEYS:		return "delete-keys";
	case HP_POL_SOFT:		return "set-if-absent";
	case HP_POL_SECUREKEY:		return "secure-key";
	case HP_POL_COMMENT:		return "comment";
	case HP_POL_UNKNOWN:		return "unknown";
	}
	return "unknown";
}

struct json_object *
hp_pol_entry_json(const struct hp_pol_entry *en, enum hp_root root)
{
	struct json_object *o = hp_json_value(en->name, &en->value);
	const char *arg;
	enum hp_pol_cmd c = hp_pol_classify(en, &arg);

	if (o == NULL)
		return NULL;
	json_object_object_add(o, "offset", json_object_new_int64(
	    (int64_t)en->offset));
	json_object_object_add(o, "class", root == HP_ROOT_NONE ? NULL :
	    json_object_new_string(root == HP_ROOT_HKLM ? "machine" :
	    "user"));
	json_object_object_add(o, "key", json_object_new_string(en->key));
	json_object_object_add(o, "command",
	    json_object_new_string(command_name(c)));
	if (arg != NULL && (c == HP_POL_DEL || c == HP_POL_SOFT ||
	    c == HP_POL_SET))
		json_object_object_add(o, "value_name",
		    json_object_new_string(arg));
	if (en->extra_nul)
		json_object_object_add(o, "extra_nul",
		    json_object_new_boolean(1));
	return o;
}
