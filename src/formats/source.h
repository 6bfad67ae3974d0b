/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Sources: any input a command compares, checks or imports — a hive, a .reg
 * file, a Registry.pol file or a GPO folder — opened as one view.  Files
 * that are patches (.reg, .pol) are applied to an empty in-memory tree,
 * which then serves as their view.
 */
#ifndef HP_SOURCE_H
#define HP_SOURCE_H

#include "core/patch.h"
#include "core/path.h"
#include "core/tree.h"
#include "core/view.h"
#include "formats/secedit_settings.h"

struct hp_error;
struct hp_hive;
struct hp_warnings;

enum hp_format {
	HP_FMT_UNKNOWN = 0,
	HP_FMT_HIVE,		/* regf hive file */
	HP_FMT_REG,		/* .reg, either dialect */
	HP_FMT_POL,		/* Registry.pol (PReg) */
	HP_FMT_GPO,		/* a GPO folder (gpt.ini, Machine/, User/) */
	HP_FMT_SECEDIT,		/* a security template (GptTmpl.inf) */
	HP_FMT_AUDITCSV		/* an advanced audit policy (audit.csv) */
};

/* Detects by content (magic bytes, .reg header), a directory is a GPO. */
enum hp_format	 hp_format_detect(const char *path);
const char	*hp_format_name(enum hp_format f);

struct hp_source_opts {
	const char	*mount;		/* hive mount override, or NULL */
	int		 force;		/* open dirty hives for writing */
	int		 write;		/* hive: open for changes */
	int		 strict;	/* .reg: fail on the first bad line */
	const char	*codepage;	/* REGEDIT4 code page, NULL: CP1252 */
	enum hp_root	 pol_root;	/* .pol: HKLM or HKCU, NONE: guess */
	/* .pol: the root and name of the hive it goes into, if any. */
	enum hp_root	 hive_root;
	const char	*hive_name;
};

struct hp_source {
	enum hp_format	 format;
	char		*path;
	struct hp_hive	*hive;		/* HP_FMT_HIVE */
	struct hp_patch	 patch;		/* patch formats: the file as read */
	struct hp_tree	 tree;		/* patch formats: patch applied */
	struct hp_secsettings settings;	/* SECEDIT, AUDITCSV: named ones */
};

int	hp_source_open(const char *path, const struct hp_source_opts *o,
	    struct hp_source **out, struct hp_warnings *w,
	    struct hp_error *e);
void	hp_source_view(struct hp_source *s, struct hp_view *v);
void	hp_source_close(struct hp_source *s);

/*
 * Reads a patch file (.reg or .pol; fmt UNKNOWN detects it).  A security
 * template gives its [Registry Values], and a warning for each other
 * setting: they are not applied offline.
 */
int	hp_patch_read_file(const char *path, enum hp_format fmt,
	    const struct hp_source_opts *o, struct hp_patch *out,
	    struct hp_warnings *w, struct hp_error *e);

/*
 * The class root (HKLM or HKCU) of a Registry.pol, by the first rule that
 * tells: o->pol_root (--class); its folder (.../Machine/Registry.pol,
 * .../User/Registry.pol); its own keys, where they belong to one class
 * only; the hive it goes into (o->hive_root: HKLM is the machine's, HKCU
 * and HKU a user's).  Else an error asking for --class.  An inferred
 * class is named in a warning with the rule that chose it (w may be
 * NULL to say nothing).
 */
int	hp_pol_root(const char *path, const struct hp_source_opts *o,
	    enum hp_root *root, struct hp_warnings *w, struct hp_error *e);

#endif
