/*
 * Interrupt controllers. The 8259 PICs are remapped and masked; every
 * interrupt goes through the local APIC of each CPU (xAPIC, MMIO) and, for
 * ISA devices, through the I/O APICs listed in the ACPI MADT with its
 * interrupt source overrides. Each CPU's timer is one-shot: TSC-deadline
 * mode when the CPU has it (no calibration needed), otherwise the APIC's
 * own counter calibrated against the TSC.
 */
#include <asm/apic.h>
#include <asm/x86.h>
#include <kernel/acpi.h>
#include <kernel/clock.h>
#include <kernel/irq.h>
#include <kernel/paging.h>
#include <kernel/panic.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <kernel/timer.h>

#define LAPIC_ID       0x020
#define LAPIC_VERSION  0x030
#define LAPIC_TPR      0x080
#define LAPIC_EOI      0x0b0
#define LAPIC_SVR      0x0f0
#define LAPIC_ESR      0x280
#define LAPIC_ICR_LO   0x300
#define LAPIC_ICR_HI   0x310
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_LVT_LINT1 0x360
#define LAPIC_LVT_ERROR 0x370
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR  0x390
#define LAPIC_TIMER_DIV  0x3e0

#define LVT_MASKED      (1u << 16)
#define LVT_TSC_DEADLINE (2u << 17)
#define ICR_PENDING     (1u << 12)
#define ICR_LEVEL_ASSERT (1u << 14)
#define ICR_DM_NMI      (4u << 8)
#define ICR_DM_INIT     (5u << 8)
#define ICR_DM_STARTUP  (6u << 8)
#define ICR_ALL_BUT_SELF (3u << 18)

static volatile u32 *lapic;
static bool use_tsc_deadline;
static u64 lapic_ticks_per_ms;     /* one-shot mode, divide by 16 */
static u64 tsc_per_ms;

static inline u32 lapic_read(u32 reg) { return lapic[reg / 4]; }
static inline void lapic_write(u32 reg, u32 v) { lapic[reg / 4] = v; }

void pic_disable(void)
{
	/* Remap to vectors 0x20-0x2f so a spurious PIC interrupt cannot look
	 * like an exception, then mask every line. */
	outb(0x20, 0x11); io_wait();
	outb(0xa0, 0x11); io_wait();
	outb(0x21, 0x20); io_wait();
	outb(0xa1, 0x28); io_wait();
	outb(0x21, 4); io_wait();
	outb(0xa1, 2); io_wait();
	outb(0x21, 1); io_wait();
	outb(0xa1, 1); io_wait();
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

u32 lapic_id(void)
{
	return lapic_read(LAPIC_ID) >> 24;
}

bool lapic_tsc_deadline(void)
{
	return use_tsc_deadline;
}

static void icr_wait(void)
{
	for (int i = 0; i < 1000000 && (lapic_read(LAPIC_ICR_LO) & ICR_PENDING); i++)
		cpu_relax();
}

bool lapic_ipi_idle(void)
{
	return !(lapic_read(LAPIC_ICR_LO) & ICR_PENDING);
}

static void send_icr(u32 apic_id, u32 lo)
{
	unsigned long flags = local_irq_save();

	icr_wait();
	lapic_write(LAPIC_ICR_HI, apic_id << 24);
	lapic_write(LAPIC_ICR_LO, lo);
	icr_wait();
	local_irq_restore(flags);
}

void lapic_send_ipi(u32 apic_id, u8 vector) { send_icr(apic_id, vector); }
void lapic_send_ipi_all_but_self(u8 vector) { send_icr(0, ICR_ALL_BUT_SELF | vector); }
void lapic_send_nmi_all_but_self(void) { send_icr(0, ICR_ALL_BUT_SELF | ICR_DM_NMI); }
void lapic_send_init(u32 apic_id) { send_icr(apic_id, ICR_DM_INIT | ICR_LEVEL_ASSERT); }
void lapic_send_startup(u32 apic_id, u8 page) { send_icr(apic_id, ICR_DM_STARTUP | page); }

void lapic_timer_oneshot(u64 ns)
{
	if (!lapic)
		return;
	if (use_tsc_deadline) {
		u64 tsc = 0;
		if (ns) {
			/* ns * tsc_per_ms / 1e6 without overflow for any sane ns */
			u64 ticks = (ns / 1000000) * tsc_per_ms +
				    (ns % 1000000) * tsc_per_ms / 1000000;
			tsc = rdtsc() + (ticks ? ticks : 1);
		}
		wrmsr(MSR_TSC_DEADLINE, tsc);
		return;
	}
	if (!ns) {
		lapic_write(LAPIC_TIMER_INIT, 0);
		return;
	}
	u64 ticks = (ns / 1000000) * lapic_ticks_per_ms + (ns % 1000000) * lapic_ticks_per_ms / 1000000;
	if (ticks == 0)
		ticks = 1;
	if (ticks > 0xffffffffULL)
		ticks = 0xffffffffULL;
	lapic_write(LAPIC_TIMER_INIT, (u32)ticks);
}

static void lapic_timer_irq(struct pt_regs *regs, void *arg)
{
	timer_interrupt();
}

static void lapic_error_irq(struct pt_regs *regs, void *arg)
{
	lapic_write(LAPIC_ESR, 0);
	pr_warn("apic: error %#x on CPU %d\n", lapic_read(LAPIC_ESR), smp_processor_id());
}

static void calibrate_lapic_timer(void)
{
	u64 t0, t1, start;

	lapic_write(LAPIC_TIMER_DIV, 0x3);           /* divide by 16 */
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | VEC_LAPIC_TIMER);
	lapic_write(LAPIC_TIMER_INIT, 0xffffffff);
	t0 = ktime_get_ns();
	start = lapic_read(LAPIC_TIMER_CUR);
	ndelay(2 * NSEC_PER_MSEC);
	t1 = ktime_get_ns();
	lapic_ticks_per_ms = (u64)(start - lapic_read(LAPIC_TIMER_CUR)) * NSEC_PER_MSEC / (t1 - t0);
	lapic_write(LAPIC_TIMER_INIT, 0);
	if (!lapic_ticks_per_ms)
		lapic_ticks_per_ms = 1;
}

void lapic_init_cpu(void)
{
	struct percpu *p = this_cpu();

	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_SVR, 0x100 | VEC_SPURIOUS);   /* software enable */
	lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);
	/* LINT1 is wired to NMI on PCs. */
	lapic_write(LAPIC_LVT_LINT1, (4u << 8));
	lapic_write(LAPIC_ESR, 0);
	lapic_write(LAPIC_ESR, 0);
	lapic_write(LAPIC_LVT_ERROR, 0xea);
	if (use_tsc_deadline) {
		lapic_write(LAPIC_LVT_TIMER, LVT_TSC_DEADLINE | VEC_LAPIC_TIMER);
	} else {
		lapic_write(LAPIC_TIMER_DIV, 0x3);
		lapic_write(LAPIC_LVT_TIMER, VEC_LAPIC_TIMER);   /* one-shot */
		lapic_write(LAPIC_TIMER_INIT, 0);
	}
	p->apic_id = lapic_id();
	p->lapic_ticks_per_ms = lapic_ticks_per_ms;
	lapic_eoi();
}

void lapic_init_bsp(void)
{
	u32 a, b, c, d;
	u64 base = acpi.lapic_phys ? acpi.lapic_phys : (rdmsr(MSR_APIC_BASE) & ~0xfffULL);

	/* Make sure the APIC is globally enabled (xAPIC mode). */
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | (1 << 11));
	lapic = ioremap(base, 4096);
	if (!lapic)
		panic("apic: cannot map the local APIC");
	cpuid(1, &a, &b, &c, &d);
	use_tsc_deadline = (c >> 24) & 1;
	tsc_per_ms = tsc_khz_get();
	if (!use_tsc_deadline)
		calibrate_lapic_timer();
	irq_register_vector(VEC_LAPIC_TIMER, lapic_timer_irq, NULL, "lapic-timer");
	irq_register_vector(0xea, lapic_error_irq, NULL, "lapic-error");
	lapic_init_cpu();
	pr_info("apic: local APIC at %#llx, id %u, timer %s\n", (unsigned long long)base,
		lapic_id(), use_tsc_deadline ? "TSC-deadline" : "one-shot (calibrated)");
}

/* I/O APIC */

struct ioapic {
	volatile u32 *regs;
	u32 gsi_base;
	u32 nr_pins;
};

static struct ioapic ioapics[ACPI_MAX_IOAPICS];
static int nr_ioapics;
static DEFINE_SPINLOCK(ioapic_lock);

static u32 ioapic_read(struct ioapic *io, u32 reg)
{
	io->regs[0] = reg;
	return io->regs[4];
}

static void ioapic_write(struct ioapic *io, u32 reg, u32 v)
{
	io->regs[0] = reg;
	io->regs[4] = v;
}

static struct ioapic *ioapic_for(int gsi)
{
	for (int i = 0; i < nr_ioapics; i++)
		if ((u32)gsi >= ioapics[i].gsi_base && (u32)gsi < ioapics[i].gsi_base + ioapics[i].nr_pins)
			return &ioapics[i];
	return NULL;
}

void ioapic_route(int gsi, u8 vector, u32 dest, bool level, bool active_low)
{
	struct ioapic *io = ioapic_for(gsi);
	unsigned long flags;
	u32 pin, lo;

	if (!io) {
		pr_warn("ioapic: no I/O APIC serves GSI %d\n", gsi);
		return;
	}
	pin = gsi - io->gsi_base;
	lo = vector | (level ? 1u << 15 : 0) | (active_low ? 1u << 13 : 0);
	spin_lock_irqsave(&ioapic_lock, flags);
	ioapic_write(io, 0x10 + 2 * pin + 1, dest << 24);
	ioapic_write(io, 0x10 + 2 * pin, lo);
	spin_unlock_irqrestore(&ioapic_lock, flags);
}

void ioapic_mask(int gsi, bool mask)
{
	struct ioapic *io = ioapic_for(gsi);
	unsigned long flags;
	u32 pin, lo;

	if (!io)
		return;
	pin = gsi - io->gsi_base;
	spin_lock_irqsave(&ioapic_lock, flags);
	lo = ioapic_read(io, 0x10 + 2 * pin);
	lo = mask ? lo | LVT_MASKED : lo & ~LVT_MASKED;
	ioapic_write(io, 0x10 + 2 * pin, lo);
	spin_unlock_irqrestore(&ioapic_lock, flags);
}

int isa_irq_to_gsi(int irq, bool *level, bool *active_low)
{
	*level = false;
	*active_low = false;
	for (int i = 0; i < acpi.nr_overrides; i++) {
		struct acpi_override *o = &acpi.overrides[i];
		if (o->isa_irq != irq)
			continue;
		/* Polarity 3 = active low; trigger 3 = level. 0 = bus default (ISA: high, edge). */
		*active_low = (o->flags & 3) == 3;
		*level = ((o->flags >> 2) & 3) == 3;
		return o->gsi;
	}
	return irq;
}

int irq_register_isa(int isa_irq, irq_handler_t h, void *arg, const char *name)
{
	bool level, low;
	int gsi = isa_irq_to_gsi(isa_irq, &level, &low);
	int ret = irq_register_vector(IRQ_ISA_BASE + isa_irq, h, arg, name);

	if (ret)
		return ret;
	ioapic_route(gsi, IRQ_ISA_BASE + isa_irq, cpu_data(0)->apic_id, level, low);
	return 0;
}

void ioapic_init(void)
{
	for (int i = 0; i < acpi.nr_ioapics && nr_ioapics < ACPI_MAX_IOAPICS; i++) {
		struct ioapic *io = &ioapics[nr_ioapics];

		io->regs = ioremap(acpi.ioapics[i].phys, 4096);
		if (!io->regs)
			continue;
		io->gsi_base = acpi.ioapics[i].gsi_base;
		io->nr_pins = ((ioapic_read(io, 1) >> 16) & 0xff) + 1;
		for (u32 pin = 0; pin < io->nr_pins; pin++)
			ioapic_write(io, 0x10 + 2 * pin, LVT_MASKED);
		nr_ioapics++;
	}
	if (!nr_ioapics && acpi.found)
		pr_warn("ioapic: none usable: device interrupts will not arrive\n");
}
