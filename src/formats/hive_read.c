/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the hive's view reads from the file beyond libhivex's defaults:
 * names by their stored length (U+0000 kept), value lookups that do not
 * stop at a NUL, subkey lists whose count disagrees with the key, and
 * the warnings and write refusals of such corrupt lists.
 */
#include <errno.h>
#include <hivex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/text.h"
#include "formats/hive_impl.h"

/*
 * libhivex returns a name as a C string, cut at a U+0000 the name holds;
 * its length says where the name ends.  Each such character becomes
 * HP_NAME_NUL (core/text.h).
 */
static char *
name_fix(char *name, size_t len)
{
	struct hp_buf b = HP_BUF_INIT;
	size_t i;

	if (name == NULL || strlen(name) >= len)
		return name;
	for (i = 0; i < len; i++)
		if (name[i] == '\0')
			hp_buf_adds(&b, HP_NAME_NUL);
		else
			hp_buf_addc(&b, name[i]);
	free(name);
	return hp_buf_detach(&b, NULL);
}

/*
 * Where a name starts in its cell (size field included): an nk's at 80,
 * a vk's at 24.  A cell's struct length less that is the name's stored
 * bytes, and a name of n stored bytes, whole, has at least n bytes of
 * UTF-8 when stored one byte a unit (as nearly all are): only a shorter
 * one needs the second decoding hivex_*_len does to tell its length.
 */
#define NK_NAME_AT	80
#define VK_NAME_AT	24

/* libhivex's calls for one kind of cell (node and value handles alike). */
struct named {
	char	*(*name)(hive_h *, size_t);
	size_t	 (*cell)(hive_h *, size_t);	/* struct length */
	size_t	 (*len)(hive_h *, size_t);
	size_t	 at;
};

static const struct named nk_calls = {
	hivex_node_name, hivex_node_struct_length, hivex_node_name_len,
	NK_NAME_AT
};
static const struct named vk_calls = {
	hivex_value_key, hivex_value_struct_length, hivex_value_key_len,
	VK_NAME_AT
};

static char *
stored_name(struct hp_hive *hv, const struct named *c, size_t h)
{
	char *name = c->name(hv->h, h);

	if (name == NULL || strlen(name) + c->at >= c->cell(hv->h, h))
		return name;
	return name_fix(name, c->len(hv->h, h));
}

char *
hive_node_name(struct hp_hive *hv, hive_node_h node)
{
	return stored_name(hv, &nk_calls, node);
}

char *
hive_value_name(struct hp_hive *hv, hive_value_h vh)
{
	return stored_name(hv, &vk_calls, vh);
}

/*
 * The file's value of key named name (hivex_node_get_value would match
 * "a" to a name "a" followed by U+0000): 0 if none, errno set on error.
 */
hive_value_h
hive_file_value(struct hp_hive *hv, hp_node key, const char *name)
{
	hive_value_h *vals, found = 0;
	size_t i;
	int err = 0;

	errno = 0;
	if ((vals = hivex_node_values(hv->h, (hive_node_h)key)) == NULL)
		return 0;
	for (i = 0; vals[i] != 0 && found == 0; i++) {
		char *n;

		errno = 0;
		if ((n = hive_value_name(hv, vals[i])) == NULL) {
			err = errno ? errno : EINVAL;
			break;
		}
		if (hp_name_eq(n, name))
			found = vals[i];
		free(n);
	}
	free(vals);
	errno = err;
	return found;
}

/* The file's key at node as messages name it (its path, escaped). */
static void
hive_key_path(struct hp_hive *hv, hp_node node, struct hp_buf *out)
{
	struct hp_path rel = HP_PATH_INIT, full;
	struct hp_error e = HP_ERROR_INIT;
	hive_node_h n = (hive_node_h)node, root;
	size_t i;

	if (hive_handle(hv, &e) == -1) {
		hp_buf_addf(out, "the key at offset 0x%zx", (size_t)node);
		return;
	}
	root = hivex_root(hv->h);
	for (i = 0; n != root && n != 0 && i < HP_MAX_KEY_DEPTH; i++) {
		char *name = hive_node_name(hv, n);

		if (name == NULL)
			break;
		hp_path_take(&rel, name);
		n = hivex_node_parent(hv->h, n);
	}
	for (i = 0; i < rel.n / 2; i++) {
		char *t = rel.comps[i];

		rel.comps[i] = rel.comps[rel.n - 1 - i];
		rel.comps[rel.n - 1 - i] = t;
	}
	if (hv->has_mount) {
		hp_path_join(&full, &hv->mount, &rel);
		hp_path_format(&full, out);
		hp_path_free(&full);
	} else {
		hp_buf_addc(out, '\\');
		hp_path_format(&rel, out);
	}
	hp_path_free(&rel);
}

void
hive_corrupt(struct hp_hive *hv, hp_node node, unsigned flag,
    const char *what)
{
	struct okey *k = hive_okey_get(hv, node);
	struct hp_buf b = HP_BUF_INIT;

	if (k->flags & flag)
		return;
	k->flags |= flag;
	hp_buf_addf(&b, "%s: corrupt hive: key ", hv->path);
	hive_key_path(hv, node, &b);
	hp_buf_addf(&b, " %s", what);
	hp_warn(hv->warn, "%s; read as listed", b.buf);
	if (hv->corrupt == NULL) {
		hp_buf_adds(&b, flag == OK_WARNED_DUP ? "; a write would keep "
		    "both keys under one name" : flag == OK_WARNED_DUPVAL ?
		    "; a write would keep both values under one name" :
		    "; a write would store the count of its list, a repair "
		    "Windows does not make");
		hv->corrupt = hp_buf_detach(&b, NULL);
	}
	hp_buf_release(&b);
}

int
hive_write_refused(struct hp_hive *hv, struct hp_error *e)
{
	if (hv->corrupt == NULL || (hv->flags & HP_HIVE_FORCE))
		return 0;
	hp_error_set(e, HP_E_INPUT, "refusing to write: %s", hv->corrupt);
	return hp_error_hint(e, HP_HINT_FORCE_CORRUPT);
}

/*
 * The subkeys of the file's key at node.  A count in the key that its
 * list disagrees with stops libhivex; the list is then read through a
 * second handle that accepts it, with a warning (reglookup reads such
 * keys so too).
 */
hive_node_h *
hive_children(struct hp_hive *hv, hp_node node)
{
	hive_node_h *kids;
	size_t said, n;
	char what[96];

	errno = 0;
	if ((kids = hivex_node_children(hv->h, (hive_node_h)node)) != NULL ||
	    errno != ENOTSUP)
		return kids;
	if (hv->unsafe == NULL &&
	    (hv->unsafe = hivex_open(hive_source(hv), HIVEX_OPEN_UNSAFE)) ==
	    NULL) {
		errno = ENOTSUP;
		return NULL;
	}
	errno = 0;
	if ((kids = hivex_node_children(hv->unsafe, (hive_node_h)node)) ==
	    NULL)
		return NULL;
	for (n = 0; kids[n] != 0; n++)
		;
	said = hivex_node_nr_children(hv->h, (hive_node_h)node);
	snprintf(what, sizeof(what), "says it has %zu subkey%s but its "
	    "list holds %zu", said, said == 1 ? "" : "s", n);
	hive_corrupt(hv, node, OK_WARNED_COUNT, what);
	return kids;
}

void
hive_twice_named(struct hp_hive *hv, hp_node node, int values,
    const char *name)
{
	struct hp_buf b = HP_BUF_INIT;

	hp_buf_addf(&b, "has two %s named \"", values ? "values" : "subkeys");
	hp_name_escape(name, &b);
	hp_buf_adds(&b, "\" (a lookup finds one of them)");
	hive_corrupt(hv, node, values ? OK_WARNED_DUPVAL : OK_WARNED_DUP,
	    b.buf);
	hp_buf_release(&b);
}
