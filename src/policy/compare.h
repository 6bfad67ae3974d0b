/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The comparison matrix of "hivepol compare", Policy Analyzer's view: every
 * setting (key and value) of N sources in one table, a row per setting and
 * a cell per source.  A row whose sources hold different data is a
 * conflict; one that several sources hold alike is a repeat; one only a
 * single source holds is single.  A source's cell is the state the source
 * produces (its view), plus the deletions a patch source (.reg, .pol, a
 * GPO) asks for: a deleted value, all values of a key, a whole key; and
 * the named settings of a security template or an audit policy
 * (formats/secedit_settings.h), compared as their kind says.
 * Rendered as text, JSON (schema "hivepol-compare/1", docs/report-schema.md)
 * and a self-contained HTML page (html_matrix.h).
 */
#ifndef HP_COMPARE_H
#define HP_COMPARE_H

#include <stddef.h>

#include "core/path.h"
#include "core/value.h"

struct hp_buf;
struct hp_error;
struct hp_secset;
struct hp_source;

/* What a row is about. */
enum hp_cmp_what {
	HP_CMP_VALUE,		/* one value of the key */
	HP_CMP_ALL_VALUES,	/* every value of the key (DELETEALLVALUES) */
	HP_CMP_KEY,		/* the key itself (DELETEKEYS, [-KEY]) */
	HP_CMP_NAMED		/* a named setting: section and name */
};

/* What a source does with a row's setting. */
enum hp_cmp_action {
	HP_CMP_ABSENT,		/* nothing */
	HP_CMP_SET,		/* holds value */
	HP_CMP_DELETE		/* deletes it */
};

enum hp_cmp_state {
	HP_CMP_NONE,		/* cells only: the source does not hold it */
	HP_CMP_SINGLE,		/* one source holds it */
	HP_CMP_REPEAT,		/* several hold it, all alike */
	HP_CMP_CONFLICT,	/* several hold it, not all alike */
	HP_CMP_NSTATES
};

struct hp_cmp_cell {
	enum hp_cmp_action	 action;
	struct hp_value		 value;		/* HP_CMP_SET of a value */
	const struct hp_secset	*set;		/* HP_CMP_SET, named: the
						   source's own */
};

struct hp_cmp_row {
	struct hp_path		 key;		/* full path; empty if named */
	enum hp_cmp_what	 what;
	char			*name;		/* HP_CMP_VALUE ("" default),
						   HP_CMP_NAMED */
	char			*section;	/* HP_CMP_NAMED */
	char			*label;		/* HP_CMP_NAMED, or NULL */
	enum hp_cmp_state	 state;
	int			 differs;	/* not every source alike */
	struct hp_cmp_cell	*cells;		/* one per source */
};

struct hp_cmp_source {
	char		*path;
	const char	*format;		/* hp_format_name */
	const char	*state;		/* a dirty hive's, or NULL (view.h) */
};

struct hp_cmp {
	struct hp_cmp_source	*src;
	size_t			 nsrc;
	struct hp_cmp_row	*rows;		/* sorted by key, what, name */
	size_t			 n, cap;
	size_t			 count[HP_CMP_NSTATES];	/* rows per state */
};

#define HP_CMP_INIT	{ NULL, 0, NULL, 0, 0, { 0 } }

/*
 * Reads every setting of the n sources, only below key when it is not
 * NULL (a full path; named settings are then left out), into c.  The
 * sources outlive c.  Free c with hp_cmp_free even on error.
 */
int	hp_cmp_build(struct hp_source *const *src, size_t n,
	    const struct hp_path *key, struct hp_cmp *c, struct hp_error *e);
void	hp_cmp_free(struct hp_cmp *c);

const char *hp_cmp_state_name(enum hp_cmp_state s);
/*
 * A cell as people read it: "REG_DWORD 0x00000001 (1)", "delete", "-", a
 * named setting's value as written; at most max bytes of data (0: all).
 */
void	hp_cmp_cell_text(const struct hp_cmp_cell *cell, size_t max,
	    struct hp_buf *out);
/*
 * A row's setting: "Name" (quoted), "@" default, "*" values, "(key)", a
 * named one's label or name.  Its group: the key, or the named section.
 */
void	hp_cmp_row_setting(const struct hp_cmp_row *row, struct hp_buf *out);
void	hp_cmp_row_group(const struct hp_cmp_row *row, struct hp_buf *out);
int	hp_cmp_same_group(const struct hp_cmp_row *a,
	    const struct hp_cmp_row *b);

/*
 * Renderers (compare_report.c, compare_html.c): only_differing leaves out
 * alike rows, or in HTML starts with the "differences only" switch on.
 */
void	hp_cmp_text(const struct hp_cmp *c, int only_differing,
	    struct hp_buf *out);
int	hp_cmp_json(const struct hp_cmp *c, int only_differing,
	    struct hp_buf *out, struct hp_error *e);
void	hp_cmp_html(const struct hp_cmp *c, int only_differing,
	    struct hp_buf *out);

#endif
