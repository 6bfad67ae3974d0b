/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What a disk image file holds, from its first and last bytes: an NTFS
 * volume, a raw disk with an MBR or GPT partition table, a fixed VHD (a
 * raw disk and a 512-byte footer), or a format hivepol does not read
 * (VHDX, dynamic or differencing VHD, qcow2, VMDK, VDI), which is an
 * error saying how to convert it.  Sectors are 512 bytes, or 4096 for a
 * GPT disk whose header is at 4096.  Only primary MBR partitions count.
 */
#ifndef HP_DISK_H
#define HP_DISK_H

#include <stddef.h>
#include <sys/types.h>

struct hp_error;

/* Where an NTFS volume lies in the file. */
struct hp_disk_part {
	int	index;		/* its N in pN, 0 for a bare volume image */
	off_t	offset;
	off_t	length;
};

/*
 * Reads fd (file is its name in messages).  Returns 0 when the file is
 * none of the above (*n is 0), 1 when it is: parts then holds the NTFS
 * volumes that may be the Windows one (sel "pN" picks one; otherwise
 * data partitions whose boot sector says NTFS, or else any NTFS
 * partition), at least one; -1 with e set for a refused format, a
 * partition sel does not name, or a disk without an NTFS partition.
 */
int	hp_disk_probe(int fd, const char *file, const char *sel,
	    struct hp_disk_part **parts, size_t *n, struct hp_error *e);

/*
 * 1 when file is an NTFS volume, a disk with a partition in its MBR or a
 * fixed VHD of one, 0 when not, -1 (e set) for a refused format or a
 * file that cannot be read.  Reads the first and last sector only.
 */
int	hp_disk_recognize(const char *file, struct hp_error *e);

#endif
