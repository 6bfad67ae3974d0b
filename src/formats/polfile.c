/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Registry.pol entries (docs/pol-format.md): building them, what their
 * names mean, and which class a file is for.  pol_read.c reads a file,
 * pol_write.c writes one, pol_patch.c turns entries into a patch and back.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/text.h"
#include "formats/pol_impl.h"
#include "formats/polfile.h"
#include "formats/utf16.h"

void
hp_pol_entry_free(struct hp_pol_entry *en)
{
	free(en->key);
	free(en->name);
	free(en->key16);
	free(en->name16);
	hp_value_free(&en->value);
}

void
hp_pol_free(struct hp_pol *pol)
{
	size_t i;

	for (i = 0; i < pol->n; i++)
		hp_pol_entry_free(&pol->v[i]);
	free(pol->v);
	pol->v = NULL;
	pol->n = pol->cap = 0;
}

/* UTF-8 to UTF-16LE; plain ASCII skips iconv. */
static int
str_to_utf16(const char *s, unsigned char **out, size_t *n,
    struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;
	size_t i, len = strlen(s);

	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == len)
		hp_utf16_encode(s, len, &b);
	else if (hp_text_to_utf16(s, len, &b, e) == -1) {
		hp_buf_release(&b);
		return -1;
	}
	*out = (unsigned char *)hp_buf_detach(&b, n);
	return 0;
}

/* A Registry.pol's names end at U+0000: one holding it is refused. */
static int
nul_name(const char *key, const char *name, struct hp_error *e)
{
	struct hp_buf k = HP_BUF_INIT, n = HP_BUF_INIT;

	hp_name_escape(key, &k);
	hp_name_escape(name, &n);
	if (hp_name_has_nul(key))
		hp_error_set(e, HP_E_INPUT, "key \"%s\": its name holds "
		    "U+0000, which a Registry.pol cannot carry", k.buf);
	else
		hp_error_set(e, HP_E_INPUT, "key \"%s\": value \"%s\" "
		    "holds U+0000, which a Registry.pol cannot carry", k.buf,
		    n.buf);
	hp_buf_release(&k);
	hp_buf_release(&n);
	return -1;
}

int
hp_pol_add(struct hp_pol *pol, const char *key, const char *name,
    const struct hp_value *v, struct hp_error *e)
{
	struct hp_pol_entry en;

	if (hp_name_has_nul(key) || hp_name_has_nul(name))
		return nul_name(key, name, e);

	memset(&en, 0, sizeof(en));
	en.key = hp_strdup(key);
	en.name = hp_strdup(name);
	hp_value_copy(&en.value, v);
	if (str_to_utf16(key, &en.key16, &en.key16len, e) == -1 ||
	    str_to_utf16(name, &en.name16, &en.name16len, e) == -1) {
		hp_pol_entry_free(&en);
		return -1;
	}
	HP_ALLOC_GROW(pol->v, pol->n + 1, pol->cap);
	pol->v[pol->n++] = en;
	return 0;
}

int
hp_pol_add_value(struct hp_pol *pol, const char *key, const char *name,
    const struct hp_value *v, struct hp_error *e)
{
	if (*name == '\0' && v->type == HP_REG_NONE && v->len == 0)
		return hp_error_set(e, HP_E_INPUT, "key \"%s\": its default "
		    "value is REG_NONE with no data, which a Registry.pol "
		    "holds only as the entry that creates the key (the value "
		    "would be lost; a .reg file keeps it)", key);
	return hp_pol_add(pol, key, name, v, e);
}

/* n is the command after "**", a trailing dot tolerated. */
static int
is_command(const char *n, const char *cmd)
{
	size_t len = strlen(cmd);

	return strncasecmp(n, cmd, len) == 0 &&
	    (n[len] == '\0' || strcmp(n + len, ".") == 0);
}

enum hp_pol_cmd
hp_pol_classify(const struct hp_pol_entry *en, const char **arg)
{
	const char *n = en->name;

	*arg = NULL;
	if (strncmp(n, "**", 2) != 0) {
		if (*n == '\0' && en->value.type == HP_REG_NONE &&
		    en->value.len == 0)
			return HP_POL_CREATE_KEY;
		*arg = n;
		return HP_POL_SET;
	}
	n += 2;
	if (strncasecmp(n, "del.", 4) == 0) {
		*arg = n + 4;
		return HP_POL_DEL;
	}
	if (strncasecmp(n, "soft.", 5) == 0) {
		*arg = n + 5;
		return HP_POL_SOFT;
	}
	if (strncasecmp(n, "comment:", 8) == 0)
		return HP_POL_COMMENT;
	if (is_command(n, "delvals"))
		return HP_POL_DELVALS;
	if (is_command(n, "deletevalues"))
		return HP_POL_DELETEVALUES;
	if (is_command(n, "deletekeys"))
		return HP_POL_DELETEKEYS;
	if (is_command(n, "securekey"))
		return HP_POL_SECUREKEY;
	return HP_POL_UNKNOWN;
}

int
hp_pol_each_item(const struct hp_pol_entry *en, int (*fn)(void *,
    const char *, struct hp_error *), void *arg, struct hp_error *e)
{
	struct hp_buf text = HP_BUF_INIT;
	char *tok, *save = NULL;
	int r;

	if (!hp_pol_is_string_type(en->value.type) || en->value.len % 2 != 0)
		return hp_error_set(e, HP_E_INPUT, "%s data is not a "
		    "string", en->name);
	r = hp_value_get_string(&en->value, &text, e);
	for (tok = strtok_r(text.buf, ";", &save); tok != NULL && r == 0;
	    tok = strtok_r(NULL, ";", &save))
		r = fn(arg, tok, e);
	hp_buf_release(&text);
	return r;
}

enum hp_root
hp_pol_class_from_path(const char *path)
{
	const char *base, *dir;
	size_t n;

	if ((base = strrchr(path, '/')) == NULL)
		return HP_ROOT_NONE;
	if (strcasecmp(base + 1, "registry.pol") != 0)
		return HP_ROOT_NONE;
	for (dir = base; dir > path && dir[-1] != '/'; dir--)
		;
	n = (size_t)(base - dir);
	if (n == 7 && strncasecmp(dir, "machine", 7) == 0)
		return HP_ROOT_HKLM;
	if (n == 4 && strncasecmp(dir, "user", 4) == 0)
		return HP_ROOT_HKCU;
	return HP_ROOT_NONE;
}

int
hp_pol_class_parse(const char *s, enum hp_root *root)
{
	if (strcasecmp(s, "machine") == 0 || strcasecmp(s, "computer") == 0 ||
	    strcasecmp(s, "hklm") == 0)
		*root = HP_ROOT_HKLM;
	else if (strcasecmp(s, "user") == 0 || strcasecmp(s, "hkcu") == 0)
		*root = HP_ROOT_HKCU;
	else
		return -1;
	return 0;
}

const char *
hp_pol_class_name(enum hp_root root)
{
	return root == HP_ROOT_HKLM ? "Computer" :
	    root == HP_ROOT_HKCU ? "User" : "Unknown";
}
