// SPDX-License-Identifier: GPL-2.0
/*
 * What the kernel claims, read from sysfs and procfs under a root: every
 * vulnerabilities/ file verbatim (the MDS family's files parsed), SMT
 * control and state, per-CPU topology, /proc/cpuinfo, /proc/cmdline and
 * the release. A part that cannot be read or parsed becomes a note, and
 * its fields stay "unknown"; nothing is filled in by guessing.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "cpuinfo.h"
#include "cmdline.h"
#include "snapshot.h"
#include "sysfs.h"

#define CPU_DIR "/sys/devices/system/cpu"

static int cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct mds_vuln_file *)a)->name,
		      ((const struct mds_vuln_file *)b)->name);
}

static void read_claim(struct mds_snapshot *s, enum vuln_id v)
{
	const char *text = snapshot_vuln(s, vuln_info[v].sysfs);
	struct mds_kclaim *c = &s->kernel.claim[v];
	struct mds_err err;

	memset(c, 0, sizeof(*c));
	if (!text)
		return;
	if (parse_vuln_claim(v, text, c, &err))
		snapshot_note(s, "vulnerabilities/%s: %.120s", vuln_info[v].sysfs, err.msg);
}

static void read_vulns(struct mds_snapshot *s, const char *root)
{
	struct mds_kernel *k = &s->kernel;
	DIR *d = sr_opendir(root, CPU_DIR "/vulnerabilities");
	struct dirent *de;

	if (!d) {
		snapshot_note(s, "no %s/vulnerabilities: kernel too old or sysfs not mounted",
			      CPU_DIR);
	}
	while (d && (de = readdir(d))) {
		struct mds_vuln_file *vf = &k->vulns[k->nr_vulns];
		int r;

		if (de->d_name[0] == '.' || strlen(de->d_name) >= sizeof(vf->name))
			continue;
		if (k->nr_vulns == MDS_SNAP_MAX_VULNS) {
			snapshot_note(s, "more than %d vulnerabilities files; the rest ignored",
				      MDS_SNAP_MAX_VULNS);
			break;
		}
		r = sr_read_string(root, vf->text, sizeof(vf->text), CPU_DIR "/vulnerabilities/%s",
				   de->d_name);
		if (r) {
			snapshot_note(s, "vulnerabilities/%.60s: %s", de->d_name, strerror(-r));
			continue;
		}
		strcpy(vf->name, de->d_name);
		if (sanitize_text(vf->text))
			snapshot_note(s, "vulnerabilities/%.60s: non-text bytes replaced by '?'",
				      vf->name);
		k->nr_vulns++;
	}
	if (d)
		closedir(d);
	qsort(k->vulns, k->nr_vulns, sizeof(k->vulns[0]), cmp_name);
	for (int v = 0; v < VULN_NR; v++)
		read_claim(s, v);
}

static void read_smt(struct mds_snapshot *s, const char *root)
{
	struct mds_smt *smt = &s->kernel.smt;
	struct mds_err err;
	char buf[32];

	smt->active = -1;
	if (!sr_read_string(root, buf, sizeof(buf), CPU_DIR "/smt/control")) {
		sanitize_text(buf);
		strcpy(smt->control_text, buf);
		if (parse_smt_control(buf, &smt->control, &err))
			snapshot_note(s, "smt/control: %.120s", err.msg);
	}
	if (!sr_read_string(root, buf, sizeof(buf), CPU_DIR "/smt/active") &&
	    parse_smt_active(buf, &smt->active, &err))
		snapshot_note(s, "smt/active: %.120s", err.msg);
}

/* A small non-negative id file; -1 when absent or malformed. */
static int read_id(const char *root, const char *fmt, unsigned int cpu)
{
	char buf[32], path[96], *end;
	long v;

	snprintf(path, sizeof(path), fmt, cpu);
	if (sr_read_string(root, buf, sizeof(buf), "%s", path) || !buf[0])
		return -1;
	errno = 0;
	v = strtol(buf, &end, 10);
	return errno || *end || v < 0 || v > 0x7fffffff ? -1 : (int)v;
}

static int cmp_topo(const void *a, const void *b)
{
	const struct mds_topo *x = a, *y = b;

	return x->cpu < y->cpu ? -1 : x->cpu > y->cpu;
}

static void read_topology(struct mds_snapshot *s, const char *root)
{
	struct mds_kernel *k = &s->kernel;
	DIR *d = sr_opendir(root, CPU_DIR);
	struct dirent *de;
	size_t cap = 0;

	if (!d) {
		snapshot_note(s, "%s: %s", CPU_DIR, strerror(errno));
		return;
	}
	while ((de = readdir(d))) {
		struct mds_topo *t;
		unsigned int cpu;
		struct mds_err err;
		char tail, buf[16];
		int r;

		if (sscanf(de->d_name, "cpu%u%c", &cpu, &tail) != 1 || cpu >= MDS_SNAP_MAX_CPUS)
			continue;
		if (k->nr_topo == cap) {
			struct mds_topo *n = realloc(k->topo, (cap ? cap * 2 : 16) * sizeof(*n));

			if (!n)
				break;
			k->topo = n;
			cap = cap ? cap * 2 : 16;
		}
		t = &k->topo[k->nr_topo++];
		memset(t, 0, sizeof(*t));
		t->cpu = cpu;
		/* Only hotpluggable CPUs have "online"; the others cannot go offline. */
		r = sr_read_string(root, buf, sizeof(buf), CPU_DIR "/cpu%u/online", cpu);
		t->online = r == -ENOENT ? 1 : r ? -1 : !strcmp(buf, "1") ? 1 :
			    !strcmp(buf, "0") ? 0 : -1;
		t->package = read_id(root, CPU_DIR "/cpu%u/topology/physical_package_id", cpu);
		t->die = read_id(root, CPU_DIR "/cpu%u/topology/die_id", cpu);
		t->core = read_id(root, CPU_DIR "/cpu%u/topology/core_id", cpu);
		if (!sr_read_string(root, t->siblings, sizeof(t->siblings),
				    CPU_DIR "/cpu%u/topology/thread_siblings_list", cpu)) {
			int n = parse_cpulist_count(t->siblings, &err);

			if (n < 0) {
				snapshot_note(s, "cpu%u thread_siblings_list: %.100s", cpu, err.msg);
				t->siblings[0] = '\0';
			}
			t->nr_siblings = n < 0 ? 0 : n;
		}
	}
	closedir(d);
	if (k->nr_topo)	/* qsort(NULL, 0, ...) is undefined */
		qsort(k->topo, k->nr_topo, sizeof(*k->topo), cmp_topo);
}

static void read_procfs(struct mds_snapshot *s, const char *root)
{
	struct mds_kernel *k = &s->kernel;
	struct mds_err err;
	char *buf;
	size_t len;
	int r;

	r = sr_read_file(root, &buf, &len, "/proc/cpuinfo");
	if (r) {
		snapshot_note(s, "/proc/cpuinfo: %s", strerror(-r));
	} else {
		if (parse_cpuinfo(buf, len, &k->cpuinfo, &k->nr_cpuinfo, &err))
			snapshot_note(s, "/proc/cpuinfo: %.120s", err.msg);
		free(buf);
	}
	r = sr_read_file(root, &buf, &len, "/proc/cmdline");
	if (r) {
		snapshot_note(s, "/proc/cmdline: %s", strerror(-r));
	} else {
		if (memchr(buf, '\0', len) || parse_cmdline(buf, &k->cmdline, &err))
			snapshot_note(s, "/proc/cmdline: %.120s",
				      memchr(buf, '\0', len) ? "binary data" : err.msg);
		free(buf);
	}
	r = sr_read_string(root, k->release, sizeof(k->release), "/proc/sys/kernel/osrelease");
	if (r && (!root || !*root || !strcmp(root, "/"))) {
		struct utsname u;

		if (!uname(&u) && strlen(u.release) < sizeof(k->release))
			strcpy(k->release, u.release), r = 0;
	}
	if (r) {
		k->release[0] = '\0';
		snapshot_note(s, "kernel release unknown: %s", strerror(-r));
	}
	sanitize_text(k->release);
}

void sysfs_collect_kernel(struct mds_snapshot *s, const char *root)
{
	read_vulns(s, root);
	read_smt(s, root);
	read_topology(s, root);
	read_procfs(s, root);
}
