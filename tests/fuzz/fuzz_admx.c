/*
 * libFuzzer target: arbitrary bytes as an ADMX with the same bytes as its
 * ADML (hardened libxml2 parsing, both readers), then the model checks and
 * the writers; and as a lone ADML.
 */
#include <stdint.h>

#include "fuzz_tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_warnings w = HP_WARNINGS_INIT;
	struct hp_tmpl *t = hp_tmpl_new(), *u = hp_tmpl_new();
	int ok;

	if (t == NULL || u == NULL) {
		hp_tmpl_free(t);
		hp_tmpl_free(u);
		return 0;
	}
	ok = hp_admx_read(t, "fuzz.admx", data, len, &w, &e) == 0;
	if (ok)
		ok = hp_adml_read(t, "en-US", "fuzz.adml", data, len, &w,
		    &e) == 0;
	exercise(t, "en-US", ok, 1);
	ok = hp_adml_read(u, "en-US", "fuzz.adml", data, len, &w, &e) == 0;
	exercise(u, "en-US", ok, 0);
	hp_warnings_release(&w);
	return 0;
}
