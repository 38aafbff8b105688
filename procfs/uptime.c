/*
 * /proc/uptime: seconds since boot and the summed idle time of all CPUs,
 * with two decimals; and the per-CPU busy/idle split /proc/stat shows.
 */
#include "internal.h"

static u64 last_idle[MAX_CPUS], last_busy[MAX_CPUS];

/* The task CPU p runs now (percpu->current, which the macro hides). */
#pragma push_macro("current")
#undef current
static struct task *cpu_curr(struct percpu *p)
{
	return READ_ONCE(p->current);
}
#pragma pop_macro("current")

/* Raise *slot to v (never lower it); the value now in it. */
static u64 monotonic(u64 *slot, u64 v)
{
	u64 old = __atomic_load_n(slot, __ATOMIC_RELAXED);

	while (v > old && !__atomic_compare_exchange_n(slot, &old, v, false, __ATOMIC_RELAXED,
						       __ATOMIC_RELAXED))
		;
	return v > old ? v : old;
}

void proc_cpu_time(int cpu, u64 now, u64 *busy, u64 *idle)
{
	struct percpu *p = percpu_ptrs[cpu];
	struct task *it = p ? READ_ONCE(p->idle) : NULL;
	u64 i = 0;

	/* The idle task is charged when the CPU leaves it; add the stretch it
	 * is in now. Read without the run-queue lock: a torn pair of reads is
	 * absorbed by keeping both figures monotonic (top and vmstat print
	 * differences between two reads). */
	if (it) {
		i = READ_ONCE(it->sum_exec_ns);
		if (cpu_curr(p) == it) {
			u64 start = READ_ONCE(it->exec_start_ns);

			if (now > start)
				i += now - start;
		}
	}
	if (i > now)
		i = now;
	*idle = monotonic(&last_idle[cpu], i);
	*busy = monotonic(&last_busy[cpu], now - i);
}

int proc_uptime_show(struct seq_file *m, struct proc_inode *pi)
{
	u64 up = ktime_get_ns(), idle = 0;

	for (int c = 0; c < nr_cpus; c++) {
		u64 b, i;

		proc_cpu_time(c, up, &b, &i);
		idle += i;
	}
	seq_printf(m, "%llu.%02llu %llu.%02llu\n", (unsigned long long)(up / 1000000000ULL),
		   (unsigned long long)(up / 10000000ULL % 100),
		   (unsigned long long)(idle / 1000000000ULL),
		   (unsigned long long)(idle / 10000000ULL % 100));
	return 0;
}
