/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Baselines: every setting of a GPO folder or GPMC backup (a Microsoft
 * Security Compliance Toolkit, DISA STIG or CIS GPO), as a list of
 * settings of a few kinds.  Registry settings (the Registry.pol entries)
 * become a policy (policy.h) that check evaluates like any other: set
 * values exactly, deletions as "must be absent".  Settings of the other
 * kinds are named settings (a security template's, an audit policy's),
 * which become security requirements (secpolicy.h): where no target can
 * hold them they are reported "not covered", so the coverage rule of
 * check applies to them (docs/gpo.md, "Baselines").
 */
#ifndef HP_BASELINE_H
#define HP_BASELINE_H

#include <stddef.h>

#include "core/path.h"
#include "core/value.h"
#include "policy/check.h"
#include "policy/policy.h"

struct hp_buf;
struct hp_error;
struct hp_warnings;

enum hp_bl_kind {
	HP_BL_REGISTRY,		/* a Registry.pol or [Registry Values] entry */
	HP_BL_SECURITY,		/* a security template's named setting */
	HP_BL_AUDIT		/* an audit.csv row */
};

struct hp_bl_item {
	enum hp_bl_kind	 kind;
	char		*name;		/* unique in the baseline */
	char		*file;		/* its file, inside the GPO folder */
	unsigned long	 line;		/* .pol: offset; others: line */
	/* HP_BL_REGISTRY */
	struct hp_path	 key;		/* full, with a root */
	char		*value;		/* value name, "" the default */
	int		 forbidden;	/* a deletion: must be absent */
	int		 any_data;	/* **soft.: present, data not fixed */
	struct hp_value	 data;
	/* the named kinds (formats/secedit_settings.h) */
	char		*section;	/* "System Access", "Audit Policy" */
	char		*setting;	/* "MinimumPasswordLength", a GUID */
	char		*label;		/* an audit subcategory, or NULL */
	char		*text;		/* the value as written */
};

struct hp_source;
struct hp_targets;
struct hp_tree;
struct hp_vocab;

struct hp_baseline {
	char			*path;		/* as given */
	char			*title;		/* the GPO's display name */
	struct hp_bl_item	*v;
	size_t			 n, cap;
	/* What hp_baseline_check opened; findings point into it. */
	struct hp_source	**opened;
	size_t			 nopened, openedcap;
	struct hp_tree		**trees;	/* GPO targets' views */
	size_t			 ntrees, treecap;
};

/*
 * Reads every setting of the GPO folder or GPMC backup at path: its
 * Registry.pol files, its security template (GptTmpl.inf: [Registry
 * Values] as registry settings, the other entries as named ones) and its
 * audit policy (audit.csv).  A Registry.pol entry no policy setting can
 * state (a key deletion, all values of a key deleted) is named in a
 * warning and left out.
 */
int	hp_baseline_read(const char *path, struct hp_baseline *bl,
	    struct hp_warnings *w, struct hp_error *e);
void	hp_baseline_free(struct hp_baseline *bl);

/*
 * bl as a policy: registry settings (exact data, forbidden) and security
 * requirements (policy/secpolicy.h) for the named settings.
 */
struct hp_policy *hp_baseline_policy(const struct hp_baseline *bl);

/*
 * The checks of pol on the targets t: its registry settings in their
 * views, its security requirements in the targets that are security
 * templates or audit policies and in those GPO targets hold (opened into
 * bl, which must outlive res).  A GPO target's view holds its template's
 * [Registry Values] too.  Security requirements no target holds are not
 * covered: hives hold none.
 */
int	hp_baseline_check(struct hp_baseline *bl, const struct hp_policy *pol,
	    const struct hp_targets *t, struct hp_check_result *res,
	    struct hp_warnings *w, struct hp_error *e);

/*
 * bl as a hivepol policy file (docs/policy-language.md): a setting per
 * registry setting and a security section per named one, each with its
 * file as source and in a comment, and as rationale the policy v (may be
 * NULL) names it by, else the GPO's name.
 */
void	hp_baseline_write_policy(const struct hp_baseline *bl,
	    const struct hp_vocab *v, struct hp_buf *out);

#endif
