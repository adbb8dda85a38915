// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/cpuinfo parser: one struct mds_cpuinfo per "processor" block, only
 * the fields mdscope uses. Pure: works on a buffer. Anything malformed is
 * -EINVAL with the line number, never a crash or a half-filled result.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpuinfo.h"
#include "snapshot.h"

static int cpuinfo_err(struct mds_err *err, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int cpuinfo_err(struct mds_err *err, unsigned int line, const char *fmt, ...)
{
	char what[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (err)
		snprintf(err->msg, sizeof(err->msg), "cpuinfo line %u: %s", line, what);
	return -EINVAL;
}

/* A decimal (base 10) or "0x" hex (base 16) number filling the whole value. */
static int parse_num(const char *v, int base, unsigned long max, unsigned long *out)
{
	const char *digits = v;
	char *end;

	if (base == 16) {
		if (v[0] != '0' || (v[1] != 'x' && v[1] != 'X'))
			return -EINVAL;
		digits = v + 2;
	}
	if (!(base == 16 ? isxdigit((unsigned char)*digits) : isdigit((unsigned char)*digits)))
		return -EINVAL;
	errno = 0;
	*out = strtoul(digits, &end, base);
	if (errno || *end || *out > max)
		return -EINVAL;
	return 0;
}

/* Set the flags we care about from a space-separated token list. */
struct token_flag {
	const char *name;
	size_t offset;		/* offsetof(struct mds_cpuinfo, <bool>) */
};

#define TF(n, f) { n, __builtin_offsetof(struct mds_cpuinfo, f) }
static const struct token_flag flag_tokens[] = {
	TF("md_clear", md_clear), TF("rtm", rtm), TF("hle", hle),
	TF("hypervisor", hypervisor), TF("arch_capabilities", arch_capabilities),
	TF("flush_l1d", flush_l1d),
};
static const struct token_flag bug_tokens[] = {
	TF("mds", bug_mds), TF("msbds_only", bug_msbds_only), TF("taa", bug_taa),
};

static void set_tokens(struct mds_cpuinfo *ci, char *list, const struct token_flag *tf,
		       size_t n)
{
	char *save, *tok;

	for (tok = strtok_r(list, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save))
		for (size_t i = 0; i < n; i++)
			if (!strcmp(tok, tf[i].name))
				*(bool *)((char *)ci + tf[i].offset) = true;
}

static void cpuinfo_blank(struct mds_cpuinfo *ci)
{
	memset(ci, 0, sizeof(*ci));
	ci->family = ci->model = ci->stepping = -1;
	ci->physical_id = ci->core_id = -1;
}

enum { K_PROC, K_VENDOR, K_FAMILY, K_MODEL, K_STEPPING, K_UCODE, K_PHYS, K_CORE,
       K_FLAGS, K_BUGS };
static const char *const keys[] = {
	[K_PROC] = "processor", [K_VENDOR] = "vendor_id", [K_FAMILY] = "cpu family",
	[K_MODEL] = "model", [K_STEPPING] = "stepping", [K_UCODE] = "microcode",
	[K_PHYS] = "physical id", [K_CORE] = "core id", [K_FLAGS] = "flags",
	[K_BUGS] = "bugs",
};

/* Apply one "key : value" pair to ci; -EINVAL with err on a bad value. */
static int apply(struct mds_cpuinfo *ci, int k, char *v, unsigned int line,
		 struct mds_err *err)
{
	unsigned long n;

	switch (k) {
	case K_PROC:
		if (parse_num(v, 10, MDS_SNAP_MAX_CPUS - 1, &n))
			return cpuinfo_err(err, line, "bad processor number '%.20s'", v);
		ci->cpu = n;
		return 0;
	case K_VENDOR:
		if (strlen(v) >= sizeof(ci->vendor))
			return cpuinfo_err(err, line, "vendor_id too long");
		strcpy(ci->vendor, v);
		return 0;
	case K_FAMILY: case K_MODEL: case K_STEPPING: case K_PHYS: case K_CORE: {
		int *dst[] = { [K_FAMILY] = &ci->family, [K_MODEL] = &ci->model,
			       [K_STEPPING] = &ci->stepping, [K_PHYS] = &ci->physical_id,
			       [K_CORE] = &ci->core_id };

		if (k == K_STEPPING && !strcmp(v, "unknown"))
			return 0;
		if (parse_num(v, 10, 0x7fffffff, &n))
			return cpuinfo_err(err, line, "bad %s '%.20s'", keys[k], v);
		*dst[k] = (int)n;
		return 0;
	}
	case K_UCODE:
		if (parse_num(v, 16, 0xffffffffUL, &n))
			return cpuinfo_err(err, line, "bad microcode '%.20s'", v);
		ci->have_microcode = true;
		ci->microcode = n;
		return 0;
	case K_FLAGS:
		ci->have_flags = true;
		set_tokens(ci, v, flag_tokens, sizeof(flag_tokens) / sizeof(flag_tokens[0]));
		return 0;
	case K_BUGS:
		ci->have_bugs = true;
		set_tokens(ci, v, bug_tokens, sizeof(bug_tokens) / sizeof(bug_tokens[0]));
		return 0;
	}
	return 0;
}

static int cmp_cpu(const void *a, const void *b)
{
	const struct mds_cpuinfo *x = a, *y = b;

	return x->cpu < y->cpu ? -1 : x->cpu > y->cpu;
}

/* Close the current block: it must have had a "processor" line. */
static int finish_block(struct mds_cpuinfo **arr, size_t *nr, size_t *cap,
			struct mds_cpuinfo *cur, bool *in_block, bool have_proc,
			unsigned int line, struct mds_err *err)
{
	struct mds_cpuinfo *na;

	if (!*in_block)
		return 0;
	*in_block = false;
	if (!have_proc)
		return cpuinfo_err(err, line, "block without a 'processor' line");
	if (*nr == *cap) {
		if (*cap >= MDS_SNAP_MAX_CPUS)
			return cpuinfo_err(err, line, "more than %d processors", MDS_SNAP_MAX_CPUS);
		*cap = *cap ? *cap * 2 : 16;
		na = realloc(*arr, *cap * sizeof(**arr));
		if (!na)
			return -ENOMEM;
		*arr = na;
	}
	(*arr)[(*nr)++] = *cur;
	return 0;
}

int parse_cpuinfo(const char *buf, size_t len, struct mds_cpuinfo **out, size_t *nr_out,
		  struct mds_err *err)
{
	struct mds_cpuinfo *arr = NULL, cur;
	size_t nr = 0, cap = 0;
	bool in_block = false, have_proc = false;
	unsigned int lineno = 0;
	char *copy, *line, *save = NULL;
	int r = 0;

	*out = NULL;
	*nr_out = 0;
	if (!buf || memchr(buf, '\0', len))
		return cpuinfo_err(err, 0, "binary data (NUL byte)");
	copy = strndup(buf, len);
	if (!copy)
		return -ENOMEM;
	cpuinfo_blank(&cur);
	/* strtok_r would merge blank lines, which separate blocks: walk by hand. */
	for (line = copy; line && !r; line = save) {
		char *nl = strchr(line, '\n'), *colon, *k_end, *v;

		save = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		else if (!*line)
			break;
		lineno++;
		if (!*line) {
			r = finish_block(&arr, &nr, &cap, &cur, &in_block, have_proc, lineno, err);
			cpuinfo_blank(&cur);
			have_proc = false;
			continue;
		}
		colon = strchr(line, ':');
		if (!colon) {
			r = cpuinfo_err(err, lineno, "no ':' in '%.40s'", line);
			break;
		}
		in_block = true;
		for (k_end = colon; k_end > line && (k_end[-1] == ' ' || k_end[-1] == '\t'); k_end--)
			;
		*k_end = '\0';
		v = colon + 1;
		v += strspn(v, " \t");
		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
			if (strcmp(line, keys[k]))
				continue;
			if (k == K_PROC && have_proc) {
				r = cpuinfo_err(err, lineno, "two 'processor' lines in one block");
				break;
			}
			if (k == K_PROC)
				have_proc = true;
			r = apply(&cur, k, v, lineno, err);
			break;
		}
	}
	if (!r)
		r = finish_block(&arr, &nr, &cap, &cur, &in_block, have_proc, lineno, err);
	free(copy);
	if (!r && !nr)
		r = cpuinfo_err(err, lineno, "no processor found");
	if (!r) {
		if (nr > 1)
			qsort(arr, nr, sizeof(*arr), cmp_cpu);
		for (size_t i = 1; i < nr && !r; i++)
			if (arr[i].cpu == arr[i - 1].cpu)
				r = cpuinfo_err(err, 0, "processor %u listed twice", arr[i].cpu);
	}
	if (r) {
		free(arr);
		return r;
	}
	*out = arr;
	*nr_out = nr;
	return 0;
}
