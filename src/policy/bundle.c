/*
 * Bundles (see bundle.h): the desired state of a policy, and the files
 * that carry it.  Every file is produced in memory by the format's own
 * writer, written into a temporary folder beside the destination, and
 * only then moved into place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "templates/adm.h"
#include "templates/admx.h"
#include "core/buf.h"
#include "policy/bundle.h"
#include "policy/check.h"
#include "core/error.h"
#include "formats/gpo.h"
#include "formats/regfile.h"
#include "templates/template.h"
#include "core/text.h"
#include "core/tree.h"
#include "core/txn.h"

struct keyed {
	const struct hp_op	*op;
	size_t			 idx;
};

/* By key, then in the order the policy gave the settings. */
static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c;

	if ((c = hp_path_cmp(&x->op->key, &y->op->key)) != 0)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

int
hp_bundle_patch(const struct hp_policy *pol, struct hp_patch *out,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_patch plan = HP_PATCH_INIT;
	struct keyed *k = NULL;
	struct hp_tree t;
	struct hp_view v;
	size_t i;
	int r = -1;

	if (hp_tree_init(&t, NULL) == -1)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	hp_tree_view(&t, &v, "bundle");
	if (hp_check_plan(pol, &v, &plan, w, e) == -1)
		goto out;
	/* Absent is compliant, but a deployed file must also remove it. */
	for (i = 0; i < pol->nsettings; i++) {
		const struct hp_setting *s = &pol->settings[i];

		if (s->presence == HP_PRESENCE_FORBIDDEN &&
		    hp_patch_add(&plan, HP_OP_DELETE_VALUE, &s->key, s->value,
		    NULL, (unsigned long)s->loc.line) == NULL)
			goto oom;
	}
	if (plan.n > 0 && (k = calloc(plan.n, sizeof(*k))) == NULL)
		goto oom;
	for (i = 0; i < plan.n; i++) {
		k[i].op = &plan.ops[i];
		k[i].idx = i;
	}
	if (plan.n > 0)
		qsort(k, plan.n, sizeof(*k), keyed_cmp);
	for (i = 0; i < plan.n; i++)
		if (hp_patch_add(out, k[i].op->kind, &k[i].op->key,
		    k[i].op->name, &k[i].op->value, k[i].op->line) == NULL)
			goto oom;
	r = 0;
	goto out;
oom:
	hp_error_errno(e, HP_E_IO, "out of memory");
out:
	free(k);
	hp_patch_free(&plan);
	hp_tree_free(&t);
	return r;
}

/*
 * An ADMX name: ASCII letters, digits and single underscores, not
 * digit-led.  Never holding "__" keeps names apart from the other string
 * ids (the XSD allows no other separator in them).
 */
static void
ncname(const char *s, struct hp_buf *b)
{
	size_t start = b->len;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9' && b->len > start))
			hp_buf_addc(b, c);
		else if (c >= '0' && c <= '9')
			hp_buf_addf(b, "_%c", c);
		else if (b->len > start && b->buf[b->len - 1] != '_')
			hp_buf_addc(b, '_');
	}
	/* A suffix "_2" must not make "__" either. */
	while (b->len > start && b->buf[b->len - 1] == '_')
		b->buf[--b->len] = '\0';
	if (b->len == start)
		hp_buf_adds(b, "Policy");
}

struct tb {
	struct hp_tmpl		*t;
	struct hp_tmpl_lang	*lang;
	const struct hp_policy	*pol;
	struct hp_warnings	*w;
	int			 oom;
};

static const char *
tdup(struct tb *b, const char *s)
{
	const char *r = hp_tmpl_strdup(b->t, s);

	if (r == NULL)
		b->oom = 1;
	return r;
}

/* Adds string id = text to the language; returns "$(string.id)". */
static const char *
add_string(struct tb *b, const char *id, const char *text)
{
	struct hp_tmpl_string *s;
	struct hp_buf ref = HP_BUF_INIT;
	const char *r;

	if ((s = hp_tmpl_push(b->t, &b->lang->strings, &b->lang->nstrings,
	    sizeof(*s))) == NULL) {
		b->oom = 1;
		return NULL;
	}
	s->id = tdup(b, id);
	s->text = tdup(b, text);
	hp_buf_addf(&ref, "$(string.%s)", id);
	r = ref.buf ? tdup(b, ref.buf) : NULL;
	hp_buf_release(&ref);
	if (r == NULL)
		b->oom = 1;
	return r;
}

/* A policy name not yet in the template (names compare in any case). */
static const char *
unique_name(struct tb *b, const struct hp_path *key)
{
	struct hp_buf base = HP_BUF_INIT, name = HP_BUF_INIT;
	const char *r;
	unsigned n;

	ncname(key->n > 0 ? key->comps[key->n - 1] : "Key", &base);
	if (base.buf == NULL) {
		b->oom = 1;
		return NULL;
	}
	hp_buf_adds(&name, base.buf);
	for (n = 2; name.buf != NULL &&
	    hp_tmpl_find_policy(b->t, name.buf) != NULL; n++) {
		hp_buf_reset(&name);
		hp_buf_addf(&name, "%s_%u", base.buf, n);
	}
	r = name.buf ? tdup(b, name.buf) : NULL;
	hp_buf_release(&base);
	hp_buf_release(&name);
	return r;
}

/* The setting that produced op, for its name and rationale. */
static const struct hp_setting *
setting_of(const struct hp_policy *pol, const struct hp_op *op)
{
	size_t i;

	for (i = 0; pol != NULL && i < pol->nsettings; i++)
		if (hp_path_eq(&pol->settings[i].key, &op->key) &&
		    hp_name_cmp(pol->settings[i].value, op->name) == 0)
			return &pol->settings[i];
	return NULL;
}

/* ADM quoted strings hold no '"' and no line break. */
static int
adm_safe(const char *s)
{
	return s == NULL || strpbrk(s, "\"\r\n") == NULL;
}

static void
left_out(struct tb *b, const struct hp_op *op, const char *why)
{
	struct hp_buf s = HP_BUF_INIT;

	hp_path_format_short(&op->key, &s);
	hp_warn(b->w, "%s\\%s: %s; left out of the templates",
	    s.buf ? s.buf : "?", *op->name ? op->name : "@", why);
	hp_buf_release(&s);
}

/*
 * The template form of one operation: 0 done, 1 not expressible (warned),
 * -1 error.
 */
static int
tmpl_value(struct tb *b, const struct hp_op *op, struct hp_tmpl_value *tv,
    struct hp_error *e)
{
	struct hp_buf s = HP_BUF_INIT;
	char tmp[16], why[96];
	uint32_t x;

	if (!adm_safe(op->name)) {
		left_out(b, op, "ADM cannot quote this value name");
		return 1;
	}
	if (op->kind == HP_OP_DELETE_VALUE) {
		tv->kind = HP_TV_DELETE;
		return 0;
	}
	if (op->value.type == HP_REG_DWORD &&
	    hp_value_get_u32(&op->value, &x) == 0) {
		tv->kind = HP_TV_DECIMAL;
		tv->num = x;
		return 0;
	}
	if (op->value.type == HP_REG_SZ) {
		if (hp_value_get_string(&op->value, &s, e) == -1)
			return -1;
		if (!adm_safe(s.buf)) {
			hp_buf_release(&s);
			left_out(b, op, "ADM cannot quote text with '\"' or a "
			    "line break");
			return 1;
		}
		tv->kind = HP_TV_STRING;
		tv->str = tdup(b, s.buf ? s.buf : "");
		hp_buf_release(&s);
		return 0;
	}
	snprintf(why, sizeof(why), "a template value cannot be %s (ADM has "
	    "only numbers and text)", hp_value_type_name(op->value.type, tmp));
	left_out(b, op, why);
	return 1;
}

/* One policy for the operations ops[0..n) of a single key. */
static int
add_policy(struct tb *b, const struct hp_op *ops, size_t n,
    const char *category, const char *supported, struct hp_error *e)
{
	struct hp_buf help = HP_BUF_INIT, disp = HP_BUF_INIT, id = HP_BUF_INIT;
	struct hp_path rel = HP_PATH_INIT;
	struct hp_tmpl_policy *p;
	struct hp_tmpl_item *it;
	struct hp_tmpl_value tv;
	const struct hp_setting *s;
	const char *name, *key;
	char *relkey;
	size_t i, kept = 0;
	int r;

	/* Template keys are relative to the class's hive. */
	if (hp_path_copy(&rel, &ops[0].key) == -1)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	rel.root = HP_ROOT_NONE;
	relkey = hp_path_str(&rel);
	hp_path_free(&rel);
	if (relkey == NULL)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	if (!adm_safe(relkey)) {
		free(relkey);
		for (i = 0; i < n; i++)
			left_out(b, &ops[i], "ADM cannot quote this key");
		return 0;
	}
	key = tdup(b, relkey);
	free(relkey);
	if ((name = unique_name(b, &ops[0].key)) == NULL || key == NULL)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	if ((p = hp_tmpl_push(b->t, &b->t->policies, &b->t->npolicies,
	    sizeof(*p))) == NULL)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	p->name = name;
	p->cls = ops[0].key.root == HP_ROOT_HKLM ? HP_TMPL_MACHINE :
	    HP_TMPL_USER;
	p->key = key;
	p->parent = category;
	p->supported = supported;
	hp_buf_adds(&help, "Enabled writes these values (anything else in "
	    "the key is left alone):\n");
	for (i = 0; i < n; i++) {
		memset(&tv, 0, sizeof(tv));
		if ((r = tmpl_value(b, &ops[i], &tv, e)) == -1)
			goto fail;
		if (r == 1)
			continue;
		/* The first value is the policy's own; it tells its state. */
		if (kept++ == 0) {
			p->value_name = tdup(b, ops[i].name);
			p->enabled_value = tv;
		} else {
			if ((it = hp_tmpl_push(b->t, &p->enabled_list.v,
			    &p->enabled_list.n, sizeof(*it))) == NULL) {
				b->oom = 1;
				break;
			}
			it->key = key;
			it->value_name = tdup(b, ops[i].name);
			it->value = tv;
			p->enabled_list.present = 1;
		}
		hp_buf_addf(&help, "\n%s: ", *ops[i].name ? ops[i].name : "@");
		if (ops[i].kind == HP_OP_DELETE_VALUE)
			hp_buf_adds(&help, "deleted");
		else
			hp_value_format(&ops[i].value, &help);
		if ((s = setting_of(b->pol, &ops[i])) != NULL) {
			hp_buf_addf(&help, " (setting %s)", s->name);
			if (s->rationale != NULL)
				hp_buf_addf(&help, ". %s", s->rationale);
		}
	}
	if (kept == 0) {
		/* Nothing expressible: take the policy back out. */
		b->t->npolicies--;
		hp_buf_release(&help);
		return 0;
	}
	/*
	 * The display string's id is the policy's name, which an ADM reader
	 * takes as the name.  Names never hold "__"; the other ids do.
	 */
	hp_buf_addf(&disp, "%s\\%s", hp_root_short(ops[0].key.root), key);
	p->display = add_string(b, name, disp.buf ? disp.buf : "?");
	hp_buf_addf(&id, "%s__Help", name);
	p->explain = add_string(b, id.buf ? id.buf : "?", help.buf ?
	    help.buf : "");
	hp_buf_release(&help);
	hp_buf_release(&disp);
	hp_buf_release(&id);
	return 0;
fail:
	hp_buf_release(&help);
	return -1;
}

struct hp_tmpl *
hp_bundle_template(const char *name, const struct hp_policy *pol,
    const struct hp_patch *p, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_buf nm = HP_BUF_INIT, ns = HP_BUF_INIT;
	struct hp_tmpl_category *cat;
	struct hp_tmpl_supdef *sup;
	struct tb b;
	size_t i, j;
	char *where;

	memset(&b, 0, sizeof(b));
	b.pol = pol;
	b.w = w;
	if ((b.t = hp_tmpl_new()) == NULL)
		goto oom;
	ncname(name, &nm);
	hp_buf_addf(&ns, "Hivepol.Bundle.%s", nm.buf ? nm.buf : "");
	b.t->revision = "1.0";
	b.t->schema_version = "1.0";
	b.t->min_required_revision = "1.0";
	b.t->has_ns = 1;
	b.t->target.prefix = tdup(&b, nm.buf ? nm.buf : "");
	b.t->target.ns = tdup(&b, ns.buf ? ns.buf : "");
	if ((b.lang = hp_tmpl_push(b.t, &b.t->langs, &b.t->nlangs,
	    sizeof(*b.lang))) == NULL)
		goto oom;
	b.lang->lang = "en-US";
	b.lang->revision = "1.0";
	b.lang->has_ns = 1;
	b.lang->display = tdup(&b, name);
	b.lang->description = tdup(&b, "Generated by hivepol bundle");
	if ((sup = hp_tmpl_push(b.t, &b.t->supdefs, &b.t->nsupdefs,
	    sizeof(*sup))) == NULL)
		goto oom;
	sup->name = "SUPPORTED_Any";
	sup->display = add_string(&b, "hivepol__Supported", "Any Windows "
	    "version whose software reads these registry values");
	if ((cat = hp_tmpl_push(b.t, &b.t->cats, &b.t->ncats,
	    sizeof(*cat))) == NULL)
		goto oom;
	cat->name = b.t->target.prefix;
	cat->display = add_string(&b, "hivepol__Category", pol &&
	    pol->description ? pol->description : name);
	cat->explain = add_string(&b, "hivepol__Category__Help", "Generated "
	    "by hivepol bundle: each policy here, Enabled, writes exactly "
	    "the values of the hivepol policy for one registry key.");
	if (b.oom)
		goto oom;
	for (i = 0; i < p->n; i = j) {
		for (j = i + 1; j < p->n && hp_path_eq(&p->ops[i].key,
		    &p->ops[j].key); j++)
			;
		if (p->ops[i].key.root != HP_ROOT_HKLM &&
		    p->ops[i].key.root != HP_ROOT_HKCU) {
			where = hp_path_str(&p->ops[i].key);
			hp_warn(w, "%s: templates reach HKLM and HKCU only; "
			    "left out of the templates", where ? where : "?");
			free(where);
			continue;
		}
		if (add_policy(&b, &p->ops[i], j - i, cat->name,
		    sup->name, e) == -1)
			goto fail;
		if (b.oom)
			goto oom;
	}
	if (b.t->npolicies == 0) {
		hp_error_set(e, HP_E_INPUT, "%s: no setting can be "
		    "written as a template policy", name);
		goto fail;
	}
	hp_buf_release(&nm);
	hp_buf_release(&ns);
	return b.t;
oom:
	hp_error_errno(e, HP_E_IO, "out of memory");
fail:
	hp_buf_release(&nm);
	hp_buf_release(&ns);
	hp_tmpl_free(b.t);
	return NULL;
}

/* The files of a bundle, relative to its folder, in the order staged. */
struct files {
	struct hp_txn	*t;
	const char	*dir;		/* the bundle folder */
	char		*rel[16];
	size_t		 n;
};

/* Lists rel, and makes its folder unless it is the bundle's own. */
static int
add_rel(struct files *f, const char *rel, struct hp_error *e)
{
	const char *slash = strrchr(rel, '/');
	char path[4096];

	if (f->n == sizeof(f->rel) / sizeof(f->rel[0]))
		return hp_error_set(e, HP_E_IO, "too many bundle files");
	if ((f->rel[f->n] = strdup(rel)) == NULL)
		return hp_error_errno(e, HP_E_IO, "out of memory");
	f->n++;
	if (slash == NULL)
		return 0;
	if ((size_t)snprintf(path, sizeof(path), "%s/%.*s", f->dir,
	    (int)(slash - rel), rel) >= sizeof(path))
		return hp_error_set(e, HP_E_INPUT, "%s/%s: name too long",
		    f->dir, rel);
	return hp_txn_mkdir(f->t, path, e);
}

static int
put(struct files *f, const char *rel, const void *data, size_t len,
    struct hp_error *e)
{
	char path[4096];

	if (add_rel(f, rel, e) == -1)
		return -1;
	/* A truncated name would be written as another file. */
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", f->dir, rel) >=
	    sizeof(path))
		return hp_error_set(e, HP_E_INPUT, "%s/%s: name too long",
		    f->dir, rel);
	return hp_txn_put(f->t, path, data, len, e);
}

static int
write_reg(struct files *f, const char *name, const struct hp_patch *p,
    enum hp_reg_dialect d, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_reg_write_opts ro = { d, NULL, NULL, NULL };
	struct hp_error re = HP_ERROR_INIT;
	struct hp_buf out = HP_BUF_INIT;
	char rel[512];
	int r;

	snprintf(rel, sizeof(rel), "%s%s.reg", name, d == HP_REG4 ?
	    "-regedit4" : "");
	if (hp_reg_write_patch(p, &ro, &out, &re) == -1) {
		hp_buf_release(&out);
		/* REGEDIT4 is 8-bit: text outside its code page is no loss. */
		if (d == HP_REG4 && re.kind != HP_E_IO) {
			hp_warn(w, "%s not written: %s", rel, re.msg);
			return 0;
		}
		*e = re;
		return -1;
	}
	r = put(f, rel, out.buf, out.len, e);
	hp_buf_release(&out);
	return r;
}

static int
write_templates(struct files *f, const char *name,
    const struct hp_policy *pol, const struct hp_patch *p,
    struct hp_warnings *w, struct hp_error *e)
{
	struct hp_buf out = HP_BUF_INIT;
	struct hp_tmpl *t;
	char rel[512];
	int r = -1;

	if ((t = hp_bundle_template(name, pol, p, w, e)) == NULL) {
		if (e->kind != HP_E_INPUT)
			return -1;
		/* The .reg files still carry the policy. */
		hp_warn(w, "%s; no templates written", e->msg);
		hp_error_clear(e);
		return 0;
	}
	snprintf(rel, sizeof(rel), "PolicyDefinitions/%s.admx", name);
	if (hp_admx_write(t, &out, e) == -1 ||
	    put(f, rel, out.buf, out.len, e) == -1)
		goto out;
	hp_buf_reset(&out);
	snprintf(rel, sizeof(rel), "PolicyDefinitions/en-US/%s.adml", name);
	if (hp_adml_write(t, NULL, &out, e) == -1 ||
	    put(f, rel, out.buf, out.len, e) == -1)
		goto out;
	hp_buf_reset(&out);
	snprintf(rel, sizeof(rel), "%s.adm", name);
	if (hp_adm_write(t, NULL, &out, e) == -1 ||
	    put(f, rel, out.buf, out.len, e) == -1)
		goto out;
	r = 0;
out:
	hp_buf_release(&out);
	hp_tmpl_free(t);
	return r;
}

/* The operations a Group Policy object can carry: HKLM and HKCU ones. */
int
hp_bundle_gpo_patch(const struct hp_patch *p, struct hp_patch *out,
    struct hp_warnings *w, struct hp_error *e)
{
	char *where;
	size_t i;

	for (i = 0; i < p->n; i++) {
		const struct hp_op *op = &p->ops[i];

		if (op->key.root != HP_ROOT_HKLM &&
		    op->key.root != HP_ROOT_HKCU) {
			where = hp_path_str(&op->key);
			hp_warn(w, "%s: Group Policy reaches HKLM and HKCU only; "
			    "left out of Registry.pol", where ? where : "?");
			free(where);
			continue;
		}
		if (hp_patch_add(out, op->kind, &op->key, op->name, &op->value,
		    op->line) == NULL)
			return hp_error_errno(e, HP_E_IO, "out of memory");
	}
	return 0;
}

/* 1 if op sets or deletes exactly the value that w writes. */
static int
superseded(const struct hp_op *op, const struct hp_op *w)
{
	if (op->kind != HP_OP_SET_VALUE && op->kind != HP_OP_SET_VALUE_SOFT &&
	    op->kind != HP_OP_DELETE_VALUE)
		return 0;
	return hp_path_eq(&op->key, &w->key) &&
	    hp_name_cmp(op->name, w->name) == 0;
}

int
hp_bundle_gpo_merge(const struct hp_patch *cur, const struct hp_patch *want,
    enum hp_root root, struct hp_patch *out, struct hp_error *e)
{
	size_t i, j;

	for (i = 0; i < cur->n; i++) {
		const struct hp_op *op = &cur->ops[i];

		if (op->key.root != root)
			continue;
		for (j = 0; j < want->n; j++)
			if (superseded(op, &want->ops[j]))
				break;
		if (j < want->n)
			continue;
		if (hp_patch_add(out, op->kind, &op->key, op->name,
		    &op->value, op->line) == NULL)
			return hp_error_errno(e, HP_E_IO, "out of memory");
	}
	for (j = 0; j < want->n; j++) {
		const struct hp_op *op = &want->ops[j];

		if (op->key.root == root && hp_patch_add(out, op->kind,
		    &op->key, op->name, &op->value, op->line) == NULL)
			return hp_error_errno(e, HP_E_IO, "out of memory");
	}
	return 0;
}

static int
write_gpo(struct files *f, const struct hp_patch *p, struct hp_warnings *w,
    struct hp_error *e)
{
	struct hp_patch g = HP_PATCH_INIT;
	int machine = 0, user = 0, changed, r;
	size_t i;

	r = hp_bundle_gpo_patch(p, &g, w, e);
	for (i = 0; i < g.n; i++) {
		machine |= g.ops[i].key.root == HP_ROOT_HKLM;
		user |= g.ops[i].key.root == HP_ROOT_HKCU;
	}
	/* A side without operations has no file. */
	if (r == 0 && machine)
		r = add_rel(f, "Machine/Registry.pol", e);
	if (r == 0 && user)
		r = add_rel(f, "User/Registry.pol", e);
	if (r == 0 && g.n > 0)
		r = add_rel(f, "gpt.ini", e);
	if (r == 0 && g.n > 0)
		r = hp_gpo_stage(f->t, f->dir, &g, 1, &changed, w, e);
	hp_patch_free(&g);
	return r;
}

static int
has(const struct files *f, const char *rel)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->rel[i], rel) == 0)
			return 1;
	return 0;
}

/* README.txt: what each file is for and how to deploy it. */
static int
write_readme(struct files *f, const char *name, const struct hp_policy *pol,
    int gpo, struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;
	char rel[512];
	int r;

	hp_buf_addf(&b, "Bundle %s, made by hivepol bundle from %s.\r\n",
	    name, pol->path);
	if (pol->description != NULL)
		hp_buf_addf(&b, "%s\r\n", pol->description);
	hp_buf_adds(&b, "\r\nEvery file below carries the same settings: the "
	    "values the policy asks\r\nfor exactly, and the deletion of the "
	    "values it forbids.  Settings the\r\npolicy only bounds (a range or "
	    "a set of allowed values) are not in any\r\nfile; check machines "
	    "for those with: hivepol check -p POLICY.\r\n\r\n");
	snprintf(rel, sizeof(rel), "%s.reg", name);
	if (has(f, rel))
		hp_buf_addf(&b, "%s\r\n  Registry editor file (Version 5.00, "
		    "UTF-16).  On one machine, as an\r\n  administrator: "
		    "reg import %s  (or double-click it).  Offline:\r\n"
		    "  hivepol import HIVE %s\r\n\r\n", rel, rel, rel);
	snprintf(rel, sizeof(rel), "%s-regedit4.reg", name);
	if (has(f, rel))
		hp_buf_addf(&b, "%s\r\n  The same as REGEDIT4 (8-bit text), "
		    "for old regedit versions and\r\n  scripts that cannot "
		    "read UTF-16.\r\n\r\n", rel);
	if (gpo)
		hp_buf_adds(&b, "gpt.ini, Machine/Registry.pol, "
		    "User/Registry.pol\r\n  The registry part of a Group Policy "
		    "object (Machine: HKLM, User:\r\n  HKCU; a side the policy "
		    "does not touch has no file).  Copy them into\r\n  a GPO's "
		    "folder on SYSVOL, or into Windows\\System32\\GroupPolicy "
		    "for\r\n  the local policy, keeping the folders, then run "
		    "gpupdate /force.\r\n  Copying replaces the GPO's own "
		    "Registry.pol: merge first if it has\r\n  other settings "
		    "(hivepol apply -p POLICY --to-gpo DIR does that).\r\n"
		    "\r\n");
	/* The templates: all three files, or none. */
	snprintf(rel, sizeof(rel), "%s.adm", name);
	if (has(f, rel)) {
		hp_buf_addf(&b, "PolicyDefinitions/%s.admx, "
		    "PolicyDefinitions/en-US/%s.adml\r\n  An administrative "
		    "template: one policy per registry key, whose\r\n  Enabled "
		    "state writes exactly the values above.  Copy both files, "
		    "keeping\r\n  the en-US folder, into the central store "
		    "(\\\\DOMAIN\\SYSVOL\\DOMAIN\\Policies\\\r\n"
		    "  PolicyDefinitions) or C:\\Windows\\PolicyDefinitions, "
		    "then enable the\r\n  policies in the category \"%s\" "
		    "of the Group Policy editor.\r\n\r\n", name, name,
		    pol->description ? pol->description : name);
		hp_buf_addf(&b, "%s\r\n  The same template in the old ADM "
		    "format, for editors older than\r\n  Windows Vista: add "
		    "it with Administrative Templates > Add/Remove\r\n  "
		    "Templates.\r\n\r\n", rel);
	}
	hp_buf_adds(&b, "README.txt\r\n  This file.\r\n");
	r = put(f, "README.txt", b.buf, b.len, e);
	hp_buf_release(&b);
	return r;
}

int
hp_bundle_write(const struct hp_policy *pol, const char *name,
    const char *dir, struct hp_buf *made, struct hp_warnings *w,
    struct hp_error *e)
{
	struct hp_patch p = HP_PATCH_INIT;
	struct files f;
	struct stat st;
	char *d = NULL;
	size_t i, len;
	int r = -1;

	memset(&f, 0, sizeof(f));
	if (hp_bundle_patch(pol, &p, w, e) == -1)
		goto out;
	if (p.n == 0) {
		hp_error_set(e, HP_E_INPUT, "%s: no setting has exact data "
		    "to bundle", pol->path);
		goto out;
	}
	if ((d = strdup(dir)) == NULL) {
		hp_error_errno(e, HP_E_IO, "out of memory");
		goto out;
	}
	for (len = strlen(d); len > 1 && d[len - 1] == '/'; len--)
		d[len - 1] = '\0';
	if (stat(d, &st) == 0 && !S_ISDIR(st.st_mode)) {
		hp_error_set(e, HP_E_INPUT, "%s: not a folder", dir);
		goto out;
	}
	/* One transaction: every file is in place, or none changed. */
	f.dir = d;
	if (hp_txn_begin(&f.t, e) == -1 || hp_txn_mkdir(f.t, d, e) == -1 ||
	    write_reg(&f, name, &p, HP_REG5, w, e) == -1 ||
	    write_reg(&f, name, &p, HP_REG4, w, e) == -1 ||
	    write_gpo(&f, &p, w, e) == -1 ||
	    write_templates(&f, name, pol, &p, w, e) == -1 ||
	    write_readme(&f, name, pol, has(&f, "gpt.ini"), e) == -1 ||
	    hp_txn_commit(f.t, w, e) == -1)
		goto out;
	for (i = 0; made != NULL && i < f.n; i++)
		hp_buf_addf(made, "%s\n", f.rel[i]);
	r = 0;
out:
	hp_txn_free(f.t);
	for (i = 0; i < f.n; i++)
		free(f.rel[i]);
	free(d);
	hp_patch_free(&p);
	return r;
}
