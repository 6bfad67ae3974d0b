/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The comparison matrix as text and as JSON ("hivepol-compare/1"). */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "formats/json.h"
#include "formats/secedit_settings.h"
#include "policy/compare.h"

/* Text cells show this much data; JSON and HTML show it all. */
#define TEXT_CELL_MAX	48
/* Wider cells are not padded: they would push every column away. */
#define TEXT_COL_MAX	60

static int
shown(const struct hp_cmp_row *row, int only_differing)
{
	return !only_differing || row->differs;
}

/* Control characters of data and names escaped: a row stays one line. */
static void
clean(struct hp_buf *t, size_t from)
{
	struct hp_buf raw = HP_BUF_INIT;
	size_t i;

	if (t->len == from)
		return;
	hp_buf_add(&raw, t->buf + from, t->len - from);
	t->len = from;
	t->buf[from] = '\0';
	for (i = 0; i < raw.len; i++) {
		unsigned char ch = (unsigned char)raw.buf[i];

		if (ch == '\n' || ch == '\r' || ch == '\t')
			hp_buf_addf(t, "\\%c", ch == '\n' ? 'n' : ch == '\r' ?
			    'r' : 't');
		else if (ch < 0x20 || ch == 0x7f)
			hp_buf_addf(t, "\\x%02x", ch);
		else
			hp_buf_addc(t, ch);
	}
	hp_buf_release(&raw);
}

/* "[2] REG_DWORD 0x00000001 (1) conflict" */
static void
text_cell(const struct hp_cmp_row *row, size_t k, struct hp_buf *out)
{
	const struct hp_cmp_cell *cell = &row->cells[k];
	size_t from;

	hp_buf_addf(out, "[%zu] ", k + 1);
	from = out->len;
	hp_cmp_cell_text(cell, TEXT_CELL_MAX, out);
	clean(out, from);
	if (cell->action != HP_CMP_ABSENT && row->state != HP_CMP_SINGLE)
		hp_buf_addf(out, " %s", hp_cmp_state_name(row->state));
}

static void
text_setting(const struct hp_cmp_row *row, struct hp_buf *out)
{
	hp_buf_reset(out);
	hp_cmp_row_setting(row, out);
	clean(out, 0);
}

/* Rows [0, n) share a key: the key, then a line per setting, aligned. */
static void
text_group(const struct hp_cmp *c, const struct hp_cmp_row *rows, size_t n,
    int only_differing, struct hp_buf *out)
{
	struct hp_buf t = HP_BUF_INIT;
	size_t i, k, namew = 0, *w = hp_calloc(c->nsrc, sizeof(*w));

	for (i = 0; i < n; i++) {
		if (!shown(&rows[i], only_differing))
			continue;
		text_setting(&rows[i], &t);
		namew = t.len > namew ? t.len : namew;
		for (k = 0; k + 1 < c->nsrc; k++) {
			hp_buf_reset(&t);
			text_cell(&rows[i], k, &t);
			if (t.len <= TEXT_COL_MAX && t.len > w[k])
				w[k] = t.len;
		}
	}
	hp_buf_reset(&t);
	hp_cmp_row_group(&rows[0], &t);
	clean(&t, 0);
	hp_buf_adds(out, t.buf);
	hp_buf_addc(out, '\n');
	for (i = 0; i < n; i++) {
		if (!shown(&rows[i], only_differing))
			continue;
		text_setting(&rows[i], &t);
		hp_buf_addf(out, "  %-*s", (int)namew, t.buf);
		for (k = 0; k < c->nsrc; k++) {
			hp_buf_reset(&t);
			text_cell(&rows[i], k, &t);
			hp_buf_addf(out, "  %-*s", k + 1 < c->nsrc ? (int)w[k] : 0,
			    t.buf);
		}
		hp_buf_addc(out, '\n');
	}
	hp_buf_release(&t);
	free(w);
}

void
hp_cmp_text(const struct hp_cmp *c, int only_differing, struct hp_buf *out)
{
	size_t i, j, k;
	int any;

	hp_buf_addf(out, "compare: %zu sources, %zu settings: %zu conflict, "
	    "%zu repeat, %zu single\n", c->nsrc, c->n,
	    c->count[HP_CMP_CONFLICT], c->count[HP_CMP_REPEAT],
	    c->count[HP_CMP_SINGLE]);
	for (k = 0; k < c->nsrc; k++)
		hp_buf_addf(out, "  [%zu] %s (%s%s%s)\n", k + 1, c->src[k].path,
		    c->src[k].format, c->src[k].state ? ", " : "",
		    c->src[k].state ? c->src[k].state : "");
	for (i = 0; i < c->n; i = j) {
		any = 0;
		for (j = i; j < c->n && hp_cmp_same_group(&c->rows[i],
		    &c->rows[j]); j++)
			any |= shown(&c->rows[j], only_differing);
		if (!any)
			continue;
		hp_buf_addc(out, '\n');
		text_group(c, &c->rows[i], j - i, only_differing, out);
	}
}

static struct json_object *
json_str(const char *s)
{
	return s != NULL ? json_object_new_string(s) : NULL;
}

static struct json_object *
json_cell(const struct hp_cmp_row *row, size_t k)
{
	static const char *const action[] = {
		[HP_CMP_ABSENT] = NULL, [HP_CMP_SET] = "set",
		[HP_CMP_DELETE] = "delete"
	};
	static const char *const fields[] = { "type", "type_id", "data",
	    "hex" };
	const struct hp_cmp_cell *cell = &row->cells[k];
	struct json_object *o;
	size_t i;

	if (cell->action == HP_CMP_SET && cell->set == NULL)
		o = hp_json_value(NULL, &cell->value);
	else {
		o = json_object_new_object();
		for (i = 0; i < sizeof(fields) / sizeof(*fields); i++)
			json_object_object_add(o, fields[i], NULL);
	}
	json_object_object_add(o, "source", json_object_new_int64(
	    (int64_t)k + 1));
	json_object_object_add(o, "action", json_str(action[cell->action]));
	json_object_object_add(o, "setting", cell->set != NULL ?
	    hp_secset_json(cell->set) : NULL);
	json_object_object_add(o, "state", json_object_new_string(
	    hp_cmp_state_name(cell->action == HP_CMP_ABSENT ? HP_CMP_NONE :
	    row->state)));
	return o;
}

static struct json_object *
json_row(const struct hp_cmp *c, const struct hp_cmp_row *row)
{
	static const char *const what[] = {
		[HP_CMP_VALUE] = "value", [HP_CMP_ALL_VALUES] = "all-values",
		[HP_CMP_KEY] = "key", [HP_CMP_NAMED] = "named"
	};
	struct json_object *o = json_object_new_object(), *cells;
	size_t k;

	json_object_object_add(o, "key", row->what == HP_CMP_NAMED ? NULL :
	    hp_json_path(&row->key));
	json_object_object_add(o, "what", json_str(what[row->what]));
	json_object_object_add(o, "value", json_str(row->what ==
	    HP_CMP_NAMED ? NULL : row->name));
	json_object_object_add(o, "section", json_str(row->section));
	json_object_object_add(o, "name", json_str(row->what == HP_CMP_NAMED ?
	    row->name : NULL));
	json_object_object_add(o, "label", json_str(row->label));
	json_object_object_add(o, "state", json_str(
	    hp_cmp_state_name(row->state)));
	json_object_object_add(o, "differs",
	    json_object_new_boolean(row->differs));
	cells = json_object_new_array();
	for (k = 0; k < c->nsrc; k++)
		json_object_array_add(cells, json_cell(row, k));
	json_object_object_add(o, "cells", cells);
	return o;
}

static struct json_object *
json_summary(const struct hp_cmp *c)
{
	struct json_object *o = json_object_new_object();
	size_t i, differing = 0;
	int s;

	for (i = 0; i < c->n; i++)
		differing += c->rows[i].differs != 0;
	json_object_object_add(o, "settings", json_object_new_int64(
	    (int64_t)c->n));
	for (s = HP_CMP_SINGLE; s < HP_CMP_NSTATES; s++)
		json_object_object_add(o, hp_cmp_state_name(s),
		    json_object_new_int64((int64_t)c->count[s]));
	json_object_object_add(o, "differing", json_object_new_int64(
	    (int64_t)differing));
	return o;
}

/* ,"name": value (taken) and a newline. */
static int
field(struct hp_buf *out, const char *name, struct json_object *value,
    struct hp_error *e)
{
	int r;

	hp_buf_addf(out, ",\"%s\": ", name);
	r = hp_json_append(out, value, JSON_C_TO_STRING_PLAIN, e);
	json_object_put(value);
	return r;
}

static struct json_object *
json_sources(const struct hp_cmp *c)
{
	struct json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; i < c->nsrc; i++) {
		struct json_object *s = json_object_new_object();

		json_object_object_add(s, "index", json_object_new_int64(
		    (int64_t)i + 1));
		json_object_object_add(s, "path", json_str(c->src[i].path));
		json_object_object_add(s, "format", json_str(c->src[i].format));
		json_object_object_add(s, "state", json_str(c->src[i].state));
		json_object_array_add(a, s);
	}
	return a;
}

/*
 * One document, written a row at a time (a row per line): a matrix of
 * whole hives has hundreds of thousands of rows, never all held as JSON.
 */
int
hp_cmp_json(const struct hp_cmp *c, int only_differing, struct hp_buf *out,
    struct hp_error *e)
{
	const char *sep = "";
	size_t i;
	int r;

	hp_buf_adds(out, "{\"schema\": \"hivepol-compare/1\"\n");
	r = field(out, "sources", json_sources(c), e);
	if (r == 0)
		r = field(out, "only_differing",
		    json_object_new_boolean(only_differing), e);
	if (r == 0)
		r = field(out, "summary", json_summary(c), e);
	hp_buf_adds(out, ",\"settings\": [\n");
	for (i = 0; r == 0 && i < c->n; i++) {
		struct json_object *row;

		if (!shown(&c->rows[i], only_differing))
			continue;
		hp_buf_adds(out, sep);
		row = json_row(c, &c->rows[i]);
		r = hp_json_append(out, row, JSON_C_TO_STRING_PLAIN, e);
		json_object_put(row);
		sep = ",";
	}
	hp_buf_adds(out, "]}\n");
	return r;
}
