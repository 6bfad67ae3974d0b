/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The shared HTML matrix: table, legend, filter, switch and sorting. */
#include <string.h>

#include "core/buf.h"
#include "policy/html_matrix.h"

/* Longer cells scroll in a box of a few lines: rows stay rows. */
#define CLIP_AT	160

void
hp_html_esc(struct hp_buf *out, const char *s)
{
	for (; s != NULL && *s; s++) {
		switch (*s) {
		case '<':	hp_buf_adds(out, "&lt;"); break;
		case '>':	hp_buf_adds(out, "&gt;"); break;
		case '&':	hp_buf_adds(out, "&amp;"); break;
		case '"':	hp_buf_adds(out, "&quot;"); break;
		default:	hp_buf_addc(out, *s);
		}
	}
}

void
hp_html_matrix_style(const struct hp_html_matrix *m, struct hp_buf *out)
{
	size_t i;

	hp_buf_adds(out, "table.hpm{border-collapse:collapse;font-size:.9em}"
	    "table.hpm th,table.hpm td{border:1px solid #ccc;"
	    "padding:.2em .5em;text-align:left;vertical-align:top;"
	    "max-width:30em;overflow-wrap:break-word}"
	    "table.hpm div.clip{max-height:4.2em;overflow:auto}"
	    /* Many narrow columns: headers read bottom to top. */
	    "table.hpm.compact th{writing-mode:vertical-rl;"
	    "transform:rotate(180deg);vertical-align:bottom}"
	    "table.hpm.compact td{font-size:.8em}"
	    "table.hpm th{background:#eee;cursor:pointer;position:sticky;"
	    "top:0}table.hpm th[aria-sort=ascending]::after{content:' \\25b2'}"
	    "table.hpm th[aria-sort=descending]::after{content:' \\25bc'}"
	    ".hpm-controls{margin:.5em 0}.hpm-controls label{margin-right:1em}"
	    ".hpm-legend span{display:inline-block;padding:0 .5em;"
	    "margin-right:.3em;border:1px solid #ccc}");
	for (i = 0; i < m->nstates; i++)
		hp_buf_addf(out, ".hpm .st-%s,.hpm-legend .st-%s{background:%s}",
		    m->states[i].name, m->states[i].name, m->states[i].colour);
}

void
hp_html_matrix_begin(const struct hp_html_matrix *m, int only,
    const char *const *head, const char *const *title, size_t nhead,
    struct hp_buf *out)
{
	size_t i;

	hp_buf_addf(out, "<div class=\"hpm-controls\" id=\"%s-controls\">"
	    "<label>Filter <input type=\"search\"></label><label><input "
	    "type=\"checkbox\"%s> ", m->id, only ? " checked" : "");
	hp_html_esc(out, m->only);
	hp_buf_adds(out, "</label><span class=\"shown\"></span> rows shown"
	    "<div class=\"hpm-legend\">");
	for (i = 0; i < m->nstates; i++)
		hp_buf_addf(out, "<span class=\"st-%s\">%s</span>",
		    m->states[i].name, m->states[i].name);
	hp_buf_addf(out, "</div></div>\n<table class=\"hpm%s\" id=\"%s\">"
	    "<thead><tr>", m->compact ? " compact" : "", m->id);
	for (i = 0; i < nhead; i++) {
		hp_buf_adds(out, "<th");
		if (title != NULL && title[i] != NULL) {
			hp_buf_adds(out, " title=\"");
			hp_html_esc(out, title[i]);
			hp_buf_addc(out, '"');
		}
		hp_buf_addc(out, '>');
		hp_html_esc(out, head[i]);
		hp_buf_adds(out, "</th>");
	}
	hp_buf_adds(out, "</tr></thead>\n<tbody>\n");
}

/* A row's end tag is implied by the next row or </tbody> (HTML5). */
void
hp_html_matrix_row(int differs, struct hp_buf *out)
{
	hp_buf_addf(out, "<tr data-differs=\"%d\">", differs != 0);
}

void
hp_html_matrix_label(const char *text, struct hp_buf *out)
{
	hp_buf_adds(out, "<td>");
	hp_html_esc(out, text);
	hp_buf_adds(out, "</td>");
}

void
hp_html_matrix_cell(const char *state, const char *text, struct hp_buf *out)
{
	int clip = strlen(text) > CLIP_AT;

	hp_buf_addf(out, "<td class=\"st-%s\" data-state=\"%s\">%s", state,
	    state, clip ? "<div class=\"clip\">" : "");
	hp_html_esc(out, text);
	hp_buf_adds(out, clip ? "</div></td>" : "</td>");
}

void
hp_html_matrix_end(struct hp_buf *out)
{
	hp_buf_adds(out, "</tbody></table>\n");
}

/*
 * Filter (any cell's text), the switch (rows marked data-differs="1"),
 * and sorting by a header (numbers as numbers); the URL fragment sets the
 * first view, so a link can show exactly one.
 */
static const char script[] =
"<script>\n(function(){\n"
"var q={};location.hash.replace(/^#/,'').split('&').forEach(function(p){"
"var i=p.indexOf('=');if(i>0)q[decodeURIComponent(p.slice(0,i))]="
"decodeURIComponent(p.slice(i+1));});\n"
"function key(c){var s=c.getAttribute('data-sort');"
"if(s===null)s=c.textContent;var n=Number(s);"
"return s!==''&&!isNaN(n)?n:s.toLowerCase();}\n"
"function order(x,y){if(typeof x==='number'&&typeof y==='number')"
"return x-y;x=String(x);y=String(y);return x<y?-1:x>y?1:0;}\n"
"document.querySelectorAll('table.hpm').forEach(function(t){\n"
"var box=document.getElementById(t.id+'-controls'),"
"f=box.querySelector('input[type=search]'),"
"d=box.querySelector('input[type=checkbox]'),"
"shown=box.querySelector('.shown'),body=t.tBodies[0],"
"heads=Array.prototype.slice.call(t.tHead.rows[0].cells);\n"
"function apply(){var term=f.value.toLowerCase(),n=0;"
"Array.prototype.forEach.call(body.rows,function(r){"
"var hide=(d.checked&&r.getAttribute('data-differs')!=='1')||"
"(term!==''&&r.textContent.toLowerCase().indexOf(term)<0);"
"r.hidden=hide;if(!hide)n++;});shown.textContent=n;}\n"
"function sort(i,desc){var rows=Array.prototype.slice.call(body.rows);"
"rows.sort(function(a,b){var c=order(key(a.cells[i]),key(b.cells[i]));"
"return desc?-c:c;});rows.forEach(function(r){body.appendChild(r);});"
"heads.forEach(function(h,j){h.setAttribute('aria-sort',j===i?"
"(desc?'descending':'ascending'):'none');});}\n"
"heads.forEach(function(h,i){h.setAttribute('aria-sort','none');"
"h.addEventListener('click',function(){"
"sort(i,h.getAttribute('aria-sort')==='ascending');});});\n"
"f.addEventListener('input',apply);d.addEventListener('change',apply);\n"
"if(q.filter)f.value=q.filter;if(q.differences==='1')d.checked=true;\n"
"if(q.sort!==undefined&&heads[+q.sort])sort(+q.sort,q.desc==='1');\n"
"apply();});\n})();\n</script>\n";

void
hp_html_matrix_script(struct hp_buf *out)
{
	hp_buf_adds(out, script);
}
