/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Collect what the guests and check commands judge: libvirt's view (or
 * saved XML) and Nova's configuration, judged with the host facts the
 * caller passes in (virthost.c). Every part that fails leaves its error and
 * the rest.
 */
#ifndef MDSCOPE_VIRTCOLLECT_H
#define MDSCOPE_VIRTCOLLECT_H

#include "nova.h"
#include "virtverdict.h"

struct vc_opts {
	const char *uri;			/* NULL: LIBVIRT_DEFAULT_URI or qemu:///system */
	bool read_only;				/* a read-only connection (virsh -r) */
	const char *sysroot;			/* collect host facts under this root */
	const char *from;			/* host facts from a saved snapshot */
	const char *caps_file;			/* saved capabilities XML */
	const char *domcaps_file[VV_NTYPES];	/* saved domcapabilities XML */
	struct nova_source nova;
};

/* The host facts the verdicts need, from the snapshot's analysis (virthost.c). */
struct vc_host_facts {
	int affected;				/* by MDS or TAA: 1, 0, -1 */
	char affected_why[VV_MSG_LEN];
	int own_md_clear;			/* every online CPU has MD_CLEAR: 1, 0, -1 */
	char own_source[64];
};

struct vc_result {
	char uri[256];
	int conn_err;			/* 0 or -errno */
	bool read_only;
	char conn_msg[VV_MSG_LEN];
	int dom_err;
	char dom_msg[VV_MSG_LEN];

	struct vv_host host;
	struct vv_dom *doms;
	int n_doms;

	int nova_err;
	char nova_msg[VV_MSG_LEN];
	bool nova_present;		/* some Nova file was read */
	struct nova_conf nova;
	enum nova_verdict nova_verdict;
	char nova_why[VV_MSG_LEN];
	int nova_severity;
};

/* Options both commands take; values above CHAR_MAX are long-only. */
enum {
	VC_OPT_NOVA_ROOT = 0x100,
	VC_OPT_CONFIG_FILE,
	VC_OPT_CONFIG_DIR,
	VC_OPT_SYSROOT,
	VC_OPT_CAPS_FILE,
	VC_OPT_DOMCAPS_FILE,
	VC_OPT_READ_ONLY,
	VC_OPT_FROM,
};

#define VC_LONG_OPTIONS \
	{ "connect", required_argument, NULL, 'c' }, \
	{ "readonly", no_argument, NULL, VC_OPT_READ_ONLY }, \
	{ "nova-root", required_argument, NULL, VC_OPT_NOVA_ROOT }, \
	{ "config-file", required_argument, NULL, VC_OPT_CONFIG_FILE }, \
	{ "config-dir", required_argument, NULL, VC_OPT_CONFIG_DIR }, \
	{ "sysroot", required_argument, NULL, VC_OPT_SYSROOT }, \
	{ "from", required_argument, NULL, VC_OPT_FROM }, \
	{ "caps-file", required_argument, NULL, VC_OPT_CAPS_FILE }, \
	{ "domcaps-file", required_argument, NULL, VC_OPT_DOMCAPS_FILE }

#define VC_OPTIONS_HELP \
	"  -c, --connect URI        libvirt URI (default: $LIBVIRT_DEFAULT_URI or qemu:///system)\n" \
	"      --readonly           connect read-only (no domain capabilities, no CPU comparison)\n" \
	"      --nova-root DIR      read /etc/nova/... below DIR\n" \
	"      --config-file FILE   a Nova config file read after the defaults (repeatable)\n" \
	"      --config-dir DIR     a Nova config dir, *.conf in sorted order (repeatable;\n" \
	"                           replaces /etc/nova/*.conf.d); all in command-line order\n" \
	"      --sysroot DIR        read sysfs and procfs (CPU facts, kernel claims) under DIR\n" \
	"      --from FILE          host facts from a snapshot saved by 'mdscope snapshot'\n" \
	"      --caps-file FILE     libvirt capabilities XML saved from a host\n" \
	"      --domcaps-file TYPE=FILE  domain capabilities XML for kvm or qemu\n"

/* 1 when opt was one of VC_LONG_OPTIONS, 0 when not, -EINVAL with err. */
int vc_opt(int opt, char *arg, struct vc_opts *o, char *err, size_t errlen);

/*
 * Always fills r (callers free it); failures are recorded inside. host may
 * be NULL: then nothing is known about the host (affected, MD_CLEAR: -1).
 */
struct vc_result *vc_collect(const struct vc_opts *o, const struct vc_host_facts *host);
void vc_free(struct vc_result *r);

/* Worst severity over every part (libvirt, host, Nova, domains). */
int vc_severity(const struct vc_result *r);
/* Severity of the host side alone (domain capabilities for the types). */
int vc_host_severity(const struct vc_result *r);

#endif
