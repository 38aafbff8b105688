/*
 * ACPI tables, read once at boot (before mm_init, while the boot page tables
 * map the low 4 GiB where firmware keeps them). What later code needs is
 * copied into plain structures here; nothing keeps pointers into firmware
 * memory.
 */
#ifndef KERNEL_ACPI_H
#define KERNEL_ACPI_H

#include <kernel/percpu.h>
#include <kernel/types.h>

#define ACPI_MAX_IOAPICS 8
#define ACPI_MAX_OVERRIDES 16
#define ACPI_MAX_MCFG 4

struct acpi_ioapic {
	u32 id;
	u32 phys;
	u32 gsi_base;
};

struct acpi_override {
	u8 isa_irq;
	u32 gsi;
	u16 flags;          /* MPS INTI flags: polarity bits 0-1, trigger bits 2-3 */
};

struct acpi_mcfg {
	u64 base;
	u16 segment;
	u8 bus_start, bus_end;
};

struct acpi_info {
	bool found;
	u8 revision;
	char oem_id[7];
	u64 lapic_phys;
	u32 cpu_apic_ids[MAX_CPUS];
	int nr_cpus;
	struct acpi_ioapic ioapics[ACPI_MAX_IOAPICS];
	int nr_ioapics;
	struct acpi_override overrides[ACPI_MAX_OVERRIDES];
	int nr_overrides;
	bool pic_present;   /* MADT PCAT_COMPAT */
	struct acpi_mcfg mcfg[ACPI_MAX_MCFG];
	int nr_mcfg;
	/* FADT: power off and reset */
	u32 pm1a_cnt, pm1b_cnt;
	u8 reset_space;     /* 1: I/O port */
	u64 reset_addr;
	u8 reset_value;
	u16 sci_irq;
};

extern struct acpi_info acpi;

void acpi_init(void);

#endif
