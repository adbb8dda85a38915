// SPDX-License-Identifier: GPL-2.0
/*
 * nlprobe: send hand-made requests to the "mdscope" generic netlink family
 * and print what the kernel answered, including its extack text. The VM
 * tests use it for the requests `mdscope` never sends (malformed, out of
 * range) and the benchmark for in-process timings.
 *
 *   nlprobe get CPU        GET_CPU do for CPU
 *   nlprobe get-nocpu      GET_CPU do without the CPU attribute
 *   nlprobe get-unknown    GET_CPU do with CPU 0 and an attribute above the max
 *   nlprobe get-badlen     GET_CPU do with a 2-byte CPU attribute
 *   nlprobe info           GET_INFO
 *   nlprobe refresh [N]    REFRESH, N times
 *   nlprobe dump [N]       GET_CPU dump, N times
 *   nlprobe dump-check N   N dumps, each checked: every CPU once and in order,
 *                          and records of mixed generations only in a dump
 *                          flagged NLM_F_DUMP_INTR
 *   nlprobe listen N SEC   print N multicast events, waiting at most SEC seconds
 *   nlprobe now            print CLOCK_MONOTONIC in ns (for timing shell loops)
 *
 * One line per request: "<what>: ok ..." or "<what>: error <errno> <NAME>
 * msg=\"<extack>\" miss_type=<n>". Exit 0 when the kernel accepted every
 * request, 1 when it refused one, 2 when the probe itself failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <linux/mdscope.h>

struct result {
	int err;		/* positive errno from the kernel, 0 if none */
	char msg[256];		/* NLMSGERR_ATTR_MSG */
	long miss_type;		/* NLMSGERR_ATTR_MISS_TYPE, -1 if absent */
	long records, done, intr, datagrams;
	long generation;	/* from the last reply, -1 if none */
	long last_cpu, bad_order;	/* CPU numbers must rise through a dump */
	long gen_min, gen_max;		/* record generations seen in a dump */
};

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct result *r = arg;
	struct nlattr *a;
	size_t off = sizeof(*e);
	int len, rem;

	(void)nla;
	r->err = -e->error;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NL_STOP;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - sizeof(e->msg);
	len = (int)nlh->nlmsg_len - NLMSG_HDRLEN - (int)off;
	nla_for_each_attr(a, (struct nlattr *)((char *)e + off), len, rem) {
		if (nla_type(a) == NLMSGERR_ATTR_MSG)
			snprintf(r->msg, sizeof(r->msg), "%.*s", nla_len(a), (char *)nla_data(a));
		else if (nla_type(a) == NLMSGERR_ATTR_MISS_TYPE)
			r->miss_type = nla_get_u32(a);
	}
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[MDSCOPE_A_MAX + 1];
	struct result *r = arg;

	r->records++;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, MDSCOPE_A_MAX, NULL) < 0)
		return NL_OK;
	if (tb[MDSCOPE_A_GENERATION]) {
		r->generation = nla_get_u32(tb[MDSCOPE_A_GENERATION]);
		if (r->gen_min < 0 || r->generation < r->gen_min)
			r->gen_min = r->generation;
		if (r->generation > r->gen_max)
			r->gen_max = r->generation;
	}
	if (tb[MDSCOPE_A_CPU]) {
		long cpu = nla_get_u32(tb[MDSCOPE_A_CPU]);

		if (cpu <= r->last_cpu)
			r->bad_order++;
		r->last_cpu = cpu;
	}
	return NL_OK;
}

static int on_finish(struct nl_msg *msg, void *arg)
{
	(void)msg;
	((struct result *)arg)->done++;
	return NL_STOP;
}

static int on_intr(struct nl_msg *msg, void *arg)
{
	(void)msg;
	((struct result *)arg)->intr++;
	return NL_OK;
}

static struct result *counting;

static int count_recv(struct nl_sock *sk, struct sockaddr_nl *nla, unsigned char **buf,
		      struct ucred **creds)
{
	int n = nl_recv(sk, nla, buf, creds);

	if (n > 0 && counting)
		counting->datagrams++;
	return n;
}

static struct nl_sock *sk;
static int family;

static int open_family(void)
{
	int one = 1;

	sk = nl_socket_alloc();
	if (!sk || genl_connect(sk)) {
		fprintf(stderr, "nlprobe: cannot open a generic netlink socket\n");
		return -1;
	}
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	family = genl_ctrl_resolve(sk, MDSCOPE_FAMILY_NAME);
	if (family < 0) {
		fprintf(stderr, "nlprobe: family %s: %s\n", MDSCOPE_FAMILY_NAME, nl_geterror(family));
		return -1;
	}
	return 0;
}

/* What each request puts in its message. */
enum body { B_NONE, B_CPU, B_UNKNOWN, B_BADLEN };

/* request: send one message and read every answer into r. */
static int request(int cmd, int flags, enum body body, unsigned int cpu, struct result *r)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	uint16_t half = 0;
	int err = -1;

	memset(r, 0, sizeof(*r));
	r->miss_type = -1;
	r->generation = -1;
	r->last_cpu = -1;
	r->gen_min = -1;
	if (!msg || !cb)
		goto out;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags, cmd,
			 MDSCOPE_FAMILY_VERSION))
		goto out;
	if ((body == B_CPU || body == B_UNKNOWN) && nla_put_u32(msg, MDSCOPE_A_CPU, cpu))
		goto out;
	if (body == B_UNKNOWN && nla_put_u32(msg, MDSCOPE_A_MAX + 1, 0))
		goto out;
	if (body == B_BADLEN && nla_put(msg, MDSCOPE_A_CPU, sizeof(half), &half))
		goto out;
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, r);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, r);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, r);
	nl_cb_set(cb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, on_intr, r);
	nl_cb_overwrite_recv(cb, count_recv);
	counting = r;
	if (nl_send_auto(sk, msg) < 0)
		goto out;
	/* A do ends with its one reply or an error; a dump with DONE. */
	do {
		err = nl_recvmsgs(sk, cb);
	} while (err >= 0 && !r->err && (flags & NLM_F_DUMP) && !r->done);
	err = r->err ? 1 : (err < 0 && !r->err ? -1 : 0);
out:
	counting = NULL;
	nl_cb_put(cb);
	nlmsg_free(msg);
	return err;
}

static void print_result(const char *what, const struct result *r)
{
	if (!r->err) {
		printf("%s: ok records=%ld generation=%ld\n", what, r->records, r->generation);
		return;
	}
	printf("%s: error %d %s msg=\"%s\"", what, r->err, strerrorname_np(r->err), r->msg);
	if (r->miss_type >= 0)
		printf(" miss_type=%ld", r->miss_type);
	printf("\n");
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* repeat: run one request n times; print the last result and the mean time. */
static int repeat(const char *what, int cmd, int flags, long n)
{
	struct result r;
	double t0 = now();
	int err = 0;

	for (long i = 0; i < n && !err; i++)
		err = request(cmd, flags, B_NONE, 0, &r);
	if (err < 0)
		return 2;
	if (err > 0) {
		print_result(what, &r);
		return 1;
	}
	printf("%s: ok records=%ld done=%ld intr=%ld datagrams=%ld generation=%ld runs=%ld us_per_run=%.1f\n",
	       what, r.records, r.done, r.intr, r.datagrams, r.generation, n,
	       (now() - t0) * 1e6 / n);
	return 0;
}

/* dump_check: n dumps; count the incomplete, misordered and mixed ones. */
static int dump_check(long n)
{
	long complete = 0, intr = 0, mixed_unflagged = 0, bad = 0, records = -1;
	struct result r;

	for (long i = 0; i < n; i++) {
		if (request(MDSCOPE_CMD_GET_CPU, NLM_F_DUMP, B_NONE, 0, &r))
			return 2;
		if (records < 0)
			records = r.records;
		if (r.done == 1 && !r.bad_order && r.records == records)
			complete++;
		else
			bad++;
		if (r.intr)
			intr++;
		else if (r.gen_min != r.gen_max)
			mixed_unflagged++;
	}
	printf("dump-check: runs=%ld records=%ld complete=%ld bad=%ld intr=%ld mixed_unflagged=%ld\n",
	       n, records, complete, bad, intr, mixed_unflagged);
	return bad || mixed_unflagged ? 1 : 0;
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[MDSCOPE_A_MAX + 1];
	long *left = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, MDSCOPE_A_MAX, NULL) < 0)
		return NL_SKIP;
	printf("event generation=%u event=%u cpu=%ld\n",
	       tb[MDSCOPE_A_GENERATION] ? nla_get_u32(tb[MDSCOPE_A_GENERATION]) : 0,
	       tb[MDSCOPE_A_EVENT] ? nla_get_u32(tb[MDSCOPE_A_EVENT]) : 0,
	       tb[MDSCOPE_A_CPU] ? (long)nla_get_u32(tb[MDSCOPE_A_CPU]) : -1L);
	fflush(stdout);
	(*left)--;
	return NL_OK;
}

static int listen_events(long n, int seconds)
{
	int grp = genl_ctrl_resolve_grp(sk, MDSCOPE_FAMILY_NAME, MDSCOPE_MCGRP_EVENTS);
	double end = now() + seconds;
	struct pollfd pfd;

	if (grp < 0 || nl_socket_add_membership(sk, grp) < 0) {
		fprintf(stderr, "nlprobe: cannot join group %s\n", MDSCOPE_MCGRP_EVENTS);
		return 2;
	}
	nl_socket_disable_seq_check(sk);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_event, &n);
	printf("listening\n");
	fflush(stdout);
	pfd.fd = nl_socket_get_fd(sk);
	pfd.events = POLLIN;
	while (n > 0 && now() < end) {
		if (poll(&pfd, 1, (int)((end - now()) * 1000) + 1) > 0)
			nl_recvmsgs_default(sk);
	}
	return n > 0 ? 1 : 0;
}

int main(int argc, char *argv[])
{
	static const struct {
		const char *name;
		enum body body;
	} gets[] = {
		{ "get-nocpu", B_NONE },
		{ "get-unknown", B_UNKNOWN },
		{ "get-badlen", B_BADLEN },
	};
	const char *what = argc > 1 ? argv[1] : "";
	long n = argc > 2 ? strtol(argv[2], NULL, 0) : 1;
	struct result r;
	int err;

	if (argc < 2 || (strcmp(what, "get") && n < 1)) {
		fprintf(stderr, "usage: nlprobe get CPU|get-nocpu|get-unknown|get-badlen|info|"
			"refresh [N]|dump [N]|dump-check N|listen N SEC|now\n");
		return 2;
	}
	if (!strcmp(what, "now")) {
		printf("%.0f\n", now() * 1e9);
		return 0;
	}
	if (open_family())
		return 2;
	if (!strcmp(what, "dump"))
		return repeat(what, MDSCOPE_CMD_GET_CPU, NLM_F_DUMP, n);
	if (!strcmp(what, "refresh"))
		return repeat(what, MDSCOPE_CMD_REFRESH, 0, n);
	if (!strcmp(what, "dump-check"))
		return dump_check(n);
	if (!strcmp(what, "info"))
		return repeat(what, MDSCOPE_CMD_GET_INFO, 0, 1);
	if (!strcmp(what, "listen"))
		return listen_events(n, argc > 3 ? atoi(argv[3]) : 10);
	if (!strcmp(what, "get") && argc > 2) {
		err = request(MDSCOPE_CMD_GET_CPU, 0, B_CPU, strtoul(argv[2], NULL, 0), &r);
		goto done;
	}
	for (size_t i = 0; i < sizeof(gets) / sizeof(gets[0]); i++) {
		if (!strcmp(what, gets[i].name)) {
			err = request(MDSCOPE_CMD_GET_CPU, 0, gets[i].body, 0, &r);
			goto done;
		}
	}
	fprintf(stderr, "nlprobe: unknown request '%s'\n", what);
	return 2;
done:
	if (err < 0) {
		fprintf(stderr, "nlprobe: %s: no answer from the kernel\n", what);
		return 2;
	}
	print_result(what, &r);
	return err;
}
