/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sys/ioctl.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/progress.h"
#include "core/buf.h"

/* Seconds between two redraws of a line. */
#define REDRAW_EVERY	0.1
/* Seconds before a rate (and the time left) means something. */
#define RATE_AFTER	0.5
/* Room for "import: [bar] 1234567/2726297 bytes, 3.1 MiB/s, 0:02 left". */
#define BAR_WIDTH	20

int
hp_cli_opt_progress(const struct hp_option *opt, const char *arg,
    struct hp_error *e)
{
	struct hp_cli_progress *pg = opt->value;

	(void)arg;
	(void)e;
	pg->mode = strcmp(opt->long_name, "progress") == 0;
	return 0;
}

static double
since(const struct timespec *t0, const struct timespec *t1)
{
	return (double)(t1->tv_sec - t0->tv_sec) +
	    (double)(t1->tv_nsec - t0->tv_nsec) / 1e9;
}

/* "3.1 MiB/s" for bytes, "5012 keys/s" for any other unit. */
static void
add_rate(struct hp_buf *b, double rate, const char *unit)
{
	static const char *const scale[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	size_t i = 0;

	if (strcmp(unit, "bytes") != 0) {
		hp_buf_addf(b, ", %.0f %s/s", rate, unit);
		return;
	}
	while (rate >= 1024 && i + 1 < sizeof(scale) / sizeof(scale[0])) {
		rate /= 1024;
		i++;
	}
	hp_buf_addf(b, ", %.1f %s/s", rate, scale[i]);
}

/* "[#########...........]": done of total, total > 0. */
static void
add_bar(struct hp_buf *b, uint64_t done, uint64_t total)
{
	char bar[BAR_WIDTH + 3];
	size_t fill = (size_t)((double)done / (double)total * BAR_WIDTH);

	if (fill > BAR_WIDTH)
		fill = BAR_WIDTH;
	memset(bar, '.', sizeof(bar));
	memset(bar + 1, '#', fill);
	bar[0] = '[';
	bar[BAR_WIDTH + 1] = ']';
	bar[BAR_WIDTH + 2] = '\0';
	hp_buf_adds(b, bar);
}

static void
compose(struct hp_buf *b, const struct hp_cli_progress *pg, uint64_t done,
    uint64_t total, double secs)
{
	double rate = secs > 0 && (secs >= RATE_AFTER || done == total) ?
	    (double)done / secs : 0, left;

	hp_buf_addf(b, "\r%s: ", pg->what);
	if (total > 0) {
		add_bar(b, done, total);
		hp_buf_addf(b, " %" PRIu64 "/%" PRIu64 " %s", done, total,
		    pg->unit);
	} else
		hp_buf_addf(b, "%" PRIu64 " %s", done, pg->unit);
	if (rate > 0)
		add_rate(b, rate, pg->unit);
	if (done == total) {
		hp_buf_addf(b, ", done in %.1f s", secs);
	} else if (total > 0 && rate > 0) {
		left = (double)(total - done) / rate;
		hp_buf_addf(b, ", %u:%02u left", (unsigned)(left / 60),
		    (unsigned)left % 60);
	}
}

static void
draw(void *arg, uint64_t done, uint64_t total, const char *unit)
{
	struct hp_cli_progress *pg = arg;
	struct hp_buf b = HP_BUF_INIT;
	struct timespec now;
	size_t len;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (unit != pg->unit || done < pg->done) {
		hp_cli_progress_stop(pg);
		pg->unit = unit;
		pg->start = now;
	} else if (done != total && pg->open &&
	    since(&pg->drawn, &now) < REDRAW_EVERY)
		return;
	pg->drawn = now;
	pg->done = done;
	compose(&b, pg, done, total, since(&pg->start, &now));
	/* A line that wraps could not be redrawn with \r: cut it. */
	if (done != total && pg->cols > 1 && b.len > pg->cols)
		b.buf[b.len = pg->cols] = '\0';
	/* Blank what a longer line before left. */
	len = b.len;
	if (len < pg->width)
		hp_buf_addf(&b, "%*s", (int)(pg->width - len), "");
	pg->width = len;
	pg->open = done != total;
	if (!pg->open)
		hp_buf_addc(&b, '\n');
	fputs(b.buf, stderr);
	fflush(stderr);
	hp_buf_release(&b);
}

struct hp_progress *
hp_cli_progress_start(struct hp_cli_progress *pg, const char *what,
    unsigned flags)
{
	struct winsize ws;

	if (pg->mode == 0 || (pg->mode < 0 && (!isatty(STDERR_FILENO) ||
	    ((flags & HP_CLI_PROGRESS_STREAMS) && isatty(STDOUT_FILENO)))))
		return NULL;
	pg->what = what;
	pg->cols = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 ? ws.ws_col : 0;
	pg->p = (struct hp_progress){ draw, pg, 0, NULL, 0, 0 };
	pg->unit = NULL;
	pg->done = 0;
	pg->open = 0;
	pg->width = 0;
	return &pg->p;
}

void
hp_cli_progress_stop(struct hp_cli_progress *pg)
{
	if (pg->open) {
		fputc('\n', stderr);
		fflush(stderr);
	}
	pg->open = 0;
	pg->width = 0;
}
