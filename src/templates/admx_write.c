#include "admx.h"
#include "error.h"
#include "template.h"

int
hp_admx_write(const struct hp_tmpl *t, struct hp_buf *out, struct hp_error *e)
{
	(void)t; (void)out;
	return hp_error_set(e, HP_EXIT_IO, "not yet");
}

int
hp_adml_write(const struct hp_tmpl *t, const char *lang, struct hp_buf *out,
    struct hp_error *e)
{
	(void)t; (void)out; (void)lang;
	return hp_error_set(e, HP_EXIT_IO, "not yet");
}
