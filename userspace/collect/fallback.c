// SPDX-License-Identifier: GPL-2.0
/*
 * The honest fallback when mdscope.ko cannot be used: CPUID executed on each
 * online CPU in turn (pinned with sched_setaffinity), /dev/cpu/N/msr when
 * the msr driver is there (read-only, a fixed allow-list of registers, each
 * only when CPUID says it exists), the microcode revision the kernel caches
 * from /proc/cpuinfo, topology from sysfs. What cannot be read stays
 * unknown (register state 0, have_* false); nothing is guessed.
 *
 * Under --sysroot the CPUs are not this host's: the CPU facts come from the
 * saved /proc/cpuinfo (the kernel's view of CPUID) and every MSR is unknown.
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fallback.h"
#include "x86_defs.h"
#include "snapshot.h"
#include "sysfs.h"


enum msr_access { MSR_UNTRIED = 0, MSR_OK, MSR_NO_DRIVER, MSR_DENIED };

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* One MSR through the msr driver into r; the fd is already open. */
static void msr_read(int fd, uint32_t msr, struct mds_reg *r)
{
	uint64_t v;
	ssize_t n = pread(fd, &v, sizeof(v), msr);

	if (n == sizeof(v)) {
		r->state = MDSCOPE_REG_STATE_OK;
		r->value = v;
	} else {
		r->state = MDSCOPE_REG_STATE_FAULT;
		r->err = n < 0 ? errno : EIO;
	}
}

static bool is_vendor(const struct mds_cpu *c, const char *v)
{
	return !strcmp(c->vendor, v);
}

/* The MSRs, gated on CPUID exactly as the kernel gates them. */
static void read_msrs(struct mds_cpu *c, int fd)
{
	bool intel = is_vendor(c, "GenuineIntel"), amd = is_vendor(c, "AuthenticAMD") ||
			is_vendor(c, "HygonGenuine");

	if (c->leaf7_edx & MDSCOPE_L7EDX_ARCH_CAP) {
		if (fd >= 0)
			msr_read(fd, MDSCOPE_MSR_ARCH_CAP, &c->arch_cap);
	} else {
		c->arch_cap.state = MDSCOPE_REG_STATE_NOT_ENUMERATED;
	}
	if (c->arch_cap.state == MDSCOPE_REG_STATE_NOT_ENUMERATED ||
	    (c->arch_cap.state == MDSCOPE_REG_STATE_OK &&
	     !(c->arch_cap.value & MDSCOPE_AC_TSX_CTRL_MSR)))
		c->tsx_ctrl.state = MDSCOPE_REG_STATE_NOT_ENUMERATED;
	else if (c->arch_cap.state == MDSCOPE_REG_STATE_OK && fd >= 0)
		msr_read(fd, MDSCOPE_MSR_TSX_CTRL, &c->tsx_ctrl);

	if (!intel)
		c->platform_id.state = MDSCOPE_REG_STATE_NOT_APPLICABLE;
	if (!intel && !amd)
		c->microcode.state = MDSCOPE_REG_STATE_NOT_APPLICABLE;
	if (fd < 0)
		return;
	/* A bare read (no write-0 + CPUID): the value the kernel's last
	 * CPUID(1) left there; the module does the full procedure. */
	if (intel || amd) {
		msr_read(fd, MDSCOPE_MSR_UCODE_REV, &c->microcode);
		if (c->microcode.state == MDSCOPE_REG_STATE_OK)
			c->microcode.value = intel ? c->microcode.value >> 32
						   : c->microcode.value & 0xffffffffu;
	}
	if (intel) {
		msr_read(fd, MDSCOPE_MSR_PLATFORM_ID, &c->platform_id);
		if (c->platform_id.state == MDSCOPE_REG_STATE_OK)
			c->platform_id.value = (c->platform_id.value >> 50) & 7;
	}
}

/* CPUID on the CPU we are running on. */
static void read_cpuid(struct mds_cpu *c)
{
	unsigned int a, b, cx, d;

	__cpuid(0, a, b, cx, d);
	c->max_leaf = a;
	memcpy(c->vendor, &b, 4);
	memcpy(c->vendor + 4, &d, 4);
	memcpy(c->vendor + 8, &cx, 4);
	c->vendor[12] = '\0';
	sanitize_text(c->vendor);
	if (c->max_leaf >= 1) {
		__cpuid(1, a, b, cx, d);
		c->signature = a;
		c->leaf1_ecx = cx;
		c->leaf1_edx = d;
		c->apic_id = b >> 24;
	}
	if (c->max_leaf >= 7) {
		__cpuid_count(7, 0, a, b, cx, d);
		c->leaf7_ebx = b;
		c->leaf7_ecx = cx;
		c->leaf7_edx = d;
	}
	if (c->max_leaf >= 0xb) {
		__cpuid_count(0xb, 0, a, b, cx, d);
		if (b)			/* leaf 0xB implemented: the x2APIC id */
			c->apic_id = d;
	}
	if (c->max_leaf >= 0x1a) {
		__cpuid_count(0x1a, 0, a, b, cx, d);
		c->leaf1a_eax = a;
	}
	c->have_cpuid = true;
}

static void fill_topology(struct mds_cpu *c, const struct mds_topo *t)
{
	int thread = t ? parse_cpulist_index(t->siblings, c->cpu, NULL) : -1;

	if (!t || t->package < 0 || t->core < 0 || thread < 0)
		return;
	c->package = t->package;
	c->die = t->die < 0 ? 0 : t->die;
	c->core = t->core;
	c->thread = thread;
	c->have_topology = true;
}

/* Signature as CPUID.1:EAX encodes the kernel's display family/model/stepping. */
static uint32_t encode_signature(int fam, int model, int step)
{
	uint32_t sig = (step & 0xf) | ((model & 0xf) << 4);

	if (fam >= 0xf)
		sig |= (0xfu << 8) | ((uint32_t)(fam - 0xf) << 20);
	else
		sig |= (uint32_t)fam << 8;
	if (fam >= 6)
		sig |= (uint32_t)((model >> 4) & 0xf) << 16;
	return sig;
}

/* --sysroot: rebuild what CPUID would say from the saved /proc/cpuinfo. */
static void from_cpuinfo(struct mds_cpu *c, const struct mds_cpuinfo *ci)
{
	if (!ci || !ci->have_flags || !ci->vendor[0] || ci->family < 0 || ci->model < 0 ||
	    ci->stepping < 0)
		return;
	strcpy(c->vendor, ci->vendor);
	c->signature = encode_signature(ci->family, ci->model, ci->stepping);
	c->max_leaf = 7;
	c->leaf1_ecx = ci->hypervisor ? MDSCOPE_L1ECX_HYPERVISOR : 0;
	c->leaf7_ebx = (ci->rtm ? MDSCOPE_L7EBX_RTM : 0) | (ci->hle ? MDSCOPE_L7EBX_HLE : 0);
	c->leaf7_edx = (ci->md_clear ? MDSCOPE_L7EDX_MD_CLEAR : 0) |
		       (ci->flush_l1d ? MDSCOPE_L7EDX_FLUSH_L1D : 0) |
		       (ci->arch_capabilities ? MDSCOPE_L7EDX_ARCH_CAP : 0);
	c->have_cpuid = true;
}

static int cmp_cpu(const void *a, const void *b)
{
	const struct mds_cpu *x = a, *y = b;

	return x->cpu < y->cpu ? -1 : x->cpu > y->cpu;
}

/* Open /dev/cpu/N/msr, remembering why it failed the first time. */
static int msr_open(uint32_t cpu, enum msr_access *acc)
{
	char path[48];
	int fd;

	snprintf(path, sizeof(path), "/dev/cpu/%u/msr", cpu);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		*acc = MSR_OK;
		return fd;
	}
	if (*acc == MSR_UNTRIED)
		*acc = errno == EACCES || errno == EPERM ? MSR_DENIED : MSR_NO_DRIVER;
	return -1;
}

int fallback_collect(struct mds_snapshot *s, const char *root, struct mds_err *err)
{
	const struct mds_kernel *k = &s->kernel;
	bool live = !root || !*root || !strcmp(root, "/");
	enum msr_access acc = MSR_UNTRIED;
	size_t nr = k->nr_topo, pinned_fail = 0, setsz = CPU_ALLOC_SIZE(MDS_SNAP_MAX_CPUS);
	size_t untopo = 0;
	uint32_t *cpus;
	cpu_set_t *saved = NULL, *one = NULL;
	int r = 0;

	/* The CPUs: sysfs's, and those /proc/cpuinfo lists (online ones) that
	 * sysfs does not show: never dropped, their topology unknown. */
	cpus = calloc(k->nr_topo + k->nr_cpuinfo + 1, sizeof(*cpus));
	if (!cpus)
		return -ENOMEM;
	for (size_t i = 0; i < k->nr_topo; i++)
		cpus[i] = k->topo[i].cpu;
	for (size_t i = 0; i < k->nr_cpuinfo; i++)
		if (!snapshot_topo(s, k->cpuinfo[i].cpu)) {
			cpus[nr++] = k->cpuinfo[i].cpu;
			untopo++;
		}
	if (untopo)
		snapshot_note(s, "%zu CPU(s) in /proc/cpuinfo have no cpuN directory in sysfs: "
			      "counted as online, topology unknown", untopo);
	if (!nr) {
		free(cpus);
		snprintf(err->msg, sizeof(err->msg),
			 "no CPUs under %s/sys/devices/system/cpu", live ? "" : root);
		return -ENOENT;
	}
	s->cpus = calloc(nr, sizeof(*s->cpus));
	if (!s->cpus) {
		free(cpus);
		return -ENOMEM;
	}
	if (live) {
		saved = CPU_ALLOC(MDS_SNAP_MAX_CPUS);
		one = CPU_ALLOC(MDS_SNAP_MAX_CPUS);
		if (!saved || !one)
			r = -ENOMEM;
		else if (sched_getaffinity(0, setsz, saved))
			r = -errno;
		if (r) {
			snprintf(err->msg, sizeof(err->msg), "sched_getaffinity: %s", strerror(-r));
			goto out;
		}
	}
	for (size_t i = 0; i < nr; i++) {
		const struct mds_topo *t = snapshot_topo(s, cpus[i]);
		const struct mds_cpuinfo *ci = snapshot_cpuinfo(s, cpus[i]);
		struct mds_cpu *c = &s->cpus[s->nr_cpus++];
		int fd;

		c->cpu = cpus[i];
		c->online = !t || t->online != 0;	/* unknown counts as online (noted) */
		if (!c->online)
			continue;
		c->source = MDS_SRC_FALLBACK;
		c->read_time_ns = now_ns();
		if (ci && ci->have_microcode) {
			c->have_ucode_cached = true;
			c->microcode_cached = ci->microcode;
		}
		fill_topology(c, t);
		if (!live) {
			from_cpuinfo(c, ci);
			if (c->have_cpuid && !(c->leaf7_edx & MDSCOPE_L7EDX_ARCH_CAP))
				c->arch_cap.state = c->tsx_ctrl.state =
					MDSCOPE_REG_STATE_NOT_ENUMERATED;
			continue;
		}
		CPU_ZERO_S(setsz, one);
		CPU_SET_S(c->cpu, setsz, one);
		if (sched_setaffinity(0, setsz, one) ||
		    sched_getcpu() != (int)c->cpu) {
			pinned_fail++;
			continue;
		}
		read_cpuid(c);
		fd = msr_open(c->cpu, &acc);
		read_msrs(c, fd);
		if (fd >= 0)
			close(fd);
	}
	if (live && sched_setaffinity(0, setsz, saved))
		snapshot_note(s, "could not restore the CPU affinity: %s", strerror(errno));
	if (s->nr_cpus > 1)
		qsort(s->cpus, s->nr_cpus, sizeof(*s->cpus), cmp_cpu);

	s->msr_driver = acc == MSR_OK;
	if (!live)
		snapshot_note(s, "CPU facts from %.60s/proc/cpuinfo (the kernel's view); MSRs unknown",
			      root);
	else if (acc == MSR_NO_DRIVER)
		snapshot_note(s, "no /dev/cpu/N/msr (msr driver not loaded): ARCH_CAPABILITIES, "
			      "TSX_CTRL, microcode MSR, platform id unknown");
	else if (acc == MSR_DENIED)
		snapshot_note(s, "/dev/cpu/N/msr: permission denied (run as root): MSR facts unknown");
	if (pinned_fail)
		snapshot_note(s, "%zu online CPU(s) could not be pinned (cpuset?): their CPUID "
			      "is unknown", pinned_fail);
out:
	free(cpus);
	CPU_FREE(saved);
	CPU_FREE(one);
	return r;
}
