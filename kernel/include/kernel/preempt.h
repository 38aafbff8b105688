/*
 * Preemption control. A task is preemptible when its CPU's preempt_count
 * is zero and interrupts are on; spinlocks and interrupt handlers raise the
 * count. preempt_enable() reschedules at once if a wakeup asked for it.
 */
#ifndef KERNEL_PREEMPT_H
#define KERNEL_PREEMPT_H

#include <kernel/percpu.h>

void preempt_schedule(void);

static __always_inline void preempt_disable(void)
{
	__asm__ __volatile__("incl %%gs:32" ::: "memory");
}

static __always_inline void preempt_enable_no_resched(void)
{
	__asm__ __volatile__("decl %%gs:32" ::: "memory");
}

static __always_inline int preempt_count(void)
{
	int c;
	__asm__ __volatile__("movl %%gs:32, %0" : "=r"(c));
	return c;
}

static __always_inline void preempt_enable(void)
{
	preempt_enable_no_resched();
	if (unlikely(this_cpu()->need_resched) && preempt_count() == 0)
		preempt_schedule();
}

#endif
