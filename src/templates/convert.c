/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Template conversion: see convert.h. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "templates/adm.h"
#include "templates/admx.h"
#include "templates/convert.h"
#include "templates/template.h"

/* "dir/[sub/]base.ext" from path's base name. */
static char *
out_name(const char *dir, const char *sub, const char *path,
    const char *ext)
{
	struct hp_buf b = HP_BUF_INIT;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *dot = strrchr(base, '.');

	hp_buf_addf(&b, "%s/", dir);
	if (sub != NULL)
		hp_buf_addf(&b, "%s/", sub);
	hp_buf_add(&b, base, dot ? (size_t)(dot - base) : strlen(base));
	hp_buf_adds(&b, ext);
	return hp_buf_detach(&b, NULL);
}

static struct hp_tmpl_file *
add_file(struct hp_tmpl_conversion *c, char *path)
{
	struct hp_tmpl_file *f = &c->files[c->nfiles++];

	f->path = path;
	f->data = (struct hp_buf)HP_BUF_INIT;
	return f;
}

int
hp_tmpl_convert(const struct hp_tmpl *t, const char *path, const char *lang,
    const char *dir, struct hp_tmpl_conversion *c, struct hp_error *e)
{
	struct hp_buf sub = HP_BUF_INIT;
	struct hp_tmpl_file *x, *l;

	memset(c, 0, sizeof(*c));
	if (lang == NULL)
		lang = "en-US";
	/* An ADM is read into a template whose one language is itself. */
	if (t->nlangs > 0 && t->langs[0].file == t->file) {
		hp_buf_addf(&sub, "%s/%s", dir, lang);
		c->dir = hp_buf_detach(&sub, NULL);
		x = add_file(c, out_name(dir, NULL, path, ".admx"));
		l = add_file(c, out_name(dir, lang, path, ".adml"));
		if (hp_admx_write(t, &x->data, e) == -1 ||
		    hp_adml_write(t, lang, &l->data, e) == -1)
			return -1;
		return 0;
	}
	hp_buf_adds(&sub, dir);
	c->dir = hp_buf_detach(&sub, NULL);
	x = add_file(c, out_name(dir, NULL, path, ".adm"));
	return hp_adm_write(t, lang, &x->data, e);
}

void
hp_tmpl_conversion_free(struct hp_tmpl_conversion *c)
{
	size_t i;

	for (i = 0; i < c->nfiles; i++) {
		free(c->files[i].path);
		hp_buf_release(&c->files[i].data);
	}
	free(c->dir);
	memset(c, 0, sizeof(*c));
}
