/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A difference of values named by the vocabulary: the policy of the
 * value, with the state (and element value) each side stands for.
 */
#include <json-c/json.h>

#include "core/buf.h"
#include "core/diff.h"
#include "templates/template.h"
#include "templates/vocab.h"

/* Names one side of d; 1 named, 0 extra, -1 no such side. */
static int
name_side(const struct hp_vocab *v, const struct hp_diff_item *d,
    const struct hp_value *data, struct hp_vocab_name *n)
{
	if (data == NULL)
		return -1;
	return hp_vocab_name_path(v, d->key, d->name, HP_VOCAB_SET, data, n);
}

void
hp_vocab_diff_text(const struct hp_vocab *v, const struct hp_diff_item *d,
    struct hp_buf *out)
{
	struct hp_vocab_name a = HP_VOCAB_NAME_INIT, b = HP_VOCAB_NAME_INIT;
	int ra, rb;

	if (d->name == NULL)
		return;
	ra = name_side(v, d, d->old, &a);
	rb = name_side(v, d, d->new, &b);
	if (ra != 1 && rb != 1) {
		hp_buf_adds(out, "extra registry setting");
	} else if (ra == 1 && rb == 1 && a.p == b.p) {
		if (b.category.len > 0)
			hp_buf_addf(out, "%s/", b.category.buf);
		hp_buf_addf(out, "%s: %s -> %s", b.policy,
		    hp_tmpl_pstate_name(a.state), hp_tmpl_pstate_name(b.state));
		if (b.element != NULL)
			hp_buf_addf(out, "; %s: %s -> %s", b.label ? b.label :
			    b.element, a.value.len ? a.value.buf : "",
			    b.value.len ? b.value.buf : "");
	} else {
		hp_vocab_name_text(rb == 1 ? &b : &a, out);
	}
	hp_vocab_name_release(&a);
	hp_vocab_name_release(&b);
}

struct json_object *
hp_vocab_diff_json(const struct hp_vocab *v, const struct hp_diff_item *d)
{
	struct hp_vocab_name a = HP_VOCAB_NAME_INIT, b = HP_VOCAB_NAME_INIT;
	struct json_object *o = NULL;
	int ra, rb;

	if (d->name == NULL)
		return NULL;
	ra = name_side(v, d, d->old, &a);
	rb = name_side(v, d, d->new, &b);
	if (rb == 1)
		o = hp_vocab_name_json(&b);
	else if (ra == 1)
		o = hp_vocab_name_json(&a);
	if (o != NULL && ra == 1 && rb == 1) {
		json_object_object_add(o, "old_state", json_object_new_string(
		    hp_tmpl_pstate_name(a.state)));
		if (a.element != NULL && a.value.len > 0)
			json_object_object_add(o, "old_value",
			    json_object_new_string(a.value.buf));
	}
	hp_vocab_name_release(&a);
	hp_vocab_name_release(&b);
	return o;
}
