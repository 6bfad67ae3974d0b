/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Limits on everything read from a file, in one place; docs/testing.md's
 * table says why each has its value.  Each guards against absurd or
 * hostile input; hp_limit_error() builds the message so that the name,
 * the value found and the limit always agree.  The sizes hivepol chose
 * (not Windows' or libhivex's) can be raised at build time, for example
 * make CFLAGS+=-DHP_MAX_INPUT_SIZE=1073741824, and their messages say so.
 */
#ifndef HP_LIMITS_H
#define HP_LIMITS_H

#include <stddef.h>

struct hp_error;

/* Windows allows 512 levels; deeper input is hostile. */
#define HP_MAX_KEY_DEPTH	512
/*
 * Largest file read whole into memory: templates, policies, fleet lists.
 * .reg and .pol files are mapped instead and have no size limit.
 */
#ifndef HP_MAX_INPUT_SIZE
#define HP_MAX_INPUT_SIZE	(256UL * 1024 * 1024)
#endif
/* A policy is small (hivepol writes none); anything bigger is not one. */
#ifndef HP_MAX_POLICY_SIZE
#define HP_MAX_POLICY_SIZE	(4UL * 1024 * 1024)
#endif
/* Largest .reg or .pol read from a pipe (a named file is mapped). */
#ifndef HP_MAX_STDIN
#define HP_MAX_STDIN		(256UL * 1024 * 1024)
#endif
/* Largest hive read into memory to replay its logs: regf's 4 GiB. */
#define HP_MAX_HIVE_SIZE	(4096UL * 1024 * 1024)
/* Largest value data accepted from any input (hivex refuses 8 MB). */
#define HP_MAX_VALUE_SIZE	(8UL * 1024 * 1024)
/*
 * Largest value data a hive write accepts: libhivex, which verifies every
 * written image, reads no more than 8,000,000 bytes of one value.
 */
#define HP_MAX_WRITE_VALUE	8000000UL
/* Longest key name component and value name (Windows: 255, 16383). */
#define HP_MAX_KEY_NAME		255
#define HP_MAX_VALUE_NAME	16383
/* Longest logical line in a text format, continuations included. */
#ifndef HP_MAX_LINE
#define HP_MAX_LINE		(16UL * 1024 * 1024)
#endif
/* Most subkeys and values of one key walked (hivex: 70000, 110000). */
#define HP_MAX_SUBKEYS		70000
#define HP_MAX_VALUES		110000
/* Symlinks followed resolving one path in a jail (Linux's own limit). */
#define HP_MAX_JAIL_LINKS	40

int	hp_limit_error(struct hp_error *e, const char *where, const char *what,
	    unsigned long long found, unsigned long long limit);
/*
 * " (HP_MAX_..., raise it with ...)" for a limit hivepol chose, "" for
 * one Windows or libhivex sets: the end of a message naming limit.
 */
const char	*hp_limit_how(unsigned long long limit);

#endif
