/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <dirent.h>
#include <strings.h>

#include "core/buf.h"
#include "core/dir.h"

char *
hp_dir_find_ci(const char *dir, const char *name)
{
	struct hp_buf b = HP_BUF_INIT;
	struct dirent *de;
	DIR *d;

	if ((d = opendir(*dir ? dir : ".")) == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL)
		if (strcasecmp(de->d_name, name) == 0) {
			hp_buf_addf(&b, "%s%s%s", dir, *dir ? "/" : "",
			    de->d_name);
			break;
		}
	closedir(d);
	return b.len > 0 ? hp_buf_detach(&b, NULL) : NULL;
}
