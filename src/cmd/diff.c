#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "cli/cli.h"
#include "core/diff.h"
#include "formats/json.h"
#include "core/patch.h"
#include "formats/polfile.h"
#include "formats/regfile.h"
#include "formats/source.h"
#include "core/txn.h"

static int run_diff(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_diff = {
	"diff", "diff [--format text|json|reg] [--key <prefix>] [--mount-a "
	"<prefix>] [--mount-b <prefix>] [--class machine|user] [-o <file>] "
	"<a> <b>",
	"compare two hives, .reg or Registry.pol files or GPO folders by "
	"content; exit 1 if they differ", run_diff
};

enum fmt { FMT_TEXT, FMT_JSON, FMT_REG };

struct out {
	enum fmt		 fmt;
	struct json_object	*items;
	struct hp_buf		 line;
	struct hp_patch		 patch;		/* reg: A + patch = B */
};

static const char *const kind_word[] = {
	"added", "removed", "added", "removed", "changed"
};

static void
text_value(struct hp_buf *b, const struct hp_value *v)
{
	char tmp[16];

	hp_buf_addf(b, "%s ", hp_value_type_name(v->type, tmp));
	if (v->len <= 64)
		hp_value_format(v, b);
	else {
		hp_buf_addhex(b, v->data, 16, ",");
		hp_buf_addf(b, ",... (%zu bytes)", v->len);
	}
}

static int
print_item(void *arg, const struct hp_diff_item *d, struct hp_error *e)
{
	struct out *o = arg;
	struct hp_buf *b = &o->line;

	if (o->fmt == FMT_REG)
		return hp_diff_patch_add(&o->patch, d, e);
	if (o->fmt == FMT_JSON) {
		struct json_object *j = json_object_new_object();
		static const char *const kinds[] = { "key-added",
		    "key-removed", "value-added", "value-removed",
		    "value-changed" };

		json_object_object_add(j, "kind",
		    json_object_new_string(kinds[d->kind]));
		json_object_object_add(j, "key", hp_json_path(d->key));
		if (d->name != NULL)
			json_object_object_add(j, "name",
			    json_object_new_string(d->name));
		if (d->old != NULL)
			json_object_object_add(j, "old",
			    hp_json_value(NULL, d->old));
		if (d->new != NULL)
			json_object_object_add(j, "new",
			    hp_json_value(NULL, d->new));
		json_object_array_add(o->items, j);
		return 0;
	}
	hp_buf_reset(b);
	hp_buf_addf(b, "%-8s %s ", kind_word[d->kind], d->name ? "value" :
	    "key  ");
	hp_path_format_short(d->key, b);
	if (d->name != NULL) {
		hp_buf_addf(b, *d->name ? "  \"%s\"  " : "  @  ", d->name);
		if (d->old != NULL)
			text_value(b, d->old);
		if (d->old != NULL && d->new != NULL)
			hp_buf_adds(b, "  ->  ");
		if (d->new != NULL)
			text_value(b, d->new);
	}
	puts(b->buf);
	return 0;
}

static int
open_side(const char *path, const char *mount, enum hp_root cls,
    struct hp_source **s, struct hp_ctx *ctx)
{
	struct hp_source_opts so;

	memset(&so, 0, sizeof(so));
	so.mount = mount;
	so.pol_root = cls;
	return hp_source_open(path, &so, s, &ctx->warnings, &ctx->error);
}

static int
run_diff(int argc, char **argv, struct hp_ctx *ctx)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "key", required_argument, NULL, 'k' },
		{ "mount-a", required_argument, NULL, 'a' },
		{ "mount-b", required_argument, NULL, 'b' },
		{ "output", required_argument, NULL, 'o' },
		{ "class", required_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 }
	};
	struct out o = { FMT_TEXT, NULL, HP_BUF_INIT, HP_PATCH_INIT };
	const char *outfile = NULL;
	struct hp_source *sa = NULL, *sb = NULL;
	struct hp_path key = HP_PATH_INIT;
	struct hp_diff_stats st;
	struct hp_view va, vb;
	const char *keyarg = NULL, *ma = NULL, *mb = NULL;
	enum hp_root cls = HP_ROOT_NONE;
	int opt, r = -1;

	while ((opt = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				o.fmt = FMT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o.fmt = FMT_JSON;
			else if (strcmp(optarg, "reg") == 0)
				o.fmt = FMT_REG;
			else
				return hp_cli_usage(ctx, &hp_cmd_diff,
				    "unknown format \"%s\"", optarg);
			break;
		case 'k':
			keyarg = optarg;
			break;
		case 'a':
			ma = optarg;
			break;
		case 'b':
			mb = optarg;
			break;
		case 'C':
			if (hp_pol_class_parse(optarg, &cls) == -1)
				return hp_cli_usage(ctx, &hp_cmd_diff, "--class "
				    "takes machine or user");
			break;
		case 'o':
			outfile = optarg;
			break;
		default:
			return hp_cli_bad_option(ctx, &hp_cmd_diff, opt,
			    argc, argv);
		}
	}
	if (argc - optind != 2)
		return hp_cli_usage(ctx, &hp_cmd_diff, "expected two sources");
	if (outfile != NULL && o.fmt != FMT_REG)
		return hp_cli_usage(ctx, &hp_cmd_diff, "-o goes with --format "
		    "reg");
	if (keyarg != NULL) {
		if (hp_path_parse(keyarg, &key, &ctx->error) == -1)
			return -1;
		if (key.root == HP_ROOT_NONE) {
			hp_path_free(&key);
			return hp_cli_usage(ctx, &hp_cmd_diff, "--key takes a "
			    "full path such as HKLM\\SOFTWARE\\Policies");
		}
	}
	if (open_side(argv[optind], ma, cls, &sa, ctx) == -1 ||
	    open_side(argv[optind + 1], mb, cls, &sb, ctx) == -1)
		goto out;
	hp_source_view(sa, &va);
	hp_source_view(sb, &vb);
	if (o.fmt == FMT_JSON)
		o.items = json_object_new_array();
	if (hp_diff_views(&va, &vb, keyarg ? &key : NULL, print_item, &o,
	    &st, &ctx->error) == -1)
		goto out;
	if (o.fmt == FMT_JSON) {
		struct json_object *j = json_object_new_object(), *s;

		json_object_object_add(j, "a",
		    json_object_new_string(argv[optind]));
		json_object_object_add(j, "b",
		    json_object_new_string(argv[optind + 1]));
		json_object_object_add(j, "equal",
		    json_object_new_boolean(!hp_diff_stats_any(&st)));
		s = json_object_new_object();
		json_object_object_add(s, "keys_added",
		    json_object_new_int64((int64_t)st.keys_added));
		json_object_object_add(s, "keys_removed",
		    json_object_new_int64((int64_t)st.keys_removed));
		json_object_object_add(s, "values_added",
		    json_object_new_int64((int64_t)st.values_added));
		json_object_object_add(s, "values_removed",
		    json_object_new_int64((int64_t)st.values_removed));
		json_object_object_add(s, "values_changed",
		    json_object_new_int64((int64_t)st.values_changed));
		json_object_object_add(j, "summary", s);
		json_object_object_add(j, "differences", o.items);
		o.items = NULL;
		hp_json_print(j);
		json_object_put(j);
	}
	if (o.fmt == FMT_REG) {
		struct hp_reg_write_opts ro;

		memset(&ro, 0, sizeof(ro));
		ro.dialect = HP_REG5;
		hp_buf_reset(&o.line);
		if (hp_reg_write_patch(&o.patch, &ro, &o.line,
		    &ctx->error) == -1 || hp_txn_save(outfile ? outfile : "-",
		    o.line.buf, o.line.len, &ctx->warnings, &ctx->error) == -1)
			goto out;
	}
	r = hp_diff_stats_any(&st) ? HP_EXIT_FINDINGS : HP_EXIT_OK;
out:
	hp_patch_free(&o.patch);
	if (o.items != NULL)
		json_object_put(o.items);
	hp_buf_release(&o.line);
	hp_path_free(&key);
	hp_source_close(sa);
	hp_source_close(sb);
	return r;
}
