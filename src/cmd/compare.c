/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "cli/cli.h"
#include "formats/source.h"
#include "policy/compare.h"

static int run_compare(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_compare = {
	"compare", "compare [--format text|json|html] [--differences] "
	"[--key <prefix>] [--mount <prefix>] [--class machine|user] "
	"[-o <file>] <source>...",
	"show every setting of N sources (hives, .reg, Registry.pol, GPO "
	"folders) in one matrix, conflicts marked; exit 1 on a conflict",
	run_compare
};

enum { FMT_TEXT, FMT_JSON, FMT_HTML };

struct compare_opts {
	const char	*format;
	const char	*key;
	const char	*outfile;
	int		 differences;
	struct hp_source_opts so;
};

static int
parse_args(const struct compare_opts *o, int *fmt, struct hp_path *key,
    struct hp_ctx *ctx)
{
	static const char *const names[] = { "text", "json", "html" };

	for (*fmt = 0; o->format != NULL && *fmt <= FMT_HTML &&
	    strcmp(o->format, names[*fmt]) != 0; ++*fmt)
		;
	if (*fmt > FMT_HTML)
		return hp_cli_usage(ctx, &hp_cmd_compare, "unknown format "
		    "\"%s\"", o->format);
	if (o->key == NULL)
		return 0;
	if (hp_path_parse(o->key, key, &ctx->error) == -1)
		return -1;
	if (key->root == HP_ROOT_NONE)
		return hp_cli_usage(ctx, &hp_cmd_compare, "--key takes a full "
		    "path such as HKLM\\SOFTWARE\\Policies");
	return 0;
}

static int
render(const struct hp_cmp *c, int fmt, const struct compare_opts *o,
    struct hp_ctx *ctx)
{
	struct hp_buf out = HP_BUF_INIT;
	int r = 0;

	if (fmt == FMT_TEXT)
		hp_cmp_text(c, o->differences, &out);
	else if (fmt == FMT_JSON)
		r = hp_cmp_json(c, o->differences, &out, &ctx->error);
	else
		hp_cmp_html(c, o->differences, &out);
	if (r == 0)
		r = hp_cli_write_output(o->outfile, &out, ctx);
	hp_buf_release(&out);
	return r;
}

static int
run_compare(int argc, char **argv, struct hp_ctx *ctx)
{
	struct compare_opts o;
	struct hp_option options[] = {
		HP_OPT_STRING(0, "format", &o.format, "text|json|html",
		    "a text matrix, a JSON document or an HTML page"),
		HP_OPT_BOOL(0, "differences", &o.differences, "only settings "
		    "the sources do not all hold alike (html: at first)"),
		HP_OPT_STRING(0, "key", &o.key, "<prefix>", "compare only "
		    "below this full path"),
		HP_OPT_MOUNT(&o.so.mount),
		HP_OPT_CLASS(&o.so.pol_root),
		HP_OPT_NO_RECOVER(),
		HP_OPT_OUTPUT(&o.outfile, "write the report to this file"),
		HP_OPT_OPERANDS(1, -1, "expected one or more sources"),
		HP_OPT_END()
	};
	struct hp_source **src;
	struct hp_cmp c = HP_CMP_INIT;
	struct hp_path key = HP_PATH_INIT;
	int fmt, i, r = -1;

	memset(&o, 0, sizeof(o));
	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_compare, 0,
	    ctx)) < 0)
		return hp_parse_exit(argc);
	if (parse_args(&o, &fmt, &key, ctx) == -1) {
		hp_path_free(&key);
		return -1;
	}
	src = hp_calloc((size_t)argc, sizeof(*src));
	for (i = 0; i < argc; i++)
		if (hp_source_open(argv[i], &o.so, &src[i], &ctx->warnings,
		    &ctx->error) == -1)
			break;
	if (i == argc && hp_cmp_build(src, (size_t)argc, o.key ? &key : NULL,
	    &c, &ctx->error) == 0 && render(&c, fmt, &o, ctx) == 0)
		r = c.count[HP_CMP_CONFLICT] > 0 ? HP_EXIT_FINDINGS :
		    HP_EXIT_OK;
	hp_cmp_free(&c);
	for (i = 0; i < argc; i++)
		hp_source_close(src[i]);
	free(src);
	hp_path_free(&key);
	return r;
}
