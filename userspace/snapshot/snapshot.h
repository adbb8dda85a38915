/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host snapshot: everything mdscope collected about one host, in memory,
 * before any judgement. Filled by the collector (module or fallback), by the
 * parsers below, or by loading a saved file; read (const) by the analyzer.
 *
 * Unknown is explicit everywhere: a struct mds_reg with state 0 was never
 * read, have_* flags say whether a field was filled, -1 is "not known" for
 * signed topology ids. Nothing here is ever guessed.
 */
#ifndef MDSCOPE_SNAPSHOT_H
#define MDSCOPE_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "record.h"
#include "vuln.h"

#define MDS_SNAPSHOT_SCHEMA	"mdscope-snapshot/2"	/* written; per-CPU tables */
#define MDS_SNAPSHOT_SCHEMA_V1	"mdscope-snapshot/1"	/* still loaded; arrays of objects */
#define MDS_SNAP_MAX_CPUS	8192	/* logical CPU numbers are < this */
#define MDS_SNAP_MAX_VULNS	64	/* files in .../cpu/vulnerabilities/ */

/* ---- the kernel's claims ------------------------------------------------ */

/* One file of /sys/devices/system/cpu/vulnerabilities/, verbatim (no '\n'). */
struct mds_vuln_file {
	char name[64];
	char text[256];
};

/* /sys/devices/system/cpu/smt/control values. */
enum mds_smt_control {
	MDS_SMTCTL_UNKNOWN = 0,		/* file absent or unreadable */
	MDS_SMTCTL_ON,
	MDS_SMTCTL_OFF,
	MDS_SMTCTL_FORCEOFF,
	MDS_SMTCTL_NOTSUPPORTED,
	MDS_SMTCTL_NOTIMPLEMENTED,
};

struct mds_smt {
	enum mds_smt_control control;
	char control_text[32];		/* verbatim, "" when absent */
	int active;			/* smt/active: 1, 0, or -1 unknown */
};

/* Kernel command line options that change the MDS family's mitigation. */
struct mds_cmdline {
	bool present;			/* /proc/cmdline was read */
	char raw[4096];			/* verbatim, trailing '\n' removed */
	char vuln_opt[VULN_NR][32];	/* value of <vuln_info[v].cmdline>=, "" when absent */
	char tsx[32];
	char mitigations[64];
	bool nosmt;			/* "nosmt" or "nosmt=..." given */
	char nosmt_value[16];		/* "force" for nosmt=force, else "" */
};

/* One processor block of /proc/cpuinfo (only what mdscope uses). */
struct mds_cpuinfo {
	uint32_t cpu;			/* "processor" */
	char vendor[13];		/* vendor_id, "" when absent */
	int family, model, stepping;	/* -1 when absent */
	bool have_microcode;
	uint32_t microcode;		/* "microcode : 0x..." */
	int physical_id, core_id;	/* -1 when absent */
	bool have_flags;		/* a "flags" line was seen */
	bool md_clear, rtm, hle, hypervisor, arch_capabilities, flush_l1d;
	bool have_bugs;			/* a "bugs" line was seen */
	bool bug_mds, bug_msbds_only, bug_taa;
};

/* /sys/devices/system/cpu/cpuN/{online,topology/...}. */
struct mds_topo {
	uint32_t cpu;
	int online;			/* 1, 0, -1 unknown (cpu0 has no "online": 1) */
	int package, die, core;		/* -1 when unreadable (offline CPUs) */
	char siblings[128];		/* thread_siblings_list verbatim, "" unknown */
	int nr_siblings;		/* CPUs in that list, 0 unknown */
};

struct mds_kernel {
	char release[65];		/* uname -r / proc/sys/kernel/osrelease */
	struct mds_vuln_file vulns[MDS_SNAP_MAX_VULNS];
	size_t nr_vulns;		/* 0: no vulnerabilities directory */
	struct mds_kclaim claim[VULN_NR];	/* parsed from vulns, by enum vuln_id */
	struct mds_smt smt;
	struct mds_cmdline cmdline;
	struct mds_cpuinfo *cpuinfo;	/* malloc'd, sorted by cpu */
	size_t nr_cpuinfo;
	struct mds_topo *topo;		/* malloc'd, sorted by cpu */
	size_t nr_topo;
};

/* ---- the snapshot ----------------------------------------------------- */

#define MDS_SNAP_MAX_NOTES	16

/* Who the host is, beyond its name; "" where unreadable (dmi_uuid is root-only). */
struct mds_ident {
	char machine_id[40];		/* /etc/machine-id, 32 hex digits */
	char dmi_uuid[40];		/* /sys/class/dmi/id/product_uuid */
	char dmi_product[128];		/* /sys/class/dmi/id/product_name */
};

/* Where an imported snapshot came from (collected_by == MDS_SRC_IMPORT). */
struct mds_origin {
	char format[16];		/* "libvirt-cpudata", "cpuid-raw"; "" when not imported */
	char file[256];			/* the dump's path as given */
};

struct mds_snapshot {
	char hostname[256];
	uint64_t time_ns;		/* CLOCK_REALTIME at collection (import: the dump's mtime) */
	enum mds_source source;		/* MODULE, FALLBACK, or SNAPSHOT (loaded) */
	enum mds_source collected_by;	/* MODULE, FALLBACK or IMPORT, also after a load */
	struct mds_ident ident;		/* optional keys: older files have none */
	struct mds_origin origin;
	bool have_module;
	struct mds_info module;		/* valid when have_module */
	char module_error[256];		/* why there is no module, "" when there is */
	bool msr_driver;		/* fallback: /dev/cpu/N/msr was readable */

	struct mds_cpu *cpus;		/* malloc'd, sorted by cpu */
	size_t nr_cpus;

	struct mds_kernel kernel;

	/* Honest notes about what could not be read ("msr driver absent ..."). */
	char notes[MDS_SNAP_MAX_NOTES][160];
	size_t nr_notes;
};

/* ---- snapshot.c: lifetime, lookups, JSON file ------------------------ */

void snapshot_init(struct mds_snapshot *s);
void snapshot_free(struct mds_snapshot *s);	/* frees arrays, re-inits */
void snapshot_note(struct mds_snapshot *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

const struct mds_cpu *snapshot_cpu(const struct mds_snapshot *s, uint32_t cpu);
const struct mds_cpuinfo *snapshot_cpuinfo(const struct mds_snapshot *s, uint32_t cpu);
const struct mds_topo *snapshot_topo(const struct mds_snapshot *s, uint32_t cpu);
/* Verbatim text of vulnerabilities/<name>, NULL when absent. */
const char *snapshot_vuln(const struct mds_snapshot *s, const char *name);

/* Write atomically (FILE.tmp, fsync, rename). -errno, err filled. */
int snapshot_save(const struct mds_snapshot *s, const char *path, struct mds_err *err);
/* Strict load; on failure s is left empty and err says why. */
int snapshot_load(struct mds_snapshot *s, const char *path, struct mds_err *err);
/* The same, on a buffer (tests, stdin). */
int snapshot_from_string(struct mds_snapshot *s, const char *json, struct mds_err *err);
/* malloc'd JSON text, NULL on ENOMEM. */
char *snapshot_to_string(const struct mds_snapshot *s);

/* Name maps (tables indexed by an enum): the name, "unknown" past the end
 * or for a hole; the index of a name, or -1. */
const char *mds_name_of(const char *const *tbl, size_t n, unsigned int i);
int mds_name_index(const char *const *tbl, size_t n, const char *name);

/* Names used in JSON and text (maps, not switches). */
const char *mds_smt_control_name(enum mds_smt_control c);
const char *mds_source_name(enum mds_source src);
/* Reverse maps for the snapshot loader: the enum value, or -1. */
int mds_smt_control_from_name(const char *name);
int mds_source_from_name(const char *name);

#endif
