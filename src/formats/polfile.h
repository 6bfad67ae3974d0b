/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Registry.pol (PReg) files: the Group Policy registry extension's format.
 * See docs/pol-format.md.
 *
 * Two representations: struct hp_pol is the file's entries exactly as they
 * are (raw UTF-16 names, raw data, byte offsets), which "show" lists and
 * which writes back byte for byte; struct hp_patch is what the entries mean
 * (the "**" commands turned into operations), rooted at HKLM or HKCU.
 *
 * Reading is liberal (an extra NUL after a value name, sizes above 0xFFFF,
 * odd string sizes and unknown types are warnings); writing is strict
 * (value names of at most 259 characters, data of at most 65,535 bytes,
 * commands ahead of the values of the same key, nothing after the last
 * entry).
 *
 * polfile.c holds the entries and their meaning, pol_read.c the reader,
 * pol_write.c the writer, pol_patch.c the conversions to and from struct
 * hp_patch, polexport.c the export of a view.
 */
#ifndef HP_POLFILE_H
#define HP_POLFILE_H

#include <stddef.h>

#include "core/patch.h"
#include "core/path.h"
#include "core/value.h"

struct hp_buf;
struct hp_error;
struct hp_view;
struct hp_warnings;

#define HP_POL_MAX_NAME		259	/* characters in a value name */
#define HP_POL_MAX_DATA		65535	/* bytes of data */

struct hp_pol_entry {
	unsigned long	 offset;	/* of its '[' in the file, 0 if built */
	char		*key;		/* UTF-8, as in the file */
	char		*name;		/* UTF-8, commands included */
	struct hp_value	 value;		/* type and data as in the file */
	unsigned char	*key16;		/* UTF-16LE, no terminator */
	size_t		 key16len;
	unsigned char	*name16;
	size_t		 name16len;
	int		 extra_nul;	/* the file had a NUL after the name */
};

struct hp_pol {
	struct hp_pol_entry	*v;
	size_t			 n;
	size_t			 cap;
};

#define HP_POL_INIT	{ NULL, 0, 0 }

/* What an entry means. */
enum hp_pol_cmd {
	HP_POL_SET,		/* an ordinary value */
	HP_POL_CREATE_KEY,	/* REG_NONE, empty name, no data */
	HP_POL_DEL,		/* **del.NAME */
	HP_POL_DELVALS,		/* **delvals. (**DelVals, **delvals) */
	HP_POL_DELETEVALUES,	/* **DeleteValues "a;b" */
	HP_POL_DELETEKEYS,	/* **DeleteKeys "k1;k2" */
	HP_POL_SOFT,		/* **soft.NAME */
	HP_POL_SECUREKEY,	/* **SecureKey: an ACL, not applicable */
	HP_POL_COMMENT,		/* **Comment:... ignored */
	HP_POL_UNKNOWN		/* any other "**" name */
};

/*
 * Reads the entries of a file in memory; name labels messages.  Errors
 * name the byte offset.
 */
int	hp_pol_read(const void *buf, size_t len, const char *name,
	    struct hp_pol *out, struct hp_warnings *w, struct hp_error *e);
/* The entries as operations with full paths under root (HKLM or HKCU). */
int	hp_pol_to_patch(const struct hp_pol *pol, enum hp_root root,
	    const char *name, struct hp_patch *out, struct hp_warnings *w,
	    struct hp_error *e);
/* Both steps: a file in memory to a patch. */
int	hp_pol_parse(const void *buf, size_t len, const char *name,
	    enum hp_root root, struct hp_patch *out, struct hp_warnings *w,
	    struct hp_error *e);
/*
 * hp_pol_read and hp_pol_parse of the file at path ("-": stdin), mapped
 * rather than read whole, so that its size is not limited.
 */
int	hp_pol_read_file(const char *path, struct hp_pol *out,
	    struct hp_warnings *w, struct hp_error *e);
int	hp_pol_parse_file(const char *path, enum hp_root root,
	    struct hp_patch *out, struct hp_warnings *w, struct hp_error *e);

/* Classifies an entry; *arg gets the name after the command prefix. */
enum hp_pol_cmd	 hp_pol_classify(const struct hp_pol_entry *en,
		    const char **arg);

/* Appends an entry built from UTF-8 key and name. */
int	hp_pol_add(struct hp_pol *pol, const char *key, const char *name,
	    const struct hp_value *v, struct hp_error *e);
/*
 * Entries that do what p does, for the class root (p's paths must be under
 * root, or relative).  Runs of operations on one key are written with the
 * commands first; DELETE_KEY becomes **DeleteKeys on the parent.
 */
int	hp_pol_from_patch(const struct hp_patch *p, enum hp_root root,
	    struct hp_pol *out, struct hp_error *e);
/* The strict writer: the file's bytes. */
int	hp_pol_write(const struct hp_pol *pol, struct hp_buf *out,
	    struct hp_error *e);
void	hp_pol_free(struct hp_pol *pol);

/*
 * The entries of the key at rel in view v and everything below it, with
 * key names prefixed by prefix (the view root's path under the class
 * root): values as set entries, keys with no values or subkeys as "key
 * exists" entries.
 */
int	hp_pol_from_view(const struct hp_view *v, const struct hp_path *rel,
	    const struct hp_path *prefix, struct hp_pol *out,
	    struct hp_error *e);
/* The one class root (HKLM or HKCU) of a patch's paths, or an error. */
int	hp_pol_patch_root(const struct hp_patch *p, enum hp_root *root,
	    struct hp_error *e);

/*
 * The class of a Registry.pol from its path: ".../Machine/Registry.pol"
 * is HKLM, ".../User/Registry.pol" HKCU (any case); else HP_ROOT_NONE.
 */
enum hp_root	 hp_pol_class_from_path(const char *path);
/*
 * The class of the Registry.pol at path from its keys, where they tell
 * (pol_class.c): *root HKLM, HKCU or NONE; why (appended to) names the
 * key that decided, or why none did.  -1 if the file cannot be read.
 */
int		 hp_pol_class_from_entries(const char *path,
		    enum hp_root *root, struct hp_buf *why,
		    struct hp_error *e);
/* "machine"/"computer"/"hklm" and "user"/"hkcu", any case. */
int		 hp_pol_class_parse(const char *s, enum hp_root *root);
/* "Computer" or "User", as LGPO writes them. */
const char	*hp_pol_class_name(enum hp_root root);

#endif
