/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reports of a check: aligned text for people, JSON for programs (schema
 * "hivepol-check/2", docs/report-schema.md), JUnit XML for CI (one
 * testcase per check and target).  Every format names the checks no
 * target covers, and a verdict of compliant needs every check evaluated
 * unless allow_uncovered accepts partial coverage.  Each writes into a buffer; the command
 * prints it.
 */
#ifndef HP_REPORT_H
#define HP_REPORT_H

#include <stddef.h>

#include "policy/check.h"
#include "policy/policy.h"
#include "core/view.h"

struct hp_buf;
struct hp_error;

struct hp_report {
	const struct hp_policy		*policy;
	const struct hp_view		*views;		/* the targets */
	size_t				 nviews;
	const struct hp_check_result	*result;
	int				 color;		/* ANSI colours */
	int				 verbose;	/* list compliant too */
	int				 allow_uncovered;
	/* An image's profiles (targets.h), or NULL. */
	const struct hp_buf		*profiles_checked, *profiles_skipped;
};

/* The sentence after the counts: "compliant", "incomplete: ...". */
void	hp_report_verdict_text(enum hp_verdict v, size_t uncovered,
	    struct hp_buf *out);

int	hp_report_text(const struct hp_report *r, struct hp_buf *out);
int	hp_report_json(const struct hp_report *r, struct hp_buf *out,
	    struct hp_error *e);
int	hp_report_junit(const struct hp_report *r, struct hp_buf *out,
	    struct hp_error *e);

#endif
