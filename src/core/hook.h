/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The system calls through which every output file is written (all of
 * them from txn.c).  A normal build calls libc directly.  A build with
 * -DHP_FAULT_INJECTION (the test binary build/hivepol-fault) makes the Nth
 * call of a kind fail with EIO when the environment says
 * HIVEPOL_FAULT=KIND:N, so tests can prove that no failure loses data.
 * The kinds: open (a temporary file or a non-regular target), write,
 * chown, xattr (copying one extended attribute), fsync (a file), close,
 * link (the hard link kept to a replaced original), rename, unlink (a
 * staged removal), mkdir, fsyncdir (a folder).  KIND digest makes the Nth
 * whole-registry comparison of a written hive (the full verification)
 * find a difference, so tests can prove that it fails the commit.
 */
#ifndef HP_HOOK_H
#define HP_HOOK_H

#include <sys/types.h>

#ifdef HP_FAULT_INJECTION
int	hp_hook_openat(int dirfd, const char *name, int flags, mode_t mode);
ssize_t	hp_hook_write(int fd, const void *buf, size_t len);
int	hp_hook_fchown(int fd, uid_t uid, gid_t gid);
int	hp_hook_fsetxattr(int fd, const char *name, const void *value,
	    size_t len);
int	hp_hook_fsync(int fd);
int	hp_hook_close(int fd);
int	hp_hook_linkat(int dirfd, const char *from, const char *to);
int	hp_hook_rename(const char *from, const char *to);
int	hp_hook_renameat(int dirfd, const char *from, const char *to);
int	hp_hook_unlinkat(int dirfd, const char *name);
int	hp_hook_mkdir(const char *path);
int	hp_hook_fsync_dir(int fd);
int	hp_hook_digest_differs(void);
#else
#include <sys/stat.h>
#include <sys/xattr.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#define hp_hook_openat(dirfd, name, flags, mode) \
	openat((dirfd), (name), (flags), (mode))
#define hp_hook_write(fd, buf, len)	write((fd), (buf), (len))
#define hp_hook_fchown(fd, uid, gid)	fchown((fd), (uid), (gid))
#define hp_hook_fsetxattr(fd, name, value, len) \
	fsetxattr((fd), (name), (value), (len), 0)
#define hp_hook_fsync(fd)		fsync(fd)
#define hp_hook_close(fd)		close(fd)
#define hp_hook_linkat(dirfd, from, to) \
	linkat((dirfd), (from), (dirfd), (to), 0)
#define hp_hook_rename(from, to)	rename((from), (to))
#define hp_hook_renameat(dirfd, from, to) \
	renameat((dirfd), (from), (dirfd), (to))
#define hp_hook_unlinkat(dirfd, name)	unlinkat((dirfd), (name), 0)
#define hp_hook_mkdir(path)		mkdir((path), 0777)
#define hp_hook_fsync_dir(fd)		fsync(fd)
#define hp_hook_digest_differs()	0
#endif

mode_t	hp_umask(void);

#endif
