// SPDX-License-Identifier: GPL-2.0
/*
 * mdscope check: the MDS/TAA advisory as six checklist items, each pass,
 * warning, fail or unknown with its evidence and next step. Items 1, 2 and
 * 6 come from the analyzer (classify.h) over a host snapshot; 3, 4 and 5
 * from the libvirt/Nova collection the guests command uses. Text, JSON
 * ("mdscope-check/1") or one monitoring-plugin line (--nagios).
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "classify.h"
#include "field.h"
#include "guests.h"
#include "snapshot.h"
#include "opts.h"
#include "ucode_inv.h"
#include "out.h"
#include "subcommands.h"
#include "virtcollect.h"
#include "virthost.h"

enum chk_status { CHK_PASS, CHK_WARNING, CHK_FAIL, CHK_UNKNOWN };

/* Status names, and the exit-code severity each stands for. */
static const char *const status_names[] = { "pass", "warning", "fail", "unknown" };
static const int status_sev[] = { 0, 1, 2, 3 };

struct chk_item {
	int id;				/* 1 .. 6 */
	const char *name, *title;
	enum chk_status st;
	char evidence[1024];
	char next[512];
};

struct chk {
	struct vh_facts f;
	struct vc_result *vc;
	struct chk_item items[6];
};

static void set(struct chk_item *it, enum chk_status st, const char *next, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void set(struct chk_item *it, enum chk_status st, const char *next, const char *fmt, ...)
{
	va_list ap;

	it->st = st;
	snprintf(it->next, sizeof(it->next), "%s", next ? next : "");
	va_start(ap, fmt);
	vsnprintf(it->evidence, sizeof(it->evidence), fmt, ap);
	va_end(ap);
}

/* Append to evidence. */
static void more(struct chk_item *it, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void more(struct chk_item *it, const char *fmt, ...)
{
	size_t n = strlen(it->evidence);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(it->evidence + n, sizeof(it->evidence) - n, fmt, ap);
	va_end(ap);
}

/* Online and not known to be unaffected by every judged vulnerability MD_CLEAR fixes. */
static bool needs_md_clear(const struct cls_result *r, const struct cls_cpu *c)
{
	unsigned int fixes = cls_vulns_fixed_by("md-clear");
	bool need = false;

	for (int v = 0; v < VULN_NR; v++)
		need |= cls_judged(r, v) && (fixes & (1u << v)) && c->v[v].hw != CLS_HW_NOT_AFFECTED;
	return c->online && need;
}

/* 1. microcode on every CPU carries MD_CLEAR and is at least the first fix. */
static const struct cls_finding *first_finding(const struct cls_result *r, const int *codes,
					       size_t n)
{
	for (size_t i = 0; i < r->nr_findings; i++)
		for (size_t j = 0; j < n; j++)
			if ((int)r->findings[i].code == codes[j])
				return &r->findings[i];
	return NULL;
}

/* Add the findings of the microcode files the host boots with (best effort:
 * a host without a firmware directory has nothing to compare with). */
static void microcode_files(struct chk *k, const char *sysroot)
{
	struct mds_err err = { "" };
	struct ucode_inv inv;

	if (ucode_files_findings(&k->f.snap, &k->f.cls, sysroot, NULL, NULL, true, &inv, &err) > 0)
		ucode_inv_free(&inv);
}

static void item_microcode(struct chk *k, struct chk_item *it)
{
	static const int on_disk[] = { CLS_F_MICROCODE_REBOOT_NEEDED,
				       CLS_F_MICROCODE_INITRAMFS_STALE };
	const struct cls_finding *fd = first_finding(&k->f.cls, on_disk, 2);
	int need = 0, no_md = 0, unk = 0, old = 0, newer = 0;

	for (size_t i = 0; i < k->f.cls.nr_cpus; i++) {
		const struct cls_cpu *c = &k->f.cls.cpus[i];

		if (!needs_md_clear(&k->f.cls, c))
			continue;
		need++;
		no_md += c->md_clear == CLS_NO;
		unk += c->md_clear == CLS_UNKNOWN || c->ucode.state == UCODE_UNKNOWN;
		old += c->ucode.state == UCODE_OLDER;
		newer += c->ucode.newer_exists;
	}
	if (!need)
		set(it, CHK_PASS, NULL, "no online CPU is affected by a vulnerability MD_CLEAR "
		    "mitigates: MD_CLEAR is not needed");
	else if (no_md || old)
		set(it, CHK_FAIL, "Install Intel's microcode update (Debian: intel-microcode) or "
		    "a BIOS update, then reboot.", "%d of %d affected CPUs lack MD_CLEAR, %d run "
		    "microcode older than the first MDS release", no_md, need, old);
	else if (unk)
		set(it, CHK_UNKNOWN, "Run as root with the mdscope module loaded (or the msr "
		    "driver) so the microcode revision can be read on every CPU.",
		    "%d of %d affected CPUs: MD_CLEAR or the microcode revision is unknown",
		    unk, need);
	else if (fd)
		set(it, CHK_WARNING, fd->next_step, "all %d affected CPUs have MD_CLEAR; %s",
		    need, fd->message);
	else
		set(it, CHK_PASS, newer ? "A newer microcode release is known; consider it." :
		    NULL, "all %d affected CPUs have MD_CLEAR and microcode at or after the first "
		    "MDS release", need);
	for (size_t i = 0; i < k->f.cls.nr_sockets; i++) {
		const struct cls_socket *s = &k->f.cls.sockets[i];

		more(it, "; socket %d: signature 0x%x, microcode ", s->package, s->signature);
		if (s->have_microcode)
			more(it, "0x%x", s->microcode);
		else
			more(it, "unknown");
		more(it, " (%s), MD_CLEAR %s", ucode_state_name(s->ucode), cls_tri_name(s->md_clear));
	}
	if (k->f.cls.hypervisor)
		more(it, "; facts as the hypervisor presents them");
}


/* 2. the kernel's MDS and TAA mitigation is active; what SMT means here. */
static void item_kernel(struct chk *k, struct chk_item *it)
{
	static const int exposed[] = {
		CLS_F_EXPOSED_NO_MICROCODE, CLS_F_EXPOSED_KERNEL_OFF,
		CLS_F_EXPOSED_KERNEL_UNAWARE, CLS_F_EXPOSED_KERNEL_NOT_AFFECTED,
	};
	static const int smt[] = { CLS_F_SMT_EXPOSED, CLS_F_SMT_HOST_UNKNOWN };
	const struct mds_smt *sm = &k->f.cls.claims.smt;
	char exp[160];
	const struct cls_finding *f = first_finding(&k->f.cls, exposed, sizeof(exposed) / sizeof(exposed[0]));
	const struct cls_finding *fs = first_finding(&k->f.cls, smt, 2);
	enum cls_exposure worst = cls_result_worst(&k->f.cls, VULN_ALL);

	cls_exposure_str(&k->f.cls, VULN_ALL, exp, sizeof(exp));
	if (worst == CLS_EXP_EXPOSED)
		set(it, CHK_FAIL, f ? f->next_step : NULL, "exposed (%s)%s%s", exp,
		    f ? ": " : "", f ? f->message : "");
	else if (worst == CLS_EXP_UNKNOWN)
		set(it, CHK_UNKNOWN, "Run as root with the mdscope module loaded.",
		    "exposure unknown (%s)", exp);
	else if (fs && fs->code == CLS_F_SMT_EXPOSED)
		set(it, CHK_WARNING, fs->next_step, "mitigated, but SMT siblings share the "
		    "buffers: %s", fs->message);
	else
		set(it, CHK_PASS, fs ? fs->next_step : NULL, "%s%s%s", exp,
		    fs ? "; " : "", fs ? fs->message : "");
	for (int v = 0; v < VULN_NR; v++) {
		const char *text = k->f.cls.claims.text[v];

		if (cls_judged(&k->f.cls, v))
			more(it, "; sysfs %s: %s", vuln_info[v].sysfs, text ? text : "(absent)");
	}
	more(it, "; smt control %s, active %s",
	     sm->control_text[0] ? sm->control_text : "unknown",
	     sm->active < 0 ? "unknown" : sm->active ? "yes" : "no");
}

/* 6. the kernel's claims agree with the hardware on every socket. */
static void item_claims(struct chk *k, struct chk_item *it)
{
	static const int codes[] = {
		CLS_F_EXPOSED_KERNEL_NOT_AFFECTED, CLS_F_SYSFS_NOT_AFFECTED,
		CLS_F_SYSFS_MITIGATED_NO_MD_CLEAR, CLS_F_KERNEL_UNAWARE, CLS_F_KERNEL_STALE,
		CLS_F_KERNEL_NO_VENDOR_CHECK, CLS_F_SMT_CLAIM, CLS_F_CPUINFO_MICROCODE,
		CLS_F_CACHED_MICROCODE,
	};
	enum cls_severity worst = CLS_SEV_INFO;
	const struct cls_finding *first = NULL;
	int n = 0;

	for (size_t i = 0; i < k->f.cls.nr_findings; i++) {
		const struct cls_finding *f = &k->f.cls.findings[i];

		for (size_t j = 0; j < sizeof(codes) / sizeof(codes[0]); j++)
			if ((int)f->code == codes[j]) {
				if (!first)
					first = f;
				if (f->severity > worst)
					worst = f->severity;
				n++;
			}
	}
	if (!n) {
		set(it, CHK_PASS, NULL, "the kernel's sysfs claims match the facts of all %zu "
		    "socket(s)", k->f.cls.nr_sockets);
		return;
	}
	set(it, worst == CLS_SEV_CRITICAL ? CHK_FAIL : worst == CLS_SEV_WARNING ?
	    CHK_WARNING : CHK_PASS, first->next_step, "%d disagreement(s): %s", n,
	    first->message);
}

/* 3. the hypervisor can expose md-clear (domain capabilities). */
static void item_hypervisor(struct chk *k, struct chk_item *it)
{
	const struct vc_result *r = k->vc;
	int offered = 0, failed = 0;

	set(it, CHK_PASS, NULL, "%s", "");
	for (int t = 0; t < VV_NTYPES; t++) {
		const struct vv_side *s = &r->host.side[t];
		struct vv_type_view v;

		if (s->err == -ENODEV)
			continue;
		offered++;
		if (s->err) {
			failed++;
			more(it, "%s%s: %s", offered > 1 ? "; " : "", vv_type_names[t], s->msg);
			continue;
		}
		vv_type_view(&r->host, t, &v);
		more(it, "%s%s: host-model %s md-clear, host-passthrough %s, %d usable "
		     "custom model(s) run with md-clear", offered > 1 ? "; " : "",
		     vv_type_names[t], v.host_model > 0 ? "carries" : "lacks",
		     !s->dc.passthrough ? "unsupported" : v.passthrough > 0 ? "gives it" :
		     "does not give it", v.n_custom_ok);
	}
	int sev = vc_host_severity(r);

	if (!offered)
		set(it, CHK_UNKNOWN, NULL, "libvirt offers neither kvm nor qemu guests%s%s",
		    r->host.caps_err ? ": " : "", r->host.caps_err ? r->host.caps_msg : "");
	else if (sev == 2) {	/* keep the evidence: set() would print it onto itself */
		it->st = CHK_FAIL;
		snprintf(it->next, sizeof(it->next), "Update the host's microcode (and "
			 "QEMU/libvirt), then check again: no CPU mode can give guests md-clear.");
	} else if (failed)
		it->st = CHK_UNKNOWN;
	else if (r->host.affected == 0)
		more(it, "; this host is not affected by MDS/TAA");
	if (failed && strstr(it->evidence, "read-only"))
		snprintf(it->next, sizeof(it->next), "Run as root (or a libvirt-group user) "
			 "for a read-write libvirt connection.");
}

/* 4. Nova's CPU configuration gives md-clear to new guests. */
static void item_nova(struct chk *k, struct chk_item *it)
{
	const struct vc_result *r = k->vc;
	static const enum chk_status by_sev[] = { CHK_PASS, CHK_WARNING, CHK_FAIL, CHK_UNKNOWN };

	if (!r->nova_present) {
		set(it, CHK_PASS, NULL, "no Nova configuration on this host (not a compute "
		    "node): nothing to check");
		return;
	}
	if (r->nova_err) {
		set(it, CHK_UNKNOWN, "Fix the file Nova would also fail to read.", "%s",
		    r->nova_msg);
		return;
	}
	set(it, by_sev[r->nova_severity], NULL, "%s: %s", nova_verdict_name(r->nova_verdict),
	    r->nova_why);
	if (r->nova_verdict == NOVA_NO_MD_CLEAR)
		snprintf(it->next, sizeof(it->next), "Use cpu_mode = host-model, or add md-clear "
			 "to [libvirt] cpu_model_extra_flags, restart nova-compute.");
	else if (r->nova_verdict == NOVA_HOST_LACKS || r->nova_verdict == NOVA_WILL_REFUSE)
		snprintf(it->next, sizeof(it->next), "Update the host microcode first (or drop "
			 "models the host cannot run), then restart nova-compute.");
}

/* 5. every running guest has md-clear; the rest listed. */
static void item_guests(struct chk *k, struct chk_item *it)
{
	const struct vc_result *r = k->vc;
	int running = 0, has = 0, cold = 0, sev = 0;

	if (r->dom_err) {
		set(it, CHK_UNKNOWN, NULL, "%s", r->conn_err ? r->conn_msg : r->dom_msg);
		return;
	}
	set(it, CHK_PASS, NULL, "%s", "");
	for (int i = 0; i < r->n_doms; i++) {
		const struct vv_dom *d = &r->doms[i];

		running += d->active;
		has += d->state == VV_HAS;
		cold += d->state == VV_NEEDS_COLD_BOOT;
		sev = vv_worse(sev, d->severity);
	}
	more(it, "%d of %d running guest(s) have md-clear", has, running);
	for (int i = 0; i < r->n_doms; i++) {
		const struct vv_dom *d = &r->doms[i];

		if (d->state != VV_HAS && d->state != VV_WILL_GET)
			more(it, "; %s%s%s: %s", d->live.name, d->live.nova ? " / " : "",
			     d->live.nova ? d->live.nova_name : "", vv_state_name(d->state));
	}
	if (r->host.affected == 0 && has < running)
		more(it, "; this host is not affected by MDS/TAA, so none is exposed");
	it->st = sev == 2 ? CHK_FAIL : sev == 1 ? CHK_WARNING : sev == 3 ? CHK_UNKNOWN : CHK_PASS;
	if (cold)
		snprintf(it->next, sizeof(it->next), "Cold boot the %d guest(s) marked "
			 "needs_cold_boot (stop, then start, or a Nova hard reboot); a reboot "
			 "inside the guest is not enough.", cold);
	else if (has < running)
		snprintf(it->next, sizeof(it->next), "See 'mdscope guests' for each guest's "
			 "reason and next step.");
}

static void run_items(struct chk *k)
{
	static const struct { const char *name, *title; } meta[6] = {
		{ "microcode", "microcode on every CPU carries MD_CLEAR and the first MDS fix" },
		{ "kernel", "the kernel's MDS and TAA mitigation is active; SMT" },
		{ "hypervisor", "the hypervisor can expose md-clear to guests" },
		{ "nova", "Nova's CPU configuration gives md-clear to new guests" },
		{ "guests", "every running guest has md-clear" },
		{ "claims", "the kernel's claims agree with the hardware on every socket" },
	};
	for (int i = 0; i < 6; i++) {
		k->items[i].id = i + 1;
		k->items[i].name = meta[i].name;
		k->items[i].title = meta[i].title;
	}
	if (k->f.ok) {
		item_microcode(k, &k->items[0]);
		item_kernel(k, &k->items[1]);
		item_claims(k, &k->items[5]);
	} else {
		static const int from_cls[] = { 0, 1, 5 };

		for (int i = 0; i < 3; i++)
			set(&k->items[from_cls[i]], CHK_UNKNOWN, "Run as root on the host itself.",
			    "no CPU facts: %s", k->f.err);
	}
	item_hypervisor(k, &k->items[2]);
	item_nova(k, &k->items[3]);
	item_guests(k, &k->items[4]);
}

static int overall(const struct chk *k)
{
	int sev = 0;

	for (int i = 0; i < 6; i++)
		sev = vv_worse(sev, status_sev[k->items[i].st]);
	return sev;
}

static void print_text(const struct chk *k, int sev)
{
	printf("mdscope check: the MDS/TAA advisory\n");
	for (int i = 0; i < 6; i++) {
		const struct chk_item *it = &k->items[i];

		printf("%d. %-7s %s\n", i + 1, status_names[it->st], it->title);
		printf("   evidence: %s\n", it->evidence);
		if (it->next[0])
			printf("   next: %s\n", it->next);
	}
	printf("Status: %s\n", guests_status_names[sev]);
}

#define ITEM(p) ((const struct chk_item *)(p))

static void g_id(const void *p, int a, struct fld_val *v) { fld_set_int(v, true, ITEM(p)->id); }
static void g_name(const void *p, int a, struct fld_val *v) { fld_set_str(v, ITEM(p)->name); }
static void g_title(const void *p, int a, struct fld_val *v) { fld_set_str(v, ITEM(p)->title); }

static void g_status(const void *p, int a, struct fld_val *v)
{
	fld_set_str(v, status_names[ITEM(p)->st]);
}

static void g_evidence(const void *p, int a, struct fld_val *v)
{
	fld_set_str(v, ITEM(p)->evidence);
}

static void g_next(const void *p, int a, struct fld_val *v) { fld_set_text(v, ITEM(p)->next); }

/* One checklist item in "items[]" of mdscope-check/1. */
static const struct fld item_fields[] = {
	{ .key = "id", .type = FLD_INT, .get = g_id },
	{ .key = "name", .type = FLD_STR, .get = g_name },
	{ .key = "title", .type = FLD_STR, .get = g_title },
	{ .key = "status", .type = FLD_STR, .get = g_status },
	{ .key = "evidence", .type = FLD_STR, .get = g_evidence },
	{ .key = "next_step", .type = FLD_STR, .get = g_next },
};

static void print_json(const struct chk *k, int sev)
{
	struct json_object *o = json_object_new_object();

	out_add(o, "schema", out_str("mdscope-check/1"));
	out_add(o, "items", fld_json_rows(item_fields, sizeof(item_fields) / sizeof(item_fields[0]),
					  k->items, sizeof(k->items[0]), 6));
	out_add(o, "status", out_str(guests_status_names[sev]));
	out_add(o, "exit", out_int(sev));
	out_json_print(stdout, o);
}

/* "MDSCOPE CRITICAL - guests: fail, ... | pass=4 ..." */
static void print_nagios(const struct chk *k, int sev)
{
	int n[4] = { 0 }, first = 1, lacking = 0, cold = 0;

	printf("MDSCOPE %s -", guests_status_names[sev]);
	for (int i = 0; i < 6; i++) {
		n[k->items[i].st]++;
		if (k->items[i].st != CHK_PASS) {
			printf("%s %s %s", first ? "" : ",", k->items[i].name,
			       status_names[k->items[i].st]);
			first = 0;
		}
	}
	if (first)
		printf(" all 6 checks pass");
	for (int i = 0; i < k->vc->n_doms; i++) {
		lacking += k->vc->doms[i].active && k->vc->doms[i].md_clear_live == 0;
		cold += k->vc->doms[i].state == VV_NEEDS_COLD_BOOT;
	}
	printf(" | pass=%d warning=%d fail=%d unknown=%d guests_without_md_clear=%d "
	       "guests_need_cold_boot=%d\n", n[0], n[1], n[2], n[3], lacking, cold);
}

/* --help: the only caller; errors are one line (opts.c). */
static void usage(void)
{
	printf("Usage: %s check [--json|--nagios] [options]\n"
		"The MDS/TAA advisory as a checklist: microcode, kernel, hypervisor, Nova,\n"
		"guests, kernel claims; each pass, warning, fail or unknown.\n\n"
		"  -j, --json               JSON (schema mdscope-check/1)\n"
		"  -n, --nagios             one monitoring-plugin line\n"
		VC_OPTIONS_HELP
		"  -h, --help\n\n"
		"Exit: 0 OK, 1 warning, 2 critical, 3 unknown.\n", prog);
	exit(0);
}

int check_main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "nagios", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		VC_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct vc_host_facts host;
	struct vc_opts o = { 0 };
	char err[256];
	int c, mode = 0, sev;
	struct chk *k;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:jnh", longopts, NULL)) != -1) {
		int ret = vc_opt(c, optarg, &o, err, sizeof(err));

		if (ret < 0) {
			fprintf(stderr, "%s: %s\n", prog, err);
			return 3;
		}
		if (ret)
			continue;
		if (c == 'j' || c == 'n') {
			if (mode && mode != c) {
				fprintf(stderr, "%s: check: --json and --nagios exclude each other\n",
					prog);
				return 3;
			}
			mode = c;
		} else if (c == 'h')
			usage();
		else
			return opt_error("check", c, argv, 3);
	}
	if (opt_extra("check", argc, argv, 3))
		return 3;
	k = calloc(1, sizeof(*k));
	if (!k) {
		fprintf(stderr, "%s: check: %s\n", prog, strerror(ENOMEM));
		return 3;
	}
	if (vh_collect(&k->f, o.sysroot, o.from)) {
		fprintf(stderr, "%s: check: %s\n", prog, k->f.err);
		goto fail;
	}
	/* this host's microcode files: a newer revision installed but not loaded */
	if (k->f.ok && !o.from)
		microcode_files(k, o.sysroot);
	/* the guest verdicts use the analyzer's view of this host */
	vh_answers(&k->f, &host);
	k->vc = vc_collect(&o, &host);
	if (!k->vc) {
		fprintf(stderr, "%s: check: %s\n", prog, strerror(ENOMEM));
		goto fail;
	}
	run_items(k);
	sev = overall(k);
	if (mode != 'j')
		out_guard_stdout();
	if (mode != 'n')
		guests_errors(k->vc);
	if (mode == 'j')
		print_json(k, sev);
	else if (mode == 'n')
		print_nagios(k, sev);
	else
		print_text(k, sev);
	vc_free(k->vc);
	vh_free(&k->f);
	free(k);
	return sev;
fail:
	vh_free(&k->f);
	free(k);
	return 3;
}
