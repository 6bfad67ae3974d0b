/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A policy's "setting" sections: each becomes one struct hp_setting (a
 * registry value and its checks), or, when it addresses a template
 * policy, one setting per registry value the template's mapping writes.
 * Every field is checked here; messages name FILE:LINE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/patch.h"
#include "core/text.h"
#include "core/value_parse.h"
#include "policy/policy_read.h"
#include "templates/template.h"

/* Appends a zeroed setting. */
static struct hp_setting *
new_setting(struct loader *ld)
{
	struct hp_policy *pol = ld->pol;
	struct hp_setting *s;

	HP_ALLOC_GROW(pol->settings, pol->nsettings + 1, ld->settingcap);
	s = &pol->settings[pol->nsettings++];
	memset(s, 0, sizeof(*s));
	return s;
}

/* The last setting's name must be new. */
static int
dup_name_check(struct loader *ld, const char *name, const char *file,
    int line)
{
	const struct hp_policy *pol = ld->pol;
	size_t i;

	for (i = 0; i + 1 < pol->nsettings; i++)
		if (strcmp(pol->settings[i].name, name) == 0)
			return policy_fail(ld->e, file, line, "setting "
			    "\"%s\" is already defined at %s:%d", name,
			    pol->settings[i].loc.file,
			    pol->settings[i].loc.line);
	return 0;
}

/* rationale, source and default_when_absent, which every setting may have. */
static void
read_notes(struct hp_setting *s, cfg_t *sec)
{
	s->rationale = policy_dup_opt(sec, "rationale");
	s->source = policy_dup_opt(sec, "source");
	s->default_when_absent = policy_dup_opt(sec, "default_when_absent");
}

/* An element's value from its data strings, by the element's type. */
static int
elem_value(const struct hp_tmpl_elem *el, struct hp_tmpl_elemval *v,
    char **strs, size_t n, char *why, size_t whylen)
{
	uint64_t x;

	memset(v, 0, sizeof(*v));
	v->id = el->id;
	switch (el->type) {
	case HP_TE_BOOLEAN:
	case HP_TE_DECIMAL:
	case HP_TE_LONGDECIMAL:
		if (n != 1 || (el->type == HP_TE_BOOLEAN &&
		    (strcmp(strs[0], "true") == 0 ||
		    strcmp(strs[0], "false") == 0))) {
			if (n == 1) {
				v->has_num = 1;
				v->num = strcmp(strs[0], "true") == 0;
				return 0;
			}
			snprintf(why, whylen, "takes one number");
			return -1;
		}
		if (hp_value_parse_number(strs[0], UINT64_MAX, &x) == -1) {
			snprintf(why, whylen, "\"%s\" is not an unsigned "
			    "number", strs[0]);
			return -1;
		}
		v->has_num = 1;
		v->num = x;
		return 0;
	case HP_TE_TEXT:
	case HP_TE_ENUM:
		if (n != 1) {
			snprintf(why, whylen, "takes one string");
			return -1;
		}
		v->str = strs[0];
		return 0;
	default:
		v->strs = strs;
		v->nstrs = n;
		return 0;
	}
}

/* A template setting as it is read: the section and what it resolves to. */
struct tsetting {
	cfg_t				*sec;
	const struct secline		*sl;
	const char			*file;
	const char			*title;
	int				 line;
	struct hp_tmpl			*t;
	const struct hp_tmpl_policy	*tp;
	struct hp_tmpl_setting		 ts;	/* state and element values */
	struct hp_tmpl_elemval		*vals;	/* ts.vals, owned */
	char				***strv;	/* elements' data */
	enum hp_root			 root;
};

/* The template and its policy, which the section must name. */
static int
tmpl_open(struct loader *ld, struct tsetting *ts)
{
	struct hp_error te = HP_ERROR_INIT;
	const char *policy = cfg_getstr(ts->sec, "policy");
	char *path;
	int r = 0;

	if (cfg_getstr(ts->sec, "template") == NULL || policy == NULL)
		return policy_fail(ld->e, ts->file, ts->line, "setting \"%s\": "
		    "a template setting needs both template and policy",
		    ts->title);
	if (cfg_size(ts->sec, "key") > 0 || cfg_size(ts->sec, "value") > 0 ||
	    cfg_size(ts->sec, "type") > 0 || cfg_size(ts->sec, "data") > 0)
		return policy_fail(ld->e, ts->file, policy_opt_line(ts->sl,
		    "key"), "setting \"%s\": key, value, type and data come "
		    "from the template", ts->title);
	path = policy_sibling_path(ts->file, cfg_getstr(ts->sec, "template"));
	if ((ts->t = hp_tmpl_load(path, NULL, NULL, &te)) == NULL)
		r = policy_fail(ld->e, ts->file, policy_opt_line(ts->sl,
		    "template"), "setting \"%s\": %s", ts->title, te.msg);
	else if ((ts->tp = hp_tmpl_find_policy(ts->t, policy)) == NULL)
		r = policy_fail(ld->e, ts->file, policy_opt_line(ts->sl,
		    "policy"), "setting \"%s\": %s has no policy \"%s\"",
		    ts->title, path, policy);
	free(path);
	return r;
}

/* The state (enabled or disabled) and the hive the policy's keys go to. */
static int
tmpl_state_and_root(struct loader *ld, struct tsetting *ts)
{
	const char *str = cfg_getstr(ts->sec, "state");

	if (str == NULL || strcmp(str, "enabled") == 0)
		ts->ts.state = HP_TMPL_ENABLED;
	else if (strcmp(str, "disabled") == 0)
		ts->ts.state = HP_TMPL_DISABLED;
	else
		return policy_fail(ld->e, ts->file, policy_opt_line(ts->sl,
		    "state"), "setting \"%s\": state must be enabled or "
		    "disabled", ts->title);
	str = cfg_getstr(ts->sec, "hive");
	ts->root = ts->tp->cls == HP_TMPL_USER ? HP_ROOT_HKCU : HP_ROOT_HKLM;
	if (ts->tp->cls == HP_TMPL_BOTH && str == NULL)
		return policy_fail(ld->e, ts->file, ts->line, "setting \"%s\": "
		    "policy \"%s\" is for machine and user; say hive = "
		    "\"HKLM\" or \"HKCU\"", ts->title, ts->tp->name);
	if (str != NULL && (ts->root = hp_root_parse(str, strlen(str))) !=
	    HP_ROOT_HKLM && ts->root != HP_ROOT_HKCU)
		return policy_fail(ld->e, ts->file, policy_opt_line(ts->sl,
		    "hive"), "setting \"%s\": hive must be HKLM or HKCU",
		    ts->title);
	return 0;
}

/* The values of the section's element subsections. */
static int
tmpl_elements(struct loader *ld, struct tsetting *ts)
{
	struct hp_tmpl_elemval *vals;
	const struct hp_tmpl_elem *el;
	char why[HP_ERROR_MAX];
	size_t i, n, nel = cfg_size(ts->sec, "element");
	int eline;

	vals = hp_calloc(nel + 1, sizeof(*vals));
	ts->ts.vals = ts->vals = vals;
	ts->strv = hp_calloc(nel + 1, sizeof(*ts->strv));
	for (i = 0; i < nel; i++) {
		cfg_t *es = cfg_getnsec(ts->sec, "element", (unsigned)i);

		ts->ts.nvals = i + 1;
		snprintf(why, sizeof(why), "element:%s", cfg_title(es));
		eline = policy_opt_line(ts->sl, why);
		if ((el = hp_tmpl_find_elem(ts->tp, cfg_title(es))) == NULL)
			return policy_fail(ld->e, ts->file, eline, "setting "
			    "\"%s\": policy \"%s\" has no element \"%s\"",
			    ts->title, ts->tp->name, cfg_title(es));
		ts->strv[i] = policy_list_strs(es, "data", &n);
		if (elem_value(el, &vals[i], ts->strv[i], n, why,
		    sizeof(why)) == -1)
			return policy_fail(ld->e, ts->file, eline, "setting "
			    "\"%s\": element \"%s\": %s", ts->title, el->id,
			    why);
	}
	ts->ts.nvals = nel;
	return 0;
}

/* The template's numeric range for the value op writes, if it has one. */
static void
tmpl_bounds(const struct tsetting *ts, const struct hp_op *op,
    struct hp_setting *s)
{
	const struct hp_tmpl_elem *el;
	size_t j;

	for (j = 0; j < ts->tp->nelems; j++) {
		el = &ts->tp->elems[j];
		if ((el->type == HP_TE_DECIMAL ||
		    el->type == HP_TE_LONGDECIMAL) &&
		    !el->store_as_text && el->value_name != NULL &&
		    hp_name_eq(el->value_name, op->name) &&
		    s->has_type && policy_is_numeric(s->type) &&
		    (el->min != 0 || el->max != 0)) {
			s->has_min = s->has_max = 1;
			s->min = el->min;
			s->max = el->max;
		}
	}
}

/*
 * 1 if another value operation of the patch writes op's value name under
 * another key (SecGuide's RemoveRunasdifferentuser: SuppressionPolicy
 * under four keys): a setting is its key and value together.
 */
static int
name_under_other_key(const struct hp_patch *patch, const struct hp_op *op)
{
	size_t i;

	for (i = 0; i < patch->n; i++)
		if (&patch->ops[i] != op &&
		    patch->ops[i].kind != HP_OP_CREATE_KEY &&
		    patch->ops[i].name != NULL &&
		    hp_name_eq(patch->ops[i].name, op->name) &&
		    !hp_path_eq(&patch->ops[i].key, &op->key))
			return 1;
	return 0;
}

/*
 * One operation of the template's mapping as a setting "TITLE/VALUE", or
 * "TITLE/KEY\VALUE" when keyed (the value name alone is not unique).
 */
static int
tmpl_op_setting(struct loader *ld, const struct tsetting *ts,
    const struct hp_op *op, int keyed)
{
	struct hp_buf name = HP_BUF_INIT;
	struct hp_setting *s;
	int line = ts->line;

	if (op->kind == HP_OP_DELETE_VALUES)
		return policy_fail(ld->e, ts->file, line, "setting \"%s\": "
		    "list elements (which clear a whole key) cannot be checked "
		    "as settings yet", ts->title);
	s = new_setting(ld);
	hp_buf_addf(&name, "%s/", ts->title);
	if (keyed) {
		hp_path_format_short(&op->key, &name);
		hp_buf_addc(&name, '\\');
	}
	hp_buf_adds(&name, *op->name ? op->name : "@");
	s->name = hp_buf_detach(&name, NULL);
	s->value = hp_strdup(op->name);
	hp_path_copy(&s->key, &op->key);
	s->loc.file = ts->file;
	s->loc.line = line;
	s->lines.key = s->lines.type = s->lines.data = line;
	s->lines.allowed = s->lines.min = s->lines.max = line;
	s->lines.presence = line;
	if (dup_name_check(ld, s->name, ts->file, line) == -1)
		return -1;
	if (op->kind == HP_OP_DELETE_VALUE)
		s->presence = HP_PRESENCE_FORBIDDEN;
	else {
		s->has_type = 1;
		s->type = op->value.type;
		/* A soft element only fills a gap: any data will do. */
		if (op->kind == HP_OP_SET_VALUE) {
			hp_value_copy(&s->data, &op->value);
			s->has_data = 1;
		}
	}
	/* The template's ranges become the setting's bounds. */
	tmpl_bounds(ts, op, s);
	if (policy_parse_severity(cfg_getstr(ts->sec, "severity"),
	    &s->severity) == -1)
		return policy_fail(ld->e, ts->file, policy_opt_line(ts->sl,
		    "severity"), "setting \"%s\": severity must be error, "
		    "warning or info", ts->title);
	read_notes(s, ts->sec);
	return 0;
}

/*
 * A setting addressed by template policy name: the template's registry
 * mapping turns the state and element values into operations, and each
 * operation becomes a setting "NAME/VALUE" with the template's types and
 * numeric ranges.  Rules refer to those names.
 */
static int
read_template_setting(struct loader *ld, cfg_t *sec,
    const struct secline *sl, const char *file)
{
	struct hp_patch patch = HP_PATCH_INIT;
	struct hp_error te = HP_ERROR_INIT;
	struct tsetting ts;
	size_t i;
	int r = -1;

	memset(&ts, 0, sizeof(ts));
	ts.sec = sec;
	ts.sl = sl;
	ts.file = file;
	ts.title = cfg_title(sec);
	ts.line = sl != NULL ? sl->line : 0;
	if (tmpl_open(ld, &ts) == -1 || tmpl_state_and_root(ld, &ts) == -1 ||
	    tmpl_elements(ld, &ts) == -1)
		goto out;
	if (hp_tmpl_policy_to_patch(ts.t, ts.tp, &ts.ts, ts.root, &patch,
	    &te) == -1) {
		policy_fail(ld->e, file, ts.line, "setting \"%s\": %s",
		    ts.title, te.msg);
		goto out;
	}
	for (i = 0; i < patch.n; i++)
		if (patch.ops[i].kind != HP_OP_CREATE_KEY &&
		    patch.ops[i].name != NULL &&
		    tmpl_op_setting(ld, &ts, &patch.ops[i],
		    name_under_other_key(&patch, &patch.ops[i])) == -1)
			goto out;
	r = 0;
out:
	for (i = 0; ts.strv != NULL && i < ts.ts.nvals; i++)
		free(ts.strv[i]);
	free(ts.strv);
	free(ts.vals);
	hp_patch_free(&patch);
	hp_tmpl_free(ts.t);
	return r;
}

/* The registry key and value name the setting checks. */
static int
read_key_and_value(struct loader *ld, cfg_t *sec, struct hp_setting *s)
{
	const char *str, *file = s->loc.file;

	if ((str = cfg_getstr(sec, "key")) == NULL)
		return policy_fail(ld->e, file, s->loc.line, "setting \"%s\" "
		    "has no key", s->name);
	if (hp_path_parse(str, &s->key, ld->e) == -1)
		return policy_fail(ld->e, file, s->lines.key, "%s", ld->e->msg);
	if (s->key.root == HP_ROOT_NONE || s->key.n == 0)
		return policy_fail(ld->e, file, s->lines.key, "setting \"%s\": "
		    "key \"%s\" must start with a root such as HKLM or HKCU "
		    "and name a key below it", s->name, str);
	if ((str = cfg_getstr(sec, "value")) == NULL)
		return policy_fail(ld->e, file, s->loc.line, "setting \"%s\" "
		    "has no value name (use \"@\" for the default value)",
		    s->name);
	s->value = hp_strdup(strcmp(str, "@") == 0 ? "" : str);
	return 0;
}

/* type, presence and severity. */
static int
read_kind(struct loader *ld, cfg_t *sec, const struct secline *sl,
    struct hp_setting *s)
{
	const char *str, *file = s->loc.file;

	if ((str = cfg_getstr(sec, "type")) != NULL) {
		if (hp_value_type_parse(str, &s->type) == -1)
			return policy_fail(ld->e, file, s->lines.type,
			    "setting \"%s\": unknown type \"%s\"", s->name,
			    str);
		s->has_type = 1;
	}
	str = cfg_getstr(sec, "presence");
	if (str == NULL || strcmp(str, "required") == 0)
		s->presence = HP_PRESENCE_REQUIRED;
	else if (strcmp(str, "forbidden") == 0)
		s->presence = HP_PRESENCE_FORBIDDEN;
	else if (strcmp(str, "optional") == 0)
		s->presence = HP_PRESENCE_OPTIONAL;
	else
		return policy_fail(ld->e, file, s->lines.presence, "setting "
		    "\"%s\": presence must be required, forbidden or optional, "
		    "not \"%s\"", s->name, str);
	if (policy_parse_severity(cfg_getstr(sec, "severity"),
	    &s->severity) == -1)
		return policy_fail(ld->e, file, policy_opt_line(sl, "severity"),
		    "setting \"%s\": severity must be error, warning or info",
		    s->name);
	if (!s->has_type && s->presence != HP_PRESENCE_FORBIDDEN)
		return policy_fail(ld->e, file, s->loc.line, "setting \"%s\" "
		    "has no type", s->name);
	return 0;
}

/* The exact data and the allowed set, by the setting's type. */
static int
read_data(struct loader *ld, cfg_t *sec, struct hp_setting *s)
{
	struct hp_error ve = HP_ERROR_INIT;
	const char *file = s->loc.file;
	char **strs;
	size_t n, i;

	if (cfg_size(sec, "data") > 0) {
		strs = policy_list_strs(sec, "data", &n);
		if (hp_value_parse(&s->data, s->type, strs, n, 0, &ve) == -1) {
			free(strs);
			return policy_fail(ld->e, file, s->lines.data,
			    "setting \"%s\": data: %.900s", s->name, ve.msg);
		}
		free(strs);
		s->has_data = 1;
	}
	if (cfg_size(sec, "allowed") == 0)
		return 0;
	strs = policy_list_strs(sec, "allowed", &n);
	s->allowed = hp_calloc(n, sizeof(*s->allowed));
	for (i = 0; i < n; i++, s->nallowed++)
		if (hp_value_parse(&s->allowed[i], s->type == HP_REG_MULTI_SZ ?
		    HP_REG_SZ : s->type, &strs[i], 1, 0, &ve) == -1) {
			free(strs);
			return policy_fail(ld->e, file, s->lines.allowed,
			    "setting \"%s\": allowed: %.900s", s->name, ve.msg);
		}
	free(strs);
	if (s->type == HP_REG_MULTI_SZ)
		return policy_fail(ld->e, file, s->lines.allowed, "setting "
		    "\"%s\": allowed does not apply to multi_sz", s->name);
	return 0;
}

/* One numeric bound, min or max, if the section has it. */
static int
read_bound(struct loader *ld, cfg_t *sec, struct hp_setting *s,
    const char *opt, int line, int *has, uint64_t *out)
{
	long num;

	if (cfg_size(sec, opt) == 0)
		return 0;
	if ((num = cfg_getint(sec, opt)) < 0)
		return policy_fail(ld->e, s->loc.file, line, "setting "
		    "\"%s\": %s is negative", s->name, opt);
	*out = (uint64_t)num;
	*has = 1;
	return 0;
}

static int
read_bounds(struct loader *ld, cfg_t *sec, struct hp_setting *s)
{
	if (cfg_size(sec, "min") == 0 && cfg_size(sec, "max") == 0)
		return 0;
	if (!policy_is_numeric(s->type))
		return policy_fail(ld->e, s->loc.file,
		    cfg_size(sec, "min") > 0 ? s->lines.min : s->lines.max,
		    "setting \"%s\": min and max apply to dword and qword "
		    "values only", s->name);
	if (read_bound(ld, sec, s, "min", s->lines.min, &s->has_min,
	    &s->min) == -1)
		return -1;
	return read_bound(ld, sec, s, "max", s->lines.max, &s->has_max,
	    &s->max);
}

/* Presence and checks must make sense together. */
static int
check_presence(struct loader *ld, const struct hp_setting *s)
{
	if (s->presence == HP_PRESENCE_FORBIDDEN && (s->has_data ||
	    s->nallowed > 0 || s->has_min || s->has_max))
		return policy_fail(ld->e, s->loc.file, s->lines.presence,
		    "setting \"%s\": a forbidden value cannot also have data, "
		    "allowed, min or max", s->name);
	if (!s->has_data && s->nallowed == 0 && !s->has_min &&
	    !s->has_max && s->presence == HP_PRESENCE_OPTIONAL)
		return policy_fail(ld->e, s->loc.file, s->loc.line, "setting "
		    "\"%s\" is optional and has no data, allowed, min or max, "
		    "so it checks nothing", s->name);
	return 0;
}

static void
option_lines(struct hp_setting *s, const struct secline *sl)
{
	s->lines.key = policy_opt_line(sl, "key");
	s->lines.type = policy_opt_line(sl, "type");
	s->lines.data = policy_opt_line(sl, "data");
	s->lines.allowed = policy_opt_line(sl, "allowed");
	s->lines.min = policy_opt_line(sl, "min");
	s->lines.max = policy_opt_line(sl, "max");
	s->lines.presence = policy_opt_line(sl, "presence");
}

int
policy_read_setting(struct loader *ld, cfg_t *sec, const struct lines *l,
    const char *file)
{
	const struct secline *sl = policy_find_sec(l, 0, cfg_title(sec));
	struct hp_setting *s;

	if (cfg_size(sec, "template") > 0 || cfg_size(sec, "policy") > 0)
		return read_template_setting(ld, sec, sl, file);
	s = new_setting(ld);
	s->loc.file = file;
	s->loc.line = sl != NULL ? sl->line : 0;
	option_lines(s, sl);
	s->name = hp_strdup(cfg_title(sec));
	if (*s->name == '\0')
		return policy_fail(ld->e, file, s->loc.line, "a setting needs "
		    "a name");
	if (dup_name_check(ld, s->name, file, s->loc.line) == -1 ||
	    read_key_and_value(ld, sec, s) == -1 ||
	    read_kind(ld, sec, sl, s) == -1 || read_data(ld, sec, s) == -1 ||
	    read_bounds(ld, sec, s) == -1 || check_presence(ld, s) == -1)
		return -1;
	read_notes(s, sec);
	return 0;
}
