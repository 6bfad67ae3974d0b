/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What "template show" prints: a template's policies as text for people
 * (one line a policy, then one a detail) or as a JSON array for programs.
 * Each appends to a buffer; the command prints it.
 */
#ifndef HP_TMPL_RENDER_H
#define HP_TMPL_RENDER_H

struct hp_buf;
struct hp_error;
struct hp_tmpl;

void	hp_tmpl_render_text(const struct hp_tmpl *t, struct hp_buf *out);
/* Fails only when json-c runs out of memory. */
int	hp_tmpl_render_json(const struct hp_tmpl *t, struct hp_buf *out,
	    struct hp_error *e);

#endif
