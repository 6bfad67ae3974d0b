/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The JUnit report: one testsuite per policy, one testcase per check and
 * target, a <failure> for each finding that is not compliant and a
 * <skipped> for keys no target serves.  A target read stale (a dirty
 * hive without its logs) is a suite property and a note on its cases.  libxml2 builds it, so names and
 * messages are escaped correctly.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "core/buf.h"
#include "core/error.h"
#include "policy/report.h"

#define X(s)	((const xmlChar *)(s))

static int
is_stale(const struct hp_report *r, const char *target)
{
	size_t i;

	for (i = 0; target != NULL && i < r->nviews; i++)
		if (r->views[i].state != NULL &&
		    strcmp(r->views[i].state, "stale") == 0 &&
		    strcmp(r->views[i].source, target) == 0)
			return 1;
	return 0;
}

/* A suite property per stale target, so a CI summary shows it. */
static void
stale_properties(const struct hp_report *r, xmlNodePtr suite)
{
	xmlNodePtr props = NULL, p;
	size_t i;

	for (i = 0; i < r->nviews; i++) {
		if (r->views[i].state == NULL ||
		    strcmp(r->views[i].state, "stale") != 0)
			continue;
		if (props == NULL)
			props = xmlNewChild(suite, NULL, X("properties"), NULL);
		p = xmlNewChild(props, NULL, X("property"), NULL);
		xmlNewProp(p, X("name"), X("stale-target"));
		xmlNewProp(p, X("value"), X(r->views[i].source));
	}
}

int
hp_report_junit(const struct hp_report *r, struct hp_buf *out,
    struct hp_error *e)
{
	const struct hp_check_result *res = r->result;
	xmlDocPtr doc;
	xmlNodePtr suites, suite, tc, fl;
	xmlChar *mem = NULL;
	char num[32], text[4096];
	size_t i, failures = 0, skipped = 0;
	int len = 0, ret = 0;

	doc = xmlNewDoc(X("1.0"));
	suites = xmlNewNode(NULL, X("testsuites"));
	xmlDocSetRootElement(doc, suites);
	suite = xmlNewChild(suites, NULL, X("testsuite"), NULL);
	snprintf(text, sizeof(text), "hivepol check %s", r->policy->path);
	xmlNewProp(suite, X("name"), X(text));
	stale_properties(r, suite);
	for (i = 0; i < res->n; i++) {
		const struct hp_finding *f = &res->v[i];

		tc = xmlNewChild(suite, NULL, X("testcase"), NULL);
		xmlNewProp(tc, X("classname"), X(f->target ? f->target :
		    "not-covered"));
		xmlNewProp(tc, X("name"), X(f->check));
		if (is_stale(r, f->target))
			xmlNewChild(tc, NULL, X("system-out"), X("stale target: "
			    "a dirty hive read without its logs; its data may "
			    "be old"));
		if (f->status == HP_ST_NOT_COVERED) {
			skipped++;
			fl = xmlNewChild(tc, NULL, X("skipped"), NULL);
			xmlNewProp(fl, X("message"), X(f->message));
			continue;
		}
		if (f->status == HP_ST_COMPLIANT)
			continue;
		failures++;
		snprintf(text, sizeof(text), "%s: expected %s, actual %s",
		    f->path, f->expected, f->actual);
		fl = xmlNewChild(tc, NULL, X("failure"), NULL);
		xmlNewProp(fl, X("type"), X(hp_status_name(f->status)));
		xmlNewProp(fl, X("message"), X(text));
		snprintf(text, sizeof(text), "%s\n%s\nseverity: %s\n"
		    "rationale: %s\nsource: %s\ndefined at: %s:%d\n", f->path,
		    f->message, hp_severity_name(f->severity),
		    f->rationale ? f->rationale : "-",
		    f->source ? f->source : "-", f->loc.file, f->loc.line);
		xmlNodeAddContent(fl, X(text));
	}
	snprintf(num, sizeof(num), "%zu", res->n);
	xmlNewProp(suite, X("tests"), X(num));
	xmlNewProp(suites, X("tests"), X(num));
	snprintf(num, sizeof(num), "%zu", failures);
	xmlNewProp(suite, X("failures"), X(num));
	xmlNewProp(suites, X("failures"), X(num));
	snprintf(num, sizeof(num), "%zu", skipped);
	xmlNewProp(suite, X("skipped"), X(num));
	xmlNewProp(suite, X("errors"), X("0"));
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	if (mem == NULL)
		ret = hp_error_errno(e, HP_E_IO, "out of memory");
	else
		hp_buf_add(out, mem, (size_t)len);
	xmlFree(mem);
	xmlFreeDoc(doc);
	return ret;
}
