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
void ktime_set_real_ns(u64 ns);
u64 tsc_khz_get(void);
u64 tsc_to_ns(u64 tsc);
void ndelay(u64 ns);                 /* busy wait */
static inline void udelay(u64 us) { ndelay(us * 1000); }
static inline void mdelay(u64 ms) { ndelay(ms * 1000000); }

#endif
