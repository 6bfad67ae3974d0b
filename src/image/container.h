/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A Windows image held in a container file rather than a folder: one
 * image of a WIM (or ESD), or an NTFS volume in a volume image, a
 * partitioned raw disk image or a fixed VHD.  The files a command needs
 * are staged one by one into a private folder; hivepol reads and writes
 * them there through its ordinary code (and write path), and
 * hp_container_commit puts every changed file back in one update,
 * keeping the metadata Windows needs (docs/images.md).
 *
 * Paths inside a container are relative to the volume's root, separated
 * by '/', and matched case-insensitively as Windows does.
 */
#ifndef HP_CONTAINER_H
#define HP_CONTAINER_H

#include <stddef.h>
#include <sys/types.h>

#include "core/buf.h"

struct hp_error;
struct hp_warnings;
struct hp_container;
struct hp_container_file;

/* One backend per container kind (image/wim.c, image/ntfs.c). */
struct hp_container_ops {
	const char	*name;		/* "WIM", "NTFS" */
	/*
	 * Opens file; sel is what followed the file's name after ':' (a WIM
	 * image's index or name, a disk's pN), or NULL.  Sets c->priv.
	 */
	int	(*open)(struct hp_container *c, const char *file,
		    const char *sel, int writable, struct hp_error *e);
	/* The names in folder rel ("" is the root), each NUL-terminated. */
	int	(*list)(struct hp_container *c, const char *rel,
		    struct hp_buf *names, struct hp_error *e);
	/* rel's kind: 0 when absent, else S_IFDIR, S_IFREG or S_IFLNK. */
	int	(*kind)(struct hp_container *c, const char *rel, mode_t *kind,
		    struct hp_error *e);
	/* Writes the unnamed data stream of file rel to fd. */
	int	(*extract)(struct hp_container *c, const char *rel, int fd,
		    struct hp_error *e);
	/*
	 * Replaces the data of each rels[i] (an existing file) with the
	 * contents of host file hosts[i], keeping the file's other metadata,
	 * all or none.
	 */
	int	(*commit)(struct hp_container *c, const char *const *rels,
		    const char *const *hosts, size_t n, struct hp_error *e);
	void	(*close)(struct hp_container *c);
};

struct hp_container {
	const struct hp_container_ops	*ops;
	void				*priv;		/* the backend's */
	char				*spec;		/* as the user gave it */
	char				*stage;		/* private folder, 0700 */
	int				 writable;
	/* container.c's: the files staged so far. */
	struct hp_container_file	*files;
	size_t				 nfiles, filecap;
};

extern const struct hp_container_ops hp_wim_ops;
extern const struct hp_container_ops hp_ntfs_ops;

/*
 * Opens spec ("install.wim:3", "disk.img:p2", "vol.ntfs") when it names a
 * container; *out is NULL when spec is a folder (the caller's jail mode).
 * Unsupported containers (VHDX, dynamic VHD, qcow2, VMDK) are an error
 * saying how to convert them.
 */
int	hp_container_open(const char *spec, int writable,
	    struct hp_container **out, struct hp_error *e);
/* 1 if file starts with the magic of a container kind (WIM ...). */
int	hp_container_is(const char *file);
/*
 * As core/jail.h's hp_jail_find, inside c: follows names[0]/.../names[n-1]
 * below dir, each matched in any case as Windows matches them, every step
 * but the last a folder and the last of type (S_IFREG, S_IFDIR).  Links
 * (reparse points) are never followed: a name that matches one is skipped
 * with a warning in w.  *out is the path as spelled in c, or NULL.
 */
int	hp_container_find(struct hp_container *c, const char *dir,
	    const char *const *names, size_t n, mode_t type, char **out,
	    struct hp_warnings *w, struct hp_error *e);
/*
 * Stages file rel into the private folder, once: *host is its path there
 * (free it), or NULL when the container has no such regular file.
 */
int	hp_container_stage(struct hp_container *c, const char *rel,
	    char **host, struct hp_error *e);
/*
 * Puts every staged file that changed back into the container, all or
 * none; a failure that left the container as it was says "nothing was
 * changed".
 */
int	hp_container_commit(struct hp_container *c, struct hp_error *e);
/* Removes the private folder; nothing is written back. */
void	hp_container_close(struct hp_container *c);

#endif
