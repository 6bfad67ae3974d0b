/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Class names of keys.  libhivex gives none, so they are read from the
 * bytes of the image it reads: the nk cell's class offset (0x30) and
 * length in bytes (0x4A), pointing at a cell of UTF-16LE (the layout
 * hive_write.c's copy_class copies).  Every offset is checked.
 */
#include <stdlib.h>
#include <sys/mman.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/le.h"
#include "formats/hive_impl.h"
#include "formats/utf16.h"

#define NK_CLASS	0x30
#define NK_CLASS_LEN	0x4a
#define NK_MIN		0x4c
/*
 * Lookups between two drops of the mapping's pages: a walk reads every
 * key, and the pages libhivex maps too must not count twice for long.
 */
#define TRIM_EVERY	4096

struct hp_hive_classes {
	const unsigned char	*map;
	size_t			 len;
	size_t			 lookups;
};

int
hp_hive_classes_open(struct hp_hive *hv, struct hp_hive_classes **out,
    struct hp_error *e)
{
	struct hp_hive_classes *c = hp_calloc(1, sizeof(*c));

	if (hive_map_original(hv, 0, &c->map, &c->len, e) == -1) {
		free(c);
		return -1;
	}
	*out = c;
	return 0;
}

void
hp_hive_classes_close(struct hp_hive_classes *c)
{
	if (c == NULL)
		return;
	munmap((void *)c->map, c->len);
	free(c);
}

/* The data of the allocated cell at file offset off, or NULL. */
static const unsigned char *
cell(const struct hp_hive_classes *c, size_t off, size_t *len)
{
	int64_t size;

	if (off < HP_REGF_BLOCK || off > c->len || c->len - off < 8)
		return NULL;
	size = -(int64_t)(int32_t)hp_le32(c->map + off);
	if (size < 8 || (uint64_t)size > c->len - off)
		return NULL;
	*len = (size_t)size - 4;
	return c->map + off + 4;
}

int
hp_hive_class(struct hp_hive_classes *c, hp_node key,
    struct hp_buf *out, struct hp_error *e)
{
	const unsigned char *nk, *cls;
	size_t len, clen;
	uint32_t at;
	uint16_t n;

	if (key & HV_NEW_NODE)
		return 0;	/* created in memory: no class */
	if (++c->lookups % TRIM_EVERY == 0)
		madvise((void *)c->map, c->len, MADV_DONTNEED);
	if ((nk = cell(c, (size_t)key, &len)) == NULL || len < NK_MIN)
		return hp_error_set(e, HP_E_INPUT, "offset %llu: bad key cell",
		    (unsigned long long)key);
	n = hp_le16(nk + NK_CLASS_LEN);
	at = hp_le32(nk + NK_CLASS);
	if (n == 0 || at == 0xffffffffu)
		return 0;
	if ((cls = cell(c, HP_REGF_BLOCK + (size_t)at, &clen)) == NULL ||
	    clen < n || n % 2 != 0)
		return hp_error_set(e, HP_E_INPUT, "offset %llu: bad class "
		    "name of the key at offset %llu",
		    (unsigned long long)HP_REGF_BLOCK + at,
		    (unsigned long long)key);
	hp_buf_reset(out);
	hp_utf16_decode(cls, n, out);
	return 1;
}
