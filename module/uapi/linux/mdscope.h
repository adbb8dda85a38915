/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* Do not edit directly: generated from module/mdscope.yaml
 * by userspace/gen/wire-gen.py (make regen). */
/*
 * The mdscope generic netlink family, version 1. Raw per-CPU facts for MDS
 * and TAA analysis: CPUID signature and leaves, IA32_ARCH_CAPABILITIES,
 * microcode revision, platform id, TSX_CTRL and topology, read on each CPU
 * at load, on hotplug and on refresh. Reading the cached records needs no
 * privilege and never touches hardware. Served in the initial network
 * namespace only. Generated from this spec (make regen,
 * userspace/gen/wire-gen.py): uapi/linux/mdscope.h, the kernel's request
 * policies (netlink-gen.c) and the command's reply policies
 * (userspace/collect/nl_policy_gen.c).
 */
#ifndef _UAPI_LINUX_MDSCOPE_H
#define _UAPI_LINUX_MDSCOPE_H

#define MDSCOPE_FAMILY_NAME	"mdscope"
#define MDSCOPE_FAMILY_VERSION	1
#define MDSCOPE_MCGRP_EVENTS	"events"

/**
 * enum mdscope_reg_state - State of one register read.
 * @MDSCOPE_REG_STATE_OK: reg-value holds the value.
 * @MDSCOPE_REG_STATE_NOT_ENUMERATED: CPUID says the register does not exist.
 * @MDSCOPE_REG_STATE_FAULT: The read failed; reg-errno holds the positive
 *	errno.
 * @MDSCOPE_REG_STATE_NOT_APPLICABLE: The register is not defined for this
 *	vendor.
 */
enum mdscope_reg_state {
	MDSCOPE_REG_STATE_OK = 1,
	MDSCOPE_REG_STATE_NOT_ENUMERATED,
	MDSCOPE_REG_STATE_FAULT,
	MDSCOPE_REG_STATE_NOT_APPLICABLE,
};

/**
 * enum mdscope_event - Why a new generation was announced.
 * @MDSCOPE_EVENT_ONLINE: The CPU in the cpu attribute came online and was
 *	read.
 * @MDSCOPE_EVENT_OFFLINE: The CPU in the cpu attribute went offline.
 * @MDSCOPE_EVENT_REFRESH: Every online CPU was read again.
 */
enum mdscope_event {
	MDSCOPE_EVENT_ONLINE = 1,
	MDSCOPE_EVENT_OFFLINE,
	MDSCOPE_EVENT_REFRESH,
};

/*
 * Attribute set reg: One register read.
 * @MDSCOPE_REG_STATE: (u32, enum mdscope_reg_state)
 * @MDSCOPE_REG_VALUE: (u64) Present when state is ok.
 * @MDSCOPE_REG_ERRNO: (u32) Positive errno, present when state is fault.
 * @MDSCOPE_REG_PAD: (pad)
 */
enum {
	MDSCOPE_REG_STATE = 1,
	MDSCOPE_REG_VALUE,
	MDSCOPE_REG_ERRNO,
	MDSCOPE_REG_PAD,

	__MDSCOPE_REG_MAX,
	MDSCOPE_REG_MAX = __MDSCOPE_REG_MAX - 1
};

/*
 * Attribute set mdscope: One message describes one CPU, or the module.
 * @MDSCOPE_A_PAD: (pad)
 * @MDSCOPE_A_CPU: (u32) Logical CPU number (request and reply).
 * @MDSCOPE_A_ONLINE: (u32) 1 online, 0 offline.
 * @MDSCOPE_A_VENDOR: (string) CPUID.0 vendor string, e.g. GenuineIntel.
 * @MDSCOPE_A_MAX_LEAF: (u32) CPUID.0:EAX.
 * @MDSCOPE_A_SIGNATURE: (u32) CPUID.1:EAX.
 * @MDSCOPE_A_LEAF1_ECX: (u32) CPUID.1:ECX (bit 31 hypervisor).
 * @MDSCOPE_A_LEAF1_EDX: (u32) CPUID.1:EDX.
 * @MDSCOPE_A_LEAF7_EBX: (u32) CPUID.(7,0):EBX (HLE bit 4, RTM bit 11).
 * @MDSCOPE_A_LEAF7_ECX: (u32) CPUID.(7,0):ECX.
 * @MDSCOPE_A_LEAF7_EDX: (u32) CPUID.(7,0):EDX (MD_CLEAR bit 10,
 *	ARCH_CAPABILITIES bit 29).
 * @MDSCOPE_A_LEAF1A_EAX: (u32) CPUID.1A:EAX (hybrid core type), 0 when absent.
 * @MDSCOPE_A_PACKAGE: (u32)
 * @MDSCOPE_A_DIE: (u32)
 * @MDSCOPE_A_CORE: (u32)
 * @MDSCOPE_A_THREAD: (u32) Index among the core's SMT siblings.
 * @MDSCOPE_A_APIC_ID: (u32) x2APIC id (CPUID.B:EDX), else the initial APIC id.
 * @MDSCOPE_A_MICROCODE: (nest of MDSCOPE_REG_*) Revision from MSR 0x8B (Intel
 *	write-0/CPUID/read; AMD low 32 bits).
 * @MDSCOPE_A_MICROCODE_CACHED: (u32) The kernel's cached revision (what
 *	/proc/cpuinfo shows).
 * @MDSCOPE_A_PLATFORM_ID: (nest of MDSCOPE_REG_*) MSR 0x17 bits 52:50 (Intel).
 * @MDSCOPE_A_ARCH_CAP: (nest of MDSCOPE_REG_*) MSR 0x10a, read only when
 *	CPUID.7.0:EDX[29] enumerates it.
 * @MDSCOPE_A_TSX_CTRL: (nest of MDSCOPE_REG_*) MSR 0x122, read only when
 *	ARCH_CAPABILITIES bit 7 is set.
 * @MDSCOPE_A_GENERATION: (u32) Generation of this read (records) or the
 *	current one (info).
 * @MDSCOPE_A_READ_TIME: (u64) CLOCK_REALTIME nanoseconds of this read, or of
 *	the last read.
 * @MDSCOPE_A_VERSION: (string) Module version.
 * @MDSCOPE_A_CPUS_POSSIBLE: (u32)
 * @MDSCOPE_A_CPUS_ONLINE: (u32)
 * @MDSCOPE_A_EVENT: (u32, enum mdscope_event)
 */
enum {
	MDSCOPE_A_PAD = 1,
	MDSCOPE_A_CPU,
	MDSCOPE_A_ONLINE,
	MDSCOPE_A_VENDOR,
	MDSCOPE_A_MAX_LEAF,
	MDSCOPE_A_SIGNATURE,
	MDSCOPE_A_LEAF1_ECX,
	MDSCOPE_A_LEAF1_EDX,
	MDSCOPE_A_LEAF7_EBX,
	MDSCOPE_A_LEAF7_ECX,
	MDSCOPE_A_LEAF7_EDX,
	MDSCOPE_A_LEAF1A_EAX,
	MDSCOPE_A_PACKAGE,
	MDSCOPE_A_DIE,
	MDSCOPE_A_CORE,
	MDSCOPE_A_THREAD,
	MDSCOPE_A_APIC_ID,
	MDSCOPE_A_MICROCODE,
	MDSCOPE_A_MICROCODE_CACHED,
	MDSCOPE_A_PLATFORM_ID,
	MDSCOPE_A_ARCH_CAP,
	MDSCOPE_A_TSX_CTRL,
	MDSCOPE_A_GENERATION,
	MDSCOPE_A_READ_TIME,
	MDSCOPE_A_VERSION,
	MDSCOPE_A_CPUS_POSSIBLE,
	MDSCOPE_A_CPUS_ONLINE,
	MDSCOPE_A_EVENT,

	__MDSCOPE_A_MAX,
	MDSCOPE_A_MAX = __MDSCOPE_A_MAX - 1
};

/*
 * Commands; replies reuse the request's command.
 * @MDSCOPE_CMD_GET_CPU: do/dump: One CPU (do, cpu required; -ENODEV if not
 *	possible) or every possible CPU (dump).
 * @MDSCOPE_CMD_REFRESH: do: Read every online CPU again (IPIs on every CPU);
 *	replies as get-info. Needs CAP_SYS_ADMIN, checked by the handler so that
 *	the refusal (-EPERM) carries an extack message.
 * @MDSCOPE_CMD_GET_INFO: do: Module version, generation, CPU counts, time of
 *	the last read.
 * @MDSCOPE_CMD_GENERATION_NTF: event on multicast group events: A new
 *	generation after hotplug or refresh.
 */
enum {
	MDSCOPE_CMD_GET_CPU = 1,
	MDSCOPE_CMD_REFRESH,
	MDSCOPE_CMD_GET_INFO,
	MDSCOPE_CMD_GENERATION_NTF,

	__MDSCOPE_CMD_MAX,
	MDSCOPE_CMD_MAX = __MDSCOPE_CMD_MAX - 1
};

#endif /* _UAPI_LINUX_MDSCOPE_H */
