/*
 * The vDSO's data page ([vvar]): the layout shared by the kernel, which
 * writes it (kernel/proc/vdso.c), and the vDSO, which reads it through its
 * read-only user mapping one page below its own text
 * (kernel/arch/x86_64/vdso/vdso.c). Fixed-size types only: this header is
 * compiled both into the kernel and into the user-mode image.
 *
 * The kernel's clocks (kernel/sched/clock.c) are all TSC-based, with no
 * per-CPU offsets (every CPU reads the same, synchronized TSC):
 *     monotonic ns = rdtsc() * tsc_mult >> tsc_shift   (128-bit product)
 *     realtime ns  = monotonic ns + realtime_offset
 * so the vDSO computes exactly what the syscalls do, to the nanosecond.
 * The coarse clocks are the fine ones rounded down to coarse_ns (the tick
 * Linux would have; the kernel is tickless, so the syscalls round the
 * same way rather than sample the time at a tick).
 *
 * Writers hold the kernel's clock lock and bump seq around an update (odd
 * while it is in progress, as Linux's vdso_data.seq); readers retry while
 * seq is odd or changed under them.
 */
#ifndef VDSO_VVAR_H
#define VDSO_VVAR_H

#include <stdint.h>

/* clock_mode: how the vDSO may read the clocks. */
#define VDSO_CLOCK_NONE 0       /* not at all: every call is the syscall */
#define VDSO_CLOCK_TSC  1       /* rdtsc + the conversion below */

/* getcpu_mode: where the vDSO finds the CPU number. IA32_TSC_AUX holds
 * cpu | node << 12 on every CPU, as Linux sets it. */
#define VDSO_GETCPU_SYSCALL 0
#define VDSO_GETCPU_RDTSCP  1
#define VDSO_GETCPU_RDPID   2

struct vdso_data {
	uint32_t seq;               /* odd: an update is in progress */
	uint32_t clock_mode;        /* VDSO_CLOCK_* */
	uint64_t tsc_mult;          /* monotonic ns = tsc * tsc_mult >> tsc_shift */
	uint32_t tsc_shift;
	uint32_t getcpu_mode;       /* VDSO_GETCPU_*; fixed at boot */
	int64_t realtime_offset;    /* realtime ns = monotonic ns + this */
	uint64_t coarse_ns;         /* the coarse clocks' resolution (a tick) */
	uint64_t hres_ns;           /* the other clocks' resolution (1 ns) */
};

#endif
