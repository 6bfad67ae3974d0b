/*
 * GPO folders: locating their parts, reading both Registry.pol files as one
 * patch, and writing them with gpt.ini kept in step.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "formats/gpo.h"
#include "core/jail.h"
#include "core/limits.h"
#include "formats/polfile.h"
#include "core/txn.h"

#define GPTINI_MAX	(1024 * 1024)

void
hp_gpo_free(struct hp_gpo *g)
{
	free(g->dir);
	free(g->gptini);
	free(g->machine_pol);
	free(g->user_pol);
	memset(g, 0, sizeof(*g));
}

/* The parts of the GPO at base inside j, as resolved host paths. */
static int
gpo_fill(struct hp_gpo *g, const struct hp_jail *j, const char *base,
    struct hp_error *e)
{
	static const char *const ini[] = { "gpt.ini" };
	static const char *const mp[] = { "Machine", "Registry.pol" };
	static const char *const up[] = { "User", "Registry.pol" };

	if (hp_jail_resolve(j, base, &g->dir, NULL, e) == -1 ||
	    hp_jail_find_host(j, base, ini, 1, S_IFREG, &g->gptini, NULL,
	    e) == -1 ||
	    hp_jail_find_host(j, base, mp, 2, S_IFREG, &g->machine_pol, NULL,
	    e) == -1 ||
	    hp_jail_find_host(j, base, up, 2, S_IFREG, &g->user_pol, NULL,
	    e) == -1)
		return -1;
	return 0;
}

/* 1 if base inside j has a subdirectory name (any case), 0, or -1. */
static int
has_dir(const struct hp_jail *j, const char *base, const char *name,
    struct hp_error *e)
{
	char *sub;
	int found;

	if (hp_jail_find(j, base, &name, 1, S_IFDIR, &sub, NULL, e) == -1)
		return -1;
	/* A pointer's value may not be read once it is freed. */
	found = sub != NULL;
	free(sub);
	return found;
}

int
hp_gpo_locate(const char *dir, struct hp_gpo *g, struct hp_error *e)
{
	static const char *const image[] = { "Windows", "System32",
	    "GroupPolicy" };
	struct hp_jail *j;
	const char *base;
	char *local = NULL;
	int r, m = 0, u = 0;

	memset(g, 0, sizeof(*g));
	/* A GPO folder, like an image, is input: its links stay inside. */
	if (hp_jail_open(dir, &j, e) == -1)
		return -1;
	r = hp_jail_find(j, "", image, 3, S_IFDIR, &local, NULL, e);
	base = local != NULL ? local : "";
	if (r == 0)
		r = gpo_fill(g, j, base, e);
	if (r == 0 && (m = has_dir(j, base, "Machine", e)) == -1)
		r = -1;
	if (r == 0 && (u = has_dir(j, base, "User", e)) == -1)
		r = -1;
	if (r == 0 && g->gptini == NULL && !m && !u)
		r = hp_error_set(e, HP_E_INPUT, "%s: not a GPO folder "
		    "(no gpt.ini, Machine/ or User/, and no "
		    "Windows/System32/GroupPolicy)", dir);
	free(local);
	hp_jail_close(j);
	if (r == -1)
		hp_gpo_free(g);
	return r;
}

static int
read_side(const char *path, enum hp_root root, struct hp_patch *out,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;
	int r;

	if (path == NULL)
		return 0;
	r = hp_file_read(path, HP_MAX_INPUT_SIZE, &b, e);
	if (r == 0)
		r = hp_pol_parse(b.buf, b.len, path, root, out, w, e);
	hp_buf_release(&b);
	return r;
}

int
hp_gpo_read_patch(const char *dir, struct hp_patch *out,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_gpo g;
	int r;

	if (hp_gpo_locate(dir, &g, e) == -1)
		return -1;
	r = read_side(g.machine_pol, HP_ROOT_HKLM, out, w, e);
	if (r == 0)
		r = read_side(g.user_pol, HP_ROOT_HKCU, out, w, e);
	hp_gpo_free(&g);
	return r;
}

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
	size_t	  n;
};

static void
groups_free(struct ext_group *g, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < g[i].n; j++)
			free(g[i].guids[j]);
		free(g[i].guids);
	}
	free(g);
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

static int
group_add(struct ext_group *g, const char *s, size_t len)
{
	char **v = realloc(g->guids, (g->n + 1) * sizeof(*v));

	if (v == NULL)
		return -1;
	g->guids = v;
	if ((v[g->n] = strndup(s, len)) == NULL)
		return -1;
	g->n++;
	return 0;
}

static int
ext_parse(const char *s, struct ext_group **out, size_t *nout,
    struct hp_error *e)
{
	struct ext_group *gs = NULL, *grown;
	size_t n = 0;
	const char *p = s, *end;

	while (*p == ' ' || *p == '\t')
		p++;
	while (*p != '\0') {
		if (*p != '[')
			goto bad;
		if ((grown = realloc(gs, (n + 1) * sizeof(*gs))) == NULL)
			goto nomem;
		gs = grown;
		memset(&gs[n], 0, sizeof(gs[n]));
		n++;
		for (p++; *p == '{'; p = end + 1) {
			if ((end = strchr(p, '}')) == NULL || end - p != 37)
				goto bad;
			if (group_add(&gs[n - 1], p, (size_t)(end - p + 1)) == -1)
				goto nomem;
		}
		if (*p != ']' || gs[n - 1].n == 0)
			goto bad;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
	}
	*out = gs;
	*nout = n;
	return 0;
bad:
	groups_free(gs, n);
	return hp_error_set(e, HP_E_INPUT, "cannot parse the extension "
	    "list \"%s\" near offset %zu (expected [{GUID}{GUID}...]...)", s,
	    (size_t)(p - s));
nomem:
	groups_free(gs, n);
	return hp_error_errno(e, HP_E_IO, "out of memory");
}

int
hp_gpo_ext_merge(const char *list, const char *cse, const char *tool,
    struct hp_buf *out, struct hp_error *e)
{
	struct ext_group *gs = NULL, *g = NULL, *grown;
	size_t n = 0, i, j;
	int r = 0;

	if (ext_parse(list != NULL ? list : "", &gs, &n, e) == -1)
		return -1;
	for (i = 0; i < n && g == NULL; i++)
		if (strcasecmp(gs[i].guids[0], cse) == 0)
			g = &gs[i];
	if (g == NULL) {
		if ((grown = realloc(gs, (n + 1) * sizeof(*gs))) == NULL)
			goto nomem;
		gs = grown;
		g = &gs[n++];
		memset(g, 0, sizeof(*g));
		if (group_add(g, cse, strlen(cse)) == -1)
			goto nomem;
	}
	for (j = 1; j < g->n; j++)
		if (strcasecmp(g->guids[j], tool) == 0)
			break;
	if (j == g->n && group_add(g, tool, strlen(tool)) == -1)
		goto nomem;
	/* GPMC's order: groups by CSE GUID, tools sorted inside each. */
	for (i = 0; i < n; i++)
		if (gs[i].n > 2)
			qsort(gs[i].guids + 1, gs[i].n - 1, sizeof(char *),
			    guid_cmp);
	qsort(gs, n, sizeof(*gs), group_cmp);
	for (i = 0; i < n && r == 0; i++) {
		r = hp_buf_addc(out, '[');
		for (j = 0; j < gs[i].n && r == 0; j++)
			r = hp_buf_adds(out, gs[i].guids[j]);
		if (r == 0)
			r = hp_buf_addc(out, ']');
	}
	groups_free(gs, n);
	if (r == -1)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	return 0;
nomem:
	groups_free(gs, n);
	return hp_error_errno(e, HP_E_IO, "out of memory");
}

/* One line of gpt.ini, without its line ending. */
struct ini_line {
	const char	*s;
	size_t		 len;
};

static int
key_is(const struct ini_line *l, const char *key, const char **val)
{
	size_t k = strlen(key), i = 0;

	while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'))
		i++;
	if (l->len - i < k || strncasecmp(l->s + i, key, k) != 0)
		return 0;
	for (i += k; i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'); i++)
		;
	if (i >= l->len || l->s[i] != '=')
		return 0;
	*val = l->s + i + 1;
	return 1;
}

static int
is_section(const struct ini_line *l)
{
	size_t i = 0;

	while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'))
		i++;
	return i < l->len && l->s[i] == '[';
}

static int
is_general(const struct ini_line *l)
{
	size_t i = 0;

	while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'))
		i++;
	return l->len - i >= 9 && strncasecmp(l->s + i, "[General]", 9) == 0;
}

static int
new_ext_line(const char *key, const char *old, size_t oldlen,
    const char *tool, const char *eol, struct hp_buf *out,
    struct hp_error *e)
{
	char *list = strndup(old != NULL ? old : "", old != NULL ? oldlen : 0);
	size_t n;
	int r;

	if (list == NULL)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	/* Trailing blanks are not part of the list. */
	for (n = strlen(list); n > 0 && (list[n - 1] == ' ' ||
	    list[n - 1] == '\t'); n--)
		list[n - 1] = '\0';
	r = hp_buf_addf(out, "%s=", key);
	if (r == 0)
		r = hp_gpo_ext_merge(list, HP_GPO_REGISTRY_CSE, tool, out, e);
	else
		r = hp_error_errno(e, HP_E_IO, "out of memory");
	if (r == 0 && hp_buf_adds(out, eol) == -1)
		r = hp_error_errno(e, HP_E_IO, "out of memory");
	if (r == -1)
		hp_error_prefix(e, "gpt.ini: %s", key);
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

static int
add_missing(struct hp_buf *out, int machine, int user, int seen_v,
    int seen_m, int seen_u, const char *eol, struct hp_error *e)
{
	if (!seen_v && hp_buf_addf(out, "Version=%lu%s", (unsigned long)
	    hp_gpo_version_bump(0, machine, user), eol) == -1)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	if (!seen_m && machine && new_ext_line("gPCMachineExtensionNames",
	    NULL, 0, HP_GPO_MACHINE_TOOL, eol, out, e) == -1)
		return -1;
	if (!seen_u && user && new_ext_line("gPCUserExtensionNames", NULL, 0,
	    HP_GPO_USER_TOOL, eol, out, e) == -1)
		return -1;
	return 0;
}

int
hp_gpo_gptini_update(const char *old, size_t len, int machine, int user,
    struct hp_buf *out, struct hp_error *e)
{
	struct ini_line *lines = NULL, *grown;
	size_t n = 0, i, gstart = (size_t)-1, insert = 0;
	const char *eol, *p, *q, *end, *val;
	int in_general = 0, seen_v = 0, seen_m = 0, seen_u = 0, r = 0;
	uint32_t version = 0;

	if (old == NULL) {
		old = "";
		len = 0;
	}
	/* Windows writes CRLF; a file with LF only keeps LF. */
	eol = len == 0 || memmem(old, len, "\r\n", 2) != NULL ? "\r\n" : "\n";
	for (p = old, end = old + len; p < end; p = q + 1) {
		if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
			q = end;
		if ((grown = realloc(lines, (n + 1) * sizeof(*lines))) == NULL) {
			free(lines);
			return hp_error_errno(e, HP_E_IO, "out of memory");
		}
		lines = grown;
		lines[n].s = p;
		lines[n].len = (size_t)(q - p);
		if (lines[n].len > 0 && p[lines[n].len - 1] == '\r')
			lines[n].len--;
		n++;
	}
	/* Pass 1: the [General] section and the keys it has. */
	for (i = 0; i < n; i++) {
		if (is_section(&lines[i])) {
			in_general = is_general(&lines[i]) &&
			    gstart == (size_t)-1;
			if (in_general) {
				gstart = i;
				insert = i + 1;
			}
			continue;
		}
		if (!in_general)
			continue;
		if (lines[i].len > 0)
			insert = i + 1;
		if (key_is(&lines[i], "Version", &val))
			seen_v = 1;
		else if (key_is(&lines[i], "gPCMachineExtensionNames", &val))
			seen_m = 1;
		else if (key_is(&lines[i], "gPCUserExtensionNames", &val))
			seen_u = 1;
	}
	if (gstart == (size_t)-1) {
		r = hp_buf_addf(out, "[General]%s", eol) == -1 ? hp_error_errno(
		    e, HP_E_IO, "out of memory") : 0;
		if (r == 0)
			r = add_missing(out, machine, user, 0, 0, 0, eol, e);
	}
	/* Pass 2: copy, changing the three keys of [General]. */
	in_general = 0;
	for (i = 0; i < n && r == 0; i++) {
		struct ini_line *l = &lines[i];
		size_t vlen;
		int handled = 0;

		if (i == insert && gstart != (size_t)-1 && (r = add_missing(out,
		    machine, user, seen_v, seen_m, seen_u, eol, e)) == -1)
			break;
		if (is_section(l))
			in_general = i == gstart;
		else if (in_general && key_is(l, "Version", &val)) {
			vlen = (size_t)(l->s + l->len - val);
			if ((r = parse_version(val, vlen, &version, e)) == -1)
				break;
			r = hp_buf_addf(out, "Version=%lu%s", (unsigned long)
			    hp_gpo_version_bump(version, machine, user), eol);
			handled = 1;
		} else if (in_general && machine &&
		    key_is(l, "gPCMachineExtensionNames", &val)) {
			r = new_ext_line("gPCMachineExtensionNames", val,
			    (size_t)(l->s + l->len - val), HP_GPO_MACHINE_TOOL,
			    eol, out, e);
			handled = 1;
		} else if (in_general && user &&
		    key_is(l, "gPCUserExtensionNames", &val)) {
			r = new_ext_line("gPCUserExtensionNames", val,
			    (size_t)(l->s + l->len - val), HP_GPO_USER_TOOL,
			    eol, out, e);
			handled = 1;
		}
		/* The last line without an ending gets none added. */
		if (!handled && r == 0 && (hp_buf_add(out, l->s, l->len) ==
		    -1 || ((i + 1 < n || l->s + l->len < end) &&
		    hp_buf_adds(out, eol) == -1)))
			r = hp_error_errno(e, HP_E_IO, "out of memory");
	}
	if (r == 0 && insert == n && gstart != (size_t)-1) {
		if (out->len > 0 && out->buf[out->len - 1] != '\n')
			r = hp_buf_adds(out, eol);
		if (r == 0)
			r = add_missing(out, machine, user, seen_v, seen_m,
			    seen_u, eol, e);
	}
	free(lines);
	return r;
}

/* The bytes a side's Registry.pol gets from the part of p under root. */
static int
side_bytes(const struct hp_patch *p, enum hp_root root, struct hp_buf *out,
    int *any, struct hp_error *e)
{
	struct hp_patch part = HP_PATCH_INIT;
	struct hp_pol pol = HP_POL_INIT;
	size_t i;
	int r = 0;

	*any = 0;
	for (i = 0; i < p->n && r == 0; i++) {
		if (p->ops[i].key.root != root)
			continue;
		*any = 1;
		if (hp_patch_add(&part, p->ops[i].kind, &p->ops[i].key,
		    p->ops[i].name, &p->ops[i].value, p->ops[i].line) == NULL)
			r = hp_error_errno(e, HP_E_IO, "out of memory");
	}
	if (r == 0 && *any)
		r = hp_pol_from_patch(&part, root, &pol, e);
	if (r == 0 && *any)
		r = hp_pol_write(&pol, out, e);
	hp_pol_free(&pol);
	hp_patch_free(&part);
	return r;
}

/*
 * The side's folder sub of the GPO in j, as a host path: found in any
 * case, else made (as part of t).  A name that is there but no directory
 * inside the GPO (a link leading out, say) is an error: a write must not
 * go through it.
 */
static int
side_dir(struct hp_txn *t, const struct hp_jail *j, const char *sub,
    char **out, struct hp_error *e)
{
	char *made;
	int r;

	if (hp_jail_find_host(j, "", &sub, 1, S_IFDIR, out, NULL, e) == -1)
		return -1;
	if (*out != NULL)
		return 0;
	if (asprintf(&made, "%s/%s", hp_jail_root(j), sub) == -1)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	r = hp_txn_mkdir(t, made, e);
	if (r == 0 && (r = hp_jail_find_host(j, "", &sub, 1, S_IFDIR, out,
	    NULL, e)) == 0 && *out == NULL)
		r = hp_error_set(e, HP_E_INPUT, "%s: not a directory inside "
		    "%s", made, hp_jail_root(j));
	free(made);
	return r;
}

/*
 * A file is made or replaced at path (in a folder the jail resolved),
 * unless what is there is no regular file: a link would be followed by
 * the writer, out of the GPO perhaps.
 */
static int
check_new_name(const struct hp_jail *j, const char *path, struct hp_error *e)
{
	struct stat st;

	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return hp_error_set(e, HP_E_INPUT, "%s: not a file inside "
		    "%s; refusing to write through it", path,
		    hp_jail_root(j));
	return 0;
}

/* Stages one side if its bytes differ from the file's; *changed set. */
static int
stage_side(struct hp_txn *t, const struct hp_jail *j, const char *sub,
    const char *existing, const struct hp_buf *bytes, int *changed,
    struct hp_error *e)
{
	struct hp_buf old = HP_BUF_INIT;
	char *subdir = NULL, *path = NULL;
	int r;

	*changed = 1;
	if (existing != NULL && hp_file_read(existing, HP_MAX_INPUT_SIZE,
	    &old, NULL) == 0 && old.len == bytes->len &&
	    memcmp(old.buf, bytes->buf, old.len) == 0)
		*changed = 0;
	hp_buf_release(&old);
	if (!*changed)
		return 0;
	if (existing == NULL) {
		if (side_dir(t, j, sub, &subdir, e) == -1)
			return -1;
		if (asprintf(&path, "%s/Registry.pol", subdir) == -1) {
			free(subdir);
			return hp_error_errno(e, HP_E_IO, "out of memory");
		}
		existing = path;
	}
	r = path != NULL ? check_new_name(j, path, e) : 0;
	if (r == 0)
		r = hp_txn_put(t, existing, bytes->buf, bytes->len, e);
	free(subdir);
	free(path);
	return r;
}

static int
check_roots(const struct hp_patch *p, struct hp_error *e)
{
	size_t i;
	char *s;

	for (i = 0; i < p->n; i++) {
		if (p->ops[i].key.root == HP_ROOT_HKLM ||
		    p->ops[i].key.root == HP_ROOT_HKCU)
			continue;
		s = hp_path_str(&p->ops[i].key);
		hp_error_set(e, HP_E_INPUT, "%s: a GPO holds HKLM (Machine) "
		    "and HKCU (User) settings only", s ? s : "?");
		free(s);
		return -1;
	}
	return 0;
}

/* gpt.ini, created or raised for the sides that changed. */
static int
stage_gptini(struct hp_txn *t, const struct hp_jail *j,
    const struct hp_gpo *g, int machine, int user, struct hp_error *e)
{
	struct hp_buf old = HP_BUF_INIT, ini = HP_BUF_INIT;
	char *name = NULL;
	int r = 0;

	if (g->gptini != NULL)
		r = hp_file_read(g->gptini, GPTINI_MAX, &old, e);
	if (r == 0)
		r = hp_gpo_gptini_update(g->gptini ? old.buf : NULL, old.len,
		    machine, user, &ini, e);
	if (r == -1 && g->gptini != NULL)
		hp_error_prefix(e, "%s", g->gptini);
	if (r == 0 && g->gptini == NULL &&
	    asprintf(&name, "%s/gpt.ini", g->dir) == -1) {
		name = NULL;
		r = hp_error_errno(e, HP_E_IO, "out of memory");
	}
	if (r == 0 && name != NULL)
		r = check_new_name(j, name, e);
	if (r == 0)
		r = hp_txn_put(t, g->gptini ? g->gptini : name, ini.buf,
		    ini.len, e);
	free(name);
	hp_buf_release(&old);
	hp_buf_release(&ini);
	return r;
}

/* What the GPO in dir holds now, or nothing for a fresh one. */
static int
gpo_current(const char *dir, const struct hp_jail *j, int fresh,
    struct hp_gpo *g, struct hp_error *e)
{
	if (!fresh)
		return gpo_fill(g, j, "", e);
	if ((g->dir = strdup(dir)) == NULL)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	return 0;
}

int
hp_gpo_stage(struct hp_txn *t, const char *dir, const struct hp_patch *p,
    int fresh, int *changed, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_buf mb = HP_BUF_INIT, ub = HP_BUF_INIT;
	struct hp_jail *j = NULL;
	struct hp_gpo g;
	int anym, anyu, chm = 0, chu = 0, r;

	(void)w;
	*changed = 0;
	memset(&g, 0, sizeof(g));
	r = check_roots(p, e);
	if (r == 0)
		r = side_bytes(p, HP_ROOT_HKLM, &mb, &anym, e);
	if (r == 0)
		r = side_bytes(p, HP_ROOT_HKCU, &ub, &anyu, e);
	if (r == 0)
		r = hp_txn_mkdir(t, dir, e);
	if (r == 0)
		r = hp_jail_open(dir, &j, e);
	/* A fresh GPO ignores what is there: all its files, version 1. */
	if (r == 0)
		r = gpo_current(dir, j, fresh, &g, e);
	/* The .pol files first (renamed first): a gpt.ini ahead would lie. */
	if (r == 0 && anym)
		r = stage_side(t, j, "Machine", fresh ? NULL : g.machine_pol,
		    &mb, &chm, e);
	if (r == 0 && anyu)
		r = stage_side(t, j, "User", fresh ? NULL : g.user_pol, &ub,
		    &chu, e);
	if (r == 0 && (chm || chu || g.gptini == NULL))
		r = stage_gptini(t, j, &g, chm, chu, e);
	*changed = r == 0 && (chm || chu);
	hp_gpo_free(&g);
	hp_jail_close(j);
	hp_buf_release(&mb);
	hp_buf_release(&ub);
	return r;
}

int
hp_gpo_write(const char *dir, const struct hp_patch *p, int *changed,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_txn *t;
	int ch, r;

	if (changed != NULL)
		*changed = 0;
	if (hp_txn_begin(&t, e) == -1)
		return -1;
	r = hp_gpo_stage(t, dir, p, 0, &ch, w, e);
	if (r == 0)
		r = hp_txn_commit(t, w, e);
	hp_txn_free(t);
	if (changed != NULL)
		*changed = r == 0 && ch;
	return r;
}
