// SPDX-License-Identifier: GPL-2.0
/*
 * libvirt XML through libxml2 XPath: capabilities, domain capabilities and
 * domain definitions. Pure: bytes in, structs out.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "virtxml.h"

const char *const vx_feat_names[VX_F_COUNT] = {
	[VX_F_MD_CLEAR] = "md-clear",
	[VX_F_ARCH_CAP] = "arch-capabilities",
	[VX_F_MDS_NO] = "mds-no",
	[VX_F_TAA_NO] = "taa-no",
	[VX_F_TSX_CTRL] = "tsx-ctrl",
};

static const char *const policy_names[] = {
	[VX_ABSENT] = "absent",
	[VX_REQUIRE] = "require",
	[VX_FORCE] = "force",
	[VX_OPTIONAL] = "optional",
	[VX_DISABLE] = "disable",
	[VX_FORBID] = "forbid",
};

const char *vx_policy_name(enum vx_policy p)
{
	return policy_names[p];
}

static int feat_index(const char *name)
{
	/* md_clear is Linux's spelling; libvirt's cpu_map knows it as an alias. */
	if (!strcmp(name, "md_clear"))
		return VX_F_MD_CLEAR;
	for (int i = 0; i < VX_F_COUNT; i++)
		if (!strcmp(name, vx_feat_names[i]))
			return i;
	return -1;
}

/* A feature element without policy= means require (libvirt's default). */
static enum vx_policy policy_from(const char *s)
{
	if (!s || !*s)
		return VX_REQUIRE;
	for (size_t i = VX_REQUIRE; i < sizeof(policy_names) / sizeof(policy_names[0]); i++)
		if (!strcmp(s, policy_names[i]))
			return i;
	return VX_ABSENT;
}

struct doc {
	xmlDocPtr doc;
	xmlXPathContextPtr xp;
};

static int doc_open(struct doc *d, const char *xml, const char *root, char *err,
		    size_t errlen)
{
	xmlNodePtr top;

	d->xp = NULL;
	d->doc = xmlReadMemory(xml, strlen(xml), "libvirt.xml", NULL,
			       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!d->doc) {
		const xmlError *e = xmlGetLastError();
		char msg[160];

		snprintf(msg, sizeof(msg), "%s", e && e->message ? e->message : "parse error");
		msg[strcspn(msg, "\n")] = '\0';
		snprintf(err, errlen, "not well-formed XML (line %d: %s)", e ? e->line : 0, msg);
		return -EINVAL;
	}
	top = xmlDocGetRootElement(d->doc);
	if (!top || strcmp((const char *)top->name, root)) {
		snprintf(err, errlen, "not a <%s> document (root element <%s>)", root,
			 top ? (const char *)top->name : "none");
		xmlFreeDoc(d->doc);
		return -EINVAL;
	}
	d->xp = xmlXPathNewContext(d->doc);
	if (!d->xp) {
		xmlFreeDoc(d->doc);
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	return 0;
}

static void doc_close(struct doc *d)
{
	xmlXPathFreeContext(d->xp);
	xmlFreeDoc(d->doc);
}

/* string(expr) into buf; "" when it matches nothing. */
static void xstr(struct doc *d, xmlNodePtr node, const char *expr, char *buf, size_t len)
{
	xmlXPathObjectPtr o;

	d->xp->node = node ? node : xmlDocGetRootElement(d->doc);
	o = xmlXPathEvalExpression((const xmlChar *)expr, d->xp);
	snprintf(buf, len, "%s", o && o->type == XPATH_STRING && o->stringval ?
		 (const char *)o->stringval : "");
	xmlXPathFreeObject(o);
}

static xmlXPathObjectPtr xnodes(struct doc *d, const char *expr)
{
	xmlXPathObjectPtr o;

	d->xp->node = xmlDocGetRootElement(d->doc);
	o = xmlXPathEvalExpression((const xmlChar *)expr, d->xp);
	if (o && (o->type != XPATH_NODESET || !o->nodesetval)) {
		xmlXPathFreeObject(o);
		return NULL;
	}
	return o;
}

/* Walk <feature> elements below expr; store policies of the ones we watch. */
static void read_features(struct doc *d, const char *expr, enum vx_policy *feat,
			  bool *present)
{
	xmlXPathObjectPtr o = xnodes(d, expr);
	char name[64], policy[16];

	if (!o)
		return;
	for (int i = 0; i < o->nodesetval->nodeNr; i++) {
		xmlNodePtr n = o->nodesetval->nodeTab[i];
		int idx;

		xstr(d, n, "string(@name)", name, sizeof(name));
		idx = feat_index(name);
		if (idx < 0)
			continue;
		if (feat) {
			xstr(d, n, "string(@policy)", policy, sizeof(policy));
			feat[idx] = policy_from(policy);
		}
		if (present)
			present[idx] = true;
	}
	xmlXPathFreeObject(o);
}

int vx_parse_caps(const char *xml, struct vx_host *h, char *err, size_t errlen)
{
	xmlXPathObjectPtr o;
	struct doc d;
	int ret = doc_open(&d, xml, "capabilities", err, errlen);

	if (ret)
		return ret;
	memset(h, 0, sizeof(*h));
	xstr(&d, NULL, "string(/capabilities/host/cpu/arch)", h->arch, sizeof(h->arch));
	xstr(&d, NULL, "string(/capabilities/host/cpu/model)", h->model, sizeof(h->model));
	xstr(&d, NULL, "string(/capabilities/host/cpu/vendor)", h->vendor, sizeof(h->vendor));
	read_features(&d, "/capabilities/host/cpu/feature", NULL, h->feat);
	o = xnodes(&d, "/capabilities/guest[os_type='hvm']/arch[@name="
		   "/capabilities/host/cpu/arch]/domain/@type");
	for (int i = 0; o && i < o->nodesetval->nodeNr && h->n_types < 8; i++)
		xstr(&d, o->nodesetval->nodeTab[i], "string(.)", h->types[h->n_types++],
		     sizeof(h->types[0]));
	xmlXPathFreeObject(o);
	doc_close(&d);
	return 0;
}

static bool xbool(struct doc *d, const char *expr)
{
	char v[8];

	xstr(d, NULL, expr, v, sizeof(v));
	return !strcmp(v, "yes");
}

int vx_parse_domcaps(const char *xml, struct vx_domcaps *dc, char *err, size_t errlen)
{
	xmlXPathObjectPtr o;
	struct doc d;
	int ret = doc_open(&d, xml, "domainCapabilities", err, errlen);
	char usable[8];

	if (ret)
		return ret;
	memset(dc, 0, sizeof(*dc));
	xstr(&d, NULL, "string(/domainCapabilities/domain)", dc->virttype, sizeof(dc->virttype));
	xstr(&d, NULL, "string(/domainCapabilities/machine)", dc->machine, sizeof(dc->machine));
	dc->passthrough = xbool(&d, "string(/domainCapabilities/cpu/mode"
				"[@name='host-passthrough']/@supported)");
	dc->host_model = xbool(&d, "string(/domainCapabilities/cpu/mode"
			       "[@name='host-model']/@supported)");
	xstr(&d, NULL, "string(/domainCapabilities/cpu/mode[@name='host-model']/model)",
	     dc->hm_model, sizeof(dc->hm_model));
	read_features(&d, "/domainCapabilities/cpu/mode[@name='host-model']/feature",
		      dc->hm_feat, NULL);

	o = xnodes(&d, "/domainCapabilities/cpu/mode[@name='custom']/model");
	for (int i = 0; o && i < o->nodesetval->nodeNr && dc->n_models < VX_MAX_MODELS; i++) {
		struct vx_model *m = &dc->models[dc->n_models++];
		xmlNodePtr n = o->nodesetval->nodeTab[i];

		xstr(&d, n, "string(.)", m->name, sizeof(m->name));
		xstr(&d, n, "string(@usable)", usable, sizeof(usable));
		m->usable = !strcmp(usable, "yes");
	}
	xmlXPathFreeObject(o);
	doc_close(&d);
	if (!dc->virttype[0]) {
		snprintf(err, errlen, "domain capabilities without a <domain> virt type");
		return -EINVAL;
	}
	return 0;
}

#define NOVA_INSTANCE "/domain/metadata/*[local-name()='instance' and " \
	"starts-with(namespace-uri(), 'http://openstack.org/xmlns/libvirt/nova/')]"

int vx_parse_domain(const char *xml, struct vx_domain *dom, char *err, size_t errlen)
{
	struct doc d;
	int ret = doc_open(&d, xml, "domain", err, errlen);
	char has_cpu[8];

	if (ret)
		return ret;
	memset(dom, 0, sizeof(*dom));
	xstr(&d, NULL, "string(/domain/name)", dom->name, sizeof(dom->name));
	xstr(&d, NULL, "string(/domain/uuid)", dom->uuid, sizeof(dom->uuid));
	xstr(&d, NULL, "string(/domain/@type)", dom->type, sizeof(dom->type));
	xstr(&d, NULL, "string(count(/domain/cpu))", has_cpu, sizeof(has_cpu));
	if (strcmp(has_cpu, "0")) {
		xstr(&d, NULL, "string(/domain/cpu/@mode)", dom->cpu.mode, sizeof(dom->cpu.mode));
		/* libvirt's default mode for a <cpu> with a model is custom */
		if (!dom->cpu.mode[0])
			snprintf(dom->cpu.mode, sizeof(dom->cpu.mode), "custom");
		xstr(&d, NULL, "string(/domain/cpu/model)", dom->cpu.model,
		     sizeof(dom->cpu.model));
		read_features(&d, "/domain/cpu/feature", dom->cpu.feat, NULL);
	}
	xstr(&d, NULL, "string(count(" NOVA_INSTANCE "))", has_cpu, sizeof(has_cpu));
	dom->nova = strcmp(has_cpu, "0");
	xstr(&d, NULL, "string(" NOVA_INSTANCE "/*[local-name()='name'])", dom->nova_name,
	     sizeof(dom->nova_name));
	xstr(&d, NULL, "string(" NOVA_INSTANCE "/*[local-name()='flavor']/@name)",
	     dom->nova_flavor, sizeof(dom->nova_flavor));
	doc_close(&d);
	if (!dom->name[0]) {
		snprintf(err, errlen, "domain XML without a <name>");
		return -EINVAL;
	}
	return 0;
}

bool vx_host_offers(const struct vx_host *h, const char *type)
{
	for (int i = 0; i < h->n_types; i++)
		if (!strcmp(h->types[i], type))
			return true;
	return false;
}

const struct vx_model *vx_find_model(const struct vx_domcaps *dc, const char *name)
{
	for (int i = 0; i < dc->n_models; i++)
		if (!strcasecmp(dc->models[i].name, name))
			return &dc->models[i];
	return NULL;
}

int vx_cpu_with_md_clear(const char *model, char *buf, size_t len)
{
	int n;

	/* model names come from config files: keep them out of the markup */
	if (!*model || model[strspn(model, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				    "0123456789._-")])
		return -EINVAL;
	n = snprintf(buf, len, "<cpu mode='custom' match='exact'><model fallback='forbid'>"
			 "%s</model><feature policy='require' name='md-clear'/></cpu>", model);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}
