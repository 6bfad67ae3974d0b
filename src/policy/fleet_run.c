/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Running a fleet check: in this process, or by worker processes that
 * each take one machine at a time from a socket and write each result as
 * one line of JSON (fleet_json.c) to a pipe the parent polls.
 */
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/txn.h"
#include "policy/fleet_impl.h"

/* The parent's view of its workers. */
struct pool {
	const struct hp_policy	*pol;
	const struct hp_fleet	*f;
	struct hp_fleet_result	*res;
	unsigned char		*have;		/* res[i] is filled */
	int			 jobs;		/* workers started */
	struct pollfd		*pfd;		/* their result pipes */
	struct hp_buf		*line;		/* a partial line from each */
	pid_t			*pids;
	int			*cmd;		/* their machine sockets */
	size_t			 next;		/* the next machine to send */
	size_t			 done;
	void			(*progress)(void *, size_t, size_t);
	void			*parg;
};

/*
 * A worker: reads machine numbers from in, one at a time, and writes each
 * result as one line to out; ends when in is closed.
 */
static void
worker(const struct hp_policy *pol, const struct hp_fleet *f, int in,
    int out)
{
	struct hp_fleet_result r;
	struct hp_buf b = HP_BUF_INIT;
	struct hp_error e;
	size_t i;

	while (read(in, &i, sizeof(i)) == (ssize_t)sizeof(i) && i < f->n) {
		fleet_check_machine(pol, &f->m[i], f->all_users, &r);
		hp_buf_reset(&b);
		fleet_result_line(f, i, &r, &b);
		fleet_result_free(&r);
		if (hp_txn_write_fd(out, b.buf, b.len, "pipe", &e) == -1)
			_exit(3);
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

static void
run_here(struct pool *p)
{
	size_t i;

	for (i = 0; i < p->f->n; i++) {
		fleet_check_machine(p->pol, &p->f->m[i], p->f->all_users,
		    &p->res[i]);
		p->have[i] = 1;
		if (p->progress)
			p->progress(p->parg, i + 1, p->f->n);
	}
}

/* Starts worker k with its pipes and gives it its first two machines. */
static int
start_worker(struct pool *p, int k, struct hp_error *e)
{
	int res[2] = { -1, -1 }, cmd[2] = { -1, -1 }, j;

	if (pipe(res) == -1 || socketpair(AF_UNIX, SOCK_STREAM, 0, cmd) == -1 ||
	    (p->pids[k] = fork()) == -1) {
		for (j = 0; j < 2; j++) {
			if (res[j] != -1)
				close(res[j]);
			if (cmd[j] != -1)
				close(cmd[j]);
		}
		return hp_error_errno(e, HP_E_IO, "cannot start worker");
	}
	if (p->pids[k] == 0) {
		/* Only its own pipe ends: EOF must reach the others. */
		for (j = 0; j < k; j++)
			if (p->cmd[j] != -1)
				close(p->cmd[j]);
		close(res[0]);
		close(cmd[1]);
		worker(p->pol, p->f, cmd[0], res[1]);
	}
	close(res[1]);
	close(cmd[0]);
	p->pfd[k].fd = res[0];
	p->pfd[k].events = POLLIN;
	p->cmd[k] = cmd[1];
	/* Two ahead, so a worker never waits for the parent. */
	feed(&p->cmd[k], &p->next, p->f->n);
	feed(&p->cmd[k], &p->next, p->f->n);
	return 0;
}

/* Takes the complete lines worker j has sent. */
static void
take_lines(struct pool *p, int j)
{
	struct hp_buf *b = &p->line[j];
	struct hp_fleet_result r;
	char *nl;
	size_t len, i;

	while ((nl = memchr(b->buf, '\n', b->len)) != NULL) {
		len = (size_t)(nl - b->buf) + 1;
		*nl = '\0';
		if (fleet_result_parse(b->buf, p->f, &i, &r) == 0) {
			if (p->have[i])
				fleet_result_free(&r);
			else {
				p->res[i] = r;
				p->have[i] = 1;
				feed(&p->cmd[j], &p->next, p->f->n);
				if (p->progress)
					p->progress(p->parg, ++p->done,
					    p->f->n);
			}
		}
		memmove(b->buf, b->buf + len, b->len - len);
		b->len -= len;
	}
}

/* Reads what worker j sent; 0 when its pipe closed. */
static int
read_worker(struct pool *p, int j)
{
	char buf[65536];
	ssize_t n = read(p->pfd[j].fd, buf, sizeof(buf));

	if (n <= 0) {
		close(p->pfd[j].fd);
		p->pfd[j].fd = -1;
		return 0;
	}
	hp_buf_add(&p->line[j], buf, (size_t)n);
	take_lines(p, j);
	return 1;
}

/* Collects results until every worker has closed its pipe. */
static int
collect(struct pool *p, struct hp_error *e)
{
	int j, open_pipes = p->jobs;

	while (open_pipes > 0) {
		if (poll(p->pfd, (nfds_t)p->jobs, -1) == -1) {
			if (errno == EINTR)
				continue;
			return hp_error_errno(e, HP_E_IO, "poll");
		}
		for (j = 0; j < p->jobs; j++)
			if (p->pfd[j].fd != -1 && (p->pfd[j].revents &
			    (POLLIN | POLLHUP | POLLERR)) && !read_worker(p, j))
				open_pipes--;
	}
	return 0;
}

/*
 * Machines go out one at a time as workers finish, so a large image
 * does not hold up the machines queued behind it.
 */
static int
run_workers(struct pool *p, int jobs, struct hp_error *e)
{
	int k, r = 0;

	p->pfd = hp_calloc((size_t)jobs, sizeof(*p->pfd));
	p->line = hp_calloc((size_t)jobs, sizeof(*p->line));
	p->pids = hp_calloc((size_t)jobs, sizeof(*p->pids));
	p->cmd = hp_calloc((size_t)jobs, sizeof(*p->cmd));
	for (k = 0; k < jobs; k++) {
		p->pfd[k].fd = p->cmd[k] = -1;
		p->line[k] = (struct hp_buf)HP_BUF_INIT;
	}
	fflush(NULL);
	for (k = 0; k < jobs && r == 0; k++, p->jobs++)
		r = start_worker(p, k, e);
	if (r == 0)
		r = collect(p, e);
	for (k = 0; k < jobs; k++) {
		if (p->cmd[k] != -1)
			close(p->cmd[k]);
		if (p->pfd[k].fd != -1)
			close(p->pfd[k].fd);
		if (p->pids[k] > 0)
			waitpid(p->pids[k], NULL, 0);
		hp_buf_release(&p->line[k]);
	}
	free(p->pfd);
	free(p->line);
	free(p->pids);
	free(p->cmd);
	return r;
}

int
hp_fleet_run(const struct hp_policy *pol, const struct hp_fleet *f,
    int jobs, void (*progress)(void *, size_t, size_t), void *parg,
    struct hp_fleet_result **results, struct hp_error *e)
{
	struct pool p;
	size_t i;
	int r = 0;

	memset(&p, 0, sizeof(p));
	p.pol = pol;
	p.f = f;
	p.progress = progress;
	p.parg = parg;
	p.res = *results = hp_calloc(f->n + 1, sizeof(*p.res));
	p.have = hp_calloc(f->n + 1, 1);
	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > f->n)
		jobs = (int)f->n;
	if (jobs == 1)
		run_here(&p);
	else
		r = run_workers(&p, jobs, e);
	/* A machine whose worker died gets an error, not a silent gap. */
	for (i = 0; r == 0 && i < f->n; i++)
		if (!p.have[i])
			fleet_result_error(&p.res[i], "worker ended before "
			    "checking this machine");
	free(p.have);
	return r;
}
