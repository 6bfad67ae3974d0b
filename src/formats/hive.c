#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <hivex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "file.h"
#include "hive.h"
#include "hive_digest.h"
#include "hook.h"
#include "limits.h"
#include "mount.h"
#include "regf.h"
#include "text.h"

/* A (key, value) whose final state commit re-reads and compares. */
struct check {
	struct hp_path	 key;		/* relative to the hive root */
	char		*name;		/* NULL: the key itself */
};

/*
 * The subkeys of one key sorted by name, so that finding a child is a
 * binary search: hivex_node_get_child decodes and compares every sibling,
 * which makes importing into a key with 50,000 subkeys quadratic.
 */
struct kid {
	char		*name;	/* first: see name_search */
	hive_node_h	 node;
};

struct kidx {
	hive_node_h	 parent;	/* 0: free slot */
	struct kid	*v;
	size_t		 n, cap;
};

struct hp_hive {
	hive_h			*h;
	/* Child indexes, an open-addressing table keyed by parent offset. */
	struct kidx		*idx;
	size_t			 nidx, capidx;
	char			*path;
	unsigned		 flags;
	int			 lock_fd;
	int			 has_mount;
	struct hp_path		 mount;
	struct hp_regf_info	 info;
	/* Changes made in memory since open. */
	uint64_t		*touched;	/* nk offsets to stamp */
	size_t			 ntouched, captouched;
	struct check		*checks;
	size_t			 nchecks, capchecks;
	int			 changed;
	/* Between commit_prepare and commit_finish: the verified image. */
	int			 pend_fd;
	char			*pend_tmp;
	/* After commit_finish: a link to the replaced file, for undo. */
	char			*undo;
};

/* libhivex reports corruption through errno; say what it means. */
static const char *
hivex_reason(int err)
{
	switch (err) {
	case 0:		return "corrupt hive";
	case EFAULT:	return "an offset points outside the hive bins";
	case EINVAL:	return "a cell is not what the structure says it is";
	case ENOTSUP:	return "a structure libhivex does not support";
	case ERANGE:	return "a count or size beyond libhivex's limits";
	case ELOOP:	return "subkey lists loop";
	case EILSEQ:	return "a name is not valid UTF-16";
	default:	return strerror(err);
	}
}

static void	kidx_free_all(struct hp_hive *);

static int
hivex_err(struct hp_error *e, const struct hp_hive *hv, const char *what,
    hive_node_h node)
{
	return hp_error_set(e, HP_EXIT_INPUT, "%s: %s (key at offset 0x%zx): "
	    "%s", hv->path, what, node, hivex_reason(errno));
}

/* Takes the advisory write lock on the file that is at path now. */
static int
lock_hive(struct hp_hive *hv, struct hp_error *e)
{
	struct stat a, b;
	int tries;

	for (tries = 0; tries < 100; tries++) {
		int fd = open(hv->path, O_RDONLY);

		if (fd == -1)
			return hp_error_errno(e, HP_EXIT_INPUT, "%s",
			    hv->path);
		if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
			int err = errno;

			close(fd);
			if (err == EWOULDBLOCK)
				return hp_error_set(e, HP_EXIT_IO, "%s: another "
				    "process is writing this hive (it holds "
				    "the lock); try again when it is done",
				    hv->path);
			errno = err;
			return hp_error_errno(e, HP_EXIT_IO, "%s: lock",
			    hv->path);
		}
		/* A writer may have renamed a new file in meanwhile. */
		if (fstat(fd, &a) == 0 && stat(hv->path, &b) == 0 &&
		    a.st_ino == b.st_ino && a.st_dev == b.st_dev) {
			hv->lock_fd = fd;
			return 0;
		}
		close(fd);
	}
	return hp_error_set(e, HP_EXIT_IO, "%s: the file keeps changing "
	    "under the lock", hv->path);
}

/* Under the lock: what a killed commit left beside the hive goes. */
static int
sweep_temps(struct hp_hive *hv, struct hp_warnings *w, struct hp_error *e)
{
	int n;

	if (hp_file_sweep_temps(hv->path, &n, e) == -1)
		return -1;
	if (n > 0)
		hp_warn(w, "%s: removed %d temporary file%s an interrupted "
		    "hivepol left", hv->path, n, n == 1 ? "" : "s");
	return 0;
}

static int
check_header(struct hp_hive *hv, struct hp_warnings *w, struct hp_error *e)
{
	unsigned char hdr[HP_REGF_BLOCK];
	struct hp_buf why = HP_BUF_INIT;
	struct stat st;
	ssize_t n;
	int fd, logs, r = 0;

	if ((fd = open(hv->path, O_RDONLY)) == -1)
		return hp_error_errno(e, HP_EXIT_INPUT, "%s", hv->path);
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return hp_error_set(e, HP_EXIT_INPUT, "%s: not a regular file",
		    hv->path);
	}
	n = pread(fd, hdr, sizeof(hdr), 0);
	close(fd);
	if (n < 0)
		return hp_error_errno(e, HP_EXIT_INPUT, "%s", hv->path);
	if (hp_regf_check(hdr, (size_t)n, (uint64_t)st.st_size, hv->path,
	    &hv->info, e) == -1)
		return -1;
	if (hv->info.seq1 != hv->info.seq2)
		hp_buf_addf(&why, "sequence numbers differ (%u/%u)",
		    hv->info.seq1, hv->info.seq2);
	logs = hp_regf_pending_logs(hv->path, &hv->info, &why, w);
	if (why.len == 0)
		goto out;
	if (logs > 0 && hv->info.seq1 == hv->info.seq2)
		hp_error_set(e, HP_EXIT_INPUT, "%s: hive is dirty: transaction "
		    "log %s holds changes not in the file", hv->path, why.buf);
	else
		hp_error_set(e, HP_EXIT_INPUT, "%s: hive is dirty: %s%s",
		    hv->path, why.buf, logs ? " are pending in its logs" : "");
	if ((hv->flags & HP_HIVE_WRITE) && !(hv->flags & HP_HIVE_FORCE)) {
		hp_error_prefix(e, "refusing to write");
		strncat(e->msg, "; replay the logs first (for example with "
		    "regipy-process-transaction-logs) or use --force to write "
		    "anyway and lose them", sizeof(e->msg) - strlen(e->msg) -
		    1);
		r = -1;
	} else {
		hp_warn(w, "%s; reading it as the primary file has it",
		    e->msg);
		hp_error_clear(e);
	}
out:
	hp_buf_release(&why);
	return r;
}

int
hp_hive_open(const char *path, unsigned flags, const struct hp_path *mount,
    struct hp_hive **out, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_hive *hv;
	int r;

	*out = NULL;
	if ((hv = calloc(1, sizeof(*hv))) == NULL ||
	    (hv->path = strdup(path)) == NULL) {
		free(hv);
		return hp_error_errno(e, HP_EXIT_IO, "out of memory");
	}
	hv->flags = flags;
	hv->lock_fd = -1;
	hv->pend_fd = -1;
	if ((flags & HP_HIVE_WRITE) && (lock_hive(hv, e) == -1 ||
	    sweep_temps(hv, w, e) == -1))
		goto fail;
	if (check_header(hv, w, e) == -1)
		goto fail;
	errno = 0;
	hv->h = hivex_open(path, (flags & HP_HIVE_WRITE) ? HIVEX_OPEN_WRITE :
	    0);
	if (hv->h == NULL) {
		hp_error_set(e, HP_EXIT_INPUT, "%s: corrupt hive: libhivex "
		    "cannot open it: %s", path, hivex_reason(errno));
		goto fail;
	}
	if (mount != NULL) {
		r = hp_path_copy(&hv->mount, mount);
		hv->has_mount = 1;
	} else {
		r = hp_mount_detect(hv->info.name, path, &hv->mount);
		hv->has_mount = r == 0;
	}
	if (r == -1) {
		hp_error_errno(e, HP_EXIT_IO, "out of memory");
		goto fail;
	}
	*out = hv;
	return 0;
fail:
	hp_hive_close(hv);
	return -1;
}

void
hp_hive_close(struct hp_hive *hv)
{
	size_t i;

	if (hv == NULL)
		return;
	if (hv->h != NULL)
		hivex_close(hv->h);
	kidx_free_all(hv);
	if (hv->lock_fd != -1)
		close(hv->lock_fd);
	hp_hive_commit_abort(hv);
	hp_hive_commit_done(hv);
	for (i = 0; i < hv->nchecks; i++) {
		hp_path_free(&hv->checks[i].key);
		free(hv->checks[i].name);
	}
	free(hv->checks);
	free(hv->touched);
	hp_path_free(&hv->mount);
	free(hv->path);
	free(hv);
}

const struct hp_path *
hp_hive_mount(const struct hp_hive *hv)
{
	return &hv->mount;
}

int
hp_hive_has_mount(const struct hp_hive *hv)
{
	return hv->has_mount;
}

const char *
hp_hive_path(const struct hp_hive *hv)
{
	return hv->path;
}

/* The view. */

static int	hv_subkeys(void *, hp_node, struct hp_keylist *,
		    struct hp_error *);

static int
hv_root(void *impl, hp_node *out, struct hp_error *e)
{
	struct hp_hive *hv = impl;

	errno = 0;
	if ((*out = hivex_root(hv->h)) == 0)
		return hivex_err(e, hv, "no root key", 0);
	return 0;
}

/* Offline, CurrentControlSet is Select\Current's ControlSet00N. */
static int
current_control_set(struct hp_hive *hv, hive_node_h root, hive_node_h *out)
{
	hive_node_h sel;
	hive_value_h cur;
	hive_type t;
	size_t len;
	char name[32];
	int32_t n;

	errno = 0;
	if ((sel = hivex_node_get_child(hv->h, root, "Select")) == 0 ||
	    (cur = hivex_node_get_value(hv->h, sel, "Current")) == 0 ||
	    hivex_value_type(hv->h, cur, &t, &len) == -1 ||
	    t != hive_t_REG_DWORD || len != 4)
		return 1;
	n = hivex_value_dword(hv->h, cur);
	snprintf(name, sizeof(name), "ControlSet%03d", (int)n);
	*out = hivex_node_get_child(hv->h, root, name);
	return *out ? 0 : 1;
}

/* The child index. */

static size_t
kidx_slot(const struct hp_hive *hv, hive_node_h parent)
{
	/* Offsets are multiples of 8: mix the bits before masking. */
	size_t i = (size_t)((parent >> 3) * 0x9e3779b97f4a7c15ull);

	for (i &= hv->capidx - 1;; i = (i + 1) & (hv->capidx - 1))
		if (hv->idx[i].parent == parent || hv->idx[i].parent == 0)
			return i;
}

static void
kidx_clear(struct kidx *x)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		free(x->v[i].name);
	free(x->v);
	memset(x, 0, sizeof(*x));
}

static void
kidx_free_all(struct hp_hive *hv)
{
	size_t i;

	for (i = 0; i < hv->capidx; i++)
		kidx_clear(&hv->idx[i]);
	free(hv->idx);
	hv->idx = NULL;
	hv->nidx = hv->capidx = 0;
}

static int
kid_cmp(const void *a, const void *b)
{
	return hp_name_cmp(((const struct kid *)a)->name,
	    ((const struct kid *)b)->name);
}

/*
 * Binary search by name in n sorted records of size bytes, each starting
 * with its name pointer: the position of name, or where it would go
 * (*found says which).
 */
static size_t
name_search(const void *base, size_t n, size_t size, const char *name,
    int *found)
{
	size_t lo = 0, hi = n;

	*found = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = hp_name_cmp(*(char *const *)(const void *)
		    ((const char *)base + mid * size), name);

		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t
kidx_search(const struct kidx *x, const char *name, int *found)
{
	return name_search(x->v, x->n, sizeof(*x->v), name, found);
}

/* The index of parent, or NULL if none was built yet. */
static struct kidx *
kidx_find(struct hp_hive *hv, hive_node_h parent)
{
	size_t i;

	if (hv->capidx == 0)
		return NULL;
	i = kidx_slot(hv, parent);
	return hv->idx[i].parent == parent ? &hv->idx[i] : NULL;
}

/* Builds parent's index from libhivex's subkey list. */
static int
kidx_build(struct hp_hive *hv, hive_node_h parent, struct kidx **out,
    struct hp_error *e)
{
	struct kidx x = { parent, NULL, 0, 0 };
	hive_node_h *kids;
	size_t i, n;

	if (hv->nidx + 1 > hv->capidx / 2) {
		struct kidx *old = hv->idx;
		size_t oldcap = hv->capidx, cap = oldcap ? oldcap * 2 : 64;

		if ((hv->idx = calloc(cap, sizeof(*hv->idx))) == NULL) {
			hv->idx = old;
			return hp_error_errno(e, HP_EXIT_IO, "out of memory");
		}
		hv->capidx = cap;
		for (i = 0; i < oldcap; i++)
			if (old[i].parent != 0)
				hv->idx[kidx_slot(hv, old[i].parent)] = old[i];
		free(old);
	}
	errno = 0;
	if ((kids = hivex_node_children(hv->h, parent)) == NULL)
		return hivex_err(e, hv, "cannot read subkeys", parent);
	for (n = 0; kids[n] != 0; n++)
		;
	if ((x.v = calloc(n + 1, sizeof(*x.v))) == NULL) {
		free(kids);
		return hp_error_errno(e, HP_EXIT_IO, "out of memory");
	}
	x.cap = n + 1;
	for (i = 0; i < n; i++, x.n++) {
		errno = 0;
		if ((x.v[i].name = hivex_node_name(hv->h, kids[i])) == NULL) {
			hivex_err(e, hv, "cannot read key name", kids[i]);
			free(kids);
			kidx_clear(&x);
			return -1;
		}
		x.v[i].node = kids[i];
	}
	free(kids);
	qsort(x.v, x.n, sizeof(*x.v), kid_cmp);
	i = kidx_slot(hv, parent);
	hv->idx[i] = x;
	hv->nidx++;
	*out = &hv->idx[i];
	return 0;
}

/* Keeps an index current after libhivex added a subkey. */
static int
kidx_added(struct hp_hive *hv, hive_node_h parent, const char *name,
    hive_node_h node)
{
	struct kidx *x = kidx_find(hv, parent);
	size_t at;
	int found;
	char *dup;

	if (x == NULL)
		return 0;
	if (x->n == x->cap) {
		size_t cap = x->cap * 2;
		struct kid *g = realloc(x->v, cap * sizeof(*g));

		if (g == NULL)
			return -1;
		x->v = g;
		x->cap = cap;
	}
	if ((dup = strdup(name)) == NULL)
		return -1;
	at = kidx_search(x, name, &found);
	memmove(&x->v[at + 1], &x->v[at], (x->n - at) * sizeof(*x->v));
	x->v[at].name = dup;
	x->v[at].node = node;
	x->n++;
	return 0;
}

/*
 * Keeps the indexes current after libhivex deleted node (and its
 * subtree).  Indexes of deeper deleted keys stay behind, unreachable:
 * libhivex never reuses a freed cell, so their offsets cannot come back.
 */
static void
kidx_deleted(struct hp_hive *hv, hive_node_h parent, hive_node_h node)
{
	struct kidx *x = kidx_find(hv, parent);
	size_t i;

	if (x != NULL)
		for (i = 0; i < x->n; i++)
			if (x->v[i].node == node) {
				free(x->v[i].name);
				memmove(&x->v[i], &x->v[i + 1], (x->n - i - 1) *
				    sizeof(*x->v));
				x->n--;
				break;
			}
	/* Its own index stays in its slot (removing breaks probe chains). */
	if ((x = kidx_find(hv, node)) != NULL) {
		for (i = 0; i < x->n; i++)
			free(x->v[i].name);
		x->n = 0;
	}
}

static int
hv_child(void *impl, hp_node key, const char *name, hp_node *out,
    struct hp_error *e)
{
	struct hp_hive *hv = impl;
	struct kidx *x;
	hive_node_h n = 0;
	size_t at;
	int found;

	if ((x = kidx_find(hv, (hive_node_h)key)) == NULL &&
	    kidx_build(hv, (hive_node_h)key, &x, e) == -1)
		return -1;
	at = kidx_search(x, name, &found);
	if (found)
		n = x->v[at].node;
	if (n == 0 && key == hivex_root(hv->h) &&
	    hp_name_eq(name, "CurrentControlSet") &&
	    current_control_set(hv, (hive_node_h)key, &n) == 0) {
		*out = n;
		return 0;
	}
	if (n == 0)
		return 1;
	*out = n;
	return 0;
}

static int
node_cmp(const void *a, const void *b)
{
	hive_node_h x = *(const hive_node_h *)a, y = *(const hive_node_h *)b;

	return (x > y) - (x < y);
}

/* A key listed twice would make a walk revisit (or loop through) it. */
static int
listed_twice(const hive_node_h *kids)
{
	hive_node_h *copy;
	size_t n, i;
	int dup = 0;

	for (n = 0; kids[n] != 0; n++)
		;
	if (n < 2 || (copy = malloc(n * sizeof(*copy))) == NULL)
		return 0;
	memcpy(copy, kids, n * sizeof(*copy));
	qsort(copy, n, sizeof(*copy), node_cmp);
	for (i = 1; i < n && !dup; i++)
		dup = copy[i] == copy[i - 1];
	free(copy);
	return dup;
}

/*
 * 1 if the names of l from index i on are strictly increasing.  Then no
 * key is listed twice (it would bring its name twice), which spares the
 * sort of listed_twice for the lists of any hive Windows wrote.
 */
static int
names_increase(const struct hp_keylist *l, size_t i)
{
	for (i++; i < l->n; i++)
		if (hp_name_cmp(l->v[i - 1].name, l->v[i].name) >= 0)
			return 0;
	return 1;
}

static int
hv_subkeys(void *impl, hp_node key, struct hp_keylist *out,
    struct hp_error *e)
{
	struct hp_hive *hv = impl;
	hive_node_h *kids;
	size_t i, start = out->n;
	int r = 0;

	errno = 0;
	if ((kids = hivex_node_children(hv->h, (hive_node_h)key)) == NULL)
		return hivex_err(e, hv, "cannot read subkeys", key);
	for (i = 0; kids[i] != 0 && r == 0; i++) {
		char *name;

		errno = 0;
		if ((name = hivex_node_name(hv->h, kids[i])) == NULL) {
			r = hivex_err(e, hv, "cannot read key name", kids[i]);
			break;
		}
		/* A subkey that names another parent is a corrupt list. */
		if (hivex_node_parent(hv->h, kids[i]) != (hive_node_h)key) {
			r = hp_error_set(e, HP_EXIT_INPUT, "%s: corrupt hive: "
			    "key \"%s\" at offset 0x%zx is listed under the "
			    "key at 0x%zx but names 0x%zx as its parent",
			    hv->path, name, kids[i], (size_t)key,
			    hivex_node_parent(hv->h, kids[i]));
			free(name);
			break;
		}
		if (hp_keylist_take(out, name, kids[i]) == -1)
			r = hp_error_errno(e, HP_EXIT_IO, "out of memory");
	}
	/* A key listed twice is the error to report, before any other. */
	if ((r != 0 || !names_increase(out, start)) && listed_twice(kids)) {
		while (out->n > start)
			free(out->v[--out->n].name);
		r = hp_error_set(e, HP_EXIT_INPUT, "%s: corrupt hive: the "
		    "subkey list of the key at offset 0x%zx names a key twice",
		    hv->path, (size_t)key);
	}
	free(kids);
	return r;
}

static int
read_value(struct hp_hive *hv, hive_value_h vh, struct hp_value *out,
    struct hp_error *e)
{
	hive_type t;
	size_t len;
	char *data;

	errno = 0;
	if ((data = hivex_value_value(hv->h, vh, &t, &len)) == NULL &&
	    (errno != 0 || len != 0))
		return hp_error_set(e, HP_EXIT_INPUT, "%s: cannot read value "
		    "data (value at offset 0x%zx): %s", hv->path, vh,
		    hivex_reason(errno));
	free(out->data);
	out->type = (uint32_t)t;
	out->len = len;
	out->data = (unsigned char *)data;
	return 0;
}

static int
hv_values(void *impl, hp_node key, struct hp_vallist *out,
    struct hp_error *e)
{
	struct hp_hive *hv = impl;
	hive_value_h *vals;
	size_t i;
	int r = 0;

	errno = 0;
	if ((vals = hivex_node_values(hv->h, (hive_node_h)key)) == NULL)
		return hivex_err(e, hv, "cannot read values", key);
	for (i = 0; vals[i] != 0 && r == 0; i++) {
		struct hp_value v = HP_VALUE_INIT;
		char *name;

		errno = 0;
		if ((name = hivex_value_key(hv->h, vals[i])) == NULL) {
			r = hivex_err(e, hv, "cannot read value name", key);
			break;
		}
		if ((r = read_value(hv, vals[i], &v, e)) == -1)
			free(name);
		else if (hp_vallist_take(out, name, &v) == -1)
			r = hp_error_errno(e, HP_EXIT_IO, "out of memory");
	}
	free(vals);
	return r;
}

static int
hv_value(void *impl, hp_node key, const char *name, struct hp_value *out,
    struct hp_error *e)
{
	struct hp_hive *hv = impl;
	hive_value_h vh;

	errno = 0;
	vh = hivex_node_get_value(hv->h, (hive_node_h)key, name);
	if (vh == 0)
		return errno ? hivex_err(e, hv, "cannot read values", key) : 1;
	return read_value(hv, vh, out, e);
}

static int64_t
hv_mtime(void *impl, hp_node key)
{
	struct hp_hive *hv = impl;
	int64_t t = hivex_node_timestamp(hv->h, (hive_node_h)key);

	return t < 0 ? 0 : t;
}

static const struct hp_view_ops hive_view_ops = {
	hv_root, hv_child, hv_subkeys, hv_values, hv_value, hv_mtime
};

void
hp_hive_view(struct hp_hive *hv, struct hp_view *v)
{
	v->ops = &hive_view_ops;
	v->impl = hv;
	v->mount = hv->mount;
	v->source = hv->path;
	v->whole = 0;
	v->mounted = hv->has_mount;
}

/* Writing. */

static int
touch(struct hp_hive *hv, hive_node_h node)
{
	if (hv->ntouched == hv->captouched) {
		size_t cap = hv->captouched ? hv->captouched * 2 : 64;
		uint64_t *g = realloc(hv->touched, cap * sizeof(*g));

		if (g == NULL)
			return -1;
		hv->touched = g;
		hv->captouched = cap;
	}
	hv->touched[hv->ntouched++] = node;
	hv->changed = 1;
	return 0;
}

static int
add_check(struct hp_hive *hv, const struct hp_path *rel, size_t n,
    const char *name)
{
	struct check *c;
	size_t i;

	if (hv->nchecks == hv->capchecks) {
		size_t cap = hv->capchecks ? hv->capchecks * 2 : 64;
		struct check *g = realloc(hv->checks, cap * sizeof(*g));

		if (g == NULL)
			return -1;
		hv->checks = g;
		hv->capchecks = cap;
	}
	c = &hv->checks[hv->nchecks];
	memset(c, 0, sizeof(*c));
	for (i = 0; i < n; i++)
		if (hp_path_push(&c->key, rel->comps[i]) == -1)
			goto fail;
	if (name != NULL && (c->name = strdup(name)) == NULL)
		goto fail;
	hv->nchecks++;
	return 0;
fail:
	hp_path_free(&c->key);
	return -1;
}

static int
check_key_name(const struct hp_hive *hv, const char *name, struct hp_error *e)
{
	if (strlen(name) > HP_MAX_KEY_NAME)
		return hp_limit_error(e, hv->path, "key name length",
		    strlen(name), HP_MAX_KEY_NAME);
	/*
	 * libhivex sorts and hashes subkeys by their UTF-8 bytes, which
	 * Windows misreads for non-ASCII names (formats.md §E.8); the commit
	 * re-sorts such lists (hp_regf_fixup).  A backslash never belongs
	 * in a name, nor does a NUL.
	 */
	if (*name == '\0' || strchr(name, '\\') != NULL)
		return hp_error_set(e, HP_EXIT_INPUT, "%s: invalid key name "
		    "\"%s\"", hv->path, name);
	return 0;
}

/* Checks what libhivex can write for one SET_VALUE. */
static int
check_set(const struct hp_hive *hv, const struct hp_op *op,
    struct hp_error *e)
{
	if (strlen(op->name) > HP_MAX_VALUE_NAME)
		return hp_limit_error(e, hv->path, "value name length",
		    strlen(op->name), HP_MAX_VALUE_NAME);
	/* libhivex allocates the data as one cell of at most 1,000,000. */
	if (op->value.len > 1000000 - 8)
		return hp_error_set(e, HP_EXIT_INPUT, "%s: value \"%s\" has "
		    "%zu bytes; libhivex cannot write more than 999,992 bytes "
		    "of data", hv->path, op->name, op->value.len);
	return 0;
}

static int
set_value(struct hp_hive *hv, hive_node_h node, const struct hp_op *op,
    struct hp_apply_stats *st, struct hp_error *e)
{
	hive_set_value sv;
	hive_value_h old;

	errno = 0;
	old = hivex_node_get_value(hv->h, node, op->name);
	if (old != 0) {
		struct hp_value cur = HP_VALUE_INIT;
		int same;

		if (op->kind == HP_OP_SET_VALUE_SOFT) {
			st->unchanged++;
			return 0;
		}
		if (read_value(hv, old, &cur, e) == -1)
			return -1;
		same = hp_value_equal(&cur, &op->value);
		hp_value_free(&cur);
		if (same) {
			st->unchanged++;
			return 0;
		}
	}
	if (check_set(hv, op, e) == -1)
		return -1;
	sv.key = op->name;
	sv.t = (hive_type)op->value.type;
	sv.len = op->value.len;
	sv.value = (char *)op->value.data;
	errno = 0;
	if (hivex_node_set_value(hv->h, node, &sv, 0) == -1)
		return hivex_err(e, hv, "cannot set value", node);
	st->values_set++;
	return touch(hv, node);
}

/* Rewrites the key's values without those matching name (NULL: all). */
static int
delete_values(struct hp_hive *hv, hive_node_h node, const char *name,
    size_t *deleted, struct hp_error *e)
{
	hive_value_h *vals;
	hive_set_value *keep;
	size_t i, n, nkeep = 0;
	int r = 0;

	*deleted = 0;
	errno = 0;
	if ((vals = hivex_node_values(hv->h, node)) == NULL)
		return hivex_err(e, hv, "cannot read values", node);
	for (n = 0; vals[n] != 0; n++)
		;
	if ((keep = calloc(n + 1, sizeof(*keep))) == NULL) {
		free(vals);
		return hp_error_errno(e, HP_EXIT_IO, "out of memory");
	}
	for (i = 0; i < n && r == 0; i++) {
		char *k = hivex_value_key(hv->h, vals[i]);

		if (k == NULL) {
			r = hivex_err(e, hv, "cannot read value name", node);
			break;
		}
		if (name == NULL || hp_name_eq(k, name)) {
			free(k);
			(*deleted)++;
			continue;
		}
		keep[nkeep].key = k;
		keep[nkeep].value = hivex_value_value(hv->h, vals[i],
		    &keep[nkeep].t, &keep[nkeep].len);
		if (keep[nkeep].value == NULL && keep[nkeep].len != 0) {
			free(k);
			r = hivex_err(e, hv, "cannot read value", node);
			break;
		}
		nkeep++;
	}
	if (r == 0 && *deleted > 0 &&
	    hivex_node_set_values(hv->h, node, nkeep, keep, 0) == -1)
		r = hivex_err(e, hv, "cannot rewrite values", node);
	if (r == 0 && *deleted > 0)
		r = touch(hv, node);
	for (i = 0; i < nkeep; i++) {
		free(keep[i].key);
		free(keep[i].value);
	}
	free(keep);
	free(vals);
	return r;
}

/*
 * Finds the key at the first n components of rel, creating missing keys
 * if create is set.  Returns 0, 1 if absent (and not created), -1.
 */
static int
find_key(struct hp_hive *hv, const struct hp_path *rel, size_t n, int create,
    struct hp_apply_stats *st, hp_node *out, struct hp_error *e)
{
	hp_node node = 0, kid = 0;
	size_t i;
	int r;

	if (hv_root(hv, &node, e) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if ((r = hv_child(hv, node, rel->comps[i], &kid, e)) == -1)
			return -1;
		if (r == 1 && !create)
			return 1;
		if (r == 1) {
			if (check_key_name(hv, rel->comps[i], e) == -1)
				return -1;
			errno = 0;
			kid = hivex_node_add_child(hv->h, (hive_node_h)node,
			    rel->comps[i]);
			if (kid == 0)
				return hivex_err(e, hv, "cannot add subkey",
				    node);
			if (kidx_added(hv, node, rel->comps[i], kid) == -1)
				return hp_error_errno(e, HP_EXIT_IO, "out of "
				    "memory");
			st->keys_created++;
			if (touch(hv, node) == -1 || touch(hv, kid) == -1 ||
			    add_check(hv, rel, i + 1, NULL) == -1)
				return hp_error_errno(e, HP_EXIT_IO, "out of "
				    "memory");
		}
		node = kid;
	}
	*out = node;
	return 0;
}

static int
apply_op(struct hp_hive *hv, const struct hp_op *op,
    const struct hp_path *rel, struct hp_apply_stats *st,
    struct hp_error *e)
{
	hp_node node = 0, kid = 0;
	size_t n = rel->n, deleted;
	int create = op->kind == HP_OP_CREATE_KEY ||
	    op->kind == HP_OP_SET_VALUE || op->kind == HP_OP_SET_VALUE_SOFT;
	int r;

	if (op->kind == HP_OP_DELETE_KEY) {
		if (n == 0)
			return hp_error_set(e, HP_EXIT_INPUT, "%s: refusing to "
			    "delete the hive's root key", hv->path);
		n--;
	}
	if ((r = find_key(hv, rel, n, create, st, &node, e)) != 0) {
		if (r == 1)
			st->unchanged++;
		return r == 1 ? 0 : -1;
	}
	switch (op->kind) {
	case HP_OP_CREATE_KEY:
		return 0;
	case HP_OP_SET_VALUE:
	case HP_OP_SET_VALUE_SOFT:
		r = set_value(hv, node, op, st, e);
		break;
	case HP_OP_DELETE_VALUE:
	case HP_OP_DELETE_VALUES:
		r = delete_values(hv, node, op->kind == HP_OP_DELETE_VALUE ?
		    op->name : NULL, &deleted, e);
		if (r == 0 && deleted == 0)
			st->unchanged++;
		st->values_deleted += deleted;
		if (r == 0 && deleted > 0 && op->kind == HP_OP_DELETE_VALUE)
			r = add_check(hv, rel, n, op->name);
		break;
	case HP_OP_DELETE_KEY:
		if ((r = hv_child(hv, node, rel->comps[n], &kid, e)) != 0) {
			if (r == 1)
				st->unchanged++;
			return r == 1 ? 0 : -1;
		}
		errno = 0;
		if (hivex_node_delete_child(hv->h, (hive_node_h)kid) == -1)
			return hivex_err(e, hv, "cannot delete key", kid);
		kidx_deleted(hv, node, kid);
		st->keys_deleted++;
		r = touch(hv, node) == 0 && add_check(hv, rel, n + 1,
		    NULL) == 0 ? 0 : hp_error_errno(e, HP_EXIT_IO,
		    "out of memory");
		return r;
	}
	if (r == 0 && (op->kind == HP_OP_SET_VALUE ||
	    op->kind == HP_OP_SET_VALUE_SOFT) &&
	    add_check(hv, rel, n, op->name) == -1)
		r = hp_error_errno(e, HP_EXIT_IO, "out of memory");
	return r;
}

struct ordent {
	char		*name;	/* first: see name_search */
	size_t		 i;	/* index into setv.v */
};

struct setv {
	hive_set_value	*v;	/* the key's values, in their order */
	struct ordent	*ord;	/* the same, sorted by name */
	size_t		 n;
};

static size_t
setv_search(const struct setv *sv, const char *name, int *found)
{
	return name_search(sv->ord, sv->n, sizeof(*sv->ord), name, found);
}

static int
ordent_cmp(const void *a, const void *b)
{
	return hp_name_cmp(((const struct ordent *)a)->name,
	    ((const struct ordent *)b)->name);
}

/*
 * Applies k SET_VALUE operations on one key with a single rewrite of its
 * values: libhivex rewrites all of a key's values on every change, so
 * setting them one by one costs (and grows the file) quadratically.
 */
static int
set_values(struct hp_hive *hv, const struct hp_op *ops, size_t k,
    const struct hp_path *rel, struct hp_apply_stats *st,
    struct hp_error *e)
{
	struct setv sv = { NULL, NULL, 0 };
	hive_value_h *vals = NULL;
	hp_node node;
	size_t i, m, changed = 0;
	int r;

	for (i = 0; i < k; i++)
		if (check_set(hv, &ops[i], e) == -1)
			return -1;
	if ((r = find_key(hv, rel, rel->n, 1, st, &node, e)) != 0)
		return -1;
	errno = 0;
	if ((vals = hivex_node_values(hv->h, node)) == NULL)
		return hivex_err(e, hv, "cannot read values", node);
	for (m = 0; vals[m] != 0; m++)
		;
	if ((sv.v = calloc(m + k + 1, sizeof(*sv.v))) == NULL ||
	    (sv.ord = calloc(m + k + 1, sizeof(*sv.ord))) == NULL) {
		r = hp_error_errno(e, HP_EXIT_IO, "out of memory");
		goto out;
	}
	for (i = 0; i < m; i++, sv.n++) {
		errno = 0;
		if ((sv.v[i].key = hivex_value_key(hv->h, vals[i])) == NULL ||
		    ((sv.v[i].value = hivex_value_value(hv->h, vals[i],
		    &sv.v[i].t, &sv.v[i].len)) == NULL && sv.v[i].len != 0)) {
			sv.n++;
			r = hivex_err(e, hv, "cannot read value", node);
			goto out;
		}
		sv.ord[i].name = sv.v[i].key;
		sv.ord[i].i = i;
	}
	qsort(sv.ord, sv.n, sizeof(*sv.ord), ordent_cmp);
	for (i = 0; i < k; i++) {
		const struct hp_op *op = &ops[i];
		struct hp_value cur = HP_VALUE_INIT;
		hive_set_value *hs;
		size_t at;
		int found;
		char *data = NULL;

		at = setv_search(&sv, op->name, &found);
		if (found) {
			hs = &sv.v[sv.ord[at].i];
			cur.type = (uint32_t)hs->t;
			cur.len = hs->len;
			cur.data = (unsigned char *)hs->value;
			if (hp_value_equal(&cur, &op->value)) {
				st->unchanged++;
				continue;
			}
		} else {
			hs = &sv.v[sv.n];
			if ((hs->key = strdup(op->name)) == NULL) {
				r = hp_error_errno(e, HP_EXIT_IO, "out of "
				    "memory");
				goto out;
			}
			memmove(&sv.ord[at + 1], &sv.ord[at], (sv.n - at) *
			    sizeof(*sv.ord));
			sv.ord[at].name = hs->key;
			sv.ord[at].i = sv.n++;
		}
		if (op->value.len > 0 &&
		    (data = malloc(op->value.len)) == NULL) {
			r = hp_error_errno(e, HP_EXIT_IO, "out of memory");
			goto out;
		}
		if (op->value.len > 0)
			memcpy(data, op->value.data, op->value.len);
		free(hs->value);
		hs->value = data;
		hs->len = op->value.len;
		hs->t = (hive_type)op->value.type;
		st->values_set++;
		changed++;
		if (add_check(hv, rel, rel->n, op->name) == -1) {
			r = hp_error_errno(e, HP_EXIT_IO, "out of memory");
			goto out;
		}
	}
	r = 0;
	errno = 0;
	if (changed > 0 && hivex_node_set_values(hv->h, node, sv.n, sv.v,
	    0) == -1)
		r = hivex_err(e, hv, "cannot set values", node);
	if (r == 0 && changed > 0 && touch(hv, node) == -1)
		r = hp_error_errno(e, HP_EXIT_IO, "out of memory");
out:
	for (i = 0; i < sv.n; i++) {
		free(sv.v[i].key);
		free(sv.v[i].value);
	}
	free(sv.v);
	free(sv.ord);
	free(vals);
	return r;
}

int
hp_hive_apply(struct hp_hive *hv, const struct hp_patch *p,
    struct hp_apply_stats *stats, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_apply_stats local = { 0 };
	struct hp_apply_stats *st = stats ? stats : &local;
	struct hp_view view;
	size_t i, k;
	int r;

	if (!(hv->flags & HP_HIVE_WRITE))
		HP_BUG("hp_hive_apply on a read-only hive");
	hp_hive_view(hv, &view);
	for (i = 0; i < p->n; i++) {
		const struct hp_op *op = &p->ops[i];
		struct hp_path rel;

		if ((r = hp_view_op_relative(&view, op, &rel, st, w, e)) ==
		    -1)
			return -1;
		if (r == 1)
			continue;
		/* A run of values set on one key is written at once. */
		for (k = 1; op->kind == HP_OP_SET_VALUE && i + k < p->n &&
		    p->ops[i + k].kind == HP_OP_SET_VALUE &&
		    hp_path_eq(&p->ops[i + k].key, &op->key); k++)
			;
		if (rel.n > HP_MAX_KEY_DEPTH)
			r = hp_limit_error(e, hv->path, "key depth", rel.n,
			    HP_MAX_KEY_DEPTH);
		else if (k > 1)
			r = set_values(hv, op, k, &rel, st, e);
		else
			r = apply_op(hv, op, &rel, st, e);
		i += k - 1;
		hp_path_free(&rel);
		if (r == -1)
			return -1;
	}
	return 0;
}

/* Commit. */

struct expect {
	int		present;
	struct hp_value	value;
};

static int
lookup_rel(struct hp_view *v, const struct hp_path *rel, hp_node *node,
    struct hp_error *e)
{
	size_t i;
	int r = v->ops->root(v->impl, node, e);

	for (i = 0; i < rel->n && r == 0; i++)
		r = v->ops->child(v->impl, *node, rel->comps[i], node, e);
	return r;
}

/* Reads the state of every check from the view v. */
static int
read_checks(struct hp_view *v, const struct check *c, size_t n,
    struct expect *out, struct hp_error *e)
{
	size_t i;

	for (i = 0; i < n; i++) {
		hp_node node;
		int r = lookup_rel(v, &c[i].key, &node, e);

		if (r == 0 && c[i].name != NULL)
			r = v->ops->value(v->impl, node, c[i].name,
			    &out[i].value, e);
		if (r == -1)
			return -1;
		out[i].present = r == 0;
	}
	return 0;
}

/* Opens the written file and compares it with what memory held. */
static int
verify(struct hp_hive *hv, const char *tmp, const struct expect *want,
    struct hp_error *e)
{
	struct hp_hive copy;
	struct expect *got;
	struct hp_view v;
	size_t i;
	int r = 0;

	memset(&copy, 0, sizeof(copy));
	copy.path = (char *)tmp;
	errno = 0;
	if ((copy.h = hivex_open(tmp, 0)) == NULL)
		return hp_error_set(e, HP_EXIT_IO, "%s: the hive written to "
		    "%s does not open: %s; original left unchanged", hv->path,
		    tmp, strerror(errno));
	if ((got = calloc(hv->nchecks + 1, sizeof(*got))) == NULL) {
		hivex_close(copy.h);
		return hp_error_errno(e, HP_EXIT_IO, "out of memory");
	}
	hp_hive_view(&copy, &v);
	if (read_checks(&v, hv->checks, hv->nchecks, got, e) == -1) {
		hp_error_prefix(e, "verifying the written hive");
		r = -1;
	}
	for (i = 0; i < hv->nchecks && r == 0; i++) {
		if (got[i].present == want[i].present &&
		    (!got[i].present || hv->checks[i].name == NULL ||
		    (got[i].value.type == want[i].value.type &&
		    got[i].value.len == want[i].value.len &&
		    (want[i].value.len == 0 || memcmp(got[i].value.data,
		    want[i].value.data, want[i].value.len) == 0))))
			continue;
		char *s = hp_path_str(&hv->checks[i].key);

		r = hp_error_set(e, HP_EXIT_IO, "%s: verification failed: "
		    "%s%s%s%s reads back differently; original left "
		    "unchanged", hv->path, s ? s : "?",
		    hv->checks[i].name ? " \"" : "",
		    hv->checks[i].name ? hv->checks[i].name : "",
		    hv->checks[i].name ? "\"" : "");
		free(s);
	}
	for (i = 0; i < hv->nchecks; i++)
		hp_value_free(&got[i].value);
	free(got);
	kidx_free_all(&copy);
	hivex_close(copy.h);
	return r;
}

static int
u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/*
 * Offsets of vk cells whose data needs big-data records.  libhivex
 * rewrites every value of a key it changes, each into one cell, so all
 * values of every touched key are looked at, not only the ones we set.
 */
static int
find_big_values(struct hp_hive *hv, uint64_t **out, size_t *n,
    struct hp_error *e)
{
	size_t i, j;

	*out = NULL;
	*n = 0;
	if (hv->info.minor < 4)
		return 0;	/* 1.3 hives keep large data in one cell */
	qsort(hv->touched, hv->ntouched, sizeof(*hv->touched), u64_cmp);
	for (i = 0; i < hv->ntouched; i++) {
		hive_value_h *vals;

		if (i > 0 && hv->touched[i] == hv->touched[i - 1])
			continue;
		/* Keys deleted after they were touched fail here: skip. */
		if ((vals = hivex_node_values(hv->h, hv->touched[i])) == NULL)
			continue;
		for (j = 0; vals[j] != 0; j++) {
			hive_type t;
			size_t len;
			uint64_t *g;

			if (hivex_value_type(hv->h, vals[j], &t, &len) == -1 ||
			    len <= HP_REGF_BIG_DATA)
				continue;
			if ((g = realloc(*out, (*n + 1) * sizeof(*g))) ==
			    NULL) {
				free(vals);
				return hp_error_errno(e, HP_EXIT_IO,
				    "out of memory");
			}
			*out = g;
			g[(*n)++] = vals[j];
		}
		free(vals);
	}
	return 0;
}

static int
make_backup(const char *path, struct hp_error *e)
{
	char *bak;
	int r = 0;

	if (asprintf(&bak, "%s.bak", path) == -1)
		return hp_error_errno(e, HP_EXIT_IO, "out of memory");
	if ((unlink(bak) == -1 && errno != ENOENT) || link(path, bak) == -1)
		r = hp_error_errno(e, HP_EXIT_IO, "%s: cannot keep backup",
		    bak);
	free(bak);
	return r;
}

/* Writes img to a new temporary file beside the hive; fsync is apart. */
static int
write_temp(struct hp_hive *hv, const struct hp_buf *img, char **tmp,
    int *fd, struct hp_error *e)
{
	if ((*fd = hp_file_temp(hv->path, tmp, e)) == -1)
		return -1;
	return hp_file_write_all(*fd, img->buf, img->len, *tmp, e);
}

static int
sync_temp(const char *tmp, int fd, struct hp_error *e)
{
	if (hp_hook_fsync(fd) == -1)
		return hp_error_errno(e, HP_EXIT_IO, "%s: fsync", tmp);
	return 0;
}

static void
drop_temp(char **tmp, int *fd)
{
	if (*fd != -1)
		close(*fd);
	if (*tmp != NULL)
		unlink(*tmp);
	free(*tmp);
	*tmp = NULL;
	*fd = -1;
}

/*
 * Where libhivex writes its draft (it takes only a file name): a memory
 * file when /proc can name one, so the draft never reaches the disk or
 * outlives a killed process; otherwise a temporary file beside the hive
 * (*fd stays -1 and the caller unlinks it).
 */
static int
draft_open(struct hp_hive *hv, char **path, int *fd, struct hp_error *e)
{
	int tfd;

	*fd = memfd_create("hivepol-draft", MFD_CLOEXEC);
	if (*fd != -1 && asprintf(path, "/proc/self/fd/%d", *fd) == -1)
		*path = NULL;	/* asprintf leaves it undefined */
	if (*path != NULL && access(*path, W_OK) == 0)
		return 0;
	if (*fd != -1) {
		close(*fd);
		*fd = -1;
	}
	free(*path);
	*path = NULL;
	if ((tfd = hp_file_temp(hv->path, path, e)) == -1)
		return -1;
	close(tfd);
	return 0;
}

/*
 * A digest taken in a second thread while the main one works: of what
 * libhivex holds (h), or of the hive file at name.
 */
struct digest_job {
	hive_h		*h;
	const char	*name;
	uint64_t	 sum;
	int		 r;
	int		 threaded;
	pthread_t	 th;
	struct hp_error	 e;
};

static void *
digest_job_run(void *arg)
{
	struct digest_job *j = arg;

	j->r = j->h ? hp_hive_digest_open(j->h, j->name, &j->sum, &j->e) :
	    hp_hive_digest(j->name, &j->sum, &j->e);
	return NULL;
}

static void
digest_job_start(struct digest_job *j, hive_h *h, const char *name)
{
	memset(j, 0, sizeof(*j));
	j->h = h;
	j->name = name;
	j->threaded = pthread_create(&j->th, NULL, digest_job_run, j) == 0;
}

/* Its result; run here if no thread could be started.  Errors go to ce. */
static int
digest_job_finish(struct digest_job *j, struct hp_error *ce)
{
	if (j->threaded)
		pthread_join(j->th, NULL);
	else
		digest_job_run(j);
	if (j->r == -1)
		*ce = j->e;
	return j->r;
}

/* The draft, mapped read-only (compaction only reads it). */
static int
draft_map(const char *draft, struct hp_buf *out, struct hp_error *e)
{
	struct stat st;
	void *map;
	int fd;

	if ((fd = open(draft, O_RDONLY)) == -1 || fstat(fd, &st) == -1 ||
	    st.st_size <= 0) {
		if (fd != -1)
			close(fd);
		return hp_error_errno(e, HP_EXIT_IO, "%s: libhivex's draft",
		    draft);
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return hp_error_errno(e, HP_EXIT_IO, "%s: libhivex's draft",
		    draft);
	*out = (struct hp_buf){ map, (size_t)st.st_size, 0 };
	return 0;
}

/*
 * Compaction rewrites every cell, so the result must hold exactly what
 * the draft holds: their digests are compared (the draft's is taken from
 * libhivex's handle in a second thread, while this one compacts, writes
 * and verifies).  Returns 1 with the result written to *tmp, 0 (with a
 * warning) when the draft is to be fixed up in place instead (it keeps
 * libhivex's free space), -1 on an error.
 */
static int
compact_draft(struct hp_hive *hv, const struct hp_commit_opts *o,
    const char *draft, const struct expect *want, int64_t now, char **tmp,
    int *fd, struct hp_error *e)
{
	struct digest_job before, after;
	struct hp_buf in, out = HP_BUF_INIT;
	struct hp_error ce = HP_ERROR_INIT;
	struct hp_warnings *w = o ? o->warnings : NULL;
	int r, started = 0;

	if (draft_map(draft, &in, e) == -1)
		return -1;
	digest_job_start(&before, hv->h, hv->path);
	r = hp_regf_compact(&in, &out, hv->touched, hv->ntouched, now,
	    &ce) == 0;
	munmap(in.buf, in.len);
	if (!r)
		hp_warn(w, "%s: %s; keeping libhivex's layout", hv->path,
		    ce.msg);
	if (r && write_temp(hv, &out, tmp, fd, e) == -1)
		r = -1;
	hp_buf_release(&out);
	/* The result's digest, verify and fsync overlap. */
	if (r == 1) {
		digest_job_start(&after, NULL, *tmp);
		started = 1;
	}
	if (r == 1 && (verify(hv, *tmp, want, e) == -1 ||
	    sync_temp(*tmp, *fd, e) == -1))
		r = -1;
	if (digest_job_finish(&before, &ce) == -1 && r == 1)
		r = 0;
	if (started && digest_job_finish(&after, &ce) == -1 && r == 1)
		r = 0;
	if (r == 1 && (before.sum != after.sum || hp_hook_digest_differs())) {
		hp_error_set(&ce, HP_EXIT_IO, "the digests differ");
		r = 0;
	}
	if (r == 0 && *tmp != NULL) {
		hp_warn(w, "%s: compaction did not reproduce the hive: %s; "
		    "keeping libhivex's layout", hv->path, ce.msg);
		drop_temp(tmp, fd);
	}
	return r;
}

int
hp_hive_commit_prepare(struct hp_hive *hv, const struct hp_commit_opts *o,
    struct hp_error *e)
{
	struct hp_buf img = HP_BUF_INIT;
	struct expect *want = NULL;
	struct hp_view v;
	uint64_t *big = NULL;
	size_t nbig = 0, i;
	int64_t now = hp_filetime_now();
	char *draft = NULL, *tmp = NULL;
	int fd = -1, draft_fd = -1, r = -1, compacted;

	if (!hv->changed || hv->pend_tmp != NULL)
		return 0;
	if ((want = calloc(hv->nchecks + 1, sizeof(*want))) == NULL) {
		hp_error_errno(e, HP_EXIT_IO, "out of memory");
		goto out;
	}
	hp_hive_view(hv, &v);
	if (read_checks(&v, hv->checks, hv->nchecks, want, e) == -1 ||
	    find_big_values(hv, &big, &nbig, e) == -1)
		goto out;

	/* libhivex writes a draft; we finish it in memory. */
	if (draft_open(hv, &draft, &draft_fd, e) == -1)
		goto out;
	errno = 0;
	if (hivex_commit(hv->h, draft, 0) == -1) {
		hp_error_errno(e, HP_EXIT_IO, "%s: libhivex cannot write the "
		    "new hive", hv->path);
		goto out;
	}
	if ((compacted = compact_draft(hv, o, draft, want, now, &tmp, &fd,
	    e)) == -1)
		goto out;
	if (!compacted && hp_file_read(draft, SIZE_MAX / 2, &img, e) == -1)
		goto out;
	if (!compacted &&
	    (hp_regf_fixup(&img, hv->touched, hv->ntouched, big, nbig, now,
	    e) == -1 || write_temp(hv, &img, &tmp, &fd, e) == -1 ||
	    sync_temp(tmp, fd, e) == -1 || verify(hv, tmp, want, e) == -1))
		goto out;
	hv->pend_fd = fd;
	hv->pend_tmp = tmp;
	fd = -1;
	tmp = NULL;
	r = 0;
out:
	drop_temp(&tmp, &fd);
	if (draft_fd != -1)
		close(draft_fd);
	else if (draft != NULL)
		unlink(draft);
	free(draft);
	free(big);
	if (want != NULL)
		for (i = 0; i < hv->nchecks; i++)
			hp_value_free(&want[i].value);
	free(want);
	hp_buf_release(&img);
	return r;
}

/* A hard link to the file about to be replaced, so finish can be undone. */
static int
keep_undo(struct hp_hive *hv, struct hp_error *e)
{
	char *name;
	int fd;

	if ((fd = hp_file_temp(hv->path, &name, e)) == -1)
		return -1;
	close(fd);
	if (unlink(name) == -1 || link(hv->path, name) == -1) {
		hp_error_errno(e, HP_EXIT_IO, "%s: cannot keep a copy for "
		    "undo", hv->path);
		unlink(name);
		free(name);
		return -1;
	}
	hv->undo = name;
	return 0;
}

int
hp_hive_commit_finish(struct hp_hive *hv, const struct hp_commit_opts *o,
    struct hp_error *e)
{
	int r;

	if (hv->pend_tmp == NULL)
		return 0;
	if ((o != NULL && o->backup && make_backup(hv->path, e) == -1) ||
	    keep_undo(hv, e) == -1) {
		hp_hive_commit_abort(hv);
		return -1;
	}
	r = hp_file_commit_temp(hv->pend_fd, hv->pend_tmp, hv->path, e);
	/* closed (and the temporary removed on failure) by commit_temp */
	hv->pend_fd = -1;
	free(hv->pend_tmp);
	hv->pend_tmp = NULL;
	if (r == -1) {
		hp_hive_commit_done(hv);
		return -1;
	}
	hv->changed = 0;
	return 0;
}

void
hp_hive_commit_abort(struct hp_hive *hv)
{
	if (hv->pend_fd != -1)
		close(hv->pend_fd);
	hv->pend_fd = -1;
	if (hv->pend_tmp != NULL)
		unlink(hv->pend_tmp);
	free(hv->pend_tmp);
	hv->pend_tmp = NULL;
}

int
hp_hive_commit_undo(struct hp_hive *hv, struct hp_error *e)
{
	if (hv->undo == NULL)
		return 0;
	if (hp_hook_rename(hv->undo, hv->path) == -1)
		return hp_error_errno(e, HP_EXIT_IO, "%s: cannot restore the "
		    "original from %s", hv->path, hv->undo);
	free(hv->undo);
	hv->undo = NULL;
	return hp_file_sync_dir(hv->path, e);
}

void
hp_hive_commit_done(struct hp_hive *hv)
{
	if (hv->undo != NULL)
		unlink(hv->undo);
	free(hv->undo);
	hv->undo = NULL;
}

int
hp_hive_commit(struct hp_hive *hv, const struct hp_commit_opts *o,
    struct hp_error *e)
{
	if (hp_hive_commit_prepare(hv, o, e) == -1 ||
	    hp_hive_commit_finish(hv, o, e) == -1)
		return -1;
	hp_hive_commit_done(hv);
	return 0;
}

int
hp_hive_create(const char *path, const struct hp_path *mount,
    struct hp_error *e)
{
	struct hp_buf img = HP_BUF_INIT;
	const char *fname = mount ? hp_mount_file_name(mount) : NULL;
	struct stat st;
	char *emb = NULL;
	int r;

	if (lstat(path, &st) == 0)
		return hp_error_set(e, HP_EXIT_INPUT, "%s: already exists; "
		    "refusing to overwrite it", path);
	/* The embedded name is how the mount is found again later. */
	if (fname != NULL && asprintf(&emb, "\\SystemRoot\\System32\\Config\\"
	    "%s", fname) == -1)
		return hp_error_errno(e, HP_EXIT_IO, "out of memory");
	r = hp_regf_new(&img, emb ? emb : path, hp_filetime_now(), e);
	if (r == 0)
		r = hp_file_write_atomic(path, img.buf, img.len, e);
	free(emb);
	hp_buf_release(&img);
	return r;
}
