/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit directly: generated from module/mdscope.yaml
 * by userspace/gen/wire-gen.py (make regen). */
/*
 * Reply policies and attribute names of the mdscope family for libnl, one
 * pair per attribute set, indexed by attribute type. Pad attributes have no
 * policy (ignored) but a name.
 */
#ifndef MDSCOPE_NL_POLICY_GEN_H
#define MDSCOPE_NL_POLICY_GEN_H

#include <netlink/attr.h>
#include <linux/mdscope.h>

/* reg: One register read. */
extern const struct nla_policy mds_nl_reg_policy[MDSCOPE_REG_MAX + 1];
extern const char *const mds_nl_reg_names[MDSCOPE_REG_MAX + 1];
/* mdscope: One message describes one CPU, or the module. */
extern const struct nla_policy mds_nl_mdscope_policy[MDSCOPE_A_MAX + 1];
extern const char *const mds_nl_mdscope_names[MDSCOPE_A_MAX + 1];

#endif /* MDSCOPE_NL_POLICY_GEN_H */
