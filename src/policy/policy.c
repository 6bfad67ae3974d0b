/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The policy object: loading (the reader is policy_read.c), freeing,
 * lookups and the names of its enums.
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/le.h"
#include "policy/policy.h"
#include "policy/policy_read.h"
#include "policy/secpolicy.h"

const char *
hp_severity_name(enum hp_severity s)
{
	switch (s) {
	case HP_SEV_INFO:	return "info";
	case HP_SEV_WARNING:	return "warning";
	default:		return "error";
	}
}

const char *
hp_presence_name(enum hp_presence p)
{
	switch (p) {
	case HP_PRESENCE_FORBIDDEN:	return "forbidden";
	case HP_PRESENCE_OPTIONAL:	return "optional";
	default:			return "required";
	}
}

const char *
hp_rule_kind_name(enum hp_rule_kind k)
{
	switch (k) {
	case HP_RULE_TOGETHER:	return "required_together";
	case HP_RULE_RANGE:	return "range";
	default:		return "disjoint";
	}
}

int
hp_policy_number(const struct hp_value *v, uint64_t *out)
{
	uint32_t d;

	if (v->type == HP_REG_QWORD)
		return hp_value_get_u64(v, out);
	if (v->type == HP_REG_DWORD && hp_value_get_u32(v, &d) == 0) {
		*out = d;
		return 0;
	}
	if (v->type == HP_REG_DWORD_BIG_ENDIAN && v->len == 4) {
		*out = hp_be32(v->data);
		return 0;
	}
	return -1;
}

long
hp_policy_setting_index(const struct hp_policy *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nsettings; i++)
		if (strcmp(p->settings[i].name, name) == 0)
			return (long)i;
	return -1;
}

long
hp_policy_rule_index(const struct hp_policy *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nrules; i++)
		if (strcmp(p->rules[i].name, name) == 0)
			return (long)i;
	return -1;
}

int
hp_policy_load(const char *path, struct hp_policy **out, struct hp_error *e)
{
	struct loader ld;
	char *chain[MAX_INCLUDE_DEPTH];
	size_t i, j;
	int r;

	*out = NULL;
	memset(&ld, 0, sizeof(ld));
	ld.e = e;
	ld.chain = chain;
	ld.pol = hp_calloc(1, sizeof(*ld.pol));
	ld.pol->path = hp_strdup(path);
	r = policy_load_file(&ld, path, NULL, 0);
	if (r == 0)
		r = policy_resolve_rules(&ld);
	if (r == 0 && ld.pol->nsettings == 0 && ld.pol->nsecreqs == 0)
		r = policy_fail(e, path, 1, "the policy has no settings");
	for (i = 0; i < ld.pol->nrules; i++) {
		for (j = 0; j < ld.pend[i].n; j++)
			free(ld.pend[i].names[j]);
		free(ld.pend[i].names);
	}
	free(ld.pend);
	if (r == -1) {
		hp_policy_free(ld.pol);
		return -1;
	}
	*out = ld.pol;
	return 0;
}

static void
setting_free(struct hp_setting *s)
{
	size_t j;

	free(s->name);
	hp_path_free(&s->key);
	free(s->value);
	hp_value_free(&s->data);
	for (j = 0; j < s->nallowed; j++)
		hp_value_free(&s->allowed[j]);
	free(s->allowed);
	free(s->rationale);
	free(s->source);
	free(s->default_when_absent);
}

void
hp_policy_free(struct hp_policy *p)
{
	size_t i;

	if (p == NULL)
		return;
	hp_secpolicy_free(p);
	for (i = 0; i < p->nsettings; i++)
		setting_free(&p->settings[i]);
	free(p->settings);
	for (i = 0; i < p->nrules; i++) {
		free(p->rules[i].name);
		free(p->rules[i].members);
		free(p->rules[i].rationale);
		free(p->rules[i].source);
	}
	free(p->rules);
	for (i = 0; i < p->nfiles; i++)
		free(p->files[i]);
	free(p->files);
	free(p->description);
	free(p->path);
	free(p);
}
