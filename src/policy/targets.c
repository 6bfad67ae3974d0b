/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/jail.h"
#include "core/text.h"
#include "image/container.h"
#include "policy/policy.h"
#include "policy/targets.h"

/* Views are rebuilt whenever the arrays move; names for people stay. */
static void
refresh_views(struct hp_targets *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		hp_source_view(t->src[i], &t->views[i]);
		if (t->only[i] != HP_ROOT_NONE)
			t->views[i].mount.root = t->only[i];
		if (t->shown[i] != NULL)
			t->views[i].source = t->shown[i];
	}
}

int
hp_targets_add(struct hp_targets *t, const char *path,
    const struct hp_source_opts *o, struct hp_warnings *w,
    struct hp_error *e)
{
	struct hp_source *s;
	enum hp_root only = HP_ROOT_NONE;

	if (hp_source_open(path, o, &s, w, e) == -1)
		return -1;
	/* Cannot fail: opening the file found its class. */
	if (s->format == HP_FMT_POL)
		hp_pol_root(path, o, &only, NULL, NULL);
	HP_ALLOC_GROW(t->src, t->n + 1, t->srccap);
	HP_ALLOC_GROW(t->views, t->n + 1, t->viewcap);
	HP_ALLOC_GROW(t->only, t->n + 1, t->onlycap);
	HP_ALLOC_GROW(t->shown, t->n + 1, t->showncap);
	t->only[t->n] = only;
	t->shown[t->n] = NULL;
	t->src[t->n++] = s;
	refresh_views(t);
	return 0;
}

unsigned
hp_targets_need_key(const struct hp_path *k)
{
	if (k->root == HP_ROOT_HKCU)
		return HP_NEED_USER;
	if (k->root != HP_ROOT_HKLM || k->n == 0)
		return 0;
	return hp_name_eq(k->comps[0], "SOFTWARE") ? HP_NEED_SOFTWARE :
	    hp_name_eq(k->comps[0], "SYSTEM") ? HP_NEED_SYSTEM : 0;
}

unsigned
hp_targets_need(const struct hp_policy *pol)
{
	unsigned need = 0;
	size_t i;

	for (i = 0; i < pol->nsettings; i++)
		need |= hp_targets_need_key(&pol->settings[i].key);
	/* A policy with nothing an image holds still finds the image. */
	return need != 0 ? need : HP_NEED_SOFTWARE;
}

/*
 * One image being added: its jail (a folder) or its container (a file),
 * and where its targets go.
 */
struct image {
	struct hp_targets		*t;
	const struct hp_jail		*j;
	struct hp_container		*box;
	const struct hp_source_opts	*o;
	struct hp_warnings		*w;
	struct hp_error			*e;
};

static int
find(const struct image *im, const char *dir, const char *const *names,
    size_t n, mode_t type, char **out)
{
	if (im->box != NULL)
		return hp_container_find(im->box, dir, names, n, type, out,
		    im->w, im->e);
	return hp_jail_find(im->j, dir, names, n, type, out, im->w, im->e);
}

/* Each folder is looked up once, so a bad link in it warns once. */
static int
find_dir(const struct image *im, const char *dir, const char *name,
    char **out)
{
	return find(im, dir, &name, 1, S_IFDIR, out);
}

/*
 * The host path of file dir/names... inside the image, or NULL: resolved
 * inside the jail (so libhivex, the lock and the writer see no link of
 * the image), or staged out of the container (*rel: its path there).
 */
static int
host_of(const struct image *im, const char *dir, const char *const *names,
    size_t n, char **host, char **rel)
{
	*rel = NULL;
	if (im->box == NULL)
		return hp_jail_find_host(im->j, dir, names, n, S_IFREG, host,
		    im->w, im->e);
	*host = NULL;
	if (find(im, dir, names, n, S_IFREG, rel) == -1)
		return -1;
	return *rel != NULL ? hp_container_stage(im->box, *rel, host,
	    im->e) : 0;
}

/* A target from the image, named after its place there. */
static int
add_file(const struct image *im, const char *dir, const char *const *names,
    size_t n, const struct hp_source_opts *o)
{
	char *host = NULL, *rel = NULL;
	int r;

	r = host_of(im, dir, names, n, &host, &rel);
	if (r == 0 && host != NULL &&
	    (r = hp_targets_add(im->t, host, o, im->w, im->e)) == -1 &&
	    rel != NULL)
		hp_error_prefix(im->e, "%s/%s", im->box->spec, rel);
	if (r == 0 && host != NULL && rel != NULL)
		im->t->shown[im->t->n - 1] = hp_strfmt("%s/%s", im->box->spec,
		    rel);
	refresh_views(im->t);
	free(host);
	free(rel);
	return r;
}

/*
 * A container hive's logs are staged beside it before it is opened, so a
 * dirty hive is read recovered (docs/dirty-hives.md).  Logs are only read.
 */
static int
stage_logs(const struct image *im, const char *dir, const char *const *names,
    size_t n)
{
	static const char *const ext[] = { ".LOG", ".LOG1", ".LOG2" };
	const char **log = hp_calloc(n, sizeof(*log));
	char *rel, *host;
	size_t i;
	int r = 0;

	memcpy(log, names, n * sizeof(*log));
	for (i = 0; i < 3 && r == 0; i++) {
		char *name = hp_strfmt("%s%s", names[n - 1], ext[i]);

		log[n - 1] = name;
		rel = NULL;
		r = find(im, dir, log, n, S_IFREG, &rel);
		if (r == 0 && rel != NULL &&
		    (r = hp_container_stage(im->box, rel, &host, im->e)) == 0)
			free(host);
		free(rel);
		free(name);
	}
	free(log);
	return r;
}

/* The hive at dir/names... inside the image, if it is there. */
static int
add_hive(const struct image *im, const char *dir, const char *const *names,
    size_t n, const char *mount)
{
	struct hp_source_opts mo = *im->o;

	if (im->box != NULL && stage_logs(im, dir, names, n) == -1)
		return -1;
	/* The image layout says what each hive serves. */
	mo.mount = mount;
	return add_file(im, dir, names, n, &mo);
}

/* A container's hives are staged only when the policy reaches them. */
static int
needed(const struct image *im, unsigned what)
{
	return im->box == NULL || im->t->need == 0 || (im->t->need & what);
}

/* Users/Default/NTUSER.DAT, or every profile's with all_users. */
static int
add_profiles(const struct image *im, int all_users)
{
	struct hp_buf names = HP_BUF_INIT;
	const char *p;
	char *users;
	int r;

	if (!needed(im, HP_NEED_USER))
		return 0;
	if (find_dir(im, "", "Users", &users) == -1)
		return -1;
	if (users == NULL)
		return 0;
	r = im->box != NULL ? im->box->ops->list(im->box, users, &names,
	    im->e) : hp_jail_list(im->j, users, &names, im->e);
	for (p = names.buf; r == 0 && p < names.buf + names.len;
	    p += strlen(p) + 1) {
		size_t before = im->t->n;

		if (p[0] == '.')
			continue;
		if (!all_users && strcasecmp(p, "Default") != 0) {
			hp_buf_add(&im->t->profiles_skipped, p, strlen(p) + 1);
			continue;
		}
		r = add_hive(im, users, (const char *const[]){ p,
		    "NTUSER.DAT" }, 2, "HKCU");
		if (r == 0 && im->t->n > before)
			hp_buf_add(&im->t->profiles_checked, p, strlen(p) + 1);
	}
	hp_buf_release(&names);
	free(users);
	return r;
}

/* System32/config/SOFTWARE and SYSTEM: what HKLM is made of. */
static int
add_machine(const struct image *im, const char *sys32)
{
	static const char *const sw[] = { "SOFTWARE" };
	static const char *const sys[] = { "SYSTEM" };
	char *cfg;
	int r;

	if (find_dir(im, sys32, "config", &cfg) == -1)
		return -1;
	if (cfg == NULL)
		return 0;
	r = needed(im, HP_NEED_SOFTWARE) ? add_hive(im, cfg, sw, 1,
	    "HKLM\\SOFTWARE") : 0;
	if (r == 0 && needed(im, HP_NEED_SYSTEM))
		r = add_hive(im, cfg, sys, 1, "HKLM\\SYSTEM");
	free(cfg);
	return r;
}

/* A container's GPO: its Registry.pol files, each staged alone. */
static int
add_box_gpo(const struct image *im, const char *dir)
{
	static const char *const mp[] = { "Machine", "Registry.pol" };
	static const char *const up[] = { "User", "Registry.pol" };
	struct hp_source_opts go = *im->o;
	int r;

	go.write = 0;
	go.pol_root = HP_ROOT_HKLM;
	r = add_file(im, dir, mp, 2, &go);
	go.pol_root = HP_ROOT_HKCU;
	return r == 0 ? add_file(im, dir, up, 2, &go) : -1;
}

/* System32/GroupPolicy, read only, when it sets something. */
static int
add_gpo(const struct image *im, const char *sys32)
{
	static const char *const mp[] = { "Machine", "Registry.pol" };
	static const char *const up[] = { "User", "Registry.pol" };
	struct hp_source_opts go = *im->o;
	char *dir, *host = NULL, *m = NULL, *u = NULL;
	int r;

	if (find_dir(im, sys32, "GroupPolicy", &dir) == -1)
		return -1;
	if (dir == NULL || im->box != NULL) {
		r = dir != NULL ? add_box_gpo(im, dir) : 0;
		free(dir);
		return r;
	}
	r = hp_jail_find(im->j, dir, mp, 2, S_IFREG, &m, im->w, im->e);
	if (r == 0)
		r = hp_jail_find(im->j, dir, up, 2, S_IFREG, &u, im->w, im->e);
	if (r == 0 && (m != NULL || u != NULL))
		r = hp_jail_resolve(im->j, dir, &host, NULL, im->e);
	go.write = 0;
	if (r == 0 && host != NULL)
		r = hp_targets_add(im->t, host, &go, im->w, im->e);
	free(dir);
	free(host);
	free(m);
	free(u);
	return r;
}

int
hp_targets_add_image(struct hp_targets *t, const char *dir, int all_users,
    const struct hp_source_opts *o, struct hp_warnings *w,
    struct hp_error *e)
{
	static const char *const sys32[] = { "Windows", "System32" };
	struct image im = { t, NULL, NULL, o, w, e };
	struct hp_jail *j = NULL;
	size_t before = t->n;
	char *sys;
	int r;

	if (t->box != NULL)
		HP_BUG("one container per set of targets");
	if (hp_container_open(dir, o->write && !t->dry_run, &t->box, e) == -1)
		return -1;
	im.box = t->box;
	/* The image is untrusted: its links must not reach the host. */
	if (im.box == NULL && hp_jail_open(dir, &j, e) == -1)
		return -1;
	im.j = j;
	r = find(&im, "", sys32, 2, S_IFDIR, &sys);
	if (r == 0 && sys != NULL)
		r = add_machine(&im, sys);
	if (r == 0)
		r = add_profiles(&im, all_users);
	if (r == 0 && sys != NULL)
		r = add_gpo(&im, sys);
	free(sys);
	hp_jail_close(j);
	if (r == 0 && t->n == before)
		r = hp_error_set(e, HP_E_INPUT, "%s: no Windows hives found "
		    "(looked for Windows/System32/config/SOFTWARE, SYSTEM and "
		    "Users/%s/NTUSER.DAT)", dir, all_users ? "*" : "Default");
	return r;
}

/* Closes every source, so their memory is gone before a container write. */
static void
close_sources(struct hp_targets *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		hp_source_close(t->src[i]);
		t->src[i] = NULL;
	}
}

int
hp_targets_commit(struct hp_targets *t, struct hp_error *e)
{
	if (t->box == NULL)
		return 0;
	close_sources(t);
	return hp_container_commit(t->box, e);
}

void
hp_targets_free(struct hp_targets *t)
{
	size_t i;

	close_sources(t);
	for (i = 0; i < t->n; i++)
		free(t->shown[i]);
	/* The staged hives are closed: now their folder can go. */
	hp_container_close(t->box);
	free(t->shown);
	free(t->src);
	free(t->views);
	free(t->only);
	hp_buf_release(&t->profiles_checked);
	hp_buf_release(&t->profiles_skipped);
	memset(t, 0, sizeof(*t));
}
