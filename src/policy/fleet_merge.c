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
#include "core/limits.h"
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
count_lines(const struct hp_buf *b)
{
	const char *p;
	size_t n = 0;

	for (p = b->buf; p < b->buf + b->len; p++)
		n += *p == '\n' && p > b->buf && p[-1] != '\n';
	return n + (b->len > 0 && b->buf[b->len - 1] != '\n');
}

static int
read_shard(struct merge *mg, struct hp_buf *b, const char *file,
    struct hp_error *e)
{
	struct fleet_line l;
	char *p, *nl;
	size_t line = 0;
	int r = 0;

	for (p = b->buf; r == 0 && p < b->buf + b->len; p = nl + 1) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(b->buf + b->len - p))) ==
		    NULL)
			nl = b->buf + b->len;
		*nl = '\0';
		if (*p == '\0')
			continue;
		if (fleet_line_parse(p, &l) == -1)
			r = hp_error_set(e, HP_E_INPUT, "%s:%zu: not a line of "
			    "a fleet's JSON lines report (hivepol check "
			    "--fleet --format jsonl)", file, line);
		else
			r = place(mg, &l, file, line, e);
		fleet_line_release(&l);
	}
	return r;
}

int
hp_fleet_merge(const char *const *paths, size_t npaths, struct hp_fleet *f,
    struct hp_fleet_result **results, struct hp_error *e)
{
	struct merge mg = { f, NULL, NULL, 0 };
	struct hp_buf *bufs = hp_calloc(npaths + 1, sizeof(*bufs));
	size_t i;
	int r = 0;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < npaths; i++)
		bufs[i] = (struct hp_buf)HP_BUF_INIT;
	for (i = 0; r == 0 && i < npaths; i++)
		if ((r = hp_file_read(paths[i], HP_MAX_INPUT_SIZE, &bufs[i],
		    e)) == 0)
			mg.lines += count_lines(&bufs[i]);
	for (i = 0; r == 0 && i < npaths; i++)
		r = read_shard(&mg, &bufs[i], paths[i], e);
	for (i = 0; i < npaths; i++)
		hp_buf_release(&bufs[i]);
	free(bufs);
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
