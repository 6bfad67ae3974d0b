/*
 * Shared by the template fuzz targets: run the model checks (and, if
 * write, every writer) over a template that parsed, then free it.  A
 * template whose reading failed is only freed: callers never use those.
 */
#include "templates/adm.h"
#include "templates/admx.h"
#include "core/buf.h"
#include "core/error.h"
#include "templates/lint.h"
#include "templates/template.h"

static void
exercise(struct hp_tmpl *t, const char *lang, int parsed, int write)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_lint l = HP_LINT_INIT;
	struct hp_buf out = HP_BUF_INIT;

	if (parsed)
		hp_lint_model(t, lang, &l);
	if (parsed && write) {
		(void)hp_admx_write(t, &out, &e);
		(void)hp_adml_write(t, NULL, &out, &e);
		(void)hp_adm_write(t, NULL, &out, &e);
	}
	hp_lint_free(&l);
	hp_buf_release(&out);
	hp_tmpl_free(t);
}
