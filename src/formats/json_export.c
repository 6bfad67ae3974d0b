/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hivepol-export/1.  "json" is one document,
 *   {"schema": ..., "source": ..., "mount": ..., "root": ..., "keys": [
 *   {key},
 *   ...
 *   ]}
 * its header and key objects written one by one; "jsonl" is one key
 * object per line, each naming the schema.
 */
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/view.h"
#include "formats/hive.h"
#include "formats/json.h"
#include "formats/json_export.h"
#include "formats/regfile.h"

/* The output is handed to flush once it holds this much. */
#define FLUSH_SIZE	(1024 * 1024)
/* Seconds from 1601-01-01 (FILETIME's epoch) to 1970-01-01. */
#define EPOCH_DELTA	11644473600LL

struct jexport {
	const struct hp_json_export_opts	*o;
	const struct hp_view			*v;
	struct hp_hive_classes			*classes;
	struct hp_buf				*out;
	struct hp_buf				 tmp;
	size_t					 keys;
};

/* A FILETIME as ISO 8601 UTC ("2009-07-14T04:41:12Z"), null if unset. */
static struct json_object *
iso_time(int64_t ft)
{
	time_t t;
	struct tm tm;
	char s[32];

	if (ft <= 0)
		return NULL;
	t = (time_t)(ft / 10000000 - EPOCH_DELTA);
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return NULL;
	return json_object_new_string(s);
}

/*
 * The full path of the key at rel, or, the mount unknown, "\" and rel
 * (as ls spells it).
 */
static struct json_object *
key_path(const struct hp_view *v, const struct hp_path *rel)
{
	struct hp_buf b = HP_BUF_INIT;
	struct hp_path full;
	struct json_object *o;

	if (v->mounted) {
		hp_view_full_path(v, rel, &full);
		o = hp_json_path(&full);
		hp_path_free(&full);
		return o;
	}
	hp_buf_addc(&b, '\\');
	hp_path_format_raw(rel, &b);
	o = hp_json_name(b.buf);
	hp_buf_release(&b);
	return o;
}

static struct json_object *
key_object(struct jexport *x, const struct hp_path *rel, hp_node node,
    const struct hp_vallist *vals, struct hp_error *e)
{
	struct json_object *o = json_object_new_object();
	int64_t ft = x->v->ops->mtime(x->v->impl, node);
	int r;

	if (x->o->lines)
		json_object_object_add(o, "schema",
		    json_object_new_string(HP_EXPORT_SCHEMA));
	json_object_object_add(o, "path", key_path(x->v, rel));
	json_object_object_add(o, "last_write", iso_time(ft));
	json_object_object_add(o, "last_write_filetime", ft > 0 ?
	    json_object_new_int64(ft) : NULL);
	if ((r = hp_hive_class(x->classes, node, &x->tmp, e)) == -1) {
		json_object_put(o);
		return NULL;
	}
	json_object_object_add(o, "class", r == 1 ?
	    json_object_new_string_len(x->tmp.buf, (int)x->tmp.len) : NULL);
	json_object_object_add(o, "values", hp_json_values(vals));
	return o;
}

/* obj's text, plain; fails only when json-c runs out of memory. */
static const char *
text(struct json_object *obj, struct hp_error *e)
{
	const char *s = json_object_to_json_string_ext(obj,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);

	if (s == NULL)
		hp_error_set(e, HP_E_IO, "out of memory");
	return s;
}

/* A key: its own line, after a comma in the document. */
static int
put_key(void *arg, const struct hp_path *rel, hp_node node,
    const struct hp_vallist *vals, struct hp_error *e)
{
	struct jexport *x = arg;
	struct json_object *o;
	const char *s;

	if ((o = key_object(x, rel, node, vals, e)) == NULL)
		return -1;
	if ((s = text(o, e)) != NULL) {
		if (!x->o->lines)
			hp_buf_adds(x->out, x->keys > 0 ? ",\n" : "\n");
		hp_buf_adds(x->out, s);
		if (x->o->lines)
			hp_buf_addc(x->out, '\n');
	}
	json_object_put(o);
	x->keys++;
	if (s == NULL)
		return -1;
	if (x->o->flush != NULL && x->out->len >= FLUSH_SIZE)
		return x->o->flush(x->o->flush_arg, x->out, e);
	return 0;
}

/* The document's opening, up to and including "keys":[. */
static int
put_header(struct jexport *x, const struct hp_path *root,
    struct hp_error *e)
{
	struct json_object *o = json_object_new_object();
	const char *s;

	json_object_object_add(o, "schema",
	    json_object_new_string(HP_EXPORT_SCHEMA));
	json_object_object_add(o, "source", json_object_new_string(
	    x->v->source));
	json_object_object_add(o, "mount", x->v->mounted ?
	    hp_json_path(&x->v->mount) : NULL);
	json_object_object_add(o, "root", key_path(x->v, root));
	json_object_object_add(o, "state", x->v->state != NULL ?
	    json_object_new_string(x->v->state) : NULL);
	json_object_object_add(o, "recovered_from", x->v->recovered_from ?
	    json_object_new_string(x->v->recovered_from) : NULL);
	json_object_object_add(o, "keys", json_object_new_array());
	/* Without the empty array's "]}", to go on with the keys. */
	if ((s = text(o, e)) != NULL)
		hp_buf_add(x->out, s, strlen(s) - 2);
	json_object_put(o);
	return s == NULL ? -1 : 0;
}

int
hp_json_export_hive(struct hp_hive *hv, const struct hp_path *rel,
    const struct hp_json_export_opts *o, struct hp_buf *out,
    struct hp_error *e)
{
	struct jexport x = { o, NULL, NULL, out, HP_BUF_INIT, 0 };
	struct hp_path p = HP_PATH_INIT;
	struct hp_view v;
	hp_node node;
	int r;

	hp_hive_view(hv, &v);
	x.v = &v;
	if ((r = hp_reg_resolve_key(&v, rel, &node, &p, e)) == 1)
		r = hp_error_set(e, HP_E_INPUT, "no such key");
	if (r == 0)
		r = hp_hive_classes_open(hv, &x.classes, e);
	if (r == 0 && !o->lines)
		r = put_header(&x, &p, e);
	if (r == 0)
		r = hp_view_walk(&v, node, &p, ~0u, put_key, &x, e);
	if (r == 0 && !o->lines)
		hp_buf_adds(out, "\n]}\n");
	if (r == 0 && o->flush != NULL)
		r = o->flush(o->flush_arg, out, e);
	hp_hive_classes_close(x.classes);
	hp_buf_release(&x.tmp);
	hp_path_free(&p);
	return r;
}
