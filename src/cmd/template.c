/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * "hivepol template": lint, show and convert administrative templates
 * (ADM, ADMX/ADML).  One command with verbs, since all three share the
 * loader and the options.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/schema_dir.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/txn.h"
#include "core/view.h"
#include "formats/source.h"
#include "templates/convert.h"
#include "templates/lint.h"
#include "templates/render.h"
#include "templates/template.h"

static int run_template(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_template = {
	"template",
	"template lint [--lang <lang>] <file>...\n"
	"       hivepol template show [--json] [--lang <lang>] <file>\n"
	"       hivepol template convert [--lang <lang>] -o <dir> <file>\n"
	"       hivepol template state [--mount <prefix>] "
	"[--class machine|user] -t <template> <source>",
	"check, list and convert administrative templates (ADM, ADMX/ADML) "
	"and read their policies' state from a hive",
	run_template
};

/* The stem of a path's last component ("a/en-US/X.adml": "X"), its length. */
static const char *
file_stem(const char *path, size_t *len)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	*len = dot != NULL ? (size_t)(dot - base) : strlen(base);
	return base;
}

static int
has_ext(const char *path, const char *ext)
{
	const char *dot = strrchr(path, '.');

	return dot != NULL && strcasecmp(dot, ext) == 0;
}

/*
 * Index of the ADML among argv that belongs to the ADMX argv[k] (same
 * name), -1 if none: given both, the ADMX is linted with that ADML.
 */
static int
given_adml(int argc, char **argv, int k)
{
	const char *a, *b;
	size_t na, nb;
	int j;

	if (!has_ext(argv[k], ".admx"))
		return -1;
	a = file_stem(argv[k], &na);
	for (j = 0; j < argc; j++) {
		b = file_stem(argv[j], &nb);
		if (has_ext(argv[j], ".adml") && na == nb &&
		    strncasecmp(a, b, na) == 0)
			return j;
	}
	return -1;
}

static int
run_lint(int argc, char **argv, const char *lang, struct hp_ctx *ctx)
{
	struct hp_lint l = HP_LINT_INIT;
	char *schema_dir = hp_cli_schema_dir();
	size_t i, errors = 0;
	char *paired = hp_calloc((size_t)argc + 1, 1);
	int k, j;

	l.schema_dir = schema_dir;
	l.schema_hint = HP_CLI_SCHEMA_HINT;
	for (k = 0; k < argc; k++)
		if ((j = given_adml(argc, argv, k)) != -1)
			paired[j] = 1;
	for (k = 0; k < argc; k++) {
		if (paired[k])
			continue;
		j = given_adml(argc, argv, k);
		if (hp_lint_file_with(argv[k], j == -1 ? NULL : argv[j], lang,
		    &l, &ctx->error) == -1) {
			free(paired);
			hp_lint_free(&l);
			free(schema_dir);
			return -1;
		}
		for (i = 0; i < l.n; i++)
			puts(l.v[i].text);
		errors += l.nerrors;
		printf("%s: %zu error%s, %zu warning%s\n", argv[k], l.nerrors,
		    l.nerrors == 1 ? "" : "s", l.nwarnings,
		    l.nwarnings == 1 ? "" : "s");
		/* Keep the parsed schema for the next file. */
		for (i = 0; i < l.n; i++)
			free(l.v[i].text);
		l.n = l.nerrors = l.nwarnings = 0;
	}
	free(paired);
	hp_lint_free(&l);
	free(schema_dir);
	return errors > 0 ? HP_EXIT_FINDINGS : HP_EXIT_OK;
}

static int
run_show(const char *path, const char *lang, int json, struct hp_ctx *ctx)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_tmpl *t;
	int r = 0;

	if ((t = hp_tmpl_load(path, lang, &ctx->warnings, &ctx->error)) ==
	    NULL)
		return -1;
	if (json)
		r = hp_tmpl_render_json(t, &b, &ctx->error);
	else
		hp_tmpl_render_text(t, &b);
	if (r == 0)
		fwrite(b.buf, 1, b.len, stdout);
	hp_buf_release(&b);
	hp_tmpl_free(t);
	return r == 0 ? HP_EXIT_OK : -1;
}

static int
run_convert(const char *path, const char *lang, const char *dir,
    struct hp_ctx *ctx)
{
	struct hp_tmpl_conversion c;
	struct hp_txn *txn = NULL;
	struct hp_tmpl *t;
	size_t i;
	int r = -1;

	if (lang == NULL)
		lang = "en-US";
	if ((t = hp_tmpl_load(path, lang, &ctx->warnings, &ctx->error)) ==
	    NULL)
		return -1;
	if (hp_tmpl_convert(t, path, lang, dir, &c, &ctx->error) == -1)
		goto out;
	/* One transaction: an ADMX and its ADML both, or neither. */
	if (hp_txn_begin(&txn, &ctx->error) == -1 ||
	    hp_txn_mkdir(txn, c.dir, &ctx->error) == -1)
		goto out;
	for (i = 0; i < c.nfiles; i++)
		if (hp_txn_put(txn, c.files[i].path, c.files[i].data.buf,
		    c.files[i].data.len, &ctx->error) == -1)
			goto out;
	if (hp_txn_commit(txn, &ctx->warnings, &ctx->error) == -1)
		goto out;
	for (i = 0; i < c.nfiles; i++)
		printf("%s\n", c.files[i].path);
	r = HP_EXIT_OK;
out:
	hp_txn_free(txn);
	hp_tmpl_conversion_free(&c);
	hp_tmpl_free(t);
	return r;
}

static int
run_state(const char *tpath, const char *src, const char *lang,
    const char *mount, enum hp_root cls, struct hp_ctx *ctx)
{
	static const enum hp_root roots[] = { HP_ROOT_HKLM, HP_ROOT_HKCU };
	struct hp_source_opts o;
	struct hp_source *s = NULL;
	struct hp_tmpl *t;
	struct hp_buf d = HP_BUF_INIT;
	struct hp_view v;
	enum hp_tmpl_pstate st;
	enum hp_root only = HP_ROOT_NONE;
	size_t i, k, shown = 0;
	int r = HP_EXIT_OK;

	memset(&o, 0, sizeof(o));
	o.mount = mount;
	o.pol_root = cls;
	if ((t = hp_tmpl_load(tpath, lang, &ctx->warnings, &ctx->error)) ==
	    NULL)
		return -1;
	if (hp_source_open(src, &o, &s, &ctx->warnings, &ctx->error) == -1) {
		hp_tmpl_free(t);
		return -1;
	}
	hp_source_view(s, &v);
	/* A Registry.pol holds one class: the other is not in it. */
	if (s->format == HP_FMT_POL)
		hp_pol_root(src, &o, &only, NULL, NULL);
	for (i = 0; i < t->npolicies && r == HP_EXIT_OK; i++) {
		const struct hp_tmpl_policy *p = &t->policies[i];

		for (k = 0; k < 2; k++) {
			if ((only != HP_ROOT_NONE && roots[k] != only) ||
			    !hp_tmpl_policy_in_view(p, &v, roots[k]))
				continue;
			hp_buf_reset(&d);
			if (hp_tmpl_policy_state(t, p, &v, roots[k], &st, &d,
			    &ctx->error) == -1) {
				r = -1;
				break;
			}
			printf("%s [%s]: %s\n%s", p->name,
			    hp_root_short(roots[k]), hp_tmpl_pstate_name(st),
			    d.buf);
			shown++;
		}
	}
	if (r == HP_EXIT_OK && shown == 0)
		hp_warn(&ctx->warnings, "%s: no policy of %s lies inside this "
		    "source (give --mount for a hive whose mount is unknown)",
		    src, tpath);
	hp_buf_release(&d);
	hp_source_close(s);
	hp_tmpl_free(t);
	return r;
}

struct template_opts {
	const char	*lang;
	const char	*out;		/* convert -o DIR */
	const char	*tmpl;		/* state -t TEMPLATE */
	const char	*mount;		/* state --mount */
	int		 json;		/* show --json */
	enum hp_root	 cls;		/* state --class */
};

/* One verb, given the options and operands it takes. */
static int
run_verb(const char *verb, int argc, char **argv,
    const struct template_opts *o, struct hp_ctx *ctx)
{
	if (strcmp(verb, "lint") == 0) {
		if (argc < 1 || o->json || o->out)
			return hp_cli_usage(ctx, &hp_cmd_template, "lint takes "
			    "[--lang] and one or more files");
		return run_lint(argc, argv, o->lang, ctx);
	}
	if (strcmp(verb, "show") == 0) {
		if (argc != 1 || o->out)
			return hp_cli_usage(ctx, &hp_cmd_template, "show takes "
			    "[--json] [--lang] and one file");
		return run_show(argv[0], o->lang, o->json, ctx);
	}
	if (strcmp(verb, "convert") == 0) {
		if (argc != 1 || o->out == NULL || o->json)
			return hp_cli_usage(ctx, &hp_cmd_template, "convert "
			    "takes -o DIR and one file");
		return run_convert(argv[0], o->lang, o->out, ctx);
	}
	if (strcmp(verb, "state") == 0) {
		if (argc != 1 || o->tmpl == NULL || o->out || o->json)
			return hp_cli_usage(ctx, &hp_cmd_template, "state "
			    "takes -t TEMPLATE and one source");
		return run_state(o->tmpl, argv[0], o->lang, o->mount, o->cls,
		    ctx);
	}
	return hp_cli_usage(ctx, &hp_cmd_template, "unknown verb %s "
	    "(lint, show, convert or state)", verb);
}

static int
run_template(int argc, char **argv, struct hp_ctx *ctx)
{
	struct template_opts o = { NULL, NULL, NULL, NULL, 0, HP_ROOT_NONE };
	struct hp_option options[] = {
		HP_OPT_STRING(0, "lang", &o.lang, "<lang>", "the ADML "
		    "language (default: en-US)"),
		HP_OPT_BOOL(0, "json", &o.json, "show: print JSON"),
		HP_OPT_STRING('o', "output", &o.out, "<dir>", "convert: the "
		    "folder to write into"),
		HP_OPT_STRING('t', "template", &o.tmpl, "<template>",
		    "state: the template whose policies are read"),
		HP_OPT_MOUNT(&o.mount),
		HP_OPT_CLASS(&o.cls),
		HP_OPT_NO_RECOVER(),
		HP_OPT_END()
	};

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_template,
	    0, ctx)) < 0)
		return hp_parse_exit(argc);
	if (argc < 1)
		return hp_cli_usage(ctx, &hp_cmd_template, "expected lint, "
		    "show, convert or state");
	return run_verb(argv[0], argc - 1, argv + 1, &o, ctx);
}
