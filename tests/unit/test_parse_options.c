/* The command-line option parser (src/cli/parse-options.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli/cli.h"
#include "cli/parse-options.h"

static int test_run(int argc, char **argv, struct hp_ctx *ctx);

static const struct hp_cmd test_cmd = {
	"t", "t [-qv] [--name <n>] <x>...", "a command for the tests",
	test_run
};
static const struct hp_cmd other_cmd = {
	"o", "o [--elsewhere] [--name-of <n>] [--verbo]", "another command", test_run
};
const struct hp_cmd *const hp_cli_commands[] = {
	&test_cmd, &other_cmd, NULL
};

static int
test_run(int argc, char **argv, struct hp_ctx *ctx)
{
	(void)argc;
	(void)argv;
	(void)ctx;
	return 0;
}

struct opts {
	int		 quiet, verbose, jobs, called;
	const char	*name, *output, *last;
};

static int
record(const struct hp_option *opt, const char *arg, struct hp_error *e)
{
	struct opts *o = opt->value;

	if (strcmp(arg, "bad") == 0)
		return hp_error_set(e, HP_E_USAGE, "--call takes good");
	o->called++;
	o->last = arg;
	return 0;
}

/* Parses a NULL-terminated list of arguments after the command name. */
static int
parse(struct opts *o, unsigned flags, struct hp_ctx *ctx, char **out,
    ...)
{
	static char *argv[32];
	struct hp_option options[] = {
		HP_OPT_BOOL('q', "quiet", &o->quiet, "say less"),
		HP_OPT_BOOL('v', "verbose", &o->verbose, "say more"),
		HP_OPT_BOOL(0, "quieter", &o->quiet, "say less still"),
		HP_OPT_GROUP("naming"),
		HP_OPT_STRING(0, "name", &o->name, "<n>", "the name"),
		HP_OPT_STRING('o', "output", &o->output, "<file>", "where"),
		HP_OPT_INT('j', "jobs", &o->jobs, "<n>", 1, 8, "workers"),
		HP_OPT_CALLBACK(0, "call", o, "<arg>", "a callback", record),
		HP_OPT_END()
	};
	va_list ap;
	int argc = 1, n, i;

	memset(o, 0, sizeof(*o));
	memset(ctx, 0, sizeof(*ctx));
	argv[0] = "t";
	va_start(ap, out);
	while ((argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	n = hp_parse_options(argc, argv, options, &test_cmd, flags, ctx);
	for (i = 0; i < n; i++)
		out[i] = argv[i];
	return n;
}

static void
test_flags_and_operands(void **state)
{
	struct hp_ctx ctx;
	struct opts o;
	char *ops[32];

	(void)state;
	assert_int_equal(parse(&o, 0, &ctx, ops, "a", "-q", "b", "--verbose",
	    "c", NULL), 3);
	assert_true(o.quiet && o.verbose);
	assert_string_equal(ops[0], "a");
	assert_string_equal(ops[1], "b");
	assert_string_equal(ops[2], "c");
	/* Bundled flags, and "-" is an operand. */
	assert_int_equal(parse(&o, 0, &ctx, ops, "-qv", "-", NULL), 1);
	assert_true(o.quiet && o.verbose);
	assert_string_equal(ops[0], "-");
	/* "--" ends the options. */
	assert_int_equal(parse(&o, 0, &ctx, ops, "--", "-q", NULL), 1);
	assert_false(o.quiet);
	assert_string_equal(ops[0], "-q");
	/* Stopping at the first operand leaves "-1" to it. */
	assert_int_equal(parse(&o, HP_PARSE_STOP_AT_OPERAND, &ctx, ops, "-q",
	    "x", "-1", "-v", NULL), 3);
	assert_true(o.quiet);
	assert_false(o.verbose);
	assert_string_equal(ops[1], "-1");
}

static void
test_arguments(void **state)
{
	struct hp_ctx ctx;
	struct opts o;
	char *ops[32];

	(void)state;
	assert_int_equal(parse(&o, 0, &ctx, ops, "--name=a", "-ofile", NULL),
	    0);
	assert_string_equal(o.name, "a");
	assert_string_equal(o.output, "file");
	assert_int_equal(parse(&o, 0, &ctx, ops, "--name", "-b", "-o", "f",
	    "x", NULL), 1);
	assert_string_equal(o.name, "-b");
	assert_string_equal(o.output, "f");
	/* A flag, then a short option taking the rest of the word. */
	assert_int_equal(parse(&o, 0, &ctx, ops, "-qj3", NULL), 0);
	assert_true(o.quiet);
	assert_int_equal(o.jobs, 3);
	/* An exact name, and an unambiguous abbreviation. */
	assert_int_equal(parse(&o, 0, &ctx, ops, "--quiet", NULL), 0);
	assert_true(o.quiet);
	assert_int_equal(parse(&o, 0, &ctx, ops, "--verb", "--out=x", NULL),
	    0);
	assert_true(o.verbose);
	assert_string_equal(o.output, "x");
	assert_int_equal(parse(&o, 0, &ctx, ops, "--call", "one", "--call=two",
	    NULL), 0);
	assert_int_equal(o.called, 2);
	assert_string_equal(o.last, "two");
}

static void
assert_usage(int r, const struct hp_ctx *ctx, const char *msg)
{
	char want[512];

	assert_int_equal(r, -1);
	snprintf(want, sizeof(want), "%s; usage: hivepol %s", msg,
	    test_cmd.usage);
	assert_string_equal(ctx->error.msg, want);
	assert_int_equal(hp_cli_exit_status(ctx->error.kind), HP_EXIT_INPUT);
}

static void
test_errors(void **state)
{
	struct hp_ctx ctx;
	struct opts o;
	char *ops[32];

	(void)state;
	assert_usage(parse(&o, 0, &ctx, ops, "x", "--nope", NULL), &ctx,
	    "unknown option --nope");
	assert_usage(parse(&o, 0, &ctx, ops, "--nope=1", NULL), &ctx,
	    "unknown option --nope=1");
	assert_usage(parse(&o, 0, &ctx, ops, "-qZ", NULL), &ctx,
	    "unknown option -Z");
	/* Known to another command. */
	assert_usage(parse(&o, 0, &ctx, ops, "--elsewhere", NULL), &ctx,
	    "option --elsewhere is not valid here");
	/* Another command's option is not taken for an abbreviation. */
	assert_usage(parse(&o, 0, &ctx, ops, "--verbo", NULL), &ctx,
	    "option --verbo is not valid here");
	/* A prefix of another command's option is not that option. */
	assert_usage(parse(&o, 0, &ctx, ops, "--name-o", NULL), &ctx,
	    "unknown option --name-o");
	assert_usage(parse(&o, 0, &ctx, ops, "-o", NULL), &ctx,
	    "option -o needs an argument");
	assert_usage(parse(&o, 0, &ctx, ops, "--output", NULL), &ctx,
	    "option --output needs an argument");
	assert_usage(parse(&o, 0, &ctx, ops, "--quiet=1", NULL), &ctx,
	    "option --quiet takes no argument");
	assert_usage(parse(&o, 0, &ctx, ops, "-j", "9", NULL), &ctx,
	    "-j takes 1 to 8");
	assert_usage(parse(&o, 0, &ctx, ops, "--jobs=x", NULL), &ctx,
	    "--jobs takes 1 to 8");
	assert_usage(parse(&o, 0, &ctx, ops, "--call=bad", NULL), &ctx,
	    "--call takes good");
	assert_usage(parse(&o, 0, &ctx, ops, "--qui", NULL), &ctx,
	    "option --qui is ambiguous");
}

/* --help: every option with its placeholder and help, on stdout. */
static void
test_help(void **state)
{
	char path[] = "/tmp/test_parse_options.XXXXXX";
	char text[4096];
	struct hp_ctx ctx;
	struct opts o;
	char *ops[32];
	FILE *f;
	size_t n;
	int fd, saved;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	dup2(fd, STDOUT_FILENO);
	assert_int_equal(parse(&o, 0, &ctx, ops, "x", "--help", "--nope",
	    NULL), HP_PARSE_HELP);
	assert_int_equal(parse(&o, 0, &ctx, ops, "-qh", NULL), HP_PARSE_HELP);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	assert_int_equal(hp_parse_exit(HP_PARSE_HELP), HP_EXIT_OK);
	f = fdopen(fd, "r");
	rewind(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	unlink(path);
	assert_non_null(strstr(text, "usage: hivepol t [-qv]"));
	assert_non_null(strstr(text, "\na command for the tests\n"));
	assert_non_null(strstr(text, "  -q, --quiet "));
	assert_non_null(strstr(text, "\nnaming:\n"));
	assert_non_null(strstr(text, "      --name <n> "));
	assert_non_null(strstr(text, "  -o, --output <file> "));
	assert_non_null(strstr(text, " workers\n"));
	assert_non_null(strstr(text, "See hivepol(1) for details.\n"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flags_and_operands),
		cmocka_unit_test(test_arguments),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_help),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
