/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * audit.csv rows into named settings (auditcsv.h).  Fields may be quoted
 * as CSV allows ("" is one quote); auditpol does not quote, but a file
 * edited in a spreadsheet may be.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "core/limits.h"
#include "core/text.h"
#include "formats/auditcsv.h"
#include "formats/secedit_settings.h"

#define NCOLS		7
#define HEADER		"Machine Name,Policy Target,Subcategory," \
			"Subcategory GUID,Inclusion Setting,Exclusion Setting," \
			"Setting Value"
#define SECTION		"Audit Policy"
#define STORE		"Windows keeps audit policy in the SECURITY hive"

enum { COL_MACHINE, COL_TARGET, COL_SUBCAT, COL_GUID, COL_INCL, COL_EXCL,
	COL_VALUE };

struct row {
	const char	*path;
	unsigned long	 line;
	struct hp_buf	 cells;		/* NUL-terminated, back to back */
	const char	*col[NCOLS];
};

int
hp_auditcsv_sniff(const void *data, size_t len)
{
	const char *s = data;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		len -= 3;
	}
	return len >= 27 && strncasecmp(s, "Machine Name,Policy Target,", 27)
	    == 0;
}

/* Splits one line (without its line end) into r's columns. */
static int
split_row(struct row *r, const char *s, size_t len, struct hp_error *e)
{
	size_t i, ncol = 0, starts[NCOLS + 1];
	int quoted = 0;

	hp_buf_reset(&r->cells);
	starts[ncol++] = 0;
	for (i = 0; i < len; i++) {
		if (s[i] == '"' && quoted && i + 1 < len && s[i + 1] == '"')
			hp_buf_addc(&r->cells, s[i++]);
		else if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == ',' && !quoted) {
			hp_buf_addc(&r->cells, '\0');
			if (ncol == NCOLS)
				return hp_error_set(e, HP_E_INPUT, "%s:%lu: "
				    "more than %d columns", r->path, r->line,
				    NCOLS);
			starts[ncol++] = r->cells.len;
		} else
			hp_buf_addc(&r->cells, s[i]);
	}
	hp_buf_addc(&r->cells, '\0');
	if (quoted)
		return hp_error_set(e, HP_E_INPUT, "%s:%lu: unclosed quote",
		    r->path, r->line);
	if (ncol != NCOLS)
		return hp_error_set(e, HP_E_INPUT, "%s:%lu: %zu columns, "
		    "expected %d", r->path, r->line, ncol, NCOLS);
	for (i = 0; i < NCOLS; i++)
		r->col[i] = r->cells.buf + starts[i];
	return 0;
}

/* {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx} */
static int
is_guid(const char *s)
{
	size_t i;

	if (strlen(s) != 38 || s[0] != '{' || s[37] != '}')
		return 0;
	for (i = 1; i < 37; i++)
		if ((i == 9 || i == 14 || i == 19 || i == 24) ? s[i] != '-' :
		    hp_text_hexdigit((unsigned char)s[i]) < 0)
			return 0;
	return 1;
}

/* One data row as a setting. */
static int
add_row(struct row *r, struct hp_secsettings *out, struct hp_error *e)
{
	const char *guid = r->col[COL_GUID], *target = r->col[COL_TARGET];
	const char *value = r->col[COL_VALUE];
	char *name;

	if (*guid == '\0') {
		if (*r->col[COL_SUBCAT] == '\0')
			return hp_error_set(e, HP_E_INPUT, "%s:%lu: neither a "
			    "subcategory nor a GUID", r->path, r->line);
		hp_secsettings_add(out, strncasecmp(r->col[COL_SUBCAT],
		    "Option:", 7) == 0 ? HP_SECSET_NUMBER : HP_SECSET_TEXT,
		    SECTION, r->col[COL_SUBCAT], NULL, value, STORE, r->line);
		return 0;
	}
	if (!is_guid(guid))
		return hp_error_set(e, HP_E_INPUT, "%s:%lu: \"%s\" is not a "
		    "subcategory GUID", r->path, r->line, guid);
	if (strlen(value) != 1 || value[0] < '0' || value[0] > '3')
		return hp_error_set(e, HP_E_INPUT, "%s:%lu: setting value "
		    "\"%s\" is not 0, 1, 2 or 3", r->path, r->line, value);
	name = *target == '\0' || strcasecmp(target, "System") == 0 ?
	    hp_strdup(guid) : hp_strfmt("%s/%s", target, guid);
	hp_secsettings_add(out, HP_SECSET_AUDIT, SECTION, name,
	    r->col[COL_SUBCAT], value, STORE, r->line);
	free(name);
	return 0;
}

int
hp_auditcsv_parse(const void *data, size_t len, const char *path,
    struct hp_secsettings *out, struct hp_error *e)
{
	const char *s = data, *end = s + len, *nl;
	struct row r;
	size_t n;
	int ret = 0;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	memset(&r, 0, sizeof(r));
	r.path = path;
	r.cells = (struct hp_buf)HP_BUF_INIT;
	for (; s < end && ret == 0; s = nl < end ? nl + 1 : end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		n = (size_t)((nl != NULL ? nl : end) - s);
		nl = nl != NULL ? nl : end;
		if (n > 0 && s[n - 1] == '\r')
			n--;
		r.line++;
		if (memchr(s, '\0', n) != NULL)
			ret = hp_error_set(e, HP_E_INPUT, "%s:%lu: NUL byte",
			    path, r.line);
		else if (r.line == 1 && (n != strlen(HEADER) ||
		    strncasecmp(s, HEADER, n) != 0))
			ret = hp_error_set(e, HP_E_INPUT, "%s:1: not an audit "
			    "policy: the first line is not \"%s\"", path,
			    HEADER);
		else if (r.line > 1 && n > 0 && (ret = split_row(&r, s, n,
		    e)) == 0)
			ret = add_row(&r, out, e);
	}
	if (ret == 0 && r.line == 0)
		ret = hp_error_set(e, HP_E_INPUT, "%s: empty file, not an "
		    "audit policy", path);
	hp_secsettings_index(out);
	hp_buf_release(&r.cells);
	return ret;
}

int
hp_auditcsv_read_file(const char *path, struct hp_secsettings *out,
    struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;
	int r;

	if ((r = hp_file_read(path, HP_MAX_INPUT_SIZE, &b, e)) == 0)
		r = hp_auditcsv_parse(b.buf, b.len, path, out, e);
	hp_buf_release(&b);
	return r;
}
