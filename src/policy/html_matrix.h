/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * One HTML matrix renderer for every report that shows a grid of states
 * (compare's settings x sources, a fleet's machines x checks): a table
 * whose cells carry a state and its colour, a legend, a filter box, a
 * "differences only" switch and click-to-sort headers, all in the page
 * itself (no external asset).  The page's URL fragment sets the view:
 * #filter=TEXT&differences=1&sort=COLUMN&desc=1 (columns count from 0).
 *
 * A page puts hp_html_matrix_style inside its <style>, then per matrix
 * _begin, rows (_row, _label, _cell), _end, and once, before </body>,
 * hp_html_matrix_script.
 */
#ifndef HP_HTML_MATRIX_H
#define HP_HTML_MATRIX_H

#include <stddef.h>

struct hp_buf;

/* A state a cell can be in: its name (a CSS-safe word) and colour. */
struct hp_html_state {
	const char	*name;
	const char	*colour;	/* CSS colour of the cell */
};

struct hp_html_matrix {
	const char			*id;	/* the table's id */
	const struct hp_html_state	*states;
	size_t				 nstates;
	const char			*only;	/* the switch's label */
	int				 compact; /* narrow: headers upright */
};

/* HTML text: <, >, & and " escaped. */
void	hp_html_esc(struct hp_buf *out, const char *s);
/* The CSS of matrices and of m's states (no <style> tags). */
void	hp_html_matrix_style(const struct hp_html_matrix *m,
	    struct hp_buf *out);
/*
 * The controls (the switch on when only is set), the legend and the
 * table's head: head[0..nhead), each with the tooltip title[i] (title may
 * be NULL, or hold NULLs).
 */
void	hp_html_matrix_begin(const struct hp_html_matrix *m, int only,
	    const char *const *head, const char *const *title, size_t nhead,
	    struct hp_buf *out);
/* A row; differs: the "differences only" switch keeps it. */
void	hp_html_matrix_row(int differs, struct hp_buf *out);
/* A cell of plain text (a key, a name). */
void	hp_html_matrix_label(const char *text, struct hp_buf *out);
/* A cell in state (one of m's states), showing text. */
void	hp_html_matrix_cell(const char *state, const char *text,
	    struct hp_buf *out);
void	hp_html_matrix_end(struct hp_buf *out);
void	hp_html_matrix_script(struct hp_buf *out);

#endif
