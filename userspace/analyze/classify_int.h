/* SPDX-License-Identifier: GPL-2.0 */
/* Internal to the analyzer: the steps classify_snapshot() runs in order, and the
 * finding builder they share. */
#ifndef MDSCOPE_CLASSIFY_INT_H
#define MDSCOPE_CLASSIFY_INT_H

#include <stdio.h>

#include "classify.h"

/* classify_shown.c: one CPU's facts as read; the origin and the kernel's words. */
void cls_read_cpu(const struct mds_cpu *c, struct cls_read *o);
void cls_describe(const struct mds_snapshot *s, struct cls_result *r);
/* classify_rollup.c: cores, SMT per core, sockets. 0 or -ENOMEM. */
int cls_rollup(const struct mds_snapshot *s, struct cls_result *r);
/* classify_findings.c: exposure, the kernel's claims, SMT. 0 or -ENOMEM. */
int cls_findings(const struct mds_snapshot *s, struct cls_result *r);
/* classify_advice.c: microcode, differences between CPUs, unknowns, offline CPUs. */
int cls_advice(const struct mds_snapshot *s, struct cls_result *r);
/* classify.c: the overall exposure per vulnerability, the status and the exit code. */
void cls_status(struct cls_result *r);
/* finding.c: most severe first. */
void cls_sort_findings(struct cls_result *r);

/* finding.c: the finding builder shared by classify_findings.c and classify_advice.c. */
struct cls_ctx {
	const struct mds_snapshot *s;
	struct cls_result *r;
	enum cls_vuln_id v;	/* the vulnerability a finding is about */
	const void *arg;	/* predicate argument */
	int err;		/* -ENOMEM once an allocation failed */
};

/* Does CPU r->cpus[i] belong to the finding? */
typedef bool (*cls_pred)(const struct cls_ctx *x, size_t i);

/*
 * Append a finding holding the CPUs pred selects (and their sockets).
 * NULL when none is selected (unless keep_empty; pred may then be NULL)
 * or on ENOMEM (x->err set).
 */
struct cls_finding *cls_collect(struct cls_ctx *x, enum cls_code code, enum cls_severity sev,
				cls_pred pred, bool keep_empty);
/* The finding's CPUs for a message: "CPU 4" or "CPUs 4-5,8". */
const char *cls_cpus(const struct cls_finding *f, char *buf, size_t size);
/* one or many, by the finding's CPU count: cls_pl(f, "is", "are"). */
static inline const char *cls_pl(const struct cls_finding *f, const char *one, const char *many)
{
	return f->nr_cpus == 1 ? one : many;
}
bool cls_online(const struct cls_ctx *x, size_t i);

/* Every "the microcode lacks the fix" reason. */
#define CLS_WHY_NO_UCODE (CLS_WHY_NO_MD_CLEAR | CLS_WHY_TAA_UCODE | CLS_WHY_NO_FB_CLEAR | \
			  CLS_WHY_NO_RFDS_CLEAR)

#define CLS_MSG(f, ...) snprintf((f)->message, sizeof((f)->message), __VA_ARGS__)
#define CLS_NEXT(f, ...) snprintf((f)->next_step, sizeof((f)->next_step), __VA_ARGS__)

static inline bool cls_affected(enum cls_hw h)
{
	return h == CLS_HW_AFFECTED || h == CLS_HW_MSBDS_ONLY;
}

#endif
