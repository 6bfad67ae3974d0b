/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "formats/auditcsv.h"
#include "formats/gpo.h"
#include "formats/hive.h"
#include "formats/polfile.h"
#include "formats/regfile.h"
#include "formats/secedit.h"
#include "formats/source.h"

enum hp_format
hp_format_detect(const char *path)
{
	unsigned char b[512];
	struct stat st;
	ssize_t n;
	int fd;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return HP_FMT_GPO;
	if ((fd = open(path, O_RDONLY)) == -1)
		return HP_FMT_UNKNOWN;
	n = read(fd, b, sizeof(b));
	close(fd);
	if (n >= 4 && memcmp(b, "regf", 4) == 0)
		return HP_FMT_HIVE;
	if (n >= 4 && memcmp(b, "PReg", 4) == 0)
		return HP_FMT_POL;
	if (n > 0 && hp_secedit_sniff(b, (size_t)n))
		return HP_FMT_SECEDIT;
	if (n > 0 && hp_auditcsv_sniff(b, (size_t)n))
		return HP_FMT_AUDITCSV;
	if (n >= 2 && ((b[0] == 0xff && b[1] == 0xfe) ||
	    memmem(b, (size_t)n, "REGEDIT", 7) != NULL ||
	    memmem(b, (size_t)n, "Windows Registry Editor", 23) != NULL))
		return HP_FMT_REG;
	return HP_FMT_UNKNOWN;
}

const char *
hp_format_name(enum hp_format f)
{
	switch (f) {
	case HP_FMT_HIVE:	return "hive";
	case HP_FMT_REG:	return "reg";
	case HP_FMT_POL:	return "pol";
	case HP_FMT_GPO:	return "gpo";
	case HP_FMT_SECEDIT:	return "secedit";
	case HP_FMT_AUDITCSV:	return "audit";
	default:		return "unknown";
	}
}

/* The class a hive's root gives the settings that go into it. */
static enum hp_root
hive_class(enum hp_root root)
{
	if (root == HP_ROOT_HKLM)
		return HP_ROOT_HKLM;
	return root == HP_ROOT_HKCU || root == HP_ROOT_HKU ? HP_ROOT_HKCU :
	    HP_ROOT_NONE;
}

/* The rules after --class; why says which one chose, or why none did. */
static int
infer_class(const char *path, const struct hp_source_opts *o,
    enum hp_root *root, struct hp_buf *why, struct hp_error *e)
{
	if ((*root = hp_pol_class_from_path(path)) != HP_ROOT_NONE) {
		hp_buf_addf(why, "its folder is named %s", *root ==
		    HP_ROOT_HKLM ? "Machine" : "User");
		return 0;
	}
	/* A pipe cannot be read twice. */
	if (strcmp(path, "-") != 0 &&
	    hp_pol_class_from_entries(path, root, why, e) == -1)
		return -1;
	if (*root != HP_ROOT_NONE || o == NULL ||
	    hive_class(o->hive_root) == HP_ROOT_NONE)
		return 0;
	*root = hive_class(o->hive_root);
	hp_buf_reset(why);
	hp_buf_addf(why, "it is used with %s, a hive of %s", o->hive_name ?
	    o->hive_name : "a hive", hp_root_short(o->hive_root));
	return 0;
}

int
hp_pol_root(const char *path, const struct hp_source_opts *o,
    enum hp_root *root, struct hp_warnings *w, struct hp_error *e)
{
	struct hp_buf why = HP_BUF_INIT;
	int r = 0;

	*root = o != NULL ? o->pol_root : HP_ROOT_NONE;
	if (*root != HP_ROOT_NONE)
		return 0;
	if (infer_class(path, o, root, &why, e) == -1)
		r = -1;
	else if (*root == HP_ROOT_NONE) {
		hp_error_set(e, HP_E_INPUT, "%s: cannot tell whether this "
		    "Registry.pol is for the machine (HKLM) or the user "
		    "(HKCU)%s%s", path, why.len ? ": " : "", why.buf);
		r = hp_error_hint(e, HP_HINT_CLASS);
	} else
		hp_warn(w, "%s: read as a %s Registry.pol (%s) because %s",
		    path, *root == HP_ROOT_HKLM ? "machine" : "user",
		    hp_root_short(*root), why.buf);
	hp_buf_release(&why);
	return r;
}

static int
read_pol(const char *path, const struct hp_source_opts *o,
    struct hp_patch *out, struct hp_warnings *w, struct hp_error *e)
{
	enum hp_root root;

	if (hp_pol_root(path, o, &root, w, e) == -1)
		return -1;
	return hp_pol_parse_file(path, root, out, w, e);
}

/*
 * A security template's registry part; its other settings into settings,
 * or (NULL) warned about as not applied.
 */
static int
read_secedit(const char *path, struct hp_patch *out,
    struct hp_secsettings *settings, struct hp_warnings *w,
    struct hp_error *e)
{
	struct hp_secedit t;
	struct hp_secsettings named = HP_SECSETTINGS_INIT;
	int r;

	if (hp_secedit_read_file(path, &t, e) == -1)
		return -1;
	r = hp_secedit_patch(&t, out, w, e);
	hp_secsettings_from_secedit(&t, settings ? settings : &named);
	if (r == 0 && settings == NULL)
		hp_secsettings_warn_offline(&named, path, w);
	hp_secsettings_free(&named);
	hp_secedit_free(&t);
	return r;
}

int
hp_patch_read_file(const char *path, enum hp_format fmt,
    const struct hp_source_opts *o, struct hp_patch *out,
    struct hp_warnings *w, struct hp_error *e)
{
	if (fmt == HP_FMT_UNKNOWN)
		fmt = hp_format_detect(path);
	switch (fmt) {
	case HP_FMT_REG:
		return hp_reg_read_file(path, &(struct hp_reg_read_opts){
		    o ? o->strict : 0, o ? o->codepage : NULL }, out, w, e);
	case HP_FMT_POL:
		return read_pol(path, o, out, w, e);
	case HP_FMT_GPO:
		return hp_gpo_read_patch(path, out, w, e);
	case HP_FMT_SECEDIT:
		return read_secedit(path, out, NULL, w, e);
	case HP_FMT_AUDITCSV:
		return hp_error_set(e, HP_E_INPUT, "%s: an audit policy holds "
		    "no registry values (Windows keeps audit policy in the "
		    "SECURITY hive): not applied offline", path);
	default:
		return hp_error_set(e, HP_E_INPUT, "%s: not a .reg or "
		    "Registry.pol file", path);
	}
}

int
hp_source_open(const char *path, const struct hp_source_opts *o,
    struct hp_source **out, struct hp_warnings *w, struct hp_error *e)
{
	static const struct hp_source_opts none;
	struct hp_source *s;
	struct hp_path mount = HP_PATH_INIT;
	int r;

	if (o == NULL)
		o = &none;
	*out = NULL;
	s = hp_calloc(1, sizeof(*s));
	s->path = hp_strdup(path);
	s->format = hp_format_detect(path);
	switch (s->format) {
	case HP_FMT_HIVE:
		if (o->mount != NULL &&
		    hp_path_parse(o->mount, &mount, e) == -1) {
			r = -1;
			break;
		}
		r = hp_hive_open(path, (o->write ? HP_HIVE_WRITE : 0) |
		    (o->force ? HP_HIVE_FORCE : 0), o->mount ? &mount : NULL,
		    &s->hive, w, e);
		hp_path_free(&mount);
		break;
	case HP_FMT_REG:
	case HP_FMT_POL:
	case HP_FMT_GPO:
	case HP_FMT_SECEDIT:
	case HP_FMT_AUDITCSV:
		if (s->format == HP_FMT_SECEDIT)
			r = read_secedit(path, &s->patch, &s->settings, w, e);
		else if (s->format == HP_FMT_AUDITCSV)
			r = hp_auditcsv_read_file(path, &s->settings, e);
		else
			r = hp_patch_read_file(path, s->format, o, &s->patch,
			    w, e);
		if (r == 0) {
			hp_tree_init(&s->tree, NULL);
			r = hp_tree_apply(&s->tree, &s->patch, NULL, w, e);
		}
		break;
	default:
		r = hp_error_set(e, HP_E_INPUT, "%s: not a hive, .reg, "
		    "Registry.pol file, GPO folder, security template or "
		    "audit.csv", path);
	}
	if (r == -1) {
		hp_source_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

void
hp_source_view(struct hp_source *s, struct hp_view *v)
{
	if (s->hive != NULL)
		hp_hive_view(s->hive, v);
	else
		hp_tree_view(&s->tree, v, s->path);
}

void
hp_source_close(struct hp_source *s)
{
	if (s == NULL)
		return;
	hp_hive_close(s->hive);
	hp_patch_free(&s->patch);
	hp_secsettings_free(&s->settings);
	if (s->tree.root != NULL)
		hp_tree_free(&s->tree);
	free(s->path);
	free(s);
}
