// SPDX-License-Identifier: GPL-2.0
/*
 * nl.c: replies built in memory with libnl (as the module would send them,
 * and malformed) go through the same parsers the client uses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../userspace/nl.c"

const char *prog = "mdscope";

/* ---- building messages ------------------------------------------------ */

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

static int parse(struct nl_msg *m, struct mds_cpu *rec)
{
	int err;

	errmsg[0] = '\0';
	err = mds_nl_parse_cpu(nlmsg_hdr(m), rec);
	nlmsg_free(m);
	return err;
}

/* Append a raw attribute of any length (what a broken sender would do). */
static void put_raw(struct nl_msg *m, int type, size_t len)
{
	char buf[16] = { 0 };

	assert_true(len <= sizeof(buf));
	assert_int_equal(nla_put(m, type, len, buf), 0);
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

static void extack_message_is_read(void **state)
{
	static const char text[] = "mdscope: no such CPU: not a possible CPU on this system";
	char buf[256];

	for (int capped = 0; capped <= 1; capped++) {
		struct nl_msg *m = error_msg(-ENODEV, capped, text, 0);

		extack_text(nlmsg_hdr(m), buf, sizeof(buf));
		/* the module's own "mdscope: " prefix is dropped */
		assert_string_equal(buf, text + strlen("mdscope: "));
		nlmsg_free(m);
	}
}

static void extack_missing_attr_and_none(void **state)
{
	struct nl_msg *m = error_msg(-EINVAL, false, NULL, MDSCOPE_A_CPU);
	char buf[64];

	extack_text(nlmsg_hdr(m), buf, sizeof(buf));
	assert_string_equal(buf, "missing attribute 2");
	nlmsg_free(m);

	m = error_msg(-EPERM, false, NULL, 0);
	nlmsg_hdr(m)->nlmsg_flags &= ~NLM_F_ACK_TLVS;
	extack_text(nlmsg_hdr(m), buf, sizeof(buf));
	assert_string_equal(buf, "");
	nlmsg_free(m);
}

static void error_callback_keeps_errno_and_text(void **state)
{
	struct nl_msg *m = error_msg(-ENODEV, false, "no such CPU", 0);
	struct req r = { 0 };

	errmsg[0] = '\0';
	assert_int_equal(on_error(NULL, nlmsg_data(nlmsg_hdr(m)), &r), NL_STOP);
	assert_int_equal(r.kerr, ENODEV);
	assert_string_equal(mds_nl_error(), "no such CPU");
	nlmsg_free(m);
}

/* ---- the rest ----------------------------------------------------- */

static void nle_codes_map_to_errno(void **state)
{
	assert_int_equal(nle_to_errno(-NLE_OBJ_NOTFOUND), -ENOENT);
	assert_int_equal(nle_to_errno(-NLE_PERM), -EPERM);
	assert_int_equal(nle_to_errno(-NLE_NOMEM), -ENOMEM);
	assert_int_equal(nle_to_errno(-NLE_DUMP_INTR), -EAGAIN);
	assert_int_equal(nle_to_errno(-NLE_FAILURE), -EIO);
}

static int count_cb(const struct mds_cpu *c, void *arg)
{
	++*(int *)arg;
	return 0;
}

static void requests_without_socket_fail_cleanly(void **state)
{
	struct mds_info info;
	struct mds_cpu c;
	int n = 0;

	assert_int_equal(mds_nl_dump_cpus(count_cb, &n), -ENOTCONN);
	assert_int_equal(n, 0);
	assert_int_equal(mds_nl_get_cpu(0, &c), -ENOTCONN);
	assert_int_equal(mds_nl_info(&info), -ENOTCONN);
	assert_int_equal(mds_nl_refresh(&info), -ENOTCONN);
}

/* Dump replies are collected, filtered by command, and counted. */
static void reply_cpu_collects_records(void **state)
{
	struct req r = { .on_reply = reply_cpu };
	struct nl_msg *other = msg_new(MDSCOPE_CMD_GET_INFO);

	for (uint32_t i = 0; i < 100; i++) {
		struct nl_msg *m = full_cpu(i);

		assert_int_equal(reply_cpu(nlmsg_hdr(m), &r), 0);
		nlmsg_free(m);
	}
	assert_int_equal(reply_cpu(nlmsg_hdr(other), &r), 0);
	assert_int_equal(r.n, 100);
	assert_int_equal(((struct mds_cpu *)r.out)[99].cpu, 99);
	free(r.out);
	nlmsg_free(other);
}

/* ---- requests, with libnl's send/receive replaced at the seam ---------- */

/*
 * EXTRA_LDFLAGS_nl wraps nl_send_auto, nl_recvmsgs, nl_cb_set and nl_cb_err:
 * each nl_recvmsgs() plays one scripted "attempt" through the callbacks
 * request() installed, the way libnl would (valid messages, an error
 * message to the error callback, NLM_F_DUMP_INTR reported at the end).
 */
struct attempt {
	struct nl_msg *msgs[8];
	int n;
	bool intr;
};

static struct {
	struct attempt a[8];
	int n, cur, sends;
	uint8_t cmd;
	int flags;
	int64_t cpu;
	nl_recvmsg_msg_cb_t valid;
	void *valid_arg;
	nl_recvmsg_err_cb_t err;
	void *err_arg;
} sc;

static char fake_sock;

int __real_nl_cb_set(struct nl_cb *, enum nl_cb_type, enum nl_cb_kind, nl_recvmsg_msg_cb_t, void *);
int __real_nl_cb_err(struct nl_cb *, enum nl_cb_kind, nl_recvmsg_err_cb_t, void *);

int __wrap_nl_cb_set(struct nl_cb *cb, enum nl_cb_type t, enum nl_cb_kind k,
		     nl_recvmsg_msg_cb_t fn, void *arg)
{
	if (t == NL_CB_VALID) {
		sc.valid = fn;
		sc.valid_arg = arg;
	}
	return __real_nl_cb_set(cb, t, k, fn, arg);
}

int __wrap_nl_cb_err(struct nl_cb *cb, enum nl_cb_kind k, nl_recvmsg_err_cb_t fn, void *arg)
{
	sc.err = fn;
	sc.err_arg = arg;
	return __real_nl_cb_err(cb, k, fn, arg);
}

int __wrap_nl_send_auto(struct nl_sock *sk, struct nl_msg *msg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *cpu;

	assert_ptr_equal(sk, &fake_sock);
	sc.sends++;
	sc.cmd = ((struct genlmsghdr *)nlmsg_data(nlh))->cmd;
	sc.flags = nlh->nlmsg_flags;
	cpu = nlmsg_find_attr(nlh, GENL_HDRLEN, MDSCOPE_A_CPU);
	sc.cpu = cpu ? (int64_t)nla_get_u32(cpu) : -1;
	return 0;
}

int __wrap_nl_recvmsgs(struct nl_sock *sk, struct nl_cb *cb)
{
	struct attempt *a;

	assert_true(sc.cur < sc.n);
	a = &sc.a[sc.cur++];
	for (int i = 0; i < a->n; i++) {
		struct nlmsghdr *nlh = nlmsg_hdr(a->msgs[i]);

		if (nlh->nlmsg_type == NLMSG_ERROR) {
			if (sc.err(NULL, nlmsg_data(nlh), sc.err_arg) == NL_STOP)
				return -NLE_FAILURE;
			continue;
		}
		if (sc.valid(a->msgs[i], sc.valid_arg) == NL_STOP)
			break;
	}
	return a->intr ? -NLE_DUMP_INTR : 0;
}

static int script_setup(void **state)
{
	memset(&sc, 0, sizeof(sc));
	sock = (struct nl_sock *)&fake_sock;
	return 0;
}

static int script_teardown(void **state)
{
	for (int i = 0; i < sc.n; i++)
		for (int j = 0; j < sc.a[i].n; j++)
			nlmsg_free(sc.a[i].msgs[j]);
	sock = NULL;
	return 0;
}

static void add_attempt(bool intr, int n, ...)
{
	struct attempt *a = &sc.a[sc.n++];
	va_list ap;

	a->intr = intr;
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		a->msgs[a->n++] = va_arg(ap, struct nl_msg *);
	va_end(ap);
}

struct seen {
	uint32_t cpus[16];
	int n, stop_at;
};

static int seen_cb(const struct mds_cpu *c, void *arg)
{
	struct seen *s = arg;

	s->cpus[s->n++] = c->cpu;
	return s->stop_at && s->n == s->stop_at ? -ECANCELED : 0;
}

static void dump_retries_when_interrupted(void **state)
{
	struct seen s = { 0 };

	add_attempt(true, 2, full_cpu(0), full_cpu(1));
	add_attempt(false, 3, full_cpu(0), full_cpu(1), full_cpu(2));
	assert_int_equal(mds_nl_dump_cpus(seen_cb, &s), 0);
	assert_int_equal(sc.sends, 2);
	assert_int_equal(sc.cmd, MDSCOPE_CMD_GET_CPU);
	assert_int_equal(sc.flags & (NLM_F_DUMP | NLM_F_ACK), NLM_F_DUMP | NLM_F_ACK);
	assert_int_equal(sc.cpu, -1);
	assert_int_equal(s.n, 3);	/* nothing from the interrupted attempt */
	assert_int_equal(s.cpus[2], 2);
	assert_int_equal(mds_nl_dump_messages(), 3);
}

static void dump_gives_up_after_five_interruptions(void **state)
{
	struct seen s = { 0 };

	for (int i = 0; i < MDS_DUMP_TRIES; i++)
		add_attempt(true, 1, full_cpu(0));
	assert_int_equal(mds_nl_dump_cpus(seen_cb, &s), -EAGAIN);
	assert_int_equal(sc.sends, 5);
	assert_int_equal(s.n, 0);
	assert_string_equal(mds_nl_error(),
			    "the dump was interrupted 5 times by CPU hotplug or refresh");
}

static void dump_callback_can_stop(void **state)
{
	struct seen s = { .stop_at = 2 };

	add_attempt(false, 3, full_cpu(0), full_cpu(1), full_cpu(2));
	assert_int_equal(mds_nl_dump_cpus(seen_cb, &s), -ECANCELED);
	assert_int_equal(s.n, 2);
}

static void dump_malformed_record_fails_whole_dump(void **state)
{
	struct nl_msg *bad = msg_new(MDSCOPE_CMD_GET_CPU);
	struct seen s = { 0 };

	nla_put_u32(bad, MDSCOPE_A_CPU, 1);
	put_raw(bad, MDSCOPE_A_SIGNATURE, 8);
	add_attempt(false, 3, full_cpu(0), bad, full_cpu(2));
	assert_int_equal(mds_nl_dump_cpus(seen_cb, &s), -EINVAL);
	assert_int_equal(s.n, 0);
	assert_string_equal(mds_nl_error(),
			    "malformed reply: attribute SIGNATURE has 8 bytes, expected 4");
}

static void get_cpu_kernel_error_keeps_extack(void **state)
{
	struct mds_cpu c;

	add_attempt(false, 1, error_msg(-ENODEV, false,
					"mdscope: no such CPU: not a possible CPU on this system", 0));
	assert_int_equal(mds_nl_get_cpu(4096, &c), -ENODEV);
	assert_int_equal(sc.cmd, MDSCOPE_CMD_GET_CPU);
	assert_int_equal(sc.cpu, 4096);
	assert_int_equal(sc.flags & (NLM_F_DUMP | NLM_F_ACK), NLM_F_ACK);
	assert_string_equal(mds_nl_error(), "no such CPU: not a possible CPU on this system");
}

static void get_cpu_one_record(void **state)
{
	struct mds_cpu c;

	add_attempt(false, 1, full_cpu(5));
	assert_int_equal(mds_nl_get_cpu(5, &c), 0);
	assert_int_equal(c.cpu, 5);
	assert_int_equal(c.signature, 0x50657);
	assert_string_equal(mds_nl_error(), "");

	add_attempt(false, 0);
	assert_int_equal(mds_nl_get_cpu(5, &c), -EPROTO);
}

static void info_and_refresh_requests(void **state)
{
	struct nl_msg *m = msg_new(MDSCOPE_CMD_REFRESH);
	struct mds_info info;

	nla_put_u32(m, MDSCOPE_A_GENERATION, 8);
	add_attempt(false, 1, m);
	add_attempt(false, 1, error_msg(-EPERM, true, NULL, 0));
	assert_int_equal(mds_nl_refresh(&info), 0);
	assert_int_equal(sc.cmd, MDSCOPE_CMD_REFRESH);
	assert_int_equal(sc.cpu, -1);
	assert_int_equal(info.generation, 8);
	assert_int_equal(mds_nl_info(&info), -EPERM);
	assert_int_equal(sc.cmd, MDSCOPE_CMD_GET_INFO);
	assert_string_equal(mds_nl_error(), "");
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
		cmocka_unit_test(error_callback_keeps_errno_and_text),
		cmocka_unit_test(nle_codes_map_to_errno),
		cmocka_unit_test(requests_without_socket_fail_cleanly),
		cmocka_unit_test(reply_cpu_collects_records),
		cmocka_unit_test_setup_teardown(dump_retries_when_interrupted, script_setup, script_teardown),
		cmocka_unit_test_setup_teardown(dump_gives_up_after_five_interruptions, script_setup, script_teardown),
		cmocka_unit_test_setup_teardown(dump_callback_can_stop, script_setup, script_teardown),
		cmocka_unit_test_setup_teardown(dump_malformed_record_fails_whole_dump, script_setup, script_teardown),
		cmocka_unit_test_setup_teardown(get_cpu_kernel_error_keeps_extack, script_setup, script_teardown),
		cmocka_unit_test_setup_teardown(get_cpu_one_record, script_setup, script_teardown),
		cmocka_unit_test_setup_teardown(info_and_refresh_requests, script_setup, script_teardown),
	};

	return cmocka_run_group_tests_name("nl", tests, NULL, NULL);
}
