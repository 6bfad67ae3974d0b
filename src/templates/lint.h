/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Template lint: XSD validation of ADMX/ADML against the schema in
 * schema_dir (the caller says where it is), and the cross-reference
 * checks the schema cannot express (formats.md D.7).
 * Findings are values, one line each ("FILE:LINE: error: ..."), so the
 * command decides how to print them.
 */
#ifndef HP_LINT_H
#define HP_LINT_H

#include <stddef.h>

struct hp_error;
struct hp_tmpl;

enum hp_lint_level {
	HP_LINT_WARNING,
	HP_LINT_ERROR
};

struct hp_lint_msg {
	enum hp_lint_level	 level;
	char			*text;	/* "FILE:LINE: level: message" */
};

struct hp_lint {
	struct hp_lint_msg	*v;
	size_t			 n, cap;
	size_t			 nerrors, nwarnings;
	/*
	 * Where PolicyDefinitionFiles.xsd is (NULL: the XSD pass is skipped
	 * with a warning), and what that warning tells the user to do.
	 */
	const char		*schema_dir;
	const char		*schema_hint;
	void			*schema;	/* private: parsed XSD */
};

#define HP_LINT_INIT	{ NULL, 0, 0, 0, 0, NULL, NULL, NULL }

void	hp_lint_add(struct hp_lint *l, enum hp_lint_level level,
	    const char *file, unsigned long line, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
void	hp_lint_free(struct hp_lint *l);

/*
 * Lints an ADMX (with the ADML of lang, NULL: en-US), an ADML or an
 * ADM.  Returns -1 only when the input cannot be read at all (e filled);
 * everything else is a finding in l.
 */
int	hp_lint_file(const char *path, const char *lang, struct hp_lint *l,
	    struct hp_error *e);
/*
 * The same with the ADML given (NULL: found by lang as above).  An ADML
 * given as path is linted on its own: structure, string and presentation
 * tables.
 */
int	hp_lint_file_with(const char *path, const char *adml_path,
	    const char *lang, struct hp_lint *l, struct hp_error *e);
/* The model checks alone (D.7), for any loaded template. */
void	hp_lint_model(const struct hp_tmpl *t, const char *lang,
	    struct hp_lint *l);

#endif
