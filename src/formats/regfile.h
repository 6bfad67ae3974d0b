/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * .reg files: "Windows Registry Editor Version 5.00" and "REGEDIT4"
 * (formats.md §A, docs/reg-format.md).
 *
 * Reading turns a file into a patch: CREATE_KEY for each [KEY] line,
 * DELETE_KEY for [-KEY], SET_VALUE and DELETE_VALUE for value lines, all
 * with full paths (roots included) and the line number in op->line.
 * Accepted encodings: 5.00 as UTF-16LE with a BOM (what regedit writes),
 * as UTF-8 with or without a BOM (an extension); REGEDIT4 in a code page
 * (default Windows-1252) or UTF-8 with a BOM.
 *
 * Writing produces regedit's own layout: for 5.00 UTF-16LE with a BOM and
 * CRLF, REGEDIT4 in the code page; hex data wrapped at regedit's width.
 * Every value is written losslessly, as "text" or dword: where that form
 * gives back the same bytes, as hex(N): otherwise.
 */
#ifndef HP_REGFILE_H
#define HP_REGFILE_H

#include <stddef.h>

#include "core/patch.h"
#include "core/view.h"

struct hp_buf;
struct hp_error;
struct hp_progress;
struct hp_warnings;

/* Bad lines reported one by one before the rest are only counted. */
#define HP_REG_MAX_WARNINGS	100

struct hp_reg_read_opts {
	int		 strict;	/* fail at the first bad line */
	const char	*codepage;	/* REGEDIT4 text; NULL: Windows-1252 */
	struct hp_progress *progress;	/* bytes read; may be NULL */
};

/*
 * Parses len bytes of a .reg file called name (for messages) and appends
 * its operations to out.  A bad line is skipped with a warning naming
 * name:line, as regedit does; with o->strict it is an error instead.
 * Problems with the whole file (no header, odd-sized UTF-16, unknown
 * code page) are always errors.  Returns 0 or -1 (e filled; out may hold
 * the operations read so far).
 */
int	hp_reg_parse(const void *buf, size_t len, const char *name,
	    const struct hp_reg_read_opts *o, struct hp_patch *out,
	    struct hp_warnings *w, struct hp_error *e);

/* Reads the file at path ("-": stdin) and parses it as above. */
int	hp_reg_read_file(const char *path, const struct hp_reg_read_opts *o,
	    struct hp_patch *out, struct hp_warnings *w, struct hp_error *e);

enum hp_reg_dialect {
	HP_REG5,	/* Windows Registry Editor Version 5.00, UTF-16LE */
	HP_REG4		/* REGEDIT4, code page */
};

/* Parses "reg5" / "reg4" (also "5", "4", "5.00", "regedit4"). */
int	hp_reg_dialect_parse(const char *s, enum hp_reg_dialect *out);

/* Output goes to out; flush (if set) is called whenever out grows large. */
struct hp_reg_write_opts {
	enum hp_reg_dialect	 dialect;
	const char		*codepage;	/* REGEDIT4; NULL: CP1252 */
	int			(*flush)(void *arg, struct hp_buf *out,
				    struct hp_error *e);
	void			*flush_arg;
	int			 offsets;	/* ops' lines are byte offsets */
};

/*
 * Exports the key at rel (relative to the view's root) and everything
 * below it: the key, its default value, its other values sorted by name,
 * then its subkeys the same way.  The view must know its mount.  A value
 * or name the dialect cannot carry exactly is an error, never a loss.
 * pr (may be NULL) hears of every key written.
 */
int	hp_reg_write_view(const struct hp_view *v, const struct hp_path *rel,
	    const struct hp_reg_write_opts *o, struct hp_progress *pr,
	    struct hp_buf *out, struct hp_error *e);
/*
 * Finds the key at rel below v's root, filling p with its components
 * spelt as stored (the user may have typed another case).  Returns 0, 1
 * if absent, -1.
 */
int	hp_reg_resolve_key(const struct hp_view *v, const struct hp_path *rel,
	    hp_node *node, struct hp_path *p, struct hp_error *e);
/*
 * Writes a patch as a .reg file: deletions as [-KEY] and "name"=-.
 * Operations .reg cannot express (set-if-absent, delete all values) are
 * errors; paths must be full.
 */
int	hp_reg_write_patch(const struct hp_patch *p,
	    const struct hp_reg_write_opts *o, struct hp_buf *out,
	    struct hp_error *e);
/*
 * Puts "; text" as a line after the header of reg, a whole .reg file
 * written with o (not flushed).
 */
int	hp_reg_add_comment(const struct hp_reg_write_opts *o, const char *text,
	    struct hp_buf *reg, struct hp_error *e);
/* Patches in one file, each after its comment line ("; comment"). */
struct hp_reg_section {
	const char		*comment;	/* NULL: none */
	const struct hp_patch	*patch;
};
int	hp_reg_write_sections(const struct hp_reg_section *s, size_t n,
	    const struct hp_reg_write_opts *o, struct hp_buf *out,
	    struct hp_error *e);

#endif
