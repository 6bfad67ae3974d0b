/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A fleet's report and exit status, for check --fleet and report merge:
 * both end in the same report from the same results.
 */
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "policy/fleet.h"

static const char *const formats[] = {
	"text", "json", "junit", "jsonl", "html", NULL
};

int
hp_cli_fleet_format_ok(const char *format)
{
	size_t i;

	for (i = 0; format != NULL && formats[i] != NULL; i++)
		if (strcmp(format, formats[i]) == 0)
			return 1;
	return format == NULL;
}

static int
render(const struct hp_policy *pol, const struct hp_fleet *f,
    const struct hp_fleet_result *res, const char *format, int color,
    struct hp_buf *out, struct hp_error *e)
{
	if (format == NULL || strcmp(format, "text") == 0)
		hp_fleet_report_text(pol, f, res, color, out);
	else if (strcmp(format, "json") == 0)
		hp_fleet_report_json(f, res, out);
	else if (strcmp(format, "jsonl") == 0)
		hp_fleet_report_jsonl(f, res, out);
	else if (strcmp(format, "html") == 0)
		hp_fleet_report_html(pol, f, res, out);
	else
		return hp_fleet_report_junit(f, res, out, e);
	return 0;
}

int
hp_cli_fleet_output(const struct hp_policy *pol, const struct hp_fleet *f,
    const struct hp_fleet_result *res, const char *format,
    const char *outfile, int allow_uncovered, struct hp_ctx *ctx)
{
	struct hp_buf out = HP_BUF_INIT;
	int r;

	r = render(pol, f, res, format, outfile == NULL && ctx->tty, &out,
	    &ctx->error);
	if (r == 0)
		r = hp_cli_write_output(outfile, &out, ctx);
	hp_buf_release(&out);
	if (r == -1)
		return -1;
	switch (hp_fleet_worst(res, f->n)) {
	case HP_FLEET_PASS:
		return HP_EXIT_OK;
	case HP_FLEET_UNCOVERED:
		return allow_uncovered ? HP_EXIT_OK : HP_EXIT_UNCOVERED;
	default:
		return HP_EXIT_FINDINGS;
	}
}
