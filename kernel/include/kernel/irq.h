/*
 * Interrupt vectors and handler registration. Exceptions are vectors 0-31;
 * ISA IRQs are routed through the I/O APIC to IRQ_ISA_BASE + irq; the top of
 * the vector space holds the local APIC timer, IPIs and the spurious vector.
 * Handlers run with interrupts off; the entry code sends EOI afterwards.
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include <asm/ptrace.h>
#include <kernel/types.h>

#define IRQ_ISA_BASE        0x20    /* ISA IRQ n -> vector 0x20 + n */
#define IRQ_DYNAMIC_BASE    0x30    /* irq_alloc_vector() hands out from here (MSI) */
#define IRQ_DYNAMIC_END     0xe0
#define VEC_LAPIC_TIMER     0xec
#define VEC_IPI_WORK        0xfa    /* self: work deferred from where it cannot run (printk's wakeups) */
#define VEC_IPI_CALL        0xfb    /* smp_call_function */
#define VEC_IPI_RESCHED     0xfc
#define VEC_IPI_TLB         0xfd
#define VEC_IPI_STOP        0xfe    /* panic: stop this CPU */
#define VEC_SPURIOUS        0xff

#define irq_frame pt_regs
typedef void (*irq_handler_t)(struct pt_regs *regs, void *arg);

void irq_init(void);                 /* IDT, on the boot CPU */
void irq_init_cpu(void);             /* load the IDT on this CPU */
int irq_register_vector(int vector, irq_handler_t h, void *arg, const char *name);
/* Route ISA IRQ n through the I/O APIC (to the boot CPU) and register h. */
int irq_register_isa(int isa_irq, irq_handler_t h, void *arg, const char *name);
int irq_alloc_vector(void);          /* -ENOSPC when none is free */
bool in_interrupt(void);             /* running a hardware interrupt handler */

/* Local APIC (kernel/arch/x86_64/apic.c) */
void lapic_eoi(void);
u32 lapic_id(void);
void lapic_send_ipi(u32 apic_id, u8 vector);
void lapic_send_ipi_all_but_self(u8 vector);
/* One-shot timer: fire VEC_LAPIC_TIMER on this CPU after ns (0 = cancel). */
void lapic_timer_oneshot(u64 ns);

/* I/O APIC */
void ioapic_route(int gsi, u8 vector, u32 dest_apic_id, bool level, bool active_low);
void ioapic_mask(int gsi, bool mask);
int isa_irq_to_gsi(int isa_irq, bool *level, bool *active_low);

#endif
