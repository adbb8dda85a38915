// SPDX-License-Identifier: GPL-2.0
/*
 * mdscope guests: does md-clear reach every guest? Host side per virt type,
 * Nova's configuration, and every libvirt domain, as tables or JSON
 * ("mdscope-guests/1"), or Prometheus metrics (output/prom.c). Exit 0 OK,
 * 1 warning, 2 critical, 3 unknown/error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "format.h"
#include "guests.h"
#include "out.h"
#include "opts.h"
#include "prom.h"
#include "subcommands.h"
#include "virtcollect.h"
#include "virthost.h"

const char *const guests_status_names[4] = { "OK", "WARNING", "CRITICAL", "UNKNOWN" };

const char *const guests_sev_names[4] = { "ok", "warning", "critical", "unknown" };

/* ---- text ------------------------------------------------------------ */

static const char *yesno(int v)
{
	return v < 0 ? "unknown" : v ? "yes" : "no";
}

static void print_host(const struct vc_result *r)
{
	const struct vv_host *h = &r->host;
	struct vv_type_view v;

	vv_type_view(h, 0, &v);
	printf("Host: MDS/TAA affected: %s (%s)\n", yesno(h->affected), h->affected_why);
	printf("Host md-clear: libvirt %s, mdscope %s (%s)%s\n", yesno(v.libvirt_md_clear),
	       yesno(h->own_md_clear), h->own_source,
	       v.differs ? " -- they DIFFER" : "");
	guests_sides_table(stdout, r);
	for (int t = 0; t < VV_NTYPES; t++) {
		const struct vv_side *s = &h->side[t];
		bool first = true;

		for (int i = 0; !s->err && i < s->n_cmp; i++)
			if (s->cmp[i].usable && s->cmp[i].md_clear > 0) {
				if (first)
					printf("  %s custom models that run with md-clear (%s):",
					       vv_type_names[t], s->cmp_how);
				printf("%s %s", first ? "" : ",", s->cmp[i].model);
				first = false;
			}
		if (!first)
			printf("\n");
	}
}

static void print_nova(const struct vc_result *r)
{
	const struct nova_conf *c = &r->nova;

	if (!r->nova_present) {
		printf("Nova: no configuration found (not a Nova compute host)\n");
		return;
	}
	if (r->nova_err) {
		printf("Nova: configuration could not be read: %s\n", r->nova_msg);
		return;
	}
	printf("Nova: virt_type=%s cpu_mode=%s%s", c->eff_virt_type, nova_mode_name(c->mode),
	       c->mode_defaulted ? " (default)" : "");
	for (int i = 0; i < c->n_models; i++)
		printf("%s%s", i ? "," : " cpu_models=", c->models[i]);
	for (int i = 0; i < c->n_flags; i++)
		printf("%s%c%s", i ? "," : " extra_flags=", c->flags[i].disable ? '-' : '+',
		       c->flags[i].name);
	printf("\n  %s: %s\n", nova_verdict_name(r->nova_verdict), r->nova_why);
}

static void print_domains(const struct vc_result *r)
{
	if (!r->n_doms) {
		printf("Domains: none\n");
		return;
	}
	guests_doms_table(stdout, r);
	for (int i = 0; i < r->n_doms; i++)
		if (r->doms[i].state != VV_HAS && r->doms[i].state != VV_WILL_GET)
			printf("  %s: %s\n", r->doms[i].live.name, r->doms[i].why);
}

void guests_errors(const struct vc_result *r)
{
	if (r->conn_err)
		fprintf(stderr, "%s: libvirt: %s\n", prog, r->conn_msg);
	else if (r->dom_err)
		fprintf(stderr, "%s: libvirt: %s\n", prog, r->dom_msg);
	if (!r->conn_err && r->host.caps_err)
		fprintf(stderr, "%s: libvirt: %s\n", prog, r->host.caps_msg);
	for (int t = 0; t < VV_NTYPES; t++) {
		const struct vv_side *s = &r->host.side[t];

		if (s->err && s->err != -ENODEV && (!r->conn_err || s->from_file))
			fprintf(stderr, "%s: libvirt: %s\n", prog, s->msg);
		else if (!s->err && s->cmp_msg[0])
			fprintf(stderr, "%s: libvirt: %s\n", prog, s->cmp_msg);
	}
	if (r->nova_err)
		fprintf(stderr, "%s: nova: %s\n", prog, r->nova_msg);
}

/* The parts that failed, as guests_errors() prints them. */
static unsigned int guests_nr_errors(const struct vc_result *r)
{
	unsigned int n = !!r->conn_err + (!r->conn_err && r->dom_err) +
			 (!r->conn_err && r->host.caps_err) + !!r->nova_err;

	for (int t = 0; t < VV_NTYPES; t++) {
		const struct vv_side *s = &r->host.side[t];

		n += (s->err && s->err != -ENODEV && (!r->conn_err || s->from_file)) ||
		     (!s->err && s->cmp_msg[0]);
	}
	return n;
}

/* Prometheus: the severity, or 3 when the metrics cannot be written. */
static int guests_prom(const struct vc_result *r, const struct out_opts *oo, int sev)
{
	static const char *verdicts[VV_NSTATES];
	struct prom_guest *d = calloc(r->n_doms ? r->n_doms : 1, sizeof(*d));
	struct prom_guests g = { d, r->n_doms, verdicts, VV_NSTATES, sev, !r->conn_err && !r->dom_err,
				 guests_nr_errors(r) };
	struct prom_sink k;
	int ret = 3;

	for (int v = 0; v < VV_NSTATES; v++)
		verdicts[v] = vv_state_name(v);
	if (!d) {
		fprintf(stderr, "%s: guests: %s\n", prog, strerror(ENOMEM));
		return 3;
	}
	for (int i = 0; i < r->n_doms; i++) {
		enum vv_state st = r->doms[i].state;

		d[i].name = r->doms[i].live.name;
		d[i].uuid = r->doms[i].live.uuid;
		d[i].verdict = vv_state_name(st);
		d[i].md_clear = st == VV_HAS || st == VV_WILL_GET ? 1 : st == VV_UNKNOWN ? -1 : 0;
	}
	if (prom_sink_open(&k, "guests", oo) &&
	    !prom_sink_close(&k, "guests", "mdscope-guests.prom",
			     prom_print_guests(k.f, &g, prom_now_ns())))
		ret = sev;
	free(d);
	return ret;
}

/* --help: the only caller; errors are one line (opts.c). */
static void usage(void)
{
	printf("Usage: %s guests [options]\n"
		"Does md-clear reach every libvirt/Nova guest, and which need a cold boot?\n\n"
		"  -F, --format FMT         text (default), json (schema mdscope-guests/1) or\n"
		"                           prometheus (the text exposition format)\n"
		"  -j, --json               the same as --format json\n"
		"  -t, --textfile DIR       write DIR/mdscope-guests.prom atomically for\n"
		"                           node_exporter (implies --format prometheus)\n"
		VC_OPTIONS_HELP
		"  -h, --help\n\n"
		"Exit: 0 OK, 1 warning, 2 critical, 3 unknown or a part failed.\n", prog);
	exit(0);
}

int guests_main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'F' },
		{ "textfile", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		VC_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct vc_opts o = { 0 };
	struct vc_host_facts host;
	struct vh_facts facts;
	struct out_opts oo = { 0 };
	struct prom_sink k;
	struct vc_result *r;
	char err[256];
	int c, sev;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:jF:t:h", longopts, NULL)) != -1) {
		int ret = vc_opt(c, optarg, &o, err, sizeof(err));

		if (ret < 0) {
			fprintf(stderr, "%s: %s\n", prog, err);
			return 3;
		}
		if (ret)
			continue;
		if (c == 'j') {
			oo.format = FMT_JSON;
			oo.format_given = true;
		} else if (c == 'F') {
			if (format_parse("guests", optarg, &oo))
				return 3;
		} else if (c == 't') {
			oo.textfile = optarg;
		} else if (c == 'h')
			usage();
		else
			return opt_error("guests", c, argv, 3);
	}
	if (opt_extra("guests", argc, argv, 3) || format_check("guests", &oo))
		return 3;
	if (vh_collect(&facts, o.sysroot, o.from)) {
		fprintf(stderr, "%s: guests: %s\n", prog, facts.err);
		vh_free(&facts);
		if (oo.format == FMT_PROM && prom_sink_open(&k, "guests", &oo))
			prom_sink_close(&k, "guests", "mdscope-guests.prom",
					prom_print_down(k.f, "guests", prom_now_ns()));
		return 3;
	}
	vh_answers(&facts, &host);
	vh_free(&facts);
	r = vc_collect(&o, &host);
	if (!r) {
		fprintf(stderr, "%s: guests: %s\n", prog, strerror(ENOMEM));
		return 3;
	}
	guests_errors(r);
	sev = vc_severity(r);
	if (oo.format == FMT_PROM) {
		sev = guests_prom(r, &oo, sev);
	} else if (oo.format == FMT_JSON) {
		struct json_object *j = guests_json(r);

		out_json_print(stdout, j);
	} else {
		out_guard_stdout();
		printf("libvirt: %s%s\n", r->uri, r->conn_err ? " (not connected)" :
		       r->read_only ? " (read-only)" : "");
		print_host(r);
		print_nova(r);
		print_domains(r);
		printf("Status: %s\n", guests_status_names[sev]);
	}
	vc_free(r);
	return sev;
}
