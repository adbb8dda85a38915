// SPDX-License-Identifier: GPL-2.0
/*
 * The report as JSON, schema "mdscope-report/1" (documented in mdscope.8):
 * cpus[], cores[], sockets[], kernel (the sysfs claims verbatim),
 * discrepancies[] and the verdict. Register values are hex strings; a
 * value that was not read is null, never 0.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "classify.h"
#include "report.h"
#include "snapshot.h"
#include "snapshot_json.h"
#include "out.h"
#include "ucode_print.h"

const struct cls_cpu *report_cls_cpu(const struct cls_result *r, uint32_t cpu)
{
	for (size_t i = 0; i < r->nr_cpus; i++)
		if (r->cpus[i].cpu == cpu)
			return &r->cpus[i];
	return NULL;
}

static json_object *tri(enum cls_tri t)
{
	return out_tri(t == CLS_UNKNOWN ? -1 : t == CLS_YES);
}

static json_object *why_array(uint32_t why)
{
	json_object *a = json_object_new_array();
	char buf[512], *save, *tok;

	cls_why_str(why, buf, sizeof(buf));
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		json_object_array_add(a, out_str(tok));
	return a;
}

static json_object *vuln_json(const struct cls_vuln *v)
{
	json_object *o = json_object_new_object();

	out_add(o, "hardware", out_str(cls_hw_name(v->hw)));
	out_add(o, "kernel_rule", out_str(cls_hw_name(v->kernel_rule)));
	out_add(o, "mitigation_possible", tri(v->possible));
	out_add(o, "mitigation_active", tri(v->active));
	out_add(o, "mitigation", out_str(cls_mitigation_name(v->mitigation)));
	out_add(o, "exposure", out_str(cls_exposure_name(v->exposure)));
	out_add(o, "smt", out_str(cls_smt_name(v->smt)));
	out_add(o, "why", why_array(v->why));
	return o;
}

static json_object *cpu_json(const struct mds_cpu *c, const struct cls_cpu *k)
{
	json_object *o = json_object_new_object(), *var;

	out_add(o, "cpu", json_object_new_int64(c->cpu));
	out_add(o, "online", k->online_unknown ? NULL : json_object_new_boolean(c->online));
	out_add(o, "package", c->have_topology ? json_object_new_int64(c->package) : NULL);
	out_add(o, "die", c->have_topology ? json_object_new_int64(c->die) : NULL);
	out_add(o, "core", c->have_topology ? json_object_new_int64(c->core) : NULL);
	out_add(o, "thread", c->have_topology ? json_object_new_int64(c->thread) : NULL);
	out_add(o, "vendor", c->have_cpuid ? out_str(c->vendor) : NULL);
	out_add(o, "signature", c->have_cpuid ? out_hex(c->signature) : NULL);
	out_add(o, "family", c->have_cpuid ? json_object_new_int64(mds_family(c->signature)) : NULL);
	out_add(o, "model", c->have_cpuid ? json_object_new_int64(mds_model(c->signature)) : NULL);
	out_add(o, "stepping", c->have_cpuid ? json_object_new_int64(mds_stepping(c->signature)) : NULL);
	out_add(o, "microcode", k->have_microcode ? out_hex(k->microcode) : NULL);
	out_add(o, "microcode_source", out_str(cls_ucode_src_name(k->microcode_src)));
	out_add(o, "microcode_msr", c->microcode.state == MDSCOPE_REG_STATE_OK ?
	    out_hex(c->microcode.value) : NULL);
	out_add(o, "microcode_cached", c->have_ucode_cached ? out_hex(c->microcode_cached) : NULL);
	out_add(o, "microcode_status", out_str(ucode_state_name(k->ucode.state)));
	out_add(o, "platform_id", c->platform_id.state == MDSCOPE_REG_STATE_OK ?
	    json_object_new_int64(c->platform_id.value) : NULL);
	out_add(o, "md_clear", tri(k->md_clear));
	out_add(o, "arch_capabilities", c->arch_cap.state == MDSCOPE_REG_STATE_OK ?
	    out_hex(c->arch_cap.value) : NULL);
	out_add(o, "arch_capabilities_state", out_str(mds_reg_state_name(c->arch_cap.state)));
	out_add(o, "tsx_ctrl", c->tsx_ctrl.state == MDSCOPE_REG_STATE_OK ? out_hex(c->tsx_ctrl.value) : NULL);
	out_add(o, "rtm", tri(k->rtm));
	out_add(o, "hypervisor", c->have_cpuid ?
	    json_object_new_boolean(c->leaf1_ecx & MDSCOPE_L1ECX_HYPERVISOR) : NULL);
	out_add(o, "source", out_str(cls_source_name(k->source)));
	out_add(o, "collected_by", out_str(mds_source_name(c->source)));
	out_add(o, "core_type", k->core_type ? json_object_new_int64(k->core_type) : NULL);
	for (int v = 0; v < VULN_NR; v++)
		out_add(o, vuln_info[v].key, vuln_json(&k->v[v]));
	var = json_object_new_object();
	for (int i = 0; i < CLS_MDS_NR_VARIANTS; i++)
		out_add(var, cls_variant_name(i), out_str(cls_hw_name(k->mds_variant[i])));
	out_add(o, "mds_variants", var);
	return o;
}

static json_object *mixed_array(uint32_t bits)
{
	static const char *const names[] = { "signature", "microcode", "md_clear",
					     "arch_capabilities", "platform_id" };
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (bits & (1u << i))
			json_object_array_add(a, out_str(names[i]));
	return a;
}

/* hw is CLS_HW_UNKNOWN - 1 (-1) where there is no shared hardware verdict (cores). */
static json_object *exposure_pair(enum cls_exposure e, enum cls_smt smt, int hw)
{
	json_object *o = json_object_new_object();

	out_add(o, "exposure", out_str(cls_exposure_name(e)));
	out_add(o, "smt", out_str(cls_smt_name(smt)));
	if (hw >= 0)
		out_add(o, "hardware", out_str(cls_hw_name(hw)));
	return o;
}

static json_object *socket_json(const struct cls_socket *so)
{
	json_object *o = json_object_new_object();

	out_add(o, "package", so->package < 0 ? NULL : json_object_new_int64(so->package));
	out_add(o, "cpus", json_object_new_int64(so->cpus));
	out_add(o, "online", json_object_new_int64(so->online));
	out_add(o, "cores", json_object_new_int64(so->cores));
	out_add(o, "signature", so->signature ? out_hex(so->signature) : NULL);
	out_add(o, "microcode", so->have_microcode && !(so->mixed & CLS_MIXED_MICROCODE) ?
	    out_hex(so->microcode) : NULL);
	out_add(o, "microcode_source", out_str(so->mixed & CLS_MIXED_MICROCODE ? "mixed" :
				      cls_ucode_src_name(so->microcode_src)));
	out_add(o, "microcode_status", out_str(ucode_state_name(so->ucode)));
	out_add(o, "md_clear", tri(so->md_clear));
	for (int v = 0; v < VULN_NR; v++)
		out_add(o, vuln_info[v].key, exposure_pair(so->exposure[v], so->smt[v], so->hw[v]));
	out_add(o, "mixed", mixed_array(so->mixed));
	out_add(o, "differs_from_first_socket", mixed_array(so->differs));
	return o;
}

static json_object *core_json(const struct cls_core *co)
{
	json_object *o = json_object_new_object();

	out_add(o, "package", co->package < 0 ? NULL : json_object_new_int64(co->package));
	out_add(o, "die", co->die < 0 ? NULL : json_object_new_int64(co->die));
	out_add(o, "core", co->core < 0 ? NULL : json_object_new_int64(co->core));
	out_add(o, "threads", json_object_new_int64(co->threads));
	out_add(o, "online", json_object_new_int64(co->online));
	for (int v = 0; v < VULN_NR; v++)
		out_add(o, vuln_info[v].key, exposure_pair(co->exposure[v], co->smt[v], -1));
	return o;
}

static json_object *finding_json(const struct cls_finding *f)
{
	json_object *o = json_object_new_object(), *cpus = json_object_new_array(),
		    *socks = json_object_new_array();

	out_add(o, "code", out_str(cls_code_name(f->code)));
	out_add(o, "severity", out_str(cls_severity_name(f->severity)));
	out_add(o, "vulnerability", f->vuln == CLS_V_NONE ? NULL : out_str(cls_vuln_name(f->vuln)));
	for (size_t i = 0; i < f->nr_cpus; i++)
		json_object_array_add(cpus, json_object_new_int64(f->cpus[i]));
	for (size_t i = 0; i < f->nr_sockets; i++)
		json_object_array_add(socks, json_object_new_int64(f->sockets[i]));
	out_add(o, "cpus", cpus);
	out_add(o, "sockets", socks);
	out_add(o, "message", out_str(f->message));
	out_add(o, "next_step", out_str(f->next_step));
	return o;
}

static json_object *claim_json(const struct mds_kclaim *c)
{
	json_object *o = json_object_new_object();

	out_add(o, "present", json_object_new_boolean(c->present));
	out_add(o, "state", out_str(mds_kstate_name(c->state)));
	out_add(o, "smt", out_str(mds_ksmt_name(c->smt)));
	return o;
}

static json_object *kernel_json(const struct mds_snapshot *s, const struct cls_result *r)
{
	const struct mds_kernel *k = &s->kernel;
	const struct mds_cmdline *c = &k->cmdline;
	json_object *o = json_object_new_object(), *v = json_object_new_object(), *cl, *smt, *exp;

	out_add(o, "release", k->release[0] ? out_str(k->release) : NULL);
	for (size_t i = 0; i < k->nr_vulns; i++)
		out_add(v, k->vulns[i].name, out_str(k->vulns[i].text));
	out_add(o, "vulnerabilities", v);
	exp = json_object_new_object();
	for (int i = 0; i < VULN_NR; i++) {
		out_add(o, vuln_info[i].key, claim_json(&k->claim[i]));
		out_add(exp, vuln_info[i].key, out_str(mds_kstate_name(r->kernel.expect[i])));
	}
	out_add(o, "expected_from_boot_cpu", exp);
	smt = json_object_new_object();
	out_add(smt, "control", k->smt.control_text[0] ? out_str(k->smt.control_text) : NULL);
	out_add(smt, "active", k->smt.active < 0 ? NULL : json_object_new_boolean(k->smt.active));
	out_add(o, "smt", smt);
	cl = NULL;
	if (c->present) {
		cl = json_object_new_object();
		for (int i = 0; i < VULN_NR; i++)
			out_add(cl, vuln_info[i].cmdline, out_str_or_null(c->vuln_opt[i]));
		out_add(cl, "tsx", out_str_or_null(c->tsx));
		out_add(cl, "mitigations", out_str_or_null(c->mitigations));
		out_add(cl, "nosmt", json_object_new_boolean(c->nosmt));
		out_add(cl, "nosmt_value", c->nosmt_value[0] ? out_str(c->nosmt_value) : NULL);
	}
	out_add(o, "cmdline", cl);
	return o;
}

int report_print_json(FILE *f, const struct mds_snapshot *s, const struct cls_result *r,
		      const struct ucode_inv *inv)
{
	json_object *o = json_object_new_object(), *a, *v;
	char t[40];
	int ret = 0;

	if (!o)
		return -ENOMEM;
	out_add(o, "schema", out_str(MDS_REPORT_SCHEMA));
	out_add(o, "hostname", out_str(s->hostname));
	out_add(o, "time", out_str(out_time(s->time_ns, "unknown", t, sizeof(t))));
	out_add(o, "from_snapshot", json_object_new_boolean(s->source == MDS_SRC_SNAPSHOT));
	out_add(o, "collected_by", out_str(mds_source_name(s->collected_by)));
	if (s->have_module) {
		v = json_object_new_object();
		out_add(v, "version", out_str(s->module.version));
		out_add(v, "generation", json_object_new_int64(s->module.generation));
		out_add(o, "module", v);
	} else {
		out_add(o, "module", NULL);
	}
	out_add(o, "module_error", s->module_error[0] ? out_str(s->module_error) : NULL);
	out_add(o, "msr_driver", json_object_new_boolean(s->msr_driver));
	a = json_object_new_array();
	for (size_t i = 0; i < s->nr_notes; i++)
		json_object_array_add(a, out_str(s->notes[i]));
	out_add(o, "notes", a);
	out_add(o, "hypervisor", json_object_new_boolean(r->hypervisor));
	a = json_object_new_array();
	for (int i = 0; i < VULN_NR; i++)
		if (cls_judged(r, i))
			json_object_array_add(a, out_str(vuln_info[i].key));
	out_add(o, "vulnerabilities", a);

	a = json_object_new_array();
	for (size_t i = 0; i < s->nr_cpus && i < r->nr_cpus; i++)
		json_object_array_add(a, cpu_json(&s->cpus[i], &r->cpus[i]));
	out_add(o, "cpus", a);
	a = json_object_new_array();
	for (size_t i = 0; i < r->nr_cores; i++)
		json_object_array_add(a, core_json(&r->cores[i]));
	out_add(o, "cores", a);
	a = json_object_new_array();
	for (size_t i = 0; i < r->nr_sockets; i++)
		json_object_array_add(a, socket_json(&r->sockets[i]));
	out_add(o, "sockets", a);
	out_add(o, "kernel", kernel_json(s, r));
	out_add(o, "microcode_files", inv ? ucode_inv_json(inv) : NULL);
	a = json_object_new_array();
	for (size_t i = 0; i < r->nr_findings; i++)
		json_object_array_add(a, finding_json(&r->findings[i]));
	out_add(o, "discrepancies", a);
	v = json_object_new_object();
	out_add(v, "status", out_str(cls_status_name(r->status)));
	out_add(v, "exit_code", json_object_new_int64(r->exit_code));
	for (int i = 0; i < VULN_NR; i++)
		out_add(v, vuln_info[i].key, out_str(cls_exposure_name(r->exposure[i])));
	out_add(o, "verdict", v);

	ret = out_json_print(f, o);
	return ret;
}
