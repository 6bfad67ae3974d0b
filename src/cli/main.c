/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/text.h"
#include "cli/cli.h"
#include "cmds.h"	/* generated: HP_COMMANDS(X) over src/cmd/ files */

#define DECLARE(name)	extern const struct hp_cmd hp_cmd_##name;
HP_COMMANDS(DECLARE)
#define ENTRY(name)	&hp_cmd_##name,
const struct hp_cmd *const hp_cli_commands[] = {
	HP_COMMANDS(ENTRY) NULL
};

#ifndef HP_VERSION
#define HP_VERSION "0.0"
#endif

static void
print_clean(FILE *f, const char *prefix, const char *msg, const char *hint)
{
	const char *p;

	/*
	 * Control characters in names must not reach the terminal raw: %XX,
	 * as names are shown everywhere (core/text.h).
	 */
	fputs(prefix, f);
	for (p = msg; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t')
			fprintf(f, "%%%02X", (unsigned char)*p);
		else if (p[0] == HP_NAME_NUL[0] && p[1] == HP_NAME_NUL[1]) {
			fputs("%00", f);	/* a name's U+0000 */
			p++;
		} else
			fputc(*p, f);
	fputs(hint, f);
	fputc('\n', f);
}

static void
usage_all(FILE *f)
{
	size_t i;

	fprintf(f, "usage: hivepol [--version] [--help] <command> [<args>]\n\n"
	    "commands:\n");
	for (i = 0; hp_cli_commands[i] != NULL; i++)
		fprintf(f, "  %-10s %s\n", hp_cli_commands[i]->name,
		    hp_cli_commands[i]->summary);
	fprintf(f, "\n'hivepol <command> --help' describes a command; "
	    "hivepol(1) has the details.\n");
}

static const struct hp_cmd *
find(const char *name)
{
	size_t i;

	for (i = 0; hp_cli_commands[i] != NULL; i++)
		if (strcmp(hp_cli_commands[i]->name, name) == 0)
			return hp_cli_commands[i];
	return NULL;
}

static int
is_help(const char *arg)
{
	return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0 ||
	    strcmp(arg, "help") == 0;
}

/* Runs cmd, then prints its warnings and error; returns the exit status. */
static int
run(const struct hp_cmd *cmd, int argc, char **argv, struct hp_ctx *ctx)
{
	size_t i;
	int r, failed;

	r = cmd->run(argc, argv, ctx);
	for (i = 0; i < ctx->warnings.n; i++)
		print_clean(stderr, "hivepol: warning: ", ctx->warnings.msgs[i],
		    "");
	hp_warnings_release(&ctx->warnings);
	if ((failed = r == -1)) {
		print_clean(stderr, "hivepol: ", ctx->error.msg,
		    hp_cli_hint_text(ctx->error.hint));
		r = hp_cli_exit_status(ctx->error.kind);
	}
	/*
	 * A full disk must not pass for success; after an error already
	 * reported (a failed write to stdout, say) it is not news.
	 */
	if ((fflush(stdout) != 0 || ferror(stdout)) && !failed) {
		fprintf(stderr, "hivepol: error writing output: %s\n",
		    strerror(errno));
		return HP_EXIT_IO;
	}
	return r;
}

int
main(int argc, char **argv)
{
	struct hp_ctx ctx = { HP_WARNINGS_INIT, HP_ERROR_INIT, 0 };
	static char help_arg[] = "--help";
	const struct hp_cmd *cmd;
	size_t i;

	ctx.tty = isatty(STDOUT_FILENO);
	/* A message is one write, not one per character (print_clean). */
	setvbuf(stderr, NULL, _IOLBF, BUFSIZ);
	if (argc < 2) {
		usage_all(stderr);
		return HP_EXIT_INPUT;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("hivepol %s\n", HP_VERSION);
		return HP_EXIT_OK;
	}
	if (strcmp(argv[1], "--list-commands") == 0) {
		for (i = 0; hp_cli_commands[i] != NULL; i++)
			puts(hp_cli_commands[i]->name);
		return HP_EXIT_OK;
	}
	if (is_help(argv[1])) {
		/* "hivepol help CMD" is "hivepol CMD --help". */
		char *cmd_help[] = { argv[argc > 2 ? 2 : 1], help_arg, NULL };

		if (argc > 2 && (cmd = find(argv[2])) != NULL)
			return run(cmd, 2, cmd_help, &ctx);
		usage_all(stdout);
		return HP_EXIT_OK;
	}
	if ((cmd = find(argv[1])) == NULL) {
		fprintf(stderr, "hivepol: '%s' is not a hivepol command; see "
		    "'hivepol --help'\n", argv[1]);
		return HP_EXIT_INPUT;
	}
	return run(cmd, argc - 1, argv + 1, &ctx);
}
