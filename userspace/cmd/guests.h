/* SPDX-License-Identifier: GPL-2.0 */
/* The guests command's output, shared with check. */
#ifndef MDSCOPE_GUESTS_H
#define MDSCOPE_GUESTS_H

#include <stdio.h>

#include <json-c/json.h>

#include "virtcollect.h"

extern const char *const guests_status_names[4];
extern const char *const guests_sev_names[4];	/* "ok" ... "unknown" */

#define MDS_GUESTS_SCHEMA "mdscope-guests/1"

/* The whole MDS_GUESTS_SCHEMA document. */
struct json_object *guests_json(const struct vc_result *r);
/* guests_doms.c: the domains as the "domains" array; as a table on f (0 or -errno). */
struct json_object *guests_doms_json(const struct vc_result *r);
int guests_doms_table(FILE *f, const struct vc_result *r);
/* guests_host.c: each virt type as "host.virt_types"; as a table on f (0 or -errno). */
struct json_object *guests_sides_json(const struct vc_result *r);
int guests_sides_table(FILE *f, const struct vc_result *r);
/* One stderr line per part that failed. */
void guests_errors(const struct vc_result *r);

#endif
