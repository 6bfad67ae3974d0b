/*
 * libFuzzer target: arbitrary bytes as an ADM (the reader works on a
 * memory buffer), then the model checks and both writers on what parsed.
 */
#include <stdint.h>

#include "adm.h"
#include "admx.h"
#include "buf.h"
#include "error.h"
#include "lint.h"
#include "template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_warnings w = HP_WARNINGS_INIT;
	struct hp_lint l = HP_LINT_INIT;
	struct hp_buf out = HP_BUF_INIT;
	struct hp_tmpl *t = hp_tmpl_new();

	if (t == NULL)
		return 0;
	if (hp_adm_read(t, "fuzz.adm", data, len, NULL, 0, &w, &e) == 0) {
		hp_lint_model(t, NULL, &l);
		(void)hp_admx_write(t, &out, &e);
		(void)hp_adml_write(t, NULL, &out, &e);
		(void)hp_adm_write(t, NULL, &out, &e);
	}
	hp_lint_free(&l);
	hp_buf_release(&out);
	hp_warnings_release(&w);
	hp_tmpl_free(t);
	return 0;
}
