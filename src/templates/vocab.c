/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Loading a PolicyDefinitions folder and indexing it backwards: every
 * registry value a policy, its lists or its elements write, keyed by key
 * and value name, and every category by namespace and name, so that a
 * parent reference into another ADMX ("windows:WindowsComponents")
 * resolves as the editor resolves it.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/dir.h"
#include "core/error.h"
#include "core/hash.h"
#include "templates/template.h"
#include "templates/vocab.h"
#include "templates/vocab_impl.h"


static void
map_rehash(struct hp_vocab_map *m)
{
	size_t i, j;

	free(m->slot);
	m->nslots = m->nslots ? m->nslots * 2 : 256;
	m->slot = hp_calloc(m->nslots, sizeof(*m->slot));
	for (i = 0; i < m->n; i++) {
		if (m->v[i].key == NULL)
			continue;	/* chained behind its key's first */
		j = hp_hash_fnv1a(m->v[i].key) & (m->nslots - 1);
		while (m->slot[j] != 0)
			j = (j + 1) & (m->nslots - 1);
		m->slot[j] = i + 1;
	}
}

/* The slot of key: its first entry, or the empty slot where it goes. */
static size_t
map_slot(const struct hp_vocab_map *m, const char *key)
{
	size_t j = hp_hash_fnv1a(key) & (m->nslots - 1);

	while (m->slot[j] != 0 && strcmp(m->v[m->slot[j] - 1].key, key) != 0)
		j = (j + 1) & (m->nslots - 1);
	return j;
}

size_t
hp_vocab_map_find(const struct hp_vocab_map *m, const char *key)
{
	return m->nslots == 0 ? 0 : m->slot[map_slot(m, key)];
}

/*
 * Adds key -> val.  The first entry of a key owns the key and sits in a
 * slot; later ones (key NULL) hang off it in order, its tail the last.
 */
static void
map_add(struct hp_vocab_map *m, const char *key, size_t val)
{
	struct hp_vocab_ent *first;
	size_t j;

	if (2 * (m->n + 1) > m->nslots)
		map_rehash(m);
	HP_ALLOC_GROW(m->v, m->n + 1, m->cap);
	m->v[m->n].val = val;
	m->v[m->n].next = 0;
	m->v[m->n].tail = m->n;
	j = map_slot(m, key);
	if (m->slot[j] == 0) {
		m->v[m->n].key = hp_strdup(key);
		m->slot[j] = ++m->n;
		return;
	}
	m->v[m->n].key = NULL;
	first = &m->v[m->slot[j] - 1];
	m->v[first->tail].next = m->n + 1;
	first->tail = m->n++;
}

static void
map_free(struct hp_vocab_map *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->v[i].key);
	free(m->v);
	free(m->slot);
}

static char
upper(char c)
{
	return c >= 'a' && c <= 'z' ? c - 32 : c;
}

void
hp_vocab_norm(const char *key, const char *name, struct hp_buf *out)
{
	size_t kl = strlen(key), nl = name ? strlen(name) : 0;
	const char *s;
	char *d;

	hp_buf_reset(out);
	hp_buf_grow(out, kl + nl + 1);
	d = out->buf;
	for (s = key; *s != '\0'; s++)
		if (*s != '\\' || (d > out->buf && d[-1] != '\\'))
			*d++ = upper(*s);
	if (d > out->buf && d[-1] == '\\')
		d--;
	*d++ = '\n';
	for (s = name; s != NULL && *s != '\0'; s++)
		*d++ = upper(*s);
	*d = '\0';
	out->len = (size_t)(d - out->buf);
}

const char *
hp_vocab_ref_ns(const struct hp_tmpl *t, const char *ref, const char **name)
{
	const char *colon = strchr(ref, ':');
	size_t i, n;

	*name = colon ? colon + 1 : ref;
	if (colon == NULL)
		return t->target.ns ? t->target.ns : "";
	n = (size_t)(colon - ref);
	if (t->target.prefix != NULL && strlen(t->target.prefix) == n &&
	    strncmp(t->target.prefix, ref, n) == 0)
		return t->target.ns ? t->target.ns : "";
	for (i = 0; i < t->nusings; i++)
		if (t->usings[i].prefix != NULL && t->usings[i].ns != NULL &&
		    strlen(t->usings[i].prefix) == n &&
		    strncmp(t->usings[i].prefix, ref, n) == 0)
			return t->usings[i].ns;
	return NULL;
}

static void
add_ref(struct hp_vocab *v, struct hp_buf *k, const char *key,
    const char *name, const struct hp_vocab_ref *r)
{
	hp_vocab_norm(key, name, k);
	HP_ALLOC_GROW(v->refs, v->nrefs + 1, v->refcap);
	v->refs[v->nrefs] = *r;
	map_add(&v->values, k->buf, v->nrefs++);
}

/* Every item of a value list, under its own key or the list's default. */
static void
add_list(struct hp_vocab *v, struct hp_buf *k, const char *key,
    const struct hp_tmpl_vlist *l, struct hp_vocab_ref r)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		r.item = &l->v[i];
		add_ref(v, k, l->v[i].key ? l->v[i].key : l->default_key ?
		    l->default_key : key, l->v[i].value_name, &r);
	}
}

static void
add_elem(struct hp_vocab *v, struct hp_buf *k, const struct hp_tmpl *t,
    const struct hp_tmpl_policy *p, const struct hp_tmpl_elem *el)
{
	struct hp_vocab_ref r = { t, p, el, NULL, HP_VR_ELEM, 0 };
	const char *key = el->key ? el->key : p->key;
	size_t i;

	if (el->type == HP_TE_LIST) {
		r.role = HP_VR_LIST;
		add_ref(v, k, key, NULL, &r);
		return;
	}
	if (el->value_name != NULL)
		add_ref(v, k, key, el->value_name, &r);
	r.role = HP_VR_ELEM_ITEM;
	r.on = 1;
	add_list(v, k, key, &el->true_list, r);
	r.on = 0;
	add_list(v, k, key, &el->false_list, r);
	for (i = 0; i < el->nitems; i++) {
		r.on = (int)i;
		add_list(v, k, key, &el->items[i].list, r);
	}
}

/* Indexes what t's policies write and where its categories are. */
static void
index_tmpl(struct hp_vocab *v, const struct hp_tmpl *t, struct hp_buf *k)
{
	size_t i, j;

	for (i = 0; i < t->npolicies; i++) {
		const struct hp_tmpl_policy *p = &t->policies[i];
		struct hp_vocab_ref r = { t, p, NULL, NULL, HP_VR_VALUE, 0 };

		if (p->value_name != NULL)
			add_ref(v, k, p->key, p->value_name, &r);
		r.role = HP_VR_ENABLED_ITEM;
		add_list(v, k, p->key, &p->enabled_list, r);
		r.role = HP_VR_DISABLED_ITEM;
		add_list(v, k, p->key, &p->disabled_list, r);
		for (j = 0; j < p->nelems; j++)
			add_elem(v, k, t, p, &p->elems[j]);
	}
	for (i = 0; i < t->ncats; i++) {
		hp_vocab_norm(t->target.ns ? t->target.ns : "",
		    t->cats[i].name, k);
		HP_ALLOC_GROW(v->cats, v->ncats + 1, v->catcap);
		v->cats[v->ncats].t = t;
		v->cats[v->ncats].i = i;
		map_add(&v->catmap, k->buf, v->ncats++);
	}
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
has_suffix_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcasecmp(s + n - m, suffix) == 0;
}

/* The names in dir ending in suffix (or, suffix NULL, the folders). */
static int
list_dir(const char *dir, const char *suffix, char ***names, size_t *n,
    struct hp_error *e)
{
	struct dirent *d;
	size_t cap = 0;
	DIR *dp;

	*names = NULL;
	*n = 0;
	if ((dp = opendir(dir)) == NULL)
		return hp_error_errno(e, HP_E_IO, "%s: cannot read the "
		    "templates folder", dir);
	while ((d = readdir(dp)) != NULL) {
		struct stat st;
		char *path;
		int ok;

		if (d->d_name[0] == '.')
			continue;
		if (suffix != NULL) {
			if (!has_suffix_ci(d->d_name, suffix))
				continue;
		} else {
			path = hp_strfmt("%s/%s", dir, d->d_name);
			ok = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
			free(path);
			if (!ok)
				continue;
		}
		HP_ALLOC_GROW(*names, *n + 1, cap);
		(*names)[(*n)++] = hp_strdup(d->d_name);
	}
	closedir(dp);
	if (*n > 1)
		qsort(*names, *n, sizeof(**names), cmp_names);
	return 0;
}

static void
free_names(char **names, size_t n)
{
	while (n > 0)
		free(names[--n]);
	free(names);
}

/* en-US when dir has it, else the first folder holding an ADML. */
static char *
pick_lang(const char *dir)
{
	char **langs, **adml, *r = NULL, *p;
	size_t n, na, i;

	if ((p = hp_dir_find_ci(dir, "en-US")) != NULL) {
		free(p);
		return hp_strdup("en-US");
	}
	if (list_dir(dir, NULL, &langs, &n, NULL) == -1)
		return NULL;
	for (i = 0; r == NULL && i < n; i++) {
		p = hp_strfmt("%s/%s", dir, langs[i]);
		if (list_dir(p, ".adml", &adml, &na, NULL) == 0 && na > 0)
			r = hp_strdup(langs[i]);
		free_names(adml, na);
		free(p);
	}
	free_names(langs, n);
	return r;
}

/*
 * 1 (e filled) if dir has neither a folder lang nor ADML files of its
 * own: names the folders it has.
 */
static int
no_lang(const char *dir, const char *lang, struct hp_error *e)
{
	struct hp_buf have = HP_BUF_INIT;
	char **langs, *p;
	size_t n, i;

	if ((p = hp_dir_find_ci(dir, lang)) != NULL) {
		free(p);
		return 0;
	}
	if (list_dir(dir, ".adml", &langs, &n, NULL) == 0 && n > 0) {
		free_names(langs, n);
		return 0;
	}
	free_names(langs, n);
	if (list_dir(dir, NULL, &langs, &n, NULL) == 0)
		for (i = 0; i < n; i++)
			hp_buf_addf(&have, "%s%s", i ? ", " : "", langs[i]);
	if (have.len == 0)
		hp_buf_adds(&have, "none");
	hp_error_set(e, HP_E_INPUT, "%s: no %s folder of ADML files "
	    "(folders there: %s)", dir, lang, have.buf);
	free_names(langs, n);
	hp_buf_release(&have);
	return 1;
}

struct hp_vocab *
hp_vocab_load(const char *dir, const char *lang, struct hp_warnings *w,
    struct hp_error *e)
{
	struct hp_vocab *v = hp_calloc(1, sizeof(*v));
	struct hp_buf k = HP_BUF_INIT;
	char **files;
	size_t n, i;

	if (list_dir(dir, ".admx", &files, &n, e) == -1)
		goto fail;
	if (n == 0)
		hp_error_set(e, HP_E_INPUT, "%s: no ADMX files in this "
		    "folder (a PolicyDefinitions folder holds *.admx and a "
		    "language folder such as en-US/)", dir);
	if (n == 0 || (lang != NULL && no_lang(dir, lang, e))) {
		free_names(files, n);
		goto fail;
	}
	v->lang = lang ? hp_strdup(lang) : pick_lang(dir);
	for (i = 0; i < n; i++) {
		char *path = hp_strfmt("%s/%s", dir, files[i]);
		struct hp_tmpl *t = hp_tmpl_load(path, v->lang, w, e);

		free(path);
		if (t == NULL)
			break;
		HP_ALLOC_GROW(v->t, v->nt + 1, v->tcap);
		v->t[v->nt++] = t;
		index_tmpl(v, t, &k);
	}
	free_names(files, n);
	hp_buf_release(&k);
	if (i == n)
		return v;
fail:
	hp_vocab_free(v);
	return NULL;
}

void
hp_vocab_free(struct hp_vocab *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->nt; i++)
		hp_tmpl_free(v->t[i]);
	free(v->t);
	free(v->lang);
	free(v->refs);
	free(v->cats);
	map_free(&v->values);
	map_free(&v->catmap);
	free(v);
}

size_t
hp_vocab_count(const struct hp_vocab *v, size_t *npolicies)
{
	size_t i;

	if (npolicies != NULL)
		for (*npolicies = 0, i = 0; i < v->nt; i++)
			*npolicies += v->t[i]->npolicies;
	return v->nt;
}

const char *
hp_vocab_lang(const struct hp_vocab *v)
{
	return v->lang;
}
