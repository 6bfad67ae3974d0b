/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the policy reader's files share, private to them (policy.h is the
 * interface): policy_read.c drives libconfuse over a file and its
 * includes, policy_lines.c finds the lines libconfuse does not keep,
 * policy_setting.c turns a setting section into struct hp_setting.
 */
#ifndef HP_POLICY_READ_H
#define HP_POLICY_READ_H

#include <stddef.h>

#include <confuse.h>

#include "policy/policy.h"

struct hp_error;

/* Deeper include chains are a loop or a mistake. */
#define MAX_INCLUDE_DEPTH	16

struct optline {
	char	name[96];	/* option, or "element:ID" for an element */
	int	line;
};

/* Where one "setting" or "rule" section and its options start. */
struct secline {
	int		 rule;		/* 0 setting, 1 rule, 2 security */
	char		*title;
	int		 line;
	struct optline	*opts;
	size_t		 nopts, optcap;
};

struct lines {
	struct secline	*v;
	size_t		 n, cap;
	int		 include;	/* line of the include option */
};

/* A rule's member names, resolved once every file is read. */
struct pending {
	char	**names;
	size_t	  n;
	int	  line;
};

struct loader {
	struct hp_policy	*pol;
	size_t			  settingcap, rulecap, filecap, pendcap;
	struct pending		*pend;		/* one per rule */
	char			**chain;	/* realpaths being read */
	size_t			  depth;
	struct hp_error		 *e;
};

/* policy_lines.c */
void	 policy_scan_lines(const char *p, size_t len, struct lines *l);
void	 policy_lines_free(struct lines *l);
const struct secline *policy_find_sec(const struct lines *l, int rule,
	    const char *title);
/* The line of option name in section s (the section's own if not set). */
int	 policy_opt_line(const struct secline *s, const char *name);

/* policy_setting.c */
int	 policy_read_setting(struct loader *ld, cfg_t *sec,
	    const struct lines *l, const char *file);

/* policy_read.c */
/* Fails with "file:line: message" (HP_E_INPUT); returns -1. */
int	 policy_fail(struct hp_error *e, const char *file, int line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
int	 policy_parse_severity(const char *s, enum hp_severity *out);
char	*policy_dup_opt(cfg_t *sec, const char *name);
/* The strings of a list option (libconfuse owns them); free the vector. */
char	**policy_list_strs(cfg_t *sec, const char *name, size_t *n);
/* name, relative to the directory of file unless absolute. */
char	*policy_sibling_path(const char *file, const char *name);
int	 policy_is_numeric(uint32_t type);
int	 policy_load_file(struct loader *ld, const char *path,
	    const char *from, int fline);
int	 policy_resolve_rules(struct loader *ld);

#endif
