/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the ADM reader's modules share, private to them (adm.h is the
 * interface).  adm_lex.c decodes the file, turns it into tokens (with
 * "#if version" evaluated) and reads the [strings] section; adm_parse.c
 * holds the parser's primitives and the value and action-list rules;
 * adm_policy.c the CATEGORY and POLICY blocks, adm_part.c their PARTs;
 * adm.c the entry point.
 */
#ifndef HP_ADM_IMPL_H
#define HP_ADM_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "templates/template.h"

struct hp_error;
struct hp_warnings;

#define ADM_MAX_COND	32	/* "#if" nesting */
#define ADM_MAX_NEST	64	/* CATEGORY nesting */

enum adm_tok {
	ADM_EOF,
	ADM_WORD,	/* unquoted */
	ADM_STR,	/* "quoted" */
	ADM_REF		/* !!name, text is the name */
};

struct adm_lexer {
	const char	*p, *end;
	const char	*file;
	unsigned long	 line;
	int		 version;
	/* "#if" stack: 1 where the branch is taken. */
	unsigned char	 taken[ADM_MAX_COND];
	unsigned char	 seen_else[ADM_MAX_COND];
	int		 depth;
	struct hp_error	*e;
};

struct adm_token {
	enum adm_tok	 type;
	struct hp_buf	 text;
	unsigned long	 line;
};

struct adm_parser {
	struct adm_lexer	 lx;
	struct adm_token	 tok;
	struct hp_tmpl		*t;
	size_t			 lang;		/* index in t->langs */
	enum hp_tmpl_class	 cls;
	int			 nest;
	struct hp_warnings	*w;
	struct hp_error		*e;
};

/* A POLICY being read: its PARTs add elements and controls. */
struct adm_policy {
	struct hp_tmpl_policy		*p;
	struct hp_tmpl_presentation	*pres;
	struct hp_buf			 name;
};

/* adm_lex.c */
/*
 * Refuses a control character (tab, CR and LF aside) in text bound for
 * the ADMX and ADML: XML 1.0 cannot hold it even as a reference.
 */
int	adm_text_ok(const char *file, unsigned long line, const char *s,
	    size_t len, struct hp_error *e);
/* Decodes data to UTF-8 in out (C.2: BOM, else UTF-8 if valid, else 1252). */
int	adm_decode(const char *file, const unsigned char *d, size_t len,
	    struct hp_buf *out, struct hp_error *e);
/* Reads the next token of the active "#if" branches into t. */
int	adm_lex_next(struct adm_lexer *lx, struct adm_token *t);
/* Finds the "[strings]" line; returns its start or NULL. */
const char *adm_find_strings(const char *s, const char *end,
	    unsigned long *line);
/* Reads name="text" lines from s to end into the parser's language. */
int	adm_parse_strings(struct adm_parser *ps, const char *s,
	    const char *end, unsigned long line);

/* adm_parse.c */
int	adm_next(struct adm_parser *ps);
int	adm_is_kw(const struct adm_parser *ps, const char *kw);
/* "FILE:LINE: what, found TOKEN"; returns -1. */
int	adm_fail(struct adm_parser *ps, const char *what);
/*
 * Reads the next token inside a block that ends with "END word".  Returns
 * 1 at the END, 0 with the token in ps->tok, -1 on error (a missing END
 * is reported at the block's first line).
 */
int	adm_block_next(struct adm_parser *ps, const char *word,
	    unsigned long start);
struct hp_tmpl_lang *adm_lang(struct adm_parser *ps);
/* The string of the language whose id is id, in any case. */
struct hp_tmpl_string *adm_find_str(struct adm_parser *ps, const char *id);
/* The text of the current string token (resolving !!name). */
const char *adm_str_text(struct adm_parser *ps);
/* The next token as a string. */
const char *adm_next_str(struct adm_parser *ps);
/* An ADMX name from text: letters, digits and '_' (BaseTypes itemName). */
void	adm_sanitize(const char *s, struct hp_buf *b);
/* Appends "_N" to name until taken() says it is free (N from 2). */
void	adm_unique_name(struct hp_buf *name,
	    int (*taken)(const void *, const char *), const void *arg);
/* "$(string.X)" for the current token, making a string for inline text. */
const char *adm_display_ref(struct adm_parser *ps, const char *hint);
int	adm_parse_num(struct adm_parser *ps, uint64_t max, uint64_t *out);
int	adm_parse_value(struct adm_parser *ps, struct hp_tmpl_value *v);
int	adm_parse_actionlist(struct adm_parser *ps, struct hp_tmpl_vlist *l,
	    const char *word);

/*
 * Keyword options shared by POLICY and PART.  Each returns 1 if the
 * current token was one of its keywords (and read what follows it), 0 if
 * not, -1 on error.
 */
/* A string option: keyword and the offset of its const char * field. */
struct adm_str_opt {
	const char	*kw;
	size_t		 off;
};
int	adm_str_option(struct adm_parser *ps, const struct adm_str_opt *opts,
	    size_t n, void *obj);
/* VALUEON, VALUEOFF, ACTIONLISTON, ACTIONLISTOFF. */
int	adm_onoff_option(struct adm_parser *ps, struct hp_tmpl_value *on,
	    struct hp_tmpl_value *off, struct hp_tmpl_vlist *lon,
	    struct hp_tmpl_vlist *loff);

/* adm_policy.c */
int	adm_parse_category(struct adm_parser *ps, const char *parent,
	    const char *key);

/* adm_part.c */
int	adm_parse_part(struct adm_parser *ps, struct adm_policy *pc);

#endif
