/* SPDX-License-Identifier: GPL-3.0-or-later */
/* compare --templates: a row's value named by the policy vocabulary. */
#include <stddef.h>

#include "core/buf.h"
#include "policy/compare.h"
#include "templates/vocab.h"

int
hp_cmp_policy_name(const struct hp_cmp *c, const struct hp_cmp_row *row,
    const struct hp_cmp_cell *cell, struct hp_vocab_name *n)
{
	enum hp_vocab_op op = HP_VOCAB_SET;
	const struct hp_value *data = NULL;

	if (c->vocab == NULL || row->what != HP_CMP_VALUE)
		return 0;
	if (cell != NULL && cell->action == HP_CMP_DELETE)
		op = HP_VOCAB_DELETED;
	else if (cell != NULL && cell->action == HP_CMP_SET)
		data = &cell->value;
	return hp_vocab_name_path(c->vocab, &row->key, row->name, op, data,
	    n);
}

int
hp_cmp_cell_policy(const struct hp_cmp *c, const struct hp_cmp_row *row,
    const struct hp_cmp_cell *cell, struct hp_buf *out)
{
	struct hp_vocab_name n = HP_VOCAB_NAME_INIT;
	int r = 0;

	if (cell->action != HP_CMP_ABSENT &&
	    hp_cmp_policy_name(c, row, cell, &n) == 1 &&
	    n.state != HP_PS_NOT_CONFIGURED) {
		hp_buf_adds(out, hp_tmpl_pstate_name(n.state));
		if (n.element != NULL)
			hp_buf_addf(out, "; %s: %s", n.label ? n.label :
			    n.element, n.value.len > 0 ? n.value.buf :
			    "(deleted)");
		r = 1;
	}
	hp_vocab_name_release(&n);
	return r;
}

int
hp_cmp_policy_text(const struct hp_cmp *c, const struct hp_cmp_row *row,
    int states, struct hp_buf *out)
{
	struct hp_vocab_name n = HP_VOCAB_NAME_INIT;
	size_t k, at;
	int named;

	if (c->vocab == NULL || row->what != HP_CMP_VALUE)
		return 0;
	named = hp_cmp_policy_name(c, row, NULL, &n);
	if (named)
		hp_vocab_name_text(&n, out);
	else
		hp_buf_adds(out, "extra registry setting");
	hp_vocab_name_release(&n);
	if (!named || !states)
		return 1;
	hp_buf_addc(out, ':');
	for (k = 0; k < c->nsrc; k++) {
		at = out->len;
		hp_buf_addf(out, " [%zu] ", k + 1);
		if (!hp_cmp_cell_policy(c, row, &row->cells[k], out)) {
			out->len = at;
			out->buf[at] = '\0';
		}
	}
	return 1;
}
