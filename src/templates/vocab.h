/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Policy vocabulary: a PolicyDefinitions folder (every ADMX in it, with
 * one language's ADML) and its reverse index, registry key and value name
 * to the policy and element that write them, so that a registry setting
 * can be named as the Group Policy editor and GPMC's report name it:
 * category path, policy display name, state, element and its value.
 * A setting no template describes is an "extra registry setting".
 *
 * Keys and value names match case-insensitively (ASCII letters, as the
 * templates write them).  Keys are relative to the class root: HKLM for
 * Machine policies, HKCU for User ones.
 */
#ifndef HP_VOCAB_H
#define HP_VOCAB_H

#include <stddef.h>

#include "core/buf.h"
#include "core/path.h"
#include "core/value.h"
#include "templates/template.h"

struct hp_error;
struct hp_warnings;
struct hp_vocab;
struct json_object;

/*
 * Loads every *.admx of dir with its ADML of lang (DIR/LANG/, or beside
 * it).  lang NULL: en-US if dir has it, else the first language folder
 * holding an ADML.  A template that does not load is an error naming its
 * file; a missing ADML a warning (names then read "$(string.X)").
 */
struct hp_vocab	*hp_vocab_load(const char *dir, const char *lang,
		    struct hp_warnings *w, struct hp_error *e);
void		 hp_vocab_free(struct hp_vocab *v);
/* Templates loaded; *npolicies (if not NULL) gets their policy count. */
size_t		 hp_vocab_count(const struct hp_vocab *v, size_t *npolicies);
/* The language whose ADML were read ("en-US"), or NULL if none. */
const char	*hp_vocab_lang(const struct hp_vocab *v);

/* What a registry setting does to its value. */
enum hp_vocab_op {
	HP_VOCAB_SET,		/* the value holds data */
	HP_VOCAB_DELETED,	/* deleted (Registry.pol **del.) */
	HP_VOCAB_CLEARED	/* every value of the key deleted (**delvals.) */
};

/*
 * A setting named.  state is Enabled or Disabled when the data is one
 * the policy writes in that state, Mismatch when it is neither.  element
 * is NULL for the policy's own value and its enabled/disabled lists.
 * When several policies write the same value (Internet Explorer's zone
 * templates and the zone policies), the one whose own value, list or
 * element names it directly is taken before one whose enum item or
 * checkbox writes it on the side, then the first loaded.
 * Strings are the vocabulary's; the two buffers are the name's own.
 */
struct hp_vocab_name {
	const struct hp_tmpl_policy	*p;
	const struct hp_tmpl		*t;
	const char			*policy;	/* display name */
	const char			*element;	/* element id */
	const char			*label;		/* its control's label */
	enum hp_tmpl_class		 cls;		/* of the setting */
	enum hp_tmpl_pstate		 state;
	int				 weight;	/* 2 the policy's own
							   value, 1 its lists,
							   0 an element */
	struct hp_buf			 category;	/* "A/B/C" */
	struct hp_buf			 value;		/* the element's value as
							   the editor shows it */
};

#define HP_VOCAB_NAME_INIT \
	{ NULL, NULL, NULL, NULL, NULL, 0, HP_PS_NOT_CONFIGURED, 0, \
	  HP_BUF_INIT, HP_BUF_INIT }

/*
 * Names the setting name under key (relative to root: HKLM or HKCU, or
 * HP_ROOT_NONE for either class).  data is read for HP_VOCAB_SET only;
 * NULL there names the setting without a state (Not configured).
 * Returns 1 when a template describes it (out filled, earlier contents
 * replaced), 0 when none does: an extra registry setting.
 */
int	hp_vocab_name(const struct hp_vocab *v, enum hp_root root,
	    const char *key, const char *name, enum hp_vocab_op op,
	    const struct hp_value *data, struct hp_vocab_name *out);
/*
 * The same for a full path: HKLM\..., HKCU\..., or HKU\SID\... (a user's
 * hive, named as HKCU).  Other roots name nothing.
 */
int	hp_vocab_name_path(const struct hp_vocab *v,
	    const struct hp_path *key, const char *name, enum hp_vocab_op op,
	    const struct hp_value *data, struct hp_vocab_name *out);
void	hp_vocab_name_release(struct hp_vocab_name *n);

/*
 * One line for people: "Category/Policy: State" and, for an element,
 * "; Label: value" (without a state: "Category/Policy").
 */
void	hp_vocab_name_text(const struct hp_vocab_name *n, struct hp_buf *out);
/*
 * {"category", "policy", "id", "admx", "class", "state", "element",
 * "label", "value"}; the last three only for an element; state null
 * without one.
 */
struct json_object *hp_vocab_name_json(const struct hp_vocab_name *n);

/*
 * A difference of values (core/diff.h): "Category/Policy: Old -> New"
 * (and "; Label: old -> new") when one policy names both sides, else the
 * name of the side that has one, else "extra registry setting".  Keys
 * add nothing.
 */
struct hp_diff_item;
void	hp_vocab_diff_text(const struct hp_vocab *v,
	    const struct hp_diff_item *d, struct hp_buf *out);
/*
 * The name of the new side (else the old) as hp_vocab_name_json, with
 * "old_state" (and "old_value") when both sides are named; NULL for keys
 * and extra settings.
 */
struct json_object *hp_vocab_diff_json(const struct hp_vocab *v,
	    const struct hp_diff_item *d);

#endif
