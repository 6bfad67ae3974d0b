/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Bundles (see bundle.h): the desired state of a policy, and the files
 * that carry it.  Every file is produced in memory by the format's own
 * writer, written into a temporary folder beside the destination, and
 * only then moved into place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "policy/bundle.h"
#include "policy/check.h"
#include "core/error.h"
#include "formats/gpmc_backup.h"
#include "formats/gpo.h"
#include "formats/regfile.h"
#include "core/text.h"
#include "core/tree.h"
#include "core/txn.h"
#include "templates/adm.h"
#include "templates/admx.h"
#include "templates/template.h"

struct keyed {
	const struct hp_op	*op;
	size_t			 idx;
};

/* By key, then in the order the policy gave the settings. */
static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c;

	if ((c = hp_path_cmp(&x->op->key, &y->op->key)) != 0)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

int
hp_bundle_patch(const struct hp_policy *pol, struct hp_patch *out,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_patch plan = HP_PATCH_INIT;
	struct keyed *k = NULL;
	struct hp_tree t;
	struct hp_view v;
	size_t i;
	int r = -1;

	hp_tree_init(&t, NULL);
	hp_tree_view(&t, &v, "bundle");
	if (hp_check_plan(pol, &v, &plan, w, e) == -1)
		goto out;
	/* Absent is compliant, but a deployed file must also remove it. */
	for (i = 0; i < pol->nsettings; i++) {
		const struct hp_setting *s = &pol->settings[i];

		if (s->presence == HP_PRESENCE_FORBIDDEN)
			hp_patch_add(&plan, HP_OP_DELETE_VALUE, &s->key,
			    s->value, NULL, (unsigned long)s->loc.line);
	}
	k = hp_calloc(plan.n + 1, sizeof(*k));
	for (i = 0; i < plan.n; i++) {
		k[i].op = &plan.ops[i];
		k[i].idx = i;
	}
	if (plan.n > 0)
		qsort(k, plan.n, sizeof(*k), keyed_cmp);
	for (i = 0; i < plan.n; i++)
		hp_patch_add(out, k[i].op->kind, &k[i].op->key, k[i].op->name,
		    &k[i].op->value, k[i].op->line);
	r = 0;
out:
	free(k);
	hp_patch_free(&plan);
	hp_tree_free(&t);
	return r;
}

/* The files of a bundle, relative to its folder, in the order staged. */
struct files {
	struct hp_txn	*t;
	const char	*dir;		/* the bundle folder */
	char		**rel;
	size_t		 n, cap;
};

#define REL_MAX	512

/* A file name made from the bundle's name; a cut one would be another file. */
static int
rel_name(char rel[REL_MAX], const char *prefix, const char *name,
    const char *suffix, struct hp_error *e)
{
	if ((size_t)snprintf(rel, REL_MAX, "%s%s%s", prefix, name, suffix) >=
	    REL_MAX)
		return hp_error_set(e, HP_E_INPUT, "%s: name too long", name);
	return 0;
}

/* Lists rel, and makes its folder unless it is the bundle's own. */
static int
add_rel(struct files *f, const char *rel, struct hp_error *e)
{
	const char *slash = strrchr(rel, '/');
	char path[4096];

	HP_ALLOC_GROW(f->rel, f->n + 1, f->cap);
	f->rel[f->n++] = hp_strdup(rel);
	if (slash == NULL)
		return 0;
	if ((size_t)snprintf(path, sizeof(path), "%s/%.*s", f->dir,
	    (int)(slash - rel), rel) >= sizeof(path))
		return hp_error_set(e, HP_E_INPUT, "%s/%s: name too long",
		    f->dir, rel);
	return hp_txn_mkdir(f->t, path, e);
}

static int
put(struct files *f, const char *rel, const void *data, size_t len,
    struct hp_error *e)
{
	char path[4096];

	if (add_rel(f, rel, e) == -1)
		return -1;
	/* A truncated name would be written as another file. */
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", f->dir, rel) >=
	    sizeof(path))
		return hp_error_set(e, HP_E_INPUT, "%s/%s: name too long",
		    f->dir, rel);
	return hp_txn_put(f->t, path, data, len, e);
}

static int
write_reg(struct files *f, const char *name, const struct hp_patch *p,
    enum hp_reg_dialect d, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_reg_write_opts ro = { d, NULL, NULL, NULL, 0 };
	struct hp_error re = HP_ERROR_INIT;
	struct hp_buf out = HP_BUF_INIT;
	char rel[REL_MAX];
	int r;

	if (rel_name(rel, "", name, d == HP_REG4 ? "-regedit4.reg" : ".reg",
	    e) == -1)
		return -1;
	if (hp_reg_write_patch(p, &ro, &out, &re) == -1) {
		hp_buf_release(&out);
		/* REGEDIT4 is 8-bit: text outside its code page is no loss. */
		if (d == HP_REG4 && re.kind != HP_E_IO) {
			hp_warn(w, "%s not written: %s", rel, re.msg);
			return 0;
		}
		*e = re;
		return -1;
	}
	r = put(f, rel, out.buf, out.len, e);
	hp_buf_release(&out);
	return r;
}

static int
write_templates(struct files *f, const char *name,
    const struct hp_policy *pol, const struct hp_patch *p,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_buf out = HP_BUF_INIT;
	struct hp_tmpl *t;
	char rel[REL_MAX];
	int r = -1;

	if ((t = hp_bundle_template(name, pol, p, w, e)) == NULL) {
		if (e->kind != HP_E_INPUT)
			return -1;
		/* The .reg files still carry the policy. */
		hp_warn(w, "%s; no templates written", e->msg);
		hp_error_clear(e);
		return 0;
	}
	if (rel_name(rel, "PolicyDefinitions/", name, ".admx", e) == -1 ||
	    hp_admx_write(t, &out, e) == -1 ||
	    put(f, rel, out.buf, out.len, e) == -1)
		goto out;
	hp_buf_reset(&out);
	if (rel_name(rel, "PolicyDefinitions/en-US/", name, ".adml", e) ==
	    -1 || hp_adml_write(t, NULL, &out, e) == -1 ||
	    put(f, rel, out.buf, out.len, e) == -1)
		goto out;
	hp_buf_reset(&out);
	if (rel_name(rel, "", name, ".adm", e) == -1 ||
	    hp_adm_write(t, NULL, &out, e) == -1 ||
	    put(f, rel, out.buf, out.len, e) == -1)
		goto out;
	r = 0;
out:
	hp_buf_release(&out);
	hp_tmpl_free(t);
	return r;
}

/* The operations a Group Policy object can carry: HKLM and HKCU ones. */
void
hp_bundle_gpo_patch(const struct hp_patch *p, struct hp_patch *out,
    struct hp_warnings *w)
{
	char *where;
	size_t i;

	for (i = 0; i < p->n; i++) {
		const struct hp_op *op = &p->ops[i];

		if (op->key.root != HP_ROOT_HKLM &&
		    op->key.root != HP_ROOT_HKCU) {
			where = hp_path_str(&op->key);
			hp_warn(w, "%s: Group Policy reaches HKLM and HKCU only; "
			    "left out of Registry.pol", where);
			free(where);
			continue;
		}
		hp_patch_add(out, op->kind, &op->key, op->name, &op->value,
		    op->line);
	}
}

/* 1 if op sets or deletes exactly the value that w writes. */
static int
superseded(const struct hp_op *op, const struct hp_op *w)
{
	if (op->kind != HP_OP_SET_VALUE && op->kind != HP_OP_SET_VALUE_SOFT &&
	    op->kind != HP_OP_DELETE_VALUE)
		return 0;
	return hp_path_eq(&op->key, &w->key) &&
	    hp_name_cmp(op->name, w->name) == 0;
}

void
hp_bundle_gpo_merge(const struct hp_patch *cur, const struct hp_patch *want,
    enum hp_root root, struct hp_patch *out)
{
	size_t i, j;

	for (i = 0; i < cur->n; i++) {
		const struct hp_op *op = &cur->ops[i];

		if (op->key.root != root)
			continue;
		for (j = 0; j < want->n; j++)
			if (superseded(op, &want->ops[j]))
				break;
		if (j < want->n)
			continue;
		hp_patch_add(out, op->kind, &op->key, op->name, &op->value,
		    op->line);
	}
	for (j = 0; j < want->n; j++) {
		const struct hp_op *op = &want->ops[j];

		if (op->key.root == root)
			hp_patch_add(out, op->kind, &op->key, op->name,
			    &op->value, op->line);
	}
}

/* GPMC/{BACKUP-ID}/file of the bundle. */
static int
put_backup(struct files *f, const struct hp_gpmc_new *n, const char *file,
    const struct hp_buf *b, struct hp_error *e)
{
	char rel[REL_MAX];

	snprintf(rel, sizeof(rel), "GPMC/%s/%s", n->id, file);
	return put(f, rel, b->buf, b->len, e);
}

/*
 * The same Registry.pol files as a GPMC backup folder,
 * GPMC/{BACKUP-ID}/, for GPMC's Import Settings or Import-GPO.
 */
static int
write_backup(struct files *f, const char *name, const struct hp_patch *g,
    struct hp_error *e)
{
	static const char *const sides[2] = { "Machine", "User" };
	static const enum hp_root roots[2] = { HP_ROOT_HKLM, HP_ROOT_HKCU };
	struct hp_buf bytes[2] = { HP_BUF_INIT, HP_BUF_INIT };
	struct hp_buf all = HP_BUF_INIT, xml = HP_BUF_INIT, info = HP_BUF_INIT;
	struct hp_gpmc_new n = { .name = name };
	char loc[2][64];
	int any, r = 0, s;

	for (s = 0; s < 2 && r == 0; s++) {
		r = hp_gpo_side_bytes(g, roots[s], &bytes[s], &any, e);
		snprintf(loc[s], sizeof(loc[s]), "DomainSysvol/GPO/%s/"
		    "registry.pol", sides[s]);
		n.loc[s] = any ? loc[s] : NULL;
		hp_buf_add(&all, bytes[s].buf, bytes[s].len);
	}
	hp_buf_adds(&all, name);
	hp_gpmc_backup_ids(all.buf, all.len, &n);
	hp_gpmc_backup_new(&n, &xml, &info);
	for (s = 0; s < 2 && r == 0; s++)
		if (n.loc[s] != NULL)
			r = put_backup(f, &n, loc[s], &bytes[s], e);
	if (r == 0)
		r = put_backup(f, &n, "Backup.xml", &xml, e);
	if (r == 0)
		r = put_backup(f, &n, "bkupInfo.xml", &info, e);
	for (s = 0; s < 2; s++)
		hp_buf_release(&bytes[s]);
	hp_buf_release(&all);
	hp_buf_release(&xml);
	hp_buf_release(&info);
	return r;
}

static int
write_gpo(struct files *f, const char *name, const struct hp_patch *p,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_patch g = HP_PATCH_INIT;
	int machine = 0, user = 0, changed, r = 0;
	size_t i;

	hp_bundle_gpo_patch(p, &g, w);
	for (i = 0; i < g.n; i++) {
		machine |= g.ops[i].key.root == HP_ROOT_HKLM;
		user |= g.ops[i].key.root == HP_ROOT_HKCU;
	}
	/* A side without operations has no file. */
	if (r == 0 && machine)
		r = add_rel(f, "Machine/Registry.pol", e);
	if (r == 0 && user)
		r = add_rel(f, "User/Registry.pol", e);
	if (r == 0 && g.n > 0)
		r = add_rel(f, "gpt.ini", e);
	if (r == 0 && g.n > 0)
		r = hp_gpo_stage(f->t, f->dir, &g, 1, NULL, &changed, w,
		    e);
	if (r == 0 && g.n > 0)
		r = write_backup(f, name, &g, e);
	hp_patch_free(&g);
	return r;
}

static int
has(const struct files *f, const char *rel)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->rel[i], rel) == 0)
			return 1;
	return 0;
}

/* The {GUID} of the bundle's GPMC backup, or NULL. */
static const char *
backup_id(const struct files *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strncmp(f->rel[i], "GPMC/{", 6) == 0)
			return f->rel[i] + 5;
	return NULL;
}

/* README.txt: what each file is for and how to deploy it. */
static int
write_readme(struct files *f, const char *name, const struct hp_policy *pol,
    int gpo, struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;
	char rel[REL_MAX];
	int r;

	hp_buf_addf(&b, "Bundle %s, made by hivepol bundle from %s.\r\n",
	    name, pol->path);
	if (pol->description != NULL)
		hp_buf_addf(&b, "%s\r\n", pol->description);
	hp_buf_adds(&b, "\r\nEvery file below carries the same settings: the "
	    "values the policy asks\r\nfor exactly, and the deletion of the "
	    "values it forbids.  Settings the\r\npolicy only bounds (a range or "
	    "a set of allowed values) are not in any\r\nfile; check machines "
	    "for those with: hivepol check -p POLICY.\r\n\r\n");
	if (rel_name(rel, "", name, ".reg", NULL) == 0 && has(f, rel))
		hp_buf_addf(&b, "%s\r\n  Registry editor file (Version 5.00, "
		    "UTF-16).  On one machine, as an\r\n  administrator: "
		    "reg import %s  (or double-click it).  Offline:\r\n"
		    "  hivepol import HIVE %s\r\n\r\n", rel, rel, rel);
	if (rel_name(rel, "", name, "-regedit4.reg", NULL) == 0 && has(f, rel))
		hp_buf_addf(&b, "%s\r\n  The same as REGEDIT4 (8-bit text), "
		    "for old regedit versions and\r\n  scripts that cannot "
		    "read UTF-16.\r\n\r\n", rel);
	if (gpo)
		hp_buf_adds(&b, "gpt.ini, Machine/Registry.pol, "
		    "User/Registry.pol\r\n  The registry part of a Group Policy "
		    "object (Machine: HKLM, User:\r\n  HKCU; a side the policy "
		    "does not touch has no file).  Copy them into\r\n  a GPO's "
		    "folder on SYSVOL, or into Windows\\System32\\GroupPolicy "
		    "for\r\n  the local policy, keeping the folders, then run "
		    "gpupdate /force.\r\n  Copying replaces the GPO's own "
		    "Registry.pol: merge first if it has\r\n  other settings "
		    "(hivepol apply -p POLICY --to-gpo DIR does that).\r\n"
		    "\r\n");
	if (backup_id(f) != NULL)
		hp_buf_addf(&b, "GPMC/%.38s/\r\n  The same registry.pol files as "
		    "a GPMC backup of a GPO named %s.\r\n  In the Group Policy "
		    "Management Console: right-click a GPO, Import\r\n  "
		    "Settings, and choose the GPMC folder; or in PowerShell:\r\n"
		    "  Import-GPO -Path GPMC -BackupId %.38s -TargetName NAME "
		    "-CreateIfNeeded\r\n\r\n", backup_id(f), name,
		    backup_id(f));
	/* The templates: all three files, or none. */
	if (rel_name(rel, "", name, ".adm", NULL) == 0 && has(f, rel)) {
		hp_buf_addf(&b, "PolicyDefinitions/%s.admx, "
		    "PolicyDefinitions/en-US/%s.adml\r\n  An administrative "
		    "template: one policy per registry key, whose\r\n  Enabled "
		    "state writes exactly the values above.  Copy both files, "
		    "keeping\r\n  the en-US folder, into the central store "
		    "(\\\\DOMAIN\\SYSVOL\\DOMAIN\\Policies\\\r\n"
		    "  PolicyDefinitions) or C:\\Windows\\PolicyDefinitions, "
		    "then enable the\r\n  policies in the category \"%s\" "
		    "of the Group Policy editor.\r\n\r\n", name, name,
		    pol->description ? pol->description : name);
		hp_buf_addf(&b, "%s\r\n  The same template in the old ADM "
		    "format, for editors older than\r\n  Windows Vista: add "
		    "it with Administrative Templates > Add/Remove\r\n  "
		    "Templates.\r\n\r\n", rel);
	}
	hp_buf_adds(&b, "README.txt\r\n  This file.\r\n");
	r = put(f, "README.txt", b.buf, b.len, e);
	hp_buf_release(&b);
	return r;
}

/*
 * The name goes into XML (Backup.xml, bkupInfo.xml, the ADMX files),
 * which holds UTF-8 text but no control character, not even in CDATA.
 */
static int
xml_name_ok(const char *name)
{
	const unsigned char *p;

	for (p = (const unsigned char *)name; *p != '\0'; p++)
		if (*p < 0x20)
			return 0;
	return hp_text_valid_utf8(name, strlen(name));
}

int
hp_bundle_write(const struct hp_policy *pol, const char *name,
    const char *dir, struct hp_buf *made, struct hp_warnings *w,
    struct hp_error *e)
{
	struct hp_patch p = HP_PATCH_INIT;
	struct files f;
	struct stat st;
	char *d = NULL;
	size_t i, len;
	int r = -1;

	memset(&f, 0, sizeof(f));
	if (!xml_name_ok(name))
		return hp_error_set(e, HP_E_INPUT, "the bundle's name is not "
		    "UTF-8 text free of control characters, as its XML files "
		    "need (give another with --name)");
	if (hp_bundle_patch(pol, &p, w, e) == -1)
		goto out;
	if (p.n == 0) {
		hp_error_set(e, HP_E_INPUT, "%s: no setting has exact data "
		    "to bundle", pol->path);
		goto out;
	}
	d = hp_strdup(dir);
	for (len = strlen(d); len > 1 && d[len - 1] == '/'; len--)
		d[len - 1] = '\0';
	if (stat(d, &st) == 0 && !S_ISDIR(st.st_mode)) {
		hp_error_set(e, HP_E_INPUT, "%s: not a folder", dir);
		goto out;
	}
	/* One transaction: every file is in place, or none changed. */
	f.dir = d;
	if (hp_txn_begin(&f.t, e) == -1 || hp_txn_mkdir(f.t, d, e) == -1 ||
	    write_reg(&f, name, &p, HP_REG5, w, e) == -1 ||
	    write_reg(&f, name, &p, HP_REG4, w, e) == -1 ||
	    write_gpo(&f, name, &p, w, e) == -1 ||
	    write_templates(&f, name, pol, &p, w, e) == -1 ||
	    write_readme(&f, name, pol, has(&f, "gpt.ini"), e) == -1 ||
	    hp_txn_commit(f.t, w, e) == -1)
		goto out;
	for (i = 0; made != NULL && i < f.n; i++)
		hp_buf_addf(made, "%s\n", f.rel[i]);
	r = 0;
out:
	hp_txn_free(f.t);
	for (i = 0; i < f.n; i++)
		free(f.rel[i]);
	free(f.rel);
	free(d);
	hp_patch_free(&p);
	return r;
}
