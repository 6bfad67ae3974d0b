/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The settings of a Registry.pol (or a GPO's two) gathered per policy, as
 * GPMC's settings report shows them: per class, each policy with its
 * category, state and element values, sorted by category and name; then
 * the "Extra Registry Settings" no template describes.
 */
#ifndef HP_VOCAB_GROUP_H
#define HP_VOCAB_GROUP_H

#include "core/buf.h"
#include "core/path.h"

struct hp_pol_entry;
struct hp_vocab;
struct hp_vocab_group;
struct json_object;

struct hp_vocab_group	*hp_vocab_group_new(const struct hp_vocab *v);
void			 hp_vocab_group_free(struct hp_vocab_group *g);
/*
 * Adds an entry of a Registry.pol of class root (HKLM or HKCU).  Returns
 * 1 if a policy took it, 0 if it went to the extra registry settings.
 */
int	hp_vocab_group_add_pol(struct hp_vocab_group *g,
	    const struct hp_pol_entry *en, enum hp_root root);
/*
 * "Computer Configuration/Administrative Templates", then per category
 * its policies ("    Policy: State", element lines below), then
 * "Computer Configuration/Extra Registry Settings" with the entries as
 * "hivepol show" prints them; the same for User, and without the
 * "... Configuration/" for entries of a Registry.pol of unknown class.
 */
void	hp_vocab_group_text(const struct hp_vocab_group *g, struct hp_buf *out);
/*
 * {"policies": [{"category", "policy", "id", "admx", "class", "state",
 * "elements": [{"element", "label", "value"}]}], "extra": [entries]};
 * class is null for a Registry.pol of unknown class.
 */
struct json_object *hp_vocab_group_json(const struct hp_vocab_group *g);

#endif
