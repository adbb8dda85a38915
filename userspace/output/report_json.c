// SPDX-License-Identifier: GPL-2.0
/*
 * The report as JSON, schema "mdscope-report/1" (documented in mdscope.8):
 * cpus[], cores[], sockets[], kernel (the sysfs claims verbatim),
 * discrepancies[] and the verdict. Each object is a table of typed fields
 * (field.h) over the analysis alone: register values are hex strings, a
 * value that was not read is null, never 0.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "classify.h"
#include "field.h"
#include "report.h"
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

/* A getter named n of rows of type T: x is the row, a the field's argument. */
#define GET(n, T, ...) \
	static void n(const void *row, int a, struct fld_val *v) { const T *x = row; (void)x; __VA_ARGS__; }
#define NFLD(t) (sizeof(t) / sizeof((t)[0]))
#define OFF(s, m) ((int)offsetof(struct s, m))
/* A JSON-only field: key, type, getter, argument. */
#define J(k, t, g, a) { .key = (k), .type = (t), .get = (g), .arg = (a) }

static void tri(struct fld_val *v, enum cls_tri t)
{
	fld_set_bool(v, t != CLS_UNKNOWN, t == CLS_YES);
}

/* An id that is -1 when unknown. */
static void id(struct fld_val *v, int i)
{
	fld_set_int(v, i >= 0, i);
}

static struct json_object *why_array(uint32_t why)
{
	struct json_object *a = json_object_new_array();
	char buf[512], *save, *tok;

	cls_why_str(why, buf, sizeof(buf));
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		json_object_array_add(a, out_str(tok));
	return a;
}

/* ---- one vulnerability on one CPU ------------------------------------ */

GET(g_v_hw, struct cls_vuln, fld_set_str(v, cls_hw_name(a ? x->kernel_rule : x->hw)))
GET(g_v_possible, struct cls_vuln, tri(v, a ? x->active : x->possible))
GET(g_v_mitigation, struct cls_vuln, fld_set_str(v, cls_mitigation_name(x->mitigation)))
GET(g_v_exposure, struct cls_vuln, fld_set_str(v, cls_exposure_name(x->exposure)))
GET(g_v_smt, struct cls_vuln, fld_set_str(v, cls_smt_name(x->smt)))
GET(g_v_why, struct cls_vuln, fld_set_json(v, why_array(x->why)))

static const struct fld vuln_fields[] = {
	J("hardware", FLD_STR, g_v_hw, 0),
	J("kernel_rule", FLD_STR, g_v_hw, 1),
	J("mitigation_possible", FLD_BOOL, g_v_possible, 0),
	J("mitigation_active", FLD_BOOL, g_v_possible, 1),
	J("mitigation", FLD_STR, g_v_mitigation, 0),
	J("exposure", FLD_STR, g_v_exposure, 0),
	J("smt", FLD_STR, g_v_smt, 0),
	J("why", FLD_JSON, g_v_why, 0),
};

/* ---- one CPU ---------------------------------------------------------- */

#define RD(m) (x->read.m)
#define RDOFF(m) OFF(cls_cpu, read.m)
GET(g_cpu, struct cls_cpu, fld_set_int(v, true, x->cpu))
GET(g_online, struct cls_cpu, fld_set_bool(v, !x->online_unknown, RD(online)))
GET(g_topo, struct cls_cpu, fld_set_int(v, RD(have_topology), FLD_AT(uint32_t, x, a)))
GET(g_vendor, struct cls_cpu, fld_set_str(v, RD(have_cpuid) ? RD(vendor) : NULL))
GET(g_sig, struct cls_cpu, fld_set_u(v, RD(have_cpuid), RD(signature)))
GET(g_fms, struct cls_cpu, static unsigned int (*const part[])(uint32_t) = {
	mds_family, mds_model, mds_stepping };
	fld_set_int(v, RD(have_cpuid), part[a](RD(signature))))
GET(g_ucode, struct cls_cpu, fld_set_u(v, x->have_microcode, x->microcode))
GET(g_ucode_src, struct cls_cpu, fld_set_str(v, cls_ucode_src_name(x->microcode_src)))
GET(g_ucode_msr, struct cls_cpu, fld_set_u(v, RD(microcode).state == MDSCOPE_REG_STATE_OK,
					    RD(microcode).value))
GET(g_cached, struct cls_cpu, fld_set_u(v, RD(have_ucode_cached), RD(microcode_cached)))
GET(g_ucode_status, struct cls_cpu, fld_set_str(v, ucode_state_name(x->ucode.state)))
GET(g_platform, struct cls_cpu, fld_set_int(v, RD(platform_id).state == MDSCOPE_REG_STATE_OK,
					     (int64_t)RD(platform_id).value))
GET(g_md_clear, struct cls_cpu, tri(v, x->md_clear))
GET(g_arch, struct cls_cpu, fld_set_u(v, RD(arch_cap).state == MDSCOPE_REG_STATE_OK,
				       RD(arch_cap).value))
GET(g_arch_state, struct cls_cpu, fld_set_str(v, mds_reg_state_name(RD(arch_cap).state)))
GET(g_tsx, struct cls_cpu, fld_set_u(v, RD(tsx_ctrl).state == MDSCOPE_REG_STATE_OK,
				      RD(tsx_ctrl).value))
GET(g_rtm, struct cls_cpu, tri(v, x->rtm))
GET(g_hv, struct cls_cpu, fld_set_bool(v, RD(have_cpuid), RD(hypervisor)))
GET(g_source, struct cls_cpu, fld_set_str(v, cls_source_name(x->source)))
GET(g_collected, struct cls_cpu, fld_set_str(v, mds_source_name(RD(collected_by))))
GET(g_core_type, struct cls_cpu, fld_set_int(v, x->core_type, x->core_type))

static const struct fld cpu_fields[] = {
	J("cpu", FLD_INT, g_cpu, 0),
	J("online", FLD_BOOL, g_online, 0),
	J("package", FLD_INT, g_topo, RDOFF(package)),
	J("die", FLD_INT, g_topo, RDOFF(die)),
	J("core", FLD_INT, g_topo, RDOFF(core)),
	J("thread", FLD_INT, g_topo, RDOFF(thread)),
	J("vendor", FLD_STR, g_vendor, 0),
	J("signature", FLD_HEX, g_sig, 0),
	J("family", FLD_INT, g_fms, 0),
	J("model", FLD_INT, g_fms, 1),
	J("stepping", FLD_INT, g_fms, 2),
	J("microcode", FLD_HEX, g_ucode, 0),
	J("microcode_source", FLD_STR, g_ucode_src, 0),
	J("microcode_msr", FLD_HEX, g_ucode_msr, 0),
	J("microcode_cached", FLD_HEX, g_cached, 0),
	J("microcode_status", FLD_STR, g_ucode_status, 0),
	J("platform_id", FLD_INT, g_platform, 0),
	J("md_clear", FLD_BOOL, g_md_clear, 0),
	J("arch_capabilities", FLD_HEX, g_arch, 0),
	J("arch_capabilities_state", FLD_STR, g_arch_state, 0),
	J("tsx_ctrl", FLD_HEX, g_tsx, 0),
	J("rtm", FLD_BOOL, g_rtm, 0),
	J("hypervisor", FLD_BOOL, g_hv, 0),
	J("source", FLD_STR, g_source, 0),
	J("collected_by", FLD_STR, g_collected, 0),
	J("core_type", FLD_INT, g_core_type, 0),
};

static struct json_object *cpu_json(const struct cls_cpu *k)
{
	struct json_object *o = fld_json(cpu_fields, NFLD(cpu_fields), k), *var;

	for (int v = 0; v < VULN_NR; v++)
		out_add(o, vuln_info[v].key, fld_json(vuln_fields, NFLD(vuln_fields), &k->v[v]));
	var = json_object_new_object();
	for (int i = 0; i < CLS_MDS_NR_VARIANTS; i++)
		out_add(var, cls_variant_name(i), out_str(cls_hw_name(k->mds_variant[i])));
	out_add(o, "mds_variants", var);
	return o;
}

/* ---- sockets and cores ------------------------------------------------ */

static struct json_object *mixed_array(uint32_t bits)
{
	static const char *const names[] = { "signature", "microcode", "md_clear",
					     "arch_capabilities", "platform_id" };
	struct json_object *a = json_object_new_array();

	for (size_t i = 0; i < NFLD(names); i++)
		if (bits & (1u << i))
			json_object_array_add(a, out_str(names[i]));
	return a;
}

/* One vulnerability of a socket or core; hw < 0 where there is none (cores). */
struct pair {
	enum cls_exposure exposure;
	enum cls_smt smt;
	int hw;
};

GET(g_p_exp, struct pair, fld_set_str(v, cls_exposure_name(x->exposure)))
GET(g_p_smt, struct pair, fld_set_str(v, cls_smt_name(x->smt)))
GET(g_p_hw, struct pair, fld_set_str(v, cls_hw_name(x->hw)); if (x->hw < 0) v->state = FLD_NONE)

static const struct fld pair_fields[] = {
	J("exposure", FLD_STR, g_p_exp, 0),
	J("smt", FLD_STR, g_p_smt, 0),
	J("hardware", FLD_STR, g_p_hw, 0),
};

static void add_pairs(struct json_object *o, const enum cls_exposure *e, const enum cls_smt *smt,
		      const enum cls_hw *hw)
{
	for (int v = 0; v < VULN_NR; v++) {
		struct pair p = { e[v], smt[v], hw ? (int)hw[v] : -1 };

		out_add(o, vuln_info[v].key, fld_json(pair_fields, NFLD(pair_fields), &p));
	}
}

#define MIXED_UCODE(x) ((x)->mixed & CLS_MIXED_MICROCODE)
GET(g_s_pkg, struct cls_socket, id(v, x->package))
GET(g_s_count, struct cls_socket, fld_set_int(v, true, FLD_AT(uint32_t, x, a)))
GET(g_s_sig, struct cls_socket, fld_set_u(v, x->signature, x->signature))
GET(g_s_ucode, struct cls_socket, fld_set_u(v, x->have_microcode && !MIXED_UCODE(x), x->microcode))
GET(g_s_ucode_src, struct cls_socket, fld_set_str(v, MIXED_UCODE(x) ? "mixed" :
					       cls_ucode_src_name(x->microcode_src)))
GET(g_s_ucode_status, struct cls_socket, fld_set_str(v, ucode_state_name(x->ucode)))
GET(g_s_md_clear, struct cls_socket, tri(v, x->md_clear))

static const struct fld socket_fields[] = {
	J("package", FLD_INT, g_s_pkg, 0),
	J("cpus", FLD_INT, g_s_count, OFF(cls_socket, cpus)),
	J("online", FLD_INT, g_s_count, OFF(cls_socket, online)),
	J("cores", FLD_INT, g_s_count, OFF(cls_socket, cores)),
	J("signature", FLD_HEX, g_s_sig, 0),
	J("microcode", FLD_HEX, g_s_ucode, 0),
	J("microcode_source", FLD_STR, g_s_ucode_src, 0),
	J("microcode_status", FLD_STR, g_s_ucode_status, 0),
	J("md_clear", FLD_BOOL, g_s_md_clear, 0),
};

static struct json_object *socket_json(const struct cls_socket *so)
{
	struct json_object *o = fld_json(socket_fields, NFLD(socket_fields), so);

	add_pairs(o, so->exposure, so->smt, so->hw);
	out_add(o, "mixed", mixed_array(so->mixed));
	out_add(o, "differs_from_first_socket", mixed_array(so->differs));
	return o;
}

GET(g_c_id, struct cls_core, id(v, FLD_AT(int, x, a)))
GET(g_c_count, struct cls_core, fld_set_int(v, true, FLD_AT(uint32_t, x, a)))

static const struct fld core_fields[] = {
	J("package", FLD_INT, g_c_id, OFF(cls_core, package)),
	J("die", FLD_INT, g_c_id, OFF(cls_core, die)),
	J("core", FLD_INT, g_c_id, OFF(cls_core, core)),
	J("threads", FLD_INT, g_c_count, OFF(cls_core, threads)),
	J("online", FLD_INT, g_c_count, OFF(cls_core, online)),
};

static struct json_object *core_json(const struct cls_core *co)
{
	struct json_object *o = fld_json(core_fields, NFLD(core_fields), co);

	add_pairs(o, co->exposure, co->smt, NULL);
	return o;
}

/* ---- findings ---------------------------------------------------------- */

static struct json_object *u32_array(const uint32_t *u, const int *i, size_t n)
{
	struct json_object *a = json_object_new_array();

	for (size_t k = 0; k < n; k++)
		json_object_array_add(a, out_int(u ? (int64_t)u[k] : i[k]));
	return a;
}

GET(g_f_code, struct cls_finding, fld_set_str(v, cls_code_name(x->code)))
GET(g_f_sev, struct cls_finding, fld_set_str(v, cls_severity_name(x->severity)))
GET(g_f_vuln, struct cls_finding, fld_set_str(v, x->vuln == CLS_V_NONE ? NULL :
					      cls_vuln_name(x->vuln)))
GET(g_f_cpus, struct cls_finding, fld_set_json(v, u32_array(x->cpus, NULL, x->nr_cpus)))
GET(g_f_socks, struct cls_finding, fld_set_json(v, u32_array(NULL, x->sockets, x->nr_sockets)))
GET(g_f_text, struct cls_finding, fld_set_str(v, a ? x->next_step : x->message))

static const struct fld finding_fields[] = {
	J("code", FLD_STR, g_f_code, 0),
	J("severity", FLD_STR, g_f_sev, 0),
	J("vulnerability", FLD_STR, g_f_vuln, 0),
	J("cpus", FLD_JSON, g_f_cpus, 0),
	J("sockets", FLD_JSON, g_f_socks, 0),
	J("message", FLD_STR, g_f_text, 0),
	J("next_step", FLD_STR, g_f_text, 1),
};

/* ---- the kernel's claims ---------------------------------------------- */

GET(g_k_present, struct mds_kclaim, fld_set_bool(v, true, x->present))
GET(g_k_state, struct mds_kclaim, fld_set_str(v, mds_kstate_name(x->state)))
GET(g_k_smt, struct mds_kclaim, fld_set_str(v, mds_ksmt_name(x->smt)))

static const struct fld claim_fields[] = {
	J("present", FLD_BOOL, g_k_present, 0),
	J("state", FLD_STR, g_k_state, 0),
	J("smt", FLD_STR, g_k_smt, 0),
};

GET(g_smt_control, struct mds_smt, fld_set_text(v, x->control_text))
GET(g_smt_active, struct mds_smt, fld_set_bool(v, x->active >= 0, x->active))

static const struct fld smt_fields[] = {
	J("control", FLD_STR, g_smt_control, 0),
	J("active", FLD_BOOL, g_smt_active, 0),
};

static struct json_object *cmdline_json(const struct mds_cmdline *c)
{
	struct json_object *cl = json_object_new_object();

	for (int i = 0; i < VULN_NR; i++)
		out_add(cl, vuln_info[i].cmdline, out_str_or_null(c->vuln_opt[i]));
	out_add(cl, "tsx", out_str_or_null(c->tsx));
	out_add(cl, "mitigations", out_str_or_null(c->mitigations));
	out_add(cl, "nosmt", out_bool(c->nosmt));
	out_add(cl, "nosmt_value", out_str_or_null(c->nosmt_value));
	return cl;
}

static struct json_object *kernel_json(const struct cls_result *r)
{
	const struct cls_claims *k = &r->claims;
	struct json_object *o = json_object_new_object(), *v = json_object_new_object(), *exp;

	out_add(o, "release", out_str_or_null(k->release));
	for (size_t i = 0; i < k->nr_files; i++)
		out_add(v, k->files[i].name, out_str(k->files[i].text));
	out_add(o, "vulnerabilities", v);
	exp = json_object_new_object();
	for (int i = 0; i < VULN_NR; i++) {
		out_add(o, vuln_info[i].key, fld_json(claim_fields, NFLD(claim_fields), &k->claim[i]));
		out_add(exp, vuln_info[i].key, out_str(mds_kstate_name(r->kernel.expect[i])));
	}
	out_add(o, "expected_from_boot_cpu", exp);
	out_add(o, "smt", fld_json(smt_fields, NFLD(smt_fields), &k->smt));
	out_add(o, "cmdline", k->cmdline.present ? cmdline_json(&k->cmdline) : NULL);
	return o;
}

/* ---- the document ------------------------------------------------------ */

struct doc {
	const struct cls_result *r;
	const struct ucode_inv *inv;
};

#define OR(m) (x->r->origin.m)
#define ROWS(t, a, n) fld_json_rows(t, NFLD(t), a, sizeof(*(a)), n)

static struct json_object *module_json(const struct cls_origin *o)
{
	struct json_object *m = json_object_new_object();

	out_add(m, "version", out_str(o->module_version));
	out_add(m, "generation", out_int(o->module_generation));
	return m;
}

static struct json_object *strings(const char (*s)[160], size_t n)
{
	struct json_object *a = json_object_new_array();

	for (size_t i = 0; i < n; i++)
		json_object_array_add(a, out_str(s[i]));
	return a;
}

static struct json_object *judged(const struct cls_result *r)
{
	struct json_object *a = json_object_new_array();

	for (int i = 0; i < VULN_NR; i++)
		if (cls_judged(r, i))
			json_object_array_add(a, out_str(vuln_info[i].key));
	return a;
}

static struct json_object *verdict_json(const struct cls_result *r)
{
	struct json_object *v = json_object_new_object();

	out_add(v, "status", out_str(cls_status_name(r->status)));
	out_add(v, "exit_code", out_int(r->exit_code));
	for (int i = 0; i < VULN_NR; i++)
		out_add(v, vuln_info[i].key, out_str(cls_exposure_name(r->exposure[i])));
	return v;
}

GET(g_schema, struct doc, fld_set_str(v, MDS_REPORT_SCHEMA))
GET(g_host, struct doc, fld_set_str(v, OR(hostname)))
GET(g_time, struct doc, fld_set_u(v, OR(time_ns), OR(time_ns)))
GET(g_from, struct doc, fld_set_bool(v, true, OR(from_snapshot)))
GET(g_by, struct doc, fld_set_str(v, mds_source_name(OR(collected_by))))
GET(g_module, struct doc, if (OR(have_module)) fld_set_json(v, module_json(&x->r->origin)))
GET(g_module_error, struct doc, fld_set_text(v, OR(module_error)))
GET(g_msr, struct doc, fld_set_bool(v, true, OR(msr_driver)))
GET(g_notes, struct doc, fld_set_json(v, strings(OR(notes), OR(nr_notes))))
GET(g_hyper, struct doc, fld_set_bool(v, true, x->r->hypervisor))
GET(g_vulns, struct doc, fld_set_json(v, judged(x->r)))
GET(g_cpus, struct doc, fld_set_json(v, json_object_new_array());
	for (size_t i = 0; i < x->r->nr_cpus; i++)
		json_object_array_add(v->j, cpu_json(&x->r->cpus[i])))
GET(g_cores, struct doc, fld_set_json(v, json_object_new_array());
	for (size_t i = 0; i < x->r->nr_cores; i++)
		json_object_array_add(v->j, core_json(&x->r->cores[i])))
GET(g_sockets, struct doc, fld_set_json(v, json_object_new_array());
	for (size_t i = 0; i < x->r->nr_sockets; i++)
		json_object_array_add(v->j, socket_json(&x->r->sockets[i])))
GET(g_kernel, struct doc, fld_set_json(v, kernel_json(x->r)))
GET(g_ufiles, struct doc, if (x->inv) fld_set_json(v, ucode_inv_json(x->inv)))
GET(g_findings, struct doc, fld_set_json(v, ROWS(finding_fields, x->r->findings, x->r->nr_findings)))
GET(g_verdict, struct doc, fld_set_json(v, verdict_json(x->r)))

static const struct fld doc_fields[] = {
	J("schema", FLD_STR, g_schema, 0),
	J("hostname", FLD_STR, g_host, 0),
	{ "time", NULL, FLD_TIME, FLD_JSON_WORD, "unknown", g_time, 0 },
	J("from_snapshot", FLD_BOOL, g_from, 0),
	J("collected_by", FLD_STR, g_by, 0),
	J("module", FLD_JSON, g_module, 0),
	J("module_error", FLD_STR, g_module_error, 0),
	J("msr_driver", FLD_BOOL, g_msr, 0),
	J("notes", FLD_JSON, g_notes, 0),
	J("hypervisor", FLD_BOOL, g_hyper, 0),
	J("vulnerabilities", FLD_JSON, g_vulns, 0),
	J("cpus", FLD_JSON, g_cpus, 0),
	J("cores", FLD_JSON, g_cores, 0),
	J("sockets", FLD_JSON, g_sockets, 0),
	J("kernel", FLD_JSON, g_kernel, 0),
	J("microcode_files", FLD_JSON, g_ufiles, 0),
	J("discrepancies", FLD_JSON, g_findings, 0),
	J("verdict", FLD_JSON, g_verdict, 0),
};

int report_print_json(FILE *f, const struct cls_result *r, const struct ucode_inv *inv)
{
	const struct doc d = { r, inv };

	return out_json_print(f, fld_json(doc_fields, NFLD(doc_fields), &d));
}
