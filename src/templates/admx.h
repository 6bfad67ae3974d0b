/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ADMX and ADML files (formats.md D) through libxml2, read into and
 * written from the template model.  Parsing is hardened: no network, no
 * DTD loading, no entity substitution, and any DOCTYPE is refused before
 * its internal subset is read, so XXE and entity-expansion bombs never
 * reach the parser's entity code.
 */
#ifndef HP_ADMX_H
#define HP_ADMX_H

#include <stddef.h>

#include <libxml/tree.h>

struct hp_buf;
struct hp_error;
struct hp_tmpl;
struct hp_warnings;

/*
 * Parses an XML document held in memory (UTF-8 or UTF-16, with or without
 * an XML declaration).  Errors name file and line.  Free with xmlFreeDoc.
 */
xmlDocPtr	hp_xml_read(const char *file, const void *data, size_t len,
		    struct hp_error *e);

/* Reads an ADMX document into t (which must be empty). */
int	hp_admx_read(struct hp_tmpl *t, const char *file, const void *data,
	    size_t len, struct hp_warnings *w, struct hp_error *e);
int	hp_admx_read_doc(struct hp_tmpl *t, const char *file, xmlDocPtr doc,
	    struct hp_warnings *w, struct hp_error *e);
/* Adds the resources of one ADML to t as language lang. */
int	hp_adml_read(struct hp_tmpl *t, const char *lang, const char *file,
	    const void *data, size_t len, struct hp_warnings *w,
	    struct hp_error *e);
int	hp_adml_read_doc(struct hp_tmpl *t, const char *lang,
	    const char *file, xmlDocPtr doc, struct hp_warnings *w,
	    struct hp_error *e);

/* Writes t as an ADMX, and t's language lang (NULL: first) as an ADML. */
int	hp_admx_write(const struct hp_tmpl *t, struct hp_buf *out,
	    struct hp_error *e);
int	hp_adml_write(const struct hp_tmpl *t, const char *lang,
	    struct hp_buf *out, struct hp_error *e);

#endif
