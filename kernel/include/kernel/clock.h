/*
 * Clocks. The TSC (calibrated against the PIT at boot) is the clock source:
 * ktime_get_ns() is monotonic nanoseconds since boot; the realtime clock is
 * the CMOS RTC read at boot plus the monotonic clock (settable later).
 */
#ifndef KERNEL_CLOCK_H
#define KERNEL_CLOCK_H

#include <kernel/types.h>

#define NSEC_PER_USEC 1000ULL
#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_SEC  1000000000ULL

void clock_init(void);               /* boot CPU, before interrupts */
u64 ktime_get_ns(void);              /* monotonic since boot */
u64 ktime_get_real_ns(void);         /* since the Unix epoch */
/* The _COARSE clocks: the above rounded down to a tick of Linux's HZ=250
 * (kernel/sched/clock.c says why), as the vDSO computes them. */
#define CLOCK_COARSE_NS (4 * NSEC_PER_MSEC)
u64 ktime_get_coarse_ns(void);
u64 ktime_get_real_coarse_ns(void);
void ktime_set_real_ns(u64 ns);
u64 tsc_khz_get(void);
u64 tsc_to_ns(u64 tsc);
void ndelay(u64 ns);                 /* busy wait */
static inline void udelay(u64 us) { ndelay(us * 1000); }
static inline void mdelay(u64 ms) { ndelay(ms * 1000000); }

#endif
