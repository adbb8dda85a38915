/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one seam to the "mdscope" generic netlink family. Callers see
 * struct mds_cpu / struct mds_info / struct mds_event and -errno, never
 * netlink. One socket per process (mds_nl_open .. mds_nl_close).
 */
#ifndef MDSCOPE_NL_H
#define MDSCOPE_NL_H

#include <stddef.h>
#include <stdint.h>

#include "record.h"

/* One multicast announcement on the "events" group. */
struct mds_event {
	uint32_t generation;
	uint32_t event;		/* enum mdscope_event, 0 if absent */
	uint32_t cpu;		/* valid when have_cpu */
	int have_cpu;
	uint64_t read_time_ns;	/* 0 if absent */
};

/*
 * Open the socket and resolve the family. -ENOENT: the family is not
 * registered (module not loaded, or not the initial network namespace).
 */
int mds_nl_open(void);
void mds_nl_close(void);

/* Every possible CPU, in the kernel's order; cb's non-zero return stops. */
typedef int (*mds_cpu_cb)(const struct mds_cpu *cpu, void *arg);
int mds_nl_dump_cpus(mds_cpu_cb cb, void *arg);
int mds_nl_get_cpu(uint32_t cpu, struct mds_cpu *rec);
int mds_nl_info(struct mds_info *info);
/* Re-read every online CPU (CAP_SYS_ADMIN); info gets the new state. */
int mds_nl_refresh(struct mds_info *info);

/*
 * Listen on "events" with its own socket: cb per event until it returns
 * non-zero (that value is returned) or timeout_ms passes (-ETIMEDOUT);
 * timeout_ms < 0 waits forever.
 */
typedef int (*mds_event_cb)(const struct mds_event *ev, void *arg);
int mds_nl_monitor(mds_event_cb cb, void *arg, int timeout_ms);

/*
 * Why the last call failed beyond its errno: the kernel's extack message,
 * or what was wrong with a reply. "" when there is nothing to add.
 */
const char *mds_nl_error(void);

/* What the last dump cost (benchmarks): messages received, attempts made. */
struct mds_nl_stats {
	unsigned int messages;
	unsigned int attempts;	/* 1 unless the dump was interrupted */
};
void mds_nl_stats(struct mds_nl_stats *st);

#endif
