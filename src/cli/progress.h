/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Progress lines on stderr, as pv and git draw them: redrawn in place
 * with \r, at most ten times a second, and a final line when a phase ends.
 * A command owns one struct hp_cli_progress: its option table takes
 * HP_OPT_PROGRESS(&pg), and hp_cli_progress_start hands the library the
 * struct hp_progress (core/progress.h) to report through.
 *
 *	import: [########............] 1203/2911 bytes, 5.0 KiB/s, 0:01 left
 *	export: 2911 keys, 4870 keys/s, done in 0.6 s
 */
#ifndef HP_CLI_PROGRESS_H
#define HP_CLI_PROGRESS_H

#include <stddef.h>
#include <time.h>

#include "cli/parse-options.h"
#include "core/progress.h"

struct hp_cli_progress {
	int			 mode;	/* 1 --progress, 0 --no-progress */
	const char		*what;	/* the line's label */
	struct hp_progress	 p;
	const char		*unit;	/* of the phase on the screen */
	uint64_t		 done;	/* its count drawn last */
	struct timespec		 start, drawn;
	int			 open;	/* the line lacks its newline */
	size_t			 width;	/* of the line drawn last */
	size_t			 cols;	/* the terminal's; 0: unknown */
};
/* Progress if stderr is a terminal, unless an option says otherwise. */
#define HP_CLI_PROGRESS_INIT	{ .mode = -1 }

hp_option_cb hp_cli_opt_progress;
#define HP_OPT_PROGRESS(pg) \
	HP_OPT_CALLBACK(0, "progress", 1 ? (pg) : \
	    (struct hp_cli_progress *)0, NULL, \
	    "show progress on stderr (default: if it is a terminal)", \
	    hp_cli_opt_progress), \
	HP_OPT_CALLBACK(0, "no-progress", (pg), NULL, \
	    "show no progress", hp_cli_opt_progress)

/*
 * The work writes stdout as it goes: by default, no progress lines
 * between its lines when both go to the terminal.
 */
#define HP_CLI_PROGRESS_STREAMS	1u

/*
 * What the library reports through for the work called what, or NULL if
 * no progress is shown.
 */
struct hp_progress *hp_cli_progress_start(struct hp_cli_progress *pg,
	    const char *what, unsigned flags);
/* Ends a line left open (the work failed half-way); pg may be unused. */
void	hp_cli_progress_stop(struct hp_cli_progress *pg);

#endif
