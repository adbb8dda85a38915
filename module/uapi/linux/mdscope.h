/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * mdscope generic netlink interface, version 1.
 * Described by module/mdscope.yaml; this header is the one source of truth
 * shared by the kernel module and the mdscope command.
 */
#ifndef _UAPI_LINUX_MDSCOPE_H
#define _UAPI_LINUX_MDSCOPE_H

#define MDSCOPE_FAMILY_NAME	"mdscope"
#define MDSCOPE_FAMILY_VERSION	1
#define MDSCOPE_MCGRP_EVENTS	"events"

/* State of one register read (MDSCOPE_REG_STATE). */
enum mdscope_reg_state {
	MDSCOPE_REG_STATE_OK = 1,		/* MDSCOPE_REG_VALUE holds it */
	MDSCOPE_REG_STATE_NOT_ENUMERATED,	/* CPUID says it does not exist */
	MDSCOPE_REG_STATE_FAULT,		/* the read failed: MDSCOPE_REG_ERRNO */
	MDSCOPE_REG_STATE_NOT_APPLICABLE,	/* not defined for this vendor */
};

/* Why a new generation was announced (MDSCOPE_A_EVENT). */
enum mdscope_event {
	MDSCOPE_EVENT_ONLINE = 1,	/* MDSCOPE_A_CPU came online, re-read */
	MDSCOPE_EVENT_OFFLINE,		/* MDSCOPE_A_CPU went offline */
	MDSCOPE_EVENT_REFRESH,		/* every online CPU re-read */
};

/* Attributes of one register read, nested in MDSCOPE_A_MICROCODE etc. */
enum {
	MDSCOPE_REG_STATE = 1,	/* u32, enum mdscope_reg_state */
	MDSCOPE_REG_VALUE,	/* u64, present when state is OK */
	MDSCOPE_REG_ERRNO,	/* u32, positive errno, present on FAULT */
	MDSCOPE_REG_PAD,

	__MDSCOPE_REG_MAX,
	MDSCOPE_REG_MAX = __MDSCOPE_REG_MAX - 1
};

/* Top-level attributes: one message describes one CPU, or the module. */
enum {
	MDSCOPE_A_PAD = 1,
	MDSCOPE_A_CPU,		/* u32, logical CPU number (request and reply) */
	MDSCOPE_A_ONLINE,	/* u32, 1 online, 0 offline */
	MDSCOPE_A_VENDOR,	/* string, CPUID.0 vendor, e.g. "GenuineIntel" */
	MDSCOPE_A_MAX_LEAF,	/* u32, CPUID.0:EAX */
	MDSCOPE_A_SIGNATURE,	/* u32, CPUID.1:EAX */
	MDSCOPE_A_LEAF1_ECX,	/* u32, CPUID.1:ECX (bit 31: hypervisor) */
	MDSCOPE_A_LEAF1_EDX,	/* u32, CPUID.1:EDX */
	MDSCOPE_A_LEAF7_EBX,	/* u32, CPUID.(7,0):EBX (RTM bit 11, HLE bit 4) */
	MDSCOPE_A_LEAF7_ECX,	/* u32, CPUID.(7,0):ECX */
	MDSCOPE_A_LEAF7_EDX,	/* u32, CPUID.(7,0):EDX (MD_CLEAR 10, ARCH_CAP 29) */
	MDSCOPE_A_LEAF1A_EAX,	/* u32, CPUID.1A:EAX (hybrid core type), 0 if absent */
	MDSCOPE_A_PACKAGE,	/* u32, topology_physical_package_id() */
	MDSCOPE_A_DIE,		/* u32, topology_die_id() */
	MDSCOPE_A_CORE,		/* u32, topology_core_id() */
	MDSCOPE_A_THREAD,	/* u32, index among the core's SMT siblings */
	MDSCOPE_A_APIC_ID,	/* u32, initial APIC id */
	MDSCOPE_A_MICROCODE,	/* nest, MDSCOPE_REG_*: revision read from MSR 0x8B */
	MDSCOPE_A_MICROCODE_CACHED, /* u32, the kernel's cpu_data(cpu).microcode */
	MDSCOPE_A_PLATFORM_ID,	/* nest, MDSCOPE_REG_*: MSR 0x17 bits 52:50 (Intel) */
	MDSCOPE_A_ARCH_CAP,	/* nest, MDSCOPE_REG_*: MSR 0x10a */
	MDSCOPE_A_TSX_CTRL,	/* nest, MDSCOPE_REG_*: MSR 0x122 */
	MDSCOPE_A_GENERATION,	/* u32, generation of this read / current generation */
	MDSCOPE_A_READ_TIME,	/* u64, CLOCK_REALTIME ns of this read / last read */
	MDSCOPE_A_VERSION,	/* string, module version */
	MDSCOPE_A_CPUS_POSSIBLE, /* u32 */
	MDSCOPE_A_CPUS_ONLINE,	/* u32 */
	MDSCOPE_A_EVENT,	/* u32, enum mdscope_event */

	__MDSCOPE_A_MAX,
	MDSCOPE_A_MAX = __MDSCOPE_A_MAX - 1
};

enum {
	MDSCOPE_CMD_GET_CPU = 1, /* do: MDSCOPE_A_CPU required; dump: every possible CPU */
	MDSCOPE_CMD_REFRESH,	 /* re-read every online CPU; CAP_SYS_ADMIN; replies as GET_INFO */
	MDSCOPE_CMD_GET_INFO,	 /* module version, generation, CPU counts, last read */
	MDSCOPE_CMD_GENERATION_NTF, /* multicast "events": a new generation */

	__MDSCOPE_CMD_MAX,
	MDSCOPE_CMD_MAX = __MDSCOPE_CMD_MAX - 1
};

#endif /* _UAPI_LINUX_MDSCOPE_H */
