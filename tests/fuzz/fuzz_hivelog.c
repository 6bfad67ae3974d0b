/*
 * libFuzzer target: transaction log parsing and replay.  The input is one
 * log file; it is parsed and replayed into a small dirty hive (one
 * hp_regf_new image, sequence numbers 2/1) three ways: as a lone .LOG1,
 * as .LOG1 and .LOG2 at once (the pair logic), and with the primary's
 * base block broken (the log's replaces it).  The recovered image must
 * have a clean, checksummed base block and no more bytes than allowed.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/le.h"
#include "formats/hive_log.h"
#include "formats/regf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static void
replay(const uint8_t *data, size_t len, int both, int base_ok)
{
	struct hp_buf img = HP_BUF_INIT;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_log logs[HP_LOG_SLOTS];
	struct hp_recovery r = { .why = HP_BUF_INIT };
	unsigned char *h;
	int i;

	if (hp_regf_new(&img, "FUZZ", 0, &e) == -1)
		return;
	h = (unsigned char *)img.buf;
	hp_le32_put(h + 4, 2);
	hp_le32_put(h + 508, base_ok ? hp_regf_checksum(h) : 0);
	hp_log_parse(&logs[HP_LOG_SLOT_LOG], "x.LOG", NULL, 0);
	hp_log_parse(&logs[HP_LOG_SLOT_LOG1], "x.LOG1", data, len);
	hp_log_parse(&logs[HP_LOG_SLOT_LOG2], "x.LOG2", both ? data : NULL,
	    both ? len : 0);
	hp_log_recover(&img, base_ok, logs, &r);
	h = (unsigned char *)img.buf;
	assert(img.len <= 2 * HP_REGF_BLOCK + HP_REGF_BLOCK + 2 * len);
	if (r.applied) {
		assert(hp_le32(h + 4) == hp_le32(h + 8));
		assert(hp_le32(h + 508) == hp_regf_checksum(h));
		assert(HP_REGF_BLOCK + (size_t)hp_le32(h + 40) <= img.len);
	}
	for (i = 0; i < HP_LOG_SLOTS; i++)
		hp_log_release(&logs[i]);
	hp_buf_release(&r.why);
	hp_buf_release(&img);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	replay(data, len, 0, 1);
	replay(data, len, 1, 1);
	replay(data, len, 0, 0);
	return 0;
}
