/*
 * libFuzzer target: arbitrary bytes as a Registry.pol.  Whatever parses
 * must also list, convert to a patch, and write back; a file written from
 * its own entries must read back to the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/patch.h"
#include "formats/polfile.h"
#include "formats/poltext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_warnings w = HP_WARNINGS_INIT;
	struct hp_pol pol = HP_POL_INIT, again = HP_POL_INIT;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_buf out = HP_BUF_INIT, out2 = HP_BUF_INIT, line = HP_BUF_INIT;
	size_t i;

	if (hp_pol_read(data, len, "fuzz", &pol, &w, &e) == 0) {
		for (i = 0; i < pol.n; i++) {
			hp_buf_reset(&line);
			(void)hp_pol_entry_describe(&pol.v[i], HP_ROOT_HKLM,
			    &line);
		}
		if (hp_pol_write(&pol, &out, &e) == 0) {
			if (hp_pol_read(out.buf, out.len, "fuzz", &again, NULL,
			    &e) != 0 || hp_pol_write(&again, &out2, &e) != 0 ||
			    out.len != out2.len ||
			    memcmp(out.buf, out2.buf, out.len) != 0)
				abort();
		}
		hp_pol_free(&again);
		if (hp_pol_to_patch(&pol, HP_ROOT_HKCU, "fuzz", &p, &w,
		    &e) == 0) {
			hp_pol_free(&again);
			(void)hp_pol_from_patch(&p, HP_ROOT_HKCU, &again, &e);
		}
	}
	hp_pol_free(&pol);
	hp_pol_free(&again);
	hp_patch_free(&p);
	hp_buf_release(&out);
	hp_buf_release(&out2);
	hp_buf_release(&line);
	hp_warnings_release(&w);
	return 0;
}
