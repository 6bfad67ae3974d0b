/*
 * The hive writer (hive_write.c), judged by what it writes: the images
 * are parsed here, independently of the writer, and read back through
 * libhivex.  Security descriptors and their reference counts, the base
 * block, bins and cells, subkey list order and ri records, big data and
 * large values in 1.3 and 1.5 hives, class names and the timestamps of
 * keys that did not change, and the lf hints of 1.3 hives.
 */
#include <hivex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "formats/hive.h"
#include "core/le.h"
#include "formats/regf.h"
#include "core/view.h"

#define NONE	0xffffffffu

struct fixture {
	char	dir[32];
	char	path[64];
};

/* A parsed image: every cell of every bin checked on the way. */
struct image {
	struct hp_buf	 b;
	unsigned char	*p;
	size_t		 nk, sk, free_cells;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct hp_path mount;
	struct hp_error e = HP_ERROR_INIT;

	snprintf(f->dir, sizeof(f->dir), "/tmp/hivepol-unit.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/SOFTWARE", f->dir);
	hp_path_parse("HKLM\\SOFTWARE", &mount, NULL);
	if (hp_hive_create(f->path, &mount, &e) == -1)
		return -1;
	hp_path_free(&mount);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[96];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

/* The data of the cell at rel (length in *len). */
static unsigned char *
cell(const struct image *im, uint32_t rel, size_t *len)
{
	size_t off = HP_REGF_BLOCK + (size_t)rel;
	int32_t size;

	assert_true(rel != NONE && off + 8 <= im->b.len);
	size = (int32_t)hp_le32(im->p + off);
	assert_true(size < 0);
	if (len != NULL)
		*len = (size_t)-size - 4;
	return im->p + off + 4;
}

/*
 * Reads path and checks the base block, the bins and their cells; counts
 * nk and sk cells.  Every sk's reference count must equal the number of
 * nk cells naming it, and the sk list must be one ring holding them all.
 */
static void
parse_image(const char *path, struct image *im)
{
	struct hp_error e = HP_ERROR_INIT;
	size_t off, bin, c, nsk_ring;
	uint32_t first_sk = NONE, s;

	memset(im, 0, sizeof(*im));
	im->b = (struct hp_buf)HP_BUF_INIT;
	assert_int_equal(hp_file_read(path, SIZE_MAX / 2, &im->b, &e), 0);
	im->p = (unsigned char *)im->b.buf;
	assert_memory_equal(im->p, "regf", 4);
	assert_int_equal(hp_le32(im->p + 4), hp_le32(im->p + 8));
	assert_int_equal(hp_le32(im->p + 508), hp_regf_checksum(im->p));
	assert_int_equal(hp_le32(im->p + 40), im->b.len - HP_REGF_BLOCK);
	for (off = HP_REGF_BLOCK; off < im->b.len; off += bin) {
		assert_memory_equal(im->p + off, "hbin", 4);
		assert_int_equal(hp_le32(im->p + off + 4), off - HP_REGF_BLOCK);
		bin = hp_le32(im->p + off + 8);
		assert_true(bin >= HP_REGF_BLOCK && bin % HP_REGF_BLOCK == 0);
		assert_true(off + bin <= im->b.len);
		for (c = off + 32; c < off + bin;) {
			int32_t size = (int32_t)hp_le32(im->p + c);
			size_t n = (size_t)(size < 0 ? -size : size);

			assert_true(n >= 8 && n % 8 == 0 && c + n <= off + bin);
			if (size > 0)
				im->free_cells++;
			else if (memcmp(im->p + c + 4, "nk", 2) == 0)
				im->nk++;
			else if (memcmp(im->p + c + 4, "sk", 2) == 0) {
				im->sk++;
				first_sk = (uint32_t)(c - HP_REGF_BLOCK);
			}
			c += n;
		}
		assert_int_equal(c, off + bin);
	}
	/* The ring of sk cells, and each one's reference count. */
	assert_true(first_sk != NONE);
	s = first_sk;
	nsk_ring = 0;
	do {
		unsigned char *sk = cell(im, s, NULL);
		size_t refs = 0;

		for (off = HP_REGF_BLOCK; off < im->b.len; off += bin) {
			bin = hp_le32(im->p + off + 8);
			for (c = off + 32; c < off + bin;) {
				int32_t size = (int32_t)hp_le32(im->p + c);

				if (size < 0 && memcmp(im->p + c + 4, "nk", 2) ==
				    0 && hp_le32(im->p + c + 4 + 44) == s)
					refs++;
				c += (size_t)(size < 0 ? -size : size);
			}
		}
		assert_int_equal(hp_le32(sk + 12), refs);
		assert_int_equal(hp_le32(cell(im, hp_le32(sk + 4), NULL) + 8),
		    s);		/* next's previous is this one */
		s = hp_le32(sk + 4);
		nsk_ring++;
	} while (s != first_sk && nsk_ring <= im->sk);
	assert_int_equal(nsk_ring, im->sk);
}

/* The nk of the key at path (components below the root), via libhivex. */
static uint32_t
nk_of(const char *file, const char *const *names, size_t n)
{
	hive_h *h = hivex_open(file, 0);
	hive_node_h node;
	size_t i;

	assert_non_null(h);
	node = hivex_root(h);
	for (i = 0; i < n; i++) {
		node = hivex_node_get_child(h, node, names[i]);
		assert_true(node != 0);
	}
	hivex_close(h);
	return (uint32_t)(node - HP_REGF_BLOCK);
}

static void
add(struct hp_patch *p, enum hp_op_kind kind, const char *key,
    const char *name, const struct hp_value *v)
{
	struct hp_path k;

	assert_int_equal(hp_path_parse(key, &k, NULL), 0);
	assert_non_null(hp_patch_add(p, kind, &k, name, v, 0));
	hp_path_free(&k);
}

/* Applies p to the hive at path and commits it (full verification). */
static void
commit(const char *path, struct hp_patch *p)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_commit_opts co = { 0, NULL, HP_VERIFY_FULL, NULL };
	struct hp_hive *hv;

	assert_int_equal(hp_hive_open(path, HP_HIVE_WRITE, NULL, &hv, NULL,
	    &e), 0);
	if (hp_hive_apply(hv, p, NULL, NULL, &e) == -1 ||
	    hp_hive_commit(hv, &co, &e) == -1)
		fail_msg("%s", e.msg);
	hp_hive_close(hv);
	hp_patch_free(p);
}

/* Rewrites the header's minor version (and checksum). */
static void
set_minor(const char *path, uint32_t minor)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf b = HP_BUF_INIT;
	FILE *fp;

	assert_int_equal(hp_file_read(path, SIZE_MAX / 2, &b, &e), 0);
	hp_le32_put((unsigned char *)b.buf + 24, minor);
	hp_le32_put((unsigned char *)b.buf + 508,
	    hp_regf_checksum((unsigned char *)b.buf));
	assert_non_null(fp = fopen(path, "w"));
	assert_int_equal(fwrite(b.buf, 1, b.len, fp), b.len);
	fclose(fp);
	hp_buf_release(&b);
}

/* A 1 MiB REG_BINARY reads back through libhivex, in one cell or db. */
static void
big_value(struct fixture *f, uint32_t minor)
{
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_value v = HP_VALUE_INIT;
	struct image im;
	const char *k[] = { "Big" };
	unsigned char *data = malloc(1 << 20), *vk, *d;
	hive_h *h;
	hive_value_h val;
	hive_type t;
	size_t i, len, dlen;
	char *got;

	assert_non_null(data);
	for (i = 0; i < 1u << 20; i++)
		data[i] = (unsigned char)(i * 7 + i / 251);
	set_minor(f->path, minor);
	hp_value_set(&v, HP_REG_BINARY, data, 1 << 20);
	add(&p, HP_OP_SET_VALUE, "HKLM\\SOFTWARE\\Big", "blob", &v);
	commit(f->path, &p);
	hp_value_free(&v);

	assert_non_null(h = hivex_open(f->path, 0));
	val = hivex_node_get_value(h, hivex_node_get_child(h, hivex_root(h),
	    "Big"), "blob");
	assert_true(val != 0);
	assert_non_null(got = hivex_value_value(h, val, &t, &len));
	assert_int_equal(t, hive_t_REG_BINARY);
	assert_int_equal(len, 1 << 20);
	assert_memory_equal(got, data, len);
	free(got);
	hivex_close(h);

	/* 1.4 and later: a db record; 1.3: one cell. */
	parse_image(f->path, &im);
	assert_int_equal(hp_le32(im.p + 24), minor);
	vk = cell(&im, hp_le32(cell(&im, hp_le32(cell(&im, nk_of(f->path, k,
	    1), NULL) + 40), NULL)), NULL);
	assert_memory_equal(vk, "vk", 2);
	assert_int_equal(hp_le32(vk + 4), 1 << 20);
	d = cell(&im, hp_le32(vk + 8), &dlen);
	if (minor >= 4) {
		assert_memory_equal(d, "db", 2);
		assert_int_equal(hp_le16(d + 2), (1 << 20) / 16344 + 1);
	} else {
		assert_true(dlen >= 1u << 20);
		assert_memory_equal(d, data, 1 << 20);
	}
	hp_buf_release(&im.b);
	free(data);
}

static void
test_1mib_value_minor5(void **state)
{
	big_value(*state, 5);
}

static void
test_1mib_value_minor3(void **state)
{
	big_value(*state, 3);
}

/* New keys take their parent's sk; deleting keys drops their refs. */
static void
test_sk_refcounts(void **state)
{
	struct fixture *f = *state;
	struct hp_patch p = HP_PATCH_INIT;
	struct image im;
	const char *a[] = { "A" }, *ab[] = { "A", "B" };
	uint32_t root_sk, a_sk;

	add(&p, HP_OP_CREATE_KEY, "HKLM\\SOFTWARE\\A\\B\\C", NULL, NULL);
	add(&p, HP_OP_CREATE_KEY, "HKLM\\SOFTWARE\\D", NULL, NULL);
	commit(f->path, &p);
	parse_image(f->path, &im);	/* checks every count */
	assert_int_equal(im.nk, 5);
	assert_int_equal(im.sk, 1);
	root_sk = hp_le32(cell(&im, hp_le32(im.p + 36), NULL) + 44);
	a_sk = hp_le32(cell(&im, nk_of(f->path, ab, 2), NULL) + 44);
	assert_int_equal(a_sk, root_sk);
	assert_int_equal(hp_le32(cell(&im, root_sk, NULL) + 12), 5);
	hp_buf_release(&im.b);

	add(&p, HP_OP_DELETE_KEY, "HKLM\\SOFTWARE\\A\\B", NULL, NULL);
	commit(f->path, &p);
	parse_image(f->path, &im);
	assert_int_equal(im.nk, 3);
	root_sk = hp_le32(cell(&im, hp_le32(im.p + 36), NULL) + 44);
	assert_int_equal(hp_le32(cell(&im, root_sk, NULL) + 12), 3);
	assert_int_equal(hp_le32(cell(&im, nk_of(f->path, a, 1), NULL) + 20),
	    0);
	hp_buf_release(&im.b);
}

/*
 * Windows sorts subkeys by upper-cased UTF-16 units: '_' (0x5f) after
 * 'Z', 'Ä' (0xc4) and 'É' (0xc9, for 'é') after every ASCII letter.
 */
static void
test_nonascii_order(void **state)
{
	struct fixture *f = *state;
	struct hp_patch p = HP_PATCH_INIT;
	const char *want[] = { "a", "b", "Z", "_", "\xc3\x84",
	    "\xc3\xa9" };
	const char *give[] = { "\xc3\xa9", "_", "b", "\xc3\x84", "Z", "a" };
	char key[64];
	hive_h *h;
	hive_node_h *kids;
	size_t i;

	for (i = 0; i < 6; i++) {
		snprintf(key, sizeof(key), "HKLM\\SOFTWARE\\P\\%s", give[i]);
		add(&p, HP_OP_CREATE_KEY, key, NULL, NULL);
	}
	commit(f->path, &p);
	assert_non_null(h = hivex_open(f->path, 0));
	kids = hivex_node_children(h, hivex_node_get_child(h, hivex_root(h),
	    "P"));
	assert_non_null(kids);
	for (i = 0; i < 6; i++) {
		char *n = hivex_node_name(h, kids[i]);

		assert_string_equal(n, want[i]);
		free(n);
	}
	assert_true(kids[6] == 0);
	free(kids);
	hivex_close(h);
}

/*
 * Gives the key A a class name, written by hand into the free space at
 * the end of A's bin, as Windows would have it.
 */
static void
give_class(const char *path, const char *cls, size_t len)
{
	struct image im;
	const char *a[] = { "A" };
	uint32_t nk = nk_of(path, a, 1);
	size_t bin = HP_REGF_BLOCK + nk / HP_REGF_BLOCK * HP_REGF_BLOCK, c;
	FILE *fp;

	parse_image(path, &im);
	for (c = bin + 32; (int32_t)hp_le32(im.p + c) < 0;)
		c += (size_t)-(int32_t)hp_le32(im.p + c);
	assert_true(hp_le32(im.p + c) >= 32);
	hp_le32_put(im.p + c + 24, hp_le32(im.p + c) - 24);	/* rest */
	hp_le32_put(im.p + c, (uint32_t)-24);
	memcpy(im.p + c + 4, cls, len);
	hp_le32_put(im.p + HP_REGF_BLOCK + nk + 4 + 48,
	    (uint32_t)(c - HP_REGF_BLOCK));
	hp_le16_put(im.p + HP_REGF_BLOCK + nk + 4 + 74, (uint16_t)len);
	assert_non_null(fp = fopen(path, "w"));
	assert_int_equal(fwrite(im.p, 1, im.b.len, fp), im.b.len);
	fclose(fp);
	hp_buf_release(&im.b);
}

static void
test_class_and_times_kept(void **state)
{
	struct fixture *f = *state;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_value v = HP_VALUE_INIT;
	struct image im;
	const char *a[] = { "A" }, *b[] = { "B" };
	const char cls[] = "J\0D\0:\0x\0";
	unsigned char *nk;
	uint64_t ta, tb, troot;
	hive_h *h;
	size_t len;

	add(&p, HP_OP_CREATE_KEY, "HKLM\\SOFTWARE\\A", NULL, NULL);
	add(&p, HP_OP_CREATE_KEY, "HKLM\\SOFTWARE\\B", NULL, NULL);
	commit(f->path, &p);
	give_class(f->path, cls, 8);
	assert_non_null(h = hivex_open(f->path, 0));
	ta = (uint64_t)hivex_node_timestamp(h, HP_REGF_BLOCK +
	    nk_of(f->path, a, 1));
	tb = (uint64_t)hivex_node_timestamp(h, HP_REGF_BLOCK +
	    nk_of(f->path, b, 1));
	troot = (uint64_t)hivex_node_timestamp(h, hivex_root(h));
	hivex_close(h);
	usleep(20000);

	hp_value_set_dword(&v, 1);
	add(&p, HP_OP_SET_VALUE, "HKLM\\SOFTWARE\\B", "v", &v);
	commit(f->path, &p);
	hp_value_free(&v);
	parse_image(f->path, &im);
	nk = cell(&im, nk_of(f->path, a, 1), NULL);
	assert_int_equal(hp_le16(nk + 74), 8);
	assert_memory_equal(cell(&im, hp_le32(nk + 48), &len), cls, 8);
	assert_int_equal(hp_le32(nk + 4) | (uint64_t)hp_le32(nk + 8) << 32,
	    ta);
	/* B changed, the root did not (no key came or went). */
	nk = cell(&im, nk_of(f->path, b, 1), NULL);
	assert_true((hp_le32(nk + 4) | (uint64_t)hp_le32(nk + 8) << 32) > tb);
	nk = cell(&im, hp_le32(im.p + 36), NULL);
	assert_int_equal(hp_le32(nk + 4) | (uint64_t)hp_le32(nk + 8) << 32,
	    troot);
	hp_buf_release(&im.b);
}

/* 2,500 subkeys: an ri over five lh leaves, in order, all listed. */
static void
test_ri_list(void **state)
{
	struct fixture *f = *state;
	struct hp_patch p = HP_PATCH_INIT;
	struct image im;
	const char *par[] = { "P" };
	unsigned char *ri, *lh;
	char key[64];
	size_t i, j, n = 0;
	hive_h *h;
	hive_node_h *kids;

	for (i = 0; i < 2500; i++) {
		snprintf(key, sizeof(key), "HKLM\\SOFTWARE\\P\\K%04zu",
		    (i * 7919) % 2500);
		add(&p, HP_OP_CREATE_KEY, key, NULL, NULL);
	}
	commit(f->path, &p);
	parse_image(f->path, &im);
	ri = cell(&im, hp_le32(cell(&im, nk_of(f->path, par, 1), NULL) + 28),
	    NULL);
	assert_memory_equal(ri, "ri", 2);
	assert_int_equal(hp_le16(ri + 2), 5);
	for (i = 0; i < 5; i++) {
		lh = cell(&im, hp_le32(ri + 4 + 4 * i), NULL);
		assert_memory_equal(lh, "lh", 2);
		assert_true(hp_le16(lh + 2) <= 512);
		for (j = 0; j < hp_le16(lh + 2); j++, n++) {
			unsigned char *nk = cell(&im, hp_le32(lh + 4 + 8 * j),
			    NULL);
			char want[8];

			snprintf(want, sizeof(want), "K%04zu", n);
			assert_int_equal(hp_le16(nk + 72), 5);
			assert_memory_equal(nk + 76, want, 5);
		}
	}
	assert_int_equal(n, 2500);
	hp_buf_release(&im.b);
	assert_non_null(h = hivex_open(f->path, 0));
	kids = hivex_node_children(h, hivex_node_get_child(h, hivex_root(h),
	    "P"));
	assert_non_null(kids);
	for (n = 0; kids[n] != 0; n++)
		;
	assert_int_equal(n, 2500);
	free(kids);
	hivex_close(h);
}

/*
 * Hives before 1.5 list subkeys in lf records, whose hint is the name's
 * first four characters as stored (not upper-cased), filled as Windows
 * fills it (CmpAddToLeaf): from the fourth character back, stopping at
 * one above 0xff, so a name starting with one has no hint.  Windows
 * compares the hint case-insensitively before the name: a hint byte
 * that is a cut upper-cased character ('ł' as 0x41 from 'Ł' U+0141,
 * 'ÿ' as 0x78 from 'Ÿ' U+0178) hides the key from lookups by name.
 */
static void
test_lf_hints_minor3(void **state)
{
	struct fixture *f = *state;
	struct hp_patch p = HP_PATCH_INIT;
	struct image im;
	const char *par[] = { "P" };
	static const struct {
		const char	*utf8;		/* key name */
		const char	*stored;	/* as stored (Latin-1 or UTF-16LE) */
		size_t		 len;
		unsigned char	 hint[4];
	} want[] = {
		{ "Abcde", "Abcde", 5, { 'A', 'b', 'c', 'd' } },
		{ "ab", "ab", 2, { 'a', 'b', 0, 0 } },
		{ "\xc3\xbf" "es", "\xff" "es", 3, { 0xff, 'e', 's', 0 } },
		{ "\xc2\xb5s", "\xb5s", 2, { 0xb5, 's', 0, 0 } },
		{ "\xc5\x82\xc3\xb3" "d\xc5\xba", "\x42\x01\xf3\0d\0\x7a\x01",
		    8, { 0, 0, 0, 0 } },
		{ "a\xc4\x85" "b", "a\0\x05\x01" "b\0", 6, { 0, 0, 'b', 0 } },
	};
	const size_t n = sizeof(want) / sizeof(want[0]);
	unsigned char *lf;
	char key[64];
	size_t i, j, seen = 0;

	set_minor(f->path, 3);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "HKLM\\SOFTWARE\\P\\%s",
		    want[i].utf8);
		add(&p, HP_OP_CREATE_KEY, key, NULL, NULL);
	}
	commit(f->path, &p);
	parse_image(f->path, &im);
	lf = cell(&im, hp_le32(cell(&im, nk_of(f->path, par, 1), NULL) + 28),
	    NULL);
	assert_memory_equal(lf, "lf", 2);
	assert_int_equal(hp_le16(lf + 2), n);
	for (j = 0; j < n; j++) {
		unsigned char *nk = cell(&im, hp_le32(lf + 4 + 8 * j), NULL);

		for (i = 0; i < n; i++)
			if (hp_le16(nk + 72) == want[i].len &&
			    memcmp(nk + 76, want[i].stored, want[i].len) == 0)
				break;
		assert_true(i < n);
		assert_memory_equal(lf + 8 + 8 * j, want[i].hint, 4);
		seen |= (size_t)1 << i;
	}
	assert_int_equal(seen, ((size_t)1 << n) - 1);
	hp_buf_release(&im.b);
}

/*
 * Names where Windows' upper case (RtlUpcaseUnicodeChar) and glibc's
 * towupper differ: Windows leaves µ, ı, ſ and ς as they are.  The
 * order and lh hashes are Windows' (worked out by hand from Windows 10's
 * table, not from hivepol's); towupper gave 0x33197634 for Ρυθμίσεις,
 * the hash of ΡΥΘΜΊΣΕΙΣ, and sorted Yazılım as YAZILIM.  The second
 * commit adds names towupper took for existing keys (new keys for
 * Windows) and names Windows takes for existing keys (no new key).
 */
static void
test_windows_upcase(void **state)
{
	struct fixture *f = *state;
	struct hp_patch p = HP_PATCH_INIT;
	struct image im;
	const char *par[] = { "P" };
	static const struct {
		const char	*name;
		uint32_t	 hash;
		int		 second;	/* added by the second commit */
	} want[] = {
		/* Türkçe Yazılım */
		{ "T\xc3\xbcrk\xc3\xa7" "e Yaz\xc4\xb1l\xc4\xb1m", 0xc817a9b0,
		    0 },
		{ "YAZILIM", 0x41a3c7fb, 1 },
		{ "Yaz\xc4\xb1l\xc4\xb1m", 0x425739cb, 0 },	/* Yazılım */
		{ "\xc2\xb5z", 0x00001a83, 0 },			/* µz */
		{ "\xc2\xb6" "a", 0x00001a8f, 0 },		/* ¶a */
		{ "\xc5\xbf" "a", 0x0000379c, 0 },		/* ſa */
		{ "\xce\x9cz", 0x000085e6, 1 },			/* Μz */
		{ "\xce\xa1\xce\xa5\xce\x98\xce\x9c\xce\x8a\xce\xa3\xce\x95"
		    "\xce\x99\xce\xa3", 0x33197634, 1 },	/* ΡΥΘΜΊΣΕΙΣ */
		{ "\xce\xa1\xcf\x85\xce\xb8\xce\xbc\xce\xaf\xcf\x83\xce\xb5"
		    "\xce\xb9\xcf\x82", 0x33197653, 0 },	/* Ρυθμίσεις */
	};
	/* The same keys as Yazılım and Ρυθμίσεις, for Windows. */
	static const char *const same[] = { "yaz\xc4\xb1l\xc4\xb1m",
	    "\xce\xa1\xce\xa5\xce\x98\xce\x9c\xce\x8a\xce\xa3\xce\x95"
	    "\xce\x99\xcf\x82" };			/* ΡΥΘΜΊΣΕΙς */
	const size_t n = sizeof(want) / sizeof(want[0]);
	unsigned char *lh;
	char key[64];
	size_t i;
	int pass;
	hive_h *h;
	hive_node_h *kids;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < n; i++)
			if (want[i].second == pass) {
				snprintf(key, sizeof(key),
				    "HKLM\\SOFTWARE\\P\\%s", want[i].name);
				add(&p, HP_OP_CREATE_KEY, key, NULL, NULL);
			}
		for (i = 0; pass == 1 && i < 2; i++) {
			snprintf(key, sizeof(key), "HKLM\\SOFTWARE\\P\\%s",
			    same[i]);
			add(&p, HP_OP_CREATE_KEY, key, NULL, NULL);
		}
		commit(f->path, &p);
		p = (struct hp_patch)HP_PATCH_INIT;
	}

	/* Names as first given, in Windows' order. */
	assert_non_null(h = hivex_open(f->path, 0));
	kids = hivex_node_children(h, hivex_node_get_child(h, hivex_root(h),
	    "P"));
	assert_non_null(kids);
	for (i = 0; i < n; i++) {
		char *name = hivex_node_name(h, kids[i]);

		assert_string_equal(name, want[i].name);
		free(name);
	}
	assert_true(kids[n] == 0);
	free(kids);
	hivex_close(h);

	/* The lh list: the same order, Windows' hashes. */
	parse_image(f->path, &im);
	lh = cell(&im, hp_le32(cell(&im, nk_of(f->path, par, 1), NULL) + 28),
	    NULL);
	assert_memory_equal(lh, "lh", 2);
	assert_int_equal(hp_le16(lh + 2), n);
	for (i = 0; i < n; i++) {
		const char *k[] = { "P", want[i].name };

		assert_int_equal(hp_le32(lh + 4 + 8 * i), nk_of(f->path, k, 2));
		assert_int_equal(hp_le32(lh + 8 + 8 * i), want[i].hash);
	}
	hp_buf_release(&im.b);
}

/* The file's values in order: [names] with dword data [vals]. */
static void
assert_values(const char *file, const char *key, const char *const *names,
    const uint32_t *vals, size_t n)
{
	hive_h *h = hivex_open(file, 0);
	hive_value_h *v;
	size_t i;

	assert_non_null(h);
	v = hivex_node_values(h, hivex_node_get_child(h, hivex_root(h), key));
	assert_non_null(v);
	for (i = 0; i < n; i++) {
		char *name = hivex_value_key(h, v[i]);

		assert_true(v[i] != 0);
		assert_string_equal(name, names[i]);
		assert_int_equal(hivex_value_dword(h, v[i]), vals[i]);
		free(name);
	}
	assert_true(v[n] == 0);
	free(v);
	hivex_close(h);
}

/*
 * A changed key keeps its other values as they were, in their order; a
 * value set again keeps its name's case and place; new ones come last;
 * deleting all values and setting one leaves that one.
 */
static void
test_value_changes(void **state)
{
	struct fixture *f = *state;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_value v = HP_VALUE_INIT;
	const char *n1[] = { "a", "B", "c" }, *n2[] = { "B", "c", "d" };
	const char *n3[] = { "e" };
	const uint32_t v1[] = { 1, 2, 3 }, v2[] = { 20, 3, 4 }, v3[] = { 5 };
	size_t i;

	for (i = 0; i < 3; i++) {
		hp_value_set_dword(&v, v1[i]);
		add(&p, HP_OP_SET_VALUE, "HKLM\\SOFTWARE\\K", n1[i], &v);
	}
	commit(f->path, &p);
	assert_values(f->path, "K", n1, v1, 3);
	hp_value_set_dword(&v, 20);
	add(&p, HP_OP_SET_VALUE, "HKLM\\SOFTWARE\\K", "b", &v);
	add(&p, HP_OP_DELETE_VALUE, "HKLM\\SOFTWARE\\K", "A", NULL);
	hp_value_set_dword(&v, 4);
	add(&p, HP_OP_SET_VALUE, "HKLM\\SOFTWARE\\K", "d", &v);
	commit(f->path, &p);
	assert_values(f->path, "K", n2, v2, 3);
	add(&p, HP_OP_DELETE_VALUES, "HKLM\\SOFTWARE\\K", NULL, NULL);
	hp_value_set_dword(&v, 5);
	add(&p, HP_OP_SET_VALUE, "HKLM\\SOFTWARE\\K", "e", &v);
	commit(f->path, &p);
	assert_values(f->path, "K", n3, v3, 1);
	hp_value_free(&v);
}

/*
 * After a commit the hive's view reads the new file (the overlay is
 * gone), and a second patch on the same handle commits on top of it.
 */
static void
test_two_commits_one_handle(void **state)
{
	struct fixture *f = *state;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_commit_opts co = { 0, NULL, HP_VERIFY_FULL, NULL };
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_value v = HP_VALUE_INIT, got = HP_VALUE_INIT;
	struct hp_path a, b;
	struct hp_hive *hv;
	struct hp_view view;
	struct image im;
	uint32_t x;

	hp_path_parse("HKLM\\SOFTWARE\\A", &a, NULL);
	hp_path_parse("HKLM\\SOFTWARE\\B", &b, NULL);
	assert_int_equal(hp_hive_open(f->path, HP_HIVE_WRITE, NULL, &hv, NULL,
	    &e), 0);
	hp_value_set_dword(&v, 1);
	add(&p, HP_OP_SET_VALUE, "HKLM\\SOFTWARE\\A", "v", &v);
	assert_int_equal(hp_hive_apply(hv, &p, NULL, NULL, &e), 0);
	assert_int_equal(hp_hive_commit(hv, &co, &e), 0);
	hp_patch_free(&p);
	hp_hive_view(hv, &view);
	assert_int_equal(hp_view_get(&view, &a, "v", &got, &e), 0);
	assert_int_equal(hp_value_get_u32(&got, &x), 0);
	assert_int_equal(x, 1);
	hp_value_set_dword(&v, 2);
	add(&p, HP_OP_SET_VALUE, "HKLM\\SOFTWARE\\B", "v", &v);
	add(&p, HP_OP_SET_VALUE, "HKLM\\SOFTWARE\\A", "w", &v);
	assert_int_equal(hp_hive_apply(hv, &p, NULL, NULL, &e), 0);
	if (hp_hive_commit(hv, &co, &e) == -1)
		fail_msg("%s", e.msg);
	hp_patch_free(&p);
	assert_int_equal(hp_view_get(&view, &b, "v", &got, &e), 0);
	assert_int_equal(hp_view_get(&view, &a, "v", &got, &e), 0);
	assert_int_equal(hp_view_get(&view, &a, "w", &got, &e), 0);
	hp_hive_close(hv);
	parse_image(f->path, &im);
	assert_int_equal(im.nk, 3);
	hp_buf_release(&im.b);
	hp_value_free(&v);
	hp_value_free(&got);
	hp_path_free(&a);
	hp_path_free(&b);
}

/*
 * Verification catches an image that does not hold the changes: an image
 * written before the last patch fails both levels, naming the value.
 */
static void
test_verify_catches_stale_image(void **state)
{
	struct fixture *f = *state;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_value v = HP_VALUE_INIT;
	struct hp_hive *hv;
	char img[96];
	FILE *fp;

	snprintf(img, sizeof(img), "%s/image", f->dir);
	assert_int_equal(hp_hive_open(f->path, HP_HIVE_WRITE, NULL, &hv, NULL,
	    &e), 0);
	hp_value_set_dword(&v, 1);
	add(&p, HP_OP_SET_VALUE, "HKLM\\SOFTWARE\\K", "v", &v);
	assert_int_equal(hp_hive_apply(hv, &p, NULL, NULL, &e), 0);
	hp_patch_free(&p);
	assert_non_null(fp = fopen(img, "w+"));
	assert_int_equal(hp_hive_write_image(hv, fileno(fp), img, &e), 0);
	fclose(fp);
	assert_int_equal(hp_hive_verify_image(hv, img, 0, &e), 0);
	assert_int_equal(hp_hive_verify_image(hv, img, 1, &e), 0);

	hp_value_set_dword(&v, 2);
	add(&p, HP_OP_SET_VALUE, "HKLM\\SOFTWARE\\K", "v", &v);
	assert_int_equal(hp_hive_apply(hv, &p, NULL, NULL, &e), 0);
	hp_patch_free(&p);
	assert_int_equal(hp_hive_verify_image(hv, img, 0, &e), -1);
	assert_non_null(strstr(e.msg, "verification failed: K \"v\" reads "
	    "back differently"));
	assert_int_equal(hp_hive_verify_image(hv, img, 1, &e), -1);
	hp_hive_close(hv);
	hp_value_free(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_1mib_value_minor5, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_1mib_value_minor3, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sk_refcounts, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_nonascii_order, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_class_and_times_kept,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_ri_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_windows_upcase, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_lf_hints_minor3, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_two_commits_one_handle,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_value_changes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_verify_catches_stale_image,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
