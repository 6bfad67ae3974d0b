/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Writing Registry.pol files, strictly: value names of at most 259
 * characters, data of at most 65,535 bytes, and no command after a value
 * of its key that it undoes.
 */
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/text.h"
#include "core/le.h"
#include "formats/pol_impl.h"
#include "formats/polfile.h"

static int
same_name(void *arg, const char *name, struct hp_error *e)
{
	(void)e;
	return hp_name_eq(name, arg) ? 1 : 0;
}

/* 1 if the command entry cmd undoes the value entry val. */
static int
undoes(const struct hp_pol_entry *cmd, enum hp_pol_cmd c,
    const struct hp_pol_entry *val)
{
	struct hp_error ignored;
	const char *varg, *carg;

	hp_pol_classify(val, &varg);
	hp_pol_classify(cmd, &carg);
	switch (c) {
	case HP_POL_DELVALS:
		return 1;
	case HP_POL_DEL:
		return hp_name_eq(carg, varg);
	case HP_POL_DELETEVALUES:
		return hp_pol_each_item(cmd, same_name,
		    (void *)(uintptr_t)varg, &ignored) == 1;
	default:
		return 0;
	}
}

/* The limits on entry i, and its order against entries run..i-1. */
static int
check_entry(const struct hp_pol *pol, size_t run, size_t i,
    struct hp_error *e)
{
	const struct hp_pol_entry *en = &pol->v[i];
	const char *arg;
	enum hp_pol_cmd c;
	size_t j;

	if (en->name16len / 2 > HP_POL_MAX_NAME)
		return hp_error_set(e, HP_E_INPUT, "entry %zu (%s): the value "
		    "name has %zu characters; a Registry.pol allows %d", i + 1,
		    en->key, en->name16len / 2, HP_POL_MAX_NAME);
	if (en->value.len > HP_POL_MAX_DATA)
		return hp_error_set(e, HP_E_INPUT, "entry %zu (%s\\%s): %zu "
		    "bytes of data; a Registry.pol allows %d", i + 1, en->key,
		    en->name, en->value.len, HP_POL_MAX_DATA);
	/*
	 * Commands ahead of the values of their key: GPMC itself puts a
	 * **del. after unrelated values, so what is refused is a command
	 * that undoes a value written before it.
	 */
	c = hp_pol_classify(en, &arg);
	if (c != HP_POL_DEL && c != HP_POL_DELVALS && c != HP_POL_DELETEVALUES)
		return 0;
	for (j = run; j < i; j++) {
		enum hp_pol_cmd vc = hp_pol_classify(&pol->v[j], &arg);

		if ((vc == HP_POL_SET || vc == HP_POL_SOFT) &&
		    undoes(en, c, &pol->v[j]))
			return hp_error_set(e, HP_E_INPUT, "entry %zu (%s): "
			    "command \"%s\" undoes value \"%s\" written before "
			    "it; commands must come ahead of the values of "
			    "their key", i + 1, en->key, en->name,
			    pol->v[j].name);
	}
	return 0;
}

static void
write_entry(const struct hp_pol_entry *en, struct hp_buf *b)
{
	hp_le16_add(b, '[');
	hp_buf_add(b, en->key16, en->key16len);
	hp_le16_add(b, 0);
	hp_le16_add(b, ';');
	hp_buf_add(b, en->name16, en->name16len);
	hp_le16_add(b, 0);
	hp_le16_add(b, ';');
	hp_le32_add(b, en->value.type);
	hp_le16_add(b, ';');
	hp_le32_add(b, (uint32_t)en->value.len);
	hp_le16_add(b, ';');
	hp_buf_add(b, en->value.data, en->value.len);
	hp_le16_add(b, ']');
}

int
hp_pol_write(const struct hp_pol *pol, struct hp_buf *out,
    struct hp_error *e)
{
	size_t i, run = 0;

	hp_buf_add(out, hp_pol_magic, sizeof(hp_pol_magic));
	for (i = 0; i < pol->n; i++) {
		if (i > 0 && !hp_name_eq(pol->v[i - 1].key, pol->v[i].key))
			run = i;
		if (check_entry(pol, run, i, e) == -1)
			return -1;
		write_entry(&pol->v[i], out);
	}
	return 0;
}
