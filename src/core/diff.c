/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "core/diff.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/progress.h"
#include "core/text.h"

struct differ {
	const struct hp_view	*a, *b;
	struct hp_path		 path;		/* full path of the key */
	hp_diff_fn		 fn;
	void			*arg;
	struct hp_diff_stats	*st;
	struct hp_error		*e;
	int			 removing;	/* below a removed key */
	struct hp_progress	*pr;
	uint64_t		 keys;		/* compared so far */
};

static int
emit(struct differ *d, enum hp_diff_kind kind, const char *name,
    const struct hp_value *old, const struct hp_value *new)
{
	struct hp_diff_item it = { kind, &d->path, name, old, new,
	    d->removing };
	struct hp_path full = HP_PATH_INIT;
	int r;

	/* In a whole-namespace walk the first component names the root. */
	if (d->path.root == HP_ROOT_NONE && d->path.n > 0 &&
	    hp_root_parse(d->path.comps[0], strlen(d->path.comps[0])) !=
	    HP_ROOT_NONE) {
		full.root = hp_root_parse(d->path.comps[0],
		    strlen(d->path.comps[0]));
		full.n = d->path.n - 1;
		full.comps = d->path.comps + 1;
		it.key = &full;
	}
	switch (kind) {
	case HP_DIFF_KEY_ADDED:		d->st->keys_added++; break;
	case HP_DIFF_KEY_REMOVED:	d->st->keys_removed++; break;
	case HP_DIFF_VALUE_ADDED:	d->st->values_added++; break;
	case HP_DIFF_VALUE_REMOVED:	d->st->values_removed++; break;
	case HP_DIFF_VALUE_CHANGED:	d->st->values_changed++; break;
	}
	r = d->fn(d->arg, &it, d->e);
	return r;
}

static int	diff_key(struct differ *, const hp_node *, const hp_node *);

/* A key only a has: said, then everything below it, like an added one. */
static int
removed(struct differ *d, const hp_node *a)
{
	int r;

	if ((r = emit(d, HP_DIFF_KEY_REMOVED, NULL, NULL, NULL)) == -1)
		return -1;
	d->removing++;
	r = diff_key(d, a, NULL);
	d->removing--;
	return r;
}

static int
push(struct differ *d, const char *name)
{
	if (d->path.n >= HP_MAX_KEY_DEPTH + 8)
		return hp_limit_error(d->e, "diff", "key depth", d->path.n,
		    HP_MAX_KEY_DEPTH);
	hp_path_push(&d->path, name);
	return 0;
}

/* Merges the sorted value lists of one key (a or b may be NULL). */
static int
diff_values(struct differ *d, const hp_node *a, const hp_node *b)
{
	struct hp_vallist va = HP_LIST_INIT, vb = HP_LIST_INIT;
	size_t i = 0, j = 0;
	int r = 0;

	if ((a && hp_view_sorted_values(d->a, *a, &va, d->e) == -1) ||
	    (b && hp_view_sorted_values(d->b, *b, &vb, d->e) == -1))
		r = -1;
	while (r == 0 && (i < va.n || j < vb.n)) {
		int c = i == va.n ? 1 : j == vb.n ? -1 :
		    hp_name_cmp(va.v[i].name, vb.v[j].name);

		if (c < 0) {
			r = emit(d, HP_DIFF_VALUE_REMOVED, va.v[i].name,
			    &va.v[i].value, NULL);
			i++;
		} else if (c > 0) {
			r = emit(d, HP_DIFF_VALUE_ADDED, vb.v[j].name, NULL,
			    &vb.v[j].value);
			j++;
		} else {
			if (!hp_value_equal(&va.v[i].value, &vb.v[j].value))
				r = emit(d, HP_DIFF_VALUE_CHANGED,
				    vb.v[j].name, &va.v[i].value,
				    &vb.v[j].value);
			i++;
			j++;
		}
	}
	hp_vallist_free(&va);
	hp_vallist_free(&vb);
	return r;
}

static int
diff_key(struct differ *d, const hp_node *a, const hp_node *b)
{
	struct hp_keylist ka = HP_LIST_INIT, kb = HP_LIST_INIT;
	size_t i = 0, j = 0;
	int r;

	hp_progress_tick(d->pr, ++d->keys, 0, "keys");
	if ((r = diff_values(d, a, b)) == -1)
		return -1;
	if ((a && hp_view_sorted_subkeys(d->a, *a, &ka, d->e) == -1) ||
	    (b && hp_view_sorted_subkeys(d->b, *b, &kb, d->e) == -1))
		r = -1;
	while (r == 0 && (i < ka.n || j < kb.n)) {
		int c = i == ka.n ? 1 : j == kb.n ? -1 :
		    hp_name_cmp(ka.v[i].name, kb.v[j].name);

		/* Keep B's spelling of a name both sides have. */
		if ((r = push(d, c < 0 ? ka.v[i].name : kb.v[j].name)) == -1)
			break;
		if (c < 0)
			r = removed(d, &ka.v[i].node);
		else if (c > 0) {
			r = emit(d, HP_DIFF_KEY_ADDED, NULL, NULL, NULL);
			if (r == 0)
				r = diff_key(d, NULL, &kb.v[j].node);
		} else
			r = diff_key(d, &ka.v[i].node, &kb.v[j].node);
		hp_path_pop(&d->path);
		if (c <= 0)
			i++;
		if (c >= 0)
			j++;
	}
	hp_keylist_free(&ka);
	hp_keylist_free(&kb);
	return r;
}

int
hp_diff_views(const struct hp_view *a, const struct hp_view *b,
    const struct hp_path *prefix, hp_diff_fn fn, void *arg,
    struct hp_diff_stats *st, struct hp_progress *pr, struct hp_error *e)
{
	struct differ d = { a, b, HP_PATH_INIT, fn, arg, st, e, 0, pr, 0 };
	const struct hp_path *p = prefix;
	struct hp_path none = HP_PATH_INIT;
	hp_node na, nb;
	int ra, rb, r;

	memset(st, 0, sizeof(*st));
	if (p == NULL)
		p = !a->whole && a->mounted ? &a->mount :
		    !b->whole && b->mounted ? &b->mount : &none;
	if (p->root == HP_ROOT_NONE && p->n == 0 && a->whole != b->whole) {
		hp_error_set(e, HP_E_INPUT, "diff: cannot place a hive with "
		    "no known mount against %s",
		    a->whole ? a->source : b->source);
		return hp_error_hint(e, a->whole ? HP_HINT_MOUNT_B :
		    HP_HINT_MOUNT_A);
	}
	if (p->root != HP_ROOT_NONE && ((!a->whole && !a->mounted) ||
	    (!b->whole && !b->mounted))) {
		int in_a = !a->whole && !a->mounted;

		hp_error_set(e, HP_E_INPUT, "%s: the hive's mount is unknown, "
		    "so it cannot be compared at a full path", in_a ?
		    a->source : b->source);
		return hp_error_hint(e, in_a ? HP_HINT_MOUNT_A :
		    HP_HINT_MOUNT_B);
	}
	if (p->root == HP_ROOT_NONE && p->n == 0) {
		ra = a->ops->root(a->impl, &na, e);
		rb = b->ops->root(b->impl, &nb, e);
	} else {
		ra = hp_view_lookup(a, p, &na, e);
		rb = hp_view_lookup(b, p, &nb, e);
	}
	if (ra == -1 || rb == -1)
		return -1;
	hp_path_copy(&d.path, p);
	if (ra == 1 && rb == 0)
		r = emit(&d, HP_DIFF_KEY_ADDED, NULL, NULL, NULL);
	else if (ra == 0 && rb == 1)
		r = removed(&d, &na);
	else
		r = 0;
	if (r == 0 && rb == 0)
		r = diff_key(&d, ra == 0 ? &na : NULL, &nb);
	if (r == 0)
		hp_progress_end(pr, d.keys, "keys");
	hp_path_free(&d.path);
	return r;
}

int
hp_diff_patch_add(struct hp_patch *p, const struct hp_diff_item *d,
    struct hp_error *e)
{
	static const enum hp_op_kind kind[] = {
		[HP_DIFF_KEY_ADDED] = HP_OP_CREATE_KEY,
		[HP_DIFF_KEY_REMOVED] = HP_OP_DELETE_KEY,
		[HP_DIFF_VALUE_ADDED] = HP_OP_SET_VALUE,
		[HP_DIFF_VALUE_REMOVED] = HP_OP_DELETE_VALUE,
		[HP_DIFF_VALUE_CHANGED] = HP_OP_SET_VALUE
	};

	(void)e;
	/* Deleting the key deletes what is below it. */
	if (!d->in_removed)
		hp_patch_add(p, kind[d->kind], d->key, d->name, d->new, 0);
	return 0;
}

int
hp_diff_stats_any(const struct hp_diff_stats *st)
{
	return st->keys_added || st->keys_removed || st->values_added ||
	    st->values_removed || st->values_changed;
}
