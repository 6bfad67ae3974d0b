/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "cli/cli.h"
#include "formats/hive.h"
#include "core/patch.h"
#include "formats/polfile.h"
#include "formats/source.h"
#include "policy/targets.h"

static int run_import(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_import = {
	"import", "import [--dry-run] [--backup] [--force] "
	"[--verify basic|full] [--strict] [--codepage <cp>] "
	"[--class machine|user] [--mount <prefix>] "
	"(<hive> | --image <dir|file.wim[:N]>) <file.reg|file.pol|gpo-dir>...",
	"merge .reg files, Registry.pol files or GPO folders into a hive, in "
	"file order, all or nothing (--dry-run: show the changes, write "
	"nothing)", run_import
};

/* Outside-the-mount operations named one by one before being counted. */
#define SHOW_OUTSIDE	5

struct input {
	const char	*path;
	size_t		 first;		/* index of its first op */
	int		 offsets;	/* op->line is a byte offset (.pol) */
};

/* "file:line" of ops i..i+n-1 ("file:first-last" for several lines). */
static void
where(const struct input *in, size_t nin, const struct hp_op *ops, size_t i,
    size_t n, char *buf, size_t len)
{
	size_t f = 0;

	while (f + 1 < nin && in[f + 1].first <= i)
		f++;
	if (n > 1 && ops[i + n - 1].line != ops[i].line)
		snprintf(buf, len, in[f].offsets ? "%s: offsets %lu-%lu" :
		    "%s:%lu-%lu", in[f].path, ops[i].line,
		    ops[i + n - 1].line);
	else
		snprintf(buf, len, in[f].offsets ? "%s: offset %lu" :
		    "%s:%lu", in[f].path, ops[i].line);
}

struct import {
	struct hp_cli_hive_opts	 ho;
	struct hp_source_opts	 so;
	struct input		*in;
	size_t			 nin;
	struct hp_patch		 p;		/* every file's operations */
	struct hp_apply_stats	 st;
	size_t			 outside;	/* operations not applied */
	int			 many;		/* --image: several hives */
};

static int
read_inputs(struct import *im, char **paths, struct hp_ctx *ctx)
{
	size_t i;

	im->in = hp_calloc(im->nin, sizeof(*im->in));
	for (i = 0; i < im->nin; i++) {
		im->in[i].path = paths[i];
		im->in[i].first = im->p.n;
		im->in[i].offsets = hp_format_detect(paths[i]) == HP_FMT_POL ||
		    hp_format_detect(paths[i]) == HP_FMT_GPO;
		if (hp_cli_read_patch(paths[i], &im->so, &im->p, ctx) == -1)
			return -1;
	}
	return 0;
}

/* An operation outside the mount is reported, never dropped in silence. */
static void
warn_outside(struct import *im, size_t i, size_t n, struct hp_ctx *ctx)
{
	char loc[512], *s;

	if (im->outside < SHOW_OUTSIDE) {
		s = hp_path_str(&im->p.ops[i].key);
		where(im->in, im->nin, im->p.ops, i, 1, loc, sizeof(loc));
		hp_warn(&ctx->warnings, "%s: %s lies outside the hive's mount; "
		    "not applied", loc, s ? s : "?");
		free(s);
	}
	im->outside += n;
}

/* Whether an operation changed something between two counts. */
static int
changed(const struct hp_apply_stats *a, const struct hp_apply_stats *b)
{
	return a->keys_created != b->keys_created ||
	    a->keys_deleted != b->keys_deleted ||
	    a->values_set != b->values_set ||
	    a->values_deleted != b->values_deleted;
}

/*
 * Applies the operations from i on that go together: those on one key,
 * so that hp_hive_apply can write a key's values at once; a dry run
 * goes one by one to tell which would change something.  Returns how
 * many were taken, or 0 with ctx->error set.
 */
static size_t
apply_run(struct import *im, struct hp_hive *hv, const struct hp_view *v,
    size_t i, struct hp_ctx *ctx)
{
	const struct hp_patch *p = &im->p;
	struct hp_patch run = { &p->ops[i], 1, 1 };
	struct hp_apply_stats before = im->st;
	struct hp_path rel = HP_PATH_INIT;
	struct hp_buf b = HP_BUF_INIT;
	char loc[512];
	int r;

	while (!im->ho.dry_run && i + run.n < p->n &&
	    hp_path_eq(&p->ops[i + run.n].key, &p->ops[i].key))
		run.n++;
	run.cap = run.n;
	if ((r = hp_view_relative(v, &p->ops[i].key, &rel, &ctx->error)) == -1)
		return 0;
	hp_path_free(&rel);
	/* An image's other hives may take it: counted once, up front. */
	if (r == 1) {
		if (!im->many)
			warn_outside(im, i, run.n, ctx);
		return run.n;
	}
	if (hp_hive_apply(hv, &run, &im->st, &ctx->warnings,
	    &ctx->error) == -1) {
		where(im->in, im->nin, p->ops, i, run.n, loc, sizeof(loc));
		hp_error_prefix(&ctx->error, "%s", loc);
		return 0;
	}
	if (im->ho.dry_run && changed(&before, &im->st)) {
		hp_op_describe(&p->ops[i], &b);
		printf("%s\n", b.buf);
		hp_buf_release(&b);
	}
	return run.n;
}

static int
apply_ops(struct import *im, struct hp_hive *hv, const struct hp_view *v,
    struct hp_ctx *ctx)
{
	size_t i, n;

	for (i = 0; i < im->p.n; i += n)
		if ((n = apply_run(im, hv, v, i, ctx)) == 0)
			return -1;
	return 0;
}

static int
apply_all(struct import *im, struct hp_hive *hv, const char *hive,
    struct hp_ctx *ctx)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_view v;

	hp_hive_view(hv, &v);
	if (apply_ops(im, hv, &v, ctx) == -1)
		return -1;
	if (im->outside > SHOW_OUTSIDE)
		hp_warn(&ctx->warnings, "%zu more operations outside the "
		    "hive's mount were not applied",
		    im->outside - SHOW_OUTSIDE);
	if (im->outside == 0 || im->outside < im->p.n)
		return 0;
	hp_path_format_short(hp_hive_mount(hv), &b);
	hp_error_set(&ctx->error, HP_E_INPUT, "%s: nothing to import: all %zu "
	    "operations lie outside the hive's mount %s", hive, im->outside,
	    b.buf);
	hp_buf_release(&b);
	return -1;
}

/*
 * The hive is opened first, so that its mount can tell a Registry.pol's
 * class; every file is read before anything is written.
 */
static int
import_into(struct import *im, const char *hive, char **paths,
    struct hp_ctx *ctx)
{
	struct hp_commit_opts co;
	struct hp_hive *hv = NULL;
	int r;

	if ((r = hp_cli_open_hive(hive, 1, &im->ho, &hv, ctx)) == 0 &&
	    !hp_hive_has_mount(hv))
		r = hp_error_set(&ctx->error, HP_E_INPUT, "%s: the hive's "
		    "mount is unknown, so the full paths of a .reg file cannot "
		    "be placed in it; give --mount (for example --mount "
		    "'HKLM\\SOFTWARE')", hive);
	if (r == 0) {
		im->so.hive_root = hp_hive_mount(hv)->root;
		im->so.hive_name = hive;
		r = read_inputs(im, paths, ctx);
	}
	if (r == 0)
		r = apply_all(im, hv, hive, ctx);
	if (r == 0 && !im->ho.dry_run &&
	    (r = hp_cli_commit_opts(&im->ho, &co, ctx)) == 0)
		r = hp_hive_commit(hv, &co, &ctx->error);
	hp_hive_close(hv);
	return r;
}

/* 1 if some hive of t serves key, 0 if none, -1 on error. */
static int
served(const struct hp_targets *t, const struct hp_path *key,
    struct hp_ctx *ctx)
{
	struct hp_path rel = HP_PATH_INIT;
	size_t i;
	int r = 1;

	for (i = 0; i < t->n && r == 1; i++)
		if (t->src[i]->hive != NULL) {
			r = hp_view_relative(&t->views[i], key, &rel,
			    &ctx->error);
			hp_path_free(&rel);
		}
	return r == -1 ? -1 : r == 0;
}

/*
 * --image: each operation goes into the image's hive that serves it;
 * the changed hives are written all or none, in one container update.
 */
static int
import_image(struct import *im, const char *image, struct hp_ctx *ctx)
{
	struct hp_targets t = HP_TARGETS_INIT;
	struct hp_hive **written = NULL;
	unsigned need = 0;
	size_t i, n = 0;
	int r, k = 0;

	for (i = 0; i < im->p.n; i++)
		need |= hp_targets_need_key(&im->p.ops[i].key);
	im->many = 1;
	r = hp_cli_open_image(image, need ? need : HP_NEED_SOFTWARE, 1,
	    &im->ho, &t, ctx);
	for (i = 0; r == 0 && i < im->p.n; i++)
		if ((k = served(&t, &im->p.ops[i].key, ctx)) == 0)
			warn_outside(im, i, 1, ctx);
	if (k == -1)
		r = -1;
	else if (r == 0 && im->outside == im->p.n)
		r = hp_error_set(&ctx->error, HP_E_INPUT, "%s: nothing to "
		    "import: no hive of the image serves any of the %zu "
		    "operations", image, im->p.n);
	if (r == 0)
		written = hp_calloc(t.n + 1, sizeof(*written));
	for (i = 0; r == 0 && i < t.n; i++) {
		struct hp_apply_stats before = im->st;

		if (t.src[i]->hive == NULL)
			continue;
		r = apply_ops(im, t.src[i]->hive, &t.views[i], ctx);
		if (r == 0 && changed(&before, &im->st))
			written[n++] = t.src[i]->hive;
	}
	if (r == 0 && !im->ho.dry_run && n > 0)
		r = hp_cli_commit_hives(written, n, &im->ho, ctx) == 0 ?
		    hp_targets_commit(&t, &ctx->error) : -1;
	free(written);
	hp_targets_free(&t);
	return r;
}

static int
run_import(int argc, char **argv, struct hp_ctx *ctx)
{
	struct import im = { .p = HP_PATCH_INIT };
	const char *image = NULL, *target;
	struct hp_option options[] = {
		HP_OPT_HIVE_WRITE(&im.ho),
		HP_OPT_STRICT(&im.so.strict),
		HP_OPT_CODEPAGE(&im.so.codepage),
		HP_OPT_CLASS(&im.so.pol_root),
		HP_OPT_IMAGE(&image, "merge into the hives of a Windows image, "
		    "each operation into the one that serves it"),
		HP_OPT_OPERANDS(1, -1, "expected a hive and at least one "
		    ".reg, .pol file or GPO folder"),
		HP_OPT_END()
	};
	const struct hp_apply_stats *st = &im.st;
	int r;

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_import, 0,
	    ctx)) < 0)
		return hp_parse_exit(argc);
	if (image == NULL && argc < 2)
		return hp_cli_usage(ctx, &hp_cmd_import, "expected a hive and "
		    "at least one .reg, .pol file or GPO folder");
	target = image != NULL ? image : argv[0];
	im.nin = (size_t)argc - (image == NULL);
	if (image != NULL) {
		r = read_inputs(&im, argv, ctx);
		if (r == 0)
			r = import_image(&im, image, ctx);
	} else
		r = import_into(&im, argv[0], argv + 1, ctx);
	if (r == 0)
		printf("%s%s: %zu keys created, %zu deleted; %zu values set, "
		    "%zu deleted; %zu unchanged; %zu outside the mount\n",
		    im.ho.dry_run ? "dry run, nothing written: " : "", target,
		    st->keys_created, st->keys_deleted, st->values_set,
		    st->values_deleted, st->unchanged, im.outside);
	hp_patch_free(&im.p);
	free(im.in);
	return r == 0 ? HP_EXIT_OK : -1;
}
