/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the fleet modules share, private to them (fleet.h is the
 * interface): fleet.c checks one machine, fleet_run.c runs the workers,
 * fleet_json.c is the one JSON form of a result, on the worker pipe and
 * in the JSON lines report.
 */
#ifndef HP_FLEET_IMPL_H
#define HP_FLEET_IMPL_H

#include <stddef.h>

#include "policy/fleet.h"

/* fleet.c */
void	fleet_check_machine(const struct hp_policy *pol,
	    const struct hp_fleet_machine *m, int all_users,
	    struct hp_fleet_result *r);
/* An empty result; _error frees what r held and makes it an error. */
void	fleet_result_init(struct hp_fleet_result *r);
void	fleet_result_error(struct hp_fleet_result *r, const char *msg);
void	fleet_result_free(struct hp_fleet_result *r);

/* fleet_json.c */
/* Appends machine i's result r as one line of JSON. */
void	fleet_result_line(const struct hp_fleet *f, size_t i,
	    const struct hp_fleet_result *r, struct hp_buf *out);
/*
 * Reads a line written by fleet_result_line for fleet f into r and its
 * machine's place in f into *i; -1 if it is no such line.
 */
int	fleet_result_parse(const char *line, const struct hp_fleet *f,
	    size_t *i, struct hp_fleet_result *r);

/* A line of a fleet's JSON lines report, read back whole. */
struct fleet_line {
	size_t			 index, size;	/* in the whole fleet */
	char			*machine, *path;
	struct hp_fleet_result	 r;
};

/* -1 if line is no fleet result; release l in either case. */
int	fleet_line_parse(const char *line, struct fleet_line *l);
void	fleet_line_release(struct fleet_line *l);

#endif
