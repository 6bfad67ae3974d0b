/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Verifying a written image.  libhivex, which never shared code with the
 * writer, opens it: that checks every bin and every cell's size.  Then
 * every key and value the patches changed must read back as the view of
 * the hive (original and overlay) has it.  The full level also compares
 * the whole registry the image holds with that view: a digest of each
 * (hive_digest.c), both read through the same view functions, so any key,
 * value, type or byte the writer lost, added or altered shows.
 */
#include <errno.h>
#include <hivex.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"
#include "formats/hive_digest.h"
#include "formats/hive_impl.h"
#include "core/hook.h"
#include "core/limits.h"
#include "core/text.h"

static int
same(const struct expect *a, const struct expect *b, const struct hp_op *c)
{
	return a->present == b->present && (!a->present || c->name == NULL ||
	    (a->value.type == b->value.type && a->value.len == b->value.len &&
	    (a->value.len == 0 || memcmp(a->value.data, b->value.data,
	    a->value.len) == 0)));
}

/* A check and its index, sorted by path (see read_checks). */
struct sorted {
	const struct hp_op	*c;
	size_t			 i;
};

static int
sorted_cmp(const void *a, const void *b)
{
	const struct hp_path *x = &((const struct sorted *)a)->c->key;
	const struct hp_path *y = &((const struct sorted *)b)->c->key;
	size_t i;
	int r;

	/*
	 * Any order that keeps a parent's checks together will do, and
	 * patches spell a key one way: bytes compare fastest.  (A key spelt
	 * in two cases only costs its index being built twice.)
	 */
	for (i = 0; i < x->n && i < y->n; i++)
		if ((r = strcmp(x->comps[i], y->comps[i])) != 0)
			return r;
	return (x->n > y->n) - (x->n < y->n);
}

/* The checks in path order: siblings come together. */
static struct sorted *
sort_checks(const struct hp_op *c, size_t n)
{
	struct sorted *s = hp_calloc(n + 1, sizeof(*s));
	size_t i;

	for (i = 0; i < n; i++) {
		s[i].c = &c[i];
		s[i].i = i;
	}
	qsort(s, n, sizeof(*s), sorted_cmp);
	return s;
}

/* How many leading components a and b share. */
static size_t
common_prefix(const struct hp_path *a, const struct hp_path *b)
{
	size_t i;

	for (i = 0; i < a->n && i < b->n; i++)
		if (!hp_name_eq(a->comps[i], b->comps[i]))
			break;
	return i;
}

/*
 * Reads the state of every check from hv's view, in path order: the
 * nodes of the previous path's common prefix are reused, and the child
 * indexes of keys the walk has left behind are dropped, so that a
 * thousand checks cost one index of each parent and hold few at a time.
 * The states go to out; or, with want, each is compared with want's as
 * it is read (and not kept), and *bad is the index of a check that
 * differs (n if none).
 */
static int
read_checks(struct hp_hive *hv, const struct hp_op *c, size_t n,
    struct expect *out, const struct expect *want, size_t *bad,
    struct hp_error *e)
{
	struct expect tmp = { 0, HP_VALUE_INIT };
	hp_node nodes[HP_MAX_KEY_DEPTH + 2];
	struct sorted *s;
	size_t i, j, have = 0;		/* nodes[0..have] are resolved */
	const struct hp_path *prev = NULL;
	int r = 0;

	s = sort_checks(c, n);
	if (hive_handle(hv, e) == -1) {
		free(s);
		return -1;
	}
	nodes[0] = hivex_root(hv->h);
	if (bad != NULL)
		*bad = n;
	for (i = 0; i < n && r != -1; i++) {
		const struct hp_path *p = &s[i].c->key;
		struct expect *x = want != NULL ? &tmp : &out[s[i].i];
		size_t keep = prev ? common_prefix(prev, p) : 0;

		if (p->n > HP_MAX_KEY_DEPTH)
			HP_BUG("a check deeper than the hive may be");
		if (keep > have)
			keep = have;
		for (j = keep + 1; j <= have; j++)
			hive_okey_drop_kids(hv, nodes[j]);
		for (have = keep, r = 0; have < p->n && r == 0; have++)
			r = hive_child(hv, nodes[have], p->comps[have],
			    &nodes[have + 1], e);
		if (r == 1)
			have--;		/* the last lookup found nothing */
		if (r == 0 && s[i].c->name != NULL)
			r = hive_value(hv, nodes[p->n], s[i].c->name,
			    &x->value, e);
		x->present = r == 0;
		prev = p;
		if (want != NULL && r != -1 && *bad == n &&
		    !same(&want[s[i].i], x, s[i].c))
			*bad = s[i].i;
		if (want != NULL)
			hp_value_free(&x->value);
	}
	free(s);
	return r == -1 ? -1 : 0;
}

static void
expect_free(struct expect *x, size_t n)
{
	size_t i;

	if (x != NULL)
		for (i = 0; i < n; i++)
			hp_value_free(&x[i].value);
	free(x);
}

void
hive_want_free(struct hp_hive *hv)
{
	expect_free(hv->want, hv->checks.n);
	hv->want = NULL;
	if (hv->verified != NULL)
		hivex_close(hv->verified);
	hv->verified = NULL;
}

int
hive_want_read(struct hp_hive *hv, struct hp_error *e)
{
	if (hv->want != NULL)
		return 0;
	hv->want = hp_calloc(hv->checks.n + 1, sizeof(*hv->want));
	if (read_checks(hv, hv->checks.ops, hv->checks.n, hv->want, NULL, NULL,
	    e) == -1) {
		hive_want_free(hv);
		return -1;
	}
	return 0;
}

/* Every check reads back from the image (viewed by copy) as hv->want. */
static int
compare_checks(struct hp_hive *hv, struct hp_hive *copy, struct hp_error *e)
{
	const struct hp_op *c;
	size_t bad;
	char *s;

	if (read_checks(copy, hv->checks.ops, hv->checks.n, NULL, hv->want,
	    &bad, e) == -1) {
		hp_error_prefix(e, "verifying the written hive");
		return -1;
	}
	if (bad == hv->checks.n)
		return 0;
	c = &hv->checks.ops[bad];
	s = hp_path_str(&c->key);
	hp_error_set(e, HP_E_IO, "%s: verification failed: %s%s%s%s reads "
	    "back differently; original left unchanged", hv->path,
	    s, c->name ? " \"" : "", c->name ? c->name : "",
	    c->name ? "\"" : "");
	free(s);
	return -1;
}

/* The whole registry of the image (copy) is what hv's view holds (want). */
static int
compare_all(struct hp_hive *hv, uint64_t want, struct hp_hive *copy,
    struct hp_error *e)
{
	struct hp_view v;
	uint64_t got;

	hp_hive_view(copy, &v);
	if (hp_view_digest(&v, &got, e) == -1) {
		hp_error_prefix(e, "verifying the written hive");
		return -1;
	}
	if (want != got || hp_hook_digest_differs())
		return hp_error_set(e, HP_E_IO, "%s: verification failed: "
		    "the written hive does not hold the registry expected "
		    "(the digests differ); original left unchanged",
		    hv->path);
	return 0;
}

int
hp_hive_verify_image(struct hp_hive *hv, const char *name, int full,
    struct hp_error *e)
{
	struct hp_hive copy;
	struct hp_view v;
	uint64_t want = 0;
	int r;

	/*
	 * What the image must hold is read first, then libhivex's handle on
	 * the original is closed (hive_handle reopens it when needed): only
	 * one of the two files is mapped at a time.
	 */
	hp_hive_view(hv, &v);
	if (hive_want_read(hv, e) == -1 ||
	    (full && hp_view_digest(&v, &want, e) == -1))
		return -1;
	hive_close_handle(hv, 1);
	memset(&copy, 0, sizeof(copy));
	copy.path = (char *)name;
	copy.lock_fd = -1;
	errno = 0;
	if ((copy.h = hivex_open(name, 0)) == NULL)
		return hp_error_set(e, HP_E_IO, "%s: the hive written to "
		    "%s does not open: %s; original left unchanged", hv->path,
		    name, hive_hivex_reason(errno));
	r = compare_checks(hv, &copy, e);
	if (r == 0 && full)
		r = compare_all(hv, want, &copy, e);
	hive_overlay_free(&copy);
	free(copy.corrupt);	/* a corrupt list kept with --force */
	if (hv->verified != NULL)
		hivex_close(hv->verified);
	hv->verified = NULL;
	if (r == 0)
		hv->verified = copy.h;	/* see hp_hive_written */
	else
		hivex_close(copy.h);
	return r;
}
