/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Bundles: a policy's desired state written as the artefacts a Windows
 * shop deploys (docs/policy-language.md, "Bundles").  The desired state is
 * what hp_check_plan would write into empty targets, plus the deletion of
 * every forbidden value, so that importing an artefact into a machine
 * that has one removes it.
 */
#ifndef HP_BUNDLE_H
#define HP_BUNDLE_H

#include "core/patch.h"
#include "policy/policy.h"

struct hp_buf;
struct hp_error;
struct hp_tmpl;
struct hp_warnings;

/*
 * The desired state of pol as a patch with full paths, sorted by key
 * (settings' order within a key).  A required setting with no exact data
 * cannot be written: it is named in a warning and left out.
 */
int	hp_bundle_patch(const struct hp_policy *pol, struct hp_patch *out,
	    struct hp_warnings *w, struct hp_error *e);

/*
 * An administrative template called name with one policy per registry
 * key of p (HKLM keys as Machine, HKCU keys as User policies) whose
 * Enabled state writes exactly p's values of that key: REG_DWORD as
 * decimal, REG_SZ as string, deletions as delete.  Values a template
 * cannot carry in both ADMX and ADM (other types, other roots) are left
 * out with a warning.  pol (may be NULL) supplies the explanations.
 * Returns NULL with e filled on failure; a patch with nothing a template
 * can carry is an error.
 */
struct hp_tmpl	*hp_bundle_template(const char *name,
		    const struct hp_policy *pol, const struct hp_patch *p,
		    struct hp_warnings *w, struct hp_error *e);

/*
 * Appends to out the operations of p a Group Policy object can carry
 * (HKLM and HKCU); the others are named in warnings.
 */
void	hp_bundle_gpo_patch(const struct hp_patch *p, struct hp_patch *out,
	    struct hp_warnings *w);

/*
 * The new content of one side (root HKLM or HKCU) of a GPO that holds cur
 * and must carry want: cur's operations of that side, except those that
 * set or delete a value want writes, then want's.
 */
void	hp_bundle_gpo_merge(const struct hp_patch *cur,
	    const struct hp_patch *want, enum hp_root root,
	    struct hp_patch *out);

/*
 * Writes the bundle of pol, called name, into dir (created if missing)
 * as one transaction (txn.h): a failure leaves dir as it was, or absent
 * if it was.  made (may be NULL) gets the relative path of each file
 * written, one a line.
 */
int	hp_bundle_write(const struct hp_policy *pol, const char *name,
	    const char *dir, struct hp_buf *made, struct hp_warnings *w,
	    struct hp_error *e);

#endif
