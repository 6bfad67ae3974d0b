/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The JSON report, schema "hivepol-check/2" (docs/report-schema.md).
 * Fields are only ever added, never renamed or removed, within a schema
 * version; absent facts are null, not missing keys.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "core/buf.h"
#include "core/error.h"
#include "formats/json.h"
#include "policy/report.h"
#include "templates/vocab.h"

static struct json_object *
str_or_null(const char *s)
{
	return s != NULL ? json_object_new_string(s) : NULL;
}

/* --templates: the setting's policy, or null (also for rules). */
static struct json_object *
policy_json(const struct hp_report *r, const struct hp_finding *f)
{
	struct hp_vocab_name n = HP_VOCAB_NAME_INIT;
	struct json_object *o = NULL;

	if (hp_report_policy_name(r, f, &n) == 1)
		o = hp_vocab_name_json(&n);
	hp_vocab_name_release(&n);
	return o;
}

static struct json_object *
finding(const struct hp_report *r, const struct hp_finding *f)
{
	struct json_object *o = json_object_new_object();
	char loc[1024];

	snprintf(loc, sizeof(loc), "%s:%d", f->loc.file, f->loc.line);
	json_object_object_add(o, "status",
	    json_object_new_string(hp_status_name(f->status)));
	json_object_object_add(o, "severity",
	    json_object_new_string(hp_severity_name(f->severity)));
	json_object_object_add(o, "kind",
	    json_object_new_string(f->is_rule ? "rule" : "setting"));
	json_object_object_add(o, "check", json_object_new_string(f->check));
	json_object_object_add(o, "target", str_or_null(f->target));
	json_object_object_add(o, "path", json_object_new_string(f->path));
	json_object_object_add(o, "value", str_or_null(f->value));
	json_object_object_add(o, "expected",
	    json_object_new_string(f->expected));
	json_object_object_add(o, "actual", json_object_new_string(f->actual));
	json_object_object_add(o, "message",
	    json_object_new_string(f->message));
	json_object_object_add(o, "rationale", str_or_null(f->rationale));
	json_object_object_add(o, "source", str_or_null(f->source));
	json_object_object_add(o, "default_when_absent",
	    str_or_null(f->default_when_absent));
	json_object_object_add(o, "defined_at", json_object_new_string(loc));
	json_object_object_add(o, "needs", str_or_null(f->needs));
	if (r->vocab != NULL)
		json_object_object_add(o, "policy", policy_json(r, f));
	return o;
}

static struct json_object *
name_array(const struct hp_buf *names)
{
	struct json_object *a = json_object_new_array();
	const char *p;

	for (p = names->buf; p < names->buf + names->len; p += strlen(p) + 1)
		json_object_array_add(a, json_object_new_string(p));
	return a;
}

/* An image's profiles: {"checked": [...], "skipped": [...]}, or null. */
static struct json_object *
profiles(const struct hp_report *r)
{
	struct json_object *o;

	if (r->profiles_checked == NULL)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "checked", name_array(r->profiles_checked));
	json_object_object_add(o, "skipped", name_array(r->profiles_skipped));
	return o;
}

int
hp_report_json(const struct hp_report *r, struct hp_buf *out,
    struct hp_error *e)
{
	const struct hp_check_result *res = r->result;
	struct json_object *root, *targets, *summary, *list, *t;
	struct hp_buf m = HP_BUF_INIT;
	enum hp_verdict v = hp_check_verdict(res, r->allow_uncovered);
	size_t i;
	int ret;

	root = json_object_new_object();
	json_object_object_add(root, "schema",
	    json_object_new_string("hivepol-check/2"));
	json_object_object_add(root, "policy",
	    json_object_new_string(r->policy->path));
	json_object_object_add(root, "description",
	    str_or_null(r->policy->description));
	targets = json_object_new_array();
	for (i = 0; i < r->nviews; i++) {
		t = json_object_new_object();
		json_object_object_add(t, "source",
		    json_object_new_string(r->views[i].source));
		hp_buf_reset(&m);
		if (r->views[i].mounted)
			hp_path_format_short(&r->views[i].mount, &m);
		json_object_object_add(t, "mount", r->views[i].mounted &&
		    m.len > 0 ? json_object_new_string(m.buf) : NULL);
		if (r->views[i].state != NULL)
			json_object_object_add(t, "state",
			    json_object_new_string(r->views[i].state));
		if (r->views[i].recovered_from != NULL)
			json_object_object_add(t, "recovered_from",
			    json_object_new_string(r->views[i].recovered_from));
		json_object_array_add(targets, t);
	}
	hp_buf_release(&m);
	json_object_object_add(root, "targets", targets);
	json_object_object_add(root, "profiles", profiles(r));
	json_object_object_add(root, "compliant", json_object_new_boolean(
	    v == HP_VERDICT_COMPLIANT || v == HP_VERDICT_PARTIAL));
	json_object_object_add(root, "verdict",
	    json_object_new_string(hp_verdict_name(v)));
	json_object_object_add(root, "covered", json_object_new_boolean(
	    res->count[HP_ST_NOT_COVERED] == 0));
	json_object_object_add(root, "allow_uncovered",
	    json_object_new_boolean(r->allow_uncovered));
	summary = json_object_new_object();
	json_object_object_add(summary, "checks",
	    json_object_new_int64((int64_t)res->n));
	for (i = 0; i < HP_ST_COUNT; i++)
		json_object_object_add(summary,
		    hp_status_name((enum hp_status)i),
		    json_object_new_int64((int64_t)res->count[i]));
	json_object_object_add(root, "summary", summary);
	list = json_object_new_array();
	for (i = 0; i < res->n; i++)
		json_object_array_add(list, finding(r, &res->v[i]));
	json_object_object_add(root, "findings", list);
	ret = hp_json_append(out, root, JSON_C_TO_STRING_PRETTY, e);
	json_object_put(root);
	return ret;
}
