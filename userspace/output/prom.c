// SPDX-License-Identifier: GPL-2.0
/*
 * The Prometheus text exposition format of report, microcode and guests
 * (prom.h), for node_exporter's textfile collector. Each metric family is
 * written whole (HELP, TYPE, its samples) from one table of names and help
 * texts; enums are one series per state, valued 0 or 1, so a PromQL
 * selector on the state label is the question ("state=\"exposed\"") and
 * the sum over states is always 1. Label values are escaped as the format
 * asks; unknown values are empty labels, never a guessed 0. The three
 * commands share mdscope_up, mdscope_last_run_timestamp_seconds and
 * mdscope_collection_errors, told apart by a command label. Where the
 * text goes (stdout, or a textfile written atomically) is cmd/format.c's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "out.h"
#include "prom.h"

/* Every family: name, type, help. */
enum {
	M_UP, M_LAST_RUN, M_ERRORS, M_SNAP_TIME, M_HOST_INFO, M_HYPERVISOR, M_CPU_INFO,
	M_CPU_ONLINE, M_STATUS, M_EXPOSURE, M_SOCK_HW, M_SOCK_EXP, M_SOCK_SMT, M_CORE_EXP,
	M_CORE_SMT, M_SOCK_UCODE_REV, M_SOCK_UCODE_STATE, M_CLAIM_TOTAL, M_CLAIM, M_FINDINGS,
	M_UC_STATUS, M_UC_LOADED, M_UC_DISK, M_UC_IRD, M_UC_FILES, M_UC_BROKEN,
	M_G_DOMAIN, M_G_MD_CLEAR, M_G_WITHOUT, M_G_VERDICTS, M_G_STATUS, M_NR
};

static const struct { const char *name, *type, *help; } fam[M_NR] = {
	[M_UP] = { "mdscope_up", "gauge",
		"1 when the command collected and judged its facts, 0 when it could not." },
	[M_LAST_RUN] = { "mdscope_last_run_timestamp_seconds", "gauge",
		"Unix time of the run that wrote these metrics." },
	[M_ERRORS] = { "mdscope_collection_errors", "gauge",
		"Facts or parts the command could not read (notes, broken files, failed parts)." },
	[M_SNAP_TIME] = { "mdscope_snapshot_timestamp_seconds", "gauge",
		"Unix time the judged facts were collected (older than the run with --from)." },
	[M_HOST_INFO] = { "mdscope_host_info", "gauge",
		"The host as the snapshot names it; always 1." },
	[M_HYPERVISOR] = { "mdscope_hypervisor", "gauge",
		"1 when the CPU facts are what a hypervisor presents (a guest)." },
	[M_CPU_INFO] = { "mdscope_cpu_info", "gauge",
		"One CPU: topology, signature, microcode revision and platform id as labels; always 1." },
	[M_CPU_ONLINE] = { "mdscope_cpu_online", "gauge", "1 when the CPU is online." },
	[M_STATUS] = { "mdscope_status", "gauge",
		"The report's overall status, one series per state (ok, warning, critical, unknown)." },
	[M_EXPOSURE] = { "mdscope_exposure", "gauge",
		"Host exposure per vulnerability (worst online CPU), one series per state." },
	[M_SOCK_HW] = { "mdscope_socket_hardware", "gauge",
		"Hardware verdict per socket and vulnerability, one series per state." },
	[M_SOCK_EXP] = { "mdscope_socket_exposure", "gauge",
		"Exposure per socket and vulnerability (worst online CPU), one series per state." },
	[M_SOCK_SMT] = { "mdscope_socket_smt", "gauge",
		"SMT exposure per socket and vulnerability (worst core), one series per state." },
	[M_CORE_EXP] = { "mdscope_core_exposure", "gauge",
		"Exposure per core and vulnerability (worst online thread), one series per state." },
	[M_CORE_SMT] = { "mdscope_core_smt", "gauge",
		"SMT exposure per core and vulnerability, one series per state." },
	[M_SOCK_UCODE_REV] = { "mdscope_socket_microcode_revision", "gauge",
		"Loaded microcode revision (signed 32-bit, as the kernel compares) per socket, "
		"signature and platform id; the oldest of the online CPUs." },
	[M_SOCK_UCODE_STATE] = { "mdscope_socket_microcode_state", "gauge",
		"Loaded microcode against Intel's first MDS-fixing release per socket, "
		"one series per state." },
	[M_CLAIM_TOTAL] = { "mdscope_kernel_claim_mismatches", "gauge",
		"Findings where the kernel's claims (sysfs, /proc/cpuinfo) disagree with the hardware." },
	[M_CLAIM] = { "mdscope_kernel_claim_mismatch", "gauge",
		"Kernel-claim mismatches by finding code and vulnerability." },
	[M_FINDINGS] = { "mdscope_findings", "gauge",
		"The analyzer's findings by code, severity and vulnerability." },
	[M_UC_STATUS] = { "mdscope_microcode_status", "gauge",
		"Microcode status per socket (loaded, on disk, in the initramfs, Intel's releases), "
		"one series per status." },
	[M_UC_LOADED] = { "mdscope_microcode_loaded_revision", "gauge",
		"Loaded microcode revision per group of identical CPUs." },
	[M_UC_DISK] = { "mdscope_microcode_disk_revision", "gauge",
		"Newest microcode revision on disk for the group's CPUs (absent: none or unknown)." },
	[M_UC_IRD] = { "mdscope_microcode_initramfs_revision", "gauge",
		"Microcode revision the initramfs gives the group's CPUs at the next boot "
		"(absent: none or unknown)." },
	[M_UC_FILES] = { "mdscope_microcode_files", "gauge", "Microcode files read." },
	[M_UC_BROKEN] = { "mdscope_microcode_broken_files", "gauge",
		"Microcode files that failed their checks and are not trusted." },
	[M_G_DOMAIN] = { "mdscope_guest_verdict", "gauge",
		"Verdict per libvirt domain, one series per verdict." },
	[M_G_MD_CLEAR] = { "mdscope_guest_md_clear", "gauge",
		"1 when the domain runs with md-clear (or gets it at its next start), "
		"0 when it lacks it; absent when unknown." },
	[M_G_WITHOUT] = { "mdscope_guests_without_md_clear", "gauge",
		"Domains running, or about to start, without md-clear." },
	[M_G_VERDICTS] = { "mdscope_guests", "gauge", "Domains per verdict." },
	[M_G_STATUS] = { "mdscope_guests_status", "gauge",
		"The guests command's overall status, one series per state." },
};

struct lbl {
	const char *k, *v;
};

char *prom_escape(const char *in, char *out, size_t len)
{
	size_t o = 0;

	if (!len)
		return out;
	for (; in && *in; in++) {
		const char *rep = *in == '\\' ? "\\\\" : *in == '"' ? "\\\"" :
				  *in == '\n' ? "\\n" : NULL;
		size_t n = rep ? 2 : 1;

		if (o + n >= len)
			break;
		if (rep)
			memcpy(out + o, rep, 2);
		else
			out[o] = *in;
		o += n;
	}
	out[o] = '\0';
	return out;
}

static void family(FILE *f, int m)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", fam[m].name, fam[m].help, fam[m].name,
		fam[m].type);
}

static void sample(FILE *f, int m, const struct lbl *l, size_t n, double v)
{
	char esc[1024];

	fputs(fam[m].name, f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s%s=\"%s\"", i ? "," : "{", l[i].k, prom_escape(l[i].v, esc, sizeof(esc)));
	if (n)
		fputc('}', f);
	if (v == (double)(int64_t)v)
		fprintf(f, " %" PRId64 "\n", (int64_t)v);
	else
		fprintf(f, " %.17g\n", v);
}

/* One series per state 0..nr-1 (name(i)); l[n - 1].v receives the state. */
static void enum_samples(FILE *f, int m, struct lbl *l, size_t n, const char *(*name)(int),
			 int nr, int cur)
{
	for (int i = 0; i < nr; i++) {
		l[n - 1].v = name(i);
		sample(f, m, l, n, i == cur);
	}
}

static void run_metrics(FILE *f, const char *cmd, int up, double errors, uint64_t now_ns)
{
	struct lbl l[] = { { "command", cmd } };

	family(f, M_UP);
	sample(f, M_UP, l, 1, up);
	family(f, M_LAST_RUN);
	sample(f, M_LAST_RUN, l, 1, (double)(now_ns / 1000000000ull));
	family(f, M_ERRORS);
	sample(f, M_ERRORS, l, 1, errors);
}

static int finish(FILE *f)
{
	return ferror(f) ? -EIO : 0;
}

uint64_t prom_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int prom_print_down(FILE *f, const char *command, uint64_t now_ns)
{
	run_metrics(f, command, 0, 1, now_ns);
	return finish(f);
}

/* ---- report --------------------------------------------------------- */

static const char *hw_name(int i) { return cls_hw_name(i); }
static const char *exp_name(int i) { return cls_exposure_name(i); }
static const char *smt_name(int i) { return cls_smt_name(i); }
static const char *status_name(int i) { return cls_status_name(i); }
static const char *ustate_name(int i) { return ucode_state_name(i); }

/* "%d" of a topology id, "" when unknown (< 0). */
static const char *id_str(int v, char *buf, size_t len)
{
	if (v < 0)
		buf[0] = '\0';
	else
		snprintf(buf, len, "%d", v);
	return buf;
}

static void cpu_info(FILE *f, const struct cls_cpu *k)
{
	const struct cls_read *c = &k->read;
	char cpu[16], sock[16], core[16], sig[16], fa[16], mo[16], st[16], uc[16], pf[16];
	struct lbl l[] = {
		{ "cpu", cpu }, { "socket", sock }, { "core", core }, { "signature", sig },
		{ "family", fa }, { "model", mo }, { "stepping", st }, { "microcode", uc },
		{ "platform_id", pf }, { "vendor", c->have_cpuid ? c->vendor : "" },
	};

	snprintf(cpu, sizeof(cpu), "%" PRIu32, k->cpu);
	id_str(k->package, sock, sizeof(sock));
	id_str(k->core, core, sizeof(core));
	sig[0] = fa[0] = mo[0] = st[0] = uc[0] = '\0';
	if (c->have_cpuid) {
		out_hexstr(c->signature, sig, sizeof(sig));
		snprintf(fa, sizeof(fa), "%u", mds_family(c->signature));
		snprintf(mo, sizeof(mo), "%u", mds_model(c->signature));
		snprintf(st, sizeof(st), "%u", mds_stepping(c->signature));
	}
	if (k->have_microcode)
		out_hexstr(k->microcode, uc, sizeof(uc));
	id_str(k->platform_id, pf, sizeof(pf));
	sample(f, M_CPU_INFO, l, sizeof(l) / sizeof(l[0]), 1);
}

/* The oldest loaded revision per (socket, signature, platform id) over online CPUs. */
struct ucode_key {
	int package, platform_id;
	uint32_t signature;
	int32_t rev;
};

static void socket_microcode(FILE *f, const struct cls_result *r)
{
	struct ucode_key *keys = calloc(r->nr_cpus ? r->nr_cpus : 1, sizeof(*keys));
	size_t n = 0;

	if (!keys)
		return;
	for (size_t i = 0; i < r->nr_cpus; i++) {
		const struct cls_cpu *k = &r->cpus[i];
		size_t j;

		if (!k->online || !k->have_microcode || !k->read.have_cpuid)
			continue;
		for (j = 0; j < n; j++)
			if (keys[j].package == k->package && keys[j].platform_id == k->platform_id &&
			    keys[j].signature == k->read.signature)
				break;
		if (j == n)
			keys[n++] = (struct ucode_key){ k->package, k->platform_id,
							k->read.signature, (int32_t)k->microcode };
		else if ((int32_t)k->microcode < keys[j].rev)
			keys[j].rev = (int32_t)k->microcode;
	}
	family(f, M_SOCK_UCODE_REV);
	for (size_t j = 0; j < n; j++) {
		char sock[16], sig[16], pf[16];
		struct lbl l[] = { { "socket", sock }, { "signature", sig }, { "platform_id", pf } };

		id_str(keys[j].package, sock, sizeof(sock));
		out_hexstr(keys[j].signature, sig, sizeof(sig));
		id_str(keys[j].platform_id, pf, sizeof(pf));
		sample(f, M_SOCK_UCODE_REV, l, 3, keys[j].rev);
	}
	free(keys);
}

/* The findings that say a kernel claim disagrees with the hardware. */
static bool is_claim_mismatch(enum cls_code c)
{
	static const enum cls_code codes[] = {
		CLS_F_EXPOSED_KERNEL_NOT_AFFECTED, CLS_F_SYSFS_NOT_AFFECTED,
		CLS_F_SYSFS_MITIGATED_NO_MD_CLEAR, CLS_F_KERNEL_STALE,
		CLS_F_KERNEL_NO_VENDOR_CHECK, CLS_F_SMT_CLAIM, CLS_F_CPUINFO_MICROCODE,
		CLS_F_CACHED_MICROCODE,
	};

	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (codes[i] == c)
			return true;
	return false;
}

/* Findings counted per (code, vulnerability[, severity]); claims only with claims_only. */
static void findings(FILE *f, const struct cls_result *r, int m, bool claims_only)
{
	unsigned int count[CLS_F_NR][CLS_V_RFDS + 1][CLS_SEV_CRITICAL + 1];

	memset(count, 0, sizeof(count));
	for (size_t i = 0; i < r->nr_findings; i++) {
		const struct cls_finding *x = &r->findings[i];

		if ((unsigned int)x->code >= CLS_F_NR || (unsigned int)x->vuln > CLS_V_RFDS ||
		    (unsigned int)x->severity > CLS_SEV_CRITICAL)
			continue;
		if (!claims_only || is_claim_mismatch(x->code))
			count[x->code][x->vuln][claims_only ? 0 : x->severity]++;
	}
	family(f, m);
	for (int c = 0; c < CLS_F_NR; c++)
		for (int v = 0; v <= CLS_V_RFDS; v++)
			for (int sv = 0; sv <= CLS_SEV_CRITICAL; sv++) {
				struct lbl l[] = { { "code", cls_code_name(c) },
						   { "vulnerability", cls_vuln_name(v) },
						   { "severity", cls_severity_name(sv) } };

				if (count[c][v][sv])
					sample(f, m, l, claims_only ? 2 : 3, count[c][v][sv]);
			}
}

static void per_vuln_enum(FILE *f, int m, const struct cls_result *r, struct lbl *l, size_t n,
			  const char *(*name)(int), int nr, const int *cur)
{
	for (int v = 0; v < VULN_NR; v++) {
		if (!cls_judged(r, v))
			continue;
		l[0].v = vuln_info[v].key;
		enum_samples(f, m, l, n, name, nr, cur[v]);
	}
}

static void sockets(FILE *f, const struct cls_result *r)
{
	static const int ms[] = { M_SOCK_HW, M_SOCK_EXP, M_SOCK_SMT };

	for (size_t m = 0; m < sizeof(ms) / sizeof(ms[0]); m++) {
		family(f, ms[m]);
		for (size_t i = 0; i < r->nr_sockets; i++) {
			const struct cls_socket *so = &r->sockets[i];
			char sock[16];
			struct lbl l[] = { { "vulnerability", "" },
					   { "socket", id_str(so->package, sock, sizeof(sock)) },
					   { "state", "" } };
			int cur[VULN_NR];

			for (int v = 0; v < VULN_NR; v++)
				cur[v] = ms[m] == M_SOCK_HW ? (int)so->hw[v] :
					 ms[m] == M_SOCK_EXP ? (int)so->exposure[v] : (int)so->smt[v];
			if (ms[m] == M_SOCK_HW)
				per_vuln_enum(f, ms[m], r, l, 3, hw_name, CLS_HW_MIXED + 1, cur);
			else if (ms[m] == M_SOCK_EXP)
				per_vuln_enum(f, ms[m], r, l, 3, exp_name, CLS_EXP_NOT_AFFECTED + 1, cur);
			else
				per_vuln_enum(f, ms[m], r, l, 3, smt_name, CLS_SMT_HOST_UNKNOWN + 1, cur);
		}
	}
}

static void cores(FILE *f, const struct cls_result *r, bool smt)
{
	int m = smt ? M_CORE_SMT : M_CORE_EXP;

	family(f, m);
	for (size_t i = 0; i < r->nr_cores; i++) {
		const struct cls_core *co = &r->cores[i];
		char sock[16], die[16], core[16];
		struct lbl l[] = { { "vulnerability", "" },
				   { "socket", id_str(co->package, sock, sizeof(sock)) },
				   { "die", id_str(co->die, die, sizeof(die)) },
				   { "core", id_str(co->core, core, sizeof(core)) },
				   { "state", "" } };
		int cur[VULN_NR];

		for (int v = 0; v < VULN_NR; v++)
			cur[v] = smt ? (int)co->smt[v] : (int)co->exposure[v];
		if (smt)
			per_vuln_enum(f, m, r, l, 5, smt_name, CLS_SMT_HOST_UNKNOWN + 1, cur);
		else
			per_vuln_enum(f, m, r, l, 5, exp_name, CLS_EXP_NOT_AFFECTED + 1, cur);
	}
}

int prom_print_report(FILE *f, const struct cls_result *r, uint64_t now_ns)
{
	const struct cls_origin *o = &r->origin;
	const char *release = r->claims.release;
	struct lbl l[5];
	int cur[VULN_NR];
	size_t claims = 0;

	run_metrics(f, "report", 1, o->nr_notes, now_ns);
	family(f, M_SNAP_TIME);
	sample(f, M_SNAP_TIME, NULL, 0, (double)(o->time_ns / 1000000000ull));
	family(f, M_HOST_INFO);
	l[0] = (struct lbl){ "hostname", o->hostname };
	l[1] = (struct lbl){ "kernel_release", release };
	l[2] = (struct lbl){ "collected_by", mds_source_name(o->collected_by) };
	l[3] = (struct lbl){ "module_version", o->have_module ? o->module_version : "" };
	sample(f, M_HOST_INFO, l, 4, 1);
	family(f, M_HYPERVISOR);
	sample(f, M_HYPERVISOR, NULL, 0, r->hypervisor);
	family(f, M_STATUS);
	l[0].k = "state";
	enum_samples(f, M_STATUS, l, 1, status_name, CLS_STATUS_UNKNOWN + 1, r->status);

	family(f, M_CPU_INFO);
	for (size_t i = 0; i < r->nr_cpus; i++)
		cpu_info(f, &r->cpus[i]);
	family(f, M_CPU_ONLINE);
	for (size_t i = 0; i < r->nr_cpus; i++) {
		char cpu[16];

		snprintf(cpu, sizeof(cpu), "%" PRIu32, r->cpus[i].cpu);
		l[0] = (struct lbl){ "cpu", cpu };
		sample(f, M_CPU_ONLINE, l, 1, r->cpus[i].online);
	}

	family(f, M_EXPOSURE);
	l[0].k = "vulnerability";
	l[1].k = "state";
	for (int v = 0; v < VULN_NR; v++)
		cur[v] = r->exposure[v];
	per_vuln_enum(f, M_EXPOSURE, r, l, 2, exp_name, CLS_EXP_NOT_AFFECTED + 1, cur);
	sockets(f, r);
	cores(f, r, false);
	cores(f, r, true);

	socket_microcode(f, r);
	family(f, M_SOCK_UCODE_STATE);
	for (size_t i = 0; i < r->nr_sockets; i++) {
		char sock[16];

		l[0] = (struct lbl){ "socket", id_str(r->sockets[i].package, sock, sizeof(sock)) };
		l[1].k = "state";
		enum_samples(f, M_SOCK_UCODE_STATE, l, 2, ustate_name, UCODE_NEWER + 1,
			     r->sockets[i].ucode);
	}

	for (size_t i = 0; i < r->nr_findings; i++)
		claims += is_claim_mismatch(r->findings[i].code);
	family(f, M_CLAIM_TOTAL);
	sample(f, M_CLAIM_TOTAL, NULL, 0, claims);
	findings(f, r, M_CLAIM, true);
	findings(f, r, M_FINDINGS, false);
	return finish(f);
}

/* ---- microcode ------------------------------------------------------- */

static const char *ustatus_name(int i) { return ucode_status_name(i); }

int prom_print_microcode(FILE *f, const struct ucode_inv *inv, size_t notes, uint64_t now_ns)
{
	static const int revs[] = { M_UC_LOADED, M_UC_DISK, M_UC_IRD };
	bool ird_bad = strcmp(inv->initramfs_state, "read") &&
		       strcmp(inv->initramfs_state, "not_given");
	struct lbl l[6];

	run_metrics(f, "microcode", 1, (double)(notes + inv->nr_bad + ird_bad), now_ns);
	family(f, M_UC_FILES);
	sample(f, M_UC_FILES, NULL, 0, inv->files);
	family(f, M_UC_BROKEN);
	sample(f, M_UC_BROKEN, NULL, 0, inv->nr_bad);
	family(f, M_UC_STATUS);
	for (size_t i = 0; i < inv->nr_sockets; i++) {
		char sock[16];

		l[0] = (struct lbl){ "socket", id_str(inv->sockets[i].socket, sock, sizeof(sock)) };
		l[1].k = "status";
		enum_samples(f, M_UC_STATUS, l, 2, ustatus_name, UCODE_ST_UNKNOWN + 1,
			     inv->sockets[i].status);
	}
	for (size_t m = 0; m < sizeof(revs) / sizeof(revs[0]); m++) {
		family(f, revs[m]);
		for (size_t i = 0; i < inv->nr_groups; i++) {
			const struct ucode_group *g = &inv->groups[i];
			const struct ucode_facts *x = &g->facts;
			char sock[16], sig[16], pf[16];
			bool have = revs[m] == M_UC_LOADED ? x->have_rev :
				    revs[m] == M_UC_DISK ? x->disk == UCODE_FACT_FOUND :
				    x->initramfs == UCODE_FACT_FOUND;
			uint32_t rev = revs[m] == M_UC_LOADED ? x->rev :
				       revs[m] == M_UC_DISK ? x->disk_rev : x->initramfs_rev;

			if (!have)
				continue;
			sig[0] = '\0';
			if (x->have_sig)
				out_hexstr(x->sig, sig, sizeof(sig));
			l[0] = (struct lbl){ "socket", id_str(g->socket, sock, sizeof(sock)) };
			l[1] = (struct lbl){ "cpus", g->cpus };
			l[2] = (struct lbl){ "vendor", ucode_vendor_name(x->vendor) };
			l[3] = (struct lbl){ "signature", sig };
			l[4] = (struct lbl){ "platform_id", id_str(x->platform_id, pf, sizeof(pf)) };
			sample(f, revs[m], l, 5, (int32_t)rev);
		}
	}
	return finish(f);
}

/* ---- guests ----------------------------------------------------------- */

static const char *const gstatus[] = { "ok", "warning", "critical", "unknown" };
static const char *gstatus_name(int i) { return gstatus[i]; }

int prom_print_guests(FILE *f, const struct prom_guests *g, uint64_t now_ns)
{
	struct lbl l[3];
	size_t without = 0;

	run_metrics(f, "guests", g->up, g->errors, now_ns);
	family(f, M_G_STATUS);
	l[0].k = "state";
	enum_samples(f, M_G_STATUS, l, 1, gstatus_name, 4, g->severity);
	family(f, M_G_VERDICTS);
	for (size_t v = 0; v < g->nr_verdicts; v++) {
		size_t n = 0;

		for (size_t i = 0; i < g->nr_doms; i++)
			n += !strcmp(g->doms[i].verdict, g->verdicts[v]);
		l[0] = (struct lbl){ "verdict", g->verdicts[v] };
		sample(f, M_G_VERDICTS, l, 1, n);
	}
	for (size_t i = 0; i < g->nr_doms; i++)
		without += g->doms[i].md_clear == 0;
	family(f, M_G_WITHOUT);
	sample(f, M_G_WITHOUT, NULL, 0, without);
	family(f, M_G_MD_CLEAR);
	for (size_t i = 0; i < g->nr_doms; i++) {
		l[0] = (struct lbl){ "domain", g->doms[i].name };
		l[1] = (struct lbl){ "uuid", g->doms[i].uuid };
		if (g->doms[i].md_clear >= 0)
			sample(f, M_G_MD_CLEAR, l, 2, g->doms[i].md_clear);
	}
	family(f, M_G_DOMAIN);
	for (size_t i = 0; i < g->nr_doms; i++)
		for (size_t v = 0; v < g->nr_verdicts; v++) {
			l[0] = (struct lbl){ "domain", g->doms[i].name };
			l[1] = (struct lbl){ "uuid", g->doms[i].uuid };
			l[2] = (struct lbl){ "verdict", g->verdicts[v] };
			sample(f, M_G_DOMAIN, l, 3, !strcmp(g->doms[i].verdict, g->verdicts[v]));
		}
	return finish(f);
}
