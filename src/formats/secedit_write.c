/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Security templates written back (secedit.h): lines nobody touched as
 * their input bytes, edited and new lines encoded as the file is.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "formats/codepage.h"
#include "formats/secedit.h"
#include "formats/utf16.h"

/* The line end new lines get: the first line's, else Windows' own. */
static const char *
default_eol(const struct hp_secedit *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (*t->lines[i].eol != '\0')
			return t->lines[i].eol;
	return t->enc == HP_SECEDIT_UTF16LE ? "\r\n" : "\n";
}

static int
encode(const struct hp_secedit *t, struct hp_codepage *cp, const char *s,
    struct hp_buf *out, struct hp_error *e)
{
	if (t->enc == HP_SECEDIT_UTF16LE)
		hp_utf16_encode(s, strlen(s), out);
	else if (t->enc != HP_SECEDIT_ANSI)
		hp_buf_adds(out, s);
	else if (hp_codepage_encode(cp, s, strlen(s), out) != 0)
		return hp_error_set(e, HP_E_INPUT, "%s: \"%s\" cannot be "
		    "written in Windows-1252", t->path, s);
	return 0;
}

int
hp_secedit_write(const struct hp_secedit *t, struct hp_buf *out,
    struct hp_error *e)
{
	struct hp_codepage cp;
	size_t i;
	int r = 0;

	hp_codepage_init(&cp, NULL);
	if (t->enc == HP_SECEDIT_ANSI && hp_codepage_open(&cp, 1, e) == -1)
		return -1;
	hp_buf_add(out, t->raw, t->bom_len);
	for (i = 0; i < t->n && r == 0; i++) {
		const struct hp_secedit_line *l = &t->lines[i];

		if (!l->dirty) {
			hp_buf_add(out, t->raw + l->raw_off, l->raw_len);
			continue;
		}
		r = encode(t, &cp, l->text, out, e);
		if (r == 0)
			r = encode(t, &cp, l->eol, out, e);
	}
	hp_codepage_close(&cp);
	return r;
}

static int
in_section(const struct hp_secedit *t, const struct hp_secedit_line *l,
    const char *section)
{
	return l->kind == HP_SECEDIT_ENTRY &&
	    strcasecmp(t->sections[l->section].name, section) == 0;
}

static int
is_entry(const struct hp_secedit *t, const struct hp_secedit_line *l,
    const char *section, const char *key)
{
	return in_section(t, l, section) && l->key != NULL &&
	    strcasecmp(l->key, key) == 0;
}

/* The last entry of key: the one Windows reads. */
static long
find_entry(const struct hp_secedit *t, const char *section, const char *key)
{
	size_t i;

	for (i = t->n; i > 0; i--)
		if (is_entry(t, &t->lines[i - 1], section, key))
			return (long)i - 1;
	return -1;
}

/* Opens a new line at pos; the one before it gets a line end if it had none. */
static struct hp_secedit_line *
insert_line(struct hp_secedit *t, size_t pos, char *text)
{
	struct hp_secedit_line *l;
	size_t i;

	if (pos > 0 && *t->lines[pos - 1].eol == '\0') {
		t->lines[pos - 1].eol = default_eol(t);
		t->lines[pos - 1].dirty = 1;
	}
	HP_ALLOC_GROW(t->lines, t->n + 1, t->cap);
	memmove(t->lines + pos + 1, t->lines + pos,
	    (t->n - pos) * sizeof(*t->lines));
	t->n++;
	for (i = 0; i < t->nsec; i++)
		if (t->sections[i].header >= pos)
			t->sections[i].header++;
	l = &t->lines[pos];
	memset(l, 0, sizeof(*l));
	l->text = text;
	l->dirty = 1;
	l->eol = default_eol(t);
	return l;
}

/*
 * Where a new entry of section goes: after the last non-blank line of its
 * last occurrence; a missing section is added at the end.  Sections are in
 * the order of their headers.
 */
static size_t
section_end(struct hp_secedit *t, const char *section, size_t *sec)
{
	size_t i, end = 0, seen = 0;
	long cur = -1;

	for (i = 0; i < t->n; i++) {
		if (t->lines[i].kind == HP_SECEDIT_HEADER)
			cur = strcasecmp(t->sections[seen++].name, section) == 0 ?
			    (long)seen - 1 : -1;
		if (cur >= 0 && t->lines[i].kind != HP_SECEDIT_BLANK) {
			end = i + 1;
			*sec = (size_t)cur;
		}
	}
	if (end > 0)
		return end;
	insert_line(t, t->n, hp_strfmt("[%s]", section))->kind =
	    HP_SECEDIT_HEADER;
	HP_ALLOC_GROW(t->sections, t->nsec + 1, t->seccap);
	t->sections[t->nsec].name = hp_strdup(section);
	t->sections[t->nsec].header = t->n - 1;
	*sec = t->nsec++;
	return t->n;
}

/* "Key = Value" in most sections, "Key=Value" where Windows writes that. */
static const char *
separator(const char *section)
{
	return strcasecmp(section, "Registry Values") == 0 ||
	    strcasecmp(section, "Unicode") == 0 ||
	    strcasecmp(section, "Version") == 0 ? "=" : " = ";
}

void
hp_secedit_set(struct hp_secedit *t, const char *section, const char *key,
    const char *value)
{
	long at = find_entry(t, section, key);
	struct hp_secedit_line *l;
	size_t pos, sec;
	char *eq;

	if (at >= 0) {
		l = &t->lines[at];
		eq = strchr(l->text, '=');
		while (eq[1] == ' ' || eq[1] == '\t')
			eq++;
		eq[1] = '\0';
		eq = hp_strfmt("%s%s", l->text, value);
		free(l->text);
		l->text = eq;
	} else {
		pos = section_end(t, section, &sec);
		l = insert_line(t, pos, hp_strfmt("%s%s%s", key,
		    separator(section), value));
		l->kind = HP_SECEDIT_ENTRY;
		l->section = sec;
		l->key = hp_strdup(key);
	}
	free(l->value);
	l->value = hp_strdup(value);
	l->dirty = 1;
}

size_t
hp_secedit_remove(struct hp_secedit *t, const char *section, const char *key)
{
	size_t i, k, sec = 0;

	for (i = k = 0; i < t->n; i++) {
		struct hp_secedit_line *l = &t->lines[i];

		if (l->kind == HP_SECEDIT_HEADER)
			t->sections[sec++].header = k;
		if (is_entry(t, l, section, key)) {
			free(l->text);
			free(l->key);
			free(l->value);
		} else {
			t->lines[k++] = *l;
		}
	}
	i = t->n - k;
	t->n = k;
	return i;
}
