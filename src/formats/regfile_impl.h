/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the .reg reader's files share: the reader's state, and its source
 * of physical lines (regfile_lines.c) that regfile.c parses.
 */
#ifndef HP_REGFILE_IMPL_H
#define HP_REGFILE_IMPL_H

#include <stddef.h>

#include "core/buf.h"
#include "core/path.h"
#include "formats/codepage.h"
#include "formats/regfile.h"

struct hp_error;
struct hp_file_map;
struct hp_patch;
struct hp_warnings;

enum key_state {
	KEY_NONE,	/* before any key, or after [-KEY]: values are bad */
	KEY_OPEN,	/* values apply to cur */
	KEY_BAD		/* after a bad key line: values skipped silently */
};

struct reader {
	const char		*name;
	const struct hp_reg_read_opts *o;
	struct hp_patch		*out;
	struct hp_warnings	*w;
	struct hp_error		*e;
	/* Input, after BOM removal; UTF-16LE if utf16. */
	const char		*p, *end;
	struct hp_file_map	*map;		/* the file, if mapped */
	size_t			 given;		/* map bytes given back */
	int			 utf16;		/* lines are decoded into conv */
	const char		*text;		/* the file's first byte */
	size_t			 size;		/* the file's size */
	int			 convert;	/* lines are code page text */
	int			 reg4;		/* REGEDIT4 dialect */
	const char		*ansi;		/* REGEDIT4 hex(1/2/7) charset */
	struct hp_codepage	 cp;
	struct hp_buf		 conv;		/* the converted line */
	struct hp_buf		 conv16;	/* the decoded UTF-16 line */
	/* The current physical line. */
	const char		*line;
	size_t			 len;
	int			 undecodable;	/* not valid in the code page */
	int			 pushback;	/* reprocess the line */
	unsigned long		 lineno;
	/* State. */
	enum key_state		 ks;
	struct hp_path		 cur;
	unsigned long		 nwarn;
};

/* How the bytes are encoded: UTF-16 lines are decoded as they are read. */
int	reg_setup_encoding(struct reader *r, const unsigned char *b,
	    size_t len);
/*
 * The text of 8-bit files: REGEDIT4 is code page text, 5.00 UTF-8 (or,
 * when it is not valid UTF-8, code page text too, with a warning).
 */
int	reg_setup_codepage(struct reader *r);
/*
 * Advances to the next physical line.  Returns 1 with r->line set, 0 at
 * the end of the input, -1 on error.  A line the code page cannot decode
 * is returned with r->undecodable set.
 */
int	reg_next_line(struct reader *r);

#endif
