/*
 * "hivepol template": lint, show and convert administrative templates
 * (ADM, ADMX/ADML).  One command with verbs, since all three share the
 * loader and the options.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "templates/adm.h"
#include "templates/admx.h"
#include "core/buf.h"
#include "cli/cli.h"
#include "cli/schema_dir.h"
#include "formats/json.h"
#include "templates/lint.h"
#include "formats/source.h"
#include "templates/template.h"
#include "core/txn.h"
#include "core/view.h"

static int run_template(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_template = {
	"template",
	"template lint [--lang <lang>] <file>...\n"
	"       hivepol template show [--json] [--lang <lang>] <file>\n"
	"       hivepol template convert [--lang <lang>] -o <dir> <file>\n"
	"       hivepol template state [--mount <prefix>] -t <template> "
	"<source>",
	"check, list and convert administrative templates (ADM, ADMX/ADML) "
	"and read their policies' state from a hive",
	run_template
};

static int
run_lint(int argc, char **argv, const char *lang, struct hp_ctx *ctx)
{
	struct hp_lint l = HP_LINT_INIT;
	char *schema_dir = hp_cli_schema_dir();
	size_t i, errors = 0;
	int k;

	l.schema_dir = schema_dir;
	l.schema_hint = HP_CLI_SCHEMA_HINT;
	for (k = 0; k < argc; k++) {
		if (hp_lint_file(argv[k], lang, &l, &ctx->error) == -1) {
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
	hp_lint_free(&l);
	free(schema_dir);
	return errors > 0 ? HP_EXIT_FINDINGS : HP_EXIT_OK;
}

static void
value_text(const struct hp_tmpl_value *v, struct hp_buf *b)
{
	switch (v->kind) {
	case HP_TV_NONE:
		hp_buf_adds(b, "-");
		break;
	case HP_TV_DELETE:
		hp_buf_adds(b, "delete");
		break;
	case HP_TV_DECIMAL:
		hp_buf_addf(b, "REG_DWORD %" PRIu64, v->num);
		break;
	case HP_TV_LONGDECIMAL:
		hp_buf_addf(b, "REG_QWORD %" PRIu64, v->num);
		break;
	case HP_TV_STRING:
		hp_buf_adds(b, "REG_SZ ");
		hp_buf_addrepr(b, v->str, strlen(v->str));
		break;
	}
}

static struct json_object *
value_json(const struct hp_tmpl_value *v)
{
	struct json_object *o;

	if (v->kind == HP_TV_NONE)
		return NULL;
	o = json_object_new_object();
	switch (v->kind) {
	case HP_TV_DELETE:
		json_object_object_add(o, "delete", json_object_new_boolean(1));
		break;
	case HP_TV_DECIMAL:
	case HP_TV_LONGDECIMAL:
		json_object_object_add(o, v->kind == HP_TV_DECIMAL ?
		    "decimal" : "longDecimal", json_object_new_uint64(v->num));
		break;
	default:
		json_object_object_add(o, "string",
		    json_object_new_string(v->str));
	}
	return o;
}

static void
add_str(struct json_object *o, const char *k, const char *v)
{
	if (v != NULL)
		json_object_object_add(o, k, json_object_new_string(v));
}

static struct json_object *
vlist_json(const struct hp_tmpl_vlist *l, const char *key)
{
	struct json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; i < l->n; i++) {
		struct json_object *o = json_object_new_object();

		add_str(o, "key", l->v[i].key ? l->v[i].key : l->default_key ?
		    l->default_key : key);
		add_str(o, "valueName", l->v[i].value_name);
		json_object_object_add(o, "value", value_json(&l->v[i].value));
		json_object_array_add(a, o);
	}
	return a;
}

/* The constraints of an element, one line. */
static void
elem_text(const struct hp_tmpl *t, const struct hp_tmpl_elem *el,
    struct hp_buf *b)
{
	size_t i;

	hp_buf_addf(b, "%s %s", hp_tmpl_etype_name(el->type), el->id);
	if (el->key != NULL)
		hp_buf_addf(b, " key %s", el->key);
	if (el->value_name != NULL)
		hp_buf_addf(b, " value \"%s\"", el->value_name);
	switch (el->type) {
	case HP_TE_DECIMAL:
	case HP_TE_LONGDECIMAL:
		hp_buf_addf(b, " range %" PRIu64 "-%" PRIu64, el->min,
		    el->max);
		if (el->store_as_text)
			hp_buf_adds(b, " as text");
		break;
	case HP_TE_TEXT:
	case HP_TE_MULTITEXT:
		hp_buf_addf(b, " maxLength %lu", el->max_length);
		if (el->expandable)
			hp_buf_adds(b, " expandable");
		break;
	case HP_TE_ENUM:
		hp_buf_adds(b, " items");
		for (i = 0; i < el->nitems; i++) {
			hp_buf_addf(b, "%s\"%s\"=", i ? ", " : " ",
			    hp_tmpl_text(t, NULL, el->items[i].display));
			value_text(&el->items[i].value, b);
		}
		break;
	case HP_TE_LIST:
		if (el->value_prefix != NULL)
			hp_buf_addf(b, " prefix \"%s\"", el->value_prefix);
		if (el->explicit_value)
			hp_buf_adds(b, " explicit");
		if (el->additive)
			hp_buf_adds(b, " additive");
		if (el->expandable)
			hp_buf_adds(b, " expandable");
		break;
	case HP_TE_BOOLEAN:
		hp_buf_adds(b, " on ");
		value_text(&el->true_value, b);
		hp_buf_adds(b, " off ");
		value_text(&el->false_value, b);
		break;
	}
	if (el->required)
		hp_buf_adds(b, " required");
	if (el->soft)
		hp_buf_adds(b, " soft");
}

static struct json_object *
elem_json(const struct hp_tmpl *t, const struct hp_tmpl_policy *p,
    const struct hp_tmpl_elem *el)
{
	struct json_object *o = json_object_new_object(), *a;
	const char *key = el->key ? el->key : p->key;
	size_t i;

	add_str(o, "id", el->id);
	add_str(o, "type", hp_tmpl_etype_name(el->type));
	add_str(o, "key", key);
	add_str(o, "valueName", el->value_name);
	json_object_object_add(o, "required",
	    json_object_new_boolean(el->required));
	switch (el->type) {
	case HP_TE_DECIMAL:
	case HP_TE_LONGDECIMAL:
		json_object_object_add(o, "minValue",
		    json_object_new_uint64(el->min));
		json_object_object_add(o, "maxValue",
		    json_object_new_uint64(el->max));
		json_object_object_add(o, "storeAsText",
		    json_object_new_boolean(el->store_as_text));
		break;
	case HP_TE_TEXT:
	case HP_TE_MULTITEXT:
		json_object_object_add(o, "maxLength",
		    json_object_new_uint64(el->max_length));
		json_object_object_add(o, "expandable",
		    json_object_new_boolean(el->expandable));
		break;
	case HP_TE_ENUM:
		a = json_object_new_array();
		for (i = 0; i < el->nitems; i++) {
			struct json_object *it = json_object_new_object();

			add_str(it, "displayName", hp_tmpl_text(t, NULL,
			    el->items[i].display));
			json_object_object_add(it, "value",
			    value_json(&el->items[i].value));
			if (el->items[i].list.n > 0)
				json_object_object_add(it, "valueList",
				    vlist_json(&el->items[i].list, key));
			json_object_array_add(a, it);
		}
		json_object_object_add(o, "items", a);
		break;
	case HP_TE_LIST:
		add_str(o, "valuePrefix", el->value_prefix);
		json_object_object_add(o, "explicitValue",
		    json_object_new_boolean(el->explicit_value));
		json_object_object_add(o, "additive",
		    json_object_new_boolean(el->additive));
		json_object_object_add(o, "expandable",
		    json_object_new_boolean(el->expandable));
		break;
	case HP_TE_BOOLEAN:
		json_object_object_add(o, "trueValue",
		    value_json(&el->true_value));
		json_object_object_add(o, "falseValue",
		    value_json(&el->false_value));
		break;
	}
	return o;
}

static int
run_show(const char *path, const char *lang, int json, struct hp_ctx *ctx)
{
	struct hp_tmpl *t;
	struct json_object *arr = NULL;
	struct hp_buf b = HP_BUF_INIT;
	size_t i, j;

	if ((t = hp_tmpl_load(path, lang, &ctx->warnings, &ctx->error)) ==
	    NULL)
		return -1;
	if (json)
		arr = json_object_new_array();
	for (i = 0; i < t->npolicies; i++) {
		const struct hp_tmpl_policy *p = &t->policies[i];
		const struct hp_tmpl_category *cat = NULL;

		for (j = 0; p->parent != NULL && j < t->ncats; j++)
			if (strcmp(t->cats[j].name, p->parent) == 0)
				cat = &t->cats[j];
		if (json) {
			struct json_object *o = json_object_new_object(), *a;

			add_str(o, "name", p->name);
			add_str(o, "class", hp_tmpl_class_name(p->cls));
			add_str(o, "displayName", hp_tmpl_text(t, NULL,
			    p->display));
			add_str(o, "category", p->parent);
			add_str(o, "key", p->key);
			add_str(o, "valueName", p->value_name);
			if (p->enabled_value.kind != HP_TV_NONE)
				json_object_object_add(o, "enabledValue",
				    value_json(&p->enabled_value));
			if (p->disabled_value.kind != HP_TV_NONE)
				json_object_object_add(o, "disabledValue",
				    value_json(&p->disabled_value));
			if (p->enabled_list.n > 0)
				json_object_object_add(o, "enabledList",
				    vlist_json(&p->enabled_list, p->key));
			if (p->disabled_list.n > 0)
				json_object_object_add(o, "disabledList",
				    vlist_json(&p->disabled_list, p->key));
			a = json_object_new_array();
			for (j = 0; j < p->nelems; j++)
				json_object_array_add(a, elem_json(t, p,
				    &p->elems[j]));
			json_object_object_add(o, "elements", a);
			json_object_array_add(arr, o);
			continue;
		}
		printf("%s [%s] \"%s\"\n", p->name, hp_tmpl_class_name(p->cls),
		    hp_tmpl_text(t, NULL, p->display));
		if (cat != NULL)
			printf("  category: %s \"%s\"\n", cat->name,
			    hp_tmpl_text(t, NULL, cat->display));
		else if (p->parent != NULL)
			printf("  category: %s\n", p->parent);
		printf("  key: %s\n", p->key);
		if (p->value_name != NULL) {
			hp_buf_reset(&b);
			hp_buf_addf(&b, "  value: \"%s\" enabled ",
			    p->value_name);
			if (p->enabled_value.kind == HP_TV_NONE)
				hp_buf_adds(&b, "REG_DWORD 1");
			else
				value_text(&p->enabled_value, &b);
			hp_buf_adds(&b, ", disabled ");
			if (p->disabled_value.kind == HP_TV_NONE)
				hp_buf_adds(&b, "delete");
			else
				value_text(&p->disabled_value, &b);
			puts(b.buf);
		}
		for (j = 0; j < p->enabled_list.n; j++) {
			hp_buf_reset(&b);
			value_text(&p->enabled_list.v[j].value, &b);
			printf("  enabled list: \"%s\" %s\n",
			    p->enabled_list.v[j].value_name, b.buf);
		}
		for (j = 0; j < p->disabled_list.n; j++) {
			hp_buf_reset(&b);
			value_text(&p->disabled_list.v[j].value, &b);
			printf("  disabled list: \"%s\" %s\n",
			    p->disabled_list.v[j].value_name, b.buf);
		}
		for (j = 0; j < p->nelems; j++) {
			hp_buf_reset(&b);
			elem_text(t, &p->elems[j], &b);
			printf("  element: %s\n", b.buf);
		}
	}
	if (json)
		hp_json_print(arr);
	json_object_put(arr);
	hp_buf_release(&b);
	hp_tmpl_free(t);
	return HP_EXIT_OK;
}

/* "dir/base.ext" from path's base name. */
static char *
out_name(const char *dir, const char *sub, const char *path,
    const char *ext)
{
	struct hp_buf b = HP_BUF_INIT;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *dot = strrchr(base, '.');

	hp_buf_addf(&b, "%s/", dir);
	if (sub != NULL)
		hp_buf_addf(&b, "%s/", sub);
	hp_buf_add(&b, base, dot ? (size_t)(dot - base) : strlen(base));
	hp_buf_adds(&b, ext);
	return hp_buf_detach(&b, NULL);
}

static int
run_convert(const char *path, const char *lang, const char *dir,
    struct hp_ctx *ctx)
{
	struct hp_buf x = HP_BUF_INIT, l = HP_BUF_INIT, sub = HP_BUF_INIT;
	struct hp_txn *txn = NULL;
	struct hp_tmpl *t;
	char *px = NULL, *pl = NULL;
	int r = -1, adm;

	if (lang == NULL)
		lang = "en-US";
	if ((t = hp_tmpl_load(path, lang, &ctx->warnings, &ctx->error)) ==
	    NULL)
		return -1;
	adm = t->nlangs > 0 && t->langs[0].file == t->file;
	if (adm) {
		/* Both files are built before either is written. */
		if (hp_admx_write(t, &x, &ctx->error) == -1 ||
		    hp_adml_write(t, lang, &l, &ctx->error) == -1)
			goto out;
		hp_buf_addf(&sub, "%s/%s", dir, lang);
		px = out_name(dir, NULL, path, ".admx");
		pl = out_name(dir, lang, path, ".adml");
	} else {
		if (hp_adm_write(t, lang, &x, &ctx->error) == -1)
			goto out;
		hp_buf_adds(&sub, dir);
		px = out_name(dir, NULL, path, ".adm");
	}
	/* One transaction: an ADMX and its ADML both, or neither. */
	if (hp_txn_begin(&txn, &ctx->error) == -1 ||
	    hp_txn_mkdir(txn, sub.buf, &ctx->error) == -1 ||
	    hp_txn_put(txn, px, x.buf, x.len, &ctx->error) == -1 ||
	    (pl != NULL && hp_txn_put(txn, pl, l.buf, l.len,
	    &ctx->error) == -1) ||
	    hp_txn_commit(txn, &ctx->warnings, &ctx->error) == -1)
		goto out;
	printf("%s\n", px);
	if (pl != NULL)
		printf("%s\n", pl);
	r = HP_EXIT_OK;
out:
	hp_txn_free(txn);
	free(px);
	free(pl);
	hp_buf_release(&x);
	hp_buf_release(&l);
	hp_buf_release(&sub);
	hp_tmpl_free(t);
	return r;
}

/* 1 if the policy's key lies inside what the view serves. */
static int
in_view(const struct hp_view *v, const char *key, enum hp_root root)
{
	struct hp_path p = HP_PATH_INIT, rel = HP_PATH_INIT;
	int r;

	if (hp_path_parse_relative(key, &p, NULL) == -1)
		return 0;
	p.root = root;
	r = hp_view_relative(v, &p, &rel, NULL);
	hp_path_free(&p);
	hp_path_free(&rel);
	return r == 0;
}

static int
run_state(const char *tpath, const char *src, const char *lang,
    const char *mount, struct hp_ctx *ctx)
{
	static const enum hp_root roots[] = { HP_ROOT_HKLM, HP_ROOT_HKCU };
	struct hp_source_opts o;
	struct hp_source *s = NULL;
	struct hp_tmpl *t;
	struct hp_buf d = HP_BUF_INIT;
	struct hp_view v;
	enum hp_tmpl_pstate st;
	size_t i, k, shown = 0;
	int r = HP_EXIT_OK;

	memset(&o, 0, sizeof(o));
	o.mount = mount;
	if ((t = hp_tmpl_load(tpath, lang, &ctx->warnings, &ctx->error)) ==
	    NULL)
		return -1;
	if (hp_source_open(src, &o, &s, &ctx->warnings, &ctx->error) == -1) {
		hp_tmpl_free(t);
		return -1;
	}
	hp_source_view(s, &v);
	for (i = 0; i < t->npolicies && r == HP_EXIT_OK; i++) {
		const struct hp_tmpl_policy *p = &t->policies[i];

		for (k = 0; k < 2; k++) {
			if (!(p->cls & (k == 0 ? HP_TMPL_MACHINE :
			    HP_TMPL_USER)) || !in_view(&v, p->key, roots[k]))
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

static int
run_template(int argc, char **argv, struct hp_ctx *ctx)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "lang", required_argument, NULL, 'l' },
		{ "output", required_argument, NULL, 'o' },
		{ "template", required_argument, NULL, 't' },
		{ "mount", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 }
	};
	const char *verb, *lang = NULL, *out = NULL, *tmpl = NULL;
	const char *mount = NULL;
	int opt, json = 0;

	if (argc < 2)
		return hp_cli_usage(ctx, &hp_cmd_template, "expected lint, "
		    "show, convert or state");
	verb = argv[1];
	argc--;
	argv++;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "o:t:", longopts, NULL)) !=
	    -1) {
		if (opt == 'j')
			json = 1;
		else if (opt == 'l')
			lang = optarg;
		else if (opt == 'o')
			out = optarg;
		else if (opt == 't')
			tmpl = optarg;
		else if (opt == 'm')
			mount = optarg;
		else
			return hp_cli_bad_option(ctx, &hp_cmd_template, opt,
			    argc, argv);
	}
	argc -= optind;
	argv += optind;
	if (strcmp(verb, "lint") == 0) {
		if (argc < 1 || json || out)
			return hp_cli_usage(ctx, &hp_cmd_template, "lint takes "
			    "[--lang] and one or more files");
		return run_lint(argc, argv, lang, ctx);
	}
	if (strcmp(verb, "show") == 0) {
		if (argc != 1 || out)
			return hp_cli_usage(ctx, &hp_cmd_template, "show takes "
			    "[--json] [--lang] and one file");
		return run_show(argv[0], lang, json, ctx);
	}
	if (strcmp(verb, "convert") == 0) {
		if (argc != 1 || out == NULL || json)
			return hp_cli_usage(ctx, &hp_cmd_template, "convert "
			    "takes -o DIR and one file");
		return run_convert(argv[0], lang, out, ctx);
	}
	if (strcmp(verb, "state") == 0) {
		if (argc != 1 || tmpl == NULL || out || json)
			return hp_cli_usage(ctx, &hp_cmd_template, "state "
			    "takes -t TEMPLATE and one source");
		return run_state(tmpl, argv[0], lang, mount, ctx);
	}
	return hp_cli_usage(ctx, &hp_cmd_template, "unknown verb %s "
	    "(lint, show, convert or state)", verb);
}
