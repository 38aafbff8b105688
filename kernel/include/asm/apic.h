/*
 * Local APIC and I/O APIC bring-up (kernel/arch/x86_64/apic.c).
 */
#ifndef ASM_APIC_H
#define ASM_APIC_H

#include <kernel/types.h>

void pic_disable(void);
void lapic_init_bsp(void);     /* after mm_init (ioremap) and clock_init */
void lapic_init_cpu(void);     /* every CPU, the BSP included */
void ioapic_init(void);
bool lapic_tsc_deadline(void);
/* INIT and STARTUP IPIs for SMP bring-up. */
void lapic_send_init(u32 apic_id);
void lapic_send_startup(u32 apic_id, u8 page);
void lapic_send_nmi_all_but_self(void);
bool lapic_ipi_idle(void);

#endif
