/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * GPO folders: locating their parts, reading both Registry.pol files as one
 * patch, and writing them with gpt.ini kept in step (gptini.c).
 */
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "core/jail.h"
#include "core/limits.h"
#include "core/txn.h"
#include "formats/gpmc_backup.h"
#include "formats/gpo.h"
#include "formats/polfile.h"

#define GPTINI_MAX	(1024 * 1024)

/* "dir/name", malloc'd. */
static char *
path_join(const char *dir, const char *name)
{
	struct hp_buf b = HP_BUF_INIT;

	hp_buf_addf(&b, "%s/%s", dir, name);
	return hp_buf_detach(&b, NULL);
}

void
hp_gpo_free(struct hp_gpo *g)
{
	free(g->dir);
	free(g->gptini);
	free(g->machine_pol);
	free(g->user_pol);
	free(g->backup_xml);
	free(g->sysvol);
	free(g->gpttmpl);
	free(g->audit_csv);
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
	static const char *const inf[] = { "Machine", "Microsoft",
	    "Windows NT", "SecEdit", "GptTmpl.inf" };
	static const char *const csv[] = { "Machine", "Microsoft",
	    "Windows NT", "Audit", "audit.csv" };

	if (hp_jail_find_host(j, base, inf, 5, S_IFREG, &g->gpttmpl, NULL,
	    e) == -1 ||
	    hp_jail_find_host(j, base, csv, 5, S_IFREG, &g->audit_csv, NULL,
	    e) == -1 ||
	    hp_jail_resolve(j, base, &g->dir, NULL, e) == -1 ||
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

/*
 * 1 if base inside j is a GPMC backup folder (its Backup.xml,
 * bkupInfo.xml or DomainSysvol/GPO), with *sysrel the path of its DomainSysvol/GPO inside j
 * (NULL when it has none yet) and *xml Backup.xml's host path (NULL when
 * only bkupInfo.xml is there); 0 if not; -1.
 */
static int
backup_base(const struct hp_jail *j, const char *base, char **sysrel,
    char **xml, struct hp_error *e)
{
	static const char *const bx[] = { "Backup.xml" };
	static const char *const bi[] = { "bkupInfo.xml" };
	static const char *const sv[] = { "DomainSysvol", "GPO" };
	char *info = NULL;
	int r;

	*sysrel = *xml = NULL;
	r = hp_jail_find_host(j, base, bx, 1, S_IFREG, xml, NULL, e);
	if (r == 0 && *xml == NULL)
		r = hp_jail_find(j, base, bi, 1, S_IFREG, &info, NULL, e);
	if (r == 0)
		r = hp_jail_find(j, base, sv, 2, S_IFDIR, sysrel, NULL, e);
	/* A backup's files without its manifest still say what they are. */
	if (r == 0)
		r = *xml != NULL || info != NULL || *sysrel != NULL;
	free(info);
	if (r == -1) {
		free(*xml);
		*xml = NULL;
	}
	return r;
}

/* A backup's parts: the GPO's files are in DomainSysvol/GPO. */
static int
backup_fill(struct hp_gpo *g, const struct hp_jail *j, const char *base,
    const char *sysrel, struct hp_error *e)
{
	char *root;

	g->backup = 1;
	if (sysrel == NULL)
		return hp_jail_resolve(j, base, &g->dir, NULL, e);
	if (gpo_fill(g, j, sysrel, e) == -1 ||
	    hp_jail_resolve(j, base, &root, NULL, e) == -1)
		return -1;
	g->sysvol = g->dir;
	g->dir = root;
	return 0;
}

int
hp_gpo_locate(const char *dir, struct hp_gpo *g, struct hp_error *e)
{
	static const char *const image[] = { "Windows", "System32",
	    "GroupPolicy" };
	struct hp_jail *j;
	const char *base;
	char *local = NULL, *sysrel = NULL;
	int r, m = 0, u = 0, b = 0;

	memset(g, 0, sizeof(*g));
	/* A GPO folder, like an image, is input: its links stay inside. */
	if (hp_jail_open(dir, &j, e) == -1)
		return -1;
	r = hp_jail_find(j, "", image, 3, S_IFDIR, &local, NULL, e);
	base = local != NULL ? local : "";
	if (r == 0 && (b = backup_base(j, base, &sysrel, &g->backup_xml,
	    e)) == -1)
		r = -1;
	if (r == 0 && b)
		r = backup_fill(g, j, base, sysrel, e);
	else if (r == 0)
		r = gpo_fill(g, j, base, e);
	if (r == 0 && !b && (m = has_dir(j, base, "Machine", e)) == -1)
		r = -1;
	if (r == 0 && !b && (u = has_dir(j, base, "User", e)) == -1)
		r = -1;
	if (r == 0 && !b && g->gptini == NULL && !m && !u)
		r = hp_error_set(e, HP_E_INPUT, "%s: not a GPO folder "
		    "(no gpt.ini, Machine/ or User/, no Backup.xml or "
		    "bkupInfo.xml, and no Windows/System32/GroupPolicy)", dir);
	free(local);
	free(sysrel);
	hp_jail_close(j);
	if (r == -1)
		hp_gpo_free(g);
	return r;
}

static int
read_side(const char *path, enum hp_root root, struct hp_patch *out,
    struct hp_warnings *w, struct hp_error *e)
{
	if (path == NULL)
		return 0;
	return hp_pol_parse_file(path, root, out, w, e);
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

int
hp_gpo_side_bytes(const struct hp_patch *p, enum hp_root root,
    struct hp_buf *out, int *any, struct hp_error *e)
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
		hp_patch_add(&part, p->ops[i].kind, &p->ops[i].key,
		    p->ops[i].name, &p->ops[i].value, p->ops[i].line);
	}
	if (r == 0 && *any)
		r = hp_pol_from_patch(&part, root, &pol, e);
	if (r == 0 && *any)
		r = hp_pol_write(&pol, out, e);
	hp_pol_free(&pol);
	hp_patch_free(&part);
	return r;
}

/* The host path of rel inside j ("" is the root itself). */
static int
host_of(const struct hp_jail *j, const char *rel, char **out,
    struct hp_error *e)
{
	if (*rel != '\0')
		return hp_jail_resolve(j, rel, out, NULL, e);
	*out = hp_strdup(hp_jail_root(j));
	return 0;
}

/*
 * The folder name below parent inside j, as a path inside j: found in
 * any case, else made (as part of t).  A name that is there but no
 * directory inside the GPO (a link leading out, say) is an error: a write
 * must not go through it.
 */
static int
sub_dir(struct hp_txn *t, const struct hp_jail *j, const char *parent,
    const char *name, char **out, struct hp_error *e)
{
	char *host, *made;
	int r;

	if (hp_jail_find(j, parent, &name, 1, S_IFDIR, out, NULL, e) == -1)
		return -1;
	if (*out != NULL)
		return 0;
	if (host_of(j, parent, &host, e) == -1)
		return -1;
	made = path_join(host, name);
	r = hp_txn_mkdir(t, made, e);
	if (r == 0 && (r = hp_jail_find(j, parent, &name, 1, S_IFDIR, out,
	    NULL, e)) == 0 && *out == NULL)
		r = hp_error_set(e, HP_E_INPUT, "%s: not a directory inside "
		    "%s", made, hp_jail_root(j));
	free(made);
	free(host);
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

/* Where a GPO's files are written inside its folder. */
struct place {
	struct hp_jail	*j;
	char		*base;		/* "" or a backup's DomainSysvol/GPO */
	const char	*polname;	/* a new Registry.pol's name */
	int		 backup;
};

/*
 * Stages one side if its bytes differ from the file's; *changed set, and
 * *rel (if changed) the file's path inside the folder.
 */
static int
stage_side(struct hp_txn *t, const struct place *pl, const char *sub,
    const char *existing, const struct hp_buf *bytes, int *changed,
    char **rel, struct hp_error *e)
{
	const char *names[2] = { sub, "Registry.pol" };
	struct hp_buf old = HP_BUF_INIT;
	char *subrel = NULL, *dirhost = NULL, *path = NULL;
	int r;

	*changed = 1;
	if (existing != NULL && hp_file_read(existing, HP_MAX_INPUT_SIZE,
	    &old, NULL) == 0 && old.len == bytes->len &&
	    memcmp(old.buf, bytes->buf, old.len) == 0)
		*changed = 0;
	hp_buf_release(&old);
	if (!*changed)
		return 0;
	if (existing != NULL)
		return hp_jail_find(pl->j, pl->base, names, 2, S_IFREG, rel,
		    NULL, e) == -1 ? -1 : hp_txn_put(t, existing, bytes->buf,
		    bytes->len, e);
	r = sub_dir(t, pl->j, pl->base, sub, &subrel, e);
	if (r == 0)
		r = host_of(pl->j, subrel, &dirhost, e);
	if (r == 0) {
		*rel = path_join(subrel, pl->polname);
		path = path_join(dirhost, pl->polname);
		r = check_new_name(pl->j, path, e);
	}
	if (r == 0)
		r = hp_txn_put(t, path, bytes->buf, bytes->len, e);
	free(subrel);
	free(dirhost);
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
	if (r == 0 && g->gptini == NULL) {
		name = path_join(g->dir, "gpt.ini");
		r = check_new_name(j, name, e);
	}
	if (r == 0)
		r = hp_txn_put(t, g->gptini ? g->gptini : name, ini.buf,
		    ini.len, e);
	free(name);
	hp_buf_release(&old);
	hp_buf_release(&ini);
	return r;
}

/*
 * What the GPO in dir holds now (nothing for a fresh one) and where its
 * files go: a GPMC backup's into DomainSysvol/GPO, made if missing.
 */
static int
gpo_current(struct hp_txn *t, const char *dir, int fresh, struct place *pl,
    struct hp_gpo *g, struct hp_error *e)
{
	char *sysrel = NULL, *top = NULL;
	int r;

	pl->polname = "Registry.pol";
	if (fresh) {
		g->dir = hp_strdup(dir);
		pl->base = hp_strdup("");
		return 0;
	}
	if ((r = backup_base(pl->j, "", &sysrel, &g->backup_xml, e)) <= 0) {
		pl->base = hp_strdup("");
		return r == -1 ? -1 : gpo_fill(g, pl->j, "", e);
	}
	/* GPMC names the file registry.pol. */
	pl->backup = g->backup = 1;
	pl->polname = "registry.pol";
	r = 0;
	if (sysrel == NULL && (r = sub_dir(t, pl->j, "", "DomainSysvol", &top,
	    e)) == 0)
		r = sub_dir(t, pl->j, top, "GPO", &sysrel, e);
	if (r == 0)
		r = backup_fill(g, pl->j, "", sysrel, e);
	pl->base = sysrel;
	free(top);
	return r;
}

/* Bounds on what a GPO folder carries: folders deep, files in all. */
#define CARRY_DEPTH	16
#define CARRY_FILES	10000

/* A carry: files of the GPO at from staged into the place pl. */
struct carry {
	struct hp_txn		*t;
	const struct place	*pl;
	struct hp_jail		*src;
	size_t			 nfiles;
	struct hp_warnings	*w;
};

/* 1 if rel (below the GPO's base) is a file the write itself makes. */
static int
written_anyway(const char *dir, const char *name, int depth)
{
	const char *side = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;

	if (depth == 0)
		return strcasecmp(name, "gpt.ini") == 0;
	return depth == 1 && strcasecmp(name, "Registry.pol") == 0 &&
	    (strcasecmp(side, "Machine") == 0 || strcasecmp(side, "User") == 0);
}

/* The file at host, staged as name in the destination folder drel. */
static int
carry_file(struct carry *c, const char *host, const char *drel,
    const char *name, struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT, old = HP_BUF_INIT;
	char *dhost = NULL, *path = NULL;
	int r;

	if (++c->nfiles > CARRY_FILES)
		return hp_error_set(e, HP_E_INPUT, "%s: more than %d files in "
		    "the GPO folder", hp_jail_root(c->src), CARRY_FILES);
	r = hp_file_read(host, HP_MAX_INPUT_SIZE, &b, e);
	if (r == 0)
		r = host_of(c->pl->j, drel, &dhost, e);
	if (r == 0) {
		path = path_join(dhost, name);
		r = check_new_name(c->pl->j, path, e);
	}
	/* The same bytes there already: nothing to write. */
	if (r == 0 && (hp_file_read(path, HP_MAX_INPUT_SIZE, &old, NULL) !=
	    0 || old.len != b.len || memcmp(old.buf, b.buf, b.len) != 0))
		r = hp_txn_put(c->t, path, b.buf, b.len, e);
	free(dhost);
	free(path);
	hp_buf_release(&b);
	hp_buf_release(&old);
	return r;
}

/* Every file below srel (source) into drel (destination), depth deep. */
static int
carry_dir(struct carry *c, const char *srel, const char *drel, int depth,
    struct hp_error *e)
{
	struct hp_buf names = HP_BUF_INIT;
	struct stat st;
	const char *p;
	char *rel, *host, *sub;
	int r;

	if (depth > CARRY_DEPTH)
		return hp_error_set(e, HP_E_INPUT, "%s/%s: folders deeper than "
		    "%d", hp_jail_root(c->src), srel, CARRY_DEPTH);
	r = hp_jail_list(c->src, srel, &names, e);
	for (p = names.buf; r == 0 && p != NULL && p < names.buf + names.len;
	    p += strlen(p) + 1) {
		rel = *srel ? hp_strfmt("%s/%s", srel, p) : hp_strdup(p);
		host = sub = NULL;
		if (hp_jail_resolve(c->src, rel, &host, &st, e) == -1) {
			/* A link leading nowhere inside is not carried. */
			hp_warn(c->w, "%s; not carried", e->msg);
			hp_error_clear(e);
		} else if (S_ISDIR(st.st_mode)) {
			r = sub_dir(c->t, c->pl->j, drel, p, &sub, e);
			if (r == 0)
				r = carry_dir(c, rel, sub, depth + 1, e);
		} else if (S_ISREG(st.st_mode) &&
		    !written_anyway(srel, p, depth))
			r = carry_file(c, host, drel, p, e);
		free(rel);
		free(host);
		free(sub);
	}
	hp_buf_release(&names);
	return r;
}

/*
 * The GPO at from: every file of its folder (a backup's DomainSysvol/GPO)
 * but the Registry.pol files and gpt.ini, which the write makes, staged
 * into pl's place byte for byte.  A backup's own files are not the GPO's:
 * a warning names them unless the destination is a backup too.
 */
static int
carry(struct hp_txn *t, const struct place *pl, const char *from,
    struct hp_warnings *w, struct hp_error *e)
{
	static const char *const image[] = { "Windows", "System32",
	    "GroupPolicy" };
	struct carry c = { t, pl, NULL, 0, w };
	char *local = NULL, *sysrel = NULL, *xml = NULL;
	const char *base;
	int r, b = 0;

	if (hp_jail_open(from, &c.src, e) == -1)
		return -1;
	/* The GPO hp_gpo_locate reads: an image's local one, a backup's. */
	r = hp_jail_find(c.src, "", image, 3, S_IFDIR, &local, NULL, e);
	base = local != NULL ? local : "";
	if (r == 0)
		r = b = backup_base(c.src, base, &sysrel, &xml, e);
	if (b == 1 && !pl->backup)
		hp_warn(w, "%s: Backup.xml, bkupInfo.xml and gpreport.xml "
		    "describe the backup, not the GPO: not written", from);
	if (r != -1 && (b == 0 || sysrel != NULL))
		r = carry_dir(&c, b ? sysrel : base, pl->base, 0, e);
	free(local);
	free(sysrel);
	free(xml);
	hp_jail_close(c.src);
	return r == -1 ? -1 : 0;
}

/* The security template's entries a write sets. */
struct secsets {
	const struct hp_gpo_secset	*v;
	size_t				 n;
};

/*
 * GptTmpl.inf with the entries of sec set, staged if that changes it
 * (its folders made if missing); *rel its path inside the GPO folder.
 */
static int
stage_secedit(struct hp_txn *t, const struct place *pl,
    const struct hp_gpo *g, const struct secsets *sec, int *changed,
    char **rel, struct hp_error *e)
{
	static const char *const dirs[] = { "Machine", "Microsoft",
	    "Windows NT", "SecEdit" };
	static const char *const name = "GptTmpl.inf";
	struct hp_buf bytes = HP_BUF_INIT;
	char *cur, *next = NULL, *host = NULL, *path = NULL;
	size_t i;
	long n;
	int r = 0;

	*changed = 0;
	if (sec->n == 0)
		return 0;
	if ((n = hp_gpo_secedit_edit(g->gpttmpl, sec->v, sec->n, &bytes, NULL,
	    e)) <= 0) {
		hp_buf_release(&bytes);
		return (int)n;
	}
	*changed = 1;
	cur = hp_strdup(pl->base);
	for (i = 0; r == 0 && i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		r = sub_dir(t, pl->j, cur, dirs[i], &next, e);
		free(cur);
		cur = next;
		next = NULL;
	}
	if (r == 0)
		r = hp_jail_find(pl->j, cur, &name, 1, S_IFREG, rel, NULL, e);
	if (r == 0 && *rel == NULL)
		*rel = path_join(cur, name);
	if (r == 0)
		r = host_of(pl->j, cur, &host, e);
	if (r == 0) {
		path = path_join(host, strrchr(*rel, '/') + 1);
		r = check_new_name(pl->j, path, e);
	}
	if (r == 0)
		r = hp_txn_put(t, path, bytes.buf, bytes.len, e);
	free(cur);
	free(host);
	free(path);
	hp_buf_release(&bytes);
	return r;
}

/* The sides' files, GptTmpl.inf and gpt.ini, and a backup's Backup.xml. */
static int
stage_files(struct hp_txn *t, const struct place *pl, const struct hp_gpo *g,
    const struct hp_buf bytes[2], const int any[2], const struct secsets *sec,
    int ch[3], struct hp_warnings *w, struct hp_error *e)
{
	static const char *const subs[2] = { "Machine", "User" };
	const char *const cur[2] = { g->machine_pol, g->user_pol };
	char *rel[3] = { NULL, NULL, NULL };
	int r = 0, s;

	/* The .pol files first (renamed first): a gpt.ini ahead would lie. */
	for (s = 0; s < 2 && r == 0; s++)
		if (any[s])
			r = stage_side(t, pl, subs[s], cur[s], &bytes[s],
			    &ch[s], &rel[s], e);
	if (r == 0)
		r = stage_secedit(t, pl, g, sec, &ch[2], &rel[2], e);
	/* A backup gets no gpt.ini of its own: GPMC's have none. */
	if (r == 0 && (ch[0] || ch[1] || ch[2] || (g->gptini == NULL &&
	    !pl->backup)) && (g->gptini != NULL || !pl->backup))
		r = stage_gptini(t, pl->j, g, ch[0] | (ch[2] ?
		    HP_GPO_CH_SECURITY : 0), ch[1], e);
	if (r == 0 && pl->backup && (ch[0] || ch[1] || ch[2]))
		r = hp_gpmc_backup_stage(t, g->backup_xml, g->dir,
		    (const char *const *)rel, ch[2] ? rel[2] : NULL, w, e);
	for (s = 0; s < 3; s++)
		free(rel[s]);
	return r;
}

static int
gpo_stage(struct hp_txn *t, const char *dir, const struct hp_patch *p,
    const struct secsets *sec, int fresh, const char *from, int *changed,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_buf bytes[2] = { HP_BUF_INIT, HP_BUF_INIT };
	struct place pl = { NULL, NULL, NULL, 0 };
	struct hp_gpo g;
	int any[2] = { 0, 0 }, ch[3] = { 0, 0, 0 }, r;

	*changed = 0;
	memset(&g, 0, sizeof(g));
	r = check_roots(p, e);
	if (r == 0)
		r = hp_gpo_side_bytes(p, HP_ROOT_HKLM, &bytes[0], &any[0], e);
	if (r == 0)
		r = hp_gpo_side_bytes(p, HP_ROOT_HKCU, &bytes[1], &any[1], e);
	if (r == 0)
		r = hp_txn_mkdir(t, dir, e);
	if (r == 0)
		r = hp_jail_open(dir, &pl.j, e);
	/* A fresh GPO ignores what is there: all its files, version 1. */
	if (r == 0)
		r = gpo_current(t, dir, fresh, &pl, &g, e);
	if (r == 0)
		r = stage_files(t, &pl, &g, bytes, any, sec, ch, w, e);
	if (r == 0 && from != NULL)
		r = carry(t, &pl, from, w, e);
	*changed = r == 0 && (ch[0] || ch[1] || ch[2]);
	hp_gpo_free(&g);
	hp_jail_close(pl.j);
	free(pl.base);
	hp_buf_release(&bytes[0]);
	hp_buf_release(&bytes[1]);
	return r;
}

int
hp_gpo_stage(struct hp_txn *t, const char *dir, const struct hp_patch *p,
    int fresh, const char *from, int *changed, struct hp_warnings *w,
    struct hp_error *e)
{
	const struct secsets none = { NULL, 0 };

	return gpo_stage(t, dir, p, &none, fresh, from, changed, w, e);
}

/* The files of a GPO written in one transaction. */
static int
gpo_write(const char *dir, const struct hp_patch *p,
    const struct secsets *sec, const char *from, int *changed,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_txn *t;
	int ch, r;

	if (changed != NULL)
		*changed = 0;
	if (hp_txn_begin(&t, e) == -1)
		return -1;
	r = gpo_stage(t, dir, p, sec, 0, from, &ch, w, e);
	if (r == 0)
		r = hp_txn_commit(t, w, e);
	hp_txn_free(t);
	if (changed != NULL)
		*changed = r == 0 && ch;
	return r;
}

int
hp_gpo_write_from(const char *dir, const struct hp_patch *p,
    const char *from, int *changed, struct hp_warnings *w,
    struct hp_error *e)
{
	const struct secsets none = { NULL, 0 };

	return gpo_write(dir, p, &none, from, changed, w, e);
}

int
hp_gpo_write(const char *dir, const struct hp_patch *p, int *changed,
    struct hp_warnings *w, struct hp_error *e)
{
	return hp_gpo_write_from(dir, p, NULL, changed, w, e);
}

int
hp_gpo_write_sec(const char *dir, const struct hp_patch *p,
    const struct hp_gpo_secset *sec, size_t nsec, int *changed,
    struct hp_warnings *w, struct hp_error *e)
{
	const struct secsets s = { sec, nsec };

	return gpo_write(dir, p, &s, NULL, changed, w, e);
}
