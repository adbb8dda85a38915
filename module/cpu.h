/* SPDX-License-Identifier: GPL-2.0 */
/* The record store (cpu.c): per-CPU records, generation, hotplug. */
#ifndef MDSCOPE_CPU_H
#define MDSCOPE_CPU_H

#include <linux/types.h>
#include "regs.h"

/* What mdscope keeps per possible CPU. */
struct mdscope_record {
	bool online;
	bool read;		/* regs and topology hold a read */
	u32 package, die, core, thread;
	struct mdscope_regs regs;
	u32 generation;		/* generation of this read */
	u64 read_time;		/* CLOCK_REALTIME ns */
};

struct mdscope_state {
	u32 generation;
	u32 cpus_possible, cpus_online;
	u64 read_time;		/* of the last read, any CPU */
};

/*
 * Told about a new generation: @event is enum mdscope_event, @cpu the CPU
 * that came or went (0 for a refresh).
 */
typedef void (*mdscope_cpu_notify_t)(u32 event, unsigned int cpu, u32 generation);

int mdscope_cpu_init(mdscope_cpu_notify_t on_generation);
void mdscope_cpu_exit(void);
int mdscope_cpu_get(unsigned int cpu, struct mdscope_record *rec, u32 *gen);
void mdscope_cpu_state(struct mdscope_state *st);
int mdscope_cpu_refresh(void);

#endif
