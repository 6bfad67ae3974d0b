/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Security requirements checked against the named settings of security
 * templates and audit policies among the targets (secpolicy.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "formats/gpo.h"
#include "formats/source.h"
#include "policy/check.h"
#include "policy/secpolicy.h"

#define AUDIT_SECTION	"Audit Policy"

/* 1 if src holds settings of q's section. */
static int
holds(const struct hp_source *src, const struct hp_secrequire *q)
{
	int audit = strcasecmp(q->section, AUDIT_SECTION) == 0;

	return (src->holds & (audit ? HP_HOLDS_AUDIT : HP_HOLDS_SECEDIT)) != 0;
}

static void
expected(const struct hp_secrequire *q, struct hp_buf *b)
{
	if (q->presence == HP_PRESENCE_FORBIDDEN)
		hp_buf_adds(b, "absent");
	else if (q->value != NULL)
		hp_buf_adds(b, q->value);
	if (q->has_min)
		hp_buf_addf(b, "%s>= %lld", b->len ? " " : "", q->min);
	if (q->has_max)
		hp_buf_addf(b, "%s<= %lld", b->len ? " " : "", q->max);
	if (b->len == 0)
		hp_buf_adds(b, "present");
	if (q->presence == HP_PRESENCE_OPTIONAL)
		hp_buf_adds(b, " (or absent)");
}

static struct hp_finding *
finding(struct hp_check_result *res, const struct hp_policy *p, size_t idx,
    enum hp_status st, const char *target, const char *actual,
    const char *msg)
{
	const struct hp_secrequire *q = &p->secreqs[idx];
	struct hp_finding *f = hp_check_add_finding(res, st, q->severity,
	    target);
	struct hp_buf b = HP_BUF_INIT;

	f->index = idx;
	f->check = q->name;
	f->rationale = q->rationale;
	f->source = q->source;
	f->loc = q->loc;
	f->path = hp_strfmt("%s/%s", q->section, q->setting);
	expected(q, &b);
	f->expected = hp_buf_detach(&b, NULL);
	f->actual = hp_strdup(actual);
	f->message = hp_strdup(msg);
	return f;
}

/* Whether a present value passes q; why not in *msg. */
static int
passes(const struct hp_secrequire *q, const struct hp_secset *s,
    const char **msg)
{
	long long x;
	char *end;

	if (q->value != NULL && !hp_secset_value_equal(s, q->value)) {
		*msg = "the value differs";
		return 0;
	}
	if (!q->has_min && !q->has_max)
		return 1;
	errno = 0;
	x = strtoll(s->value, &end, 10);
	if (*s->value == '\0' || *end != '\0' || errno != 0) {
		*msg = "the value is not a number";
		return 0;
	}
	if ((q->has_min && x < q->min) || (q->has_max && x > q->max)) {
		*msg = "the value is out of bounds";
		return 0;
	}
	return 1;
}

/* q in one target that holds its section. */
static void
check_one(const struct hp_policy *p, size_t idx, const struct hp_source *src,
    struct hp_check_result *res)
{
	const struct hp_secrequire *q = &p->secreqs[idx];
	const struct hp_secset *s = hp_secsettings_find(&src->settings,
	    q->section, q->setting);
	const char *msg = NULL;

	if (s == NULL && q->presence == HP_PRESENCE_REQUIRED)
		finding(res, p, idx, HP_ST_MISSING, src->path, "absent",
		    "the setting is absent");
	else if (s == NULL)
		finding(res, p, idx, HP_ST_COMPLIANT, src->path, "absent",
		    "absent, as allowed");
	else if (q->presence == HP_PRESENCE_FORBIDDEN)
		finding(res, p, idx, HP_ST_FORBIDDEN, src->path, s->value,
		    "the setting must not be present");
	else if (!passes(q, s, &msg))
		finding(res, p, idx, HP_ST_DRIFT, src->path, s->value, msg);
	else
		finding(res, p, idx, HP_ST_COMPLIANT, src->path, s->value,
		    "compliant");
}

void
hp_secpolicy_check(const struct hp_policy *p, struct hp_source *const *src,
    size_t n, struct hp_check_result *res)
{
	struct hp_finding *f;
	size_t i, j, found;
	int audit;

	for (i = 0; i < p->nsecreqs; i++) {
		for (j = found = 0; j < n; j++)
			if (holds(src[j], &p->secreqs[i])) {
				check_one(p, i, src[j], res);
				found++;
			}
		if (found > 0)
			continue;
		audit = strcasecmp(p->secreqs[i].section, AUDIT_SECTION) == 0;
		f = finding(res, p, i, HP_ST_NOT_COVERED, NULL, "not checked",
		    "");
		f->needs = hp_strdup(audit ? "an audit policy (audit.csv)" :
		    "a security template (GptTmpl.inf)");
		free(f->message);
		f->message = hp_strfmt("no target holds this setting (Windows "
		    "keeps it outside the registry hives); it needs %s",
		    f->needs);
	}
}

void
hp_secpolicy_warn_apply(const struct hp_policy *p, struct hp_warnings *w)
{
	size_t i;

	for (i = 0; i < p->nsecreqs; i++)
		hp_warn(w, "%s:%d: security \"%s\" (%s/%s): not applied "
		    "offline (Windows keeps it outside the registry hives)",
		    p->secreqs[i].loc.file, p->secreqs[i].loc.line,
		    p->secreqs[i].name, p->secreqs[i].section,
		    p->secreqs[i].setting);
}

size_t
hp_secpolicy_gpo_sets(const struct hp_policy *p, struct hp_gpo_secset **out,
    struct hp_warnings *w)
{
	const struct hp_secrequire *q;
	size_t i, n = 0;

	*out = hp_calloc(p->nsecreqs + 1, sizeof(**out));
	for (i = 0; i < p->nsecreqs; i++) {
		q = &p->secreqs[i];
		if (q->value != NULL && !q->has_min && !q->has_max &&
		    q->presence != HP_PRESENCE_FORBIDDEN &&
		    strcasecmp(q->section, AUDIT_SECTION) != 0) {
			(*out)[n].section = q->section;
			(*out)[n].key = q->setting;
			(*out)[n++].value = q->value;
			continue;
		}
		hp_warn(w, "%s:%d: security \"%s\" (%s/%s): %s, not written "
		    "to the GPO", q->loc.file, q->loc.line, q->name,
		    q->section, q->setting, strcasecmp(q->section,
		    AUDIT_SECTION) == 0 ? "an audit policy row" :
		    q->value == NULL ? "no exact value (a range or a presence)" :
		    "a value with bounds");
	}
	return n;
}
