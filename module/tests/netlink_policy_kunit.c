// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite mdscope_netlink_policy: the family's request policies, parsed
 * the way generic netlink parses a request, its ops table, and refresh's
 * privilege check.
 *
 * netlink.c is compiled here (6.1 has no EXPORT_SYMBOL_IF_KUNIT) so its
 * static ops table and handlers are reachable; the KUnit Kbuild does not
 * build netlink.o on its own, and netlink_kunit.c links against the public
 * functions defined through this file. The policies the ops point at are
 * generated from mdscope.yaml (netlink-gen.c, linked by the KUnit Kbuild):
 * these cases test what the spec made of them.
 */
#include <kunit/test.h>
#include <linux/cred.h>
#include <linux/skbuff.h>
#include <net/netlink.h>

#include "../netlink.c"

/* One skb per case, freed by the suite's exit. */
static int policy_test_init(struct kunit *test)
{
	test->priv = alloc_skb(NLMSG_GOODSIZE, GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static void policy_test_exit(struct kunit *test)
{
	kfree_skb(test->priv);
}

/* ---- requests: the family's own policies, parsed as genetlink does ---- */

struct req_attr {
	u16 type;
	u16 len;	/* payload bytes; 0 ends the list */
	u32 val;
};

struct request_case {
	const char *name;
	const struct genl_ops *op;
	struct req_attr attrs[3];
	unsigned int trailing;	/* garbage bytes after the attributes */
	int want;
};

#define OP_GET_CPU	(&mdscope_ops[0])
#define OP_REFRESH	(&mdscope_ops[1])
#define OP_GET_INFO	(&mdscope_ops[2])

static const struct request_case request_cases[] = {
	{ "GET_CPU: CPU u32", OP_GET_CPU, { { MDSCOPE_A_CPU, 4, 3 } }, 0, 0 },
	{ "GET_CPU: no attributes (dump)", OP_GET_CPU, { }, 0, 0 },
	{ "GET_CPU: CPU as u16", OP_GET_CPU, { { MDSCOPE_A_CPU, 2, 3 } }, 0, -EINVAL },
	{ "GET_CPU: CPU as u64", OP_GET_CPU, { { MDSCOPE_A_CPU, 8, 3 } }, 0, -EINVAL },
	{ "GET_CPU: PAD", OP_GET_CPU, { { MDSCOPE_A_PAD, 4, 0 } }, 0, -EINVAL },
	{ "GET_CPU: CPU and ONLINE", OP_GET_CPU,
	  { { MDSCOPE_A_CPU, 4, 0 }, { MDSCOPE_A_ONLINE, 4, 1 } }, 0, -EINVAL },
	{ "GET_CPU: unknown type 200", OP_GET_CPU, { { 200, 4, 0 } }, 0, -EINVAL },
	{ "GET_CPU: CPU with NLA_F_NESTED", OP_GET_CPU,
	  { { MDSCOPE_A_CPU | NLA_F_NESTED, 4, 0 } }, 0, -EINVAL },
	{ "GET_CPU: trailing bytes", OP_GET_CPU, { { MDSCOPE_A_CPU, 4, 0 } }, 2, -EINVAL },
	{ "REFRESH: nothing", OP_REFRESH, { }, 0, 0 },
	{ "REFRESH: CPU", OP_REFRESH, { { MDSCOPE_A_CPU, 4, 0 } }, 0, -EINVAL },
	{ "REFRESH: PAD", OP_REFRESH, { { MDSCOPE_A_PAD, 4, 0 } }, 0, -EINVAL },
	{ "GET_INFO: nothing", OP_GET_INFO, { }, 0, 0 },
	{ "GET_INFO: GENERATION", OP_GET_INFO, { { MDSCOPE_A_GENERATION, 4, 1 } }, 0, -EINVAL },
};

static void request_desc(const struct request_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(request, request_cases, request_desc);

static void request_policy_strict(struct kunit *test)
{
	const struct request_case *c = test->param_value;
	struct nlattr **tb;
	struct netlink_ext_ack ext = {};
	struct sk_buff *skb = test->priv;
	const struct req_attr *a;
	u8 payload[8] = {};
	int err;

	tb = kunit_kcalloc(test, c->op->maxattr + 1, sizeof(*tb), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tb);
	for (a = c->attrs; a < c->attrs + ARRAY_SIZE(c->attrs) && a->len; a++) {
		memcpy(payload, &a->val, sizeof(a->val));
		KUNIT_ASSERT_EQ(test, nla_put(skb, a->type, a->len, payload), 0);
	}
	if (c->trailing)
		skb_put_zero(skb, c->trailing);

	/* genl_family_rcv_msg_attrs_parse(): strict unless the op opts out */
	KUNIT_ASSERT_EQ_MSG(test, c->op->validate, 0, "%s: op relaxes validation", c->name);
	err = __nla_parse(tb, c->op->maxattr, (struct nlattr *)skb->data, skb->len,
			  c->op->policy, NL_VALIDATE_STRICT, &ext);
	KUNIT_EXPECT_EQ_MSG(test, err, c->want, "%s: %s", c->name,
			    ext._msg ? ext._msg : "(no message)");
	if (c->want)
		KUNIT_EXPECT_NOT_NULL_MSG(test, ext._msg, "%s: rejected without a message",
					  c->name);
	else if (c->attrs[0].len)
		KUNIT_EXPECT_EQ_MSG(test, nla_get_u32(tb[MDSCOPE_A_CPU]), c->attrs[0].val,
				    "%s: CPU", c->name);
}

/*
 * The family as the issue demands it: strict, per-op policies, reads open
 * to everybody. REFRESH carries no GENL_ADMIN_PERM (that tests
 * CAP_NET_ADMIN, without an extack message): refresh_doit() checks
 * CAP_SYS_ADMIN itself, see refresh_doit_needs_cap_sys_admin.
 */
static void family_ops_table(struct kunit *test)
{
	static const struct {
		u8 cmd;
		bool doit, dumpit;
	} want[] = {
		{ MDSCOPE_CMD_GET_CPU, true, true },
		{ MDSCOPE_CMD_REFRESH, true, false },
		{ MDSCOPE_CMD_GET_INFO, true, false },
	};
	size_t i;

	KUNIT_EXPECT_EQ(test, mdscope_family.resv_start_op, 0);
	KUNIT_EXPECT_FALSE(test, mdscope_family.netnsok);
	KUNIT_EXPECT_STREQ(test, mdscope_family.name, MDSCOPE_FAMILY_NAME);
	KUNIT_EXPECT_EQ(test, mdscope_family.version, MDSCOPE_FAMILY_VERSION);
	KUNIT_EXPECT_EQ(test, mdscope_family.n_mcgrps, 1);
	KUNIT_EXPECT_STREQ(test, mdscope_family.mcgrps[0].name, MDSCOPE_MCGRP_EVENTS);
	KUNIT_ASSERT_EQ(test, mdscope_family.n_ops, (unsigned int)ARRAY_SIZE(want));
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		const struct genl_ops *op = &mdscope_family.ops[i];

		KUNIT_EXPECT_EQ_MSG(test, op->cmd, want[i].cmd, "op %zu", i);
		KUNIT_EXPECT_NOT_NULL_MSG(test, op->policy, "cmd %u: no policy", op->cmd);
		/* maxattr 0 would make genetlink skip parsing altogether */
		KUNIT_EXPECT_GT_MSG(test, op->maxattr, 0U, "cmd %u: maxattr", op->cmd);
		KUNIT_EXPECT_EQ_MSG(test, op->validate, 0, "cmd %u: relaxed validation", op->cmd);
		KUNIT_EXPECT_EQ_MSG(test, op->flags & (GENL_ADMIN_PERM | GENL_UNS_ADMIN_PERM), 0,
				    "cmd %u: privilege by flag", op->cmd);
		KUNIT_EXPECT_EQ_MSG(test, !!op->doit, want[i].doit, "cmd %u: doit", op->cmd);
		KUNIT_EXPECT_EQ_MSG(test, !!op->dumpit, want[i].dumpit, "cmd %u: dumpit", op->cmd);
	}
}

/*
 * Without CAP_SYS_ADMIN (CAP_NET_ADMIN kept) refresh is refused with
 * -EPERM and an extack message, before any CPU is read: the records were
 * never allocated here, so a read would oops.
 */
static void refresh_doit_needs_cap_sys_admin(struct kunit *test)
{
	struct netlink_ext_ack ext = {};
	struct genl_info info = { .extack = &ext };
	struct sk_buff *skb = test->priv;
	const struct cred *old;
	struct cred *cred;
	int err;

	cred = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, cred);
	cap_lower(cred->cap_effective, CAP_SYS_ADMIN);
	cap_raise(cred->cap_effective, CAP_NET_ADMIN);
	NETLINK_CB(skb).flags |= NETLINK_SKB_DST;	/* no socket: judge current */
	old = override_creds(cred);
	err = refresh_doit(skb, &info);
	revert_creds(old);
	put_cred(cred);
	KUNIT_EXPECT_EQ(test, err, -EPERM);
	KUNIT_EXPECT_NOT_NULL_MSG(test, ext._msg, "EPERM without an extack message");
}

static struct kunit_case mdscope_netlink_policy_cases[] = {
	KUNIT_CASE_PARAM(request_policy_strict, request_gen_params),
	KUNIT_CASE(family_ops_table),
	KUNIT_CASE(refresh_doit_needs_cap_sys_admin),
	{}
};

static struct kunit_suite mdscope_netlink_policy_suite = {
	.name = "mdscope_netlink_policy",
	.init = policy_test_init,
	.exit = policy_test_exit,
	.test_cases = mdscope_netlink_policy_cases,
};

kunit_test_suite(mdscope_netlink_policy_suite);
