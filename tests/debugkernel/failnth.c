// SPDX-License-Identifier: GPL-2.0
/*
 * failnth: one mdscope operation with the kernel's fail-nth fault injection
 * armed on the calling thread (Documentation/fault-injection), so the N-th
 * slab or page allocation the kernel makes for it fails. The debug-kernel
 * case t_faults.sh raises N from 1 until an operation no longer reaches
 * its N-th allocation: every allocation on the path fails once.
 *
 *   failnth N insmod FILE     finit_module(FILE)
 *   failnth N get CPU         GET_CPU do
 *   failnth N dump            GET_CPU dump (every reply read)
 *   failnth N info            GET_INFO
 *   failnth N refresh         REFRESH
 *
 * The file is opened and the family resolved before the injection is
 * armed, so N counts from the operation's own system call. Prints one line
 * "<op>: ok [records=R] injected|not-reached" or
 * "<op>: error <errno> injected|not-reached"; exit 0 when the operation
 * succeeded, 1 when the kernel refused it, 2 when failnth itself failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/mdscope.h>

struct req {
	struct nlmsghdr n;
	struct genlmsghdr g;
	char attrs[64];
};

static int nth_fd = -1;

static void die(const char *what)
{
	fprintf(stderr, "failnth: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void put_attr(struct req *r, unsigned short type, const void *data, unsigned short len)
{
	struct nlattr *a = (struct nlattr *)((char *)r + NLMSG_ALIGN(r->n.nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy((char *)a + NLA_HDRLEN, data, len);
	r->n.nlmsg_len = NLMSG_ALIGN(r->n.nlmsg_len) + NLA_ALIGN(a->nla_len);
}

static void init_req(struct req *r, unsigned short type, unsigned short flags,
		     unsigned char cmd, unsigned char version)
{
	memset(r, 0, sizeof(*r));
	r->n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r->n.nlmsg_type = type;
	r->n.nlmsg_flags = NLM_F_REQUEST | flags;
	r->n.nlmsg_seq = 1;
	r->g.cmd = cmd;
	r->g.version = version;
}

/* talk FD REQ FAMILY: send, read until the ack, error or NLMSG_DONE.
 * Returns 0 or -errno; *records counts messages of type FAMILY. */
static int talk(int fd, struct req *r, long *records, unsigned short family,
		unsigned short *family_id)
{
	static char buf[65536];
	struct nlmsghdr *h;
	ssize_t len;

	if (send(fd, r, r->n.nlmsg_len, 0) < 0)
		return -errno;
	for (;;) {
		len = recv(fd, buf, sizeof(buf), 0);
		if (len < 0)
			return -errno;
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
			if (h->nlmsg_type == NLMSG_DONE)
				return *(int *)NLMSG_DATA(h);
			if (h->nlmsg_type != family)
				continue;
			(*records)++;
			if (family_id) {	/* CTRL_CMD_NEWFAMILY: find the id */
				struct nlattr *a = (struct nlattr *)((char *)NLMSG_DATA(h) + GENL_HDRLEN);
				int rem = h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

				for (; rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem;
				     rem -= NLA_ALIGN(a->nla_len),
				     a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len)))
					if (a->nla_type == CTRL_ATTR_FAMILY_ID)
						*family_id = *(unsigned short *)((char *)a + NLA_HDRLEN);
			}
		}
	}
}

static void arm(unsigned int n)
{
	char s[16];
	int len = snprintf(s, sizeof(s), "%u", n);

	if (pwrite(nth_fd, s, len, 0) != len)
		die("cannot write /proc/thread-self/fail-nth");
}

/* disarm: "injected" when the armed count ran out, else "not-reached" */
static const char *disarm(void)
{
	char s[16] = "";

	if (pread(nth_fd, s, sizeof(s) - 1, 0) <= 0)
		die("cannot read /proc/thread-self/fail-nth");
	if (atoi(s) == 0)
		return "injected";
	arm(0);
	return "not-reached";
}

int main(int argc, char **argv)
{
	static const struct { const char *name; unsigned char cmd; unsigned short flags; } ops[] = {
		{ "get", MDSCOPE_CMD_GET_CPU, NLM_F_ACK },
		{ "dump", MDSCOPE_CMD_GET_CPU, NLM_F_DUMP },
		{ "info", MDSCOPE_CMD_GET_INFO, NLM_F_ACK },
		{ "refresh", MDSCOPE_CMD_REFRESH, NLM_F_ACK },
	};
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct timeval tv = { .tv_sec = 20 };	/* a lost reply: an error, not a hang */
	unsigned short family = 0;
	const char *how;
	long records = 0;
	struct req r;
	unsigned int n, cpu;
	size_t i;
	int fd, err;

	if (argc < 3 || (n = strtoul(argv[1], NULL, 0)) == 0) {
		fprintf(stderr, "usage: failnth N insmod FILE|get CPU|dump|info|refresh\n");
		return 2;
	}
	nth_fd = open("/proc/thread-self/fail-nth", O_RDWR);
	if (nth_fd < 0)
		die("/proc/thread-self/fail-nth (a kernel with CONFIG_FAULT_INJECTION?)");

	if (!strcmp(argv[2], "insmod")) {
		if (argc != 4)
			return 2;
		fd = open(argv[3], O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			die(argv[3]);
		arm(n);
		err = syscall(SYS_finit_module, fd, "", 0) ? -errno : 0;
		how = disarm();
		printf("insmod: %s%s %s\n", err ? "error " : "ok", err ? strerror(-err) : "", how);
		return err ? 1 : 0;
	}

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]) && strcmp(argv[2], ops[i].name); i++)
		;
	if (i == sizeof(ops) / sizeof(ops[0]))
		return 2;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)))
		die("netlink socket");
	init_req(&r, GENL_ID_CTRL, NLM_F_ACK, CTRL_CMD_GETFAMILY, 1);
	put_attr(&r, CTRL_ATTR_FAMILY_NAME, MDSCOPE_FAMILY_NAME, sizeof(MDSCOPE_FAMILY_NAME));
	err = talk(fd, &r, &records, GENL_ID_CTRL, &family);
	if (err || !family) {
		errno = err ? -err : ENOENT;
		die("family " MDSCOPE_FAMILY_NAME);
	}
	records = 0;
	init_req(&r, family, ops[i].flags, ops[i].cmd, MDSCOPE_FAMILY_VERSION);
	if (!strcmp(argv[2], "get")) {
		cpu = argc > 3 ? strtoul(argv[3], NULL, 0) : 0;
		put_attr(&r, MDSCOPE_A_CPU, &cpu, sizeof(cpu));
	}
	arm(n);
	err = talk(fd, &r, &records, family, NULL);
	how = disarm();
	if (err)
		printf("%s: error %s %s\n", argv[2], strerror(-err), how);
	else
		printf("%s: ok records=%ld %s\n", argv[2], records, how);
	return err ? 1 : 0;
}
