/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libconfuse does not keep the line where a section or an option starts,
 * so this scanner records them from the text before libconfuse parses it;
 * every message of the policy reader then names FILE:LINE.  It follows
 * libconfuse's lexical rules closely enough for that (strings, comments,
 * braces) and leaves parse errors to libconfuse.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "policy/policy_read.h"

void
policy_lines_free(struct lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].title);
		free(l->v[i].opts);
	}
	free(l->v);
}

static int
is_ident(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static int
is_word(const char *id, size_t len, const char *word)
{
	return len == strlen(word) && memcmp(id, word, len) == 0;
}

/* Skips blanks, comments and newlines (counting lines). */
static const char *
skip_space(const char *p, const char *end, int *line)
{
	while (p < end) {
		if (*p == '\n') {
			(*line)++;
			p++;
		} else if (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		else if (*p == '#' || (*p == '/' && p + 1 < end &&
		    p[1] == '/')) {
			while (p < end && *p != '\n')
				p++;
		} else if (*p == '/' && p + 1 < end && p[1] == '*') {
			for (p += 2; p < end && !(*p == '*' && p + 1 < end &&
			    p[1] == '/'); p++)
				if (*p == '\n')
					(*line)++;
			p = p < end ? p + 2 : end;
		} else
			break;
	}
	return p;
}

/* Skips a quoted string starting at p (a quote), counting lines. */
static const char *
skip_string(const char *p, const char *end, int *line)
{
	char q = *p++;

	for (; p < end && *p != q; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		if (*p == '\n')
			(*line)++;
	}
	return p < end ? p + 1 : end;
}

/*
 * After the word "setting" or "rule" at the top level: a titled section
 * starts, and *cur becomes it.  Returns where the scan goes on.
 */
static const char *
scan_section(const char *p, const char *end, int *line, int rule,
    struct lines *l, struct secline **cur)
{
	int sline = *line;
	const char *t;

	p = skip_space(p, end, line);
	if (p >= end || (*p != '"' && *p != '\''))
		return p;
	t = p + 1;
	p = skip_string(p, end, line);
	HP_ALLOC_GROW(l->v, l->n + 1, l->cap);
	*cur = &l->v[l->n++];
	memset(*cur, 0, sizeof(**cur));
	(*cur)->rule = rule;
	(*cur)->line = sline;
	(*cur)->title = hp_strndup(t, (size_t)(p - t - 1));
	return p;
}

/*
 * After the word id inside section cur: records the line of its first
 * assignment.  Each element section gets its own line ("element:ID").
 */
static const char *
scan_option(const char *id, size_t idlen, const char *p, const char *end,
    int *line, struct secline *cur)
{
	char name[sizeof(cur->opts->name)];
	const char *t;
	int oline = *line;
	size_t i;

	memcpy(name, id, idlen);
	name[idlen] = '\0';
	if (is_word(id, idlen, "element") &&
	    (t = skip_space(p, end, line)) < end &&
	    (*t == '"' || *t == '\'')) {
		p = skip_string(t, end, line);
		snprintf(name, sizeof(name), "element:%.*s",
		    (int)(p - t - 2), t + 1);
	}
	for (i = 0; i < cur->nopts; i++)
		if (strcmp(cur->opts[i].name, name) == 0)
			return p;
	HP_ALLOC_GROW(cur->opts, cur->nopts + 1, cur->optcap);
	memcpy(cur->opts[cur->nopts].name, name, strlen(name) + 1);
	cur->opts[cur->nopts++].line = oline;
	return p;
}

/*
 * Records the line of every top-level "setting"/"rule" section, of the
 * first include, and of the first assignment to each option directly
 * inside a section.
 */
void
policy_scan_lines(const char *p, size_t len, struct lines *l)
{
	const char *end = p + len, *id;
	struct secline *cur = NULL;
	int line = 1, depth = 0;
	size_t idlen;

	memset(l, 0, sizeof(*l));
	while ((p = skip_space(p, end, &line)) < end) {
		if (*p == '"' || *p == '\'') {
			p = skip_string(p, end, &line);
			continue;
		}
		if (*p == '{' || *p == '}') {
			depth += *p == '{' ? 1 : -1;
			if (depth <= 0) {
				depth = 0;
				cur = NULL;
			}
			p++;
			continue;
		}
		if (!is_ident((unsigned char)*p)) {
			p++;
			continue;
		}
		for (id = p; p < end && is_ident((unsigned char)*p); p++)
			;
		idlen = (size_t)(p - id);
		if (depth == 0 && (is_word(id, idlen, "setting") ||
		    is_word(id, idlen, "rule") || is_word(id, idlen,
		    "security")))
			p = scan_section(p, end, &line, idlen == 4 ? 1 :
			    idlen == 8 ? 2 : 0, l, &cur);
		else if (depth == 0 && is_word(id, idlen, "include")) {
			if (l->include == 0)
				l->include = line;
		} else if (depth == 1 && cur != NULL &&
		    idlen < sizeof(cur->opts->name))
			p = scan_option(id, idlen, p, end, &line, cur);
	}
}

const struct secline *
policy_find_sec(const struct lines *l, int rule, const char *title)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].rule == rule && strcmp(l->v[i].title, title) == 0)
			return &l->v[i];
	return NULL;
}

int
policy_opt_line(const struct secline *s, const char *name)
{
	size_t i;

	if (s == NULL)
		return 0;
	for (i = 0; i < s->nopts; i++)
		if (strcmp(s->opts[i].name, name) == 0)
			return s->opts[i].line;
	return s->line;
}
