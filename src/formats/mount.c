/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <strings.h>

#include "core/error.h"
#include "core/path.h"
#include "formats/mount.h"

static const struct {
	const char	*file;
	const char	*mount;
} known[] = {
	{ "SOFTWARE", "HKLM\\SOFTWARE" },
	{ "SYSTEM", "HKLM\\SYSTEM" },
	{ "SAM", "HKLM\\SAM" },
	{ "SECURITY", "HKLM\\SECURITY" },
	{ "COMPONENTS", "HKLM\\COMPONENTS" },
	{ "DEFAULT", "HKU\\.DEFAULT" },
	{ "NTUSER.DAT", "HKCU" },
	{ "UsrClass.dat", "HKCU\\Software\\Classes" },
};

/* The last component of a Windows or POSIX path. */
static const char *
last_component(const char *s)
{
	const char *p = s + strlen(s);

	while (p > s && p[-1] != '\\' && p[-1] != '/')
		p--;
	return p;
}

static int
lookup(const char *name, struct hp_path *mount)
{
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcasecmp(name, known[i].file) == 0)
			return hp_path_parse(known[i].mount, mount, NULL) == 0 ?
			    0 : -1;
	return 1;
}

int
hp_mount_detect(const char *embedded, const char *path, struct hp_path *mount)
{
	int r;

	memset(mount, 0, sizeof(*mount));
	if (embedded != NULL && *embedded &&
	    (r = lookup(last_component(embedded), mount)) != 1)
		return r;
	return lookup(last_component(path), mount);
}

const char *
hp_mount_file_name(const struct hp_path *mount)
{
	struct hp_path p;
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		int eq;

		if (hp_path_parse(known[i].mount, &p, NULL) == -1)
			return NULL;
		eq = hp_path_eq(&p, mount);
		hp_path_free(&p);
		if (eq)
			return known[i].file;
	}
	return NULL;
}

int
hp_mount_parse(const char *s, struct hp_path *mount, struct hp_error *e)
{
	if (hp_path_parse(s, mount, e) == -1)
		return -1;
	if (mount->root != HP_ROOT_NONE)
		return 0;
	hp_path_free(mount);
	hp_error_set(e, HP_E_USAGE, "mount \"%s\" does not start with a root "
	    "key (HKLM, HKCU, HKU, HKCR, HKCC)", s);
	return hp_error_hint(e, HP_HINT_MOUNT);
}
