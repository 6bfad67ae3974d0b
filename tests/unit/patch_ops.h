/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For unit tests (after cmocka.h): a patch operation with DWORD data. */
#ifndef HP_TEST_PATCH_OPS_H
#define HP_TEST_PATCH_OPS_H

#include "core/patch.h"

static inline void
add(struct hp_patch *p, enum hp_op_kind k, const char *key, const char *name,
    uint32_t dword)
{
	struct hp_path path;
	struct hp_value v = HP_VALUE_INIT;

	assert_int_equal(hp_path_parse(key, &path, NULL), 0);
	hp_value_set_dword(&v, dword);
	assert_non_null(hp_patch_add(p, k, &path, name, &v, 0));
	hp_path_free(&path);
	hp_value_free(&v);
}

#endif
