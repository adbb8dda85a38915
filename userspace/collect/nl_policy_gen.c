// SPDX-License-Identifier: GPL-2.0
// Do not edit directly: generated from module/mdscope.yaml
// by userspace/gen/wire-gen.py (make regen).
/*
 * Reply policies and attribute names of the mdscope family (libnl), from the
 * spec's attribute sets and checks:.
 */
#include "nl_policy_gen.h"

/* reg: One register read. */
const struct nla_policy mds_nl_reg_policy[MDSCOPE_REG_MAX + 1] = {
	[MDSCOPE_REG_STATE] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_REG_VALUE] = { .type = NLA_U64, .maxlen = 8 },
	[MDSCOPE_REG_ERRNO] = { .type = NLA_U32, .maxlen = 4 },
};

const char *const mds_nl_reg_names[MDSCOPE_REG_MAX + 1] = {
	[MDSCOPE_REG_STATE] = "STATE",
	[MDSCOPE_REG_VALUE] = "VALUE",
	[MDSCOPE_REG_ERRNO] = "ERRNO",
	[MDSCOPE_REG_PAD] = "PAD",
};

/* mdscope: One message describes one CPU, or the module. */
const struct nla_policy mds_nl_mdscope_policy[MDSCOPE_A_MAX + 1] = {
	[MDSCOPE_A_CPU] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_ONLINE] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_VENDOR] = { .type = NLA_STRING, .maxlen = 13 },
	[MDSCOPE_A_MAX_LEAF] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_SIGNATURE] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_LEAF1_ECX] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_LEAF1_EDX] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_LEAF7_EBX] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_LEAF7_ECX] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_LEAF7_EDX] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_LEAF1A_EAX] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_PACKAGE] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_DIE] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_CORE] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_THREAD] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_APIC_ID] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_MICROCODE] = { .type = NLA_NESTED },
	[MDSCOPE_A_MICROCODE_CACHED] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_PLATFORM_ID] = { .type = NLA_NESTED },
	[MDSCOPE_A_ARCH_CAP] = { .type = NLA_NESTED },
	[MDSCOPE_A_TSX_CTRL] = { .type = NLA_NESTED },
	[MDSCOPE_A_GENERATION] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_READ_TIME] = { .type = NLA_U64, .maxlen = 8 },
	[MDSCOPE_A_VERSION] = { .type = NLA_STRING, .maxlen = 64 },
	[MDSCOPE_A_CPUS_POSSIBLE] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_CPUS_ONLINE] = { .type = NLA_U32, .maxlen = 4 },
	[MDSCOPE_A_EVENT] = { .type = NLA_U32, .maxlen = 4 },
};

const char *const mds_nl_mdscope_names[MDSCOPE_A_MAX + 1] = {
	[MDSCOPE_A_PAD] = "PAD",
	[MDSCOPE_A_CPU] = "CPU",
	[MDSCOPE_A_ONLINE] = "ONLINE",
	[MDSCOPE_A_VENDOR] = "VENDOR",
	[MDSCOPE_A_MAX_LEAF] = "MAX_LEAF",
	[MDSCOPE_A_SIGNATURE] = "SIGNATURE",
	[MDSCOPE_A_LEAF1_ECX] = "LEAF1_ECX",
	[MDSCOPE_A_LEAF1_EDX] = "LEAF1_EDX",
	[MDSCOPE_A_LEAF7_EBX] = "LEAF7_EBX",
	[MDSCOPE_A_LEAF7_ECX] = "LEAF7_ECX",
	[MDSCOPE_A_LEAF7_EDX] = "LEAF7_EDX",
	[MDSCOPE_A_LEAF1A_EAX] = "LEAF1A_EAX",
	[MDSCOPE_A_PACKAGE] = "PACKAGE",
	[MDSCOPE_A_DIE] = "DIE",
	[MDSCOPE_A_CORE] = "CORE",
	[MDSCOPE_A_THREAD] = "THREAD",
	[MDSCOPE_A_APIC_ID] = "APIC_ID",
	[MDSCOPE_A_MICROCODE] = "MICROCODE",
	[MDSCOPE_A_MICROCODE_CACHED] = "MICROCODE_CACHED",
	[MDSCOPE_A_PLATFORM_ID] = "PLATFORM_ID",
	[MDSCOPE_A_ARCH_CAP] = "ARCH_CAP",
	[MDSCOPE_A_TSX_CTRL] = "TSX_CTRL",
	[MDSCOPE_A_GENERATION] = "GENERATION",
	[MDSCOPE_A_READ_TIME] = "READ_TIME",
	[MDSCOPE_A_VERSION] = "VERSION",
	[MDSCOPE_A_CPUS_POSSIBLE] = "CPUS_POSSIBLE",
	[MDSCOPE_A_CPUS_ONLINE] = "CPUS_ONLINE",
	[MDSCOPE_A_EVENT] = "EVENT",
};
