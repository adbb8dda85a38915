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
#include <stdbool.h>
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

/* Printable ASCII only: a name that goes into a snapshot key as it is. */
static bool printable_name(const char *name)
{
	for (; *name; name++)
		if ((unsigned char)*name < 0x21 || (unsigned char)*name >= 0x7f)
			return false;
	return true;
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

		if (de->d_name[0] == '.')
			continue;
		if (strlen(de->d_name) >= sizeof(vf->name) || !printable_name(de->d_name)) {
			snapshot_note(s, "vulnerabilities/: a file with an unusable name ignored");
			continue;
		}
		if (k->nr_vulns == MDS_SNAP_MAX_VULNS) {
			snapshot_note(s, "more than %d vulnerabilities files; the rest ignored",
				      MDS_SNAP_MAX_VULNS);
			break;
		}
		r = sr_read_string(root, vf->text, sizeof(vf->text), CPU_DIR "/vulnerabilities/%s",
				   de->d_name);
		if (r) {
			snapshot_note(s, "vulnerabilities/%.60s: %s", de->d_name, sr_strerror(r));
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
	if (k->nr_vulns > 1)
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

/*
 * A CPU directory is "cpu" and a canonical decimal below MDS_SNAP_MAX_CPUS,
 * as the kernel names them: no sign, no leading zero, no suffix. 0 with
 * *cpu set; -ENOENT for names that are not "cpu<digit>..." at all (cpufreq,
 * cpuidle); -EINVAL for "cpu01", "cpu4294967297", "cpu1x".
 */
static int parse_cpu_dirname(const char *name, unsigned int *cpu)
{
	unsigned long v = 0;
	const char *p;

	if (strncmp(name, "cpu", 3) || name[3] < '0' || name[3] > '9')
		return -ENOENT;
	p = name + 3;
	if (p[0] == '0' && p[1])
		return -EINVAL;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		v = v * 10 + (unsigned long)(*p - '0');
		if (v >= MDS_SNAP_MAX_CPUS)
			return -EINVAL;
	}
	*cpu = v;
	return 0;
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
	size_t cap = 0, unknown_online = 0, bad_names = 0;
	unsigned int first_unknown = 0;
	char bad[48] = "";

	if (!d) {
		snapshot_note(s, "%s: %s", CPU_DIR, strerror(errno));
		return;
	}
	while ((de = readdir(d))) {
		struct mds_topo *t;
		unsigned int cpu;
		struct mds_err err;
		char buf[16];
		int r;

		r = parse_cpu_dirname(de->d_name, &cpu);
		if (r == -ENOENT)
			continue;
		if (r) {
			bad_names++;
			if (bad_names == 1)
				snprintf(bad, sizeof(bad), "%.40s", de->d_name);
			continue;
		}
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
		/* Only hotpluggable CPUs have "online"; the others cannot go offline.
		 * Anything else unreadable or unexpected is unknown, never offline. */
		r = sr_read_string(root, buf, sizeof(buf), CPU_DIR "/cpu%u/online", cpu);
		t->online = r == -ENOENT ? 1 : r ? -1 : !strcmp(buf, "1") ? 1 :
			    !strcmp(buf, "0") ? 0 : -1;
		if (t->online < 0 && !unknown_online++)
			first_unknown = cpu;
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
	if (k->nr_topo > 1)
		qsort(k->topo, k->nr_topo, sizeof(*k->topo), cmp_topo);
	if (unknown_online)
		snapshot_note(s, "online state of %zu CPU(s) unknown (cpu%u/online unreadable or "
			      "not 0/1): counted as online", unknown_online, first_unknown);
	if (bad_names) {
		sanitize_text(bad);
		snapshot_note(s, "%zu directory name(s) like '%s' under %s are not CPU numbers "
			      "below %d: ignored", bad_names, bad, CPU_DIR, MDS_SNAP_MAX_CPUS);
	}
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
		snapshot_note(s, "/proc/cpuinfo: %s", sr_strerror(r));
	} else {
		if (parse_cpuinfo(buf, len, &k->cpuinfo, &k->nr_cpuinfo, &err))
			snapshot_note(s, "/proc/cpuinfo: %.120s", err.msg);
		free(buf);
	}
	r = sr_read_file(root, &buf, &len, "/proc/cmdline");
	if (r) {
		snapshot_note(s, "/proc/cmdline: %s", sr_strerror(r));
	} else {
		/* Whitespace as the kernel splits it, then printable ASCII only
		 * (what a snapshot stores, and what parses the same on loading). */
		while (len && buf[len - 1] == '\n')
			buf[--len] = '\0';
		for (size_t i = 0; i < len; i++)
			if (buf[i] && strchr("\t\n\r\v\f", buf[i]))
				buf[i] = ' ';
		if (!memchr(buf, '\0', len) && sanitize_text(buf))
			snapshot_note(s, "/proc/cmdline: non-text bytes replaced by '?'");
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
		snapshot_note(s, "kernel release unknown: %s", sr_strerror(r));
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
