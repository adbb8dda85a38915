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
#include "report.h"
#include "snapshot.h"

enum { COL_NAME, COL_CPUS, COL_SIG, COL_UCODE, COL_UCSTATE, COL_MDCLEAR, COL_MDSHW, COL_MDS,
       COL_TAAHW, COL_TAA, COL_SMT, NR_COLS };

static const struct {
	const char *name;
	double whint;
	int flags;
} cols[NR_COLS] = {
	[COL_NAME] = { "SOCKET/CORE", 0, SCOLS_FL_TREE },
	[COL_CPUS] = { "CPUS", 0, 0 },
	[COL_SIG] = { "SIGNATURE", 0, 0 },
	[COL_UCODE] = { "MICROCODE", 0, 0 },
	[COL_UCSTATE] = { "UCODE", 0, 0 },
	[COL_MDCLEAR] = { "MD_CLEAR", 0, 0 },
	[COL_MDSHW] = { "MDS-HW", 0, 0 },
	[COL_MDS] = { "MDS", 0, 0 },
	[COL_TAAHW] = { "TAA-HW", 0, 0 },
	[COL_TAA] = { "TAA", 0, 0 },
	[COL_SMT] = { "SMT", 0, 0 },
};

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

/* The hardware verdict shared by a socket's CPUs, or "mixed". */
static const char *hw_of(const struct cls_result *r, int package, bool taa)
{
	const char *name = NULL;

	for (size_t i = 0; i < r->nr_cpus; i++) {
		const struct cls_cpu *c = &r->cpus[i];
		const char *n = cls_hw_name(taa ? c->taa.hw : c->mds.hw);

		if (c->package != package || !c->online)
			continue;
		if (name && strcmp(name, n))
			return "mixed";
		name = n;
	}
	return name ? name : "-";
}

static void set(struct libscols_line *ln, int col, const char *text)
{
	scols_line_set_data(ln, col, text);
}

static void socket_line(struct libscols_table *tb, const struct mds_snapshot *s,
			const struct cls_result *r, const struct cls_socket *so,
			struct libscols_line **ln)
{
	const struct mds_cpu *first = snapshot_cpu(s, so->first_cpu);
	char buf[256];
	uint32_t rev;

	*ln = scols_table_new_line(tb, NULL);
	if (!*ln)
		return;
	const struct cls_cpu *kc = report_cls_cpu(r, so->first_cpu);
	/* inside a guest the facts are the hypervisor's: say so on the row */
	const char *virt = kc && kc->source == CLS_SRC_HYPERVISOR ? " (virtual)" : "";

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
		snprintf(buf, sizeof(buf), "0x%" PRIx32, so->microcode);
	else if (first && report_microcode(first, &rev))
		snprintf(buf, sizeof(buf), "0x%" PRIx32 " (kernel)", rev);
	else
		snprintf(buf, sizeof(buf), "?");
	set(*ln, COL_UCODE, buf);
	set(*ln, COL_UCSTATE, ucode_state_name(so->ucode));
	set(*ln, COL_MDCLEAR, so->mixed & CLS_MIXED_MD_CLEAR ? "mixed" : cls_tri_name(so->md_clear));
	set(*ln, COL_MDSHW, hw_of(r, so->package, false));
	set(*ln, COL_MDS, cls_exposure_name(so->mds));
	set(*ln, COL_TAAHW, hw_of(r, so->package, true));
	set(*ln, COL_TAA, cls_exposure_name(so->taa));
	set(*ln, COL_SMT, cls_smt_name(so->mds_smt));
}

static void core_line(struct libscols_table *tb, struct libscols_line *parent,
		      const struct cls_result *r, const struct cls_core *co)
{
	const struct cls_cpu *first = report_cls_cpu(r, co->first_cpu);
	struct libscols_line *ln = scols_table_new_line(tb, parent);
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
	if (!co->online) {
		set(ln, COL_MDS, "offline");
		set(ln, COL_TAA, "offline");
		return;
	}
	if (first) {
		set(ln, COL_MDCLEAR, cls_tri_name(first->md_clear));
		set(ln, COL_MDSHW, cls_hw_name(first->mds.hw));
		set(ln, COL_TAAHW, cls_hw_name(first->taa.hw));
	}
	set(ln, COL_MDS, cls_exposure_name(co->mds));
	set(ln, COL_TAA, cls_exposure_name(co->taa));
	set(ln, COL_SMT, cls_smt_name(co->mds_smt));
}

static int print_table(FILE *f, const struct mds_snapshot *s, const struct cls_result *r)
{
	struct libscols_table *tb = scols_new_table();
	int ret = 0;

	if (!tb)
		return -ENOMEM;
	scols_table_set_stream(tb, f);
	for (int i = 0; i < NR_COLS && !ret; i++)
		if (!scols_table_new_column(tb, cols[i].name, cols[i].whint, cols[i].flags))
			ret = -ENOMEM;
	for (size_t i = 0; i < r->nr_sockets && !ret; i++) {
		struct libscols_line *sl = NULL;

		socket_line(tb, s, r, &r->sockets[i], &sl);
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

static void print_kernel(FILE *f, const struct mds_snapshot *s)
{
	const struct mds_kernel *k = &s->kernel;
	const struct mds_cmdline *c = &k->cmdline;
	const char *mds = snapshot_vuln(s, "mds"), *taa = snapshot_vuln(s, "tsx_async_abort");

	fprintf(f, "\nKernel %s claims (system-wide, decided on the boot CPU):\n",
		k->release[0] ? k->release : "(release unknown)");
	fprintf(f, "  mds              %s\n", mds ? mds : "(no sysfs file: kernel does not know MDS)");
	fprintf(f, "  tsx_async_abort  %s\n", taa ? taa : "(no sysfs file: kernel does not know TAA)");
	fprintf(f, "  smt              control %s, active %s\n",
		k->smt.control_text[0] ? k->smt.control_text : "unknown",
		k->smt.active < 0 ? "unknown" : k->smt.active ? "yes" : "no");
	if (!c->present) {
		fprintf(f, "  command line     unknown\n");
		return;
	}
	fprintf(f, "  command line    ");
	if (c->mds[0])
		fprintf(f, " mds=%s", c->mds);
	if (c->tsx[0])
		fprintf(f, " tsx=%s", c->tsx);
	if (c->tsx_async_abort[0])
		fprintf(f, " tsx_async_abort=%s", c->tsx_async_abort);
	if (c->mitigations[0])
		fprintf(f, " mitigations=%s", c->mitigations);
	if (c->nosmt)
		fprintf(f, " nosmt%s%s", c->nosmt_value[0] ? "=" : "", c->nosmt_value);
	if (!c->mds[0] && !c->tsx[0] && !c->tsx_async_abort[0] && !c->mitigations[0] && !c->nosmt)
		fprintf(f, " (no MDS/TAA options: kernel defaults)");
	fputc('\n', f);
}

static void print_source(FILE *f, const struct mds_snapshot *s, const struct cls_result *r)
{
	char t[40];

	if (s->source == MDS_SRC_SNAPSHOT)
		fprintf(f, "\nFacts from a saved snapshot of %s taken %s, ",
			s->hostname[0] ? s->hostname : "(unknown host)",
			report_time(s->time_ns, t, sizeof(t)));
	else
		fprintf(f, "\nFacts from ");
	if (s->collected_by == MDS_SRC_MODULE)
		fprintf(f, "mdscope.ko %s (generation %u).\n", s->module.version,
			s->module.generation);
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

int report_print_text(FILE *f, const struct mds_snapshot *s, const struct cls_result *r)
{
	int ret;

	fprintf(f, "Host %s: MDS and TAA exposure per socket and core\n\n",
		s->hostname[0] ? s->hostname : "(unknown)");
	ret = print_table(f, s, r);
	if (ret)
		return ret;
	print_kernel(f, s);
	print_source(f, s, r);
	print_findings(f, r);
	fprintf(f, "\nVerdict: %s (MDS %s, TAA %s)\n", cls_status_name(r->status),
		cls_exposure_name(r->mds), cls_exposure_name(r->taa));
	return 0;
}
