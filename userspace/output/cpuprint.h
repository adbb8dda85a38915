/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Printing the module's raw records: a table (libsmartcols) or JSON
 * (json-c) from struct mds_cpu / mds_info / mds_event; no netlink here.
 */
#ifndef MDSCOPE_CPUPRINT_H
#define MDSCOPE_CPUPRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <json-c/json.h>

#include "nl.h"
#include "record.h"

#define MDS_CPUS_SCHEMA	"mdscope-cpus/1"
#define MDS_INFO_SCHEMA	"mdscope-info/1"

/* Each returns 0 or -errno; output is built whole, then written. */
int mds_print_cpus(FILE *f, const struct mds_cpu *cpus, size_t n, bool json);
int mds_print_info(FILE *f, const struct mds_info *info, bool json);
/* One line per event: text or compact JSON. */
int mds_print_event(FILE *f, const struct mds_event *ev, bool json);

/* One CPU as the JSON object of "cpus[]"; NULL on ENOMEM. */
struct json_object *mds_cpu_to_json(const struct mds_cpu *c);

/* "online", "offline", "refresh"; NULL when unknown. */
const char *mds_event_name(uint32_t event);

#endif
