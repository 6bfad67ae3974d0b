/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Named settings of security templates and audit policies
 * (secedit_settings.h): built from a template's sections, compared by
 * kind, walked side by side for a diff.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "formats/secedit.h"
#include "formats/secedit_settings.h"

#define IN_SAM		"Windows keeps it in the SAM hive"
#define IN_SECURITY	"Windows keeps it in the LSA policy, in the SECURITY hive"

/* How each known section's entries compare, and where Windows keeps them. */
static const struct {
	const char		*section;
	enum hp_secset_kind	 kind;
	const char		*store;
} known[] = {
	{ "System Access", HP_SECSET_NUMBER, IN_SAM },
	{ "Kerberos Policy", HP_SECSET_NUMBER, IN_SECURITY },
	{ "Event Audit", HP_SECSET_NUMBER, IN_SECURITY },
	{ "Privilege Rights", HP_SECSET_SIDS, IN_SECURITY },
	{ "Group Membership", HP_SECSET_SIDS, IN_SAM },
	{ "System Log", HP_SECSET_NUMBER, "event log settings are not "
	    "written from templates" },
	{ "Security Log", HP_SECSET_NUMBER, "event log settings are not "
	    "written from templates" },
	{ "Application Log", HP_SECSET_NUMBER, "event log settings are not "
	    "written from templates" },
	{ "Service General Setting", HP_SECSET_FIELDS, "service start modes "
	    "and permissions are not written from templates" },
	{ "Registry Keys", HP_SECSET_FIELDS, "it sets permissions on "
	    "registry keys" },
	{ "File Security", HP_SECSET_FIELDS, "it sets permissions on files" },
};

/* Sections that are the file's own, or the registry part. */
static int
skipped(const char *section)
{
	return strcasecmp(section, "Unicode") == 0 ||
	    strcasecmp(section, "Version") == 0 ||
	    strcasecmp(section, "Registry Values") == 0;
}

void
hp_secsettings_add(struct hp_secsettings *s, enum hp_secset_kind kind,
    const char *section, const char *name, const char *label,
    const char *value, const char *store, unsigned long line)
{
	struct hp_secset *x;

	HP_ALLOC_GROW(s->v, s->n + 1, s->cap);
	x = &s->v[s->n++];
	x->kind = kind;
	x->section = hp_strdup(section);
	x->name = hp_strdup(name);
	x->label = label != NULL ? hp_strdup(label) : NULL;
	x->value = hp_strdup(value);
	x->store = store;
	x->line = line;
}

static void
secset_free(struct hp_secset *x)
{
	free(x->section);
	free(x->name);
	free(x->label);
	free(x->value);
}

void
hp_secsettings_free(struct hp_secsettings *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		secset_free(&s->v[i]);
	free(s->v);
	free(s->sorted);
	memset(s, 0, sizeof(*s));
}

static int
key_cmp(const struct hp_secset *x, const char *section, const char *name)
{
	int c = strcasecmp(x->section, section);

	return c != 0 ? c : strcasecmp(x->name, name);
}

/* Sorts by section and name, then by place in the list. */
static int
cmp_at(const void *a, const void *b, void *arg)
{
	const struct hp_secset *v = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = key_cmp(&v[i], v[j].section, v[j].name);

	return c != 0 ? c : (i > j) - (i < j);
}

static void
sort_index(struct hp_secsettings *s)
{
	size_t i;

	free(s->sorted);
	s->sorted = hp_reallocarray(NULL, s->n + 1, sizeof(*s->sorted));
	for (i = 0; i < s->n; i++)
		s->sorted[i] = i;
	qsort_r(s->sorted, s->n, sizeof(*s->sorted), cmp_at, s->v);
	s->nsorted = s->n;
}

void
hp_secsettings_index(struct hp_secsettings *s)
{
	unsigned char *dead;
	size_t i, k;

	sort_index(s);
	dead = hp_calloc(s->n + 1, 1);
	for (i = 0; i + 1 < s->n; i++)
		if (key_cmp(&s->v[s->sorted[i]], s->v[s->sorted[i + 1]].section,
		    s->v[s->sorted[i + 1]].name) == 0)
			dead[s->sorted[i]] = 1;
	for (i = k = 0; i < s->n; i++)
		if (dead[i])
			secset_free(&s->v[i]);
		else
			s->v[k++] = s->v[i];
	free(dead);
	if (k != s->n) {
		s->n = k;
		sort_index(s);
	}
}

const struct hp_secset *
hp_secsettings_find(const struct hp_secsettings *s, const char *section,
    const char *name)
{
	size_t lo = 0, hi = s->n, mid, i;
	int c;

	if (s->nsorted != s->n || s->n == 0) {
		for (i = s->n; i > 0; i--)
			if (key_cmp(&s->v[i - 1], section, name) == 0)
				return &s->v[i - 1];
		return NULL;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = key_cmp(&s->v[s->sorted[mid]], section, name);
		if (c == 0)
			return &s->v[s->sorted[mid]];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The kind and store of a section's entry. */
static void
classify(const char *section, const char *key, enum hp_secset_kind *kind,
    const char **store)
{
	size_t i;

	*kind = HP_SECSET_FIELDS;
	*store = "hivepol does not know this section";
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcasecmp(section, known[i].section) == 0) {
			*kind = known[i].kind;
			*store = known[i].store;
		}
	if (strcasecmp(section, "System Access") != 0)
		return;
	if (strcasecmp(key, "NewAdministratorName") == 0 ||
	    strcasecmp(key, "NewGuestName") == 0)
		*kind = HP_SECSET_TEXT;
	if (strcasecmp(key, "LSAAnonymousNameLookup") == 0)
		*store = IN_SECURITY;
}

enum hp_secset_kind
hp_secset_kind_of(const char *section, const char *key)
{
	enum hp_secset_kind kind;
	const char *store;

	classify(section, key, &kind, &store);
	return kind;
}

void
hp_secsettings_from_secedit(const struct hp_secedit *t,
    struct hp_secsettings *out)
{
	enum hp_secset_kind kind;
	const char *store, *section, *value;
	char *name;
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct hp_secedit_line *l = &t->lines[i];

		if (l->kind != HP_SECEDIT_ENTRY)
			continue;
		section = t->sections[l->section].name;
		if (skipped(section))
			continue;
		name = hp_secedit_entry_name(l, &value);
		classify(section, name, &kind, &store);
		hp_secsettings_add(out, kind, section, name, NULL, value,
		    store, i + 1);
		free(name);
	}
	hp_secsettings_index(out);
}

static int
cmp_casestr(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The fields of v as a list of pointers into f; for a set, without empty
 * ones, a SID's '*' dropped, sorted.
 */
static char **
field_list(const char *v, int set, struct hp_buf *f, size_t *n)
{
	char **list, *p;
	size_t i, k = 0, nf;

	hp_secedit_fields(v, f, &nf);
	list = hp_reallocarray(NULL, nf + 1, sizeof(*list));
	for (i = 0, p = f->buf; i < nf; i++, p += strlen(p) + 1) {
		if (set && *p == '*')
			p++;
		if (!set || *p != '\0')
			list[k++] = p;
	}
	if (set)
		qsort(list, k, sizeof(*list), cmp_casestr);
	*n = k;
	return list;
}

static int
lists_equal(const char *a, const char *b, int set)
{
	struct hp_buf fa = HP_BUF_INIT, fb = HP_BUF_INIT;
	size_t na, nb, i;
	char **la = field_list(a, set, &fa, &na);
	char **lb = field_list(b, set, &fb, &nb);
	int eq = na == nb;

	for (i = 0; eq && i < na; i++)
		eq = set ? strcasecmp(la[i], lb[i]) == 0 :
		    strcmp(la[i], lb[i]) == 0;
	free(la);
	free(lb);
	hp_buf_release(&fa);
	hp_buf_release(&fb);
	return eq;
}

static int
number(const char *s, long long *x)
{
	char *end;

	errno = 0;
	*x = strtoll(s, &end, 10);
	return *s != '\0' && *end == '\0' && errno == 0;
}

int
hp_secset_value_equal(const struct hp_secset *a, const char *value)
{
	long long x, y;

	switch (a->kind) {
	case HP_SECSET_NUMBER:
	case HP_SECSET_AUDIT:
		if (number(a->value, &x) && number(value, &y))
			return x == y;
		break;
	case HP_SECSET_SIDS:
		return lists_equal(a->value, value, 1);
	default:
		break;
	}
	return lists_equal(a->value, value, 0);
}

int
hp_secset_equal(const struct hp_secset *a, const struct hp_secset *b)
{
	return hp_secset_value_equal(a, b->value);
}

size_t
hp_secsettings_diff(const struct hp_secsettings *a,
    const struct hp_secsettings *b, hp_secdiff_fn fn, void *arg)
{
	const struct hp_secset *other;
	size_t i, n = 0;

	for (i = 0; i < a->n; i++) {
		other = hp_secsettings_find(b, a->v[i].section, a->v[i].name);
		if (other == NULL) {
			fn(arg, HP_SECDIFF_REMOVED, &a->v[i], NULL);
			n++;
		} else if (!hp_secset_equal(&a->v[i], other)) {
			fn(arg, HP_SECDIFF_CHANGED, &a->v[i], other);
			n++;
		}
	}
	for (i = 0; i < b->n; i++)
		if (hp_secsettings_find(a, b->v[i].section,
		    b->v[i].name) == NULL) {
			fn(arg, HP_SECDIFF_ADDED, NULL, &b->v[i]);
			n++;
		}
	return n;
}

void
hp_secsettings_warn_offline(const struct hp_secsettings *s, const char *path,
    struct hp_warnings *w)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		hp_warn(w, "%s:%lu: %s/%s: not applied offline (%s)", path,
		    s->v[i].line, s->v[i].section, s->v[i].name, s->v[i].store);
}
