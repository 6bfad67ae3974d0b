/*
 * Registry.pol reader and writer.  Test files are built byte by byte here
 * (ASCII names widened to UTF-16LE by hand), independently of the writer.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "core/patch.h"
#include "formats/polfile.h"

static void
u16(struct hp_buf *b, unsigned c)
{
	hp_buf_addc(b, c & 0xff);
	hp_buf_addc(b, c >> 8);
}

static void
u32(struct hp_buf *b, uint32_t v)
{
	u16(b, v & 0xffff);
	u16(b, v >> 16);
}

static void
wstr(struct hp_buf *b, const char *s)
{
	while (*s)
		u16(b, (unsigned char)*s++);
	u16(b, 0);
}

static void
header(struct hp_buf *b)
{
	hp_buf_add(b, "PReg\1\0\0\0", 8);
}

/*
 * One entry with the value name given as raw UTF-16LE (n16 bytes, no NUL),
 * an extra NUL after it if asked, a size field of size and len bytes of
 * data.
 */
static void
raw_entry(struct hp_buf *b, const char *key, const void *name16, size_t n16,
    int extra_nul, uint32_t type, uint32_t size, const void *data,
    size_t len)
{
	u16(b, '[');
	wstr(b, key);
	u16(b, ';');
	hp_buf_add(b, name16, n16);
	u16(b, 0);
	if (extra_nul)
		u16(b, 0);
	u16(b, ';');
	u32(b, type);
	u16(b, ';');
	u32(b, size);
	u16(b, ';');
	hp_buf_add(b, data, len);
	u16(b, ']');
}

/* One entry; data of size bytes. */
static void
entry(struct hp_buf *b, const char *key, const char *name, uint32_t type,
    const void *data, uint32_t size)
{
	struct hp_buf n = HP_BUF_INIT;

	wstr(&n, name);
	raw_entry(b, key, n.buf, n.len - 2, 0, type, size, data, size);
	hp_buf_release(&n);
}

static void
sz_entry(struct hp_buf *b, const char *key, const char *name, const char *s)
{
	struct hp_buf d = HP_BUF_INIT;

	wstr(&d, s);
	entry(b, key, name, 1, d.buf, (uint32_t)d.len);
	hp_buf_release(&d);
}

static void
dword_entry(struct hp_buf *b, const char *key, const char *name, uint32_t v)
{
	unsigned char d[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff,
	    v >> 24 };

	entry(b, key, name, 4, d, 4);
}

static int
parse(const struct hp_buf *b, struct hp_patch *p, struct hp_warnings *w,
    struct hp_error *e)
{
	return hp_pol_parse(b->buf, b->len, "t.pol", HP_ROOT_HKLM, p, w, e);
}

static void
assert_op(const struct hp_op *op, enum hp_op_kind kind, const char *path,
    const char *name)
{
	char *s = hp_path_str(&op->key);

	assert_int_equal(op->kind, kind);
	assert_string_equal(s, path);
	if (name == NULL)
		assert_null(op->name);
	else
		assert_string_equal(op->name, name);
	free(s);
}

static void
test_header_only(void **state)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_error e = HP_ERROR_INIT;

	(void)state;
	header(&b);
	assert_int_equal(parse(&b, &p, NULL, &e), 0);
	assert_int_equal(p.n, 0);
	hp_buf_release(&b);
}

static void
test_bad_header(void **state)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_error e = HP_ERROR_INIT;

	(void)state;
	hp_buf_add(&b, "PRei\1\0\0\0", 8);
	assert_int_equal(parse(&b, &p, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "offset 0"));
	assert_non_null(strstr(e.msg, "PReg"));
	hp_buf_reset(&b);
	hp_buf_add(&b, "PReg\2\0\0\0", 8);
	assert_int_equal(parse(&b, &p, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "offset 4"));
	hp_buf_reset(&b);
	hp_buf_add(&b, "PRe", 3);
	assert_int_equal(parse(&b, &p, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "shorter than the 8-byte header"));
	assert_int_equal(e.kind, HP_E_INPUT);
	hp_buf_release(&b);
	hp_patch_free(&p);
}

static void
test_one_value(void **state)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_error e = HP_ERROR_INIT;
	uint32_t d;

	(void)state;
	header(&b);
	dword_entry(&b, "Software\\Policies\\Microsoft\\Windows\\RTC\\PortRange",
	    "MinSipDynamicPort", 7100);
	/* The worked example of formats.md B.2: 168 bytes. */
	assert_int_equal(b.len, 168);
	assert_int_equal(parse(&b, &p, NULL, &e), 0);
	assert_int_equal(p.n, 1);
	assert_op(&p.ops[0], HP_OP_SET_VALUE, "HKEY_LOCAL_MACHINE\\Software\\"
	    "Policies\\Microsoft\\Windows\\RTC\\PortRange",
	    "MinSipDynamicPort");
	assert_int_equal(p.ops[0].value.type, 4);
	assert_int_equal(hp_value_get_u32(&p.ops[0].value, &d), 0);
	assert_int_equal(d, 7100);
	assert_int_equal(p.ops[0].line, 8);
	hp_patch_free(&p);
	hp_buf_release(&b);
}

static void
test_commands(void **state)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_warnings w = HP_WARNINGS_INIT;
	struct hp_error e = HP_ERROR_INIT;
	unsigned char one[4] = { 1, 0, 0, 0 };

	(void)state;
	header(&b);
	sz_entry(&b, "Software\\P", "**del.Gone", " ");
	sz_entry(&b, "Software\\P", "**DelVals", " ");
	sz_entry(&b, "Software\\P", "**delvals.", " ");
	sz_entry(&b, "Software\\P", "**DELVALS", " ");
	sz_entry(&b, "Software\\P", "**DeleteValues", "a;b");
	/* One absolute (under the entry's key), one relative name. */
	sz_entry(&b, "Software\\P", "**DeleteKeys", "Software\\P\\Abs;Rel");
	dword_entry(&b, "Software\\P", "**soft.Maybe", 5);
	entry(&b, "Software\\P", "**SecureKey", 4, one, 4);
	entry(&b, "Software\\Q", "", 0, NULL, 0);
	sz_entry(&b, "Software\\Q", "", "default");
	sz_entry(&b, "Software\\Q", "**Comment:hello", "x");
	assert_int_equal(parse(&b, &p, &w, &e), 0);
	assert_int_equal(p.n, 11);
	assert_op(&p.ops[0], HP_OP_DELETE_VALUE, "HKEY_LOCAL_MACHINE\\"
	    "Software\\P", "Gone");
	assert_op(&p.ops[1], HP_OP_DELETE_VALUES, "HKEY_LOCAL_MACHINE\\"
	    "Software\\P", NULL);
	assert_op(&p.ops[2], HP_OP_DELETE_VALUES, "HKEY_LOCAL_MACHINE\\"
	    "Software\\P", NULL);
	assert_op(&p.ops[3], HP_OP_DELETE_VALUES, "HKEY_LOCAL_MACHINE\\"
	    "Software\\P", NULL);
	assert_op(&p.ops[4], HP_OP_DELETE_VALUE, "HKEY_LOCAL_MACHINE\\"
	    "Software\\P", "a");
	assert_op(&p.ops[5], HP_OP_DELETE_VALUE, "HKEY_LOCAL_MACHINE\\"
	    "Software\\P", "b");
	assert_op(&p.ops[6], HP_OP_DELETE_KEY, "HKEY_LOCAL_MACHINE\\"
	    "Software\\P\\Abs", NULL);
	assert_op(&p.ops[7], HP_OP_DELETE_KEY, "HKEY_LOCAL_MACHINE\\"
	    "Software\\P\\Rel", NULL);
	assert_op(&p.ops[8], HP_OP_SET_VALUE_SOFT, "HKEY_LOCAL_MACHINE\\"
	    "Software\\P", "Maybe");
	assert_op(&p.ops[9], HP_OP_CREATE_KEY, "HKEY_LOCAL_MACHINE\\"
	    "Software\\Q", NULL);
	assert_op(&p.ops[10], HP_OP_SET_VALUE, "HKEY_LOCAL_MACHINE\\"
	    "Software\\Q", "");
	/* SecureKey is reported, never silently dropped. */
	assert_int_equal(w.n, 1);
	assert_non_null(strstr(w.msgs[0], "SecureKey"));
	hp_warnings_release(&w);
	hp_patch_free(&p);
	hp_buf_release(&b);
}

static void
test_extra_nul(void **state)
{
	struct hp_buf b = HP_BUF_INIT, out = HP_BUF_INIT, plain = HP_BUF_INIT;
	struct hp_pol pol = HP_POL_INIT;
	struct hp_warnings w = HP_WARNINGS_INIT;
	struct hp_error e = HP_ERROR_INIT;
	unsigned char d[4] = { 1, 0, 0, 0 };

	(void)state;
	header(&b);
	raw_entry(&b, "K", "V\0", 2, 1, 4, 4, d, 4);
	assert_int_equal(hp_pol_read(b.buf, b.len, "t", &pol, &w, &e), 0);
	assert_int_equal(pol.n, 1);
	assert_int_equal(pol.v[0].extra_nul, 1);
	assert_string_equal(pol.v[0].name, "V");
	assert_int_equal(w.n, 1);
	/* Never written back. */
	assert_int_equal(hp_pol_write(&pol, &out, &e), 0);
	header(&plain);
	dword_entry(&plain, "K", "V", 1);
	assert_int_equal(out.len, plain.len);
	assert_memory_equal(out.buf, plain.buf, plain.len);
	hp_pol_free(&pol);
	hp_warnings_release(&w);
	hp_buf_release(&b);
	hp_buf_release(&out);
	hp_buf_release(&plain);
}

/* Every proper prefix of a valid file fails, naming an offset. */
static void
test_truncated(void **state)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_error e = HP_ERROR_INIT;
	size_t n;

	(void)state;
	header(&b);
	sz_entry(&b, "Software\\X", "Name", "data");
	for (n = 9; n < b.len; n++) {
		assert_int_equal(hp_pol_parse(b.buf, n, "t.pol", HP_ROOT_HKLM,
		    &p, NULL, &e), -1);
		assert_non_null(strstr(e.msg, "t.pol: offset "));
		hp_patch_free(&p);
	}
	assert_int_equal(hp_pol_parse(b.buf, b.len, "t.pol", HP_ROOT_HKLM, &p,
	    NULL, &e), 0);
	hp_patch_free(&p);
	/* A missing ']' names where it was expected. */
	b.len -= 2;
	assert_int_equal(parse(&b, &p, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "']'"));
	hp_buf_release(&b);
}

static void
test_huge_size(void **state)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_warnings w = HP_WARNINGS_INIT;
	struct hp_error e = HP_ERROR_INIT;
	unsigned char *big;

	(void)state;
	header(&b);
	/* A 2 GB size field. */
	raw_entry(&b, "K", "V\0", 2, 0, 3, 0x7fffffff, "abcd", 4);
	assert_int_equal(parse(&b, &p, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "offset 28"));
	assert_non_null(strstr(e.msg, "runs past the end"));
	/* Above 0xFFFF but present: accepted with a warning. */
	hp_buf_reset(&b);
	header(&b);
	big = calloc(1, 70000);
	entry(&b, "K", "V", 3, big, 70000);
	assert_int_equal(parse(&b, &p, &w, &e), 0);
	assert_int_equal(p.ops[0].value.len, 70000);
	assert_int_equal(w.n, 1);
	assert_non_null(strstr(w.msgs[0], "65535"));
	hp_warnings_release(&w);
	/* Odd string size: a warning too. */
	hp_buf_reset(&b);
	header(&b);
	entry(&b, "K", "V", 1, "a\0\0", 3);
	hp_patch_free(&p);
	assert_int_equal(parse(&b, &p, &w, &e), 0);
	assert_int_equal(w.n, 1);
	assert_non_null(strstr(w.msgs[0], "odd size"));
	free(big);
	hp_warnings_release(&w);
	hp_patch_free(&p);
	hp_buf_release(&b);
}

static void
test_trailing_garbage(void **state)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_error e = HP_ERROR_INIT;

	(void)state;
	header(&b);
	dword_entry(&b, "K", "V", 1);
	hp_buf_addc(&b, 0);
	assert_int_equal(parse(&b, &p, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "stray byte"));
	hp_patch_free(&p);
	hp_buf_release(&b);
}

static void
test_round_trip(void **state)
{
	struct hp_buf b = HP_BUF_INIT, out = HP_BUF_INIT;
	struct hp_pol pol = HP_POL_INIT;
	struct hp_error e = HP_ERROR_INIT;
	unsigned char u[] = { 0xe9, 0x00, 0x3b, 0x04 };	/* "é", Cyrillic */

	(void)state;
	header(&b);
	sz_entry(&b, "Software\\Policies\\X", "**delvals.", " ");
	sz_entry(&b, "Software\\Policies\\X", "1", "one");
	dword_entry(&b, "Software\\Policies\\X", "Flag", 3);
	entry(&b, "Software\\Policies\\Y", "", 0, NULL, 0);
	/* A non-ASCII value name, raw. */
	raw_entry(&b, "K", u, sizeof(u), 0, 3, 0, NULL, 0);
	assert_int_equal(hp_pol_read(b.buf, b.len, "t", &pol, NULL, &e), 0);
	assert_string_equal(pol.v[4].name, "\xc3\xa9\xd0\xbb");
	assert_int_equal(hp_pol_write(&pol, &out, &e), 0);
	assert_int_equal(out.len, b.len);
	assert_memory_equal(out.buf, b.buf, b.len);
	hp_pol_free(&pol);
	hp_buf_release(&b);
	hp_buf_release(&out);
}

/* Names beyond ASCII and the BMP, both ways; a lone surrogate is refused. */
static void
test_utf16_names(void **state)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_pol pol = HP_POL_INIT, back = HP_POL_INIT;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_value v = HP_VALUE_INIT;
	/* U+1F600 (a surrogate pair), "é", U+FEFF (kept, not a BOM). */
	unsigned char u[] = { 0x3d, 0xd8, 0x00, 0xde, 0xe9, 0x00, 0xff, 0xfe };
	unsigned char lone[] = { 'a', 0, 0x00, 0xd8, 'b', 0 };
	const char *utf8 = "\xf0\x9f\x98\x80\xc3\xa9\xef\xbb\xbf";

	(void)state;
	header(&b);
	raw_entry(&b, "K", u, sizeof(u), 0, 3, 0, NULL, 0);
	assert_int_equal(hp_pol_read(b.buf, b.len, "t", &pol, NULL, &e), 0);
	assert_string_equal(pol.v[0].name, utf8);
	hp_value_set(&v, 3, NULL, 0);
	assert_int_equal(hp_pol_add(&back, "K", utf8, &v, &e), 0);
	assert_int_equal(back.v[0].name16len, sizeof(u));
	assert_memory_equal(back.v[0].name16, u, sizeof(u));
	hp_pol_free(&pol);
	hp_pol_free(&back);
	hp_buf_reset(&b);
	header(&b);
	raw_entry(&b, "K", lone, sizeof(lone), 0, 3, 0, NULL, 0);
	assert_int_equal(hp_pol_read(b.buf, b.len, "t", &pol, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "t: offset 16: value name"));
	hp_pol_free(&pol);
	hp_value_free(&v);
	hp_buf_release(&b);
}

static void
test_writer_strict(void **state)
{
	struct hp_pol pol = HP_POL_INIT;
	struct hp_buf out = HP_BUF_INIT;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_value v = HP_VALUE_INIT;
	char name[262];

	(void)state;
	memset(name, 'n', 260);
	name[260] = '\0';
	hp_value_set_dword(&v, 1);
	assert_int_equal(hp_pol_add(&pol, "K", name, &v, &e), 0);
	assert_int_equal(hp_pol_write(&pol, &out, &e), -1);
	assert_non_null(strstr(e.msg, "260 characters"));
	hp_pol_free(&pol);
	name[259] = '\0';
	assert_int_equal(hp_pol_add(&pol, "K", name, &v, &e), 0);
	hp_buf_reset(&out);
	assert_int_equal(hp_pol_write(&pol, &out, &e), 0);
	hp_pol_free(&pol);

	hp_value_set(&v, 3, NULL, 0);
	v.data = calloc(1, 65536);
	v.len = 65536;
	assert_int_equal(hp_pol_add(&pol, "K", "Big", &v, &e), 0);
	hp_buf_reset(&out);
	assert_int_equal(hp_pol_write(&pol, &out, &e), -1);
	assert_non_null(strstr(e.msg, "65535"));
	hp_pol_free(&pol);

	/* A command that undoes an earlier value of its key is refused... */
	hp_value_set_dword(&v, 1);
	assert_int_equal(hp_pol_add(&pol, "K", "A", &v, &e), 0);
	assert_int_equal(hp_pol_add(&pol, "K", "**del.a", &v, &e), 0);
	hp_buf_reset(&out);
	assert_int_equal(hp_pol_write(&pol, &out, &e), -1);
	assert_non_null(strstr(e.msg, "commands must come"));
	hp_pol_free(&pol);
	assert_int_equal(hp_pol_add(&pol, "K", "A", &v, &e), 0);
	assert_int_equal(hp_pol_add(&pol, "K", "**delvals.", &v, &e), 0);
	hp_buf_reset(&out);
	assert_int_equal(hp_pol_write(&pol, &out, &e), -1);
	hp_pol_free(&pol);
	assert_int_equal(hp_pol_add(&pol, "K", "A", &v, &e), 0);
	hp_value_set_string(&v, HP_REG_SZ, "x;a", &e);
	assert_int_equal(hp_pol_add(&pol, "K", "**DeleteValues", &v, &e), 0);
	hp_buf_reset(&out);
	assert_int_equal(hp_pol_write(&pol, &out, &e), -1);
	assert_non_null(strstr(e.msg, "undoes value \"A\""));
	hp_pol_free(&pol);
	hp_value_set_dword(&v, 1);
	/* ...one after an unrelated value (as GPMC writes) is not. */
	assert_int_equal(hp_pol_add(&pol, "K", "A", &v, &e), 0);
	assert_int_equal(hp_pol_add(&pol, "K", "**del.B", &v, &e), 0);
	hp_buf_reset(&out);
	assert_int_equal(hp_pol_write(&pol, &out, &e), 0);
	hp_pol_free(&pol);
	hp_value_free(&v);
	hp_buf_release(&out);
}

static void
add(struct hp_patch *p, enum hp_op_kind k, const char *path,
    const char *name, uint32_t dw)
{
	struct hp_path key = HP_PATH_INIT;
	struct hp_value v = HP_VALUE_INIT;
	struct hp_error e = HP_ERROR_INIT;

	assert_int_equal(hp_path_parse(path, &key, &e), 0);
	hp_value_set_dword(&v, dw);
	assert_non_null(hp_patch_add(p, k, &key, name,
	    k == HP_OP_SET_VALUE || k == HP_OP_SET_VALUE_SOFT ? &v : NULL, 0));
	hp_path_free(&key);
	hp_value_free(&v);
}

static void
test_from_patch(void **state)
{
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_pol pol = HP_POL_INIT;
	struct hp_error e = HP_ERROR_INIT;
	const char *want[][2] = {
		{ "Software\\A", "**delvals." },
		{ "Software\\A", "w" },
		{ "Software\\A", "**DeleteKeys" },
		{ "Software\\A", "**del.X" },
		{ "Software\\A", "**soft.s" },
		{ "Software\\C", "" },
		{ "", "**DeleteKeys" },
	};
	size_t i;

	(void)state;
	add(&p, HP_OP_SET_VALUE, "HKLM\\Software\\A", "v", 1);
	add(&p, HP_OP_DELETE_VALUES, "HKLM\\Software\\A", NULL, 0);
	add(&p, HP_OP_SET_VALUE, "HKLM\\Software\\A", "w", 2);
	add(&p, HP_OP_DELETE_KEY, "HKLM\\Software\\A\\B", NULL, 0);
	add(&p, HP_OP_SET_VALUE, "HKLM\\Software\\A", "x", 2);
	add(&p, HP_OP_DELETE_VALUE, "HKLM\\Software\\A", "X", 0);
	add(&p, HP_OP_SET_VALUE_SOFT, "HKLM\\Software\\A", "s", 3);
	add(&p, HP_OP_CREATE_KEY, "HKLM\\Software\\C", NULL, 0);
	add(&p, HP_OP_DELETE_KEY, "HKLM\\Top", NULL, 0);
	assert_int_equal(hp_pol_from_patch(&p, HP_ROOT_HKLM, &pol, &e), 0);
	assert_int_equal(pol.n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < pol.n; i++) {
		assert_string_equal(pol.v[i].key, want[i][0]);
		assert_string_equal(pol.v[i].name, want[i][1]);
	}
	/* Full paths in **DeleteKeys, as GPMC writes them. */
	assert_int_equal(pol.v[2].value.type, 1);
	assert_int_equal(pol.v[2].value.len, 26);
	assert_memory_equal(pol.v[2].value.data, "S\0o\0f\0t\0w\0a\0r\0e\0"
	    "\\\0A\0\\\0B\0\0", 26);
	assert_memory_equal(pol.v[0].value.data, " \0\0", 4);
	assert_memory_equal(pol.v[6].value.data, "T\0o\0p\0\0", 8);
	hp_pol_free(&pol);
	/* Deleting the class root cannot be written. */
	hp_patch_free(&p);
	add(&p, HP_OP_DELETE_KEY, "HKLM", NULL, 0);
	assert_int_equal(hp_pol_from_patch(&p, HP_ROOT_HKLM, &pol, &e), -1);
	assert_non_null(strstr(e.msg, "root key"));
	hp_pol_free(&pol);
	hp_patch_free(&p);
	/* A value set then deleted leaves only the deletion; order kept. */
	add(&p, HP_OP_SET_VALUE, "HKLM\\K", "a", 1);
	add(&p, HP_OP_SET_VALUE, "HKLM\\K", "b", 1);
	add(&p, HP_OP_DELETE_VALUE, "HKLM\\K", "A", 0);
	add(&p, HP_OP_SET_VALUE, "HKLM\\K", "b", 2);
	assert_int_equal(hp_pol_from_patch(&p, HP_ROOT_HKLM, &pol, &e), 0);
	assert_int_equal(pol.n, 2);
	assert_string_equal(pol.v[0].name, "**del.A");
	assert_string_equal(pol.v[1].name, "b");
	assert_int_equal(pol.v[1].value.data[0], 2);
	hp_pol_free(&pol);
	/* Another class's keys do not belong in this file. */
	add(&p, HP_OP_SET_VALUE, "HKCU\\Software\\A", "v", 1);
	assert_int_equal(hp_pol_from_patch(&p, HP_ROOT_HKLM, &pol, &e), -1);
	assert_non_null(strstr(e.msg, "not under HKEY_LOCAL_MACHINE"));
	hp_pol_free(&pol);
	hp_patch_free(&p);
}

static void
test_class_from_path(void **state)
{
	(void)state;
	assert_int_equal(hp_pol_class_from_path("g/Machine/Registry.pol"),
	    HP_ROOT_HKLM);
	assert_int_equal(hp_pol_class_from_path("/x/USER/registry.POL"),
	    HP_ROOT_HKCU);
	assert_int_equal(hp_pol_class_from_path("Machine/reGIStry.pol"),
	    HP_ROOT_HKLM);
	assert_int_equal(hp_pol_class_from_path("Registry.pol"),
	    HP_ROOT_NONE);
	assert_int_equal(hp_pol_class_from_path("x/Other/Registry.pol"),
	    HP_ROOT_NONE);
	assert_int_equal(hp_pol_class_from_path("x/Machine/foo.pol"),
	    HP_ROOT_NONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_only),
		cmocka_unit_test(test_bad_header),
		cmocka_unit_test(test_one_value),
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_extra_nul),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_huge_size),
		cmocka_unit_test(test_trailing_garbage),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_utf16_names),
		cmocka_unit_test(test_writer_strict),
		cmocka_unit_test(test_from_patch),
		cmocka_unit_test(test_class_from_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
