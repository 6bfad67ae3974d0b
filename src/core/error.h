/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Errors are values: a function that can fail returns 0 (or a pointer) on
 * success and -1 (or NULL) on failure, after filling a struct hp_error
 * with a kind (what went wrong), an optional hint (what the user can do
 * about it) and a message.  The library knows nothing of the command line:
 * only src/cli turns kinds into exit statuses and hints into flag names.
 * Warnings go to a struct hp_warnings list that the caller prints; a NULL
 * list drops them.  Running out of memory is not an error value: see
 * core/alloc.h.
 */
#ifndef HP_ERROR_H
#define HP_ERROR_H

#include <stddef.h>

enum hp_error_kind {
	HP_E_NONE = 0,
	HP_E_USAGE,	/* the caller asked for something that cannot be */
	HP_E_INPUT,	/* an input is malformed, over a limit or unsuitable */
	HP_E_DIRTY,	/* a hive's logs hold data that writing would lose */
	HP_E_IO,	/* the system failed: reading, writing, resources */
	HP_E_UNCOVERED	/* no target serves part of what was asked */
};

/* What the user can do about an error; src/cli says it in flag names. */
enum hp_error_hint {
	HP_HINT_NONE = 0,
	HP_HINT_MOUNT,		/* say where the hive is mounted */
	HP_HINT_CLASS,		/* say whether a .pol is machine or user */
	HP_HINT_CLASS_OR_GPO,	/* ... or write both classes as a GPO */
	HP_HINT_REG5,		/* write the Unicode .reg dialect */
	HP_HINT_FORCE,		/* write anyway, losing what the logs hold */
	HP_HINT_AGAINST		/* expand .pol commands against a hive */
};

#define HP_ERROR_MAX	1024

struct hp_error {
	enum hp_error_kind	kind;
	enum hp_error_hint	hint;
	char			msg[HP_ERROR_MAX];
};

#define HP_ERROR_INIT	{ HP_E_NONE, HP_HINT_NONE, { 0 } }

struct hp_warnings {
	char	**msgs;
	size_t	  n;
	size_t	  cap;
};

#define HP_WARNINGS_INIT	{ NULL, 0, 0 }

/* Fills e (if not NULL) and returns -1, so "return hp_error_set(...)" works. */
int	hp_error_set(struct hp_error *e, enum hp_error_kind kind,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* As hp_error_set, appending ": strerror(errno)". */
int	hp_error_errno(struct hp_error *e, enum hp_error_kind kind,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Adds a hint to the error in e; returns -1 like hp_error_set. */
int	hp_error_hint(struct hp_error *e, enum hp_error_hint hint);
/* Prefixes the message already in e with "prefix: ". */
void	hp_error_prefix(struct hp_error *e, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	hp_error_clear(struct hp_error *e);

void	hp_warn(struct hp_warnings *w, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	hp_warnings_release(struct hp_warnings *w);

/* Internal invariant broken: report where and abort. */
#define HP_BUG(msg)	hp_bug(__FILE__, __LINE__, (msg))
void	hp_bug(const char *file, int line, const char *msg)
	    __attribute__((noreturn));

#endif
