// SPDX-License-Identifier: GPL-2.0
/*
 * Collect one host snapshot: the kernel's claims (claims.c), then the
 * per-CPU facts from mdscope.ko over netlink, or from the fallback when the
 * module cannot be used, saying why in module_error. When no CPU can be
 * read at all the kernel's claims stay in the snapshot, so a caller that
 * can use them alone (guests, check) need not read sysfs again.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fallback.h"
#include "kmod.h"
#include "nl.h"
#include "collect.h"
#include "snapshot.h"
#include "sysfs.h"

struct dump_ctx {
	struct mds_snapshot *s;
	size_t cap;
};

static int add_cpu(const struct mds_cpu *c, void *arg)
{
	struct dump_ctx *d = arg;
	struct mds_snapshot *s = d->s;

	if (c->cpu >= MDS_SNAP_MAX_CPUS)
		return -ERANGE;
	if (s->nr_cpus == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		struct mds_cpu *n = realloc(s->cpus, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		s->cpus = n;
		d->cap = cap;
	}
	s->cpus[s->nr_cpus] = *c;
	s->cpus[s->nr_cpus++].source = MDS_SRC_MODULE;
	return 0;
}

static int cmp_cpu(const void *a, const void *b)
{
	const struct mds_cpu *x = a, *y = b;

	return x->cpu < y->cpu ? -1 : x->cpu > y->cpu;
}

/* 0 when s->cpus came from the module; else module_error says why. */
static int from_module(struct mds_snapshot *s)
{
	struct dump_ctx d = { .s = s };
	int r;

	r = mds_module_open(s->module_error, sizeof(s->module_error));
	if (r) {
		if (!s->module_error[0])
			snprintf(s->module_error, sizeof(s->module_error), "%s", strerror(-r));
		return r;
	}
	r = mds_nl_dump_cpus(add_cpu, &d);
	if (!r)
		r = mds_nl_info(&s->module);
	if (r) {
		snprintf(s->module_error, sizeof(s->module_error), "netlink: %s%s%.120s",
			 strerror(-r), *mds_nl_error() ? ": " : "", mds_nl_error());
		free(s->cpus);
		s->cpus = NULL;
		s->nr_cpus = 0;
	}
	mds_nl_close();
	if (!r && !s->nr_cpus) {
		snprintf(s->module_error, sizeof(s->module_error), "the module listed no CPUs");
		r = -ENODATA;
	}
	if (r)
		return r;
	s->have_module = true;
	qsort(s->cpus, s->nr_cpus, sizeof(*s->cpus), cmp_cpu);
	return 0;
}

/* The module's topology against sysfs: a difference is worth a note. */
static void cross_check_topology(struct mds_snapshot *s)
{
	for (size_t i = 0; i < s->nr_cpus; i++) {
		const struct mds_cpu *c = &s->cpus[i];
		const struct mds_topo *t = snapshot_topo(s, c->cpu);

		if (!c->online || !c->have_topology || !t || t->package < 0 || t->core < 0)
			continue;
		if ((int)c->package != t->package || (int)c->core != t->core)
			snapshot_note(s, "cpu%u: module says package %u core %u, sysfs %d/%d",
				      c->cpu, c->package, c->core, t->package, t->core);
	}
}

/* Who the host is: machine-id and DMI where readable ("" otherwise: the UUID is root-only). */
static void read_ident(struct mds_ident *id, const char *root)
{
	static const struct { const char *path; size_t off, size; } files[] = {
		{ "/etc/machine-id", offsetof(struct mds_ident, machine_id),
		  sizeof(id->machine_id) },
		{ "/sys/class/dmi/id/product_uuid", offsetof(struct mds_ident, dmi_uuid),
		  sizeof(id->dmi_uuid) },
		{ "/sys/class/dmi/id/product_name", offsetof(struct mds_ident, dmi_product),
		  sizeof(id->dmi_product) },
	};

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char *buf = (char *)id + files[i].off;

		if (sr_read_string(root, buf, files[i].size, "%s", files[i].path))
			buf[0] = '\0';
		buf[files[i].size - 1] = '\0';
		sanitize_text(buf);
	}
}

/*
 * Every string a snapshot stores is printable ASCII (sanitize_text): what
 * the kernel, the module or a saved tree gave as control characters or
 * non-UTF-8 bytes must not reach a snapshot file (the loader refuses such
 * strings) nor a terminal.
 */
static void sanitize_snapshot(struct mds_snapshot *s)
{
	struct mds_kernel *k = &s->kernel;
	size_t n = 0;

	n += sanitize_text(s->hostname);
	n += sanitize_text(s->module_error);
	n += sanitize_text(s->module.version);
	n += sanitize_text(k->release);
	n += sanitize_text(k->smt.control_text);
	for (size_t i = 0; i < k->nr_vulns; i++)
		n += sanitize_text(k->vulns[i].text);
	for (size_t i = 0; i < k->nr_cpuinfo; i++)
		n += sanitize_text(k->cpuinfo[i].vendor);
	for (size_t i = 0; i < s->nr_cpus; i++)
		n += sanitize_text(s->cpus[i].vendor);
	for (size_t i = 0; i < s->nr_notes; i++)
		sanitize_text(s->notes[i]);
	if (n)
		snapshot_note(s, "%zu non-text byte(s) in names and texts replaced by '?'", n);
}

int snapshot_collect(struct mds_snapshot *s, const struct mds_collect_opts *o,
		     struct mds_err *err)
{
	const char *root = o && o->sysroot && *o->sysroot ? o->sysroot : "/";
	bool live = !strcmp(root, "/");
	struct timespec ts;
	int r;

	snapshot_init(s);
	clock_gettime(CLOCK_REALTIME, &ts);
	s->time_ns = (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
	if (sr_read_string(root, s->hostname, sizeof(s->hostname), "/proc/sys/kernel/hostname") &&
	    (!live || gethostname(s->hostname, sizeof(s->hostname))))
		s->hostname[0] = '\0';
	s->hostname[sizeof(s->hostname) - 1] = '\0';
	sanitize_text(s->hostname);
	read_ident(&s->ident, root);
	sysfs_collect_kernel(s, root);

	if (!live)
		snprintf(s->module_error, sizeof(s->module_error),
			 "--sysroot: the module is not asked about another root");
	else if (o && o->no_module)
		snprintf(s->module_error, sizeof(s->module_error), "not asked (--no-module)");
	if ((live && !(o && o->no_module)) && !from_module(s)) {
		s->source = s->collected_by = MDS_SRC_MODULE;
		cross_check_topology(s);
		sanitize_snapshot(s);
		return 0;
	}
	s->source = s->collected_by = MDS_SRC_FALLBACK;
	r = fallback_collect(s, root, err);
	sanitize_snapshot(s);
	if (r) {
		free(s->cpus);
		s->cpus = NULL;
		s->nr_cpus = 0;
	}
	return r;
}
