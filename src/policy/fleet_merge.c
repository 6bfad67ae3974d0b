/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Shards' JSON lines reports merged back into one fleet: each line names
 * its machine's index in the whole fleet and the fleet's size, so the
 * merge can put every machine in its place and see what is missing.
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "policy/fleet_impl.h"

/* Where each machine of the fleet was read, to name a second reading. */
struct merge {
	struct hp_fleet		*f;
	struct hp_fleet_result	*res;
	char			**from;		/* "FILE:LINE", or NULL */
	size_t			 lines;		/* in all shards */
};

/* A fleet's size comes from its input: no line asks for more memory. */
static int
start(struct merge *mg, size_t size, const char *file, size_t line,
    struct hp_error *e)
{
	struct hp_fleet *f = mg->f;
	size_t i;

	if (size > mg->lines)
		return hp_error_set(e, HP_E_INPUT, "%s:%zu: a fleet of %zu "
		    "machines, but the shards hold %zu lines: was every "
		    "shard's report merged?", file, line, size, mg->lines);

	f->n = f->total = f->cap = size;
	f->m = hp_calloc(size + 1, sizeof(*f->m));
	mg->res = hp_calloc(size + 1, sizeof(*mg->res));
	mg->from = hp_calloc(size + 1, sizeof(*mg->from));
	for (i = 0; i < size; i++) {
		f->m[i].index = i;
		fleet_result_init(&mg->res[i]);
	}
	return 0;
}

/* Puts one line's machine in its place. */
static int
place(struct merge *mg, struct fleet_line *l, const char *file,
    size_t line, struct hp_error *e)
{
	if (mg->f->m == NULL) {
		if (start(mg, l->size, file, line, e) == -1)
			return -1;
	} else if (l->size != mg->f->total)
		return hp_error_set(e, HP_E_INPUT, "%s:%zu: a fleet of %zu "
		    "machines, but earlier lines are of a fleet of %zu: "
		    "shards of different runs", file, line, l->size,
		    mg->f->total);
	if (mg->from[l->index] != NULL)
		return hp_error_set(e, HP_E_INPUT, "%s:%zu: machine %s (index "
		    "%zu) is also at %s", file, line, l->machine ? l->machine :
		    "?", l->index, mg->from[l->index]);
	mg->from[l->index] = hp_strfmt("%s:%zu", file, line);
	mg->f->m[l->index].name = l->machine ? l->machine : hp_strdup("?");
	mg->f->m[l->index].path = l->path ? l->path : hp_strdup("");
	mg->res[l->index] = l->r;
	l->machine = l->path = NULL;
	fleet_result_init(&l->r);
	return 0;
}

static size_t
count_lines(const struct hp_file_map *m)
{
	const unsigned char *p;
	size_t n = 0;

	for (p = m->data; p < m->data + m->len; p++)
		n += *p == '\n' && p > m->data && p[-1] != '\n';
	return n + (m->len > 0 && m->data[m->len - 1] != '\n');
}

/* The shard's lines, each parsed from its own copy (the map is read-only). */
static int
read_shard(struct merge *mg, const struct hp_file_map *m, const char *file,
    struct hp_error *e)
{
	struct hp_buf line = HP_BUF_INIT;
	struct fleet_line l;
	const unsigned char *p, *nl, *end = m->data + m->len;
	size_t lineno = 0;
	int r = 0;

	for (p = m->data; r == 0 && p < end; p = nl + 1) {
		lineno++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (nl == p)
			continue;
		hp_buf_reset(&line);
		hp_buf_add(&line, p, (size_t)(nl - p));
		if (fleet_line_parse(line.buf, &l) == -1)
			r = hp_error_set(e, HP_E_INPUT, "%s:%zu: not a line of "
			    "a fleet's JSON lines report (hivepol check "
			    "--fleet --format jsonl)", file, lineno);
		else
			r = place(mg, &l, file, lineno, e);
		fleet_line_release(&l);
	}
	hp_buf_release(&line);
	return r;
}

int
hp_fleet_merge(const char *const *paths, size_t npaths, struct hp_fleet *f,
    struct hp_fleet_result **results, struct hp_error *e)
{
	struct merge mg = { f, NULL, NULL, 0 };
	struct hp_file_map *maps = hp_calloc(npaths + 1, sizeof(*maps));
	size_t i;
	int r = 0;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < npaths; i++)
		maps[i] = (struct hp_file_map)HP_FILE_MAP_INIT;
	for (i = 0; r == 0 && i < npaths; i++)
		if ((r = hp_file_map(paths[i], &maps[i], e)) == 0)
			mg.lines += count_lines(&maps[i]);
	for (i = 0; r == 0 && i < npaths; i++)
		r = read_shard(&mg, &maps[i], paths[i], e);
	for (i = 0; i < npaths; i++)
		hp_file_unmap(&maps[i]);
	free(maps);
	/* Lines >= machines and no machine twice: none is missing. */
	if (r == 0 && f->m == NULL)
		r = hp_error_set(e, HP_E_INPUT, "no fleet results in the "
		    "shards");
	for (i = 0; i < f->total; i++) {
		free(mg.from[i]);
		if (f->m[i].name == NULL)
			f->m[i].name = hp_strdup("?");
		if (f->m[i].path == NULL)
			f->m[i].path = hp_strdup("");
	}
	free(mg.from);
	*results = mg.res;
	if (r == -1) {
		hp_fleet_results_free(mg.res, f->n);
		hp_fleet_free(f);
		*results = NULL;
	}
	return r;
}
