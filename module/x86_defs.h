/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one vocabulary of x86 registers that mdscope uses: MSR numbers, the
 * IA32_ARCH_CAPABILITIES and IA32_TSX_CTRL bits, and the CPUID bits. Shared
 * by the module (module/), the fallback reader (userspace/collect/) and the
 * analyzer (userspace/analyze/); plain C with no kernel or libc types, so
 * both sides include it as it is. Names and bits: Intel SDM and Linux
 * arch/x86/include/asm/msr-index.h (facts in userspace/gen/data).
 */
#ifndef MDSCOPE_X86_DEFS_H
#define MDSCOPE_X86_DEFS_H

/* MSRs mdscope reads (the module's allow-list). */
#define MDSCOPE_MSR_PLATFORM_ID		0x17	/* bits 52:50: platform id */
#define MDSCOPE_MSR_UCODE_REV		0x8b	/* IA32_BIOS_SIGN_ID: revision in 63:32 (Intel) */
#define MDSCOPE_MSR_ARCH_CAP		0x10a	/* IA32_ARCH_CAPABILITIES */
#define MDSCOPE_MSR_TSX_CTRL		0x122	/* IA32_TSX_CTRL */

/* IA32_ARCH_CAPABILITIES bits. */
#define MDSCOPE_AC_RDCL_NO		(1ULL << 0)
#define MDSCOPE_AC_IBRS_ALL		(1ULL << 1)
#define MDSCOPE_AC_RSBA			(1ULL << 2)
#define MDSCOPE_AC_SKIP_L1DFL_VMENTRY	(1ULL << 3)
#define MDSCOPE_AC_SSB_NO		(1ULL << 4)
#define MDSCOPE_AC_MDS_NO		(1ULL << 5)
#define MDSCOPE_AC_PSCHANGE_MC_NO	(1ULL << 6)
#define MDSCOPE_AC_TSX_CTRL_MSR		(1ULL << 7)
#define MDSCOPE_AC_TAA_NO		(1ULL << 8)
#define MDSCOPE_AC_SBDR_SSDP_NO		(1ULL << 13)
#define MDSCOPE_AC_FBSDP_NO		(1ULL << 14)
#define MDSCOPE_AC_PSDP_NO		(1ULL << 15)
#define MDSCOPE_AC_FB_CLEAR		(1ULL << 17)
#define MDSCOPE_AC_FB_CLEAR_CTRL	(1ULL << 18)
#define MDSCOPE_AC_RRSBA		(1ULL << 19)
#define MDSCOPE_AC_BHI_NO		(1ULL << 20)
#define MDSCOPE_AC_PBRSB_NO		(1ULL << 24)
#define MDSCOPE_AC_GDS_CTRL		(1ULL << 25)
#define MDSCOPE_AC_GDS_NO		(1ULL << 26)
#define MDSCOPE_AC_RFDS_NO		(1ULL << 27)
#define MDSCOPE_AC_RFDS_CLEAR		(1ULL << 28)
#define MDSCOPE_AC_ITS_NO		(1ULL << 62)
/* All three MMIO "_NO" bits: immune to MMIO Stale Data. */
#define MDSCOPE_AC_MMIO_IMMUNE \
	(MDSCOPE_AC_SBDR_SSDP_NO | MDSCOPE_AC_FBSDP_NO | MDSCOPE_AC_PSDP_NO)

/* IA32_TSX_CTRL bits. */
#define MDSCOPE_TSX_CTRL_RTM_DISABLE	(1ULL << 0)
#define MDSCOPE_TSX_CTRL_CPUID_CLEAR	(1ULL << 1)

/* CPUID bits. */
#define MDSCOPE_L1ECX_HYPERVISOR	(1U << 31)	/* CPUID.1:ECX */
#define MDSCOPE_L7EBX_HLE		(1U << 4)	/* CPUID.7.0:EBX */
#define MDSCOPE_L7EBX_RTM		(1U << 11)
#define MDSCOPE_L7EDX_MD_CLEAR		(1U << 10)	/* CPUID.7.0:EDX */
#define MDSCOPE_L7EDX_HYBRID		(1U << 15)
#define MDSCOPE_L7EDX_FLUSH_L1D		(1U << 28)
#define MDSCOPE_L7EDX_ARCH_CAP		(1U << 29)
/* CPUID.1A:EAX[31:24], the core type of a hybrid part. */
#define MDSCOPE_CORE_TYPE_SHIFT		24
#define MDSCOPE_CORE_TYPE_ATOM		0x20		/* E-core */
#define MDSCOPE_CORE_TYPE_CORE		0x40		/* P-core */

#endif
