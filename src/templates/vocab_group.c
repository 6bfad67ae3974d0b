/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Registry.pol entries gathered per policy.  A policy's state is what its
 * own value says; without one, what its enabled/disabled lists say;
 * without them, Enabled when an element holds a value (a checked box),
 * Disabled when its elements were only deleted (or boxes left unchecked),
 * as GPMC's report reads a Registry.pol.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "formats/polfile.h"
#include "formats/poltext.h"
#include "templates/template.h"
#include "templates/vocab.h"
#include "templates/vocab_group.h"

/* What the settings of a policy said: 3 bits (Enabled, Disabled,
 * Mismatch) per weight, the weight of the setting (vocab.h) times 3. */
enum { F_EN = 1, F_DIS = 2, F_MIS = 4 };

struct gelem {
	const char	*element, *label;
	char		*value;
};

struct gpol {
	const struct hp_tmpl_policy	*p;
	const struct hp_tmpl		*t;
	enum hp_tmpl_class		 cls;
	char				*category;
	const char			*policy;
	unsigned			 flags;
	struct gelem			*el;
	size_t				 nel, elcap;
};

struct gextra {
	enum hp_tmpl_class	 cls;
	char			*line;
	struct json_object	*j;
};

struct hp_vocab_group {
	const struct hp_vocab	*v;
	struct gpol		*p;
	size_t			 np, pcap;
	struct gextra		*x;
	size_t			 nx, xcap;
};

struct hp_vocab_group *
hp_vocab_group_new(const struct hp_vocab *v)
{
	struct hp_vocab_group *g = hp_calloc(1, sizeof(*g));

	g->v = v;
	return g;
}

void
hp_vocab_group_free(struct hp_vocab_group *g)
{
	size_t i, j;

	if (g == NULL)
		return;
	for (i = 0; i < g->np; i++) {
		for (j = 0; j < g->p[i].nel; j++)
			free(g->p[i].el[j].value);
		free(g->p[i].el);
		free(g->p[i].category);
	}
	for (i = 0; i < g->nx; i++) {
		free(g->x[i].line);
		json_object_put(g->x[i].j);
	}
	free(g->p);
	free(g->x);
	free(g);
}

/* The heaviest evidence decides; at weight 0 Enabled wins. */
static enum hp_tmpl_pstate
final_state(unsigned f)
{
	unsigned w = f >> 6 ? f >> 6 : f >> 3 ? (f >> 3) & 7 : f & 7;

	if (f >> 3 && ((w & F_MIS) || (w & (F_EN | F_DIS)) == (F_EN | F_DIS)))
		return HP_PS_MISMATCH;
	if (w & F_EN)
		return HP_PS_ENABLED;
	return w & F_DIS ? HP_PS_DISABLED : HP_PS_MISMATCH;
}

/* The policy's entry in g, added if new. */
static struct gpol *
gpol_of(struct hp_vocab_group *g, struct hp_vocab_name *n)
{
	struct gpol *gp;
	size_t i;

	for (i = 0; i < g->np; i++)
		if (g->p[i].p == n->p && g->p[i].cls == n->cls)
			return &g->p[i];
	HP_ALLOC_GROW(g->p, g->np + 1, g->pcap);
	gp = &g->p[g->np++];
	memset(gp, 0, sizeof(*gp));
	gp->p = n->p;
	gp->t = n->t;
	gp->cls = n->cls;
	gp->policy = n->policy;
	gp->category = hp_buf_detach(&n->category, NULL);
	if (gp->category == NULL)
		gp->category = hp_strdup("");
	return gp;
}

static void
add_named(struct hp_vocab_group *g, struct hp_vocab_name *n)
{
	struct gpol *gp = gpol_of(g, n);
	struct gelem *ge;

	gp->flags |= (unsigned)(n->state == HP_PS_ENABLED ? F_EN :
	    n->state == HP_PS_DISABLED ? F_DIS : F_MIS) << (3 * n->weight);
	if (n->element == NULL || n->value.len == 0)
		return;
	HP_ALLOC_GROW(gp->el, gp->nel + 1, gp->elcap);
	ge = &gp->el[gp->nel++];
	ge->element = n->element;
	ge->label = n->label;
	ge->value = hp_buf_detach(&n->value, NULL);
}

static void
add_extra(struct hp_vocab_group *g, const struct hp_pol_entry *en,
    enum hp_root root)
{
	struct hp_buf line = HP_BUF_INIT;
	struct gextra *x;

	hp_pol_entry_describe(en, root, &line);
	HP_ALLOC_GROW(g->x, g->nx + 1, g->xcap);
	x = &g->x[g->nx++];
	x->cls = root == HP_ROOT_HKCU ? HP_TMPL_USER : root == HP_ROOT_HKLM ?
	    HP_TMPL_MACHINE : 0;
	x->line = hp_buf_detach(&line, NULL);
	x->j = hp_pol_entry_json(en, root);
}

int
hp_vocab_group_add_pol(struct hp_vocab_group *g,
    const struct hp_pol_entry *en, enum hp_root root)
{
	struct hp_vocab_name n = HP_VOCAB_NAME_INIT;
	enum hp_vocab_op op = HP_VOCAB_SET;
	const char *name;
	int named = 0;

	switch (hp_pol_classify(en, &name)) {
	case HP_POL_DEL:
		op = HP_VOCAB_DELETED;
		/* FALLTHROUGH */
	case HP_POL_SET:
	case HP_POL_SOFT:
		named = hp_vocab_name(g->v, root, en->key, name, op,
		    &en->value, &n);
		break;
	case HP_POL_DELVALS:
		named = hp_vocab_name(g->v, root, en->key, NULL,
		    HP_VOCAB_CLEARED, NULL, &n);
		break;
	default:
		break;
	}
	if (root != HP_ROOT_HKLM && root != HP_ROOT_HKCU)
		n.cls = 0;	/* a Registry.pol of unknown class */
	if (named)
		add_named(g, &n);
	else
		add_extra(g, en, root);
	hp_vocab_name_release(&n);
	return named;
}

/* Machine first, then by category and policy name, as GPMC lists them. */
static int
cmp_gpol(const void *a, const void *b)
{
	const struct gpol *x = *(const struct gpol *const *)a;
	const struct gpol *y = *(const struct gpol *const *)b;
	int c;

	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	if ((c = strcasecmp(x->category, y->category)) != 0)
		return c;
	return strcasecmp(x->policy, y->policy);
}

static const struct gpol **
sorted(const struct hp_vocab_group *g)
{
	const struct gpol **s = hp_calloc(g->np + 1, sizeof(*s));
	size_t i;

	for (i = 0; i < g->np; i++)
		s[i] = &g->p[i];
	qsort(s, g->np, sizeof(*s), cmp_gpol);
	return s;
}

static void
class_text(const struct hp_vocab_group *g, const struct gpol **s,
    enum hp_tmpl_class cls, struct hp_buf *out)
{
	const char *side = cls == HP_TMPL_USER ? "User Configuration/" :
	    cls == HP_TMPL_MACHINE ? "Computer Configuration/" : "";
	const char *cat = NULL;
	size_t i, j;
	int head = 0;

	for (i = 0; s[i] != NULL; i++) {
		enum hp_tmpl_pstate st = final_state(s[i]->flags);

		if (s[i]->cls != cls)
			continue;
		if (!head++)
			hp_buf_addf(out, "%sAdministrative Templates\n",
			    side);
		if (cat == NULL || strcmp(cat, s[i]->category) != 0)
			hp_buf_addf(out, "  %s\n", *(cat = s[i]->category) ?
			    cat : "(no category)");
		hp_buf_addf(out, "    %s: %s\n", s[i]->policy,
		    hp_tmpl_pstate_name(st));
		for (j = 0; st == HP_PS_ENABLED && j < s[i]->nel; j++)
			hp_buf_addf(out, "      %s: %s\n", s[i]->el[j].label ?
			    s[i]->el[j].label : s[i]->el[j].element,
			    s[i]->el[j].value);
	}
	for (head = 0, i = 0; i < g->nx; i++) {
		if (g->x[i].cls != cls)
			continue;
		if (!head++)
			hp_buf_addf(out, "%sExtra Registry Settings\n",
			    side);
		hp_buf_addf(out, "  %s\n", g->x[i].line);
	}
}

void
hp_vocab_group_text(const struct hp_vocab_group *g, struct hp_buf *out)
{
	const struct gpol **s = sorted(g);

	class_text(g, s, HP_TMPL_MACHINE, out);
	class_text(g, s, HP_TMPL_USER, out);
	class_text(g, s, 0, out);
	free(s);
}

static struct json_object *
gpol_json(const struct gpol *gp)
{
	struct json_object *o = json_object_new_object();
	struct json_object *els = json_object_new_array();
	enum hp_tmpl_pstate st = final_state(gp->flags);
	size_t i;

	json_object_object_add(o, "category",
	    json_object_new_string(gp->category));
	json_object_object_add(o, "policy", json_object_new_string(gp->policy));
	json_object_object_add(o, "id", json_object_new_string(gp->p->name));
	json_object_object_add(o, "admx", json_object_new_string(gp->t->file));
	json_object_object_add(o, "class", gp->cls == 0 ? NULL :
	    json_object_new_string(hp_tmpl_class_name(gp->cls)));
	json_object_object_add(o, "state",
	    json_object_new_string(hp_tmpl_pstate_name(st)));
	for (i = 0; st == HP_PS_ENABLED && i < gp->nel; i++) {
		struct json_object *e = json_object_new_object();

		json_object_object_add(e, "element",
		    json_object_new_string(gp->el[i].element));
		json_object_object_add(e, "label", gp->el[i].label ?
		    json_object_new_string(gp->el[i].label) : NULL);
		json_object_object_add(e, "value",
		    json_object_new_string(gp->el[i].value));
		json_object_array_add(els, e);
	}
	json_object_object_add(o, "elements", els);
	return o;
}

struct json_object *
hp_vocab_group_json(const struct hp_vocab_group *g)
{
	struct json_object *o = json_object_new_object();
	struct json_object *pols = json_object_new_array();
	struct json_object *extra = json_object_new_array();
	const struct gpol **s = sorted(g);
	size_t i;

	for (i = 0; s[i] != NULL; i++)
		json_object_array_add(pols, gpol_json(s[i]));
	for (i = 0; i < g->nx; i++)
		json_object_array_add(extra, json_object_get(g->x[i].j));
	json_object_object_add(o, "policies", pols);
	json_object_object_add(o, "extra", extra);
	free(s);
	return o;
}
