/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sys/types.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/text.h"
#include "core/le.h"
#include "formats/regf.h"

int64_t
hp_filetime_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	/* 100 ns units since 1601-01-01. */
	return ((int64_t)ts.tv_sec + 11644473600LL) * 10000000LL +
	    ts.tv_nsec / 100;
}

uint32_t
hp_regf_checksum(const unsigned char *hdr)
{
	uint32_t sum = 0;
	int i;

	for (i = 0; i < 508; i += 4)
		sum ^= hp_le32(hdr + i);
	if (sum == 0xffffffffu)
		sum = 0xfffffffeu;
	else if (sum == 0)
		sum = 1;
	return sum;
}

void
hp_regf_info_read(const unsigned char *hdr, uint64_t file_size,
    struct hp_regf_info *info)
{
	memset(info, 0, sizeof(*info));
	info->file_size = file_size;
	info->seq1 = hp_le32(hdr + 4);
	info->seq2 = hp_le32(hdr + 8);
	info->mtime = (int64_t)hp_le64(hdr + 12);
	info->major = hp_le32(hdr + 20);
	info->minor = hp_le32(hdr + 24);
	info->type = hp_le32(hdr + 28);
	info->root = hp_le32(hdr + 36);
	info->hbins_size = hp_le32(hdr + 40);
	info->flags = hp_le32(hdr + 144);
	info->csum_stored = hp_le32(hdr + 508);
	info->csum_computed = hp_regf_checksum(hdr);
}

int
hp_regf_check(const unsigned char *hdr, size_t avail, uint64_t file_size,
    const char *path, struct hp_regf_info *info, struct hp_error *e)
{
	struct hp_buf name = HP_BUF_INIT;
	size_t nlen;

	memset(info, 0, sizeof(*info));
	info->file_size = file_size;
	if (avail >= 4 && memcmp(hdr, "CREG", 4) == 0)
		return hp_error_set(e, HP_E_INPUT, "%s: a Windows 9x/Me "
		    "registry (CREG), not a Windows NT hive", path);
	if (avail >= 2 && memcmp(hdr, "MZ", 2) == 0)
		return hp_error_set(e, HP_E_INPUT, "%s: an executable "
		    "(MZ), not a registry hive", path);
	if (avail < 4 || memcmp(hdr, "regf", 4) != 0)
		return hp_error_set(e, HP_E_INPUT, "%s: not a registry "
		    "hive (no \"regf\" signature at offset 0)", path);
	if (avail < HP_REGF_BLOCK)
		return hp_error_set(e, HP_E_INPUT, "%s: truncated: %llu "
		    "bytes, shorter than the 4096-byte base block", path,
		    (unsigned long long)file_size);
	hp_regf_info_read(hdr, file_size, info);
	for (nlen = 0; nlen + 1 < 64 && hp_le16(hdr + 48 + nlen) != 0;
	    nlen += 2)
		;
	if (hp_text_from_utf16(hdr + 48, nlen, &name, NULL) == 0)
		snprintf(info->name, sizeof(info->name), "%s", name.buf);
	hp_buf_release(&name);

	if (info->type == 1 || info->type == 6)
		return hp_error_set(e, HP_E_INPUT, "%s: a transaction log "
		    "(file type %u), not a primary hive", path, info->type);
	if (info->type != 0)
		return hp_error_set(e, HP_E_INPUT, "%s: unknown hive file "
		    "type %u at offset 28", path, info->type);
	if (info->major != 1)
		return hp_error_set(e, HP_E_INPUT, "%s: unsupported hive "
		    "version %u.%u", path, info->major, info->minor);
	if (info->csum_stored != info->csum_computed)
		return hp_error_set(e, HP_E_INPUT, "%s: base block "
		    "checksum mismatch at offset 508 (stored 0x%08x, computed "
		    "0x%08x): the header is corrupt", path, info->csum_stored,
		    info->csum_computed);
	if (info->hbins_size == 0 || info->hbins_size % HP_REGF_BLOCK != 0)
		return hp_error_set(e, HP_E_INPUT, "%s: hive bins size %u "
		    "at offset 40 is not a positive multiple of 4096", path,
		    info->hbins_size);
	if ((uint64_t)HP_REGF_BLOCK + info->hbins_size > file_size)
		return hp_error_set(e, HP_E_INPUT, "%s: truncated: the "
		    "header declares %u bytes of hive bins but the file has "
		    "only %llu after the base block", path, info->hbins_size,
		    (unsigned long long)(file_size - HP_REGF_BLOCK));
	if (info->root >= info->hbins_size)
		return hp_error_set(e, HP_E_INPUT, "%s: root key offset "
		    "0x%x at offset 36 lies outside the hive bins", path,
		    info->root);
	return 0;
}

/*
 * Self-relative security descriptor for a new root key: owner
 * Administrators, group SYSTEM, DACL granting full control to SYSTEM and
 * Administrators and read to Users, inherited by subkeys (CI).
 */
static const unsigned char root_sd[] = {
	0x01, 0x00, 0x04, 0x80,			/* rev 1, DACL present, SR */
	0x14, 0x00, 0x00, 0x00,			/* owner at 20 */
	0x24, 0x00, 0x00, 0x00,			/* group at 36 */
	0x00, 0x00, 0x00, 0x00,			/* no SACL */
	0x30, 0x00, 0x00, 0x00,			/* DACL at 48 */
	/* S-1-5-32-544 */
	0x01, 0x02, 0, 0, 0, 0, 0, 5, 0x20, 0, 0, 0, 0x20, 0x02, 0, 0,
	/* S-1-5-18 */
	0x01, 0x01, 0, 0, 0, 0, 0, 5, 0x12, 0, 0, 0,
	/* ACL: rev 2, size 76, 3 ACEs */
	0x02, 0x00, 0x4c, 0x00, 0x03, 0x00, 0x00, 0x00,
	/* allow CI KEY_ALL_ACCESS S-1-5-18 */
	0x00, 0x02, 0x14, 0x00, 0x3f, 0x00, 0x0f, 0x00,
	0x01, 0x01, 0, 0, 0, 0, 0, 5, 0x12, 0, 0, 0,
	/* allow CI KEY_ALL_ACCESS S-1-5-32-544 */
	0x00, 0x02, 0x18, 0x00, 0x3f, 0x00, 0x0f, 0x00,
	0x01, 0x02, 0, 0, 0, 0, 0, 5, 0x20, 0, 0, 0, 0x20, 0x02, 0, 0,
	/* allow CI KEY_READ S-1-5-32-545 */
	0x00, 0x02, 0x18, 0x00, 0x19, 0x00, 0x02, 0x00,
	0x01, 0x02, 0, 0, 0, 0, 0, 5, 0x20, 0, 0, 0, 0x21, 0x02, 0, 0,
};

#define ALIGN8(x)	(((x) + 7) & ~(size_t)7)

int
hp_regf_new(struct hp_buf *img, const char *embedded_name, int64_t now,
    struct hp_error *e)
{
	static const char root_name[] = "ROOT";
	struct hp_buf name16 = HP_BUF_INIT;
	unsigned char *p, *h, *nk, *sk;
	size_t nk_size, sk_size, nk_off = 0x20, sk_off;

	(void)e;	/* nothing fails since allocation cannot */
	nk_size = ALIGN8(4 + 76 + sizeof(root_name) - 1);
	sk_off = nk_off + nk_size;
	sk_size = ALIGN8(4 + 20 + sizeof(root_sd));
	hp_buf_grow(img, 2 * HP_REGF_BLOCK);
	p = (unsigned char *)img->buf;
	memset(p, 0, 2 * HP_REGF_BLOCK);
	img->len = 2 * HP_REGF_BLOCK;

	memcpy(p, "regf", 4);
	hp_le32_put(p + 4, 1);
	hp_le32_put(p + 8, 1);
	hp_le64_put(p + 12, (uint64_t)now);
	hp_le32_put(p + 20, 1);
	hp_le32_put(p + 24, 5);		/* XP and later read 1.5 */
	hp_le32_put(p + 28, 0);
	hp_le32_put(p + 32, 1);
	hp_le32_put(p + 36, (uint32_t)nk_off);
	hp_le32_put(p + 40, HP_REGF_BLOCK);
	hp_le32_put(p + 44, 1);
	if (embedded_name != NULL &&
	    hp_text_to_utf16(embedded_name, strlen(embedded_name), &name16,
	    NULL) == 0)
		memcpy(p + 48, name16.buf + (name16.len > 62 ?
		    name16.len - 62 : 0), name16.len > 62 ? 62 : name16.len);
	hp_buf_release(&name16);
	hp_le32_put(p + 508, hp_regf_checksum(p));

	h = p + HP_REGF_BLOCK;
	memcpy(h, "hbin", 4);
	hp_le32_put(h + 4, 0);
	hp_le32_put(h + 8, HP_REGF_BLOCK);
	hp_le64_put(h + 20, (uint64_t)now);

	nk = h + nk_off;
	hp_le32_put(nk, (uint32_t)-(int32_t)nk_size);
	memcpy(nk + 4, "nk", 2);
	/* hive entry, no delete, ASCII name */
	hp_le16_put(nk + 6, 0x2c);
	hp_le64_put(nk + 8, (uint64_t)now);
	hp_le32_put(nk + 20, 0xffffffffu);	/* parent: none */
	hp_le32_put(nk + 32, 0xffffffffu);	/* subkey list */
	hp_le32_put(nk + 36, 0xffffffffu);	/* volatile subkey list */
	hp_le32_put(nk + 44, 0xffffffffu);	/* value list */
	hp_le32_put(nk + 48, (uint32_t)sk_off);
	hp_le32_put(nk + 52, 0xffffffffu);	/* class name */
	hp_le16_put(nk + 76, sizeof(root_name) - 1);
	memcpy(nk + 80, root_name, sizeof(root_name) - 1);

	sk = h + sk_off;
	hp_le32_put(sk, (uint32_t)-(int32_t)sk_size);
	memcpy(sk + 4, "sk", 2);
	hp_le32_put(sk + 8, (uint32_t)sk_off);	/* the list holds only itself */
	hp_le32_put(sk + 12, (uint32_t)sk_off);
	hp_le32_put(sk + 16, 1);
	hp_le32_put(sk + 20, sizeof(root_sd));
	memcpy(sk + 24, root_sd, sizeof(root_sd));

	/* The rest of the bin is one free cell. */
	hp_le32_put(h + sk_off + sk_size, (uint32_t)(HP_REGF_BLOCK - sk_off -
	    sk_size));
	return 0;
}
