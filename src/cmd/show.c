#include <getopt.h>
#include <stdio.h>

#include "buf.h"
#include "cli.h"
#include "file.h"
#include "json.h"
#include "limits.h"
#include "polfile.h"
#include "poltext.h"
#include "source.h"

static int run_show(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_show = {
	"show", "show [--json] [--class machine|user] <file.pol>",
	"list a Registry.pol's entries one per line as they are in the file, "
	"commands spelled out (like LGPO /parse)", run_show
};

static int
run_show(int argc, char **argv, struct hp_ctx *ctx)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "class", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	struct hp_buf b = HP_BUF_INIT, line = HP_BUF_INIT;
	struct hp_pol pol = HP_POL_INIT;
	struct json_object *arr = NULL;
	enum hp_root root = HP_ROOT_NONE;
	const char *path;
	int opt, json = 0, r;
	size_t i;

	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (opt == 'j')
			json = 1;
		else if (opt == 'c' && hp_pol_class_parse(optarg, &root) == 0)
			continue;
		else
			return hp_cli_usage(ctx, &hp_cmd_show, opt == 'c' ?
			    "--class takes machine or user" : "bad option");
	}
	if (argc - optind != 1)
		return hp_cli_usage(ctx, &hp_cmd_show, "expected one "
		    "Registry.pol file");
	path = argv[optind];
	/* The class only labels the lines here, so unknown is fine. */
	if (root == HP_ROOT_NONE)
		root = hp_pol_class_from_path(path);
	r = hp_file_read(path, HP_MAX_INPUT_SIZE, &b, &ctx->error);
	if (r == 0)
		r = hp_pol_read(b.buf, b.len, path, &pol, &ctx->warnings,
		    &ctx->error);
	if (r == 0 && json) {
		arr = json_object_new_array();
		for (i = 0; i < pol.n; i++)
			json_object_array_add(arr,
			    hp_pol_entry_json(&pol.v[i], root));
		hp_json_print(arr);
		json_object_put(arr);
	} else if (r == 0) {
		for (i = 0; i < pol.n && r == 0; i++) {
			hp_buf_reset(&line);
			if ((r = hp_pol_entry_describe(&pol.v[i], root,
			    &line)) == -1)
				r = hp_error_errno(&ctx->error, HP_EXIT_IO,
				    "out of memory");
			else
				printf("%s\n", line.buf);
		}
	}
	hp_pol_free(&pol);
	hp_buf_release(&b);
	hp_buf_release(&line);
	return r == 0 ? HP_EXIT_OK : -1;
}
