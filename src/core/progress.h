/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Progress of long work (a hive walked, a file parsed, a fleet checked),
 * reported to whoever shows it.  The library counts; src/cli draws.  A
 * loop calls hp_progress_tick for every unit it finishes: the call is a
 * compare until about a thousandth of the work (or HP_PROGRESS_STEP units
 * of unknown total) has passed since the last report, so a walk over a
 * million keys reports about a thousand times.
 */
#ifndef HP_PROGRESS_H
#define HP_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

/* Units between two reports when the total is unknown. */
#define HP_PROGRESS_STEP	1024

struct hp_progress {
	/*
	 * done of total units (0: unknown, so done counts from 1), or the
	 * phase's end when done == total.
	 */
	void		(*fn)(void *arg, uint64_t done, uint64_t total,
			    const char *unit);
	void		*arg;
	/* The rate limit: the next count worth a report, of which unit. */
	uint64_t	 next;
	const char	*unit;
	uint64_t	 done, total;	/* reported last */
};

void	hp_progress_report(struct hp_progress *p, uint64_t done,
	    uint64_t total, const char *unit);

/*
 * done of total (0: unknown) units of one phase ("keys", "bytes", ...;
 * a static string, compared by address).  A new unit, or a count lower
 * than the last one reported, starts a new phase.  p may be NULL.
 */
static inline void
hp_progress_tick(struct hp_progress *p, uint64_t done, uint64_t total,
    const char *unit)
{
	if (p != NULL && (done >= p->next || done == total ||
	    unit != p->unit || done < p->done))
		hp_progress_report(p, done, total, unit);
}

/*
 * The phase is over after done units: its total is now known.  Reported
 * once, even if a tick at its total came first.
 */
void	hp_progress_end(struct hp_progress *p, uint64_t done, const char *unit);

#endif
