// SPDX-License-Identifier: GPL-2.0
/*
 * Findings that are advice rather than kernel claims: microcode older than
 * the MDS release or than the newest known, microcode views that disagree,
 * facts that differ inside or between sockets, verdicts left unknown, and
 * offline CPUs. Pure, no I/O.
 */
#include <stdio.h>
#include <string.h>

#include "classify_int.h"

#define MAX_GROUPS 64

/* ---- microcode ------------------------------------------------------- */

static bool real_intel(const struct cls_ctx *x, size_t i)
{
	const struct cls_cpu *c = &x->r->cpus[i];

	return c->online && c->vendor == CPU_VENDOR_INTEL && c->source == CLS_SRC_HARDWARE;
}

/* MSR 0x8B as read now, when it was. */
static bool msr_rev(const struct cls_ctx *x, size_t i, uint32_t *rev)
{
	const struct mds_cpu *c = &x->s->cpus[i];

	*rev = (uint32_t)c->microcode.value;
	return c->microcode.state == MDSCOPE_REG_STATE_OK;
}

static bool cpuinfo_differs(const struct cls_ctx *x, size_t i)
{
	const struct cls_cpu *c = &x->r->cpus[i];
	const struct mds_cpuinfo *ci = snapshot_cpuinfo(x->s, c->cpu);
	uint32_t rev;

	return c->online && msr_rev(x, i, &rev) && x->s->cpus[i].source != MDS_SRC_FALLBACK &&
	       ci && ci->have_microcode && ci->microcode != rev;
}

static bool cached_differs(const struct cls_ctx *x, size_t i)
{
	const struct cls_cpu *c = &x->r->cpus[i];
	uint32_t rev;

	return c->online && msr_rev(x, i, &rev) && x->s->cpus[i].have_ucode_cached &&
	       x->s->cpus[i].microcode_cached != rev;
}

static bool pre_mds_row(const struct cls_ctx *x, size_t i)
{
	const struct cls_cpu *c = &x->r->cpus[i];

	/* the 2019-05 row is the MDS fix only where MDS or TAA applies */
	return real_intel(x, i) && c->ucode.state == UCODE_OLDER && c->ucode.mds == x->arg &&
	       (cls_affected(c->v[VULN_MDS].hw) || cls_affected(c->v[VULN_TAA].hw) ||
		c->v[VULN_MDS].hw == CLS_HW_UNKNOWN);
}

static bool newer_row(const struct cls_ctx *x, size_t i)
{
	const struct cls_cpu *c = &x->r->cpus[i];

	return real_intel(x, i) && c->ucode.newer_exists && c->ucode.latest == x->arg;
}

/* Visit each distinct table row once (rows are few; a small seen-list does). */
static bool first_visit(const void **seen, size_t *n, const void *row)
{
	for (size_t k = 0; k < *n; k++)
		if (seen[k] == row)
			return false;
	if (*n < MAX_GROUPS)
		seen[(*n)++] = row;
	return true;
}

static void microcode_findings(struct cls_ctx *x)
{
	const void *seen[MAX_GROUPS];
	size_t nseen = 0;
	struct cls_finding *f;
	char cpus[128];

	if ((f = cls_collect(x, CLS_F_CPUINFO_MICROCODE, CLS_SEV_WARNING, cpuinfo_differs, false))) {
		CLS_MSG(f, "/proc/cpuinfo shows a different microcode revision than MSR 0x8B on %s",
			cls_cpus(f, cpus, sizeof(cpus)));
		CLS_NEXT(f, "The kernel's view is stale; reload (echo 1 > /sys/devices/system/cpu/microcode/reload) or reboot, then run mdscope again.");
	}
	if ((f = cls_collect(x, CLS_F_CACHED_MICROCODE, CLS_SEV_WARNING, cached_differs, false))) {
		CLS_MSG(f, "the kernel's cached microcode revision differs from the one read now on %s",
			cls_cpus(f, cpus, sizeof(cpus)));
		CLS_NEXT(f, "Microcode changed behind the kernel's back (firmware or late load); reboot so the kernel sees the current revision.");
	}
	for (size_t i = 0; i < x->r->nr_cpus && !x->err; i++) {
		const struct cls_cpu *c = &x->r->cpus[i];

		x->arg = c->ucode.mds;
		if (!pre_mds_row(x, i) || !first_visit(seen, &nseen, c->ucode.mds))
			continue;
		f = cls_collect(x, CLS_F_MICROCODE_PRE_MDS, CLS_SEV_WARNING, pre_mds_row, false);
		if (!f)
			continue;
		CLS_MSG(f, "%s (signature 0x%x) %s microcode older than 0x%x, the first Intel release with the MDS fix (microcode-%u); cpu%u has 0x%x",
			cls_cpus(f, cpus, sizeof(cpus)), c->ucode.mds->signature, cls_pl(f, "runs", "run"),
			c->ucode.mds->rev,
			c->ucode.mds->release, c->cpu, c->microcode);
		CLS_NEXT(f, "Update the microcode to 0x%x or newer (Debian: apt install intel-microcode, or a BIOS update) and reboot.",
			 c->ucode.latest ? c->ucode.latest->rev : c->ucode.mds->rev);
	}
	nseen = 0;
	for (size_t i = 0; i < x->r->nr_cpus && !x->err; i++) {
		const struct cls_cpu *c = &x->r->cpus[i];

		x->arg = c->ucode.latest;
		if (!newer_row(x, i) || !first_visit(seen, &nseen, c->ucode.latest))
			continue;
		f = cls_collect(x, CLS_F_MICROCODE_AVAILABLE, CLS_SEV_INFO, newer_row, false);
		if (!f)
			continue;
		CLS_MSG(f, "%s %s microcode older than 0x%x, the newest Intel release for %s (microcode-%u)",
			cls_cpus(f, cpus, sizeof(cpus)), cls_pl(f, "runs", "run"), c->ucode.latest->rev,
			cls_pl(f, "it", "them"), c->ucode.latest->release);
		CLS_NEXT(f, "Consider updating the microcode (intel-microcode package or BIOS) and rebooting.");
	}
}

/* ---- differences inside and between sockets ------------------------ */

static const struct cls_socket *socket_of(const struct cls_result *r, int package)
{
	for (size_t j = 0; j < r->nr_sockets; j++)
		if (r->sockets[j].package == package)
			return &r->sockets[j];
	return NULL;
}

struct mixed_arg {
	uint32_t bit;
	bool between;	/* some socket differs from socket 0 */
};

/* CPU i is in a socket that is mixed inside, or (between sockets) in socket 0 or one that differs. */
static bool in_mixed_socket(const struct cls_ctx *x, size_t i)
{
	const struct cls_cpu *c = &x->r->cpus[i];
	const struct cls_socket *so = socket_of(x->r, c->package);
	const struct mixed_arg *m = x->arg;

	if (!c->online || !so)
		return false;
	if (so->mixed & m->bit)
		return true;
	return m->between && ((so->differs & m->bit) || so == &x->r->sockets[0]);
}

/* "socket 0: 0x500320a, socket 1: 0x5003102" for the representative values. */
static void socket_values(const struct cls_ctx *x, const struct cls_finding *f, uint32_t bit,
			  char *buf, size_t size)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t k = 0; k < f->nr_sockets; k++) {
		const struct cls_socket *so = socket_of(x->r, f->sockets[k]);
		char val[32];
		int n;

		if (bit == CLS_MIXED_SIGNATURE)
			snprintf(val, sizeof(val), "0x%x", so->signature);
		else if (bit == CLS_MIXED_MICROCODE && so->have_microcode)
			snprintf(val, sizeof(val), "0x%x", so->microcode);
		else if (bit == CLS_MIXED_MD_CLEAR)
			snprintf(val, sizeof(val), "md_clear %s", cls_tri_name(so->md_clear));
		else
			snprintf(val, sizeof(val), "see CPUs");
		n = snprintf(buf + off, size - off, "%ssocket %d: %s%s", off ? ", " : "",
			     so->package, val, so->mixed & bit ? " (mixed inside)" : "");
		if (n < 0 || (size_t)n >= size - off) {
			buf[off] = '\0';	/* drop a partial entry */
			break;
		}
		off += n;
	}
}

static void mixed_findings(struct cls_ctx *x)
{
	static const struct {
		uint32_t bit;
		enum cls_code code;
		const char *what, *next;
	} rows[] = {
		{ CLS_MIXED_SIGNATURE, CLS_F_MIXED_SIGNATURE, "processor signature (family/model/stepping)",
		  "The kernel judges every CPU by the boot CPU; rely on mdscope's per-socket verdicts, or install matching processors." },
		{ CLS_MIXED_MICROCODE, CLS_F_MIXED_MICROCODE, "microcode revision",
		  "Bring every socket to the same, newest microcode (BIOS update or intel-microcode) and reboot." },
		{ CLS_MIXED_MD_CLEAR, CLS_F_MIXED_MD_CLEAR, "MD_CLEAR (CPUID.7.0:EDX[10])",
		  "Update the microcode of the sockets without MD_CLEAR and reboot; until then their CPUs cannot clear buffers." },
		{ CLS_MIXED_ARCH_CAP, CLS_F_MIXED_ARCH_CAP, "IA32_ARCH_CAPABILITIES",
		  "Align microcode and BIOS settings across sockets; the kernel reads ARCH_CAPABILITIES on the boot CPU only." },
	};

	for (size_t k = 0; k < sizeof(rows) / sizeof(rows[0]); k++) {
		struct mixed_arg m = { .bit = rows[k].bit };
		bool inside = false;
		struct cls_finding *f;
		char vals[256];

		for (size_t j = 0; j < x->r->nr_sockets; j++) {
			m.between |= x->r->sockets[j].differs & m.bit;
			inside |= x->r->sockets[j].mixed & m.bit;
		}
		if (!m.between && !inside)
			continue;
		x->arg = &m;
		f = cls_collect(x, rows[k].code, CLS_SEV_WARNING, in_mixed_socket, false);
		x->arg = NULL;	/* m dies with this iteration */
		if (!f)
			continue;
		socket_values(x, f, m.bit, vals, sizeof(vals));
		CLS_MSG(f, "the %s differs %s: %s", rows[k].what,
			m.between ? (inside ? "between and inside sockets" : "between sockets") :
				    "inside a socket", vals);
		CLS_NEXT(f, "%s", rows[k].next);
	}
}

/* ---- unknown verdicts and offline CPUs ------------------------------ */

static bool unknown_exposure(const struct cls_ctx *x, size_t i)
{
	const struct cls_cpu *c = &x->r->cpus[i];
	return c->online && c->v[x->v - 1].exposure == CLS_EXP_UNKNOWN;
}

static bool offline(const struct cls_ctx *x, size_t i)
{
	return !x->r->cpus[i].online;
}

static bool no_topology(const struct cls_ctx *x, size_t i)
{
	const struct cls_cpu *c = &x->r->cpus[i];

	return c->online && (c->package < 0 || c->core < 0);
}

static void unknown_findings(struct cls_ctx *x)
{
	for (int id = 0; id < VULN_NR; id++) {
		enum cls_vuln_id v = CLS_V(id);
		uint32_t why = 0;
		struct cls_finding *f;
		char cpus[128], whys[256];

		if (!cls_judged(x->r, id))
			continue;
		x->v = v;
		f = cls_collect(x, CLS_F_UNKNOWN, CLS_SEV_WARNING, unknown_exposure, false);
		if (!f)
			continue;
		for (size_t i = 0; i < x->r->nr_cpus; i++)
			if (unknown_exposure(x, i))
				why |= x->r->cpus[i].v[id].why;
		CLS_MSG(f, "%s: the exposure of %s is unknown (%s)", vuln_info[id].name,
			cls_cpus(f, cpus, sizeof(cpus)), cls_why_str(why, whys, sizeof(whys)));
		CLS_NEXT(f, "%s", why & (CLS_WHY_NO_CPUID | CLS_WHY_ARCH_CAP_UNKNOWN) ?
			 "Run as root with the mdscope module loaded (or modprobe msr) so CPUID and MSR 0x10a can be read on every CPU." :
			 why & CLS_WHY_NOT_IN_TABLE ?
			 "The kernel's tables list this CPU neither as affected nor as unaffected (older kernels print 'Unknown: No mitigations'); look up its signature in Intel's affected-processor list and treat it as affected until then." :
			 "Make /sys/devices/system/cpu/vulnerabilities readable (mount sysfs), then run mdscope again.");
	}
	x->v = CLS_V_NONE;
	{
		struct cls_finding *f = cls_collect(x, CLS_F_TOPOLOGY_UNKNOWN, CLS_SEV_WARNING,
						    no_topology, false);
		char cpus[128];

		if (f) {
			CLS_MSG(f, "%s %s no known socket and core (topology unreadable, or ids out of range): %s in no socket or core row and %s SMT exposure cannot be judged",
				cls_cpus(f, cpus, sizeof(cpus)), cls_pl(f, "has", "have"),
				cls_pl(f, "it is", "they are"), cls_pl(f, "its", "their"));
			CLS_NEXT(f, "Make /sys/devices/system/cpu/cpuN/topology readable or load the mdscope module, then run mdscope again.");
		}
	}
	{
		struct cls_finding *f = cls_collect(x, CLS_F_OFFLINE, CLS_SEV_INFO, offline, false);
		char cpus[128];

		if (f) {
			CLS_MSG(f, "%s %s offline: %s nothing now and %s not counted in the verdict",
				cls_cpus(f, cpus, sizeof(cpus)), cls_pl(f, "is", "are"),
				cls_pl(f, "it runs", "they run"), cls_pl(f, "is", "are"));
			CLS_NEXT(f, "Judge %s after bringing %s online (echo 1 > /sys/devices/system/cpu/cpuN/online) and running mdscope again.",
				 cls_pl(f, "it", "them"), cls_pl(f, "it", "them"));
		}
	}
}

int cls_advice(const struct mds_snapshot *s, struct cls_result *r)
{
	struct cls_ctx ctx = { .s = s, .r = r }, *x = &ctx;

	microcode_findings(x);
	mixed_findings(x);
	unknown_findings(x);
	return x->err;
}
