/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include "core/buf.h"
#include "cli/cli.h"
#include "formats/gpo.h"
#include "formats/json.h"
#include "formats/polfile.h"
#include "formats/poltext.h"
#include "formats/secedit_settings.h"
#include "formats/source.h"
#include "cli/vocab_opts.h"
#include "templates/vocab.h"
#include "templates/vocab_group.h"

static int run_show(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_show = {
	"show", "show [--json] [--class machine|user] [--templates <dir> "
	"[--lang <lang>]] <file.pol | gpo-dir | GptTmpl.inf | audit.csv>",
	"list a Registry.pol's (or a GPO's two) entries one per line as they "
	"are in the file, commands spelled out (like LGPO /parse), or a "
	"security template's or audit policy's settings", run_show
};

struct shown {
	struct json_object	*arr;	/* --json */
	struct hp_buf		 line;
	struct hp_vocab_group	*group;	/* --templates */
};

static int
show_file(const char *path, enum hp_root root, struct shown *sh,
    struct hp_ctx *ctx)
{
	struct hp_pol pol = HP_POL_INIT;
	size_t i;
	int r;

	r = hp_pol_read_file(path, &pol, &ctx->warnings, &ctx->error);
	for (i = 0; r == 0 && i < pol.n; i++) {
		if (sh->group != NULL) {
			hp_vocab_group_add_pol(sh->group, &pol.v[i], root);
			continue;
		}
		if (sh->arr != NULL) {
			json_object_array_add(sh->arr,
			    hp_pol_entry_json(&pol.v[i], root));
			continue;
		}
		hp_buf_reset(&sh->line);
		hp_pol_entry_describe(&pol.v[i], root, &sh->line);
		printf("%s\n", sh->line.buf);
	}
	hp_pol_free(&pol);
	return r;
}

/* A security template or audit.csv: its registry operations, then the rest. */
static int
show_settings(const char *path, struct shown *sh, struct hp_ctx *ctx)
{
	struct hp_source *s;
	size_t i;

	if (hp_source_open(path, NULL, &s, &ctx->warnings, &ctx->error) == -1)
		return -1;
	for (i = 0; i < s->patch.n; i++) {
		hp_buf_reset(&sh->line);
		if (sh->arr != NULL)
			json_object_array_add(sh->arr,
			    hp_secedit_op_json(&s->patch.ops[i]));
		else if (hp_op_describe(&s->patch.ops[i], &sh->line) == 0)
			printf("%s\n", sh->line.buf);
	}
	for (i = 0; i < s->settings.n; i++) {
		hp_buf_reset(&sh->line);
		if (sh->arr != NULL) {
			json_object_array_add(sh->arr,
			    hp_secset_json(&s->settings.v[i]));
			continue;
		}
		hp_secset_describe(&s->settings.v[i], &sh->line);
		printf("%s\n", sh->line.buf);
	}
	hp_source_close(s);
	return 0;
}

/*
 * A GPO folder: its Machine/ then its User/ Registry.pol; held, its
 * security template and audit policy (shown as show_settings does).
 */
static int
show_gpo(const char *path, int held, struct shown *sh, struct hp_ctx *ctx)
{
	struct hp_gpo g;
	int r;

	r = hp_gpo_locate(path, &g, &ctx->error);
	if (r == 0 && !held && g.machine_pol != NULL)
		r = show_file(g.machine_pol, HP_ROOT_HKLM, sh, ctx);
	if (r == 0 && !held && g.user_pol != NULL)
		r = show_file(g.user_pol, HP_ROOT_HKCU, sh, ctx);
	if (r == 0 && held && g.gpttmpl != NULL)
		r = show_settings(g.gpttmpl, sh, ctx);
	if (r == 0 && held && g.audit_csv != NULL)
		r = show_settings(g.audit_csv, sh, ctx);
	hp_gpo_free(&g);
	return r;
}

/* --json: the entries in a versioned document (docs/report-schema.md). */
static void
print_entries(struct json_object *arr)
{
	struct json_object *doc = json_object_new_object();

	json_object_object_add(doc, "schema",
	    json_object_new_string("hivepol-show/1"));
	json_object_object_add(doc, "entries", json_object_get(arr));
	hp_json_print(doc);
	json_object_put(doc);
}

/* --templates: the settings per policy, as GPMC's report lists them. */
static void
print_group(const struct hp_vocab_group *g, int json, struct hp_buf *b,
    struct json_object *settings)
{
	struct json_object *j;

	if (json) {
		j = hp_vocab_group_json(g);
		json_object_object_add(j, "schema",
		    json_object_new_string("hivepol-show-templates/1"));
		if (settings != NULL)
			json_object_object_add(j, "settings",
			    json_object_get(settings));
		hp_json_print(j);
		json_object_put(j);
		return;
	}
	hp_buf_reset(b);
	hp_vocab_group_text(g, b);
	fputs(b->buf, stdout);
}

static int
run_show(int argc, char **argv, struct hp_ctx *ctx)
{
	struct shown sh = { NULL, HP_BUF_INIT, NULL };
	struct hp_cli_vocab_opts vo = { NULL, NULL };
	struct hp_vocab *vocab = NULL;
	enum hp_root root = HP_ROOT_NONE;
	enum hp_format fmt;
	int json = 0;
	struct hp_option options[] = {
		HP_OPT_BOOL(0, "json", &json, "print the entries as JSON"),
		HP_OPT_CLASS(&root),
		HP_OPT_TEMPLATES(&vo),
		HP_OPT_OPERANDS(1, 1, "expected one Registry.pol file, "
		    "GPO folder, security template or audit.csv"),
		HP_OPT_END()
	};
	int r;

	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_show, 0,
	    ctx)) < 0)
		return hp_parse_exit(argc);
	fmt = hp_format_detect(argv[0]);
	if (hp_cli_vocab_open(&vo, &hp_cmd_show, &vocab, ctx) == -1)
		return -1;
	/* Security templates name their settings themselves. */
	if (vocab != NULL && fmt != HP_FMT_SECEDIT && fmt != HP_FMT_AUDITCSV)
		sh.group = hp_vocab_group_new(vocab);
	else if (json)
		sh.arr = json_object_new_array();
	if (fmt == HP_FMT_GPO) {
		r = show_gpo(argv[0], 0, &sh, ctx);
		/* Templates name registry settings only: the rest apart. */
		if (r == 0 && sh.group != NULL && json)
			sh.arr = json_object_new_array();
		if (r == 0 && (sh.group == NULL || json))
			r = show_gpo(argv[0], 1, &sh, ctx);
	} else if (fmt == HP_FMT_SECEDIT || fmt == HP_FMT_AUDITCSV)
		r = show_settings(argv[0], &sh, ctx);
	else {
		/* The class only labels the lines here: unknown is fine. */
		hp_pol_root(argv[0], &(struct hp_source_opts){ .pol_root =
		    root }, &root, &ctx->warnings, NULL);
		r = show_file(argv[0], root, &sh, ctx);
	}
	if (r == 0 && sh.group != NULL)
		print_group(sh.group, json, &sh.line, sh.arr);
	if (r == 0 && sh.group != NULL && !json && fmt == HP_FMT_GPO)
		r = show_gpo(argv[0], 1, &sh, ctx);
	if (r == 0 && sh.arr != NULL && sh.group == NULL)
		print_entries(sh.arr);
	if (sh.arr != NULL)
		json_object_put(sh.arr);
	hp_vocab_group_free(sh.group);
	hp_vocab_free(vocab);
	hp_buf_release(&sh.line);
	return r == 0 ? HP_EXIT_OK : -1;
}
