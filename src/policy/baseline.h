/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Baselines: every setting of a GPO folder or GPMC backup (a Microsoft
 * Security Compliance Toolkit, DISA STIG or CIS GPO), as a list of
 * settings of a few kinds.  Registry settings (the Registry.pol entries)
 * become a policy (policy.h) that check evaluates like any other: set
 * values exactly, deletions as "must be absent".  Settings of the other
 * kinds are named settings (a security template's, an audit policy's):
 * where no target can hold them they are reported "not covered", so the
 * coverage rule of check applies to them (docs/gpo.md, "Baselines").
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
	HP_BL_REGISTRY,		/* a Registry.pol entry */
	HP_BL_SECURITY,		/* a security template's setting */
	HP_BL_AUDIT,		/* an advanced audit policy's setting */
	HP_BL_FILE		/* a settings file hivepol does not read */
};

struct hp_bl_item {
	enum hp_bl_kind	 kind;
	char		*name;		/* unique in the baseline */
	char		*file;		/* its file, inside the GPO folder */
	unsigned long	 line;		/* entry or line in file, 0 if none */
	/* HP_BL_REGISTRY */
	struct hp_path	 key;		/* full, with a root */
	char		*value;		/* value name, "" the default */
	int		 forbidden;	/* a deletion: must be absent */
	int		 any_data;	/* **soft.: present, data not fixed */
	struct hp_value	 data;
	/* the named kinds: what the setting is and its value as text */
	char		*setting;	/* "System Access/MinimumPasswordLength" */
	char		*text;
	char		*host;		/* HP_BL_FILE: the file's host path */
};

struct hp_baseline {
	char			*path;		/* as given */
	char			*title;		/* the GPO's display name */
	struct hp_bl_item	*v;
	size_t			 n, cap;
};

/*
 * Reads every setting of the GPO folder or GPMC backup at path.  A
 * Registry.pol entry no policy setting can state (a key deletion, all
 * values of a key deleted) is named in a warning and left out.
 */
int	hp_baseline_read(const char *path, struct hp_baseline *bl,
	    struct hp_warnings *w, struct hp_error *e);
void	hp_baseline_free(struct hp_baseline *bl);

/* The registry settings of bl as a policy (exact data, forbidden). */
int	hp_baseline_policy(const struct hp_baseline *bl,
	    struct hp_policy **out, struct hp_error *e);

/*
 * check --baseline: pol (from hp_baseline_policy) on views, then each
 * named setting of bl in the targets that can hold one (GPO folders and
 * backups); not covered where none does (hives: hivepol reads neither
 * SAM nor SECURITY).
 */
int	hp_baseline_check(const struct hp_baseline *bl,
	    const struct hp_policy *pol, const struct hp_view *views,
	    size_t nviews, struct hp_check_result *res, struct hp_error *e);

/*
 * bl as a hivepol policy file (docs/policy-language.md): one setting per
 * registry setting, its file as source and comment; the named settings
 * as comments (the policy language has no words for them yet).
 */
int	hp_baseline_write_policy(const struct hp_baseline *bl,
	    struct hp_buf *out, struct hp_error *e);

#endif
