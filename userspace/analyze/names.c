// SPDX-License-Identifier: GPL-2.0
/*
 * The analyzer's vocabulary: the names of its verdicts for text and JSON
 * (maps, not switches), the order of badness that roll-ups use, and small
 * summaries over a result. Pure, no I/O; every analyzer file may use it.
 */
#include <stdio.h>
#include <string.h>

#include "classify.h"

#define NAMES(a) (sizeof(a) / sizeof((a)[0]))

static const char *const tri_names[] = { "unknown", "no", "yes" };
static const char *const hw_names[] = {
	[CLS_HW_UNKNOWN] = "unknown", [CLS_HW_AFFECTED] = "affected",
	[CLS_HW_NOT_AFFECTED] = "not_affected", [CLS_HW_MSBDS_ONLY] = "msbds_only",
	[CLS_HW_MIXED] = "mixed",
};
static const char *const ucode_src_names[] = {
	[CLS_UCODE_SRC_NONE] = "none", [CLS_UCODE_SRC_MSR] = "msr",
	[CLS_UCODE_SRC_KERNEL] = "kernel",
};
static const char *const exposure_names[] = {
	[CLS_EXP_UNKNOWN] = "unknown", [CLS_EXP_EXPOSED] = "exposed",
	[CLS_EXP_MITIGATED] = "mitigated", [CLS_EXP_NOT_AFFECTED] = "not_affected",
};
static const char *const mitigation_names[] = {
	[CLS_MIT_UNKNOWN] = "unknown", [CLS_MIT_NONE] = "none",
	[CLS_MIT_VERW] = "verw", [CLS_MIT_TSX_DISABLED] = "tsx_disabled",
};
static const char *const smt_names[] = {
	[CLS_SMT_UNKNOWN] = "unknown", [CLS_SMT_OFF] = "off",
	[CLS_SMT_VULNERABLE] = "vulnerable", [CLS_SMT_MITIGATED] = "mitigated",
	[CLS_SMT_NOT_AFFECTED] = "not_affected", [CLS_SMT_HOST_UNKNOWN] = "host_unknown",
};
static const char *const source_names[] = {
	[CLS_SRC_NONE] = "none", [CLS_SRC_HARDWARE] = "hardware",
	[CLS_SRC_HYPERVISOR] = "hypervisor",
};
static const char *const variant_names[] = {
	[CLS_MSBDS] = "msbds", [CLS_MFBDS] = "mfbds", [CLS_MLPDS] = "mlpds", [CLS_MDSUM] = "mdsum",
};
static const char *const severity_names[] = {
	[CLS_SEV_INFO] = "info", [CLS_SEV_WARNING] = "warning", [CLS_SEV_CRITICAL] = "critical",
};
static const char *const status_names[] = {
	[CLS_OK] = "ok", [CLS_WARNING] = "warning", [CLS_CRITICAL] = "critical",
	[CLS_STATUS_UNKNOWN] = "unknown",
};
static const char *const why_names[] = {
	"no_cpuid", "arch_cap_unknown", "not_intel", "no_speculation", "whitelist_no_mds",
	"msbds_only", "mds_no", "taa_no", "no_tsx", "no_md_clear", "taa_microcode",
	"fb_clear_caveat", "kernel_off", "kernel_unaware", "kernel_unknown",
	"kernel_not_affected", "tsx_off", "offline", "mmio_no", "whitelist_no_mmio",
	"not_in_kernel_table", "not_listed", "no_fb_clear", "rfds_no", "rfds_clear",
	"no_rfds_clear", "e_core",
};

const char *cls_tri_name(enum cls_tri t) { return mds_name_of(tri_names, NAMES(tri_names), t); }
const char *cls_hw_name(enum cls_hw h) { return mds_name_of(hw_names, NAMES(hw_names), h); }
const char *cls_exposure_name(enum cls_exposure e) { return mds_name_of(exposure_names, NAMES(exposure_names), e); }
const char *cls_mitigation_name(enum cls_mitigation m) { return mds_name_of(mitigation_names, NAMES(mitigation_names), m); }
const char *cls_smt_name(enum cls_smt s) { return mds_name_of(smt_names, NAMES(smt_names), s); }
const char *cls_source_name(enum cls_source s) { return mds_name_of(source_names, NAMES(source_names), s); }
const char *cls_ucode_src_name(enum cls_ucode_src s) { return mds_name_of(ucode_src_names, NAMES(ucode_src_names), s); }

const char *cls_vuln_name(enum cls_vuln_id v)
{
	return v == CLS_V_NONE ? "" : (unsigned int)v <= VULN_NR ? vuln_info[v - 1].key : "unknown";
}
const char *cls_variant_name(enum cls_mds_variant v) { return mds_name_of(variant_names, NAMES(variant_names), v); }
const char *cls_severity_name(enum cls_severity s) { return mds_name_of(severity_names, NAMES(severity_names), s); }
const char *cls_status_name(enum cls_status s) { return mds_name_of(status_names, NAMES(status_names), s); }

char *cls_why_str(uint32_t why, char *buf, size_t size)
{
	size_t off = 0;

	if (!size)
		return buf;
	buf[0] = '\0';
	for (unsigned int i = 0; i < NAMES(why_names); i++) {
		int n;

		if (!(why & (1u << i)))
			continue;
		n = snprintf(buf + off, size - off, "%s%s", off ? "," : "", why_names[i]);
		if (n < 0 || (size_t)n >= size - off) {
			buf[off] = '\0';	/* drop a partial entry */
			break;
		}
		off += n;
	}
	return buf;
}

/* exposed > unknown > mitigated > not_affected */
static const int exposure_rank[] = {
	[CLS_EXP_NOT_AFFECTED] = 0, [CLS_EXP_MITIGATED] = 1,
	[CLS_EXP_UNKNOWN] = 2, [CLS_EXP_EXPOSED] = 3,
};

enum cls_exposure cls_exposure_worst(enum cls_exposure a, enum cls_exposure b)
{
	return exposure_rank[a] >= exposure_rank[b] ? a : b;
}

enum cls_exposure cls_result_worst(const struct cls_result *r, unsigned int mask)
{
	enum cls_exposure w = CLS_EXP_NOT_AFFECTED;

	for (int v = 0; v < VULN_NR; v++)
		if (cls_judged(r, v) && (mask & (1u << v)))
			w = cls_exposure_worst(w, r->exposure[v]);
	return w;
}

unsigned int cls_vulns_fixed_by(const char *flag)
{
	unsigned int mask = 0;

	for (int v = 0; v < VULN_NR; v++)
		for (const char *const *f = vuln_info[v].guest_fix; *f; f++)
			if (!strcmp(*f, flag))
				mask |= 1u << v;
	return mask;
}

char *cls_exposure_str(const struct cls_result *r, unsigned int mask, char *buf, size_t size)
{
	size_t off = 0;

	if (size)
		buf[0] = '\0';
	for (int v = 0; v < VULN_NR && off < size; v++) {
		int n;

		if (!cls_judged(r, v) || !(mask & (1u << v)))
			continue;
		n = snprintf(buf + off, size - off, "%s%s %s", off ? ", " : "", vuln_info[v].name,
			     cls_exposure_name(r->exposure[v]));
		if (n < 0)
			break;
		off += n;
	}
	return buf;
}

