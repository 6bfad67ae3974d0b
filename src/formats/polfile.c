/*
 * Registry.pol reader and writer; the layout and the commands are in
 * docs/pol-format.md (and ../shared/docs/formats.md section B).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/limits.h"
#include "formats/polfile.h"
#include "core/text.h"
#include "formats/utf16.h"

static const unsigned char pol_magic[8] = { 'P', 'R', 'e', 'g', 1, 0, 0, 0 };

/* REG_SZ " ": the placeholder data GPMC writes for commands. */
static const unsigned char pol_space[4] = { 0x20, 0, 0, 0 };

struct rd {
	const unsigned char	*b;
	size_t			 len;
	size_t			 pos;
	const char		*name;
	struct hp_error		*e;
};

static uint32_t
get_u16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t
get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static int
expect(struct rd *r, unsigned c, const char *what)
{
	if (r->pos + 2 > r->len)
		return hp_error_set(r->e, HP_E_INPUT, "%s: offset %zu: "
		    "entry truncated: the file ends where '%c' %s was "
		    "expected", r->name, r->pos, c, what);
	if (get_u16(r->b + r->pos) != c)
		return hp_error_set(r->e, HP_E_INPUT, "%s: offset %zu: "
		    "expected '%c' %s, found 0x%04x", r->name, r->pos, c,
		    what, get_u16(r->b + r->pos));
	r->pos += 2;
	return 0;
}

static int
read_u32(struct rd *r, uint32_t *out, const char *what)
{
	if (r->pos + 4 > r->len)
		return hp_error_set(r->e, HP_E_INPUT, "%s: offset %zu: "
		    "entry truncated in its %s", r->name, r->pos, what);
	*out = get_u32(r->b + r->pos);
	r->pos += 4;
	return 0;
}

/* A NUL-terminated UTF-16 string: where it starts, its length in bytes. */
static int
read_str(struct rd *r, size_t *start, size_t *n, const char *what)
{
	size_t p;

	for (p = r->pos; p + 2 <= r->len; p += 2)
		if (r->b[p] == 0 && r->b[p + 1] == 0) {
			*start = r->pos;
			*n = p - r->pos;
			r->pos = p + 2;
			return 0;
		}
	return hp_error_set(r->e, HP_E_INPUT, "%s: offset %zu: entry "
	    "truncated: the %s has no NUL terminator before the end of the "
	    "file", r->name, r->pos, what);
}

static void *
memdup(const void *p, size_t n)
{
	void *q = malloc(n ? n : 1);

	if (q != NULL && n > 0)
		memcpy(q, p, n);
	return q;
}

/*
 * UTF-16LE to a malloc'd UTF-8 string.  Plain ASCII is copied; else
 * hp_utf16_decode gives what iconv gives for all but lone surrogates,
 * which iconv refuses with a message.
 */
static char *
utf16_to_str(const unsigned char *p, size_t n, struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;
	char *s;
	size_t i;

	if ((s = malloc(n / 2 + 1)) == NULL)
		goto nomem;
	for (i = 0; i < n && p[i + 1] == 0 && p[i] < 0x80; i += 2)
		s[i / 2] = (char)p[i];
	s[i / 2] = '\0';
	if (i >= n)
		return s;
	free(s);
	if (!hp_utf16_valid(p, n)) {
		if (hp_text_from_utf16(p, n, &b, e) == -1) {
			hp_buf_release(&b);
			return NULL;
		}
	} else if (hp_utf16_decode(p, n, &b) == -1)
		goto nomem;
	return hp_buf_detach(&b, NULL);
nomem:
	hp_error_errno(e, HP_E_IO, "out of memory");
	return NULL;
}

/* UTF-8 to malloc'd UTF-16LE; plain ASCII skips iconv. */
static int
str_to_utf16(const char *s, unsigned char **out, size_t *n,
    struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;
	size_t i, len = strlen(s);

	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		;
	if (i < len) {
		if (hp_text_to_utf16(s, len, &b, e) == -1) {
			hp_buf_release(&b);
			return -1;
		}
	} else if (hp_utf16_encode(s, len, &b) == -1)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	if (b.len == 0) {
		hp_buf_release(&b);
		*out = malloc(1);
		*n = 0;
	} else
		*out = (unsigned char *)hp_buf_detach(&b, n);
	if (*out == NULL)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	return 0;
}

static struct hp_pol_entry *
pol_grow(struct hp_pol *pol)
{
	struct hp_pol_entry *en;

	if (pol->n == pol->cap) {
		size_t cap = pol->cap ? pol->cap * 2 : 32;

		if ((en = realloc(pol->v, cap * sizeof(*en))) == NULL)
			return NULL;
		pol->v = en;
		pol->cap = cap;
	}
	en = &pol->v[pol->n];
	memset(en, 0, sizeof(*en));
	return en;
}

static void
entry_free(struct hp_pol_entry *en)
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
		entry_free(&pol->v[i]);
	free(pol->v);
	pol->v = NULL;
	pol->n = pol->cap = 0;
}

static int
is_string_type(uint32_t t)
{
	return t == HP_REG_SZ || t == HP_REG_EXPAND_SZ ||
	    t == HP_REG_MULTI_SZ || t == HP_REG_LINK;
}

/* One entry at r->pos (which holds its '['). */
static int
read_entry(struct rd *r, struct hp_pol_entry *en, struct hp_warnings *w,
    int raw)
{
	size_t ks, kn, ns, nn, at = r->pos;
	uint32_t type, size;

	en->offset = at;
	if (expect(r, '[', "to open an entry") == -1 ||
	    read_str(r, &ks, &kn, "key") == -1 ||
	    expect(r, ';', "after the key") == -1 ||
	    read_str(r, &ns, &nn, "value name") == -1)
		return -1;
	/* Some writers put a second NUL after the value name. */
	if (r->pos + 2 <= r->len && get_u16(r->b + r->pos) == 0) {
		en->extra_nul = 1;
		hp_warn(w, "%s: offset %zu: extra NUL after the value name "
		    "(accepted)", r->name, r->pos);
		r->pos += 2;
	}
	if (expect(r, ';', "after the value name") == -1 ||
	    read_u32(r, &type, "type") == -1 ||
	    expect(r, ';', "after the type") == -1 ||
	    read_u32(r, &size, "size") == -1 ||
	    expect(r, ';', "after the size") == -1)
		return -1;
	if (size > r->len - r->pos)
		return hp_error_set(r->e, HP_E_INPUT, "%s: offset %zu: data "
		    "size %lu runs past the end of the file (%zu bytes left)",
		    r->name, r->pos - 6, (unsigned long)size,
		    r->len - r->pos);
	if (size > HP_MAX_VALUE_SIZE)
		return hp_error_set(r->e, HP_E_INPUT, "%s: offset %zu: data "
		    "size %lu is above hivepol's limit of %lu bytes", r->name,
		    r->pos - 6, (unsigned long)size, HP_MAX_VALUE_SIZE);
	if (nn / 2 > HP_MAX_VALUE_NAME)
		return hp_error_set(r->e, HP_E_INPUT, "%s: offset %zu: value "
		    "name of %zu characters (the registry's limit is %d)",
		    r->name, ns, nn / 2, HP_MAX_VALUE_NAME);
	if (size > HP_POL_MAX_DATA)
		hp_warn(w, "%s: offset %zu: data size %lu is above the "
		    "format's limit of 65535 bytes (accepted)", r->name,
		    r->pos - 6, (unsigned long)size);
	if (type > HP_REG_QWORD)
		hp_warn(w, "%s: offset %zu: unknown value type %lu (kept as "
		    "is)", r->name, r->pos - 12, (unsigned long)type);
	if (is_string_type(type) && size % 2 != 0)
		hp_warn(w, "%s: offset %zu: string data of odd size %lu "
		    "(accepted)", r->name, r->pos - 6, (unsigned long)size);
	if (hp_value_set(&en->value, type, r->b + r->pos, size) == -1)
		return hp_error_errno(r->e, HP_E_IO, "out of memory");
	r->pos += size;
	if (expect(r, ']', "to close the entry") == -1)
		return -1;
	/* The raw names only serve writing back (hp_pol_read). */
	if (raw && ((en->key16 = memdup(r->b + ks, kn)) == NULL ||
	    (en->name16 = memdup(r->b + ns, nn)) == NULL))
		return hp_error_errno(r->e, HP_E_IO, "out of memory");
	en->key16len = kn;
	en->name16len = nn;
	if ((en->key = utf16_to_str(r->b + ks, kn, r->e)) == NULL) {
		hp_error_prefix(r->e, "%s: offset %zu: key", r->name, ks);
		return -1;
	}
	if ((en->name = utf16_to_str(r->b + ns, nn, r->e)) == NULL) {
		hp_error_prefix(r->e, "%s: offset %zu: value name", r->name,
		    ns);
		return -1;
	}
	return 0;
}

static int
check_header(const void *buf, size_t len, const char *name,
    struct hp_error *e)
{
	if (len < 8)
		return hp_error_set(e, HP_E_INPUT, "%s: offset 0: not a "
		    "Registry.pol file (%zu bytes, shorter than the 8-byte "
		    "header)", name, len);
	if (memcmp(buf, pol_magic, 4) != 0)
		return hp_error_set(e, HP_E_INPUT, "%s: offset 0: not a "
		    "Registry.pol file (no \"PReg\" signature)", name);
	if (get_u32((const unsigned char *)buf + 4) != 1)
		return hp_error_set(e, HP_E_INPUT, "%s: offset 4: "
		    "Registry.pol version %lu, only version 1 exists", name,
		    (unsigned long)get_u32((const unsigned char *)buf + 4));
	return 0;
}

/* Where the next entry must open. */
static int
check_open(const struct rd *r)
{
	if (r->len - r->pos < 2 || get_u16(r->b + r->pos) != '[')
		return hp_error_set(r->e, HP_E_INPUT, "%s: offset %zu: "
		    "expected '[' to open an entry, found %s", r->name, r->pos,
		    r->len - r->pos < 2 ? "a stray byte" : "other data");
	return 0;
}

int
hp_pol_read(const void *buf, size_t len, const char *name,
    struct hp_pol *out, struct hp_warnings *w, struct hp_error *e)
{
	struct rd r = { buf, len, 8, name, e };
	struct hp_pol_entry *en;

	if (check_header(buf, len, name, e) == -1)
		return -1;
	while (r.pos < len) {
		if (check_open(&r) == -1)
			return -1;
		if ((en = pol_grow(out)) == NULL)
			return hp_error_errno(e, HP_E_IO, "out of memory");
		out->n++;
		if (read_entry(&r, en, w, 1) == -1)
			return -1;
	}
	return 0;
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
	/* A trailing dot is tolerated on every command name. */
	if (strcasecmp(n, "delvals.") == 0 || strcasecmp(n, "delvals") == 0)
		return HP_POL_DELVALS;
	if (strcasecmp(n, "deletevalues") == 0 ||
	    strcasecmp(n, "deletevalues.") == 0)
		return HP_POL_DELETEVALUES;
	if (strcasecmp(n, "deletekeys") == 0 ||
	    strcasecmp(n, "deletekeys.") == 0)
		return HP_POL_DELETEKEYS;
	if (strcasecmp(n, "securekey") == 0 ||
	    strcasecmp(n, "securekey.") == 0)
		return HP_POL_SECUREKEY;
	return HP_POL_UNKNOWN;
}

/*
 * Calls fn for each item of a REG_SZ "a;b;c" list (**DeleteValues,
 * **DeleteKeys); empty items are skipped.  fn returns 0 to go on, 1 to
 * stop, -1 on error; so does each_item.
 */
static int
each_item(const struct hp_pol_entry *en, int (*fn)(void *, const char *,
    struct hp_error *), void *arg, struct hp_error *e)
{
	struct hp_buf text = HP_BUF_INIT;
	char *tok, *save = NULL;
	int r;

	if (!is_string_type(en->value.type) || en->value.len % 2 != 0)
		return hp_error_set(e, HP_E_INPUT, "%s data is not a "
		    "string", en->name);
	r = hp_value_get_string(&en->value, &text, e);
	for (tok = strtok_r(text.buf, ";", &save); tok != NULL && r == 0;
	    tok = strtok_r(NULL, ";", &save))
		r = fn(arg, tok, e);
	hp_buf_release(&text);
	return r;
}

static int
add_op(struct hp_patch *out, enum hp_op_kind kind, const struct hp_path *key,
    const char *name, const struct hp_value *v, unsigned long at,
    struct hp_error *e)
{
	if (hp_patch_add(out, kind, key, name, v, at) == NULL)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	return 0;
}

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

	return add_op(c->out, HP_OP_DELETE_VALUE, c->key, name, NULL,
	    c->en->offset, e);
}

/* **DeleteKeys: a name under the entry's key is absolute, else relative. */
static int
delete_key_item(void *arg, const char *name, struct hp_error *e)
{
	struct list_ctx *c = arg;
	struct hp_path item = HP_PATH_INIT, full = HP_PATH_INIT;
	struct hp_path top = { .root = c->root };
	int r;

	if (hp_path_parse_relative(name, &item, e) == -1)
		return -1;
	if (item.n == 0)
		r = 0;
	else if (hp_path_join(&full, c->rel->n > 0 &&
	    hp_path_has_prefix(&item, c->rel) ? &top : c->key, &item) == -1)
		r = hp_error_errno(e, HP_E_IO, "out of memory");
	else
		r = add_op(c->out, HP_OP_DELETE_KEY, &full, NULL, NULL,
		    c->en->offset, e);
	hp_path_free(&full);
	hp_path_free(&item);
	return r;
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
	if ((kc->key = strdup(key)) == NULL)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	return 0;
}

/* A value operation; the entry's data is moved rather than copied. */
static int
add_value_op(struct hp_patch *out, enum hp_op_kind kind,
    const struct hp_path *key, const char *name, struct hp_pol_entry *en,
    int move, struct hp_error *e)
{
	struct hp_op *op;

	if (!move)
		return add_op(out, kind, key, name, &en->value, en->offset, e);
	if ((op = hp_patch_add(out, kind, key, name, NULL,
	    en->offset)) == NULL)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	op->value = en->value;
	memset(&en->value, 0, sizeof(en->value));
	return 0;
}

static int
entry_to_ops(struct hp_pol_entry *en, struct keycache *kc, enum hp_root root,
    const char *name, struct hp_patch *out, int move, struct hp_warnings *w,
    struct hp_error *e)
{
	const struct hp_path *key;
	struct hp_path rel;
	struct list_ctx lc;
	const char *arg;
	int r;

	if (keycache_get(kc, en->key, root, e) == -1) {
		hp_error_prefix(e, "%s: offset %lu", name, en->offset);
		return -1;
	}
	key = &kc->full;
	/* The same components, below root: a view, not a copy. */
	rel = (struct hp_path){ .n = key->n, .comps = key->comps };
	lc.en = en;
	lc.key = key;
	lc.rel = &rel;
	lc.root = root;
	lc.out = out;
	switch (hp_pol_classify(en, &arg)) {
	case HP_POL_SET:
		r = add_value_op(out, HP_OP_SET_VALUE, key, arg, en, move, e);
		break;
	case HP_POL_CREATE_KEY:
		r = add_op(out, HP_OP_CREATE_KEY, key, NULL, NULL,
		    en->offset, e);
		break;
	case HP_POL_DEL:
		r = add_op(out, HP_OP_DELETE_VALUE, key, arg, NULL,
		    en->offset, e);
		break;
	case HP_POL_DELVALS:
		r = add_op(out, HP_OP_DELETE_VALUES, key, NULL, NULL,
		    en->offset, e);
		break;
	case HP_POL_DELETEVALUES:
		r = each_item(en, delete_value_item, &lc, e);
		break;
	case HP_POL_DELETEKEYS:
		r = each_item(en, delete_key_item, &lc, e);
		break;
	case HP_POL_SOFT:
		r = add_value_op(out, HP_OP_SET_VALUE_SOFT, key, arg, en,
		    move, e);
		break;
	case HP_POL_SECUREKEY:
		hp_warn(w, "%s: offset %lu: **SecureKey on %s sets the key's "
		    "permissions, which cannot be applied offline: skipped",
		    name, en->offset, *en->key ? en->key : "the root key");
		r = 0;
		break;
	case HP_POL_COMMENT:
		r = 0;
		break;
	default:
		hp_warn(w, "%s: offset %lu: unknown command \"%s\": skipped",
		    name, en->offset, en->name);
		r = 0;
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
	struct rd r = { buf, len, 8, name, e };
	struct keycache kc = KEYCACHE_INIT;
	struct hp_pol_entry en;
	int rc;

	/* One entry at a time, without the raw copies hp_pol_read keeps. */
	rc = check_root(root, name, e);
	if (rc == 0)
		rc = check_header(buf, len, name, e);
	while (rc == 0 && r.pos < len) {
		memset(&en, 0, sizeof(en));
		rc = check_open(&r);
		if (rc == 0)
			rc = read_entry(&r, &en, w, 0);
		if (rc == 0)
			rc = entry_to_ops(&en, &kc, root, name, out, 1, w, e);
		entry_free(&en);
	}
	keycache_free(&kc);
	return rc;
}

int
hp_pol_add(struct hp_pol *pol, const char *key, const char *name,
    const struct hp_value *v, struct hp_error *e)
{
	struct hp_pol_entry *en;

	if ((en = pol_grow(pol)) == NULL)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	if ((en->key = strdup(key)) == NULL ||
	    (en->name = strdup(name)) == NULL ||
	    hp_value_copy(&en->value, v) == -1) {
		entry_free(en);
		return hp_error_errno(e, HP_E_IO, "out of memory");
	}
	if (str_to_utf16(key, &en->key16, &en->key16len, e) == -1 ||
	    str_to_utf16(name, &en->name16, &en->name16len, e) == -1) {
		entry_free(en);
		return -1;
	}
	pol->n++;
	return 0;
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

static int
add_placeholder(struct hp_pol *out, const char *key, const char *name,
    struct hp_error *e)
{
	struct hp_value v = { HP_REG_SZ, sizeof(pol_space),
	    (unsigned char *)(uintptr_t)pol_space };

	return hp_pol_add(out, key, name, &v, e);
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
		else if ((!first && hp_buf_addc(&b, ';') == -1) ||
		    (*key != '\0' && hp_buf_addf(&b, "%s\\", key) == -1) ||
		    hp_buf_adds(&b, sub) == -1)
			r = hp_error_errno(e, HP_E_IO, "out of memory");
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
	struct hp_buf b = HP_BUF_INIT;
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
		hp_buf_reset(&b);
		switch (op->kind) {
		case HP_OP_DELETE_VALUES:
			r = add_placeholder(out, key, "**delvals.", e);
			break;
		case HP_OP_DELETE_KEY:
			r = emit_delete_keys(rn, &i, key, out, e);
			break;
		case HP_OP_DELETE_VALUE:
			if (hp_buf_addf(&b, "**del.%s", op->name) == -1)
				r = hp_error_errno(e, HP_E_IO,
				    "out of memory");
			else
				r = add_placeholder(out, key, b.buf, e);
			break;
		case HP_OP_SET_VALUE_SOFT:
			if (hp_buf_addf(&b, "**soft.%s", op->name) == -1)
				r = hp_error_errno(e, HP_E_IO,
				    "out of memory");
			else
				r = hp_pol_add(out, key, b.buf, &op->value, e);
			break;
		case HP_OP_SET_VALUE:
			r = hp_pol_add(out, key, op->name, &op->value, e);
			break;
		default:
			break;
		}
	}
	hp_buf_release(&b);
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

int
hp_pol_from_patch(const struct hp_patch *p, enum hp_root root,
    struct hp_pol *out, struct hp_error *e)
{
	struct hp_buf key = HP_BUF_INIT;
	struct run rn = { 0, NULL, 0 };
	size_t i, j, k;
	int r = 0;

	if (p->n > 0 && (rn.v = calloc(p->n, sizeof(*rn.v))) == NULL)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	for (i = 0; i < p->n && r == 0; i = j) {
		/* check_class first: it refuses the root's deletion. */
		for (j = i; j < p->n; j++)
			if ((r = check_class(&p->ops[j], root, e)) == -1 ||
			    !same_entry_key(&p->ops[i], &p->ops[j]))
				break;
		if (r == -1)
			break;
		hp_buf_reset(&key);
		for (k = 0; k < entry_depth(&p->ops[i]) && r == 0; k++)
			if ((k > 0 && hp_buf_addc(&key, '\\') == -1) ||
			    hp_buf_adds(&key, p->ops[i].key.comps[k]) == -1)
				r = hp_error_errno(e, HP_E_IO,
				    "out of memory");
		rn.create = 0;
		rn.n = 0;
		for (k = i; r == 0 && k < j; k++)
			run_add(&rn, &p->ops[k]);
		if (r == 0)
			r = run_emit(&rn, key.buf, out, e);
	}
	free(rn.v);
	hp_buf_release(&key);
	return r;
}

static int
same_name(void *arg, const char *name, struct hp_error *e)
{
	(void)e;
	return hp_name_eq(name, arg) ? 1 : 0;
}

/* 1 if the command entry cmd undoes the value entry val. */
static int
undoes(const struct hp_pol_entry *cmd, enum hp_pol_cmd c,
    const struct hp_pol_entry *val)
{
	struct hp_error ignored;
	const char *varg, *carg;

	hp_pol_classify(val, &varg);
	hp_pol_classify(cmd, &carg);
	switch (c) {
	case HP_POL_DELVALS:
		return 1;
	case HP_POL_DEL:
		return hp_name_eq(carg, varg);
	case HP_POL_DELETEVALUES:
		return each_item(cmd, same_name, (void *)(uintptr_t)varg,
		    &ignored) == 1;
	default:
		return 0;
	}
}

static int
put_u16(struct hp_buf *b, unsigned c)
{
	unsigned char x[2] = { c & 0xff, c >> 8 };

	return hp_buf_add(b, x, 2);
}

static int
put_u32(struct hp_buf *b, uint32_t v)
{
	unsigned char x[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff,
	    v >> 24 };

	return hp_buf_add(b, x, 4);
}

static int
write_entry(const struct hp_pol_entry *en, struct hp_buf *b)
{
	if (put_u16(b, '[') == -1 ||
	    hp_buf_add(b, en->key16, en->key16len) == -1 ||
	    put_u16(b, 0) == -1 || put_u16(b, ';') == -1 ||
	    hp_buf_add(b, en->name16, en->name16len) == -1 ||
	    put_u16(b, 0) == -1 || put_u16(b, ';') == -1 ||
	    put_u32(b, en->value.type) == -1 || put_u16(b, ';') == -1 ||
	    put_u32(b, (uint32_t)en->value.len) == -1 ||
	    put_u16(b, ';') == -1 ||
	    hp_buf_add(b, en->value.data, en->value.len) == -1 ||
	    put_u16(b, ']') == -1)
		return -1;
	return 0;
}

int
hp_pol_write(const struct hp_pol *pol, struct hp_buf *out,
    struct hp_error *e)
{
	const struct hp_pol_entry *en;
	const char *arg;
	enum hp_pol_cmd c;
	size_t i, j, run = 0;

	if (hp_buf_add(out, pol_magic, sizeof(pol_magic)) == -1)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	for (i = 0; i < pol->n; i++) {
		en = &pol->v[i];
		if (en->name16len / 2 > HP_POL_MAX_NAME)
			return hp_error_set(e, HP_E_INPUT, "entry %zu (%s): "
			    "the value name has %zu characters; a Registry.pol "
			    "allows %d", i + 1, en->key, en->name16len / 2,
			    HP_POL_MAX_NAME);
		if (en->value.len > HP_POL_MAX_DATA)
			return hp_error_set(e, HP_E_INPUT, "entry %zu (%s\\"
			    "%s): %zu bytes of data; a Registry.pol allows "
			    "%d", i + 1, en->key, en->name, en->value.len,
			    HP_POL_MAX_DATA);
		if (i > 0 && !hp_name_eq(pol->v[i - 1].key, en->key))
			run = i;
		/*
		 * Commands ahead of the values of their key: GPMC itself puts
		 * a **del. after unrelated values, so what is refused is a
		 * command that undoes a value written before it.
		 */
		c = hp_pol_classify(en, &arg);
		for (j = run; (c == HP_POL_DEL || c == HP_POL_DELVALS ||
		    c == HP_POL_DELETEVALUES) && j < i; j++) {
			enum hp_pol_cmd vc = hp_pol_classify(&pol->v[j], &arg);

			if ((vc == HP_POL_SET || vc == HP_POL_SOFT) &&
			    undoes(en, c, &pol->v[j]))
				return hp_error_set(e, HP_E_INPUT, "entry %zu "
				    "(%s): command \"%s\" undoes value \"%s\" "
				    "written before it; commands must come "
				    "ahead of the values of their key", i + 1,
				    en->key, en->name, pol->v[j].name);
		}
		if (write_entry(en, out) == -1)
			return hp_error_errno(e, HP_E_IO, "out of memory");
	}
	return 0;
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
