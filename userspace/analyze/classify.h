/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The analyzer: pure functions (no I/O) from a host snapshot to verdicts.
 *
 *   struct cls_result r;
 *   if (classify_snapshot(snap, &r) == 0) { ...print r...; cls_result_free(&r); }
 *   exit(r.exit_code);
 *
 * Per CPU and per vulnerability of the MDS family (enum vuln_id: MDS, TAA,
 * MMIO Stale Data, RFDS; their rows in snapshot/vuln.c, their rules in
 * analyze/rules.c): the hardware verdict, whether a
 * mitigation is possible (microcode) and active (kernel), and the exposure;
 * per core the SMT exposure; per socket the worst of its CPUs and the
 * differences between them; the kernel's own BSP-only verdict reproduced;
 * findings (discrepancies with a code, the CPUs/sockets, a message and the
 * next step); the overall status and exit code; and, for the printers, what
 * they show beside the verdicts (the facts as read, their origin, the
 * kernel's words: classify_shown.c), so no printer reads the snapshot.
 * Rules: shared/docs/mds-domain.md.
 */
#ifndef MDSCOPE_CLASSIFY_H
#define MDSCOPE_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cputable.h"
#include "snapshot.h"
#include "ucode.h"

/* A fact that may be unknown. */
enum cls_tri { CLS_UNKNOWN = 0, CLS_NO, CLS_YES };

/* JSON: "affected|not_affected|msbds_only|unknown"; "mixed" only for a socket's CPUs. */
enum cls_hw { CLS_HW_UNKNOWN = 0, CLS_HW_AFFECTED, CLS_HW_NOT_AFFECTED, CLS_HW_MSBDS_ONLY,
	      CLS_HW_MIXED };

/* JSON: "exposed|mitigated|not_affected|unknown". Order of badness for roll-ups:
 * exposed > unknown > mitigated > not_affected. */
enum cls_exposure { CLS_EXP_UNKNOWN = 0, CLS_EXP_EXPOSED, CLS_EXP_MITIGATED, CLS_EXP_NOT_AFFECTED };

/* What is in effect on this CPU. JSON: "unknown|none|verw|tsx_disabled". */
enum cls_mitigation { CLS_MIT_UNKNOWN = 0, CLS_MIT_NONE, CLS_MIT_VERW, CLS_MIT_TSX_DISABLED };

/* Per-core SMT exposure. JSON: "unknown|off|vulnerable|mitigated|not_affected|host_unknown". */
enum cls_smt {
	CLS_SMT_UNKNOWN = 0,		/* topology or a verdict unknown */
	CLS_SMT_OFF,			/* one online thread in the core */
	CLS_SMT_VULNERABLE,		/* siblings online and share the affected buffers */
	CLS_SMT_MITIGATED,		/* MSBDS-only with the mitigation: idle clears */
	CLS_SMT_NOT_AFFECTED,		/* no thread of the core is affected */
	CLS_SMT_HOST_UNKNOWN,		/* a guest: the host's siblings are invisible */
};

/* Where the CPU facts come from. JSON: "none|hardware|hypervisor". */
enum cls_source { CLS_SRC_NONE = 0, CLS_SRC_HARDWARE, CLS_SRC_HYPERVISOR };

/* A finding's vulnerability: CLS_V_NONE, or 1 + enum vuln_id. */
enum cls_vuln_id { CLS_V_NONE = 0, CLS_V_MDS, CLS_V_TAA, CLS_V_MMIO, CLS_V_RFDS };
#define CLS_V(id) ((enum cls_vuln_id)((id) + 1))

/* Where the microcode revision shown comes from. JSON: "none|msr|kernel". */
enum cls_ucode_src { CLS_UCODE_SRC_NONE = 0, CLS_UCODE_SRC_MSR, CLS_UCODE_SRC_KERNEL };

/* The four MDS CVEs; the hardware verdict of each comes from cls_cpu.v[VULN_MDS].hw. */
enum cls_mds_variant { CLS_MSBDS = 0, CLS_MFBDS, CLS_MLPDS, CLS_MDSUM, CLS_MDS_NR_VARIANTS };

/* Why a verdict came out as it did (bits of cls_vuln.why). */
enum {
	CLS_WHY_NO_CPUID	= 1u << 0,	/* CPU never read */
	CLS_WHY_ARCH_CAP_UNKNOWN = 1u << 1,	/* MSR 0x10a faulted or never read */
	CLS_WHY_NOT_INTEL	= 1u << 2,	/* vendor-aware: MDS/TAA are Intel-only */
	CLS_WHY_NO_SPECULATION	= 1u << 3,	/* whitelist NO_SPECULATION */
	CLS_WHY_WHITELIST_NO_MDS = 1u << 4,	/* whitelist NO_MDS */
	CLS_WHY_MSBDS_ONLY	= 1u << 5,	/* whitelist MSBDS_ONLY */
	CLS_WHY_MDS_NO		= 1u << 6,	/* ARCH_CAP.MDS_NO */
	CLS_WHY_TAA_NO		= 1u << 7,	/* ARCH_CAP.TAA_NO */
	CLS_WHY_NO_TSX		= 1u << 8,	/* neither RTM nor TSX_CTRL */
	CLS_WHY_NO_MD_CLEAR	= 1u << 9,	/* microcode lacks MD_CLEAR */
	CLS_WHY_TAA_UCODE	= 1u << 10,	/* MDS_NO without TSX_CTRL: VERW does not clear */
	CLS_WHY_FB_CLEAR_CAVEAT	= 1u << 11,	/* MDS_NO without FB_CLEAR: VERW relies on TSX_CTRL-era microcode */
	CLS_WHY_KERNEL_OFF	= 1u << 12,	/* kernel mitigation off (sysfs/cmdline) */
	CLS_WHY_KERNEL_UNAWARE	= 1u << 13,	/* kernel has no sysfs file for it */
	CLS_WHY_KERNEL_UNKNOWN	= 1u << 14,	/* kernel state not known */
	CLS_WHY_KERNEL_NOT_AFFECTED = 1u << 15,	/* kernel (boot CPU) thinks not affected */
	CLS_WHY_TSX_OFF		= 1u << 16,	/* TSX disabled (TSX_CTRL or CPUID) */
	CLS_WHY_OFFLINE		= 1u << 17,	/* CPU offline: not counted */
	CLS_WHY_MMIO_NO		= 1u << 18,	/* ARCH_CAP SBDR_SSDP_NO, FBSDP_NO and PSDP_NO */
	CLS_WHY_WHITELIST_NO_MMIO = 1u << 19,	/* whitelist NO_MMIO */
	CLS_WHY_NOT_IN_TABLE	= 1u << 20,	/* neither listed affected nor unaffected: the kernel's "Unknown" */
	CLS_WHY_NOT_LISTED	= 1u << 21,	/* no blacklist row names it: not affected */
	CLS_WHY_NO_FB_CLEAR	= 1u << 22,	/* MMIO: neither FB_CLEAR nor MD_CLEAR+L1D_FLUSH on an MDS part */
	CLS_WHY_RFDS_NO		= 1u << 23,	/* ARCH_CAP.RFDS_NO */
	CLS_WHY_RFDS_CLEAR	= 1u << 24,	/* ARCH_CAP.RFDS_CLEAR enumerated: affected */
	CLS_WHY_NO_RFDS_CLEAR	= 1u << 25,	/* RFDS: microcode lacks RFDS_CLEAR */
	CLS_WHY_E_CORE		= 1u << 26,	/* hybrid E-core matched an ATOM-type row */
};

/* One vulnerability on one CPU. */
struct cls_vuln {
	enum cls_hw hw;			/* mdscope's vendor-aware verdict */
	enum cls_hw kernel_rule;	/* the kernel's rules on this CPU's facts (no vendor check) */
	enum cls_tri possible;		/* microcode can mitigate (MD_CLEAR, caveats; TSX_CTRL for TAA) */
	enum cls_tri active;		/* a mitigation is in effect on this CPU */
	enum cls_mitigation mitigation;
	enum cls_exposure exposure;	/* of the CPU itself; SMT is in cls_cpu.smt */
	enum cls_smt smt;		/* of this CPU's core for this vulnerability */
	uint32_t why;			/* CLS_WHY_* */
};

/* One CPU's facts as read, for the printers (a copy of its record). */
struct cls_read {
	bool have_cpuid, have_topology, have_ucode_cached, online, hypervisor;
	char vendor[13];
	uint32_t signature;
	uint32_t package, die, core, thread;	/* valid with have_topology */
	uint32_t microcode_cached;		/* valid with have_ucode_cached */
	struct mds_reg microcode, platform_id, arch_cap, tsx_ctrl;
	enum mds_source collected_by;
};

struct cls_cpu {
	uint32_t cpu;
	bool online;			/* counted as online (also when online_unknown) */
	bool online_unknown;		/* sysfs online state unreadable: counted as online */
	int package, die, core;		/* -1 when unknown */
	enum cls_source source;
	enum cpu_vendor vendor;
	const struct cputable_row *whitelist;	/* first whitelist row matched, or NULL */
	const struct cputable_row *blacklist;	/* first blacklist row (own core type), or NULL */

	uint8_t core_type;		/* hybrid core type (CPUID.1A), 0 when not hybrid */

	/* decoded facts */
	enum cls_tri md_clear, arch_cap_known, mds_no, taa_no, tsx_ctrl_msr, fb_clear, rtm, tsx_off;
	enum cls_tri flush_l1d, mmio_immune, rfds_no, rfds_clear;
	bool have_microcode;		/* the revision below is known */
	uint32_t microcode;		/* MSR 0x8B when read, else the kernel's cached value */
	enum cls_ucode_src microcode_src;
	int platform_id;		/* UCODE_PLATFORM_UNKNOWN when not read */
	struct ucode_check ucode;

	struct cls_vuln v[VULN_NR];	/* by enum vuln_id */
	enum cls_hw mds_variant[CLS_MDS_NR_VARIANTS];
	struct cls_read read;		/* the facts as read, for the printers */
};

struct cls_core {
	int package, die, core;
	uint32_t threads, online;	/* CPUs in the snapshot / online */
	uint32_t first_cpu;
	enum cls_exposure exposure[VULN_NR];	/* worst of the online threads */
	enum cls_smt smt[VULN_NR];
};

/* Bits of cls_socket.mixed: what differs between the socket's online CPUs. */
enum {
	CLS_MIXED_SIGNATURE	= 1u << 0,	/* family/model/stepping */
	CLS_MIXED_MICROCODE	= 1u << 1,
	CLS_MIXED_MD_CLEAR	= 1u << 2,
	CLS_MIXED_ARCH_CAP	= 1u << 3,
	CLS_MIXED_PLATFORM	= 1u << 4,
};

struct cls_socket {
	int package;
	uint32_t cpus, online, cores;
	uint32_t first_cpu;		/* the representative for the fields below */
	uint32_t signature;
	bool have_microcode;
	uint32_t microcode;
	enum cls_ucode_src microcode_src;
	enum cls_tri md_clear;
	bool hypervisor;		/* the facts are what a hypervisor presents */
	enum cls_hw hw[VULN_NR];	/* shared by the online CPUs, or CLS_HW_MIXED */
	enum cls_exposure exposure[VULN_NR];	/* worst of the online CPUs */
	enum cls_smt smt[VULN_NR];	/* worst of the cores */
	enum ucode_state ucode;		/* worst (oldest) of the online CPUs */
	uint32_t mixed;			/* CLS_MIXED_* inside this socket */
	uint32_t differs;		/* CLS_MIXED_*: differs from the first socket */
};

/* What the kernel decided from its boot CPU, reproduced from that CPU's facts. */
struct cls_kernel {
	int bsp;			/* index in cls_result.cpus of CPU 0, -1 absent */
	enum cls_hw rule[VULN_NR];	/* bug bits by the kernel's rules on the BSP */
	enum mds_kstate expect[VULN_NR];	/* sysfs state those rules give, UNKNOWN if not known */
	enum cls_tri verw;		/* the kernel clears CPU buffers (VERW) on every CPU */
	enum cls_tri smt_active;	/* from smt/active, else the topology */
	bool mitigations_off;		/* mitigations=off on the command line */
	bool off[VULN_NR];		/* <option>=off for the vulnerability */
	bool tsx_off_cmdline;
};

/* Where the facts came from (strings point into the snapshot). */
struct cls_origin {
	const char *hostname;		/* "" unknown */
	uint64_t time_ns;		/* 0 unknown */
	bool from_snapshot;		/* loaded from a saved file */
	enum mds_source collected_by;
	bool have_module;
	const char *module_version;
	uint32_t module_generation;
	const char *module_error;	/* "" when there is a module */
	bool msr_driver;
	const char *import_file, *import_format;
	const char (*notes)[160];	/* what could not be read */
	size_t nr_notes;
};

/* The kernel's own words, verbatim and parsed (strings point into the snapshot). */
struct cls_claims {
	const char *release;		/* "" unknown */
	const char *text[VULN_NR];	/* vulnerabilities/<sysfs> verbatim, NULL absent */
	const struct mds_vuln_file *files;	/* every file of that directory */
	size_t nr_files;		/* 0: no directory at all */
	struct mds_kclaim claim[VULN_NR];
	struct mds_smt smt;
	struct mds_cmdline cmdline;
};

enum cls_severity { CLS_SEV_INFO = 0, CLS_SEV_WARNING, CLS_SEV_CRITICAL };

/* Finding codes; JSON names from cls_code_name(). */
enum cls_code {
	CLS_F_EXPOSED_NO_MICROCODE = 0,	/* affected, no MD_CLEAR: update microcode */
	CLS_F_EXPOSED_KERNEL_OFF,	/* affected, mitigation switched off */
	CLS_F_EXPOSED_KERNEL_UNAWARE,	/* affected, kernel too old to mitigate */
	CLS_F_EXPOSED_KERNEL_NOT_AFFECTED, /* affected, the kernel (boot CPU) thinks not */
	CLS_F_SYSFS_NOT_AFFECTED,	/* sysfs "Not affected" while some CPU is affected */
	CLS_F_SYSFS_MITIGATED_NO_MD_CLEAR, /* sysfs claims mitigation, some CPU lacks MD_CLEAR */
	CLS_F_KERNEL_UNAWARE,		/* sysfs file missing */
	CLS_F_KERNEL_STALE,		/* sysfs differs from the BSP's facts now (late load?) */
	CLS_F_KERNEL_NO_VENDOR_CHECK,	/* kernel says MDS affected on a non-Intel CPU */
	CLS_F_SMT_CLAIM,		/* sysfs SMT suffix differs from the topology */
	CLS_F_SMT_EXPOSED,		/* mitigated, but siblings share buffers */
	CLS_F_SMT_HOST_UNKNOWN,		/* guest: host SMT invisible */
	CLS_F_CPUINFO_MICROCODE,	/* /proc/cpuinfo microcode differs from the MSR */
	CLS_F_CACHED_MICROCODE,		/* kernel cached revision differs from the MSR */
	CLS_F_MICROCODE_PRE_MDS,	/* older than the first MDS release */
	CLS_F_MICROCODE_AVAILABLE,	/* a newer revision is known */
	CLS_F_MIXED_SIGNATURE,
	CLS_F_MIXED_MICROCODE,
	CLS_F_MIXED_MD_CLEAR,
	CLS_F_MIXED_ARCH_CAP,
	CLS_F_UNKNOWN,			/* some verdict unknown: a needed fact is missing */
	CLS_F_OFFLINE,			/* offline CPUs not judged now */
	CLS_F_MICROCODE_REBOOT_NEEDED,	/* newer on disk and in the initramfs: reboot */
	CLS_F_MICROCODE_INITRAMFS_STALE, /* newer on disk, not in the initramfs */
	CLS_F_TOPOLOGY_UNKNOWN,		/* online CPUs in no socket/core: ids unknown or out of range */
	CLS_F_NR
};

struct cls_finding {
	enum cls_code code;
	enum cls_severity severity;
	enum cls_vuln_id vuln;		/* CLS_V_NONE when not specific */
	uint32_t *cpus;			/* the CPUs involved, ascending */
	size_t nr_cpus;
	int *sockets;			/* the packages involved, ascending */
	size_t nr_sockets;
	char message[512];
	char next_step[512];
};

/* Overall status = exit code. JSON: "ok|warning|critical|unknown". */
enum cls_status { CLS_OK = 0, CLS_WARNING = 1, CLS_CRITICAL = 2, CLS_STATUS_UNKNOWN = 3 };

struct cls_result {
	struct cls_cpu *cpus;		/* same order as snapshot->cpus */
	size_t nr_cpus;
	struct cls_core *cores;		/* sorted by package, die, core */
	size_t nr_cores;
	struct cls_socket *sockets;	/* sorted by package */
	size_t nr_sockets;
	struct cls_finding *findings;	/* most severe first */
	size_t nr_findings;
	struct cls_kernel kernel;
	unsigned int vulns;		/* the vulnerabilities judged: bits (1 << enum vuln_id) */
	enum cls_exposure exposure[VULN_NR];	/* worst over online CPUs */
	bool hypervisor;		/* some CPU has the hypervisor bit */
	struct cls_origin origin;	/* where the facts came from */
	struct cls_claims claims;	/* the kernel's own words */
	enum cls_status status;
	int exit_code;
};

/* 0, or -ENOMEM / -EINVAL (no CPUs); on error r is empty. All four vulnerabilities.
 * r.origin and r.claims point into s: keep s until r is printed and freed. */
int classify_snapshot(const struct mds_snapshot *s, struct cls_result *r);
/* The same, judging only the vulnerabilities in mask (bits 1 << enum vuln_id):
 * verdicts of the others are still computed, but no finding, roll-up verdict
 * or exit status depends on them. */
int classify_snapshot_vulns(const struct mds_snapshot *s, unsigned int mask,
			    struct cls_result *r);
struct ucode_inv;
/* Add the findings of a microcode inventory (files on disk and in the
 * initramfs; classify_ucode.c) to r and recompute its status. 0 or -ENOMEM. */
int cls_ucode_findings(struct cls_result *r, const struct ucode_inv *inv);

/* Is vulnerability v judged in r? */
static inline bool cls_judged(const struct cls_result *r, int v)
{
	return r->vulns & (1u << v);
}
void cls_result_free(struct cls_result *r);

/* One CPU alone, by mdscope's rules and the kernel's (no kernel claims, no SMT). */
void classify_cpu_hw(const struct mds_cpu *c, struct cls_cpu *out);

/* Worse of two exposures (exposed > unknown > mitigated > not_affected). */
enum cls_exposure cls_exposure_worst(enum cls_exposure a, enum cls_exposure b);
/* The worst host exposure over the judged vulnerabilities in mask. */
enum cls_exposure cls_result_worst(const struct cls_result *r, unsigned int mask);
/* The judged vulnerabilities whose guest fix is the CPU flag named flag ("md-clear"). */
unsigned int cls_vulns_fixed_by(const char *flag);
/* "MDS exposed, TAA mitigated, ..." over the judged vulnerabilities in mask, into buf. */
char *cls_exposure_str(const struct cls_result *r, unsigned int mask, char *buf, size_t size);

/* "0-3,8" into buf (ending in "..." when it does not fit); returns buf. */
char *cls_cpulist(const uint32_t *cpus, size_t n, char *buf, size_t size);

/* Names for text and JSON. */
const char *cls_tri_name(enum cls_tri t);		/* "unknown|no|yes" */
const char *cls_hw_name(enum cls_hw h);
const char *cls_exposure_name(enum cls_exposure e);
const char *cls_mitigation_name(enum cls_mitigation m);
const char *cls_smt_name(enum cls_smt s);
const char *cls_source_name(enum cls_source s);
const char *cls_vuln_name(enum cls_vuln_id v);		/* "", "mds", "taa", "mmio", "rfds" */
const char *cls_ucode_src_name(enum cls_ucode_src s);	/* "none|msr|kernel" */
const char *cls_variant_name(enum cls_mds_variant v);	/* "msbds" ... */
const char *cls_severity_name(enum cls_severity s);	/* "info|warning|critical" */
const char *cls_code_name(enum cls_code c);
const char *cls_status_name(enum cls_status s);
/* Comma-separated names of the set CLS_WHY_* bits, into buf. */
char *cls_why_str(uint32_t why, char *buf, size_t size);

#endif
