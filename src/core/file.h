/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading inputs with a size limit.  Writing is txn.h's. */
#ifndef HP_FILE_H
#define HP_FILE_H

#include <stddef.h>

#include "core/buf.h"

struct hp_error;

/*
 * Appends all of path ("-" is stdin) to out, refusing more than max
 * bytes.  On failure out is left as it was.
 */
int	hp_file_read(const char *path, size_t max, struct hp_buf *out,
	    struct hp_error *e);

/*
 * A whole input as bytes without holding a copy: a regular file is
 * mapped (any size: the kernel pages it in and out), anything else
 * (stdin, a pipe) is read into memory up to HP_MAX_STDIN bytes.  As
 * with any mapping, a file truncated by another program while it is
 * read ends the process with SIGBUS; hivepol never truncates its inputs.
 */
struct hp_file_map {
	const unsigned char	*data;
	size_t			 len;
	void			*map;		/* private */
	struct hp_buf		 b;		/* private */
};

#define HP_FILE_MAP_INIT	{ NULL, 0, NULL, HP_BUF_INIT }

int	hp_file_map(const char *path, struct hp_file_map *m,
	    struct hp_error *e);
/*
 * The bytes before upto will not be needed soon: a mapped file's pages
 * below it are given back (read again from the file if they are).
 */
void	hp_file_map_done(struct hp_file_map *m, size_t upto);
void	hp_file_unmap(struct hp_file_map *m);

#endif
