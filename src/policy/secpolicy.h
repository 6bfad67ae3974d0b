/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Security settings in a policy: what a security template or an audit
 * policy must hold, beside the registry settings of policy.h.
 *
 *	security "min-password-length" {
 *		section = "System Access"
 *		name = "MinimumPasswordLength"
 *		min = 14
 *	}
 *
 * A requirement names a named setting (formats/secedit_settings.h) by
 * section and name, and asks for an exact value (compared by the
 * setting's kind: numbers as numbers, account lists as sets), numeric
 * bounds, or only presence.  check evaluates it in every target that
 * holds such settings: a security template for every section but "Audit
 * Policy", an audit.csv for that one.  Hives cannot (Windows keeps these
 * settings in SAM and SECURITY): with no such target the requirement is
 * "not covered".  apply never writes them to hives and says so;
 * apply --to-gpo writes those with an exact value into the GPO's
 * security template (hp_secpolicy_gpo_sets).  See
 * docs/policy-language.md.
 */
#ifndef HP_SECPOLICY_H
#define HP_SECPOLICY_H

#include <stddef.h>

#include "policy/policy.h"

struct cfg_t;
struct hp_gpo_secset;
struct hp_check_result;
struct hp_source;
struct hp_warnings;
struct lines;
struct loader;

struct hp_secrequire {
	char			*name;
	struct hp_loc		 loc;
	char			*section;
	char			*setting;	/* the entry's name */
	char			*value;		/* exact value, or NULL */
	int			 has_min, has_max;
	long long		 min, max;
	enum hp_presence	 presence;
	enum hp_severity	 severity;
	char			*rationale;
	char			*source;
};

/* Reads one "security" section of a policy file (policy_read.c). */
int	policy_read_security(struct loader *ld, struct cfg_t *sec,
	    const struct lines *l, const char *file);
void	hp_secpolicy_free(struct hp_policy *p);

/*
 * Appends a finding per requirement and target that holds its section
 * (src[0..n), any formats), or one "not covered" finding.
 */
void	hp_secpolicy_check(const struct hp_policy *p,
	    struct hp_source *const *src, size_t n,
	    struct hp_check_result *res);
/* One warning per requirement: apply does not write them. */
void	hp_secpolicy_warn_apply(const struct hp_policy *p,
	    struct hp_warnings *w);

/*
 * The requirements with an exact value, outside "Audit Policy", as the
 * entries a GPO's GptTmpl.inf must hold (*out malloc'd, pointing into p);
 * returns how many.  One warning in w names each other one (a range, a
 * presence, an audit row): not written.
 */
size_t	hp_secpolicy_gpo_sets(const struct hp_policy *p,
	    struct hp_gpo_secset **out, struct hp_warnings *w);

#endif
