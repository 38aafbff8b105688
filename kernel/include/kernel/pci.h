/*
 * PCI (kernel/drivers/pci.c): configuration space access (ECAM from the
 * ACPI MCFG table when there is one, ports 0xCF8/0xCFC otherwise), bus
 * enumeration at boot, BARs, the capability list, interrupts (MSI-X, then
 * MSI, then legacy INTx, always delivered to the boot CPU's local APIC) and
 * a small driver registry: a driver lists the (vendor, device) pairs it
 * takes and pci_init() calls its probe for every matching function.
 *
 * Devices are found once, at boot; there is no hotplug and no removal, so
 * struct pci_dev lives forever and its fields (apart from the interrupt
 * state, which only its driver touches) never change after enumeration.
 */
#ifndef KERNEL_PCI_H
#define KERNEL_PCI_H

#include <kernel/irq.h>
#include <kernel/list.h>
#include <kernel/types.h>

/* Configuration space registers (type 0 and 1 headers) */
#define PCI_VENDOR_ID        0x00
#define PCI_DEVICE_ID        0x02
#define PCI_COMMAND          0x04
#define  PCI_COMMAND_IO          0x0001
#define  PCI_COMMAND_MEMORY      0x0002
#define  PCI_COMMAND_MASTER      0x0004
#define  PCI_COMMAND_INTX_DISABLE 0x0400
#define PCI_STATUS           0x06
#define  PCI_STATUS_CAP_LIST     0x0010
#define PCI_REVISION_ID      0x08
#define PCI_CLASS_PROG       0x09
#define PCI_CLASS_DEVICE     0x0a    /* class << 8 | subclass */
#define PCI_HEADER_TYPE      0x0e
#define PCI_BAR0             0x10
#define  PCI_BAR_IO              0x1
#define  PCI_BAR_MEM_TYPE_64     0x4
#define  PCI_BAR_MEM_PREFETCH    0x8
#define PCI_PRIMARY_BUS      0x18    /* type 1 */
#define PCI_SECONDARY_BUS    0x19
#define PCI_SUBORDINATE_BUS  0x1a
#define PCI_SUBSYSTEM_VENDOR_ID 0x2c /* type 0 */
#define PCI_SUBSYSTEM_ID     0x2e
#define PCI_CAPABILITY_LIST  0x34
#define PCI_INTERRUPT_LINE   0x3c
#define PCI_INTERRUPT_PIN    0x3d

/* Capability IDs */
#define PCI_CAP_ID_MSI       0x05
#define PCI_CAP_ID_VNDR      0x09
#define PCI_CAP_ID_EXP       0x10
#define PCI_CAP_ID_MSIX      0x11

#define PCI_ANY_ID 0xffff
#define PCI_NUM_BARS 6

struct pci_bar {
	u64 addr;          /* bus (= physical) address; 0 if unassigned */
	u64 size;          /* 0: the BAR is not implemented */
	bool io;           /* I/O ports rather than memory */
	bool is64;         /* takes this slot and the next */
	bool prefetch;
};

enum pci_irq_type { PCI_IRQ_NONE, PCI_IRQ_INTX, PCI_IRQ_MSI, PCI_IRQ_MSIX };

/* Flags for pci_alloc_irq_vectors: which kinds may be used. */
#define PCI_IRQ_ALLOW_INTX 0x1
#define PCI_IRQ_ALLOW_MSI  0x2
#define PCI_IRQ_ALLOW_MSIX 0x4
#define PCI_IRQ_ALLOW_ALL  0x7

struct pci_driver;

struct pci_dev {
	struct list_head list;       /* pci_devices, in bus order */
	char name[16];               /* "0000:00:04.0" */
	u16 segment;
	u8 bus, slot, func;
	u16 vendor, device;
	u16 subsystem_vendor, subsystem_device;
	u8 class, subclass, prog_if, revision;
	u8 hdr_type;                 /* without the multi-function bit */
	u8 irq_line, irq_pin;        /* as firmware left them; pin 0: none */
	struct pci_bar bar[PCI_NUM_BARS];

	/* Interrupts: the driver's (pci_alloc_irq_vectors .. pci_free_irq_vectors) */
	enum pci_irq_type irq_type;
	int nr_irqs;
	int *irq_vectors;            /* CPU vector per index (MSI-X/MSI) */
	u8 msi_cap, msix_cap;        /* capability offsets, 0 if absent */
	volatile u32 *msix_table;
	u16 msix_table_size;

	const struct pci_driver *driver;   /* bound driver, or NULL */
	void *driver_data;
};

struct pci_device_id {
	u16 vendor, device;          /* PCI_ANY_ID matches any */
};

struct pci_driver {
	const char *name;
	const struct pci_device_id *id_table;   /* ends with vendor 0 */
	/* 0: the driver owns the device; -ENODEV: not ours after all (the
	 * next driver is tried); other errors are logged. */
	int (*probe)(struct pci_dev *dev, const struct pci_device_id *id);
};

/* Drivers declare themselves with PCI_DRIVER(var); pci_init finds them in
 * the pci_drivers section (no registration call, no init order). */
#define PCI_DRIVER(drv) \
	static const struct pci_driver *const __pci_driver_##drv __used \
		__section("pci_drivers") __aligned(8) = &(drv)

/* Enumerate every bus, log each function, probe drivers. Once, at boot,
 * from process context (drivers may sleep in probe). */
void pci_init(void);

/* Every function found, in bus order; fn returns non-zero to stop. */
int pci_for_each_dev(int (*fn)(struct pci_dev *dev, void *arg), void *arg);
struct pci_dev *pci_get_slot(u16 segment, u8 bus, u8 slot, u8 func);

/* Configuration space. Offsets past 255 need ECAM (0xffffffff / no effect
 * otherwise); misaligned offsets are refused the same way. */
u8 pci_read_config8(struct pci_dev *dev, unsigned off);
u16 pci_read_config16(struct pci_dev *dev, unsigned off);
u32 pci_read_config32(struct pci_dev *dev, unsigned off);
void pci_write_config8(struct pci_dev *dev, unsigned off, u8 v);
void pci_write_config16(struct pci_dev *dev, unsigned off, u16 v);
void pci_write_config32(struct pci_dev *dev, unsigned off, u32 v);
/* Through ECAM (true) or ports (false). */
bool pci_uses_ecam(struct pci_dev *dev);

/* Turn on memory and I/O decoding for the BARs the device has. */
void pci_enable_device(struct pci_dev *dev);
/* Let the device do DMA. */
void pci_set_master(struct pci_dev *dev);

/* Offset of the first capability with this ID (0: none); pci_find_next_cap
 * continues after the one at pos. Loops and bad pointers end the walk. */
u8 pci_find_cap(struct pci_dev *dev, u8 id);
u8 pci_find_next_cap(struct pci_dev *dev, u8 pos, u8 id);

/* Map len bytes at off inside a memory BAR, uncached. NULL when the BAR
 * is I/O, unassigned or too small. */
void *pci_iomap(struct pci_dev *dev, int bar, u64 off, u64 len);

/*
 * Interrupts. pci_alloc_irq_vectors asks for between min and max vectors,
 * trying MSI-X (max, then min), then MSI (one vector), then INTx (one,
 * possibly shared with other devices), as flags allow; returns how many it
 * got, or -errno. Each index then gets a handler with pci_request_irq.
 * A handler on a shared INTx line must tolerate being called for another
 * device's interrupt. pci=nomsi on the command line disables MSI/MSI-X.
 */
int pci_alloc_irq_vectors(struct pci_dev *dev, int min, int max, unsigned flags);
int pci_request_irq(struct pci_dev *dev, int index, irq_handler_t handler, void *arg,
		    const char *name);
void pci_free_irq_vectors(struct pci_dev *dev);
const char *pci_irq_type_name(enum pci_irq_type t);

#endif
