// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite mdscope_netlink: message bodies filled by
 * mdscope_nl_put_record()/mdscope_nl_put_state(), parsed back with
 * nla_parse() against a reply policy written here from the UAPI header,
 * every value compared. The family's own request policies and ops are
 * tested by mdscope_netlink_policy (netlink_policy_kunit.c, which compiles
 * netlink.c).
 */
#include <kunit/test.h>
#include <linux/skbuff.h>
#include <net/netlink.h>
#include <linux/mdscope.h>

#include "cpu.h"
#include "netlink.h"
#include "version.h"

/* ---- the reply, as the UAPI header describes it ---- */

static const struct nla_policy reg_policy[MDSCOPE_REG_MAX + 1] = {
	[MDSCOPE_REG_STATE] = NLA_POLICY_RANGE(NLA_U32, MDSCOPE_REG_STATE_OK,
					       MDSCOPE_REG_STATE_NOT_APPLICABLE),
	[MDSCOPE_REG_VALUE] = { .type = NLA_U64 },
	[MDSCOPE_REG_ERRNO] = NLA_POLICY_RANGE(NLA_U32, 1, 4095),
	[MDSCOPE_REG_PAD] = { .type = NLA_BINARY },	/* alignment padding */
};

static const struct nla_policy reply_policy[MDSCOPE_A_MAX + 1] = {
	[MDSCOPE_A_PAD] = { .type = NLA_BINARY },
	[MDSCOPE_A_CPU] = { .type = NLA_U32 },
	[MDSCOPE_A_ONLINE] = NLA_POLICY_MAX(NLA_U32, 1),
	[MDSCOPE_A_VENDOR] = { .type = NLA_NUL_STRING, .len = 12 },
	[MDSCOPE_A_MAX_LEAF] = { .type = NLA_U32 },
	[MDSCOPE_A_SIGNATURE] = { .type = NLA_U32 },
	[MDSCOPE_A_LEAF1_ECX] = { .type = NLA_U32 },
	[MDSCOPE_A_LEAF1_EDX] = { .type = NLA_U32 },
	[MDSCOPE_A_LEAF7_EBX] = { .type = NLA_U32 },
	[MDSCOPE_A_LEAF7_ECX] = { .type = NLA_U32 },
	[MDSCOPE_A_LEAF7_EDX] = { .type = NLA_U32 },
	[MDSCOPE_A_LEAF1A_EAX] = { .type = NLA_U32 },
	[MDSCOPE_A_PACKAGE] = { .type = NLA_U32 },
	[MDSCOPE_A_DIE] = { .type = NLA_U32 },
	[MDSCOPE_A_CORE] = { .type = NLA_U32 },
	[MDSCOPE_A_THREAD] = { .type = NLA_U32 },
	[MDSCOPE_A_APIC_ID] = { .type = NLA_U32 },
	[MDSCOPE_A_MICROCODE] = NLA_POLICY_NESTED(reg_policy),
	[MDSCOPE_A_MICROCODE_CACHED] = { .type = NLA_U32 },
	[MDSCOPE_A_PLATFORM_ID] = NLA_POLICY_NESTED(reg_policy),
	[MDSCOPE_A_ARCH_CAP] = NLA_POLICY_NESTED(reg_policy),
	[MDSCOPE_A_TSX_CTRL] = NLA_POLICY_NESTED(reg_policy),
	[MDSCOPE_A_GENERATION] = { .type = NLA_U32 },
	[MDSCOPE_A_READ_TIME] = { .type = NLA_U64 },
	[MDSCOPE_A_VERSION] = { .type = NLA_NUL_STRING },
	[MDSCOPE_A_CPUS_POSSIBLE] = { .type = NLA_U32 },
	[MDSCOPE_A_CPUS_ONLINE] = { .type = NLA_U32 },
	[MDSCOPE_A_EVENT] = NLA_POLICY_RANGE(NLA_U32, MDSCOPE_EVENT_ONLINE,
					     MDSCOPE_EVENT_REFRESH),
};

/* A new UAPI attribute must be added to the policies above. */
static void reply_policy_covers_uapi(struct kunit *test)
{
	int i;

	for (i = 1; i <= MDSCOPE_A_MAX; i++)
		KUNIT_EXPECT_NE_MSG(test, reply_policy[i].type, NLA_UNSPEC,
				    "attribute %d missing from the reply policy", i);
	for (i = 1; i <= MDSCOPE_REG_MAX; i++)
		KUNIT_EXPECT_NE_MSG(test, reg_policy[i].type, NLA_UNSPEC,
				    "register attribute %d missing from the reply policy", i);
}

/* One skb per case, freed by the suite's exit. */
static int nl_test_init(struct kunit *test)
{
	test->priv = alloc_skb(NLMSG_GOODSIZE, GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static void nl_test_exit(struct kunit *test)
{
	kfree_skb(test->priv);
}

/* Strictly parse the attributes in @skb into @tb; 0 or -errno. */
static int parse(struct kunit *test, struct sk_buff *skb, struct nlattr **tb)
{
	struct netlink_ext_ack ext = {};
	int err;

	err = nla_parse(tb, MDSCOPE_A_MAX, (struct nlattr *)skb->data, skb->len,
			reply_policy, &ext);
	KUNIT_EXPECT_EQ_MSG(test, err, 0, "reply does not parse: %s",
			    ext._msg ? ext._msg : "(no message)");
	return err;
}

static unsigned int count_attrs(struct nlattr **tb)
{
	unsigned int i, n = 0;

	for (i = 1; i <= MDSCOPE_A_MAX; i++)
		n += !!tb[i];
	return n;
}

/* Checks one register nest against the record's register. */
static void expect_reg_attr(struct kunit *test, const char *what, const char *name,
			    const struct nlattr *nest, const struct mdscope_reg *reg)
{
	struct nlattr *rt[MDSCOPE_REG_MAX + 1];
	struct netlink_ext_ack ext = {};
	int err;

	if (!reg->state) {
		KUNIT_EXPECT_NULL_MSG(test, nest, "%s: unread %s sent", what, name);
		return;
	}
	KUNIT_ASSERT_NOT_NULL_MSG(test, nest, "%s: %s missing", what, name);
	err = nla_parse_nested(rt, MDSCOPE_REG_MAX, nest, reg_policy, &ext);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "%s: %s nest: %s", what, name,
			    ext._msg ? ext._msg : "(no message)");
	KUNIT_ASSERT_NOT_NULL_MSG(test, rt[MDSCOPE_REG_STATE], "%s: %s without state", what, name);
	KUNIT_EXPECT_EQ_MSG(test, nla_get_u32(rt[MDSCOPE_REG_STATE]), reg->state,
			    "%s: %s state", what, name);
	if (reg->state == MDSCOPE_REG_STATE_OK) {
		KUNIT_ASSERT_NOT_NULL_MSG(test, rt[MDSCOPE_REG_VALUE], "%s: OK %s without value",
					  what, name);
		KUNIT_EXPECT_EQ_MSG(test, nla_get_u64(rt[MDSCOPE_REG_VALUE]), reg->value,
				    "%s: %s value", what, name);
	} else {
		KUNIT_EXPECT_NULL_MSG(test, rt[MDSCOPE_REG_VALUE], "%s: %s value sent in state %u",
				      what, name, reg->state);
	}
	if (reg->state == MDSCOPE_REG_STATE_FAULT) {
		KUNIT_ASSERT_NOT_NULL_MSG(test, rt[MDSCOPE_REG_ERRNO], "%s: faulted %s without errno",
					  what, name);
		KUNIT_EXPECT_EQ_MSG(test, nla_get_u32(rt[MDSCOPE_REG_ERRNO]), reg->err,
				    "%s: %s errno", what, name);
	} else {
		KUNIT_EXPECT_NULL_MSG(test, rt[MDSCOPE_REG_ERRNO], "%s: %s errno sent in state %u",
				      what, name, reg->state);
	}
}

/* ---- records: fill, parse back, compare every value ---- */

#define REG_OK(v)	{ .state = MDSCOPE_REG_STATE_OK, .value = (v) }
#define REG_FAULT(e)	{ .state = MDSCOPE_REG_STATE_FAULT, .err = (e) }
#define REG_NOT_ENUM	{ .state = MDSCOPE_REG_STATE_NOT_ENUMERATED }
#define REG_NOT_APPL	{ .state = MDSCOPE_REG_STATE_NOT_APPLICABLE }

/* Every field distinct, so a swapped attribute shows. */
#define INTEL_ID {							\
	.vendor = "GenuineIntel", .max_leaf = 0x16, .sig = 0x50657,	\
	.l1_ebx = 0x11, .l1_ecx = 0x80000001, .l1_edx = 0x12,		\
	.l7_ebx = 0x13, .l7_ecx = 0x14, .l7_edx = 0x20000400,		\
	.l1a_eax = 0x15, .apic_id = 0x16 }

struct record_case {
	const char *name;
	unsigned int cpu;
	struct mdscope_record rec;
};

static const struct record_case record_cases[] = {
	{ "never read, online", 5, { .online = true } },
	{ "never read, offline", 4095, { .online = false } },
	{ "Intel, ARCH_CAP and TSX_CTRL OK", 3, {
		.online = true, .read = true,
		.package = 1, .die = 2, .core = 3, .thread = 1,
		.regs = { .id = INTEL_ID,
			  .microcode = REG_OK(0x500320a), .platform_id = REG_OK(4),
			  .arch_cap = REG_OK(0x1a0), .tsx_ctrl = REG_OK(3),
			  .microcode_cached = 0x5003209 },
		.generation = 17, .read_time = 0x1789abcdef012345ULL } },
	{ "Intel, 64-bit values kept whole", 0, {
		.online = true, .read = true,
		.regs = { .id = INTEL_ID,
			  .microcode = REG_OK(0xffffffff), .platform_id = REG_OK(7),
			  .arch_cap = REG_OK(0xfedcba9876543210ULL),
			  .tsx_ctrl = REG_OK(0x8000000000000001ULL),
			  .microcode_cached = 0xffffffff },
		.generation = 0xffffffff, .read_time = ~0ULL } },
	{ "ARCH_CAP faulted, TSX_CTRL unread", 1, {
		.online = true, .read = true,
		.regs = { .id = INTEL_ID,
			  .microcode = REG_OK(0xb4), .platform_id = REG_OK(0),
			  .arch_cap = REG_FAULT(EIO) },
		.generation = 2, .read_time = 1 } },
	{ "not enumerated, microcode faulted", 2, {
		.online = true, .read = true,
		.regs = { .id = INTEL_ID,
			  .microcode = REG_FAULT(ENXIO), .platform_id = REG_FAULT(EIO),
			  .arch_cap = REG_NOT_ENUM, .tsx_ctrl = REG_NOT_ENUM },
		.generation = 3, .read_time = 2 } },
	{ "AMD, platform id not applicable", 7, {
		.online = true, .read = true, .package = 0, .core = 7,
		.regs = { .id = { .vendor = "AuthenticAMD", .max_leaf = 0x10,
				  .sig = 0x00a20f12 },
			  .microcode = REG_OK(0x0a201210), .platform_id = REG_NOT_APPL,
			  .arch_cap = REG_NOT_ENUM, .tsx_ctrl = REG_NOT_ENUM,
			  .microcode_cached = 0x0a201210 },
		.generation = 4, .read_time = 3 } },
	{ "offline, last read kept", 6, {
		.online = false, .read = true, .package = 1,
		.regs = { .id = INTEL_ID,
			  .microcode = REG_OK(0x500320a), .platform_id = REG_OK(1),
			  .arch_cap = REG_OK(0), .tsx_ctrl = REG_NOT_ENUM },
		.generation = 5, .read_time = 4 } },
};

static void record_desc(const struct record_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(record, record_cases, record_desc);

static void put_record_parse_back(struct kunit *test)
{
	const struct record_case *c = test->param_value;
	const struct mdscope_record *rec = &c->rec;
	const struct mdscope_regs *r = &rec->regs;
	const struct { int type; u32 val; const char *name; } u32s[] = {
		{ MDSCOPE_A_MAX_LEAF, r->id.max_leaf, "MAX_LEAF" },
		{ MDSCOPE_A_SIGNATURE, r->id.sig, "SIGNATURE" },
		{ MDSCOPE_A_LEAF1_ECX, r->id.l1_ecx, "LEAF1_ECX" },
		{ MDSCOPE_A_LEAF1_EDX, r->id.l1_edx, "LEAF1_EDX" },
		{ MDSCOPE_A_LEAF7_EBX, r->id.l7_ebx, "LEAF7_EBX" },
		{ MDSCOPE_A_LEAF7_ECX, r->id.l7_ecx, "LEAF7_ECX" },
		{ MDSCOPE_A_LEAF7_EDX, r->id.l7_edx, "LEAF7_EDX" },
		{ MDSCOPE_A_LEAF1A_EAX, r->id.l1a_eax, "LEAF1A_EAX" },
		{ MDSCOPE_A_PACKAGE, rec->package, "PACKAGE" },
		{ MDSCOPE_A_DIE, rec->die, "DIE" },
		{ MDSCOPE_A_CORE, rec->core, "CORE" },
		{ MDSCOPE_A_THREAD, rec->thread, "THREAD" },
		{ MDSCOPE_A_APIC_ID, r->id.apic_id, "APIC_ID" },
		{ MDSCOPE_A_MICROCODE_CACHED, r->microcode_cached, "MICROCODE_CACHED" },
		{ MDSCOPE_A_GENERATION, rec->generation, "GENERATION" },
	};
	const struct { int type; const struct mdscope_reg *reg; const char *name; } regs[] = {
		{ MDSCOPE_A_MICROCODE, &r->microcode, "MICROCODE" },
		{ MDSCOPE_A_PLATFORM_ID, &r->platform_id, "PLATFORM_ID" },
		{ MDSCOPE_A_ARCH_CAP, &r->arch_cap, "ARCH_CAP" },
		{ MDSCOPE_A_TSX_CTRL, &r->tsx_ctrl, "TSX_CTRL" },
	};
	static const int never[] = {
		MDSCOPE_A_VERSION, MDSCOPE_A_CPUS_POSSIBLE, MDSCOPE_A_CPUS_ONLINE, MDSCOPE_A_EVENT,
	};
	struct nlattr *tb[MDSCOPE_A_MAX + 1];
	struct sk_buff *skb = test->priv;
	size_t i;

	KUNIT_ASSERT_EQ_MSG(test, mdscope_nl_put_record(skb, c->cpu, rec), 0, "%s", c->name);
	KUNIT_ASSERT_EQ(test, parse(test, skb, tb), 0);

	KUNIT_ASSERT_NOT_NULL_MSG(test, tb[MDSCOPE_A_CPU], "%s: no CPU", c->name);
	KUNIT_EXPECT_EQ_MSG(test, nla_get_u32(tb[MDSCOPE_A_CPU]), c->cpu, "%s: CPU", c->name);
	KUNIT_ASSERT_NOT_NULL_MSG(test, tb[MDSCOPE_A_ONLINE], "%s: no ONLINE", c->name);
	KUNIT_EXPECT_EQ_MSG(test, nla_get_u32(tb[MDSCOPE_A_ONLINE]), (u32)rec->online,
			    "%s: ONLINE", c->name);
	for (i = 0; i < ARRAY_SIZE(never); i++)
		KUNIT_EXPECT_NULL_MSG(test, tb[never[i]], "%s: info attribute %d in a record",
				      c->name, never[i]);
	if (!rec->read) {
		KUNIT_EXPECT_EQ_MSG(test, count_attrs(tb), 2U,
				    "%s: a never-read record carries more than CPU and ONLINE",
				    c->name);
		return;
	}

	KUNIT_ASSERT_NOT_NULL_MSG(test, tb[MDSCOPE_A_VENDOR], "%s: no VENDOR", c->name);
	KUNIT_EXPECT_STREQ_MSG(test, (char *)nla_data(tb[MDSCOPE_A_VENDOR]), r->id.vendor,
			       "%s: VENDOR", c->name);
	KUNIT_ASSERT_NOT_NULL_MSG(test, tb[MDSCOPE_A_READ_TIME], "%s: no READ_TIME", c->name);
	KUNIT_EXPECT_EQ_MSG(test, nla_get_u64(tb[MDSCOPE_A_READ_TIME]), rec->read_time,
			    "%s: READ_TIME", c->name);
	for (i = 0; i < ARRAY_SIZE(u32s); i++) {
		KUNIT_ASSERT_NOT_NULL_MSG(test, tb[u32s[i].type], "%s: no %s", c->name,
					  u32s[i].name);
		KUNIT_EXPECT_EQ_MSG(test, nla_get_u32(tb[u32s[i].type]), u32s[i].val,
				    "%s: %s", c->name, u32s[i].name);
	}
	for (i = 0; i < ARRAY_SIZE(regs); i++)
		expect_reg_attr(test, c->name, regs[i].name, tb[regs[i].type], regs[i].reg);
}

/* The three rules of the issue, each on its own. */
static void put_record_never_read_cpu_online_only(struct kunit *test)
{
	const struct mdscope_record rec = {
		.online = true,
		.regs.arch_cap = REG_OK(0x20),	/* stale data must not leak out */
	};
	struct nlattr *tb[MDSCOPE_A_MAX + 1];

	KUNIT_ASSERT_EQ(test, mdscope_nl_put_record(test->priv, 9, &rec), 0);
	KUNIT_ASSERT_EQ(test, parse(test, test->priv, tb), 0);
	KUNIT_EXPECT_EQ(test, count_attrs(tb), 2U);
	KUNIT_ASSERT_NOT_NULL(test, tb[MDSCOPE_A_CPU]);
	KUNIT_ASSERT_NOT_NULL(test, tb[MDSCOPE_A_ONLINE]);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[MDSCOPE_A_CPU]), 9U);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[MDSCOPE_A_ONLINE]), 1U);
}

static const struct {
	const char *name;
	struct mdscope_reg reg;
	bool value, has_errno;
} reg_rules[] = {
	{ "FAULT EIO: ERRNO, no VALUE", REG_FAULT(EIO), false, true },
	{ "FAULT ENXIO: ERRNO, no VALUE", REG_FAULT(ENXIO), false, true },
	{ "OK 0: VALUE, no ERRNO", REG_OK(0), true, false },
	{ "OK 0x1a0: VALUE, no ERRNO", REG_OK(0x1a0), true, false },
	{ "NOT_ENUMERATED: neither", REG_NOT_ENUM, false, false },
	{ "NOT_APPLICABLE: neither", REG_NOT_APPL, false, false },
};

static void put_record_reg_value_or_errno(struct kunit *test)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(reg_rules); i++) {
		struct mdscope_record rec = { .online = true, .read = true,
					      .regs.id.vendor = "GenuineIntel" };
		struct nlattr *tb[MDSCOPE_A_MAX + 1], *rt[MDSCOPE_REG_MAX + 1];
		struct sk_buff *skb = test->priv;
		const char *name = reg_rules[i].name;

		skb_trim(skb, 0);
		rec.regs.arch_cap = reg_rules[i].reg;
		KUNIT_ASSERT_EQ_MSG(test, mdscope_nl_put_record(skb, 0, &rec), 0, "%s", name);
		KUNIT_ASSERT_EQ_MSG(test, parse(test, skb, tb), 0, "%s", name);
		KUNIT_ASSERT_NOT_NULL_MSG(test, tb[MDSCOPE_A_ARCH_CAP], "%s: no ARCH_CAP", name);
		KUNIT_ASSERT_EQ_MSG(test, nla_parse_nested(rt, MDSCOPE_REG_MAX,
							   tb[MDSCOPE_A_ARCH_CAP], reg_policy, NULL),
				    0, "%s: nest", name);
		KUNIT_EXPECT_EQ_MSG(test, !!rt[MDSCOPE_REG_VALUE], reg_rules[i].value,
				    "%s: VALUE presence", name);
		KUNIT_EXPECT_EQ_MSG(test, !!rt[MDSCOPE_REG_ERRNO], reg_rules[i].has_errno,
				    "%s: ERRNO presence", name);
		if (rt[MDSCOPE_REG_VALUE])
			KUNIT_EXPECT_EQ_MSG(test, nla_len(rt[MDSCOPE_REG_VALUE]), 8,
					    "%s: VALUE is not a u64", name);
		if (rt[MDSCOPE_REG_ERRNO])
			KUNIT_EXPECT_EQ_MSG(test, nla_get_u32(rt[MDSCOPE_REG_ERRNO]),
					    reg_rules[i].reg.err, "%s: ERRNO", name);
		/* registers never read are absent */
		KUNIT_EXPECT_NULL_MSG(test, tb[MDSCOPE_A_TSX_CTRL], "%s: unread TSX_CTRL sent", name);
	}
}

/* A record either fits whole or the fill says -EMSGSIZE (a dump resumes). */
static void put_record_emsgsize_when_full(struct kunit *test)
{
	const struct mdscope_record *rec = &record_cases[2].rec;
	struct sk_buff *skb = test->priv;
	unsigned int need, room;

	KUNIT_ASSERT_EQ(test, mdscope_nl_put_record(skb, 3, rec), 0);
	need = skb->len;
	for (room = 0; room <= need; room += 4) {
		struct sk_buff *small = alloc_skb(need + 64, GFP_KERNEL);
		int err;

		KUNIT_ASSERT_NOT_NULL(test, small);
		skb_put(small, skb_tailroom(small) - room);	/* leave @room bytes */
		err = mdscope_nl_put_record(small, 3, rec);
		KUNIT_EXPECT_EQ_MSG(test, err, room < need ? -EMSGSIZE : 0,
				    "%u of %u bytes free", room, need);
		kfree_skb(small);
	}
}

/* ---- module state (GET_INFO, REFRESH replies) ---- */

static void put_state_parse_back(struct kunit *test)
{
	const struct mdscope_state st = {
		.generation = 42, .cpus_possible = 64, .cpus_online = 61,
		.read_time = 0x1789abcdef012345ULL,
	};
	struct nlattr *tb[MDSCOPE_A_MAX + 1];

	KUNIT_ASSERT_EQ(test, mdscope_nl_put_state(test->priv, &st), 0);
	KUNIT_ASSERT_EQ(test, parse(test, test->priv, tb), 0);
	KUNIT_ASSERT_NOT_NULL(test, tb[MDSCOPE_A_VERSION]);
	KUNIT_EXPECT_STREQ(test, (char *)nla_data(tb[MDSCOPE_A_VERSION]), MDSCOPE_VERSION);
	KUNIT_ASSERT_NOT_NULL(test, tb[MDSCOPE_A_GENERATION]);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[MDSCOPE_A_GENERATION]), 42U);
	KUNIT_ASSERT_NOT_NULL(test, tb[MDSCOPE_A_CPUS_POSSIBLE]);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[MDSCOPE_A_CPUS_POSSIBLE]), 64U);
	KUNIT_ASSERT_NOT_NULL(test, tb[MDSCOPE_A_CPUS_ONLINE]);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[MDSCOPE_A_CPUS_ONLINE]), 61U);
	KUNIT_ASSERT_NOT_NULL(test, tb[MDSCOPE_A_READ_TIME]);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[MDSCOPE_A_READ_TIME]), 0x1789abcdef012345ULL);
	KUNIT_EXPECT_NULL(test, tb[MDSCOPE_A_CPU]);
	KUNIT_EXPECT_EQ(test, count_attrs(tb), 5U);
}

static struct kunit_case mdscope_netlink_cases[] = {
	KUNIT_CASE(reply_policy_covers_uapi),
	KUNIT_CASE_PARAM(put_record_parse_back, record_gen_params),
	KUNIT_CASE(put_record_never_read_cpu_online_only),
	KUNIT_CASE(put_record_reg_value_or_errno),
	KUNIT_CASE(put_record_emsgsize_when_full),
	KUNIT_CASE(put_state_parse_back),
	{}
};

static struct kunit_suite mdscope_netlink_suite = {
	.name = "mdscope_netlink",
	.init = nl_test_init,
	.exit = nl_test_exit,
	.test_cases = mdscope_netlink_cases,
};

kunit_test_suite(mdscope_netlink_suite);
