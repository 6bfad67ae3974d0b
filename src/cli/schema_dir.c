/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/schema_dir.h"
#include "core/alloc.h"
#include "core/buf.h"

char *
hp_cli_schema_dir(void)
{
	static const char *const rel[] = {
		"/../templates/schema", "/../../templates/schema",
		"/../share/hivepol/schema"
	};
	struct hp_buf b = HP_BUF_INIT;
	const char *env = getenv("HIVEPOL_SCHEMA");
	char exe[4096], *slash;
	ssize_t n;
	size_t i;

	if (env != NULL && *env != '\0')
		return hp_strdup(env);
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) <= 0)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) != NULL)
		*slash = '\0';
	for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		hp_buf_reset(&b);
		hp_buf_addf(&b, "%s%s/PolicyDefinitionFiles.xsd", exe, rel[i]);
		if (access(b.buf, R_OK) == 0) {
			hp_buf_reset(&b);
			hp_buf_addf(&b, "%s%s", exe, rel[i]);
			return hp_buf_detach(&b, NULL);
		}
	}
	hp_buf_release(&b);
	return NULL;
}
