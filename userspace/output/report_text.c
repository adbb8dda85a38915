// SPDX-License-Identifier: GPL-2.0
/*
 * The human report: one libsmartcols tree of typed fields (a socket, then
 * its cores, as lscpu draws them), the kernel's claims verbatim, where the
 * facts came from, and each finding with its next step; all from the
 * analysis. Not a stable format: scripts use --json.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libsmartcols.h>

#include "classify.h"
#include "field.h"
#include "out.h"
#include "ucode_print.h"
#include "report.h"

/* The judged vulnerabilities in table order; returns how many. */
static int judged(const struct cls_result *r, int ids[VULN_NR])
{
	int n = 0;

	for (int v = 0; v < VULN_NR; v++)
		if (cls_judged(r, v))
			ids[n++] = v;
	return n;
}

/* The SMT column speaks for MDS when it is judged, else for the first judged one. */
static int smt_vuln(const struct cls_result *r)
{
	int ids[VULN_NR];

	return cls_judged(r, VULN_MDS) || !judged(r, ids) ? VULN_MDS : ids[0];
}

/* ---- the tree: one row type for sockets and cores ---------------------- */

struct row {
	const struct cls_result *r;
	const struct cls_socket *so;	/* a socket row, or */
	const struct cls_core *co;	/* a core row */
	const struct cls_cpu *first;	/* the core's first CPU (may be NULL) */
};

#define ROW(p) ((const struct row *)(p))

/* The CPUs of one socket (core < 0) or one core, as a cpulist into v. */
static void cpus_of(const struct cls_result *r, int package, int die, int core,
		    struct fld_val *v)
{
	static uint32_t list[MDS_SNAP_MAX_CPUS];
	size_t n = 0;

	for (size_t i = 0; i < r->nr_cpus && n < MDS_SNAP_MAX_CPUS; i++) {
		const struct cls_cpu *c = &r->cpus[i];

		if (c->package == package && (core < 0 || (c->core == core && c->die == die)))
			list[n++] = c->cpu;
	}
	fld_set_str(v, cls_cpulist(list, n, v->text, sizeof(v->text)));
}

static void g_name(const void *p, int a, struct fld_val *v)
{
	const struct cls_socket *so = ROW(p)->so;
	const struct cls_core *co = ROW(p)->co;

	if (so && so->package < 0)
		snprintf(v->text, sizeof(v->text), "socket ?%s", so->hypervisor ? " (virtual)" : "");
	else if (so)	/* inside a guest the facts are the hypervisor's: say so on the row */
		snprintf(v->text, sizeof(v->text), "socket %d%s", so->package,
			 so->hypervisor ? " (virtual)" : "");
	else if (co->core < 0)
		snprintf(v->text, sizeof(v->text), "core ?");
	else if (co->die > 0)
		snprintf(v->text, sizeof(v->text), "die %d core %d", co->die, co->core);
	else
		snprintf(v->text, sizeof(v->text), "core %d", co->core);
	fld_set_str(v, v->text);
}

static void g_cpus(const void *p, int a, struct fld_val *v)
{
	const struct row *w = p;

	if (w->so)
		cpus_of(w->r, w->so->package, 0, -1, v);
	else
		cpus_of(w->r, w->co->package, w->co->die, w->co->core, v);
}

/* A socket-only field; cores leave it empty. */
#define SOCKET_ONLY(p, v) do { if (!ROW(p)->so) { (v)->state = FLD_NONE; return; } } while (0)
/* The first CPU of an online core; NULL (the field left empty) otherwise. */
#define CORE_FIRST(p) (ROW(p)->co->online ? ROW(p)->first : NULL)

static void g_sig(const void *p, int a, struct fld_val *v)
{
	SOCKET_ONLY(p, v);
	fld_set_u(v, ROW(p)->so->signature, ROW(p)->so->signature);
	if (ROW(p)->so->mixed & CLS_MIXED_SIGNATURE)
		v->state = FLD_MIXED;
}

static void g_ucode(const void *p, int a, struct fld_val *v)
{
	const struct cls_socket *so = ROW(p)->so;

	SOCKET_ONLY(p, v);
	fld_set_u(v, so->have_microcode, so->microcode);
	if (so->mixed & CLS_MIXED_MICROCODE)
		v->state = FLD_MIXED;
	else if (so->microcode_src == CLS_UCODE_SRC_KERNEL)
		v->suffix = " (kernel)";
}

static void g_ucstate(const void *p, int a, struct fld_val *v)
{
	SOCKET_ONLY(p, v);
	fld_set_str(v, ucode_state_name(ROW(p)->so->ucode));
}

static void tri(struct fld_val *v, enum cls_tri t)
{
	fld_set_bool(v, t != CLS_UNKNOWN, t == CLS_YES);
}

static void g_mdclear(const void *p, int a, struct fld_val *v)
{
	const struct cls_socket *so = ROW(p)->so;
	const struct cls_cpu *first;

	if (so) {
		tri(v, so->md_clear);
		if (so->mixed & CLS_MIXED_MD_CLEAR)
			v->state = FLD_MIXED;
	} else if ((first = CORE_FIRST(p))) {
		tri(v, first->md_clear);
	} else {
		v->state = FLD_NONE;
	}
}

/* The hardware verdict of vulnerability a. */
static void g_hw(const void *p, int a, struct fld_val *v)
{
	const struct cls_socket *so = ROW(p)->so;
	const struct cls_cpu *first;

	if (so)
		fld_set_str(v, so->online ? cls_hw_name(so->hw[a]) : NULL);
	else if ((first = CORE_FIRST(p)))
		fld_set_str(v, cls_hw_name(first->v[a].hw));
	else
		v->state = FLD_NONE;
}

static void g_exp(const void *p, int a, struct fld_val *v)
{
	const struct row *w = p;

	fld_set_str(v, w->so ? cls_exposure_name(w->so->exposure[a]) :
		    w->co->online ? cls_exposure_name(w->co->exposure[a]) : "offline");
}

static void g_smt(const void *p, int a, struct fld_val *v)
{
	const struct row *w = p;

	if (w->so)
		fld_set_str(v, cls_smt_name(w->so->smt[a]));
	else if (w->co->online)
		fld_set_str(v, cls_smt_name(w->co->smt[a]));
	else
		v->state = FLD_NONE;
}

static const struct fld fixed[] = {
	{ NULL, "SOCKET/CORE", FLD_STR, FLD_TREE, NULL, g_name, 0 },
	{ NULL, "CPUS", FLD_STR, 0, NULL, g_cpus, 0 },
	{ NULL, "SIGNATURE", FLD_HEX, FLD_WITH_FMS, "?", g_sig, 0 },
	{ NULL, "MICROCODE", FLD_HEX, 0, "?", g_ucode, 0 },
	{ NULL, "UCODE", FLD_STR, 0, NULL, g_ucstate, 0 },
	{ NULL, "MD_CLEAR", FLD_BOOL, 0, "unknown", g_mdclear, 0 },
};

#define NFIXED (sizeof(fixed) / sizeof(fixed[0]))
#define NCOLS (NFIXED + 2 * VULN_NR + 1)

/* The columns: the fixed ones, two per judged vulnerability, SMT. Returns how many. */
static size_t columns(const struct cls_result *r, struct fld *cols, char hw[][32])
{
	int ids[VULN_NR], n = judged(r, ids);
	size_t c = NFIXED;

	memcpy(cols, fixed, sizeof(fixed));
	for (int k = 0; k < n; k++) {
		snprintf(hw[k], 32, "%s-HW", vuln_info[ids[k]].name);
		cols[c++] = (struct fld){ .title = hw[k], .type = FLD_STR, .get = g_hw, .arg = ids[k] };
		cols[c++] = (struct fld){ .title = vuln_info[ids[k]].name, .type = FLD_STR,
					  .get = g_exp, .arg = ids[k] };
	}
	cols[c++] = (struct fld){ .title = "SMT", .type = FLD_STR, .get = g_smt, .arg = smt_vuln(r) };
	return c;
}

static int print_table(FILE *f, const struct cls_result *r)
{
	struct libscols_table *tb = scols_new_table();
	struct fld cols[NCOLS];
	char hw[VULN_NR][32];
	size_t n = columns(r, cols, hw);
	int ret;

	if (!tb)
		return -ENOMEM;
	scols_table_set_stream(tb, f);
	ret = fld_columns(tb, cols, n);
	for (size_t i = 0; i < r->nr_sockets && !ret; i++) {
		struct row w = { r, &r->sockets[i], NULL, NULL };
		struct libscols_line *sl = scols_table_new_line(tb, NULL), *ln;

		ret = sl ? fld_line(sl, cols, n, &w) : -ENOMEM;
		for (size_t j = 0; j < r->nr_cores && !ret; j++) {
			if (r->cores[j].package != r->sockets[i].package)
				continue;
			w = (struct row){ r, NULL, &r->cores[j],
					  report_cls_cpu(r, r->cores[j].first_cpu) };
			ln = scols_table_new_line(tb, sl);
			if (ln)
				fld_line(ln, cols, n, &w);
		}
	}
	if (!ret)
		ret = scols_print_table(tb);
	scols_unref_table(tb);
	return ret;
}

/* ---- the kernel, the source, the findings ------------------------------ */

static void print_kernel(FILE *f, const struct cls_result *r)
{
	const struct cls_claims *k = &r->claims;
	const struct mds_cmdline *c = &k->cmdline;

	fprintf(f, "\nKernel %s claims (system-wide, decided on the boot CPU):\n",
		k->release[0] ? k->release : "(release unknown)");
	for (int v = 0; v < VULN_NR; v++) {
		const char *text = k->text[v];

		if (!cls_judged(r, v))
			continue;
		if (text)
			fprintf(f, "  %-23s %s\n", vuln_info[v].sysfs, text);
		else if (!k->nr_files)	/* no directory at all (an import): not known */
			fprintf(f, "  %-23s unknown (no vulnerabilities files in the snapshot)\n",
				vuln_info[v].sysfs);
		else
			fprintf(f, "  %-23s (no sysfs file: kernel does not know %s)\n",
				vuln_info[v].sysfs, vuln_info[v].name);
	}
	fprintf(f, "  %-23s control %s, active %s\n", "smt",
		k->smt.control_text[0] ? k->smt.control_text : "unknown",
		k->smt.active < 0 ? "unknown" : k->smt.active ? "yes" : "no");
	if (!c->present) {
		fprintf(f, "  %-23s unknown\n", "command line");
		return;
	}
	fprintf(f, "  %-22s ", "command line");
	bool any = c->tsx[0] || c->mitigations[0] || c->nosmt;

	for (int v = 0; v < VULN_NR; v++)
		if (c->vuln_opt[v][0]) {
			fprintf(f, " %s=%s", vuln_info[v].cmdline, c->vuln_opt[v]);
			any = true;
		}
	if (c->tsx[0])
		fprintf(f, " tsx=%s", c->tsx);
	if (c->mitigations[0])
		fprintf(f, " mitigations=%s", c->mitigations);
	if (c->nosmt)
		fprintf(f, " nosmt%s%s", c->nosmt_value[0] ? "=" : "", c->nosmt_value);
	if (!any)
		fprintf(f, " (no options for these vulnerabilities: kernel defaults)");
	fputc('\n', f);
}

static void print_source(FILE *f, const struct cls_result *r)
{
	const struct cls_origin *o = &r->origin;
	char t[40];

	if (o->from_snapshot)
		fprintf(f, "\nFacts from a saved snapshot of %s taken %s, ",
			o->hostname[0] ? o->hostname : "(unknown host)",
			out_time(o->time_ns, "unknown", t, sizeof(t)));
	else
		fprintf(f, "\nFacts from ");
	if (o->collected_by == MDS_SRC_MODULE)
		fprintf(f, "mdscope.ko %s (generation %u).\n", o->module_version,
			o->module_generation);
	else if (o->collected_by == MDS_SRC_IMPORT)
		fprintf(f, "an import of %s (%s): no microcode, platform id, TSX_CTRL,\n"
			"topology or kernel claims, so what depends on them is unknown.\n",
			o->import_file, o->import_format);
	else
		fprintf(f, "the fallback readers (CPUID%s; module: %s).\n",
			o->msr_driver ? ", msr driver" : "", o->module_error);
	if (r->hypervisor)
		fprintf(f, "Inside a virtual machine: CPU facts are what the hypervisor presents,\n"
			"not the host's hardware (source: hypervisor).\n");
	for (size_t i = 0; i < o->nr_notes; i++)
		fprintf(f, "  note: %s\n", o->notes[i]);
}

static void print_findings(FILE *f, const struct cls_result *r)
{
	if (!r->nr_findings) {
		fprintf(f, "\nNo problems found.\n");
		return;
	}
	fprintf(f, "\nFindings:\n");
	for (size_t i = 0; i < r->nr_findings; i++) {
		const struct cls_finding *fi = &r->findings[i];

		fprintf(f, "  %-8s %s\n", cls_severity_name(fi->severity), fi->message);
		if (fi->next_step[0])
			fprintf(f, "           next step: %s\n", fi->next_step);
	}
}

int report_print_text(FILE *f, const struct cls_result *r, const struct ucode_inv *inv)
{
	const char *sep = "";
	int ids[VULN_NR], n = judged(r, ids);
	int ret;

	fprintf(f, "Host %s: exposure per socket and core (",
		r->origin.hostname[0] ? r->origin.hostname : "(unknown)");
	for (int k = 0; k < n; k++, sep = ", ")
		fprintf(f, "%s%s", sep, vuln_info[ids[k]].name);
	fprintf(f, ")\n\n");
	ret = print_table(f, r);
	if (ret)
		return ret;
	if (inv) {
		fprintf(f, "\nMicrocode files (%s; initramfs %s):\n", inv->fwdir,
			inv->initramfs[0] ? inv->initramfs : "not given");
		ret = ucode_print_text(f, inv);
		if (ret)
			return ret;
	}
	print_kernel(f, r);
	print_source(f, r);
	print_findings(f, r);
	fprintf(f, "\nVerdict: %s (", cls_status_name(r->status));
	sep = "";
	for (int k = 0; k < n; k++, sep = ", ")
		fprintf(f, "%s%s %s", sep, vuln_info[ids[k]].name,
			cls_exposure_name(r->exposure[ids[k]]));
	fprintf(f, ")\n");
	return 0;
}
