/* SPDX-License-Identifier: GPL-3.0-or-later */
/* core/progress: how often a long loop's ticks reach the reporter. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/progress.h"

struct seen {
	size_t		 calls, ends;
	uint64_t	 done, total;
	const char	*unit;
};

static void
record(void *arg, uint64_t done, uint64_t total, const char *unit)
{
	struct seen *s = arg;

	s->calls++;
	s->ends += done == total;
	s->done = done;
	s->total = total;
	s->unit = unit;
}

/* A known total: about a thousand reports, the last one at the end. */
static void
test_known_total(void **state)
{
	struct seen s = { 0 };
	struct hp_progress p = { record, &s, 0, NULL, 0, 0 };
	uint64_t i, n = 1000000;

	(void)state;
	for (i = 1; i <= n; i++)
		hp_progress_tick(&p, i, n, "bytes");
	assert_in_range(s.calls, 990, 1010);
	assert_int_equal(s.ends, 1);
	assert_int_equal(s.done, n);
	assert_int_equal(s.total, n);
}

/* An unknown total: one report per HP_PROGRESS_STEP, and the end. */
static void
test_unknown_total(void **state)
{
	struct seen s = { 0 };
	struct hp_progress p = { record, &s, 0, NULL, 0, 0 };
	uint64_t i, n = 100 * HP_PROGRESS_STEP + 5;

	(void)state;
	for (i = 1; i <= n; i++)
		hp_progress_tick(&p, i, 0, "keys");
	assert_int_equal(s.calls, 101);
	assert_int_equal(s.ends, 0);
	hp_progress_end(&p, n, "keys");
	assert_int_equal(s.calls, 102);
	assert_int_equal(s.ends, 1);
	assert_int_equal(s.done, n);
	hp_progress_end(&p, n, "keys");		/* once */
	assert_int_equal(s.calls, 102);
	hp_progress_end(NULL, n, "keys");	/* no reporter: nothing */
	hp_progress_tick(NULL, n, 0, "keys");
}

/* A new unit is a new phase, reported at once though its count is low. */
static void
test_new_phase(void **state)
{
	static const char keys[] = "keys", bytes[] = "bytes";
	struct seen s = { 0 };
	struct hp_progress p = { record, &s, 0, NULL, 0, 0 };

	(void)state;
	hp_progress_tick(&p, 5000, 0, keys);
	hp_progress_tick(&p, 1, 10000, bytes);
	assert_int_equal(s.calls, 2);
	assert_ptr_equal(s.unit, bytes);
	hp_progress_tick(&p, 2, 10000, bytes);
	assert_int_equal(s.calls, 2);
	/* Counting again from 1: the next hive written, say. */
	hp_progress_tick(&p, 9000, 10000, bytes);
	hp_progress_tick(&p, 1, 10000, bytes);
	assert_int_equal(s.calls, 4);
	assert_int_equal(s.done, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_total),
		cmocka_unit_test(test_unknown_total),
		cmocka_unit_test(test_new_phase),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
