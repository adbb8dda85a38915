// SPDX-License-Identifier: GPL-2.0
/*
 * Every libvirt call mdscope makes. Errors never reach stderr from here:
 * libvirt's own printer is replaced by a silent one, and each failure is
 * turned into -errno plus one line naming the cause and the next step.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libvirt/libvirt.h>
#include <libxml/xmlerror.h>
#include <libvirt/virterror.h>

#include "virt.h"

struct virt_conn {
	virConnectPtr c;
	char uri[256];
	bool read_only;
};

static void silent(void *data, virErrorPtr e)
{
}

static void quiet_xml(void *ctx, const char *fmt, ...)
{
}

/* Daemons that serve qemu:///system on Debian (monolithic or modular). */
static bool daemon_installed(void)
{
	static const char *const bins[] = {
		"/usr/sbin/libvirtd", "/usr/sbin/virtqemud",
	};

	for (size_t i = 0; i < sizeof(bins) / sizeof(bins[0]); i++)
		if (!access(bins[i], X_OK))
			return true;
	return false;
}

/* A non-root user talking to a system daemon that is up but lets it in only
 * through polkit (D-Bus) or the libvirt group. */
static bool user_refused(const char *uri, int sys)
{
	return geteuid() != 0 && strstr(uri, "/system") && sys != ENOENT && sys != ECONNREFUSED;
}

/* Turn libvirt's last error into -errno and one line with the next step. */
static int explain(const char *what, const char *uri, char *err, size_t errlen)
{
	virErrorPtr e = virGetLastError();
	const char *msg = e && e->message ? e->message : "unknown libvirt error";
	int code = e ? e->code : VIR_ERR_INTERNAL_ERROR;
	int sys = e && e->code == VIR_ERR_SYSTEM_ERROR ? e->int1 : 0;

	if (code == VIR_ERR_OPERATION_DENIED) {
		snprintf(err, errlen, "%s: libvirt refused it on a read-only connection "
			 "(%s); run mdscope as root or as a user allowed to manage "
			 "libvirt (group libvirt, or polkit) for a read-write connection",
			 what, msg);
		return -EACCES;
	}
	if (code == VIR_ERR_AUTH_FAILED || code == VIR_ERR_AUTH_UNAVAILABLE ||
	    code == VIR_ERR_AUTH_CANCELLED || sys == EACCES || sys == EPERM ||
	    (!strcmp(what, "connect") && user_refused(uri, sys))) {
		snprintf(err, errlen, "%s: permission denied by libvirt at %s for uid %u (%s); "
			 "run as root or add the user to the libvirt group", what, uri,
			 (unsigned int)geteuid(), msg);
		return -EACCES;
	}
	if (code == VIR_ERR_NO_SUPPORT) {
		snprintf(err, errlen, "%s: the libvirt driver at %s does not support it (%s)",
			 what, uri, msg);
		return -EOPNOTSUPP;
	}
	if ((sys == ENOENT || sys == ECONNREFUSED) && strstr(msg, "socket")) {
		if (!daemon_installed())
			snprintf(err, errlen, "%s: libvirt is not installed (no libvirtd or "
				 "virtqemud): apt-get install libvirt-daemon-system (%s)",
				 what, msg);
		else
			snprintf(err, errlen, "%s: the libvirt daemon is not running at %s: "
				 "start libvirtd (or virtqemud) (%s)", what, uri, msg);
		return -ECONNREFUSED;
	}
	snprintf(err, errlen, "%s: cannot use %s: %s", what, uri, msg);
	return code == VIR_ERR_INVALID_ARG || code == VIR_ERR_NO_CONNECT ? -EINVAL : -EIO;
}

int virt_open(struct virt_conn **out, const char *uri, bool read_only, char *err,
	      size_t errlen)
{
	struct virt_conn *vc;
	int ret;

	virSetErrorFunc(NULL, silent);
	/* the test:/// driver parses its file with libxml2's default printer */
	xmlSetGenericErrorFunc(NULL, quiet_xml);
	if (!uri)
		uri = getenv("LIBVIRT_DEFAULT_URI");
	if (!uri || !*uri)
		uri = "qemu:///system";
	vc = calloc(1, sizeof(*vc));
	if (!vc)
		return -ENOMEM;
	snprintf(vc->uri, sizeof(vc->uri), "%s", uri);
	vc->read_only = read_only;
	vc->c = read_only ? virConnectOpenReadOnly(uri) : virConnectOpen(uri);
	if (!vc->c && read_only) {
		ret = explain("connect", uri, err, errlen);
		free(vc);
		return ret;
	}
	if (!vc->c) {
		char rw_err[512];

		/* Without write access a read-only socket still answers most. */
		ret = explain("connect", uri, rw_err, sizeof(rw_err));
		if (ret == -EACCES)
			vc->c = virConnectOpenReadOnly(uri);
		if (!vc->c) {
			snprintf(err, errlen, "%s", rw_err);
			free(vc);
			return ret;
		}
		vc->read_only = true;
	}
	*out = vc;
	return 0;
}

void virt_close(struct virt_conn *vc)
{
	if (!vc)
		return;
	virConnectClose(vc->c);
	free(vc);
}

const char *virt_uri(const struct virt_conn *vc)
{
	return vc->uri;
}

bool virt_read_only(const struct virt_conn *vc)
{
	return vc->read_only;
}

int virt_capabilities(struct virt_conn *vc, char **xml, char *err, size_t errlen)
{
	*xml = virConnectGetCapabilities(vc->c);
	return *xml ? 0 : explain("capabilities", vc->uri, err, errlen);
}

int virt_domcaps(struct virt_conn *vc, const char *virttype, char **xml,
		 char *err, size_t errlen)
{
	char what[64];

	snprintf(what, sizeof(what), "domain capabilities (%s)", virttype);
	*xml = virConnectGetDomainCapabilities(vc->c, NULL, NULL, NULL, virttype, 0);
	return *xml ? 0 : explain(what, vc->uri, err, errlen);
}

int virt_compare_cpu(struct virt_conn *vc, const char *virttype, const char *cpu_xml,
		     char *err, size_t errlen)
{
	int r = virConnectCompareHypervisorCPU(vc->c, NULL, NULL, NULL, virttype,
					       cpu_xml, 0);

	if (r == VIR_CPU_COMPARE_ERROR)
		return explain("CPU comparison", vc->uri, err, errlen);
	return r != VIR_CPU_COMPARE_INCOMPATIBLE;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct virt_dom *)a)->name, ((const struct virt_dom *)b)->name);
}

static int fill_dom(virDomainPtr d, struct virt_dom *o)
{
	int active = virDomainIsActive(d), persistent = virDomainIsPersistent(d);

	o->name = strdup(virDomainGetName(d));
	if (!o->name || active < 0 || persistent < 0)
		return -EIO;
	o->active = active;
	o->persistent = persistent;
	o->live_xml = virDomainGetXMLDesc(d, 0);
	if (!o->live_xml)
		return -EIO;
	if (persistent) {
		o->inactive_xml = virDomainGetXMLDesc(d, VIR_DOMAIN_XML_INACTIVE);
		if (!o->inactive_xml)
			return -EIO;
	}
	return 0;
}

int virt_domains(struct virt_conn *vc, struct virt_dom **out, int *nout,
		 char *err, size_t errlen)
{
	virDomainPtr *list = NULL;
	struct virt_dom *doms;
	int n, ret = 0;

	n = virConnectListAllDomains(vc->c, &list, 0);
	if (n < 0)
		return explain("list domains", vc->uri, err, errlen);
	doms = calloc(n ? n : 1, sizeof(*doms));
	for (int i = 0; i < n; i++) {
		/* a domain that vanished meanwhile is simply not listed */
		if (doms && !ret && fill_dom(list[i], &doms[i]) &&
		    virGetLastErrorCode() != VIR_ERR_NO_DOMAIN)
			ret = explain("domain XML", vc->uri, err, errlen);
		virDomainFree(list[i]);
	}
	free(list);
	if (!doms)
		return -ENOMEM;
	if (ret) {
		virt_domains_free(doms, n);
		return ret;
	}
	/* drop vanished domains (no XML) and sort: listing order is not stable */
	int k = 0;

	for (int i = 0; i < n; i++) {
		if (doms[i].live_xml)
			doms[k++] = doms[i];
		else
			free(doms[i].name);
	}
	if (k > 1)	/* doms may be NULL when there are none */
		qsort(doms, k, sizeof(*doms), by_name);
	*out = doms;
	*nout = k;
	return 0;
}

void virt_domains_free(struct virt_dom *doms, int n)
{
	for (int i = 0; doms && i < n; i++) {
		free(doms[i].name);
		free(doms[i].live_xml);
		free(doms[i].inactive_xml);
	}
	free(doms);
}
