/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Legacy ADM templates (formats.md C): a reader from a memory buffer
 * (8-bit, UTF-8 or UTF-16LE) into the template model, following the ADMX
 * Migrator mapping of F.2 so that the model can be written as ADMX, and a
 * writer back to ADM.
 */
#ifndef HP_ADM_H
#define HP_ADM_H

#include <stddef.h>

struct hp_buf;
struct hp_error;
struct hp_tmpl;
struct hp_warnings;

/* The "#if version" an offline reader evaluates by default (C.2). */
#define HP_ADM_VERSION	5

/* The supportedOn definition given to policies without SUPPORTED. */
#define HP_ADM_UNSPECIFIED	"SUPPORTED_NotSpecifiedInAdm"

/*
 * Reads an ADM into t (which must be empty).  Its [strings] become
 * language lang (NULL: en-US).  version is the editor version that
 * "#if version" compares against (0: HP_ADM_VERSION).  Errors name the
 * file and line.
 */
int	hp_adm_read(struct hp_tmpl *t, const char *file, const void *data,
	    size_t len, const char *lang, int version, struct hp_warnings *w,
	    struct hp_error *e);

/*
 * Writes t as an ADM with the strings of language lang (NULL: first).
 * Policies become CLASS MACHINE and/or CLASS USER sections; what ADM
 * cannot say (longDecimal, multiText, soft) is refused with an error.
 */
int	hp_adm_write(const struct hp_tmpl *t, const char *lang,
	    struct hp_buf *out, struct hp_error *e);

/* 1 if data looks like an ADM rather than XML (BOM-aware). */
int	hp_adm_sniff(const void *data, size_t len);

#endif
