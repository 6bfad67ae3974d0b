/*
 * libFuzzer target: open arbitrary bytes as a hive and walk all of it
 * through the adapter, as "hivepol ls -R" does, then export it as JSON
 * (class names are read from the bytes by hivepol itself).  libhivex
 * needs a file, so the input goes to a memfd.
 */
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/error.h"
#include "formats/hive.h"
#include "formats/json_export.h"
#include "core/view.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static int
visit(void *arg, const struct hp_path *rel, hp_node node,
    const struct hp_vallist *vals, struct hp_error *e)
{
	(void)arg;
	(void)rel;
	(void)node;
	(void)vals;
	(void)e;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_warnings w = HP_WARNINGS_INIT;
	struct hp_path rel = HP_PATH_INIT;
	struct hp_json_export_opts jo = { 0, NULL, NULL };
	struct hp_buf out = HP_BUF_INIT;
	struct hp_hive *hv;
	struct hp_view v;
	char path[64];
	hp_node root;
	int fd;

	if ((fd = memfd_create("hive", 0)) == -1)
		return 0;
	if (write(fd, data, len) == (ssize_t)len) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		if (hp_hive_open(path, 0, NULL, &hv, &w, &e) == 0) {
			hp_hive_view(hv, &v);
			if (v.ops->root(v.impl, &root, &e) == 0)
				(void)hp_view_walk(&v, root, &rel, ~0u, visit,
				    NULL, &e);
			(void)hp_json_export_hive(hv, &rel, &jo, &out, &e);
			hp_hive_close(hv);
		}
	}
	hp_path_free(&rel);
	hp_buf_release(&out);
	hp_warnings_release(&w);
	close(fd);
	return 0;
}
