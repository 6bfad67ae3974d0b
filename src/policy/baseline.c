/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Baselines (baseline.h): a GPO's settings read into a list, its
 * registry settings made a policy, and check --baseline's named settings.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "core/limits.h"
#include "formats/gpmc_backup.h"
#include "formats/gpo.h"
#include "formats/polfile.h"
#include "formats/source.h"
#include "policy/baseline.h"

static struct hp_bl_item *
item_new(struct hp_baseline *bl, enum hp_bl_kind kind, const char *file,
    unsigned long line)
{
	struct hp_bl_item *it;

	HP_ALLOC_GROW(bl->v, bl->n + 1, bl->cap);
	it = &bl->v[bl->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->file = hp_strdup(file);
	it->line = line;
	return it;
}

static void
item_free(struct hp_bl_item *it)
{
	free(it->name);
	free(it->file);
	hp_path_free(&it->key);
	free(it->value);
	hp_value_free(&it->data);
	free(it->setting);
	free(it->text);
	free(it->host);
}

void
hp_baseline_free(struct hp_baseline *bl)
{
	size_t i;

	for (i = 0; i < bl->n; i++)
		item_free(&bl->v[i]);
	free(bl->v);
	free(bl->path);
	free(bl->title);
	memset(bl, 0, sizeof(*bl));
}

/* host, a path inside the folder dir, as a path relative to it. */
static const char *
inside(const char *dir, const char *host)
{
	size_t n = strlen(dir);

	if (strncmp(host, dir, n) == 0 && host[n] == '/')
		return host + n + 1;
	return host;
}

/* One Registry.pol operation as a setting; 0 if none can state it. */
static int
add_op(struct hp_baseline *bl, const struct hp_op *op, const char *file,
    struct hp_warnings *w)
{
	struct hp_bl_item *it;
	struct hp_buf b = HP_BUF_INIT;

	if (op->kind == HP_OP_CREATE_KEY)
		return 0;
	hp_path_format_short(&op->key, &b);
	if (op->kind == HP_OP_DELETE_VALUES || op->kind == HP_OP_DELETE_KEY) {
		hp_warn(w, "%s: entry %lu (%s %s) not part of the baseline: a "
		    "policy setting names one value", file, op->line,
		    hp_op_kind_name(op->kind), b.buf);
		hp_buf_release(&b);
		return 0;
	}
	it = item_new(bl, HP_BL_REGISTRY, file, op->line);
	hp_buf_addf(&b, "\\%s", *op->name ? op->name : "@");
	it->name = hp_buf_detach(&b, NULL);
	hp_path_copy(&it->key, &op->key);
	it->value = hp_strdup(op->name);
	it->forbidden = op->kind == HP_OP_DELETE_VALUE;
	it->any_data = op->kind == HP_OP_SET_VALUE_SOFT;
	if (!it->forbidden)
		hp_value_copy(&it->data, &op->value);
	return 0;
}

struct named {
	const char	*name;
	size_t		 i;
};

static int
named_cmp(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcasecmp(x->name, y->name);

	return c != 0 ? c : x->i < y->i ? -1 : x->i > y->i;
}

/*
 * A later entry for the same value replaces an earlier one, as applying
 * the file would (names compared without case, as the registry does).
 */
static void
drop_replaced(struct hp_baseline *bl, size_t from)
{
	struct named *v;
	char *gone;
	size_t i, k = from, n = bl->n - from;

	if (n < 2)
		return;
	v = hp_calloc(n, sizeof(*v));
	gone = hp_calloc(n, 1);
	for (i = 0; i < n; i++) {
		v[i].name = bl->v[from + i].name;
		v[i].i = i;
	}
	qsort(v, n, sizeof(*v), named_cmp);
	for (i = 0; i + 1 < n; i++)
		if (strcasecmp(v[i].name, v[i + 1].name) == 0)
			gone[v[i].i] = 1;
	for (i = 0; i < n; i++) {
		if (gone[i])
			item_free(&bl->v[from + i]);
		else
			bl->v[k++] = bl->v[from + i];
	}
	bl->n = k;
	free(v);
	free(gone);
}

static int
read_pol(struct hp_baseline *bl, const char *dir, const char *path,
    enum hp_root root, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_buf b = HP_BUF_INIT;
	const char *rel = inside(dir, path);
	size_t i, from = bl->n;
	int r;

	r = hp_file_read(path, HP_MAX_INPUT_SIZE, &b, e);
	if (r == 0)
		r = hp_pol_parse(b.buf, b.len, path, root, &p, w, e);
	for (i = 0; r == 0 && i < p.n; i++)
		r = add_op(bl, &p.ops[i], rel, w);
	if (r == 0)
		drop_replaced(bl, from);
	hp_patch_free(&p);
	hp_buf_release(&b);
	return r;
}

/* A settings file of a kind hivepol does not read: one named setting. */
static void
add_file(struct hp_baseline *bl, const char *dir, const char *path,
    const char *what)
{
	struct hp_bl_item *it;

	if (path == NULL)
		return;
	it = item_new(bl, HP_BL_FILE, inside(dir, path), 0);
	it->host = hp_strdup(path);
	it->name = hp_strdup(strrchr(path, '/') ? strrchr(path, '/') + 1 :
	    path);
	it->setting = hp_strdup(what);
	it->text = hp_strdup("every setting in the file");
}

/* The GPO's display name: Backup.xml's, else the folder's name. */
static int
read_title(struct hp_baseline *bl, const struct hp_gpo *g,
    struct hp_error *e)
{
	const char *base = strrchr(g->dir, '/');

	if (g->backup_xml != NULL && hp_gpmc_backup_field(g->backup_xml,
	    "DisplayName", &bl->title, e) == -1)
		return -1;
	if (bl->title == NULL || *bl->title == '\0') {
		free(bl->title);
		bl->title = hp_strdup(base != NULL && base[1] ? base + 1 :
		    g->dir);
	}
	return 0;
}

int
hp_baseline_read(const char *path, struct hp_baseline *bl,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_gpo g;
	int r;

	memset(bl, 0, sizeof(*bl));
	bl->path = hp_strdup(path);
	if (hp_gpo_locate(path, &g, e) == -1)
		return -1;
	r = read_title(bl, &g, e);
	if (r == 0 && g.machine_pol != NULL)
		r = read_pol(bl, g.dir, g.machine_pol, HP_ROOT_HKLM, w, e);
	if (r == 0 && g.user_pol != NULL)
		r = read_pol(bl, g.dir, g.user_pol, HP_ROOT_HKCU, w, e);
	if (r == 0) {
		add_file(bl, g.dir, g.gpttmpl, "security template");
		add_file(bl, g.dir, g.audit_csv, "advanced audit policy");
	}
	hp_gpo_free(&g);
	return r;
}

/* The index of file in pol's files, added if new. */
static size_t
policy_file(struct hp_policy *pol, size_t *cap, const char *dir,
    const char *file)
{
	struct hp_buf b = HP_BUF_INIT;
	size_t i;

	hp_buf_addf(&b, "%s/%s", dir, file);
	for (i = 0; i < pol->nfiles; i++)
		if (strcmp(pol->files[i], b.buf) == 0) {
			hp_buf_release(&b);
			return i;
		}
	HP_ALLOC_GROW(pol->files, pol->nfiles + 1, *cap);
	pol->files[pol->nfiles] = hp_buf_detach(&b, NULL);
	return pol->nfiles++;
}

int
hp_baseline_policy(const struct hp_baseline *bl, struct hp_policy **out,
    struct hp_error *e)
{
	struct hp_policy *pol = hp_calloc(1, sizeof(*pol));
	const struct hp_bl_item *it;
	struct hp_setting *s;
	size_t i, f, cap = 0, fcap = 0;

	(void)e;
	pol->path = hp_strdup(bl->path);
	pol->description = hp_strfmt("baseline %s", bl->title);
	for (i = 0; i < bl->n; i++) {
		it = &bl->v[i];
		if (it->kind != HP_BL_REGISTRY)
			continue;
		HP_ALLOC_GROW(pol->settings, pol->nsettings + 1, cap);
		s = &pol->settings[pol->nsettings++];
		memset(s, 0, sizeof(*s));
		s->name = hp_strdup(it->name);
		f = policy_file(pol, &fcap, bl->path, it->file);
		s->loc.file = pol->files[f];
		s->loc.line = (int)it->line;
		hp_path_copy(&s->key, &it->key);
		s->value = hp_strdup(it->value);
		s->presence = it->forbidden ? HP_PRESENCE_FORBIDDEN :
		    HP_PRESENCE_REQUIRED;
		s->severity = HP_SEV_ERROR;
		s->has_type = !it->forbidden;
		s->type = it->data.type;
		s->has_data = !it->forbidden && !it->any_data;
		if (s->has_data)
			hp_value_copy(&s->data, &it->data);
		s->source = hp_strfmt("%s: %s", bl->title, it->file);
	}
	*out = pol;
	return 0;
}

/* A finding of a named setting or file of bl. */
static struct hp_finding *
named_finding(struct hp_check_result *res, const struct hp_baseline *bl,
    const struct hp_bl_item *it, enum hp_status st, const char *target,
    const char *actual, const char *msg)
{
	struct hp_finding *f;

	f = hp_check_add_finding(res, st, HP_SEV_ERROR, target);
	f->check = it->name;
	f->source = bl->title;
	f->loc.file = it->file;
	f->loc.line = (int)it->line;
	f->path = hp_strfmt("%s (%s)", it->file, it->setting);
	f->expected = hp_strdup(it->text);
	f->actual = hp_strdup(actual);
	f->message = hp_strdup(msg);
	return f;
}

/* 1 if the files at a and b hold the same bytes, 0 if not, -1. */
static int
same_bytes(const char *a, const char *b, struct hp_error *e)
{
	struct hp_buf x = HP_BUF_INIT, y = HP_BUF_INIT;
	int r;

	r = hp_file_read(a, HP_MAX_INPUT_SIZE, &x, e);
	if (r == 0)
		r = hp_file_read(b, HP_MAX_INPUT_SIZE, &y, e);
	if (r == 0)
		r = x.len == y.len && memcmp(x.buf, y.buf, x.len) == 0;
	hp_buf_release(&x);
	hp_buf_release(&y);
	return r;
}

/*
 * A settings file of bl in a GPO target: the same bytes hold every
 * setting (compliant), none is missing them all; other bytes cannot be
 * compared setting by setting yet.  0 if v is no GPO folder.
 */
static int
file_in_view(struct hp_check_result *res, const struct hp_baseline *bl,
    const struct hp_bl_item *it, const struct hp_view *v,
    struct hp_error *e)
{
	struct hp_error none = HP_ERROR_INIT;
	struct hp_gpo g;
	const char *mine;
	int r = 1;

	if (hp_format_detect(v->source) != HP_FMT_GPO ||
	    hp_gpo_locate(v->source, &g, &none) == -1)
		return 0;
	mine = strcasecmp(it->name, "GptTmpl.inf") == 0 ? g.gpttmpl :
	    g.audit_csv;
	if (mine == NULL)
		named_finding(res, bl, it, HP_ST_MISSING, v->source, "absent",
		    "the GPO has no such file");
	else if ((r = same_bytes(it->host, mine, e)) == 1)
		named_finding(res, bl, it, HP_ST_COMPLIANT, v->source,
		    "the same file", "the same file, byte for byte");
	else if (r == 0)
		named_finding(res, bl, it, HP_ST_NOT_COVERED, v->source,
		    "another file", "the file differs; its settings are not "
		    "compared one by one");
	hp_gpo_free(&g);
	return r == -1 ? -1 : 1;
}

int
hp_baseline_check(const struct hp_baseline *bl, const struct hp_policy *pol,
    const struct hp_view *views, size_t nviews, struct hp_check_result *res,
    struct hp_error *e)
{
	const struct hp_bl_item *it;
	struct hp_finding *f;
	size_t i, j;
	int seen, r;

	if (hp_check_run(pol, views, nviews, res, e) == -1)
		return -1;
	for (i = 0; i < bl->n; i++) {
		it = &bl->v[i];
		if (it->kind == HP_BL_REGISTRY)
			continue;
		for (j = seen = 0; j < nviews; j++) {
			if ((r = file_in_view(res, bl, it, &views[j], e)) == -1)
				return -1;
			seen |= r;
		}
		if (seen)
			continue;
		/* Hives hold no such settings: hivepol reads neither SAM
		   nor SECURITY. */
		f = named_finding(res, bl, it, HP_ST_NOT_COVERED, NULL,
		    "not checked", "not held by any target given");
		f->needs = hp_strfmt("a GPO folder or backup with its %s",
		    it->name);
	}
	return 0;
}
