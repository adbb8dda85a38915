// SPDX-License-Identifier: GPL-2.0
/*
 * nl.c: requests and the error path, with libnl's send/receive replaced at
 * the seam, so a dump can be interrupted, refused or malformed on demand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../userspace/collect/nl.c"
#include "nl_msgs.h"

const char *prog = "mdscope";

static void error_callback_keeps_errno_and_text(void **state)
{
	struct nl_msg *m = error_msg(-ENODEV, false, "no such CPU", 0);
	struct req r = { 0 };

	mds_nl_errmsg[0] = '\0';
	assert_int_equal(on_error(NULL, nlmsg_data(nlmsg_hdr(m)), &r), NL_STOP);
	assert_int_equal(r.kerr, ENODEV);
	assert_string_equal(mds_nl_error(), "no such CPU");
	nlmsg_free(m);
}

/* ---- without a kernel ---------------------------------------------- */

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
 * message to the error callback, NLM_F_DUMP_INTR reported at the end,
 * else the ACK or DONE callback).
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
	nl_recvmsg_msg_cb_t valid, end;
	void *valid_arg, *end_arg;
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
	} else if (t == NL_CB_ACK || t == NL_CB_FINISH) {
		sc.end = fn;
		sc.end_arg = arg;
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
	if (a->intr)
		return -NLE_DUMP_INTR;
	if (sc.end)	/* the ACK or DONE that ends every attempt */
		sc.end(NULL, sc.end_arg);
	return 0;
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
	struct mds_nl_stats st;
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
	mds_nl_stats(&st);
	assert_int_equal(st.messages, 3);
	assert_int_equal(st.attempts, 2);
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
