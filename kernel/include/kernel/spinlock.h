/*
 * Ticket spinlocks: FIFO-fair, so no CPU starves under contention. Holding a
 * spinlock disables preemption; use the _irqsave forms for any lock that an
 * interrupt handler also takes. Never sleep while holding one.
 */
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include <asm/x86.h>
#include <kernel/preempt.h>
#include <kernel/types.h>

typedef struct spinlock {
	u16 owner;          /* ticket now served */
	u16 next;           /* next ticket to hand out */
	int holder_cpu;     /* for diagnostics: -1 when free */
	const char *name;
} spinlock_t;

#define SPINLOCK_INIT(n) { .owner = 0, .next = 0, .holder_cpu = -1, .name = (n) }
#define DEFINE_SPINLOCK(x) spinlock_t x = SPINLOCK_INIT(#x)

static inline void spin_lock_init(spinlock_t *l, const char *name)
{
	l->owner = 0;
	l->next = 0;
	l->holder_cpu = -1;
	l->name = name;
}

static __always_inline void arch_spin_lock(spinlock_t *l)
{
	u16 me = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);
	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != me)
		cpu_relax();
}

static __always_inline bool arch_spin_trylock(spinlock_t *l)
{
	u16 owner = __atomic_load_n(&l->owner, __ATOMIC_RELAXED);
	u32 old = ((u32)owner << 16) | owner;   /* free: next == owner */
	u32 new = ((u32)(u16)(owner + 1) << 16) | owner;
	/* owner is the low half, next the high half of the first 32 bits. */
	return __atomic_compare_exchange_n((u32 *)l, &old, new, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static __always_inline void arch_spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->owner, (u16)(l->owner + 1), __ATOMIC_RELEASE);
}

static __always_inline void spin_lock(spinlock_t *l)
{
	preempt_disable();
	arch_spin_lock(l);
	l->holder_cpu = smp_processor_id();
}

static __always_inline bool spin_trylock(spinlock_t *l)
{
	preempt_disable();
	if (arch_spin_trylock(l)) {
		l->holder_cpu = smp_processor_id();
		return true;
	}
	preempt_enable();
	return false;
}

static __always_inline void spin_unlock(spinlock_t *l)
{
	l->holder_cpu = -1;
	arch_spin_unlock(l);
	preempt_enable();
}

static __always_inline bool spin_is_locked(spinlock_t *l)
{
	return __atomic_load_n(&l->owner, __ATOMIC_RELAXED) != __atomic_load_n(&l->next, __ATOMIC_RELAXED);
}

static __always_inline bool spin_held_by_me(spinlock_t *l)
{
	return spin_is_locked(l) && l->holder_cpu == smp_processor_id();
}

#define spin_lock_irqsave(l, flags)          \
	do {                                 \
		(flags) = local_irq_save();  \
		spin_lock(l);                \
	} while (0)

static __always_inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	l->holder_cpu = -1;
	arch_spin_unlock(l);
	local_irq_restore(flags);
	preempt_enable();
}

static __always_inline void spin_lock_irq(spinlock_t *l)
{
	local_irq_disable();
	spin_lock(l);
}

static __always_inline void spin_unlock_irq(spinlock_t *l)
{
	l->holder_cpu = -1;
	arch_spin_unlock(l);
	local_irq_enable();
	preempt_enable();
}

#endif
