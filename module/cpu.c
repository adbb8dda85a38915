// SPDX-License-Identifier: GPL-2.0
/*
 * Which CPUs, their topology, and the records kept for them. Reads happen
 * at load and on hotplug (one cpuhp state) and on an explicit refresh;
 * readers of the records never touch hardware. Each new generation is told
 * to the callback given to mdscope_cpu_init() (main.c wires netlink's
 * notify): the store knows nothing of who listens.
 */
#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/cpumask.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/topology.h>
#include <linux/mdscope.h>

#include "compat.h"
#include "cpu.h"

static struct mdscope_record *records;	/* nr_cpu_ids entries */
static DEFINE_MUTEX(records_lock);	/* records, generation, last_read */
static u32 generation = 1;	/* the initial read is generation 1 */
static u64 last_read;
static bool ready;			/* initial read done: count and announce */
static enum cpuhp_state hp_state;
static mdscope_cpu_notify_t notify;	/* set before the first read */

static u32 thread_index(unsigned int cpu)
{
	const struct cpumask *siblings = topology_sibling_cpumask(cpu);
	unsigned int i;
	u32 n = 0;

	for_each_cpu(i, siblings) {
		if (i == cpu)
			break;
		n++;
	}
	return n;
}

/* Read @cpu (online, hotplug excluded by the caller) into @rec. */
static int read_one(unsigned int cpu, struct mdscope_record *rec)
{
	int err;

	err = mdscope_read_regs(&mdscope_hw, cpu, &rec->regs);
	if (err)
		return err;
	rec->package = topology_physical_package_id(cpu);
	rec->die = topology_die_id(cpu);
	rec->core = topology_core_id(cpu);
	rec->thread = thread_index(cpu);
	rec->online = true;
	rec->read = true;
	rec->read_time = ktime_get_real_ns();
	return 0;
}

/* Store @rec for @cpu (NULL: mark it offline); returns the generation. */
static u32 store(unsigned int cpu, const struct mdscope_record *rec)
{
	u32 gen;

	mutex_lock(&records_lock);
	if (READ_ONCE(ready))
		generation++;
	gen = generation;
	if (rec) {
		records[cpu] = *rec;
		records[cpu].generation = gen;
		last_read = rec->read_time;
	} else {
		records[cpu].online = false;
		records[cpu].generation = gen;
	}
	mutex_unlock(&records_lock);
	return gen;
}

/* Tell the callback about generation @gen, once the initial read is done. */
static void announce(u32 event, unsigned int cpu, u32 gen)
{
	if (READ_ONCE(ready) && notify)
		notify(event, cpu, gen);
}

static int cpu_online_cb(unsigned int cpu)
{
	struct mdscope_record *rec;
	int err;
	u32 gen;

	rec = kzalloc(sizeof(*rec), GFP_KERNEL);
	if (!rec)
		return -ENOMEM;
	err = read_one(cpu, rec);
	if (err) {
		pr_warn("cannot read CPU %u: %d\n", cpu, err);
		kfree(rec);
		return 0;	/* never block a CPU from coming online */
	}
	gen = store(cpu, rec);
	kfree(rec);
	announce(MDSCOPE_EVENT_ONLINE, cpu, gen);
	return 0;
}

static int cpu_offline_cb(unsigned int cpu)
{
	announce(MDSCOPE_EVENT_OFFLINE, cpu, store(cpu, NULL));
	return 0;
}

/**
 * mdscope_cpu_get() - copy the record of @cpu
 * @cpu: logical CPU number, as userspace sent it
 * @rec: where to copy the record
 * @gen: if not NULL, the current generation, taken with the copy
 *
 * Return: 0, or -ENODEV when @cpu is not a possible CPU.
 */
int mdscope_cpu_get(unsigned int cpu, struct mdscope_record *rec, u32 *gen)
{
	if (cpu >= nr_cpu_ids || !cpu_possible(cpu))
		return -ENODEV;
	mutex_lock(&records_lock);
	*rec = records[cpu];
	if (gen)
		*gen = generation;
	mutex_unlock(&records_lock);
	return 0;
}

void mdscope_cpu_state(struct mdscope_state *st)
{
	mutex_lock(&records_lock);
	st->generation = generation;
	st->read_time = last_read;
	mutex_unlock(&records_lock);
	st->cpus_possible = num_possible_cpus();
	st->cpus_online = num_online_cpus();
}

/**
 * mdscope_cpu_refresh() - re-read every online CPU, as one new generation
 *
 * Every CPU is read first; the new records and the new generation are then
 * stored in one critical section, so a reader never sees a mix of old and
 * new records under one generation.
 *
 * Return: 0 or -errno.
 */
int mdscope_cpu_refresh(void)
{
	struct mdscope_record *fresh;
	unsigned int cpu;
	int err = 0;
	u32 gen;

	fresh = kvcalloc(nr_cpu_ids, sizeof(*fresh), GFP_KERNEL);
	if (!fresh)
		return -ENOMEM;
	cpus_read_lock();
	for_each_online_cpu(cpu) {
		err = read_one(cpu, &fresh[cpu]);
		if (err)
			goto out;
	}
	mutex_lock(&records_lock);
	gen = ++generation;
	for_each_online_cpu(cpu) {
		records[cpu] = fresh[cpu];
		records[cpu].generation = gen;
		last_read = max(last_read, fresh[cpu].read_time);
	}
	mutex_unlock(&records_lock);
out:
	cpus_read_unlock();
	kvfree(fresh);
	if (!err)
		announce(MDSCOPE_EVENT_REFRESH, 0, gen);
	return err;
}

/**
 * mdscope_cpu_init() - read every online CPU, then follow hotplug
 * @on_generation: called after each new generation (hotplug, refresh; not
 *	the initial read), in process context without the records lock; NULL
 *	for nobody
 *
 * Return: 0 or -errno.
 */
int mdscope_cpu_init(mdscope_cpu_notify_t on_generation)
{
	int ret;

	notify = on_generation;
	records = kcalloc(nr_cpu_ids, sizeof(*records), GFP_KERNEL);
	if (!records)
		return -ENOMEM;
	/* Reads every online CPU now, then follows hotplug. */
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "x86/mdscope:online",
				cpu_online_cb, cpu_offline_cb);
	if (ret < 0)
		goto err_free;
	hp_state = ret;
	WRITE_ONCE(ready, true);
	return 0;

err_free:
	kfree(records);
	return ret;
}

void mdscope_cpu_exit(void)
{
	WRITE_ONCE(ready, false);
	cpuhp_remove_state(hp_state);
	kfree(records);
	notify = NULL;
}
