/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ADM PART blocks (formats.md C.4): each becomes a presentation control
 * and, but for TEXT, a policy element (F.2).
 */
#include <stddef.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "templates/adm_impl.h"
#include "templates/template.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct {
	const char		*name;
	int			 elem;	/* -1: no element (TEXT) */
	enum hp_tmpl_ctype	 ctl;
} parttypes[] = {
	{ "CHECKBOX", HP_TE_BOOLEAN, HP_TC_CHECKBOX },
	{ "COMBOBOX", HP_TE_TEXT, HP_TC_COMBOBOX },
	{ "DROPDOWNLIST", HP_TE_ENUM, HP_TC_DROPDOWNLIST },
	{ "EDITTEXT", HP_TE_TEXT, HP_TC_TEXTBOX },
	{ "LISTBOX", HP_TE_LIST, HP_TC_LISTBOX },
	{ "NUMERIC", HP_TE_DECIMAL, HP_TC_DECIMALTEXTBOX },
	{ "TEXT", -1, HP_TC_TEXT }
};

static const struct adm_str_opt elem_strs[] = {
	{ "KEYNAME", offsetof(struct hp_tmpl_elem, key) },
	{ "VALUENAME", offsetof(struct hp_tmpl_elem, value_name) },
	{ "CLIENTEXT", offsetof(struct hp_tmpl_elem, client_ext) },
	{ "VALUEPREFIX", offsetof(struct hp_tmpl_elem, value_prefix) }
};

/* Keywords that set an int of the element (or, ctl, of the control). */
static const struct {
	const char	*kw;
	int		 ctl;
	size_t		 off;
} part_flags[] = {
	{ "REQUIRED", 0, offsetof(struct hp_tmpl_elem, required) },
	{ "EXPANDABLETEXT", 0, offsetof(struct hp_tmpl_elem, expandable) },
	{ "TXTCONVERT", 0, offsetof(struct hp_tmpl_elem, store_as_text) },
	{ "ADDITIVE", 0, offsetof(struct hp_tmpl_elem, additive) },
	{ "EXPLICITVALUE", 0, offsetof(struct hp_tmpl_elem, explicit_value) },
	{ "NOSORT", 1, offsetof(struct hp_tmpl_control, no_sort) },
	{ "DEFCHECKED", 1, offsetof(struct hp_tmpl_control, default_checked) }
};

struct part {
	struct adm_policy	*pc;
	struct hp_tmpl_elem	*el;	/* NULL for TEXT */
	struct hp_tmpl_control	*c;
	unsigned long		 start;
};

/*
 * One NAME, VALUE or ACTIONLIST inside an ITEMLIST whose first item is
 * items[first].
 */
static int
item_option(struct adm_parser *ps, struct part *pt, size_t first,
    struct hp_buf *hint)
{
	struct hp_tmpl_elem *el = pt->el;
	struct hp_tmpl_enum_item *it = el->nitems > first ?
	    &el->items[el->nitems - 1] : NULL;

	if (adm_is_kw(ps, "NAME")) {
		it = hp_tmpl_push(ps->t, &el->items, &el->nitems, sizeof(*it));
		it->line = ps->tok.line;
		if (adm_next(ps) == -1)
			return -1;
		hp_buf_reset(hint);
		hp_buf_addf(hint, "%s_%s_%zu", pt->pc->name.buf, el->id,
		    el->nitems);
		return (it->display = adm_display_ref(ps, hint->buf)) == NULL ?
		    -1 : 0;
	}
	if (adm_is_kw(ps, "VALUE")) {
		if (it == NULL)
			return adm_fail(ps, "VALUE before NAME in ITEMLIST");
		return adm_parse_value(ps, &it->value);
	}
	/* Vendors' form: NAME "x" VALUE NUMERIC 0 DEFAULT marks the default. */
	if (adm_is_kw(ps, "DEFAULT")) {
		if (it == NULL)
			return adm_fail(ps, "DEFAULT before NAME in ITEMLIST");
		pt->c->default_item = (long)(el->nitems - 1 - first);
		return 0;
	}
	if (adm_is_kw(ps, "ACTIONLIST")) {
		if (it == NULL)
			return adm_fail(ps, "ACTIONLIST before NAME in "
			    "ITEMLIST");
		return adm_parse_actionlist(ps, &it->list, "ACTIONLIST");
	}
	return adm_fail(ps, "expected NAME, VALUE, DEFAULT, ACTIONLIST or END "
	    "in ITEMLIST");
}

static int
parse_itemlist(struct adm_parser *ps, struct part *pt)
{
	const struct hp_tmpl_elem *el = pt->el;
	const struct hp_tmpl_enum_item *it;
	unsigned long start = ps->tok.line;
	struct hp_buf hint = HP_BUF_INIT;
	size_t first = el->nitems;
	int b;

	while ((b = adm_block_next(ps, "ITEMLIST", start)) == 0)
		if (item_option(ps, pt, first, &hint) == -1) {
			b = -1;
			break;
		}
	hp_buf_release(&hint);
	if (b == -1)
		return -1;
	for (it = el->items; it < el->items + el->nitems; it++)
		if (it->value.kind == HP_TV_NONE)
			return hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: "
			    "ITEMLIST entry has no VALUE", ps->lx.file,
			    it->line);
	return 0;
}

static int
parse_suggestions(struct adm_parser *ps, struct hp_tmpl_control *c)
{
	unsigned long start = ps->tok.line;
	const char **sg;
	int b;

	while ((b = adm_block_next(ps, "SUGGESTIONS", start)) == 0) {
		sg = hp_tmpl_push(ps->t, &c->suggestions, &c->nsuggestions,
		    sizeof(*sg));
		if ((*sg = adm_str_text(ps)) == NULL)
			return -1;
	}
	return b == -1 ? -1 : 0;
}

/* MIN, MAX, MAXLEN, SPIN and DEFAULT: see adm_str_option for returns. */
static int
number_option(struct adm_parser *ps, struct part *pt)
{
	struct hp_tmpl_elem *el = pt->el;
	struct hp_tmpl_control *c = pt->c;
	uint64_t x;

	if (adm_is_kw(ps, "MIN"))
		return adm_parse_num(ps, UINT32_MAX, &el->min) == -1 ? -1 : 1;
	if (adm_is_kw(ps, "MAX"))
		return adm_parse_num(ps, UINT32_MAX, &el->max) == -1 ? -1 : 1;
	if (adm_is_kw(ps, "MAXLEN")) {
		if (adm_parse_num(ps, UINT32_MAX, &x) == -1)
			return -1;
		el->max_length = x;
		return 1;
	}
	if (adm_is_kw(ps, "SPIN")) {
		if (adm_parse_num(ps, UINT32_MAX, &x) == -1)
			return -1;
		c->spin = x != 0;
		c->spin_step = x;
		return 1;
	}
	if (!adm_is_kw(ps, "DEFAULT"))
		return 0;
	if (el->type != HP_TE_ENUM && el->type != HP_TE_DECIMAL)
		return (c->default_value = adm_next_str(ps)) == NULL ? -1 : 1;
	if (adm_parse_num(ps, UINT32_MAX, &x) == -1)
		return -1;
	if (el->type == HP_TE_ENUM)
		c->default_item = (long)x;
	else
		c->default_value = hp_tmpl_strdup(ps->t, ps->tok.text.buf);
	return 1;
}

static int
flag_option(struct adm_parser *ps, struct part *pt)
{
	size_t i;

	if (adm_is_kw(ps, "OEMCONVERT"))
		return 1;	/* no ADMX equivalent (F.2) */
	for (i = 0; i < NELEM(part_flags); i++)
		if (adm_is_kw(ps, part_flags[i].kw)) {
			char *obj = part_flags[i].ctl ? (char *)pt->c :
			    (char *)pt->el;

			*(int *)(void *)(obj + part_flags[i].off) = 1;
			return 1;
		}
	return 0;
}

/* One option inside a PART that has an element. */
static int
part_option(struct adm_parser *ps, struct part *pt)
{
	struct hp_tmpl_elem *el = pt->el;
	int r;

	if ((r = adm_str_option(ps, elem_strs, NELEM(elem_strs), el)) != 0 ||
	    (r = flag_option(ps, pt)) != 0 ||
	    (r = number_option(ps, pt)) != 0 ||
	    (r = adm_onoff_option(ps, &el->true_value, &el->false_value,
	    &el->true_list, &el->false_list)) != 0)
		return r == -1 ? -1 : 0;
	if (adm_is_kw(ps, "ITEMLIST") && el->type == HP_TE_ENUM)
		return parse_itemlist(ps, pt);
	if (adm_is_kw(ps, "SUGGESTIONS"))
		return parse_suggestions(ps, pt->c);
	return adm_fail(ps, "unknown PART option");
}

static int
elem_taken(const void *arg, const char *id)
{
	return hp_tmpl_find_elem(arg, id) != NULL;
}

/*
 * "PART name TYPE": the control, and the element with a unique id (from
 * the part's name) unless TYPE is TEXT.
 */
static int
part_begin(struct adm_parser *ps, struct part *pt)
{
	struct hp_tmpl_policy *p = pt->pc->p;
	struct hp_tmpl_presentation *pres = pt->pc->pres;
	struct hp_buf id = HP_BUF_INIT;
	const char *label;
	size_t i;

	if (adm_next(ps) == -1)
		return -1;
	adm_sanitize(ps->tok.text.buf, &id);
	if ((label = adm_str_text(ps)) == NULL || adm_next(ps) == -1)
		goto fail;
	for (i = 0; i < NELEM(parttypes); i++)
		if (adm_is_kw(ps, parttypes[i].name))
			break;
	if (i == NELEM(parttypes)) {
		adm_fail(ps, "expected a PART type (CHECKBOX, COMBOBOX, "
		    "DROPDOWNLIST, EDITTEXT, LISTBOX, NUMERIC, TEXT)");
		goto fail;
	}
	pt->c = hp_tmpl_push(ps->t, &pres->controls, &pres->ncontrols,
	    sizeof(*pt->c));
	pt->c->type = parttypes[i].ctl;
	pt->c->label = label;
	pt->c->spin = -1;
	pt->c->default_item = -1;
	pt->c->line = pt->start;
	if (parttypes[i].elem >= 0) {
		adm_unique_name(&id, elem_taken, p);
		pt->el = hp_tmpl_push(ps->t, &p->elems, &p->nelems,
		    sizeof(*pt->el));
		pt->el->type = parttypes[i].elem;
		pt->el->id = hp_tmpl_strdup(ps->t, id.buf);
		pt->el->line = pt->start;
		pt->el->max = 9999;
		pt->el->max_length = pt->el->type == HP_TE_TEXT ? 1023 : 0;
		pt->c->ref_id = pt->el->id;
	}
	hp_buf_release(&id);
	return 0;
fail:
	hp_buf_release(&id);
	return -1;
}

/* What can only be judged at END PART. */
static int
part_end(struct adm_parser *ps, const struct part *pt)
{
	const struct hp_tmpl_elem *el = pt->el;

	if (el != NULL && el->type == HP_TE_LIST && el->value_name != NULL)
		hp_warn(ps->w, "%s:%lu: LISTBOX with a VALUENAME: ignored",
		    ps->lx.file, pt->start);
	if (el != NULL && el->type == HP_TE_ENUM && el->nitems == 0)
		return hp_error_set(ps->e, HP_E_INPUT, "%s:%lu: DROPDOWNLIST "
		    "without ITEMLIST", ps->lx.file, pt->start);
	return 0;
}

int
adm_parse_part(struct adm_parser *ps, struct adm_policy *pc)
{
	struct part pt = { pc, NULL, NULL, ps->tok.line };
	int b;

	if (part_begin(ps, &pt) == -1)
		return -1;
	while ((b = adm_block_next(ps, "PART", pt.start)) == 0) {
		/* TEXT takes no options. */
		if (pt.el == NULL)
			return adm_fail(ps, "expected END PART after a TEXT "
			    "part");
		if (part_option(ps, &pt) == -1)
			return -1;
	}
	return b == -1 ? -1 : part_end(ps, &pt);
}
