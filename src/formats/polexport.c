/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A registry view (a hive) as Registry.pol entries, for "export --format
 * pol": every value becomes a set entry, and a key with neither values nor
 * subkeys a "key exists" entry, so that importing the file rebuilds the
 * same tree.
 */
#include <stdlib.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/progress.h"
#include "core/view.h"
#include "formats/polfile.h"

struct export {
	const struct hp_view	*view;
	const struct hp_path	*prefix;
	struct hp_pol		*out;
	struct hp_buf		 key;
	struct hp_progress	*progress;
	uint64_t		 keys;		/* visited so far */
};

/* The key's name in the file: the prefix's components, then rel's. */
static void
key_name(struct export *x, const struct hp_path *rel)
{
	struct hp_path pre = { .n = x->prefix->n, .comps = x->prefix->comps };
	struct hp_path below = { .n = rel->n, .comps = rel->comps };

	hp_buf_reset(&x->key);
	hp_path_format_raw(&pre, &x->key);
	if (pre.n > 0 && below.n > 0)
		hp_buf_addc(&x->key, '\\');
	hp_path_format_raw(&below, &x->key);
}

static int
visit(void *arg, const struct hp_path *rel, hp_node node,
    const struct hp_vallist *vals, struct hp_error *e)
{
	struct export *x = arg;
	struct hp_keylist kids = HP_LIST_INIT;
	struct hp_value none = HP_VALUE_INIT;
	size_t i;
	int r = 0;

	key_name(x, rel);
	for (i = 0; i < vals->n && r == 0; i++)
		r = hp_pol_add_value(x->out, x->key.buf, vals->v[i].name,
		    &vals->v[i].value, e);
	if (r == 0 && vals->n == 0) {
		r = x->view->ops->subkeys(x->view->impl, node, &kids, e);
		if (r == 0 && kids.n == 0)
			r = hp_pol_add(x->out, x->key.buf, "", &none, e);
		hp_keylist_free(&kids);
	}
	hp_progress_tick(x->progress, ++x->keys, 0, "keys");
	return r;
}

int
hp_pol_from_view(const struct hp_view *v, const struct hp_path *rel,
    const struct hp_path *prefix, struct hp_pol *out, struct hp_progress *pr,
    struct hp_error *e)
{
	struct export x = { v, prefix, out, HP_BUF_INIT, pr, 0 };
	struct hp_path at = HP_PATH_INIT;
	hp_node node;
	int r;

	hp_path_copy(&at, rel);
	r = hp_view_lookup(v, rel, &node, e);
	if (r == 1)
		r = hp_error_set(e, HP_E_INPUT, "no such key");
	if (r == 0)
		r = hp_view_walk(v, node, &at, ~0u, visit, &x, e);
	if (r == 0)
		hp_progress_end(pr, x.keys, "keys");
	hp_path_free(&at);
	hp_buf_release(&x.key);
	return r;
}
