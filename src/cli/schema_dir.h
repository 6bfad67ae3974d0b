/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Where the ADMX schema (templates/schema) is, for template lint: a
 * question about this installation, so the CLI answers it and hands the
 * directory to the library (struct hp_lint's schema_dir).
 */
#ifndef HP_CLI_SCHEMA_DIR_H
#define HP_CLI_SCHEMA_DIR_H

/* What to do when no schema is found, for the lint warning. */
#define HP_CLI_SCHEMA_HINT	"set HIVEPOL_SCHEMA"

/*
 * $HIVEPOL_SCHEMA, else the first of templates/schema in the source tree
 * the binary was built in (build/hivepol, or one level deeper) and the
 * installed share/hivepol/schema beside its bin/ that holds
 * PolicyDefinitionFiles.xsd.  Returns a malloc'd directory, or NULL.
 */
char	*hp_cli_schema_dir(void);

#endif
