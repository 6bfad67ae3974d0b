/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * REGEDIT4 text: bytes in a Windows code page, converted through iconv.
 * The reader decodes the lines that are not plain ASCII; the writer
 * encodes only text that decodes back the same, so that nothing is lost
 * unseen.
 */
#ifndef HP_CODEPAGE_H
#define HP_CODEPAGE_H

#include <stddef.h>

#include <iconv.h>

struct hp_buf;
struct hp_error;

struct hp_codepage {
	const char	*name;		/* iconv's: "CP1252" */
	char		 tmp[32];
	iconv_t		 dec;		/* code page -> UTF-8 */
	iconv_t		 enc;		/* UTF-8 -> code page */
};

/*
 * Names the code page of arg ("1252" is "CP1252", NULL Windows-1252);
 * opens nothing yet.
 */
void	hp_codepage_init(struct hp_codepage *cp, const char *arg);
/* Opens the decoder, and the encoder too with encode. */
int	hp_codepage_open(struct hp_codepage *cp, int encode,
	    struct hp_error *e);
void	hp_codepage_close(struct hp_codepage *cp);
/* Appends s in UTF-8; 1 if s is not valid in the code page. */
int	hp_codepage_decode(struct hp_codepage *cp, const char *s, size_t len,
	    struct hp_buf *out);
/*
 * Appends UTF-8 s in the code page; 1 if it cannot be written exactly
 * (nothing is appended then).
 */
int	hp_codepage_encode(struct hp_codepage *cp, const char *s, size_t len,
	    struct hp_buf *out);

#endif
