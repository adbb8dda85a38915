// SPDX-License-Identifier: GPL-2.0
/*
 * mdscope generic netlink client: the only file that talks to the family.
 * One socket with NETLINK_EXT_ACK on, every request with NLM_F_ACK, 32 KiB
 * buffers, dumps retried when the kernel flags them interrupted, and every
 * reply checked against a policy before it becomes a struct mds_cpu.
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

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define MDS_NL_BUFSIZE	(32 * 1024)
#define MDS_DUMP_TRIES	5

static struct nl_sock *sock;
static int family_id = -1;
static char errmsg[256];
static unsigned int dump_msgs;

/* ---- attribute policies and names ---------------------------------- */

#define U32	{ .type = NLA_U32, .maxlen = 4 }
#define U64	{ .type = NLA_U64, .maxlen = 8 }

static const struct nla_policy reg_policy[MDSCOPE_REG_MAX + 1] = {
	[MDSCOPE_REG_STATE] = U32,
	[MDSCOPE_REG_VALUE] = U64,
	[MDSCOPE_REG_ERRNO] = U32,
};

static const char *const reg_names[MDSCOPE_REG_MAX + 1] = {
	[MDSCOPE_REG_STATE] = "STATE",
	[MDSCOPE_REG_VALUE] = "VALUE",
	[MDSCOPE_REG_ERRNO] = "ERRNO",
	[MDSCOPE_REG_PAD] = "PAD",
};

/* One policy for the whole attribute space: replies of every command. */
static const struct nla_policy attr_policy[MDSCOPE_A_MAX + 1] = {
	[MDSCOPE_A_CPU] = U32,
	[MDSCOPE_A_ONLINE] = U32,
	[MDSCOPE_A_VENDOR] = { .type = NLA_STRING, .maxlen = 13 },
	[MDSCOPE_A_MAX_LEAF] = U32,
	[MDSCOPE_A_SIGNATURE] = U32,
	[MDSCOPE_A_LEAF1_ECX] = U32,
	[MDSCOPE_A_LEAF1_EDX] = U32,
	[MDSCOPE_A_LEAF7_EBX] = U32,
	[MDSCOPE_A_LEAF7_ECX] = U32,
	[MDSCOPE_A_LEAF7_EDX] = U32,
	[MDSCOPE_A_LEAF1A_EAX] = U32,
	[MDSCOPE_A_PACKAGE] = U32,
	[MDSCOPE_A_DIE] = U32,
	[MDSCOPE_A_CORE] = U32,
	[MDSCOPE_A_THREAD] = U32,
	[MDSCOPE_A_APIC_ID] = U32,
	[MDSCOPE_A_MICROCODE] = { .type = NLA_NESTED },
	[MDSCOPE_A_MICROCODE_CACHED] = U32,
	[MDSCOPE_A_PLATFORM_ID] = { .type = NLA_NESTED },
	[MDSCOPE_A_ARCH_CAP] = { .type = NLA_NESTED },
	[MDSCOPE_A_TSX_CTRL] = { .type = NLA_NESTED },
	[MDSCOPE_A_GENERATION] = U32,
	[MDSCOPE_A_READ_TIME] = U64,
	[MDSCOPE_A_VERSION] = { .type = NLA_STRING, .maxlen = 64 },
	[MDSCOPE_A_CPUS_POSSIBLE] = U32,
	[MDSCOPE_A_CPUS_ONLINE] = U32,
	[MDSCOPE_A_EVENT] = U32,
};

static const char *const attr_names[MDSCOPE_A_MAX + 1] = {
	[MDSCOPE_A_PAD] = "PAD",
	[MDSCOPE_A_CPU] = "CPU",
	[MDSCOPE_A_ONLINE] = "ONLINE",
	[MDSCOPE_A_VENDOR] = "VENDOR",
	[MDSCOPE_A_MAX_LEAF] = "MAX_LEAF",
	[MDSCOPE_A_SIGNATURE] = "SIGNATURE",
	[MDSCOPE_A_LEAF1_ECX] = "LEAF1_ECX",
	[MDSCOPE_A_LEAF1_EDX] = "LEAF1_EDX",
	[MDSCOPE_A_LEAF7_EBX] = "LEAF7_EBX",
	[MDSCOPE_A_LEAF7_ECX] = "LEAF7_ECX",
	[MDSCOPE_A_LEAF7_EDX] = "LEAF7_EDX",
	[MDSCOPE_A_LEAF1A_EAX] = "LEAF1A_EAX",
	[MDSCOPE_A_PACKAGE] = "PACKAGE",
	[MDSCOPE_A_DIE] = "DIE",
	[MDSCOPE_A_CORE] = "CORE",
	[MDSCOPE_A_THREAD] = "THREAD",
	[MDSCOPE_A_APIC_ID] = "APIC_ID",
	[MDSCOPE_A_MICROCODE] = "MICROCODE",
	[MDSCOPE_A_MICROCODE_CACHED] = "MICROCODE_CACHED",
	[MDSCOPE_A_PLATFORM_ID] = "PLATFORM_ID",
	[MDSCOPE_A_ARCH_CAP] = "ARCH_CAP",
	[MDSCOPE_A_TSX_CTRL] = "TSX_CTRL",
	[MDSCOPE_A_GENERATION] = "GENERATION",
	[MDSCOPE_A_READ_TIME] = "READ_TIME",
	[MDSCOPE_A_VERSION] = "VERSION",
	[MDSCOPE_A_CPUS_POSSIBLE] = "CPUS_POSSIBLE",
	[MDSCOPE_A_CPUS_ONLINE] = "CPUS_ONLINE",
	[MDSCOPE_A_EVENT] = "EVENT",
};

/* u32 attributes copied as they are into struct mds_cpu. */
static const struct {
	int attr;
	size_t off;
} cpu_u32[] = {
	{ MDSCOPE_A_MAX_LEAF, offsetof(struct mds_cpu, max_leaf) },
	{ MDSCOPE_A_SIGNATURE, offsetof(struct mds_cpu, signature) },
	{ MDSCOPE_A_LEAF1_ECX, offsetof(struct mds_cpu, leaf1_ecx) },
	{ MDSCOPE_A_LEAF1_EDX, offsetof(struct mds_cpu, leaf1_edx) },
	{ MDSCOPE_A_LEAF7_EBX, offsetof(struct mds_cpu, leaf7_ebx) },
	{ MDSCOPE_A_LEAF7_ECX, offsetof(struct mds_cpu, leaf7_ecx) },
	{ MDSCOPE_A_LEAF7_EDX, offsetof(struct mds_cpu, leaf7_edx) },
	{ MDSCOPE_A_LEAF1A_EAX, offsetof(struct mds_cpu, leaf1a_eax) },
	{ MDSCOPE_A_PACKAGE, offsetof(struct mds_cpu, package) },
	{ MDSCOPE_A_DIE, offsetof(struct mds_cpu, die) },
	{ MDSCOPE_A_CORE, offsetof(struct mds_cpu, core) },
	{ MDSCOPE_A_THREAD, offsetof(struct mds_cpu, thread) },
	{ MDSCOPE_A_APIC_ID, offsetof(struct mds_cpu, apic_id) },
	{ MDSCOPE_A_MICROCODE_CACHED, offsetof(struct mds_cpu, microcode_cached) },
	{ MDSCOPE_A_GENERATION, offsetof(struct mds_cpu, generation) },
};

/* Register nests. */
static const struct {
	int attr;
	size_t off;
} cpu_regs[] = {
	{ MDSCOPE_A_MICROCODE, offsetof(struct mds_cpu, microcode) },
	{ MDSCOPE_A_PLATFORM_ID, offsetof(struct mds_cpu, platform_id) },
	{ MDSCOPE_A_ARCH_CAP, offsetof(struct mds_cpu, arch_cap) },
	{ MDSCOPE_A_TSX_CTRL, offsetof(struct mds_cpu, tsx_ctrl) },
};

/* ---- parsing: pure functions over one message ----------------------- */

/*
 * nla_parse() with a policy, and when it refuses, find which attribute
 * broke it so the error names it. Attributes above maxtype are ignored.
 */
static int parse_attrs(struct nlattr **tb, int maxtype, const struct nla_policy *pol,
		       const char *const *names, struct nlattr *head, int len,
		       const char *prefix)
{
	struct nlattr *a;
	int rem;

	if (!nla_parse(tb, maxtype, head, len, (struct nla_policy *)pol))
		return 0;
	nla_for_each_attr(a, head, len, rem) {
		int t = nla_type(a);

		if (t > maxtype || !nla_validate(a, a->nla_len, maxtype,
						 (struct nla_policy *)pol))
			continue;
		if (pol[t].type == NLA_STRING)
			snprintf(errmsg, sizeof(errmsg),
				 "malformed reply: attribute %s%s is not a string of at most %u bytes",
				 prefix, names[t] ? names[t] : "?", pol[t].maxlen - 1);
		else
			snprintf(errmsg, sizeof(errmsg),
				 "malformed reply: attribute %s%s has %d bytes, expected %u",
				 prefix, names[t] ? names[t] : "?", nla_len(a), pol[t].maxlen);
		return -EINVAL;
	}
	snprintf(errmsg, sizeof(errmsg), "malformed reply: bad attribute layout");
	return -EINVAL;
}

static int parse_msg(const struct nlmsghdr *nlh, struct nlattr **tb)
{
	struct nlmsghdr *h = (struct nlmsghdr *)nlh;

	if (!genlmsg_valid_hdr(h, 0)) {
		snprintf(errmsg, sizeof(errmsg), "malformed reply: message too short");
		return -EINVAL;
	}
	return parse_attrs(tb, MDSCOPE_A_MAX, attr_policy, attr_names,
			   genlmsg_attrdata(nlmsg_data(h), 0),
			   genlmsg_attrlen(nlmsg_data(h), 0), "");
}

static int parse_reg(struct nlattr *nest, int attr, struct mds_reg *reg)
{
	struct nlattr *tb[MDSCOPE_REG_MAX + 1];
	char prefix[32];
	int err;

	snprintf(prefix, sizeof(prefix), "%s.", attr_names[attr]);
	err = parse_attrs(tb, MDSCOPE_REG_MAX, reg_policy, reg_names,
			  nla_data(nest), nla_len(nest), prefix);
	if (err)
		return err;
	if (!tb[MDSCOPE_REG_STATE]) {
		snprintf(errmsg, sizeof(errmsg), "malformed reply: %s has no STATE", attr_names[attr]);
		return -EINVAL;
	}
	reg->state = nla_get_u32(tb[MDSCOPE_REG_STATE]);
	if (reg->state == MDSCOPE_REG_STATE_OK && !tb[MDSCOPE_REG_VALUE]) {
		snprintf(errmsg, sizeof(errmsg), "malformed reply: %s is ok but has no VALUE",
			 attr_names[attr]);
		return -EINVAL;
	}
	if (tb[MDSCOPE_REG_VALUE])
		reg->value = nla_get_u64(tb[MDSCOPE_REG_VALUE]);
	if (tb[MDSCOPE_REG_ERRNO])
		reg->err = nla_get_u32(tb[MDSCOPE_REG_ERRNO]);
	return 0;
}

/* One GET_CPU reply into a record. */
static int mds_nl_parse_cpu(const struct nlmsghdr *nlh, struct mds_cpu *rec)
{
	struct nlattr *tb[MDSCOPE_A_MAX + 1];
	int err;

	memset(rec, 0, sizeof(*rec));
	err = parse_msg(nlh, tb);
	if (err)
		return err;
	if (!tb[MDSCOPE_A_CPU]) {
		snprintf(errmsg, sizeof(errmsg), "malformed reply: a CPU record without CPU");
		return -EINVAL;
	}
	rec->cpu = nla_get_u32(tb[MDSCOPE_A_CPU]);
	rec->online = tb[MDSCOPE_A_ONLINE] && nla_get_u32(tb[MDSCOPE_A_ONLINE]);
	if (tb[MDSCOPE_A_VENDOR])
		snprintf(rec->vendor, sizeof(rec->vendor), "%s", nla_get_string(tb[MDSCOPE_A_VENDOR]));
	for (size_t i = 0; i < sizeof(cpu_u32) / sizeof(cpu_u32[0]); i++)
		if (tb[cpu_u32[i].attr])
			*(uint32_t *)((char *)rec + cpu_u32[i].off) = nla_get_u32(tb[cpu_u32[i].attr]);
	for (size_t i = 0; i < sizeof(cpu_regs) / sizeof(cpu_regs[0]); i++) {
		if (!tb[cpu_regs[i].attr])
			continue;
		err = parse_reg(tb[cpu_regs[i].attr], cpu_regs[i].attr,
				(struct mds_reg *)((char *)rec + cpu_regs[i].off));
		if (err)
			return err;
	}
	if (tb[MDSCOPE_A_READ_TIME])
		rec->read_time_ns = nla_get_u64(tb[MDSCOPE_A_READ_TIME]);
	rec->have_cpuid = tb[MDSCOPE_A_VENDOR] || tb[MDSCOPE_A_SIGNATURE];
	rec->have_topology = tb[MDSCOPE_A_PACKAGE] != NULL;
	rec->have_ucode_cached = tb[MDSCOPE_A_MICROCODE_CACHED] != NULL;
	rec->source = rec->have_cpuid || tb[MDSCOPE_A_GENERATION] ? MDS_SRC_MODULE : MDS_SRC_NONE;
	return 0;
}

/* One GET_INFO / REFRESH reply. */
static int mds_nl_parse_info(const struct nlmsghdr *nlh, struct mds_info *info)
{
	struct nlattr *tb[MDSCOPE_A_MAX + 1];
	int err;

	memset(info, 0, sizeof(*info));
	err = parse_msg(nlh, tb);
	if (err)
		return err;
	if (tb[MDSCOPE_A_VERSION])
		snprintf(info->version, sizeof(info->version), "%s",
			 nla_get_string(tb[MDSCOPE_A_VERSION]));
	if (tb[MDSCOPE_A_GENERATION])
		info->generation = nla_get_u32(tb[MDSCOPE_A_GENERATION]);
	if (tb[MDSCOPE_A_CPUS_POSSIBLE])
		info->cpus_possible = nla_get_u32(tb[MDSCOPE_A_CPUS_POSSIBLE]);
	if (tb[MDSCOPE_A_CPUS_ONLINE])
		info->cpus_online = nla_get_u32(tb[MDSCOPE_A_CPUS_ONLINE]);
	if (tb[MDSCOPE_A_READ_TIME])
		info->read_time_ns = nla_get_u64(tb[MDSCOPE_A_READ_TIME]);
	return 0;
}

/* One GENERATION_NTF announcement. */
static int mds_nl_parse_event(const struct nlmsghdr *nlh, struct mds_event *ev)
{
	struct nlattr *tb[MDSCOPE_A_MAX + 1];
	int err;

	memset(ev, 0, sizeof(*ev));
	err = parse_msg(nlh, tb);
	if (err)
		return err;
	if (!tb[MDSCOPE_A_GENERATION]) {
		snprintf(errmsg, sizeof(errmsg), "malformed event: no GENERATION");
		return -EINVAL;
	}
	ev->generation = nla_get_u32(tb[MDSCOPE_A_GENERATION]);
	if (tb[MDSCOPE_A_EVENT])
		ev->event = nla_get_u32(tb[MDSCOPE_A_EVENT]);
	if (tb[MDSCOPE_A_CPU]) {
		ev->cpu = nla_get_u32(tb[MDSCOPE_A_CPU]);
		ev->have_cpu = 1;
	}
	if (tb[MDSCOPE_A_READ_TIME])
		ev->read_time_ns = nla_get_u64(tb[MDSCOPE_A_READ_TIME]);
	return 0;
}

/*
 * The extack text of an NLMSG_ERROR message: NLMSGERR_ATTR_MSG, or the
 * offset of the bad attribute, or the missing attribute type.
 */
#define MOD_PREFIX	MDSCOPE_FAMILY_NAME ": "
#define MOD_PREFIX_LEN	((int)sizeof(MOD_PREFIX) - 1)

static void extack_text(const struct nlmsghdr *nlh, char *buf, size_t len)
{
	const struct nlmsgerr *e = nlmsg_data(nlh);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1] = { 0 };
	size_t off = NLMSG_HDRLEN + sizeof(*e);

	buf[0] = '\0';
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || nlh->nlmsg_len < off)
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += NLMSG_ALIGN(e->msg.nlmsg_len) - sizeof(e->msg);
	if (nlh->nlmsg_len <= off)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)nlh + off),
		      nlh->nlmsg_len - off, NULL))
		return;
	if (tb[NLMSGERR_ATTR_MSG] && nla_len(tb[NLMSGERR_ATTR_MSG]) > 0) {
		const char *msg = nla_data(tb[NLMSGERR_ATTR_MSG]);
		int n = (int)strnlen(msg, nla_len(tb[NLMSGERR_ATTR_MSG]));

		/* NL_SET_ERR_MSG_MOD's "mdscope: " would repeat our own prefix */
		if (n > MOD_PREFIX_LEN && !strncmp(msg, MOD_PREFIX, MOD_PREFIX_LEN)) {
			msg += MOD_PREFIX_LEN;
			n -= MOD_PREFIX_LEN;
		}
		snprintf(buf, len, "%.*s", n, msg);
	} else if (tb[NLMSGERR_ATTR_MISS_TYPE] && nla_len(tb[NLMSGERR_ATTR_MISS_TYPE]) >= 4)
		snprintf(buf, len, "missing attribute %u", nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]));
	else if (tb[NLMSGERR_ATTR_OFFS] && nla_len(tb[NLMSGERR_ATTR_OFFS]) >= 4)
		snprintf(buf, len, "bad attribute at offset %u", nla_get_u32(tb[NLMSGERR_ATTR_OFFS]));
}

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
};

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct req *r = arg;

	r->kerr = -e->error;
	extack_text((const struct nlmsghdr *)((const char *)e - NLMSG_HDRLEN), errmsg,
		    sizeof(errmsg));
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;
	int err;

	dump_msgs++;
	if (r->perr)
		return NL_SKIP;		/* keep reading to the end */
	err = r->on_reply(nlmsg_hdr(msg), r);
	if (err)
		r->perr = err;
	return NL_OK;
}

/* Send cmd (cpu < 0: without MDSCOPE_A_CPU) and feed each reply to r. */
static int request(uint8_t cmd, int flags, int64_t cpu, struct req *r)
{
	struct nl_msg *msg;
	struct nl_cb *cb;
	int err;

	if (!sock)
		return -ENOTCONN;
	errmsg[0] = '\0';
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
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, r);
	err = nl_send_auto(sock, msg);
	if (err >= 0)
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
		dump_msgs = 0;
		err = request(MDSCOPE_CMD_GET_CPU, NLM_F_DUMP, -1, &r);
		if (err != -EINTR)
			break;
		free(r.out);
		r.out = NULL;
	}
	if (err == -EINTR) {
		snprintf(errmsg, sizeof(errmsg),
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
		snprintf(errmsg, sizeof(errmsg), "the module sent %zu records for one CPU", r.n);
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
		snprintf(errmsg, sizeof(errmsg), "the module sent no reply");
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
	errmsg[0] = '\0';
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

	errmsg[0] = '\0';
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
	return errmsg;
}

unsigned int mds_nl_dump_messages(void)
{
	return dump_msgs;
}
