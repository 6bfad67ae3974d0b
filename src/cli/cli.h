/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The command-line layer: one file per subcommand in src/cmd/, each
 * exporting "const struct hp_cmd hp_cmd_<name>".  The Makefile generates
 * the table from the file names, so adding a command is adding a file.
 */
#ifndef HP_CLI_H
#define HP_CLI_H

#include <stdio.h>

#include "cli/parse-options.h"
#include "core/error.h"
#include "core/path.h"
#include "core/view.h"

/* Exit statuses, documented in hivepol(1) EXIT STATUS. */
#define HP_EXIT_OK		0	/* success, compliant, no difference */
#define HP_EXIT_FINDINGS	1	/* findings or differences */
#define HP_EXIT_INPUT		2	/* usage or input error */
#define HP_EXIT_IO		3	/* internal or I/O failure */
#define HP_EXIT_UNCOVERED	4	/* a check or setting has no target */

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

/* Every command, NULL-terminated (src/cli/main.c). */
extern const struct hp_cmd *const hp_cli_commands[];

/* Fills ctx->error with "MSG; usage: hivepol USAGE" and returns -1. */
int	hp_cli_usage(struct hp_ctx *ctx, const struct hp_cmd *cmd,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

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

/* The options of commands that read or write a hive. */
#define HP_OPT_FORCE(v) HP_OPT_BOOL(0, "force", (v), \
	"accept a dirty hive (writing it loses its logs)")
#define HP_OPT_MOUNT(v) HP_OPT_STRING(0, "mount", (v), "<prefix>", \
	"the registry path the hive serves, e.g. HKCU")
/* --no-recover: dirty hives are read as their primary files have them. */
hp_option_cb hp_cli_opt_no_recover;
#define HP_OPT_NO_RECOVER() HP_OPT_CALLBACK(0, "no-recover", NULL, NULL, \
	"read a dirty hive as is, without replaying its logs", \
	hp_cli_opt_no_recover)
#define HP_OPT_HIVE_READ(o) HP_OPT_FORCE(&(o)->force), \
	HP_OPT_NO_RECOVER(), HP_OPT_MOUNT(&(o)->mount)
#define HP_OPT_HIVE_WRITE(o) \
	HP_OPT_BOOL(0, "dry-run", &(o)->dry_run, \
	    "show what would change, write nothing"), \
	HP_OPT_BOOL(0, "backup", &(o)->backup, \
	    "keep the original hive as <hive>.bak"), \
	HP_OPT_FORCE(&(o)->force), HP_OPT_NO_RECOVER(), \
	HP_OPT_STRING(0, "verify", &(o)->verify, "basic|full", \
	    "how much a written hive is verified (default: basic)"), \
	HP_OPT_MOUNT(&(o)->mount)

/* --class machine|user into an enum hp_root. */
hp_option_cb hp_cli_opt_class;
#define HP_OPT_CLASS(v) HP_OPT_CALLBACK(0, "class", 1 ? (v) : \
	(enum hp_root *)0, "machine|user", \
	"the Registry.pol's class: HKLM or HKCU", hp_cli_opt_class)
#define HP_OPT_CODEPAGE(v) HP_OPT_STRING(0, "codepage", (v), "<cp>", \
	"REGEDIT4's code page (default: Windows-1252)")
#define HP_OPT_STRICT(v) HP_OPT_BOOL(0, "strict", (v), \
	"fail on the first bad line (default: warn)")
#define HP_OPT_OUTPUT(v, what) HP_OPT_STRING('o', "output", (v), "<file>", \
	(what))

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
/* A key of a hive named on the command line (get, ls, rm). */
struct hp_cli_key {
	struct hp_hive	*hive;
	struct hp_view	 view;
	struct hp_path	 rel;		/* below the hive's root */
	hp_node		 node;
};
/*
 * Opens hive honouring o and finds key (NULL: the root) in it.  Returns
 * 0, 1 if there is no such key, or -1; hp_cli_close_key always follows.
 */
int	hp_cli_open_key(const char *hive, const char *key, int write,
	    const struct hp_cli_hive_opts *o, struct hp_cli_key *k,
	    struct hp_ctx *ctx);
void	hp_cli_close_key(struct hp_cli_key *k);
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
/*
 * Applies a one-operation patch (set, rm) to hv and commits it unless
 * --dry-run, printing what changed or "unchanged: ...".
 */
int	hp_cli_apply_one(struct hp_hive *hv, const struct hp_patch *p,
	    const struct hp_cli_hive_opts *o, struct hp_ctx *ctx);
/* Writes b to the file path (safely, see txn.h), or to stdout if NULL. */
struct hp_buf;
int	hp_cli_write_output(const char *path, const struct hp_buf *b,
	    struct hp_ctx *ctx);
/* "@" and "" name the default value. */
const char *hp_cli_value_name(const char *arg);

/*
 * The policy and targets of check and apply (src/cli/policy_opts.c):
 * -p POLICY and the operands, or the hives of --image DIR; --mount
 * applies to every hive operand.  Missing pieces are usage errors of cmd.
 */
struct hp_policy;
struct hp_targets;
struct hp_cli_target_opts {
	const char	*policy;	/* -p POLICY */
	const char	*image;		/* --image DIR|FILE[:IMAGE] */
	const char	*fleet;		/* --fleet DIR|LIST (check) */
	int		 all_users;	/* --all-users */
	const char	*mount;		/* --mount PREFIX */
	int		 force;		/* --force */
	int		 write;		/* open hives for changes */
	int		 allow_uncovered; /* --allow-uncovered */
	enum hp_root	 pol_root;	/* --class (check) */
};
#define HP_OPT_TARGETS(o) \
	HP_OPT_STRING('p', "policy", &(o)->policy, "<policy>", \
	    "the policy file"), \
	HP_OPT_STRING(0, "image", &(o)->image, "<dir|file.wim[:N]>", \
	    "the hives of a Windows image: mounted, or in a WIM file"), \
	HP_OPT_BOOL(0, "all-users", &(o)->all_users, \
	    "with --image or --fleet: every profile's NTUSER.DAT too"), \
	HP_OPT_BOOL(0, "allow-uncovered", &(o)->allow_uncovered, \
	    "accept checks or settings no target serves")
/* Loads the policy file at path; one with lint problems is an error. */
int	hp_cli_load_policy(const char *path, struct hp_policy **pol,
	    struct hp_ctx *ctx);
/* Loads and lints the policy, then opens the targets. */
int	hp_cli_open_policy(const struct hp_cmd *cmd, int n, char **paths,
	    const struct hp_cli_target_opts *o, struct hp_policy **pol,
	    struct hp_targets *t, struct hp_ctx *ctx);
/* The targets alone, for a policy that comes from elsewhere. */
int	hp_cli_open_targets(const struct hp_cmd *cmd, int n, char **paths,
	    const struct hp_cli_target_opts *o, struct hp_targets *t,
	    struct hp_ctx *ctx);
struct hp_check_result;
/* The exit status of a check's verdict (HP_EXIT_OK, _FINDINGS, ...). */
int	hp_cli_check_status(const struct hp_check_result *res,
	    int allow_uncovered);

/*
 * --image for import, export and diff (src/cli/image_opts.c): the hives
 * of a Windows image (a folder or a container file such as
 * "install.wim:3"), only those need names (HP_NEED_*, 0: all), opened
 * into t for reading or writing.
 */
struct hp_path;
struct hp_hive;
#define HP_OPT_IMAGE(v, what) HP_OPT_STRING(0, "image", (v), \
	"<dir|file.wim[:N]>", what)
int	hp_cli_open_image(const char *image, unsigned need, int write,
	    const struct hp_cli_hive_opts *ho, struct hp_targets *t,
	    struct hp_ctx *ctx);
/*
 * The index in t of the image's hive that serves key (a full path), rel
 * being key below its mount; -1 with an error naming image otherwise.
 */
long	hp_cli_image_hive(const struct hp_targets *t, const char *image,
	    const struct hp_path *key, struct hp_path *rel,
	    struct hp_ctx *ctx);
/*
 * Writes the changed hives hv[0..n-1] in one transaction, all or none
 * ("nothing was changed" otherwise); an image container's then go back
 * with hp_targets_commit.
 */
int	hp_cli_commit_hives(struct hp_hive **hv, size_t n,
	    const struct hp_cli_hive_opts *ho, struct hp_ctx *ctx);

/*
 * A fleet's report (src/cli/fleet_output.c), for check --fleet and report
 * merge: format text (NULL), json, junit, jsonl or html, written to
 * outfile or stdout; returns the exit status of the fleet's verdict, or
 * -1 on an error.
 */
struct hp_fleet;
struct hp_fleet_result;
int	hp_cli_fleet_format_ok(const char *format);
int	hp_cli_fleet_output(const struct hp_policy *pol,
	    const struct hp_fleet *f, const struct hp_fleet_result *res,
	    const char *format, const char *outfile, int allow_uncovered,
	    struct hp_ctx *ctx);

#endif
