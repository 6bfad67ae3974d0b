/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A finding named by the policy vocabulary, for every report format. */
#include <stddef.h>

#include "policy/report.h"
#include "templates/vocab.h"

int
hp_report_policy_name(const struct hp_report *r, const struct hp_finding *f,
    struct hp_vocab_name *n)
{
	const struct hp_setting *s;

	if (r->vocab == NULL || f->is_rule || f->value == NULL)
		return 0;
	s = &r->policy->settings[f->index];
	return hp_vocab_name_path(r->vocab, &s->key, s->value,
	    HP_VOCAB_SET, s->has_data ? &s->data : NULL, n);
}
