/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fleet reports for people: a text summary and a self-contained HTML. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "policy/fleet.h"
#include "policy/html_matrix.h"

/* Per check: machines compliant, not compliant, not checked. */
struct tally {
	const char	*check;
	size_t		 ok, bad, unchecked;
};

struct tallies {
	struct tally	*v;
	size_t		 n, cap;
	size_t		 verdicts[HP_FLEET_ERROR + 1];
};

static struct tally *
tally_of(struct tallies *t, const char *check)
{
	size_t k;

	for (k = 0; k < t->n; k++)
		if (strcmp(t->v[k].check, check) == 0)
			return &t->v[k];
	HP_ALLOC_GROW(t->v, t->n + 1, t->cap);
	memset(&t->v[t->n], 0, sizeof(*t->v));
	t->v[t->n].check = check;
	return &t->v[t->n++];
}

static void
tally(const struct hp_fleet_result *res, size_t n, struct tallies *t)
{
	size_t i, j;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < n; i++) {
		t->verdicts[res[i].verdict]++;
		for (j = 0; j < res[i].nfindings; j++) {
			const struct hp_fleet_finding *fd = &res[i].findings[j];
			struct tally *c;

			if (fd->check == NULL)
				continue;
			c = tally_of(t, fd->check);
			if (fd->status == HP_ST_COMPLIANT)
				c->ok++;
			else if (fd->status == HP_ST_NOT_COVERED)
				c->unchecked++;
			else
				c->bad++;
		}
	}
	/* A machine that could not be read was checked for nothing. */
	for (i = 0; i < n; i++)
		if (res[i].verdict == HP_FLEET_ERROR)
			for (j = 0; j < t->n; j++)
				t->v[j].unchecked++;
}

/* The policy's own severity, not a finding's. */
static const char *
severity_of(const struct hp_policy *pol, const char *check)
{
	long i;

	if ((i = hp_policy_setting_index(pol, check)) >= 0)
		return hp_severity_name(pol->settings[i].severity);
	if ((i = hp_policy_rule_index(pol, check)) >= 0)
		return hp_severity_name(pol->rules[i].severity);
	return "";
}

static const char *
rationale_of(const struct hp_policy *pol, const char *check)
{
	long i;

	if ((i = hp_policy_setting_index(pol, check)) >= 0)
		return pol->settings[i].rationale;
	if ((i = hp_policy_rule_index(pol, check)) >= 0)
		return pol->rules[i].rationale;
	return NULL;
}

static int
is_problem(const struct hp_fleet_finding *fd)
{
	return fd->status != HP_ST_COMPLIANT &&
	    fd->status != HP_ST_NOT_COVERED;
}

static void
text_matrix(const struct hp_policy *pol, const struct tallies *t,
    const char *red, const char *off, struct hp_buf *out)
{
	size_t i, w = 5;

	for (i = 0; i < t->n; i++)
		w = strlen(t->v[i].check) > w ? strlen(t->v[i].check) : w;
	hp_buf_addf(out, "%-*s  %-8s %9s %13s %11s\n", (int)w, "check",
	    "severity", "compliant", "non-compliant", "not-checked");
	for (i = 0; i < t->n; i++) {
		const struct tally *c = &t->v[i];

		hp_buf_addf(out, "%-*s  %-8s %9zu %s%13zu%s %11zu\n", (int)w,
		    c->check, severity_of(pol, c->check), c->ok,
		    c->bad ? red : "", c->bad, c->bad ? off : "", c->unchecked);
	}
}

/* Calls fn for each line the report owes a machine beside its findings. */
static void
each_note(const struct hp_fleet_result *r,
    void (*fn)(const char *label, const char *text, void *arg), void *arg)
{
	struct hp_buf line = HP_BUF_INIT;
	const struct hp_buf *lists[] = { &r->checked, &r->skipped };
	const char *p;
	size_t k;

	for (p = r->stale.buf; p < r->stale.buf + r->stale.len;
	    p += strlen(p) + 1)
		fn("stale target", p, arg);
	for (k = 0; r->image && k < 2; k++) {
		hp_buf_reset(&line);
		for (p = lists[k]->buf; p < lists[k]->buf + lists[k]->len;
		    p += strlen(p) + 1)
			hp_buf_addf(&line, "%s%s", line.len ? ", " : "", p);
		fn(k == 0 ? "profiles checked" : "profiles skipped",
		    line.len ? line.buf : "none", arg);
	}
	for (p = r->warnings.buf; p < r->warnings.buf + r->warnings.len;
	    p += strlen(p) + 1)
		fn("warning", p, arg);
	hp_buf_release(&line);
}

static void
text_note(const char *label, const char *text, void *arg)
{
	hp_buf_addf(arg, "    %s: %s\n", label, text);
}

static void
text_machines(const struct hp_fleet *f, const struct hp_fleet_result *res,
    const char *red, const char *grn, const char *off, struct hp_buf *out)
{
	size_t i, j, w = 7;

	for (i = 0; i < f->n; i++)
		w = strlen(f->m[i].name) > w ? strlen(f->m[i].name) : w;
	hp_buf_addf(out, "\n%-*s  %-6s  %s\n", (int)w, "machine", "result",
	    "findings");
	for (i = 0; i < f->n; i++) {
		const struct hp_fleet_result *r = &res[i];
		const char *sep = "";

		hp_buf_addf(out, "%-*s  %s%-6s%s  ", (int)w, f->m[i].name,
		    r->verdict == HP_FLEET_PASS ? grn : red,
		    hp_fleet_verdict_name(r->verdict), off);
		if (r->verdict == HP_FLEET_ERROR)
			hp_buf_adds(out, r->error);
		for (j = 0; j < r->nfindings; j++) {
			if (!is_problem(&r->findings[j]))
				continue;
			hp_buf_addf(out, "%s%s %s", sep, r->findings[j].check,
			    hp_status_name(r->findings[j].status));
			sep = ", ";
		}
		if (r->count[HP_ST_NOT_COVERED] > 0)
			hp_buf_addf(out, "%s%zu not covered", sep,
			    r->count[HP_ST_NOT_COVERED]);
		hp_buf_addc(out, '\n');
		each_note(r, text_note, out);
	}
}

void
hp_fleet_report_text(const struct hp_policy *pol, const struct hp_fleet *f,
    const struct hp_fleet_result *res, int color, struct hp_buf *out)
{
	const char *red = color ? "\033[31m" : "", *grn = color ? "\033[32m" :
	    "", *off = color ? "\033[0m" : "";
	struct tallies t;
	const size_t *c = t.verdicts;

	tally(res, f->n, &t);
	hp_buf_addf(out, "fleet: %zu machines: %s%zu pass%s, %s%zu fail%s, "
	    "%zu error", f->n, grn, c[HP_FLEET_PASS], off,
	    c[HP_FLEET_FAIL] ? red : "", c[HP_FLEET_FAIL],
	    c[HP_FLEET_FAIL] ? off : "", c[HP_FLEET_ERROR]);
	/* Not a pass: a machine where some check found no target. */
	if (c[HP_FLEET_UNCOVERED] > 0)
		hp_buf_addf(out, ", %zu not covered", c[HP_FLEET_UNCOVERED]);
	hp_buf_addf(out, " (policy %s)\n\n", pol->path);
	text_matrix(pol, &t, red, off, out);
	text_machines(f, res, red, grn, off, out);
	free(t.v);
}

/* One colour per state of a machine's check (and "error": unreadable). */
static const struct hp_html_state states[] = {
	{ "compliant", "#c8e6c9" }, { "drift", "#ffcdd2" },
	{ "missing", "#ffab91" }, { "forbidden-present", "#f48fb1" },
	{ "wrong-type", "#e1bee7" }, { "rule-violated", "#ef9a9a" },
	{ "not-covered", "#e0e0e0" }, { "error", "#ffe0b2" },
	{ "none", "#ffffff" }
};

static const struct hp_html_matrix machines_matrix = {
	"machines-matrix", states, sizeof(states) / sizeof(*states),
	"problems only", 1
};

static void
html_head(const struct hp_policy *pol, size_t n, const struct tallies *t,
    struct hp_buf *out)
{
	hp_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
	    "charset=\"utf-8\"><title>hivepol fleet report</title>\n<style>"
	    "body{font-family:sans-serif;margin:2em;color:#222}"
	    "table{border-collapse:collapse;margin:1em 0}"
	    "th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;"
	    "vertical-align:top}th{background:#eee}td.n{text-align:right}"
	    ".pass{color:#176d2b}.fail,.bad{color:#b00020;font-weight:bold}"
	    ".error{color:#8a5a00}summary{cursor:pointer;margin:.3em 0}"
	    "p.why{color:#555;max-width:60em}"
	    /* Long registry paths wrap instead of pushing columns away. */
	    ".machine table{width:100%;font-size:.9em}"
	    ".machine td:nth-child(3){overflow-wrap:anywhere}");
	hp_html_matrix_style(&machines_matrix, out);
	hp_buf_adds(out, "</style></head><body>\n");
	hp_buf_adds(out, "<h1>hivepol fleet report</h1>\n<p>Policy <code>");
	hp_html_esc(out, pol->path);
	hp_buf_addf(out, "</code>: <span id=\"machines\">%zu</span> machines, "
	    "<span class=\"pass\" id=\"pass\">%zu</span> pass, <span "
	    "class=\"fail\" id=\"fail\">%zu</span> fail, <span "
	    "id=\"uncovered\">%zu</span> not covered, <span class=\"error\" "
	    "id=\"errors\">%zu</span> error.</p>\n", n,
	    t->verdicts[HP_FLEET_PASS], t->verdicts[HP_FLEET_FAIL],
	    t->verdicts[HP_FLEET_UNCOVERED], t->verdicts[HP_FLEET_ERROR]);
}

static void
html_matrix(const struct hp_policy *pol, const struct tallies *t,
    struct hp_buf *out)
{
	size_t i;

	hp_buf_adds(out, "<h2>Compliance by check</h2>\n<table id=\"matrix\">"
	    "<tr><th>check</th><th>severity</th><th>compliant</th>"
	    "<th>non-compliant</th><th>not checked</th><th>why</th></tr>\n");
	for (i = 0; i < t->n; i++) {
		const struct tally *c = &t->v[i];

		hp_buf_adds(out, "<tr data-check=\"");
		hp_html_esc(out, c->check);
		hp_buf_adds(out, "\"><td>");
		hp_html_esc(out, c->check);
		hp_buf_adds(out, "</td><td>");
		hp_html_esc(out, severity_of(pol, c->check));
		hp_buf_addf(out, "</td><td class=\"n ok\">%zu</td><td class=\"n"
		    "%s nok\">%zu</td><td class=\"n\">%zu</td><td>", c->ok,
		    c->bad ? " bad" : "", c->bad, c->unchecked);
		hp_html_esc(out, rationale_of(pol, c->check));
		hp_buf_adds(out, "</td></tr>\n");
	}
	hp_buf_adds(out, "</table>\n");
}

/* A machine's state for one check: its worst finding; "none" if none. */
static const char *
check_state(const struct hp_fleet_result *r, const char *check)
{
	const char *st = "none";
	size_t j;

	if (r->verdict == HP_FLEET_ERROR)
		return "error";
	for (j = 0; j < r->nfindings; j++) {
		const struct hp_fleet_finding *fd = &r->findings[j];

		if (fd->check == NULL || strcmp(fd->check, check) != 0)
			continue;
		if (is_problem(fd))
			return hp_status_name(fd->status);
		if (fd->status == HP_ST_NOT_COVERED || strcmp(st, "none") == 0)
			st = hp_status_name(fd->status);
	}
	return st;
}

/* Machines x checks, a colour per state: a fleet's pattern at a glance. */
static void
html_machines_matrix(const struct hp_policy *pol, const struct hp_fleet *f,
    const struct hp_fleet_result *res, const struct tallies *t,
    struct hp_buf *out)
{
	const char **head = hp_calloc(t->n + 3, sizeof(*head));
	const char **title = hp_calloc(t->n + 3, sizeof(*title));
	size_t i, j, bad;
	char num[24];

	head[0] = "machine";
	head[1] = "result";
	head[2] = "problems";
	for (j = 0; j < t->n; j++) {
		head[j + 3] = t->v[j].check;
		title[j + 3] = rationale_of(pol, t->v[j].check);
	}
	hp_buf_adds(out, "<h2>Machines by check</h2>\n");
	hp_html_matrix_begin(&machines_matrix, 0, head, title, t->n + 3, out);
	for (i = 0; i < f->n; i++) {
		for (j = bad = 0; j < res[i].nfindings; j++)
			bad += is_problem(&res[i].findings[j]);
		hp_html_matrix_row(res[i].verdict != HP_FLEET_PASS, out);
		hp_html_matrix_label(f->m[i].name, out);
		hp_html_matrix_label(hp_fleet_verdict_name(res[i].verdict), out);
		snprintf(num, sizeof(num), "%zu", bad);
		hp_html_matrix_label(num, out);
		for (j = 0; j < t->n; j++) {
			const char *st = check_state(&res[i], t->v[j].check);

			hp_html_matrix_cell(st, st, out);
		}
		hp_buf_addc(out, '\n');
	}
	hp_html_matrix_end(out);
	free(head);
	free(title);
}

static void
html_findings(const struct hp_fleet_result *r, struct hp_buf *out)
{
	size_t j, k;

	hp_buf_adds(out, "<table><tr><th>check</th><th>status</th><th>key"
	    "</th><th>value</th><th>expected</th><th>actual</th></tr>\n");
	for (j = 0; j < r->nfindings; j++) {
		const struct hp_fleet_finding *fd = &r->findings[j];
		const char *col[6] = { fd->check, hp_status_name(fd->status),
		    fd->key, fd->value, fd->expected, fd->actual };

		hp_buf_addf(out, "<tr class=\"%s\">",
		    fd->status == HP_ST_COMPLIANT ? "pass" :
		    fd->status == HP_ST_NOT_COVERED ? "" : "bad");
		for (k = 0; k < 6; k++) {
			hp_buf_adds(out, "<td>");
			hp_html_esc(out, col[k]);
			hp_buf_adds(out, "</td>");
		}
		hp_buf_adds(out, "</tr>\n");
	}
	hp_buf_adds(out, "</table>");
}

static void
html_note(const char *label, const char *text, void *arg)
{
	hp_buf_addf(arg, "<p class=\"note\">%s: ", label);
	hp_html_esc(arg, text);
	hp_buf_adds(arg, "</p>\n");
}

static void
html_machine(const struct hp_fleet_machine *m, const struct hp_fleet_result *r,
    struct hp_buf *out)
{
	const char *v = hp_fleet_verdict_name(r->verdict);

	/* Open what needs attention, so a printout shows it. */
	hp_buf_addf(out, "<details class=\"machine\" data-result=\"%s\"%s>"
	    "<summary><span class=\"%s\">%s</span> ", v,
	    r->verdict == HP_FLEET_PASS ? "" : " open", v, v);
	hp_html_esc(out, m->name);
	hp_buf_adds(out, "</summary>\n");
	if (r->verdict == HP_FLEET_ERROR) {
		hp_buf_adds(out, "<p class=\"error\">");
		hp_html_esc(out, r->error);
		hp_buf_adds(out, "</p>");
	} else
		html_findings(r, out);
	each_note(r, html_note, out);
	hp_buf_adds(out, "</details>\n");
}

void
hp_fleet_report_html(const struct hp_policy *pol, const struct hp_fleet *f,
    const struct hp_fleet_result *res, struct hp_buf *out)
{
	struct tallies t;
	size_t i;

	tally(res, f->n, &t);
	html_head(pol, f->n, &t, out);
	html_machines_matrix(pol, f, res, &t, out);
	html_matrix(pol, &t, out);
	hp_buf_adds(out, "<h2>Machines</h2>\n");
	for (i = 0; i < f->n; i++)
		html_machine(&f->m[i], &res[i], out);
	hp_html_matrix_script(out);
	hp_buf_adds(out, "</body></html>\n");
	free(t.v);
}
