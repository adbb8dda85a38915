/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Foreign CPU dumps turned into a host snapshot (`mdscope import`): the
 * readers (import_cpuid.c: `cpuid -r`; import_libvirt.c, in
 * mdscope-import.so with libxml2: libvirt's <cpudata>) fill a struct
 * imp_dump of raw CPUID leaves and MSRs per CPU; import.c detects the
 * format and turns the dump into CPU records, marking what a dump cannot
 * hold (microcode, platform id, topology, the kernel's claims) unknown.
 */
#ifndef MDSCOPE_IMPORT_H
#define MDSCOPE_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "snapshot.h"

#define IMP_MAX_LEAVES	256	/* per CPU */
#define IMP_MAX_MSRS	64

struct imp_leaf {
	uint32_t in_eax, in_ecx;
	uint32_t eax, ebx, ecx, edx;
};

struct imp_msr {
	uint32_t index;
	uint64_t value;
};

struct imp_cpu {
	struct imp_leaf leaf[IMP_MAX_LEAVES];
	size_t nr_leaves;
	struct imp_msr msr[IMP_MAX_MSRS];
	size_t nr_msrs;
};

struct imp_dump {
	struct imp_cpu *cpu;		/* malloc'd */
	size_t nr_cpus;
};

/* The formats, by name: "cpuid-raw", "libvirt-cpudata". */
enum imp_format { IMP_FMT_UNKNOWN = -1, IMP_FMT_CPUID_RAW = 0, IMP_FMT_LIBVIRT, IMP_FMT_NR };
const char *imp_format_name(enum imp_format f);
enum imp_format imp_format_from_name(const char *name);
/* From the first non-blank bytes of a dump; IMP_FMT_UNKNOWN when neither. */
enum imp_format imp_detect(const char *text, size_t len);

/* A new CPU at the end of d; NULL on ENOMEM or too many. */
struct imp_cpu *imp_new_cpu(struct imp_dump *d);
/* -ENOSPC when the CPU holds its maximum; a repeated leaf or MSR is -EEXIST. */
int imp_add_leaf(struct imp_cpu *c, const struct imp_leaf *l);
int imp_add_msr(struct imp_cpu *c, uint32_t index, uint64_t value);
void imp_dump_free(struct imp_dump *d);

/* The readers: 0 or -errno with err filled ("line N: ..."). */
int imp_read_cpuid_raw(const char *text, size_t len, struct imp_dump *d, struct mds_err *err);
typedef int imp_reader_fn(const char *text, size_t len, struct imp_dump *d, struct mds_err *err);
int imp_read_libvirt(const char *text, size_t len, struct imp_dump *d, struct mds_err *err);

/* A snapshot of the dump's CPUs (s freshly initialised; freed on error). */
int imp_to_snapshot(const struct imp_dump *d, enum imp_format f, const char *file,
		    struct mds_snapshot *s, struct mds_err *err);

#endif
