/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A Registry.pol's class from its own keys.  HKLM holds only a fixed set
 * of keys (nothing can be created directly below it), and the
 * CurrentControlSet link exists only in HKLM\SYSTEM; HKCU has Software
 * and System too.  So a key outside that set is a user key, one below
 * HARDWARE, SAM, SECURITY, ... or System\CurrentControlSet a machine key,
 * and one below Software tells nothing.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "formats/pol_impl.h"
#include "formats/polfile.h"

/* The keys directly below HKLM besides SOFTWARE and SYSTEM. */
static const char *const machine_only[] = {
	"HARDWARE", "SAM", "SECURITY", "BCD00000000", "COMPONENTS",
	"DRIVERS", "ELAM", "SCHEMA"
};

/* 1 if s's component at n characters is name (case-insensitively). */
static int
comp_is(const char *s, size_t n, const char *name)
{
	return n == strlen(name) && strncasecmp(s, name, n) == 0;
}

/* The class a key below the class root can only belong to, or NONE. */
static enum hp_root
key_class(const char *key)
{
	size_t n = strcspn(key, "\\"), i;
	const char *rest = key[n] == '\\' ? key + n + 1 : key + n;
	size_t m = strcspn(rest, "\\");

	if (n == 0 || comp_is(key, n, "SOFTWARE"))
		return HP_ROOT_NONE;
	if (comp_is(key, n, "SYSTEM"))
		return comp_is(rest, m, "CurrentControlSet") ||
		    (m > 10 && strncasecmp(rest, "ControlSet", 10) == 0) ||
		    comp_is(rest, m, "Select") ? HP_ROOT_HKLM : HP_ROOT_NONE;
	for (i = 0; i < sizeof(machine_only) / sizeof(*machine_only); i++)
		if (comp_is(key, n, machine_only[i]))
			return HP_ROOT_HKLM;
	return HP_ROOT_HKCU;
}

/* The first key of each class found, as evidence for the message. */
struct evidence {
	char	*key[2];	/* [0] HKLM, [1] HKCU */
};

static int
scan(const char *path, struct evidence *ev, struct hp_error *e)
{
	struct hp_file_map m;
	struct hp_pol_reader r;
	struct hp_pol_entry en;
	enum hp_root c;
	int g;

	if (hp_file_map(path, &m, e) == -1)
		return -1;
	if ((g = hp_pol_reader_start(&r, m.data, m.len, path, e)) == 0)
		while ((g = hp_pol_reader_next(&r, &en, NULL, 0)) == 1) {
			c = key_class(en.key);
			if (c != HP_ROOT_NONE && ev->key[c == HP_ROOT_HKCU] ==
			    NULL) {
				ev->key[c == HP_ROOT_HKCU] = en.key;
				en.key = NULL;
			}
			hp_pol_entry_free(&en);
		}
	hp_file_unmap(&m);
	return g;
}

int
hp_pol_class_from_entries(const char *path, enum hp_root *root,
    struct hp_buf *why, struct hp_error *e)
{
	struct evidence ev = { { NULL, NULL } };

	*root = HP_ROOT_NONE;
	if (scan(path, &ev, e) == -1) {
		free(ev.key[0]);
		free(ev.key[1]);
		return -1;
	}
	if (ev.key[0] != NULL && ev.key[1] != NULL)
		hp_buf_addf(why, "its keys are of both classes (%s only in "
		    "HKLM, %s only in HKCU)", ev.key[0], ev.key[1]);
	else if (ev.key[0] != NULL || ev.key[1] != NULL) {
		*root = ev.key[0] != NULL ? HP_ROOT_HKLM : HP_ROOT_HKCU;
		hp_buf_addf(why, "its key %s exists only in %s", ev.key[0] ?
		    ev.key[0] : ev.key[1], hp_root_short(*root));
	} else
		hp_buf_adds(why, "none of its keys exists in only one class "
		    "(Software and System are in both)");
	free(ev.key[0]);
	free(ev.key[1]);
	return 0;
}
