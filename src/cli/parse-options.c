/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "cli/cli.h"
#include "cli/parse-options.h"

/* The column where the help of an option starts in --help. */
#define HELP_COLUMN	28

struct parse {
	const struct hp_option	*opts;
	const struct hp_cmd	*cmd;
	struct hp_ctx		*ctx;
	int			 argc;
	char			**argv;
	int			 i;		/* the element being parsed */
};

int
hp_cli_usage(struct hp_ctx *ctx, const struct hp_cmd *cmd, const char *fmt,
    ...)
{
	struct hp_buf u = HP_BUF_INIT;
	const char *p;
	char msg[512];
	va_list ap;
	int r;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* An error is one line: a usage of several lines is joined by |. */
	for (p = cmd->usage; *p; p++)
		if (*p != '\n')
			hp_buf_addc(&u, *p);
		else {
			hp_buf_adds(&u, " | ");
			while (p[1] == ' ')
				p++;
		}
	r = hp_error_set(&ctx->error, HP_E_USAGE, "%s; usage: hivepol %s",
	    msg, u.buf);
	hp_buf_release(&u);
	return r;
}

int
hp_parse_exit(int r)
{
	return r == HP_PARSE_HELP ? HP_EXIT_OK : -1;
}

/* "--name" as a whole word of some command's usage line. */
static int
known_elsewhere(const char *name, size_t len)
{
	size_t i;

	for (i = 0; hp_cli_commands[i] != NULL; i++) {
		const char *u = hp_cli_commands[i]->usage;

		while ((u = strstr(u, "--")) != NULL) {
			u += 2;
			if (strncmp(u, name, len) == 0 && u[len] != '-' &&
			    (u[len] < 'a' || u[len] > 'z'))
				return 1;
		}
	}
	return 0;
}

static int
has_arg(const struct hp_option *o)
{
	return o->argh != NULL;
}

/* "--name" or "-n", as the user wrote it (for messages). */
static void
spelled(const struct hp_option *o, int as_long, char *buf, size_t len)
{
	if (as_long)
		snprintf(buf, len, "--%s", o->long_name);
	else
		snprintf(buf, len, "-%c", o->short_name);
}

static int
set_value(struct parse *p, const struct hp_option *o, int as_long,
    const char *arg)
{
	struct hp_error e = HP_ERROR_INIT;
	char name[64];
	char *end;
	long n;

	switch (o->type) {
	case HP_OPTION_BOOL:
		*(int *)o->value = 1;
		return 0;
	case HP_OPTION_STRING:
		*(const char **)o->value = arg;
		return 0;
	case HP_OPTION_INT:
		errno = 0;
		n = strtol(arg, &end, 10);
		if (errno == 0 && *arg != '\0' && *end == '\0' &&
		    n >= o->min && n <= o->max) {
			*(int *)o->value = (int)n;
			return 0;
		}
		spelled(o, as_long, name, sizeof(name));
		return hp_cli_usage(p->ctx, p->cmd, "%s takes %ld to %ld",
		    name, o->min, o->max);
	case HP_OPTION_CALLBACK:
		if (o->callback(o, arg, &e) == 0)
			return 0;
		return hp_cli_usage(p->ctx, p->cmd, "%s", e.msg);
	case HP_OPTION_END:
	case HP_OPTION_GROUP:
	case HP_OPTION_OPERANDS:
		break;
	}
	abort();
}

/* The option's argument: after '=' or the next element of argv. */
static int
take_arg(struct parse *p, const struct hp_option *o, int as_long,
    const char *inline_arg)
{
	char name[64];

	if (inline_arg != NULL)
		return set_value(p, o, as_long, inline_arg);
	if (p->i + 1 < p->argc)
		return set_value(p, o, as_long, p->argv[++p->i]);
	spelled(o, as_long, name, sizeof(name));
	return hp_cli_usage(p->ctx, p->cmd, "option %s needs an argument",
	    name);
}

/*
 * An exact long name, else the one option it abbreviates; the option of
 * another command is not taken for an abbreviation of one of this one.
 */
static const struct hp_option *
find_long(struct parse *p, const char *name, size_t len, int *ambiguous)
{
	const struct hp_option *o, *found = NULL;

	*ambiguous = 0;
	for (o = p->opts; o->type != HP_OPTION_END; o++)
		if (o->long_name != NULL &&
		    strncmp(o->long_name, name, len) == 0 &&
		    o->long_name[len] == '\0')
			return o;
	if (known_elsewhere(name, len))
		return NULL;
	for (o = p->opts; o->type != HP_OPTION_END; o++) {
		if (o->long_name == NULL || strncmp(o->long_name, name, len))
			continue;
		if (found != NULL)
			*ambiguous = 1;
		found = o;
	}
	return *ambiguous ? NULL : found;
}

static int
parse_long(struct parse *p, const char *arg)
{
	const char *name = arg + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const struct hp_option *o;
	int ambiguous;

	if (len == 4 && strncmp(name, "help", 4) == 0) {
		hp_parse_options_help(p->cmd, p->opts);
		return HP_PARSE_HELP;
	}
	if ((o = find_long(p, name, len, &ambiguous)) == NULL)
		return hp_cli_usage(p->ctx, p->cmd, ambiguous ?
		    "option %s is ambiguous" : known_elsewhere(name, len) ?
		    "option %s is not valid here" : "unknown option %s", arg);
	if (!has_arg(o) && eq != NULL)
		return hp_cli_usage(p->ctx, p->cmd, "option --%s takes no "
		    "argument", o->long_name);
	if (!has_arg(o))
		return set_value(p, o, 1, NULL);
	return take_arg(p, o, 1, eq ? eq + 1 : NULL);
}

/* "-abc": flags a and b, then c with the rest as its argument, if any. */
static int
parse_short(struct parse *p, const char *arg)
{
	const struct hp_option *o;
	const char *s;

	for (s = arg + 1; *s != '\0'; s++) {
		if (*s == 'h') {
			hp_parse_options_help(p->cmd, p->opts);
			return HP_PARSE_HELP;
		}
		for (o = p->opts; o->type != HP_OPTION_END; o++)
			if (o->short_name == *s)
				break;
		if (o->type == HP_OPTION_END)
			return hp_cli_usage(p->ctx, p->cmd, "unknown option "
			    "-%c", *s);
		if (has_arg(o))
			return take_arg(p, o, 0, s[1] ? s + 1 : NULL);
		if (set_value(p, o, 0, NULL) == -1)
			return -1;
	}
	return 0;
}

/* n operands against the HP_OPT_OPERANDS entry of opts, if any. */
static int
check_operands(const struct parse *p, int n)
{
	const struct hp_option *o;

	for (o = p->opts; o->type != HP_OPTION_END; o++)
		if (o->type == HP_OPTION_OPERANDS && (n < o->min ||
		    (o->max >= 0 && n > o->max)))
			return hp_cli_usage(p->ctx, p->cmd, "%s", o->help);
	return n;
}

int
hp_parse_options(int argc, char **argv, const struct hp_option *opts,
    const struct hp_cmd *cmd, unsigned flags, struct hp_ctx *ctx)
{
	struct parse p = { opts, cmd, ctx, argc, argv, 1 };
	int n = 0, r, options_end = 0;

	for (; p.i < argc; p.i++) {
		char *arg = argv[p.i];

		if (options_end || arg[0] != '-' || arg[1] == '\0') {
			argv[n++] = arg;
			options_end = flags & HP_PARSE_STOP_AT_OPERAND;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			options_end = 1;
			continue;
		}
		r = arg[1] == '-' ? parse_long(&p, arg) : parse_short(&p, arg);
		if (r < 0)
			return r;
	}
	argv[n] = NULL;
	return check_operands(&p, n);
}

/* "  -p, --policy <policy>" */
static void
print_option(const struct hp_option *o)
{
	int col;

	col = printf("  ");
	if (o->short_name && o->long_name)
		col += printf("-%c, ", o->short_name);
	else if (o->short_name)
		col += printf("-%c", o->short_name);
	else
		col += printf("    ");
	if (o->long_name)
		col += printf("--%s", o->long_name);
	if (o->argh)
		col += printf(" %s", o->argh);
	if (col >= HELP_COLUMN - 1) {
		putchar('\n');
		col = 0;
	}
	printf("%*s%s\n", HELP_COLUMN - col, "", o->help);
}

void
hp_parse_options_help(const struct hp_cmd *cmd,
    const struct hp_option *opts)
{
	const struct hp_option *o;

	printf("usage: hivepol %s\n\n%s\n", cmd->usage, cmd->summary);
	if (opts->type != HP_OPTION_END && opts->type != HP_OPTION_GROUP &&
	    opts->type != HP_OPTION_OPERANDS)
		putchar('\n');
	for (o = opts; o->type != HP_OPTION_END; o++) {
		if (o->type == HP_OPTION_GROUP)
			printf("\n%s:\n", o->help);
		else if (o->type != HP_OPTION_OPERANDS)
			print_option(o);
	}
	printf("\nSee hivepol(1) for details.\n");
}
