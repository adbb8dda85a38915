/* SPDX-License-Identifier: GPL-2.0 */
/* Snapshot -> json-c objects, and a parsed document (jdoc.h) -> snapshot
 * (snapshot_json.c); file I/O is in snapshot.c. */
#ifndef MDSCOPE_SNAPSHOT_JSON_H
#define MDSCOPE_SNAPSHOT_JSON_H

#include <json-c/json.h>

#include "jdoc.h"
#include "snapshot.h"

json_object *snapshot_json(const struct mds_snapshot *s);
/* Strict: s must be freshly initialised; on error it may be partly filled. */
int snapshot_from_json(struct mds_snapshot *s, const struct jd *o, struct mds_err *err);

/* A register read as {"state","value","errno"}; its state's name. */
json_object *mds_reg_json(const struct mds_reg *r);
const char *mds_reg_state_name(uint32_t state);

#endif
