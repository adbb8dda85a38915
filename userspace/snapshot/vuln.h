/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The MDS family as data: one row per vulnerability with its names, CVEs,
 * the kernel's sysfs file and the exact texts the kernel writes there, and
 * the guest CPU flags that carry its fix or its immunity. The rules that
 * decide a verdict are in analyze/rules.c, indexed by the same id; a new
 * vulnerability is one row here, its rules there, and their tests.
 */
#ifndef MDSCOPE_VULN_H
#define MDSCOPE_VULN_H

#include <stdbool.h>
#include <stdint.h>

struct mds_err;

enum vuln_id { VULN_MDS = 0, VULN_TAA, VULN_MMIO, VULN_RFDS, VULN_NR };

#define VULN_ALL ((1u << VULN_NR) - 1)

/* The state part of a vulnerabilities/<file> line, over all rows. */
enum mds_kstate {
	MDS_KSTATE_UNKNOWN = 0,		/* absent or not a string we know */
	MDS_KSTATE_NOT_AFFECTED,	/* "Not affected" */
	MDS_KSTATE_VULNERABLE,		/* "Vulnerable" (mitigation off) */
	MDS_KSTATE_MITIGATION_VERW,	/* "Mitigation: Clear CPU buffers" */
	MDS_KSTATE_VULNERABLE_NO_UCODE,	/* "Vulnerable: Clear CPU buffers attempted, no microcode" */
	MDS_KSTATE_TSX_DISABLED,	/* "Mitigation: TSX disabled" (taa) */
	MDS_KSTATE_UNKNOWN_NO_MITIGATIONS, /* "Unknown: No mitigations" (mmio, kernels < 6.9) */
	MDS_KSTATE_MITIGATION_CLEAR_REGFILE, /* "Mitigation: Clear Register File" (rfds) */
	MDS_KSTATE_VULNERABLE_NO_MICROCODE, /* "Vulnerable: No microcode" (rfds) */
	MDS_KSTATE_NR
};

/* The part after "; SMT ". */
enum mds_ksmt {
	MDS_KSMT_NONE = 0,		/* no suffix */
	MDS_KSMT_VULNERABLE,		/* "vulnerable": SMT active */
	MDS_KSMT_DISABLED,		/* "disabled": SMT not active */
	MDS_KSMT_MITIGATED,		/* "mitigated": MSBDS-only, idle clears */
	MDS_KSMT_HOST_STATE_UNKNOWN,	/* "Host state unknown": a guest */
};

struct mds_kclaim {
	bool present;			/* the sysfs file exists (kernel knows the bug) */
	enum mds_kstate state;
	enum mds_ksmt smt;
};

/* One text the kernel writes to a vulnerability's sysfs file. */
struct vuln_text {
	const char *text;
	enum mds_kstate state;
	bool smt_suffix;		/* may carry "; SMT ..." */
};

struct vuln_info {
	const char *key;		/* "mds": JSON key, --vuln name */
	const char *name;		/* "MDS" */
	const char *title;		/* "Microarchitectural Data Sampling" */
	const char *cves;		/* "CVE-2018-12126, ..." */
	const char *sysfs;		/* file in /sys/devices/system/cpu/vulnerabilities */
	const char *cmdline;		/* the kernel's own option ("mds" for mds=off) */
	const char *kernel_since;	/* first mainline kernel that mitigates it */
	const struct vuln_text *texts;	/* NULL-terminated */
	const char *const *guest_fix;	/* guest CPU flags carrying the fix, NULL-terminated */
	const char *const *guest_immune; /* guest CPU flags saying "not affected" */
};

extern const struct vuln_info vuln_info[VULN_NR];

/* "mds" -> VULN_MDS; -1 when unknown. */
int vuln_from_key(const char *key);
/* "mds,taa" -> a mask of (1 << id); -EINVAL with err naming the bad word. */
int vuln_parse_mask(const char *list, unsigned int *mask, struct mds_err *err);

/* One line of vulnerabilities/<vuln_info[v].sysfs>; -EINVAL if not a known text. */
int parse_vuln_claim(enum vuln_id v, const char *text, struct mds_kclaim *out,
		     struct mds_err *err);

const char *mds_kstate_name(enum mds_kstate st);
const char *mds_ksmt_name(enum mds_ksmt smt);
/* Reverse maps for the snapshot loader: the enum value, or -1. */
int mds_kstate_from_name(const char *name);
int mds_ksmt_from_name(const char *name);
/* The canonical sysfs text of a state, for messages. */
const char *mds_kstate_text(enum mds_kstate st);

#endif
