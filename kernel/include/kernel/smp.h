/*
 * Multiprocessor support: bringing up the application processors found in
 * the ACPI MADT, and cross-CPU calls over IPIs.
 */
#ifndef KERNEL_SMP_H
#define KERNEL_SMP_H

#include <kernel/percpu.h>
#include <kernel/types.h>

void smp_boot_aps(void);             /* starts every CPU in the MADT; returns when they are online */
void smp_send_reschedule(int cpu);
/* Run fn(arg) on every other online CPU (interrupts off there); wait: until all have returned. */
void smp_call_function(void (*fn)(void *), void *arg, bool wait);
/* Run fn(arg) on cpu (directly if it is this one). */
void smp_call_function_single(int cpu, void (*fn)(void *), void *arg, bool wait);
/* Invalidate [start, end) of the kernel address space on every CPU. */
void tlb_shootdown_kernel(unsigned long start, unsigned long end);
void smp_stop_other_cpus(void);      /* panic and power-off */
/* Interrupt this CPU as soon as interrupts are on again, to run the
 * deferred work (printk_irq_work): callable under any lock. */
void smp_send_self_work(void);

extern u32 cpu_apic_ids[MAX_CPUS];   /* from the MADT */
extern int nr_cpus_possible;

#endif
