/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fleet audits: one policy checked on many machines.  A fleet is a
 * directory whose subfolders are machines (each holding hives, .reg and
 * Registry.pol files, GPO folders, or a mounted Windows image), or a list
 * file naming one machine folder or target file per line.  Machines are
 * checked by N worker processes (fleet_run.c); each machine's result is a
 * struct hp_fleet_result, from which the text, JSON lines and HTML
 * reports are made.
 */
#ifndef HP_FLEET_H
#define HP_FLEET_H

#include <stddef.h>

#include "core/buf.h"
#include "policy/check.h"
#include "policy/policy.h"

struct hp_buf;
struct hp_error;
struct hp_fleet_result;

struct hp_fleet_machine {
	char	*name;
	char	*path;		/* folder or single target file */
	size_t	 index;		/* its place in the whole fleet */
};

/*
 * Machines in name order; a shard keeps some of them, each with its
 * index in the whole fleet of total.
 */
struct hp_fleet {
	struct hp_fleet_machine	*m;
	size_t			 n, cap, total;
	/* An image's profiles: every one, or Default only (as --image). */
	int			 all_users;
};

int	hp_fleet_load(const char *path, struct hp_fleet *f,
	    struct hp_error *e);
/*
 * Keeps shard k of n (1 <= k <= n): the machines whose name hashes to it,
 * so a machine stays in its shard as others come and go.
 */
void	hp_fleet_shard(struct hp_fleet *f, unsigned k, unsigned n);
/*
 * Reads the JSON lines reports of shards (hp_fleet_report_jsonl) back
 * into the fleet and results one run over the whole fleet would give:
 * every machine once, in fleet order.  A line that is no fleet result,
 * a machine in two shards, shards of different fleets or a machine in
 * none is an error naming the file and line.
 */
int	hp_fleet_merge(const char *const *paths, size_t npaths,
	    struct hp_fleet *f, struct hp_fleet_result **results,
	    struct hp_error *e);
void	hp_fleet_free(struct hp_fleet *f);

enum hp_fleet_verdict {
	HP_FLEET_PASS,		/* no failing finding */
	HP_FLEET_FAIL,		/* hp_check_failed */
	HP_FLEET_UNCOVERED,	/* no failing finding, some check not covered */
	HP_FLEET_ERROR		/* could not be checked; see error */
};

/* A finding as a fleet result keeps it: its own copies, NULL if absent. */
struct hp_fleet_finding {
	char			*check;
	enum hp_status		 status;
	enum hp_severity	 severity;
	char			*key;
	char			*value;
	char			*expected;
	char			*actual;
	char			*message;
};

/*
 * One machine's result; an error has no counts and no findings.  The
 * lists are NUL-separated names: targets read from a dirty hive without
 * its logs, an image's profiles checked and skipped (image set), and the
 * warnings opening the machine gave (files skipped, logs ignored).
 */
struct hp_fleet_result {
	enum hp_fleet_verdict	 verdict;
	char			*error;
	size_t			 count[HP_ST_COUNT];
	struct hp_fleet_finding	*findings;
	size_t			 nfindings;
	int			 image;
	struct hp_buf		 stale, checked, skipped, warnings;
};

/*
 * Checks every machine with jobs workers (1: in this process).  progress
 * (may be NULL) is called after each machine with the count done.
 * (*results)[i] is machine i's result; free them with
 * hp_fleet_results_free.
 */
int	hp_fleet_run(const struct hp_policy *pol, const struct hp_fleet *f,
	    int jobs, void (*progress)(void *, size_t, size_t), void *parg,
	    struct hp_fleet_result **results, struct hp_error *e);
void	hp_fleet_results_free(struct hp_fleet_result *res, size_t n);
/* The worst verdict of the fleet; PASS for an empty one. */
enum hp_fleet_verdict hp_fleet_worst(const struct hp_fleet_result *res,
	    size_t n);
const char *hp_fleet_verdict_name(enum hp_fleet_verdict v);

/* Reports over the results of fleet f (fleet_report.c, fleet_json.c). */
void	hp_fleet_report_text(const struct hp_policy *pol,
	    const struct hp_fleet *f, const struct hp_fleet_result *res,
	    int color, struct hp_buf *out);
void	hp_fleet_report_html(const struct hp_policy *pol,
	    const struct hp_fleet *f, const struct hp_fleet_result *res,
	    struct hp_buf *out);
/*
 * One JSON object per machine and line:
 *   {"index", "fleet_size", "machine", "path",
 *    "result": "pass"|"fail"|"not-covered"|"error", "error"?,
 *    "counts": {status: n}, "findings": [{"check", "status", "severity",
 *    "key", "value"?, "expected"?, "actual"?, "message"}],
 *    "stale": [target], "profiles"?: {"checked": [], "skipped": []},
 *    "warnings": [text]}
 */
void	hp_fleet_report_jsonl(const struct hp_fleet *f,
	    const struct hp_fleet_result *res, struct hp_buf *out);
/* The same objects in one document: {"schema", "fleet_size", "machines"}. */
void	hp_fleet_report_json(const struct hp_fleet *f,
	    const struct hp_fleet_result *res, struct hp_buf *out);
/* A testsuite per machine, a testcase per check (fleet_junit.c). */
int	hp_fleet_report_junit(const struct hp_fleet *f,
	    const struct hp_fleet_result *res, struct hp_buf *out,
	    struct hp_error *e);

#endif
