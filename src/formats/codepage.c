/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * REGEDIT4 code pages through iconv (codepage.h).
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "formats/codepage.h"

/* The iconv name of a code page argument. */
static const char *
codepage_name(const char *arg, char tmp[32])
{
	if (arg == NULL || *arg == '\0')
		return "CP1252";
	if (strspn(arg, "0123456789") == strlen(arg) && strlen(arg) < 16) {
		snprintf(tmp, 32, "CP%s", arg);
		return tmp;
	}
	return arg;
}

void
hp_codepage_init(struct hp_codepage *cp, const char *arg)
{
	cp->name = codepage_name(arg, cp->tmp);
	cp->dec = cp->enc = (iconv_t)-1;
}

int
hp_codepage_open(struct hp_codepage *cp, int encode, struct hp_error *e)
{
	if ((cp->dec = iconv_open("UTF-8", cp->name)) == (iconv_t)-1 ||
	    (encode && (cp->enc = iconv_open(cp->name, "UTF-8")) ==
	    (iconv_t)-1))
		return hp_error_set(e, HP_E_INPUT, "unknown code page "
		    "\"%s\"", cp->name);
	return 0;
}

void
hp_codepage_close(struct hp_codepage *cp)
{
	if (cp->dec != (iconv_t)-1)
		iconv_close(cp->dec);
	if (cp->enc != (iconv_t)-1)
		iconv_close(cp->enc);
	cp->dec = cp->enc = (iconv_t)-1;
}

/* One iconv call into out's free room; 1 if the text does not convert. */
static int
conv_step(iconv_t cd, char **ip, size_t *il, struct hp_buf *out)
{
	size_t room, ol, rc;
	char *op;

	hp_buf_grow(out, (il != NULL ? *il : 0) * 4 + 16);
	room = out->alloc - out->len - 1;
	op = out->buf + out->len;
	ol = room;
	rc = iconv(cd, ip, il, &op, &ol);
	out->len += room - ol;
	out->buf[out->len] = '\0';
	return rc == (size_t)-1 && (il == NULL || errno != E2BIG);
}

/* iconv through cd, appending; 1 if the text does not convert. */
static int
conv(iconv_t cd, const char *s, size_t len, struct hp_buf *out)
{
	char *ip = (char *)s;
	size_t il = len;

	iconv(cd, NULL, NULL, NULL, NULL);
	while (il > 0)
		if (conv_step(cd, &ip, &il, out))
			return 1;
	/* Flush any shift state (stateful code pages). */
	return conv_step(cd, NULL, NULL, out);
}

int
hp_codepage_decode(struct hp_codepage *cp, const char *s, size_t len,
    struct hp_buf *out)
{
	return conv(cp->dec, s, len, out);
}

int
hp_codepage_encode(struct hp_codepage *cp, const char *s, size_t len,
    struct hp_buf *out)
{
	struct hp_buf back = HP_BUF_INIT;
	size_t i, start = out->len;
	int r;

	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == len) {
		hp_buf_add(out, s, len);
		return 0;
	}
	r = conv(cp->enc, s, len, out);
	if (r == 0)
		r = conv(cp->dec, out->buf + start, out->len - start, &back);
	if (r == 0)
		r = back.len != len || memcmp(back.buf, s, len) != 0;
	hp_buf_release(&back);
	if (r != 0) {
		out->len = start;
		out->buf[start] = '\0';
	}
	return r;
}
