/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * One option parser for every command (git's parse-options idea): a
 * command describes its options in one table, and hp_parse_options()
 * parses argv against it, prints the --help generated from it, and
 * reports a bad option on one line with the command's usage.
 *
 *	struct hp_option options[] = {
 *		HP_OPT_BOOL(0, "json", &json, "print JSON"),
 *		HP_OPT_HIVE_READ(&ho),
 *		HP_OPT_OPERANDS(2, 3, "expected a hive, a key and "
 *		    "optionally a value name"),
 *		HP_OPT_END()
 *	};
 *	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_get, 0,
 *	    ctx)) < 0)
 *		return hp_parse_exit(argc);
 *
 * Semantics are getopt_long's: operands may come between options
 * (they are collected in order), "--" ends the options, --opt=value and
 * --opt value, -oVALUE and -o VALUE, bundled short flags (-qv), a long
 * option may be abbreviated while unambiguous.
 */
#ifndef HP_CLI_PARSE_OPTIONS_H
#define HP_CLI_PARSE_OPTIONS_H

#include "core/error.h"

struct hp_cmd;
struct hp_ctx;

enum hp_option_type {
	HP_OPTION_END,
	HP_OPTION_GROUP,	/* a heading in --help */
	HP_OPTION_BOOL,		/* int *value = 1 */
	HP_OPTION_STRING,	/* const char **value = the argument */
	HP_OPTION_INT,		/* int *value, within [min, max] */
	HP_OPTION_CALLBACK,	/* callback(opt, arg, e) */
	HP_OPTION_OPERANDS	/* how many operands: [min, max], else help */
};

struct hp_option;
/* Stores arg in opt->value; -1 with e's message makes a usage error. */
typedef int hp_option_cb(const struct hp_option *opt, const char *arg,
    struct hp_error *e);

struct hp_option {
	enum hp_option_type	 type;
	int			 short_name;	/* 0: none */
	const char		*long_name;	/* NULL: none */
	void			*value;
	const char		*argh;		/* "<file>"; NULL: no argument */
	const char		*help;		/* one line */
	long			 min, max;	/* HP_OPTION_INT, _OPERANDS */
	hp_option_cb		*callback;	/* HP_OPTION_CALLBACK */
};

/* The conditional makes the compiler check the value's type. */
#define HP_OPT_END()	{ HP_OPTION_END, 0, NULL, NULL, NULL, NULL, 0, 0, NULL }
#define HP_OPT_GROUP(h)	{ HP_OPTION_GROUP, 0, NULL, NULL, NULL, (h), 0, 0, \
			  NULL }
#define HP_OPT_BOOL(s, l, v, h) \
	{ HP_OPTION_BOOL, (s), (l), 1 ? (v) : (int *)0, NULL, (h), 0, 0, NULL }
#define HP_OPT_STRING(s, l, v, a, h) \
	{ HP_OPTION_STRING, (s), (l), 1 ? (v) : (const char **)0, (a), (h), \
	  0, 0, NULL }
#define HP_OPT_INT(s, l, v, a, lo, hi, h) \
	{ HP_OPTION_INT, (s), (l), 1 ? (v) : (int *)0, (a), (h), (lo), (hi), \
	  NULL }
#define HP_OPT_CALLBACK(s, l, v, a, h, cb) \
	{ HP_OPTION_CALLBACK, (s), (l), (v), (a), (h), 0, 0, (cb) }
/*
 * Fewer than lo or more than hi (-1: any number) operands is the usage
 * error "msg; usage: ...".
 */
#define HP_OPT_OPERANDS(lo, hi, msg) \
	{ HP_OPTION_OPERANDS, 0, NULL, NULL, NULL, (msg), (lo), (hi), NULL }

/* Flags of hp_parse_options. */
#define HP_PARSE_STOP_AT_OPERAND 1u	/* options end at the first operand */

/* hp_parse_options printed --help: the command is done. */
#define HP_PARSE_HELP	(-2)

/*
 * Parses argv[1..argc-1] (argv[0] names the command) against opts.
 * Returns the number of operands, moved to argv[0..n-1]; HP_PARSE_HELP
 * after printing cmd's help for -h or --help; or -1 with ctx->error set
 * to a usage error of cmd (a bad option, or as many operands as an
 * HP_OPT_OPERANDS entry of opts does not allow).
 */
int	hp_parse_options(int argc, char **argv, const struct hp_option *opts,
	    const struct hp_cmd *cmd, unsigned flags, struct hp_ctx *ctx);
/* What a command returns when hp_parse_options returned r < 0. */
int	hp_parse_exit(int r);
/* Prints cmd's help, describing every option of opts, to stdout. */
void	hp_parse_options_help(const struct hp_cmd *cmd,
	    const struct hp_option *opts);

#endif
