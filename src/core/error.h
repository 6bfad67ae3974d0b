/*
 * Errors are values: a function that can fail returns 0 (or a pointer) on
 * success and -1 (or NULL) on failure, after filling a struct hp_error.
 * Only main() prints.  Warnings go to a struct hp_warnings list that the
 * caller prints; a NULL list drops them.
 */
#ifndef HP_ERROR_H
#define HP_ERROR_H

#include <stddef.h>

/* Exit codes, documented in hivepol(1) EXIT STATUS. */
#define HP_EXIT_OK		0	/* success, compliant, no difference */
#define HP_EXIT_FINDINGS	1	/* findings or differences */
#define HP_EXIT_INPUT		2	/* usage or input error */
#define HP_EXIT_IO		3	/* internal or I/O failure */

#define HP_ERROR_MAX	1024

struct hp_error {
	int	code;		/* one of HP_EXIT_INPUT, HP_EXIT_IO */
	char	msg[HP_ERROR_MAX];
};

#define HP_ERROR_INIT	{ 0, { 0 } }

struct hp_warnings {
	char	**msgs;
	size_t	  n;
	size_t	  cap;
};

#define HP_WARNINGS_INIT	{ NULL, 0, 0 }

/* Fills e (if not NULL) and returns -1, so "return hp_error_set(...)" works. */
int	hp_error_set(struct hp_error *e, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* As hp_error_set, appending ": strerror(errno)". */
int	hp_error_errno(struct hp_error *e, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
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
