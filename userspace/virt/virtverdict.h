/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the host, Nova and every domain mean for md-clear: pure judgement
 * over parsed XML and Nova settings (no libvirt calls), shared by the
 * guests and check commands.
 */
#ifndef MDSCOPE_VIRTVERDICT_H
#define MDSCOPE_VIRTVERDICT_H

#include "nova.h"
#include "virtxml.h"

#define VV_MSG_LEN	512

enum vv_type { VV_KVM, VV_QEMU, VV_NTYPES };
extern const char *const vv_type_names[VV_NTYPES];

/* A model's answer to "can it run with md-clear added". */
struct vv_cmp {
	char model[VX_NAME_LEN];
	bool usable;		/* listed usable in domain capabilities */
	int md_clear;		/* 1 yes, 0 no, -1 unknown */
};

/* One virt type as the host offers it. */
struct vv_side {
	int err;			/* domain capabilities: 0 or -errno */
	char msg[VV_MSG_LEN];		/* why err */
	bool from_file;			/* domcaps came from a saved file */
	struct vx_domcaps dc;
	struct vv_cmp cmp[VX_MAX_MODELS];
	int n_cmp;
	char cmp_how[32];		/* "libvirt compare", "domain capabilities" */
	char cmp_msg[VV_MSG_LEN];	/* why comparisons are unknown */
};

struct vv_host {
	int caps_err;
	char caps_msg[VV_MSG_LEN];
	struct vx_host caps;		/* libvirt's host CPU */
	int own_md_clear;		/* mdscope's own facts: 1, 0, -1 */
	char own_source[64];		/* "module (N CPUs)", "CPUID on this CPU" */
	int affected;			/* host affected by MDS or TAA: 1, 0, -1 */
	char affected_why[VV_MSG_LEN];
	struct vv_side side[VV_NTYPES];
};

/* Per virt type: the host-side answers (tri-state). */
struct vv_type_view {
	int libvirt_md_clear;		/* capabilities host CPU lists md-clear */
	bool differs;			/* libvirt and mdscope disagree */
	int host_model;			/* host-model expansion carries md-clear */
	int passthrough;		/* host-passthrough gives md-clear */
	int n_custom_ok;		/* usable models that run with md-clear */
};

int vv_host_md_clear(const struct vv_host *h);
void vv_type_view(const struct vv_host *h, enum vv_type t, struct vv_type_view *v);
/* virt type index of a domain type or Nova virt_type; -1 when neither. */
int vv_type_of(const char *type);
/* Cached comparison for model on t: 1, 0 or -1. */
int vv_model_md_clear(const struct vv_host *h, enum vv_type t, const char *model);

enum vv_state {
	VV_HAS,			/* running with md-clear */
	VV_NEEDS_COLD_BOOT,	/* running without; definition would give it now */
	VV_HOST_CANNOT,		/* definition asks; this host cannot provide it */
	VV_NOT_CONFIGURED,	/* definition does not ask for md-clear */
	VV_LACKS,		/* running without; cannot tell whether a cold boot helps */
	VV_WILL_GET,		/* shut off; gets md-clear at next start */
	VV_WILL_LACK,		/* shut off; will start without md-clear */
	VV_UNKNOWN,
	VV_NSTATES,
};

const char *vv_state_name(enum vv_state s);

struct vv_dom {
	bool active, persistent;
	struct vx_domain live;		/* current XML */
	struct vx_domain def;		/* persistent definition (= live if transient) */
	int md_clear_live;		/* running: 1, 0, -1; shut off: -1 */
	int def_gives;			/* definition would give md-clear now */
	bool def_asks;			/* definition asks for md-clear */
	enum vv_state state;
	int severity;			/* 0 ok, 1 warning, 2 critical, 3 unknown */
	char why[VV_MSG_LEN];
};

/* Fill md_clear_live .. why from live/def/active/persistent. */
void vv_judge_domain(const struct vv_host *h, struct vv_dom *d);

/* The Nova view of this host for virt_type (callbacks into the cache). */
void vv_nova_view(const struct vv_host *h, enum vv_type t, struct nova_host_view *v);

/* Severities combine as the monitoring plugins do: 2 > 3 > 1 > 0. */
int vv_worse(int a, int b);

#endif
