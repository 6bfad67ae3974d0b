/*
 * In-process half of bench/pol.sh: reads the files named on the command
 * line, then RUNS times parses each as a Registry.pol and writes it as a
 * .reg (or, for the files .reg cannot express, as a Registry.pol again),
 * in memory.  Prints the best run's seconds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "core/limits.h"
#include "core/patch.h"
#include "formats/polfile.h"
#include "formats/regfile.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct hp_reg_write_opts ro = { HP_REG5, NULL, NULL, NULL, 0 };
	struct hp_buf *in;
	double best = 1e9, t;
	int runs, i, k;

	if (argc < 3 || (runs = atoi(argv[1])) < 1)
		return 2;
	if ((in = calloc((size_t)argc, sizeof(*in))) == NULL)
		return 3;
	for (i = 2; i < argc; i++) {
		struct hp_error e = HP_ERROR_INIT;

		in[i] = (struct hp_buf)HP_BUF_INIT;
		if (hp_file_read(argv[i], HP_MAX_INPUT_SIZE, &in[i], &e) == -1) {
			fprintf(stderr, "%s\n", e.msg);
			return 2;
		}
	}
	for (k = 0; k < runs; k++) {
		t = now();
		for (i = 2; i < argc; i++) {
			struct hp_patch p = HP_PATCH_INIT;
			struct hp_pol pol = HP_POL_INIT;
			struct hp_buf out = HP_BUF_INIT;
			struct hp_error e = HP_ERROR_INIT;

			if (hp_pol_parse(in[i].buf, in[i].len, argv[i],
			    HP_ROOT_HKLM, &p, NULL, &e) == -1 ||
			    (hp_reg_write_patch(&p, &ro, &out, &e) == -1 &&
			    (hp_pol_from_patch(&p, HP_ROOT_HKLM, &pol, &e) == -1 ||
			    hp_pol_write(&pol, &out, &e) == -1))) {
				fprintf(stderr, "%s\n", e.msg);
				return 1;
			}
			hp_pol_free(&pol);
			hp_patch_free(&p);
			hp_buf_release(&out);
		}
		if ((t = now() - t) < best)
			best = t;
	}
	printf("%.6f\n", best);
	return 0;
}
