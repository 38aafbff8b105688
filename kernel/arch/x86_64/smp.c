/*
 * SMP: start every CPU the MADT lists (INIT-SIPI-SIPI through a trampoline
 * page below 1 MiB, one CPU at a time), and cross-CPU calls over IPIs:
 * function calls, reschedule requests, TLB shootdown and the panic stop.
 */
#include <asm/apic.h>
#include <asm/fpu.h>
#include <asm/process.h>
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

/*
 * Cross-CPU requests (function calls and TLB shootdowns) go through one
 * request block, one at a time, under xcall_lock. Every target CPU clears
 * its bit in 'pending' when it has acted. A CPU that waits for the lock
 * (possibly with interrupts off) keeps servicing a request addressed to it,
 * so two CPUs can never wait on each other: one holds the lock, the other
 * answers it while spinning.
 */
#define XCALL_FN  1
#define XCALL_TLB 2

static DEFINE_SPINLOCK(xcall_lock);
static struct {
	int type;
	void (*fn)(void *);
	void *arg;
	unsigned long start, end;
	volatile u64 pending;       /* CPUs that have not acted yet */
} xcall;

static inline bool smp_is_up(void) { return nr_cpus > 1; }

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

/* Act on the current request if it is addressed to this CPU and not yet
 * done here. Safe to call from the IPI handler and from lock waiters. */
static void xcall_service(void)
{
	u64 me = 1ULL << smp_processor_id();

	if (!(__atomic_load_n(&xcall.pending, __ATOMIC_ACQUIRE) & me))
		return;
	if (xcall.type == XCALL_FN)
		xcall.fn(xcall.arg);
	else
		local_flush_range(xcall.start, xcall.end);
	__atomic_fetch_and(&xcall.pending, ~me, __ATOMIC_RELEASE);
}

static void ipi_xcall_handler(struct pt_regs *regs, void *unused)
{
	xcall_service();
}

static void ipi_resched_handler(struct pt_regs *regs, void *unused)
{
	/* Nothing to do: the interrupt return path sees need_resched. */
}

/* Work that its requester could not do where it was (printk holding
 * scheduler or wait-queue locks cannot wake anyone): the same CPU, a
 * moment later, in an interrupt, with no lock held (Linux's irq_work). */
static void ipi_work_handler(struct pt_regs *regs, void *unused)
{
	printk_irq_work();
}

void smp_send_self_work(void)
{
	struct percpu *p = this_cpu();

	if (p && p->online)
		lapic_send_ipi(p->apic_id, VEC_IPI_WORK);
}

static void ipi_stop_handler(struct pt_regs *regs, void *unused)
{
	for (;;) {
		local_irq_disable();
		halt();
	}
}

static unsigned long xcall_lock_acquire(void)
{
	unsigned long flags = local_irq_save();

	while (!spin_trylock(&xcall_lock)) {
		xcall_service();
		local_irq_restore(flags);
		cpu_relax();
		flags = local_irq_save();
	}
	return flags;
}

static void xcall_run(u64 targets, unsigned long flags)
{
	u64 spins = 0;

	targets &= ~(1ULL << smp_processor_id());
	__atomic_store_n(&xcall.pending, targets, __ATOMIC_RELEASE);
	for (int cpu = 0; cpu < nr_cpus; cpu++)
		if (targets & (1ULL << cpu))
			lapic_send_ipi(cpu_data(cpu)->apic_id, VEC_IPI_CALL);
	while (__atomic_load_n(&xcall.pending, __ATOMIC_ACQUIRE)) {
		cpu_relax();
		if (++spins == 500000000ULL)
			pr_err("smp: cross-CPU request: CPUs %#llx not answering\n",
			       (unsigned long long)xcall.pending);
	}
	spin_unlock(&xcall_lock);
	local_irq_restore(flags);
}

static u64 online_mask(void)
{
	u64 m = 0;

	for (int cpu = 0; cpu < nr_cpus; cpu++)
		if (cpu_data(cpu) && cpu_data(cpu)->online)
			m |= 1ULL << cpu;
	return m;
}

void tlb_shootdown_kernel(unsigned long start, unsigned long end)
{
	unsigned long flags;

	if (!smp_is_up())
		return;
	flags = xcall_lock_acquire();
	xcall.type = XCALL_TLB;
	xcall.start = start;
	xcall.end = end;
	xcall_run(online_mask(), flags);
}

static void call_common(u64 targets, void (*fn)(void *), void *arg)
{
	unsigned long flags = xcall_lock_acquire();

	xcall.type = XCALL_FN;
	xcall.fn = fn;
	xcall.arg = arg;
	/* The request block is reused by the next caller: always wait until
	 * every target has acted, whatever the caller's 'wait'. */
	xcall_run(targets, flags);
}

void smp_call_function(void (*fn)(void *), void *arg, bool wait)
{
	if (smp_is_up())
		call_common(online_mask(), fn, arg);
}

void smp_call_function_single(int cpu, void (*fn)(void *), void *arg, bool wait)
{
	if (cpu == smp_processor_id()) {
		unsigned long flags = local_irq_save();
		fn(arg);
		local_irq_restore(flags);
		return;
	}
	call_common(1ULL << cpu, fn, arg);
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
	cpu_enable_protections();
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

	irq_register_vector(VEC_IPI_CALL, ipi_xcall_handler, NULL, "ipi-xcall");
	irq_register_vector(VEC_IPI_RESCHED, ipi_resched_handler, NULL, "ipi-resched");
	irq_register_vector(VEC_IPI_STOP, ipi_stop_handler, NULL, "ipi-stop");
	irq_register_vector(VEC_IPI_WORK, ipi_work_handler, NULL, "ipi-work");

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
