/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The policy file reader: libconfuse parses the syntax of a file and the
 * files it includes; rules are read here, settings in policy_setting.c;
 * once every file is read, rule members are resolved to indices.
 */
#include <confuse.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "core/limits.h"
#include "core/text.h"
#include "policy/policy_read.h"
#include "policy/secpolicy.h"

/*
 * libconfuse reports parse errors through a callback without a user
 * pointer; this thread-local slot carries the message out of cfg_parse.
 */
static _Thread_local struct {
	char	msg[HP_ERROR_MAX];
	int	line;
	int	set;
} cfg_err;

static void
errfunc(cfg_t *cfg, const char *fmt, va_list ap)
{
	if (cfg_err.set)
		return;		/* the first error is the one that matters */
	vsnprintf(cfg_err.msg, sizeof(cfg_err.msg), fmt, ap);
	cfg_err.line = cfg != NULL ? cfg->line : 0;
	cfg_err.set = 1;
}

int
policy_fail(struct hp_error *e, const char *file, int line, const char *fmt,
    ...)
{
	char msg[HP_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return hp_error_set(e, HP_E_INPUT, "%s:%d: %s", file, line, msg);
}

int
policy_is_numeric(uint32_t type)
{
	return type == HP_REG_DWORD || type == HP_REG_QWORD ||
	    type == HP_REG_DWORD_BIG_ENDIAN;
}

char *
policy_dup_opt(cfg_t *sec, const char *name)
{
	const char *s = cfg_getstr(sec, name);

	return s != NULL ? hp_strdup(s) : NULL;
}

int
policy_parse_severity(const char *s, enum hp_severity *out)
{
	if (s == NULL || strcmp(s, "error") == 0)
		*out = HP_SEV_ERROR;
	else if (strcmp(s, "warning") == 0)
		*out = HP_SEV_WARNING;
	else if (strcmp(s, "info") == 0)
		*out = HP_SEV_INFO;
	else
		return -1;
	return 0;
}

char **
policy_list_strs(cfg_t *sec, const char *name, size_t *n)
{
	size_t i;
	char **v;

	*n = cfg_size(sec, name);
	v = hp_calloc(*n + 1, sizeof(*v));
	for (i = 0; i < *n; i++)
		v[i] = cfg_getnstr(sec, name, (unsigned)i);
	return v;
}

char *
policy_sibling_path(const char *file, const char *name)
{
	struct hp_buf b = HP_BUF_INIT;
	char *copy;

	if (name[0] == '/')
		return hp_strdup(name);
	copy = hp_strdup(file);
	hp_buf_addf(&b, "%s/%s", dirname(copy), name);
	free(copy);
	return hp_buf_detach(&b, NULL);
}

/* Appends a zeroed rule and its pending member list. */
static struct hp_rule *
new_rule(struct loader *ld, struct pending **pd)
{
	struct hp_policy *pol = ld->pol;
	struct hp_rule *r;

	HP_ALLOC_GROW(pol->rules, pol->nrules + 1, ld->rulecap);
	HP_ALLOC_GROW(ld->pend, pol->nrules + 1, ld->pendcap);
	*pd = &ld->pend[pol->nrules];
	memset(*pd, 0, sizeof(**pd));
	r = &pol->rules[pol->nrules++];
	memset(r, 0, sizeof(*r));
	return r;
}

static int
read_rule_kind(struct loader *ld, cfg_t *sec, const struct secline *sl,
    struct hp_rule *r)
{
	const char *kind = cfg_getstr(sec, "kind");

	if (kind == NULL)
		return policy_fail(ld->e, r->loc.file, r->loc.line,
		    "rule \"%s\" has no kind (required_together, range or "
		    "disjoint)", r->name);
	if (strcmp(kind, "required_together") == 0)
		r->kind = HP_RULE_TOGETHER;
	else if (strcmp(kind, "range") == 0)
		r->kind = HP_RULE_RANGE;
	else if (strcmp(kind, "disjoint") == 0)
		r->kind = HP_RULE_DISJOINT;
	else
		return policy_fail(ld->e, r->loc.file, policy_opt_line(sl,
		    "kind"), "rule \"%s\": unknown kind \"%s\" "
		    "(required_together, range or disjoint)", r->name, kind);
	return 0;
}

/* The member names (settings, or ranges for disjoint), kept for later. */
static int
read_rule_members(struct loader *ld, cfg_t *sec, const struct secline *sl,
    const struct hp_rule *r, struct pending *pd)
{
	const char *list = r->kind == HP_RULE_DISJOINT ? "ranges" : "settings";
	size_t i, want = r->kind == HP_RULE_TOGETHER ? 0 : 2;

	pd->line = policy_opt_line(sl, list);
	pd->names = policy_list_strs(sec, list, &pd->n);
	/* libconfuse owns the strings; keep copies past cfg_free. */
	for (i = 0; i < pd->n; i++)
		pd->names[i] = hp_strdup(pd->names[i]);
	if ((want != 0 && pd->n != want) || (want == 0 && pd->n < 2))
		return policy_fail(ld->e, r->loc.file, pd->line,
		    "rule \"%s\": a %s rule takes %s %s", r->name,
		    cfg_getstr(sec, "kind"), want ? "exactly two" :
		    "two or more", list);
	return 0;
}

/* min_width and min_width_odd, which only range rules have. */
static int
read_rule_widths(struct loader *ld, cfg_t *sec, const struct secline *sl,
    struct hp_rule *r)
{
	long num;

	if (r->kind != HP_RULE_RANGE && (cfg_size(sec, "min_width") > 0 ||
	    cfg_size(sec, "min_width_odd") > 0))
		return policy_fail(ld->e, r->loc.file, policy_opt_line(sl,
		    "min_width"), "rule \"%s\": min_width applies to range "
		    "rules only", r->name);
	if (r->kind != HP_RULE_RANGE)
		return 0;
	num = cfg_size(sec, "min_width") > 0 ? cfg_getint(sec, "min_width") :
	    2;
	if (num < 2)
		return policy_fail(ld->e, r->loc.file, policy_opt_line(sl,
		    "min_width"), "rule \"%s\": min_width must be at least 2 "
		    "(the low end is below the high end)", r->name);
	r->min_width = (uint64_t)num;
	r->min_width_odd = r->min_width;
	if (cfg_size(sec, "min_width_odd") > 0) {
		num = cfg_getint(sec, "min_width_odd");
		if (num < 2)
			return policy_fail(ld->e, r->loc.file,
			    policy_opt_line(sl, "min_width_odd"), "rule "
			    "\"%s\": min_width_odd must be at least 2",
			    r->name);
		r->min_width_odd = (uint64_t)num;
	}
	return 0;
}

static int
read_rule(struct loader *ld, cfg_t *sec, const struct lines *l,
    const char *file)
{
	struct hp_policy *pol = ld->pol;
	const struct secline *sl = policy_find_sec(l, 1, cfg_title(sec));
	struct pending *pd;
	struct hp_rule *r = new_rule(ld, &pd);
	size_t i;

	r->loc.file = file;
	r->loc.line = sl != NULL ? sl->line : 0;
	r->name = hp_strdup(cfg_title(sec));
	for (i = 0; i + 1 < pol->nrules; i++)
		if (strcmp(pol->rules[i].name, r->name) == 0)
			return policy_fail(ld->e, file, r->loc.line,
			    "rule \"%s\" is already defined at %s:%d", r->name,
			    pol->rules[i].loc.file, pol->rules[i].loc.line);
	if (read_rule_kind(ld, sec, sl, r) == -1 ||
	    read_rule_members(ld, sec, sl, r, pd) == -1 ||
	    read_rule_widths(ld, sec, sl, r) == -1)
		return -1;
	if (policy_parse_severity(cfg_getstr(sec, "severity"),
	    &r->severity) == -1)
		return policy_fail(ld->e, file, policy_opt_line(sl, "severity"),
		    "rule \"%s\": severity must be error, warning or info",
		    r->name);
	r->rationale = policy_dup_opt(sec, "rationale");
	r->source = policy_dup_opt(sec, "source");
	return 0;
}

/* Relative includes are relative to the including file. */
static int
read_includes(struct loader *ld, cfg_t *cfg, const char *file, int line)
{
	char *inc;
	size_t i;
	int r = 0;

	for (i = 0; r == 0 && i < cfg_size(cfg, "include"); i++) {
		inc = policy_sibling_path(file, cfg_getnstr(cfg, "include",
		    (unsigned)i));
		r = policy_load_file(ld, inc, file, line);
		free(inc);
	}
	return r;
}

static cfg_t *
new_cfg(void)
{
	static cfg_opt_t element_opts[] = {
		CFG_STR_LIST("data", NULL, CFGF_NODEFAULT),
		CFG_END()
	};
	static cfg_opt_t setting_opts[] = {
		CFG_STR("key", NULL, CFGF_NODEFAULT),
		CFG_STR("value", NULL, CFGF_NODEFAULT),
		CFG_STR("type", NULL, CFGF_NODEFAULT),
		CFG_STR_LIST("data", NULL, CFGF_NODEFAULT),
		CFG_STR_LIST("allowed", NULL, CFGF_NODEFAULT),
		CFG_INT("min", 0, CFGF_NODEFAULT),
		CFG_INT("max", 0, CFGF_NODEFAULT),
		CFG_STR("presence", NULL, CFGF_NODEFAULT),
		CFG_STR("severity", NULL, CFGF_NODEFAULT),
		CFG_STR("rationale", NULL, CFGF_NODEFAULT),
		CFG_STR("source", NULL, CFGF_NODEFAULT),
		CFG_STR("default_when_absent", NULL, CFGF_NODEFAULT),
		CFG_STR("confidence", NULL, CFGF_NODEFAULT),
		CFG_STR_LIST("products", NULL, CFGF_NODEFAULT),
		/* Template addressing; see docs/policy-language.md. */
		CFG_STR("template", NULL, CFGF_NODEFAULT),
		CFG_STR("policy", NULL, CFGF_NODEFAULT),
		CFG_STR("state", NULL, CFGF_NODEFAULT),
		CFG_STR("hive", NULL, CFGF_NODEFAULT),
		CFG_SEC("element", element_opts, CFGF_MULTI | CFGF_TITLE |
		    CFGF_NO_TITLE_DUPES),
		CFG_END()
	};
	static cfg_opt_t rule_opts[] = {
		CFG_STR("kind", NULL, CFGF_NODEFAULT),
		CFG_STR_LIST("settings", NULL, CFGF_NODEFAULT),
		CFG_STR_LIST("ranges", NULL, CFGF_NODEFAULT),
		CFG_INT("min_width", 0, CFGF_NODEFAULT),
		CFG_INT("min_width_odd", 0, CFGF_NODEFAULT),
		CFG_STR("severity", NULL, CFGF_NODEFAULT),
		CFG_STR("rationale", NULL, CFGF_NODEFAULT),
		CFG_STR("source", NULL, CFGF_NODEFAULT),
		CFG_END()
	};
	static cfg_opt_t security_opts[] = {
		CFG_STR("section", NULL, CFGF_NODEFAULT),
		CFG_STR("name", NULL, CFGF_NODEFAULT),
		CFG_STR("value", NULL, CFGF_NODEFAULT),
		CFG_INT("min", 0, CFGF_NODEFAULT),
		CFG_INT("max", 0, CFGF_NODEFAULT),
		CFG_STR("presence", NULL, CFGF_NODEFAULT),
		CFG_STR("severity", NULL, CFGF_NODEFAULT),
		CFG_STR("rationale", NULL, CFGF_NODEFAULT),
		CFG_STR("source", NULL, CFGF_NODEFAULT),
		CFG_END()
	};
	static cfg_opt_t opts[] = {
		CFG_STR("description", NULL, CFGF_NODEFAULT),
		CFG_STR_LIST("include", NULL, CFGF_NODEFAULT),
		CFG_SEC("setting", setting_opts, CFGF_MULTI | CFGF_TITLE |
		    CFGF_NO_TITLE_DUPES),
		CFG_SEC("rule", rule_opts, CFGF_MULTI | CFGF_TITLE |
		    CFGF_NO_TITLE_DUPES),
		CFG_SEC("security", security_opts, CFGF_MULTI | CFGF_TITLE |
		    CFGF_NO_TITLE_DUPES),
		CFG_END()
	};
	cfg_t *cfg;

	/* libconfuse copies the option tables, so static ones are safe. */
	if ((cfg = cfg_init(opts, CFGF_NONE)) != NULL)
		cfg_set_error_function(cfg, errfunc);
	return cfg;
}

/*
 * Reads the text of a policy file into text and its real path into *real,
 * refusing include chains that nest too deep or loop, and binary files.
 */
static int
read_text(struct loader *ld, const char *path, const char *from, int fline,
    struct hp_buf *text, char **real)
{
	size_t i;

	if (ld->depth >= MAX_INCLUDE_DEPTH)
		return policy_fail(ld->e, from, fline, "includes nest deeper "
		    "than %d files", MAX_INCLUDE_DEPTH);
	if (hp_file_read(path, HP_MAX_POLICY_SIZE, text, ld->e) == -1) {
		if (from != NULL)
			hp_error_prefix(ld->e, "%s:%d: include", from, fline);
		return -1;
	}
	if ((*real = realpath(path, NULL)) == NULL)
		return hp_error_errno(ld->e, HP_E_INPUT, "%s", path);
	for (i = 0; i < ld->depth; i++)
		if (strcmp(ld->chain[i], *real) == 0)
			return policy_fail(ld->e, from, fline, "include "
			    "loop: %s includes itself", path);
	if (memchr(text->buf, '\0', text->len) != NULL ||
	    !hp_text_valid_utf8(text->buf, text->len))
		return policy_fail(ld->e, path, 1, "not a policy file (binary "
		    "or not UTF-8)");
	return 0;
}

/* Keeps the file name for the lifetime of the policy (hp_loc). */
static const char *
keep_file_name(struct loader *ld, const char *path)
{
	struct hp_policy *pol = ld->pol;

	HP_ALLOC_GROW(pol->files, pol->nfiles + 1, ld->filecap);
	pol->files[pol->nfiles] = hp_strdup(path);
	return pol->files[pol->nfiles++];
}

/* The includes first, then the description, settings and rules. */
static int
read_sections(struct loader *ld, cfg_t *cfg, const struct lines *l,
    const char *file, const char *from)
{
	const char *desc = cfg_getstr(cfg, "description");
	size_t i;

	if (read_includes(ld, cfg, file, l->include) == -1)
		return -1;
	if (from == NULL && desc != NULL)
		ld->pol->description = hp_strdup(desc);
	for (i = 0; i < cfg_size(cfg, "setting"); i++)
		if (policy_read_setting(ld, cfg_getnsec(cfg, "setting",
		    (unsigned)i), l, file) == -1)
			return -1;
	for (i = 0; i < cfg_size(cfg, "rule"); i++)
		if (read_rule(ld, cfg_getnsec(cfg, "rule", (unsigned)i), l,
		    file) == -1)
			return -1;
	for (i = 0; i < cfg_size(cfg, "security"); i++)
		if (policy_read_security(ld, cfg_getnsec(cfg, "security",
		    (unsigned)i), l, file) == -1)
			return -1;
	return 0;
}

int
policy_load_file(struct loader *ld, const char *path, const char *from,
    int fline)
{
	struct hp_buf text = HP_BUF_INIT;
	struct lines l;
	char *real = NULL;
	const char *file;
	cfg_t *cfg = NULL;
	int r = -1;

	memset(&l, 0, sizeof(l));
	if (read_text(ld, path, from, fline, &text, &real) == -1)
		goto out;
	file = keep_file_name(ld, path);
	policy_scan_lines(text.buf, text.len, &l);
	if ((cfg = new_cfg()) == NULL) {
		hp_error_errno(ld->e, HP_E_IO, "out of memory");
		goto out;
	}
	memset(&cfg_err, 0, sizeof(cfg_err));
	if (cfg_parse_buf(cfg, text.buf) != CFG_SUCCESS) {
		policy_fail(ld->e, file, cfg_err.line, "%s", cfg_err.set ?
		    cfg_err.msg : "cannot parse");
		goto out;
	}
	ld->chain[ld->depth++] = real;
	r = read_sections(ld, cfg, &l, file, from);
	ld->depth--;
out:
	if (cfg != NULL)
		cfg_free(cfg);
	policy_lines_free(&l);
	free(real);
	hp_buf_release(&text);
	return r;
}

/* Turns the member names of one rule into indices. */
static int
resolve_rule(struct loader *ld, struct hp_rule *r, const struct pending *pd)
{
	const struct hp_policy *pol = ld->pol;
	const struct hp_setting *s;
	size_t j;
	long k;

	r->members = hp_calloc(pd->n, sizeof(*r->members));
	for (j = 0; j < pd->n; j++, r->nmembers++) {
		if (r->kind == HP_RULE_DISJOINT) {
			k = hp_policy_rule_index(pol, pd->names[j]);
			if (k < 0 || pol->rules[k].kind != HP_RULE_RANGE)
				return policy_fail(ld->e, r->loc.file, pd->line,
				    "rule \"%s\": \"%s\" is not a range rule",
				    r->name, pd->names[j]);
			r->members[j] = (size_t)k;
			continue;
		}
		if ((k = hp_policy_setting_index(pol, pd->names[j])) < 0)
			return policy_fail(ld->e, r->loc.file, pd->line, "rule "
			    "\"%s\": no setting named \"%s\"", r->name,
			    pd->names[j]);
		s = &pol->settings[k];
		if (r->kind == HP_RULE_RANGE && s->has_type &&
		    !policy_is_numeric(s->type))
			return policy_fail(ld->e, r->loc.file, pd->line, "rule "
			    "\"%s\": setting \"%s\" is not a number (dword or "
			    "qword)", r->name, s->name);
		r->members[j] = (size_t)k;
	}
	return 0;
}

int
policy_resolve_rules(struct loader *ld)
{
	size_t i;

	for (i = 0; i < ld->pol->nrules; i++)
		if (resolve_rule(ld, &ld->pol->rules[i], &ld->pend[i]) == -1)
			return -1;
	return 0;
}
