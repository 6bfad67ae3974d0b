/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * gpt.ini kept in step with a GPO's Registry.pol files: the Version
 * number raised for each side that changed, and the Registry extension
 * listed in the side's extension names.  Every other line stays as it was.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "formats/gpo.h"

uint32_t
hp_gpo_version_bump(uint32_t version, int machine, int user)
{
	uint32_t lo = version & 0xffff, hi = version >> 16;

	/* Wrapping to 0 would read as "never changed": skip 0. */
	if (machine)
		lo = lo == 0xffff ? 1 : lo + 1;
	if (user)
		hi = hi == 0xffff ? 1 : hi + 1;
	return hi << 16 | lo;
}

/* An extension list: groups of GUIDs, the first of each the CSE. */
struct ext_group {
	char	**guids;
	size_t	  n, cap;
};

struct ext_list {
	struct ext_group	*v;
	size_t			 n, cap;
};

static void
ext_list_free(struct ext_list *l)
{
	size_t i, j;

	for (i = 0; i < l->n; i++) {
		for (j = 0; j < l->v[i].n; j++)
			free(l->v[i].guids[j]);
		free(l->v[i].guids);
	}
	free(l->v);
}

static int
guid_cmp(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

static int
group_cmp(const void *a, const void *b)
{
	const struct ext_group *x = a, *y = b;

	return strcasecmp(x->guids[0], y->guids[0]);
}

static struct ext_group *
group_new(struct ext_list *l)
{
	HP_ALLOC_GROW(l->v, l->n + 1, l->cap);
	memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
	return &l->v[l->n++];
}

static void
group_add(struct ext_group *g, const char *s, size_t len)
{
	HP_ALLOC_GROW(g->guids, g->n + 1, g->cap);
	g->guids[g->n++] = hp_strndup(s, len);
}

static int
ext_parse(const char *s, struct ext_list *l, struct hp_error *e)
{
	struct ext_group *g;
	const char *p = s, *end;

	while (*p == ' ' || *p == '\t')
		p++;
	while (*p != '\0') {
		if (*p != '[')
			goto bad;
		g = group_new(l);
		for (p++; *p == '{'; p = end + 1) {
			if ((end = strchr(p, '}')) == NULL || end - p != 37)
				goto bad;
			group_add(g, p, (size_t)(end - p + 1));
		}
		if (*p != ']' || g->n == 0)
			goto bad;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
	}
	return 0;
bad:
	return hp_error_set(e, HP_E_INPUT, "cannot parse the extension "
	    "list \"%s\" near offset %zu (expected [{GUID}{GUID}...]...)", s,
	    (size_t)(p - s));
}

int
hp_gpo_ext_merge(const char *list, const char *cse, const char *tool,
    struct hp_buf *out, struct hp_error *e)
{
	struct ext_list l = { NULL, 0, 0 };
	struct ext_group *g = NULL;
	size_t i, j;

	if (ext_parse(list != NULL ? list : "", &l, e) == -1) {
		ext_list_free(&l);
		return -1;
	}
	for (i = 0; i < l.n && g == NULL; i++)
		if (strcasecmp(l.v[i].guids[0], cse) == 0)
			g = &l.v[i];
	if (g == NULL) {
		g = group_new(&l);
		group_add(g, cse, strlen(cse));
	}
	for (j = 1; j < g->n; j++)
		if (strcasecmp(g->guids[j], tool) == 0)
			break;
	if (j == g->n)
		group_add(g, tool, strlen(tool));
	/* GPMC's order: groups by CSE GUID, tools sorted inside each. */
	for (i = 0; i < l.n; i++)
		if (l.v[i].n > 2)
			qsort(l.v[i].guids + 1, l.v[i].n - 1, sizeof(char *),
			    guid_cmp);
	qsort(l.v, l.n, sizeof(*l.v), group_cmp);
	for (i = 0; i < l.n; i++) {
		hp_buf_addc(out, '[');
		for (j = 0; j < l.v[i].n; j++)
			hp_buf_adds(out, l.v[i].guids[j]);
		hp_buf_addc(out, ']');
	}
	ext_list_free(&l);
	return 0;
}

int
hp_gpo_ext_merge_changed(const char *list, int side, int what,
    struct hp_buf *out, struct hp_error *e)
{
	static const char *const tools[2] = {
		HP_GPO_MACHINE_TOOL, HP_GPO_USER_TOOL
	};
	struct hp_buf tmp = HP_BUF_INIT;
	int r = 0;

	hp_buf_adds(&tmp, list != NULL ? list : "");
	if (what & HP_GPO_CH_REGISTRY) {
		hp_buf_reset(out);
		r = hp_gpo_ext_merge(tmp.buf, HP_GPO_REGISTRY_CSE, tools[side],
		    out, e);
		hp_buf_reset(&tmp);
		hp_buf_add(&tmp, out->buf, out->len);
	}
	hp_buf_reset(out);
	if (r == 0 && side == 0 && (what & HP_GPO_CH_SECURITY))
		r = hp_gpo_ext_merge(tmp.buf, HP_GPO_SECURITY_CSE,
		    HP_GPO_SECURITY_TOOL, out, e);
	else if (r == 0)
		hp_buf_add(out, tmp.buf, tmp.len);
	hp_buf_release(&tmp);
	return r;
}

/* One line of gpt.ini, without its line ending. */
struct ini_line {
	const char	*s;
	size_t		 len;
};

/* The keys of [General] that change; the first two per side. */
enum { KEY_MACHINE, KEY_USER, KEY_VERSION, NKEYS };

static const char *const key_names[NKEYS] = {
	"gPCMachineExtensionNames", "gPCUserExtensionNames", "Version"
};

struct gptini {
	struct ini_line	*lines;
	size_t		 n, cap;
	const char	*end;		/* of the old text */
	const char	*eol;
	int		 side[2];	/* machine, user: which changed */
	size_t		 gstart;	/* [General]'s line, or (size_t)-1 */
	size_t		 insert;	/* where its missing keys go */
	int		 seen[NKEYS];	/* which keys it has */
};

static size_t
blanks(const struct ini_line *l, size_t i)
{
	while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'))
		i++;
	return i;
}

/* 1 with *val after the '=' if l sets key. */
static int
key_is(const struct ini_line *l, const char *key, const char **val)
{
	size_t k = strlen(key), i = blanks(l, 0);

	if (l->len - i < k || strncasecmp(l->s + i, key, k) != 0)
		return 0;
	i = blanks(l, i + k);
	if (i >= l->len || l->s[i] != '=')
		return 0;
	*val = l->s + i + 1;
	return 1;
}

/* The key of [General] l sets, or NKEYS. */
static int
which_key(const struct ini_line *l, const char **val)
{
	int k;

	for (k = 0; k < NKEYS; k++)
		if (key_is(l, key_names[k], val))
			return k;
	return NKEYS;
}

static int
is_section(const struct ini_line *l)
{
	size_t i = blanks(l, 0);

	return i < l->len && l->s[i] == '[';
}

static int
is_general(const struct ini_line *l)
{
	size_t i = blanks(l, 0);

	return l->len - i >= 9 && strncasecmp(l->s + i, "[General]", 9) == 0;
}

/* key=LIST with the Registry extension merged into the old list. */
static int
new_ext_line(const struct gptini *g, int side, const char *old,
    size_t oldlen, struct hp_buf *out, struct hp_error *e)
{
	char *list = hp_strndup(old != NULL ? old : "", oldlen);
	struct hp_buf merged = HP_BUF_INIT;
	size_t n;
	int r;

	/* Trailing blanks are not part of the list. */
	for (n = strlen(list); n > 0 && (list[n - 1] == ' ' ||
	    list[n - 1] == '\t'); n--)
		list[n - 1] = '\0';
	r = hp_gpo_ext_merge_changed(list, side, g->side[side], &merged, e);
	if (r == 0)
		hp_buf_addf(out, "%s=%s%s", key_names[side], merged.len ?
		    merged.buf : "", g->eol);
	else
		hp_error_prefix(e, "gpt.ini: %s", key_names[side]);
	hp_buf_release(&merged);
	free(list);
	return r;
}

static int
parse_version(const char *s, size_t len, uint32_t *v, struct hp_error *e)
{
	unsigned long long x = 0;
	size_t i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (len > i && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (i == len)
		return hp_error_set(e, HP_E_INPUT, "gpt.ini: Version is "
		    "empty");
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9' || (x = x * 10 +
		    (unsigned)(s[i] - '0')) > 0xffffffffULL)
			return hp_error_set(e, HP_E_INPUT, "gpt.ini: Version="
			    "%.*s is not a number from 0 to 4294967295",
			    (int)len, s);
	}
	*v = (uint32_t)x;
	return 0;
}

/* The keys [General] lacks, for the sides that changed. */
static int
add_missing(const struct gptini *g, struct hp_buf *out, struct hp_error *e)
{
	int side;

	if (!g->seen[KEY_VERSION])
		hp_buf_addf(out, "Version=%lu%s", (unsigned long)
		    hp_gpo_version_bump(0, g->side[0], g->side[1]), g->eol);
	for (side = 0; side < 2; side++)
		if (!g->seen[side] && g->side[side] &&
		    new_ext_line(g, side, NULL, 0, out, e) == -1)
			return -1;
	return 0;
}

/* The lines of old, a final line ending or not. */
static void
split_lines(struct gptini *g, const char *old, size_t len)
{
	const char *p, *q;

	g->end = old + len;
	for (p = old; p < g->end; p = q + 1) {
		if ((q = memchr(p, '\n', (size_t)(g->end - p))) == NULL)
			q = g->end;
		HP_ALLOC_GROW(g->lines, g->n + 1, g->cap);
		g->lines[g->n].s = p;
		g->lines[g->n].len = (size_t)(q - p);
		if (q > p && q[-1] == '\r')
			g->lines[g->n].len--;
		g->n++;
	}
}

/* The first [General] section: where it is, which keys it has. */
static void
scan_general(struct gptini *g)
{
	const char *val;
	int in_general = 0, k;
	size_t i;

	g->gstart = (size_t)-1;
	for (i = 0; i < g->n; i++) {
		if (is_section(&g->lines[i])) {
			in_general = is_general(&g->lines[i]) &&
			    g->gstart == (size_t)-1;
			if (in_general) {
				g->gstart = i;
				g->insert = i + 1;
			}
			continue;
		}
		if (!in_general)
			continue;
		if (g->lines[i].len > 0)
			g->insert = i + 1;
		if ((k = which_key(&g->lines[i], &val)) < NKEYS)
			g->seen[k] = 1;
	}
}

/* A line of [General]: the keys that change are written anew. */
static int
general_line(const struct gptini *g, const struct ini_line *l,
    struct hp_buf *out, int *handled, struct hp_error *e)
{
	const char *val;
	size_t vlen;
	uint32_t version = 0;
	int k = which_key(l, &val);

	*handled = 0;
	if (k == NKEYS || (k != KEY_VERSION && !g->side[k]))
		return 0;
	*handled = 1;
	vlen = (size_t)(l->s + l->len - val);
	if (k != KEY_VERSION)
		return new_ext_line(g, k, val, vlen, out, e);
	if (parse_version(val, vlen, &version, e) == -1)
		return -1;
	hp_buf_addf(out, "Version=%lu%s", (unsigned long)
	    hp_gpo_version_bump(version, g->side[0], g->side[1]), g->eol);
	return 0;
}

/* Copies the lines, changing [General] and adding what it lacks. */
static int
rewrite(const struct gptini *g, struct hp_buf *out, struct hp_error *e)
{
	const struct ini_line *l;
	int in_general = 0, handled;
	size_t i;

	for (i = 0; i < g->n; i++) {
		l = &g->lines[i];
		if (i == g->insert && g->gstart != (size_t)-1 &&
		    add_missing(g, out, e) == -1)
			return -1;
		handled = 0;
		if (is_section(l))
			in_general = i == g->gstart;
		else if (in_general &&
		    general_line(g, l, out, &handled, e) == -1)
			return -1;
		if (handled)
			continue;
		hp_buf_add(out, l->s, l->len);
		/* The last line without an ending gets none added. */
		if (i + 1 < g->n || l->s + l->len < g->end)
			hp_buf_adds(out, g->eol);
	}
	return 0;
}

int
hp_gpo_gptini_update(const char *old, size_t len, int machine, int user,
    struct hp_buf *out, struct hp_error *e)
{
	struct gptini g;
	int r = 0;

	memset(&g, 0, sizeof(g));
	if (old == NULL) {
		old = "";
		len = 0;
	}
	g.side[0] = machine;
	g.side[1] = user;
	/* Windows writes CRLF; a file with LF only keeps LF. */
	g.eol = len == 0 || memmem(old, len, "\r\n", 2) != NULL ? "\r\n" :
	    "\n";
	split_lines(&g, old, len);
	scan_general(&g);
	if (g.gstart == (size_t)-1) {
		hp_buf_addf(out, "[General]%s", g.eol);
		r = add_missing(&g, out, e);
	}
	if (r == 0)
		r = rewrite(&g, out, e);
	if (r == 0 && g.insert == g.n && g.gstart != (size_t)-1) {
		if (out->len > 0 && out->buf[out->len - 1] != '\n')
			hp_buf_adds(out, g.eol);
		r = add_missing(&g, out, e);
	}
	free(g.lines);
	return r;
}
