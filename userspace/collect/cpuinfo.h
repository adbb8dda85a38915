/* SPDX-License-Identifier: GPL-2.0 */
/* The /proc/cpuinfo parser (cpuinfo.c): pure, on a buffer. */
#ifndef MDSCOPE_CPUINFO_H
#define MDSCOPE_CPUINFO_H

#include <stddef.h>

#include "snapshot.h"

/* Whole /proc/cpuinfo; *out malloc'd (free()), sorted by cpu. */
int parse_cpuinfo(const char *buf, size_t len, struct mds_cpuinfo **out, size_t *nr,
		  struct mds_err *err);

#endif
