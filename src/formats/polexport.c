/*
 * A registry view (a hive) as Registry.pol entries, for "export --format
 * pol": every value becomes a set entry, and a key with neither values nor
 * subkeys a "key exists" entry, so that importing the file rebuilds the
 * same tree.
 */
#include <stdlib.h>

#include "core/buf.h"
#include "core/error.h"
#include "formats/polfile.h"
#include "core/view.h"

struct export {
	const struct hp_view	*view;
	const struct hp_path	*prefix;
	struct hp_pol		*out;
	struct hp_buf		 key;
};

static int
key_name(struct export *x, const struct hp_path *rel)
{
	size_t i;

	hp_buf_reset(&x->key);
	for (i = 0; i < x->prefix->n + rel->n; i++) {
		const char *c = i < x->prefix->n ? x->prefix->comps[i] :
		    rel->comps[i - x->prefix->n];

		if ((i > 0 && hp_buf_addc(&x->key, '\\') == -1) ||
		    hp_buf_adds(&x->key, c) == -1)
			return -1;
	}
	return 0;
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

	if (key_name(x, rel) == -1)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	for (i = 0; i < vals->n && r == 0; i++)
		r = hp_pol_add(x->out, x->key.buf, vals->v[i].name,
		    &vals->v[i].value, e);
	if (r == 0 && vals->n == 0) {
		r = x->view->ops->subkeys(x->view->impl, node, &kids, e);
		if (r == 0 && kids.n == 0)
			r = hp_pol_add(x->out, x->key.buf, "", &none, e);
		hp_keylist_free(&kids);
	}
	return r;
}

int
hp_pol_from_view(const struct hp_view *v, const struct hp_path *rel,
    const struct hp_path *prefix, struct hp_pol *out, struct hp_error *e)
{
	struct export x = { v, prefix, out, HP_BUF_INIT };
	struct hp_path at = HP_PATH_INIT;
	hp_node node;
	int r;

	if (hp_path_copy(&at, rel) == -1)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	r = hp_view_lookup(v, rel, &node, e);
	if (r == 1)
		r = hp_error_set(e, HP_E_INPUT, "no such key");
	if (r == 0)
		r = hp_view_walk(v, node, &at, ~0u, visit, &x, e);
	hp_path_free(&at);
	hp_buf_release(&x.key);
	return r;
}

int
hp_pol_patch_root(const struct hp_patch *p, enum hp_root *root,
    struct hp_error *e)
{
	size_t i;

	/* No operations: the class makes no difference to the file. */
	*root = p->n == 0 ? HP_ROOT_HKLM : HP_ROOT_NONE;
	for (i = 0; i < p->n; i++) {
		enum hp_root r = p->ops[i].key.root;

		if (r != HP_ROOT_HKLM && r != HP_ROOT_HKCU) {
			hp_error_set(e, HP_E_INPUT, "a Registry.pol holds "
			    "HKLM or HKCU keys; this input has %s keys",
			    r == HP_ROOT_NONE ? "relative" : hp_root_long(r));
			return hp_error_hint(e, HP_HINT_CLASS);
		}
		if (*root != HP_ROOT_NONE && r != *root) {
			hp_error_set(e, HP_E_INPUT, "the input has both HKLM "
			    "and HKCU keys, and a Registry.pol holds one "
			    "class");
			return hp_error_hint(e, HP_HINT_CLASS_OR_GPO);
		}
		*root = r;
	}
	if (*root == HP_ROOT_NONE)
		return hp_error_set(e, HP_E_INPUT, "nothing tells whether "
		    "the Registry.pol is for the machine or the user; give "
		    "--class machine|user");
	return 0;
}
