/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Policy lint: parts of a policy that no registry can satisfy at once.
 * Each problem is one line naming file:line of every part involved, so
 * the author sees both sides of a conflict.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "policy/policy.h"
#include "core/text.h"

struct linter {
	const struct hp_policy	*pol;
	struct hp_buf		*out;
	long			 n;
};

static void
problem(struct linter *l, const struct hp_loc *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
problem(struct linter *l, const struct hp_loc *at, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	hp_buf_addf(l->out, "%s:%d: %s\n", at->file, at->line, msg);
	l->n++;
}

static struct hp_loc
at(const struct hp_setting *s, int line)
{
	struct hp_loc loc = { s->loc.file, line ? line : s->loc.line };

	return loc;
}

/* The one number a setting can hold, if its data fixes it. */
static int
exact(const struct hp_setting *s, uint64_t *out)
{
	if (s->has_data && hp_policy_number(&s->data, out) == 0)
		return 1;
	if (s->nallowed == 1 && hp_policy_number(&s->allowed[0], out) == 0)
		return 1;
	return 0;
}

static int
in_bounds(const struct hp_setting *s, uint64_t x)
{
	return (!s->has_min || x >= s->min) && (!s->has_max || x <= s->max);
}

static void
lint_setting(struct linter *l, const struct hp_setting *s)
{
	struct hp_loc a;
	uint64_t x;
	size_t i;
	int ok;

	if (s->has_min && s->has_max && s->min > s->max) {
		a = at(s, s->lines.min);
		problem(l, &a, "setting \"%s\": min %llu is above max %llu "
		    "(%s:%d)", s->name, (unsigned long long)s->min,
		    (unsigned long long)s->max, s->loc.file, s->lines.max);
	}
	if (s->has_data && s->nallowed > 0) {
		for (ok = 0, i = 0; i < s->nallowed && !ok; i++)
			ok = hp_value_equal(&s->data, &s->allowed[i]);
		if (!ok) {
			a = at(s, s->lines.data);
			problem(l, &a, "setting \"%s\": data is not in its own "
			    "allowed set (%s:%d)", s->name, s->loc.file,
			    s->lines.allowed);
		}
	}
	if (s->has_data && hp_policy_number(&s->data, &x) == 0 &&
	    !in_bounds(s, x)) {
		a = at(s, s->lines.data);
		problem(l, &a, "setting \"%s\": data %llu is outside its own "
		    "bounds (min %s:%d, max %s:%d)", s->name,
		    (unsigned long long)x, s->loc.file, s->lines.min,
		    s->loc.file, s->lines.max);
	}
	if (s->nallowed > 0 && (s->has_min || s->has_max)) {
		for (ok = 0, i = 0; i < s->nallowed && !ok; i++)
			ok = hp_policy_number(&s->allowed[i], &x) == 0 &&
			    in_bounds(s, x);
		if (!ok) {
			a = at(s, s->lines.allowed);
			problem(l, &a, "setting \"%s\": no allowed value lies "
			    "within min/max (%s:%d)", s->name, s->loc.file,
			    s->lines.min ? s->lines.min : s->lines.max);
		}
	}
}

static int
same_value(const struct hp_setting *a, const struct hp_setting *b)
{
	return hp_path_eq(&a->key, &b->key) && hp_name_eq(a->value, b->value);
}

/* Two settings about the same registry value must agree. */
static void
lint_pair(struct linter *l, const struct hp_setting *a,
    const struct hp_setting *b)
{
	struct hp_loc la = at(a, a->lines.presence), lb;

	if ((a->presence == HP_PRESENCE_FORBIDDEN) !=
	    (b->presence == HP_PRESENCE_FORBIDDEN) &&
	    (a->presence == HP_PRESENCE_REQUIRED ||
	    b->presence == HP_PRESENCE_REQUIRED)) {
		lb = at(b, b->lines.presence);
		problem(l, &la, "setting \"%s\" is %s but setting \"%s\" "
		    "(%s:%d) for the same value is %s", a->name,
		    hp_presence_name(a->presence), b->name, lb.file, lb.line,
		    hp_presence_name(b->presence));
		return;
	}
	if (a->has_type && b->has_type && a->type != b->type) {
		la = at(a, a->lines.type);
		lb = at(b, b->lines.type);
		problem(l, &la, "setting \"%s\" and setting \"%s\" (%s:%d) "
		    "give the same value different types", a->name, b->name,
		    lb.file, lb.line);
		return;
	}
	if (a->has_data && b->has_data && !hp_value_equal(&a->data,
	    &b->data)) {
		la = at(a, a->lines.data);
		lb = at(b, b->lines.data);
		problem(l, &la, "setting \"%s\" and setting \"%s\" (%s:%d) "
		    "want different data in the same value", a->name, b->name,
		    lb.file, lb.line);
	}
}

static void
lint_together(struct linter *l, const struct hp_rule *r)
{
	const struct hp_setting *req = NULL, *forb = NULL, *s;
	size_t i;

	for (i = 0; i < r->nmembers; i++) {
		s = &l->pol->settings[r->members[i]];
		if (s->presence == HP_PRESENCE_REQUIRED && req == NULL)
			req = s;
		if (s->presence == HP_PRESENCE_FORBIDDEN && forb == NULL)
			forb = s;
	}
	if (req != NULL && forb != NULL)
		problem(l, &r->loc, "rule \"%s\": \"%s\" is required "
		    "(%s:%d) but \"%s\" is forbidden (%s:%d), so they can "
		    "never be present together", r->name, req->name,
		    req->loc.file, req->loc.line, forb->name, forb->loc.file,
		    forb->loc.line);
}

/* The width a range rule needs for a given low end. */
static uint64_t
need_width(const struct hp_rule *r, uint64_t low)
{
	return low % 2 ? r->min_width_odd : r->min_width;
}

static void
lint_range(struct linter *l, const struct hp_rule *r)
{
	const struct hp_setting *lo = &l->pol->settings[r->members[0]];
	const struct hp_setting *hi = &l->pol->settings[r->members[1]];
	uint64_t a, b, lo_min, hi_max;

	if (lo->presence == HP_PRESENCE_FORBIDDEN ||
	    hi->presence == HP_PRESENCE_FORBIDDEN) {
		if (lo->presence == HP_PRESENCE_REQUIRED ||
		    hi->presence == HP_PRESENCE_REQUIRED)
			problem(l, &r->loc, "rule \"%s\": one end of the "
			    "range is forbidden (%s:%d) and the other "
			    "required (%s:%d)", r->name, lo->loc.file,
			    lo->loc.line, hi->loc.file, hi->loc.line);
		return;
	}
	if (exact(lo, &a) && exact(hi, &b)) {
		if (a >= b)
			problem(l, &r->loc, "rule \"%s\": low end %llu "
			    "(%s:%d) is not below high end %llu (%s:%d)",
			    r->name, (unsigned long long)a, lo->loc.file,
			    lo->lines.data, (unsigned long long)b,
			    hi->loc.file, hi->lines.data);
		else if (b - a + 1 < need_width(r, a))
			problem(l, &r->loc, "rule \"%s\": range %llu-%llu "
			    "(%s:%d, %s:%d) holds %llu values; it needs at "
			    "least %llu when the low end is %s", r->name,
			    (unsigned long long)a, (unsigned long long)b,
			    lo->loc.file, lo->lines.data, hi->loc.file,
			    hi->lines.data, (unsigned long long)(b - a + 1),
			    (unsigned long long)need_width(r, a),
			    a % 2 ? "odd" : "even");
		return;
	}
	/* Without exact data, the bounds alone may rule a range out. */
	lo_min = lo->has_min ? lo->min : 0;
	hi_max = hi->has_max ? hi->max : UINT64_MAX;
	if (hi_max < lo_min || hi_max - lo_min + 1 < r->min_width)
		problem(l, &r->loc, "rule \"%s\": the bounds of \"%s\" "
		    "(%s:%d) and \"%s\" (%s:%d) leave no room for a range of "
		    "%llu", r->name, lo->name, lo->loc.file, lo->lines.min,
		    hi->name, hi->loc.file, hi->lines.max,
		    (unsigned long long)r->min_width);
}

static void
lint_disjoint(struct linter *l, const struct hp_rule *r)
{
	const struct hp_policy *p = l->pol;
	const struct hp_rule *x = &p->rules[r->members[0]];
	const struct hp_rule *y = &p->rules[r->members[1]];
	const struct hp_setting *s[4];
	uint64_t v[4];
	int i;

	s[0] = &p->settings[x->members[0]];
	s[1] = &p->settings[x->members[1]];
	s[2] = &p->settings[y->members[0]];
	s[3] = &p->settings[y->members[1]];
	for (i = 0; i < 4; i++)
		if (!exact(s[i], &v[i]))
			return;
	if (v[0] <= v[3] && v[2] <= v[1])
		problem(l, &r->loc, "rule \"%s\": range \"%s\" %llu-%llu "
		    "(%s:%d, %s:%d) overlaps range \"%s\" %llu-%llu "
		    "(%s:%d, %s:%d)", r->name, x->name,
		    (unsigned long long)v[0], (unsigned long long)v[1],
		    s[0]->loc.file, s[0]->lines.data, s[1]->loc.file,
		    s[1]->lines.data, y->name, (unsigned long long)v[2],
		    (unsigned long long)v[3], s[2]->loc.file,
		    s[2]->lines.data, s[3]->loc.file, s[3]->lines.data);
}

long
hp_policy_lint(const struct hp_policy *p, struct hp_buf *out)
{
	struct linter l = { p, out, 0 };
	size_t i, j;

	for (i = 0; i < p->nsettings; i++) {
		lint_setting(&l, &p->settings[i]);
		for (j = i + 1; j < p->nsettings; j++)
			if (same_value(&p->settings[i], &p->settings[j]))
				lint_pair(&l, &p->settings[i],
				    &p->settings[j]);
	}
	for (i = 0; i < p->nrules; i++) {
		switch (p->rules[i].kind) {
		case HP_RULE_TOGETHER:
			lint_together(&l, &p->rules[i]);
			break;
		case HP_RULE_RANGE:
			lint_range(&l, &p->rules[i]);
			break;
		case HP_RULE_DISJOINT:
			lint_disjoint(&l, &p->rules[i]);
			break;
		}
	}
	return l.n;
}
