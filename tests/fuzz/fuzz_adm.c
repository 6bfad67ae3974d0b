/*
 * libFuzzer target: arbitrary bytes as an ADM (the reader works on a
 * memory buffer), then the model checks and all writers on what parsed.
 */
#include <stdint.h>

#include "fuzz_tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_warnings w = HP_WARNINGS_INIT;
	struct hp_tmpl *t = hp_tmpl_new();
	int ok;

	if (t == NULL)
		return 0;
	ok = hp_adm_read(t, "fuzz.adm", data, len, NULL, 0, &w, &e) == 0;
	exercise(t, NULL, ok, 1);
	hp_warnings_release(&w);
	return 0;
}
