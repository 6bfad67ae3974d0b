/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The text report: one block per finding, columns aligned. */
#include <string.h>

#include "core/buf.h"
#include "policy/report.h"
#include "templates/vocab.h"

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

/* Not-covered checks are always listed: they are no pass. */
static int
shown(const struct hp_report *r, const struct hp_finding *f)
{
	return r->verbose || f->status != HP_ST_COMPLIANT;
}

void
hp_report_verdict_text(enum hp_verdict v, size_t uncovered,
    struct hp_buf *out)
{
	switch (v) {
	case HP_VERDICT_COMPLIANT:
		hp_buf_adds(out, "compliant");
		break;
	case HP_VERDICT_PARTIAL:
		hp_buf_addf(out, "compliant as far as covered: %zu check%s "
		    "not evaluated, accepted", uncovered,
		    uncovered == 1 ? "" : "s");
		break;
	case HP_VERDICT_UNCOVERED:
		hp_buf_addf(out, "incomplete: %zu check%s not evaluated, so "
		    "not compliant", uncovered, uncovered == 1 ? "" : "s");
		break;
	case HP_VERDICT_FAILED:
		hp_buf_adds(out, "not compliant");
		break;
	}
}

/* "Default, alice" from NUL-terminated names; "none" if there are none. */
static void
name_list(const struct hp_buf *names, struct hp_buf *out)
{
	const char *p;

	if (names->len == 0)
		hp_buf_adds(out, "none");
	for (p = names->buf; p < names->buf + names->len; p += strlen(p) + 1)
		hp_buf_addf(out, "%s%s", p == names->buf ? "" : ", ", p);
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

/* --templates: "policy: Category/Policy: State" under the finding. */
static void
policy_line(const struct hp_report *r, const struct hp_finding *f, int w,
    struct hp_buf *out)
{
	struct hp_vocab_name n = HP_VOCAB_NAME_INIT;

	if (r->vocab == NULL || f->is_rule)
		return;
	hp_buf_addf(out, "%-17s %-*s  ", "", w, "");
	if (hp_report_policy_name(r, f, &n) == 1) {
		hp_buf_adds(out, "policy: ");
		hp_vocab_name_text(&n, out);
	} else
		hp_buf_adds(out, "extra registry setting");
	hp_buf_addc(out, '\n');
	hp_vocab_name_release(&n);
}

int
hp_report_text(const struct hp_report *r, struct hp_buf *out)
{
	const struct hp_check_result *res = r->result;
	size_t i, w = 0;
	int first;

	for (i = 0; i < res->n; i++)
		if (shown(r, &res->v[i]) && strlen(res->v[i].check) > w)
			w = strlen(res->v[i].check);
	for (i = 0; i < res->n; i++) {
		const struct hp_finding *f = &res->v[i];

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
		policy_line(r, f, (int)w, out);
	}
	stale_targets(r, out);
	if (r->profiles_checked != NULL) {
		hp_buf_adds(out, "profiles checked: ");
		name_list(r->profiles_checked, out);
		hp_buf_adds(out, "; skipped (not asked for all users): ");
		name_list(r->profiles_skipped, out);
		hp_buf_addc(out, '\n');
	}
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
	hp_buf_adds(out, "; ");
	hp_report_verdict_text(hp_check_verdict(res, r->allow_uncovered),
	    res->count[HP_ST_NOT_COVERED], out);
	hp_buf_addc(out, '\n');
	return 0;
}
