/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A policy's "security" sections (secpolicy.h): each becomes one struct
 * hp_secrequire, every option checked, messages naming FILE:LINE.
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"
#include "policy/policy_read.h"
#include "policy/secpolicy.h"

static const char *const presence_words[] = {
	[HP_PRESENCE_REQUIRED] = "required",
	[HP_PRESENCE_FORBIDDEN] = "forbidden",
	[HP_PRESENCE_OPTIONAL] = "optional",
};

static struct hp_secrequire *
new_require(struct loader *ld)
{
	struct hp_policy *pol = ld->pol;
	struct hp_secrequire *q;

	HP_ALLOC_GROW(pol->secreqs, pol->nsecreqs + 1, pol->secreqcap);
	q = &pol->secreqs[pol->nsecreqs++];
	memset(q, 0, sizeof(*q));
	return q;
}

/* The name is new among settings, rules and security requirements. */
static int
check_name(struct loader *ld, const struct hp_secrequire *q)
{
	const struct hp_policy *pol = ld->pol;
	size_t i;

	if (hp_policy_setting_index(pol, q->name) >= 0 ||
	    hp_policy_rule_index(pol, q->name) >= 0)
		return policy_fail(ld->e, q->loc.file, q->loc.line, "security "
		    "\"%s\": a setting or rule has that name", q->name);
	for (i = 0; i + 1 < pol->nsecreqs; i++)
		if (strcmp(pol->secreqs[i].name, q->name) == 0)
			return policy_fail(ld->e, q->loc.file, q->loc.line,
			    "security \"%s\" is already defined at %s:%d",
			    q->name, pol->secreqs[i].loc.file,
			    pol->secreqs[i].loc.line);
	return 0;
}

static int
read_presence(struct loader *ld, cfg_t *sec, const struct secline *sl,
    struct hp_secrequire *q)
{
	const char *s = cfg_getstr(sec, "presence");
	size_t i;

	q->presence = HP_PRESENCE_REQUIRED;
	for (i = 0; s != NULL && i < 3; i++)
		if (strcmp(s, presence_words[i]) == 0)
			break;
	if (s != NULL && i == 3)
		return policy_fail(ld->e, q->loc.file, policy_opt_line(sl,
		    "presence"), "security \"%s\": presence must be required, "
		    "forbidden or optional", q->name);
	if (s != NULL)
		q->presence = (enum hp_presence)i;
	if (q->presence == HP_PRESENCE_FORBIDDEN && (q->value != NULL ||
	    q->has_min || q->has_max))
		return policy_fail(ld->e, q->loc.file, policy_opt_line(sl,
		    "presence"), "security \"%s\": a forbidden setting has no "
		    "value, min or max", q->name);
	return 0;
}

/* section, name, value and bounds. */
static int
read_what(struct loader *ld, cfg_t *sec, const struct secline *sl,
    struct hp_secrequire *q)
{
	q->section = policy_dup_opt(sec, "section");
	q->setting = policy_dup_opt(sec, "name");
	q->value = policy_dup_opt(sec, "value");
	if (q->section == NULL || q->setting == NULL)
		return policy_fail(ld->e, q->loc.file, q->loc.line, "security "
		    "\"%s\": needs section and name (\"System Access\", "
		    "\"MinimumPasswordLength\")", q->name);
	if ((q->has_min = cfg_size(sec, "min") > 0))
		q->min = cfg_getint(sec, "min");
	if ((q->has_max = cfg_size(sec, "max") > 0))
		q->max = cfg_getint(sec, "max");
	if (q->has_min && q->has_max && q->min > q->max)
		return policy_fail(ld->e, q->loc.file, policy_opt_line(sl,
		    "min"), "security \"%s\": min %lld is above max %lld",
		    q->name, q->min, q->max);
	return 0;
}

int
policy_read_security(struct loader *ld, cfg_t *sec, const struct lines *l,
    const char *file)
{
	const struct secline *sl = policy_find_sec(l, 2, cfg_title(sec));
	struct hp_secrequire *q = new_require(ld);

	q->name = hp_strdup(cfg_title(sec));
	q->loc.file = file;
	q->loc.line = sl != NULL ? sl->line : 0;
	q->rationale = policy_dup_opt(sec, "rationale");
	q->source = policy_dup_opt(sec, "source");
	if (check_name(ld, q) == -1 || read_what(ld, sec, sl, q) == -1 ||
	    read_presence(ld, sec, sl, q) == -1)
		return -1;
	if (policy_parse_severity(cfg_getstr(sec, "severity"),
	    &q->severity) == -1)
		return policy_fail(ld->e, file, policy_opt_line(sl, "severity"),
		    "security \"%s\": severity must be error, warning or info",
		    q->name);
	return 0;
}

void
hp_secpolicy_free(struct hp_policy *p)
{
	size_t i;

	for (i = 0; i < p->nsecreqs; i++) {
		free(p->secreqs[i].name);
		free(p->secreqs[i].section);
		free(p->secreqs[i].setting);
		free(p->secreqs[i].value);
		free(p->secreqs[i].rationale);
		free(p->secreqs[i].source);
	}
	free(p->secreqs);
	p->secreqs = NULL;
	p->nsecreqs = 0;
}
