/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure parsers for the libvirt XML mdscope reads: host capabilities, domain
 * capabilities and domain XML. No libvirt calls here, so saved XML from any
 * host goes through exactly the code a live connection does.
 */
#ifndef MDSCOPE_VIRTXML_H
#define MDSCOPE_VIRTXML_H

#include <stdbool.h>
#include <stddef.h>

#define VX_NAME_LEN	64
#define VX_MAX_MODELS	160

/* The CPU features that matter for MDS/TAA, by libvirt's names. */
enum vx_feat {
	VX_F_MD_CLEAR,
	VX_F_ARCH_CAP,
	VX_F_MDS_NO,
	VX_F_TAA_NO,
	VX_F_TSX_CTRL,
	VX_F_COUNT,
};

extern const char *const vx_feat_names[VX_F_COUNT];

/* A <feature policy=...>; VX_ABSENT when the feature is not named. */
enum vx_policy {
	VX_ABSENT = 0,
	VX_REQUIRE,
	VX_FORCE,
	VX_OPTIONAL,
	VX_DISABLE,
	VX_FORBID,
};

const char *vx_policy_name(enum vx_policy p);
/* require/force: the feature is given to the guest. */
static inline bool vx_policy_gives(enum vx_policy p)
{
	return p == VX_REQUIRE || p == VX_FORCE;
}

/* <capabilities><host><cpu>: features listed there are present. */
struct vx_host {
	char arch[16];
	char model[VX_NAME_LEN];
	char vendor[32];
	bool feat[VX_F_COUNT];
	char types[8][16];	/* <guest> domain types for the host arch */
	int n_types;
};

struct vx_model {
	char name[VX_NAME_LEN];
	bool usable;
};

/* <domainCapabilities> for one virt type. */
struct vx_domcaps {
	char virttype[16];
	char machine[VX_NAME_LEN];
	bool passthrough;		/* host-passthrough supported */
	bool host_model;		/* host-model supported */
	char hm_model[VX_NAME_LEN];	/* host-model expansion's base model */
	enum vx_policy hm_feat[VX_F_COUNT];
	struct vx_model models[VX_MAX_MODELS];
	int n_models;
};

/* A domain's <cpu>; mode is "" when the element is absent. */
struct vx_cpu {
	char mode[24];		/* custom, host-model, host-passthrough, maximum */
	char model[VX_NAME_LEN];
	enum vx_policy feat[VX_F_COUNT];
};

struct vx_domain {
	char name[256];
	char uuid[40];
	char type[16];		/* kvm, qemu, ... */
	struct vx_cpu cpu;
	bool nova;		/* <metadata><nova:instance> present */
	char nova_name[256];
	char nova_flavor[128];
};

/* Each returns 0 or -EINVAL with one line in err. */
int vx_parse_caps(const char *xml, struct vx_host *out, char *err, size_t errlen);
int vx_parse_domcaps(const char *xml, struct vx_domcaps *out, char *err, size_t errlen);
int vx_parse_domain(const char *xml, struct vx_domain *out, char *err, size_t errlen);

/* The host offers domain type (kvm, qemu) for its own arch. */
bool vx_host_offers(const struct vx_host *h, const char *type);

/* A case-insensitive lookup in the custom model list; NULL if absent. */
const struct vx_model *vx_find_model(const struct vx_domcaps *dc, const char *name);

/* <cpu> XML asking for model + md-clear, for virConnectCompareHypervisorCPU. */
int vx_cpu_with_md_clear(const char *model, char *buf, size_t len);

#endif
