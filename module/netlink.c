// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "mdscope": a per-CPU dump and do, refresh,
 * info, and a multicast group announcing new generations. Reading the
 * records needs no privilege and never touches hardware; refresh costs
 * IPIs on every CPU and needs CAP_SYS_ADMIN. The request policies are
 * generated from mdscope.yaml (netlink-gen.c); the ops table is written
 * here, since 6.1 has no split ops.
 */
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <net/genetlink.h>
#include <linux/mdscope.h>

#include "compat.h"
#include "cpu.h"
#include "netlink.h"
#include "netlink-gen.h"
#include "version.h"

static struct genl_family mdscope_family;
static bool registered;

static int put_reg(struct sk_buff *skb, int type, const struct mdscope_reg *reg)
{
	struct nlattr *nest;

	if (!reg->state)
		return 0;	/* never read: absent */
	nest = nla_nest_start(skb, type);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, MDSCOPE_REG_STATE, reg->state) ||
	    (reg->state == MDSCOPE_REG_STATE_OK &&
	     nla_put_u64_64bit(skb, MDSCOPE_REG_VALUE, reg->value, MDSCOPE_REG_PAD)) ||
	    (reg->state == MDSCOPE_REG_STATE_FAULT &&
	     nla_put_u32(skb, MDSCOPE_REG_ERRNO, reg->err))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/**
 * mdscope_nl_put_record() - the attributes of one CPU record
 * @skb: message being built
 * @cpu: logical CPU number
 * @rec: its record; only CPU and ONLINE when it was never read
 *
 * Return: 0, or -EMSGSIZE when @skb is full.
 */
int mdscope_nl_put_record(struct sk_buff *skb, unsigned int cpu,
			  const struct mdscope_record *rec)
{
	const struct mdscope_regs *r = &rec->regs;
	const struct { int type; u32 val; } u32s[] = {
		{ MDSCOPE_A_MAX_LEAF, r->id.max_leaf },
		{ MDSCOPE_A_SIGNATURE, r->id.sig },
		{ MDSCOPE_A_LEAF1_ECX, r->id.l1_ecx },
		{ MDSCOPE_A_LEAF1_EDX, r->id.l1_edx },
		{ MDSCOPE_A_LEAF7_EBX, r->id.l7_ebx },
		{ MDSCOPE_A_LEAF7_ECX, r->id.l7_ecx },
		{ MDSCOPE_A_LEAF7_EDX, r->id.l7_edx },
		{ MDSCOPE_A_LEAF1A_EAX, r->id.l1a_eax },
		{ MDSCOPE_A_PACKAGE, rec->package },
		{ MDSCOPE_A_DIE, rec->die },
		{ MDSCOPE_A_CORE, rec->core },
		{ MDSCOPE_A_THREAD, rec->thread },
		{ MDSCOPE_A_APIC_ID, r->id.apic_id },
		{ MDSCOPE_A_MICROCODE_CACHED, r->microcode_cached },
		{ MDSCOPE_A_GENERATION, rec->generation },
	};
	const struct { int type; const struct mdscope_reg *reg; } regs[] = {
		{ MDSCOPE_A_MICROCODE, &r->microcode },
		{ MDSCOPE_A_PLATFORM_ID, &r->platform_id },
		{ MDSCOPE_A_ARCH_CAP, &r->arch_cap },
		{ MDSCOPE_A_TSX_CTRL, &r->tsx_ctrl },
	};
	size_t i;

	if (nla_put_u32(skb, MDSCOPE_A_CPU, cpu) ||
	    nla_put_u32(skb, MDSCOPE_A_ONLINE, rec->online))
		return -EMSGSIZE;
	if (!rec->read)
		return 0;
	if (nla_put_string(skb, MDSCOPE_A_VENDOR, r->id.vendor) ||
	    nla_put_u64_64bit(skb, MDSCOPE_A_READ_TIME, rec->read_time, MDSCOPE_A_PAD))
		return -EMSGSIZE;
	for (i = 0; i < ARRAY_SIZE(u32s); i++)
		if (nla_put_u32(skb, u32s[i].type, u32s[i].val))
			return -EMSGSIZE;
	for (i = 0; i < ARRAY_SIZE(regs); i++)
		if (put_reg(skb, regs[i].type, regs[i].reg))
			return -EMSGSIZE;
	return 0;
}

/**
 * mdscope_nl_put_state() - the attributes of a GET_INFO or REFRESH reply
 * @skb: message being built
 * @st: the store's state
 *
 * Return: 0, or -EMSGSIZE when @skb is full.
 */
int mdscope_nl_put_state(struct sk_buff *skb, const struct mdscope_state *st)
{
	if (nla_put_string(skb, MDSCOPE_A_VERSION, MDSCOPE_VERSION) ||
	    nla_put_u32(skb, MDSCOPE_A_GENERATION, st->generation) ||
	    nla_put_u32(skb, MDSCOPE_A_CPUS_POSSIBLE, st->cpus_possible) ||
	    nla_put_u32(skb, MDSCOPE_A_CPUS_ONLINE, st->cpus_online) ||
	    nla_put_u64_64bit(skb, MDSCOPE_A_READ_TIME, st->read_time, MDSCOPE_A_PAD))
		return -EMSGSIZE;
	return 0;
}

/* Reply to @info with the record of @cpu, or with the module's state when
 * @rec is NULL. */
static int reply(struct genl_info *info, unsigned int cpu,
		 const struct mdscope_record *rec)
{
	struct mdscope_state st;
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &mdscope_family, 0, info->genlhdr->cmd);
	if (!hdr)
		goto err_size;
	if (rec) {
		err = mdscope_nl_put_record(msg, cpu, rec);
	} else {
		mdscope_cpu_state(&st);
		err = mdscope_nl_put_state(msg, &st);
	}
	if (err)
		goto err_size;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_size:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int get_cpu_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct mdscope_record *rec;
	unsigned int cpu;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, MDSCOPE_A_CPU)) {
		NL_SET_ERR_MSG_MOD(info->extack, "missing CPU attribute: which CPU to get");
		return -EINVAL;
	}
	cpu = nla_get_u32(info->attrs[MDSCOPE_A_CPU]);
	rec = kmalloc(sizeof(*rec), GFP_KERNEL);
	if (!rec)
		return -ENOMEM;
	err = mdscope_cpu_get(cpu, rec, NULL);
	if (err) {
		NL_SET_ERR_MSG_MOD(info->extack, "no such CPU: not a possible CPU on this system");
		NL_SET_BAD_ATTR(info->extack, info->attrs[MDSCOPE_A_CPU]);
		goto out;
	}
	err = reply(info, cpu, rec);
out:
	kfree(rec);
	return err;
}

/* cb->args[0]: the next CPU to send; cb->args[1]: the record buffer. */
static int get_cpu_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct mdscope_record *rec = (struct mdscope_record *)cb->args[1];
	unsigned int cpu;
	u32 gen;
	void *hdr;

	if (!rec) {
		rec = kmalloc(sizeof(*rec), GFP_KERNEL);
		if (!rec)
			return -ENOMEM;
		cb->args[1] = (long)rec;
	}

	for (cpu = cb->args[0]; cpu < nr_cpu_ids; cpu++) {
		if (!cpu_possible(cpu))
			continue;
		if (mdscope_cpu_get(cpu, rec, &gen))
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &mdscope_family, NLM_F_MULTI, MDSCOPE_CMD_GET_CPU);
		if (!hdr)
			break;
		/* The generation taken with this copy: any change between two
		 * records of one dump sets NLM_F_DUMP_INTR. */
		cb->seq = gen;
		genl_dump_check_consistent(cb, hdr);
		if (mdscope_nl_put_record(skb, cpu, rec)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	cb->args[0] = cpu;
	return skb->len;
}

static int get_cpu_done(struct netlink_callback *cb)
{
	kfree((void *)cb->args[1]);
	return 0;
}

static int get_info_doit(struct sk_buff *skb, struct genl_info *info)
{
	return reply(info, 0, NULL);
}

/*
 * CAP_SYS_ADMIN, checked here rather than by GENL_ADMIN_PERM: that flag
 * tests CAP_NET_ADMIN and refuses without an extack message.
 */
static int refresh_doit(struct sk_buff *skb, struct genl_info *info)
{
	int err;

	if (!netlink_capable(skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "refresh re-reads every CPU and needs CAP_SYS_ADMIN");
		return -EPERM;
	}
	err = mdscope_cpu_refresh();
	if (err) {
		NL_SET_ERR_MSG_MOD(info->extack, "refresh failed: a CPU could not be read");
		return err;
	}
	return reply(info, 0, NULL);
}

/**
 * mdscope_nl_notify() - announce a new generation to the "events" group
 * @event: enum mdscope_event
 * @cpu: the CPU that came or went (not sent for a refresh)
 * @generation: the new generation
 *
 * The record store's callback (wired by main.c). Dropped silently when the
 * family is not registered, nobody listens or memory is short: listeners
 * re-read on the next generation anyway.
 */
void mdscope_nl_notify(u32 event, unsigned int cpu, u32 generation)
{
	struct mdscope_state st;
	struct sk_buff *msg;
	void *hdr;

	if (!READ_ONCE(registered) || !genl_has_listeners(&mdscope_family, &init_net, 0))
		return;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &mdscope_family, 0, MDSCOPE_CMD_GENERATION_NTF);
	mdscope_cpu_state(&st);
	if (!hdr || nla_put_u32(msg, MDSCOPE_A_GENERATION, generation) ||
	    nla_put_u32(msg, MDSCOPE_A_EVENT, event) ||
	    (event != MDSCOPE_EVENT_REFRESH && nla_put_u32(msg, MDSCOPE_A_CPU, cpu)) ||
	    nla_put_u64_64bit(msg, MDSCOPE_A_READ_TIME, st.read_time, MDSCOPE_A_PAD)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast(&mdscope_family, msg, 0, 0, GFP_KERNEL);
}

static const struct genl_ops mdscope_ops[] = {
	{
		.cmd = MDSCOPE_CMD_GET_CPU,
		.doit = get_cpu_doit,
		.dumpit = get_cpu_dumpit,
		.done = get_cpu_done,
		.policy = mdscope_get_cpu_nl_policy,
		.maxattr = ARRAY_SIZE(mdscope_get_cpu_nl_policy) - 1,
	},
	{
		.cmd = MDSCOPE_CMD_REFRESH,
		.doit = refresh_doit,
		.policy = mdscope_refresh_nl_policy,
		.maxattr = ARRAY_SIZE(mdscope_refresh_nl_policy) - 1,
	},
	{
		.cmd = MDSCOPE_CMD_GET_INFO,
		.doit = get_info_doit,
		.policy = mdscope_get_info_nl_policy,
		.maxattr = ARRAY_SIZE(mdscope_get_info_nl_policy) - 1,
	},
};

static const struct genl_multicast_group mdscope_mcgrps[] = {
	{ .name = MDSCOPE_MCGRP_EVENTS },
};

static struct genl_family mdscope_family __ro_after_init = {
	.name = MDSCOPE_FAMILY_NAME,
	.version = MDSCOPE_FAMILY_VERSION,
	.netnsok = false,	/* host MSR facts: initial namespace only */
	.parallel_ops = true,	/* records have their own lock */
	.module = THIS_MODULE,
	.ops = mdscope_ops,
	.n_ops = ARRAY_SIZE(mdscope_ops),
	.mcgrps = mdscope_mcgrps,
	.n_mcgrps = ARRAY_SIZE(mdscope_mcgrps),
	/* .resv_start_op stays 0: strict validation for every command. */
};

/**
 * mdscope_nl_init() - register the family
 *
 * Return: 0 or -errno from genl_register_family().
 */
int mdscope_nl_init(void)
{
	int err = genl_register_family(&mdscope_family);

	if (!err)
		WRITE_ONCE(registered, true);
	return err;
}

void mdscope_nl_exit(void)
{
	/* Hotplug callbacks notify under the hotplug lock: none is left
	 * half-way once we held it. Refresh is a doit, which unregistering
	 * waits for. */
	cpus_read_lock();
	WRITE_ONCE(registered, false);
	cpus_read_unlock();
	genl_unregister_family(&mdscope_family);
}
