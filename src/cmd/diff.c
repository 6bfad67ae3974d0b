/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "cli/cli.h"
#include "cli/progress.h"
#include "core/diff.h"
#include "formats/diff_report.h"
#include "formats/json.h"
#include "core/patch.h"
#include "formats/regfile.h"
#include "formats/secedit_settings.h"
#include "formats/source.h"
#include "policy/targets.h"
#include "cli/vocab_opts.h"
#include "templates/vocab.h"

static int run_diff(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_diff = {
	"diff", "diff [--format text|json|reg] [--key <prefix>] [--mount-a "
	"<prefix>] [--mount-b <prefix>] [--class machine|user] [-o <file>] "
	"[--templates <dir> [--lang <lang>]] "
	"(<a> | --image <dir|file.wim[:N]> --key <prefix>) <b>",
	"compare two hives, .reg or Registry.pol files, GPO folders, security "
	"templates or audit.csv files by content; exit 1 if they differ",
	run_diff
};

enum fmt { FMT_TEXT, FMT_JSON, FMT_REG };

struct out {
	enum fmt		 fmt;
	struct json_object	*items;		/* json */
	struct hp_buf		 line;
	struct hp_patch		 patch;		/* reg: A + patch = B */
	size_t			 nsettings;	/* named settings differing */
	int			 settings;	/* named settings compared */
	struct hp_vocab		*vocab;		/* --templates */
	const char		*outfile;	/* -o: where the .reg goes */
};

/* One side of the comparison. */
struct side {
	const char		*path;		/* as messages name it */
	const char		*mount;		/* --mount-a or --mount-b */
	enum hp_error_hint	 hint;		/* how a bad mount is told */
	struct hp_source	*src;		/* NULL for an image's hive */
	struct hp_view		 view;
};

static int
parse_format(const char *arg, enum fmt *fmt)
{
	if (arg == NULL || strcmp(arg, "text") == 0)
		*fmt = FMT_TEXT;
	else if (strcmp(arg, "json") == 0)
		*fmt = FMT_JSON;
	else if (strcmp(arg, "reg") == 0)
		*fmt = FMT_REG;
	else
		return -1;
	return 0;
}

/* --key: a full path, or none. */
static int
parse_key(const char *arg, struct hp_path *key, struct hp_ctx *ctx)
{
	if (arg == NULL)
		return 0;
	if (hp_path_parse(arg, key, &ctx->error) == -1)
		return -1;
	if (key->root != HP_ROOT_NONE)
		return 0;
	hp_path_free(key);
	return hp_cli_usage(ctx, &hp_cmd_diff, "--key takes a full path such "
	    "as HKLM\\SOFTWARE\\Policies");
}

/* An item's JSON; with --templates, a value's "policy" or "extra". */
static struct json_object *
named_json(const struct out *o, const struct hp_diff_item *d)
{
	struct json_object *j = hp_diff_item_json(d), *p;

	if (o->vocab == NULL || d->name == NULL)
		return j;
	if ((p = hp_vocab_diff_json(o->vocab, d)) != NULL)
		json_object_object_add(j, "policy", p);
	else
		json_object_object_add(j, "extra", json_object_new_boolean(1));
	return j;
}

static int
print_item(void *arg, const struct hp_diff_item *d, struct hp_error *e)
{
	struct out *o = arg;

	switch (o->fmt) {
	case FMT_REG:
		return hp_diff_patch_add(&o->patch, d, e);
	case FMT_JSON:
		json_object_array_add(o->items, named_json(o, d));
		return 0;
	case FMT_TEXT:
		break;
	}
	hp_buf_reset(&o->line);
	hp_diff_item_text(d, &o->line);
	if (o->vocab != NULL && d->name != NULL) {
		hp_buf_addf(&o->line, "\n%-9s= ", "");
		hp_vocab_diff_text(o->vocab, d, &o->line);
	}
	puts(o->line.buf);
	return 0;
}

/* A difference of named settings (security templates, audit.csv). */
static void
print_setting(void *arg, enum hp_secdiff_kind kind,
    const struct hp_secset *old, const struct hp_secset *new)
{
	struct out *o = arg;

	o->nsettings++;
	if (o->fmt == FMT_JSON) {
		json_object_array_add(o->items, hp_secdiff_json(kind, old,
		    new));
	} else if (o->fmt == FMT_TEXT) {
		hp_buf_reset(&o->line);
		hp_secdiff_text(kind, old, new, &o->line);
		puts(o->line.buf);
	}
}

static int
holds_settings(const struct hp_source *s)
{
	return s != NULL && (s->format == HP_FMT_SECEDIT ||
	    s->format == HP_FMT_AUDITCSV || s->holds != 0 ||
	    s->settings.n > 0);
}

/*
 * Named settings compare between sources that can hold them; against a
 * hive or a .pol they would all read as removed, so they are counted in a
 * warning instead.
 */
static void
diff_settings(const struct hp_source *sa, const struct hp_source *sb,
    struct out *o, struct hp_ctx *ctx)
{
	const struct hp_source *lone;

	if (holds_settings(sa) && holds_settings(sb)) {
		o->settings = 1;
		hp_secsettings_diff(&sa->settings, &sb->settings,
		    print_setting, o);
		return;
	}
	lone = holds_settings(sa) ? sa : holds_settings(sb) ? sb : NULL;
	if (lone != NULL && lone->settings.n > 0)
		hp_warn(&ctx->warnings, "%s: %zu settings that are not "
		    "registry values not compared: the other source cannot "
		    "hold them", lone->path, lone->settings.n);
}

/* Opens input a or b; a bad mount is told as its option. */
static int
open_side(struct side *sd, enum hp_root cls, struct hp_progress *pr,
    struct hp_ctx *ctx)
{
	struct hp_source_opts so;

	memset(&so, 0, sizeof(so));
	so.mount = sd->mount;
	so.pol_root = cls;
	so.progress = pr;
	if (hp_source_open(sd->path, &so, &sd->src, &ctx->warnings,
	    &ctx->error) == 0) {
		hp_source_view(sd->src, &sd->view);
		return 0;
	}
	if (ctx->error.hint == HP_HINT_MOUNT)
		ctx->error.hint = sd->hint;
	return -1;
}

/* After the walk: the JSON document, or the .reg patch taking A to B. */
static int
finish(struct out *o, const struct side *sd, const struct hp_diff_stats *st,
    struct hp_ctx *ctx)
{
	struct hp_reg_write_opts ro;
	struct json_object *j;

	if (o->fmt == FMT_REG && o->nsettings > 0)
		hp_warn(&ctx->warnings, "%zu settings that are not registry "
		    "values differ: a .reg cannot hold them", o->nsettings);
	if (o->fmt == FMT_JSON) {
		j = hp_diff_json(sd[0].path, sd[1].path, st, o->items);
		if (o->settings)
			hp_secdiff_json_count(j, o->nsettings);
		o->items = NULL;
		hp_json_print(j);
		json_object_put(j);
	}
	if (o->fmt != FMT_REG)
		return 0;
	memset(&ro, 0, sizeof(ro));
	ro.dialect = HP_REG5;
	hp_buf_reset(&o->line);
	if (hp_reg_write_patch(&o->patch, &ro, &o->line, &ctx->error) == -1)
		return -1;
	return hp_cli_write_output(o->outfile, &o->line, ctx);
}

/* Side a from --image: the image's hive that serves key. */
static int
open_image_side(const char *image, const struct hp_path *key,
    struct hp_targets *t, struct hp_view *v, struct hp_ctx *ctx)
{
	struct hp_cli_hive_opts ho = { 0 };
	struct hp_path rel = HP_PATH_INIT;
	long i;

	if (hp_cli_open_image(image, hp_targets_need_key(key), 0, &ho, t,
	    ctx) == -1 || (i = hp_cli_image_hive(t, image, key, &rel,
	    ctx)) == -1)
		return -1;
	hp_path_free(&rel);
	*v = t->views[i];
	return 0;
}

/* Both views walked, then their named settings: the exit status or -1. */
static int
compare(struct side *sd, const struct hp_path *key, struct out *o,
    struct hp_progress *pr, struct hp_ctx *ctx)
{
	struct hp_diff_stats st;

	if (hp_diff_views(&sd[0].view, &sd[1].view, key, print_item, o, &st,
	    pr, &ctx->error) == -1)
		return -1;
	/* An image's hive (no source) has no named settings. */
	diff_settings(sd[0].src, sd[1].src, o, ctx);
	if (finish(o, sd, &st, ctx) == -1)
		return -1;
	return hp_diff_stats_any(&st) || o->nsettings ? HP_EXIT_FINDINGS :
	    HP_EXIT_OK;
}

static int
run_diff(int argc, char **argv, struct hp_ctx *ctx)
{
	const char *format = NULL, *keyarg = NULL, *ma = NULL, *mb = NULL;
	const char *outfile = NULL, *image = NULL;
	struct hp_cli_vocab_opts vo = { NULL, NULL };
	enum hp_root cls = HP_ROOT_NONE;
	struct hp_cli_progress pg = HP_CLI_PROGRESS_INIT;
	struct hp_option options[] = {
		HP_OPT_STRING(0, "format", &format, "text|json|reg",
		    "lines, a JSON document, or a .reg from a to b"),
		HP_OPT_STRING(0, "key", &keyarg, "<prefix>", "compare only "
		    "below this full path"),
		HP_OPT_STRING(0, "mount-a", &ma, "<prefix>",
		    "the registry path hive a serves"),
		HP_OPT_STRING(0, "mount-b", &mb, "<prefix>",
		    "the registry path hive b serves"),
		HP_OPT_CLASS(&cls),
		HP_OPT_NO_RECOVER(),
		HP_OPT_OUTPUT(&outfile, "write the .reg patch to this file"),
		HP_OPT_TEMPLATES(&vo),
		HP_OPT_IMAGE(&image, "side a: the hive of a Windows image that "
		    "serves --key"),
		HP_OPT_PROGRESS(&pg),
		HP_OPT_END()
	};
	struct hp_targets t = HP_TARGETS_INIT;
	struct out o = { FMT_TEXT, NULL, HP_BUF_INIT, HP_PATCH_INIT, 0, 0, NULL,
	    NULL };
	struct side sd[2];
	struct hp_path key = HP_PATH_INIT;
	struct hp_progress *pr;
	int r = -1;

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_diff, 0,
	    ctx)) < 0)
		return hp_parse_exit(argc);
	if (parse_format(format, &o.fmt) == -1)
		return hp_cli_usage(ctx, &hp_cmd_diff, "unknown format \"%s\"",
		    format);
	if (argc != (image != NULL ? 1 : 2))
		return hp_cli_usage(ctx, &hp_cmd_diff, "expected two sources "
		    "(one with --image)");
	if (image != NULL && keyarg == NULL)
		return hp_cli_usage(ctx, &hp_cmd_diff, "--image needs --key, "
		    "which says what hive of the image to compare");
	memset(sd, 0, sizeof(sd));
	sd[0].path = image != NULL ? image : argv[0];
	sd[1].path = argv[image != NULL ? 0 : 1];
	sd[0].mount = ma;
	sd[1].mount = mb;
	sd[0].hint = HP_HINT_MOUNT_A;
	sd[1].hint = HP_HINT_MOUNT_B;
	o.outfile = outfile;
	if (outfile != NULL && o.fmt != FMT_REG)
		return hp_cli_usage(ctx, &hp_cmd_diff, "-o goes with --format "
		    "reg");
	if (parse_key(keyarg, &key, ctx) == -1 ||
	    hp_cli_vocab_open(&vo, &hp_cmd_diff, &o.vocab, ctx) == -1) {
		hp_path_free(&key);
		return -1;
	}
	if (o.fmt == FMT_JSON)
		o.items = json_object_new_array();
	/* Text goes out as the walk finds it. */
	pr = hp_cli_progress_start(&pg, "diff", o.fmt == FMT_TEXT ?
	    HP_CLI_PROGRESS_STREAMS : 0);
	if ((image != NULL ? open_image_side(image, &key, &t, &sd[0].view,
	    ctx) : open_side(&sd[0], cls, pr, ctx)) == 0 &&
	    open_side(&sd[1], cls, pr, ctx) == 0)
		r = compare(sd, keyarg ? &key : NULL, &o, pr, ctx);
	hp_cli_progress_stop(&pg);
	hp_patch_free(&o.patch);
	hp_vocab_free(o.vocab);
	if (o.items != NULL)
		json_object_put(o.items);
	hp_buf_release(&o.line);
	hp_path_free(&key);
	hp_source_close(sd[0].src);
	hp_source_close(sd[1].src);
	hp_targets_free(&t);
	return r;
}
