// SPDX-License-Identifier: GPL-2.0
/*
 * Writes the binary seeds of the fuzz corpora (netlink messages, microcode
 * files, initramfs cpio archives) with the builders the unit drivers use
 * (../unit/nl_msgs.h, ../unit/ucode_fx.h), so the seeds are what the
 * module and real files look like. `make -C tests/fuzz seeds` runs it; its
 * output is committed under corpus/.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* the builders' cmocka checks, without cmocka */
#define assert_true(x)		do { if (!(x)) abort(); } while (0)
#define assert_non_null(x)	assert_true((x) != NULL)
#define assert_int_equal(a, b)	assert_true((long long)(a) == (long long)(b))

#include "../unit/nl_msgs.h"
#include "../unit/ucode_fx.h"

static void put(const char *dir, const char *name, const void *buf, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "corpus/%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_true(fwrite(buf, 1, len, f) == len && !fclose(f));
}

static void put_msg(const char *name, struct nl_msg *m)
{
	put("nl", name, nlmsg_hdr(m), nlmsg_hdr(m)->nlmsg_len);
	nlmsg_free(m);
}

static void nl_seeds(void)
{
	struct nl_msg *m;

	put_msg("cpu-full", full_cpu(3));
	m = msg_new(MDSCOPE_CMD_GET_CPU);
	nla_put_u32(m, MDSCOPE_A_CPU, 7);
	nla_put_u32(m, MDSCOPE_A_ONLINE, 0);
	put_msg("cpu-offline", m);
	m = msg_new(MDSCOPE_CMD_GET_CPU);
	nla_put_u32(m, MDSCOPE_A_CPU, 1);
	put_reg(m, MDSCOPE_A_ARCH_CAP, MDSCOPE_REG_STATE_FAULT, 0, 5);
	put_reg(m, MDSCOPE_A_TSX_CTRL, MDSCOPE_REG_STATE_NOT_ENUMERATED, 0, 0);
	put_raw(m, MDSCOPE_A_MAX_LEAF, 2);
	put_msg("cpu-fault-short", m);
	m = msg_new(MDSCOPE_CMD_GET_INFO);
	nla_put_string(m, MDSCOPE_A_VERSION, "0.1");
	nla_put_u32(m, MDSCOPE_A_GENERATION, 4);
	nla_put_u32(m, MDSCOPE_A_CPUS_POSSIBLE, 8);
	nla_put_u32(m, MDSCOPE_A_CPUS_ONLINE, 6);
	nla_put_u64(m, MDSCOPE_A_READ_TIME, 1795833600123456789ull);
	put_msg("info", m);
	m = msg_new(MDSCOPE_CMD_GENERATION_NTF);
	nla_put_u32(m, MDSCOPE_A_GENERATION, 5);
	nla_put_u32(m, MDSCOPE_A_EVENT, MDSCOPE_EVENT_ONLINE);
	nla_put_u32(m, MDSCOPE_A_CPU, 2);
	put_msg("event", m);
	put_msg("error-text", error_msg(-ENODEV, false, "mdscope: no such CPU", 0));
	put_msg("error-capped-miss", error_msg(-EINVAL, true, NULL, MDSCOPE_A_CPU));
}

static void ucode_seeds(void)
{
	static uint8_t buf[8192], cpio[16384];
	const struct fx_ext ext[2] = { { 0x50654, 0x97 }, { 0x50656, 0x01 } };
	const uint32_t eq[2][2] = { { 0x00830f10, 0x8310 }, { 0x00a00f11, 0xa011 } };
	struct fx_file f[2];
	size_t n, a;

	n = fx_intel(buf, 0x50657, 0xbf, 0x5003604, 64, NULL, 0);
	put("ucode", "intel-one", buf, n);
	n = fx_intel(buf, 0x50657, 0xbf, 0x5003604, 64, ext, 2);
	n += fx_intel(buf + n, 0x806ec, 0x94, 0xf8, 128, NULL, 0);
	put("ucode", "intel-bundle-ext", buf, n);
	n = fx_amd_head(buf, eq, 2);
	n += fx_amd_patch(buf + n, 0x0830107a, 0x8310, 64);
	n += fx_amd_patch(buf + n, 0x0a001173, 0xa011, 96);
	put("ucode", "amd-container", buf, n);

	a = fx_intel(buf, 0x50657, 0xbf, 0x5003604, 64, ext, 1);
	f[0] = (struct fx_file){ "kernel/x86/microcode", NULL, 0 };
	f[1] = (struct fx_file){ "kernel/x86/microcode/GenuineIntel.bin", buf, a };
	n = fx_cpio(cpio, sizeof(cpio), f, 2, false, false);
	put("initramfs", "early-intel", cpio, n);
	a = fx_amd_head(buf, eq, 1);
	a += fx_amd_patch(buf + a, 0x0830107a, 0x8310, 64);
	f[1] = (struct fx_file){ "kernel/x86/microcode/AuthenticAMD.bin", buf, a };
	n = fx_cpio(cpio, sizeof(cpio), f, 2, false, true);
	/* a second, padded archive after the first, then compressed bytes */
	memset(cpio + n, 0, 8);
	n += 8 + fx_cpio(cpio + n + 8, sizeof(cpio) - n - 8, f, 1, false, false);
	n += fx_cpio(cpio + n, sizeof(cpio) - n, f + 1, 1, true, false);
	put("initramfs", "early-amd-two-then-gzip", cpio, n);
}

int main(void)
{
	nl_seeds();
	ucode_seeds();
	return 0;
}
