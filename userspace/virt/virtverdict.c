// SPDX-License-Identifier: GPL-2.0
/*
 * md-clear per virt type, per Nova configuration and per domain. A guest's
 * CPU is fixed when its QEMU process starts: new microcode or a new
 * definition reaches it only after a cold boot (stop, then start), never
 * after a reboot inside the guest.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "virtverdict.h"

const char *const vv_type_names[VV_NTYPES] = {
	[VV_KVM] = "kvm",
	[VV_QEMU] = "qemu",
};

static const char *const state_names[VV_NSTATES] = {
	[VV_HAS] = "has_md_clear",
	[VV_NEEDS_COLD_BOOT] = "needs_cold_boot",
	[VV_HOST_CANNOT] = "host_cannot_provide",
	[VV_NOT_CONFIGURED] = "not_configured",
	[VV_LACKS] = "lacks_md_clear",
	[VV_WILL_GET] = "will_get_md_clear",
	[VV_WILL_LACK] = "will_lack_md_clear",
	[VV_UNKNOWN] = "unknown",
};

const char *vv_state_name(enum vv_state s)
{
	return state_names[s];
}

int vv_type_of(const char *type)
{
	for (int t = 0; t < VV_NTYPES; t++)
		if (!strcmp(type, vv_type_names[t]))
			return t;
	return -1;
}

int vv_worse(int a, int b)
{
	static const int rank[] = { 0, 1, 3, 2 };	/* ok < warning < unknown < critical */

	return rank[a] >= rank[b] ? a : b;
}

/* libvirt's view when it has one, else mdscope's own facts. */
int vv_host_md_clear(const struct vv_host *h)
{
	if (!h->caps_err)
		return h->caps.feat[VX_F_MD_CLEAR];
	return h->own_md_clear;
}

static int side_cmp(const struct vv_side *s, const char *model)
{
	for (int i = 0; i < s->n_cmp; i++)
		if (!strcasecmp(s->cmp[i].model, model))
			return s->cmp[i].md_clear;
	return -1;
}

int vv_model_md_clear(const struct vv_host *h, enum vv_type t, const char *model)
{
	return side_cmp(&h->side[t], model);
}

static int side_host_model(const struct vv_side *s)
{
	if (s->err)
		return -1;
	return s->dc.host_model && vx_policy_gives(s->dc.hm_feat[VX_F_MD_CLEAR]);
}

static int side_passthrough(const struct vv_host *h, const struct vv_side *s)
{
	if (s->err)
		return -1;
	return s->dc.passthrough ? vv_host_md_clear(h) : 0;
}

void vv_type_view(const struct vv_host *h, enum vv_type t, struct vv_type_view *v)
{
	const struct vv_side *s = &h->side[t];

	memset(v, 0, sizeof(*v));
	v->libvirt_md_clear = h->caps_err ? -1 : h->caps.feat[VX_F_MD_CLEAR];
	v->differs = v->libvirt_md_clear >= 0 && h->own_md_clear >= 0 &&
		     v->libvirt_md_clear != h->own_md_clear;
	v->host_model = side_host_model(s);
	v->passthrough = side_passthrough(h, s);
	for (int i = 0; i < s->n_cmp; i++)
		v->n_custom_ok += s->cmp[i].usable && s->cmp[i].md_clear > 0;
}

/*
 * Does this <cpu> give md-clear on side t? live: the CPU a running QEMU has
 * (policies there are final); else: what starting the definition now gives.
 */
static int cpu_gives(const struct vv_host *h, int t, const struct vx_cpu *c, bool live,
		     bool *asks)
{
	enum vx_policy p = c->feat[VX_F_MD_CLEAR];
	const struct vv_side *s = t >= 0 ? &h->side[t] : NULL;

	*asks = false;
	if (p == VX_DISABLE || p == VX_FORBID)
		return 0;
	if (!c->mode[0])		/* no <cpu>: the hypervisor's default model */
		return 0;
	if (!strcmp(c->mode, "custom")) {
		*asks = p != VX_ABSENT;
		if (p == VX_ABSENT)
			return 0;
		if (live && vx_policy_gives(p))
			return 1;
		if (!s)
			return -1;
		return c->model[0] ? vv_model_md_clear(h, t, c->model) : side_host_model(s);
	}
	*asks = true;
	if (!s)
		return -1;
	if (!strcmp(c->mode, "host-model"))
		return side_host_model(s);
	if (!strcmp(c->mode, "host-passthrough"))
		return side_passthrough(h, s);
	if (!strcmp(c->mode, "maximum"))	/* TCG's maximum never carries it */
		return t == VV_KVM ? side_passthrough(h, s) : 0;
	return -1;
}

static void set(struct vv_dom *d, enum vv_state st, const char *why)
{
	d->state = st;
	snprintf(d->why, sizeof(d->why), "%s", why);
}

static void host_cannot(struct vv_dom *d, const char *pre, const char *post)
{
	d->state = VV_HOST_CANNOT;
	if (!strcmp(d->def.cpu.mode, "custom"))
		snprintf(d->why, sizeof(d->why), "%sits definition requires md-clear but this "
			 "host cannot provide it%s", pre, post);
	else
		snprintf(d->why, sizeof(d->why), "%s%s passes md-clear on only when the host "
			 "has it, and this host cannot provide it%s", pre, d->def.cpu.mode, post);
}

static void judge_running(struct vv_dom *d)
{
	if (d->md_clear_live > 0)
		set(d, VV_HAS, "the running CPU has md-clear");
	else if (d->md_clear_live < 0)
		set(d, VV_UNKNOWN, "cannot tell whether the running CPU has md-clear");
	else if (d->def_gives > 0 && d->persistent)
		set(d, VV_NEEDS_COLD_BOOT, "running without md-clear; its definition gives "
		    "md-clear now: cold boot it (stop, then start; a reboot inside the "
		    "guest is not enough)");
	else if (d->def_gives > 0)
		set(d, VV_NEEDS_COLD_BOOT, "running without md-clear (transient): destroy "
		    "and create it again; a reboot inside the guest is not enough");
	else if (d->def_asks && !d->def_gives)
		host_cannot(d, "running without md-clear; ", " (update microcode, then cold boot)");
	else if (!d->def_asks)
		set(d, VV_NOT_CONFIGURED, d->persistent ?
		    "running without md-clear; its CPU definition does not ask for it (use "
		    "host-model or add md-clear, then cold boot)" :
		    "running without md-clear (transient: its live XML is its only definition); "
		    "create it again with host-model or md-clear");
	else
		set(d, VV_LACKS, "running without md-clear; whether its definition would "
		    "give it now is unknown (libvirt could not be asked)");
}

static void judge_stopped(struct vv_dom *d)
{
	if (d->def_gives > 0)
		set(d, VV_WILL_GET, "shut off; gets md-clear when started");
	else if (d->def_gives < 0)
		set(d, VV_UNKNOWN, "shut off; whether it gets md-clear when started is "
		    "unknown (libvirt could not be asked)");
	else if (d->def_asks)
		host_cannot(d, "shut off; ", " (update microcode)");
	else
		set(d, VV_WILL_LACK, "shut off; starts without md-clear (its CPU definition "
		    "does not ask for it)");
}

void vv_judge_domain(const struct vv_host *h, struct vv_dom *d)
{
	int t = vv_type_of(d->def.type);
	bool asks;

	d->md_clear_live = -1;
	if (d->active)
		d->md_clear_live = cpu_gives(h, vv_type_of(d->live.type), &d->live.cpu, true,
					     &asks);
	d->def_gives = cpu_gives(h, t, &d->def.cpu, false, &d->def_asks);
	if (d->active)
		judge_running(d);
	else
		judge_stopped(d);

	/* Severity: only an affected (or unknown) host makes a lack critical. */
	if (d->state == VV_HAS || d->state == VV_WILL_GET)
		d->severity = 0;
	else if (h->affected == 0)
		d->severity = 0;
	else if (d->state == VV_UNKNOWN)
		d->severity = 3;
	else
		d->severity = d->active ? 2 : 1;
}

static int nova_model_md_clear(void *ctx, const char *model)
{
	return side_cmp(ctx, model);
}

static int nova_model_usable(void *ctx, const char *model)
{
	const struct vv_side *s = ctx;
	const struct vx_model *m = s->err ? NULL : vx_find_model(&s->dc, model);

	return m ? m->usable : -1;
}

void vv_nova_view(const struct vv_host *h, enum vv_type t, struct nova_host_view *v)
{
	const struct vv_side *s = &h->side[t];

	v->host_model_md_clear = side_host_model(s);
	v->passthrough_md_clear = side_passthrough(h, s);
	v->model_md_clear = nova_model_md_clear;
	v->model_usable = nova_model_usable;
	v->ctx = (void *)s;
}
