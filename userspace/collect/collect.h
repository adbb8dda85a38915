/* SPDX-License-Identifier: GPL-2.0 */
/* Filling a host snapshot from this host (collect.c): the module, else the fallback. */
#ifndef MDSCOPE_COLLECT_H
#define MDSCOPE_COLLECT_H

#include <stdbool.h>

#include "snapshot.h"

struct mds_collect_opts {
	const char *sysroot;		/* NULL or "" = "/" (implies no module, no CPUID) */
	bool no_module;			/* skip netlink, go straight to the fallback */
};

/*
 * Fill s from the module (loading it if needed) or the fallback, plus the
 * kernel's claims. Parts that cannot be read become notes; only an empty
 * result (no CPU at all) is an error, and then s keeps the kernel's claims
 * with no CPUs. Free s with snapshot_free() either way.
 */
int snapshot_collect(struct mds_snapshot *s, const struct mds_collect_opts *o,
		     struct mds_err *err);

#endif
