/*
 * Kernel timers: call fn(t) in interrupt context on the CPU that armed the
 * timer, at or shortly after expires (monotonic ns). Each CPU keeps its
 * timers ordered and programs the local APIC one-shot for the earliest one
 * (or the end of the current time slice, whichever comes first): no
 * periodic tick when idle.
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include <kernel/rbtree.h>
#include <kernel/types.h>

struct ktimer {
	u64 expires;                 /* monotonic ns */
	void (*fn)(struct ktimer *t);
	struct rb_node node;         /* in its CPU's timer tree */
	int cpu;                     /* -1 when not armed */
	void *data;
};

void timer_setup(struct ktimer *t, void (*fn)(struct ktimer *t), void *data);
/* (Re)arm on this CPU. */
void timer_arm(struct ktimer *t, u64 expires_ns);
/* Returns true if it was pending. After return the callback is not running
 * on another CPU and will not run. */
bool timer_cancel(struct ktimer *t);
bool timer_pending(const struct ktimer *t);

/* Called by the APIC timer interrupt: runs expired timers, reprograms. */
void timer_interrupt(void);
/* Recompute the next one-shot deadline on this CPU. */
void timer_reprogram(void);
void timers_init_cpu(void);

#endif
