// SPDX-License-Identifier: GPL-2.0
/*
 * The raw output of `cpuid -r` (Debian package cpuid): blocks "CPU N:" (or
 * "CPU:" for one CPU, `cpuid -1 -r`), each followed by lines
 *   "   0x00000007 0x00: eax=0x00000000 ebx=0x219c07ab ecx=0x0040069c edx=0x88000010"
 * Blank lines are skipped; anything else is refused with its line number.
 * CPUs must come in order 0, 1, 2 ...: the dump's CPU number is the record's.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

static int line_err(struct mds_err *err, size_t line, const char *what)
{
	snprintf(err->msg, sizeof(err->msg), "cpuid -r: line %zu: %s", line, what);
	return -EINVAL;
}

/* "CPU N:" or "CPU:"; -1 when not a header, else N (0 for "CPU:"). */
static long header(const char *s)
{
	char *end;
	long n;

	if (strncmp(s, "CPU", 3))
		return -1;
	if (!strcmp(s + 3, ":"))
		return 0;
	if (s[3] != ' ' || s[4] < '0' || s[4] > '9')
		return -1;
	n = strtol(s + 4, &end, 10);
	return strcmp(end, ":") || n >= MDS_SNAP_MAX_CPUS ? -1 : n;
}

static int parse_leaf(const char *s, struct imp_leaf *l)
{
	int used = -1;

	if (sscanf(s, " 0x%8" SCNx32 " 0x%2" SCNx32 ": eax=0x%8" SCNx32 " ebx=0x%8" SCNx32
		   " ecx=0x%8" SCNx32 " edx=0x%8" SCNx32 "%n",
		   &l->in_eax, &l->in_ecx, &l->eax, &l->ebx, &l->ecx, &l->edx, &used) != 6)
		return -EINVAL;
	return s[used] ? -EINVAL : 0;
}

int imp_read_cpuid_raw(const char *text, size_t len, struct imp_dump *d, struct mds_err *err)
{
	struct imp_cpu *cur = NULL;
	char line[256];
	size_t no = 0, pos = 0;
	int e = 0;

	while (pos < len && !e) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - text - pos) : len - pos;
		struct imp_leaf l;
		long cpu;

		no++;
		if (n >= sizeof(line)) {
			e = line_err(err, no, "line too long");
			break;
		}
		if (memchr(text + pos, '\0', n)) {
			e = line_err(err, no, "a NUL byte: binary data");
			break;
		}
		memcpy(line, text + pos, n);
		line[n] = '\0';
		if (n && line[n - 1] == '\r')
			line[n - 1] = '\0';
		pos += n + 1;
		if (!line[strspn(line, " \t")])
			continue;
		else if ((cpu = header(line)) >= 0) {
			if ((size_t)cpu != d->nr_cpus)
				e = line_err(err, no, "CPU numbers must count up from 0");
			else if (!(cur = imp_new_cpu(d)))
				e = -ENOMEM;
		} else if (parse_leaf(line, &l)) {
			e = line_err(err, no, "neither \"CPU N:\" nor \"0xLEAF 0xSUB: eax=0x.. ebx=0x.. ecx=0x.. edx=0x..\"");
		} else if (!cur) {
			e = line_err(err, no, "a leaf before the first \"CPU N:\" line");
		} else if ((e = imp_add_leaf(cur, &l))) {
			e = line_err(err, no, e == -EEXIST ? "the same leaf twice for one CPU" :
				     "too many leaves for one CPU");
		}
	}
	if (!e && !d->nr_cpus)
		e = line_err(err, no, "no \"CPU N:\" block");
	if (e)
		imp_dump_free(d);
	return e;
}
