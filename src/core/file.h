/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading inputs with a size limit.  Writing is txn.h's. */
#ifndef HP_FILE_H
#define HP_FILE_H

#include <stddef.h>

struct hp_buf;
struct hp_error;

/*
 * Appends all of path ("-" is stdin) to out, refusing more than max
 * bytes.  On failure out is left as it was.
 */
int	hp_file_read(const char *path, size_t max, struct hp_buf *out,
	    struct hp_error *e);

#endif
