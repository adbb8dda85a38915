// SPDX-License-Identifier: GPL-2.0
// Do not edit directly: generated from module/mdscope.yaml
// by userspace/gen/wire-gen.py (make regen).
/*
 * Request policies of the mdscope family, from the spec's request attributes
 * and checks:. Strict validation (resv_start_op 0) refuses every attribute a
 * policy does not name.
 */
#include <net/netlink.h>
#include <linux/mdscope.h>

#include "netlink-gen.h"

/* MDSCOPE_CMD_GET_CPU (do/dump) takes cpu. */
const struct nla_policy mdscope_get_cpu_nl_policy[MDSCOPE_A_CPU + 1] = {
	[MDSCOPE_A_CPU] = { .type = NLA_U32, },
};

/* MDSCOPE_CMD_REFRESH (do) takes no attributes. */
const struct nla_policy mdscope_refresh_nl_policy[MDSCOPE_A_PAD + 1] = {
};

/* MDSCOPE_CMD_GET_INFO (do) takes no attributes. */
const struct nla_policy mdscope_get_info_nl_policy[MDSCOPE_A_PAD + 1] = {
};
