/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit directly: generated from module/mdscope.yaml
 * by userspace/gen/wire-gen.py (make regen). */
/*
 * Request policies of the family, one per operation (do and dump share one
 * on 6.1, which has no split ops). The genl_ops table that uses them is
 * hand-written in netlink.c.
 */
#ifndef MDSCOPE_NETLINK_GEN_H
#define MDSCOPE_NETLINK_GEN_H

#include <net/netlink.h>
#include <linux/mdscope.h>

extern const struct nla_policy mdscope_get_cpu_nl_policy[MDSCOPE_A_CPU + 1];
extern const struct nla_policy mdscope_refresh_nl_policy[MDSCOPE_A_PAD + 1];
extern const struct nla_policy mdscope_get_info_nl_policy[MDSCOPE_A_PAD + 1];

#endif /* MDSCOPE_NETLINK_GEN_H */
