/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Named settings: what a security template holds outside [Registry
 * Values] ("System Access/MinimumPasswordLength = 14", "Privilege
 * Rights/SeDebugPrivilege = *S-1-5-32-544") and what an audit.csv holds
 * (one per subcategory GUID, formats/auditcsv.h).  Each has a kind that
 * says how two values compare, and the place Windows keeps it, which is
 * never a hive hivepol edits offline: applying one to an image is
 * reported as "not applied offline", never pretended.
 *
 * For other modules (baselines, checks, compare): build a list with
 * hp_secsettings_from_secedit or hp_auditcsv_parse (or hp_secsettings_add
 * and then hp_secsettings_index), look a setting up with
 * hp_secsettings_find (section and name, case-insensitive), compare
 * values with hp_secset_equal, or walk two lists with hp_secsettings_diff.
 */
#ifndef HP_SECEDIT_SETTINGS_H
#define HP_SECEDIT_SETTINGS_H

#include <stddef.h>

struct hp_buf;
struct hp_op;
struct hp_secedit;
struct hp_warnings;
struct json_object;

enum hp_secset_kind {
	HP_SECSET_NUMBER,	/* decimal: System Access, Kerberos, logs */
	HP_SECSET_TEXT,		/* one string, quotes removed: NewGuestName */
	HP_SECSET_SIDS,		/* a set of accounts: Privilege Rights */
	HP_SECSET_FIELDS,	/* comma-separated fields: services, ACLs */
	HP_SECSET_AUDIT		/* audit.csv: 0 none, 1 success, 2 failure,
				   3 both */
};

struct hp_secset {
	enum hp_secset_kind kind;
	char		*section;	/* "System Access", "Audit Policy" */
	char		*name;		/* key; audit: the subcategory GUID */
	char		*label;		/* audit: the subcategory; or NULL */
	char		*value;		/* as written (trimmed) */
	const char	*store;		/* where Windows keeps it (static) */
	unsigned long	 line;
};

struct hp_secsettings {
	struct hp_secset	*v;
	size_t			 n, cap;
	size_t			*sorted;	/* v's indexes by section and
						   name, when nsorted == n */
	size_t			 nsorted;
};

#define HP_SECSETTINGS_INIT	{ NULL, 0, 0, NULL, 0 }

/*
 * Every entry of t but [Unicode], [Version] and [Registry Values] (those
 * are the file's own and the registry part, secedit.h), indexed.  A key
 * given twice in a section is one setting: the last one, as Windows reads
 * it.
 */
void	hp_secsettings_from_secedit(const struct hp_secedit *t,
	    struct hp_secsettings *out);
/* Appends a setting (strings copied); the list is then not indexed. */
void	hp_secsettings_add(struct hp_secsettings *s, enum hp_secset_kind kind,
	    const char *section, const char *name, const char *label,
	    const char *value, const char *store, unsigned long line);
/*
 * Keeps only the last setting of each section and name, in list order,
 * and sorts an index of them, so that finding one costs log n.
 */
void	hp_secsettings_index(struct hp_secsettings *s);
void	hp_secsettings_free(struct hp_secsettings *s);
/* The setting (the last one if the list is not indexed), or NULL. */
const struct hp_secset *hp_secsettings_find(const struct hp_secsettings *s,
	    const char *section, const char *name);

/*
 * One warning per setting: "PATH:LINE: Section/Name: not applied offline
 * (where Windows keeps it)", for a caller that applies only the registry
 * part of a source to hives.
 */
void	hp_secsettings_warn_offline(const struct hp_secsettings *s,
	    const char *path, struct hp_warnings *w);

/*
 * 1 if the two values mean the same, by a's kind: numbers as numbers,
 * account lists as sets (order, case and a SID's '*' do not count),
 * fields and text with quotes removed.
 */
int	hp_secset_equal(const struct hp_secset *a, const struct hp_secset *b);
/* The kind of a template's entry key in section. */
enum hp_secset_kind hp_secset_kind_of(const char *section, const char *key);
/* The same test on a value given as text (a policy's expected value). */
int	hp_secset_value_equal(const struct hp_secset *a, const char *value);

enum hp_secdiff_kind { HP_SECDIFF_ADDED, HP_SECDIFF_REMOVED,
	HP_SECDIFF_CHANGED };
/* old is NULL for ADDED, new for REMOVED. */
typedef void (*hp_secdiff_fn)(void *arg, enum hp_secdiff_kind kind,
    const struct hp_secset *old, const struct hp_secset *new);
/* A's settings in A's order (removed, changed), then those only in B. */
size_t	hp_secsettings_diff(const struct hp_secsettings *a,
	    const struct hp_secsettings *b, hp_secdiff_fn fn, void *arg);

/* "System Access/MinimumPasswordLength = 14" */
void	hp_secset_describe(const struct hp_secset *s, struct hp_buf *out);
struct json_object *hp_secset_json(const struct hp_secset *s);
/* A [Registry Values] operation: {"section", "key", "name", "value"|"delete"} */
struct json_object *hp_secedit_op_json(const struct hp_op *op);
/* "changed  setting System Access/X  8  ->  14", like a registry diff. */
void	hp_secdiff_text(enum hp_secdiff_kind kind, const struct hp_secset *old,
	    const struct hp_secset *new, struct hp_buf *out);
struct json_object *hp_secdiff_json(enum hp_secdiff_kind kind,
	    const struct hp_secset *old, const struct hp_secset *new);
/*
 * Counts n setting differences in a diff's JSON document (hp_diff_json),
 * for a diff that compared named settings:
 * "summary": {"settings_differing": n}, and "equal" false if n > 0.
 */
void	hp_secdiff_json_count(struct json_object *doc, size_t n);

#endif
