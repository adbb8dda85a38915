// SPDX-License-Identifier: GPL-2.0
/*
 * cmocka: libvirt XML saved from real hosts through the parsers, and the
 * per-domain md-clear verdicts (virtverdict.c) built on them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../userspace/virt/virtxml.c"
#include "virtverdict.h"

const char *prog = "mdscope";

#define LV FIXTURES "/libvirt/"

static char err[512];

static char *slurp(const char *name)
{
	char path[512], *buf;
	FILE *f;
	long n;

	snprintf(path, sizeof(path), LV "%s", name);
	f = fopen(path, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, n + 1);
	assert_int_equal(fread(buf, 1, n, f), n);
	fclose(f);
	return buf;
}

static void caps_amd_tcg(void **state)
{
	char *x = slurp("caps-amd-tcg.xml");
	struct vx_host h;

	assert_int_equal(vx_parse_caps(x, &h, err, sizeof(err)), 0);
	assert_string_equal(h.arch, "x86_64");
	assert_string_equal(h.vendor, "AMD");
	assert_string_equal(h.model, "kvm64");
	assert_false(h.feat[VX_F_MD_CLEAR]);
	assert_true(vx_host_offers(&h, "kvm"));
	assert_true(vx_host_offers(&h, "qemu"));
	assert_false(vx_host_offers(&h, "xen"));
	free(x);
}

static void caps_intel(void **state)
{
	char *x = slurp("caps-intel-md-clear.xml");
	struct vx_host h;

	assert_int_equal(vx_parse_caps(x, &h, err, sizeof(err)), 0);
	assert_string_equal(h.vendor, "Intel");
	assert_true(h.feat[VX_F_MD_CLEAR]);
	assert_true(h.feat[VX_F_ARCH_CAP]);
	free(x);
	x = slurp("caps-intel-old-ucode.xml");
	assert_int_equal(vx_parse_caps(x, &h, err, sizeof(err)), 0);
	assert_false(h.feat[VX_F_MD_CLEAR]);
	free(x);
}

static void domcaps_kvm_amd(void **state)
{
	char *x = slurp("domcaps-kvm-amd.xml");
	struct vx_domcaps dc;
	const struct vx_model *m;

	assert_int_equal(vx_parse_domcaps(x, &dc, err, sizeof(err)), 0);
	assert_string_equal(dc.virttype, "kvm");
	assert_true(dc.passthrough);
	assert_true(dc.host_model);
	assert_string_equal(dc.hm_model, "kvm64");
	assert_int_equal(dc.hm_feat[VX_F_MD_CLEAR], VX_ABSENT);
	assert_int_equal(dc.hm_feat[VX_F_ARCH_CAP], VX_REQUIRE);
	assert_int_equal(dc.hm_feat[VX_F_MDS_NO], VX_REQUIRE);
	assert_int_equal(dc.hm_feat[VX_F_TSX_CTRL], VX_ABSENT);
	assert_true(dc.n_models > 40);
	m = vx_find_model(&dc, "PENTIUM3");
	assert_non_null(m);
	assert_true(m->usable);
	m = vx_find_model(&dc, "Skylake-Server");
	assert_non_null(m);
	assert_false(m->usable);
	assert_null(vx_find_model(&dc, "NoSuchModel"));
	free(x);
}

static void domcaps_qemu_amd(void **state)
{
	char *x = slurp("domcaps-qemu-amd.xml");
	struct vx_domcaps dc;

	assert_int_equal(vx_parse_domcaps(x, &dc, err, sizeof(err)), 0);
	assert_string_equal(dc.virttype, "qemu");
	assert_false(dc.passthrough);
	assert_string_equal(dc.hm_model, "EPYC");
	assert_int_equal(dc.hm_feat[VX_F_MD_CLEAR], VX_ABSENT);
	assert_true(vx_find_model(&dc, "qemu64")->usable);
	free(x);
}

static void domcaps_intel_md_clear(void **state)
{
	char *x = slurp("domcaps-kvm-intel-md-clear.xml");
	struct vx_domcaps dc;

	assert_int_equal(vx_parse_domcaps(x, &dc, err, sizeof(err)), 0);
	assert_string_equal(dc.hm_model, "Cascadelake-Server-noTSX");
	assert_int_equal(dc.hm_feat[VX_F_MD_CLEAR], VX_REQUIRE);
	assert_int_equal(dc.hm_feat[VX_F_TSX_CTRL], VX_REQUIRE);
	assert_int_equal(dc.hm_feat[VX_F_TAA_NO], VX_ABSENT);
	free(x);
}

static void domain_live_disabled_config_required(void **state)
{
	char *live = slurp("domain-mds-require-live.xml");
	char *def = slurp("domain-mds-require-inactive.xml");
	struct vx_domain d;

	assert_int_equal(vx_parse_domain(live, &d, err, sizeof(err)), 0);
	assert_string_equal(d.name, "mds-require");
	assert_string_equal(d.type, "qemu");
	assert_string_equal(d.cpu.mode, "custom");
	assert_string_equal(d.cpu.model, "qemu64");
	assert_int_equal(d.cpu.feat[VX_F_MD_CLEAR], VX_DISABLE);
	assert_false(d.nova);
	assert_int_equal(vx_parse_domain(def, &d, err, sizeof(err)), 0);
	assert_int_equal(d.cpu.feat[VX_F_MD_CLEAR], VX_REQUIRE);
	free(live);
	free(def);
}

static void domain_host_model_expanded(void **state)
{
	char *x = slurp("domain-host-model-live.xml");
	struct vx_domain d;

	assert_int_equal(vx_parse_domain(x, &d, err, sizeof(err)), 0);
	assert_string_equal(d.cpu.mode, "custom");	/* live XML expands host-model */
	assert_string_equal(d.cpu.model, "EPYC");
	assert_int_equal(d.cpu.feat[VX_F_MD_CLEAR], VX_ABSENT);
	free(x);
}

static void domain_nova_metadata(void **state)
{
	char *x = slurp("domain-nova-custom-live.xml");
	struct vx_domain d;

	assert_int_equal(vx_parse_domain(x, &d, err, sizeof(err)), 0);
	assert_true(d.nova);
	assert_string_equal(d.nova_name, "web-1");
	assert_string_equal(d.nova_flavor, "m1.tiny");
	assert_int_equal(strlen(d.uuid), 36);
	free(x);
}

static void bad_documents(void **state)
{
	char *node = slurp("node-guests.xml");
	struct vx_domain d;
	struct vx_domcaps dc;

	assert_int_equal(vx_parse_domain(node, &d, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "not a <domain> document (root element <node>)");
	assert_int_equal(vx_parse_domcaps("<domainCapabilities><cpu/>", &dc, err,
					  sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "not well-formed XML (line 1"));
	assert_int_equal(vx_parse_domain("<domain type='kvm'/>", &d, err, sizeof(err)),
			 -EINVAL);
	assert_string_equal(err, "domain XML without a <name>");
	free(node);
}

static void cpu_request_xml(void **state)
{
	char buf[256];

	assert_int_equal(vx_cpu_with_md_clear("Skylake-Server-IBRS", buf, sizeof(buf)), 0);
	assert_non_null(strstr(buf, "<model fallback='forbid'>Skylake-Server-IBRS</model>"
			       "<feature policy='require' name='md-clear'/>"));
	assert_int_equal(vx_cpu_with_md_clear("a'><x", buf, sizeof(buf)), -EINVAL);
	assert_int_equal(vx_cpu_with_md_clear("", buf, sizeof(buf)), -EINVAL);
}

/* ---- verdicts over the same fixtures ---------------------------------- */

static void side_from(struct vv_host *h, enum vv_type t, const char *file)
{
	char *x = slurp(file);
	struct vv_side *s = &h->side[t];

	assert_int_equal(vx_parse_domcaps(x, &s->dc, err, sizeof(err)), 0);
	free(x);
}

static void dom_from(struct vv_dom *d, const char *live, const char *def)
{
	char *l = slurp(live), *p = slurp(def);

	memset(d, 0, sizeof(*d));
	d->active = d->persistent = true;
	assert_int_equal(vx_parse_domain(l, &d->live, err, sizeof(err)), 0);
	assert_int_equal(vx_parse_domain(p, &d->def, err, sizeof(err)), 0);
	free(l);
	free(p);
}

static void set_cmp(struct vv_side *s, const char *model, int md_clear)
{
	snprintf(s->cmp[s->n_cmp].model, VX_NAME_LEN, "%s", model);
	s->cmp[s->n_cmp].usable = true;
	s->cmp[s->n_cmp++].md_clear = md_clear;
}

static void verdict_needs_cold_boot(void **state)
{
	static struct vv_host h;
	struct vv_dom d;

	memset(&h, 0, sizeof(h));
	h.affected = 1;
	side_from(&h, VV_QEMU, "domcaps-qemu-amd.xml");
	set_cmp(&h.side[VV_QEMU], "qemu64", 1);	/* the host can now give it */
	dom_from(&d, "domain-mds-require-live.xml", "domain-mds-require-inactive.xml");
	vv_judge_domain(&h, &d);
	assert_int_equal(d.md_clear_live, 0);
	assert_int_equal(d.def_gives, 1);
	assert_int_equal(d.state, VV_NEEDS_COLD_BOOT);
	assert_int_equal(d.severity, 2);
	assert_non_null(strstr(d.why, "a reboot inside the guest is not enough"));

	/* the same guest where the host cannot provide md-clear */
	h.side[VV_QEMU].cmp[0].md_clear = 0;
	vv_judge_domain(&h, &d);
	assert_int_equal(d.state, VV_HOST_CANNOT);
	/* on a host that is not affected, nothing is critical */
	h.affected = 0;
	vv_judge_domain(&h, &d);
	assert_int_equal(d.severity, 0);
	/* and when libvirt could not be asked */
	h.affected = -1;
	h.side[VV_QEMU].cmp[0].md_clear = -1;
	vv_judge_domain(&h, &d);
	assert_int_equal(d.state, VV_LACKS);
	assert_int_equal(d.severity, 2);
}

static void verdict_host_model_and_stopped(void **state)
{
	static struct vv_host h;
	struct vv_dom d;

	memset(&h, 0, sizeof(h));
	h.affected = 1;
	side_from(&h, VV_QEMU, "domcaps-qemu-amd.xml");
	dom_from(&d, "domain-host-model-live.xml", "domain-host-model-live.xml");
	d.persistent = false;
	vv_judge_domain(&h, &d);
	assert_int_equal(d.state, VV_NOT_CONFIGURED);
	assert_non_null(strstr(d.why, "transient"));

	/* a shut-off host-model definition on a host whose expansion has md-clear */
	memset(&h, 0, sizeof(h));
	h.affected = 1;
	side_from(&h, VV_KVM, "domcaps-kvm-intel-md-clear.xml");
	dom_from(&d, "domain-mds-require-inactive.xml", "domain-mds-require-inactive.xml");
	snprintf(d.def.type, sizeof(d.def.type), "kvm");
	snprintf(d.def.cpu.mode, sizeof(d.def.cpu.mode), "host-model");
	d.def.cpu.feat[VX_F_MD_CLEAR] = VX_ABSENT;
	d.active = false;
	vv_judge_domain(&h, &d);
	assert_int_equal(d.state, VV_WILL_GET);
	assert_int_equal(d.severity, 0);
	side_from(&h, VV_KVM, "domcaps-kvm-intel-old-ucode.xml");
	vv_judge_domain(&h, &d);
	assert_int_equal(d.state, VV_HOST_CANNOT);
	assert_int_equal(d.severity, 1);
}

static void worst_severity(void **state)
{
	assert_int_equal(vv_worse(0, 1), 1);
	assert_int_equal(vv_worse(1, 3), 3);
	assert_int_equal(vv_worse(3, 2), 2);
	assert_int_equal(vv_worse(2, 3), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(caps_amd_tcg),
		cmocka_unit_test(caps_intel),
		cmocka_unit_test(domcaps_kvm_amd),
		cmocka_unit_test(domcaps_qemu_amd),
		cmocka_unit_test(domcaps_intel_md_clear),
		cmocka_unit_test(domain_live_disabled_config_required),
		cmocka_unit_test(domain_host_model_expanded),
		cmocka_unit_test(domain_nova_metadata),
		cmocka_unit_test(bad_documents),
		cmocka_unit_test(cpu_request_xml),
		cmocka_unit_test(verdict_needs_cold_boot),
		cmocka_unit_test(verdict_host_model_and_stopped),
		cmocka_unit_test(worst_severity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
