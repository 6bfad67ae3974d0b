/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Test helper: gives a file in an NTFS volume image the metadata a real
 * Windows image's hives carry, without root or FUSE (libntfs-3g on the
 * file).  ntfsmeta IMG PATH [-s SDHEX] [-a ATTRHEX] [-n SHORTNAME]
 * [-t STREAM=TEXT]...
 */
#include <sys/stat.h>	/* before ntfs-3g's headers: they test st_mtime */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ntfs-3g/types.h>
#include <ntfs-3g/attrib.h>
#include <ntfs-3g/dir.h>
#include <ntfs-3g/inode.h>
#include <ntfs-3g/security.h>
#include <ntfs-3g/unistr.h>
#include <ntfs-3g/volume.h>

static void
die(const char *what)
{
	perror(what);
	exit(1);
}

static size_t
unhex(const char *s, char *out, size_t max)
{
	size_t n = 0;
	unsigned b;

	while (s[0] && s[1] && n < max && sscanf(s, "%2x", &b) == 1) {
		out[n++] = (char)b;
		s += 2;
	}
	return n;
}

static void
add_stream(ntfs_inode *ni, const char *spec)
{
	const char *eq = strchr(spec, '=');
	ntfschar *name = NULL;
	ntfs_attr *na;
	char *n;
	int len;

	if (eq == NULL)
		die("-t needs NAME=TEXT");
	n = strndup(spec, (size_t)(eq - spec));
	if ((len = ntfs_mbstoucs(n, &name)) < 0)
		die("stream name");
	if (ntfs_attr_add(ni, AT_DATA, name, (u8)len, NULL, 0) == -1)
		die("ntfs_attr_add");
	if ((na = ntfs_attr_open(ni, AT_DATA, name, (u32)len)) == NULL)
		die("ntfs_attr_open");
	if (ntfs_attr_pwrite(na, 0, (s64)strlen(eq + 1), eq + 1) !=
	    (s64)strlen(eq + 1))
		die("ntfs_attr_pwrite");
	ntfs_attr_close(na);
	free(name);
	free(n);
}

int
main(int argc, char **argv)
{
	struct SECURITY_CONTEXT scx;
	ntfs_volume *vol;
	ntfs_inode *ni, *dir;
	char buf[4096], *path, *slash;
	const char *sname = NULL;
	size_t n;
	int c;

	if (argc < 3)
		return fprintf(stderr, "usage: ntfsmeta IMG PATH [-s SDHEX] "
		    "[-a ATTRHEX] [-n SHORT] [-t STREAM=TEXT]...\n"), 2;
	if ((vol = ntfs_mount(argv[1], NTFS_MNT_NONE)) == NULL)
		die(argv[1]);
	path = argv[2];
	if ((ni = ntfs_pathname_to_inode(vol, NULL, path)) == NULL)
		die(path);
	memset(&scx, 0, sizeof(scx));
	scx.vol = vol;
	optind = 3;
	while ((c = getopt(argc, argv, "s:a:n:t:")) != -1) {
		switch (c) {
		case 's':
			n = unhex(optarg, buf, sizeof(buf));
			if (ntfs_set_ntfs_acl(&scx, ni, buf, n, 0) == -1)
				die("ntfs_set_ntfs_acl");
			break;
		case 'a': {
			le32 a = cpu_to_le32((u32)strtoul(optarg, NULL, 16));

			if (ntfs_set_ntfs_attrib(ni, (char *)&a, sizeof(a),
			    0) == -1)
				die("ntfs_set_ntfs_attrib");
			break;
		}
		case 'n':
			sname = optarg;
			break;
		case 't':
			add_stream(ni, optarg);
			break;
		default:
			return 2;
		}
	}
	/* Last: setting the short name closes both inodes. */
	if (sname != NULL) {
		slash = strrchr(path, '/');
		*slash = '\0';
		dir = ntfs_pathname_to_inode(vol, NULL, *path ? path : "/");
		if (dir == NULL)
			die("parent");
		if (ntfs_set_ntfs_dos_name(ni, dir, sname, strlen(sname),
		    0) == -1)
			die("ntfs_set_ntfs_dos_name");
	} else if (ntfs_inode_close(ni) == -1)
		die("close");
	if (ntfs_umount(vol, FALSE) == -1)
		die("umount");
	return 0;
}
