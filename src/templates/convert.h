/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Converting a template file: an ADM becomes an ADMX with its ADML (in
 * DIR/LANG/), an ADMX (with its ADML) becomes an ADM, named after the
 * input file.  The files are built here; writing them is the caller's.
 */
#ifndef HP_TMPL_CONVERT_H
#define HP_TMPL_CONVERT_H

#include <stddef.h>

#include "core/buf.h"

struct hp_error;
struct hp_tmpl;

struct hp_tmpl_file {
	char		*path;
	struct hp_buf	 data;
};

struct hp_tmpl_conversion {
	char			*dir;		/* to create: DIR or DIR/LANG */
	struct hp_tmpl_file	 files[2];	/* ADMX, ADML; or the ADM */
	size_t			 nfiles;
};

/*
 * Builds the conversion of t, read from path, into dir; lang names the
 * language written (NULL: en-US).  Both files are built before the caller
 * writes either.  Free c with hp_tmpl_conversion_free(), also on error.
 */
int	hp_tmpl_convert(const struct hp_tmpl *t, const char *path,
	    const char *lang, const char *dir, struct hp_tmpl_conversion *c,
	    struct hp_error *e);
void	hp_tmpl_conversion_free(struct hp_tmpl_conversion *c);

#endif
