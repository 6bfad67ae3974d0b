#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "formats/hive.h"

static int run_new(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_new = {
	"new", "new [--mount <prefix>] <hive>",
	"create a new empty hive file", run_new
};

static int
run_new(int argc, char **argv, struct hp_ctx *ctx)
{
	static const struct option longopts[] = {
		HP_CLI_HIVE_LONGOPTS, { NULL, 0, NULL, 0 }
	};
	struct hp_cli_hive_opts o = { 0 };
	struct hp_path mount = HP_PATH_INIT;
	int opt, r;

	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1)
		if (hp_cli_hive_opt(&o, opt, optarg) != 1)
			return hp_cli_bad_option(ctx, &hp_cmd_new, opt,
			    argc, argv);
	if (argc - optind != 1)
		return hp_cli_usage(ctx, &hp_cmd_new, "expected one hive file");
	if (o.mount != NULL &&
	    hp_path_parse(o.mount, &mount, &ctx->error) == -1)
		return -1;
	r = hp_hive_create(argv[optind], o.mount ? &mount : NULL,
	    &ctx->error);
	hp_path_free(&mount);
	if (r == 0)
		printf("created %s\n", argv[optind]);
	return r == 0 ? HP_EXIT_OK : -1;
}
