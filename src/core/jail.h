/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Jails: a directory tree that is untrusted input (a mounted Windows
 * image, a GPO folder) read as if its root were "/".  Every path below the
 * root is resolved component by component: a symlink is followed, but an
 * absolute target starts again at the root, ".." at the root stays there,
 * and more than HP_MAX_JAIL_LINKS links fail with ELOOP.  So nothing in
 * the tree can reach a file outside it, whatever its links say.
 *
 * The kernel does this with openat2(2) RESOLVE_IN_ROOT (Linux 5.6); where
 * that call is missing or filtered (ENOSYS, EPERM under seccomp) the same
 * rule runs by hand: O_PATH|O_NOFOLLOW opens, readlinkat, one level at a
 * time.
 *
 * Callers that take path strings (libhivex, the hive lock, the writers)
 * get a resolved host path from hp_jail_resolve: the root as given, then
 * the components the resolution actually walked, so no symlink is left
 * below the root.  Race: such a path is only as good as the tree is still;
 * someone who swaps a directory for a link between the resolution and the
 * caller's open can still redirect it.  An offline image is not expected
 * to change under hivepol, and the rule is meant for links at rest.
 *
 * Paths inside a jail are relative to its root with "/" separators; a
 * leading "/" and "" both name the root.
 */
#ifndef HP_JAIL_H
#define HP_JAIL_H

#include <sys/types.h>

#include <stddef.h>

struct hp_buf;
struct hp_error;
struct hp_warnings;
struct stat;
struct hp_jail;

/* Opens the directory root (trusted: links in root itself are followed). */
int	hp_jail_open(const char *root, struct hp_jail **out,
	    struct hp_error *e);
/* NULL is fine. */
void	hp_jail_close(struct hp_jail *j);
/* The root as given to hp_jail_open. */
const char *hp_jail_root(const struct hp_jail *j);

/*
 * Opens path inside j with open(2) flags (no O_CREAT; O_CLOEXEC is
 * added) and returns the fd, or -1 with e naming the path.
 */
int	hp_jail_openat(const struct hp_jail *j, const char *path, int flags,
	    struct hp_error *e);
/*
 * The host path of what path names inside j (malloc'd in *host): the root
 * as given, a "/", then the resolved components, no symlink among them.
 * st (may be NULL) gets the file's status.
 */
int	hp_jail_resolve(const struct hp_jail *j, const char *path, char **host,
	    struct stat *st, struct hp_error *e);
/*
 * Appends the names in directory dir inside j to names, "." and ".." left
 * out, each followed by its NUL byte (walk with p += strlen(p) + 1).  A
 * missing dir, or one that is not a directory, has no names; any other
 * failure (a link loop, say) is an error naming dir.
 */
int	hp_jail_list(const struct hp_jail *j, const char *dir,
	    struct hp_buf *names, struct hp_error *e);
/*
 * Windows names are case-insensitive: follows names[0]/.../names[n-1]
 * below dir, each matched in any case, every step but the last a
 * directory and the last of file type type (S_IFREG, S_IFDIR, 0: any).
 * *out gets the path inside j as spelled on disk (malloc'd), or NULL when
 * nothing matches.  A name that matches but is a link leading nowhere
 * inside j is skipped with a warning in w (may be NULL); one that cannot
 * be resolved at all (a loop) is an error naming it.
 */
int	hp_jail_find(const struct hp_jail *j, const char *dir,
	    const char *const *names, size_t n, mode_t type, char **out,
	    struct hp_warnings *w, struct hp_error *e);
/* As hp_jail_find, then *out is what hp_jail_resolve makes of it. */
int	hp_jail_find_host(const struct hp_jail *j, const char *dir,
	    const char *const *names, size_t n, mode_t type, char **out,
	    struct hp_warnings *w, struct hp_error *e);

/*
 * The two resolvers, exposed for tests.  Both open path below the
 * directory rootfd by the rule above and return an fd, or -1 with errno
 * set.  The kernel's fails with ENOSYS where openat2 is missing.  The
 * hand-made one appends the resolved components to rel (may be NULL).
 */
int	hp_jail_open_kernel(int rootfd, const char *path, int flags);
int	hp_jail_open_by_hand(int rootfd, const char *path, int flags,
	    struct hp_buf *rel);
/* Makes j resolve by hand even where the kernel could (tests). */
void	hp_jail_use_by_hand(struct hp_jail *j);

#endif
