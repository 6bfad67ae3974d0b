/*
 * The system calls through which every output file is written.  A normal
 * build calls libc directly.  A build with -DHP_FAULT_INJECTION (the test
 * binary build/hivepol-fault) makes the Nth call of a kind fail when the
 * environment says HIVEPOL_FAULT=KIND:N (KIND is write, fsync, rename or
 * close), so tests can prove that no failure loses data; KIND digest
 * makes the Nth whole-registry comparison of a written hive (the full
 * verification) find a difference, so they can prove that it fails the
 * commit.
 */
#ifndef HP_HOOK_H
#define HP_HOOK_H

#include <sys/types.h>

#ifdef HP_FAULT_INJECTION
ssize_t	hp_hook_write(int fd, const void *buf, size_t len);
int	hp_hook_fsync(int fd);
int	hp_hook_rename(const char *from, const char *to);
int	hp_hook_close(int fd);
int	hp_hook_digest_differs(void);
#else
#include <stdio.h>
#include <unistd.h>
#define hp_hook_write(fd, buf, len)	write((fd), (buf), (len))
#define hp_hook_fsync(fd)		fsync(fd)
#define hp_hook_rename(from, to)	rename((from), (to))
#define hp_hook_close(fd)		close(fd)
#define hp_hook_digest_differs()	0
#endif

mode_t	hp_umask(void);

#endif
