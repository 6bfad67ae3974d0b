/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reading Registry.pol files: the layout is in docs/pol-format.md (and
 * ../shared/docs/formats.md section B).  Liberal: what Windows accepts
 * but no writer should produce is a warning.
 */
#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "core/limits.h"
#include "core/text.h"
#include "core/le.h"
#include "formats/pol_impl.h"
#include "formats/polfile.h"
#include "formats/utf16.h"

const unsigned char hp_pol_magic[8] = { 'P', 'R', 'e', 'g', 1, 0, 0, 0 };

static int
expect(struct hp_pol_reader *r, unsigned c, const char *what)
{
	if (r->pos + 2 > r->len)
		return hp_error_set(r->e, HP_E_INPUT, "%s: offset %zu: "
		    "entry truncated: the file ends where '%c' %s was "
		    "expected", r->name, r->pos, c, what);
	if (hp_le16(r->b + r->pos) != c)
		return hp_error_set(r->e, HP_E_INPUT, "%s: offset %zu: "
		    "expected '%c' %s, found 0x%04x", r->name, r->pos, c,
		    what, hp_le16(r->b + r->pos));
	r->pos += 2;
	return 0;
}

static int
read_u32(struct hp_pol_reader *r, uint32_t *out, const char *what)
{
	if (r->pos + 4 > r->len)
		return hp_error_set(r->e, HP_E_INPUT, "%s: offset %zu: "
		    "entry truncated in its %s", r->name, r->pos, what);
	*out = hp_le32(r->b + r->pos);
	r->pos += 4;
	return 0;
}

/* A NUL-terminated UTF-16 string: where it starts, its length in bytes. */
static int
read_str(struct hp_pol_reader *r, size_t *start, size_t *n, const char *what)
{
	size_t p;

	for (p = r->pos; p + 2 <= r->len; p += 2)
		if (hp_le16(r->b + p) == 0) {
			*start = r->pos;
			*n = p - r->pos;
			r->pos = p + 2;
			return 0;
		}
	return hp_error_set(r->e, HP_E_INPUT, "%s: offset %zu: entry "
	    "truncated: the %s has no NUL terminator before the end of the "
	    "file", r->name, r->pos, what);
}

/*
 * UTF-16LE to a malloc'd UTF-8 string: hp_utf16_decode gives what iconv
 * gives for all but lone surrogates, which iconv refuses with a message.
 */
static char *
utf16_to_str(const unsigned char *p, size_t n, struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;

	if (hp_utf16_valid(p, n))
		hp_utf16_decode(p, n, &b);
	else if (hp_text_from_utf16(p, n, &b, e) == -1) {
		hp_buf_release(&b);
		return NULL;
	}
	return hp_buf_detach(&b, NULL);
}

/* The fields from the value name's ';' to the data, then the data. */
static int
read_data(struct hp_pol_reader *r, struct hp_pol_entry *en, size_t ns,
    size_t nn, struct hp_warnings *w)
{
	uint32_t type, size;

	if (expect(r, ';', "after the value name") == -1 ||
	    read_u32(r, &type, "type") == -1 ||
	    expect(r, ';', "after the type") == -1 ||
	    read_u32(r, &size, "size") == -1 ||
	    expect(r, ';', "after the size") == -1)
		return -1;
	if (size > r->len - r->pos)
		return hp_error_set(r->e, HP_E_INPUT, "%s: offset %zu: data "
		    "size %lu runs past the end of the file (%zu bytes left)",
		    r->name, r->pos - 6, (unsigned long)size,
		    r->len - r->pos);
	if (size > HP_MAX_VALUE_SIZE)
		return hp_error_set(r->e, HP_E_INPUT, "%s: offset %zu: data "
		    "size %lu is above hivepol's limit of %lu bytes", r->name,
		    r->pos - 6, (unsigned long)size, HP_MAX_VALUE_SIZE);
	if (nn / 2 > HP_MAX_VALUE_NAME)
		return hp_error_set(r->e, HP_E_INPUT, "%s: offset %zu: value "
		    "name of %zu characters (the registry's limit is %d)",
		    r->name, ns, nn / 2, HP_MAX_VALUE_NAME);
	if (size > HP_POL_MAX_DATA)
		hp_warn(w, "%s: offset %zu: data size %lu is above the "
		    "format's limit of 65535 bytes (accepted)", r->name,
		    r->pos - 6, (unsigned long)size);
	if (type > HP_REG_QWORD)
		hp_warn(w, "%s: offset %zu: unknown value type %lu (kept as "
		    "is)", r->name, r->pos - 12, (unsigned long)type);
	if (hp_pol_is_string_type(type) && size % 2 != 0)
		hp_warn(w, "%s: offset %zu: string data of odd size %lu "
		    "(accepted)", r->name, r->pos - 6, (unsigned long)size);
	hp_value_set(&en->value, type, r->b + r->pos, size);
	r->pos += size;
	return expect(r, ']', "to close the entry");
}

/* The names of an entry whose key starts at ks and name at ns. */
static int
set_names(struct hp_pol_reader *r, struct hp_pol_entry *en, size_t ks,
    size_t kn, size_t ns, size_t nn, int raw)
{
	/* The raw names only serve writing back (hp_pol_read). */
	if (raw) {
		en->key16 = hp_memdup(r->b + ks, kn);
		en->name16 = hp_memdup(r->b + ns, nn);
	}
	en->key16len = kn;
	en->name16len = nn;
	if ((en->key = utf16_to_str(r->b + ks, kn, r->e)) == NULL) {
		hp_error_prefix(r->e, "%s: offset %zu: key", r->name, ks);
		return -1;
	}
	if ((en->name = utf16_to_str(r->b + ns, nn, r->e)) == NULL) {
		hp_error_prefix(r->e, "%s: offset %zu: value name", r->name,
		    ns);
		return -1;
	}
	return 0;
}

/* One entry at r->pos (which holds its '['). */
static int
read_entry(struct hp_pol_reader *r, struct hp_pol_entry *en,
    struct hp_warnings *w, int raw)
{
	size_t ks, kn, ns, nn;

	en->offset = r->pos;
	if (expect(r, '[', "to open an entry") == -1 ||
	    read_str(r, &ks, &kn, "key") == -1 ||
	    expect(r, ';', "after the key") == -1 ||
	    read_str(r, &ns, &nn, "value name") == -1)
		return -1;
	/* Some writers put a second NUL after the value name. */
	if (r->pos + 2 <= r->len && hp_le16(r->b + r->pos) == 0) {
		en->extra_nul = 1;
		hp_warn(w, "%s: offset %zu: extra NUL after the value name "
		    "(accepted)", r->name, r->pos);
		r->pos += 2;
	}
	if (read_data(r, en, ns, nn, w) == -1)
		return -1;
	return set_names(r, en, ks, kn, ns, nn, raw);
}

int
hp_pol_reader_start(struct hp_pol_reader *r, const void *buf, size_t len,
    const char *name, struct hp_error *e)
{
	*r = (struct hp_pol_reader){ buf, len, 8, name, e };
	if (len < 8)
		return hp_error_set(e, HP_E_INPUT, "%s: offset 0: not a "
		    "Registry.pol file (%zu bytes, shorter than the 8-byte "
		    "header)", name, len);
	if (memcmp(buf, hp_pol_magic, 4) != 0)
		return hp_error_set(e, HP_E_INPUT, "%s: offset 0: not a "
		    "Registry.pol file (no \"PReg\" signature)", name);
	if (hp_le32(r->b + 4) != 1)
		return hp_error_set(e, HP_E_INPUT, "%s: offset 4: "
		    "Registry.pol version %lu, only version 1 exists", name,
		    (unsigned long)hp_le32(r->b + 4));
	return 0;
}

int
hp_pol_reader_next(struct hp_pol_reader *r, struct hp_pol_entry *en,
    struct hp_warnings *w, int raw)
{
	memset(en, 0, sizeof(*en));
	if (r->pos >= r->len)
		return 0;
	if (r->len - r->pos < 2 || hp_le16(r->b + r->pos) != '[')
		return hp_error_set(r->e, HP_E_INPUT, "%s: offset %zu: "
		    "expected '[' to open an entry, found %s", r->name, r->pos,
		    r->len - r->pos < 2 ? "a stray byte" : "other data");
	if (read_entry(r, en, w, raw) == -1) {
		hp_pol_entry_free(en);
		memset(en, 0, sizeof(*en));
		return -1;
	}
	return 1;
}

int
hp_pol_read(const void *buf, size_t len, const char *name,
    struct hp_pol *out, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_pol_reader r;
	struct hp_pol_entry en;
	int g;

	if (hp_pol_reader_start(&r, buf, len, name, e) == -1)
		return -1;
	while ((g = hp_pol_reader_next(&r, &en, w, 1)) == 1) {
		HP_ALLOC_GROW(out->v, out->n + 1, out->cap);
		out->v[out->n++] = en;
	}
	return g;
}

int
hp_pol_read_file(const char *path, struct hp_pol *out, struct hp_warnings *w,
    struct hp_error *e)
{
	struct hp_file_map m;
	int r;

	if ((r = hp_file_map(path, &m, e)) == 0)
		r = hp_pol_read(m.data, m.len, path, out, w, e);
	hp_file_unmap(&m);
	return r;
}

int
hp_pol_parse_file(const char *path, enum hp_root root, struct hp_patch *out,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_file_map m;
	int r;

	if ((r = hp_file_map(path, &m, e)) == 0)
		r = hp_pol_parse(m.data, m.len, path, root, out, w, e);
	hp_file_unmap(&m);
	return r;
}
