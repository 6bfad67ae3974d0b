/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The hive writer's values (see hive_writer.h): a key's vk records and
 * their data, copied from the original or written from the overlay.
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "core/text.h"
#include "formats/hive_writer.h"
#include "core/le.h"
#include "formats/regf.h"
#include "formats/utf16.h"

/*
 * The data of the original's vk: a pointer into the file when it is one
 * cell, else gathered from its big-data segments into w->data.
 */
static int
read_data(struct writer *w, const unsigned char *vk, const unsigned char **p,
    size_t *plen)
{
	uint32_t len = hp_le32(vk + 4), off = hp_le32(vk + 8);
	const unsigned char *d, *list;
	size_t dlen, llen, i, n;

	*p = NULL;
	*plen = 0;
	if (len & 0x80000000u)
		return (len & 0x7fffffffu) > 4 ?
		    hw_bad(w, "inline value data over 4 bytes", off) : 0;
	if (len > HP_MAX_VALUE_SIZE)
		return hw_bad(w, "value data too large", off);
	if (len == 0)
		return 0;
	if ((d = hw_in_cell(w, off, &dlen)) == NULL)
		return hw_bad(w, "value data outside the hive", off);
	*plen = len;
	if (len <= dlen) {
		*p = d;
		return 0;
	}
	if (dlen < 8 || memcmp(d, "db", 2) != 0 ||
	    (list = hw_in_cell(w, hp_le32(d + 4), &llen)) == NULL)
		return hw_bad(w, "value data larger than its cell", off);
	hp_buf_reset(&w->data);
	n = hp_le16(d + 2);
	for (i = 0; i < n && w->data.len < len; i++) {
		const unsigned char *seg;
		size_t slen, take;

		if (4 * i + 4 > llen ||
		    (seg = hw_in_cell(w, hp_le32(list + 4 * i), &slen)) == NULL)
			return hw_bad(w, "bad big-data segment", off);
		/* Full segments hold 16,344 bytes (and 4 spare). */
		take = slen < HP_REGF_BIG_DATA ? slen : HP_REGF_BIG_DATA;
		if (take > len - w->data.len)
			take = len - w->data.len;
		hp_buf_add(&w->data, seg, take);
	}
	if (w->data.len != len)
		return hw_bad(w, "big data shorter than its value", off);
	*p = (const unsigned char *)w->data.buf;
	return 0;
}

/* Writes value data as one cell, or as a db record and its segments. */
static int
write_data(struct writer *w, const unsigned char *data, size_t len,
    uint32_t *rel)
{
	size_t nseg, i;
	uint32_t list, seg;
	unsigned char *p;

	if (len <= HP_REGF_BIG_DATA || !w->big_data)
		return hw_copy_cell(w, data, len, rel);
	nseg = (len + HP_REGF_BIG_DATA - 1) / HP_REGF_BIG_DATA;
	if (hw_alloc_cell(w, 12, rel) == -1 ||
	    hw_alloc_cell(w, 4 * nseg, &list) == -1)
		return -1;
	p = hw_out_cell(w, *rel);
	memcpy(p, "db", 2);
	hp_le16_put(p + 2, (uint16_t)nseg);
	hp_le32_put(p + 4, list);
	for (i = 0; i < nseg; i++) {
		size_t take = len - i * HP_REGF_BIG_DATA;

		if (take > HP_REGF_BIG_DATA)
			take = HP_REGF_BIG_DATA;
		/* Segments keep 4 spare bytes, as Windows writes them. */
		if (hw_alloc_cell(w, take + 4, &seg) == -1)
			return -1;
		memcpy(hw_out_cell(w, seg), data + i * HP_REGF_BIG_DATA, take);
		if (hw_put32(w, list, 4 * i, seg) == -1)
			return -1;
	}
	return 0;
}

/* The longest value name and data of a key, as its nk records them. */
struct vmax {
	uint32_t	 name;		/* in UTF-16 bytes */
	uint32_t	 data;
};

static void
vmax_add(struct vmax *m, size_t name16, size_t data)
{
	if (name16 > m->name)
		m->name = (uint32_t)name16;
	if (data > m->data)
		m->data = (uint32_t)data;
}

/* Copies the original's vk at old (and its data). */
static int
copy_vk(struct writer *w, uint32_t old, uint32_t *new, struct vmax *m)
{
	const unsigned char *vk, *data;
	size_t vlen, dlen;
	uint32_t namelen, dataoff;

	if ((vk = hw_in_cell(w, old, &vlen)) == NULL || vlen < 20 ||
	    memcmp(vk, "vk", 2) != 0 || (namelen = hp_le16(vk + 2)) >
	    vlen - 20)
		return hw_bad(w, "bad value cell", HP_REGF_BLOCK + (size_t)old);
	if (read_data(w, vk, &data, &dlen) == -1 ||
	    hw_copy_cell(w, vk, 20 + namelen, new) == -1)
		return -1;
	if (data != NULL && (write_data(w, data, dlen, &dataoff) == -1 ||
	    hw_put32(w, *new, 8, dataoff) == -1))
		return -1;
	vmax_add(m, (hp_le16(vk + 16) & 1) ? 2 * namelen : namelen,
	    (hp_le32(vk + 4) & 0x80000000u) ? hp_le32(vk + 4) & 0x7fffffffu :
	    dlen);
	return 0;
}

/*
 * A name in w->units as UTF-16LE.  Returns 1 if it can be stored
 * compressed (one byte a unit): every unit below 0x100, as Windows (and
 * libhivex) store Latin-1 names; readers such as reglookup rely on it.
 */
int
hw_encode_name(struct writer *w, const char *name)
{
	size_t i;

	hp_buf_reset(&w->units);
	if (hp_utf16_encode(name, strlen(name), &w->units) == 1)
		return hp_error_set(w->e, HP_E_INPUT, "%s: name \"%s\" is "
		    "not valid UTF-8", w->hv->path, name);
	for (i = 0; i < w->units.len; i += 2)
		if (hp_le16((unsigned char *)w->units.buf + i) > 0xff)
			return 0;
	return 1;
}

/* Writes a vk named name for a value the overlay holds. */
static int
new_vk(struct writer *w, const char *name, const struct hp_value *v,
    uint32_t *new, struct vmax *m)
{
	size_t i, nlen;
	uint32_t dataoff = 0, len = (uint32_t)v->len;
	unsigned char *p;
	int comp;

	if ((comp = hw_encode_name(w, name)) == -1)
		return -1;
	nlen = comp ? w->units.len / 2 : w->units.len;
	if (len > 4 && write_data(w, v->data, len, &dataoff) == -1)
		return -1;
	if (hw_alloc_cell(w, 20 + nlen, new) == -1)
		return -1;
	p = hw_out_cell(w, *new);
	memcpy(p, "vk", 2);
	hp_le16_put(p + 2, (uint16_t)nlen);
	if (len <= 4) {		/* small data lives in the offset field */
		hp_le32_put(p + 4, len | 0x80000000u);
		if (len > 0)
			memcpy(p + 8, v->data, len);
	} else {
		hp_le32_put(p + 4, len);
		hp_le32_put(p + 8, dataoff);
	}
	hp_le32_put(p + 12, v->type);
	hp_le16_put(p + 16, comp ? 1 : 0);
	for (i = 0; i < nlen; i++)
		p[20 + i] = comp ? (unsigned char)w->units.buf[2 * i] :
		    (unsigned char)w->units.buf[i];
	vmax_add(m, w->units.len, len);
	return 0;
}

/*
 * The name of the original's vk at old in UTF-8, as libhivex reads it
 * (compressed names are Latin-1), into w->data.
 */
static int
vk_name(struct writer *w, uint32_t old, const char **name)
{
	const unsigned char *vk;
	size_t vlen, n, i;

	if ((vk = hw_in_cell(w, old, &vlen)) == NULL || vlen < 20 ||
	    memcmp(vk, "vk", 2) != 0 || (n = hp_le16(vk + 2)) > vlen - 20)
		return hw_bad(w, "bad value cell", HP_REGF_BLOCK + (size_t)old);
	hp_buf_reset(&w->data);
	if (!(hp_le16(vk + 16) & 1))
		hp_utf16_decode_name(vk + 20, n & ~(size_t)1, &w->data);
	for (i = 0; (hp_le16(vk + 16) & 1) && i < n; i++) {
		if (vk[20 + i] == 0)
			hp_buf_adds(&w->data, HP_NAME_NUL);
		else if (vk[20 + i] < 0x80)
			hp_buf_addc(&w->data, vk[20 + i]);
		else
			hp_buf_add(&w->data, (unsigned char[]){ 0xc0 |
			    vk[20 + i] >> 6, 0x80 | (vk[20 + i] & 0x3f) }, 2);
	}
	*name = w->data.buf;
	return 0;
}

/* A value's name as stored, compared without decoding it. */
struct vname {
	const unsigned char	*raw;
	size_t			 len;	/* in units */
	int			 comp;	/* one byte a unit */
	uint32_t		 old;	/* its vk */
};

static int
vname_cmp(const void *a, const void *b)
{
	const struct vname *x = a, *y = b;
	size_t i;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	for (i = 0; i < x->len; i++) {
		uint16_t u = hp_name_upcase(x->comp ? x->raw[i] :
		    hp_le16(x->raw + 2 * i));
		uint16_t v = hp_name_upcase(y->comp ? y->raw[i] :
		    hp_le16(y->raw + 2 * i));

		if (u != v)
			return u < v ? -1 : 1;
	}
	return 0;
}

/*
 * Two values of one name among the original's n at list (their order
 * is the file's, so a sorted copy is compared): told (hive_corrupt) and
 * refused unless forced.  A bad cell is left to the copy to report.
 */
static int
values_twice(struct writer *w, const unsigned char *nk,
    const unsigned char *list, size_t n)
{
	struct vname *v;
	const char *name;
	size_t i, len;

	if (n < 2)
		return 0;
	v = hp_calloc(n, sizeof(*v));
	for (i = 0; i < n; i++) {
		const unsigned char *vk;

		v[i].old = hp_le32(list + 4 * i);
		if ((vk = hw_in_cell(w, v[i].old, &len)) == NULL || len < 20 ||
		    memcmp(vk, "vk", 2) != 0 || hp_le16(vk + 2) > len - 20) {
			free(v);
			return 0;
		}
		v[i].raw = vk + 20;
		v[i].comp = hp_le16(vk + 16) & 1;
		v[i].len = v[i].comp ? hp_le16(vk + 2) : hp_le16(vk + 2) / 2;
	}
	qsort(v, n, sizeof(*v), vname_cmp);
	for (i = 1; i < n; i++)
		if (vname_cmp(&v[i - 1], &v[i]) == 0) {
			if (vk_name(w, v[i].old, &name) == 0)
				hive_twice_named(w->hv, (hp_node)(nk - 4 -
				    w->in), 1, name);
			break;
		}
	free(v);
	return hive_write_refused(w->hv, w->e);
}

/* Fills the fields of the key at nk that describe its n values. */
static int
value_fields(struct writer *w, uint32_t nk, size_t n, uint32_t list,
    const struct vmax *m)
{
	if (hw_put32(w, nk, 36, (uint32_t)n) == -1 ||
	    hw_put32(w, nk, 40, list) == -1 ||
	    hw_put32(w, nk, 60, m->name) == -1)
		return -1;
	return hw_put32(w, nk, 64, m->data);
}

/* The values of the original's nk, copied. */
int
hw_values_from_file(struct writer *w, const unsigned char *nk, uint32_t newnk)
{
	const unsigned char *list = NULL;
	size_t llen = 0, i, n = hp_le32(nk + 36);
	uint32_t newlist = NONE, newvk;
	struct vmax m = { 0, 0 };

	if (n > HP_MAX_VALUES)
		return hp_limit_error(w->e, w->hv->path, "values of one key",
		    n, HP_MAX_VALUES);
	if (n > 0 && ((list = hw_in_cell(w, hp_le32(nk + 40), &llen)) == NULL ||
	    llen < 4 * n))
		return hw_bad(w, "bad value list", hp_le32(nk + 40));
	if (values_twice(w, nk, list, n) == -1 ||
	    (n > 0 && hw_alloc_cell(w, 4 * n, &newlist) == -1))
		return -1;
	for (i = 0; i < n && i < 4; i++)
		hw_prefetch_cell(w, hp_le32(list + 4 * i));
	for (i = 0; i < n; i++) {
		if (i + 4 < n)
			hw_prefetch_cell(w, hp_le32(list + 4 * (i + 4)));
		if (copy_vk(w, hp_le32(list + 4 * i), &newvk, &m) == -1 ||
		    hw_put32(w, newlist, 4 * i, newvk) == -1)
			return -1;
	}
	return value_fields(w, newnk, n, newlist, &m);
}

/*
 * One value of a changed key: the original's vk at old copied (c NULL),
 * or written from the change c under name.
 */
struct vplan {
	uint32_t		 old;
	const struct vchg	*c;
	char			*name;
};

/* Which of the original's values stay, and which the overlay replaces. */
static int
plan_file_values(struct writer *w, const struct okey *k,
    const unsigned char *nk, struct vplan *plan, size_t *n,
    unsigned char *seen)
{
	const unsigned char *list;
	size_t llen, i, nfile = hp_le32(nk + 36);
	const char *name = NULL;

	if (nfile == 0)
		return 0;
	if ((list = hw_in_cell(w, hp_le32(nk + 40), &llen)) == NULL ||
	    llen < 4 * nfile)
		return hw_bad(w, "bad value list", hp_le32(nk + 40));
	if (values_twice(w, nk, list, nfile) == -1)
		return -1;
	for (i = 0; i < nfile; i++) {
		uint32_t old = hp_le32(list + 4 * i);
		const struct vchg *c;

		if (vk_name(w, old, &name) == -1)
			return -1;
		if ((c = hive_vchg_find(k, name)) != NULL)
			seen[c - k->chg] = 1;
		if (c != NULL && c->deleted)
			continue;
		plan[*n].old = old;
		plan[*n].c = c;
		plan[*n].name = c != NULL ? hp_strdup(name) : NULL;
		(*n)++;
	}
	return 0;
}

/*
 * The values of a key the overlay changed: the original's (nk, unless
 * cleared; NULL for a new key) in their order, changed ones rewritten
 * under their old names, deleted ones left out, then the new ones.
 */
int
hw_values_from_overlay(struct writer *w, const struct okey *k,
    const unsigned char *nk, uint32_t newnk)
{
	size_t nfile = nk != NULL && !(k->flags & OK_CLEARED) ?
	    hp_le32(nk + 36) : 0, n = 0, nadd, i;
	struct vplan *plan;
	const struct vchg **add;
	unsigned char *seen;
	uint32_t newlist = NONE, newvk;
	struct vmax m = { 0, 0 };
	int r = -1;

	if (nfile > HP_MAX_VALUES)
		return hp_limit_error(w->e, w->hv->path, "values of one key",
		    nfile, HP_MAX_VALUES);
	plan = hp_calloc(nfile + k->nchg + 1, sizeof(*plan));
	add = hp_calloc(k->nchg + 1, sizeof(*add));
	seen = hp_calloc(k->nchg + 1, 1);
	if (nfile > 0 && plan_file_values(w, k, nk, plan, &n, seen) == -1)
		goto out;
	nadd = hive_added_values(k, seen, add);
	for (i = 0; i < nadd; i++)
		plan[n++] = (struct vplan){ NONE, add[i], NULL };
	if (n > 0 && hw_alloc_cell(w, 4 * n, &newlist) == -1)
		goto out;
	for (i = 0, r = 0; i < n && r == 0; i++) {
		const struct vplan *p = &plan[i];

		r = p->c == NULL ? copy_vk(w, p->old, &newvk, &m) :
		    new_vk(w, p->name ? p->name : p->c->name, &p->c->value,
		    &newvk, &m);
		if (r == 0)
			r = hw_put32(w, newlist, 4 * i, newvk);
	}
	if (r == 0)
		r = value_fields(w, newnk, n, newlist, &m);
out:
	for (i = 0; i < nfile + k->nchg; i++)
		free(plan[i].name);
	free(plan);
	free(add);
	free(seen);
	return r;
}
