#include <getopt.h>
#include <stdio.h>

#include "core/buf.h"
#include "cli/cli.h"
#include "core/file.h"
#include "formats/gpo.h"
#include "formats/json.h"
#include "core/limits.h"
#include "formats/polfile.h"
#include "formats/poltext.h"
#include "formats/source.h"

static int run_show(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_show = {
	"show", "show [--json] [--class machine|user] <file.pol | gpo-dir>",
	"list a Registry.pol's (or a GPO's two) entries one per line as they "
	"are in the file, commands spelled out (like LGPO /parse)", run_show
};

struct shown {
	struct json_object	*arr;	/* --json */
	struct hp_buf		 line;
};

static int
show_file(const char *path, enum hp_root root, struct shown *sh,
    struct hp_ctx *ctx)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_pol pol = HP_POL_INIT;
	size_t i;
	int r;

	r = hp_file_read(path, HP_MAX_INPUT_SIZE, &b, &ctx->error);
	if (r == 0)
		r = hp_pol_read(b.buf, b.len, path, &pol, &ctx->warnings,
		    &ctx->error);
	for (i = 0; r == 0 && i < pol.n; i++) {
		if (sh->arr != NULL) {
			json_object_array_add(sh->arr,
			    hp_pol_entry_json(&pol.v[i], root));
			continue;
		}
		hp_buf_reset(&sh->line);
		if (hp_pol_entry_describe(&pol.v[i], root, &sh->line) == -1)
			r = hp_error_errno(&ctx->error, HP_E_IO,
			    "out of memory");
		else
			printf("%s\n", sh->line.buf);
	}
	hp_pol_free(&pol);
	hp_buf_release(&b);
	return r;
}

static int
run_show(int argc, char **argv, struct hp_ctx *ctx)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "class", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	struct shown sh = { NULL, HP_BUF_INIT };
	enum hp_root root = HP_ROOT_NONE;
	struct hp_gpo g;
	const char *path;
	int opt, json = 0, r;

	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (opt == 'j')
			json = 1;
		else if (opt == 'c' && hp_pol_class_parse(optarg, &root) == 0)
			continue;
		else if (opt == 'c')
			return hp_cli_usage(ctx, &hp_cmd_show,
			    "--class takes machine or user");
		else
			return hp_cli_bad_option(ctx, &hp_cmd_show, opt, argc,
			    argv);
	}
	if (argc - optind != 1)
		return hp_cli_usage(ctx, &hp_cmd_show, "expected one "
		    "Registry.pol file or GPO folder");
	path = argv[optind];
	if (json)
		sh.arr = json_object_new_array();
	if (hp_format_detect(path) == HP_FMT_GPO) {
		r = hp_gpo_locate(path, &g, &ctx->error);
		if (r == 0 && g.machine_pol != NULL)
			r = show_file(g.machine_pol, HP_ROOT_HKLM, &sh, ctx);
		if (r == 0 && g.user_pol != NULL)
			r = show_file(g.user_pol, HP_ROOT_HKCU, &sh, ctx);
		hp_gpo_free(&g);
	} else {
		/* The class only labels the lines here: unknown is fine. */
		if (root == HP_ROOT_NONE)
			root = hp_pol_class_from_path(path);
		r = show_file(path, root, &sh, ctx);
	}
	if (r == 0 && sh.arr != NULL)
		hp_json_print(sh.arr);
	if (sh.arr != NULL)
		json_object_put(sh.arr);
	hp_buf_release(&sh.line);
	return r == 0 ? HP_EXIT_OK : -1;
}
