/*
 * PCI: configuration space, enumeration, BARs, capabilities, interrupts
 * and the driver registry (see kernel/include/kernel/pci.h).
 *
 * Configuration space is reached through ECAM (memory-mapped, 4 KiB per
 * function) when the ACPI MCFG table describes the segment and bus, else
 * through the legacy ports 0xCF8/0xCFC (segment 0, first 256 bytes). Each
 * ECAM bus (1 MiB) is ioremapped when enumeration first touches it.
 *
 * Enumeration starts at bus 0 (and the first bus of every MCFG range) and
 * follows PCI-to-PCI bridges to the secondary buses the firmware numbered;
 * we do not renumber buses or move BARs: firmware (SeaBIOS, OVMF) assigned
 * them. XXX: Linux reassigns resources firmware left unassigned.
 *
 * Interrupts go to the boot CPU's local APIC in fixed, edge mode (MSI and
 * MSI-X) or through the I/O APIC (INTx: the interrupt line firmware wrote
 * into config space is an ISA IRQ number; the MADT override for it gives
 * the GSI and polarity). XXX: Linux routes INTx from the ACPI _PRT, which
 * needs an AML interpreter; the firmware's line is right under SeaBIOS and
 * OVMF on QEMU's pc and q35 machines. Several devices may share an INTx
 * line: every handler on it is called.
 */
#include <asm/x86.h>
#include <kernel/acpi.h>
#include <kernel/boot.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/paging.h>
#include <kernel/pci.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <stdio.h>
#include <string.h>

#define PCI_CONF_ADDR 0xcf8
#define PCI_CONF_DATA 0xcfc

/* Every function found; written only by pci_init (before any driver runs). */
static LIST_HEAD(pci_devices);
static DEFINE_SPINLOCK(pci_port_lock);   /* the 0xCF8/0xCFC pair; irqsave */
static bool pci_nomsi;

/* ECAM windows, from the MCFG table: one mapping per bus, made on demand. */
struct ecam_window {
	u64 base;
	u16 segment;
	u8 bus_start, bus_end;
	void *bus_map[256];      /* indexed by bus - bus_start */
};
static struct ecam_window ecam[ACPI_MAX_MCFG];
static int nr_ecam;

/* pci=OPT[,OPT...] on the command line, as Linux spells them: nomsi
 * (INTx only), noecam (ports only; ours, Linux says nommconf). */
static bool pci_option(const char *name)
{
	const char *v = cmdline_get("pci");
	size_t n = strlen(name);

	while (v && *v) {
		if (!strncmp(v, name, n) && (v[n] == ',' || v[n] == 0))
			return true;
		v = strchr(v, ',');
		if (v)
			v++;
	}
	return false;
}

/* ---- configuration space access ---- */

static struct ecam_window *ecam_for(u16 segment, u8 bus)
{
	for (int i = 0; i < nr_ecam; i++)
		if (ecam[i].segment == segment && bus >= ecam[i].bus_start && bus <= ecam[i].bus_end)
			return &ecam[i];
	return NULL;
}

/*
 * The mapped config space of a function, or NULL (no ECAM for it, or the
 * bus is not mapped yet and we are in interrupt context: ioremap may sleep).
 */
static volatile u8 *ecam_addr(u16 segment, u8 bus, u8 slot, u8 func)
{
	struct ecam_window *w = ecam_for(segment, bus);
	void **slotp, *map;

	if (!w)
		return NULL;
	slotp = &w->bus_map[bus - w->bus_start];
	map = __atomic_load_n(slotp, __ATOMIC_ACQUIRE);
	if (!map) {
		void *fresh, *expected = NULL;

		if (in_interrupt())
			return NULL;
		fresh = ioremap(w->base + ((u64)(bus - w->bus_start) << 20), 1 << 20);
		if (!fresh)
			return NULL;
		if (!__atomic_compare_exchange_n(slotp, &expected, fresh, false, __ATOMIC_ACQ_REL,
						 __ATOMIC_ACQUIRE)) {
			iounmap(fresh);
			fresh = expected;
		}
		map = fresh;
	}
	return (volatile u8 *)map + ((u32)slot << 15) + ((u32)func << 12);
}

static bool port_ok(u16 segment, unsigned off)
{
	return segment == 0 && off < 256;
}

static u32 port_addr(u8 bus, u8 slot, u8 func, unsigned off)
{
	return 0x80000000u | (u32)bus << 16 | (u32)slot << 11 | (u32)func << 8 | (off & 0xfc);
}

/* Raw accessors by address; size 1, 2 or 4; off aligned to size. */
static u32 conf_read(u16 seg, u8 bus, u8 slot, u8 func, unsigned off, int size)
{
	volatile u8 *e;
	unsigned long flags;
	u32 v;

	if (off >= 4096 || (off & (size - 1)))
		return 0xffffffffu;
	e = ecam_addr(seg, bus, slot, func);
	if (e) {
		switch (size) {
		case 1: return *(volatile u8 *)(e + off);
		case 2: return *(volatile u16 *)(e + off);
		default: return *(volatile u32 *)(e + off);
		}
	}
	if (!port_ok(seg, off))
		return 0xffffffffu;
	spin_lock_irqsave(&pci_port_lock, flags);
	outl(PCI_CONF_ADDR, port_addr(bus, slot, func, off));
	switch (size) {
	case 1: v = inb(PCI_CONF_DATA + (off & 3)); break;
	case 2: v = inw(PCI_CONF_DATA + (off & 2)); break;
	default: v = inl(PCI_CONF_DATA); break;
	}
	spin_unlock_irqrestore(&pci_port_lock, flags);
	return v;
}

static void conf_write(u16 seg, u8 bus, u8 slot, u8 func, unsigned off, int size, u32 v)
{
	volatile u8 *e;
	unsigned long flags;

	if (off >= 4096 || (off & (size - 1)))
		return;
	e = ecam_addr(seg, bus, slot, func);
	if (e) {
		switch (size) {
		case 1: *(volatile u8 *)(e + off) = v; break;
		case 2: *(volatile u16 *)(e + off) = v; break;
		default: *(volatile u32 *)(e + off) = v; break;
		}
		return;
	}
	if (!port_ok(seg, off))
		return;
	spin_lock_irqsave(&pci_port_lock, flags);
	outl(PCI_CONF_ADDR, port_addr(bus, slot, func, off));
	switch (size) {
	case 1: outb(PCI_CONF_DATA + (off & 3), v); break;
	case 2: outw(PCI_CONF_DATA + (off & 2), v); break;
	default: outl(PCI_CONF_DATA, v); break;
	}
	spin_unlock_irqrestore(&pci_port_lock, flags);
}

#define DEV_ARGS(d) (d)->segment, (d)->bus, (d)->slot, (d)->func
u8 pci_read_config8(struct pci_dev *d, unsigned off) { return conf_read(DEV_ARGS(d), off, 1); }
u16 pci_read_config16(struct pci_dev *d, unsigned off) { return conf_read(DEV_ARGS(d), off, 2); }
u32 pci_read_config32(struct pci_dev *d, unsigned off) { return conf_read(DEV_ARGS(d), off, 4); }
void pci_write_config8(struct pci_dev *d, unsigned off, u8 v) { conf_write(DEV_ARGS(d), off, 1, v); }
void pci_write_config16(struct pci_dev *d, unsigned off, u16 v) { conf_write(DEV_ARGS(d), off, 2, v); }
void pci_write_config32(struct pci_dev *d, unsigned off, u32 v) { conf_write(DEV_ARGS(d), off, 4, v); }

bool pci_uses_ecam(struct pci_dev *d)
{
	return ecam_for(d->segment, d->bus) != NULL;
}

/* ---- capabilities ---- */

u8 pci_find_next_cap(struct pci_dev *d, u8 pos, u8 id)
{
	/* At most 48 capabilities fit in the 192 bytes after the header: a
	 * longer walk is a loop in a broken (or hostile) device. */
	for (int ttl = 48; ttl > 0; ttl--) {
		pos = pci_read_config8(d, pos + 1) & 0xfc;
		if (pos < 0x40)
			return 0;
		if (pci_read_config8(d, pos) == id)
			return pos;
	}
	return 0;
}

u8 pci_find_cap(struct pci_dev *d, u8 id)
{
	u8 pos;

	if (!(pci_read_config16(d, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return 0;
	pos = pci_read_config8(d, PCI_CAPABILITY_LIST) & 0xfc;
	if (pos < 0x40)
		return 0;
	if (pci_read_config8(d, pos) == id)
		return pos;
	return pci_find_next_cap(d, pos, id);
}

/* ---- BARs ---- */

static void read_bars(struct pci_dev *d)
{
	int n = d->hdr_type == 0 ? 6 : d->hdr_type == 1 ? 2 : 0;
	u16 cmd = pci_read_config16(d, PCI_COMMAND);

	/* Sizing writes all-ones into the BAR: stop decoding meanwhile so the
	 * device does not answer at a bogus address. */
	pci_write_config16(d, PCI_COMMAND, cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (int i = 0; i < n; i++) {
		unsigned off = PCI_BAR0 + 4 * i;
		u32 lo = pci_read_config32(d, off), szlo;
		struct pci_bar *b = &d->bar[i];

		pci_write_config32(d, off, 0xffffffffu);
		szlo = pci_read_config32(d, off);
		pci_write_config32(d, off, lo);
		if (szlo == 0 || szlo == 0xffffffffu)
			continue;
		if (lo & PCI_BAR_IO) {
			u32 mask = szlo & ~3u & 0xffff;

			b->io = true;
			b->addr = lo & ~3u;
			b->size = mask ? (~mask & 0xffff) + 1 : 0;
			continue;
		}
		b->prefetch = lo & PCI_BAR_MEM_PREFETCH;
		b->addr = lo & ~0xfu;
		if ((lo & 6) == PCI_BAR_MEM_TYPE_64 && i + 1 < n) {
			u32 hi = pci_read_config32(d, off + 4), szhi;
			u64 mask;

			pci_write_config32(d, off + 4, 0xffffffffu);
			szhi = pci_read_config32(d, off + 4);
			pci_write_config32(d, off + 4, hi);
			b->is64 = true;
			b->addr |= (u64)hi << 32;
			mask = ((u64)szhi << 32) | (szlo & ~0xfu);
			b->size = mask ? ~mask + 1 : 0;
			i++;   /* the upper half is not a BAR of its own */
		} else {
			u32 mask = szlo & ~0xfu;

			b->size = mask ? (u32)(~mask + 1) : 0;
		}
	}
	pci_write_config16(d, PCI_COMMAND, cmd);
}

void pci_enable_device(struct pci_dev *d)
{
	u16 cmd = pci_read_config16(d, PCI_COMMAND), want = cmd;

	for (int i = 0; i < PCI_NUM_BARS; i++) {
		if (!d->bar[i].size)
			continue;
		want |= d->bar[i].io ? PCI_COMMAND_IO : PCI_COMMAND_MEMORY;
	}
	if (want != cmd)
		pci_write_config16(d, PCI_COMMAND, want);
}

void pci_set_master(struct pci_dev *d)
{
	u16 cmd = pci_read_config16(d, PCI_COMMAND);

	if (!(cmd & PCI_COMMAND_MASTER))
		pci_write_config16(d, PCI_COMMAND, cmd | PCI_COMMAND_MASTER);
}

void *pci_iomap(struct pci_dev *d, int bar, u64 off, u64 len)
{
	struct pci_bar *b;

	if (bar < 0 || bar >= PCI_NUM_BARS)
		return NULL;
	b = &d->bar[bar];
	if (b->io || !b->addr || !b->size || !len || off > b->size || len > b->size - off)
		return NULL;
	return ioremap(b->addr + off, len);
}

/* ---- interrupts ---- */

const char *pci_irq_type_name(enum pci_irq_type t)
{
	switch (t) {
	case PCI_IRQ_INTX: return "INTx";
	case PCI_IRQ_MSI: return "MSI";
	case PCI_IRQ_MSIX: return "MSI-X";
	default: return "none";
	}
}

/* The message every MSI/MSI-X vector sends: fixed delivery, edge, to the
 * boot CPU (physical destination mode). */
static u32 msi_address(void)
{
	return 0xfee00000u | (cpu_data(0)->apic_id & 0xff) << 12;
}

static void intx_disable(struct pci_dev *d, bool off)
{
	u16 cmd = pci_read_config16(d, PCI_COMMAND);
	u16 want = off ? cmd | PCI_COMMAND_INTX_DISABLE : cmd & ~PCI_COMMAND_INTX_DISABLE;

	if (want != cmd)
		pci_write_config16(d, PCI_COMMAND, want);
}

static int alloc_vectors(int *vec, int n)
{
	for (int i = 0; i < n; i++) {
		vec[i] = irq_alloc_vector();
		if (vec[i] < 0) {
			/* XXX: no irq_free_vector yet: the ones taken stay reserved. */
			return vec[i];
		}
	}
	return 0;
}

static int setup_msix(struct pci_dev *d, int nvec)
{
	u16 ctrl = pci_read_config16(d, d->msix_cap + 2);
	u32 table = pci_read_config32(d, d->msix_cap + 4);
	int bir = table & 7, size = (ctrl & 0x7ff) + 1, r;
	volatile u32 *t;

	if (nvec > size)
		return -ENOSPC;
	if (!d->msix_table) {
		t = pci_iomap(d, bir, table & ~7u, (u64)size * 16);
		if (!t) {
			pr_warn("pci %s: MSI-X table in BAR %d at %#x not mappable\n", d->name, bir,
				table & ~7u);
			return -EIO;
		}
		d->msix_table = t;
		d->msix_table_size = size;
	}
	t = d->msix_table;
	d->irq_vectors = kcalloc(nvec, sizeof(int), GFP_KERNEL);
	if (!d->irq_vectors)
		return -ENOMEM;
	r = alloc_vectors(d->irq_vectors, nvec);
	if (r < 0) {
		kfree(d->irq_vectors);
		d->irq_vectors = NULL;
		return r;
	}
	/* Enabled with the function masked while the entries are written. */
	pci_write_config16(d, d->msix_cap + 2, ctrl | 0x8000 | 0x4000);
	for (int i = 0; i < size; i++) {
		volatile u32 *e = t + 4 * i;

		e[3] = 1;   /* masked */
		if (i >= nvec)
			continue;
		e[0] = msi_address();
		e[1] = 0;
		e[2] = d->irq_vectors[i];
		e[3] = 0;
	}
	intx_disable(d, true);
	pci_write_config16(d, d->msix_cap + 2, (ctrl | 0x8000) & ~0x4000);
	d->irq_type = PCI_IRQ_MSIX;
	d->nr_irqs = nvec;
	return nvec;
}

static int setup_msi(struct pci_dev *d)
{
	u16 ctrl = pci_read_config16(d, d->msi_cap + 2);
	bool is64 = ctrl & 0x80, maskable = ctrl & 0x100;
	int r;

	d->irq_vectors = kcalloc(1, sizeof(int), GFP_KERNEL);
	if (!d->irq_vectors)
		return -ENOMEM;
	r = alloc_vectors(d->irq_vectors, 1);
	if (r < 0) {
		kfree(d->irq_vectors);
		d->irq_vectors = NULL;
		return r;
	}
	pci_write_config32(d, d->msi_cap + 4, msi_address());
	if (is64) {
		pci_write_config32(d, d->msi_cap + 8, 0);
		pci_write_config16(d, d->msi_cap + 12, d->irq_vectors[0]);
	} else {
		pci_write_config16(d, d->msi_cap + 8, d->irq_vectors[0]);
	}
	if (maskable)
		pci_write_config32(d, d->msi_cap + (is64 ? 16 : 12), 0);
	/* One message (multiple message enable = 0), enabled. */
	pci_write_config16(d, d->msi_cap + 2, (ctrl & ~0x70) | 1);
	intx_disable(d, true);
	d->irq_type = PCI_IRQ_MSI;
	d->nr_irqs = 1;
	return 1;
}

/* INTx lines in use, each with the handlers of the devices sharing it. */
struct intx_handler {
	struct intx_handler *next;
	irq_handler_t fn;
	void *arg;
};
static struct intx_handler *intx_lines[16];   /* by ISA IRQ; pci_intx_lock to add */
static DEFINE_SPINLOCK(pci_intx_lock);

static void intx_dispatch(struct pt_regs *regs, void *arg)
{
	int irq = (int)(long)arg;

	for (struct intx_handler *h = __atomic_load_n(&intx_lines[irq], __ATOMIC_ACQUIRE); h;
	     h = h->next)
		h->fn(regs, h->arg);
}

static int intx_add(int irq, irq_handler_t fn, void *arg, const char *name)
{
	struct intx_handler *h = kzalloc(sizeof(*h), GFP_KERNEL);
	bool level = true, low = true, first;
	unsigned long flags;
	int gsi = irq, r = 0;

	if (!h)
		return -ENOMEM;
	h->fn = fn;
	h->arg = arg;
	/* PCI interrupts are level-triggered and active low unless the MADT
	 * says otherwise for this line (QEMU: active high). */
	for (int i = 0; i < acpi.nr_overrides; i++) {
		struct acpi_override *o = &acpi.overrides[i];

		if (o->isa_irq != irq)
			continue;
		gsi = o->gsi;
		if ((o->flags & 3) == 1)
			low = false;
		if (((o->flags >> 2) & 3) == 1)
			level = false;
	}
	spin_lock_irqsave(&pci_intx_lock, flags);
	first = intx_lines[irq] == NULL;
	if (first) {
		r = irq_register_vector(IRQ_ISA_BASE + irq, intx_dispatch, (void *)(long)irq, name);
		if (r < 0) {
			spin_unlock_irqrestore(&pci_intx_lock, flags);
			kfree(h);
			return r;
		}
	}
	h->next = intx_lines[irq];
	__atomic_store_n(&intx_lines[irq], h, __ATOMIC_RELEASE);
	spin_unlock_irqrestore(&pci_intx_lock, flags);
	if (first)
		ioapic_route(gsi, IRQ_ISA_BASE + irq, cpu_data(0)->apic_id, level, low);
	return 0;
}

static int setup_intx(struct pci_dev *d)
{
	if (!d->irq_pin || d->irq_line == 0 || d->irq_line >= 16) {
		pr_warn("pci %s: no INTx line (pin %u, line %u)\n", d->name, d->irq_pin, d->irq_line);
		return -ENODEV;
	}
	intx_disable(d, false);
	d->irq_type = PCI_IRQ_INTX;
	d->nr_irqs = 1;
	return 1;
}

int pci_alloc_irq_vectors(struct pci_dev *d, int min, int max, unsigned flags)
{
	int r;

	if (min < 1 || max < min || d->irq_type != PCI_IRQ_NONE)
		return -EINVAL;
	if (pci_nomsi)
		flags &= ~(PCI_IRQ_ALLOW_MSI | PCI_IRQ_ALLOW_MSIX);
	if ((flags & PCI_IRQ_ALLOW_MSIX) && d->msix_cap) {
		r = setup_msix(d, max);
		if (r < 0 && min < max)
			r = setup_msix(d, min);
		if (r > 0)
			return r;
	}
	if (min > 1)
		return -ENOSPC;
	if ((flags & PCI_IRQ_ALLOW_MSI) && d->msi_cap) {
		r = setup_msi(d);
		if (r > 0)
			return r;
	}
	if (flags & PCI_IRQ_ALLOW_INTX)
		return setup_intx(d);
	return -ENOSPC;
}

int pci_request_irq(struct pci_dev *d, int index, irq_handler_t handler, void *arg,
		    const char *name)
{
	if (index < 0 || index >= d->nr_irqs)
		return -EINVAL;
	if (d->irq_type == PCI_IRQ_INTX)
		return intx_add(d->irq_line, handler, arg, name);
	return irq_register_vector(d->irq_vectors[index], handler, arg, name);
}

void pci_free_irq_vectors(struct pci_dev *d)
{
	/* Stop the device from sending; the vectors stay reserved with their
	 * handlers (XXX: no irq_free_vector; Linux frees them). */
	if (d->irq_type == PCI_IRQ_MSIX) {
		u16 ctrl = pci_read_config16(d, d->msix_cap + 2);

		pci_write_config16(d, d->msix_cap + 2, ctrl & ~0x8000);
	} else if (d->irq_type == PCI_IRQ_MSI) {
		u16 ctrl = pci_read_config16(d, d->msi_cap + 2);

		pci_write_config16(d, d->msi_cap + 2, ctrl & ~1);
	}
	intx_disable(d, true);
	d->irq_type = PCI_IRQ_NONE;
	d->nr_irqs = 0;
}

/* ---- enumeration ---- */

static const char *class_name(u8 class, u8 sub)
{
	switch (class) {
	case 0x01: return sub == 0x06 ? "SATA controller" : sub == 0x08 ? "NVMe" : "storage";
	case 0x02: return "network";
	case 0x03: return "display";
	case 0x06: return sub == 0 ? "host bridge" : sub == 1 ? "ISA bridge" : sub == 4 ? "PCI bridge" : "bridge";
	case 0x0c: return sub == 0x03 ? "USB" : sub == 0x05 ? "SMBus" : "serial bus";
	case 0x00: case 0xff: return "unclassified";
	default: return "device";
	}
}

static u8 visited[256 / 8 * ACPI_MAX_MCFG];   /* buses scanned (per segment slot) */

static void scan_bus(u16 seg, u8 bus, int depth);

static void add_function(u16 seg, u8 bus, u8 slot, u8 func)
{
	u32 id = conf_read(seg, bus, slot, func, PCI_VENDOR_ID, 4);
	u32 cls = conf_read(seg, bus, slot, func, 0x08, 4);
	struct pci_dev *d = kzalloc(sizeof(*d), GFP_KERNEL);
	char bars[96];
	int blen = 0;

	if (!d) {
		pr_err("pci: out of memory enumerating %02x:%02x.%x\n", bus, slot, func);
		return;
	}
	d->segment = seg;
	d->bus = bus;
	d->slot = slot;
	d->func = func;
	d->vendor = id & 0xffff;
	d->device = id >> 16;
	d->revision = cls & 0xff;
	d->prog_if = cls >> 8;
	d->subclass = cls >> 16;
	d->class = cls >> 24;
	d->hdr_type = pci_read_config8(d, PCI_HEADER_TYPE) & 0x7f;
	snprintf(d->name, sizeof(d->name), "%04x:%02x:%02x.%x", seg, bus, slot, func);
	if (d->hdr_type == 0) {
		d->subsystem_vendor = pci_read_config16(d, PCI_SUBSYSTEM_VENDOR_ID);
		d->subsystem_device = pci_read_config16(d, PCI_SUBSYSTEM_ID);
	}
	d->irq_line = pci_read_config8(d, PCI_INTERRUPT_LINE);
	d->irq_pin = pci_read_config8(d, PCI_INTERRUPT_PIN);
	if (d->irq_pin > 4)
		d->irq_pin = 0;
	read_bars(d);
	d->msi_cap = pci_find_cap(d, PCI_CAP_ID_MSI);
	d->msix_cap = pci_find_cap(d, PCI_CAP_ID_MSIX);
	list_add_tail(&d->list, &pci_devices);

	bars[0] = 0;
	for (int i = 0; i < PCI_NUM_BARS && blen < (int)sizeof(bars) - 24; i++) {
		if (!d->bar[i].size)
			continue;
		blen += snprintf(bars + blen, sizeof(bars) - blen, " %d:%s%#llx+%#llx", i,
				 d->bar[i].io ? "io" : "", (unsigned long long)d->bar[i].addr,
				 (unsigned long long)d->bar[i].size);
	}
	pr_info("pci %s: [%04x:%04x] type %02x class %#08x %s%s%s%s\n", d->name, d->vendor,
		d->device, d->hdr_type, cls >> 8, class_name(d->class, d->subclass),
		d->msix_cap ? " msix" : d->msi_cap ? " msi" : "", bars[0] ? " bars" : "", bars);

	if (d->hdr_type == 1) {
		u8 sec = pci_read_config8(d, PCI_SECONDARY_BUS);

		if (sec > bus)
			scan_bus(seg, sec, 1);
	}
}

static void scan_bus(u16 seg, u8 bus, int depth)
{
	int slot_idx = 0;

	for (int i = 0; i < nr_ecam; i++)
		if (ecam[i].segment == seg)
			slot_idx = i;
	if (depth > 32)
		return;
	if (visited[slot_idx * 32 + bus / 8] & (1 << (bus % 8)))
		return;
	visited[slot_idx * 32 + bus / 8] |= 1 << (bus % 8);
	for (u8 slot = 0; slot < 32; slot++) {
		u16 vendor = conf_read(seg, bus, slot, 0, PCI_VENDOR_ID, 2);
		u8 hdr;

		if (vendor == 0xffff || vendor == 0)
			continue;
		hdr = conf_read(seg, bus, slot, 0, PCI_HEADER_TYPE, 1);
		add_function(seg, bus, slot, 0);
		if (!(hdr & 0x80))
			continue;
		for (u8 func = 1; func < 8; func++) {
			vendor = conf_read(seg, bus, slot, func, PCI_VENDOR_ID, 2);
			if (vendor != 0xffff && vendor != 0)
				add_function(seg, bus, slot, func);
		}
	}
}

int pci_for_each_dev(int (*fn)(struct pci_dev *dev, void *arg), void *arg)
{
	struct pci_dev *d;
	int r;

	list_for_each_entry(d, &pci_devices, list)
		if ((r = fn(d, arg)))
			return r;
	return 0;
}

struct pci_dev *pci_get_slot(u16 segment, u8 bus, u8 slot, u8 func)
{
	struct pci_dev *d;

	list_for_each_entry(d, &pci_devices, list)
		if (d->segment == segment && d->bus == bus && d->slot == slot && d->func == func)
			return d;
	return NULL;
}

/* ---- drivers ---- */

/* The linker defines these around the pci_drivers section (weak: a kernel
 * without PCI drivers has no such section). */
extern const struct pci_driver *const __start_pci_drivers[] __weak;
extern const struct pci_driver *const __stop_pci_drivers[] __weak;

static void probe_device(struct pci_dev *d)
{
	for (const struct pci_driver *const *dp = __start_pci_drivers; dp < __stop_pci_drivers; dp++) {
		const struct pci_driver *drv = *dp;

		for (const struct pci_device_id *id = drv->id_table; id && id->vendor; id++) {
			int r;

			if (id->vendor != PCI_ANY_ID && id->vendor != d->vendor)
				continue;
			if (id->device != PCI_ANY_ID && id->device != d->device)
				continue;
			d->driver = drv;
			r = drv->probe(d, id);
			if (r == 0)
				return;
			d->driver = NULL;
			if (r != -ENODEV)
				pr_warn("pci %s: %s probe failed (error %d)\n", d->name, drv->name, r);
			break;   /* next driver */
		}
	}
}

void pci_init(void)
{
	struct pci_dev *d;

	pci_nomsi = pci_option("nomsi");
	for (int i = 0; i < acpi.nr_mcfg && nr_ecam < ACPI_MAX_MCFG; i++) {
		struct acpi_mcfg *m = &acpi.mcfg[i];

		if (!m->base || m->bus_end < m->bus_start)
			continue;
		ecam[nr_ecam].base = m->base;
		ecam[nr_ecam].segment = m->segment;
		ecam[nr_ecam].bus_start = m->bus_start;
		ecam[nr_ecam].bus_end = m->bus_end;
		pr_info("pci: ECAM segment %04x buses %02x-%02x at %#llx\n", m->segment,
			m->bus_start, m->bus_end, (unsigned long long)m->base);
		nr_ecam++;
	}
	if (pci_option("noecam") || pci_option("nommconf"))
		nr_ecam = 0;
	if (!nr_ecam)
		pr_info("pci: configuration through ports 0xcf8/0xcfc\n");

	scan_bus(0, 0, 0);
	for (int i = 0; i < nr_ecam; i++)
		scan_bus(ecam[i].segment, ecam[i].bus_start, 0);

	list_for_each_entry(d, &pci_devices, list)
		probe_device(d);
}
