/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * New GPMC backups (a bundle's): Backup.xml and bkupInfo.xml laid out as
 * GPMC writes them, with what a backup made outside a domain can say: no
 * domain, no security descriptor, no backup time (GPMC's Import Settings
 * and Import-GPO -BackupId take a backup without them).
 */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/hash.h"
#include "formats/gpmc_backup.h"
#include "formats/gpo.h"

#define NS	"http://www.microsoft.com/GroupPolicy/GPOOperations"

/* A GUID from data and a salt: RFC 9562's version 8 (made by us). */
static void
guid_of(const void *data, size_t len, unsigned salt, char out[39])
{
	uint64_t a = hp_hash_fnv1a64(data, len, 0xcbf29ce484222325ULL ^ salt);
	uint64_t b = hp_hash_fnv1a64(data, len, 0x84222325cbf29ce4ULL + salt);

	a = (a & ~0xf000ULL) | 0x8000ULL;
	b = (b & ~(3ULL << 62)) | (2ULL << 62);
	snprintf(out, 39, "{%08X-%04X-%04X-%04X-%012llX}",
	    (unsigned)(a >> 32), (unsigned)(a >> 16 & 0xffff),
	    (unsigned)(a & 0xffff), (unsigned)(b >> 48),
	    (unsigned long long)(b & 0xffffffffffffULL));
}

void
hp_gpmc_backup_ids(const void *data, size_t len, struct hp_gpmc_new *n)
{
	guid_of(data, len, 1, n->id);
	guid_of(data, len, 2, n->gpo_id);
}

/* <tag><![CDATA[text]]></tag>; a "]]>" in text is split across two. */
static void
cdata(struct hp_buf *b, const char *tag, const char *text)
{
	const char *p;

	hp_buf_addf(b, "<%s><![CDATA[", tag);
	for (p = text; *p != '\0'; p++) {
		if (strncmp(p, "]]>", 3) != 0) {
			hp_buf_addc(b, *p);
			continue;
		}
		hp_buf_adds(b, "]]]]><![CDATA[>");
		p += 2;
	}
	hp_buf_addf(b, "]]></%s>", tag);
}

/* The side's Location with backslashes. */
static void
location(struct hp_buf *b, const char *rel)
{
	for (; *rel != '\0'; rel++)
		hp_buf_addc(b, *rel == '/' ? '\\' : *rel);
}

static void
core_settings(const struct hp_gpmc_new *n, struct hp_buf *b)
{
	static const char *const tags[2][2] = {
		{ "MachineVersionNumber", "MachineExtensionGuids" },
		{ "UserVersionNumber", "UserExtensionGuids" }
	};
	static const char *const tools[2] = { HP_GPO_MACHINE_TOOL,
	    HP_GPO_USER_TOOL };
	char opt[4], list[96];
	int s;

	/* A side with no settings is switched off, as in Microsoft's. */
	snprintf(opt, sizeof(opt), "%u", (n->loc[0] ? 0 :
	    HP_GPMC_MACHINE_DISABLED) | (n->loc[1] ? 0 :
	    HP_GPMC_USER_DISABLED));
	hp_buf_adds(b, "<GroupPolicyCoreSettings>");
	cdata(b, "ID", n->gpo_id);
	hp_buf_adds(b, "<Domain/><SecurityDescriptor/>");
	cdata(b, "DisplayName", n->name);
	cdata(b, "Options", opt);
	/* Directory and SYSVOL version 1 each, for a side with a file. */
	cdata(b, tags[1][0], n->loc[1] ? "65537" : "0");
	cdata(b, tags[0][0], n->loc[0] ? "65537" : "0");
	for (s = 0; s < 2; s++) {
		if (n->loc[s] == NULL) {
			hp_buf_addf(b, "<%s/>", tags[s][1]);
			continue;
		}
		snprintf(list, sizeof(list), "[%s%s]", HP_GPO_REGISTRY_CSE,
		    tools[s]);
		cdata(b, tags[s][1], list);
	}
	hp_buf_adds(b, "<WMIFilter/></GroupPolicyCoreSettings>");
}

void
hp_gpmc_backup_new(const struct hp_gpmc_new *n, struct hp_buf *xml,
    struct hp_buf *info)
{
	static const char *const var[2] = { "%GPO_MACH_FSPATH%",
	    "%GPO_USER_FSPATH%" };
	const char *base;
	int s;

	hp_buf_adds(xml, "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	    "<GroupPolicyBackupScheme bkp:version=\"2.0\" "
	    "bkp:type=\"GroupPolicyBackupTemplate\" xmlns:bkp=\"" NS "\" "
	    "xmlns=\"" NS "\">\r\n    <GroupPolicyObject><SecurityGroups/>"
	    "<FilePaths/>");
	core_settings(n, xml);
	hp_buf_addf(xml, " \r\n        <GroupPolicyExtension bkp:ID=\"%s\" "
	    "bkp:DescName=\"Registry\">\r\n", HP_GPO_REGISTRY_CSE);
	for (s = 0; s < 2; s++) {
		if (n->loc[s] == NULL)
			continue;
		base = strrchr(n->loc[s], '/') ? strrchr(n->loc[s], '/') + 1 :
		    n->loc[s];
		hp_buf_addf(xml, "            <FSObjectFile bkp:Path=\"%s\\%s\" "
		    "bkp:Location=\"", var[s], base);
		location(xml, n->loc[s]);
		hp_buf_adds(xml, "\"/>\r\n");
	}
	hp_buf_adds(xml, "            <FSObjectFile "
	    "bkp:Path=\"%GPO_FSPATH%\\Adm\\*.*\"/>\r\n"
	    "        </GroupPolicyExtension>\r\n    </GroupPolicyObject>\r\n"
	    "</GroupPolicyBackupScheme>\r\n");
	hp_buf_adds(info, "<BackupInst xmlns=\"" NS "/Manifest\">");
	cdata(info, "GPOGuid", n->gpo_id);
	hp_buf_adds(info, "<GPODomain/><GPODomainGuid/><GPODomainController/>"
	    "<BackupTime/>");
	cdata(info, "ID", n->id);
	cdata(info, "Comment", "written by hivepol bundle");
	cdata(info, "GPODisplayName", n->name);
	hp_buf_adds(info, "</BackupInst>");
}
