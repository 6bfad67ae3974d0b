/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The administrative template model: what an ADMX file (with its ADML
 * resources) or a legacy ADM file describes.  Both readers fill the same
 * struct hp_tmpl; the writers, lint, show and the policy engine read it.
 *
 * Memory: every string and array hangs off the template's arena and is
 * released by hp_tmpl_free() alone.  Strings are UTF-8.  Display texts are
 * kept as written in the ADMX ("$(string.X)"); hp_tmpl_text() resolves
 * them against a language.  An ADM reader stores the same "$(string.X)"
 * form for its "!!X" references, so the two formats share one model.
 *
 * Registry mapping (formats.md D.8): hp_tmpl_policy_to_patch() turns a
 * policy state (Enabled with element values, Disabled, Not configured)
 * into patch operations, the same ones a Registry.pol would carry.
 */
#ifndef HP_TEMPLATE_H
#define HP_TEMPLATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/path.h"

struct hp_error;
struct hp_patch;
struct hp_tmpl_arena;

enum hp_tmpl_class {
	HP_TMPL_MACHINE = 1,
	HP_TMPL_USER = 2,
	HP_TMPL_BOTH = 3
};

/* A template Value (D.4). */
enum hp_tmpl_vkind {
	HP_TV_NONE = 0,		/* not given */
	HP_TV_DELETE,		/* <delete/>, ADM DELETE */
	HP_TV_DECIMAL,		/* REG_DWORD */
	HP_TV_LONGDECIMAL,	/* REG_QWORD */
	HP_TV_STRING		/* REG_SZ */
};

struct hp_tmpl_value {
	enum hp_tmpl_vkind	 kind;
	uint64_t		 num;
	const char		*str;
};

/* One entry of a ValueList; key NULL means the list's default key. */
struct hp_tmpl_item {
	const char		*key;
	const char		*value_name;
	struct hp_tmpl_value	 value;
	unsigned long		 line;
};

struct hp_tmpl_vlist {
	const char		*default_key;
	struct hp_tmpl_item	*v;
	size_t			 n;
	int			 present;	/* the element was written */
};

enum hp_tmpl_etype {
	HP_TE_BOOLEAN,
	HP_TE_DECIMAL,
	HP_TE_LONGDECIMAL,
	HP_TE_TEXT,
	HP_TE_ENUM,
	HP_TE_LIST,
	HP_TE_MULTITEXT
};

struct hp_tmpl_enum_item {
	const char		*display;	/* "$(string.X)" or text */
	struct hp_tmpl_value	 value;
	struct hp_tmpl_vlist	 list;
	unsigned long		 line;
};

/* A policy element (D.5).  Fields not used by the type stay zero. */
struct hp_tmpl_elem {
	enum hp_tmpl_etype	 type;
	const char		*id;
	const char		*key;		/* NULL: the policy key */
	const char		*value_name;
	const char		*client_ext;
	int			 required;
	int			 store_as_text;	/* decimal, longDecimal */
	int			 soft;
	int			 expandable;	/* text, list */
	int			 additive;	/* list */
	int			 explicit_value;	/* list */
	uint64_t		 min, max;	/* decimal, longDecimal */
	unsigned long		 max_length;	/* text, multiText */
	unsigned long		 max_strings;	/* multiText */
	const char		*value_prefix;	/* list; NULL if absent */
	struct hp_tmpl_value	 true_value, false_value;	/* boolean */
	struct hp_tmpl_vlist	 true_list, false_list;
	struct hp_tmpl_enum_item *items;	/* enum */
	size_t			 nitems;
	unsigned long		 line;
};

struct hp_tmpl_policy {
	const char		*name;
	enum hp_tmpl_class	 cls;
	const char		*display;
	const char		*explain;
	const char		*presentation;	/* "$(presentation.X)" */
	const char		*key;
	const char		*value_name;
	const char		*client_ext;
	const char		*parent;	/* category ref */
	const char		*supported;	/* supportedOn ref */
	struct hp_tmpl_value	 enabled_value, disabled_value;
	struct hp_tmpl_vlist	 enabled_list, disabled_list;
	struct hp_tmpl_elem	*elems;
	size_t			 nelems;
	unsigned long		 line;
};

struct hp_tmpl_category {
	const char	*name;
	const char	*display;
	const char	*explain;
	const char	*parent;	/* ref, NULL at the top */
	unsigned long	 line;
};

struct hp_tmpl_supdef {
	const char	*name;
	const char	*display;
	const char	**refs;		/* references inside or/and */
	size_t		 nrefs;
	unsigned long	 line;
};

struct hp_tmpl_ns {
	const char	*prefix;
	const char	*ns;
};

/* Presentation controls (D.6). */
enum hp_tmpl_ctype {
	HP_TC_TEXT,
	HP_TC_DECIMALTEXTBOX,
	HP_TC_LONGDECIMALTEXTBOX,
	HP_TC_TEXTBOX,
	HP_TC_MULTITEXTBOX,
	HP_TC_CHECKBOX,
	HP_TC_COMBOBOX,
	HP_TC_DROPDOWNLIST,
	HP_TC_LISTBOX
};

struct hp_tmpl_control {
	enum hp_tmpl_ctype	 type;
	const char		*ref_id;	/* NULL for text */
	const char		*label;
	const char		*default_value;	/* as written */
	int			 spin;		/* -1 when not given */
	unsigned long		 spin_step;	/* 0 when not given */
	int			 default_checked;
	int			 no_sort;
	long			 default_item;	/* -1 when not given */
	const char		**suggestions;
	size_t			 nsuggestions;
	unsigned long		 line;
};

struct hp_tmpl_presentation {
	const char		*id;
	struct hp_tmpl_control	*controls;
	size_t			 ncontrols;
	unsigned long		 line;
};

struct hp_tmpl_string {
	const char	*id;
	const char	*text;
	unsigned long	 line;
};

/* The resources of one language (one ADML, or an ADM's [strings]). */
struct hp_tmpl_lang {
	const char			*lang;		/* "en-US" */
	const char			*file;
	const char			*revision;
	const char			*display;
	const char			*description;
	struct hp_tmpl_string		*strings;
	size_t				 nstrings;
	struct hp_tmpl_presentation	*pres;
	size_t				 npres;
	int				 has_ns;	/* root in the namespace */
};

struct hp_tmpl {
	struct hp_tmpl_arena	*arena;
	const char		*file;
	const char		*revision;
	const char		*schema_version;
	const char		*min_required_revision;
	const char		*fallback_culture;
	struct hp_tmpl_ns	 target;
	struct hp_tmpl_ns	*usings;
	size_t			 nusings;
	const char		**superseded;
	size_t			 nsuperseded;
	struct hp_tmpl_supdef	*supdefs;
	size_t			 nsupdefs;
	struct hp_tmpl_category	*cats;
	size_t			 ncats;
	struct hp_tmpl_policy	*policies;
	size_t			 npolicies;
	struct hp_tmpl_lang	*langs;
	size_t			 nlangs;
	int			 has_ns;	/* root in the PolicyDefinitions namespace */
};

/* The namespace URI of ADMX and ADML (D.2). */
#define HP_TMPL_NS \
	"http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"
/* An older URI that some vendor files (HID's) still carry; accepted. */
#define HP_TMPL_NS_OLD \
	"http://www.microsoft.com/GroupPolicy/PolicyDefinitions"

/*
 * Creation, arena allocation and release.  These do not fail: running out
 * of memory aborts (core/alloc.h).
 */
struct hp_tmpl	*hp_tmpl_new(void);
void		 hp_tmpl_free(struct hp_tmpl *t);
void		*hp_tmpl_alloc(struct hp_tmpl *t, size_t size);
const char	*hp_tmpl_strdup(struct hp_tmpl *t, const char *s);
const char	*hp_tmpl_strndup(struct hp_tmpl *t, const char *s, size_t n);
/*
 * Grows an arena array *vp of *np elements of size sz by one zeroed
 * element and returns it.  This is the arena's form of HP_ALLOC_GROW: the
 * capacity is implicit (4, then doubling), and the old storage stays in
 * the arena, so pointers into the array are dead after the call.
 */
void		*hp_tmpl_push(struct hp_tmpl *t, void *vp, size_t *np,
		    size_t sz);

/* Lookups; names compare case-insensitively as Windows does. */
const struct hp_tmpl_policy	*hp_tmpl_find_policy(const struct hp_tmpl *t,
				    const char *name);
const struct hp_tmpl_elem	*hp_tmpl_find_elem(
				    const struct hp_tmpl_policy *p,
				    const char *id);
const struct hp_tmpl_lang	*hp_tmpl_find_lang(const struct hp_tmpl *t,
				    const char *lang);
const struct hp_tmpl_string	*hp_tmpl_find_string(
				    const struct hp_tmpl_lang *l,
				    const char *id);
const struct hp_tmpl_presentation *hp_tmpl_find_pres(
				    const struct hp_tmpl_lang *l,
				    const char *id);
/*
 * Resolves "$(string.X)" through l (NULL: the first language); any other
 * text is returned as it is; an unresolved reference returns ref itself.
 */
const char	*hp_tmpl_text(const struct hp_tmpl *t,
		    const struct hp_tmpl_lang *l, const char *ref);
/* If ref is "$(kind.X)", returns X in tmp (size n), else NULL. */
const char	*hp_tmpl_ref_id(const char *ref, const char *kind, char *tmp,
		    size_t n);

const char	*hp_tmpl_class_name(enum hp_tmpl_class c);
const char	*hp_tmpl_etype_name(enum hp_tmpl_etype t);
const char	*hp_tmpl_ctype_name(enum hp_tmpl_ctype t);
/* The control type an element type is presented with (D.6 pairing). */
int		 hp_tmpl_ctype_fits(enum hp_tmpl_ctype c, enum hp_tmpl_etype e);

/*
 * Policy state for the registry mapping.  Element values are given by
 * element id.  In an Enabled state an element without a value is an error
 * if it is required; otherwise a boolean counts as unchecked, a list as
 * empty (its key is still cleared unless additive), and any other element
 * writes nothing.
 *
 *  boolean:	num 0/1
 *  decimal, longDecimal: num
 *  text:	str
 *  enum:	num = item index (0-based); or str = the item's display
 *		string id or resolved text (first language)
 *  list:	strs[0..nstrs); with explicitValue: name, data pairs
 *  multiText:	strs[0..nstrs)
 */
enum hp_tmpl_state {
	HP_TMPL_NOT_CONFIGURED = 0,
	HP_TMPL_ENABLED,
	HP_TMPL_DISABLED
};

struct hp_tmpl_elemval {
	const char	*id;
	int		 has_num;
	uint64_t	 num;
	const char	*str;
	char *const	*strs;
	size_t		 nstrs;
};

struct hp_tmpl_setting {
	enum hp_tmpl_state		 state;
	const struct hp_tmpl_elemval	*vals;
	size_t				 nvals;
};

/*
 * Appends to out the operations that put policy p into state s.  Keys are
 * relative to root (HP_ROOT_NONE for a Registry.pol, whose class decides
 * the hive; HKLM or HKCU for a registry view).  Value names are plain;
 * a Disabled deletion is HP_OP_DELETE_VALUE, a list reset is
 * HP_OP_DELETE_VALUES and a soft element HP_OP_SET_VALUE_SOFT, which a
 * Registry.pol writer spells **del., **delvals. and **soft.  Element values
 * are checked against the element's constraints (range, maxLength, enum).
 */
int	hp_tmpl_policy_to_patch(const struct hp_tmpl *t,
	    const struct hp_tmpl_policy *p, const struct hp_tmpl_setting *s,
	    enum hp_root root, struct hp_patch *out, struct hp_error *e);

/*
 * Registry to policy state (the reverse of hp_tmpl_policy_to_patch): reads
 * the policy's values from view, its keys under root (HKLM for Machine,
 * HKCU for User).  Mismatch: the policy's own value is there but matches
 * neither its enabled nor its disabled value.  For Enabled, detail gets
 * one line per element value found ("  id: data").
 */
enum hp_tmpl_pstate {
	HP_PS_NOT_CONFIGURED,
	HP_PS_ENABLED,
	HP_PS_DISABLED,
	HP_PS_MISMATCH
};

struct hp_buf;
struct hp_view;
int		 hp_tmpl_policy_state(const struct hp_tmpl *t,
		    const struct hp_tmpl_policy *p, const struct hp_view *v,
		    enum hp_root root, enum hp_tmpl_pstate *st,
		    struct hp_buf *detail, struct hp_error *e);
const char	*hp_tmpl_pstate_name(enum hp_tmpl_pstate s);
/*
 * 1 if policy p has a state under root in view v: its class is root's
 * (HKLM: Machine, HKCU: User) and its key lies inside what v serves.
 */
int		 hp_tmpl_policy_in_view(const struct hp_tmpl_policy *p,
		    const struct hp_view *v, enum hp_root root);

/*
 * Loading any template: ADMX (with the ADML of lang beside it, in
 * DIR/lang/ or DIR itself) or ADM, told apart by content.  lang NULL
 * means en-US.  Warnings (missing ADML and the like) go to w.
 */
struct hp_warnings;
struct hp_tmpl	*hp_tmpl_load(const char *path, const char *lang,
		    struct hp_warnings *w, struct hp_error *e);
/* The ADML of lang for an ADMX path (malloc'd), or NULL if none. */
char		*hp_tmpl_adml_path(const char *admx, const char *lang);

#endif
