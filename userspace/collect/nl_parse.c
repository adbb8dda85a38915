// SPDX-License-Identifier: GPL-2.0
/*
 * Replies of the "mdscope" family into plain records: every message is
 * checked against a policy first (nl_policy_gen.c, generated from
 * module/mdscope.yaml), a refused attribute is named in the
 * error, attributes newer than this header are ignored. Pure functions
 * over one message, so tests feed them messages built in memory.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <linux/netlink.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>

#include "nl_parse.h"
#include "nl_policy_gen.h"

char mds_nl_errmsg[256];

/* ---- what goes where (policies and names: nl_policy_gen.c) ---------- */

/* u32 attributes copied as they are into struct mds_cpu. */
static const struct {
	int attr;
	size_t off;
} cpu_u32[] = {
	{ MDSCOPE_A_MAX_LEAF, offsetof(struct mds_cpu, max_leaf) },
	{ MDSCOPE_A_SIGNATURE, offsetof(struct mds_cpu, signature) },
	{ MDSCOPE_A_LEAF1_ECX, offsetof(struct mds_cpu, leaf1_ecx) },
	{ MDSCOPE_A_LEAF1_EDX, offsetof(struct mds_cpu, leaf1_edx) },
	{ MDSCOPE_A_LEAF7_EBX, offsetof(struct mds_cpu, leaf7_ebx) },
	{ MDSCOPE_A_LEAF7_ECX, offsetof(struct mds_cpu, leaf7_ecx) },
	{ MDSCOPE_A_LEAF7_EDX, offsetof(struct mds_cpu, leaf7_edx) },
	{ MDSCOPE_A_LEAF1A_EAX, offsetof(struct mds_cpu, leaf1a_eax) },
	{ MDSCOPE_A_PACKAGE, offsetof(struct mds_cpu, package) },
	{ MDSCOPE_A_DIE, offsetof(struct mds_cpu, die) },
	{ MDSCOPE_A_CORE, offsetof(struct mds_cpu, core) },
	{ MDSCOPE_A_THREAD, offsetof(struct mds_cpu, thread) },
	{ MDSCOPE_A_APIC_ID, offsetof(struct mds_cpu, apic_id) },
	{ MDSCOPE_A_MICROCODE_CACHED, offsetof(struct mds_cpu, microcode_cached) },
	{ MDSCOPE_A_GENERATION, offsetof(struct mds_cpu, generation) },
};

/* Register nests. */
static const struct {
	int attr;
	size_t off;
} cpu_regs[] = {
	{ MDSCOPE_A_MICROCODE, offsetof(struct mds_cpu, microcode) },
	{ MDSCOPE_A_PLATFORM_ID, offsetof(struct mds_cpu, platform_id) },
	{ MDSCOPE_A_ARCH_CAP, offsetof(struct mds_cpu, arch_cap) },
	{ MDSCOPE_A_TSX_CTRL, offsetof(struct mds_cpu, tsx_ctrl) },
};

/* ---- parsing: pure functions over one message ----------------------- */

/*
 * nla_parse() with a policy, and when it refuses, find which attribute
 * broke it so the error names it. Attributes above maxtype are ignored.
 */
static int parse_attrs(struct nlattr **tb, int maxtype, const struct nla_policy *pol,
		       const char *const *names, struct nlattr *head, int len,
		       const char *prefix)
{
	struct nlattr *a;
	int rem;

	if (!nla_parse(tb, maxtype, head, len, (struct nla_policy *)pol))
		return 0;
	nla_for_each_attr(a, head, len, rem) {
		int t = nla_type(a);

		if (t > maxtype || !nla_validate(a, a->nla_len, maxtype,
						 (struct nla_policy *)pol))
			continue;
		if (pol[t].type == NLA_STRING)
			snprintf(mds_nl_errmsg, sizeof(mds_nl_errmsg),
				 "malformed reply: attribute %s%s is not a string of at most %u bytes",
				 prefix, names[t] ? names[t] : "?", pol[t].maxlen - 1);
		else
			snprintf(mds_nl_errmsg, sizeof(mds_nl_errmsg),
				 "malformed reply: attribute %s%s has %d bytes, expected %u",
				 prefix, names[t] ? names[t] : "?", nla_len(a), pol[t].maxlen);
		return -EINVAL;
	}
	snprintf(mds_nl_errmsg, sizeof(mds_nl_errmsg), "malformed reply: bad attribute layout");
	return -EINVAL;
}

static int parse_msg(const struct nlmsghdr *nlh, struct nlattr **tb)
{
	struct nlmsghdr *h = (struct nlmsghdr *)nlh;

	if (!genlmsg_valid_hdr(h, 0)) {
		snprintf(mds_nl_errmsg, sizeof(mds_nl_errmsg), "malformed reply: message too short");
		return -EINVAL;
	}
	return parse_attrs(tb, MDSCOPE_A_MAX, mds_nl_mdscope_policy, mds_nl_mdscope_names,
			   genlmsg_attrdata(nlmsg_data(h), 0),
			   genlmsg_attrlen(nlmsg_data(h), 0), "");
}

static int parse_reg(struct nlattr *nest, int attr, struct mds_reg *reg)
{
	struct nlattr *tb[MDSCOPE_REG_MAX + 1];
	char prefix[32];
	int err;

	snprintf(prefix, sizeof(prefix), "%s.", mds_nl_mdscope_names[attr]);
	err = parse_attrs(tb, MDSCOPE_REG_MAX, mds_nl_reg_policy, mds_nl_reg_names,
			  nla_data(nest), nla_len(nest), prefix);
	if (err)
		return err;
	if (!tb[MDSCOPE_REG_STATE]) {
		snprintf(mds_nl_errmsg, sizeof(mds_nl_errmsg), "malformed reply: %s has no STATE", mds_nl_mdscope_names[attr]);
		return -EINVAL;
	}
	reg->state = nla_get_u32(tb[MDSCOPE_REG_STATE]);
	if (reg->state == MDSCOPE_REG_STATE_OK && !tb[MDSCOPE_REG_VALUE]) {
		snprintf(mds_nl_errmsg, sizeof(mds_nl_errmsg), "malformed reply: %s is ok but has no VALUE",
			 mds_nl_mdscope_names[attr]);
		return -EINVAL;
	}
	if (tb[MDSCOPE_REG_VALUE])
		reg->value = nla_get_u64(tb[MDSCOPE_REG_VALUE]);
	if (tb[MDSCOPE_REG_ERRNO])
		reg->err = nla_get_u32(tb[MDSCOPE_REG_ERRNO]);
	return 0;
}

/* One GET_CPU reply into a record. */
int mds_nl_parse_cpu(const struct nlmsghdr *nlh, struct mds_cpu *rec)
{
	struct nlattr *tb[MDSCOPE_A_MAX + 1];
	int err;

	memset(rec, 0, sizeof(*rec));
	err = parse_msg(nlh, tb);
	if (err)
		return err;
	if (!tb[MDSCOPE_A_CPU]) {
		snprintf(mds_nl_errmsg, sizeof(mds_nl_errmsg), "malformed reply: a CPU record without CPU");
		return -EINVAL;
	}
	rec->cpu = nla_get_u32(tb[MDSCOPE_A_CPU]);
	rec->online = tb[MDSCOPE_A_ONLINE] && nla_get_u32(tb[MDSCOPE_A_ONLINE]);
	if (tb[MDSCOPE_A_VENDOR])
		snprintf(rec->vendor, sizeof(rec->vendor), "%s", nla_get_string(tb[MDSCOPE_A_VENDOR]));
	for (size_t i = 0; i < sizeof(cpu_u32) / sizeof(cpu_u32[0]); i++)
		if (tb[cpu_u32[i].attr])
			*(uint32_t *)((char *)rec + cpu_u32[i].off) = nla_get_u32(tb[cpu_u32[i].attr]);
	for (size_t i = 0; i < sizeof(cpu_regs) / sizeof(cpu_regs[0]); i++) {
		if (!tb[cpu_regs[i].attr])
			continue;
		err = parse_reg(tb[cpu_regs[i].attr], cpu_regs[i].attr,
				(struct mds_reg *)((char *)rec + cpu_regs[i].off));
		if (err)
			return err;
	}
	if (tb[MDSCOPE_A_READ_TIME])
		rec->read_time_ns = nla_get_u64(tb[MDSCOPE_A_READ_TIME]);
	rec->have_cpuid = tb[MDSCOPE_A_VENDOR] || tb[MDSCOPE_A_SIGNATURE];
	rec->have_topology = tb[MDSCOPE_A_PACKAGE] != NULL;
	rec->have_ucode_cached = tb[MDSCOPE_A_MICROCODE_CACHED] != NULL;
	rec->source = rec->have_cpuid || tb[MDSCOPE_A_GENERATION] ? MDS_SRC_MODULE : MDS_SRC_NONE;
	return 0;
}

/* One GET_INFO / REFRESH reply. */
int mds_nl_parse_info(const struct nlmsghdr *nlh, struct mds_info *info)
{
	struct nlattr *tb[MDSCOPE_A_MAX + 1];
	int err;

	memset(info, 0, sizeof(*info));
	err = parse_msg(nlh, tb);
	if (err)
		return err;
	if (tb[MDSCOPE_A_VERSION])
		snprintf(info->version, sizeof(info->version), "%s",
			 nla_get_string(tb[MDSCOPE_A_VERSION]));
	if (tb[MDSCOPE_A_GENERATION])
		info->generation = nla_get_u32(tb[MDSCOPE_A_GENERATION]);
	if (tb[MDSCOPE_A_CPUS_POSSIBLE])
		info->cpus_possible = nla_get_u32(tb[MDSCOPE_A_CPUS_POSSIBLE]);
	if (tb[MDSCOPE_A_CPUS_ONLINE])
		info->cpus_online = nla_get_u32(tb[MDSCOPE_A_CPUS_ONLINE]);
	if (tb[MDSCOPE_A_READ_TIME])
		info->read_time_ns = nla_get_u64(tb[MDSCOPE_A_READ_TIME]);
	return 0;
}

/* One GENERATION_NTF announcement. */
int mds_nl_parse_event(const struct nlmsghdr *nlh, struct mds_event *ev)
{
	struct nlattr *tb[MDSCOPE_A_MAX + 1];
	int err;

	memset(ev, 0, sizeof(*ev));
	err = parse_msg(nlh, tb);
	if (err)
		return err;
	if (!tb[MDSCOPE_A_GENERATION]) {
		snprintf(mds_nl_errmsg, sizeof(mds_nl_errmsg), "malformed event: no GENERATION");
		return -EINVAL;
	}
	ev->generation = nla_get_u32(tb[MDSCOPE_A_GENERATION]);
	if (tb[MDSCOPE_A_EVENT])
		ev->event = nla_get_u32(tb[MDSCOPE_A_EVENT]);
	if (tb[MDSCOPE_A_CPU]) {
		ev->cpu = nla_get_u32(tb[MDSCOPE_A_CPU]);
		ev->have_cpu = 1;
	}
	if (tb[MDSCOPE_A_READ_TIME])
		ev->read_time_ns = nla_get_u64(tb[MDSCOPE_A_READ_TIME]);
	return 0;
}

/*
 * The extack text of an NLMSG_ERROR message: NLMSGERR_ATTR_MSG, or the
 * offset of the bad attribute, or the missing attribute type.
 */
#define MOD_PREFIX	MDSCOPE_FAMILY_NAME ": "
#define MOD_PREFIX_LEN	((int)sizeof(MOD_PREFIX) - 1)

void mds_nl_extack_text(const struct nlmsghdr *nlh, char *buf, size_t len)
{
	const struct nlmsgerr *e = nlmsg_data(nlh);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1] = { 0 };
	size_t off = NLMSG_HDRLEN + sizeof(*e);

	buf[0] = '\0';
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || nlh->nlmsg_len < off)
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += NLMSG_ALIGN(e->msg.nlmsg_len) - sizeof(e->msg);
	if (nlh->nlmsg_len <= off)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)nlh + off),
		      nlh->nlmsg_len - off, NULL))
		return;
	if (tb[NLMSGERR_ATTR_MSG] && nla_len(tb[NLMSGERR_ATTR_MSG]) > 0) {
		const char *msg = nla_data(tb[NLMSGERR_ATTR_MSG]);
		int n = (int)strnlen(msg, nla_len(tb[NLMSGERR_ATTR_MSG]));

		/* NL_SET_ERR_MSG_MOD's "mdscope: " would repeat our own prefix */
		if (n > MOD_PREFIX_LEN && !strncmp(msg, MOD_PREFIX, MOD_PREFIX_LEN)) {
			msg += MOD_PREFIX_LEN;
			n -= MOD_PREFIX_LEN;
		}
		snprintf(buf, len, "%.*s", n, msg);
	} else if (tb[NLMSGERR_ATTR_MISS_TYPE] && nla_len(tb[NLMSGERR_ATTR_MISS_TYPE]) >= 4)
		snprintf(buf, len, "missing attribute %u", nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]));
	else if (tb[NLMSGERR_ATTR_OFFS] && nla_len(tb[NLMSGERR_ATTR_OFFS]) >= 4)
		snprintf(buf, len, "bad attribute at offset %u", nla_get_u32(tb[NLMSGERR_ATTR_OFFS]));
}
