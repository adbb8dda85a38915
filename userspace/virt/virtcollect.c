// SPDX-License-Identifier: GPL-2.0
/*
 * Fill a vc_result: libvirt capabilities and domain capabilities (live or
 * saved files), CPU comparisons for every model anybody may use, all
 * domains and Nova's settings; then judge them with the host facts the
 * caller got from the snapshot's analysis (virthost.c): nothing here reads
 * sysfs, CPUID or the module. Each part records its own failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sysfs.h"
#include "virt.h"
#include "virtcollect.h"

/* Saved XML goes through the collectors' reader: regular files only, never blocking. */
static char *read_text(const char *path, char *err, size_t errlen)
{
	char *buf;
	size_t len;
	int r = sr_read_file(NULL, &buf, &len, "%s", path);

	if (r) {
		snprintf(err, errlen, "%s: %s", path, sr_strerror(r));
		return NULL;
	}
	return buf;
}

/* ---- libvirt ---------------------------------------------------------- */

static void cmp_add(struct vv_side *s, const char *model, bool usable)
{
	for (int i = 0; i < s->n_cmp; i++)
		if (!strcasecmp(s->cmp[i].model, model)) {
			s->cmp[i].usable |= usable;
			return;
		}
	if (s->n_cmp < VX_MAX_MODELS) {
		struct vv_cmp *c = &s->cmp[s->n_cmp++];

		snprintf(c->model, sizeof(c->model), "%s", model);
		c->usable = usable;
		c->md_clear = -1;
	}
}

/* Models whose md-clear answer someone needs on side t. */
static void want_models(struct vc_result *r, int t)
{
	struct vv_side *s = &r->host.side[t];

	for (int i = 0; i < s->dc.n_models; i++)
		if (s->dc.models[i].usable)
			cmp_add(s, s->dc.models[i].name, true);
	for (int i = 0; i < r->n_doms; i++) {
		const struct vx_domain *d = &r->doms[i].def;

		if (vv_type_of(d->type) == t && d->cpu.model[0])
			cmp_add(s, d->cpu.model, false);
	}
	if (r->nova_present && !r->nova_err && vv_type_of(r->nova.eff_virt_type) == t)
		for (int i = 0; i < r->nova.n_models; i++)
			cmp_add(s, r->nova.models[i], false);
}

/* Ask libvirt, or infer from a saved host-model expansion (and say so). */
static void compare_models(struct virt_conn *vc, struct vv_side *s, int t)
{
	char cpu[256];

	if (s->from_file) {
		int hm = s->dc.host_model && vx_policy_gives(s->dc.hm_feat[VX_F_MD_CLEAR]);

		snprintf(s->cmp_how, sizeof(s->cmp_how), "domain capabilities");
		for (int i = 0; i < s->n_cmp; i++) {
			const struct vx_model *m = vx_find_model(&s->dc, s->cmp[i].model);

			s->cmp[i].md_clear = m ? m->usable && hm : -1;
		}
		return;
	}
	snprintf(s->cmp_how, sizeof(s->cmp_how), "libvirt compare");
	for (int i = 0; i < s->n_cmp; i++) {
		if (vx_cpu_with_md_clear(s->cmp[i].model, cpu, sizeof(cpu)))
			continue;
		int ret = virt_compare_cpu(vc, vv_type_names[t], cpu, s->cmp_msg,
					   sizeof(s->cmp_msg));

		if (ret < 0)	/* the same refusal for every model: stop asking */
			break;
		s->cmp[i].md_clear = ret;
	}
}

static void load_side(struct vc_result *r, struct virt_conn *vc, const struct vc_opts *o,
		      int t)
{
	struct vv_side *s = &r->host.side[t];
	char *xml = NULL;

	if (o->domcaps_file[t]) {
		s->from_file = true;
		xml = read_text(o->domcaps_file[t], s->msg, sizeof(s->msg));
		s->err = xml ? 0 : -EIO;
	} else if (r->conn_err) {
		s->err = r->conn_err;
		snprintf(s->msg, sizeof(s->msg), "no libvirt connection");
		return;
	} else if (!r->host.caps_err && !vx_host_offers(&r->host.caps, vv_type_names[t])) {
		s->err = -ENODEV;
		snprintf(s->msg, sizeof(s->msg), "the host does not offer %s guests",
			 vv_type_names[t]);
		return;
	} else {
		s->err = virt_domcaps(vc, vv_type_names[t], &xml, s->msg, sizeof(s->msg));
	}
	if (!s->err) {
		char err[256];

		s->err = vx_parse_domcaps(xml, &s->dc, err, sizeof(err));
		if (s->err)
			snprintf(s->msg, sizeof(s->msg), "domain capabilities (%s): %s",
				 vv_type_names[t], err);
	}
	free(xml);
}

static void load_caps(struct vc_result *r, struct virt_conn *vc, const struct vc_opts *o)
{
	struct vv_host *h = &r->host;
	char *xml = NULL, err[256];

	if (o->caps_file)
		xml = read_text(o->caps_file, h->caps_msg, sizeof(h->caps_msg));
	else if (!r->conn_err)
		virt_capabilities(vc, &xml, h->caps_msg, sizeof(h->caps_msg));
	else
		snprintf(h->caps_msg, sizeof(h->caps_msg), "no libvirt connection");
	h->caps_err = xml ? vx_parse_caps(xml, &h->caps, err, sizeof(err)) : -EIO;
	if (xml && h->caps_err)
		snprintf(h->caps_msg, sizeof(h->caps_msg), "capabilities: %s", err);
	free(xml);
}

static void load_domains(struct vc_result *r, struct virt_conn *vc)
{
	struct virt_dom *vd;
	char err[256];
	int n;

	if (r->conn_err) {
		r->dom_err = r->conn_err;
		snprintf(r->dom_msg, sizeof(r->dom_msg), "no libvirt connection");
		return;
	}
	r->dom_err = virt_domains(vc, &vd, &n, r->dom_msg, sizeof(r->dom_msg));
	if (r->dom_err)
		return;
	r->doms = calloc(n ? n : 1, sizeof(*r->doms));
	if (!r->doms) {
		r->dom_err = -ENOMEM;
		virt_domains_free(vd, n);
		return;
	}
	for (int i = 0; i < n; i++) {
		struct vv_dom *d = &r->doms[r->n_doms];
		const char *def = vd[i].inactive_xml ? vd[i].inactive_xml : vd[i].live_xml;

		d->active = vd[i].active;
		d->persistent = vd[i].persistent;
		if (vx_parse_domain(vd[i].live_xml, &d->live, err, sizeof(err)) ||
		    vx_parse_domain(def, &d->def, err, sizeof(err))) {
			r->dom_err = -EINVAL;
			snprintf(r->dom_msg, sizeof(r->dom_msg), "domain %.200s: %s", vd[i].name, err);
			continue;
		}
		r->n_doms++;
	}
	virt_domains_free(vd, n);
}

static void load_nova(struct vc_result *r, const struct vc_opts *o)
{
	r->nova_err = nova_load(&o->nova, &r->nova, r->nova_msg, sizeof(r->nova_msg));
	r->nova_present = r->nova.n_files > 0 || r->nova_err;
}

static void judge_nova(struct vc_result *r)
{
	struct nova_host_view view = {
		.host_model_md_clear = -1, .passthrough_md_clear = -1,
	};
	int t;

	if (!r->nova_present || r->nova_err)
		return;
	t = vv_type_of(r->nova.eff_virt_type);
	if (t >= 0)
		vv_nova_view(&r->host, t, &view);
	r->nova_verdict = nova_verdict(&r->nova, &view, r->nova_why, sizeof(r->nova_why));
	switch (r->nova_verdict) {
	case NOVA_GIVES_MD_CLEAR:
		r->nova_severity = 0;
		break;
	case NOVA_WILL_REFUSE:
		r->nova_severity = 2;
		break;
	case NOVA_UNKNOWN:
		r->nova_severity = 3;
		break;
	default:
		r->nova_severity = r->host.affected ? 1 : 0;
	}
}

struct vc_result *vc_collect(const struct vc_opts *o, const struct vc_host_facts *host)
{
	struct vc_result *r = calloc(1, sizeof(*r));
	struct virt_conn *vc = NULL;

	if (!r)
		return NULL;
	r->host.affected = host ? host->affected : -1;
	r->host.own_md_clear = host ? host->own_md_clear : -1;
	snprintf(r->host.affected_why, sizeof(r->host.affected_why), "%s",
		 host ? host->affected_why : "no host facts");
	snprintf(r->host.own_source, sizeof(r->host.own_source), "%s",
		 host ? host->own_source : "no host facts");
	load_nova(r, o);

	r->conn_err = virt_open(&vc, o->uri, o->read_only, r->conn_msg, sizeof(r->conn_msg));
	snprintf(r->uri, sizeof(r->uri), "%s", vc ? virt_uri(vc) :
		 o->uri ? o->uri : getenv("LIBVIRT_DEFAULT_URI") ?: "qemu:///system");
	r->read_only = vc && virt_read_only(vc);
	load_caps(r, vc, o);
	load_domains(r, vc);
	for (int t = 0; t < VV_NTYPES; t++) {
		load_side(r, vc, o, t);
		if (r->host.side[t].err)
			continue;
		want_models(r, t);
		compare_models(vc, &r->host.side[t], t);
	}
	virt_close(vc);

	for (int i = 0; i < r->n_doms; i++)
		vv_judge_domain(&r->host, &r->doms[i]);
	judge_nova(r);
	return r;
}

int vc_opt(int opt, char *arg, struct vc_opts *o, char *err, size_t errlen)
{
	char *eq;
	int t;

	switch (opt) {
	case 'c':
		o->uri = arg;
		return 1;
	case VC_OPT_READ_ONLY:
		o->read_only = true;
		return 1;
	case VC_OPT_NOVA_ROOT:
		o->nova.root = arg;
		return 1;
	case VC_OPT_SYSROOT:
		o->sysroot = arg;
		return 1;
	case VC_OPT_FROM:
		o->from = arg;
		return 1;
	case VC_OPT_CAPS_FILE:
		o->caps_file = arg;
		return 1;
	case VC_OPT_CONFIG_FILE:
	case VC_OPT_CONFIG_DIR:
		/* one list, so files and dirs keep their command-line order */
		if (o->nova.n_args >= NOVA_MAX_ARGS)
			break;
		o->nova.args[o->nova.n_args].path = arg;
		o->nova.args[o->nova.n_args++].dir = opt == VC_OPT_CONFIG_DIR;
		return 1;
	case VC_OPT_DOMCAPS_FILE:
		eq = strchr(arg, '=');
		if (eq) {
			*eq = '\0';
			t = vv_type_of(arg);
			*eq = '=';
			if (t >= 0 && eq[1]) {
				o->domcaps_file[t] = eq + 1;
				return 1;
			}
		}
		snprintf(err, errlen, "--domcaps-file wants kvm=FILE or qemu=FILE, not '%s'", arg);
		return -EINVAL;
	default:
		return 0;
	}
	snprintf(err, errlen, "at most %d --config-file and --config-dir in all", NOVA_MAX_ARGS);
	return -EINVAL;
}

void vc_free(struct vc_result *r)
{
	if (r)
		free(r->doms);
	free(r);
}

int vc_host_severity(const struct vc_result *r)
{
	int sev = 0, any = 0, known = 0;

	for (int t = 0; t < VV_NTYPES; t++) {
		const struct vv_side *s = &r->host.side[t];
		struct vv_type_view v;

		if (s->err == -ENODEV)
			continue;
		if (s->err) {
			sev = vv_worse(sev, 3);
			continue;
		}
		vv_type_view(&r->host, t, &v);
		known++;
		any += v.host_model > 0 || v.passthrough > 0 || v.n_custom_ok > 0;
	}
	if (known && !any && r->host.affected)
		sev = vv_worse(sev, 2);
	return sev;
}

int vc_severity(const struct vc_result *r)
{
	int sev = vc_host_severity(r);

	if (r->conn_err || r->dom_err || r->nova_err)
		sev = vv_worse(sev, 3);
	sev = vv_worse(sev, r->nova_severity);
	for (int i = 0; i < r->n_doms; i++)
		sev = vv_worse(sev, r->doms[i].severity);
	return sev;
}
