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
 * Reads a line written by fleet_result_line for a fleet of n machines
 * into r and its machine's number into *i; -1 if it is no such line.
 */
int	fleet_result_parse(const char *line, size_t n, size_t *i,
	    struct hp_fleet_result *r);

#endif
