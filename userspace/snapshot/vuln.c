// SPDX-License-Identifier: GPL-2.0
/*
 * The rows of the MDS family (names, CVEs, sysfs files and the kernel's
 * exact texts, guest flags) and the parser of a sysfs claim against its
 * row. Texts from arch/x86/kernel/cpu/bugs.c (userspace/gen/data/
 * kernel-sysfs-strings-mds-taa.csv for MDS and TAA; the mmio_strings and
 * rfds_strings tables for the other two). Pure, no I/O.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "snapshot.h"
#include "vuln.h"

#define T(s, st, sfx) { s, MDS_KSTATE_##st, sfx }

static const struct vuln_text mds_texts[] = {
	T("Not affected", NOT_AFFECTED, false),
	T("Vulnerable", VULNERABLE, true),
	T("Mitigation: Clear CPU buffers", MITIGATION_VERW, true),
	T("Vulnerable: Clear CPU buffers attempted, no microcode", VULNERABLE_NO_UCODE, true),
	{ 0 }
};

static const struct vuln_text taa_texts[] = {
	T("Not affected", NOT_AFFECTED, false),
	T("Vulnerable", VULNERABLE, true),
	T("Mitigation: Clear CPU buffers", MITIGATION_VERW, true),
	T("Vulnerable: Clear CPU buffers attempted, no microcode", VULNERABLE_NO_UCODE, true),
	T("Mitigation: TSX disabled", TSX_DISABLED, false),
	{ 0 }
};

static const struct vuln_text mmio_texts[] = {
	T("Not affected", NOT_AFFECTED, false),
	T("Vulnerable", VULNERABLE, false),
	T("Mitigation: Clear CPU buffers", MITIGATION_VERW, true),
	T("Vulnerable: Clear CPU buffers attempted, no microcode", VULNERABLE_NO_UCODE, true),
	T("Unknown: No mitigations", UNKNOWN_NO_MITIGATIONS, false),
	{ 0 }
};

static const struct vuln_text rfds_texts[] = {
	T("Not affected", NOT_AFFECTED, false),
	T("Vulnerable", VULNERABLE, false),
	T("Mitigation: Clear Register File", MITIGATION_CLEAR_REGFILE, false),
	T("Vulnerable: No microcode", VULNERABLE_NO_MICROCODE, false),
	{ 0 }
};

static const char *const fix_md_clear[] = { "md-clear", NULL };
static const char *const fix_mmio[] = { "md-clear", "fb-clear", NULL };
static const char *const fix_rfds[] = { "rfds-clear", NULL };
static const char *const immune_mds[] = { "mds-no", NULL };
static const char *const immune_taa[] = { "taa-no", NULL };
static const char *const immune_mmio[] = { "sbdr-ssdp-no", "fbsdp-no", "psdp-no", NULL };
static const char *const immune_rfds[] = { "rfds-no", NULL };

const struct vuln_info vuln_info[VULN_NR] = {
	[VULN_MDS] = {
		.key = "mds", .name = "MDS", .title = "Microarchitectural Data Sampling",
		.cves = "CVE-2018-12126, CVE-2018-12127, CVE-2018-12130, CVE-2019-11091",
		.sysfs = "mds", .cmdline = "mds", .kernel_since = "5.2",
		.texts = mds_texts, .guest_fix = fix_md_clear, .guest_immune = immune_mds,
	},
	[VULN_TAA] = {
		.key = "taa", .name = "TAA", .title = "TSX Asynchronous Abort",
		.cves = "CVE-2019-11135",
		.sysfs = "tsx_async_abort", .cmdline = "tsx_async_abort", .kernel_since = "5.4",
		.texts = taa_texts, .guest_fix = fix_md_clear, .guest_immune = immune_taa,
	},
	[VULN_MMIO] = {
		.key = "mmio", .name = "MMIO", .title = "MMIO Stale Data",
		.cves = "CVE-2022-21123, CVE-2022-21125, CVE-2022-21166",
		.sysfs = "mmio_stale_data", .cmdline = "mmio_stale_data", .kernel_since = "5.19",
		.texts = mmio_texts, .guest_fix = fix_mmio, .guest_immune = immune_mmio,
	},
	[VULN_RFDS] = {
		.key = "rfds", .name = "RFDS", .title = "Register File Data Sampling",
		.cves = "CVE-2023-28746",
		.sysfs = "reg_file_data_sampling", .cmdline = "reg_file_data_sampling",
		.kernel_since = "6.9",
		.texts = rfds_texts, .guest_fix = fix_rfds, .guest_immune = immune_rfds,
	},
};

int vuln_from_key(const char *key)
{
	for (int v = 0; key && v < VULN_NR; v++)
		if (!strcmp(vuln_info[v].key, key))
			return v;
	return -1;
}

int vuln_parse_mask(const char *list, unsigned int *mask, struct mds_err *err)
{
	const char *p = list;

	*mask = 0;
	if (!list || !*list)
		return mds_seterr(err, "empty vulnerability list (known: mds, taa, mmio, rfds)");
	while (*p) {
		size_t n = strcspn(p, ",");
		char word[16];
		int v;

		if (!n || n >= sizeof(word))
			return mds_seterr(err, "bad vulnerability list '%.40s' (known: mds, taa, mmio, rfds)",
				      list);
		memcpy(word, p, n);
		word[n] = '\0';
		v = vuln_from_key(word);
		if (v < 0)
			return mds_seterr(err, "unknown vulnerability '%s' (known: mds, taa, mmio, rfds)",
				      word);
		*mask |= 1u << v;
		p += n + (p[n] == ',');
		if (p[-1] == ',' && !*p)
			return mds_seterr(err, "bad vulnerability list '%.40s' (trailing comma)", list);
	}
	return 0;
}

/* ---- claims ---------------------------------------------------------- */

static const struct {
	const char *text;
	enum mds_ksmt smt;
} ksmts[] = {
	{ "vulnerable", MDS_KSMT_VULNERABLE },
	{ "disabled", MDS_KSMT_DISABLED },
	{ "mitigated", MDS_KSMT_MITIGATED },
	{ "Host state unknown", MDS_KSMT_HOST_STATE_UNKNOWN },
};

#define SMT_SEP "; SMT "

static size_t trimmed(const char *s, size_t len)
{
	while (len && (s[len - 1] == '\n' || s[len - 1] == ' '))
		len--;
	return len;
}

int parse_vuln_claim(enum vuln_id v, const char *text, struct mds_kclaim *out,
		     struct mds_err *err)
{
	const struct vuln_text *t;
	const char *sep, *suffix = NULL;
	size_t len;

	out->present = true;
	out->state = MDS_KSTATE_UNKNOWN;
	out->smt = MDS_KSMT_NONE;
	if ((unsigned int)v >= VULN_NR)
		return mds_seterr(err, "no such vulnerability");
	if (!text)
		return mds_seterr(err, "no text");
	len = trimmed(text, strlen(text));
	if (!len)
		return mds_seterr(err, "empty vulnerability text");
	sep = strstr(text, SMT_SEP);
	if (sep && sep < text + len) {
		suffix = sep + strlen(SMT_SEP);
		len = sep - text;
	}
	for (t = vuln_info[v].texts; t->text; t++)
		if (strlen(t->text) == len && !strncmp(text, t->text, len))
			break;
	if (!t->text)
		return mds_seterr(err, "unrecognised %s state '%.*s'", vuln_info[v].sysfs,
			      (int)(len > 80 ? 80 : len), text);
	if (suffix && !t->smt_suffix)
		return mds_seterr(err, "'%s' never carries an SMT suffix", t->text);
	if (suffix) {
		size_t slen = trimmed(suffix, strlen(suffix)), j;

		for (j = 0; j < sizeof(ksmts) / sizeof(ksmts[0]); j++)
			if (strlen(ksmts[j].text) == slen && !strncmp(suffix, ksmts[j].text, slen))
				break;
		if (j == sizeof(ksmts) / sizeof(ksmts[0]))
			return mds_seterr(err, "unrecognised SMT suffix '%.*s'",
				      (int)(slen > 40 ? 40 : slen), suffix);
		out->smt = ksmts[j].smt;
	}
	out->state = t->state;
	return 0;
}

/* ---- names (maps, not switches) ---------------------------------------- */

static const char *const kstate_names[MDS_KSTATE_NR] = {
	[MDS_KSTATE_UNKNOWN] = "unknown",
	[MDS_KSTATE_NOT_AFFECTED] = "not_affected",
	[MDS_KSTATE_VULNERABLE] = "vulnerable",
	[MDS_KSTATE_MITIGATION_VERW] = "mitigation_verw",
	[MDS_KSTATE_VULNERABLE_NO_UCODE] = "vulnerable_no_ucode",
	[MDS_KSTATE_TSX_DISABLED] = "tsx_disabled",
	[MDS_KSTATE_UNKNOWN_NO_MITIGATIONS] = "unknown_no_mitigations",
	[MDS_KSTATE_MITIGATION_CLEAR_REGFILE] = "mitigation_clear_register_file",
	[MDS_KSTATE_VULNERABLE_NO_MICROCODE] = "vulnerable_no_microcode",
};

static const char *const kstate_texts[MDS_KSTATE_NR] = {
	[MDS_KSTATE_UNKNOWN] = "unknown",
	[MDS_KSTATE_NOT_AFFECTED] = "Not affected",
	[MDS_KSTATE_VULNERABLE] = "Vulnerable",
	[MDS_KSTATE_MITIGATION_VERW] = "Mitigation: Clear CPU buffers",
	[MDS_KSTATE_VULNERABLE_NO_UCODE] = "Vulnerable: Clear CPU buffers attempted, no microcode",
	[MDS_KSTATE_TSX_DISABLED] = "Mitigation: TSX disabled",
	[MDS_KSTATE_UNKNOWN_NO_MITIGATIONS] = "Unknown: No mitigations",
	[MDS_KSTATE_MITIGATION_CLEAR_REGFILE] = "Mitigation: Clear Register File",
	[MDS_KSTATE_VULNERABLE_NO_MICROCODE] = "Vulnerable: No microcode",
};

static const char *const ksmt_names[] = {
	[MDS_KSMT_NONE] = "none",
	[MDS_KSMT_VULNERABLE] = "vulnerable",
	[MDS_KSMT_DISABLED] = "disabled",
	[MDS_KSMT_MITIGATED] = "mitigated",
	[MDS_KSMT_HOST_STATE_UNKNOWN] = "host_state_unknown",
};

#define NAMES(a) (sizeof(a) / sizeof((a)[0]))

const char *mds_kstate_name(enum mds_kstate st) { return mds_name_of(kstate_names, NAMES(kstate_names), st); }
const char *mds_kstate_text(enum mds_kstate st) { return mds_name_of(kstate_texts, NAMES(kstate_texts), st); }
const char *mds_ksmt_name(enum mds_ksmt smt) { return mds_name_of(ksmt_names, NAMES(ksmt_names), smt); }
int mds_kstate_from_name(const char *name) { return mds_name_index(kstate_names, NAMES(kstate_names), name); }
int mds_ksmt_from_name(const char *name) { return mds_name_index(ksmt_names, NAMES(ksmt_names), name); }
