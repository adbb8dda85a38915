/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Messages of the mdscope family built in memory with libnl, as the module
 * sends them (and broken), for test_nl and test_nl_parse.
 */
#ifndef MDSCOPE_TEST_NL_MSGS_H
#define MDSCOPE_TEST_NL_MSGS_H

#include <stdbool.h>
#include <netlink/genl/genl.h>
#include <linux/mdscope.h>

static struct nl_msg *msg_new(uint8_t cmd)
{
	struct nl_msg *m = nlmsg_alloc();

	assert_non_null(m);
	assert_non_null(genlmsg_put(m, 0, 1, 0x20, 0, 0, cmd, MDSCOPE_FAMILY_VERSION));
	return m;
}

static void put_reg(struct nl_msg *m, int attr, uint32_t state, uint64_t value, uint32_t err)
{
	struct nlattr *nest = nla_nest_start(m, attr);

	assert_non_null(nest);
	assert_int_equal(nla_put_u32(m, MDSCOPE_REG_STATE, state), 0);
	if (state == MDSCOPE_REG_STATE_OK)
		assert_int_equal(nla_put_u64(m, MDSCOPE_REG_VALUE, value), 0);
	if (state == MDSCOPE_REG_STATE_FAULT)
		assert_int_equal(nla_put_u32(m, MDSCOPE_REG_ERRNO, err), 0);
	nla_nest_end(m, nest);
}

/* A full record as the module sends it for a CPU it has read. */
static struct nl_msg *full_cpu(uint32_t cpu)
{
	struct nl_msg *m = msg_new(MDSCOPE_CMD_GET_CPU);

	nla_put_u32(m, MDSCOPE_A_CPU, cpu);
	nla_put_u32(m, MDSCOPE_A_ONLINE, 1);
	nla_put_string(m, MDSCOPE_A_VENDOR, "GenuineIntel");
	nla_put_u64(m, MDSCOPE_A_READ_TIME, 1795833600123456789ull);
	nla_put_u32(m, MDSCOPE_A_MAX_LEAF, 0x16);
	nla_put_u32(m, MDSCOPE_A_SIGNATURE, 0x50657);
	nla_put_u32(m, MDSCOPE_A_LEAF1_ECX, 0xfffa3223);
	nla_put_u32(m, MDSCOPE_A_LEAF1_EDX, 0x0f8bfbff);
	nla_put_u32(m, MDSCOPE_A_LEAF7_EBX, 0xd19f4fbb);
	nla_put_u32(m, MDSCOPE_A_LEAF7_ECX, 0x0000080c);
	nla_put_u32(m, MDSCOPE_A_LEAF7_EDX, 0x20000400);
	nla_put_u32(m, MDSCOPE_A_LEAF1A_EAX, 0x7);
	nla_put_u32(m, MDSCOPE_A_PACKAGE, 1);
	nla_put_u32(m, MDSCOPE_A_DIE, 2);
	nla_put_u32(m, MDSCOPE_A_CORE, 3);
	nla_put_u32(m, MDSCOPE_A_THREAD, 4);
	nla_put_u32(m, MDSCOPE_A_APIC_ID, 5);
	nla_put_u32(m, MDSCOPE_A_MICROCODE_CACHED, 0x5003209);
	nla_put_u32(m, MDSCOPE_A_GENERATION, 9);
	put_reg(m, MDSCOPE_A_MICROCODE, MDSCOPE_REG_STATE_OK, 0x500320a, 0);
	put_reg(m, MDSCOPE_A_PLATFORM_ID, MDSCOPE_REG_STATE_OK, 1, 0);
	put_reg(m, MDSCOPE_A_ARCH_CAP, MDSCOPE_REG_STATE_OK, 0x2b, 0);
	put_reg(m, MDSCOPE_A_TSX_CTRL, MDSCOPE_REG_STATE_OK, 0x3, 0);
	return m;
}

/* Append a raw attribute of any length (what a broken sender would do). */
static void put_raw(struct nl_msg *m, int type, size_t len)
{
	char buf[16] = { 0 };

	assert_true(len <= sizeof(buf));
	assert_int_equal(nla_put(m, type, len, buf), 0);
}


/* An NLMSG_ERROR as the kernel builds it: header, error, request, TLVs. */
static struct nl_msg *error_msg(int error, bool capped, const char *text, int miss)
{
	struct nl_msg *req = msg_new(MDSCOPE_CMD_GET_CPU);
	struct nl_msg *m = nlmsg_alloc();
	struct nlmsghdr *nlh;
	struct nlmsgerr *e;
	size_t payload;

	nla_put_u32(req, MDSCOPE_A_CPU, 4096);
	payload = sizeof(*e) + (capped ? 0 : nlmsg_datalen(nlmsg_hdr(req)));
	nlh = nlmsg_put(m, 0, 1, NLMSG_ERROR, payload,
			NLM_F_ACK_TLVS | (capped ? NLM_F_CAPPED : 0));
	assert_non_null(nlh);
	e = nlmsg_data(nlh);
	e->error = error;
	memcpy(&e->msg, nlmsg_hdr(req), capped ? sizeof(e->msg) : nlmsg_hdr(req)->nlmsg_len);
	if (text)
		nla_put_string(m, NLMSGERR_ATTR_MSG, text);
	if (miss)
		nla_put_u32(m, NLMSGERR_ATTR_MISS_TYPE, miss);
	nlmsg_free(req);
	return m;
}

#endif
