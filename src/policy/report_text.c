/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The text report: one block per finding, columns aligned. */
#include <string.h>

#include "core/buf.h"
#include "policy/report.h"

#define RED	"\033[31m"
#define YELLOW	"\033[33m"
#define GREEN	"\033[32m"
#define DIM	"\033[2m"
#define RESET	"\033[0m"

static const char *
colour_of(const struct hp_finding *f)
{
	if (f->status == HP_ST_COMPLIANT)
		return GREEN;
	if (f->status == HP_ST_NOT_COVERED)
		return DIM;
	return f->severity == HP_SEV_ERROR ? RED : YELLOW;
}

static int
shown(const struct hp_report *r, const struct hp_finding *f)
{
	return r->verbose || (f->status != HP_ST_COMPLIANT &&
	    f->status != HP_ST_NOT_COVERED);
}

/* Targets read from a dirty hive without its logs (docs/dirty-hives.md). */
static void
stale_targets(const struct hp_report *r, struct hp_buf *out)
{
	size_t i;

	for (i = 0; i < r->nviews; i++)
		if (r->views[i].state != NULL &&
		    strcmp(r->views[i].state, "stale") == 0)
			hp_buf_addf(out, "stale target %s: a dirty hive read "
			    "without its logs; its data may be old\n",
			    r->views[i].source);
}

int
hp_report_text(const struct hp_report *r, struct hp_buf *out)
{
	const struct hp_check_result *res = r->result;
	size_t i, w = 0, bad = 0;
	int first;

	for (i = 0; i < res->n; i++)
		if (shown(r, &res->v[i]) && strlen(res->v[i].check) > w)
			w = strlen(res->v[i].check);
	for (i = 0; i < res->n; i++) {
		const struct hp_finding *f = &res->v[i];

		if (f->status != HP_ST_COMPLIANT &&
		    f->status != HP_ST_NOT_COVERED)
			bad++;
		if (!shown(r, f))
			continue;
		hp_buf_addf(out, "%s%-17s%s %-*s  %s\n",
		    r->color ? colour_of(f) : "", hp_status_name(f->status),
		    r->color ? RESET : "", (int)w, f->check, f->path);
		hp_buf_addf(out, "%-17s %-*s  expected %s, actual %s%s%s\n",
		    "", (int)w, "", f->expected, f->actual,
		    f->target ? " in " : "", f->target ? f->target : "");
		hp_buf_addf(out, "%-17s %-*s  %s", "", (int)w, "", f->message);
		if (f->rationale != NULL && f->status != HP_ST_COMPLIANT)
			hp_buf_addf(out, "; why: %s", f->rationale);
		hp_buf_addf(out, " [%s:%d%s%s]\n", f->loc.file, f->loc.line,
		    f->source ? ", " : "", f->source ? f->source : "");
	}
	stale_targets(r, out);
	hp_buf_addf(out, "%zu of %zu checks compliant",
	    res->count[HP_ST_COMPLIANT], res->n - res->count[HP_ST_NOT_COVERED]);
	for (first = 1, i = 1; i < HP_ST_NOT_COVERED; i++) {
		if (res->count[i] == 0)
			continue;
		hp_buf_addf(out, "%s %zu %s", first ? ":" : ",", res->count[i],
		    hp_status_name((enum hp_status)i));
		first = 0;
	}
	if (res->count[HP_ST_NOT_COVERED] > 0)
		hp_buf_addf(out, " (%zu not covered by any target)",
		    res->count[HP_ST_NOT_COVERED]);
	hp_buf_adds(out, bad == 0 ? "; compliant\n" : "\n");
	return 0;
}
