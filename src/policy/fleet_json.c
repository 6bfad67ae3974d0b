/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The one JSON form of a fleet result: a worker writes it to its pipe,
 * the parent reads it back, and the JSON lines report prints it.
 */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "policy/fleet_impl.h"

static void
add_str(struct json_object *o, const char *k, const char *v)
{
	if (v != NULL)
		json_object_object_add(o, k, json_object_new_string(v));
}

static struct json_object *
finding_json(const struct hp_fleet_finding *fd)
{
	struct json_object *j = json_object_new_object();

	add_str(j, "check", fd->check);
	add_str(j, "status", hp_status_name(fd->status));
	add_str(j, "severity", hp_severity_name(fd->severity));
	add_str(j, "key", fd->key);
	add_str(j, "value", fd->value);
	add_str(j, "expected", fd->expected);
	add_str(j, "actual", fd->actual);
	add_str(j, "message", fd->message);
	return j;
}

static struct json_object *
names_json(const struct hp_buf *names)
{
	struct json_object *a = json_object_new_array();
	const char *p;

	for (p = names->buf; p < names->buf + names->len; p += strlen(p) + 1)
		json_object_array_add(a, json_object_new_string(p));
	return a;
}

static void
notes_json(struct json_object *o, const struct hp_fleet_result *r)
{
	struct json_object *pr;

	json_object_object_add(o, "stale", names_json(&r->stale));
	if (r->image) {
		pr = json_object_new_object();
		json_object_object_add(pr, "checked", names_json(&r->checked));
		json_object_object_add(pr, "skipped", names_json(&r->skipped));
		json_object_object_add(o, "profiles", pr);
	}
	json_object_object_add(o, "warnings", names_json(&r->warnings));
}

static struct json_object *
result_json(const struct hp_fleet *f, size_t i, const struct hp_fleet_result *r)
{
	struct json_object *o = json_object_new_object(), *a, *c;
	size_t k;

	json_object_object_add(o, "index",
	    json_object_new_int64((int64_t)f->m[i].index));
	json_object_object_add(o, "fleet_size",
	    json_object_new_int64((int64_t)f->total));
	add_str(o, "machine", f->m[i].name);
	add_str(o, "path", f->m[i].path);
	add_str(o, "result", hp_fleet_verdict_name(r->verdict));
	if (r->verdict == HP_FLEET_ERROR) {
		add_str(o, "error", r->error);
		return o;
	}
	c = json_object_new_object();
	for (k = 0; k < HP_ST_COUNT; k++)
		json_object_object_add(c, hp_status_name((enum hp_status)k),
		    json_object_new_int64((int64_t)r->count[k]));
	json_object_object_add(o, "counts", c);
	a = json_object_new_array();
	for (k = 0; k < r->nfindings; k++)
		json_object_array_add(a, finding_json(&r->findings[k]));
	json_object_object_add(o, "findings", a);
	notes_json(o, r);
	return o;
}

void
fleet_result_line(const struct hp_fleet *f, size_t i,
    const struct hp_fleet_result *r, struct hp_buf *out)
{
	struct json_object *o = result_json(f, i, r);

	hp_buf_addf(out, "%s\n", json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

void
hp_fleet_report_jsonl(const struct hp_fleet *f,
    const struct hp_fleet_result *res, struct hp_buf *out)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		fleet_result_line(f, i, &res[i], out);
}

void
hp_fleet_report_json(const struct hp_fleet *f,
    const struct hp_fleet_result *res, struct hp_buf *out)
{
	struct json_object *o = json_object_new_object();
	struct json_object *a = json_object_new_array();
	size_t i;

	json_object_object_add(o, "schema",
	    json_object_new_string("hivepol-fleet/1"));
	json_object_object_add(o, "fleet_size",
	    json_object_new_int64((int64_t)f->total));
	for (i = 0; i < f->n; i++)
		json_object_array_add(a, result_json(f, i, &res[i]));
	json_object_object_add(o, "machines", a);
	hp_buf_addf(out, "%s\n", json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

static char *
get_str(struct json_object *o, const char *k)
{
	struct json_object *v;

	return json_object_object_get_ex(o, k, &v) ?
	    hp_strdup(json_object_get_string(v)) : NULL;
}

static enum hp_status
status_of(struct json_object *o)
{
	struct json_object *v;
	int s;

	if (json_object_object_get_ex(o, "status", &v))
		for (s = 0; s < HP_ST_COUNT; s++)
			if (strcmp(json_object_get_string(v),
			    hp_status_name((enum hp_status)s)) == 0)
				return (enum hp_status)s;
	return HP_ST_COUNT;
}

static enum hp_severity
severity_of(struct json_object *o)
{
	struct json_object *v;

	if (json_object_object_get_ex(o, "severity", &v)) {
		if (strcmp(json_object_get_string(v), "info") == 0)
			return HP_SEV_INFO;
		if (strcmp(json_object_get_string(v), "warning") == 0)
			return HP_SEV_WARNING;
	}
	return HP_SEV_ERROR;
}

static void
parse_names(struct json_object *o, const char *k, struct hp_buf *out)
{
	struct json_object *a;
	size_t i;

	if (!json_object_object_get_ex(o, k, &a) ||
	    !json_object_is_type(a, json_type_array))
		return;
	for (i = 0; i < json_object_array_length(a); i++) {
		const char *s = json_object_get_string(
		    json_object_array_get_idx(a, i));

		if (s != NULL)
			hp_buf_add(out, s, strlen(s) + 1);
	}
}

static void
parse_notes(struct json_object *o, struct hp_fleet_result *r)
{
	struct json_object *pr;

	parse_names(o, "stale", &r->stale);
	if (json_object_object_get_ex(o, "profiles", &pr)) {
		r->image = 1;
		parse_names(pr, "checked", &r->checked);
		parse_names(pr, "skipped", &r->skipped);
	}
	parse_names(o, "warnings", &r->warnings);
}

static void
parse_findings(struct json_object *o, struct hp_fleet_result *r)
{
	struct json_object *a, *c, *v;
	size_t k;

	if (json_object_object_get_ex(o, "counts", &c))
		for (k = 0; k < HP_ST_COUNT; k++)
			if (json_object_object_get_ex(c, hp_status_name(
			    (enum hp_status)k), &v))
				r->count[k] = (size_t)json_object_get_int64(v);
	if (!json_object_object_get_ex(o, "findings", &a))
		return;
	r->nfindings = json_object_array_length(a);
	r->findings = hp_calloc(r->nfindings + 1, sizeof(*r->findings));
	for (k = 0; k < r->nfindings; k++) {
		struct json_object *j = json_object_array_get_idx(a, k);
		struct hp_fleet_finding *fd = &r->findings[k];

		fd->check = get_str(j, "check");
		fd->status = status_of(j);
		fd->severity = severity_of(j);
		fd->key = get_str(j, "key");
		fd->value = get_str(j, "value");
		fd->expected = get_str(j, "expected");
		fd->actual = get_str(j, "actual");
		fd->message = get_str(j, "message");
	}
}

static int
get_size(struct json_object *o, const char *k, size_t *out)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, k, &v) ||
	    !json_object_is_type(v, json_type_int) ||
	    json_object_get_int64(v) < 0)
		return -1;
	*out = (size_t)json_object_get_int64(v);
	return 0;
}

int
fleet_line_parse(const char *line, struct fleet_line *out)
{
	struct json_object *o = json_tokener_parse(line), *v;
	struct hp_fleet_result *r = &out->r;
	const char *verdict;

	memset(out, 0, sizeof(*out));
	fleet_result_init(r);
	if (o == NULL)
		return -1;
	if (!json_object_is_type(o, json_type_object) ||
	    get_size(o, "index", &out->index) == -1 ||
	    get_size(o, "fleet_size", &out->size) == -1 ||
	    out->index >= out->size ||
	    !json_object_object_get_ex(o, "result", &v)) {
		json_object_put(o);
		return -1;
	}
	verdict = json_object_get_string(v);
	r->verdict = HP_FLEET_PASS;
	while (r->verdict < HP_FLEET_ERROR &&
	    strcmp(verdict, hp_fleet_verdict_name(r->verdict)) != 0)
		r->verdict++;
	out->machine = get_str(o, "machine");
	out->path = get_str(o, "path");
	if (r->verdict == HP_FLEET_ERROR) {
		r->error = get_str(o, "error");
		if (r->error == NULL)
			r->error = hp_strdup("");
	} else {
		parse_findings(o, r);
		parse_notes(o, r);
	}
	json_object_put(o);
	return 0;
}

void
fleet_line_release(struct fleet_line *l)
{
	free(l->machine);
	free(l->path);
	fleet_result_free(&l->r);
}

static int
index_cmp(const void *key, const void *m)
{
	size_t a = *(const size_t *)key;
	size_t b = ((const struct hp_fleet_machine *)m)->index;

	return a < b ? -1 : a > b;
}

/* The position in f (machines in index order) of fleet index idx, or f->n. */
static size_t
local_of(const struct hp_fleet *f, size_t idx)
{
	const struct hp_fleet_machine *m = f->n == 0 ? NULL :
	    bsearch(&idx, f->m, f->n, sizeof(*f->m), index_cmp);

	return m != NULL ? (size_t)(m - f->m) : f->n;
}

int
fleet_result_parse(const char *line, const struct hp_fleet *f, size_t *i,
    struct hp_fleet_result *r)
{
	struct fleet_line l;

	if (fleet_line_parse(line, &l) == -1 ||
	    (*i = local_of(f, l.index)) == f->n) {
		fleet_line_release(&l);
		return -1;
	}
	*r = l.r;
	free(l.machine);
	free(l.path);
	return 0;
}
