// SPDX-License-Identifier: GPL-2.0
/*
 * Roll-ups: cores (SMT exposure judged from the sibling threads) and
 * sockets (worst of their CPUs, and what differs inside and between them,
 * reported rather than averaged). Pure, no I/O.
 */
#define _GNU_SOURCE	/* qsort_r */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "classify_int.h"
#include "rules.h"

/* vulnerable > unknown > host_unknown > mitigated > off > not_affected */
static const int smt_rank[] = {
	[CLS_SMT_NOT_AFFECTED] = 0, [CLS_SMT_OFF] = 1, [CLS_SMT_MITIGATED] = 2,
	[CLS_SMT_HOST_UNKNOWN] = 3, [CLS_SMT_UNKNOWN] = 4, [CLS_SMT_VULNERABLE] = 5,
};

static enum cls_smt smt_worst(enum cls_smt a, enum cls_smt b)
{
	return smt_rank[a] >= smt_rank[b] ? a : b;
}

/* older > unknown > platform_mismatch > no_data > equal > newer */
static const int ucode_rank[] = {
	[UCODE_NEWER] = 0, [UCODE_EQUAL] = 1, [UCODE_NO_ROW] = 2,
	[UCODE_PF_MISMATCH] = 3, [UCODE_UNKNOWN] = 4, [UCODE_OLDER] = 5,
};

static int same_core(const struct cls_cpu *a, const struct cls_cpu *b)
{
	return a->package == b->package && a->die == b->die && a->core == b->core;
}

/* CPU indices (into cpus) by package, die, core, then CPU number. */
static int cpu_core_cmp(const void *pa, const void *pb, void *cpus)
{
	const struct cls_cpu *a = (const struct cls_cpu *)cpus + *(const size_t *)pa;
	const struct cls_cpu *b = (const struct cls_cpu *)cpus + *(const size_t *)pb;

	if (a->package != b->package)
		return a->package < b->package ? -1 : 1;
	if (a->die != b->die)
		return a->die < b->die ? -1 : 1;
	if (a->core != b->core)
		return a->core < b->core ? -1 : 1;
	return a->cpu < b->cpu ? -1 : a->cpu > b->cpu;
}

/* What the online threads of one core say about one vulnerability. */
struct core_acc {
	bool affected, unknown, guest, contained;
};

static void acc_add(struct core_acc *a, const struct cls_result *r, const struct cls_cpu *c,
		    int vid)
{
	const struct cls_vuln *v = &c->v[vid];

	a->guest |= c->source == CLS_SRC_HYPERVISOR;
	a->unknown |= v->hw == CLS_HW_UNKNOWN;
	if (!cls_affected(v->hw))
		return;
	a->affected = true;
	/*
	 * A sibling cannot sample what is not there (TSX off for TAA); MSBDS-only
	 * parts clear before idle when the kernel knows them for what they are.
	 */
	a->contained &= vuln_rules[vid].contained(c, v) &&
			(vid != VULN_MDS || r->kernel.rule[VULN_MDS] == CLS_HW_MSBDS_ONLY ||
			 r->kernel.rule[VULN_MDS] == CLS_HW_UNKNOWN);
}

/* SMT exposure of one core for one vulnerability, from its online threads. */
static enum cls_smt core_smt(const struct core_acc *a, const struct cls_core *core, int vid)
{
	if (!a->affected && !a->unknown)
		return CLS_SMT_NOT_AFFECTED;
	if (a->guest)
		return CLS_SMT_HOST_UNKNOWN;
	if (core->online <= 1)
		return CLS_SMT_OFF;
	if (a->unknown)
		return CLS_SMT_UNKNOWN;
	if (a->contained)
		return vuln_rules[vid].contained_smt;
	return CLS_SMT_VULNERABLE;
}

/* SMT of a CPU whose core is unknown. */
static enum cls_smt lone_smt(const struct cls_cpu *c, const struct cls_vuln *v)
{
	if (!cls_affected(v->hw) && v->hw != CLS_HW_UNKNOWN)
		return CLS_SMT_NOT_AFFECTED;
	return c->source == CLS_SRC_HYPERVISOR ? CLS_SMT_HOST_UNKNOWN : CLS_SMT_UNKNOWN;
}

/* The threads idx[from..to) of one core (sorted): the core and its SMT verdicts. */
static void make_core(struct cls_result *r, const size_t *idx, size_t from, size_t to,
		      struct cls_core *core)
{
	struct core_acc acc[VULN_NR];
	const struct cls_cpu *first = &r->cpus[idx[from]];

	*core = (struct cls_core){ .package = first->package, .die = first->die,
				   .core = first->core, .first_cpu = first->cpu };
	for (int v = 0; v < VULN_NR; v++) {
		acc[v] = (struct core_acc){ .contained = true };
		core->exposure[v] = CLS_EXP_NOT_AFFECTED;
	}
	for (size_t k = from; k < to; k++) {
		const struct cls_cpu *c = &r->cpus[idx[k]];

		core->threads++;
		if (!c->online)
			continue;
		core->online++;
		for (int v = 0; v < VULN_NR; v++) {
			core->exposure[v] = cls_exposure_worst(core->exposure[v], c->v[v].exposure);
			acc_add(&acc[v], r, c, v);
		}
	}
	for (int v = 0; v < VULN_NR; v++) {
		core->smt[v] = core_smt(&acc[v], core, v);
		for (size_t k = from; k < to; k++)
			r->cpus[idx[k]].v[v].smt = core->smt[v];
	}
}

static int build_cores(struct cls_result *r)
{
	size_t *idx = calloc(r->nr_cpus, sizeof(*idx)), n = 0;

	r->cores = calloc(r->nr_cpus, sizeof(*r->cores));
	if (!idx || !r->cores) {
		free(idx);
		return -ENOMEM;
	}
	for (size_t i = 0; i < r->nr_cpus; i++) {
		struct cls_cpu *c = &r->cpus[i];

		for (int v = 0; v < VULN_NR; v++)
			c->v[v].smt = lone_smt(c, &c->v[v]);
		if (c->package >= 0 && c->core >= 0)
			idx[n++] = i;
	}
	qsort_r(idx, n, sizeof(*idx), cpu_core_cmp, r->cpus);
	for (size_t from = 0; from < n; ) {
		size_t to = from + 1;

		while (to < n && same_core(&r->cpus[idx[to]], &r->cpus[idx[from]]))
			to++;
		make_core(r, idx, from, to, &r->cores[r->nr_cores++]);
		from = to;
	}
	free(idx);
	return 0;
}

/* CLS_MIXED_* bits in which two CPUs' facts differ (only known facts compare). */
static uint32_t cpu_diff(const struct mds_cpu *ra, const struct cls_cpu *a,
			 const struct mds_cpu *rb, const struct cls_cpu *b)
{
	uint32_t d = 0;

	if (ra->have_cpuid && rb->have_cpuid && ra->signature != rb->signature)
		d |= CLS_MIXED_SIGNATURE;
	if (a->have_microcode && b->have_microcode && a->microcode != b->microcode &&
	    a->microcode_src == b->microcode_src)
		d |= CLS_MIXED_MICROCODE;
	if (a->md_clear != CLS_UNKNOWN && b->md_clear != CLS_UNKNOWN && a->md_clear != b->md_clear)
		d |= CLS_MIXED_MD_CLEAR;
	if (ra->arch_cap.state && rb->arch_cap.state &&
	    (ra->arch_cap.state != rb->arch_cap.state ||
	     (ra->arch_cap.state == MDSCOPE_REG_STATE_OK && ra->arch_cap.value != rb->arch_cap.value)))
		d |= CLS_MIXED_ARCH_CAP;
	if (a->platform_id >= 0 && b->platform_id >= 0 && a->platform_id != b->platform_id)
		d |= CLS_MIXED_PLATFORM;
	return d;
}

static int socket_cmp(const void *pa, const void *pb)
{
	const struct cls_socket *a = pa, *b = pb;

	return a->package < b->package ? -1 : a->package > b->package;
}

static size_t rep_index(const struct mds_snapshot *s, const struct cls_result *r, int package)
{
	size_t any = (size_t)-1;

	for (size_t i = 0; i < r->nr_cpus; i++) {
		if (r->cpus[i].package != package)
			continue;
		if (r->cpus[i].online && s->cpus[i].have_cpuid)
			return i;
		if (any == (size_t)-1)
			any = i;
	}
	return any;
}

static int build_sockets(const struct mds_snapshot *s, struct cls_result *r)
{
	r->sockets = calloc(r->nr_cpus, sizeof(*r->sockets));
	if (!r->sockets)
		return -ENOMEM;
	for (size_t i = 0; i < r->nr_cpus; i++) {
		int pkg = r->cpus[i].package;
		struct cls_socket *so = NULL;

		if (pkg < 0)
			continue;
		for (size_t j = 0; j < r->nr_sockets && !so; j++)
			if (r->sockets[j].package == pkg)
				so = &r->sockets[j];
		if (!so) {
			so = &r->sockets[r->nr_sockets++];
			*so = (struct cls_socket){ .package = pkg, .ucode = UCODE_NEWER };
			for (int v = 0; v < VULN_NR; v++) {
				so->exposure[v] = CLS_EXP_NOT_AFFECTED;
				so->smt[v] = CLS_SMT_NOT_AFFECTED;
				so->hw[v] = CLS_HW_UNKNOWN;
			}
		}
	}
	qsort(r->sockets, r->nr_sockets, sizeof(*r->sockets), socket_cmp);

	for (size_t j = 0; j < r->nr_sockets; j++) {
		struct cls_socket *so = &r->sockets[j];
		size_t rep = rep_index(s, r, so->package);
		const struct cls_cpu *rc = &r->cpus[rep];

		so->first_cpu = rc->cpu;
		so->signature = s->cpus[rep].signature;
		so->have_microcode = rc->have_microcode;
		so->microcode = rc->microcode;
		so->microcode_src = rc->microcode_src;
		so->md_clear = rc->md_clear;
		so->hypervisor = rc->source == CLS_SRC_HYPERVISOR;
		for (size_t i = 0; i < r->nr_cpus; i++) {
			const struct cls_cpu *c = &r->cpus[i];

			if (c->package != so->package)
				continue;
			so->cpus++;
			if (!c->online)
				continue;
			for (int v = 0; v < VULN_NR; v++) {
				so->exposure[v] = cls_exposure_worst(so->exposure[v], c->v[v].exposure);
				so->hw[v] = !so->online ? c->v[v].hw :
					    so->hw[v] == c->v[v].hw ? so->hw[v] : CLS_HW_MIXED;
			}
			so->online++;
			if (ucode_rank[c->ucode.state] > ucode_rank[so->ucode])
				so->ucode = c->ucode.state;
			so->mixed |= cpu_diff(&s->cpus[rep], rc, &s->cpus[i], c);
		}
		for (size_t k = 0; k < r->nr_cores; k++) {
			if (r->cores[k].package != so->package)
				continue;
			so->cores++;
			for (int v = 0; v < VULN_NR; v++)
				so->smt[v] = smt_worst(so->smt[v], r->cores[k].smt[v]);
		}
		if (!so->online)
			so->ucode = UCODE_UNKNOWN;
		if (j > 0) {
			size_t rep0 = rep_index(s, r, r->sockets[0].package);

			so->differs = cpu_diff(&s->cpus[rep0], &r->cpus[rep0], &s->cpus[rep], rc);
		}
	}
	return 0;
}

int cls_rollup(const struct mds_snapshot *s, struct cls_result *r)
{
	int err = build_cores(r);

	return err ? err : build_sockets(s, r);
}
