/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Registry.pol entries as people read them: one line per entry in the
 * spirit of LGPO's /parse text form, and JSON.  See docs/pol-format.md.
 */
#ifndef HP_POLTEXT_H
#define HP_POLTEXT_H

#include "core/path.h"

struct hp_buf;
struct hp_pol_entry;
struct json_object;

/*
 * "Computer<TAB>KEY<TAB>NAME<TAB>ACTION", where ACTION is TYPE:DATA
 * (SZ:text, EXSZ:, MULTISZ:a\0b, DWORD:decimal, QWORD:, BINARY:hex,
 * NONE) or a command (DELETE, DELETEALLVALUES, DELETEVALUES:a;b,
 * DELETEKEYS:a;b, CREATEKEY, SOFT:TYPE:DATA, SECUREKEY:n).  Control
 * characters in names and text are escaped, so the line is one line.
 */
int			 hp_pol_entry_describe(const struct hp_pol_entry *en,
			    enum hp_root root, struct hp_buf *out);
struct json_object	*hp_pol_entry_json(const struct hp_pol_entry *en,
			    enum hp_root root);

#endif
