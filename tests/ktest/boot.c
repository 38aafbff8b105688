/*
 * Boot smoke test: what every boot path (PVH, GRUB under BIOS and UEFI)
 * must have produced by the time tests run. The ISO tests run only this.
 */
#include <kernel/acpi.h>
#include <kernel/boot.h>
#include <kernel/clock.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>

KTEST(boot_smoke)
{
	u64 t0, t1;

	KT_ASSERT(boot_info.nr_mem > 0);
	KT_ASSERT(cmdline_get("ktest") != NULL);
	KT_ASSERT_MSG(nr_cpus == (acpi.nr_cpus ? acpi.nr_cpus : 1),
		      "%d of %d CPUs online", nr_cpus, acpi.nr_cpus);
	for (int i = 0; i < nr_cpus; i++)
		KT_ASSERT(cpu_data(i) && cpu_data(i)->online);
	KT_ASSERT(pmm_free_pages() > 0 && pmm_free_pages() <= pmm_total_pages());
	t0 = ktime_get_ns();
	msleep(2);
	t1 = ktime_get_ns();
	KT_ASSERT_MSG(t1 - t0 >= 2 * NSEC_PER_MSEC, "slept %llu ns", (unsigned long long)(t1 - t0));
	/* The RTC was read: some time after 2024-01-01. */
	KT_ASSERT(ktime_get_real_ns() / NSEC_PER_SEC > 1704067200ULL);
}
