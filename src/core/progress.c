/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "core/progress.h"

void
hp_progress_report(struct hp_progress *p, uint64_t done, uint64_t total,
    const char *unit)
{
	uint64_t step = total ? total / 1000 : HP_PROGRESS_STEP;

	if (unit == p->unit && done == p->done && total == p->total)
		return;
	p->unit = unit;
	p->done = done;
	p->total = total;
	p->next = done + (step ? step : 1);
	if (p->fn != NULL)
		p->fn(p->arg, done, total, unit);
}

void
hp_progress_end(struct hp_progress *p, uint64_t done, const char *unit)
{
	if (p != NULL)
		hp_progress_report(p, done, done, unit);
}
