// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the libvirt XML parsers (virt/virtxml.c): the input
 * as host capabilities, domain capabilities and domain XML in turn.
 */
#include "fuzz.h"
#include "virtxml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vx_host host;
	static struct vx_domcaps dc;
	static struct vx_domain dom;
	char err[512], *xml = fuzz_string(data, size);

	if (!vx_parse_caps(xml, &host, err, sizeof(err))) {
		vx_host_offers(&host, "kvm");
		vx_host_offers(&host, "qemu");
	}
	if (!vx_parse_domcaps(xml, &dc, err, sizeof(err)))
		vx_find_model(&dc, "Skylake-Server-IBRS");
	vx_parse_domain(xml, &dom, err, sizeof(err));
	free(xml);
	return 0;
}
