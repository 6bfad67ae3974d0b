/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A replacement takes on what it replaces (see txn_impl.h): owner,
 * group, mode and extended attributes, POSIX ACLs among them.
 */
#include <sys/stat.h>
#include <sys/xattr.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/file.h"
#include "core/hook.h"
#include "core/txn_impl.h"

static int
copy_xattr(struct hp_txn_file *f, int from, const char *name,
    struct hp_warnings *w, struct hp_error *e)
{
	ssize_t len = fgetxattr(from, name, NULL, 0);
	char *val = NULL;
	int r = 0;

	if (len >= 0) {
		val = hp_malloc((size_t)len + 1);
		len = fgetxattr(from, name, val, (size_t)len);
	}
	if (len == -1)
		r = hp_error_errno(e, HP_E_IO, "%s: cannot read extended "
		    "attribute %s", f->path, name);
	else if (hp_hook_fsetxattr(f->fd, name, val, (size_t)len) == -1) {
		/* Not ours to give (trusted.*), or not on this file system. */
		if (errno == EPERM || errno == ENOTSUP)
			hp_warn(w, "%s: extended attribute %s not kept: %s",
			    f->path, name, strerror(errno));
		else
			r = hp_error_errno(e, HP_E_IO, "%s: cannot keep "
			    "extended attribute %s", f->path, name);
	}
	free(val);
	return r;
}

/* The original's extended attributes (POSIX ACLs among them), copied. */
static int
copy_xattrs(struct hp_txn_file *f, struct hp_warnings *w,
    struct hp_error *e)
{
	char *names = NULL, *p;
	ssize_t len;
	int from, r = 0;

	from = openat(f->dirfd, f->base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_NOCTTY | O_CLOEXEC);
	if (from == -1) {
		hp_warn(w, "%s: extended attributes not kept: %s", f->path,
		    strerror(errno));
		return 0;
	}
	len = flistxattr(from, NULL, 0);
	if (len > 0) {
		names = hp_malloc((size_t)len);
		len = flistxattr(from, names, (size_t)len);
	}
	if (len == -1 && (names != NULL || errno != ENOTSUP))
		r = hp_error_errno(e, HP_E_IO, "%s: cannot list extended "
		    "attributes", f->path);
	for (p = names; r == 0 && len > 0 && p < names + len;
	    p += strlen(p) + 1)
		r = copy_xattr(f, from, p, w, e);
	free(names);
	close(from);
	return r;
}

/* Gives the temporary file the owner, group, mode and xattrs it replaces. */
int
txn_keep_attrs(struct hp_txn_file *f, struct hp_warnings *w, struct hp_error *e)
{
	struct stat st, mine;

	if (fstatat(f->dirfd, f->base, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
	    !S_ISREG(st.st_mode)) {
		if (fchmod(f->fd, 0666 & ~hp_umask()) == -1)
			return hp_error_errno(e, HP_E_IO, "%s: chmod",
			    f->path);
		return 0;
	}
	if (fstat(f->fd, &mine) == -1)
		return hp_error_errno(e, HP_E_IO, "%s", f->path);
	if ((st.st_uid != mine.st_uid || st.st_gid != mine.st_gid) &&
	    hp_hook_fchown(f->fd, st.st_uid, st.st_gid) == -1) {
		if (errno != EPERM)
			return hp_error_errno(e, HP_E_IO, "%s: cannot keep "
			    "its owner and group", f->path);
		hp_warn(w, "%s: owner and group not kept: %s", f->path,
		    strerror(errno));
	}
	/* After fchown, which may clear the set-id bits. */
	if (fchmod(f->fd, st.st_mode & 07777) == -1)
		return hp_error_errno(e, HP_E_IO, "%s: cannot keep its "
		    "mode", f->path);
	return copy_xattrs(f, w, e);
}
