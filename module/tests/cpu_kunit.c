// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite mdscope_hw_records: the record store of cpu.c on the CPUs the
 * kernel booted on, as the module runs it: mdscope_cpu_init() once (the
 * cpuhp state reads every online CPU), then hotplug and refresh, each
 * checked against the generation counter and the QEMU topology
 * (mdscope_kunit.hw_sockets=, hw_cores=, hw_threads= on the kernel command
 * line, set by tests/kunit/suite from its -smp argument). The family is
 * never registered here: the store's new-generation callback (netlink's
 * notify in the module, wired by main.c) is a recorder, checked after each
 * step.
 * The cases run in order and share the store.
 */
#include <kunit/test.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/kthread.h>
#include <linux/moduleparam.h>
#include <linux/delay.h>
#include <net/netlink.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/topology.h>
#include <asm/smp.h>
#include <linux/mdscope.h>

#include "cpu.h"

static unsigned int hw_sockets, hw_cores, hw_threads;
module_param(hw_sockets, uint, 0444);
module_param(hw_cores, uint, 0444);
module_param(hw_threads, uint, 0444);

/* The last new generation the store announced, and how many it did. */
static struct {
	u32 event, generation;
	unsigned int cpu, count;
} told;

/*
 * Netlink's notify allocates with GFP_KERNEL and may sleep: the recorder
 * does the same, so a callback from atomic context (a spinlock, an early
 * cpuhp state) splats under DEBUG_ATOMIC_SLEEP and lockdep, which fail
 * the suite.
 */
static void record_told(u32 event, unsigned int cpu, u32 generation)
{
	might_sleep();
	kfree(kmalloc(NLMSG_DEFAULT_SIZE, GFP_KERNEL));
	told.event = event;
	told.cpu = cpu;
	told.generation = generation;
	told.count++;
}

static void expect_told(struct kunit *test, unsigned int count, u32 event,
			unsigned int cpu, u32 generation)
{
	KUNIT_EXPECT_EQ_MSG(test, told.count, count, "announcements");
	KUNIT_EXPECT_EQ_MSG(test, told.event, event, "event");
	KUNIT_EXPECT_EQ_MSG(test, told.cpu, cpu, "CPU");
	KUNIT_EXPECT_EQ_MSG(test, told.generation, generation, "generation");
}

static int records_suite_init(struct kunit_suite *suite)
{
	memset(&told, 0, sizeof(told));
	return mdscope_cpu_init(record_told);
}

static void records_suite_exit(struct kunit_suite *suite)
{
	mdscope_cpu_exit();
}

static int records_test_init(struct kunit *test)
{
	if (!hw_sockets || !hw_cores || !hw_threads)
		kunit_skip(test, "no topology: boot with mdscope_kunit.hw_sockets= etc. (tests/kunit/suite)");
	test->priv = kunit_kzalloc(test, sizeof(struct mdscope_record), GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

/* The ids QEMU gives CPU @cpu for -smp sockets=,cores=,threads=. */
static void expect_topology(struct kunit *test, unsigned int cpu,
			    const struct mdscope_record *rec)
{
	KUNIT_EXPECT_EQ_MSG(test, rec->package, cpu / (hw_cores * hw_threads),
			    "CPU %u: package", cpu);
	KUNIT_EXPECT_EQ_MSG(test, rec->core, (cpu / hw_threads) % hw_cores, "CPU %u: core", cpu);
	KUNIT_EXPECT_EQ_MSG(test, rec->thread, cpu % hw_threads, "CPU %u: thread", cpu);
	KUNIT_EXPECT_EQ_MSG(test, rec->die, 0U, "CPU %u: die", cpu);
}

/* At load: every online CPU read, generation 1, topology as configured. */
static void cpu_init_reads_every_online_cpu(struct kunit *test)
{
	struct mdscope_record *rec = test->priv;
	struct mdscope_state st;
	u64 newest = 0, now = ktime_get_real_ns();
	unsigned int cpu;

	mdscope_cpu_state(&st);
	KUNIT_EXPECT_EQ(test, st.generation, 1U);
	KUNIT_EXPECT_EQ(test, st.cpus_possible, num_possible_cpus());
	KUNIT_EXPECT_EQ(test, st.cpus_online, hw_sockets * hw_cores * hw_threads);
	for_each_possible_cpu(cpu) {
		KUNIT_ASSERT_EQ_MSG(test, mdscope_cpu_get(cpu, rec, NULL), 0, "CPU %u", cpu);
		KUNIT_EXPECT_EQ_MSG(test, rec->online, cpu_online(cpu), "CPU %u: online", cpu);
		if (!cpu_online(cpu))
			continue;
		KUNIT_EXPECT_TRUE_MSG(test, rec->read, "CPU %u: not read at load", cpu);
		KUNIT_EXPECT_EQ_MSG(test, rec->generation, 1U, "CPU %u: generation", cpu);
		KUNIT_EXPECT_EQ_MSG(test, rec->regs.id.apic_id, (u32)cpu_physical_id(cpu),
				    "CPU %u: read on another CPU", cpu);
		KUNIT_EXPECT_EQ_MSG(test, rec->regs.microcode.state, (u32)MDSCOPE_REG_STATE_OK,
				    "CPU %u: microcode", cpu);
		KUNIT_EXPECT_GT_MSG(test, rec->read_time, 0ULL, "CPU %u: read time", cpu);
		KUNIT_EXPECT_LE_MSG(test, rec->read_time, now, "CPU %u: read time", cpu);
		expect_topology(test, cpu, rec);
		newest = max(newest, rec->read_time);
	}
	KUNIT_EXPECT_EQ(test, st.read_time, newest);
	KUNIT_EXPECT_EQ_MSG(test, told.count, 0U, "the initial read was announced");
}

static const unsigned int impossible_cpus[] = { 4096, UINT_MAX, INT_MAX + 1U };

static void cpu_get_impossible_cpu_enodev(struct kunit *test)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(impossible_cpus); i++)
		KUNIT_EXPECT_EQ_MSG(test, mdscope_cpu_get(impossible_cpus[i], test->priv, NULL), -ENODEV,
				    "CPU %u", impossible_cpus[i]);
	KUNIT_EXPECT_EQ(test, mdscope_cpu_get(nr_cpu_ids, test->priv, NULL), -ENODEV);
}

/* Offline: marked offline, last read kept, one generation; online: re-read. */
static void cpu_hotplug_offline_online(struct kunit *test)
{
	struct mdscope_record *rec = test->priv;
	unsigned int cpu = cpumask_last(cpu_online_mask);
	struct mdscope_state st;
	unsigned int n = told.count;
	u64 before;
	u32 gen;

	if (cpu == 0)
		kunit_skip(test, "only CPU 0 is online");
	mdscope_cpu_state(&st);
	gen = st.generation;
	KUNIT_ASSERT_EQ(test, mdscope_cpu_get(cpu, rec, NULL), 0);
	before = rec->read_time;

	KUNIT_ASSERT_EQ_MSG(test, remove_cpu(cpu), 0, "cannot offline CPU %u", cpu);
	KUNIT_ASSERT_EQ(test, mdscope_cpu_get(cpu, rec, NULL), 0);
	mdscope_cpu_state(&st);
	KUNIT_EXPECT_FALSE_MSG(test, rec->online, "CPU %u still online", cpu);
	KUNIT_EXPECT_TRUE_MSG(test, rec->read, "CPU %u: last read dropped", cpu);
	KUNIT_EXPECT_EQ_MSG(test, rec->read_time, before, "CPU %u: offline re-read", cpu);
	KUNIT_EXPECT_EQ(test, st.generation, gen + 1);
	KUNIT_EXPECT_EQ_MSG(test, rec->generation, gen + 1, "CPU %u: offline mark", cpu);
	KUNIT_EXPECT_EQ(test, st.cpus_online, num_online_cpus());
	expect_told(test, n + 1, MDSCOPE_EVENT_OFFLINE, cpu, gen + 1);

	KUNIT_ASSERT_EQ_MSG(test, add_cpu(cpu), 0, "cannot online CPU %u again", cpu);
	KUNIT_ASSERT_EQ(test, mdscope_cpu_get(cpu, rec, NULL), 0);
	mdscope_cpu_state(&st);
	KUNIT_EXPECT_TRUE_MSG(test, rec->online, "CPU %u back online", cpu);
	KUNIT_EXPECT_EQ(test, st.generation, gen + 2);
	KUNIT_EXPECT_EQ_MSG(test, rec->generation, gen + 2, "CPU %u: re-read", cpu);
	KUNIT_EXPECT_GE_MSG(test, rec->read_time, before, "CPU %u: re-read time", cpu);
	KUNIT_EXPECT_EQ(test, st.read_time, rec->read_time);
	expect_topology(test, cpu, rec);
	expect_told(test, n + 2, MDSCOPE_EVENT_ONLINE, cpu, gen + 2);
}

/* Refresh: every online CPU re-read, all in one new generation. */
static void cpu_refresh_one_generation(struct kunit *test)
{
	struct mdscope_record *rec = test->priv;
	struct mdscope_state st;
	unsigned int cpu, n = told.count;
	u64 start;
	u32 gen;

	mdscope_cpu_state(&st);
	gen = st.generation;
	start = ktime_get_real_ns();
	KUNIT_ASSERT_EQ(test, mdscope_cpu_refresh(), 0);
	mdscope_cpu_state(&st);
	KUNIT_EXPECT_EQ(test, st.generation, gen + 1);
	expect_told(test, n + 1, MDSCOPE_EVENT_REFRESH, 0, gen + 1);
	KUNIT_EXPECT_GE(test, st.read_time, start);
	for_each_online_cpu(cpu) {
		KUNIT_ASSERT_EQ(test, mdscope_cpu_get(cpu, rec, NULL), 0);
		KUNIT_EXPECT_EQ_MSG(test, rec->generation, gen + 1, "CPU %u", cpu);
		KUNIT_EXPECT_GE_MSG(test, rec->read_time, start, "CPU %u: not re-read", cpu);
		KUNIT_EXPECT_TRUE_MSG(test, rec->online && rec->read, "CPU %u", cpu);
		expect_topology(test, cpu, rec);
	}
}

/* Refreshes in a kthread while the test takes CPUs offline and online. */
struct storm {
	unsigned int refreshes;
	int err;
};

static int refresh_storm(void *arg)
{
	struct storm *st = arg;

	while (!kthread_should_stop()) {
		int err = mdscope_cpu_refresh();

		if (err && !st->err)
			st->err = err;
		st->refreshes++;
		cond_resched();
	}
	return 0;
}

/* Refresh, hotplug and their announcements at once: every generation told
 * in process context, generations only grow, every online CPU re-read. */
static void cpu_refresh_during_hotplug(struct kunit *test)
{
	struct mdscope_record *rec = test->priv;
	unsigned int cpu = cpumask_last(cpu_online_mask), round;
	struct storm st = { 0 };
	struct task_struct *t;
	struct mdscope_state s0, s1;

	if (cpu == 0)
		kunit_skip(test, "only CPU 0 is online");
	mdscope_cpu_state(&s0);
	t = kthread_run(refresh_storm, &st, "mdscope-storm");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	for (round = 0; round < 4; round++) {
		KUNIT_EXPECT_EQ_MSG(test, remove_cpu(cpu), 0, "round %u: offline CPU %u", round, cpu);
		msleep(20);
		KUNIT_EXPECT_EQ_MSG(test, add_cpu(cpu), 0, "round %u: online CPU %u", round, cpu);
		msleep(20);
	}
	kthread_stop(t);
	KUNIT_EXPECT_EQ_MSG(test, st.err, 0, "a refresh failed");
	KUNIT_EXPECT_GT_MSG(test, st.refreshes, 0U, "no refresh ran");
	mdscope_cpu_state(&s1);
	KUNIT_EXPECT_EQ_MSG(test, s1.generation, s0.generation + 8 + st.refreshes,
			    "%u refreshes and 8 hotplug steps", st.refreshes);
	KUNIT_EXPECT_EQ(test, s1.cpus_online, num_online_cpus());
	for_each_online_cpu(cpu) {
		KUNIT_ASSERT_EQ(test, mdscope_cpu_get(cpu, rec, NULL), 0);
		KUNIT_EXPECT_TRUE_MSG(test, rec->online && rec->read, "CPU %u", cpu);
		KUNIT_EXPECT_EQ_MSG(test, rec->regs.id.apic_id, (u32)cpu_physical_id(cpu),
				    "CPU %u: read on another CPU", cpu);
	}
}

static struct kunit_case mdscope_hw_records_cases[] = {
	KUNIT_CASE(cpu_init_reads_every_online_cpu),
	KUNIT_CASE(cpu_get_impossible_cpu_enodev),
	KUNIT_CASE(cpu_hotplug_offline_online),
	KUNIT_CASE(cpu_refresh_one_generation),
	KUNIT_CASE(cpu_refresh_during_hotplug),
	{}
};

static struct kunit_suite mdscope_hw_records_suite = {
	.name = "mdscope_hw_records",
	.suite_init = records_suite_init,
	.suite_exit = records_suite_exit,
	.init = records_test_init,
	.test_cases = mdscope_hw_records_cases,
};

kunit_test_suite(mdscope_hw_records_suite);
