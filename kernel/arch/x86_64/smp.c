/*
 * SMP: start every CPU the MADT lists (INIT-SIPI-SIPI through a trampoline
 * page below 1 MiB, one CPU at a time), and cross-CPU calls over IPIs:
 * function calls, reschedule requests, TLB shootdown and the panic stop.
 */
#include <asm/apic.h>
#include <asm/fpu.h>
#include <asm/segment.h>
#include <asm/x86.h>
#include <kernel/acpi.h>
#include <kernel/clock.h>
#include <kernel/irq.h>
#include <kernel/mm.h>
#include <kernel/paging.h>
#include <kernel/panic.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/syscall.h>
#include <kernel/spinlock.h>
#include <kernel/timer.h>
#include <string.h>

u32 cpu_apic_ids[MAX_CPUS];
int nr_cpus_possible = 1;

extern char trampoline_start[], trampoline_end[];
extern char tr_gdt[], tr_pm32[], tr_lm64[];
extern char tr_gdt_ptr[], tr_pm32_ptr[], tr_lm64_ptr[], tr_cr3[], tr_efer[], tr_stack[],
	tr_percpu[], tr_entry[];

#define TR_OFF(sym) ((unsigned long)(sym) - (unsigned long)trampoline_start)

static volatile bool ap_started;

/* Cross-CPU function calls: one request at a time, serialized by call_lock. */
static DEFINE_SPINLOCK(call_lock);
static struct {
	void (*fn)(void *);
	void *arg;
	int target;                  /* -1: all others */
	volatile int pending;        /* CPUs that have not yet run fn */
} call;

static inline bool smp_is_up(void) { return nr_cpus > 1; }

static void ipi_call_handler(struct pt_regs *regs, void *unused)
{
	void (*fn)(void *) = call.fn;
	void *arg = call.arg;

	if (call.target != -1 && call.target != smp_processor_id())
		return;
	fn(arg);
	__atomic_fetch_sub(&call.pending, 1, __ATOMIC_RELEASE);
}

static void ipi_resched_handler(struct pt_regs *regs, void *unused)
{
	/* Nothing to do: the interrupt return path sees need_resched. */
}

static struct {
	unsigned long start, end;
	volatile int pending;
} tlb;
static DEFINE_SPINLOCK(tlb_lock);

static void local_flush_range(unsigned long start, unsigned long end)
{
	if (end - start > 64 * PAGE_SIZE) {
		/* Global pages survive a CR3 reload: toggle PGE to drop them. */
		u64 cr4 = read_cr4();
		write_cr4(cr4 & ~CR4_PGE);
		write_cr4(cr4);
		return;
	}
	for (unsigned long va = start & PAGE_MASK; va < end; va += PAGE_SIZE)
		invlpg(va);
}

static void ipi_tlb_handler(struct pt_regs *regs, void *unused)
{
	local_flush_range(tlb.start, tlb.end);
	__atomic_fetch_sub(&tlb.pending, 1, __ATOMIC_RELEASE);
}

static void ipi_stop_handler(struct pt_regs *regs, void *unused)
{
	for (;;) {
		local_irq_disable();
		halt();
	}
}

static void wait_pending(volatile int *pending, const char *what)
{
	u64 spins = 0;

	while (__atomic_load_n(pending, __ATOMIC_ACQUIRE) > 0) {
		cpu_relax();
		if (++spins == 500000000ULL)
			pr_err("smp: %s: %d CPUs not answering\n", what, *pending);
	}
}

void tlb_shootdown_kernel(unsigned long start, unsigned long end)
{
	unsigned long flags;

	if (!smp_is_up())
		return;
	/* IPIs must be answered even by a CPU that is waiting for tlb_lock
	 * with interrupts off: so spin with interrupts on where we can. */
	flags = local_irq_save();
	while (!spin_trylock(&tlb_lock)) {
		local_irq_restore(flags);
		cpu_relax();
		flags = local_irq_save();
	}
	tlb.start = start;
	tlb.end = end;
	tlb.pending = nr_cpus - 1;
	lapic_send_ipi_all_but_self(VEC_IPI_TLB);
	wait_pending(&tlb.pending, "TLB shootdown");
	spin_unlock(&tlb_lock);
	local_irq_restore(flags);
}

static void call_common(int target, void (*fn)(void *), void *arg, bool wait)
{
	unsigned long flags;

	flags = local_irq_save();
	while (!spin_trylock(&call_lock)) {
		local_irq_restore(flags);
		cpu_relax();
		flags = local_irq_save();
	}
	call.fn = fn;
	call.arg = arg;
	call.target = target;
	call.pending = target == -1 ? nr_cpus - 1 : 1;
	if (target == -1)
		lapic_send_ipi_all_but_self(VEC_IPI_CALL);
	else
		lapic_send_ipi(cpu_data(target)->apic_id, VEC_IPI_CALL);
	/* The request block is reused by the next caller: always wait until
	 * every target has read it; 'wait' only matters for the caller's view. */
	(void)wait;
	wait_pending(&call.pending, "function call");
	spin_unlock(&call_lock);
	local_irq_restore(flags);
}

void smp_call_function(void (*fn)(void *), void *arg, bool wait)
{
	if (smp_is_up())
		call_common(-1, fn, arg, wait);
}

void smp_call_function_single(int cpu, void (*fn)(void *), void *arg, bool wait)
{
	if (cpu == smp_processor_id()) {
		unsigned long flags = local_irq_save();
		fn(arg);
		local_irq_restore(flags);
		return;
	}
	call_common(cpu, fn, arg, wait);
}

void smp_send_reschedule(int cpu)
{
	struct percpu *p = cpu_data(cpu);

	if (p && p->online && cpu != smp_processor_id())
		lapic_send_ipi(p->apic_id, VEC_IPI_RESCHED);
}

void smp_stop_other_cpus(void)
{
	if (!smp_is_up())
		return;
	/* NMI: reaches CPUs spinning with interrupts off too. */
	lapic_send_nmi_all_but_self();
}

/* First C code of an AP, on the stack smp_boot_aps gave it. */
__noreturn void ap_entry(struct percpu *p);
__noreturn void ap_entry(struct percpu *p)
{
	void *ist[3];

	percpu_install(p);
	paging_init_cpu();
	for (int i = 0; i < 3; i++)
		ist[i] = p->ist_stacks[i];
	gdt_init_cpu(p, ist);
	irq_init_cpu();
	lapic_init_cpu();
	fpu_init_cpu();
	syscall_init_cpu();
	sched_init_ap();
	timers_init_cpu();
	p->online = true;
	__atomic_fetch_add(&nr_cpus, 1, __ATOMIC_SEQ_CST);
	ap_started = true;
	local_irq_enable();
	cpu_idle_loop();
}

static struct percpu *alloc_percpu(int cpu, u32 apic_id)
{
	struct percpu *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	p->cpu = cpu;
	p->apic_id = apic_id;
	p->gdt = kzalloc(4096, GFP_KERNEL);
	if (!p->gdt)
		goto fail;
	for (int i = 0; i < 3; i++) {
		p->ist_stacks[i] = vmalloc_stack(IST_STACK_SIZE);
		if (!p->ist_stacks[i])
			goto fail;
	}
	p->boot_stack = vmalloc_stack(KSTACK_SIZE);
	if (!p->boot_stack)
		goto fail;
	return p;
fail:
	for (int i = 0; i < 3; i++)
		if (p->ist_stacks[i])
			vfree_stack(p->ist_stacks[i]);
	kfree(p->gdt);
	kfree(p);
	return NULL;
}

static bool start_ap(u8 *page, phys_addr_t page_phys, struct percpu *p)
{
	u64 deadline;

	*(u64 *)(page + TR_OFF(tr_stack)) = (u64)p->boot_stack + KSTACK_SIZE;
	*(u64 *)(page + TR_OFF(tr_percpu)) = (u64)p;
	ap_started = false;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);

	lapic_send_init(p->apic_id);
	udelay(10);
	lapic_send_startup(p->apic_id, page_phys >> 12);
	/* Real CPUs may miss the first STARTUP; QEMU answers at once. */
	deadline = ktime_get_ns() + 10 * NSEC_PER_MSEC;
	while (!ap_started && ktime_get_ns() < deadline)
		cpu_relax();
	if (!ap_started)
		lapic_send_startup(p->apic_id, page_phys >> 12);
	deadline = ktime_get_ns() + 1000 * NSEC_PER_MSEC;
	while (!ap_started && ktime_get_ns() < deadline)
		cpu_relax();
	return ap_started;
}

void smp_boot_aps(void)
{
	size_t size = trampoline_end - trampoline_start;
	phys_addr_t page_phys;
	u64 *tr_pml4;
	u8 *page;
	u32 self = lapic_id();
	int cpu = 1;

	irq_register_vector(VEC_IPI_CALL, ipi_call_handler, NULL, "ipi-call");
	irq_register_vector(VEC_IPI_RESCHED, ipi_resched_handler, NULL, "ipi-resched");
	irq_register_vector(VEC_IPI_TLB, ipi_tlb_handler, NULL, "ipi-tlb");
	irq_register_vector(VEC_IPI_STOP, ipi_stop_handler, NULL, "ipi-stop");

	cpu_apic_ids[0] = self;
	nr_cpus_possible = acpi.nr_cpus ? acpi.nr_cpus : 1;
	if (acpi.nr_cpus <= 1)
		return;

	page_phys = pmm_alloc_low(PAGE_SIZE);
	/* The trampoline's page tables: the kernel half of kernel_pml4 plus the
	 * trampoline page 1:1; CR3 is loaded in 32-bit mode, so below 4 GiB. */
	tr_pml4 = get_free_pages(GFP_KERNEL | __GFP_ZERO | __GFP_DMA32, 0);
	if (!page_phys || !tr_pml4) {
		pr_err("smp: no memory for the AP trampoline; running on one CPU\n");
		return;
	}
	memcpy(tr_pml4 + 256, kernel_pml4 + 256, 256 * sizeof(u64));
	if (paging_map(tr_pml4, page_phys, page_phys, PAGE_SIZE, PTE_P | PTE_W)) {
		pr_err("smp: cannot map the AP trampoline; running on one CPU\n");
		return;
	}

	page = phys_to_virt(page_phys);
	memcpy(page, trampoline_start, size);
	*(u32 *)(page + TR_OFF(tr_gdt_ptr) + 2) = page_phys + TR_OFF(tr_gdt);
	*(u32 *)(page + TR_OFF(tr_pm32_ptr)) = page_phys + TR_OFF(tr_pm32);
	*(u32 *)(page + TR_OFF(tr_lm64_ptr)) = page_phys + TR_OFF(tr_lm64);
	*(u32 *)(page + TR_OFF(tr_cr3)) = virt_to_phys(tr_pml4);
	*(u32 *)(page + TR_OFF(tr_efer)) = (1 << 8) | (1 << 0) | (cpu_has_nx ? 1 << 11 : 0);
	*(u64 *)(page + TR_OFF(tr_entry)) = (u64)ap_entry;

	for (int i = 0; i < acpi.nr_cpus && cpu < MAX_CPUS; i++) {
		u32 id = acpi.cpu_apic_ids[i];
		struct percpu *p;

		if (id == self)
			continue;
		p = alloc_percpu(cpu, id);
		if (!p) {
			pr_err("smp: out of memory starting CPU with APIC id %u\n", id);
			break;
		}
		percpu_ptrs[cpu] = p;
		if (!start_ap(page, page_phys, p)) {
			pr_err("smp: CPU with APIC id %u did not start\n", id);
			percpu_ptrs[cpu] = NULL;
			continue;   /* its memory stays: the CPU might still wake up */
		}
		cpu_apic_ids[cpu] = id;
		cpu++;
	}
	/* The page tables and trampoline page are kept: a CPU that missed its
	 * start would otherwise run into freed memory. They are 12 KiB. */
	pr_info("smp: %d of %d CPUs online\n", nr_cpus, acpi.nr_cpus);
}
