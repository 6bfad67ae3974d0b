/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include "cli/cli.h"
#include "formats/hive.h"
#include "formats/mount.h"

static int run_new(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_new = {
	"new", "new [--mount <prefix>] <hive>",
	"create a new empty hive file", run_new
};

static int
run_new(int argc, char **argv, struct hp_ctx *ctx)
{
	const char *mount_arg = NULL;
	struct hp_option options[] = {
		HP_OPT_MOUNT(&mount_arg),
		HP_OPT_OPERANDS(1, 1, "expected one hive file"),
		HP_OPT_END()
	};
	struct hp_path mount = HP_PATH_INIT;
	int r;

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_new, 0,
	    ctx)) < 0)
		return hp_parse_exit(argc);
	if (mount_arg != NULL &&
	    hp_mount_parse(mount_arg, &mount, &ctx->error) == -1)
		return -1;
	r = hp_hive_create(argv[0], mount_arg ? &mount : NULL, &ctx->error);
	hp_path_free(&mount);
	if (r == 0)
		printf("created %s\n", argv[0]);
	return r == 0 ? HP_EXIT_OK : -1;
}
