/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target: arbitrary bytes as a GPMC backup's Backup.xml, updated
 * for a new Machine and User registry.pol.  What updates must be
 * well-formed (the updater checks it) and take a second update, which
 * adds no file entry: both are listed now.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "formats/gpmc_backup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static size_t
count(const struct hp_buf *b, const char *s)
{
	const char *p = b->buf;
	size_t n = 0;

	while (p != NULL && (p = memmem(p, b->len - (size_t)(p - b->buf), s,
	    strlen(s))) != NULL) {
		n++;
		p++;
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char *const loc[2] = {
		"DomainSysvol/GPO/Machine/registry.pol",
		"DomainSysvol/GPO/User/registry.pol"
	};
	static const char sec[] = "DomainSysvol/GPO/Machine/Microsoft/"
	    "Windows NT/SecEdit/GptTmpl.inf";
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf once = HP_BUF_INIT, twice = HP_BUF_INIT;
	unsigned opt;

	if (hp_gpmc_backup_update((const char *)data, len, "fuzz", loc, sec,
	    &opt, &once, &e) == 0) {
		if (hp_gpmc_backup_update(once.buf, once.len, "fuzz", loc, sec,
		    &opt, &twice, &e) == -1)
			abort();
		if (count(&once, "<FSObjectFile") !=
		    count(&twice, "<FSObjectFile"))
			abort();
	}
	hp_buf_release(&once);
	hp_buf_release(&twice);
	return 0;
}
