/*
 * Per-CPU data, reached through the GS base in kernel mode. Each CPU has one
 * struct percpu; gs:0 points at it, so this_cpu() is a single load. The first
 * fields have fixed offsets because assembly (syscall entry, interrupt entry)
 * uses them: keep PERCPU_* below in step with the struct.
 */
#ifndef KERNEL_PERCPU_H
#define KERNEL_PERCPU_H

#define PERCPU_SELF        0
#define PERCPU_KERNEL_RSP  8
#define PERCPU_USER_RSP    16
#define PERCPU_CURRENT     24
#define PERCPU_PREEMPT     32

#define MAX_CPUS 64

#ifndef __ASSEMBLER__
#include <kernel/types.h>

struct task;
struct runqueue;
struct tss;

struct percpu {
	struct percpu *self;        /* gs:0 */
	unsigned long kernel_rsp;   /* gs:8: top of the current task's kernel stack */
	unsigned long user_rsp;     /* gs:16: scratch for syscall entry */
	struct task *current;       /* gs:24 */
	int preempt_count;          /* gs:32: >0: no preemption (spinlocks, irq) */
	int cpu;                    /* logical number, 0 = boot CPU */
	u32 apic_id;
	bool online;
	volatile bool need_resched; /* set by wakeups and the tick, read on irq return */
	int irq_depth;              /* nested hardware interrupts being handled */
	struct runqueue *rq;
	struct task *idle;
	struct tss *tss;
	void *gdt;
	u64 lapic_ticks_per_ms;     /* APIC timer calibration */
	u64 irq_count;              /* interrupts taken on this CPU */
	void *ist_stacks[3];         /* double fault, NMI, machine check */
	void *boot_stack;            /* the AP's first stack (becomes its idle task's) */
	unsigned long user_fsbase;   /* what MSR_FS_BASE holds now */
	unsigned long user_gsbase;   /* what MSR_KERNEL_GS_BASE holds now (in kernel mode) */
};

extern struct percpu *percpu_ptrs[MAX_CPUS];
extern int nr_cpus;             /* CPUs brought online */

static __always_inline struct percpu *this_cpu(void)
{
	struct percpu *p;
	__asm__ __volatile__("movq %%gs:0, %0" : "=r"(p));
	return p;
}

static __always_inline int smp_processor_id(void) { return this_cpu()->cpu; }

static __always_inline struct task *get_current(void)
{
	struct task *t;
	__asm__ __volatile__("movq %%gs:24, %0" : "=r"(t));
	return t;
}
#define current get_current()

static inline struct percpu *cpu_data(int cpu) { return percpu_ptrs[cpu]; }

/* Installs p as this CPU's per-CPU area (sets GS base). */
void percpu_install(struct percpu *p);

#endif
#endif
