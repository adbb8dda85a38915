/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one seam to libvirt. Callers get XML text and -errno, plus one line
 * that says what went wrong and what to do; parsing is virtxml.c's job.
 */
#ifndef MDSCOPE_VIRT_H
#define MDSCOPE_VIRT_H

#include <stdbool.h>
#include <stddef.h>

struct virt_conn;

/* One domain as listed: both XML texts are malloc'd (inactive may be NULL). */
struct virt_dom {
	char *name;
	bool active;
	bool persistent;
	char *live_xml;		/* virDomainGetXMLDesc(dom, 0) */
	char *inactive_xml;	/* VIR_DOMAIN_XML_INACTIVE, persistent only */
};

/*
 * uri NULL: LIBVIRT_DEFAULT_URI, else qemu:///system. Read-write unless
 * read_only, falling back to read-only when write access is refused.
 */
int virt_open(struct virt_conn **conn, const char *uri, bool read_only, char *err,
	      size_t errlen);
void virt_close(struct virt_conn *conn);
const char *virt_uri(const struct virt_conn *conn);
/* Write access was refused, so the connection fell back to read-only. */
bool virt_read_only(const struct virt_conn *conn);

int virt_capabilities(struct virt_conn *conn, char **xml, char *err, size_t errlen);
/* -EACCES: libvirt refused (read-only connection); err says what to do. */
int virt_domcaps(struct virt_conn *conn, const char *virttype, char **xml,
		 char *err, size_t errlen);
/* 1 the hypervisor can run cpu_xml, 0 it cannot, -errno on error. */
int virt_compare_cpu(struct virt_conn *conn, const char *virttype, const char *cpu_xml,
		     char *err, size_t errlen);

/* Every domain, running or not, sorted by name. */
int virt_domains(struct virt_conn *conn, struct virt_dom **doms, int *n,
		 char *err, size_t errlen);
void virt_domains_free(struct virt_dom *doms, int n);

#endif
