/* GPO folders: gpt.ini version arithmetic, extension lists, writing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "formats/gpo.h"
#include "core/patch.h"

#define REG	"{35378EAC-683F-11D2-A89A-00C04FBBCFA2}"
#define MTOOL	"{D02B1F72-3407-48AE-BA88-E8213C6761F1}"
#define UTOOL	"{D02B1F73-3407-48AE-BA88-E8213C6761F1}"
#define SEC	"{827D319E-6EAC-11D2-A4EA-00C04F79F83A}"
#define SECTOOL	"{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}"
#define CORE	"{00000000-0000-0000-0000-000000000000}"
#define MTOOL0	"{0F6B957D-509E-11D1-A7CC-0000F87571E3}"

static void
test_version(void **state)
{
	(void)state;
	/* Machine in the low 16 bits, user in the high 16. */
	assert_int_equal(hp_gpo_version_bump(0, 1, 0), 1);
	assert_int_equal(hp_gpo_version_bump(0, 0, 1), 65536);
	assert_int_equal(hp_gpo_version_bump(0, 1, 1), 65537);
	assert_int_equal(hp_gpo_version_bump(65537, 1, 0), 65538);
	assert_int_equal(hp_gpo_version_bump(65537, 0, 1), 131073);
	assert_int_equal(hp_gpo_version_bump(0x0003ffff, 1, 0), 0x00030001);
	assert_int_equal(hp_gpo_version_bump(0xffff0002, 0, 1), 0x00010002);
	assert_int_equal(hp_gpo_version_bump(7, 0, 0), 7);
}

static void
merge(const char *in, const char *tool, const char *want)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_error e = HP_ERROR_INIT;

	assert_int_equal(hp_gpo_ext_merge(in, REG, tool, &b, &e), 0);
	assert_string_equal(b.buf, want);
	hp_buf_release(&b);
}

static void
test_ext_merge(void **state)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_error e = HP_ERROR_INIT;

	(void)state;
	merge("", MTOOL, "[" REG MTOOL "]");
	merge("[" REG MTOOL "]", MTOOL, "[" REG MTOOL "]");
	/* Case differences do not duplicate. */
	merge("[{35378eac-683f-11d2-a89a-00c04fbbcfa2}" MTOOL "]", MTOOL,
	    "[{35378eac-683f-11d2-a89a-00c04fbbcfa2}" MTOOL "]");
	/* Other extensions stay, sorted by CSE GUID. */
	merge("[" SEC SECTOOL "]", MTOOL, "[" REG MTOOL "][" SEC SECTOOL "]");
	merge("[" SEC SECTOOL "][" CORE SECTOOL "]", UTOOL,
	    "[" CORE SECTOOL "][" REG UTOOL "][" SEC SECTOOL "]");
	/* An existing Registry group keeps its tools; ours sorts in. */
	merge("[" REG MTOOL0 "]", MTOOL, "[" REG MTOOL0 MTOOL "]");
	assert_int_equal(hp_gpo_ext_merge("[{garbage}]", REG, MTOOL, &b, &e),
	    -1);
	assert_non_null(strstr(e.msg, "cannot parse"));
	assert_int_equal(hp_gpo_ext_merge("[" REG, REG, MTOOL, &b, &e), -1);
	hp_buf_release(&b);
}

static void
update(const char *in, int m, int u, const char *want)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_error e = HP_ERROR_INIT;

	assert_int_equal(hp_gpo_gptini_update(in, in ? strlen(in) : 0, m, u,
	    &b, &e), 0);
	assert_string_equal(b.buf, want);
	hp_buf_release(&b);
}

static void
test_gptini(void **state)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_error e = HP_ERROR_INIT;

	(void)state;
	update(NULL, 1, 0, "[General]\r\nVersion=1\r\n"
	    "gPCMachineExtensionNames=[" REG MTOOL "]\r\n");
	update(NULL, 1, 1, "[General]\r\nVersion=65537\r\n"
	    "gPCMachineExtensionNames=[" REG MTOOL "]\r\n"
	    "gPCUserExtensionNames=[" REG UTOOL "]\r\n");
	/* Existing file: other keys and sections kept, CRLF kept. */
	update("[General]\r\nversion=65539\r\ndisplayName=Test GPO\r\n"
	    "gPCMachineExtensionNames=[" SEC SECTOOL "]\r\n\r\n[Other]\r\n"
	    "Version=9\r\n", 1, 0,
	    "[General]\r\nVersion=65540\r\ndisplayName=Test GPO\r\n"
	    "gPCMachineExtensionNames=[" REG MTOOL "][" SEC SECTOOL "]\r\n"
	    "\r\n[Other]\r\nVersion=9\r\n");
	/* Missing keys go at the end of [General], before the blank line. */
	update("[General]\ndisplayName=X\n\n[Other]\na=b\n", 0, 1,
	    "[General]\ndisplayName=X\nVersion=65536\n"
	    "gPCUserExtensionNames=[" REG UTOOL "]\n\n[Other]\na=b\n");
	/* No [General] at all: one is added ahead. */
	update("[Other]\r\na=b\r\n", 1, 0, "[General]\r\nVersion=1\r\n"
	    "gPCMachineExtensionNames=[" REG MTOOL "]\r\n[Other]\r\na=b\r\n");
	/* Only the template changed: the Security pair, not the Registry's. */
	update("[General]\r\nVersion=65538\r\ngPCMachineExtensionNames=["
	    REG MTOOL "]\r\n", HP_GPO_CH_SECURITY, 0,
	    "[General]\r\nVersion=65539\r\ngPCMachineExtensionNames=["
	    REG MTOOL "][" SEC SECTOOL "]\r\n");
	update(NULL, HP_GPO_CH_REGISTRY | HP_GPO_CH_SECURITY, 0,
	    "[General]\r\nVersion=1\r\ngPCMachineExtensionNames=["
	    REG MTOOL "][" SEC SECTOOL "]\r\n");
	/* [General] last, no final newline. */
	update("[General]\nVersion=2", 1, 0,
	    "[General]\nVersion=3\ngPCMachineExtensionNames=[" REG MTOOL
	    "]\n");
	assert_int_equal(hp_gpo_gptini_update("[General]\nVersion=abc\n", 21,
	    1, 0, &b, &e), -1);
	assert_non_null(strstr(e.msg, "not a number"));
	hp_buf_release(&b);
}

static void
add(struct hp_patch *p, const char *path, const char *name, uint32_t dw)
{
	struct hp_path key = HP_PATH_INIT;
	struct hp_value v = HP_VALUE_INIT;
	struct hp_error e = HP_ERROR_INIT;

	assert_int_equal(hp_path_parse(path, &key, &e), 0);
	hp_value_set_dword(&v, dw);
	assert_non_null(hp_patch_add(p, HP_OP_SET_VALUE, &key, name, &v, 0));
	hp_path_free(&key);
	hp_value_free(&v);
}

static void
test_write_read(void **state)
{
	char dir[] = "/tmp/hp-gpo-XXXXXX", path[256];
	struct hp_patch p = HP_PATCH_INIT, back = HP_PATCH_INIT;
	struct hp_buf b = HP_BUF_INIT;
	struct hp_error e = HP_ERROR_INIT;
	int changed;

	(void)state;
	assert_non_null(mkdtemp(dir));
	add(&p, "HKLM\\Software\\Policies\\A", "M", 1);
	add(&p, "HKCU\\Software\\Policies\\B", "U", 2);
	assert_int_equal(hp_gpo_write(dir, &p, &changed, NULL, &e), 0);
	assert_int_equal(changed, 1);
	snprintf(path, sizeof(path), "%s/gpt.ini", dir);
	assert_int_equal(hp_file_read(path, 4096, &b, &e), 0);
	assert_non_null(strstr(b.buf, "Version=65537\r\n"));
	hp_buf_reset(&b);
	/* The same content again: nothing changes, Version stays. */
	assert_int_equal(hp_gpo_write(dir, &p, &changed, NULL, &e), 0);
	assert_int_equal(changed, 0);
	assert_int_equal(hp_file_read(path, 4096, &b, &e), 0);
	assert_non_null(strstr(b.buf, "Version=65537\r\n"));
	hp_buf_reset(&b);
	assert_int_equal(hp_gpo_read_patch(dir, &back, NULL, &e), 0);
	assert_int_equal(back.n, 2);
	assert_int_equal(back.ops[0].key.root, HP_ROOT_HKLM);
	assert_int_equal(back.ops[1].key.root, HP_ROOT_HKCU);
	hp_patch_free(&back);
	/* A machine-only change raises the low half only. */
	hp_patch_free(&p);
	add(&p, "HKLM\\Software\\Policies\\A", "M", 5);
	assert_int_equal(hp_gpo_write(dir, &p, &changed, NULL, &e), 0);
	assert_int_equal(hp_file_read(path, 4096, &b, &e), 0);
	assert_non_null(strstr(b.buf, "Version=65538\r\n"));
	/* Other roots are refused. */
	hp_patch_free(&p);
	add(&p, "HKU\\S-1-5-18\\X", "M", 5);
	assert_int_equal(hp_gpo_write(dir, &p, &changed, NULL, &e), -1);
	hp_patch_free(&p);
	hp_buf_release(&b);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_ext_merge),
		cmocka_unit_test(test_gptini),
		cmocka_unit_test(test_write_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
