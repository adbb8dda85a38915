/* SPDX-License-Identifier: GPL-2.0 */
/* Internal to nl.c: parsing one netlink message of the mdscope family. */
#ifndef MDSCOPE_NL_PARSE_H
#define MDSCOPE_NL_PARSE_H

#include <linux/netlink.h>

#include "nl.h"

/* What was wrong, for mds_nl_error(); set where -EINVAL is returned. */
extern char mds_nl_errmsg[256];

/* 0 or -EINVAL (mds_nl_errmsg says which attribute and why). */
int mds_nl_parse_cpu(const struct nlmsghdr *nlh, struct mds_cpu *rec);
int mds_nl_parse_info(const struct nlmsghdr *nlh, struct mds_info *info);
int mds_nl_parse_event(const struct nlmsghdr *nlh, struct mds_event *ev);

/* The extack text of an NLMSG_ERROR message into buf, "" when none. */
void mds_nl_extack_text(const struct nlmsghdr *nlh, char *buf, size_t len);

#endif
