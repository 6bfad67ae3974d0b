/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Registry paths: a root plus key components.  Roots accept long and short
 * names (HKEY_LOCAL_MACHINE/HKLM, HKEY_CURRENT_USER/HKCU, HKEY_USERS/HKU,
 * HKEY_CLASSES_ROOT/HKCR, HKEY_CURRENT_CONFIG/HKCC).  Components compare
 * case-insensitively and keep their case; a component may contain '/' but
 * never '\'.  A path with root HP_ROOT_NONE is relative (to a hive's root,
 * or to a Registry.pol class root).
 */
#ifndef HP_PATH_H
#define HP_PATH_H

#include <stddef.h>

struct hp_buf;
struct hp_error;

enum hp_root {
	HP_ROOT_NONE = 0,
	HP_ROOT_HKLM,
	HP_ROOT_HKCU,
	HP_ROOT_HKU,
	HP_ROOT_HKCR,
	HP_ROOT_HKCC,
	HP_ROOT_HKDD
};

struct hp_path {
	enum hp_root	  root;
	size_t		  n;
	char		**comps;
	size_t		  alloc;	/* private */
};

#define HP_PATH_INIT	{ HP_ROOT_NONE, 0, NULL, 0 }

/* Matches a root name (long or short, any case) of len bytes. */
enum hp_root	 hp_root_parse(const char *s, size_t len);
const char	*hp_root_long(enum hp_root r);
const char	*hp_root_short(enum hp_root r);

/*
 * Parses "HKLM\Software\X" or "Software\X" (relative).  Empty components
 * from doubled or trailing backslashes are dropped.  If the first
 * component is not a root name the path is relative.
 */
int	 hp_path_parse(const char *s, struct hp_path *p, struct hp_error *e);
/* As hp_path_parse, but a first component that is a root is not special. */
int	 hp_path_parse_relative(const char *s, struct hp_path *p,
	    struct hp_error *e);
void	 hp_path_push(struct hp_path *p, const char *comp);
void	 hp_path_push_n(struct hp_path *p, const char *comp, size_t len);
/* As _push, taking over the malloc'd comp. */
void	 hp_path_take(struct hp_path *p, char *comp);
void	 hp_path_pop(struct hp_path *p);
void	 hp_path_copy(struct hp_path *dst, const struct hp_path *src);
/* dst = a followed by b's components (b's root ignored). */
void	 hp_path_join(struct hp_path *dst, const struct hp_path *a,
	    const struct hp_path *b);
void	 hp_path_free(struct hp_path *p);

/* Case-insensitive comparison of root and components. */
int	 hp_path_cmp(const struct hp_path *a, const struct hp_path *b);
int	 hp_path_eq(const struct hp_path *a, const struct hp_path *b);
/* 1 if prefix is an ancestor of (or equal to) p. */
int	 hp_path_has_prefix(const struct hp_path *p,
	    const struct hp_path *prefix);

/*
 * Appends "HKEY_LOCAL_MACHINE\A\B" (long root names) to out, as text
 * output shows it: each component through hp_name_escape (core/text.h).
 */
void	 hp_path_format(const struct hp_path *p, struct hp_buf *out);
/* Same with short root names ("HKLM\A\B"). */
void	 hp_path_format_short(const struct hp_path *p, struct hp_buf *out);
/* As hp_path_format, the names as they are: for writers of formats. */
void	 hp_path_format_raw(const struct hp_path *p, struct hp_buf *out);
/* hp_path_format into a malloc'd string. */
char	*hp_path_str(const struct hp_path *p);

#endif
