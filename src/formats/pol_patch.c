/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Registry.pol entries as a patch and back.  Reading turns the "**"
 * commands into operations with full paths under the class root; writing
 * groups a patch's operations by key into runs of entries, commands first.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/text.h"
#include "formats/pol_impl.h"
#include "formats/polfile.h"

/* REG_SZ " ": the placeholder data GPMC writes for commands. */
static const unsigned char pol_space[4] = { 0x20, 0, 0, 0 };

/* What a list command's items turn into. */
struct list_ctx {
	const struct hp_pol_entry	*en;
	const struct hp_path		*key;	/* the entry's, full */
	const struct hp_path		*rel;	/* the same, below root */
	enum hp_root			 root;
	struct hp_patch			*out;
};

static int
delete_value_item(void *arg, const char *name, struct hp_error *e)
{
	struct list_ctx *c = arg;

	(void)e;
	hp_patch_add(c->out, HP_OP_DELETE_VALUE, c->key, name, NULL,
	    c->en->offset);
	return 0;
}

/* **DeleteKeys: a name under the entry's key is absolute, else relative. */
static int
delete_key_item(void *arg, const char *name, struct hp_error *e)
{
	struct list_ctx *c = arg;
	struct hp_path item = HP_PATH_INIT, full = HP_PATH_INIT;
	struct hp_path top = { .root = c->root };

	if (hp_path_parse_relative(name, &item, e) == -1)
		return -1;
	if (item.n > 0) {
		hp_path_join(&full, c->rel->n > 0 &&
		    hp_path_has_prefix(&item, c->rel) ? &top : c->key, &item);
		hp_patch_add(c->out, HP_OP_DELETE_KEY, &full, NULL, NULL,
		    c->en->offset);
	}
	hp_path_free(&full);
	hp_path_free(&item);
	return 0;
}

/* Consecutive entries of one key share its parsed path. */
struct keycache {
	char		*key;
	struct hp_path	 full;
};

#define KEYCACHE_INIT	{ NULL, HP_PATH_INIT }

static void
keycache_free(struct keycache *kc)
{
	free(kc->key);
	kc->key = NULL;
	hp_path_free(&kc->full);
}

static int
keycache_get(struct keycache *kc, const char *key, enum hp_root root,
    struct hp_error *e)
{
	if (kc->key != NULL && strcmp(kc->key, key) == 0)
		return 0;
	keycache_free(kc);
	if (hp_path_parse_relative(key, &kc->full, e) == -1)
		return -1;
	kc->full.root = root;
	kc->key = hp_strdup(key);
	return 0;
}

/* A value operation; the entry's data is moved rather than copied. */
static void
add_value_op(struct hp_patch *out, enum hp_op_kind kind,
    const struct hp_path *key, const char *name, struct hp_pol_entry *en,
    int move)
{
	struct hp_op *op;

	if (!move) {
		hp_patch_add(out, kind, key, name, &en->value, en->offset);
		return;
	}
	op = hp_patch_add(out, kind, key, name, NULL, en->offset);
	op->value = en->value;
	memset(&en->value, 0, sizeof(en->value));
}

/* The items of **DeleteValues or **DeleteKeys on the key at key. */
static int
list_to_ops(const struct hp_pol_entry *en, enum hp_pol_cmd c,
    const struct hp_path *key, enum hp_root root, struct hp_patch *out,
    struct hp_error *e)
{
	/* The same components, below root: a view, not a copy. */
	struct hp_path rel = { .n = key->n, .comps = key->comps };
	struct list_ctx lc = { en, key, &rel, root, out };

	return hp_pol_each_item(en, c == HP_POL_DELETEKEYS ?
	    delete_key_item : delete_value_item, &lc, e);
}

static int
entry_to_ops(struct hp_pol_entry *en, struct keycache *kc, enum hp_root root,
    const char *name, struct hp_patch *out, int move, struct hp_warnings *w,
    struct hp_error *e)
{
	const char *arg;
	enum hp_pol_cmd c;
	int r = 0;

	if (keycache_get(kc, en->key, root, e) == -1) {
		hp_error_prefix(e, "%s: offset %lu", name, en->offset);
		return -1;
	}
	switch (c = hp_pol_classify(en, &arg)) {
	case HP_POL_SET:
	case HP_POL_SOFT:
		add_value_op(out, c == HP_POL_SET ? HP_OP_SET_VALUE :
		    HP_OP_SET_VALUE_SOFT, &kc->full, arg, en, move);
		break;
	case HP_POL_CREATE_KEY:
	case HP_POL_DEL:
	case HP_POL_DELVALS:
		hp_patch_add(out, c == HP_POL_CREATE_KEY ? HP_OP_CREATE_KEY :
		    c == HP_POL_DEL ? HP_OP_DELETE_VALUE : HP_OP_DELETE_VALUES,
		    &kc->full, arg, NULL, en->offset);
		break;
	case HP_POL_DELETEVALUES:
	case HP_POL_DELETEKEYS:
		r = list_to_ops(en, c, &kc->full, root, out, e);
		break;
	case HP_POL_SECUREKEY:
		hp_warn(w, "%s: offset %lu: **SecureKey on %s sets the key's "
		    "permissions, which cannot be applied offline: skipped",
		    name, en->offset, *en->key ? en->key : "the root key");
		break;
	case HP_POL_COMMENT:
		break;
	case HP_POL_UNKNOWN:
		hp_warn(w, "%s: offset %lu: unknown command \"%s\": skipped",
		    name, en->offset, en->name);
		break;
	}
	if (r == -1)
		hp_error_prefix(e, "%s: offset %lu", name, en->offset);
	return r;
}

static int
check_root(enum hp_root root, const char *name, struct hp_error *e)
{
	if (root != HP_ROOT_HKLM && root != HP_ROOT_HKCU) {
		hp_error_set(e, HP_E_INPUT, "%s: a Registry.pol applies to "
		    "HKLM or HKCU", name);
		return hp_error_hint(e, HP_HINT_CLASS);
	}
	return 0;
}

int
hp_pol_to_patch(const struct hp_pol *pol, enum hp_root root,
    const char *name, struct hp_patch *out, struct hp_warnings *w,
    struct hp_error *e)
{
	struct keycache kc = KEYCACHE_INIT;
	size_t i;
	int r = check_root(root, name, e);

	for (i = 0; i < pol->n && r == 0; i++)
		r = entry_to_ops(&pol->v[i], &kc, root, name, out, 0, w, e);
	keycache_free(&kc);
	return r;
}

int
hp_pol_parse(const void *buf, size_t len, const char *name,
    enum hp_root root, struct hp_patch *out, struct hp_warnings *w,
    struct hp_error *e)
{
	struct hp_pol_reader r;
	struct keycache kc = KEYCACHE_INIT;
	struct hp_pol_entry en;
	int g;

	/* One entry at a time, without the raw copies hp_pol_read keeps. */
	if (check_root(root, name, e) == -1 ||
	    hp_pol_reader_start(&r, buf, len, name, e) == -1)
		return -1;
	while ((g = hp_pol_reader_next(&r, &en, w, 0)) == 1) {
		g = entry_to_ops(&en, &kc, root, name, out, 1, w, e);
		hp_pol_entry_free(&en);
		if (g == -1)
			break;
	}
	keycache_free(&kc);
	return g;
}

/*
 * The writer from a patch.  Consecutive operations on one key form a run,
 * written in their order after dropping what later operations undo: a
 * DELETE_VALUES drops the values set and deleted before it, a DELETE_VALUE
 * or SET drops that value's earlier sets and deletions.  What is left never
 * has a command after a value it undoes, which is the writer's rule, and
 * keeps the order a file had (GPMC's files come back byte for byte).
 * CREATE_KEY is written only for a run that does nothing else: every
 * other entry makes the key exist anyway.
 */
struct item {
	const struct hp_op	*op;
	int			 dead;
};

struct run {
	int		 create;
	struct item	*v;
	size_t		 n;
};

/* The key an operation's entry goes to: DELETE_KEY's is the parent. */
static size_t
entry_depth(const struct hp_op *op)
{
	return op->kind == HP_OP_DELETE_KEY ? op->key.n - 1 : op->key.n;
}

static int
same_entry_key(const struct hp_op *a, const struct hp_op *b)
{
	size_t i, n = entry_depth(a);

	if (n != entry_depth(b))
		return 0;
	if (a->key.comps == b->key.comps)	/* shared (hp_patch_add) */
		return 1;
	for (i = 0; i < n; i++)
		if (!hp_name_eq(a->key.comps[i], b->key.comps[i]))
			return 0;
	return 1;
}

static int
is_value_item(const struct hp_op *op)
{
	return op->kind == HP_OP_SET_VALUE || op->kind == HP_OP_SET_VALUE_SOFT ||
	    op->kind == HP_OP_DELETE_VALUE;
}

static void
run_add(struct run *rn, const struct hp_op *op)
{
	size_t i;

	switch (op->kind) {
	case HP_OP_CREATE_KEY:
		rn->create = 1;
		return;
	case HP_OP_DELETE_VALUES:
		for (i = 0; i < rn->n; i++)
			if (is_value_item(rn->v[i].op) ||
			    rn->v[i].op->kind == HP_OP_DELETE_VALUES)
				rn->v[i].dead = 1;
		break;
	case HP_OP_DELETE_VALUE:
	case HP_OP_SET_VALUE:
		for (i = 0; i < rn->n; i++)
			if (is_value_item(rn->v[i].op) &&
			    hp_name_eq(rn->v[i].op->name, op->name))
				rn->v[i].dead = 1;
		break;
	default:
		break;
	}
	rn->v[rn->n].op = op;
	rn->v[rn->n].dead = 0;
	rn->n++;
}

/* A command entry: name is "**del." or the like, followed by arg. */
static int
add_command(struct hp_pol *out, const char *key, const char *cmd,
    const char *arg, const struct hp_value *v, struct hp_error *e)
{
	struct hp_value space = { HP_REG_SZ, sizeof(pol_space),
	    (unsigned char *)(uintptr_t)pol_space };
	struct hp_buf name = HP_BUF_INIT;
	int r;

	hp_buf_addf(&name, "%s%s", cmd, arg);
	r = hp_pol_add(out, key, name.buf, v != NULL ? v : &space, e);
	hp_buf_release(&name);
	return r;
}

/*
 * One **DeleteKeys for consecutive deletions, naming each key by its full
 * path (as GPMC writes it; the reader takes a name under the entry's key
 * as a full path, anything else as relative).
 */
static int
emit_delete_keys(const struct run *rn, size_t *i, const char *key,
    struct hp_pol *out, struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_value v = HP_VALUE_INIT;
	const struct hp_op *op;
	const char *sub;
	int r = 0, first = 1;

	for (; *i < rn->n && r == 0; (*i)++) {
		if (rn->v[*i].dead)
			continue;
		op = rn->v[*i].op;
		if (op->kind != HP_OP_DELETE_KEY)
			break;
		sub = op->key.comps[op->key.n - 1];
		if (strchr(sub, ';') != NULL)
			r = hp_error_set(e, HP_E_INPUT, "cannot write the "
			    "deletion of key \"%s\" to a Registry.pol: "
			    "**DeleteKeys separates names with ';'", sub);
		hp_buf_addf(&b, "%s%s%s%s", first ? "" : ";", key,
		    *key != '\0' ? "\\" : "", sub);
		first = 0;
	}
	(*i)--;
	if (r == 0)
		r = hp_value_set_string(&v, HP_REG_SZ, b.buf, e);
	if (r == 0)
		r = hp_pol_add(out, key, "**DeleteKeys", &v, e);
	hp_value_free(&v);
	hp_buf_release(&b);
	return r;
}

static int
run_emit(const struct run *rn, const char *key, struct hp_pol *out,
    struct hp_error *e)
{
	struct hp_value none = HP_VALUE_INIT;
	const struct hp_op *op;
	size_t i, live = 0;
	int r = 0;

	for (i = 0; i < rn->n; i++)
		live += !rn->v[i].dead;
	if (rn->create && live == 0)
		r = hp_pol_add(out, key, "", &none, e);
	for (i = 0; r == 0 && i < rn->n; i++) {
		if (rn->v[i].dead)
			continue;
		op = rn->v[i].op;
		switch (op->kind) {
		case HP_OP_DELETE_VALUES:
			r = add_command(out, key, "**delvals.", "", NULL, e);
			break;
		case HP_OP_DELETE_KEY:
			r = emit_delete_keys(rn, &i, key, out, e);
			break;
		case HP_OP_DELETE_VALUE:
			r = add_command(out, key, "**del.", op->name, NULL, e);
			break;
		case HP_OP_SET_VALUE_SOFT:
			r = add_command(out, key, "**soft.", op->name,
			    &op->value, e);
			break;
		case HP_OP_SET_VALUE:
			r = hp_pol_add_value(out, key, op->name, &op->value,
			    e);
			break;
		case HP_OP_CREATE_KEY:
			break;
		}
	}
	return r;
}

static int
check_class(const struct hp_op *op, enum hp_root root, struct hp_error *e)
{
	char *s;

	if (op->key.root == root || op->key.root == HP_ROOT_NONE) {
		if (op->kind == HP_OP_DELETE_KEY && op->key.n == 0)
			return hp_error_set(e, HP_E_INPUT, "a Registry.pol "
			    "cannot delete its root key %s",
			    hp_root_long(root));
		return 0;
	}
	s = hp_path_str(&op->key);
	hp_error_set(e, HP_E_INPUT, "%s is not under %s: a Registry.pol "
	    "holds one class", s ? s : "?", hp_root_long(root));
	free(s);
	return hp_error_hint(e, HP_HINT_CLASS_OR_GPO);
}

/* The end of the run of operations from i on one entry key. */
static int
run_end(const struct hp_patch *p, size_t i, enum hp_root root, size_t *end,
    struct hp_error *e)
{
	size_t j;

	/* check_class first: it refuses the root's deletion. */
	for (j = i; j < p->n; j++) {
		if (check_class(&p->ops[j], root, e) == -1)
			return -1;
		if (!same_entry_key(&p->ops[i], &p->ops[j]))
			break;
	}
	*end = j;
	return 0;
}

int
hp_pol_from_patch(const struct hp_patch *p, enum hp_root root,
    struct hp_pol *out, struct hp_error *e)
{
	struct hp_buf key = HP_BUF_INIT;
	struct run rn = { 0, NULL, 0 };
	size_t i, j, k;
	int r = 0;

	rn.v = hp_calloc(p->n, sizeof(*rn.v));
	for (i = 0; i < p->n && r == 0; i = j) {
		/* The entry key, below root: a view of the first op's. */
		struct hp_path ek = { .n = entry_depth(&p->ops[i]),
		    .comps = p->ops[i].key.comps };

		if ((r = run_end(p, i, root, &j, e)) == -1)
			break;
		hp_buf_reset(&key);
		hp_path_format_raw(&ek, &key);
		rn.create = 0;
		rn.n = 0;
		for (k = i; k < j; k++)
			run_add(&rn, &p->ops[k]);
		r = run_emit(&rn, key.buf, out, e);
	}
	free(rn.v);
	hp_buf_release(&key);
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
	if (*root == HP_ROOT_NONE) {
		hp_error_set(e, HP_E_INPUT, "nothing tells whether the "
		    "Registry.pol is for the machine or the user");
		return hp_error_hint(e, HP_HINT_CLASS);
	}
	return 0;
}
