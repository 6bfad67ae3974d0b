/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The check engine: a policy evaluated on the views of one machine (its
 * hives, .reg or Registry.pol files, GPO folders).  Every setting is
 * checked in every view whose mount covers its key; every rule in every
 * view that covers its first member.  The result is a flat list of
 * findings that the reports (report.h) print; a fleet run calls
 * hp_check_run once per machine and aggregates the results.
 *
 * A whole view whose mount names a bare root (a Registry.pol of one
 * class, targets.h) covers only the keys under that root.
 *
 * hp_check_plan is apply's half: the patch that makes one view satisfy
 * the policy, as far as the policy says exactly what to write.
 */
#ifndef HP_CHECK_H
#define HP_CHECK_H

#include <stddef.h>

#include "core/patch.h"
#include "policy/policy.h"
#include "core/view.h"

struct hp_buf;
struct hp_error;
struct hp_warnings;

enum hp_status {
	HP_ST_COMPLIANT,
	HP_ST_DRIFT,		/* present, right type, wrong data */
	HP_ST_MISSING,		/* required value absent */
	HP_ST_FORBIDDEN,	/* forbidden value present */
	HP_ST_WRONG_TYPE,	/* present with another registry type */
	HP_ST_RULE,		/* a cross-value rule is broken */
	HP_ST_NOT_COVERED,	/* no target serves the key: not checked */
	HP_ST_COUNT
};

struct hp_finding {
	enum hp_status		 status;
	enum hp_severity	 severity;
	int			 is_rule;
	size_t			 index;		/* into settings or rules */
	const char		*check;		/* its name (policy-owned) */
	const char		*target;	/* view source, or NULL */
	char			*path;		/* HKLM\...; rules: the key */
	const char		*value;		/* value name, NULL for rules */
	char			*expected;
	char			*actual;
	char			*message;	/* one line: what and why */
	char			*needs;		/* not covered: the target
						   that would cover it */
	const char		*rationale;
	const char		*source;
	const char		*default_when_absent;
	struct hp_loc		 loc;
};

struct hp_check_result {
	struct hp_finding	*v;
	size_t			 n, cap;
	size_t			 count[HP_ST_COUNT];
};

#define HP_CHECK_RESULT_INIT	{ NULL, 0, 0, { 0 } }

/*
 * Appends a zeroed finding of status st (severity sev, unless st carries
 * none) for target, counted; for checks outside this engine
 * (policy/secpolicy.h).  Its strings are the caller's to fill (malloc'd).
 */
struct hp_finding *hp_check_add_finding(struct hp_check_result *res,
	    enum hp_status st, enum hp_severity sev, const char *target);
/* Appends the findings of policy on views[0..nviews) to res. */
int		 hp_check_run(const struct hp_policy *policy,
		    const struct hp_view *views, size_t nviews,
		    struct hp_check_result *res, struct hp_error *e);
void		 hp_check_result_free(struct hp_check_result *res);
/* 1 if a finding of severity warning or error is not compliant. */
int		 hp_check_failed(const struct hp_check_result *res);

/*
 * The verdict of a check.  A check no target covers is neither compliant
 * nor a finding, so a result with one is compliant only when partial
 * coverage was accepted (allow_uncovered), and then only as far as the
 * covered checks go.
 */
enum hp_verdict {
	HP_VERDICT_COMPLIANT,	/* every check evaluated, none failed */
	HP_VERDICT_PARTIAL,	/* none failed, some not covered (accepted) */
	HP_VERDICT_UNCOVERED,	/* none failed, some not covered */
	HP_VERDICT_FAILED	/* hp_check_failed */
};

enum hp_verdict	 hp_check_verdict(const struct hp_check_result *res,
		    int allow_uncovered);
/* "compliant", "compliant-as-covered", "not-covered", "non-compliant" */
const char	*hp_verdict_name(enum hp_verdict v);
/*
 * Appends what kind of target would cover key, for people: "a SOFTWARE
 * hive (HKLM\SOFTWARE)", and with pol_too " or a machine Registry.pol".
 */
void		 hp_check_needs(const struct hp_path *key, int pol_too,
		    struct hp_buf *out);
/* "compliant", "drift", "missing", "forbidden-present", ... */
const char	*hp_status_name(enum hp_status s);

/*
 * Appends to out the operations that bring view v to the policy: set
 * values whose exact data (or single allowed value) differs or is
 * missing, delete forbidden values.  Paths are full.  A setting that is
 * wrong but has no exact data to write is reported through w.  Returns
 * the number of operations added, or -1.
 */
long		 hp_check_plan(const struct hp_policy *policy,
		    const struct hp_view *v, struct hp_patch *out,
		    struct hp_warnings *w, struct hp_error *e);

#endif
