/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A fleet: its machines, what each holds, and one machine's check. */
#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "core/hash.h"
#include "core/limits.h"
#include "image/container.h"
#include "formats/source.h"
#include "policy/check.h"
#include "policy/fleet_impl.h"
#include "policy/targets.h"
#include "policy/baseline.h"

static void
add_machine(struct hp_fleet *f, const char *name, const char *path)
{
	HP_ALLOC_GROW(f->m, f->n + 1, f->cap);
	f->m[f->n].name = hp_strdup(name);
	f->m[f->n].path = hp_strdup(path);
	f->n++;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct hp_fleet_machine *)a)->name,
	    ((const struct hp_fleet_machine *)b)->name);
}

/* dir/name */
static char *
child_path(const char *dir, const char *name)
{
	struct hp_buf b = HP_BUF_INIT;

	hp_buf_addf(&b, "%s/%s", dir, name);
	return hp_buf_detach(&b, NULL);
}

/* Every subfolder of path is a machine, and every image file (a WIM). */
static int
load_dir(const char *path, struct hp_fleet *f, struct hp_error *e)
{
	struct dirent *de;
	struct stat st;
	DIR *d = opendir(path);

	if (d == NULL)
		return hp_error_errno(e, HP_E_INPUT, "%s", path);
	while ((de = readdir(d)) != NULL) {
		char *p;

		if (de->d_name[0] == '.')
			continue;
		p = child_path(path, de->d_name);
		if (stat(p, &st) == 0 && (S_ISDIR(st.st_mode) ||
		    (S_ISREG(st.st_mode) && hp_container_is(p))))
			add_machine(f, de->d_name, p);
		free(p);
	}
	closedir(d);
	return 0;
}

/* A list: one machine folder or target file per line. */
static int
load_list(const char *path, struct hp_fleet *f, struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;
	char *line, *save = NULL;
	const char *base;

	if (hp_file_read(path, HP_MAX_INPUT_SIZE, &b, e) == -1)
		return -1;
	for (line = strtok_r(b.buf, "\r\n", &save); line != NULL;
	    line = strtok_r(NULL, "\r\n", &save)) {
		line += strspn(line, " \t");
		if (*line == '\0' || *line == '#')
			continue;
		base = strrchr(line, '/');
		add_machine(f, base && base[1] ? base + 1 : line, line);
	}
	hp_buf_release(&b);
	return 0;
}

int
hp_fleet_load(const char *path, struct hp_fleet *f, struct hp_error *e)
{
	struct stat st;

	memset(f, 0, sizeof(*f));
	if (stat(path, &st) == -1)
		return hp_error_errno(e, HP_E_INPUT, "%s", path);
	if ((S_ISDIR(st.st_mode) ? load_dir(path, f, e) : load_list(path, f,
	    e)) == -1) {
		hp_fleet_free(f);
		return -1;
	}
	if (f->n == 0)
		return hp_error_set(e, HP_E_INPUT, "%s: no machines in the "
		    "fleet", path);
	qsort(f->m, f->n, sizeof(*f->m), name_cmp);
	for (f->total = 0; f->total < f->n; f->total++)
		f->m[f->total].index = f->total;
	return 0;
}

void
hp_fleet_shard(struct hp_fleet *f, unsigned k, unsigned n)
{
	size_t i, kept = 0;

	for (i = 0; i < f->n; i++) {
		if (hp_hash_fnv1a(f->m[i].name) % n == k - 1) {
			f->m[kept++] = f->m[i];
			continue;
		}
		free(f->m[i].name);
		free(f->m[i].path);
	}
	f->n = kept;
}

void
hp_fleet_free(struct hp_fleet *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->m[i].name);
		free(f->m[i].path);
	}
	free(f->m);
	memset(f, 0, sizeof(*f));
}

/* Transaction logs and backups sit beside hives but are not targets. */
static int
skip_file(const char *name)
{
	const char *dot = strrchr(name, '.');

	return name[0] == '.' || (dot != NULL && (strcasecmp(dot, ".LOG") == 0 ||
	    strcasecmp(dot, ".LOG1") == 0 || strcasecmp(dot, ".LOG2") == 0 ||
	    strcasecmp(dot, ".bak") == 0 || strcasecmp(dot, ".blf") == 0 ||
	    strcasecmp(dot, ".regtrans-ms") == 0));
}

/* 1 if dir has an entry named name, in any case. */
static int
has_child(const char *dir, const char *name)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int found = 0;

	if (d == NULL)
		return 0;
	while (!found && (de = readdir(d)) != NULL)
		found = strcasecmp(de->d_name, name) == 0;
	closedir(d);
	return found;
}

/* Which entries of a machine folder are targets. */
static int
is_target(const char *path)
{
	enum hp_format f = hp_format_detect(path);

	if (f != HP_FMT_GPO)
		return f != HP_FMT_UNKNOWN;
	return has_child(path, "gpt.ini") || has_child(path, "Machine") ||
	    has_child(path, "User") || has_child(path, "Backup.xml") ||
	    has_child(path, "bkupInfo.xml");
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What a file that is no target is, by its first bytes. */
static const char *
file_kind(const char *path)
{
	unsigned char b[512];
	struct stat st;
	ssize_t n, i;
	int fd;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return "a folder that is no GPO";
	if ((fd = open(path, O_RDONLY)) == -1)
		return "unreadable";
	n = read(fd, b, sizeof(b));
	close(fd);
	if (n <= 0)
		return n == 0 ? "empty file" : "unreadable";
	if (n >= 2 && b[0] == 'M' && b[1] == 'Z')
		return "PE executable";
	if (n >= 4 && memcmp(b, "\177ELF", 4) == 0)
		return "ELF executable";
	if (n >= 4 && memcmp(b, "PK\003\004", 4) == 0)
		return "zip archive";
	for (i = 0; i < n; i++)
		if (b[i] < 0x20 && b[i] != '\t' && b[i] != '\n' &&
		    b[i] != '\r')
			return "unknown data";
	return "text file";
}

/*
 * The targets of a machine folder, in name order; what is no target is
 * named in others ("x.exe (not a hive: PE executable)").
 */
static int
open_folder(const struct hp_fleet_machine *m, struct hp_targets *t,
    struct hp_buf *others, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_source_opts so;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	DIR *d;
	int r = 0;

	memset(&so, 0, sizeof(so));
	if ((d = opendir(m->path)) == NULL)
		return hp_error_errno(e, HP_E_INPUT, "%s", m->path);
	while ((de = readdir(d)) != NULL) {
		if (skip_file(de->d_name))
			continue;
		HP_ALLOC_GROW(names, n + 1, cap);
		names[n++] = child_path(m->path, de->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), str_cmp);
	for (i = 0; i < n && r == 0; i++)
		if (is_target(names[i]))
			r = hp_targets_add(t, names[i], &so, w, e);
		else
			hp_buf_addf(others, "%s%s (not a hive: %s)",
			    others->len ? ", " : "", names[i],
			    file_kind(names[i]));
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return r;
}

/* Opens what one machine holds: a target file, an image or a folder. */
static int
open_machine(const struct hp_fleet_machine *m, int all_users,
    struct hp_targets *t, int *image, struct hp_warnings *w,
    struct hp_error *e)
{
	struct hp_source_opts so;
	struct hp_buf others = HP_BUF_INIT;
	struct stat st;
	int r;

	memset(&so, 0, sizeof(so));
	/* An image file, maybe with its image named: "install.wim:3". */
	if (stat(m->path, &st) == -1 || (!S_ISDIR(st.st_mode) &&
	    hp_container_is(m->path))) {
		*image = 1;
		return hp_targets_add_image(t, m->path, all_users, &so, w, e);
	}
	if (!S_ISDIR(st.st_mode))
		return is_target(m->path) ? hp_targets_add(t, m->path, &so, w,
		    e) : hp_error_set(e, HP_E_INPUT, "%s: not a hive: %s",
		    m->path, file_kind(m->path));
	if (has_child(m->path, "Windows")) {
		*image = 1;
		return hp_targets_add_image(t, m->path, all_users, &so, w, e);
	}
	r = open_folder(m, t, &others, w, e);
	if (r == 0 && t->n == 0)
		r = hp_error_set(e, HP_E_INPUT, "%s: no hive, .reg, "
		    "Registry.pol file or GPO folder in this machine%s%s",
		    m->path, others.len ? ": " : "", others.len ? others.buf :
		    "");
	else if (r == 0 && others.len > 0)
		hp_warn(w, "%s: skipped %s", m->path, others.buf);
	hp_buf_release(&others);
	return r;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? hp_strdup(s) : NULL;
}

static void
keep_findings(const struct hp_check_result *res, struct hp_fleet_result *r)
{
	size_t i;

	r->verdict = hp_check_failed(res) ? HP_FLEET_FAIL :
	    res->count[HP_ST_NOT_COVERED] > 0 ? HP_FLEET_UNCOVERED :
	    HP_FLEET_PASS;
	memcpy(r->count, res->count, sizeof(r->count));
	r->findings = hp_calloc(res->n + 1, sizeof(*r->findings));
	r->nfindings = res->n;
	for (i = 0; i < res->n; i++) {
		const struct hp_finding *fd = &res->v[i];
		struct hp_fleet_finding *k = &r->findings[i];

		k->check = dup_or_null(fd->check);
		k->status = fd->status;
		k->severity = fd->severity;
		k->key = dup_or_null(fd->path);
		k->value = dup_or_null(fd->value);
		k->expected = dup_or_null(fd->expected);
		k->actual = dup_or_null(fd->actual);
		k->message = dup_or_null(fd->message);
	}
}

/* What the report must say besides the findings (fleet.h). */
static void
keep_notes(const struct hp_targets *t, const struct hp_warnings *w,
    struct hp_fleet_result *r)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->views[i].state != NULL &&
		    strcmp(t->views[i].state, "stale") == 0)
			hp_buf_add(&r->stale, t->views[i].source,
			    strlen(t->views[i].source) + 1);
	if (r->image) {
		hp_buf_add(&r->checked, t->profiles_checked.buf,
		    t->profiles_checked.len);
		hp_buf_add(&r->skipped, t->profiles_skipped.buf,
		    t->profiles_skipped.len);
	}
	for (i = 0; i < w->n; i++)
		hp_buf_add(&r->warnings, w->msgs[i], strlen(w->msgs[i]) + 1);
}

void
fleet_check_machine(const struct hp_policy *pol,
    const struct hp_fleet_machine *m, int all_users,
    struct hp_fleet_result *r)
{
	struct hp_targets t = HP_TARGETS_INIT;
	struct hp_check_result res = HP_CHECK_RESULT_INIT;
	struct hp_warnings w = HP_WARNINGS_INIT;
	struct hp_error e = HP_ERROR_INIT;
	struct hp_baseline held;
	int image = 0;

	/* As check does: GPO machines' templates and audit policies too. */
	memset(&held, 0, sizeof(held));
	fleet_result_init(r);
	/* A machine that is an image file stages only what pol reaches. */
	t.need = hp_targets_need(pol);
	if (open_machine(m, all_users, &t, &image, &w, &e) == -1 ||
	    hp_baseline_check(&held, pol, &t, &res, &w, &e) == -1)
		fleet_result_error(r, e.msg);
	else {
		r->image = image;
		keep_findings(&res, r);
		keep_notes(&t, &w, r);
	}
	hp_check_result_free(&res);
	hp_baseline_free(&held);
	hp_targets_free(&t);
	hp_warnings_release(&w);
}

void
fleet_result_init(struct hp_fleet_result *r)
{
	static const struct hp_buf empty = HP_BUF_INIT;

	memset(r, 0, sizeof(*r));
	r->stale = r->checked = r->skipped = r->warnings = empty;
}

void
fleet_result_error(struct hp_fleet_result *r, const char *msg)
{
	fleet_result_free(r);
	r->verdict = HP_FLEET_ERROR;
	r->error = hp_strdup(msg);
}

void
fleet_result_free(struct hp_fleet_result *r)
{
	size_t i;

	for (i = 0; i < r->nfindings; i++) {
		struct hp_fleet_finding *k = &r->findings[i];

		free(k->check);
		free(k->key);
		free(k->value);
		free(k->expected);
		free(k->actual);
		free(k->message);
	}
	free(r->findings);
	free(r->error);
	hp_buf_release(&r->stale);
	hp_buf_release(&r->checked);
	hp_buf_release(&r->skipped);
	hp_buf_release(&r->warnings);
	fleet_result_init(r);
}

void
hp_fleet_results_free(struct hp_fleet_result *res, size_t n)
{
	size_t i;

	for (i = 0; res != NULL && i < n; i++)
		fleet_result_free(&res[i]);
	free(res);
}

enum hp_fleet_verdict
hp_fleet_worst(const struct hp_fleet_result *res, size_t n)
{
	enum hp_fleet_verdict v = HP_FLEET_PASS;
	size_t i;

	for (i = 0; i < n; i++)
		if (res[i].verdict > v)
			v = res[i].verdict;
	return v;
}

const char *
hp_fleet_verdict_name(enum hp_fleet_verdict v)
{
	switch (v) {
	case HP_FLEET_PASS:	return "pass";
	case HP_FLEET_FAIL:	return "fail";
	case HP_FLEET_UNCOVERED: return "not-covered";
	default:		return "error";
	}
}
