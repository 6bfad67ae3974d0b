/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Loading a template file of either kind, with the ADML that belongs to
 * an ADMX: DIR/LANG/NAME.adml, else DIR/NAME.adml, matching the file and
 * directory names case-insensitively (real sets ship InetRes.adml beside
 * inetres.admx, and en-us directories).
 */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/dir.h"
#include "core/error.h"
#include "core/file.h"
#include "core/limits.h"
#include "templates/adm.h"
#include "templates/admx.h"
#include "templates/template.h"

char *
hp_tmpl_adml_path(const char *admx, const char *lang)
{
	struct hp_buf dir = HP_BUF_INIT, name = HP_BUF_INIT;
	const char *slash = strrchr(admx, '/'), *base, *dot;
	char *ldir, *r = NULL;

	base = slash ? slash + 1 : admx;
	if (slash != NULL)
		hp_buf_add(&dir, admx, slash - admx);
	dot = strrchr(base, '.');
	hp_buf_add(&name, base, dot ? (size_t)(dot - base) : strlen(base));
	hp_buf_adds(&name, ".adml");
	if ((ldir = hp_dir_find_ci(dir.buf, lang)) != NULL) {
		r = hp_dir_find_ci(ldir, name.buf);
		free(ldir);
	}
	if (r == NULL)
		r = hp_dir_find_ci(dir.buf, name.buf);
	hp_buf_release(&dir);
	hp_buf_release(&name);
	return r;
}

struct hp_tmpl *
hp_tmpl_load(const char *path, const char *lang, struct hp_warnings *w,
    struct hp_error *e)
{
	struct hp_buf data = HP_BUF_INIT;
	struct hp_tmpl *t;
	char *adml = NULL;
	int r;

	if (lang == NULL)
		lang = "en-US";
	t = hp_tmpl_new();
	if (hp_file_read(path, HP_MAX_INPUT_SIZE, &data, e) == -1)
		goto fail;
	if (hp_adm_sniff(data.buf, data.len)) {
		r = hp_adm_read(t, path, data.buf, data.len, lang, 0, w, e);
		hp_buf_release(&data);
		if (r == -1)
			goto fail;
		return t;
	}
	r = hp_admx_read(t, path, data.buf, data.len, w, e);
	hp_buf_release(&data);
	if (r == -1)
		goto fail;
	if ((adml = hp_tmpl_adml_path(path, lang)) == NULL) {
		hp_warn(w, "%s: no %s ADML found beside it (%s/ or the same "
		    "directory)", path, lang, lang);
		return t;
	}
	if (hp_file_read(adml, HP_MAX_INPUT_SIZE, &data, e) == -1 ||
	    hp_adml_read(t, lang, adml, data.buf, data.len, w, e) == -1) {
		hp_buf_release(&data);
		free(adml);
		goto fail;
	}
	hp_buf_release(&data);
	free(adml);
	return t;
fail:
	hp_tmpl_free(t);
	return NULL;
}
