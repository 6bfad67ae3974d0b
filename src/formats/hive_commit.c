/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Committing: the image hive_write.c produces is staged in a transaction
 * (src/core/txn.h), which fsyncs it, has hive_verify.c read it back, and
 * renames it over the original with every other file of the transaction,
 * all or nothing.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>

#include "core/error.h"
#include "formats/hive_impl.h"
#include "core/txn.h"

/*
 * Beside the verification: the original's pages leave the page cache.
 * The rename drops them anyway (the original's last link goes, unless it
 * is kept as the backup), and then the process waits for it; here the
 * second core does it while libhivex opens the image.  Only advice: if
 * the commit fails, the file is as it was, only no longer cached.
 */
static void *
drop_original(void *arg)
{
	(void)posix_fadvise(*(const int *)arg, 0, 0, POSIX_FADV_DONTNEED);
	return NULL;
}

/* The transaction's read-back of the staged image, before any rename. */
static int
verify_staged(void *arg, const char *temp_name, struct hp_error *e)
{
	struct hp_hive *hv = arg;
	int full = hv->verify_level == HP_VERIFY_FULL, dropping = 0, r;
	pthread_t th;

	/* The full level reads the original again: it stays cached. */
	if (!full && hv->lock_fd != -1)
		dropping = pthread_create(&th, NULL, drop_original,
		    &hv->lock_fd) == 0;
	r = hp_hive_verify_image(hv, temp_name, full, e);
	if (dropping)
		pthread_join(th, NULL);
	return r;
}

int
hp_hive_stage(struct hp_hive *hv, struct hp_txn *t,
    const struct hp_commit_opts *o, int *staged, struct hp_error *e)
{
	struct hp_txn_file *f;

	*staged = 0;
	if (!hv->changed)
		return 0;
	hv->progress = o != NULL ? o->progress : NULL;
	if (hp_txn_stage(t, hv->real, &f, e) == -1 ||
	    hp_hive_write_image(hv, hp_txn_fd(f), hp_txn_temp_name(f),
	    e) == -1)
		return -1;
	hv->verify_level = o != NULL ? o->verify : HP_VERIFY_BASIC;
	hp_txn_set_verify(f, verify_staged, hv);
	hp_txn_set_backup(f, o != NULL && o->backup);
	*staged = 1;
	return 0;
}

int
hp_hive_commit(struct hp_hive *hv, const struct hp_commit_opts *o,
    struct hp_error *e)
{
	struct hp_txn *t;
	int staged, r;

	if (!hv->changed)
		return 0;
	if (hp_txn_begin(&t, e) == -1)
		return -1;
	r = hp_hive_stage(hv, t, o, &staged, e);
	if (r == 0)
		r = hp_txn_commit(t, o ? o->warnings : NULL, e);
	hp_txn_free(t);
	if (r == 0 && staged)
		hp_hive_written(hv);
	return r;
}
