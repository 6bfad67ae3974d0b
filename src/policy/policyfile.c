/*
 * The policy file reader: libconfuse parses the syntax, this file turns
 * the sections into struct hp_setting and struct hp_rule and checks every
 * field.  libconfuse does not keep the line where a section or an option
 * starts, so a small scanner (scan_lines) records them from the text
 * first; every message then names FILE:LINE.
 */
#include <sys/stat.h>

#include <confuse.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "core/limits.h"
#include "core/patch.h"
#include "policy/policy.h"
#include "templates/template.h"
#include "core/text.h"

/* Deeper include chains are a loop or a mistake. */
#define MAX_INCLUDE_DEPTH	16
/* A policy is small; anything bigger is not a policy. */
#define MAX_POLICY_SIZE		(4UL * 1024 * 1024)

struct optline {
	char	name[96];	/* option, or "element:ID" for an element */
	int	line;
};

/* Where one "setting" or "rule" section and its options start. */
struct secline {
	int		 rule;		/* 0 setting, 1 rule */
	char		*title;
	int		 line;
	struct optline	*opts;
	size_t		 nopts;
};

struct lines {
	struct secline	*v;
	size_t		 n;
	int		 include;	/* line of the include option */
};

/* A rule's member names, resolved once every file is read. */
struct pending {
	char	**names;
	size_t	  n;
	int	  line;
};

struct loader {
	struct hp_policy	*pol;
	struct pending		*pend;		/* one per rule */
	char			**chain;	/* realpaths being read */
	size_t			  depth;
	struct hp_error		 *e;
};

/*
 * libconfuse reports parse errors through a callback without a user
 * pointer; this thread-local slot carries the message out of cfg_parse.
 */
static _Thread_local struct {
	char	msg[HP_ERROR_MAX];
	int	line;
	int	set;
} cfg_err;

static void
errfunc(cfg_t *cfg, const char *fmt, va_list ap)
{
	if (cfg_err.set)
		return;		/* the first error is the one that matters */
	vsnprintf(cfg_err.msg, sizeof(cfg_err.msg), fmt, ap);
	cfg_err.line = cfg != NULL ? cfg->line : 0;
	cfg_err.set = 1;
}

static void
lines_free(struct lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].title);
		free(l->v[i].opts);
	}
	free(l->v);
}

static int
is_ident(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Skips blanks, comments and newlines (counting lines). */
static const char *
skip_space(const char *p, const char *end, int *line)
{
	while (p < end) {
		if (*p == '\n') {
			(*line)++;
			p++;
		} else if (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		else if (*p == '#' || (*p == '/' && p + 1 < end &&
		    p[1] == '/')) {
			while (p < end && *p != '\n')
				p++;
		} else if (*p == '/' && p + 1 < end && p[1] == '*') {
			for (p += 2; p < end && !(*p == '*' && p + 1 < end &&
			    p[1] == '/'); p++)
				if (*p == '\n')
					(*line)++;
			p = p < end ? p + 2 : end;
		} else
			break;
	}
	return p;
}

/* Skips a quoted string starting at p (a quote), counting lines. */
static const char *
skip_string(const char *p, const char *end, int *line)
{
	char q = *p++;

	for (; p < end && *p != q; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		if (*p == '\n')
			(*line)++;
	}
	return p < end ? p + 1 : end;
}

/*
 * Records the line of every top-level "setting"/"rule" section and of the
 * first assignment to each option directly inside it.  The scan follows
 * libconfuse's lexical rules closely enough for that: strings, comments,
 * braces.  Parse errors are left to libconfuse.
 */
static int
scan_lines(const char *p, size_t len, struct lines *l)
{
	const char *end = p + len, *id;
	struct secline *cur = NULL;
	int line = 1, depth = 0;
	size_t idlen;

	memset(l, 0, sizeof(*l));
	while ((p = skip_space(p, end, &line)) < end) {
		if (*p == '"' || *p == '\'') {
			p = skip_string(p, end, &line);
			continue;
		}
		if (*p == '{' || *p == '}') {
			depth += *p == '{' ? 1 : -1;
			if (depth <= 0) {
				depth = 0;
				cur = NULL;
			}
			p++;
			continue;
		}
		if (!is_ident((unsigned char)*p)) {
			p++;
			continue;
		}
		id = p;
		while (p < end && is_ident((unsigned char)*p))
			p++;
		idlen = (size_t)(p - id);
		if (depth == 0 && ((idlen == 7 && memcmp(id, "setting", 7) ==
		    0) || (idlen == 4 && memcmp(id, "rule", 4) == 0))) {
			int sline = line;
			const char *t;
			struct secline *nv;

			p = skip_space(p, end, &line);
			if (p >= end || (*p != '"' && *p != '\''))
				continue;
			t = p + 1;
			p = skip_string(p, end, &line);
			if ((nv = realloc(l->v, (l->n + 1) * sizeof(*nv))) ==
			    NULL)
				return -1;
			l->v = nv;
			cur = &l->v[l->n++];
			memset(cur, 0, sizeof(*cur));
			cur->rule = idlen == 4;
			cur->line = sline;
			if ((cur->title = strndup(t, (size_t)(p - t - 1))) ==
			    NULL)
				return -1;
			continue;
		}
		if (depth == 0 && idlen == 7 && memcmp(id, "include", 7) == 0 &&
		    l->include == 0)
			l->include = line;
		if (depth == 1 && cur != NULL && idlen < sizeof(cur->opts->name)) {
			struct optline *no;
			char name[sizeof(no->name)];
			const char *t;
			int eline = line;
			size_t i;

			memcpy(name, id, idlen);
			name[idlen] = '\0';
			/* Each element section gets its own line. */
			if (idlen == 7 && memcmp(id, "element", 7) == 0 &&
			    (t = skip_space(p, end, &line)) < end &&
			    (*t == '"' || *t == '\'')) {
				p = skip_string(t, end, &line);
				snprintf(name, sizeof(name), "element:%.*s",
				    (int)(p - t - 2), t + 1);
			}
			idlen = strlen(name);

			for (i = 0; i < cur->nopts; i++)
				if (strcmp(cur->opts[i].name, name) == 0)
					break;
			if (i < cur->nopts)
				continue;
			if ((no = realloc(cur->opts, (cur->nopts + 1) *
			    sizeof(*no))) == NULL)
				return -1;
			cur->opts = no;
			memcpy(no[cur->nopts].name, name, idlen + 1);
			no[cur->nopts++].line = eline;
		}
	}
	return 0;
}

static const struct secline *
find_sec(const struct lines *l, int rule, const char *title)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].rule == rule && strcmp(l->v[i].title, title) == 0)
			return &l->v[i];
	return NULL;
}

static int
opt_line(const struct secline *s, const char *name)
{
	size_t i;

	if (s == NULL)
		return 0;
	for (i = 0; s != NULL && i < s->nopts; i++)
		if (strcmp(s->opts[i].name, name) == 0)
			return s->opts[i].line;
	return s->line;
}

static int
fail(struct hp_error *e, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
fail(struct hp_error *e, const char *file, int line, const char *fmt, ...)
{
	char msg[HP_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return hp_error_set(e, HP_E_INPUT, "%s:%d: %s", file, line, msg);
}

const char *
hp_severity_name(enum hp_severity s)
{
	switch (s) {
	case HP_SEV_INFO:	return "info";
	case HP_SEV_WARNING:	return "warning";
	default:		return "error";
	}
}

const char *
hp_presence_name(enum hp_presence p)
{
	switch (p) {
	case HP_PRESENCE_FORBIDDEN:	return "forbidden";
	case HP_PRESENCE_OPTIONAL:	return "optional";
	default:			return "required";
	}
}

const char *
hp_rule_kind_name(enum hp_rule_kind k)
{
	switch (k) {
	case HP_RULE_TOGETHER:	return "required_together";
	case HP_RULE_RANGE:	return "range";
	default:		return "disjoint";
	}
}

int
hp_policy_number(const struct hp_value *v, uint64_t *out)
{
	uint32_t d;

	if (v->type == HP_REG_QWORD)
		return hp_value_get_u64(v, out);
	if (v->type == HP_REG_DWORD && hp_value_get_u32(v, &d) == 0) {
		*out = d;
		return 0;
	}
	if (v->type == HP_REG_DWORD_BIG_ENDIAN && v->len == 4) {
		*out = (uint64_t)v->data[0] << 24 | (uint64_t)v->data[1] << 16 |
		    (uint64_t)v->data[2] << 8 | v->data[3];
		return 0;
	}
	return -1;
}

static int
is_numeric(uint32_t type)
{
	return type == HP_REG_DWORD || type == HP_REG_QWORD ||
	    type == HP_REG_DWORD_BIG_ENDIAN;
}

static int
parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long n;

	errno = 0;
	while (*s == ' ')
		s++;
	if (*s == '-' || *s == '\0')
		return -1;
	n = strtoull(s, &end, 0);
	if (errno != 0 || *end != '\0' || n > max)
		return -1;
	*out = n;
	return 0;
}

/*
 * Builds a value of type from its text form: a number for DWORD/QWORD, the
 * text for strings, one string per element for MULTI_SZ, hex bytes for
 * everything else.  Returns -1 with why filled on bad text.
 */
static int
make_value(uint32_t type, char **strs, size_t n, struct hp_value *v,
    char *why, size_t whylen)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_buf b = HP_BUF_INIT;
	uint64_t x;
	size_t i;
	int r, hi = -1;

	if (type == HP_REG_MULTI_SZ) {
		if (hp_value_set_multi(v, strs, n, &e) == 0)
			return 0;
		snprintf(why, whylen, "%.900s", e.msg);
		return -1;
	}
	if (n != 1) {
		snprintf(why, whylen, "this type takes exactly one data string");
		return -1;
	}
	switch (type) {
	case HP_REG_DWORD:
	case HP_REG_DWORD_BIG_ENDIAN:
	case HP_REG_QWORD:
		if (parse_u64(strs[0], type == HP_REG_QWORD ? UINT64_MAX :
		    UINT32_MAX, &x) == -1) {
			snprintf(why, whylen, "\"%s\" is not an unsigned "
			    "%s-bit number", strs[0], type == HP_REG_QWORD ?
			    "64" : "32");
			return -1;
		}
		if (type == HP_REG_QWORD)
			return hp_value_set_qword(v, x);
		if (type == HP_REG_DWORD)
			return hp_value_set_dword(v, (uint32_t)x);
		{
			unsigned char be[4] = { x >> 24, x >> 16, x >> 8, x };

			return hp_value_set(v, type, be, 4);
		}
	case HP_REG_SZ:
	case HP_REG_EXPAND_SZ:
	case HP_REG_LINK:
		if (hp_value_set_string(v, type, strs[0], &e) == 0)
			return 0;
		snprintf(why, whylen, "%.900s", e.msg);
		return -1;
	}
	for (i = 0; strs[0][i] != '\0'; i++) {
		int d = hp_text_hexdigit((unsigned char)strs[0][i]);

		if (strchr(", :-", strs[0][i]) != NULL)
			continue;
		if (d < 0) {
			hp_buf_release(&b);
			snprintf(why, whylen, "\"%s\" is not hex bytes",
			    strs[0]);
			return -1;
		}
		if (hi < 0)
			hi = d;
		else {
			hp_buf_addc(&b, hi << 4 | d);
			hi = -1;
		}
	}
	if (hi >= 0) {
		hp_buf_release(&b);
		snprintf(why, whylen, "\"%s\" has an odd number of hex digits",
		    strs[0]);
		return -1;
	}
	r = hp_value_set(v, type, b.buf, b.len);
	hp_buf_release(&b);
	return r;
}

static char *
dup_opt(cfg_t *sec, const char *name)
{
	const char *s = cfg_getstr(sec, name);

	return s != NULL ? strdup(s) : NULL;
}

static int
parse_severity(const char *s, enum hp_severity *out)
{
	if (s == NULL || strcmp(s, "error") == 0)
		*out = HP_SEV_ERROR;
	else if (strcmp(s, "warning") == 0)
		*out = HP_SEV_WARNING;
	else if (strcmp(s, "info") == 0)
		*out = HP_SEV_INFO;
	else
		return -1;
	return 0;
}

/* The strings of a list option, as a vector libconfuse owns. */
static char **
list_strs(cfg_t *sec, const char *name, size_t *n)
{
	size_t i;
	char **v;

	*n = cfg_size(sec, name);
	if ((v = calloc(*n + 1, sizeof(*v))) == NULL)
		return NULL;
	for (i = 0; i < *n; i++)
		v[i] = cfg_getnstr(sec, name, (unsigned)i);
	return v;
}

/* Appends a zeroed setting (NULL on ENOMEM). */
static struct hp_setting *
new_setting(struct hp_policy *pol)
{
	struct hp_setting *nv;

	if ((nv = realloc(pol->settings, (pol->nsettings + 1) *
	    sizeof(*nv))) == NULL)
		return NULL;
	pol->settings = nv;
	memset(&nv[pol->nsettings], 0, sizeof(*nv));
	return &nv[pol->nsettings++];
}

static int
dup_name_check(struct loader *ld, const char *name, const char *file,
    int line)
{
	const struct hp_policy *pol = ld->pol;
	size_t i;

	for (i = 0; i + 1 < pol->nsettings; i++)
		if (strcmp(pol->settings[i].name, name) == 0)
			return fail(ld->e, file, line, "setting \"%s\" is "
			    "already defined at %s:%d", name,
			    pol->settings[i].loc.file,
			    pol->settings[i].loc.line);
	return 0;
}

/* The template path, relative to the policy file's directory. */
static char *
sibling_path(const char *file, const char *name)
{
	char *copy, *out;

	if (name[0] == '/')
		return strdup(name);
	if ((copy = strdup(file)) == NULL)
		return NULL;
	if (asprintf(&out, "%s/%s", dirname(copy), name) == -1)
		out = NULL;
	free(copy);
	return out;
}

/* An element's value from its data strings, by the element's type. */
static int
elem_value(const struct hp_tmpl_elem *el, cfg_t *es, struct hp_tmpl_elemval *v,
    char **strs, size_t n, char *why, size_t whylen)
{
	uint64_t x;

	(void)es;
	memset(v, 0, sizeof(*v));
	v->id = el->id;
	switch (el->type) {
	case HP_TE_BOOLEAN:
	case HP_TE_DECIMAL:
	case HP_TE_LONGDECIMAL:
		if (n != 1 || (el->type == HP_TE_BOOLEAN &&
		    (strcmp(strs[0], "true") == 0 ||
		    strcmp(strs[0], "false") == 0))) {
			if (n == 1) {
				v->has_num = 1;
				v->num = strcmp(strs[0], "true") == 0;
				return 0;
			}
			snprintf(why, whylen, "takes one number");
			return -1;
		}
		if (parse_u64(strs[0], UINT64_MAX, &x) == -1) {
			snprintf(why, whylen, "\"%s\" is not an unsigned number",
			    strs[0]);
			return -1;
		}
		v->has_num = 1;
		v->num = x;
		return 0;
	case HP_TE_TEXT:
	case HP_TE_ENUM:
		if (n != 1) {
			snprintf(why, whylen, "takes one string");
			return -1;
		}
		v->str = strs[0];
		return 0;
	default:
		v->strs = strs;
		v->nstrs = n;
		return 0;
	}
}

/*
 * A setting addressed by template policy name: the template's registry
 * mapping turns the state and element values into operations, and each
 * operation becomes a setting "NAME/VALUE" with the template's types and
 * numeric ranges.  Rules refer to those names.
 */
static int
read_template_setting(struct loader *ld, cfg_t *sec,
    const struct secline *sl, const char *file)
{
	struct hp_tmpl_setting ts;
	struct hp_tmpl_elemval *vals = NULL;
	struct hp_patch patch = HP_PATCH_INIT;
	const struct hp_tmpl_policy *tp;
	const struct hp_tmpl_elem *el;
	struct hp_tmpl *t = NULL;
	struct hp_error te = HP_ERROR_INIT;
	const char *title = cfg_title(sec), *str;
	char why[HP_ERROR_MAX], *path = NULL, ***strv = NULL;
	enum hp_root root;
	size_t i, j, nel = cfg_size(sec, "element");
	int line = sl != NULL ? sl->line : 0, eline, r = -1;

	if (cfg_getstr(sec, "template") == NULL ||
	    cfg_getstr(sec, "policy") == NULL)
		return fail(ld->e, file, line, "setting \"%s\": a template "
		    "setting needs both template and policy", title);
	if (cfg_size(sec, "key") > 0 || cfg_size(sec, "value") > 0 ||
	    cfg_size(sec, "type") > 0 || cfg_size(sec, "data") > 0)
		return fail(ld->e, file, opt_line(sl, "key"), "setting \"%s\": "
		    "key, value, type and data come from the template", title);
	if ((path = sibling_path(file, cfg_getstr(sec, "template"))) == NULL)
		return hp_error_errno(ld->e, HP_E_IO, "out of memory");
	if ((t = hp_tmpl_load(path, NULL, NULL, &te)) == NULL) {
		fail(ld->e, file, opt_line(sl, "template"), "setting \"%s\": "
		    "%s", title, te.msg);
		goto out;
	}
	if ((tp = hp_tmpl_find_policy(t, cfg_getstr(sec, "policy"))) == NULL) {
		fail(ld->e, file, opt_line(sl, "policy"), "setting \"%s\": "
		    "%s has no policy \"%s\"", title, path,
		    cfg_getstr(sec, "policy"));
		goto out;
	}
	memset(&ts, 0, sizeof(ts));
	str = cfg_getstr(sec, "state");
	if (str == NULL || strcmp(str, "enabled") == 0)
		ts.state = HP_TMPL_ENABLED;
	else if (strcmp(str, "disabled") == 0)
		ts.state = HP_TMPL_DISABLED;
	else {
		fail(ld->e, file, opt_line(sl, "state"), "setting \"%s\": "
		    "state must be enabled or disabled", title);
		goto out;
	}
	str = cfg_getstr(sec, "hive");
	root = tp->cls == HP_TMPL_USER ? HP_ROOT_HKCU : HP_ROOT_HKLM;
	if (tp->cls == HP_TMPL_BOTH && str == NULL) {
		fail(ld->e, file, line, "setting \"%s\": policy \"%s\" is for "
		    "machine and user; say hive = \"HKLM\" or \"HKCU\"", title,
		    tp->name);
		goto out;
	}
	if (str != NULL && (root = hp_root_parse(str, strlen(str))) !=
	    HP_ROOT_HKLM && root != HP_ROOT_HKCU) {
		fail(ld->e, file, opt_line(sl, "hive"), "setting \"%s\": hive "
		    "must be HKLM or HKCU", title);
		goto out;
	}
	if ((vals = calloc(nel + 1, sizeof(*vals))) == NULL ||
	    (strv = calloc(nel + 1, sizeof(*strv))) == NULL) {
		hp_error_errno(ld->e, HP_E_IO, "out of memory");
		goto out;
	}
	for (i = 0; i < nel; i++) {
		cfg_t *es = cfg_getnsec(sec, "element", (unsigned)i);
		size_t n;

		snprintf(why, sizeof(why), "element:%s", cfg_title(es));
		eline = opt_line(sl, why);
		if ((el = hp_tmpl_find_elem(tp, cfg_title(es))) == NULL) {
			fail(ld->e, file, eline, "setting "
			    "\"%s\": policy \"%s\" has no element \"%s\"",
			    title, tp->name, cfg_title(es));
			goto out;
		}
		if ((strv[i] = list_strs(es, "data", &n)) == NULL) {
			hp_error_errno(ld->e, HP_E_IO, "out of memory");
			goto out;
		}
		if (elem_value(el, es, &vals[i], strv[i], n, why,
		    sizeof(why)) == -1) {
			fail(ld->e, file, eline, "setting \"%s\": element "
			    "\"%s\": %s", title, el->id, why);
			goto out;
		}
	}
	ts.vals = vals;
	ts.nvals = nel;
	if (hp_tmpl_policy_to_patch(t, tp, &ts, root, &patch, &te) == -1) {
		fail(ld->e, file, line, "setting \"%s\": %s", title, te.msg);
		goto out;
	}
	for (i = 0; i < patch.n; i++) {
		const struct hp_op *op = &patch.ops[i];
		struct hp_setting *s;

		if (op->kind == HP_OP_CREATE_KEY || op->name == NULL)
			continue;
		if (op->kind == HP_OP_DELETE_VALUES) {
			fail(ld->e, file, line, "setting \"%s\": list elements "
			    "(which clear a whole key) cannot be checked as "
			    "settings yet", title);
			goto out;
		}
		if ((s = new_setting(ld->pol)) == NULL) {
			hp_error_errno(ld->e, HP_E_IO, "out of memory");
			goto out;
		}
		if (asprintf(&s->name, "%s/%s", title, *op->name ? op->name :
		    "@") == -1) {
			s->name = NULL;
			hp_error_errno(ld->e, HP_E_IO, "out of memory");
			goto out;
		}
		if ((s->value = strdup(op->name)) == NULL ||
		    hp_path_copy(&s->key, &op->key) == -1) {
			hp_error_errno(ld->e, HP_E_IO, "out of memory");
			goto out;
		}
		s->loc.file = file;
		s->loc.line = line;
		s->lines.key = s->lines.type = s->lines.data = line;
		s->lines.allowed = s->lines.min = s->lines.max = line;
		s->lines.presence = line;
		if (dup_name_check(ld, s->name, file, line) == -1)
			goto out;
		if (op->kind == HP_OP_DELETE_VALUE)
			s->presence = HP_PRESENCE_FORBIDDEN;
		else {
			s->has_type = 1;
			s->type = op->value.type;
			/* A soft element only fills a gap: any data will do. */
			if (op->kind == HP_OP_SET_VALUE) {
				if (hp_value_copy(&s->data, &op->value) == -1) {
					hp_error_errno(ld->e, HP_E_IO,
					    "out of memory");
					goto out;
				}
				s->has_data = 1;
			}
		}
		/* The template's ranges become the setting's bounds. */
		for (j = 0; j < tp->nelems; j++) {
			el = &tp->elems[j];
			if ((el->type == HP_TE_DECIMAL ||
			    el->type == HP_TE_LONGDECIMAL) &&
			    !el->store_as_text && el->value_name != NULL &&
			    hp_name_eq(el->value_name, op->name) &&
			    s->has_type && is_numeric(s->type) &&
			    (el->min != 0 || el->max != 0)) {
				s->has_min = s->has_max = 1;
				s->min = el->min;
				s->max = el->max;
			}
		}
		if (parse_severity(cfg_getstr(sec, "severity"),
		    &s->severity) == -1) {
			fail(ld->e, file, opt_line(sl, "severity"), "setting "
			    "\"%s\": severity must be error, warning or info",
			    title);
			goto out;
		}
		s->rationale = dup_opt(sec, "rationale");
		s->source = dup_opt(sec, "source");
		s->default_when_absent = dup_opt(sec, "default_when_absent");
	}
	r = 0;
out:
	if (strv != NULL)
		for (i = 0; i < nel; i++)
			free(strv[i]);
	free(strv);
	free(vals);
	hp_patch_free(&patch);
	hp_tmpl_free(t);
	free(path);
	return r;
}

static int
read_setting(struct loader *ld, cfg_t *sec, const struct lines *l,
    const char *file)
{
	struct hp_policy *pol = ld->pol;
	struct hp_setting *s, *nv;
	const struct secline *sl = find_sec(l, 0, cfg_title(sec));
	const char *str;
	char why[HP_ERROR_MAX], **strs = NULL;
	size_t n, i;
	long num;
	int line;

	if (cfg_size(sec, "template") > 0 || cfg_size(sec, "policy") > 0)
		return read_template_setting(ld, sec, sl, file);
	if ((nv = realloc(pol->settings, (pol->nsettings + 1) *
	    sizeof(*nv))) == NULL)
		return hp_error_errno(ld->e, HP_E_IO, "out of memory");
	pol->settings = nv;
	s = &pol->settings[pol->nsettings++];
	memset(s, 0, sizeof(*s));
	s->loc.file = file;
	s->loc.line = sl != NULL ? sl->line : 0;
	line = s->loc.line;
#define OL(o)	(sl != NULL ? opt_line(sl, (o)) : line)
	s->lines.key = OL("key");
	s->lines.type = OL("type");
	s->lines.data = OL("data");
	s->lines.allowed = OL("allowed");
	s->lines.min = OL("min");
	s->lines.max = OL("max");
	s->lines.presence = OL("presence");
	if ((s->name = strdup(cfg_title(sec))) == NULL)
		return hp_error_errno(ld->e, HP_E_IO, "out of memory");
	if (*s->name == '\0')
		return fail(ld->e, file, line, "a setting needs a name");
	if (dup_name_check(ld, s->name, file, line) == -1)
		return -1;


	if ((str = cfg_getstr(sec, "key")) == NULL)
		return fail(ld->e, file, line, "setting \"%s\" has no key",
		    s->name);
	if (hp_path_parse(str, &s->key, ld->e) == -1)
		return fail(ld->e, file, s->lines.key, "%s", ld->e->msg);
	if (s->key.root == HP_ROOT_NONE || s->key.n == 0)
		return fail(ld->e, file, s->lines.key, "setting \"%s\": key "
		    "\"%s\" must start with a root such as HKLM or HKCU and "
		    "name a key below it", s->name, str);
	if ((str = cfg_getstr(sec, "value")) == NULL)
		return fail(ld->e, file, line, "setting \"%s\" has no value "
		    "name (use \"@\" for the default value)", s->name);
	if ((s->value = strdup(strcmp(str, "@") == 0 ? "" : str)) == NULL)
		return hp_error_errno(ld->e, HP_E_IO, "out of memory");

	if ((str = cfg_getstr(sec, "type")) != NULL) {
		if (hp_value_type_parse(str, &s->type) == -1)
			return fail(ld->e, file, s->lines.type, "setting "
			    "\"%s\": unknown type \"%s\"", s->name, str);
		s->has_type = 1;
	}
	str = cfg_getstr(sec, "presence");
	if (str == NULL || strcmp(str, "required") == 0)
		s->presence = HP_PRESENCE_REQUIRED;
	else if (strcmp(str, "forbidden") == 0)
		s->presence = HP_PRESENCE_FORBIDDEN;
	else if (strcmp(str, "optional") == 0)
		s->presence = HP_PRESENCE_OPTIONAL;
	else
		return fail(ld->e, file, s->lines.presence, "setting \"%s\": "
		    "presence must be required, forbidden or optional, not "
		    "\"%s\"", s->name, str);
	if (parse_severity(cfg_getstr(sec, "severity"), &s->severity) == -1)
		return fail(ld->e, file, OL("severity"), "setting \"%s\": "
		    "severity must be error, warning or info", s->name);

	if (!s->has_type && s->presence != HP_PRESENCE_FORBIDDEN)
		return fail(ld->e, file, line, "setting \"%s\" has no type",
		    s->name);
	if (cfg_size(sec, "data") > 0) {
		if ((strs = list_strs(sec, "data", &n)) == NULL)
			return hp_error_errno(ld->e, HP_E_IO, "out of memory");
		if (make_value(s->type, strs, n, &s->data, why,
		    sizeof(why)) == -1) {
			free(strs);
			return fail(ld->e, file, s->lines.data, "setting \"%s\": "
			    "data: %s", s->name, why);
		}
		free(strs);
		s->has_data = 1;
	}
	if (cfg_size(sec, "allowed") > 0) {
		if ((strs = list_strs(sec, "allowed", &n)) == NULL ||
		    (s->allowed = calloc(n, sizeof(*s->allowed))) == NULL) {
			free(strs);
			return hp_error_errno(ld->e, HP_E_IO, "out of memory");
		}
		for (i = 0; i < n; i++, s->nallowed++)
			if (make_value(s->type == HP_REG_MULTI_SZ ? HP_REG_SZ :
			    s->type, &strs[i], 1, &s->allowed[i], why,
			    sizeof(why)) == -1) {
				free(strs);
				return fail(ld->e, file, s->lines.allowed,
				    "setting \"%s\": allowed: %s", s->name, why);
			}
		free(strs);
		if (s->type == HP_REG_MULTI_SZ)
			return fail(ld->e, file, s->lines.allowed, "setting "
			    "\"%s\": allowed does not apply to multi_sz",
			    s->name);
	}
	if (cfg_size(sec, "min") > 0 || cfg_size(sec, "max") > 0) {
		if (!is_numeric(s->type))
			return fail(ld->e, file, cfg_size(sec, "min") > 0 ?
			    s->lines.min : s->lines.max, "setting \"%s\": "
			    "min and max apply to dword and qword values only",
			    s->name);
		if (cfg_size(sec, "min") > 0) {
			if ((num = cfg_getint(sec, "min")) < 0)
				return fail(ld->e, file, s->lines.min,
				    "setting \"%s\": min is negative", s->name);
			s->min = (uint64_t)num;
			s->has_min = 1;
		}
		if (cfg_size(sec, "max") > 0) {
			if ((num = cfg_getint(sec, "max")) < 0)
				return fail(ld->e, file, s->lines.max,
				    "setting \"%s\": max is negative", s->name);
			s->max = (uint64_t)num;
			s->has_max = 1;
		}
	}
	if (s->presence == HP_PRESENCE_FORBIDDEN && (s->has_data ||
	    s->nallowed > 0 || s->has_min || s->has_max))
		return fail(ld->e, file, s->lines.presence, "setting \"%s\": a "
		    "forbidden value cannot also have data, allowed, min or "
		    "max", s->name);
	if (!s->has_data && s->nallowed == 0 && !s->has_min &&
	    !s->has_max && s->presence == HP_PRESENCE_OPTIONAL)
		return fail(ld->e, file, line, "setting \"%s\" is optional "
		    "and has no data, allowed, min or max, so it checks "
		    "nothing", s->name);
	s->rationale = dup_opt(sec, "rationale");
	s->source = dup_opt(sec, "source");
	s->default_when_absent = dup_opt(sec, "default_when_absent");
#undef OL
	return 0;
}

static int
read_rule(struct loader *ld, cfg_t *sec, const struct lines *l,
    const char *file)
{
	struct hp_policy *pol = ld->pol;
	const struct secline *sl = find_sec(l, 1, cfg_title(sec));
	struct hp_rule *r, *nv;
	struct pending *np, *pd;
	const char *kind, *list;
	size_t i, want;
	long num;
	int line;

	if ((nv = realloc(pol->rules, (pol->nrules + 1) * sizeof(*nv))) ==
	    NULL || (np = realloc(ld->pend, (pol->nrules + 1) *
	    sizeof(*np))) == NULL) {
		if (nv != NULL)
			pol->rules = nv;
		return hp_error_errno(ld->e, HP_E_IO, "out of memory");
	}
	pol->rules = nv;
	ld->pend = np;
	pd = &ld->pend[pol->nrules];
	memset(pd, 0, sizeof(*pd));
	r = &pol->rules[pol->nrules++];
	memset(r, 0, sizeof(*r));
	r->loc.file = file;
	r->loc.line = line = sl != NULL ? sl->line : 0;
	if ((r->name = strdup(cfg_title(sec))) == NULL)
		return hp_error_errno(ld->e, HP_E_IO, "out of memory");
	for (i = 0; i + 1 < pol->nrules; i++)
		if (strcmp(pol->rules[i].name, r->name) == 0)
			return fail(ld->e, file, line, "rule \"%s\" is "
			    "already defined at %s:%d", r->name,
			    pol->rules[i].loc.file, pol->rules[i].loc.line);
	if ((kind = cfg_getstr(sec, "kind")) == NULL)
		return fail(ld->e, file, line, "rule \"%s\" has no kind "
		    "(required_together, range or disjoint)", r->name);
	if (strcmp(kind, "required_together") == 0)
		r->kind = HP_RULE_TOGETHER;
	else if (strcmp(kind, "range") == 0)
		r->kind = HP_RULE_RANGE;
	else if (strcmp(kind, "disjoint") == 0)
		r->kind = HP_RULE_DISJOINT;
	else
		return fail(ld->e, file, opt_line(sl, "kind"), "rule \"%s\": "
		    "unknown kind \"%s\" (required_together, range or "
		    "disjoint)", r->name, kind);
	list = r->kind == HP_RULE_DISJOINT ? "ranges" : "settings";
	pd->line = opt_line(sl, list);
	if ((pd->names = list_strs(sec, list, &pd->n)) == NULL)
		return hp_error_errno(ld->e, HP_E_IO, "out of memory");
	/* libconfuse owns the strings; keep copies past cfg_free. */
	for (i = 0; i < pd->n; i++)
		if ((pd->names[i] = strdup(pd->names[i])) == NULL) {
			pd->n = i;
			return hp_error_errno(ld->e, HP_E_IO,
			    "out of memory");
		}
	want = r->kind == HP_RULE_TOGETHER ? 0 : 2;
	if ((want != 0 && pd->n != want) || (want == 0 && pd->n < 2))
		return fail(ld->e, file, pd->line, "rule \"%s\": a %s rule "
		    "takes %s %s", r->name, kind, want ? "exactly two" :
		    "two or more", list);
	if (r->kind != HP_RULE_RANGE && (cfg_size(sec, "min_width") > 0 ||
	    cfg_size(sec, "min_width_odd") > 0))
		return fail(ld->e, file, opt_line(sl, "min_width"), "rule "
		    "\"%s\": min_width applies to range rules only", r->name);
	if (r->kind == HP_RULE_RANGE) {
		num = cfg_size(sec, "min_width") > 0 ?
		    cfg_getint(sec, "min_width") : 2;
		if (num < 2)
			return fail(ld->e, file, opt_line(sl, "min_width"),
			    "rule \"%s\": min_width must be at least 2 (the "
			    "low end is below the high end)", r->name);
		r->min_width = (uint64_t)num;
		r->min_width_odd = r->min_width;
		if (cfg_size(sec, "min_width_odd") > 0) {
			num = cfg_getint(sec, "min_width_odd");
			if (num < 2)
				return fail(ld->e, file, opt_line(sl,
				    "min_width_odd"), "rule \"%s\": "
				    "min_width_odd must be at least 2", r->name);
			r->min_width_odd = (uint64_t)num;
		}
	}
	if (parse_severity(cfg_getstr(sec, "severity"), &r->severity) == -1)
		return fail(ld->e, file, opt_line(sl, "severity"), "rule "
		    "\"%s\": severity must be error, warning or info", r->name);
	r->rationale = dup_opt(sec, "rationale");
	r->source = dup_opt(sec, "source");
	return 0;
}

static int load_file(struct loader *, const char *, const char *, int);

static int
read_includes(struct loader *ld, cfg_t *cfg, const char *file, int line)
{
	char *dir, *copy, *inc;
	size_t i;
	int r = 0;

	if ((copy = strdup(file)) == NULL)
		return hp_error_errno(ld->e, HP_E_IO, "out of memory");
	dir = dirname(copy);
	for (i = 0; r == 0 && i < cfg_size(cfg, "include"); i++) {
		const char *name = cfg_getnstr(cfg, "include", (unsigned)i);

		/* Relative includes are relative to the including file. */
		if (name[0] == '/')
			inc = strdup(name);
		else if (asprintf(&inc, "%s/%s", dir, name) == -1)
			inc = NULL;
		if (inc == NULL) {
			free(copy);
			return hp_error_errno(ld->e, HP_E_IO,
			    "out of memory");
		}
		r = load_file(ld, inc, file, line);
		free(inc);
	}
	free(copy);
	return r;
}

static cfg_t *
new_cfg(void)
{
	static cfg_opt_t element_opts[] = {
		CFG_STR_LIST("data", NULL, CFGF_NODEFAULT),
		CFG_END()
	};
	static cfg_opt_t setting_opts[] = {
		CFG_STR("key", NULL, CFGF_NODEFAULT),
		CFG_STR("value", NULL, CFGF_NODEFAULT),
		CFG_STR("type", NULL, CFGF_NODEFAULT),
		CFG_STR_LIST("data", NULL, CFGF_NODEFAULT),
		CFG_STR_LIST("allowed", NULL, CFGF_NODEFAULT),
		CFG_INT("min", 0, CFGF_NODEFAULT),
		CFG_INT("max", 0, CFGF_NODEFAULT),
		CFG_STR("presence", NULL, CFGF_NODEFAULT),
		CFG_STR("severity", NULL, CFGF_NODEFAULT),
		CFG_STR("rationale", NULL, CFGF_NODEFAULT),
		CFG_STR("source", NULL, CFGF_NODEFAULT),
		CFG_STR("default_when_absent", NULL, CFGF_NODEFAULT),
		CFG_STR("confidence", NULL, CFGF_NODEFAULT),
		CFG_STR_LIST("products", NULL, CFGF_NODEFAULT),
		/* Template addressing; see docs/policy-language.md. */
		CFG_STR("template", NULL, CFGF_NODEFAULT),
		CFG_STR("policy", NULL, CFGF_NODEFAULT),
		CFG_STR("state", NULL, CFGF_NODEFAULT),
		CFG_STR("hive", NULL, CFGF_NODEFAULT),
		CFG_SEC("element", element_opts, CFGF_MULTI | CFGF_TITLE |
		    CFGF_NO_TITLE_DUPES),
		CFG_END()
	};
	static cfg_opt_t rule_opts[] = {
		CFG_STR("kind", NULL, CFGF_NODEFAULT),
		CFG_STR_LIST("settings", NULL, CFGF_NODEFAULT),
		CFG_STR_LIST("ranges", NULL, CFGF_NODEFAULT),
		CFG_INT("min_width", 0, CFGF_NODEFAULT),
		CFG_INT("min_width_odd", 0, CFGF_NODEFAULT),
		CFG_STR("severity", NULL, CFGF_NODEFAULT),
		CFG_STR("rationale", NULL, CFGF_NODEFAULT),
		CFG_STR("source", NULL, CFGF_NODEFAULT),
		CFG_END()
	};
	static cfg_opt_t opts[] = {
		CFG_STR("description", NULL, CFGF_NODEFAULT),
		CFG_STR_LIST("include", NULL, CFGF_NODEFAULT),
		CFG_SEC("setting", setting_opts, CFGF_MULTI | CFGF_TITLE |
		    CFGF_NO_TITLE_DUPES),
		CFG_SEC("rule", rule_opts, CFGF_MULTI | CFGF_TITLE |
		    CFGF_NO_TITLE_DUPES),
		CFG_END()
	};
	cfg_t *cfg;

	/* libconfuse copies the option tables, so static ones are safe. */
	if ((cfg = cfg_init(opts, CFGF_NONE)) != NULL)
		cfg_set_error_function(cfg, errfunc);
	return cfg;
}

static int
load_file(struct loader *ld, const char *path, const char *from, int fline)
{
	struct hp_policy *pol = ld->pol;
	struct hp_buf text = HP_BUF_INIT;
	struct lines l;
	char *real = NULL, **nf;
	const char *file;
	cfg_t *cfg = NULL;
	size_t i;
	int r = -1;

	memset(&l, 0, sizeof(l));
	if (ld->depth >= MAX_INCLUDE_DEPTH)
		return fail(ld->e, from, fline, "includes nest deeper than %d "
		    "files", MAX_INCLUDE_DEPTH);
	if (hp_file_read(path, MAX_POLICY_SIZE, &text, ld->e) == -1) {
		hp_buf_release(&text);
		if (from != NULL)
			hp_error_prefix(ld->e, "%s:%d: include", from, fline);
		return -1;
	}
	if ((real = realpath(path, NULL)) == NULL) {
		hp_error_errno(ld->e, HP_E_INPUT, "%s", path);
		goto out;
	}
	for (i = 0; i < ld->depth; i++)
		if (strcmp(ld->chain[i], real) == 0) {
			fail(ld->e, from, fline, "include loop: %s includes "
			    "itself", path);
			goto out;
		}
	if (memchr(text.buf, '\0', text.len) != NULL ||
	    !hp_text_valid_utf8(text.buf, text.len)) {
		fail(ld->e, path, 1, "not a policy file (binary or not "
		    "UTF-8)");
		goto out;
	}
	/* Keep every file name for the lifetime of the policy (hp_loc). */
	if ((nf = realloc(pol->files, (pol->nfiles + 1) * sizeof(*nf))) ==
	    NULL || (pol->files = nf, (nf[pol->nfiles] = strdup(path)) ==
	    NULL)) {
		hp_error_errno(ld->e, HP_E_IO, "out of memory");
		goto out;
	}
	file = nf[pol->nfiles++];
	if (scan_lines(text.buf, text.len, &l) == -1 ||
	    (cfg = new_cfg()) == NULL) {
		hp_error_errno(ld->e, HP_E_IO, "out of memory");
		goto out;
	}
	memset(&cfg_err, 0, sizeof(cfg_err));
	if (cfg_parse_buf(cfg, text.buf) != CFG_SUCCESS) {
		fail(ld->e, file, cfg_err.line, "%s", cfg_err.set ?
		    cfg_err.msg : "cannot parse");
		goto out;
	}
	ld->chain[ld->depth++] = real;
	r = read_includes(ld, cfg, file, l.include);
	ld->depth--;
	if (r == -1)
		goto out;
	r = -1;
	if (from == NULL && cfg_getstr(cfg, "description") != NULL &&
	    (pol->description = strdup(cfg_getstr(cfg, "description"))) ==
	    NULL) {
		hp_error_errno(ld->e, HP_E_IO, "out of memory");
		goto out;
	}
	for (i = 0; i < cfg_size(cfg, "setting"); i++)
		if (read_setting(ld, cfg_getnsec(cfg, "setting", (unsigned)i),
		    &l, file) == -1)
			goto out;
	for (i = 0; i < cfg_size(cfg, "rule"); i++)
		if (read_rule(ld, cfg_getnsec(cfg, "rule", (unsigned)i), &l,
		    file) == -1)
			goto out;
	r = 0;
out:
	if (cfg != NULL)
		cfg_free(cfg);
	lines_free(&l);
	free(real);
	hp_buf_release(&text);
	return r;
}

long
hp_policy_setting_index(const struct hp_policy *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nsettings; i++)
		if (strcmp(p->settings[i].name, name) == 0)
			return (long)i;
	return -1;
}

long
hp_policy_rule_index(const struct hp_policy *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nrules; i++)
		if (strcmp(p->rules[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* Turns the member names of every rule into indices. */
static int
resolve_rules(struct loader *ld)
{
	struct hp_policy *pol = ld->pol;
	struct hp_setting *s;
	size_t i, j;
	long k;

	for (i = 0; i < pol->nrules; i++) {
		struct hp_rule *r = &pol->rules[i];
		struct pending *pd = &ld->pend[i];

		if ((r->members = calloc(pd->n, sizeof(*r->members))) == NULL)
			return hp_error_errno(ld->e, HP_E_IO,
			    "out of memory");
		for (j = 0; j < pd->n; j++, r->nmembers++) {
			if (r->kind == HP_RULE_DISJOINT) {
				k = hp_policy_rule_index(pol, pd->names[j]);
				if (k < 0 || pol->rules[k].kind !=
				    HP_RULE_RANGE)
					return fail(ld->e, r->loc.file, pd->line,
					    "rule \"%s\": \"%s\" is not a range "
					    "rule", r->name, pd->names[j]);
				r->members[j] = (size_t)k;
				continue;
			}
			if ((k = hp_policy_setting_index(pol, pd->names[j])) <
			    0)
				return fail(ld->e, r->loc.file, pd->line,
				    "rule \"%s\": no setting named \"%s\"",
				    r->name, pd->names[j]);
			s = &pol->settings[k];
			if (r->kind == HP_RULE_RANGE && s->has_type &&
			    !is_numeric(s->type))
				return fail(ld->e, r->loc.file, pd->line,
				    "rule \"%s\": setting \"%s\" is not a "
				    "number (dword or qword)", r->name, s->name);
			r->members[j] = (size_t)k;
		}
	}
	return 0;
}

int
hp_policy_load(const char *path, struct hp_policy **out, struct hp_error *e)
{
	struct loader ld;
	char *chain[MAX_INCLUDE_DEPTH];
	size_t i, j;
	int r;

	*out = NULL;
	memset(&ld, 0, sizeof(ld));
	ld.e = e;
	ld.chain = chain;
	if ((ld.pol = calloc(1, sizeof(*ld.pol))) == NULL ||
	    (ld.pol->path = strdup(path)) == NULL) {
		hp_policy_free(ld.pol);
		return hp_error_errno(e, HP_E_IO, "out of memory");
	}
	r = load_file(&ld, path, NULL, 0);
	if (r == 0)
		r = resolve_rules(&ld);
	if (r == 0 && ld.pol->nsettings == 0)
		r = fail(e, path, 1, "the policy has no settings");
	for (i = 0; i < ld.pol->nrules; i++) {
		for (j = 0; j < ld.pend[i].n; j++)
			free(ld.pend[i].names[j]);
		free(ld.pend[i].names);
	}
	free(ld.pend);
	if (r == -1) {
		hp_policy_free(ld.pol);
		return -1;
	}
	*out = ld.pol;
	return 0;
}

void
hp_policy_free(struct hp_policy *p)
{
	size_t i, j;

	if (p == NULL)
		return;
	for (i = 0; i < p->nsettings; i++) {
		struct hp_setting *s = &p->settings[i];

		free(s->name);
		hp_path_free(&s->key);
		free(s->value);
		hp_value_free(&s->data);
		for (j = 0; j < s->nallowed; j++)
			hp_value_free(&s->allowed[j]);
		free(s->allowed);
		free(s->rationale);
		free(s->source);
		free(s->default_when_absent);
	}
	free(p->settings);
	for (i = 0; i < p->nrules; i++) {
		free(p->rules[i].name);
		free(p->rules[i].members);
		free(p->rules[i].rationale);
		free(p->rules[i].source);
	}
	free(p->rules);
	for (i = 0; i < p->nfiles; i++)
		free(p->files[i]);
	free(p->files);
	free(p->description);
	free(p->path);
	free(p);
}
