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
struct hp_vocab;

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
	/* --templates: name each setting's policy (templates/vocab.h). */
	const struct hp_vocab		*vocab;
};

/*
 * The policy a finding's setting belongs to, its state the one the
 * setting's exact data stands for (none without exact data).  1 named,
 * 0 not (no vocabulary, a rule, or no template describes it).
 */
struct hp_vocab_name;
int	hp_report_policy_name(const struct hp_report *r,
	    const struct hp_finding *f, struct hp_vocab_name *n);

/* The sentence after the counts: "compliant", "incomplete: ...". */
void	hp_report_verdict_text(enum hp_verdict v, size_t uncovered,
	    struct hp_buf *out);

int	hp_report_text(const struct hp_report *r, struct hp_buf *out);
int	hp_report_json(const struct hp_report *r, struct hp_buf *out,
	    struct hp_error *e);
int	hp_report_junit(const struct hp_report *r, struct hp_buf *out,
	    struct hp_error *e);

#endif
