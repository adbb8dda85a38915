// SPDX-License-Identifier: GPL-2.0
/*
 * mdscope generic netlink client: the only file that talks to the family.
 * One socket with NETLINK_EXT_ACK on, every request with NLM_F_ACK, 32 KiB
 * buffers, dumps retried when the kernel flags them interrupted; replies
 * become records in nl_parse.c.
 */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#include "nl.h"
#include "nl_parse.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define MDS_NL_BUFSIZE	(32 * 1024)
#define MDS_DUMP_TRIES	5

static struct nl_sock *sock;
static int family_id = -1;
static struct mds_nl_stats stats;

/* ---- the socket and its requests ----------------------------------- */

static int nle_to_errno(int nle)
{
	static const struct {
		int nle, err;
	} map[] = {
		{ NLE_NOMEM, ENOMEM }, { NLE_OBJ_NOTFOUND, ENOENT }, { NLE_PERM, EPERM },
		{ NLE_NOACCESS, EACCES }, { NLE_AGAIN, EAGAIN }, { NLE_INTR, EINTR },
		{ NLE_DUMP_INTR, EAGAIN }, { NLE_INVAL, EINVAL }, { NLE_RANGE, ERANGE },
		{ NLE_NODEV, ENODEV }, { NLE_BUSY, EBUSY }, { NLE_OPNOTSUPP, EOPNOTSUPP },
		{ NLE_MSG_TRUNC, EMSGSIZE }, { NLE_SEQ_MISMATCH, EPROTO },
		{ NLE_PROTO_MISMATCH, EPROTONOSUPPORT }, { NLE_BAD_SOCK, EBADF },
	};

	if (nle < 0)
		nle = -nle;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].nle == nle)
			return -map[i].err;
	return -EIO;
}

/* State of one request while its replies come in. */
struct req {
	int kerr;		/* positive errno from the kernel */
	int perr;		/* -errno from parsing a reply */
	int (*on_reply)(const struct nlmsghdr *nlh, struct req *r);
	void *out;
	size_t n, cap;		/* dumps: records so far */
	bool done;		/* the ACK (do) or NLMSG_DONE (dump) arrived */
};

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct req *r = arg;

	r->kerr = -e->error;
	mds_nl_extack_text((const struct nlmsghdr *)((const char *)e - NLMSG_HDRLEN),
			   mds_nl_errmsg, sizeof(mds_nl_errmsg));
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;
	int err;

	stats.messages++;
	if (r->perr)
		return NL_SKIP;		/* keep reading to the end */
	err = r->on_reply(nlmsg_hdr(msg), r);
	if (err)
		r->perr = err;
	return NL_OK;
}

/* The end of a request: the ACK after a do's reply, or a dump's DONE. */
static int on_end(struct nl_msg *msg, void *arg)
{
	((struct req *)arg)->done = true;
	return NL_STOP;
}

/*
 * Send cmd (cpu < 0: without MDSCOPE_A_CPU) and feed each reply to r, up
 * to the request's end: a do's ACK comes in a datagram of its own after
 * the reply, and left unread it would end the next request on the socket.
 */
static int request(uint8_t cmd, int flags, int64_t cpu, struct req *r)
{
	struct nl_msg *msg;
	struct nl_cb *cb;
	int err;

	if (!sock)
		return -ENOTCONN;
	mds_nl_errmsg[0] = '\0';
	msg = nlmsg_alloc();
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!msg || !cb) {
		err = -ENOMEM;
		goto out;
	}
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family_id, 0,
			 flags | NLM_F_ACK, cmd, MDSCOPE_FAMILY_VERSION) ||
	    (cpu >= 0 && nla_put_u32(msg, MDSCOPE_A_CPU, (uint32_t)cpu) < 0)) {
		err = -ENOMEM;
		goto out;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_end, r);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_end, r);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, r);
	err = nl_send_auto(sock, msg);
	while (err >= 0 && !r->done && !r->kerr)
		err = nl_recvmsgs(sock, cb);
	if (r->kerr)
		err = -r->kerr;
	else if (err == -NLE_DUMP_INTR)
		err = -EINTR;	/* the caller retries */
	else if (err < 0)
		err = nle_to_errno(err);
	else
		err = r->perr;
out:
	nl_cb_put(cb);
	nlmsg_free(msg);
	return err;
}

static int reply_cpu(const struct nlmsghdr *nlh, struct req *r)
{
	struct mds_cpu *v;

	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 64;

		v = realloc(r->out, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		r->out = v;
		r->cap = cap;
	}
	v = r->out;
	if (((struct genlmsghdr *)nlmsg_data(nlh))->cmd != MDSCOPE_CMD_GET_CPU)
		return 0;
	return mds_nl_parse_cpu(nlh, &v[r->n++]);
}

static int reply_info(const struct nlmsghdr *nlh, struct req *r)
{
	r->n++;
	return mds_nl_parse_info(nlh, r->out);
}

int mds_nl_dump_cpus(mds_cpu_cb cb, void *arg)
{
	struct req r;
	int err;

	for (int i = 0; i < MDS_DUMP_TRIES; i++) {
		r = (struct req){ .on_reply = reply_cpu };
		stats = (struct mds_nl_stats){ .attempts = i + 1 };
		err = request(MDSCOPE_CMD_GET_CPU, NLM_F_DUMP, -1, &r);
		if (err != -EINTR)
			break;
		free(r.out);
		r.out = NULL;
	}
	if (err == -EINTR) {
		snprintf(mds_nl_errmsg, sizeof(mds_nl_errmsg),
			 "the dump was interrupted %d times by CPU hotplug or refresh",
			 MDS_DUMP_TRIES);
		err = -EAGAIN;
	}
	for (size_t i = 0; !err && i < r.n; i++)
		err = cb(&((struct mds_cpu *)r.out)[i], arg);
	free(r.out);
	return err;
}

int mds_nl_get_cpu(uint32_t cpu, struct mds_cpu *rec)
{
	struct req r = { .on_reply = reply_cpu };
	int err;

	err = request(MDSCOPE_CMD_GET_CPU, 0, cpu, &r);
	if (!err && r.n != 1) {
		snprintf(mds_nl_errmsg, sizeof(mds_nl_errmsg),
			 "the module sent %zu records for one CPU", r.n);
		err = -EPROTO;
	}
	if (!err)
		*rec = *(struct mds_cpu *)r.out;
	free(r.out);
	return err;
}

static int info_cmd(uint8_t cmd, struct mds_info *info)
{
	struct req r = { .on_reply = reply_info, .out = info };
	int err;

	err = request(cmd, 0, -1, &r);
	if (!err && r.n != 1) {
		snprintf(mds_nl_errmsg, sizeof(mds_nl_errmsg), "the module sent no reply");
		err = -EPROTO;
	}
	return err;
}

int mds_nl_info(struct mds_info *info)
{
	return info_cmd(MDSCOPE_CMD_GET_INFO, info);
}

int mds_nl_refresh(struct mds_info *info)
{
	return info_cmd(MDSCOPE_CMD_REFRESH, info);
}

static struct nl_sock *sock_new(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	int one = 1;

	if (!sk)
		return NULL;
	if (genl_connect(sk) < 0) {
		nl_socket_free(sk);
		return NULL;
	}
	nl_socket_set_buffer_size(sk, MDS_NL_BUFSIZE, MDS_NL_BUFSIZE);
	nl_socket_set_msg_buf_size(sk, MDS_NL_BUFSIZE);
	/* Old kernels lack extack; errors then carry only their errno. */
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	return sk;
}

int mds_nl_open(void)
{
	int id;

	if (sock)
		return 0;
	mds_nl_errmsg[0] = '\0';
	sock = sock_new();
	if (!sock)
		return -errno ?: -ENOMEM;
	id = genl_ctrl_resolve(sock, MDSCOPE_FAMILY_NAME);
	if (id < 0) {
		mds_nl_close();
		return nle_to_errno(id);
	}
	family_id = id;
	return 0;
}

void mds_nl_close(void)
{
	nl_socket_free(sock);
	sock = NULL;
	family_id = -1;
}

/* ---- multicast ------------------------------------------------------ */

struct mon {
	mds_event_cb cb;
	void *arg;
	int ret;
	int perr;
};

static int on_event(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct mon *m = arg;
	struct mds_event ev;

	if (!genlmsg_valid_hdr(nlh, 0) ||
	    ((struct genlmsghdr *)nlmsg_data(nlh))->cmd != MDSCOPE_CMD_GENERATION_NTF)
		return NL_SKIP;
	m->perr = mds_nl_parse_event(nlh, &ev);
	if (m->perr)
		return NL_STOP;
	m->ret = m->cb(&ev, m->arg);
	return m->ret ? NL_STOP : NL_OK;
}

/* Multicast messages carry sequence number 0. */
static int no_seq_check(struct nl_msg *msg, void *arg)
{
	return NL_OK;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int mds_nl_monitor(mds_event_cb cb, void *arg, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;
	struct mon m = { .cb = cb, .arg = arg };
	struct nl_sock *sk;
	struct nl_cb *ncb;
	int grp, err = 0;

	mds_nl_errmsg[0] = '\0';
	sk = sock_new();
	if (!sk)
		return -errno ?: -ENOMEM;
	ncb = nl_cb_alloc(NL_CB_DEFAULT);
	grp = genl_ctrl_resolve_grp(sk, MDSCOPE_FAMILY_NAME, MDSCOPE_MCGRP_EVENTS);
	if (!ncb || grp < 0) {
		err = ncb ? nle_to_errno(grp) : -ENOMEM;
		goto out;
	}
	err = nl_socket_add_membership(sk, grp);
	if (err < 0) {
		err = nle_to_errno(err);
		goto out;
	}
	nl_cb_set(ncb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, no_seq_check, NULL);
	nl_cb_set(ncb, NL_CB_VALID, NL_CB_CUSTOM, on_event, &m);
	while (!m.ret && !m.perr) {
		struct pollfd pfd = { .fd = nl_socket_get_fd(sk), .events = POLLIN };
		long long left = timeout_ms < 0 ? -1 : deadline - now_ms();

		if (timeout_ms >= 0 && left <= 0) {
			err = -ETIMEDOUT;
			break;
		}
		err = poll(&pfd, 1, (int)left);
		if (err < 0 && errno == EINTR)
			continue;
		if (err < 0) {
			err = -errno;
			break;
		}
		if (!err)
			continue;
		err = nl_recvmsgs(sk, ncb);
		if (err < 0 && !m.ret && !m.perr) {
			err = nle_to_errno(err);
			break;
		}
		err = 0;
	}
	if (m.perr)
		err = m.perr;
	else if (m.ret)
		err = m.ret;
out:
	nl_cb_put(ncb);
	nl_socket_free(sk);
	return err;
}

const char *mds_nl_error(void)
{
	return mds_nl_errmsg;
}

void mds_nl_stats(struct mds_nl_stats *st)
{
	*st = stats;
}
