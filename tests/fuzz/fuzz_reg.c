/*
 * libFuzzer target: arbitrary bytes as a .reg file, read leniently and
 * strictly (the reader works on a memory buffer), then the patch that
 * parsed written back as .reg in both dialects.
 */
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/patch.h"
#include "formats/regfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static void
parse(const uint8_t *data, size_t len, int strict)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_warnings w = HP_WARNINGS_INIT;
	struct hp_reg_read_opts ro = { strict, NULL, NULL };
	struct hp_reg_write_opts wo = { HP_REG5, NULL, NULL, NULL, 0 };
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_buf out = HP_BUF_INIT;

	if (hp_reg_parse(data, len, "fuzz.reg", &ro, &p, &w, &e) == 0) {
		(void)hp_reg_write_patch(&p, &wo, &out, &e);
		wo.dialect = HP_REG4;
		hp_buf_release(&out);
		(void)hp_reg_write_patch(&p, &wo, &out, &e);
	}
	hp_buf_release(&out);
	hp_patch_free(&p);
	hp_warnings_release(&w);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	parse(data, len, 0);
	parse(data, len, 1);
	return 0;
}
