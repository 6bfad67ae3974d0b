/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A GPO's security template edited for apply --to-gpo: the entries a
 * policy requires set with the line editor of secedit.h, so every other
 * line keeps its bytes; a GPO without one gets a template as Windows
 * writes it.
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "formats/gpo.h"
#include "formats/secedit.h"
#include "formats/secedit_settings.h"
#include "formats/utf16.h"

/* What the security editor writes first: UTF-16LE, a BOM, CRLF. */
static const char new_template[] =
    "[Unicode]\r\n"
    "Unicode=yes\r\n"
    "[Version]\r\n"
    "signature=\"$CHICAGO$\"\r\n"
    "Revision=1\r\n";

static int
template_new(struct hp_secedit *t, struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;
	int r;

	hp_buf_add(&b, "\xff\xfe", 2);
	hp_utf16_encode(new_template, sizeof(new_template) - 1, &b);
	r = hp_secedit_parse(b.buf, b.len, "GptTmpl.inf", t, e);
	hp_buf_release(&b);
	return r;
}

/* 1 if t already holds s (compared by the setting's kind). */
static int
holds(const struct hp_secsettings *have, const struct hp_gpo_secset *s,
    const char **old)
{
	const struct hp_secset *cur = hp_secsettings_find(have, s->section,
	    s->key);

	*old = cur != NULL ? cur->value : NULL;
	return cur != NULL && hp_secset_value_equal(cur, s->value);
}

long
hp_gpo_secedit_edit(const char *path, const struct hp_gpo_secset *sec,
    size_t nsec, struct hp_buf *out, struct hp_buf *desc,
    struct hp_error *e)
{
	struct hp_secedit t = HP_SECEDIT_INIT;
	struct hp_secsettings have = HP_SECSETTINGS_INIT;
	const char *old;
	char *quoted;
	size_t i;
	long n = 0;

	if ((path != NULL ? hp_secedit_read_file(path, &t, e) :
	    template_new(&t, e)) == -1) {
		hp_secedit_free(&t);
		return -1;
	}
	hp_secsettings_from_secedit(&t, &have);
	for (i = 0; i < nsec; i++) {
		if (holds(&have, &sec[i], &old))
			continue;
		/* A name is written quoted, as the security editor does. */
		quoted = hp_secset_kind_of(sec[i].section, sec[i].key) ==
		    HP_SECSET_TEXT && sec[i].value[0] != '"' ?
		    hp_strfmt("\"%s\"", sec[i].value) : hp_strdup(sec[i].value);
		hp_secedit_set(&t, sec[i].section, sec[i].key, quoted);
		if (desc != NULL)
			hp_buf_addf(desc, "  [%s] %s: %s -> %s\n",
			    sec[i].section, sec[i].key, old != NULL ? old :
			    "(absent)", quoted);
		free(quoted);
		n++;
	}
	if (n > 0 && hp_secedit_write(&t, out, e) == -1)
		n = -1;
	hp_secsettings_free(&have);
	hp_secedit_free(&t);
	return n;
}
