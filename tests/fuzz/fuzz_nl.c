// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the netlink reply parsers (collect/nl_parse.c): the
 * input is one message as the socket delivers it. libnl hands a callback
 * only messages whose nlmsg_len fits the datagram (nlmsg_ok()), and an
 * error callback only NLMSG_ERROR messages holding a whole struct nlmsgerr;
 * the harness keeps those two guarantees and nothing else.
 */
#include <netlink/msg.h>

#include "fuzz.h"
#include "nl_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlmsghdr *nlh;
	struct mds_cpu rec;
	struct mds_info info;
	struct mds_event ev;
	char text[256];

	if (size > 1 << 16)
		return 0;
	nlh = malloc(size ? size : 1);	/* aligned, unlike data */
	if (!nlh)
		abort();
	memcpy(nlh, data, size);
	if (!nlmsg_ok(nlh, (int)size))
		goto out;
	size = nlh->nlmsg_len;	/* the rest belongs to the next message */
	mds_nl_parse_cpu(nlh, &rec);
	mds_nl_parse_info(nlh, &info);
	mds_nl_parse_event(nlh, &ev);
	if (nlh->nlmsg_type == NLMSG_ERROR && size >= (size_t)nlmsg_size(sizeof(struct nlmsgerr)))
		mds_nl_extack_text(nlh, text, sizeof(text));
out:
	free(nlh);
	return 0;
}
