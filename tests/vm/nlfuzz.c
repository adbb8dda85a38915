// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: random generic netlink traffic at the "mdscope" family, for the
 * VM case t_nlfuzz.sh. Raw sockets, no libnl: the point is to send what a
 * library would never build. Each datagram carries one to 128 messages
 * with random commands, flags, versions, attribute types, lengths and
 * nesting, truncated and oversized headers (the last message of a
 * datagram may break its framing); every few datagrams a valid
 * request (GET_INFO, GET_CPU of CPU 0, REFRESH) is sent on its own socket
 * and its answer checked: a correct reply, or "the family is gone"
 * (ENOENT: unloaded or reloaded under a new id, EPROTONOSUPPORT: a dump
 * while it unloads), never anything else.
 *
 *   nlfuzz fuzz N SEED [user]   N random messages; "user": as nobody (65534),
 *                               where REFRESH must answer EPERM
 *   nlfuzz netns                in a new network namespace the family
 *                               must not resolve
 *
 * Prints one summary line; exit 0 when every check held, 1 when one did
 * not, 2 when the fuzzer itself failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/mdscope.h>

#define BUF 65536

static uint64_t rng;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static uint32_t below(uint32_t n) { return n ? rnd() % n : 0; }

static int open_sock(int timeout_ms)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct timeval tv = { timeout_ms / 1000, (timeout_ms % 1000) * 1000 };
	int one = 1, rcv = 1 << 20;

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("nlfuzz: socket");
		exit(2);
	}
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

/* A request of one genl message: @attrs of @alen bytes after the header. */
static int send_one(int fd, uint16_t type, uint16_t flags, uint8_t cmd, const void *attrs,
		    size_t alen, uint32_t seq)
{
	char buf[512];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct genlmsghdr *g = NLMSG_DATA(h);
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };

	memset(buf, 0, sizeof(buf));
	h->nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN + alen);
	h->nlmsg_type = type;
	h->nlmsg_flags = flags;
	h->nlmsg_seq = seq;
	g->cmd = cmd;
	g->version = 1;
	memcpy((char *)g + GENL_HDRLEN, attrs, alen);
	return sendto(fd, buf, h->nlmsg_len, 0, (struct sockaddr *)&to, sizeof(to)) < 0 ? -errno : 0;
}

/* Walk the attributes of one reply: tb[type] points at each (last wins). */
static void parse(const struct nlmsghdr *h, const struct nlattr **tb, int max)
{
	const char *p = (const char *)NLMSG_DATA(h) + GENL_HDRLEN;
	int len = (int)h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

	memset(tb, 0, sizeof(*tb) * (max + 1));
	while (len >= (int)NLA_HDRLEN) {
		const struct nlattr *a = (const struct nlattr *)p;
		int t = a->nla_type & NLA_TYPE_MASK;

		if (a->nla_len < NLA_HDRLEN || a->nla_len > len)
			break;
		if (t <= max)
			tb[t] = a;
		p += NLA_ALIGN(a->nla_len);
		len -= NLA_ALIGN(a->nla_len);
	}
}

static uint32_t u32_of(const struct nlattr *a)
{
	uint32_t v;

	memcpy(&v, (const char *)a + NLA_HDRLEN, 4);
	return v;
}

/*
 * Wait for the answer to @seq: the first message with that sequence.
 * Returns 0 and copies it into @out, or -errno of an error ack, or
 * -ETIMEDOUT.
 */
static int answer(int fd, uint32_t seq, char *out)
{
	static char buf[BUF];

	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *h;
		int len;

		if (n < 0)
			return errno == EAGAIN ? -ETIMEDOUT : -errno;
		len = (int)n;
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(h);

				if (e->error)
					return e->error;
				continue;	/* an ack */
			}
			memcpy(out, h, h->nlmsg_len < BUF ? h->nlmsg_len : BUF);
			return 0;
		}
	}
}

/* The family id, or -errno (ENOENT: not registered here). */
static int resolve(void)
{
	char attrs[64], *out = malloc(BUF);
	struct nlattr *a = (struct nlattr *)attrs;
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	int fd = open_sock(5000), err;

	a->nla_type = CTRL_ATTR_FAMILY_NAME;
	a->nla_len = NLA_HDRLEN + sizeof(MDSCOPE_FAMILY_NAME);
	memcpy(attrs + NLA_HDRLEN, MDSCOPE_FAMILY_NAME, sizeof(MDSCOPE_FAMILY_NAME));
	err = send_one(fd, GENL_ID_CTRL, NLM_F_REQUEST, CTRL_CMD_GETFAMILY, attrs,
		       NLA_ALIGN(a->nla_len), 1);
	if (!err)
		err = answer(fd, 1, out);
	if (!err) {
		parse((struct nlmsghdr *)out, tb, CTRL_ATTR_MAX);
		err = tb[CTRL_ATTR_FAMILY_ID] ? (int)(u32_of(tb[CTRL_ATTR_FAMILY_ID]) & 0xffff) : -EBADMSG;
	}
	close(fd);
	free(out);
	return err;
}

static struct {
	long msgs, datagrams, send_err, valid_ok, gone, bad, enobufs, absent;
} st;

static int bad(const char *what, int err)
{
	st.bad++;
	fprintf(stderr, "nlfuzz: %s: %s\n", what, err ? strerror(-err) : "wrong reply");
	return -1;
}

/* One valid request on its own socket, and its answer checked. */
static void valid(int *family, int user)
{
	const struct nlattr *tb[MDSCOPE_A_MAX + 1];
	static char out[BUF];
	char attrs[8];
	struct nlattr *a = (struct nlattr *)attrs;
	/* GET_INFO, GET_CPU 0, and REFRESH (it waits for hotplug) 1 in 6 */
	static const int kinds[] = { 0, 1, 0, 1, 0, 2 };
	int fd = open_sock(10000), err, kind = kinds[below(6)];
	uint32_t seq = rnd() | 1;

	if (*family <= 0) {
		*family = resolve();
		if (*family <= 0) {
			st.absent++;
			close(fd);
			return;
		}
	}
	a->nla_type = MDSCOPE_A_CPU;
	a->nla_len = NLA_HDRLEN + 4;
	memset(attrs + NLA_HDRLEN, 0, 4);
	if (kind == 0)
		err = send_one(fd, *family, NLM_F_REQUEST, MDSCOPE_CMD_GET_INFO, NULL, 0, seq);
	else if (kind == 1)
		err = send_one(fd, *family, NLM_F_REQUEST, MDSCOPE_CMD_GET_CPU, attrs, 8, seq);
	else
		err = send_one(fd, *family, NLM_F_REQUEST, MDSCOPE_CMD_REFRESH, NULL, 0, seq);
	if (!err)
		err = answer(fd, seq, out);
	close(fd);
	if (err == -ENOENT || err == -EPROTONOSUPPORT) {
		st.gone++;		/* unloaded, or reloaded under another id */
		*family = 0;
		return;
	}
	if (kind == 2 && user) {
		if (err != -EPERM)
			bad("REFRESH as nobody: want EPERM", err ? err : -EINVAL);
		else
			st.valid_ok++;
		return;
	}
	if (err) {
		bad(kind == 0 ? "GET_INFO" : kind == 1 ? "GET_CPU 0" : "REFRESH", err);
		return;
	}
	parse((struct nlmsghdr *)out, tb, MDSCOPE_A_MAX);
	if (kind == 1) {
		if (!tb[MDSCOPE_A_CPU] || u32_of(tb[MDSCOPE_A_CPU]) != 0 || !tb[MDSCOPE_A_ONLINE] ||
		    u32_of(tb[MDSCOPE_A_ONLINE]) != 1 || !tb[MDSCOPE_A_VENDOR] ||
		    !tb[MDSCOPE_A_GENERATION])
			bad("GET_CPU 0: CPU, ONLINE, VENDOR or GENERATION wrong", 0);
		else
			st.valid_ok++;
		return;
	}
	if (!tb[MDSCOPE_A_VERSION] || !tb[MDSCOPE_A_GENERATION] || !tb[MDSCOPE_A_CPUS_ONLINE] ||
	    !tb[MDSCOPE_A_CPUS_POSSIBLE] || u32_of(tb[MDSCOPE_A_GENERATION]) < 1 ||
	    u32_of(tb[MDSCOPE_A_CPUS_ONLINE]) < 1 ||
	    u32_of(tb[MDSCOPE_A_CPUS_ONLINE]) > u32_of(tb[MDSCOPE_A_CPUS_POSSIBLE]))
		bad(kind == 0 ? "GET_INFO: attributes wrong" : "REFRESH: attributes wrong", 0);
	else
		st.valid_ok++;
}

/* Random attributes into @p (at most @room bytes); returns the bytes used. */
static size_t rand_attrs(char *p, size_t room, int depth)
{
	size_t used = 0;
	int n = below(5);

	while (n-- > 0 && used + NLA_HDRLEN + 16 <= room) {
		struct nlattr *a = (struct nlattr *)(p + used);
		size_t plen;

		a->nla_type = below(4) ? below(MDSCOPE_A_MAX + 3) : rnd();
		switch (below(6)) {
		case 0: plen = 0; break;
		case 1: plen = 4; break;
		case 2: plen = 8; break;
		default: plen = below(16); break;
		}
		for (size_t i = 0; i < plen; i++)
			p[used + NLA_HDRLEN + i] = (char)(below(3) ? below(4) : rnd());
		if (depth < 3 && below(4) == 0) {	/* a nest */
			a->nla_type |= NLA_F_NESTED;
			plen = rand_attrs(p + used + NLA_HDRLEN, room - used - NLA_HDRLEN, depth + 1);
		}
		a->nla_len = NLA_HDRLEN + plen;
		if (below(10) == 0)		/* a lie about its length */
			a->nla_len = below(8) ? below(NLA_HDRLEN + 64) : rnd();
		used += NLA_ALIGN(NLA_HDRLEN + plen);
	}
	return used;
}

/* One random message at @p; returns its size in the datagram. */
static size_t rand_msg(char *p, size_t room, int family, int cut, int *last)
{
	static const uint16_t flag_bits[] = { NLM_F_ACK, NLM_F_ECHO, NLM_F_DUMP, NLM_F_ROOT,
					       NLM_F_MATCH, NLM_F_ATOMIC, NLM_F_REPLACE,
					       NLM_F_EXCL, NLM_F_CREATE, NLM_F_MULTI };
	struct nlmsghdr *h = (struct nlmsghdr *)p;
	struct genlmsghdr *g = NLMSG_DATA(h);
	size_t body, real;
	int i;

	memset(p, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	h->nlmsg_type = below(10) ? (uint32_t)family : below(20) ? below(GENL_ID_CTRL + 1) : rnd();
	h->nlmsg_flags = below(10) ? NLM_F_REQUEST : 0;
	for (i = 0; i < (int)below(3); i++)
		h->nlmsg_flags |= flag_bits[below(sizeof(flag_bits) / sizeof(flag_bits[0]))];
	if (below(20) == 0)
		h->nlmsg_flags = rnd();
	h->nlmsg_seq = rnd();
	h->nlmsg_pid = below(10) ? 0 : rnd();
	g->cmd = below(5) ? below(MDSCOPE_CMD_MAX + 2) : rnd();
	/* A refresh costs IPIs on every CPU and waits for hotplug: root sends
	 * it rarely (the valid requests and the guest's loop send it too). */
	if (g->cmd == MDSCOPE_CMD_REFRESH && below(64))
		g->cmd = MDSCOPE_CMD_GET_INFO;
	g->version = below(4) ? MDSCOPE_FAMILY_VERSION : rnd();
	body = rand_attrs(p + NLMSG_HDRLEN + GENL_HDRLEN, room - NLMSG_HDRLEN - GENL_HDRLEN, 0);
	real = NLMSG_HDRLEN + GENL_HDRLEN + body;
	h->nlmsg_len = real;
	switch (cut ? below(8) : 99) {
	case 0:		/* genl header cut short */
		h->nlmsg_len = NLMSG_HDRLEN + below(GENL_HDRLEN);
		real = NLMSG_ALIGN(h->nlmsg_len);
		break;
	case 1:		/* claims more than the datagram holds: must be last */
		h->nlmsg_len = real + 1 + below(4096);
		*last = 1;
		break;
	case 2:		/* claims less than the netlink header */
		h->nlmsg_len = below(NLMSG_HDRLEN);
		*last = 1;
		break;
	case 3:		/* the datagram ends inside this header */
		real = below(NLMSG_HDRLEN);
		*last = 1;
		break;
	}
	return real;
}

static void drain(int fd)
{
	static char buf[BUF];

	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);

		if (n >= 0)
			continue;
		if (errno == ENOBUFS) {
			st.enobufs++;
			continue;
		}
		break;
	}
}

static int fuzz(long n, uint64_t seed, int user)
{
	static char dgram[65536];
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	struct timespec t0, t1;
	int fd, family;

	if (user && (setgroups(0, NULL) || setgid(65534) || setuid(65534))) {
		perror("nlfuzz: setuid nobody");
		return 2;
	}
	rng = seed ? seed : 1;
	fd = open_sock(1000);
	family = resolve();
	if (family <= 0) {
		fprintf(stderr, "nlfuzz: family %s: %s\n", MDSCOPE_FAMILY_NAME, strerror(-family));
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (st.msgs < n) {
		size_t used = 0;
		int k = 1 + below(128), last = 0;

		if (family <= 0) {
			family = resolve();
			if (family <= 0) {
				st.absent++;
				usleep(2000);
				family = 0;
			}
		}
		while (k-- > 0 && !last && used + 1024 <= sizeof(dgram)) {
			/* only the last message of a datagram may break its framing */
			used += rand_msg(dgram + used, 512, family > 0 ? family : GENL_ID_CTRL + 1,
					 k == 0, &last);
			st.msgs++;
		}
		if (sendto(fd, dgram, used, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
			st.send_err++;
		st.datagrams++;
		drain(fd);
		if (st.datagrams % 8 == 0)
			valid(&family, user);
		if (st.datagrams % 512 == 0)
			family = resolve();	/* the module may have been reloaded */
	}
	close(fd);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("nlfuzz %s: %ld messages in %ld datagrams (%.1f s), valid answers %ld,"
	       " family gone %ld, absent %ld, bad %ld (send errors %ld, receive overruns %ld)\n",
	       user ? "nobody" : "root", st.msgs, st.datagrams,
	       (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, st.valid_ok,
	       st.gone, st.absent, st.bad, st.send_err, st.enobufs);
	return st.bad || !st.valid_ok ? 1 : 0;
}

static int netns(void)
{
	int family;

	if (unshare(CLONE_NEWNET)) {
		perror("nlfuzz: unshare(CLONE_NEWNET)");
		return 2;
	}
	family = resolve();
	if (family > 0) {
		printf("netns: family %s resolved to %d in a new network namespace\n",
		       MDSCOPE_FAMILY_NAME, family);
		return 1;
	}
	printf("netns: family %s: %s\n", MDSCOPE_FAMILY_NAME, strerror(-family));
	return family == -ENOENT ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "fuzz"))
		return fuzz(atol(argv[2]), strtoull(argv[3], NULL, 0),
			    argc > 4 && !strcmp(argv[4], "user"));
	if (argc == 2 && !strcmp(argv[1], "netns"))
		return netns();
	fprintf(stderr, "usage: nlfuzz fuzz N SEED [user] | nlfuzz netns\n");
	return 2;
}
