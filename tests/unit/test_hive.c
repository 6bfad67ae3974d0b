/*
 * The hive adapter: base-block checks, mounts, a patch of 2,000 subkeys
 * committed and read back through libhivex directly.
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
#include "formats/hive.h"
#include "formats/mount.h"
#include "formats/regf.h"
#include "core/text.h"

static void
test_header_checks(void **state)
{
	unsigned char h[HP_REGF_BLOCK];
	struct hp_regf_info info;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf img = HP_BUF_INIT;

	(void)state;
	memset(h, 0, sizeof(h));
	memcpy(h, "CREG", 4);
	assert_int_equal(hp_regf_check(h, sizeof(h), 8192, "f", &info, &e), -1);
	assert_non_null(strstr(e.msg, "Windows 9x/Me"));
	memcpy(h, "MZ\x90\0", 4);
	assert_int_equal(hp_regf_check(h, sizeof(h), 8192, "f", &info, &e), -1);
	assert_non_null(strstr(e.msg, "executable"));
	memcpy(h, "regf", 4);
	assert_int_equal(hp_regf_check(h, 100, 100, "f", &info, &e), -1);
	assert_non_null(strstr(e.msg, "truncated"));

	/* A new image passes; one flipped bit fails the checksum. */
	assert_int_equal(hp_regf_new(&img, "\\config\\SOFTWARE", 0, &e), 0);
	assert_int_equal(img.len, 8192);
	assert_int_equal(hp_regf_check((unsigned char *)img.buf, 4096, 8192,
	    "f", &info, &e), 0);
	assert_string_equal(info.name, "\\config\\SOFTWARE");
	assert_int_equal(info.minor, 5);
	img.buf[100] ^= 1;
	assert_int_equal(hp_regf_check((unsigned char *)img.buf, 4096, 8192,
	    "f", &info, &e), -1);
	assert_non_null(strstr(e.msg, "checksum"));
	img.buf[100] ^= 1;
	/* Bins that run past the end of the file. */
	assert_int_equal(hp_regf_check((unsigned char *)img.buf, 4096, 6000,
	    "f", &info, &e), -1);
	assert_non_null(strstr(e.msg, "truncated"));
	hp_buf_release(&img);
}

static void
test_mounts(void **state)
{
	struct hp_path m;
	char *s;

	(void)state;
	assert_int_equal(hp_mount_detect("\\SystemRoot\\System32\\Config\\"
	    "SOFTWARE", "x", &m), 0);
	s = hp_path_str(&m);
	assert_string_equal(s, "HKEY_LOCAL_MACHINE\\SOFTWARE");
	free(s);
	hp_path_free(&m);
	assert_int_equal(hp_mount_detect("\\??\\C:\\Users\\u\\ntuser.dat", "x",
	    &m), 0);
	assert_int_equal(m.root, HP_ROOT_HKCU);
	assert_int_equal(m.n, 0);
	hp_path_free(&m);
	assert_int_equal(hp_mount_detect("", "/img/config/DEFAULT", &m), 0);
	s = hp_path_str(&m);
	assert_string_equal(s, "HKEY_USERS\\.DEFAULT");
	free(s);
	hp_path_free(&m);
	assert_int_equal(hp_mount_detect("junk", "/tmp/x.hive", &m), 1);
	hp_path_free(&m);
}

static void
test_2000_subkeys(void **state)
{
	char dir[] = "/tmp/hivepol-unit.XXXXXX", path[64], name[16];
	struct hp_error e = HP_ERROR_INIT;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_apply_stats st = { 0 };
	struct hp_commit_opts co = { 0 };
	struct hp_path mount, key;
	struct hp_value v = HP_VALUE_INIT;
	struct hp_hive *hv;
	hive_h *h;
	hive_node_h parent, *kids;
	size_t i, n;
	char *prev = NULL;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/SOFTWARE", dir);
	hp_path_parse("HKLM\\SOFTWARE", &mount, NULL);
	assert_int_equal(hp_hive_create(path, &mount, &e), 0);
	/* Descending order, so libhivex must insert at the front. */
	for (i = 0; i < 2000; i++) {
		snprintf(name, sizeof(name), "K%04zu", 1999 - i);
		hp_path_parse("HKLM\\SOFTWARE\\Parent", &key, NULL);
		hp_path_push(&key, name);
		hp_value_set_dword(&v, (uint32_t)i);
		assert_non_null(hp_patch_add(&p, HP_OP_SET_VALUE, &key, "n",
		    &v, 0));
		hp_path_free(&key);
	}
	assert_int_equal(hp_hive_open(path, HP_HIVE_WRITE, NULL, &hv, NULL,
	    &e), 0);
	assert_int_equal(hp_hive_apply(hv, &p, &st, NULL, &e), 0);
	assert_int_equal(st.keys_created, 2001);
	assert_int_equal(hp_hive_commit(hv, &co, &e), 0);
	hp_hive_close(hv);

	/* Read back with libhivex itself. */
	assert_non_null(h = hivex_open(path, 0));
	parent = hivex_node_get_child(h, hivex_root(h), "Parent");
	assert_true(parent != 0);
	assert_non_null(kids = hivex_node_children(h, parent));
	for (n = 0; kids[n] != 0; n++) {
		char *nm = hivex_node_name(h, kids[n]);
		hive_value_h val = hivex_node_get_value(h, kids[n], "n");

		assert_true(val != 0);
		assert_int_equal(hivex_value_dword(h, val),
		    1999 - atoi(nm + 1));
		if (prev != NULL)
			assert_true(strcmp(prev, nm) < 0);	/* sorted */
		free(prev);
		prev = nm;
	}
	free(prev);
	assert_int_equal(n, 2000);
	free(kids);
	hivex_close(h);
	unlink(path);
	rmdir(dir);
	hp_value_free(&v);
	hp_patch_free(&p);
	hp_path_free(&mount);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_checks),
		cmocka_unit_test(test_mounts),
		cmocka_unit_test(test_2000_subkeys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
