// SPDX-License-Identifier: GPL-2.0
/*
 * analyze/fleet.c: per-host summaries from real snapshot fixtures (sockets,
 * mixed microcode across sockets, claims that disagree), and the
 * aggregation over hand-built hosts: inventory rows with host and socket
 * counts, the newest revision per signature and platform id and the hosts
 * behind it, duplicates by machine-id then hostname, stale snapshots,
 * unreadable files counted as unknown (never ok), exit status ordering, and
 * --max-age durations.
 */
#define _GNU_SOURCE	/* the unit uses qsort_r */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../userspace/analyze/fleet.c"

const char *prog = "mdscope";

static void host_from(const char *fixture, struct fleet_host *h)
{
	char path[512];
	struct mds_err err = { "" };
	struct mds_snapshot s;
	struct cls_result r;

	snprintf(path, sizeof(path), "%s/snapshots/%s", FIXTURES, fixture);
	if (snapshot_load(&s, path, &err))
		fail_msg("%s: %s", path, err.msg);
	assert_int_equal(classify_snapshot(&s, &r), 0);
	memset(h, 0, sizeof(*h));
	fleet_host_from(h, &s, &r);
	cls_result_free(&r);
	snapshot_free(&s);
}

static void summaries_from_snapshots(void **state)
{
	struct fleet_host h;

	host_from("skx-2s-mixed-microcode.json", &h);
	assert_int_equal(h.nr_sock, 2);
	assert_int_equal(h.sock[0].package, 0);
	assert_int_equal(h.sock[0].microcode, 0x2006e05);
	assert_int_equal(h.sock[1].microcode, 0x200005a);
	assert_true(h.mixed_microcode);
	assert_false(h.mixed_signature);
	assert_int_equal(h.exit_code, 2);

	host_from("amd-epyc.json", &h);
	assert_int_equal(h.nr_sock, 1);
	assert_string_equal(h.sock[0].vendor, "AuthenticAMD");
	assert_false(h.mixed_microcode);
	assert_int_equal(h.exposure[VULN_MDS], CLS_EXP_NOT_AFFECTED);
}

/* A host: sockets of (signature, platform, microcode), exit code, ids. */
static struct fleet_host mk(const char *name, const char *mid, int code, int nsock, ...)
{
	struct fleet_host h = { 0 };
	va_list ap;

	snprintf(h.file, sizeof(h.file), "%s.json", name);
	snprintf(h.hostname, sizeof(h.hostname), "%s", name);
	snprintf(h.machine_id, sizeof(h.machine_id), "%s", mid);
	h.time_ns = 1000ull * 86400 * 1000000000ull;
	h.exit_code = code;
	va_start(ap, nsock);
	for (int i = 0; i < nsock; i++) {
		struct fleet_sock *s = &h.sock[h.nr_sock++];

		s->package = i;
		strcpy(s->vendor, "GenuineIntel");
		s->signature = va_arg(ap, unsigned int);
		s->platform_id = va_arg(ap, int);
		s->microcode = va_arg(ap, unsigned int);
		s->have_microcode = s->microcode != 0;
	}
	va_end(ap);
	for (size_t i = 1; i < h.nr_sock; i++) {
		h.mixed_signature |= h.sock[i].signature != h.sock[0].signature;
		h.mixed_microcode |= h.sock[i].microcode != h.sock[0].microcode;
	}
	for (int v = 0; v < VULN_NR; v++)
		h.exposure[v] = code == 2 ? CLS_EXP_EXPOSED : CLS_EXP_MITIGATED;
	return h;
}

static const struct fleet_outlier *find(const struct fleet *f, enum fleet_kind k, size_t host)
{
	for (size_t i = 0; i < f->nr_out; i++)
		if (f->out[i].kind == k && f->out[i].host == host)
			return &f->out[i];
	return NULL;
}

static size_t count(const struct fleet *f, enum fleet_kind k)
{
	size_t n = 0;

	for (size_t i = 0; i < f->nr_out; i++)
		n += f->out[i].kind == k;
	return n;
}

static void inventory_and_outliers(void **state)
{
	struct fleet_host h[8];
	struct fleet f = { 0 };

	h[0] = mk("a", "m-a", 1, 2, 0x50654, 0, 0x2007006, 0x50654, 0, 0x2007006);
	h[1] = mk("b", "m-b", 1, 2, 0x50654, 0, 0x2006e05, 0x50654, 0, 0x2006e05);	/* old */
	h[2] = mk("c", "m-c", 1, 2, 0x50654, 1, 0x2006e05, 0x50654, 1, 0x2006e05);	/* newest for pid 1 */
	h[3] = mk("d", "m-d", 1, 2, 0x50654, 0, 0x2007006, 0x50657, 0, 0x5003604);	/* mixed stepping */
	h[4] = mk("a", "m-a", 1, 1, 0x50654, 0, 0x2007006);	/* same machine-id as a */
	h[5] = mk("e", "", 1, 1, 0x50654, 0, 0);		/* microcode unknown, no machine-id */
	h[6] = mk("e", "", 1, 1, 0x50654, 0, 0x2007006);	/* same hostname as h[5] */
	h[7] = mk("f", "m-f", 1, 1, 0x50654, 0, 0x2007006);
	h[7].time_ns -= 40ull * 86400 * 1000000000ull;		/* 40 days older */
	h[3].claims[h[3].nr_claims++] = CLS_F_SYSFS_NOT_AFFECTED;
	f.hosts = h;
	f.nr_hosts = 8;
	f.now_ns = h[0].time_ns + 1;
	assert_int_equal(fleet_parse_duration("30d", &f.max_age_ns), 0);
	assert_int_equal(fleet_build(&f), 0);

	/* rows sorted by signature, platform, microcode (unknown first) */
	assert_int_equal(f.nr_inv, 5);
	assert_int_equal(f.inv[0].platform_id, 0);
	assert_false(f.inv[0].have_microcode);
	assert_int_equal(f.inv[1].microcode, 0x2006e05);
	assert_int_equal(f.inv[1].hosts, 1);
	assert_int_equal(f.inv[1].sockets, 2);
	assert_int_equal(f.inv[2].microcode, 0x2007006);
	assert_int_equal(f.inv[2].hosts, 5);		/* a, d, a again, e, f */
	assert_int_equal(f.inv[2].sockets, 6);
	assert_int_equal(f.inv[3].platform_id, 1);
	assert_int_equal(f.inv[4].signature, 0x50657);

	/* b is behind 0x2007006; c is the newest for platform 1; e's unknown is not judged */
	assert_int_equal(count(&f, FLEET_OLD_MICROCODE), 1);
	assert_int_equal(find(&f, FLEET_OLD_MICROCODE, 1)->newest, 0x2007006);
	assert_non_null(find(&f, FLEET_MIXED_SOCKETS, 3));
	assert_int_equal(count(&f, FLEET_MIXED_SOCKETS), 1);
	assert_non_null(find(&f, FLEET_CLAIMS, 3));
	assert_int_equal(count(&f, FLEET_CLAIMS), 1);
	assert_non_null(find(&f, FLEET_STALE, 7));
	assert_int_equal(count(&f, FLEET_STALE), 1);
	assert_int_equal(count(&f, FLEET_DUPLICATE), 2);
	assert_int_equal(find(&f, FLEET_DUPLICATE, 4)->dup_of, 0);
	assert_true(find(&f, FLEET_DUPLICATE, 4)->by_machine_id);
	assert_int_equal(find(&f, FLEET_DUPLICATE, 6)->dup_of, 5);
	assert_false(find(&f, FLEET_DUPLICATE, 6)->by_machine_id);
	assert_int_equal(f.exit_code, 1);
	assert_int_equal(f.exposure[VULN_MDS][CLS_EXP_MITIGATED], 8);
	fleet_free(&f);
}

/*
 * Intel revisions compare signed, as analyze/ucode.c does: a revision with
 * the top bit set is older than 0x2007006, not newer (unsigned, host a would
 * be "behind 0x80000001" and b's old socket would hide). AMD's are unsigned.
 */
static void intel_revisions_are_signed(void **state)
{
	struct fleet_host h[4];
	struct fleet f = { 0 };

	h[0] = mk("a", "m-a", 1, 1, 0x50654, 0, 0x2007006);
	h[1] = mk("b", "m-b", 1, 2, 0x50654, 0, 0x2007006, 0x50654, 0, 0x80000001);
	h[2] = mk("c", "m-c", 1, 1, 0x800f12, -1, 0x8001250);
	h[3] = mk("d", "m-d", 1, 1, 0x800f12, -1, 0x8001230);
	strcpy(h[2].sock[0].vendor, "AuthenticAMD");
	strcpy(h[3].sock[0].vendor, "AuthenticAMD");
	h[3].sock[0].microcode = 0x80001230;	/* unsigned: newer than c's */
	f.hosts = h;
	f.nr_hosts = 4;
	f.now_ns = h[0].time_ns + 1;
	assert_int_equal(fleet_build(&f), 0);

	assert_null(find(&f, FLEET_OLD_MICROCODE, 0));
	assert_non_null(find(&f, FLEET_OLD_MICROCODE, 1));
	assert_int_equal(find(&f, FLEET_OLD_MICROCODE, 1)->sock, 1);
	assert_int_equal(find(&f, FLEET_OLD_MICROCODE, 1)->newest, 0x2007006);
	assert_non_null(find(&f, FLEET_OLD_MICROCODE, 2));
	assert_int_equal(find(&f, FLEET_OLD_MICROCODE, 2)->newest, 0x80001230);
	assert_null(find(&f, FLEET_OLD_MICROCODE, 3));
	assert_int_equal(count(&f, FLEET_OLD_MICROCODE), 2);
	fleet_free(&f);
}

/* A host's socket summary keeps its oldest revision, signed for Intel. */
static void oldest_socket_revision_is_signed(void **state)
{
	struct fleet_host h = { 0 };
	struct mds_cpu c = { .have_cpuid = true, .signature = 0x50654 };
	struct cls_cpu k = { .have_microcode = true, .microcode = 0x2007006 };

	strcpy(c.vendor, "GenuineIntel");
	add_cpu(&h, &c, &k);
	k.microcode = 0x80000001;
	add_cpu(&h, &c, &k);
	assert_int_equal(h.sock[0].microcode, 0x80000001);
	assert_true(h.sock[0].mixed_microcode);
}

static void broken_files_are_never_ok(void **state)
{
	struct fleet_host h[3];
	struct fleet f = { 0 };

	h[0] = mk("a", "m-a", 0, 1, 0x50654, 0, 0x2007006);
	h[1] = mk("b", "m-b", 0, 1, 0x50654, 0, 0x2007006);
	strcpy(h[1].error, "truncated");
	f.hosts = h;
	f.nr_hosts = 2;
	assert_int_equal(fleet_build(&f), 0);
	assert_int_equal(f.nr_ok, 1);
	assert_int_equal(f.nr_errors, 1);
	assert_int_equal(f.nr_inv, 1);		/* the broken one is in no count */
	assert_int_equal(f.exit_code, 3);
	fleet_free(&f);

	/* critical outranks unknown, unknown outranks warning */
	h[2] = mk("c", "m-c", 2, 1, 0x50654, 0, 0x2007006);
	f.nr_hosts = 3;
	assert_int_equal(fleet_build(&f), 0);
	assert_int_equal(f.exit_code, 2);
	fleet_free(&f);
	h[2].exit_code = 1;
	assert_int_equal(fleet_build(&f), 0);
	assert_int_equal(f.exit_code, 3);
	fleet_free(&f);
	/* errors only, and nothing at all */
	f.hosts = &h[1];
	f.nr_hosts = 1;
	assert_int_equal(fleet_build(&f), 0);
	assert_int_equal(f.exit_code, 3);
	fleet_free(&f);
}

static void durations(void **state)
{
	uint64_t ns;

	assert_int_equal(fleet_parse_duration("45", &ns), 0);
	assert_int_equal(ns, 45000000000ull);
	assert_int_equal(fleet_parse_duration("90m", &ns), 0);
	assert_int_equal(ns, 5400ull * 1000000000ull);
	assert_int_equal(fleet_parse_duration("2w", &ns), 0);
	assert_int_equal(ns, 2 * 604800ull * 1000000000ull);
	assert_int_equal(fleet_parse_duration("12h", &ns), 0);
	assert_int_equal(ns, 43200ull * 1000000000ull);
	assert_int_equal(fleet_parse_duration("", &ns), -EINVAL);
	assert_int_equal(fleet_parse_duration("0", &ns), -EINVAL);
	assert_int_equal(fleet_parse_duration("-5d", &ns), -EINVAL);
	assert_int_equal(fleet_parse_duration("5y", &ns), -EINVAL);
	assert_int_equal(fleet_parse_duration("5dd", &ns), -EINVAL);
	assert_int_equal(fleet_parse_duration("99999999999999999999d", &ns), -EINVAL);
	assert_int_equal(fleet_parse_duration("999999999999w", &ns), -EINVAL);
	assert_string_equal(fleet_kind_name(FLEET_DUPLICATE), "duplicate");
}

/* A fleet where every host runs its own revision: one row each, one
 * newest for all, every other host behind it (the lookups are sorted and
 * binary, not one scan of the rows per socket). */
static void one_row_per_host(void **state)
{
	enum { N = 5000 };
	struct fleet_host *h = calloc(N, sizeof(*h));
	struct fleet f = { 0 };

	assert_non_null(h);
	for (size_t i = 0; i < N; i++) {
		char name[16], mid[16];

		snprintf(name, sizeof(name), "h%zu", i);
		snprintf(mid, sizeof(mid), "m%zu", i);
		/* revisions in a scrambled order, the newest at host 1234 */
		h[i] = mk(name, mid, 1, 2, 0x50654, 0, 0x2000000 + (unsigned int)((i * 7919) % N),
			  0x50654, 0, 0x2000000 + (unsigned int)((i * 7919) % N));
	}
	h[1234].sock[0].microcode = h[1234].sock[1].microcode = 0x2100000;
	f.hosts = h;
	f.nr_hosts = N;
	f.now_ns = h[0].time_ns + 1;
	assert_int_equal(fleet_build(&f), 0);
	assert_int_equal(f.nr_inv, N);
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(f.inv[i].hosts, 1);
		assert_int_equal(f.inv[i].sockets, 2);
		assert_int_equal(f.inv[i].newest, 0x2100000);
		assert_true(!i || f.inv[i - 1].microcode < f.inv[i].microcode);
	}
	assert_int_equal(count(&f, FLEET_OLD_MICROCODE), N - 1);
	assert_null(find(&f, FLEET_OLD_MICROCODE, 1234));
	fleet_free(&f);
	free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(summaries_from_snapshots),
		cmocka_unit_test(inventory_and_outliers),
		cmocka_unit_test(intel_revisions_are_signed),
		cmocka_unit_test(oldest_socket_revision_is_signed),
		cmocka_unit_test(broken_files_are_never_ok),
		cmocka_unit_test(durations),
		cmocka_unit_test(one_row_per_host),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
