/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmocka helpers for the analyzer tests: classify the fixture host into R,
 * then compare findings ("code:vuln:cpus ...") and per-CPU verdicts
 * ("hw/possible/active/mitigation/exposure/smt") as exact strings.
 */
#ifndef MDSCOPE_CLASSIFY_CHECK_H
#define MDSCOPE_CLASSIFY_CHECK_H

#include <stdio.h>
#include <string.h>

#include "classify.h"
#include "classify_fx.h"

static struct cls_result R;

/* The vulnerabilities run() judges: the first release's tests judge MDS and
 * TAA (their meaning unchanged); the MMIO and RFDS tests set VULN_ALL. */
#define VULNS_MDS_TAA ((1u << VULN_MDS) | (1u << VULN_TAA))
static unsigned int run_vulns = VULNS_MDS_TAA;

static inline void run(void)
{
	cls_result_free(&R);
	assert_int_equal(classify_snapshot_vulns(&fx, run_vulns, &R), 0);
	assert_int_equal(R.nr_cpus, fx.nr_cpus);
}

/* "code:vuln:cpus" for every finding, in the result's order, space-separated. */
static inline const char *findings(void)
{
	static char buf[4096];
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < R.nr_findings; i++) {
		const struct cls_finding *f = &R.findings[i];
		char cpus[256];

		off += snprintf(buf + off, sizeof(buf) - off, "%s%s:%s:%s", off ? " " : "",
				cls_code_name(f->code), cls_vuln_name(f->vuln),
				cls_cpulist(f->cpus, f->nr_cpus, cpus, sizeof(cpus)));
		assert_true(f->message[0] && f->next_step[0]);
	}
	return buf;
}

static inline const struct cls_finding *finding(enum cls_code code, enum cls_vuln_id v)
{
	for (size_t i = 0; i < R.nr_findings; i++)
		if (R.findings[i].code == code && R.findings[i].vuln == v)
			return &R.findings[i];
	return NULL;
}

/* "hw/possible/active/mitigation/exposure/smt" of one vulnerability on CPU i. */
static inline const char *verdict(size_t i, enum cls_vuln_id v)
{
	static char buf[128];
	const struct cls_vuln *x = &R.cpus[i].v[v - 1];

	snprintf(buf, sizeof(buf), "%s/%s/%s/%s/%s/%s", cls_hw_name(x->hw),
		 cls_tri_name(x->possible), cls_tri_name(x->active),
		 cls_mitigation_name(x->mitigation), cls_exposure_name(x->exposure),
		 cls_smt_name(x->smt));
	return buf;
}

static inline void assert_all(enum cls_vuln_id v, const char *want)
{
	for (size_t i = 0; i < R.nr_cpus; i++)
		if (R.cpus[i].online)
			assert_string_equal(verdict(i, v), want);
}

static inline int teardown(void **state)
{
	cls_result_free(&R);
	snapshot_free(&fx);
	return 0;
}

#endif
