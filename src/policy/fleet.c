#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/buf.h"
#include "policy/check.h"
#include "core/error.h"
#include "core/file.h"
#include "core/txn.h"
#include "policy/fleet.h"
#include "core/limits.h"
#include "formats/source.h"
#include "policy/targets.h"

static int
add_machine(struct hp_fleet *f, const char *name, const char *path)
{
	struct hp_fleet_machine *g;

	if ((g = realloc(f->m, (f->n + 1) * sizeof(*g))) == NULL)
		return -1;
	f->m = g;
	g[f->n].name = strdup(name);
	g[f->n].path = strdup(path);
	if (g[f->n].name == NULL || g[f->n].path == NULL) {
		free(g[f->n].name);
		free(g[f->n].path);
		return -1;
	}
	f->n++;
	return 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct hp_fleet_machine *)a)->name,
	    ((const struct hp_fleet_machine *)b)->name);
}

int
hp_fleet_load(const char *path, struct hp_fleet *f, struct hp_error *e)
{
	struct stat st;
	int r = 0;

	memset(f, 0, sizeof(*f));
	if (stat(path, &st) == -1)
		return hp_error_errno(e, HP_E_INPUT, "%s", path);
	if (S_ISDIR(st.st_mode)) {
		struct dirent *de;
		DIR *d = opendir(path);

		if (d == NULL)
			return hp_error_errno(e, HP_E_INPUT, "%s", path);
		while (r == 0 && (de = readdir(d)) != NULL) {
			char *p;

			if (de->d_name[0] == '.')
				continue;
			if (asprintf(&p, "%s/%s", path, de->d_name) == -1)
				r = -1;
			else {
				if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
					r = add_machine(f, de->d_name, p);
				free(p);
			}
		}
		closedir(d);
	} else {
		/* A list: one machine folder or target file per line. */
		struct hp_buf b = HP_BUF_INIT;
		char *line, *save = NULL;

		if (hp_file_read(path, HP_MAX_INPUT_SIZE, &b, e) == -1)
			return -1;
		for (line = strtok_r(b.buf, "\r\n", &save); line != NULL &&
		    r == 0; line = strtok_r(NULL, "\r\n", &save)) {
			const char *base;

			line += strspn(line, " \t");
			if (*line == '\0' || *line == '#')
				continue;
			base = strrchr(line, '/');
			r = add_machine(f, base && base[1] ? base + 1 : line,
			    line);
		}
		hp_buf_release(&b);
	}
	if (r == -1) {
		hp_fleet_free(f);
		return hp_error_errno(e, HP_E_IO, "out of memory");
	}
	if (f->n == 0)
		return hp_error_set(e, HP_E_INPUT, "%s: no machines in the "
		    "fleet", path);
	qsort(f->m, f->n, sizeof(*f->m), name_cmp);
	return 0;
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
	f->m = NULL;
	f->n = 0;
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
	    has_child(path, "User");
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Opens what one machine folder holds. */
static int
open_machine(const struct hp_fleet_machine *m, struct hp_targets *t,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_source_opts so;
	struct dirent *de;
	struct stat st;
	char **names = NULL;
	size_t n = 0, i;
	DIR *d;
	int r = 0;

	memset(&so, 0, sizeof(so));
	if (stat(m->path, &st) == -1)
		return hp_error_errno(e, HP_E_INPUT, "%s", m->path);
	if (!S_ISDIR(st.st_mode))
		return hp_targets_add(t, m->path, &so, w, e);
	if (has_child(m->path, "Windows"))
		return hp_targets_add_image(t, m->path, 1, &so, w, e);
	if ((d = opendir(m->path)) == NULL)
		return hp_error_errno(e, HP_E_INPUT, "%s", m->path);
	while ((de = readdir(d)) != NULL) {
		char **g;

		if (skip_file(de->d_name))
			continue;
		if ((g = realloc(names, (n + 1) * sizeof(*g))) == NULL ||
		    asprintf(&g[n], "%s/%s", m->path, de->d_name) == -1) {
			names = g ? g : names;
			r = hp_error_errno(e, HP_E_IO, "out of memory");
			break;
		}
		names = g;
		n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), str_cmp);
	for (i = 0; i < n && r == 0; i++)
		if (is_target(names[i]))
			r = hp_targets_add(t, names[i], &so, w, e);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (r == 0 && t->n == 0)
		r = hp_error_set(e, HP_E_INPUT, "%s: no hive, .reg, "
		    "Registry.pol file or GPO folder in this machine",
		    m->path);
	return r;
}

static void
add_str(struct json_object *o, const char *k, const char *v)
{
	if (v != NULL)
		json_object_object_add(o, k, json_object_new_string(v));
}

static struct json_object *
check_machine(const struct hp_policy *pol, const struct hp_fleet_machine *m,
    size_t index)
{
	struct hp_targets t = HP_TARGETS_INIT;
	struct hp_check_result res = HP_CHECK_RESULT_INIT;
	struct hp_warnings w = HP_WARNINGS_INIT;
	struct hp_error e = HP_ERROR_INIT;
	struct json_object *o = json_object_new_object(), *a, *c;
	size_t i;

	json_object_object_add(o, "index", json_object_new_int64(
	    (int64_t)index));
	add_str(o, "machine", m->name);
	add_str(o, "path", m->path);
	if (open_machine(m, &t, &w, &e) == -1 ||
	    hp_check_run(pol, t.views, t.n, &res, &e) == -1) {
		add_str(o, "result", "error");
		add_str(o, "error", e.msg);
		goto out;
	}
	add_str(o, "result", hp_check_failed(&res) ? "fail" : "pass");
	c = json_object_new_object();
	for (i = 0; i < HP_ST_COUNT; i++)
		json_object_object_add(c, hp_status_name((enum hp_status)i),
		    json_object_new_int64((int64_t)res.count[i]));
	json_object_object_add(o, "counts", c);
	a = json_object_new_array();
	for (i = 0; i < res.n; i++) {
		const struct hp_finding *fd = &res.v[i];
		struct json_object *j = json_object_new_object();

		add_str(j, "check", fd->check);
		add_str(j, "status", hp_status_name(fd->status));
		add_str(j, "severity", hp_severity_name(fd->severity));
		add_str(j, "key", fd->path);
		add_str(j, "value", fd->value);
		add_str(j, "expected", fd->expected);
		add_str(j, "actual", fd->actual);
		add_str(j, "message", fd->message);
		json_object_array_add(a, j);
	}
	json_object_object_add(o, "findings", a);
out:
	hp_check_result_free(&res);
	hp_targets_free(&t);
	hp_warnings_release(&w);
	return o;
}

/*
 * A worker: reads machine numbers from in, one at a time, and writes each
 * result as one line to out; ends when in is closed.
 */
static void
worker(const struct hp_policy *pol, const struct hp_fleet *f, int in,
    int out)
{
	struct hp_error e;
	size_t i;

	while (read(in, &i, sizeof(i)) == (ssize_t)sizeof(i) && i < f->n) {
		struct json_object *o = check_machine(pol, &f->m[i], i);
		const char *s = json_object_to_json_string_ext(o,
		    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);

		if (hp_txn_write_fd(out, s, strlen(s), "pipe", &e) == -1 ||
		    hp_txn_write_fd(out, "\n", 1, "pipe", &e) == -1)
			_exit(3);
		json_object_put(o);
	}
	_exit(0);
}

/*
 * Hands a worker the next machine, or closes its input when none is left.
 * A worker holds at most two numbers, so the send never blocks.
 */
static void
feed(int *cmd, size_t *next, size_t n)
{
	if (*cmd == -1)
		return;
	/* A worker that died must not take the parent with it (SIGPIPE). */
	if (*next < n && send(*cmd, next, sizeof(*next), MSG_NOSIGNAL) ==
	    (ssize_t)sizeof(*next)) {
		(*next)++;
		return;
	}
	close(*cmd);
	*cmd = -1;
}

static struct json_object *
error_result(const struct hp_fleet_machine *m, size_t i, const char *msg)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "index", json_object_new_int64((int64_t)i));
	add_str(o, "machine", m->name);
	add_str(o, "path", m->path);
	add_str(o, "result", "error");
	add_str(o, "error", msg);
	return o;
}

int
hp_fleet_run(const struct hp_policy *pol, const struct hp_fleet *f,
    int jobs, void (*progress)(void *, size_t, size_t), void *parg,
    struct json_object ***results, struct hp_error *e)
{
	struct json_object **res;
	struct pollfd *pfd = NULL;
	struct hp_buf *line = NULL;
	pid_t *pids = NULL;
	int *cmd = NULL;
	size_t done = 0, next = 0, i;
	int k, open_pipes, r = 0;

	if ((res = calloc(f->n + 1, sizeof(*res))) == NULL)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	*results = res;
	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > f->n)
		jobs = (int)f->n;
	if (jobs == 1) {
		for (i = 0; i < f->n; i++) {
			res[i] = check_machine(pol, &f->m[i], i);
			if (progress)
				progress(parg, i + 1, f->n);
		}
		return 0;
	}
	pfd = calloc((size_t)jobs, sizeof(*pfd));
	line = calloc((size_t)jobs, sizeof(*line));
	pids = calloc((size_t)jobs, sizeof(*pids));
	cmd = calloc((size_t)jobs, sizeof(*cmd));
	if (pfd == NULL || line == NULL || pids == NULL || cmd == NULL) {
		r = hp_error_errno(e, HP_E_IO, "out of memory");
		goto out;
	}
	for (k = 0; k < jobs; k++)
		pfd[k].fd = cmd[k] = -1;
	fflush(NULL);
	/*
	 * Machines go out one at a time as workers finish, so a large image
	 * does not hold up the machines queued behind it.
	 */
	for (k = 0; k < jobs; k++) {
		int p[2], c[2];

		line[k] = (struct hp_buf)HP_BUF_INIT;
		p[0] = p[1] = c[0] = c[1] = -1;
		if (pipe(p) == -1 ||
		    socketpair(AF_UNIX, SOCK_STREAM, 0, c) == -1 ||
		    (pids[k] = fork()) == -1) {
			r = hp_error_errno(e, HP_E_IO, "cannot start "
			    "worker");
			for (int j = 0; j < 2; j++) {
				if (p[j] != -1)
					close(p[j]);
				if (c[j] != -1)
					close(c[j]);
			}
			break;
		}
		if (pids[k] == 0) {
			int j;

			/* Only its own pipe ends: EOF must reach the others. */
			for (j = 0; j < k; j++)
				if (cmd[j] != -1)
					close(cmd[j]);
			close(p[0]);
			close(c[1]);
			worker(pol, f, c[0], p[1]);
		}
		close(p[1]);
		close(c[0]);
		pfd[k].fd = p[0];
		pfd[k].events = POLLIN;
		cmd[k] = c[1];
		/* Two ahead, so a worker never waits for the parent. */
		feed(&cmd[k], &next, f->n);
		feed(&cmd[k], &next, f->n);
	}
	for (open_pipes = k; open_pipes > 0 && r == 0;) {
		if (poll(pfd, (nfds_t)k, -1) == -1) {
			if (errno == EINTR)
				continue;
			r = hp_error_errno(e, HP_E_IO, "poll");
			break;
		}
		for (int j = 0; j < k; j++) {
			char buf[65536], *nl;
			ssize_t n;

			if (pfd[j].fd == -1 || !(pfd[j].revents &
			    (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(pfd[j].fd, buf, sizeof(buf));
			if (n <= 0) {
				close(pfd[j].fd);
				pfd[j].fd = -1;
				open_pipes--;
				continue;
			}
			hp_buf_add(&line[j], buf, (size_t)n);
			while ((nl = memchr(line[j].buf, '\n', line[j].len))) {
				struct json_object *o, *ix;
				size_t len = (size_t)(nl - line[j].buf) + 1;

				*nl = '\0';
				o = json_tokener_parse(line[j].buf);
				if (o != NULL && json_object_object_get_ex(o,
				    "index", &ix) && (size_t)json_object_get_int64(
				    ix) < f->n && res[json_object_get_int64(ix)]
				    == NULL) {
					res[json_object_get_int64(ix)] = o;
					feed(&cmd[j], &next, f->n);
					if (progress)
						progress(parg, ++done, f->n);
				} else if (o != NULL)
					json_object_put(o);
				memmove(line[j].buf, line[j].buf + len,
				    line[j].len - len);
				line[j].len -= len;
			}
		}
	}
out:
	for (k = 0; cmd != NULL && k < jobs; k++) {
		if (cmd[k] != -1)
			close(cmd[k]);
		if (pfd[k].fd != -1)
			close(pfd[k].fd);
		if (pids[k] > 0)
			waitpid(pids[k], NULL, 0);
		hp_buf_release(&line[k]);
	}
	/* A machine whose worker died gets an error, not a silent gap. */
	for (i = 0; r == 0 && i < f->n; i++)
		if (res[i] == NULL)
			res[i] = error_result(&f->m[i], i, "worker ended "
			    "before checking this machine");
	free(pfd);
	free(line);
	free(pids);
	free(cmd);
	return r;
}

/* Reports. */

static const char	*severity_of(const struct hp_policy *, const char *);

struct tally {
	const char	*check;
	size_t		 ok, bad, unchecked;
};

static const char *
jstr(struct json_object *o, const char *k)
{
	struct json_object *v;

	return json_object_object_get_ex(o, k, &v) ? json_object_get_string(v)
	    : NULL;
}

/* Per check: machines compliant, not compliant, not checked. */
static int
tally(struct json_object *const *res, size_t n, struct tally **out,
    size_t *nout)
{
	struct tally *t = NULL;
	size_t nt = 0, i, j, k;

	for (i = 0; i < n; i++) {
		struct json_object *fs;

		if (!json_object_object_get_ex(res[i], "findings", &fs))
			continue;
		for (j = 0; j < json_object_array_length(fs); j++) {
			struct json_object *f = json_object_array_get_idx(fs,
			    j);
			const char *c = jstr(f, "check"), *s = jstr(f,
			    "status");

			if (c == NULL || s == NULL)
				continue;
			for (k = 0; k < nt && strcmp(t[k].check, c) != 0; k++)
				;
			if (k == nt) {
				struct tally *g = realloc(t, (nt + 1) *
				    sizeof(*g));

				if (g == NULL) {
					free(t);
					return -1;
				}
				t = g;
				memset(&t[nt], 0, sizeof(*t));
				t[nt].check = c;
				nt++;
			}
			if (strcmp(s, "compliant") == 0)
				t[k].ok++;
			else if (strcmp(s, "not-covered") == 0)
				t[k].unchecked++;
			else
				t[k].bad++;
		}
	}
	/* A machine that could not be read was checked for nothing. */
	for (i = 0; i < n; i++)
		if (!json_object_object_get_ex(res[i], "findings", NULL))
			for (k = 0; k < nt; k++)
				t[k].unchecked++;
	*out = t;
	*nout = nt;
	return 0;
}

static void
count_results(struct json_object *const *res, size_t n, size_t c[3])
{
	size_t i;

	c[0] = c[1] = c[2] = 0;
	for (i = 0; i < n; i++) {
		const char *r = jstr(res[i], "result");

		c[r && strcmp(r, "pass") == 0 ? 0 : r && strcmp(r, "fail") ==
		    0 ? 1 : 2]++;
	}
}

int
hp_fleet_report_text(const struct hp_policy *pol,
    struct json_object *const *res, size_t n, int color, struct hp_buf *out)
{
	const char *red = color ? "\033[31m" : "", *grn = color ? "\033[32m" :
	    "", *off = color ? "\033[0m" : "";
	struct tally *t;
	size_t nt, i, j, c[3], w = 5;

	if (tally(res, n, &t, &nt) == -1)
		return -1;
	count_results(res, n, c);
	hp_buf_addf(out, "fleet: %zu machines: %s%zu pass%s, %s%zu fail%s, "
	    "%zu error (policy %s)\n\n", n, grn, c[0], off, c[1] ? red : "",
	    c[1], c[1] ? off : "", c[2], pol->path);
	for (i = 0; i < nt; i++)
		w = strlen(t[i].check) > w ? strlen(t[i].check) : w;
	hp_buf_addf(out, "%-*s  %-8s %9s %13s %11s\n", (int)w, "check",
	    "severity", "compliant", "non-compliant", "not-checked");
	for (i = 0; i < nt; i++)
		hp_buf_addf(out, "%-*s  %-8s %9zu %s%13zu%s %11zu\n", (int)w,
		    t[i].check, severity_of(pol, t[i].check),
		    t[i].ok, t[i].bad ? red : "", t[i].bad, t[i].bad ? off : "",
		    t[i].unchecked);
	for (i = 0, w = 7; i < n; i++) {
		const char *m = jstr(res[i], "machine");

		w = m && strlen(m) > w ? strlen(m) : w;
	}
	hp_buf_addf(out, "\n%-*s  %-6s  %s\n", (int)w, "machine", "result",
	    "findings");
	for (i = 0; i < n; i++) {
		const char *r = jstr(res[i], "result"), *m = jstr(res[i],
		    "machine");
		struct json_object *fs;
		int first = 1;

		hp_buf_addf(out, "%-*s  %s%-6s%s  ", (int)w, m ? m : "?",
		    strcmp(r, "pass") == 0 ? grn : red, r, off);
		if (strcmp(r, "error") == 0)
			hp_buf_adds(out, jstr(res[i], "error"));
		if (json_object_object_get_ex(res[i], "findings", &fs))
			for (j = 0; j < json_object_array_length(fs); j++) {
				struct json_object *f =
				    json_object_array_get_idx(fs, j);
				const char *s = jstr(f, "status");

				if (strcmp(s, "compliant") == 0 ||
				    strcmp(s, "not-covered") == 0)
					continue;
				hp_buf_addf(out, "%s%s %s", first ? "" : ", ",
				    jstr(f, "check"), s);
				first = 0;
			}
		hp_buf_addc(out, '\n');
	}
	free(t);
	return 0;
}

static void
html_esc(struct hp_buf *b, const char *s)
{
	for (; s != NULL && *s; s++) {
		switch (*s) {
		case '<':	hp_buf_adds(b, "&lt;"); break;
		case '>':	hp_buf_adds(b, "&gt;"); break;
		case '&':	hp_buf_adds(b, "&amp;"); break;
		case '"':	hp_buf_adds(b, "&quot;"); break;
		default:	hp_buf_addc(b, *s);
		}
	}
}

static const char *
rationale_of(const struct hp_policy *pol, const char *check)
{
	long i;

	if ((i = hp_policy_setting_index(pol, check)) >= 0)
		return pol->settings[i].rationale;
	if ((i = hp_policy_rule_index(pol, check)) >= 0)
		return pol->rules[i].rationale;
	return NULL;
}

/* The policy's own severity, not a finding's. */
static const char *
severity_of(const struct hp_policy *pol, const char *check)
{
	long i;

	if ((i = hp_policy_setting_index(pol, check)) >= 0)
		return hp_severity_name(pol->settings[i].severity);
	if ((i = hp_policy_rule_index(pol, check)) >= 0)
		return hp_severity_name(pol->rules[i].severity);
	return "";
}

int
hp_fleet_report_html(const struct hp_policy *pol,
    struct json_object *const *res, size_t n, struct hp_buf *out)
{
	struct tally *t;
	size_t nt, i, j, c[3];

	if (tally(res, n, &t, &nt) == -1)
		return -1;
	count_results(res, n, c);
	hp_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
	    "charset=\"utf-8\"><title>hivepol fleet report</title>\n<style>"
	    "body{font-family:sans-serif;margin:2em;color:#222}"
	    "table{border-collapse:collapse;margin:1em 0}"
	    "th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;"
	    "vertical-align:top}th{background:#eee}td.n{text-align:right}"
	    ".pass{color:#176d2b}.fail,.bad{color:#b00020;font-weight:bold}"
	    ".error{color:#8a5a00}summary{cursor:pointer;margin:.3em 0}"
	    "p.why{color:#555;max-width:60em}"
	    /* Long registry paths wrap instead of pushing columns away. */
	    ".machine table{width:100%;font-size:.9em}"
	    ".machine td:nth-child(3){overflow-wrap:anywhere}"
	    "</style></head><body>\n");
	hp_buf_adds(out, "<h1>hivepol fleet report</h1>\n<p>Policy <code>");
	html_esc(out, pol->path);
	hp_buf_addf(out, "</code>: <span id=\"machines\">%zu</span> machines, "
	    "<span class=\"pass\" id=\"pass\">%zu</span> pass, <span "
	    "class=\"fail\" id=\"fail\">%zu</span> fail, <span class=\"error\" "
	    "id=\"errors\">%zu</span> error.</p>\n", n, c[0], c[1], c[2]);
	hp_buf_adds(out, "<h2>Compliance by check</h2>\n<table id=\"matrix\">"
	    "<tr><th>check</th><th>severity</th><th>compliant</th>"
	    "<th>non-compliant</th><th>not checked</th><th>why</th></tr>\n");
	for (i = 0; i < nt; i++) {
		hp_buf_adds(out, "<tr data-check=\"");
		html_esc(out, t[i].check);
		hp_buf_adds(out, "\"><td>");
		html_esc(out, t[i].check);
		hp_buf_adds(out, "</td><td>");
		html_esc(out, severity_of(pol, t[i].check));
		hp_buf_addf(out, "</td><td class=\"n ok\">%zu</td><td class=\"n"
		    "%s nok\">%zu</td><td class=\"n\">%zu</td><td>", t[i].ok,
		    t[i].bad ? " bad" : "", t[i].bad, t[i].unchecked);
		html_esc(out, rationale_of(pol, t[i].check));
		hp_buf_adds(out, "</td></tr>\n");
	}
	hp_buf_adds(out, "</table>\n<h2>Machines</h2>\n");
	for (i = 0; i < n; i++) {
		const char *r = jstr(res[i], "result");
		struct json_object *fs;

		/* Open what needs attention, so a printout shows it. */
		hp_buf_addf(out, "<details class=\"machine\" data-result=\"%s\""
		    "%s><summary><span class=\"%s\">%s</span> ", r,
		    strcmp(r, "pass") == 0 ? "" : " open", r, r);
		html_esc(out, jstr(res[i], "machine"));
		hp_buf_adds(out, "</summary>\n");
		if (strcmp(r, "error") == 0) {
			hp_buf_adds(out, "<p class=\"error\">");
			html_esc(out, jstr(res[i], "error"));
			hp_buf_adds(out, "</p>");
		}
		if (json_object_object_get_ex(res[i], "findings", &fs)) {
			hp_buf_adds(out, "<table><tr><th>check</th><th>status"
			    "</th><th>key</th><th>value</th><th>expected</th>"
			    "<th>actual</th></tr>\n");
			for (j = 0; j < json_object_array_length(fs); j++) {
				struct json_object *f =
				    json_object_array_get_idx(fs, j);
				const char *s = jstr(f, "status");
				static const char *const col[] = { "check",
				    "status", "key", "value", "expected",
				    "actual" };
				size_t k;

				hp_buf_addf(out, "<tr class=\"%s\">",
				    strcmp(s, "compliant") == 0 ? "pass" :
				    strcmp(s, "not-covered") == 0 ? "" : "bad");
				for (k = 0; k < 6; k++) {
					hp_buf_adds(out, "<td>");
					html_esc(out, jstr(f, col[k]));
					hp_buf_adds(out, "</td>");
				}
				hp_buf_adds(out, "</tr>\n");
			}
			hp_buf_adds(out, "</table>");
		}
		hp_buf_adds(out, "</details>\n");
	}
	hp_buf_adds(out, "</body></html>\n");
	free(t);
	return 0;
}
