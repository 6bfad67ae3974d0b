/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Advanced Audit Policy files: audit.csv in a GPO's Machine/Microsoft/
 * Windows NT/Audit folder, and what "auditpol /backup" writes.  ASCII CSV,
 * CRLF or LF, a header line and seven columns: Machine Name, Policy
 * Target, Subcategory, Subcategory GUID, Inclusion Setting, Exclusion
 * Setting, Setting Value.  See docs/security-templates.md.
 *
 * Each row is a named setting (secedit_settings.h) in section "Audit
 * Policy": a subcategory row is named by its GUID (kind AUDIT, labelled
 * with the subcategory, value 0 none, 1 success, 2 failure, 3 both); an
 * "Option:" row (CrashOnAuditFail ...) by its option (kind NUMBER); a
 * global SACL row (FileGlobalSacl ...) by its name (kind TEXT, an SDDL).
 * Rows for a Policy Target other than System are named TARGET/GUID.
 */
#ifndef HP_AUDITCSV_H
#define HP_AUDITCSV_H

#include <stddef.h>

struct hp_error;
struct hp_secsettings;

/* 1 if the bytes start with audit.csv's header. */
int	hp_auditcsv_sniff(const void *data, size_t len);
/* Parses the rows into out; path names the file in messages. */
int	hp_auditcsv_parse(const void *data, size_t len, const char *path,
	    struct hp_secsettings *out, struct hp_error *e);
int	hp_auditcsv_read_file(const char *path, struct hp_secsettings *out,
	    struct hp_error *e);

#endif
