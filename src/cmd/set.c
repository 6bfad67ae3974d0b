#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "cli/cli.h"
#include "formats/hive.h"
#include "core/patch.h"
#include "core/text.h"

static int run_set(int, char **, struct hp_ctx *);

const struct hp_cmd hp_cmd_set = {
	"set", "set [--dry-run] [--backup] [--force] [--verify basic|full] "
	"[--mount <prefix>] <hive> <key> <value> <type> [<data>...]",
	"set a value (type sz, expand_sz, multi_sz, dword, dword_be, qword, "
	"binary, none, link, or a type number with hex data)", run_set
};

static int
parse_hex(const char *s, struct hp_buf *out)
{
	int hi = -1;

	if (strncmp(s, "hex:", 4) == 0)
		s += 4;
	for (; *s; s++) {
		int d;

		if (*s == ',' || *s == ' ' || *s == ':' || *s == '-')
			continue;
		if ((d = hp_text_hexdigit(*s)) == -1)
			return -1;
		if (hi < 0)
			hi = d;
		else {
			hp_buf_addc(out, hi << 4 | d);
			hi = -1;
		}
	}
	return hi < 0 ? 0 : -1;
}

static int
parse_number(const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;

	errno = 0;
	if (*s == '-')
		return -1;
	*out = strtoull(s, &end, 0);
	return errno || *s == '\0' || *end != '\0' || *out > max ? -1 : 0;
}

/* Builds the value from TYPE and DATA arguments. */
static int
make_value(const char *tname, char **data, int ndata, struct hp_value *v,
    struct hp_ctx *ctx)
{
	struct hp_buf b = HP_BUF_INIT;
	unsigned long long n;
	uint32_t type;
	int r = 0;

	if (hp_value_type_parse(tname, &type) == -1)
		return hp_cli_usage(ctx, &hp_cmd_set, "unknown type \"%s\"",
		    tname);
	if (type == HP_REG_MULTI_SZ)
		return hp_value_set_multi(v, data, (size_t)ndata, &ctx->error);
	if (ndata > 1 || (ndata == 0 && type != HP_REG_NONE &&
	    type != HP_REG_BINARY))
		return hp_cli_usage(ctx, &hp_cmd_set, "type %s takes one data "
		    "argument", tname);
	switch (type) {
	case HP_REG_SZ:
	case HP_REG_EXPAND_SZ:
	case HP_REG_LINK:
		return hp_value_set_string(v, type, data[0], &ctx->error);
	case HP_REG_DWORD:
	case HP_REG_DWORD_BIG_ENDIAN:
		if (parse_number(data[0], 0xffffffffULL, &n) == -1)
			return hp_error_set(&ctx->error, HP_E_INPUT, "\"%s\" "
			    "is not a 32-bit unsigned number", data[0]);
		r = hp_value_set_dword(v, (uint32_t)n);
		if (r == 0 && type == HP_REG_DWORD_BIG_ENDIAN) {
			unsigned char be[4] = { n >> 24, n >> 16, n >> 8, n };

			r = hp_value_set(v, type, be, 4);
		}
		return r;
	case HP_REG_QWORD:
		if (parse_number(data[0], ~0ULL, &n) == -1)
			return hp_error_set(&ctx->error, HP_E_INPUT, "\"%s\" "
			    "is not a 64-bit unsigned number", data[0]);
		return hp_value_set_qword(v, n);
	}
	/* Everything else is raw bytes in hex. */
	if (ndata == 1 && parse_hex(data[0], &b) == -1)
		r = hp_error_set(&ctx->error, HP_E_INPUT, "\"%s\" is not hex "
		    "bytes (like 01,ff,a0 or 01ffa0)", data[0]);
	else
		r = hp_value_set(v, type, b.buf, b.len);
	hp_buf_release(&b);
	return r;
}

static int
run_set(int argc, char **argv, struct hp_ctx *ctx)
{
	struct hp_cli_hive_opts o = { 0 };
	struct hp_option options[] = {
		HP_OPT_HIVE_WRITE(&o),
		HP_OPT_END()
	};
	struct hp_value v = HP_VALUE_INIT;
	struct hp_patch p = HP_PATCH_INIT;
	struct hp_path rel = HP_PATH_INIT, full = HP_PATH_INIT;
	struct hp_hive *hv = NULL;
	int r = -1;

	/* Options end at the first operand: data may start with '-'. */
	if ((argc = hp_parse_options(argc, argv, options, &hp_cmd_set,
	    HP_PARSE_STOP_AT_OPERAND, ctx)) < 0)
		return hp_parse_exit(argc);
	if (argc < 4)
		return hp_cli_usage(ctx, &hp_cmd_set, "expected a hive, a key, "
		    "a value name and a type");
	if (make_value(argv[3], argv + 4, argc - 4, &v, ctx) == -1 ||
	    hp_cli_open_hive(argv[0], 1, &o, &hv, ctx) == -1 ||
	    hp_cli_key_arg(hv, argv[1], &rel, ctx) == -1)
		goto out;
	if (hp_path_join(&full, hp_hive_mount(hv), &rel) == -1 ||
	    hp_patch_add(&p, HP_OP_SET_VALUE, hp_hive_has_mount(hv) ? &full :
	    &rel, hp_cli_value_name(argv[2]), &v, 0) == NULL) {
		r = hp_error_errno(&ctx->error, HP_E_IO, "out of memory");
		goto out;
	}
	r = hp_cli_apply_one(hv, &p, &o, ctx);
out:
	hp_patch_free(&p);
	hp_path_free(&rel);
	hp_path_free(&full);
	hp_value_free(&v);
	hp_hive_close(hv);
	return r;
}
