/*
 * libFuzzer target: arbitrary bytes as a security template (GptTmpl.inf).
 * Whatever parses must write back to the same bytes, give its registry
 * values and named settings, and survive an edit that then reads back
 * with the edited value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/patch.h"
#include "formats/secedit.h"
#include "formats/secedit_settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_warnings w = HP_WARNINGS_INIT;
	struct hp_secedit t, again;
	struct hp_secsettings s = HP_SECSETTINGS_INIT, s2 = HP_SECSETTINGS_INIT;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_buf out = HP_BUF_INIT, line = HP_BUF_INIT;
	const struct hp_secset *x;
	size_t i;

	(void)hp_secedit_sniff(data, len);
	if (hp_secedit_parse(data, len, "fuzz", &t, &e) != 0)
		return 0;
	if (hp_secedit_write(&t, &out, &e) != 0 || out.len != len ||
	    memcmp(out.buf, data, len) != 0)
		abort();
	(void)hp_secedit_patch(&t, &p, &w, &e);
	hp_secsettings_from_secedit(&t, &s);
	for (i = 0; i < s.n; i++) {
		hp_buf_reset(&line);
		hp_secset_describe(&s.v[i], &line);
		if (!hp_secset_equal(&s.v[i], &s.v[i]))
			abort();
	}
	hp_secedit_set(&t, "System Access", "MinimumPasswordLength", "14");
	(void)hp_secedit_remove(&t, "Version", "Revision");
	hp_buf_reset(&out);
	if (hp_secedit_write(&t, &out, &e) == 0) {
		if (hp_secedit_parse(out.buf, out.len, "fuzz", &again,
		    &e) != 0)
			abort();
		hp_secsettings_from_secedit(&again, &s2);
		x = hp_secsettings_find(&s2, "System Access",
		    "MinimumPasswordLength");
		if (x == NULL || strcmp(x->value, "14") != 0)
			abort();
		hp_secedit_free(&again);
	}
	hp_secsettings_free(&s);
	hp_secsettings_free(&s2);
	hp_secedit_free(&t);
	hp_patch_free(&p);
	hp_buf_release(&out);
	hp_buf_release(&line);
	hp_warnings_release(&w);
	return 0;
}
