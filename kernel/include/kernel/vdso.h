/*
 * The vDSO (kernel/proc/vdso.c): the image built from
 * kernel/arch/x86_64/vdso/ and embedded in the kernel, mapped by exec into
 * every process as [vvar] (the clock data, read-only) followed by [vdso]
 * (the code), and announced with AT_SYSINFO_EHDR. Boot option vdso=0
 * leaves both out.
 */
#ifndef KERNEL_VDSO_H
#define KERNEL_VDSO_H

#include <kernel/types.h>

struct mm;

/* Once, on the boot CPU, after mm_init and clock_init. */
void vdso_init(void);
/* Every CPU as it comes up: IA32_TSC_AUX = cpu | node << 12 where the CPU
 * has RDTSCP or RDPID (the vDSO's getcpu reads it). */
void vdso_init_cpu(int cpu);
/*
 * Map [vvar] and [vdso] into mm (exec, before the new program runs).
 * Returns the vDSO's address (for AT_SYSINFO_EHDR), 0 when there is no
 * vDSO (vdso=0), or -errno.
 */
long vdso_map(struct mm *mm);
/*
 * The clock (kernel/sched/clock.c) changed its conversion or its realtime
 * offset: publish it to the data page. Callers are serialized by the
 * clock's own lock; usable before vdso_init (kept until then).
 */
void vdso_update_clock(u64 tsc_mult, u32 tsc_shift, s64 realtime_offset);

#endif
