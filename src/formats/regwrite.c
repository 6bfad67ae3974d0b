/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Writing .reg files in regedit's layout (formats.md §A.10): header, then
 * per key a blank line, [KEY], the default value, the other values; hex
 * data wrapped like regedit does.  Each item is composed as UTF-8 text and
 * then encoded for the dialect: UTF-16LE for 5.00, the code page for
 * REGEDIT4.  Every value is written so that reading it back gives the same
 * type and bytes; when the dialect cannot do that the export fails.
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/progress.h"
#include "core/text.h"
#include "formats/codepage.h"
#include "core/le.h"
#include "formats/regfile.h"
#include "formats/utf16.h"

#define EOL		"\r\n"
/* Wine's export wraps after the comma that reaches 77 columns. */
#define HEX_WIDTH	77
/* The output is handed to flush once it holds this much. */
#define FLUSH_SIZE	(1024 * 1024)

struct writer {
	const struct hp_reg_write_opts	*o;
	struct hp_buf			*out;
	struct hp_error			*e;
	struct hp_buf			 t;	/* item being composed */
	struct hp_buf			 tmp;
	struct hp_codepage		 cp;	/* REGEDIT4 */
};

/* Encodes the composed item into the output. */
static int
put(struct writer *w)
{
	int r;

	if (w->o->dialect == HP_REG5)
		r = hp_utf16_encode(w->t.buf, w->t.len, w->out);
	else
		r = hp_codepage_encode(&w->cp, w->t.buf, w->t.len, w->out);
	hp_buf_reset(&w->t);
	if (r != 0)
		return hp_error_set(w->e, HP_E_INPUT, "a name is not valid "
		    "UTF-8%s", w->o->dialect == HP_REG4 ? " or not "
		    "representable in the code page" : "");
	if (w->o->flush != NULL && w->out->len >= FLUSH_SIZE)
		return w->o->flush(w->o->flush_arg, w->out, w->e);
	return 0;
}

/*
 * s in quotes, with '\\', '"' and line breaks escaped as Wine does (names
 * have no hex form; string data never holds a line break).
 */
static void
add_quoted(struct hp_buf *b, const char *s, size_t len)
{
	size_t i;
	char *o;

	hp_buf_grow(b, len * 2 + 2);
	o = b->buf + b->len;
	*o++ = '"';
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '\\' || c == '"' || c == '\n' || c == '\r')
			*o++ = '\\';
		*o++ = c == '\n' ? 'n' : c == '\r' ? 'r' : c;
	}
	*o++ = '"';
	b->len = (size_t)(o - b->buf);
	b->buf[b->len] = '\0';
}

/* v in hex, at least width digits (printf's %0*x, without printf). */
static void
add_hex32(struct hp_buf *b, uint32_t v, int width)
{
	static const char digits[] = "0123456789abcdef";
	char s[8];
	int n = 0;

	do {
		s[7 - n++] = digits[v & 15];
		v >>= 4;
	} while (v != 0 || n < width);
	hp_buf_add(b, s + 8 - n, (size_t)n);
}

/*
 * "what "name" holds why, which .reg files cannot carry", the name shown
 * escaped; returns -1.
 */
static int
name_error(struct writer *w, const char *what, const char *name,
    const char *why)
{
	struct hp_buf b = HP_BUF_INIT;

	hp_name_escape(name, &b);
	hp_error_set(w->e, HP_E_INPUT, "%s \"%s\" holds %s, which .reg "
	    "files cannot carry", what, b.buf, why);
	hp_buf_release(&b);
	return -1;
}

/* Prefixes w's error with the value's name (escaped); returns -1. */
static int
value_error(struct writer *w, const char *name)
{
	struct hp_buf b = HP_BUF_INIT;

	hp_name_escape(name, &b);
	hp_error_prefix(w->e, "value \"%s\"", b.buf);
	hp_buf_release(&b);
	return -1;
}

/* "name"= or @=; returns its width. */
static size_t
add_name(struct writer *w, const char *name)
{
	size_t start = w->t.len;

	if (*name == '\0')
		hp_buf_adds(&w->t, "@=");
	else {
		add_quoted(&w->t, name, strlen(name));
		hp_buf_addc(&w->t, '=');
	}
	return hp_utf16_units(w->t.buf + start, w->t.len - start);
}

/* Writes c as one character: a UTF-16LE unit when wide, else a byte. */
static inline char *
unit(char *o, char c, int wide)
{
	*o++ = c;
	if (wide)
		*o++ = '\0';
	return o;
}

/*
 * 1 if REG_SZ data can be written as "text": one terminating NUL, no
 * other NUL nor line break, valid UTF-16.
 */
static int
plain_units(const struct hp_value *v)
{
	const unsigned char *d = v->data;
	size_t n = v->len - 2;

	if (v->len < 2 || v->len % 2 != 0 || d[n + 1] != 0 || d[n] != 0)
		return 0;
	return hp_utf16_one_line(d, n);
}

/* 1 if REG_SZ data is "text" that gives it back exactly (UTF-8 in text). */
static int
plain_string(struct writer *w, const struct hp_value *v, struct hp_buf *text)
{
	struct hp_buf cp = HP_BUF_INIT;
	int r;

	if (!plain_units(v))
		return 0;
	hp_buf_reset(text);
	hp_utf16_decode(v->data, v->len - 2, text);
	if (w->o->dialect == HP_REG5)
		return 1;
	r = hp_codepage_encode(&w->cp, text->buf, text->len, &cp);
	hp_buf_release(&cp);
	return r == 0;
}

/*
 * For 5.00, "text" and the line's end go from the data's UTF-16 units
 * straight to the output (after the pending name), with \ and " escaped:
 * the same as decoding, escaping and encoding again, since the data is
 * valid UTF-16.
 */
static int
add_wide_string(struct writer *w, const char *name, const struct hp_value *v)
{
	const unsigned char *d = v->data;
	size_t n = v->len - 2, i;
	char *o;

	if (put(w) == -1)
		return value_error(w, name);
	/* Every unit escaped at worst, the quotes and CRLF. */
	hp_buf_grow(w->out, n * 2 + 8);
	o = unit(w->out->buf + w->out->len, '"', 1);
	for (i = 0; i < n; i += 2) {
		if (d[i + 1] == 0 && (d[i] == '\\' || d[i] == '"'))
			o = unit(o, '\\', 1);
		*o++ = (char)d[i];
		*o++ = (char)d[i + 1];
	}
	o = unit(o, '"', 1);
	o = unit(o, '\r', 1);
	o = unit(o, '\n', 1);
	w->out->len = (size_t)(o - w->out->buf);
	w->out->buf[w->out->len] = '\0';
	return 0;
}

/*
 * REGEDIT4 keeps hex(1), hex(2), hex(7) data as code page bytes that the
 * reader converts back (adding a missing terminator).  Returns 0, or 1 if
 * that cannot reproduce the data.
 */
static int
ansi_bytes(struct writer *w, const struct hp_value *v, struct hp_buf *out)
{
	if (v->len < 2 || v->len % 2 != 0 || v->data[v->len - 1] != 0 ||
	    v->data[v->len - 2] != 0 || !hp_utf16_valid(v->data, v->len))
		return 1;
	hp_buf_reset(&w->tmp);
	hp_utf16_decode(v->data, v->len, &w->tmp);
	hp_buf_reset(out);
	return hp_codepage_encode(&w->cp, w->tmp.buf, w->tmp.len, out);
}

/* k bytes as "xx," each. */
static inline char *
hex_run(char *o, const unsigned char *d, size_t k, int wide)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* The two digits of each byte as UTF-16LE units. */
#define HD(n)	((n) < 10 ? '0' + (n) : 'a' - 10 + (n))
#define HP(b)	((uint32_t)HD((b) >> 4) | (uint32_t)HD((b) & 15) << 16)
#define H4(b)	HP(b), HP((b) + 1), HP((b) + 2), HP((b) + 3)
#define H16(b)	H4(b), H4((b) + 4), H4((b) + 8), H4((b) + 12)
#define H64(b)	H16(b), H16((b) + 16), H16((b) + 32), H16((b) + 48)
	static const uint32_t pairs[256] = {
		H64(0), H64(64), H64(128), H64(192)
	};
#undef H64
#undef H16
#undef H4
#undef HP
#undef HD

	/* One 8-byte store a byte; the next overwrites its last 2 bytes. */
	if (wide) {
		for (i = 0; i < k; i++) {
			uint64_t x = pairs[d[i]] | (uint64_t)',' << 32;

			memcpy(o, &x, sizeof(x));
			o += 6;
		}
		return o;
	}
#endif
	for (i = 0; i < k; i++) {
		o = unit(o, digits[d[i] >> 4], wide);
		o = unit(o, digits[d[i] & 15], wide);
		o = unit(o, ',', wide);
	}
	return o;
}

/*
 * The bytes wrapped as regedit does, from column col: after each comma
 * the column grows by 3, and once it reaches HEX_WIDTH the line ends in
 * "\" and the next starts with two spaces (column 2).  So a line takes
 * ceil((HEX_WIDTH - col) / 3) bytes (at least one), a full line 25.
 */
static inline char *
hex_lines(char *o, const unsigned char *d, size_t n, size_t col, int wide)
{
	while (n > 0) {
		size_t k = col >= HEX_WIDTH ? 1 : (HEX_WIDTH - col + 2) / 3;

		/* The last byte has no comma: take it back. */
		if (n <= k)
			return hex_run(o, d, n, wide) - (wide ? 2 : 1);
		o = hex_run(o, d, k, wide);
		o = unit(o, '\\', wide);
		o = unit(o, '\r', wide);
		o = unit(o, '\n', wide);
		o = unit(o, ' ', wide);
		o = unit(o, ' ', wide);
		d += k;
		n -= k;
		col = 2;
	}
	return o;
}

/*
 * hex: or hex(N): and the bytes, wrapped as regedit does.  The text is
 * ASCII, so for 5.00 it goes straight into the output as UTF-16 (after
 * the pending name): exports are mostly hex, and this is their hot loop.
 */
static int
add_hex(struct writer *w, uint32_t type, const unsigned char *d, size_t n,
    size_t col)
{
	int wide = w->o->dialect == HP_REG5;
	struct hp_buf *b = wide ? w->out : &w->t;
	size_t step = wide ? 2 : 1, tag = w->t.len;
	char *o;

	if (type == HP_REG_BINARY)
		hp_buf_adds(&w->t, "hex:");
	else {
		hp_buf_adds(&w->t, "hex(");
		add_hex32(&w->t, type, 1);
		hp_buf_adds(&w->t, "):");
	}
	/* The line so far: the name (col wide) and the ASCII type. */
	col += w->t.len - tag;
	if (wide && put(w) == -1)
		return -1;
	/* Each byte takes 3 columns; a wrap adds 5 characters. */
	hp_buf_grow(b, (n * 3 + (n / 20 + 1) * 5 + 8) * step);
	o = b->buf + b->len;
	o = wide ? hex_lines(o, d, n, col, 1) : hex_lines(o, d, n, col, 0);
	b->len = (size_t)(o - b->buf);
	b->buf[b->len] = '\0';
	return 0;
}

/* REGEDIT4 strings as hex(N): code page bytes, if they give v back. */
static int
add_ansi_hex(struct writer *w, const char *name, const struct hp_value *v,
    size_t col)
{
	struct hp_buf text = HP_BUF_INIT;
	int r;

	if ((r = ansi_bytes(w, v, &text)) == 1) {
		hp_error_set(w->e, HP_E_INPUT, "its data (type %u) cannot be written "
		    "exactly in REGEDIT4 with code page %s", v->type,
		    w->cp.name);
		value_error(w, name);
		r = hp_error_hint(w->e, HP_HINT_REG5);
	} else
		r = add_hex(w, v->type, (unsigned char *)text.buf, text.len,
		    col);
	hp_buf_release(&text);
	return r;
}

static int
add_value(struct writer *w, const char *name, const struct hp_value *v)
{
	struct hp_buf text = HP_BUF_INIT;
	size_t col;
	int r = 0;

	if (hp_name_has_nul(name))
		return name_error(w, "value", name, "U+0000");
	col = add_name(w, name);

	if (v->type == HP_REG_SZ && w->o->dialect == HP_REG5 &&
	    plain_units(v))
		return add_wide_string(w, name, v);
	if (v->type == HP_REG_SZ && plain_string(w, v, &text))
		add_quoted(&w->t, text.buf, text.len);
	else if (v->type == HP_REG_DWORD && v->len == 4) {
		hp_buf_adds(&w->t, "dword:");
		add_hex32(&w->t, hp_le32(v->data), 8);
	} else if (w->o->dialect == HP_REG4 && (v->type == HP_REG_SZ ||
	    v->type == HP_REG_EXPAND_SZ || v->type == HP_REG_MULTI_SZ))
		r = add_ansi_hex(w, name, v, col);
	else
		r = add_hex(w, v->type, v->data, v->len, col);
	hp_buf_release(&text);
	if (r == 0) {
		hp_buf_adds(&w->t, EOL);
		if ((r = put(w)) == -1)
			value_error(w, name);
	}
	return r;
}

/* A key name a .reg file can carry: not empty, no line break, no NUL. */
static int
check_key_name(struct writer *w, const char *name)
{
	if (*name == '\0')
		return hp_error_set(w->e, HP_E_INPUT, "a key with an "
		    "empty name cannot go into a .reg file");
	if (strpbrk(name, "\r\n") != NULL)
		return name_error(w, "key name", name, "a line break");
	if (hp_name_has_nul(name))
		return name_error(w, "key name", name, "U+0000");
	return 0;
}

/* Prefixes w's error with the key at a followed by b; returns -1. */
static int
key_error(struct writer *w, const struct hp_path *a, const struct hp_path *b)
{
	struct hp_path p;
	char *s;

	hp_path_join(&p, a, b);
	s = hp_path_str(&p);
	hp_path_free(&p);
	hp_error_prefix(w->e, "key %s", s);
	free(s);
	return -1;
}

/* The i-th component of a followed by b. */
#define COMP(a, b, i)	\
	((i) < (a)->n ? (a)->comps[i] : (b)->comps[(i) - (a)->n])

/*
 * "\r\n[KEY]\r\n" or "\r\n[-KEY]\r\n" for the key at a followed by b's
 * components (b's root ignored): a walk passes the mount and the path
 * below it, and nothing has to join them.
 */
static int
add_key2(struct writer *w, const struct hp_path *a, const struct hp_path *b,
    int del)
{
	size_t i, n = a->n + b->n;

	if (a->root == HP_ROOT_NONE)
		return hp_error_set(w->e, HP_E_INPUT, "key \\%s%s has no "
		    "root key, so it cannot go into a .reg file", n ?
		    COMP(a, b, 0) : "", n > 1 ? "\\..." : "");
	for (i = 0; i < n; i++)
		if (check_key_name(w, COMP(a, b, i)) == -1)
			return key_error(w, a, b);
	hp_buf_adds(&w->t, del ? EOL "[-" : EOL "[");
	hp_buf_adds(&w->t, hp_root_long(a->root));
	for (i = 0; i < n; i++) {
		hp_buf_addc(&w->t, '\\');
		hp_buf_adds(&w->t, COMP(a, b, i));
	}
	hp_buf_adds(&w->t, "]" EOL);
	if (put(w) == -1)
		return key_error(w, a, b);
	return 0;
}

#undef COMP

static int
add_key(struct writer *w, const struct hp_path *p, int del)
{
	return add_key2(w, p, &(struct hp_path)HP_PATH_INIT, del);
}

static int
writer_init(struct writer *w, const struct hp_reg_write_opts *o,
    struct hp_buf *out, struct hp_error *e)
{
	memset(w, 0, sizeof(*w));
	w->o = o;
	w->out = out;
	w->e = e;
	w->t = (struct hp_buf)HP_BUF_INIT;
	w->tmp = (struct hp_buf)HP_BUF_INIT;
	hp_codepage_init(&w->cp, o->codepage);
	if (o->dialect == HP_REG5) {
		hp_buf_add(out, "\xff\xfe", 2);
		hp_utf16_encode("Windows Registry Editor Version 5.00" EOL, 38,
		    out);
		return 0;
	}
	if (hp_codepage_open(&w->cp, 1, e) == -1)
		return -1;
	hp_buf_adds(out, "REGEDIT4" EOL);
	return 0;
}

static int
writer_finish(struct writer *w, int r)
{
	if (r == 0) {
		hp_buf_adds(&w->t, EOL);
		r = put(w);
		if (r == 0 && w->o->flush != NULL && w->out->len > 0)
			r = w->o->flush(w->o->flush_arg, w->out, w->e);
	}
	hp_codepage_close(&w->cp);
	hp_buf_release(&w->t);
	hp_buf_release(&w->tmp);
	return r;
}

/*
 * A walk goes depth first, so a key's parent is a prefix of the key
 * written last: for 5.00 the walk keeps that key's line ("\r\n[ROOT\A\B",
 * UTF-16LE) with where each component ends, and a key costs only its own
 * name.  Its ancestors were checked when they were written.
 */
struct walk {
	struct writer		*w;
	const struct hp_view	*v;
	struct hp_buf		 line;
	size_t			*ends;	/* line.len after i components */
	size_t			 nends, capends;
	struct hp_progress	*progress;
	uint64_t		 keys;	/* written so far */
};

/* Records that the line ends after component i. */
static void
walk_end(struct walk *wk, size_t i)
{
	HP_ALLOC_GROW(wk->ends, i + 1, wk->capends);
	wk->ends[i] = wk->line.len;
	wk->nends = i + 1;
}

/* Appends "\" and comp to the line; 1 if comp is not WTF-8. */
static int
walk_push(struct walk *wk, const char *comp)
{
	hp_buf_add(&wk->line, "\\\0", 2);
	return hp_utf16_encode(comp, strlen(comp), &wk->line);
}

/*
 * Starts the line afresh at the key at rel, already written: so its
 * names are WTF-8, and encode.
 */
static void
walk_line(struct walk *wk, const struct hp_path *rel)
{
	const struct hp_path *m = &wk->v->mount;
	const char *root = hp_root_long(m->root);
	size_t i;

	hp_buf_reset(&wk->line);
	hp_utf16_encode(EOL "[", 3, &wk->line);
	hp_utf16_encode(root, strlen(root), &wk->line);
	for (i = 0; i < m->n; i++)
		walk_push(wk, m->comps[i]);
	walk_end(wk, 0);
	for (i = 0; i < rel->n; i++) {
		walk_push(wk, rel->comps[i]);
		walk_end(wk, i + 1);
	}
}

/* The key at rel, a subkey of the key written last or of one above it. */
static int
walk_subkey(struct walk *wk, const struct hp_path *rel)
{
	struct writer *w = wk->w;
	const char *name = rel->comps[rel->n - 1];

	if (check_key_name(w, name) == -1)
		return key_error(w, &wk->v->mount, rel);
	wk->line.len = wk->ends[rel->n - 1];
	if (walk_push(wk, name) != 0) {
		hp_error_set(w->e, HP_E_INPUT, "a name is not valid UTF-8");
		return key_error(w, &wk->v->mount, rel);
	}
	walk_end(wk, rel->n);
	hp_buf_grow(w->out, wk->line.len + 6);
	memcpy(w->out->buf + w->out->len, wk->line.buf, wk->line.len);
	memcpy(w->out->buf + w->out->len + wk->line.len, "]\0\r\0\n\0", 6);
	w->out->len += wk->line.len + 6;
	w->out->buf[w->out->len] = '\0';
	if (w->o->flush != NULL && w->out->len >= FLUSH_SIZE)
		return w->o->flush(w->o->flush_arg, w->out, w->e);
	return 0;
}

static int
walk_key(void *arg, const struct hp_path *rel, hp_node node,
    const struct hp_vallist *vals, struct hp_error *e)
{
	struct walk *wk = arg;
	struct hp_path full;
	size_t i;
	int r;

	(void)node;
	(void)e;	/* the writer reports through wk->w->e */
	if (wk->v->whole) {
		hp_view_full_path(wk->v, rel, &full);
		r = add_key(wk->w, &full, 0);
		hp_path_free(&full);
	} else if (wk->w->o->dialect != HP_REG5)
		r = add_key2(wk->w, &wk->v->mount, rel, 0);
	else if (rel->n > 0 && rel->n <= wk->nends)
		r = walk_subkey(wk, rel);
	else if ((r = add_key2(wk->w, &wk->v->mount, rel, 0)) == 0)
		walk_line(wk, rel);
	/* The walk sorts values by name: the default value comes first. */
	for (i = 0; i < vals->n && r == 0; i++)
		if ((r = add_value(wk->w, vals->v[i].name,
		    &vals->v[i].value)) == -1)
			key_error(wk->w, &wk->v->mount, rel);
	hp_progress_tick(wk->progress, ++wk->keys, 0, "keys");
	return r;
}

int
hp_reg_resolve_key(const struct hp_view *v, const struct hp_path *rel, hp_node *node,
    struct hp_path *p, struct hp_error *e)
{
	size_t i, j;
	int found, r;

	if ((r = v->ops->root(v->impl, node, e)) != 0)
		return r;
	for (i = 0; i < rel->n; i++) {
		struct hp_keylist kids = HP_LIST_INIT;

		if ((r = v->ops->subkeys(v->impl, *node, &kids, e)) != 0)
			return r;
		for (j = 0; j < kids.n; j++)
			if (hp_name_eq(kids.v[j].name, rel->comps[i]))
				break;
		found = j < kids.n;
		if (found) {
			hp_path_push(p, kids.v[j].name);
			*node = kids.v[j].node;
		}
		hp_keylist_free(&kids);
		if (!found)
			return 1;
	}
	return 0;
}

int
hp_reg_write_view(const struct hp_view *v, const struct hp_path *rel,
    const struct hp_reg_write_opts *o, struct hp_progress *pr,
    struct hp_buf *out, struct hp_error *e)
{
	struct hp_path p = HP_PATH_INIT;
	struct writer w;
	struct walk wk;
	hp_node node;
	int r;

	if (!v->mounted) {
		hp_error_set(e, HP_E_INPUT, "%s: the hive's mount is unknown, "
		    "so its keys have no full path",
		    v->source ? v->source : "view");
		return hp_error_hint(e, HP_HINT_MOUNT);
	}
	if (writer_init(&w, o, out, e) == -1)
		return writer_finish(&w, -1);
	wk.w = &w;
	wk.v = v;
	wk.line = (struct hp_buf)HP_BUF_INIT;
	wk.ends = NULL;
	wk.nends = wk.capends = 0;
	wk.progress = pr;
	wk.keys = 0;
	if ((r = hp_reg_resolve_key(v, rel, &node, &p, e)) == 1)
		r = hp_error_set(e, HP_E_INPUT, "no such key");
	if (r == 0)
		r = hp_view_walk(v, node, &p, ~0u, walk_key, &wk, e);
	if (r == 0)
		hp_progress_end(pr, wk.keys, "keys");
	hp_path_free(&p);
	hp_buf_release(&wk.line);
	free(wk.ends);
	return writer_finish(&w, r);
}

/* The operations of p, after the header. */
static int
write_ops(struct writer *w, const struct hp_patch *p)
{
	const struct hp_reg_write_opts *o = w->o;
	struct hp_error *e = w->e;
	const struct hp_path *cur = NULL;
	size_t i;
	int r = 0;

	for (i = 0; i < p->n && r == 0; i++) {
		const struct hp_op *op = &p->ops[i];

		switch (op->kind) {
		case HP_OP_DELETE_KEY:
			r = add_key(w, &op->key, 1);
			cur = NULL;
			continue;
		case HP_OP_SET_VALUE_SOFT:
		case HP_OP_DELETE_VALUES:
			r = hp_error_set(e, HP_E_INPUT, "operation %zu "
			    "(%s, %s %lu) has no .reg form", i + 1,
			    hp_op_kind_name(op->kind), o->offsets ? "offset" :
			    "line", op->line);
			continue;
		default:
			break;
		}
		if (cur == NULL || !hp_path_eq(cur, &op->key)) {
			if ((r = add_key(w, &op->key, 0)) == -1)
				continue;
			cur = &op->key;
		}
		if (op->kind == HP_OP_SET_VALUE &&
		    (r = add_value(w, op->name, &op->value)) == -1)
			key_error(w, &op->key, &(struct hp_path)HP_PATH_INIT);
		else if (op->kind == HP_OP_DELETE_VALUE) {
			add_name(w, op->name);
			hp_buf_adds(&w->t, "-" EOL);
			r = put(w);
		}
	}
	return r;
}

int
hp_reg_add_comment(const struct hp_reg_write_opts *o, const char *text,
    struct hp_buf *reg, struct hp_error *e)
{
	struct hp_reg_write_opts wo = *o;
	struct hp_buf b = HP_BUF_INIT;
	struct writer w;
	size_t hdr;
	int r;

	wo.flush = NULL;
	if ((r = writer_init(&w, &wo, &b, e)) == 0) {
		hdr = b.len;
		hp_buf_addf(&w.t, "; %s" EOL, text);
		if ((r = put(&w)) == 0 && hdr <= reg->len) {
			hp_buf_add(&b, reg->buf + hdr, reg->len - hdr);
			hp_buf_release(reg);
			*reg = b;
			b = (struct hp_buf)HP_BUF_INIT;
		}
	}
	hp_buf_release(&b);
	hp_codepage_close(&w.cp);
	hp_buf_release(&w.t);
	hp_buf_release(&w.tmp);
	return r;
}

int
hp_reg_write_patch(const struct hp_patch *p,
    const struct hp_reg_write_opts *o, struct hp_buf *out,
    struct hp_error *e)
{
	struct hp_reg_section s = { NULL, p };

	return hp_reg_write_sections(&s, 1, o, out, e);
}

int
hp_reg_write_sections(const struct hp_reg_section *s, size_t n,
    const struct hp_reg_write_opts *o, struct hp_buf *out,
    struct hp_error *e)
{
	struct writer w;
	size_t i;
	int r;

	if ((r = writer_init(&w, o, out, e)) == -1)
		return writer_finish(&w, -1);
	for (i = 0; i < n && r == 0; i++) {
		if (s[i].comment != NULL) {
			hp_buf_adds(&w.t, EOL "; ");
			hp_name_escape(s[i].comment, &w.t);
			hp_buf_adds(&w.t, EOL);
			r = put(&w);
		}
		if (r == 0)
			r = write_ops(&w, s[i].patch);
	}
	return writer_finish(&w, r);
}
