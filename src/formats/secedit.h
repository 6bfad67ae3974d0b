/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Security templates: GptTmpl.inf in a GPO's Machine/Microsoft/Windows
 * NT/SecEdit folder, and what "secedit /export" writes.  An INF text of
 * [Section] headers and "key = value" lines, UTF-16LE with a BOM as
 * Windows writes it, or UTF-8 (with or without a BOM) or ANSI
 * (Windows-1252) as people write it by hand; CRLF or LF.  See
 * docs/security-templates.md.
 *
 * The model keeps every line as read, so hp_secedit_write of a template
 * nobody changed gives back the input byte for byte, and an edit
 * (hp_secedit_set, hp_secedit_remove) rewrites only the lines it touches.
 *
 * What a template means, for other modules (baselines, checks, compare):
 *   hp_secedit_parse(bytes)          -> struct hp_secedit (every section,
 *                                       unknown ones too)
 *   hp_secedit_patch(t)              -> struct hp_patch: [Registry Values]
 *                                       as registry operations, like a .pol
 *   hp_secsettings_from_secedit(t)   -> every other entry as a named
 *                                       setting with a kind
 *                                       (formats/secedit_settings.h)
 */
#ifndef HP_SECEDIT_H
#define HP_SECEDIT_H

#include <stddef.h>

#include "core/patch.h"

struct hp_buf;
struct hp_error;
struct hp_warnings;

enum hp_secedit_enc {
	HP_SECEDIT_UTF16LE,	/* with its BOM: what Windows writes */
	HP_SECEDIT_UTF8_BOM,
	HP_SECEDIT_UTF8,
	HP_SECEDIT_ANSI		/* not UTF-8: read as Windows-1252 */
};

enum hp_secedit_line_kind {
	HP_SECEDIT_BLANK,	/* empty, or only a comment */
	HP_SECEDIT_HEADER,	/* [Section] */
	HP_SECEDIT_ENTRY	/* key = value, or fields without a key */
};

struct hp_secedit_line {
	enum hp_secedit_line_kind kind;
	char		*text;		/* UTF-8, without its line end */
	const char	*eol;		/* "\r\n", "\n" or "" (last line) */
	size_t		 raw_off;	/* the line's bytes in the input */
	size_t		 raw_len;	/* 0 and dirty: a new line */
	int		 dirty;		/* text changed: encode it anew */
	size_t		 section;	/* index in sections; entries only */
	/*
	 * ENTRY: the key (before the first '=' outside quotes, trimmed and
	 * unquoted), or NULL when the line has no '=' ([Service General
	 * Setting]: "Name",2,""); value: the text after '=' (or the whole
	 * line), trimmed, comment removed, quotes kept.
	 */
	char		*key;
	char		*value;
};

struct hp_secedit_section {
	char	*name;		/* as in the header, without brackets */
	size_t	 header;	/* its line */
};

struct hp_secedit {
	char			*path;		/* for messages */
	enum hp_secedit_enc	 enc;
	unsigned char		*raw;		/* the input, as read */
	size_t			 raw_len;
	size_t			 bom_len;
	struct hp_secedit_line	*lines;
	size_t			 n, cap;
	struct hp_secedit_section *sections;
	size_t			 nsec, seccap;
};

#define HP_SECEDIT_INIT	{ NULL, HP_SECEDIT_UTF8, NULL, 0, 0, NULL, 0, 0, \
	NULL, 0, 0 }

/*
 * 1 if these bytes look like a security template: after blank and comment
 * lines, the header of a section templates have ([Unicode], [Version],
 * [System Access] ...).
 */
int	hp_secedit_sniff(const void *data, size_t len);
/*
 * Parses a template; path names it in messages ("path:LINE: problem").
 * A line outside every section, a header without ']' and an unclosed
 * quote are errors.
 */
int	hp_secedit_parse(const void *data, size_t len, const char *path,
	    struct hp_secedit *t, struct hp_error *e);
int	hp_secedit_read_file(const char *path, struct hp_secedit *t,
	    struct hp_error *e);
void	hp_secedit_free(struct hp_secedit *t);

/*
 * The name of an entry (malloc'd): its key, or for a line without '='
 * its first field (unquoted); *rest gets where its value starts (after
 * that field's comma for such a line).  Settings and edits name entries
 * alike.
 */
char	*hp_secedit_entry_name(const struct hp_secedit_line *l,
	    const char **rest);

/*
 * The fields of a value: split at commas outside quotes, each trimmed,
 * quotes removed ("" inside quotes is one quote).  Strings back to back,
 * each NUL-terminated, in out; *n counts them.
 */
void	hp_secedit_fields(const char *value, struct hp_buf *out, size_t *n);

/*
 * [Registry Values] as operations: MACHINE\ is HKLM, USERS\ HKU,
 * CLASSES_ROOT\ HKCR; types 1, 2, 3, 4, 7 set a value and -1 deletes one,
 * as Windows' security engine reads them (docs/security-templates.md).
 */
int	hp_secedit_patch(const struct hp_secedit *t, struct hp_patch *out,
	    struct hp_warnings *w, struct hp_error *e);

/*
 * Sets key's value in section: the last entry of that key (the one
 * Windows reads) keeps its line, its spelling and its spacing around '=',
 * and only its value text changes; a missing key is added at the end of
 * its section, a missing section at the end of the file.  value is the text after '=' as it is
 * to be written (quotes included).
 */
void	hp_secedit_set(struct hp_secedit *t, const char *section,
	    const char *key, const char *value);
/* Removes every entry of key in section; returns how many. */
size_t	hp_secedit_remove(struct hp_secedit *t, const char *section,
	    const char *key);
/*
 * The file's bytes: unchanged lines as read, changed and new ones encoded
 * as the file is (its BOM, encoding and line end).  Fails only for text
 * an ANSI file cannot hold.
 */
int	hp_secedit_write(const struct hp_secedit *t, struct hp_buf *out,
	    struct hp_error *e);

#endif
