/* SPDX-License-Identifier: GPL-2.0 */
/* Per-CPU facts without the module (fallback.c). */
#ifndef MDSCOPE_FALLBACK_H
#define MDSCOPE_FALLBACK_H

#include "snapshot.h"

/*
 * Fill s->cpus for every CPU in s->kernel.topo (collect the kernel's claims
 * first). root "/" or NULL: CPUID on each CPU, MSRs via the msr driver;
 * another root: from its /proc/cpuinfo. Notes say what stayed unknown.
 */
int fallback_collect(struct mds_snapshot *s, const char *root, struct mds_err *err);

#endif
