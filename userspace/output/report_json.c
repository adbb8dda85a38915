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

const struct cls_cpu *report_cls_cpu(const struct cls_result *r, uint32_t cpu)
{
	for (size_t i = 0; i < r->nr_cpus; i++)
		if (r->cpus[i].cpu == cpu)
			return &r->cpus[i];
	return NULL;
}

bool report_microcode(const struct mds_cpu *c, uint32_t *rev)
{
	if (c->microcode.state == MDSCOPE_REG_STATE_OK)
		*rev = c->microcode.value;
	else if (c->have_ucode_cached)
		*rev = c->microcode_cached;
	else
		return false;
	return true;
}

char *report_time(uint64_t ns, char *buf, size_t len)
{
	time_t t = ns / 1000000000ull;
	struct tm tm;

	if (!ns || !gmtime_r(&t, &tm) || !strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, len, "unknown");
	return buf;
}

static json_object *hex(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%" PRIx64, v);
	return json_object_new_string(buf);
}

static json_object *tri(enum cls_tri t)
{
	return t == CLS_UNKNOWN ? NULL : json_object_new_boolean(t == CLS_YES);
}

static json_object *str(const char *s)
{
	return json_object_new_string(s);
}

static void add(json_object *o, const char *key, json_object *v)
{
	json_object_object_add(o, key, v);
}

static json_object *why_array(uint32_t why)
{
	json_object *a = json_object_new_array();
	char buf[512], *save, *tok;

	cls_why_str(why, buf, sizeof(buf));
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		json_object_array_add(a, str(tok));
	return a;
}

static json_object *vuln_json(const struct cls_vuln *v)
{
	json_object *o = json_object_new_object();

	add(o, "hardware", str(cls_hw_name(v->hw)));
	add(o, "kernel_rule", str(cls_hw_name(v->kernel_rule)));
	add(o, "mitigation_possible", tri(v->possible));
	add(o, "mitigation_active", tri(v->active));
	add(o, "mitigation", str(cls_mitigation_name(v->mitigation)));
	add(o, "exposure", str(cls_exposure_name(v->exposure)));
	add(o, "smt", str(cls_smt_name(v->smt)));
	add(o, "why", why_array(v->why));
	return o;
}

static json_object *cpu_json(const struct mds_cpu *c, const struct cls_cpu *k)
{
	json_object *o = json_object_new_object(), *var;

	add(o, "cpu", json_object_new_int64(c->cpu));
	add(o, "online", json_object_new_boolean(c->online));
	add(o, "package", c->have_topology ? json_object_new_int64(c->package) : NULL);
	add(o, "die", c->have_topology ? json_object_new_int64(c->die) : NULL);
	add(o, "core", c->have_topology ? json_object_new_int64(c->core) : NULL);
	add(o, "thread", c->have_topology ? json_object_new_int64(c->thread) : NULL);
	add(o, "vendor", c->have_cpuid ? str(c->vendor) : NULL);
	add(o, "signature", c->have_cpuid ? hex(c->signature) : NULL);
	add(o, "family", c->have_cpuid ? json_object_new_int64(mds_family(c->signature)) : NULL);
	add(o, "model", c->have_cpuid ? json_object_new_int64(mds_model(c->signature)) : NULL);
	add(o, "stepping", c->have_cpuid ? json_object_new_int64(mds_stepping(c->signature)) : NULL);
	add(o, "microcode", k->have_microcode ? hex(k->microcode) : NULL);
	add(o, "microcode_source", str(cls_ucode_src_name(k->microcode_src)));
	add(o, "microcode_msr", c->microcode.state == MDSCOPE_REG_STATE_OK ?
	    hex(c->microcode.value) : NULL);
	add(o, "microcode_cached", c->have_ucode_cached ? hex(c->microcode_cached) : NULL);
	add(o, "microcode_status", str(ucode_state_name(k->ucode.state)));
	add(o, "platform_id", c->platform_id.state == MDSCOPE_REG_STATE_OK ?
	    json_object_new_int64(c->platform_id.value) : NULL);
	add(o, "md_clear", tri(k->md_clear));
	add(o, "arch_capabilities", c->arch_cap.state == MDSCOPE_REG_STATE_OK ?
	    hex(c->arch_cap.value) : NULL);
	add(o, "arch_capabilities_state", str(mds_reg_state_name(c->arch_cap.state)));
	add(o, "tsx_ctrl", c->tsx_ctrl.state == MDSCOPE_REG_STATE_OK ? hex(c->tsx_ctrl.value) : NULL);
	add(o, "rtm", tri(k->rtm));
	add(o, "hypervisor", c->have_cpuid ?
	    json_object_new_boolean(c->leaf1_ecx & MDSCOPE_L1ECX_HYPERVISOR) : NULL);
	add(o, "source", str(cls_source_name(k->source)));
	add(o, "collected_by", str(mds_source_name(c->source)));
	add(o, "core_type", k->core_type ? json_object_new_int64(k->core_type) : NULL);
	for (int v = 0; v < VULN_NR; v++)
		add(o, vuln_info[v].key, vuln_json(&k->v[v]));
	var = json_object_new_object();
	for (int i = 0; i < CLS_MDS_NR_VARIANTS; i++)
		add(var, cls_variant_name(i), str(cls_hw_name(k->mds_variant[i])));
	add(o, "mds_variants", var);
	return o;
}

static json_object *mixed_array(uint32_t bits)
{
	static const char *const names[] = { "signature", "microcode", "md_clear",
					     "arch_capabilities", "platform_id" };
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (bits & (1u << i))
			json_object_array_add(a, str(names[i]));
	return a;
}

/* hw is CLS_HW_UNKNOWN - 1 (-1) where there is no shared hardware verdict (cores). */
static json_object *exposure_pair(enum cls_exposure e, enum cls_smt smt, int hw)
{
	json_object *o = json_object_new_object();

	add(o, "exposure", str(cls_exposure_name(e)));
	add(o, "smt", str(cls_smt_name(smt)));
	if (hw >= 0)
		add(o, "hardware", str(cls_hw_name(hw)));
	return o;
}

static json_object *socket_json(const struct cls_socket *so)
{
	json_object *o = json_object_new_object();

	add(o, "package", so->package < 0 ? NULL : json_object_new_int64(so->package));
	add(o, "cpus", json_object_new_int64(so->cpus));
	add(o, "online", json_object_new_int64(so->online));
	add(o, "cores", json_object_new_int64(so->cores));
	add(o, "signature", so->signature ? hex(so->signature) : NULL);
	add(o, "microcode", so->have_microcode && !(so->mixed & CLS_MIXED_MICROCODE) ?
	    hex(so->microcode) : NULL);
	add(o, "microcode_source", str(so->mixed & CLS_MIXED_MICROCODE ? "mixed" :
				      cls_ucode_src_name(so->microcode_src)));
	add(o, "microcode_status", str(ucode_state_name(so->ucode)));
	add(o, "md_clear", tri(so->md_clear));
	for (int v = 0; v < VULN_NR; v++)
		add(o, vuln_info[v].key, exposure_pair(so->exposure[v], so->smt[v], so->hw[v]));
	add(o, "mixed", mixed_array(so->mixed));
	add(o, "differs_from_first_socket", mixed_array(so->differs));
	return o;
}

static json_object *core_json(const struct cls_core *co)
{
	json_object *o = json_object_new_object();

	add(o, "package", co->package < 0 ? NULL : json_object_new_int64(co->package));
	add(o, "die", co->die < 0 ? NULL : json_object_new_int64(co->die));
	add(o, "core", co->core < 0 ? NULL : json_object_new_int64(co->core));
	add(o, "threads", json_object_new_int64(co->threads));
	add(o, "online", json_object_new_int64(co->online));
	for (int v = 0; v < VULN_NR; v++)
		add(o, vuln_info[v].key, exposure_pair(co->exposure[v], co->smt[v], -1));
	return o;
}

static json_object *finding_json(const struct cls_finding *f)
{
	json_object *o = json_object_new_object(), *cpus = json_object_new_array(),
		    *socks = json_object_new_array();

	add(o, "code", str(cls_code_name(f->code)));
	add(o, "severity", str(cls_severity_name(f->severity)));
	add(o, "vulnerability", f->vuln == CLS_V_NONE ? NULL : str(cls_vuln_name(f->vuln)));
	for (size_t i = 0; i < f->nr_cpus; i++)
		json_object_array_add(cpus, json_object_new_int64(f->cpus[i]));
	for (size_t i = 0; i < f->nr_sockets; i++)
		json_object_array_add(socks, json_object_new_int64(f->sockets[i]));
	add(o, "cpus", cpus);
	add(o, "sockets", socks);
	add(o, "message", str(f->message));
	add(o, "next_step", str(f->next_step));
	return o;
}

static json_object *claim_json(const struct mds_kclaim *c)
{
	json_object *o = json_object_new_object();

	add(o, "present", json_object_new_boolean(c->present));
	add(o, "state", str(mds_kstate_name(c->state)));
	add(o, "smt", str(mds_ksmt_name(c->smt)));
	return o;
}

static json_object *kernel_json(const struct mds_snapshot *s, const struct cls_result *r)
{
	const struct mds_kernel *k = &s->kernel;
	const struct mds_cmdline *c = &k->cmdline;
	json_object *o = json_object_new_object(), *v = json_object_new_object(), *cl, *smt, *exp;

	add(o, "release", k->release[0] ? str(k->release) : NULL);
	for (size_t i = 0; i < k->nr_vulns; i++)
		add(v, k->vulns[i].name, str(k->vulns[i].text));
	add(o, "vulnerabilities", v);
	exp = json_object_new_object();
	for (int i = 0; i < VULN_NR; i++) {
		add(o, vuln_info[i].key, claim_json(&k->claim[i]));
		add(exp, vuln_info[i].key, str(mds_kstate_name(r->kernel.expect[i])));
	}
	add(o, "expected_from_boot_cpu", exp);
	smt = json_object_new_object();
	add(smt, "control", k->smt.control_text[0] ? str(k->smt.control_text) : NULL);
	add(smt, "active", k->smt.active < 0 ? NULL : json_object_new_boolean(k->smt.active));
	add(o, "smt", smt);
	cl = NULL;
	if (c->present) {
		cl = json_object_new_object();
		add(cl, "mds", c->mds[0] ? str(c->mds) : NULL);
		add(cl, "tsx", c->tsx[0] ? str(c->tsx) : NULL);
		add(cl, "tsx_async_abort", c->tsx_async_abort[0] ? str(c->tsx_async_abort) : NULL);
		add(cl, "mitigations", c->mitigations[0] ? str(c->mitigations) : NULL);
		add(cl, "mmio_stale_data", c->mmio_stale_data[0] ? str(c->mmio_stale_data) : NULL);
		add(cl, "reg_file_data_sampling", c->reg_file_data_sampling[0] ?
		    str(c->reg_file_data_sampling) : NULL);
		add(cl, "nosmt", json_object_new_boolean(c->nosmt));
		add(cl, "nosmt_value", c->nosmt_value[0] ? str(c->nosmt_value) : NULL);
	}
	add(o, "cmdline", cl);
	return o;
}

int report_print_json(FILE *f, const struct mds_snapshot *s, const struct cls_result *r)
{
	json_object *o = json_object_new_object(), *a, *v;
	char t[40];
	int ret = 0;

	if (!o)
		return -ENOMEM;
	add(o, "schema", str(MDS_REPORT_SCHEMA));
	add(o, "hostname", str(s->hostname));
	add(o, "time", str(report_time(s->time_ns, t, sizeof(t))));
	add(o, "from_snapshot", json_object_new_boolean(s->source == MDS_SRC_SNAPSHOT));
	add(o, "collected_by", str(mds_source_name(s->collected_by)));
	if (s->have_module) {
		v = json_object_new_object();
		add(v, "version", str(s->module.version));
		add(v, "generation", json_object_new_int64(s->module.generation));
		add(o, "module", v);
	} else {
		add(o, "module", NULL);
	}
	add(o, "module_error", s->module_error[0] ? str(s->module_error) : NULL);
	add(o, "msr_driver", json_object_new_boolean(s->msr_driver));
	a = json_object_new_array();
	for (size_t i = 0; i < s->nr_notes; i++)
		json_object_array_add(a, str(s->notes[i]));
	add(o, "notes", a);
	add(o, "hypervisor", json_object_new_boolean(r->hypervisor));
	a = json_object_new_array();
	for (int i = 0; i < VULN_NR; i++)
		if (cls_judged(r, i))
			json_object_array_add(a, str(vuln_info[i].key));
	add(o, "vulnerabilities", a);

	a = json_object_new_array();
	for (size_t i = 0; i < s->nr_cpus && i < r->nr_cpus; i++)
		json_object_array_add(a, cpu_json(&s->cpus[i], &r->cpus[i]));
	add(o, "cpus", a);
	a = json_object_new_array();
	for (size_t i = 0; i < r->nr_cores; i++)
		json_object_array_add(a, core_json(&r->cores[i]));
	add(o, "cores", a);
	a = json_object_new_array();
	for (size_t i = 0; i < r->nr_sockets; i++)
		json_object_array_add(a, socket_json(&r->sockets[i]));
	add(o, "sockets", a);
	add(o, "kernel", kernel_json(s, r));
	a = json_object_new_array();
	for (size_t i = 0; i < r->nr_findings; i++)
		json_object_array_add(a, finding_json(&r->findings[i]));
	add(o, "discrepancies", a);
	v = json_object_new_object();
	add(v, "status", str(cls_status_name(r->status)));
	add(v, "exit_code", json_object_new_int64(r->exit_code));
	for (int i = 0; i < VULN_NR; i++)
		add(v, vuln_info[i].key, str(cls_exposure_name(r->exposure[i])));
	add(o, "verdict", v);

	if (fprintf(f, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
				JSON_C_TO_STRING_NOSLASHESCAPE)) < 0)
		ret = -EIO;
	json_object_put(o);
	return ret;
}
