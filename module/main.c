// SPDX-License-Identifier: GPL-2.0
/*
 * mdscope: per-CPU facts for MDS and TAA analysis (CPUID, ARCH_CAPABILITIES,
 * microcode, platform id, TSX_CTRL, topology), exported raw over the generic
 * netlink family "mdscope". Mechanism only; userspace decides.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <linux/mdscope.h>

#include "compat.h"
#include "version.h"

#ifdef CONFIG_X86
#include "cpu.h"
#include "netlink.h"

static int __init mdscope_init(void)
{
	int ret;

	/* The store announces new generations through netlink; netlink reads
	 * the store. Wired here so neither file calls into the other both ways. */
	ret = mdscope_cpu_init(mdscope_nl_notify);
	if (ret)
		goto err;
	ret = mdscope_nl_init();
	if (ret)
		goto err_cpu;
	pr_info("version %s loaded, %u CPUs\n", MDSCOPE_VERSION, num_online_cpus());
	return 0;

err_cpu:
	mdscope_cpu_exit();
err:
	pr_err("cannot load: %d\n", ret);
	return ret;
}

static void __exit mdscope_exit(void)
{
	mdscope_nl_exit();
	mdscope_cpu_exit();
}
#else
static int __init mdscope_init(void)
{
	pr_err("mdscope reads x86 CPUID and MSRs; this is not an x86 kernel\n");
	return -ENODEV;
}

static void __exit mdscope_exit(void)
{
}
#endif

module_init(mdscope_init);
module_exit(mdscope_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Per-CPU MDS/TAA hardware facts over generic netlink");
MODULE_AUTHOR("The mdscope developers");
MODULE_VERSION(MDSCOPE_VERSION);
MODULE_ALIAS_GENL_FAMILY(MDSCOPE_FAMILY_NAME);
