/*
 * Switching the user-mode state of tasks. Page tables: a task with an mm
 * gets its own loaded; a kernel thread runs on the kernel's (mm_activate
 * skips the CR3 write when the same tables are already loaded). FS and GS
 * bases: user space can change them only through arch_prctl (CR4.FSGSBASE
 * stays off), so the task's fields are always current and are simply
 * loaded when a user task comes in; the per-CPU copies save MSR writes when
 * the value is already there.
 */
#include <asm/process.h>
#include <asm/x86.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>
#include <kernel/vm.h>

void arch_switch_user_state(struct task *prev, struct task *next)
{
	struct percpu *cpu = this_cpu();

	mm_activate(next->mm);
	next->active_mm = next->mm;
	if (!next->mm)
		return;
	if (cpu->user_fsbase != next->user_fsbase) {
		wrmsr(MSR_FS_BASE, next->user_fsbase);
		cpu->user_fsbase = next->user_fsbase;
	}
	if (cpu->user_gsbase != next->user_gsbase) {
		/* While in the kernel the user's GS base sits in KERNEL_GS_BASE. */
		wrmsr(MSR_KERNEL_GS_BASE, next->user_gsbase);
		cpu->user_gsbase = next->user_gsbase;
	}
}

void arch_set_user_fsbase(unsigned long base)
{
	unsigned long flags = local_irq_save();

	current->user_fsbase = base;
	wrmsr(MSR_FS_BASE, base);
	this_cpu()->user_fsbase = base;
	local_irq_restore(flags);
}

void arch_set_user_gsbase(unsigned long base)
{
	unsigned long flags = local_irq_save();

	current->user_gsbase = base;
	wrmsr(MSR_KERNEL_GS_BASE, base);
	this_cpu()->user_gsbase = base;
	local_irq_restore(flags);
}

/*
 * Per-CPU protection the kernel can always afford: SMEP (the kernel never
 * executes user pages, so an entry into user memory from ring 0 faults
 * instead of running the user's code). XXX: SMAP needs stac/clac around
 * every user copy; not yet.
 */
void cpu_enable_protections(void)
{
	u32 a, b, c, d;

	cpuid(0, &a, &b, &c, &d);
	if (a < 7)
		return;
	cpuid_count(7, 0, &a, &b, &c, &d);
	if (b & (1u << 7))
		write_cr4(read_cr4() | CR4_SMEP);
}
