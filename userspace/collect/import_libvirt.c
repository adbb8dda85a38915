// SPDX-License-Identifier: GPL-2.0
/*
 * libvirt's raw CPU dumps (tests/cputestdata/x86_64-cpuid-*.xml, written by
 * its cpu-gather.sh): one <cpudata arch='x86'> holding
 *   <cpuid eax_in='0x..' ecx_in='0x..' eax='0x..' ebx='0x..' ecx='0x..' edx='0x..'/>
 *   <msr index='0x..' edx='0x..' eax='0x..'/>
 * for one CPU. Parsed with libxml2 (no network, no entities, no DTD); this
 * file is built into mdscope-import.so so that no other command loads
 * libxml2. Anything else in <cpudata> is refused with its line number.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "import.h"

static int node_err(struct mds_err *err, const xmlNode *n, const char *what)
{
	snprintf(err->msg, sizeof(err->msg), "libvirt cpudata: line %ld: %s",
		 n ? xmlGetLineNo(n) : 0L, what);
	return -EINVAL;
}

/* Attribute @name as a 32-bit "0x..." number. */
static int hex_attr(const xmlNode *n, const char *name, uint32_t *out)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	const char *s = (const char *)v;
	char *end;
	unsigned long long x;
	int e = -EINVAL;

	if (s && !strncmp(s, "0x", 2) && s[2] && strspn(s + 2, "0123456789abcdefABCDEF") ==
	    strlen(s + 2) && strlen(s + 2) <= 8) {
		x = strtoull(s + 2, &end, 16);
		*out = (uint32_t)x;
		e = 0;
	}
	xmlFree(v);
	return e;
}

static int cpuid_node(const xmlNode *n, struct imp_cpu *c, struct mds_err *err)
{
	struct imp_leaf l;
	int e;

	if (hex_attr(n, "eax_in", &l.in_eax) || hex_attr(n, "ecx_in", &l.in_ecx) ||
	    hex_attr(n, "eax", &l.eax) || hex_attr(n, "ebx", &l.ebx) ||
	    hex_attr(n, "ecx", &l.ecx) || hex_attr(n, "edx", &l.edx))
		return node_err(err, n, "<cpuid> needs eax_in, ecx_in, eax, ebx, ecx, edx as 0x... (32 bits)");
	e = imp_add_leaf(c, &l);
	return e ? node_err(err, n, e == -EEXIST ? "the same leaf twice" : "too many leaves") : 0;
}

static int msr_node(const xmlNode *n, struct imp_cpu *c, struct mds_err *err)
{
	uint32_t index, hi, lo;
	int e;

	if (hex_attr(n, "index", &index) || hex_attr(n, "edx", &hi) || hex_attr(n, "eax", &lo))
		return node_err(err, n, "<msr> needs index, edx, eax as 0x... (32 bits)");
	e = imp_add_msr(c, index, (uint64_t)hi << 32 | lo);
	return e ? node_err(err, n, e == -EEXIST ? "the same MSR twice" : "too many MSRs") : 0;
}

int imp_read_libvirt(const char *text, size_t len, struct imp_dump *d, struct mds_err *err)
{
	xmlDoc *doc;
	xmlNode *root, *n;
	xmlChar *arch;
	struct imp_cpu *c;
	int e = 0;

	if (len > 16u << 20) {
		snprintf(err->msg, sizeof(err->msg), "libvirt cpudata: larger than 16 MiB");
		return -EFBIG;
	}
	doc = xmlReadMemory(text, (int)len, "cpudata.xml", NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *x = xmlGetLastError();

		const char *m = x && x->message ? x->message : "?";

		snprintf(err->msg, sizeof(err->msg),
			 "libvirt cpudata: not well-formed XML (line %d: %.*s)",
			 x ? x->line : 0, (int)strcspn(m, "\n"), m);
		return -EINVAL;
	}
	root = xmlDocGetRootElement(doc);
	if (!root || strcmp((const char *)root->name, "cpudata")) {
		e = node_err(err, root, "the root element is not <cpudata>");
		goto out;
	}
	arch = xmlGetProp(root, (const xmlChar *)"arch");
	if (!arch || strcmp((const char *)arch, "x86"))
		e = node_err(err, root, "<cpudata> is not arch='x86'");
	xmlFree(arch);
	if (e)
		goto out;
	if (!(c = imp_new_cpu(d))) {
		e = -ENOMEM;
		goto out;
	}
	for (n = root->children; n && !e; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!strcmp((const char *)n->name, "cpuid"))
			e = cpuid_node(n, c, err);
		else if (!strcmp((const char *)n->name, "msr"))
			e = msr_node(n, c, err);
		else
			e = node_err(err, n, "an element other than <cpuid> or <msr>");
	}
out:
	xmlFreeDoc(doc);
	if (e)
		imp_dump_free(d);
	return e;
}
