/*
 * Fleet audits: one policy checked on many machines.  A fleet is a
 * directory whose subfolders are machines (each holding hives, .reg and
 * Registry.pol files, GPO folders, or a mounted Windows image), or a list
 * file naming one machine folder or target file per line.  Machines are
 * checked by N worker processes; each result is one JSON object (one line
 * of "--format jsonl"), from which the summary, JSON lines and HTML
 * reports are made.
 */
#ifndef HP_FLEET_H
#define HP_FLEET_H

#include <stddef.h>

#include <json-c/json.h>

#include "policy/policy.h"

struct hp_buf;
struct hp_error;

struct hp_fleet_machine {
	char	*name;
	char	*path;		/* folder or single target file */
};

struct hp_fleet {
	struct hp_fleet_machine	*m;
	size_t			 n;
};

int	hp_fleet_load(const char *path, struct hp_fleet *f,
	    struct hp_error *e);
void	hp_fleet_free(struct hp_fleet *f);

/*
 * Checks every machine with jobs workers (1: in this process).  progress
 * (may be NULL) is called after each machine with the count done.
 * results[i] is machine i's object:
 *   {"machine", "path", "result": "pass"|"fail"|"error", "error"?,
 *    "counts": {status: n}, "findings": [{"check", "status", "severity",
 *    "key", "value"?, "expected"?, "actual"?, "message"}]}
 */
int	hp_fleet_run(const struct hp_policy *pol, const struct hp_fleet *f,
	    int jobs, void (*progress)(void *, size_t, size_t), void *parg,
	    struct json_object ***results, struct hp_error *e);

/* Reports over the results. */
int	hp_fleet_report_text(const struct hp_policy *pol,
	    struct json_object *const *res, size_t n, int color,
	    struct hp_buf *out);
int	hp_fleet_report_html(const struct hp_policy *pol,
	    struct json_object *const *res, size_t n, struct hp_buf *out);

#endif
