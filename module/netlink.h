/* SPDX-License-Identifier: GPL-2.0 */
/* The generic netlink family (netlink.c): register, notify, message bodies. */
#ifndef MDSCOPE_NETLINK_H
#define MDSCOPE_NETLINK_H

#include <linux/types.h>

struct sk_buff;
struct mdscope_record;
struct mdscope_state;

int mdscope_nl_init(void);
void mdscope_nl_exit(void);
void mdscope_nl_notify(u32 event, unsigned int cpu, u32 generation);

/* Message bodies, shared by do, dump and notify (and KUnit). */
int mdscope_nl_put_record(struct sk_buff *skb, unsigned int cpu,
			  const struct mdscope_record *rec);
int mdscope_nl_put_state(struct sk_buff *skb, const struct mdscope_state *st);

#endif
