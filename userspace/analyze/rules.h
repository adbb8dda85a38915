/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rules of each vulnerability, one row per enum vuln_id (its names and
 * the kernel's texts are the row of the same id in snapshot/vuln.c): the
 * hardware rule (the kernel's, optionally with mdscope's vendor check),
 * what makes the microcode half of the mitigation work, the sysfs state the
 * kernel's selection logic gives, and how SMT siblings can be contained.
 */
#ifndef MDSCOPE_RULES_H
#define MDSCOPE_RULES_H

#include "classify.h"

struct vuln_rules {
	/* Hardware verdict of one CPU; vendor_aware adds mdscope's opinion that
	 * the MDS family is Intel-only. Sets CLS_WHY_* bits in *why. */
	enum cls_hw (*hw)(const struct mds_cpu *c, const struct cls_cpu *o, bool vendor_aware,
			  uint32_t *why);
	/* Does the microcode make the kernel's clearing work on this CPU? */
	enum cls_tri (*works)(const struct cls_cpu *o);
	/* Can the microcode mitigate at all (a TSX switch counts for TAA)? */
	enum cls_tri (*possible)(const struct cls_cpu *o);
	/* Is the kernel's clearing (VERW) what mitigates it? */
	bool (*contained)(const struct cls_cpu *o, const struct cls_vuln *v);
	/* The sysfs state the kernel's selection logic gives for the boot CPU. */
	enum mds_kstate (*expect)(const struct cls_cpu *bsp, const struct cls_kernel *kv, int v);
	uint32_t no_ucode_why;		/* CLS_WHY_* when works() says no */
	const char *no_ucode;		/* "no MD_CLEAR": what the microcode lacks */
	enum cls_smt contained_smt;	/* a core whose threads are contained */
};

extern const struct vuln_rules vuln_rules[VULN_NR];

#endif
