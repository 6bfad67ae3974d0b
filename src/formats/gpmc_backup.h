/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * GPMC backup folders, as Group Policy Management Console's Backup and
 * Backup-GPO write them: {BACKUP-ID}/Backup.xml (the GPO's core settings
 * and the files each extension owns), bkupInfo.xml (the manifest entry),
 * gpreport.xml, and the GPO's SYSVOL files under DomainSysvol/GPO.
 * gpo.h finds and reads them like any GPO folder; this module keeps
 * Backup.xml in step when a registry.pol changes and writes new backups.
 * docs/gpo.md says which fields change and why.
 */
#ifndef HP_GPMC_BACKUP_H
#define HP_GPMC_BACKUP_H

#include <stddef.h>
#include <stdint.h>

struct hp_buf;
struct hp_error;
struct hp_txn;
struct hp_warnings;

/* Options: the GPO's flags ([MS-GPOL]): which side is switched off. */
#define HP_GPMC_USER_DISABLED		1u
#define HP_GPMC_MACHINE_DISABLED	2u

/*
 * The new text of Backup.xml xml[0..len) when the Registry.pol of the
 * Machine side (loc[0]) or the User side (loc[1]) was added or changed;
 * loc[s] is the file's path inside the backup as spelled on disk
 * ("DomainSysvol/GPO/Machine/registry.pol"), NULL for a side unchanged.
 * For each such side: its VersionNumber raised, the Registry extension
 * pair merged into its ExtensionGuids, and an FSObjectFile entry added to
 * the Registry extension if none names the file.  Every other byte is
 * kept.  sec: the GptTmpl.inf's path inside the backup if it was added
 * or changed (else NULL): the machine VersionNumber raised (once), the
 * Security extension pair merged, and an FSObjectFile entry under the
 * Security extension (made if missing) if none names it.  *options gets
 * the GPO's Options.  Errors name file.
 */
int	hp_gpmc_backup_update(const char *xml, size_t len, const char *file,
	    const char *const loc[2], const char *sec, unsigned *options,
	    struct hp_buf *out, struct hp_error *e);

/*
 * Stages the update of the Backup.xml at xml (NULL: the backup has only
 * bkupInfo.xml, and a warning says so) in t; a side the Options switch
 * off is written with a warning.  dir names the backup in messages.
 */
int	hp_gpmc_backup_stage(struct hp_txn *t, const char *xml,
	    const char *dir, const char *const loc[2], const char *sec,
	    struct hp_warnings *w, struct hp_error *e);

/*
 * The text of the core setting tag (DisplayName, Options, ...) of the
 * Backup.xml at xml, CDATA unwrapped; *out NULL if it has none.
 */
int	hp_gpmc_backup_field(const char *xml, const char *tag, char **out,
	    struct hp_error *e);

/* What a new backup says about itself. */
struct hp_gpmc_new {
	char		 id[39];	/* the backup's {GUID} */
	char		 gpo_id[39];	/* the GPO's {GUID} */
	const char	*name;		/* the GPO's display name */
	const char	*loc[2];	/* as for hp_gpmc_backup_update */
};

/*
 * Backup and GPO GUIDs that follow from data (the same data, the same
 * GUIDs: a bundle written twice is the same bundle).
 */
void	hp_gpmc_backup_ids(const void *data, size_t len,
	    struct hp_gpmc_new *n);
/* Backup.xml and bkupInfo.xml of a new backup, laid out as GPMC's. */
void	hp_gpmc_backup_new(const struct hp_gpmc_new *n, struct hp_buf *xml,
	    struct hp_buf *info);

#endif
