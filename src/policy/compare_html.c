/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The comparison matrix as a self-contained HTML page. */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "policy/compare.h"
#include "policy/html_matrix.h"

/* Policy Analyzer's colours: conflicts yellow, repeats grey. */
static const struct hp_html_state states[] = {
	{ "conflict", "#ffe066" }, { "repeat", "#dcdcdc" },
	{ "single", "#ffffff" }, { "absent", "#f7f7f7" }
};

static const struct hp_html_matrix matrix = {
	"settings", states, sizeof(states) / sizeof(*states),
	"differences only", 0
};

static void
head(const struct hp_cmp *c, struct hp_buf *out)
{
	size_t k;
	int s;

	hp_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
	    "charset=\"utf-8\"><title>hivepol compare</title>\n<style>"
	    "body{font-family:sans-serif;margin:2em;color:#222}"
	    ".absent{color:#999}");
	hp_html_matrix_style(&matrix, out);
	hp_buf_adds(out, "</style></head><body>\n<h1>hivepol compare</h1>\n"
	    "<ol id=\"sources\">");
	for (k = 0; k < c->nsrc; k++) {
		hp_buf_adds(out, "<li><code>");
		hp_html_esc(out, c->src[k].path);
		hp_buf_addf(out, "</code> (%s%s%s)</li>", c->src[k].format,
		    c->src[k].state ? ", " : "",
		    c->src[k].state ? c->src[k].state : "");
	}
	hp_buf_addf(out, "</ol>\n<p><span id=\"count-settings\">%zu</span> "
	    "settings:", c->n);
	for (s = HP_CMP_CONFLICT; s > HP_CMP_NONE; s--)
		hp_buf_addf(out, " <span id=\"count-%s\">%zu</span> %s%s",
		    hp_cmp_state_name(s), c->count[s], hp_cmp_state_name(s),
		    s > HP_CMP_SINGLE ? "," : ".");
	hp_buf_adds(out, "</p>\n");
}

/* Header cells: key, setting, "[k] file name" per source, state. */
static void
columns(const struct hp_cmp *c, int only_differing, struct hp_buf *out)
{
	size_t k, n = c->nsrc + 3;
	char **h = hp_calloc(n, sizeof(*h));
	const char **title = hp_calloc(n, sizeof(*title));

	h[0] = hp_strdup("key or section");
	h[1] = hp_strdup("setting");
	for (k = 0; k < c->nsrc; k++) {
		const char *base = strrchr(c->src[k].path, '/');

		h[k + 2] = hp_strfmt("[%zu] %s", k + 1,
		    base != NULL && base[1] ? base + 1 : c->src[k].path);
		title[k + 2] = c->src[k].path;
	}
	h[n - 1] = hp_strdup("state");
	hp_html_matrix_begin(&matrix, only_differing, (const char *const *)h,
	    title, n, out);
	for (k = 0; k < n; k++)
		free(h[k]);
	free(h);
	free(title);
}

static void
row(const struct hp_cmp *c, const struct hp_cmp_row *r, struct hp_buf *t,
    struct hp_buf *out)
{
	size_t k;

	hp_html_matrix_row(r->differs, out);
	hp_buf_reset(t);
	hp_cmp_row_group(r, t);
	hp_html_matrix_label(t->buf, out);
	hp_buf_reset(t);
	hp_cmp_row_setting(r, t);
	hp_html_matrix_label(t->buf, out);
	for (k = 0; k < c->nsrc; k++) {
		hp_buf_reset(t);
		hp_cmp_cell_text(&r->cells[k], 0, t);
		hp_html_matrix_cell(hp_cmp_state_name(r->cells[k].action ==
		    HP_CMP_ABSENT ? HP_CMP_NONE : r->state), t->buf, out);
	}
	hp_html_matrix_cell(hp_cmp_state_name(r->state),
	    hp_cmp_state_name(r->state), out);
	hp_buf_addc(out, '\n');
}

void
hp_cmp_html(const struct hp_cmp *c, int only_differing, struct hp_buf *out)
{
	struct hp_buf t = HP_BUF_INIT;
	size_t i;

	head(c, out);
	columns(c, only_differing, out);
	for (i = 0; i < c->n; i++)
		row(c, &c->rows[i], &t, out);
	hp_html_matrix_end(out);
	hp_html_matrix_script(out);
	hp_buf_adds(out, "</body></html>\n");
	hp_buf_release(&t);
}
