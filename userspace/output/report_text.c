// SPDX-License-Identifier: GPL-2.0
/*
 * The human report: one libsmartcols tree (a socket, then its cores, as
 * lscpu draws them), the kernel's claims verbatim, where the facts came
 * from, and each finding with its next step. Not a stable format: scripts
 * use --json.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <libsmartcols.h>

#include "classify.h"
#include "out.h"
#include "ucode_print.h"
#include "report.h"
#include "snapshot.h"

/* Fixed columns, then two per judged vulnerability (hardware, exposure), then SMT. */
enum { COL_NAME, COL_CPUS, COL_SIG, COL_UCODE, COL_UCSTATE, COL_MDCLEAR, COL_VULNS };
#define COL_HW(slot) (COL_VULNS + 2 * (slot))
#define COL_EXP(slot) (COL_VULNS + 2 * (slot) + 1)

static const struct {
	const char *name;
	int flags;
} cols[COL_VULNS] = {
	[COL_NAME] = { "SOCKET/CORE", SCOLS_FL_TREE },
	[COL_CPUS] = { "CPUS", 0 },
	[COL_SIG] = { "SIGNATURE", 0 },
	[COL_UCODE] = { "MICROCODE", 0 },
	[COL_UCSTATE] = { "UCODE", 0 },
	[COL_MDCLEAR] = { "MD_CLEAR", 0 },
};

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

/* The CPUs of one socket (core < 0) or one core, as a cpulist. */
static char *cpus_of(const struct cls_result *r, int package, int die, int core, char *buf,
		     size_t len)
{
	static uint32_t list[MDS_SNAP_MAX_CPUS];
	size_t n = 0;

	for (size_t i = 0; i < r->nr_cpus && n < MDS_SNAP_MAX_CPUS; i++) {
		const struct cls_cpu *c = &r->cpus[i];

		if (c->package == package && (core < 0 || (c->core == core && c->die == die)))
			list[n++] = c->cpu;
	}
	return cls_cpulist(list, n, buf, len);
}

static void set(struct libscols_line *ln, int col, const char *text)
{
	scols_line_set_data(ln, col, text);
}

static void socket_line(struct libscols_table *tb, const struct cls_result *r,
			const struct cls_socket *so, struct libscols_line **ln)
{
	/* inside a guest the facts are the hypervisor's: say so on the row */
	const char *virt = so->hypervisor ? " (virtual)" : "";
	int ids[VULN_NR], n = judged(r, ids);
	char buf[256];

	*ln = scols_table_new_line(tb, NULL);
	if (!*ln)
		return;

	if (so->package < 0)
		snprintf(buf, sizeof(buf), "socket ?%s", virt);
	else
		snprintf(buf, sizeof(buf), "socket %d%s", so->package, virt);
	set(*ln, COL_NAME, buf);
	set(*ln, COL_CPUS, cpus_of(r, so->package, 0, -1, buf, sizeof(buf)));
	if (so->mixed & CLS_MIXED_SIGNATURE)
		snprintf(buf, sizeof(buf), "mixed");
	else
		snprintf(buf, sizeof(buf), "0x%" PRIx32 " (%u/%u/%u)", so->signature,
			 mds_family(so->signature), mds_model(so->signature),
			 mds_stepping(so->signature));
	set(*ln, COL_SIG, so->signature || (so->mixed & CLS_MIXED_SIGNATURE) ? buf : "?");
	if (so->mixed & CLS_MIXED_MICROCODE)
		snprintf(buf, sizeof(buf), "mixed");
	else if (so->have_microcode)
		snprintf(buf, sizeof(buf), "0x%" PRIx32 "%s", so->microcode,
			 so->microcode_src == CLS_UCODE_SRC_KERNEL ? " (kernel)" : "");
	else
		snprintf(buf, sizeof(buf), "?");
	set(*ln, COL_UCODE, buf);
	set(*ln, COL_UCSTATE, ucode_state_name(so->ucode));
	set(*ln, COL_MDCLEAR, so->mixed & CLS_MIXED_MD_CLEAR ? "mixed" : cls_tri_name(so->md_clear));
	for (int k = 0; k < n; k++) {
		set(*ln, COL_HW(k), so->online ? cls_hw_name(so->hw[ids[k]]) : "-");
		set(*ln, COL_EXP(k), cls_exposure_name(so->exposure[ids[k]]));
	}
	set(*ln, COL_EXP(n - 1) + 1, cls_smt_name(so->smt[smt_vuln(r)]));
}

static void core_line(struct libscols_table *tb, struct libscols_line *parent,
		      const struct cls_result *r, const struct cls_core *co)
{
	const struct cls_cpu *first = report_cls_cpu(r, co->first_cpu);
	struct libscols_line *ln = scols_table_new_line(tb, parent);
	int ids[VULN_NR], n = judged(r, ids);
	char buf[256];

	if (!ln)
		return;
	if (co->core < 0)
		snprintf(buf, sizeof(buf), "core ?");
	else if (co->die > 0)
		snprintf(buf, sizeof(buf), "die %d core %d", co->die, co->core);
	else
		snprintf(buf, sizeof(buf), "core %d", co->core);
	set(ln, COL_NAME, buf);
	set(ln, COL_CPUS, cpus_of(r, co->package, co->die, co->core, buf, sizeof(buf)));
	for (int k = 0; k < n; k++) {
		if (!co->online) {
			set(ln, COL_EXP(k), "offline");
			continue;
		}
		if (first)
			set(ln, COL_HW(k), cls_hw_name(first->v[ids[k]].hw));
		set(ln, COL_EXP(k), cls_exposure_name(co->exposure[ids[k]]));
	}
	if (!co->online)
		return;
	if (first)
		set(ln, COL_MDCLEAR, cls_tri_name(first->md_clear));
	set(ln, COL_EXP(n - 1) + 1, cls_smt_name(co->smt[smt_vuln(r)]));
}

static int print_table(FILE *f, const struct cls_result *r)
{
	struct libscols_table *tb = scols_new_table();
	int ids[VULN_NR], n = judged(r, ids);
	char name[32];
	int ret = 0;

	if (!tb)
		return -ENOMEM;
	scols_table_set_stream(tb, f);
	for (int i = 0; i < COL_VULNS && !ret; i++)
		if (!scols_table_new_column(tb, cols[i].name, 0, cols[i].flags))
			ret = -ENOMEM;
	for (int k = 0; k < n && !ret; k++) {
		snprintf(name, sizeof(name), "%s-HW", vuln_info[ids[k]].name);
		if (!scols_table_new_column(tb, name, 0, 0) ||
		    !scols_table_new_column(tb, vuln_info[ids[k]].name, 0, 0))
			ret = -ENOMEM;
	}
	if (!ret && !scols_table_new_column(tb, "SMT", 0, 0))
		ret = -ENOMEM;
	for (size_t i = 0; i < r->nr_sockets && !ret; i++) {
		struct libscols_line *sl = NULL;

		socket_line(tb, r, &r->sockets[i], &sl);
		if (!sl) {
			ret = -ENOMEM;
			break;
		}
		for (size_t j = 0; j < r->nr_cores; j++)
			if (r->cores[j].package == r->sockets[i].package)
				core_line(tb, sl, r, &r->cores[j]);
	}
	if (!ret)
		ret = scols_print_table(tb);
	scols_unref_table(tb);
	return ret;
}

static void print_kernel(FILE *f, const struct mds_snapshot *s, const struct cls_result *r)
{
	const struct mds_kernel *k = &s->kernel;
	const struct mds_cmdline *c = &k->cmdline;

	fprintf(f, "\nKernel %s claims (system-wide, decided on the boot CPU):\n",
		k->release[0] ? k->release : "(release unknown)");
	for (int v = 0; v < VULN_NR; v++) {
		const char *text = snapshot_vuln(s, vuln_info[v].sysfs);

		if (!cls_judged(r, v))
			continue;
		if (text)
			fprintf(f, "  %-23s %s\n", vuln_info[v].sysfs, text);
		else if (!k->nr_vulns)	/* no directory at all (an import): not known */
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

static void print_source(FILE *f, const struct mds_snapshot *s, const struct cls_result *r)
{
	char t[40];

	if (s->source == MDS_SRC_SNAPSHOT)
		fprintf(f, "\nFacts from a saved snapshot of %s taken %s, ",
			s->hostname[0] ? s->hostname : "(unknown host)",
			out_time(s->time_ns, "unknown", t, sizeof(t)));
	else
		fprintf(f, "\nFacts from ");
	if (s->collected_by == MDS_SRC_MODULE)
		fprintf(f, "mdscope.ko %s (generation %u).\n", s->module.version,
			s->module.generation);
	else if (s->collected_by == MDS_SRC_IMPORT)
		fprintf(f, "an import of %s (%s): no microcode, platform id, TSX_CTRL,\n"
			"topology or kernel claims, so what depends on them is unknown.\n",
			s->origin.file, s->origin.format);
	else
		fprintf(f, "the fallback readers (CPUID%s; module: %s).\n",
			s->msr_driver ? ", msr driver" : "", s->module_error);
	if (r->hypervisor)
		fprintf(f, "Inside a virtual machine: CPU facts are what the hypervisor presents,\n"
			"not the host's hardware (source: hypervisor).\n");
	for (size_t i = 0; i < s->nr_notes; i++)
		fprintf(f, "  note: %s\n", s->notes[i]);
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

int report_print_text(FILE *f, const struct mds_snapshot *s, const struct cls_result *r,
		      const struct ucode_inv *inv)
{
	const char *sep = "";
	int ids[VULN_NR], n = judged(r, ids);
	int ret;

	fprintf(f, "Host %s: exposure per socket and core (", s->hostname[0] ? s->hostname : "(unknown)");
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
	print_kernel(f, s, r);
	print_source(f, s, r);
	print_findings(f, r);
	fprintf(f, "\nVerdict: %s (", cls_status_name(r->status));
	sep = "";
	for (int k = 0; k < n; k++, sep = ", ")
		fprintf(f, "%s%s %s", sep, vuln_info[ids[k]].name,
			cls_exposure_name(r->exposure[ids[k]]));
	fprintf(f, ")\n");
	return 0;
}
