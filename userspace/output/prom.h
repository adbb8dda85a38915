/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Prometheus text exposition format (version 0.0.4) of report,
 * microcode and guests. Every metric is named "mdscope_..." and documented in
 * mdscope.8; enums are one series per state with the value 0 or 1.
 */
#ifndef MDSCOPE_PROM_H
#define MDSCOPE_PROM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "classify.h"
#include "snapshot.h"
#include "ucode_status.h"

/* A label value escaped for the exposition format (\\, \", \n) into out; returns out. */
char *prom_escape(const char *in, char *out, size_t len);

/* The analyzed report. now_ns: this run's time (CLOCK_REALTIME). 0 or -EIO. */
int prom_print_report(FILE *f, const struct cls_result *r, uint64_t now_ns);
/* The microcode inventory; notes: what the collection could not read. 0 or -EIO. */
int prom_print_microcode(FILE *f, const struct ucode_inv *inv, size_t notes, uint64_t now_ns);

/* One libvirt domain as the guests command judged it (plain data: the plugin fills it). */
struct prom_guest {
	const char *name, *uuid;
	const char *verdict;		/* vv_state_name() */
	int md_clear;			/* has or will get md-clear: 1, lacks: 0, unknown: -1 */
};

struct prom_guests {
	const struct prom_guest *doms;
	size_t nr_doms;
	const char *const *verdicts;	/* every verdict name, for the per-state series */
	size_t nr_verdicts;
	int severity;			/* 0 ok, 1 warning, 2 critical, 3 unknown */
	bool up;			/* libvirt answered: the domains are known */
	unsigned int errors;		/* parts that failed (libvirt, capabilities, Nova) */
};

int prom_print_guests(FILE *f, const struct prom_guests *g, uint64_t now_ns);

/*
 * A command that could not produce its facts at all: mdscope_up 0 and the
 * error count, so the failure shows in Prometheus instead of a stale file.
 */
int prom_print_down(FILE *f, const char *command, uint64_t now_ns);

/* CLOCK_REALTIME in ns. */
uint64_t prom_now_ns(void);

#endif
