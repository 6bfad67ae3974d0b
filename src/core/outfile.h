/*
 * An output file written in pieces but replaced atomically: the pieces go
 * to a temporary file beside the target, and only hp_outfile_commit puts
 * it in place (the steps of hp_file_write_atomic, spread out so that a
 * large export never has to sit in memory whole).  "-" is stdout, written
 * as it comes.
 */
#ifndef HP_OUTFILE_H
#define HP_OUTFILE_H

#include <stddef.h>

struct hp_buf;
struct hp_error;

struct hp_outfile {
	const char	*path;
	char		*tmp;		/* NULL for stdout */
	int		 fd;
	size_t		 written;	/* bytes in tmp */
	size_t		 queued;	/* of which handed to writeback */
};

int	hp_outfile_open(struct hp_outfile *f, const char *path,
	    struct hp_error *e);
int	hp_outfile_write(struct hp_outfile *f, const void *data, size_t len,
	    struct hp_error *e);
/* Writes out's contents and empties it; fits hp_reg_write_opts.flush. */
int	hp_outfile_flush(void *f, struct hp_buf *out, struct hp_error *e);
/* Puts the file in place; on failure the target is as it was. */
int	hp_outfile_commit(struct hp_outfile *f, struct hp_error *e);
/* Removes the temporary file (no-op after a commit). */
void	hp_outfile_abort(struct hp_outfile *f);

#endif
