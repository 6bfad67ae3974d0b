/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Group Policy Object folders: gpt.ini, Machine/Registry.pol (HKLM) and
 * User/Registry.pol (HKCU), as on SYSVOL, in a GPO backup, or in a Windows
 * image's local GPO (Windows/System32/GroupPolicy).  File names match
 * case-insensitively.  The folder named (or the image) is a jail (jail.h):
 * links in it resolve inside it, and the paths in struct hp_gpo are the
 * resolved ones.  See docs/pol-format.md.
 */
#ifndef HP_GPO_H
#define HP_GPO_H

#include <stdint.h>

#include "core/patch.h"

struct hp_buf;
struct hp_error;
struct hp_txn;
struct hp_warnings;

/* The Registry client-side extension and its Administrative Templates tools. */
#define HP_GPO_REGISTRY_CSE	"{35378EAC-683F-11D2-A89A-00C04FBBCFA2}"
#define HP_GPO_MACHINE_TOOL	"{D02B1F72-3407-48AE-BA88-E8213C6761F1}"
#define HP_GPO_USER_TOOL	"{D02B1F73-3407-48AE-BA88-E8213C6761F1}"
/* The Security extension and its computer tool ([MS-GPSB] 1.9). */
#define HP_GPO_SECURITY_CSE	"{827D319E-6EAC-11D2-A4EA-00C04F79F83A}"
#define HP_GPO_SECURITY_TOOL	"{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}"

/* What changed on a side: its Registry.pol, its GptTmpl.inf (Machine). */
#define HP_GPO_CH_REGISTRY	1
#define HP_GPO_CH_SECURITY	2

/* One entry a GPO's security template must hold: [section] key=value. */
struct hp_gpo_secset {
	const char	*section;
	const char	*key;
	const char	*value;		/* as written after '=' */
};

/* Where the parts of a GPO are; paths are NULL when absent. */
struct hp_gpo {
	char	*dir;		/* the GPO folder itself (a backup's root) */
	char	*gptini;
	char	*machine_pol;
	char	*user_pol;
	char	*gpttmpl;	/* Machine/.../SecEdit/GptTmpl.inf */
	char	*audit_csv;	/* Machine/.../Audit/audit.csv */
	char	*backup_xml;	/* a GPMC backup's Backup.xml */
	char	*sysvol;	/* a GPMC backup's DomainSysvol/GPO */
	int	 backup;	/* dir is a GPMC backup folder */
};

/*
 * Finds the GPO in dir: dir itself, a GPMC backup folder (Backup.xml or
 * bkupInfo.xml, the GPO's files in DomainSysvol/GPO; gpmc_backup.h), or
 * an image's Windows/System32/GroupPolicy.  Fails if dir is none of them
 * (no gpt.ini, Machine/, User/, Backup.xml or bkupInfo.xml).
 */
int	hp_gpo_locate(const char *dir, struct hp_gpo *g, struct hp_error *e);
void	hp_gpo_free(struct hp_gpo *g);

/* Both Registry.pol files as one patch: the HKLM part, then HKCU. */
int	hp_gpo_read_patch(const char *dir, struct hp_patch *out,
	    struct hp_warnings *w, struct hp_error *e);

/*
 * Writes p into the GPO folder dir (created if missing): HKLM operations
 * to Machine/Registry.pol, HKCU ones to User/Registry.pol (a side without
 * operations is left alone; a side's file is replaced), and gpt.ini
 * created or updated for the sides whose file changed, all in one
 * transaction (txn.h): every file changes, or none.  In a GPMC backup
 * folder the files are DomainSysvol/GPO's, Backup.xml is kept in step
 * (hp_gpmc_backup_update), gpt.ini is updated only if there is one, and
 * a side the GPO's Options disable is written with a warning in w.
 * Other roots (or relative paths) are an error.  *changed (may be NULL)
 * gets 1 if a file changed.
 */
int	hp_gpo_write(const char *dir, const struct hp_patch *p, int *changed,
	    struct hp_warnings *w, struct hp_error *e);
/*
 * hp_gpo_write that also sets sec[0..nsec) in the GPO's
 * Machine/Microsoft/Windows NT/SecEdit/GptTmpl.inf (hp_secedit_set: other
 * lines byte for byte; a new file as Windows writes one), in the same
 * transaction, with the Security extension listed and the machine version
 * raised when it changes.
 */
int	hp_gpo_write_sec(const char *dir, const struct hp_patch *p,
	    const struct hp_gpo_secset *sec, size_t nsec, int *changed,
	    struct hp_warnings *w, struct hp_error *e);
/*
 * The GptTmpl.inf at path (NULL: a new one: [Unicode] and [Version] as
 * Windows writes them, UTF-16LE with its BOM, CRLF) with sec set, into
 * out; returns how many entries changed, or -1.  desc (may be NULL) gets
 * a line per change ("  [Section] Key: old -> new").
 */
long	hp_gpo_secedit_edit(const char *path, const struct hp_gpo_secset *sec,
	    size_t nsec, struct hp_buf *out, struct hp_buf *desc,
	    struct hp_error *e);
/*
 * hp_gpo_write of p, the registry settings read from the GPO folder or
 * backup from (convert), which also carries every other file of from
 * (security template, audit policy, scripts, comments) into dir byte for
 * byte: the GPO, not only its registry part, is converted.
 */
int	hp_gpo_write_from(const char *dir, const struct hp_patch *p,
	    const char *from, int *changed, struct hp_warnings *w,
	    struct hp_error *e);
/*
 * The same files staged in t (hp_gpo_write_from is this and a commit),
 * with the rest of a larger transaction.  fresh: as if dir were empty
 * (every side with operations, a gpt.ini of version 1 for them), whatever
 * it holds now.  from: NULL, or a GPO whose other files are carried.
 * *changed as above, for once t commits.
 */
int	hp_gpo_stage(struct hp_txn *t, const char *dir,
	    const struct hp_patch *p, int fresh, const char *from,
	    int *changed, struct hp_warnings *w, struct hp_error *e);

/*
 * The Registry.pol bytes of the part of p under root (HKLM or HKCU);
 * *any says whether p has operations there (out is empty if not).
 */
int	hp_gpo_side_bytes(const struct hp_patch *p, enum hp_root root,
	    struct hp_buf *out, int *any, struct hp_error *e);

/*
 * gpt.ini arithmetic, exposed for tests.  The Version number counts
 * machine changes in its low 16 bits and user changes in its high 16.
 */
uint32_t hp_gpo_version_bump(uint32_t version, int machine, int user);
/*
 * Adds the pair [cse tool] to an extension list "[{CSE}{TOOL}...][...]",
 * keeping every other extension, sorted by GUID as GPMC writes them.
 */
int	hp_gpo_ext_merge(const char *list, const char *cse, const char *tool,
	    struct hp_buf *out, struct hp_error *e);
/*
 * The pairs of what changed on side (0 machine, 1 user; HP_GPO_CH_*
 * bits) merged into list, into out (emptied first): the Registry
 * extension's, and on the machine side the Security extension's.
 */
int	hp_gpo_ext_merge_changed(const char *list, int side, int what,
	    struct hp_buf *out, struct hp_error *e);
/*
 * The new text of gpt.ini (old may be NULL for a new file): Version raised
 * and the extensions listed for each side that changed (machine and user:
 * HP_GPO_CH_* bits, 0 unchanged); every other line kept as it was.
 */
int	hp_gpo_gptini_update(const char *old, size_t len, int machine,
	    int user, struct hp_buf *out, struct hp_error *e);

#endif
