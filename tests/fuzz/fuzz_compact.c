/*
 * libFuzzer target: the writer over arbitrary bytes.  Whatever libhivex
 * opens is patched (a key created, a value set on it and one on the root
 * key, among the file's values, a key deleted), written
 * by hp_hive_write_image and verified: the writer reads the original
 * file itself, so it may trust no offset in it.  libhivex needs files,
 * so input and output are memfds.
 */
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "core/error.h"
#include "formats/hive.h"
#include "core/patch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static void
patch_and_write(struct hp_hive *hv)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_path k = HP_PATH_INIT, gone = HP_PATH_INIT;
	struct hp_path root = HP_PATH_INIT;
	struct hp_value v = HP_VALUE_INIT;
	char out[64];
	int fd;

	hp_path_push(&k, "Fuzz");
	hp_path_push(&gone, "Select");
	hp_value_set_dword(&v, 1);
	hp_patch_add(&p, HP_OP_SET_VALUE, &k, "v", &v, 0);
	hp_patch_add(&p, HP_OP_SET_VALUE, &root, "v", &v, 0);
	hp_patch_add(&p, HP_OP_DELETE_KEY, &gone, NULL, NULL, 0);
	if (hp_hive_apply(hv, &p, NULL, NULL, &e) == -1 ||
	    (fd = memfd_create("image", 0)) == -1)
		goto out;
	snprintf(out, sizeof(out), "/proc/self/fd/%d", fd);
	if (hp_hive_write_image(hv, fd, out, &e) == 0)
		(void)hp_hive_verify_image(hv, out, 1, &e);
	close(fd);
out:
	hp_patch_free(&p);
	hp_path_free(&k);
	hp_path_free(&gone);
	hp_path_free(&root);
	hp_value_free(&v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_hive *hv;
	char path[64];
	int fd;

	if ((fd = memfd_create("hive", 0)) == -1)
		return 0;
	if (write(fd, data, len) == (ssize_t)len) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		if (hp_hive_open(path, HP_HIVE_WRITE | HP_HIVE_FORCE, NULL,
		    &hv, NULL, &e) == 0) {
			patch_and_write(hv);
			hp_hive_close(hv);
		}
	}
	close(fd);
	return 0;
}
