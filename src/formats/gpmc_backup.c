/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Backup.xml kept in step with a backup's registry.pol files.  The file
 * is edited as text, element by element, so that every byte hivepol does
 * not change stays as GPMC wrote it (CDATA, blank lines, the comment);
 * libxml2 proves it well-formed before and after.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/file.h"
#include "core/txn.h"
#include "formats/gpmc_backup.h"
#include "formats/gpo.h"

#define BACKUP_XML_MAX	(16 * 1024 * 1024)

static const char *const version_tag[2] = {
	"MachineVersionNumber", "UserVersionNumber"
};
static const char *const ext_tag[2] = {
	"MachineExtensionGuids", "UserExtensionGuids"
};
static const char *const fs_var[2] = {
	"%GPO_MACH_FSPATH%", "%GPO_USER_FSPATH%"
};

/* One replacement of len bytes at at by text; seq keeps inserts in order. */
struct edit {
	size_t	 at, len, seq;
	char	*text;
};

struct edits {
	struct edit	*v;
	size_t		 n, cap;
};

static void
edit_add(struct edits *ed, size_t at, size_t len, struct hp_buf *text)
{
	HP_ALLOC_GROW(ed->v, ed->n + 1, ed->cap);
	ed->v[ed->n].at = at;
	ed->v[ed->n].len = len;
	ed->v[ed->n].seq = ed->n;
	ed->v[ed->n].text = hp_buf_detach(text, NULL);
	ed->n++;
}

static int
edit_cmp(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The text with every edit made; -1 if two of them overlap. */
static int
edits_apply(struct edits *ed, const char *s, size_t len, struct hp_buf *out)
{
	size_t i, pos = 0;

	if (ed->n > 0)
		qsort(ed->v, ed->n, sizeof(*ed->v), edit_cmp);
	for (i = 0; i < ed->n; i++) {
		if (ed->v[i].at < pos)
			return -1;
		hp_buf_add(out, s + pos, ed->v[i].at - pos);
		hp_buf_adds(out, ed->v[i].text);
		pos = ed->v[i].at + ed->v[i].len;
	}
	hp_buf_add(out, s + pos, len - pos);
	return 0;
}

static void
edits_free(struct edits *ed)
{
	size_t i;

	for (i = 0; i < ed->n; i++)
		free(ed->v[i].text);
	free(ed->v);
}

/* The document being edited. */
struct doc {
	const char	*s;
	size_t		 len;
	const char	*file;
	struct edits	 ed;
};

/*
 * Past the comment, CDATA section or processing instruction at p (their
 * "<" is text to XML, not a tag), p if none starts there, NULL if it is
 * not closed.
 */
static const char *
skip_unparsed(const struct doc *d, const char *p)
{
	static const char *const open[3] = { "<!--", "<![CDATA[", "<?" };
	static const char *const shut[3] = { "-->", "]]>", "?>" };
	size_t i, left = (size_t)(d->s + d->len - p), k;
	const char *q;

	for (i = 0; i < 3; i++) {
		k = strlen(open[i]);
		if (left < k || memcmp(p, open[i], k) != 0)
			continue;
		q = memmem(p + k, left - k, shut[i], strlen(shut[i]));
		return q != NULL ? q + strlen(shut[i]) : NULL;
	}
	return p;
}

/* The end of the tag starting at p ('>' outside quoted values), or NULL. */
static const char *
tag_end(const struct doc *d, const char *p)
{
	const char *end = d->s + d->len;
	char quote = 0;

	for (; p < end; p++) {
		if (quote != 0)
			quote = *p == quote ? 0 : quote;
		else if (*p == '"' || *p == '\'')
			quote = *p;
		else if (*p == '>')
			return p;
	}
	return NULL;
}

static int
is_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The next markup s (k bytes, from "<") at or after from, as XML sees it. */
static const char *
next_markup(const struct doc *d, const char *from, const char *s, size_t k)
{
	const char *end = d->s + d->len, *p = from, *q;

	while (p < end && (p = memmem(p, (size_t)(end - p), "<", 1)) != NULL) {
		if ((q = skip_unparsed(d, p)) == NULL)
			return NULL;
		if (q != p) {
			p = q;
			continue;
		}
		if ((size_t)(end - p) >= k && memcmp(p, s, k) == 0)
			return p;
		p++;
	}
	return NULL;
}

/* The next "<tag" at or after from that starts an element named tag. */
static const char *
next_tag(const struct doc *d, const char *from, const char *tag)
{
	const char *end = d->s + d->len, *p = from;
	size_t k = strlen(tag);

	while ((p = next_markup(d, p, "<", 1)) != NULL) {
		if ((size_t)(end - p) > k + 1 &&
		    memcmp(p + 1, tag, k) == 0 &&
		    strchr(" \t\r\n/>", p[k + 1]) != NULL)
			return p;
		p++;
	}
	return NULL;
}

/*
 * The next end tag of tag at or after from; *len is its length, since XML
 * allows space before the '>' ("</GroupPolicyExtension\r\n>").
 */
static const char *
next_end_tag(const struct doc *d, const char *from, const char *tag,
    size_t *len)
{
	const char *end = d->s + d->len, *p = from, *q;
	size_t k = strlen(tag);

	while ((p = next_markup(d, p, "</", 2)) != NULL) {
		q = p + 2;
		if ((size_t)(end - q) > k && memcmp(q, tag, k) == 0) {
			for (q += k; q < end && is_xml_space(*q); q++)
				;
			if (q < end && *q == '>') {
				*len = (size_t)(q + 1 - p);
				return p;
			}
		}
		p++;
	}
	return NULL;
}

/* One element of the core settings: the whole of it and its content. */
struct elem {
	size_t	 at, len;	/* <tag ...> to </tag>, or <tag/> */
	char	*text;		/* content, CDATA unwrapped, trimmed */
};

static char *
trimmed(const char *p, size_t n)
{
	while (n > 0 && is_xml_space(*p)) {
		p++;
		n--;
	}
	while (n > 0 && is_xml_space(p[n - 1]))
		n--;
	if (n >= 12 && memcmp(p, "<![CDATA[", 9) == 0 &&
	    memcmp(p + n - 3, "]]>", 3) == 0)
		return hp_strndup(p + 9, n - 12);
	return hp_strndup(p, n);
}

/* The one element tag in the document; a missing or repeated one fails. */
static int
find_elem(const struct doc *d, const char *tag, struct elem *el,
    struct hp_error *e)
{
	const char *p, *gt, *close;
	size_t clen;

	if ((p = next_tag(d, d->s, tag)) == NULL)
		return hp_error_set(e, HP_E_INPUT, "%s: no <%s> element",
		    d->file, tag);
	if (next_tag(d, p + 1, tag) != NULL)
		return hp_error_set(e, HP_E_INPUT, "%s: more than one <%s> "
		    "element; not editing it", d->file, tag);
	if ((gt = tag_end(d, p)) == NULL)
		return hp_error_set(e, HP_E_INPUT, "%s: <%s> is not closed",
		    d->file, tag);
	el->at = (size_t)(p - d->s);
	if (gt[-1] == '/') {
		el->len = (size_t)(gt + 1 - p);
		el->text = hp_strdup("");
		return 0;
	}
	if ((close = next_end_tag(d, gt, tag, &clen)) == NULL)
		return hp_error_set(e, HP_E_INPUT, "%s: no </%s>", d->file,
		    tag);
	el->len = (size_t)(close + clen - p);
	el->text = trimmed(gt + 1, (size_t)(close - gt - 1));
	return 0;
}

/* The element replaced by <tag><![CDATA[text]]></tag>. */
static void
set_elem(struct doc *d, const struct elem *el, const char *tag,
    const char *text)
{
	struct hp_buf b = HP_BUF_INIT;

	hp_buf_addf(&b, "<%s><![CDATA[%s]]></%s>", tag, text, tag);
	edit_add(&d->ed, el->at, el->len, &b);
}

/* A decimal number of 32 bits; empty is 0, as GPMC reads it. */
static int
elem_number(const struct doc *d, const char *tag, const struct elem *el,
    uint32_t *out, struct hp_error *e)
{
	unsigned long long x = 0;
	const char *p;

	for (p = el->text; *p != '\0'; p++)
		if (*p < '0' || *p > '9' || (x = x * 10 +
		    (unsigned)(*p - '0')) > 0xffffffffULL)
			return hp_error_set(e, HP_E_INPUT, "%s: <%s> \"%s\" is "
			    "not a number from 0 to 4294967295", d->file, tag,
			    el->text);
	*out = (uint32_t)x;
	return 0;
}

/* The side's VersionNumber and ExtensionGuids; what: HP_GPO_CH_* bits. */
static int
update_core(struct doc *d, int side, int what, struct hp_error *e)
{
	struct elem v = { 0, 0, NULL }, x = { 0, 0, NULL };
	struct hp_buf b = HP_BUF_INIT, num = HP_BUF_INIT;
	uint32_t n = 0;
	int r;

	r = find_elem(d, version_tag[side], &v, e);
	if (r == 0)
		r = elem_number(d, version_tag[side], &v, &n, e);
	if (r == 0)
		r = find_elem(d, ext_tag[side], &x, e);
	if (r == 0 && (r = hp_gpo_ext_merge_changed(x.text, side, what, &b,
	    e)) == -1)
		hp_error_prefix(e, "%s: <%s>", d->file, ext_tag[side]);
	if (r == 0) {
		/* Both halves, directory and SYSVOL version, move together. */
		hp_buf_addf(&num, "%lu", (unsigned long)
		    hp_gpo_version_bump(n, 1, 1));
		set_elem(d, &v, version_tag[side], num.buf);
		if (strcmp(b.buf, x.text) != 0)
			set_elem(d, &x, ext_tag[side], b.buf);
	}
	free(v.text);
	free(x.text);
	hp_buf_release(&b);
	hp_buf_release(&num);
	return r;
}

/* The value of attribute name in the tag from p to gt, or NULL. */
static char *
attr(const char *p, const char *gt, const char *name)
{
	size_t k = strlen(name);
	const char *q, *v, *end;

	for (q = p; q + k + 2 < gt; q++) {
		if (!is_xml_space(*q) || memcmp(q + 1, name, k) != 0)
			continue;
		/* XML allows space around '=' and either quote. */
		for (v = q + k + 1; v < gt && is_xml_space(*v); v++)
			;
		if (v == gt || *v++ != '=')
			continue;
		while (v < gt && is_xml_space(*v))
			v++;
		if (v == gt || (*v != '"' && *v != '\''))
			continue;
		if ((end = memchr(v + 1, *v, (size_t)(gt - v - 1))) == NULL)
			return NULL;
		return hp_strndup(v + 1, (size_t)(end - v - 1));
	}
	return NULL;
}

/* 1 if s can go into an attribute as it is: printable, nothing to escape. */
static int
attr_safe(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || strchr("<>&\"", s[i]) != NULL)
			return 0;
	return 1;
}

/*
 * Where the files of the originating GPO were on SYSVOL
 * ("\\DC\sysvol\DOMAIN\Policies\{GPO}\"), from the entries GPMC wrote,
 * else from Domain and ID; NULL if the backup says neither.
 */
static char *
source_prefix(const struct doc *d)
{
	static const char at[] = "bkp:SourceExpandedPath=\"";
	const char *p = d->s, *end = d->s + d->len, *q, *pol, *close;
	struct elem dom = { 0, 0, NULL }, id = { 0, 0, NULL };
	struct hp_error none = HP_ERROR_INIT;
	struct hp_buf b = HP_BUF_INIT;

	while ((p = memmem(p, (size_t)(end - p), at, sizeof(at) - 1))) {
		p += sizeof(at) - 1;
		if ((q = memchr(p, '"', (size_t)(end - p))) == NULL)
			break;
		pol = memmem(p, (size_t)(q - p), "\\Policies\\{", 11);
		if (pol != NULL && (close = memchr(pol, '}',
		    (size_t)(q - pol))) != NULL &&
		    attr_safe(p, (size_t)(close + 1 - p))) {
			hp_buf_add(&b, p, (size_t)(close + 1 - p));
			hp_buf_addc(&b, '\\');
			return hp_buf_detach(&b, NULL);
		}
	}
	if (find_elem(d, "Domain", &dom, &none) == 0 &&
	    find_elem(d, "ID", &id, &none) == 0 && *dom.text && *id.text &&
	    attr_safe(dom.text, strlen(dom.text)) &&
	    attr_safe(id.text, strlen(id.text)))
		hp_buf_addf(&b, "\\\\%s\\sysvol\\%s\\Policies\\%s\\", dom.text,
		    dom.text, id.text);
	free(dom.text);
	free(id.text);
	return b.len > 0 ? hp_buf_detach(&b, NULL) : NULL;
}

/* The line break and indentation before p, to repeat after an insert. */
static void
indent_before(const struct doc *d, const char *p, struct hp_buf *out)
{
	const char *q = p, *nl = NULL;

	while (q > d->s && is_xml_space(q[-1])) {
		q--;
		if (*q == '\n' && nl == NULL)
			nl = q;
	}
	if (nl == NULL)
		return;
	if (nl > d->s && nl[-1] == '\r')
		nl--;
	hp_buf_add(out, nl, (size_t)(p - nl));
}

/* s with slashes as backslashes, appended to b. */
static void
add_backslashed(struct hp_buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		hp_buf_addc(b, *s == '/' ? '\\' : *s);
}

/*
 * The FSObjectFile of one side's file: rel (DomainSysvol/GPO/SIDE/...) as
 * Location, Path and source; reeval: the extension's check, or NULL.
 */
static void
file_entry(const char *rel, int side, const char *reeval, const char *prefix,
    struct hp_buf *b)
{
	const char *sub = rel;
	int k;

	/* What follows DomainSysvol/GPO/Machine/ is the side's own path. */
	for (k = 0; k < 3 && strchr(sub, '/') != NULL; k++)
		sub = strchr(sub, '/') + 1;
	hp_buf_addf(b, "<FSObjectFile bkp:Path=\"%s\\", fs_var[side]);
	add_backslashed(b, sub);
	hp_buf_addc(b, '"');
	if (prefix != NULL) {
		hp_buf_addf(b, " bkp:SourceExpandedPath=\"%s%s\\", prefix,
		    side ? "User" : "Machine");
		add_backslashed(b, sub);
		hp_buf_addc(b, '"');
	}
	if (reeval != NULL)
		hp_buf_addf(b, " bkp:ReEvaluateFunction=\"%s\"", reeval);
	hp_buf_adds(b, " bkp:Location=\"");
	add_backslashed(b, rel);
	hp_buf_adds(b, "\"/>");
}

/*
 * The element of extension id: after its start tag, its end tag.  0 if
 * there is none, with *before the extension a new one goes before (GPMC
 * sorts them by ID), or NULL.
 */
static int
find_ext(const struct doc *d, const char *cse, const char **body,
    const char **close, const char **before)
{
	const char *p = d->s, *gt;
	char *id;
	size_t len;
	int found;

	*before = NULL;
	while ((p = next_tag(d, p, "GroupPolicyExtension")) != NULL &&
	    (gt = tag_end(d, p)) != NULL) {
		/* An empty one has no place for entries: another is made. */
		if (gt[-1] == '/') {
			p = gt;
			continue;
		}
		id = attr(p, gt, "bkp:ID");
		found = id != NULL && strcasecmp(id, cse) == 0;
		if (*before == NULL && id != NULL && strcasecmp(id, cse) > 0)
			*before = p;
		free(id);
		if (found) {
			*body = gt + 1;
			*close = next_end_tag(d, gt, "GroupPolicyExtension",
			    &len);
			return *close != NULL;
		}
		p = gt;
	}
	return 0;
}

/*
 * In the Registry extension from body to close: 1 if an entry's Location
 * is loc, else 0 with *before the entry a new one for side goes before
 * (the user side's and the Adm folder's come after the machine's).
 */
static int
has_entry(const struct doc *d, const char *body, const char *close,
    const char *loc, int side, const char **before)
{
	const char *q, *gt;
	char *l, *path;
	int found = 0, later;

	*before = close;
	for (q = body; !found && (q = next_tag(d, q, "FSObjectFile")) !=
	    NULL && q < close && (gt = tag_end(d, q)) != NULL; q = gt) {
		l = attr(q, gt, "bkp:Location");
		path = attr(q, gt, "bkp:Path");
		found = l != NULL && strcasecmp(l, loc) == 0;
		later = path != NULL && (strncasecmp(path, "%GPO_FSPATH%",
		    12) == 0 || (side == 0 && strncasecmp(path, fs_var[1],
		    strlen(fs_var[1])) == 0));
		if (later && *before == close)
			*before = q;
		free(l);
		free(path);
	}
	return found;
}

/* rel with backslashes, as Backup.xml spells paths. */
static char *
backslashed(const char *rel)
{
	char *s = hp_strdup(rel), *p;

	for (p = s; *p != '\0'; p++)
		if (*p == '/')
			*p = '\\';
	return s;
}

/* An extension of its own (cse, named desc), at before or the end. */
static void
new_extension(struct doc *d, const char *cse, const char *desc,
    const char *before, const struct hp_buf *entries)
{
	struct hp_buf b = HP_BUF_INIT;
	const char *at = before;
	size_t len;

	if (at == NULL)
		at = next_end_tag(d, d->s, "GroupPolicyObject", &len);
	if (at == NULL)
		at = d->s + d->len;
	hp_buf_addf(&b, "<GroupPolicyExtension bkp:ID=\"%s\" "
	    "bkp:DescName=\"%s\">", cse, desc);
	hp_buf_add(&b, entries->buf, entries->len);
	hp_buf_adds(&b, "</GroupPolicyExtension>");
	indent_before(d, at, &b);
	edit_add(&d->ed, (size_t)(at - d->s), 0, &b);
}

/* An FSObjectFile under extension cse for each side's file in loc. */
static void
update_ext(struct doc *d, const char *cse, const char *desc,
    const char *reeval, const char *const loc[2], const char *prefix)
{
	const char *body, *close, *before;
	struct hp_buf b = HP_BUF_INIT;
	char *want;
	int s, found;

	if (!find_ext(d, cse, &body, &close, &before)) {
		for (s = 0; s < 2; s++)
			if (loc[s] != NULL)
				file_entry(loc[s], s, reeval, prefix, &b);
		new_extension(d, cse, desc, before, &b);
		hp_buf_release(&b);
		return;
	}
	for (s = 0; s < 2; s++) {
		if (loc[s] == NULL)
			continue;
		want = backslashed(loc[s]);
		found = has_entry(d, body, close, want, s, &before);
		free(want);
		if (found)
			continue;
		file_entry(loc[s], s, reeval, prefix, &b);
		indent_before(d, before, &b);
		edit_add(&d->ed, (size_t)(before - d->s), 0, &b);
	}
}

/*
 * The Registry extension's entries for the sides' files in loc, the
 * Security extension's for sec.
 */
static void
update_files(struct doc *d, const char *const loc[2], const char *sec)
{
	const char *const secloc[2] = { sec, NULL };
	char *prefix = source_prefix(d);

	if (loc[0] != NULL || loc[1] != NULL)
		update_ext(d, HP_GPO_REGISTRY_CSE, "Registry", NULL, loc,
		    prefix);
	if (sec != NULL)
		update_ext(d, HP_GPO_SECURITY_CSE, "Security",
		    "SecurityValidateSettings", secloc, prefix);
	free(prefix);
}

/* libxml2's word on text: well-formed, and a backup's root element. */
static int
well_formed(const char *s, size_t len, const char *file, const char *what,
    struct hp_error *e)
{
	const xmlError *x;
	const char *nul;
	xmlDocPtr doc;
	xmlNodePtr root;
	int r = 0;

	/*
	 * libxml2 ends a document at a NUL, so the editor would see text the
	 * check never did; XML allows no NUL anyway.
	 */
	if ((nul = memchr(s, '\0', len)) != NULL)
		return hp_error_set(e, HP_E_INPUT, "%s: offset %zu: a NUL "
		    "byte, which XML cannot hold", file, (size_t)(nul - s));
	if (len > INT_MAX)
		return hp_error_set(e, HP_E_INPUT, "%s: %zu bytes is too big "
		    "for a Backup.xml", file, len);
	/* No DTD, no entities: a backup has none to offer. */
	if (memmem(s, len, "<!DOCTYPE", 9) != NULL)
		return hp_error_set(e, HP_E_INPUT, "%s: DOCTYPE refused: "
		    "Backup.xml declares no DTD", file);
	/*
	 * Read as UTF-8 whatever the declaration says, as the editor reads
	 * it: under a declared UTF-7, say, libxml2 saw another document.
	 */
	doc = xmlReadMemory(s, (int)len, file, "UTF-8", XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		x = xmlGetLastError();
		return hp_error_set(e, HP_E_INPUT, "%s:%d: %s is not "
		    "well-formed XML: %s", file, x ? x->line : 0, what,
		    x && x->message ? x->message : "cannot parse");
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || strcmp((const char *)root->name,
	    "GroupPolicyBackupScheme") != 0)
		r = hp_error_set(e, HP_E_INPUT, "%s: not a GPMC Backup.xml "
		    "(the root element is not GroupPolicyBackupScheme)", file);
	xmlFreeDoc(doc);
	return r;
}

int
hp_gpmc_backup_update(const char *xml, size_t len, const char *file,
    const char *const loc[2], const char *sec, unsigned *options,
    struct hp_buf *out, struct hp_error *e)
{
	struct doc d = { xml, len, file, { NULL, 0, 0 } };
	struct elem opt = { 0, 0, NULL };
	uint32_t o = 0;
	int r, s;

	if (len > BACKUP_XML_MAX)
		return hp_error_set(e, HP_E_INPUT, "%s: larger than %d bytes",
		    file, BACKUP_XML_MAX);
	r = well_formed(xml, len, file, "the backup's Backup.xml", e);
	if (r == 0)
		r = find_elem(&d, "Options", &opt, e);
	if (r == 0)
		r = elem_number(&d, "Options", &opt, &o, e);
	for (s = 0; s < 2 && r == 0; s++)
		if (loc[s] != NULL || (s == 0 && sec != NULL))
			r = update_core(&d, s, (loc[s] != NULL ?
			    HP_GPO_CH_REGISTRY : 0) | (s == 0 && sec != NULL ?
			    HP_GPO_CH_SECURITY : 0), e);
	if (r == 0) {
		update_files(&d, loc, sec);
		if (edits_apply(&d.ed, xml, len, out) == -1)
			r = hp_error_set(e, HP_E_INPUT, "%s: elements to edit "
			    "lie inside one another; not editing it", file);
	}
	/* Our own edit must leave XML behind, or nothing is written. */
	if (r == 0)
		r = well_formed(out->buf, out->len, file, "the updated "
		    "Backup.xml", e);
	*options = o;
	free(opt.text);
	edits_free(&d.ed);
	return r;
}

int
hp_gpmc_backup_stage(struct hp_txn *t, const char *xml, const char *dir,
    const char *const loc[2], const char *sec, struct hp_warnings *w,
    struct hp_error *e)
{
	static const char *const side_name[2] = { "Computer", "User" };
	static const unsigned off[2] = { HP_GPMC_MACHINE_DISABLED,
	    HP_GPMC_USER_DISABLED };
	struct hp_buf old = HP_BUF_INIT, out = HP_BUF_INIT;
	unsigned options = 0;
	int r, s;

	if (xml == NULL) {
		hp_warn(w, "%s: a GPMC backup with bkupInfo.xml but no "
		    "Backup.xml; nothing records the new files", dir);
		return 0;
	}
	r = hp_file_read(xml, BACKUP_XML_MAX, &old, e);
	if (r == 0)
		r = hp_gpmc_backup_update(old.buf, old.len, xml, loc, sec,
		    &options, &out, e);
	for (s = 0; s < 2 && r == 0; s++)
		if ((loc[s] != NULL || (s == 0 && sec != NULL)) &&
		    (options & off[s]))
			hp_warn(w, "%s: the GPO's Options (%u) disable its %s "
			    "settings: what was written to %s does not apply "
			    "until they are enabled", xml, options,
			    side_name[s], loc[s] != NULL ? loc[s] : sec);
	if (r == 0)
		r = hp_txn_put(t, xml, out.buf, out.len, e);
	hp_buf_release(&old);
	hp_buf_release(&out);
	return r;
}

int
hp_gpmc_backup_field(const char *xml, const char *tag, char **out,
    struct hp_error *e)
{
	struct hp_buf b = HP_BUF_INIT;
	struct doc d;
	struct elem el = { 0, 0, NULL };
	struct hp_error none = HP_ERROR_INIT;
	int r;

	*out = NULL;
	r = hp_file_read(xml, BACKUP_XML_MAX, &b, e);
	if (r == 0)
		r = well_formed(b.buf, b.len, xml, "the backup's Backup.xml", e);
	if (r == 0) {
		memset(&d, 0, sizeof(d));
		d.s = b.buf;
		d.len = b.len;
		d.file = xml;
		if (find_elem(&d, tag, &el, &none) == 0)
			*out = el.text;
	}
	hp_buf_release(&b);
	return r;
}
