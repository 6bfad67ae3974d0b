/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A declarative policy: settings (one registry value each, with the checks
 * it must pass) and cross-value rules from a fixed set of typed kinds.
 * Read from a libconfuse file by hp_policy_load; docs/policy-language.md
 * describes the language.  Every setting and rule remembers the file and
 * line it came from, so findings and lint messages can point at it.
 */
#ifndef HP_POLICY_H
#define HP_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "core/path.h"
#include "core/value.h"

struct hp_buf;
struct hp_error;

enum hp_presence {
	HP_PRESENCE_REQUIRED,	/* must exist (and pass its checks) */
	HP_PRESENCE_FORBIDDEN,	/* must not exist */
	HP_PRESENCE_OPTIONAL	/* may be absent; if present, must pass */
};

enum hp_severity {
	HP_SEV_INFO,		/* reported, never fails a check */
	HP_SEV_WARNING,
	HP_SEV_ERROR
};

enum hp_rule_kind {
	HP_RULE_TOGETHER,	/* all members present, or none */
	HP_RULE_RANGE,		/* low < high, width >= min_width */
	HP_RULE_DISJOINT	/* two range rules must not overlap */
};

/* Where something was written: file (owned by the policy) and line. */
struct hp_loc {
	const char	*file;
	int		 line;
};

/* Lines of individual options inside a setting, 0 when not given. */
struct hp_setting_lines {
	int	key, type, data, allowed, min, max, presence;
};

struct hp_setting {
	char			*name;
	struct hp_loc		 loc;
	struct hp_setting_lines	 lines;
	struct hp_path		 key;		/* full, with a root */
	char			*value;		/* "" is the default value */
	int			 has_type;
	uint32_t		 type;
	int			 has_data;	/* exact data: apply writes it */
	struct hp_value		 data;
	struct hp_value		*allowed;	/* allowed set, if nallowed */
	size_t			 nallowed;
	int			 has_min, has_max;
	uint64_t		 min, max;	/* numeric bounds (DWORD/QWORD) */
	enum hp_presence	 presence;
	enum hp_severity	 severity;
	char			*rationale;
	char			*source;
	char			*default_when_absent;
};

struct hp_rule {
	char			*name;
	struct hp_loc		 loc;
	enum hp_rule_kind	 kind;
	/* TOGETHER, RANGE (low, high): settings; DISJOINT: two RANGE rules. */
	size_t			*members;
	size_t			 nmembers;
	uint64_t		 min_width;	/* RANGE: ports in the range */
	uint64_t		 min_width_odd;	/* RANGE: when low is odd */
	enum hp_severity	 severity;
	char			*rationale;
	char			*source;
};

struct hp_secrequire;	/* policy/secpolicy.h */

struct hp_policy {
	char			*path;		/* as given to hp_policy_load */
	char			*description;
	char			**files;	/* every file read, for hp_loc */
	size_t			 nfiles;
	struct hp_setting	*settings;
	size_t			 nsettings;
	struct hp_rule		*rules;
	size_t			 nrules;
	struct hp_secrequire	*secreqs;	/* security settings */
	size_t			 nsecreqs, secreqcap;
};

/*
 * Reads the policy file at path and the files it includes.  Any problem
 * (syntax, unknown option, bad type or data, unknown reference, include
 * loop) fails with "FILE:LINE: problem" in e and code HP_E_INPUT.
 */
int	 hp_policy_load(const char *path, struct hp_policy **out,
	    struct hp_error *e);
void	 hp_policy_free(struct hp_policy *p);

/* Index of the setting or rule named name, or -1. */
long	 hp_policy_setting_index(const struct hp_policy *p, const char *name);
long	 hp_policy_rule_index(const struct hp_policy *p, const char *name);

/*
 * Looks for parts of the policy that can never all be satisfied (exact data
 * outside the allowed set or bounds, min > max, a value both required and
 * forbidden, range rules whose own data break their width or overlap).
 * Appends one line per problem to out, each naming the file:line of every
 * part involved.  Returns the number of problems.
 */
long	 hp_policy_lint(const struct hp_policy *p, struct hp_buf *out);

/* "error", "warning", "info" and the presence names. */
const char	*hp_severity_name(enum hp_severity s);
const char	*hp_presence_name(enum hp_presence p);
const char	*hp_rule_kind_name(enum hp_rule_kind k);

/* The numeric reading of a DWORD/QWORD value (-1 if not a number). */
int	 hp_policy_number(const struct hp_value *v, uint64_t *out);

#endif
