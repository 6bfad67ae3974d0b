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
#include "policy/targets.h"

int
hp_targets_add(struct hp_targets *t, const char *path,
    const struct hp_source_opts *o, struct hp_warnings *w,
    struct hp_error *e)
{
	struct hp_source *s;
	enum hp_root only = HP_ROOT_NONE;
	size_t i;

	if (hp_source_open(path, o, &s, w, e) == -1)
		return -1;
	/* Cannot fail: opening the file found its class. */
	if (s->format == HP_FMT_POL)
		hp_pol_root(path, o, &only, NULL, NULL);
	HP_ALLOC_GROW(t->src, t->n + 1, t->srccap);
	HP_ALLOC_GROW(t->views, t->n + 1, t->viewcap);
	HP_ALLOC_GROW(t->only, t->n + 1, t->onlycap);
	t->only[t->n] = only;
	t->src[t->n++] = s;
	/* Growing may have moved the views: rebuild them all. */
	for (i = 0; i < t->n; i++) {
		hp_source_view(t->src[i], &t->views[i]);
		if (t->only[i] != HP_ROOT_NONE)
			t->views[i].mount.root = t->only[i];
	}
	return 0;
}

/* One image being added: its jail and where its targets go. */
struct image {
	struct hp_targets		*t;
	const struct hp_jail		*j;
	const struct hp_source_opts	*o;
	struct hp_warnings		*w;
	struct hp_error			*e;
};

/* Each folder is looked up once, so a bad link in it warns once. */
static int
find_dir(const struct image *im, const char *dir, const char *name,
    char **out)
{
	return hp_jail_find(im->j, dir, &name, 1, S_IFDIR, out, im->w, im->e);
}

/*
 * The hive at dir/names... inside the image, if it is there: opened by
 * its resolved host path, so libhivex, the lock and the writer all see
 * the file inside the root and no link of the image.
 */
static int
add_hive(const struct image *im, const char *dir, const char *const *names,
    size_t n, const char *mount)
{
	struct hp_source_opts mo = *im->o;
	char *host;
	int r;

	if (hp_jail_find_host(im->j, dir, names, n, S_IFREG, &host, im->w,
	    im->e) == -1)
		return -1;
	/* The image layout says what each hive serves. */
	mo.mount = mount;
	r = host != NULL ? hp_targets_add(im->t, host, &mo, im->w, im->e) : 0;
	free(host);
	return r;
}

/* Users/Default/NTUSER.DAT, or every profile's with all_users. */
static int
add_profiles(const struct image *im, int all_users)
{
	struct hp_buf names = HP_BUF_INIT;
	const char *p;
	char *users;
	int r;

	if (find_dir(im, "", "Users", &users) == -1)
		return -1;
	if (users == NULL)
		return 0;
	r = hp_jail_list(im->j, users, &names, im->e);
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
	r = add_hive(im, cfg, sw, 1, "HKLM\\SOFTWARE");
	if (r == 0)
		r = add_hive(im, cfg, sys, 1, "HKLM\\SYSTEM");
	free(cfg);
	return r;
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
	if (dir == NULL)
		return 0;
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
	struct image im = { t, NULL, o, w, e };
	struct hp_jail *j;
	size_t before = t->n;
	char *sys;
	int r;

	/* The image is untrusted: its links must not reach the host. */
	if (hp_jail_open(dir, &j, e) == -1)
		return -1;
	im.j = j;
	r = hp_jail_find(j, "", sys32, 2, S_IFDIR, &sys, w, e);
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

void
hp_targets_free(struct hp_targets *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		hp_source_close(t->src[i]);
	free(t->src);
	free(t->views);
	free(t->only);
	hp_buf_release(&t->profiles_checked);
	hp_buf_release(&t->profiles_skipped);
	memset(t, 0, sizeof(*t));
}
