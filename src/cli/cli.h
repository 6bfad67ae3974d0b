/*
 * The command-line layer: one file per subcommand in src/cmd/, each
 * exporting "const struct hp_cmd hp_cmd_<name>".  The Makefile generates
 * the table from the file names, so adding a command is adding a file.
 */
#ifndef HP_CLI_H
#define HP_CLI_H

#include <stdio.h>

#include "core/error.h"
#include "core/path.h"

/* Exit statuses, documented in hivepol(1) EXIT STATUS. */
#define HP_EXIT_OK		0	/* success, compliant, no difference */
#define HP_EXIT_FINDINGS	1	/* findings or differences */
#define HP_EXIT_INPUT		2	/* usage or input error */
#define HP_EXIT_IO		3	/* internal or I/O failure */

/* The exit status for an error of this kind. */
int	hp_cli_exit_status(enum hp_error_kind kind);
/* What the user can do, in flag names: "; use --force ...", or "". */
const char *hp_cli_hint_text(enum hp_error_hint hint);

struct hp_commit_opts;
struct hp_hive;
struct hp_patch;
struct hp_source_opts;
struct hp_value;
struct json_object;

struct hp_ctx {
	struct hp_warnings	warnings;	/* printed by main */
	struct hp_error		error;		/* printed by main on -1 */
	int			tty;		/* stdout is a terminal */
};

struct hp_cmd {
	const char	*name;
	const char	*usage;		/* after "usage: hivepol " */
	const char	*summary;	/* one line for "hivepol help" */
	/*
	 * argv[0] is the command name.  Returns an exit code (HP_EXIT_*), or
	 * -1 with ctx->error filled.
	 */
	int		(*run)(int argc, char **argv, struct hp_ctx *ctx);
};

/* Fills ctx->error with "MSG; usage: hivepol USAGE" and returns -1. */
int	hp_cli_usage(struct hp_ctx *ctx, const struct hp_cmd *cmd,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/*
 * hp_cli_usage for the option getopt_long just returned as opt: unknown
 * ('?') or not valid for this command.  Names the option as typed.
 */
int	hp_cli_bad_option(struct hp_ctx *ctx, const struct hp_cmd *cmd,
	    int opt, int argc, char **argv);
/* Prints the full help of cmd to stdout. */
void	hp_cli_help(const struct hp_cmd *cmd);

/*
 * Options shared by commands that write a hive:
 * --dry-run, --backup, --force, --verify, and --mount for every hive
 * command.
 */
struct hp_cli_hive_opts {
	int		 dry_run;
	int		 backup;
	int		 force;
	const char	*mount;		/* --mount PREFIX, or NULL */
	const char	*verify;	/* --verify LEVEL, or NULL */
};

/*
 * Handles the long options above inside a getopt_long loop: returns 1 if
 * opt was one of them, 0 if not, -1 on a bad --mount.
 */
#define HP_CLI_HIVE_LONGOPTS \
	{ "dry-run", no_argument, NULL, 0x100 }, \
	{ "backup", no_argument, NULL, 0x101 }, \
	{ "force", no_argument, NULL, 0x102 }, \
	{ "mount", required_argument, NULL, 0x103 }, \
	{ "verify", required_argument, NULL, 0x104 }
int	hp_cli_hive_opt(struct hp_cli_hive_opts *o, int opt, const char *arg);

/*
 * The commit options of o: --backup, and the verification level from
 * --verify, or else from HIVEPOL_VERIFY in the environment (the CLI tests
 * set it to full), or else basic.
 */
int	hp_cli_commit_opts(const struct hp_cli_hive_opts *o,
	    struct hp_commit_opts *co, struct hp_ctx *ctx);

/* Opens a hive honouring --mount and --force. */
int	hp_cli_open_hive(const char *path, int write,
	    const struct hp_cli_hive_opts *o, struct hp_hive **out,
	    struct hp_ctx *ctx);
/*
 * Parses a KEY argument: full (HKLM\SOFTWARE\X) or relative to the hive
 * root.  A full path outside the hive's mount is an error.
 */
int	hp_cli_key_arg(struct hp_hive *hv, const char *arg,
	    struct hp_path *rel, struct hp_ctx *ctx);
/*
 * Appends the operations of a patch file (.reg, Registry.pol) to p.  A
 * file of no known format is read as .reg, whose parser says precisely
 * what is wrong with it.
 */
int	hp_cli_read_patch(const char *path, const struct hp_source_opts *o,
	    struct hp_patch *p, struct hp_ctx *ctx);
/* "@" and "" name the default value. */
const char *hp_cli_value_name(const char *arg);

/*
 * The policy and targets of check and apply (src/cmd/check.c): -p POLICY
 * and the operands, or the hives of --image DIR; --mount applies to every
 * hive operand.  Missing pieces are usage errors of cmd.
 */
struct hp_policy;
struct hp_targets;
struct hp_cli_target_opts {
	const char	*policy;	/* -p POLICY */
	const char	*image;		/* --image DIR */
	const char	*fleet;		/* --fleet DIR|LIST (check) */
	int		 all_users;	/* --all-users */
	const char	*mount;		/* --mount PREFIX */
	int		 force;		/* --force */
	int		 write;		/* open hives for changes */
};
/* Options -p/--policy, --image, --all-users inside a getopt_long loop. */
#define HP_CLI_TARGET_LONGOPTS \
	{ "policy", required_argument, NULL, 'p' }, \
	{ "image", required_argument, NULL, 0x110 }, \
	{ "all-users", no_argument, NULL, 0x111 }
/* Returns 1 if opt was one of them, else 0. */
int	hp_cli_target_opt(struct hp_cli_target_opts *o, int opt,
	    const char *arg);
int	hp_cli_open_policy(const struct hp_cmd *cmd, int n, char **paths,
	    const struct hp_cli_target_opts *o, struct hp_policy **pol,
	    struct hp_targets *t, struct hp_ctx *ctx);

#endif
