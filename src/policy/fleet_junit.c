/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The fleet's JUnit report: one testsuite per machine, one testcase per
 * check, as the one-machine report (report_junit.c) has them: <failure>
 * for a finding that is not compliant, <skipped> for one no target
 * covers, and one <error> case for a machine that could not be read.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "core/buf.h"
#include "core/error.h"
#include "policy/fleet.h"

#define X(s)	((const xmlChar *)(s))

static void
set_count(xmlNodePtr n, const char *name, size_t v)
{
	char num[32];

	snprintf(num, sizeof(num), "%zu", v);
	xmlNewProp(n, X(name), X(num));
}

/* A property per note: stale targets, profiles, warnings. */
static void
notes(const struct hp_fleet_result *r, xmlNodePtr suite)
{
	const struct { const char *name; const struct hp_buf *list; } l[] = {
		{ "stale-target", &r->stale },
		{ "profile-checked", &r->checked },
		{ "profile-skipped", &r->skipped },
		{ "warning", &r->warnings },
	};
	xmlNodePtr props = NULL, p;
	const char *s;
	size_t k;

	for (k = 0; k < sizeof(l) / sizeof(l[0]); k++)
		for (s = l[k].list->buf; s < l[k].list->buf + l[k].list->len;
		    s += strlen(s) + 1) {
			if (props == NULL)
				props = xmlNewChild(suite, NULL,
				    X("properties"), NULL);
			p = xmlNewChild(props, NULL, X("property"), NULL);
			xmlNewProp(p, X("name"), X(l[k].name));
			xmlNewProp(p, X("value"), X(s));
		}
}

static void
finding_case(xmlNodePtr suite, const char *machine,
    const struct hp_fleet_finding *fd, size_t *failures, size_t *skipped)
{
	xmlNodePtr tc = xmlNewChild(suite, NULL, X("testcase"), NULL), fl;
	struct hp_buf text = HP_BUF_INIT;

	xmlNewProp(tc, X("classname"), X(machine));
	xmlNewProp(tc, X("name"), X(fd->check));
	if (fd->status == HP_ST_COMPLIANT)
		return;
	if (fd->status == HP_ST_NOT_COVERED) {
		(*skipped)++;
		fl = xmlNewChild(tc, NULL, X("skipped"), NULL);
		xmlNewProp(fl, X("message"), X(fd->message ? fd->message : ""));
		return;
	}
	(*failures)++;
	hp_buf_addf(&text, "%s: expected %s, actual %s", fd->key ? fd->key :
	    "", fd->expected ? fd->expected : "-", fd->actual ? fd->actual :
	    "-");
	fl = xmlNewChild(tc, NULL, X("failure"), NULL);
	xmlNewProp(fl, X("type"), X(hp_status_name(fd->status)));
	xmlNewProp(fl, X("message"), X(text.buf));
	hp_buf_reset(&text);
	hp_buf_addf(&text, "%s\nseverity: %s\n", fd->message ? fd->message :
	    "", hp_severity_name(fd->severity));
	xmlNodeAddContent(fl, X(text.buf));
	hp_buf_release(&text);
}

static void
machine_suite(xmlNodePtr suites, const struct hp_fleet_machine *m,
    const struct hp_fleet_result *r, size_t *all_failures)
{
	xmlNodePtr suite = xmlNewChild(suites, NULL, X("testsuite"), NULL);
	xmlNodePtr tc, er;
	size_t k, failures = 0, skipped = 0;

	xmlNewProp(suite, X("name"), X(m->name));
	notes(r, suite);
	if (r->verdict == HP_FLEET_ERROR) {
		tc = xmlNewChild(suite, NULL, X("testcase"), NULL);
		xmlNewProp(tc, X("classname"), X(m->name));
		xmlNewProp(tc, X("name"), X("read"));
		er = xmlNewChild(tc, NULL, X("error"), NULL);
		xmlNewProp(er, X("message"), X(r->error));
	}
	for (k = 0; k < r->nfindings; k++)
		finding_case(suite, m->name, &r->findings[k], &failures,
		    &skipped);
	set_count(suite, "tests", r->verdict == HP_FLEET_ERROR ? 1 :
	    r->nfindings);
	set_count(suite, "failures", failures);
	set_count(suite, "skipped", skipped);
	set_count(suite, "errors", r->verdict == HP_FLEET_ERROR);
	*all_failures += failures;
}

int
hp_fleet_report_junit(const struct hp_fleet *f,
    const struct hp_fleet_result *res, struct hp_buf *out,
    struct hp_error *e)
{
	xmlDocPtr doc = xmlNewDoc(X("1.0"));
	xmlNodePtr suites = xmlNewNode(NULL, X("testsuites"));
	xmlChar *mem = NULL;
	size_t i, failures = 0, errors = 0;
	int len = 0, ret = 0;

	xmlDocSetRootElement(doc, suites);
	xmlNewProp(suites, X("name"), X("hivepol fleet"));
	for (i = 0; i < f->n; i++) {
		machine_suite(suites, &f->m[i], &res[i], &failures);
		errors += res[i].verdict == HP_FLEET_ERROR;
	}
	set_count(suites, "failures", failures);
	set_count(suites, "errors", errors);
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	if (mem == NULL)
		ret = hp_error_set(e, HP_E_IO, "cannot render the JUnit report");
	else
		hp_buf_add(out, mem, (size_t)len);
	xmlFree(mem);
	xmlFreeDoc(doc);
	return ret;
}
