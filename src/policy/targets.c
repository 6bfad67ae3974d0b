#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "targets.h"

int
hp_targets_add(struct hp_targets *t, const char *path,
    const struct hp_source_opts *o, struct hp_warnings *w,
    struct hp_error *e)
{
	struct hp_source **ns, *s;
	struct hp_view *nv;
	size_t i;

	if ((ns = realloc(t->src, (t->n + 1) * sizeof(*ns))) == NULL)
		return hp_error_errno(e, HP_EXIT_IO, "out of memory");
	t->src = ns;
	if ((nv = realloc(t->views, (t->n + 1) * sizeof(*nv))) == NULL)
		return hp_error_errno(e, HP_EXIT_IO, "out of memory");
	t->views = nv;
	if (hp_source_open(path, o, &s, w, e) == -1)
		return -1;
	t->src[t->n++] = s;
	/* realloc may have moved the views: rebuild them all. */
	for (i = 0; i < t->n; i++)
		hp_source_view(t->src[i], &t->views[i]);
	return 0;
}

/* The entry of dir named name in any case, as a malloc'd path, or NULL. */
static char *
find_ci(const char *dir, const char *name)
{
	struct dirent *d;
	char *out = NULL;
	DIR *dp;

	if ((dp = opendir(dir)) == NULL)
		return NULL;
	while ((d = readdir(dp)) != NULL)
		if (strcasecmp(d->d_name, name) == 0) {
			if (asprintf(&out, "%s/%s", dir, d->d_name) == -1)
				out = NULL;
			break;
		}
	closedir(dp);
	return out;
}

/* Follows a path of names below dir, each matched in any case. */
static char *
find_path_ci(const char *dir, const char *const *names, size_t n)
{
	char *cur = strdup(dir), *next;
	size_t i;

	for (i = 0; cur != NULL && i < n; i++) {
		next = find_ci(cur, names[i]);
		free(cur);
		cur = next;
	}
	return cur;
}

static int
is_file(const char *p)
{
	struct stat st;

	return p != NULL && stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int
add_hive(struct hp_targets *t, const char *path, const char *mount,
    const struct hp_source_opts *o, struct hp_warnings *w,
    struct hp_error *e)
{
	struct hp_source_opts mo = *o;

	/* The image layout says what each hive serves. */
	mo.mount = mount;
	return hp_targets_add(t, path, &mo, w, e);
}

int
hp_targets_add_image(struct hp_targets *t, const char *dir, int all_users,
    const struct hp_source_opts *o, struct hp_warnings *w,
    struct hp_error *e)
{
	static const char *const cfg[] = { "Windows", "System32", "config" };
	static const char *const gp[] = { "Windows", "System32",
	    "GroupPolicy" };
	struct dirent *d;
	char *cdir, *p, *users, *q;
	size_t before = t->n;
	DIR *dp;
	int r = 0;

	if ((cdir = find_path_ci(dir, cfg, 3)) != NULL) {
		if (is_file(p = find_ci(cdir, "SOFTWARE")))
			r = add_hive(t, p, "HKLM\\SOFTWARE", o, w, e);
		free(p);
		p = NULL;
		if (r == 0 && is_file(p = find_ci(cdir, "SYSTEM")))
			r = add_hive(t, p, "HKLM\\SYSTEM", o, w, e);
		free(p);
		free(cdir);
	}
	if (r == 0 && (users = find_ci(dir, "Users")) != NULL) {
		if ((dp = opendir(users)) != NULL) {
			while (r == 0 && (d = readdir(dp)) != NULL) {
				if (d->d_name[0] == '.' || (!all_users &&
				    strcasecmp(d->d_name, "Default") != 0))
					continue;
				if (asprintf(&q, "%s/%s", users, d->d_name) ==
				    -1) {
					r = hp_error_errno(e, HP_EXIT_IO,
					    "out of memory");
					break;
				}
				p = find_ci(q, "NTUSER.DAT");
				if (is_file(p))
					r = add_hive(t, p, "HKCU", o, w, e);
				free(p);
				free(q);
			}
			closedir(dp);
		}
		free(users);
	}
	if (r == 0 && (p = find_path_ci(dir, gp, 3)) != NULL) {
		char *m = find_path_ci(p, (const char *const[]){ "Machine",
		    "Registry.pol" }, 2);
		char *u = find_path_ci(p, (const char *const[]){ "User",
		    "Registry.pol" }, 2);

		/* Only a GPO that sets something is a target. */
		if (is_file(m) || is_file(u)) {
			struct hp_source_opts go = *o;

			go.write = 0;
			r = hp_targets_add(t, p, &go, w, e);
		}
		free(m);
		free(u);
		free(p);
	}
	if (r == 0 && t->n == before)
		r = hp_error_set(e, HP_EXIT_INPUT, "%s: no Windows hives found "
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
	t->src = NULL;
	t->views = NULL;
	t->n = 0;
}
