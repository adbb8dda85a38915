// SPDX-License-Identifier: GPL-2.0
/*
 * nl_parse.c: replies built in memory with libnl (as the module would send
 * them, and malformed) go through the parsers the client uses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../userspace/collect/nl_parse.c"
#include "nl_msgs.h"

const char *prog = "mdscope";

static int parse(struct nl_msg *m, struct mds_cpu *rec)
{
	int err;

	mds_nl_errmsg[0] = '\0';
	err = mds_nl_parse_cpu(nlmsg_hdr(m), rec);
	nlmsg_free(m);
	return err;
}

/* ---- records ------------------------------------------------------ */

static void parse_cpu_all_attrs_land_in_fields(void **state)
{
	struct mds_cpu c;

	assert_int_equal(parse(full_cpu(7), &c), 0);
	assert_int_equal(c.cpu, 7);
	assert_true(c.online);
	assert_string_equal(c.vendor, "GenuineIntel");
	assert_int_equal(c.max_leaf, 0x16);
	assert_int_equal(c.signature, 0x50657);
	assert_int_equal(c.leaf1_ecx, 0xfffa3223);
	assert_int_equal(c.leaf1_edx, 0x0f8bfbff);
	assert_int_equal(c.leaf7_ebx, 0xd19f4fbb);
	assert_int_equal(c.leaf7_ecx, 0x80c);
	assert_int_equal(c.leaf7_edx, 0x20000400);
	assert_int_equal(c.leaf1a_eax, 7);
	assert_int_equal(c.package, 1);
	assert_int_equal(c.die, 2);
	assert_int_equal(c.core, 3);
	assert_int_equal(c.thread, 4);
	assert_int_equal(c.apic_id, 5);
	assert_int_equal(c.microcode.state, MDSCOPE_REG_STATE_OK);
	assert_int_equal(c.microcode.value, 0x500320a);
	assert_int_equal(c.microcode_cached, 0x5003209);
	assert_int_equal(c.platform_id.value, 1);
	assert_int_equal(c.arch_cap.state, MDSCOPE_REG_STATE_OK);
	assert_int_equal(c.arch_cap.value, 0x2b);
	assert_int_equal(c.tsx_ctrl.value, 3);
	assert_int_equal(c.generation, 9);
	assert_true(c.read_time_ns == 1795833600123456789ull);
	assert_true(c.have_cpuid);
	assert_true(c.have_topology);
	assert_true(c.have_ucode_cached);
	assert_int_equal(c.source, MDS_SRC_MODULE);
}

static void parse_cpu_never_read_has_only_cpu_and_online(void **state)
{
	struct nl_msg *m = msg_new(MDSCOPE_CMD_GET_CPU);
	struct mds_cpu c;

	nla_put_u32(m, MDSCOPE_A_CPU, 63);
	nla_put_u32(m, MDSCOPE_A_ONLINE, 0);
	assert_int_equal(parse(m, &c), 0);
	assert_int_equal(c.cpu, 63);
	assert_false(c.online);
	assert_false(c.have_cpuid);
	assert_false(c.have_topology);
	assert_false(c.have_ucode_cached);
	assert_int_equal(c.source, MDS_SRC_NONE);
	assert_int_equal(c.microcode.state, 0);
	assert_int_equal(c.arch_cap.state, 0);
	assert_string_equal(c.vendor, "");
}

static void parse_cpu_without_cpu_is_refused(void **state)
{
	struct nl_msg *m = msg_new(MDSCOPE_CMD_GET_CPU);
	struct mds_cpu c;

	nla_put_u32(m, MDSCOPE_A_ONLINE, 1);
	assert_int_equal(parse(m, &c), -EINVAL);
	assert_non_null(strstr(mds_nl_error(), "without CPU"));
}

/* Each fixed-size attribute sent with a wrong size is refused by name. */
static void parse_cpu_wrong_sizes_are_refused(void **state)
{
	static const struct {
		int attr;
		size_t len;
		const char *msg;
	} cases[] = {
		{ MDSCOPE_A_SIGNATURE, 8, "attribute SIGNATURE has 8 bytes, expected 4" },
		{ MDSCOPE_A_SIGNATURE, 2, "attribute SIGNATURE has 2 bytes, expected 4" },
		{ MDSCOPE_A_ONLINE, 1, "attribute ONLINE has 1 bytes, expected 4" },
		{ MDSCOPE_A_PACKAGE, 0, "attribute PACKAGE has 0 bytes, expected 4" },
		{ MDSCOPE_A_READ_TIME, 4, "attribute READ_TIME has 4 bytes, expected 8" },
		{ MDSCOPE_A_GENERATION, 8, "attribute GENERATION has 8 bytes, expected 4" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct nl_msg *m = msg_new(MDSCOPE_CMD_GET_CPU);
		struct mds_cpu c;

		nla_put_u32(m, MDSCOPE_A_CPU, 0);
		put_raw(m, cases[i].attr, cases[i].len);
		assert_int_equal(parse(m, &c), -EINVAL);
		assert_string_equal(mds_nl_error() + strlen("malformed reply: "), cases[i].msg);
	}
}

static void parse_cpu_bad_vendor_string_is_refused(void **state)
{
	struct nl_msg *m = msg_new(MDSCOPE_CMD_GET_CPU);
	struct mds_cpu c;

	nla_put_u32(m, MDSCOPE_A_CPU, 0);
	nla_put(m, MDSCOPE_A_VENDOR, 12, "GenuineIntel");	/* no NUL */
	assert_int_equal(parse(m, &c), -EINVAL);
	assert_non_null(strstr(mds_nl_error(), "VENDOR is not a string of at most 12 bytes"));

	m = msg_new(MDSCOPE_CMD_GET_CPU);
	nla_put_u32(m, MDSCOPE_A_CPU, 0);
	nla_put_string(m, MDSCOPE_A_VENDOR, "GenuineIntelX");	/* 14 bytes */
	assert_int_equal(parse(m, &c), -EINVAL);
	assert_non_null(strstr(mds_nl_error(), "VENDOR"));
}

/* A newer module may add attributes: they are skipped, the rest is read. */
static void parse_cpu_unknown_attrs_are_ignored(void **state)
{
	struct nl_msg *m = full_cpu(2);
	struct nlattr *nest;
	struct mds_cpu c;

	put_raw(m, MDSCOPE_A_MAX + 1, 12);
	put_raw(m, MDSCOPE_A_MAX + 40, 3);
	nest = nla_nest_start(m, MDSCOPE_A_ARCH_CAP);
	nla_put_u32(m, MDSCOPE_REG_STATE, MDSCOPE_REG_STATE_OK);
	nla_put_u64(m, MDSCOPE_REG_VALUE, 0xabc);
	put_raw(m, MDSCOPE_REG_MAX + 1, 5);
	nla_nest_end(m, nest);	/* a second ARCH_CAP: the last one wins */
	assert_int_equal(parse(m, &c), 0);
	assert_int_equal(c.cpu, 2);
	assert_int_equal(c.signature, 0x50657);
	assert_int_equal(c.arch_cap.value, 0xabc);
}

static void parse_cpu_reg_states(void **state)
{
	struct nl_msg *m = msg_new(MDSCOPE_CMD_GET_CPU);
	struct mds_cpu c;

	nla_put_u32(m, MDSCOPE_A_CPU, 1);
	nla_put_u32(m, MDSCOPE_A_SIGNATURE, 0x50657);
	put_reg(m, MDSCOPE_A_MICROCODE, MDSCOPE_REG_STATE_OK, 0xffffffffull << 8, 0);
	put_reg(m, MDSCOPE_A_PLATFORM_ID, MDSCOPE_REG_STATE_NOT_APPLICABLE, 0, 0);
	put_reg(m, MDSCOPE_A_ARCH_CAP, MDSCOPE_REG_STATE_FAULT, 0, EIO);
	put_reg(m, MDSCOPE_A_TSX_CTRL, MDSCOPE_REG_STATE_NOT_ENUMERATED, 0, 0);
	assert_int_equal(parse(m, &c), 0);
	assert_int_equal(c.microcode.state, MDSCOPE_REG_STATE_OK);
	assert_true(c.microcode.value == 0xffffffff00ull);
	assert_int_equal(c.platform_id.state, MDSCOPE_REG_STATE_NOT_APPLICABLE);
	assert_int_equal(c.arch_cap.state, MDSCOPE_REG_STATE_FAULT);
	assert_int_equal(c.arch_cap.err, EIO);
	assert_int_equal(c.arch_cap.value, 0);
	assert_int_equal(c.tsx_ctrl.state, MDSCOPE_REG_STATE_NOT_ENUMERATED);
	assert_true(c.have_cpuid);
	assert_false(c.have_topology);
}

static void parse_cpu_bad_reg_nests_are_refused(void **state)
{
	struct nl_msg *m;
	struct nlattr *nest;
	struct mds_cpu c;

	/* VALUE as u32 */
	m = msg_new(MDSCOPE_CMD_GET_CPU);
	nla_put_u32(m, MDSCOPE_A_CPU, 0);
	nest = nla_nest_start(m, MDSCOPE_A_ARCH_CAP);
	nla_put_u32(m, MDSCOPE_REG_STATE, MDSCOPE_REG_STATE_OK);
	nla_put_u32(m, MDSCOPE_REG_VALUE, 1);
	nla_nest_end(m, nest);
	assert_int_equal(parse(m, &c), -EINVAL);
	assert_string_equal(mds_nl_error(),
			    "malformed reply: attribute ARCH_CAP.VALUE has 4 bytes, expected 8");

	/* no STATE */
	m = msg_new(MDSCOPE_CMD_GET_CPU);
	nla_put_u32(m, MDSCOPE_A_CPU, 0);
	nest = nla_nest_start(m, MDSCOPE_A_MICROCODE);
	nla_put_u64(m, MDSCOPE_REG_VALUE, 1);
	nla_nest_end(m, nest);
	assert_int_equal(parse(m, &c), -EINVAL);
	assert_string_equal(mds_nl_error(), "malformed reply: MICROCODE has no STATE");

	/* OK without VALUE */
	m = msg_new(MDSCOPE_CMD_GET_CPU);
	nla_put_u32(m, MDSCOPE_A_CPU, 0);
	nest = nla_nest_start(m, MDSCOPE_A_TSX_CTRL);
	nla_put_u32(m, MDSCOPE_REG_STATE, MDSCOPE_REG_STATE_OK);
	nla_nest_end(m, nest);
	assert_int_equal(parse(m, &c), -EINVAL);
	assert_string_equal(mds_nl_error(), "malformed reply: TSX_CTRL is ok but has no VALUE");

	/* a nest that is a u32 in disguise: its payload is not attributes */
	m = msg_new(MDSCOPE_CMD_GET_CPU);
	nla_put_u32(m, MDSCOPE_A_CPU, 0);
	nla_put_u32(m, MDSCOPE_A_PLATFORM_ID, 3);
	assert_int_equal(parse(m, &c), -EINVAL);
	assert_non_null(strstr(mds_nl_error(), "PLATFORM_ID"));
}

static void parse_cpu_truncated_message_is_refused(void **state)
{
	struct nlmsghdr h = { .nlmsg_len = NLMSG_HDRLEN + 2, .nlmsg_type = 0x20 };
	struct mds_cpu c;

	assert_int_equal(mds_nl_parse_cpu(&h, &c), -EINVAL);
	assert_string_equal(mds_nl_error(), "malformed reply: message too short");
}

/* ---- info and events --------------------------------------------- */

static void parse_info_fields(void **state)
{
	struct nl_msg *m = msg_new(MDSCOPE_CMD_GET_INFO);
	struct mds_info info;

	nla_put_string(m, MDSCOPE_A_VERSION, "0.1.0-3-gabcdef");
	nla_put_u32(m, MDSCOPE_A_GENERATION, 12);
	nla_put_u32(m, MDSCOPE_A_CPUS_POSSIBLE, 64);
	nla_put_u32(m, MDSCOPE_A_CPUS_ONLINE, 63);
	nla_put_u64(m, MDSCOPE_A_READ_TIME, 42);
	assert_int_equal(mds_nl_parse_info(nlmsg_hdr(m), &info), 0);
	assert_string_equal(info.version, "0.1.0-3-gabcdef");
	assert_int_equal(info.generation, 12);
	assert_int_equal(info.cpus_possible, 64);
	assert_int_equal(info.cpus_online, 63);
	assert_int_equal(info.read_time_ns, 42);
	nlmsg_free(m);

	m = msg_new(MDSCOPE_CMD_GET_INFO);
	put_raw(m, MDSCOPE_A_CPUS_ONLINE, 8);
	assert_int_equal(mds_nl_parse_info(nlmsg_hdr(m), &info), -EINVAL);
	assert_non_null(strstr(mds_nl_error(), "CPUS_ONLINE has 8 bytes"));
	nlmsg_free(m);
}

static void parse_event_with_and_without_cpu(void **state)
{
	struct nl_msg *m = msg_new(MDSCOPE_CMD_GENERATION_NTF);
	struct mds_event ev;

	nla_put_u32(m, MDSCOPE_A_GENERATION, 5);
	nla_put_u32(m, MDSCOPE_A_EVENT, MDSCOPE_EVENT_OFFLINE);
	nla_put_u32(m, MDSCOPE_A_CPU, 3);
	assert_int_equal(mds_nl_parse_event(nlmsg_hdr(m), &ev), 0);
	assert_int_equal(ev.generation, 5);
	assert_int_equal(ev.event, MDSCOPE_EVENT_OFFLINE);
	assert_true(ev.have_cpu);
	assert_int_equal(ev.cpu, 3);
	nlmsg_free(m);

	m = msg_new(MDSCOPE_CMD_GENERATION_NTF);
	nla_put_u32(m, MDSCOPE_A_GENERATION, 6);
	nla_put_u32(m, MDSCOPE_A_EVENT, MDSCOPE_EVENT_REFRESH);
	assert_int_equal(mds_nl_parse_event(nlmsg_hdr(m), &ev), 0);
	assert_false(ev.have_cpu);
	assert_int_equal(ev.event, MDSCOPE_EVENT_REFRESH);
	nlmsg_free(m);

	m = msg_new(MDSCOPE_CMD_GENERATION_NTF);
	nla_put_u32(m, MDSCOPE_A_EVENT, MDSCOPE_EVENT_REFRESH);
	assert_int_equal(mds_nl_parse_event(nlmsg_hdr(m), &ev), -EINVAL);
	assert_non_null(strstr(mds_nl_error(), "GENERATION"));
	nlmsg_free(m);
}

/* ---- extack ----------------------------------------------------- */

static void extack_message_is_read(void **state)
{
	static const char text[] = "mdscope: no such CPU: not a possible CPU on this system";
	char buf[256];

	for (int capped = 0; capped <= 1; capped++) {
		struct nl_msg *m = error_msg(-ENODEV, capped, text, 0);

		mds_nl_extack_text(nlmsg_hdr(m), buf, sizeof(buf));
		/* the module's own "mdscope: " prefix is dropped */
		assert_string_equal(buf, text + strlen("mdscope: "));
		nlmsg_free(m);
	}
}

static void extack_missing_attr_and_none(void **state)
{
	struct nl_msg *m = error_msg(-EINVAL, false, NULL, MDSCOPE_A_CPU);
	char buf[64];

	mds_nl_extack_text(nlmsg_hdr(m), buf, sizeof(buf));
	assert_string_equal(buf, "missing attribute 2");
	nlmsg_free(m);

	m = error_msg(-EPERM, false, NULL, 0);
	nlmsg_hdr(m)->nlmsg_flags &= ~NLM_F_ACK_TLVS;
	mds_nl_extack_text(nlmsg_hdr(m), buf, sizeof(buf));
	assert_string_equal(buf, "");
	nlmsg_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_cpu_all_attrs_land_in_fields),
		cmocka_unit_test(parse_cpu_never_read_has_only_cpu_and_online),
		cmocka_unit_test(parse_cpu_without_cpu_is_refused),
		cmocka_unit_test(parse_cpu_wrong_sizes_are_refused),
		cmocka_unit_test(parse_cpu_bad_vendor_string_is_refused),
		cmocka_unit_test(parse_cpu_unknown_attrs_are_ignored),
		cmocka_unit_test(parse_cpu_reg_states),
		cmocka_unit_test(parse_cpu_bad_reg_nests_are_refused),
		cmocka_unit_test(parse_cpu_truncated_message_is_refused),
		cmocka_unit_test(parse_info_fields),
		cmocka_unit_test(parse_event_with_and_without_cpu),
		cmocka_unit_test(extack_message_is_read),
		cmocka_unit_test(extack_missing_attr_and_none),
	};

	return cmocka_run_group_tests_name("nl_parse", tests, NULL, NULL);
}
