/*
 * libFuzzer target: the post-commit passes over arbitrary bytes as if
 * they were a draft libhivex wrote (the draft comes from an arbitrary
 * hive, so neither pass may trust an offset).
 */
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "regf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct hp_buf in = HP_BUF_INIT, out = HP_BUF_INIT;
	struct hp_error e = HP_ERROR_INIT;
	uint64_t keys[2] = { 4096 + 32, 4096 + 0x20 + 88 };
	uint64_t big[1] = { 4096 + 0x100 };

	if (len < 8192 || hp_buf_add(&in, data, len) == -1)
		return 0;
	/* Keep hbins size within the input, as libhivex's drafts do. */
	if (((uint32_t)data[40] | (uint32_t)data[41] << 8 |
	    (uint32_t)data[42] << 16 | (uint32_t)data[43] << 24) >
	    len - 4096) {
		uint32_t n = (uint32_t)(len - 4096) & ~4095u;

		memcpy(in.buf + 40, &n, 4);
	}
	(void)hp_regf_compact(&in, &out, keys, 2, 0, &e);
	(void)hp_regf_fixup(&in, keys, 2, big, 1, 0, &e);
	hp_buf_release(&in);
	hp_buf_release(&out);
	return 0;
}
