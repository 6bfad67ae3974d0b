/*
 * libFuzzer target: arbitrary bytes as an audit policy (audit.csv).
 * Whatever parses must describe each row and diff equal to itself.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/buf.h"
#include "core/error.h"
#include "formats/auditcsv.h"
#include "formats/secedit_settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static void
differs(void *arg, enum hp_secdiff_kind kind, const struct hp_secset *old,
    const struct hp_secset *new)
{
	(void)arg;
	(void)kind;
	(void)old;
	(void)new;
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_secsettings s = HP_SECSETTINGS_INIT;
	struct hp_buf line = HP_BUF_INIT;
	size_t i;

	(void)hp_auditcsv_sniff(data, len);
	if (hp_auditcsv_parse(data, len, "fuzz", &s, &e) == 0) {
		for (i = 0; i < s.n; i++) {
			hp_buf_reset(&line);
			hp_secset_describe(&s.v[i], &line);
		}
		(void)hp_secsettings_diff(&s, &s, differs, NULL);
	}
	hp_secsettings_free(&s);
	hp_buf_release(&line);
	return 0;
}
