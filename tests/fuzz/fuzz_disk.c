/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target: arbitrary bytes as a disk image file (image/disk.c):
 * probed as it comes, for partition 2, and recognized by name.  Whatever
 * is found must lie inside the file.
 */
#include <sys/mman.h>
#include <sys/types.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/error.h"
#include "image/disk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static void
probe(int fd, const char *name, const char *sel, size_t len)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_disk_part *parts;
	size_t i, n;

	if (hp_disk_probe(fd, name, sel, &parts, &n, &e) == 1) {
		if (n == 0)
			abort();
		for (i = 0; i < n; i++)
			if (parts[i].offset < 0 || parts[i].length <= 0 ||
			    (size_t)parts[i].offset >= len ||
			    (size_t)parts[i].length > len -
			    (size_t)parts[i].offset)
				abort();
	}
	free(parts);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char name[64];
	int fd = memfd_create("fuzz-disk", MFD_CLOEXEC);

	if (fd < 0 || write(fd, data, len) != (ssize_t)len)
		abort();
	snprintf(name, sizeof(name), "/proc/self/fd/%d", fd);
	probe(fd, name, NULL, len);
	probe(fd, name, "p2", len);
	(void)hp_disk_recognize(name, NULL);
	close(fd);
	return 0;
}
