// SPDX-License-Identifier: GPL-2.0
/* First-match lookup in the kernel's CPU vulnerability tables (cputable_gen.c). */
#include <stdio.h>
#include <string.h>

#include "cputable.h"
#include "record.h"

static const struct {
	const char *cpuid;	/* CPUID.0 EBX-EDX-ECX */
	enum cpu_vendor vendor;
	const char *name;
} vendors[] = {
	{ "GenuineIntel", CPU_VENDOR_INTEL, "intel" },
	{ "AuthenticAMD", CPU_VENDOR_AMD, "amd" },
	{ "HygonGenuine", CPU_VENDOR_HYGON, "hygon" },
	{ "CentaurHauls", CPU_VENDOR_CENTAUR, "centaur" },
	{ "  Shanghai  ", CPU_VENDOR_ZHAOXIN, "zhaoxin" },
	{ "Geode by NSC", CPU_VENDOR_NSC, "nsc" },
	{ "Vortex86 SoC", CPU_VENDOR_VORTEX, "vortex" },
	{ NULL, CPU_VENDOR_ANY, "any" },
	{ NULL, CPU_VENDOR_UNKNOWN, "unknown" },
};

enum cpu_vendor cpu_vendor_from_string(const char *s)
{
	for (size_t i = 0; i < sizeof(vendors) / sizeof(vendors[0]); i++)
		if (s && vendors[i].cpuid && !strcmp(s, vendors[i].cpuid))
			return vendors[i].vendor;
	return CPU_VENDOR_UNKNOWN;
}

const char *cpu_vendor_name(enum cpu_vendor v)
{
	for (size_t i = 0; i < sizeof(vendors) / sizeof(vendors[0]); i++)
		if (vendors[i].vendor == v)
			return vendors[i].name;
	return "unknown";
}

static int field_match(uint16_t want, unsigned int have)
{
	return want == CPUTABLE_ANY || want == have;
}

const struct cputable_row *cputable_match(const struct cputable_row *table, size_t len,
					  enum cpu_vendor vendor, uint32_t signature,
					  uint8_t cpu_type)
{
	unsigned int fam = mds_family(signature), model = mds_model(signature);
	unsigned int step = mds_stepping(signature);

	for (size_t i = 0; i < len; i++) {
		const struct cputable_row *r = &table[i];

		if (r->vendor != CPU_VENDOR_ANY && r->vendor != vendor)
			continue;
		if (!field_match(r->family, fam) || !field_match(r->model, model))
			continue;
		if (r->stepping_max != CPUTABLE_ANY && step > r->stepping_max)
			continue;
		if (r->cpu_type && r->cpu_type != cpu_type)
			continue;
		return r;
	}
	return NULL;
}

char *cputable_flags_str(uint64_t flags, char *buf, size_t size)
{
	size_t off = 0;

	if (!size)
		return buf;
	buf[0] = '\0';
	for (unsigned int i = 0; i < CPUTABLE_NFLAGS; i++) {
		int n;

		if (!(flags & (1ull << i)))
			continue;
		n = snprintf(buf + off, size - off, "%s%s", off ? "|" : "", cputable_flag_names[i]);
		if (n < 0 || (size_t)n >= size - off) {
			buf[off] = '\0';	/* drop a partial entry */
			break;
		}
		off += n;
	}
	return buf;
}
