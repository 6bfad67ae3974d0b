/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The check engine (see check.h).  All comparisons of data go through
 * hp_value_equal, the same comparison diff and apply use, so a value that
 * check calls compliant is one apply leaves alone.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "policy/check.h"
#include "core/error.h"

const char *
hp_status_name(enum hp_status s)
{
	static const char *const names[HP_ST_COUNT] = {
		"compliant", "drift", "missing", "forbidden-present",
		"wrong-type", "rule-violated", "not-covered"
	};

	return s < HP_ST_COUNT ? names[s] : "unknown";
}

/* Data as a person reads it: numbers in decimal, strings as text. */
static void
fmt_value(const struct hp_value *v, struct hp_buf *b)
{
	uint64_t x;

	if (hp_policy_number(v, &x) == 0)
		hp_buf_addf(b, "%llu", (unsigned long long)x);
	else
		hp_value_format(v, b);
}

static void
fmt_typed(const struct hp_value *v, struct hp_buf *b)
{
	char tmp[16];

	hp_buf_addf(b, "%s ", hp_value_type_name(v->type, tmp));
	fmt_value(v, b);
}

/* What the setting asks for, in one phrase. */
static void
fmt_expected(const struct hp_setting *s, struct hp_buf *b)
{
	char tmp[16];
	size_t i;

	if (s->presence == HP_PRESENCE_FORBIDDEN) {
		hp_buf_adds(b, "absent");
		return;
	}
	if (s->has_type)
		hp_buf_addf(b, "%s ", hp_value_type_name(s->type, tmp));
	if (s->has_data)
		fmt_value(&s->data, b);
	else if (s->nallowed > 0) {
		hp_buf_adds(b, s->nallowed == 1 ? "" : "one of ");
		for (i = 0; i < s->nallowed; i++) {
			if (i > 0)
				hp_buf_adds(b, ", ");
			fmt_value(&s->allowed[i], b);
		}
	}
	if (s->has_min || s->has_max) {
		if (s->has_data || s->nallowed > 0)
			hp_buf_adds(b, " within ");
		if (s->has_min && s->has_max)
			hp_buf_addf(b, "%llu..%llu",
			    (unsigned long long)s->min,
			    (unsigned long long)s->max);
		else if (s->has_min)
			hp_buf_addf(b, ">= %llu", (unsigned long long)s->min);
		else
			hp_buf_addf(b, "<= %llu", (unsigned long long)s->max);
	}
	if (s->presence == HP_PRESENCE_OPTIONAL)
		hp_buf_adds(b, " (or absent)");
	if (b->len > 0 && b->buf[b->len - 1] == ' ')
		b->buf[--b->len] = '\0';
}

static struct hp_finding *
add_finding(struct hp_check_result *res, enum hp_status st,
    enum hp_severity sev, const char *target)
{
	struct hp_finding *f;

	HP_ALLOC_GROW(res->v, res->n + 1, res->cap);
	f = &res->v[res->n++];
	memset(f, 0, sizeof(*f));
	f->status = st;
	/* A compliant or unchecked item carries no weight of its own. */
	f->severity = st == HP_ST_COMPLIANT || st == HP_ST_NOT_COVERED ?
	    HP_SEV_INFO : sev;
	f->target = target;
	res->count[st]++;
	return f;
}

static char *
path_with_value(const struct hp_path *key, const char *value)
{
	struct hp_buf b = HP_BUF_INIT;

	hp_path_format_short(key, &b);
	if (value != NULL)
		hp_buf_addf(&b, "\\%s", *value ? value : "@");
	return hp_buf_detach(&b, NULL);
}

/* Adds a finding of setting s. */
static struct hp_finding *
setting_finding(struct hp_check_result *res, const struct hp_setting *s,
    size_t idx, enum hp_status st, const char *target,
    const struct hp_value *actual, const char *msg)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_finding *f = add_finding(res, st, s->severity, target);

	f->index = idx;
	f->check = s->name;
	f->value = s->value;
	f->rationale = s->rationale;
	f->source = s->source;
	f->default_when_absent = s->default_when_absent;
	f->loc = s->loc;
	f->path = path_with_value(&s->key, s->value);
	fmt_expected(s, &b);
	f->expected = hp_buf_detach(&b, NULL);
	if (actual != NULL)
		fmt_typed(actual, &b);
	else if (st == HP_ST_NOT_COVERED)
		hp_buf_adds(&b, "not checked");
	else
		hp_buf_adds(&b, "absent");
	f->actual = hp_buf_detach(&b, NULL);
	f->message = hp_strdup(msg);
	return f;
}

void
hp_check_needs(const struct hp_path *key, int pol_too, struct hp_buf *out)
{
	if (key->root == HP_ROOT_HKLM && key->n > 0)
		hp_buf_addf(out, "a %s hive (HKLM\\%s)%s", key->comps[0],
		    key->comps[0], pol_too ? " or a machine Registry.pol" : "");
	else if (key->root == HP_ROOT_HKCU)
		hp_buf_addf(out, "an NTUSER.DAT hive (HKCU)%s", pol_too ?
		    " or a user Registry.pol" : "");
	else
		hp_buf_addf(out, "a hive mounted at %s",
		    hp_root_long(key->root));
}

/* Says which target f, a check no target serves, needs; returns 0. */
static int
not_covered(struct hp_finding *f, const struct hp_path *key)
{
	struct hp_buf b = HP_BUF_INIT;

	hp_check_needs(key, 1, &b);
	f->needs = hp_buf_detach(&b, NULL);
	hp_buf_addf(&b, "no target serves this key; it needs %s", f->needs);
	free(f->message);
	f->message = hp_buf_detach(&b, NULL);
	return 0;
}

/* 1 if v covers the key at p. */
static int
covers(const struct hp_view *v, const struct hp_path *p, struct hp_error *e)
{
	struct hp_path rel = HP_PATH_INIT;
	int r;

	if (v->whole && v->mount.root != HP_ROOT_NONE &&
	    p->root != v->mount.root)
		return 0;
	r = hp_view_relative(v, p, &rel, e);
	hp_path_free(&rel);
	return r == -1 ? -1 : r == 0;
}

static int
in_allowed(const struct hp_setting *s, const struct hp_value *v)
{
	size_t i;

	for (i = 0; i < s->nallowed; i++)
		if (hp_value_equal(v, &s->allowed[i]))
			return 1;
	return s->nallowed == 0;
}

/*
 * Judges one present or absent value against a setting; msg receives the
 * explanation.
 */
static enum hp_status
judge(const struct hp_setting *s, const struct hp_value *v, int found,
    char *msg, size_t len)
{
	char t1[16], t2[16];
	uint64_t x;

	if (!found) {
		if (s->presence == HP_PRESENCE_REQUIRED) {
			snprintf(msg, len, "value is absent%s%s",
			    s->default_when_absent ? "; without it: " : "",
			    s->default_when_absent ? s->default_when_absent :
			    "");
			return HP_ST_MISSING;
		}
		snprintf(msg, len, "absent, as allowed%s%s",
		    s->default_when_absent ? "; product default: " : "",
		    s->default_when_absent ? s->default_when_absent : "");
		return HP_ST_COMPLIANT;
	}
	if (s->presence == HP_PRESENCE_FORBIDDEN) {
		snprintf(msg, len, "value must not exist");
		return HP_ST_FORBIDDEN;
	}
	if (s->has_type && v->type != s->type) {
		snprintf(msg, len, "type is %s, policy wants %s",
		    hp_value_type_name(v->type, t1),
		    hp_value_type_name(s->type, t2));
		return HP_ST_WRONG_TYPE;
	}
	if (s->has_data && !hp_value_equal(v, &s->data)) {
		snprintf(msg, len, "data differs from the policy");
		return HP_ST_DRIFT;
	}
	if (!in_allowed(s, v)) {
		snprintf(msg, len, "data is not one of the allowed values");
		return HP_ST_DRIFT;
	}
	if ((s->has_min || s->has_max) && (hp_policy_number(v, &x) == -1 ||
	    (s->has_min && x < s->min) || (s->has_max && x > s->max))) {
		snprintf(msg, len, "data is outside the allowed bounds");
		return HP_ST_DRIFT;
	}
	snprintf(msg, len, "as the policy wants");
	return HP_ST_COMPLIANT;
}

static int
check_setting(const struct hp_policy *pol, size_t idx,
    const struct hp_view *views, size_t nviews, struct hp_check_result *res,
    struct hp_error *e)
{
	const struct hp_setting *s = &pol->settings[idx];
	struct hp_value v = HP_VALUE_INIT;
	char msg[1024];
	size_t i, seen = 0;
	int r, c;

	for (i = 0; i < nviews; i++) {
		if ((c = covers(&views[i], &s->key, e)) == -1)
			return -1;
		if (!c)
			continue;
		seen++;
		if ((r = hp_view_get(&views[i], &s->key, s->value, &v, e)) ==
		    -1)
			return -1;
		setting_finding(res, s, idx, judge(s, &v, r == 0, msg,
		    sizeof(msg)), views[i].source, r == 0 ? &v : NULL, msg);
		hp_value_free(&v);
	}
	if (seen == 0)
		return not_covered(setting_finding(res, s, idx,
		    HP_ST_NOT_COVERED, NULL, NULL, "no target serves this key"),
		    &s->key);
	return 0;
}

/* Reads a member of a rule: 0 found, 1 absent, -1 error. */
static int
member(const struct hp_policy *pol, size_t idx, const struct hp_view *v,
    struct hp_value *out, struct hp_error *e)
{
	const struct hp_setting *s = &pol->settings[idx];

	hp_value_free(out);
	return hp_view_get(v, &s->key, s->value, out, e);
}

/* The setting whose key says where rule r is checked. */
static const struct hp_setting *
rule_first(const struct hp_policy *pol, const struct hp_rule *r)
{
	return &pol->settings[r->kind == HP_RULE_DISJOINT ?
	    pol->rules[r->members[0]].members[0] : r->members[0]];
}

/* Adds a finding of rule idx; returns 0, so a check can return it. */
static int
rule_finding(struct hp_check_result *res, const struct hp_policy *pol,
    size_t idx, const char *target, int ok, const char *expected,
    const char *actual, const char *msg)
{
	const struct hp_rule *r = &pol->rules[idx];
	const struct hp_setting *first = rule_first(pol, r);
	struct hp_finding *f;

	f = add_finding(res, target == NULL ? HP_ST_NOT_COVERED : ok ?
	    HP_ST_COMPLIANT : HP_ST_RULE, r->severity, target);
	f->is_rule = 1;
	f->index = idx;
	f->check = r->name;
	f->rationale = r->rationale;
	f->source = r->source;
	f->loc = r->loc;
	f->path = path_with_value(&first->key, NULL);
	f->expected = hp_strdup(expected);
	f->actual = hp_strdup(actual);
	f->message = hp_strdup(msg);
	return 0;
}

/* The numbers of a range rule's two ends: 0 both, 1 neither, 2 broken. */
static int
range_ends(const struct hp_policy *pol, const struct hp_rule *r,
    const struct hp_view *v, uint64_t *lo, uint64_t *hi, char *why,
    size_t len, struct hp_error *e)
{
	struct hp_value a = HP_VALUE_INIT, b = HP_VALUE_INIT;
	const struct hp_setting *sl = &pol->settings[r->members[0]];
	const struct hp_setting *sh = &pol->settings[r->members[1]];
	int ra, rb, out;

	if ((ra = member(pol, r->members[0], v, &a, e)) == -1 ||
	    (rb = member(pol, r->members[1], v, &b, e)) == -1) {
		hp_value_free(&a);
		return -1;
	}
	if (ra == 1 && rb == 1)
		out = 1;
	else if (ra == 1 || rb == 1) {
		snprintf(why, len, "only %s is set; the range needs both ends",
		    ra == 0 ? sl->value : sh->value);
		out = 2;
	} else if (hp_policy_number(&a, lo) == -1 ||
	    hp_policy_number(&b, hi) == -1) {
		snprintf(why, len, "an end of the range is not a number");
		out = 2;
	} else
		out = 0;
	hp_value_free(&a);
	hp_value_free(&b);
	return out;
}

static int
check_range(const struct hp_policy *pol, size_t idx, const struct hp_view *v,
    struct hp_check_result *res, struct hp_error *e)
{
	const struct hp_rule *r = &pol->rules[idx];
	char why[512], exp[128], act[128];
	uint64_t lo = 0, hi = 0, need;
	int st;

	snprintf(exp, sizeof(exp), "low < high, at least %llu values%s",
	    (unsigned long long)r->min_width, r->min_width_odd !=
	    r->min_width ? " (even low end)" : "");
	if (r->min_width_odd != r->min_width)
		snprintf(exp + strlen(exp), sizeof(exp) - strlen(exp),
		    ", %llu (odd)", (unsigned long long)r->min_width_odd);
	if ((st = range_ends(pol, r, v, &lo, &hi, why, sizeof(why), e)) ==
	    -1)
		return -1;
	if (st == 1)
		return rule_finding(res, pol, idx, v->source, 1, exp,
		    "not set", "neither end is set, so the rule does not "
		    "apply");
	if (st == 2)
		return rule_finding(res, pol, idx, v->source, 0, exp,
		    "incomplete", why);
	snprintf(act, sizeof(act), "%llu-%llu", (unsigned long long)lo,
	    (unsigned long long)hi);
	if (lo >= hi)
		return rule_finding(res, pol, idx, v->source, 0, exp, act,
		    "the low end is not below the high end");
	need = lo % 2 ? r->min_width_odd : r->min_width;
	if (hi - lo + 1 < need) {
		snprintf(why, sizeof(why), "the range holds %llu values; it "
		    "needs %llu when the low end is %s",
		    (unsigned long long)(hi - lo + 1),
		    (unsigned long long)need, lo % 2 ? "odd" : "even");
		return rule_finding(res, pol, idx, v->source, 0, exp, act,
		    why);
	}
	return rule_finding(res, pol, idx, v->source, 1, exp, act,
	    "range is valid");
}

static int
check_disjoint(const struct hp_policy *pol, size_t idx,
    const struct hp_view *v, struct hp_check_result *res, struct hp_error *e)
{
	const struct hp_rule *r = &pol->rules[idx];
	const struct hp_rule *x = &pol->rules[r->members[0]];
	const struct hp_rule *y = &pol->rules[r->members[1]];
	uint64_t a, b, c, d;
	char why[512], act[128];
	int s1, s2;

	if ((s1 = range_ends(pol, x, v, &a, &b, why, sizeof(why), e)) == -1 ||
	    (s2 = range_ends(pol, y, v, &c, &d, why, sizeof(why), e)) == -1)
		return -1;
	/* Incomplete ranges are their own rules' findings. */
	if (s1 != 0 || s2 != 0)
		return rule_finding(res, pol, idx, v->source, 1,
		    "ranges do not overlap", "not both set", "both ranges "
		    "must be set for the rule to apply");
	snprintf(act, sizeof(act), "%s %llu-%llu, %s %llu-%llu", x->name,
	    (unsigned long long)a, (unsigned long long)b, y->name,
	    (unsigned long long)c, (unsigned long long)d);
	if (a <= d && c <= b)
		return rule_finding(res, pol, idx, v->source, 0,
		    "ranges do not overlap", act, "the ranges overlap");
	return rule_finding(res, pol, idx, v->source, 1,
	    "ranges do not overlap", act, "the ranges are disjoint");
}

static int
check_together(const struct hp_policy *pol, size_t idx,
    const struct hp_view *v, struct hp_check_result *res, struct hp_error *e)
{
	const struct hp_rule *r = &pol->rules[idx];
	struct hp_value val = HP_VALUE_INIT;
	struct hp_buf have = HP_BUF_INIT, lack = HP_BUF_INIT;
	char msg[1024];
	size_t i, n = 0;
	int found, ret;

	for (i = 0; i < r->nmembers; i++) {
		const struct hp_setting *s = &pol->settings[r->members[i]];

		if ((found = member(pol, r->members[i], v, &val, e)) == -1) {
			hp_value_free(&val);
			hp_buf_release(&have);
			hp_buf_release(&lack);
			return -1;
		}
		found = found == 0;
		n += found;
		hp_buf_addf(found ? &have : &lack, "%s%s",
		    (found ? have.len : lack.len) ? ", " : "", s->value);
	}
	hp_value_free(&val);
	if (n == 0 || n == r->nmembers) {
		snprintf(msg, sizeof(msg), "%s", n ? "all present" :
		    "none present");
		ret = rule_finding(res, pol, idx, v->source, 1, "all or none",
		    msg, msg);
	} else {
		snprintf(msg, sizeof(msg), "%s set without %s", have.buf,
		    lack.buf);
		ret = rule_finding(res, pol, idx, v->source, 0, "all or none",
		    "some present", msg);
	}
	hp_buf_release(&have);
	hp_buf_release(&lack);
	return ret;
}

static int
check_rule(const struct hp_policy *pol, size_t idx,
    const struct hp_view *views, size_t nviews, struct hp_check_result *res,
    struct hp_error *e)
{
	const struct hp_rule *r = &pol->rules[idx];
	const struct hp_setting *first = rule_first(pol, r);
	size_t i, seen = 0;
	int c, ret = 0;

	for (i = 0; ret == 0 && i < nviews; i++) {
		if ((c = covers(&views[i], &first->key, e)) == -1)
			return -1;
		if (!c)
			continue;
		seen++;
		switch (r->kind) {
		case HP_RULE_TOGETHER:
			ret = check_together(pol, idx, &views[i], res, e);
			break;
		case HP_RULE_RANGE:
			ret = check_range(pol, idx, &views[i], res, e);
			break;
		case HP_RULE_DISJOINT:
			ret = check_disjoint(pol, idx, &views[i], res, e);
			break;
		}
	}
	if (ret == 0 && seen == 0) {
		rule_finding(res, pol, idx, NULL, 0, "the rule holds",
		    "not checked",
		    "no target serves this key");
		ret = not_covered(&res->v[res->n - 1], &first->key);
	}
	return ret;
}

int
hp_check_run(const struct hp_policy *policy, const struct hp_view *views,
    size_t nviews, struct hp_check_result *res, struct hp_error *e)
{
	size_t i;

	for (i = 0; i < policy->nsettings; i++)
		if (check_setting(policy, i, views, nviews, res, e) == -1)
			return -1;
	for (i = 0; i < policy->nrules; i++)
		if (check_rule(policy, i, views, nviews, res, e) == -1)
			return -1;
	return 0;
}

int
hp_check_failed(const struct hp_check_result *res)
{
	size_t i;

	for (i = 0; i < res->n; i++)
		if (res->v[i].status != HP_ST_COMPLIANT &&
		    res->v[i].status != HP_ST_NOT_COVERED &&
		    res->v[i].severity != HP_SEV_INFO)
			return 1;
	return 0;
}

enum hp_verdict
hp_check_verdict(const struct hp_check_result *res, int allow_uncovered)
{
	if (hp_check_failed(res))
		return HP_VERDICT_FAILED;
	if (res->count[HP_ST_NOT_COVERED] == 0)
		return HP_VERDICT_COMPLIANT;
	return allow_uncovered ? HP_VERDICT_PARTIAL : HP_VERDICT_UNCOVERED;
}

const char *
hp_verdict_name(enum hp_verdict v)
{
	static const char *const names[] = {
		"compliant", "compliant-as-covered", "not-covered",
		"non-compliant"
	};

	return names[v];
}

void
hp_check_result_free(struct hp_check_result *res)
{
	size_t i;

	for (i = 0; i < res->n; i++) {
		free(res->v[i].path);
		free(res->v[i].expected);
		free(res->v[i].actual);
		free(res->v[i].message);
		free(res->v[i].needs);
	}
	free(res->v);
	memset(res, 0, sizeof(*res));
}

long
hp_check_plan(const struct hp_policy *policy, const struct hp_view *v,
    struct hp_patch *out, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_value cur = HP_VALUE_INIT;
	const struct hp_value *want;
	char msg[1024], *where;
	enum hp_status st;
	size_t i;
	long n = 0;
	int r, c;

	for (i = 0; i < policy->nsettings; i++) {
		const struct hp_setting *s = &policy->settings[i];

		if ((c = covers(v, &s->key, e)) == -1)
			return -1;
		if (!c)
			continue;
		if ((r = hp_view_get(v, &s->key, s->value, &cur, e)) == -1)
			return -1;
		st = judge(s, &cur, r == 0, msg, sizeof(msg));
		hp_value_free(&cur);
		if (st == HP_ST_COMPLIANT)
			continue;
		if (st == HP_ST_FORBIDDEN) {
			hp_patch_add(out, HP_OP_DELETE_VALUE, &s->key,
			    s->value, NULL, (unsigned long)s->loc.line);
			n++;
			continue;
		}
		/* The policy must say exactly what to write. */
		want = s->has_data ? &s->data : s->nallowed == 1 &&
		    !s->has_min && !s->has_max ? &s->allowed[0] : NULL;
		if (want == NULL) {
			where = path_with_value(&s->key, s->value);
			hp_warn(w, "%s: %s: %s, and setting \"%s\" (%s:%d) "
			    "gives no exact data to write", v->source,
			    where, msg, s->name, s->loc.file,
			    s->loc.line);
			free(where);
			continue;
		}
		hp_patch_add(out, HP_OP_SET_VALUE, &s->key, s->value, want,
		    (unsigned long)s->loc.line);
		n++;
	}
	return n;
}

struct hp_finding *
hp_check_add_finding(struct hp_check_result *res, enum hp_status st,
    enum hp_severity sev, const char *target)
{
	return add_finding(res, st, sev, target);
}
