/*
 * The IDT and the C side of every interrupt: exceptions are decoded and, in
 * kernel mode, either fixed up through the exception table or turned into a
 * panic with registers and backtrace; hardware interrupts go to the handler
 * registered for their vector, followed by EOI and, if a wakeup asked for it
 * and the interrupted code was preemptible, a reschedule.
 */
#include <asm/extable.h>
#include <asm/fpu.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/x86.h>
#include <kernel/errno.h>
#include <kernel/irq.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>
#include <kernel/vm.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>

struct idt_gate {
	u16 offset_lo;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset_mid;
	u32 offset_hi;
	u32 zero;
} __packed;

struct irq_action {
	irq_handler_t handler;
	void *arg;
	const char *name;
};

static struct idt_gate idt[256] __aligned(16);
static struct irq_action actions[256];
static DEFINE_SPINLOCK(vector_lock);
extern char interrupt_stubs[];

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
	"invalid opcode", "device not available", "double fault", "coprocessor overrun",
	"invalid TSS", "segment not present", "stack fault", "general protection",
	"page fault", "reserved 15", "x87 FPU error", "alignment check", "machine check",
	"SIMD floating point", "virtualization", "control protection", "reserved 22",
	"reserved 23", "reserved 24", "reserved 25", "reserved 26", "reserved 27",
	"hypervisor injection", "VMM communication", "security", "reserved 31",
};

static void set_gate(int vec, int ist, int dpl)
{
	u64 addr = (u64)interrupt_stubs + 16 * vec;

	idt[vec] = (struct idt_gate){
		.offset_lo = addr & 0xffff,
		.selector = KERNEL_CS,
		.ist = ist,
		.type_attr = 0x8e | (dpl << 5),    /* present, interrupt gate */
		.offset_mid = (addr >> 16) & 0xffff,
		.offset_hi = addr >> 32,
	};
}

void irq_init_cpu(void)
{
	struct {
		u16 limit;
		u64 base;
	} __packed idtr = { sizeof(idt) - 1, (u64)idt };

	__asm__ __volatile__("lidt %0" :: "m"(idtr));
}

void irq_init(void)
{
	for (int v = 0; v < 256; v++)
		set_gate(v, 0, 0);
	set_gate(2, IST_NMI, 0);
	set_gate(8, IST_DOUBLE_FAULT, 0);
	set_gate(18, IST_MACHINE_CHECK, 0);
	set_gate(3, 0, 3);          /* int3 from user space raises SIGTRAP */
	irq_init_cpu();
}

int irq_register_vector(int vector, irq_handler_t h, void *arg, const char *name)
{
	unsigned long flags;
	int ret = 0;

	if (vector < 32 || vector > 255)
		return -EINVAL;
	spin_lock_irqsave(&vector_lock, flags);
	if (actions[vector].handler)
		ret = -EBUSY;
	else
		actions[vector] = (struct irq_action){ h, arg, name };
	spin_unlock_irqrestore(&vector_lock, flags);
	return ret;
}

int irq_alloc_vector(void)
{
	unsigned long flags;
	int v, ret = -ENOSPC;

	spin_lock_irqsave(&vector_lock, flags);
	for (v = IRQ_DYNAMIC_BASE; v < IRQ_DYNAMIC_END; v++) {
		if (!actions[v].handler && !actions[v].name) {
			actions[v].name = "reserved";
			ret = v;
			break;
		}
	}
	spin_unlock_irqrestore(&vector_lock, flags);
	return ret;
}

bool in_interrupt(void)
{
	return this_cpu()->irq_depth > 0;
}

bool fixup_exception(struct pt_regs *regs)
{
	extern struct exception_table_entry __ex_table_start[], __ex_table_end[];

	for (struct exception_table_entry *e = __ex_table_start; e < __ex_table_end; e++) {
		unsigned long insn = (unsigned long)&e->insn + e->insn;
		if (insn == regs->rip) {
			regs->rip = (unsigned long)&e->fixup + e->fixup;
			return true;
		}
	}
	return false;
}

static void page_fault(struct pt_regs *regs)
{
	unsigned long addr = read_cr2();
	u64 err = regs->error_code;
	struct task *t = current;

	/*
	 * A user address: the task's mm may resolve it (demand paging, copy on
	 * write, stack growth). Kernel code reaches here from copy_*_user; it
	 * must not sleep if it runs atomic, so then only the fixup applies.
	 */
	if (addr < USER_SPACE_END && t && t->mm &&
	    (user_mode(regs) || (preempt_count() == 0 && (regs->rflags & X86_RFLAGS_IF)))) {
		int r;

		if (regs->rflags & X86_RFLAGS_IF)
			local_irq_enable();
		r = mm_handle_fault(t->mm, addr, err);
		local_irq_disable();
		if (r == 0)
			return;
		if (user_mode(regs)) {
			if (r == -EIO)
				force_sig_fault(SIGBUS, BUS_ADRERR, addr);
			else if (r == -ENOMEM)
				force_sig_fault(SIGKILL, SI_KERNEL, addr);   /* XXX: Linux runs the OOM killer */
			else
				force_sig_fault(SIGSEGV, r == -EACCES ? SEGV_ACCERR : SEGV_MAPERR, addr);
			return;
		}
	} else if (user_mode(regs)) {
		force_sig_fault(SIGSEGV, SEGV_MAPERR, addr);
		return;
	}
	if (!user_mode(regs) && fixup_exception(regs))
		return;
	if (vmalloc_is_guard(addr))
		panic_regs(regs, "kernel stack overflow or guard page hit at %lx", addr);
	panic_regs(regs, "page fault at %016lx: %s %s in %s mode%s%s (error %llx)", addr,
		   err & 1 ? "protection violation" : "not-present page",
		   err & 16 ? "on instruction fetch" : err & 2 ? "on write" : "on read",
		   err & 4 ? "user" : "kernel", err & 8 ? ", reserved bit set" : "",
		   err & 32 ? ", protection key" : "", (unsigned long long)err);
}

/* An exception in user mode becomes the signal Linux sends for it. */
static bool user_exception(struct pt_regs *regs)
{
	switch (regs->vector) {
	case 0:  force_sig_fault(SIGFPE, FPE_INTDIV, regs->rip); return true;
	case 1:  force_sig_fault(SIGTRAP, TRAP_BRKPT, regs->rip); return true;
	case 3:  force_sig_fault(SIGTRAP, SI_KERNEL, 0); return true;
	case 4:
	case 5:
	case 13: force_sig_fault(SIGSEGV, SI_KERNEL, 0); return true;
	case 6:  force_sig_fault(SIGILL, ILL_ILLOPN, regs->rip); return true;
	case 16:
	case 19: force_sig_fault(SIGFPE, 0, regs->rip); return true;   /* XXX: decode MXCSR/FSW for si_code */
	case 12:
	case 17: force_sig_fault(SIGBUS, 0, 0); return true;
	}
	/* Anything else from user mode is the task's problem, never a panic. */
	printk(KERN_WARNING "%s[%d]: unexpected exception %llu in user mode; killed\n",
	       current->comm, current->tid, (unsigned long long)regs->vector);
	force_sig_fault(SIGKILL, SI_KERNEL, 0);
	return true;
}

static void exception(struct pt_regs *regs)
{
	int vec = regs->vector;

	switch (vec) {
	case 14:
		page_fault(regs);
		return;
	case 7:
		/* CR0.TS is set while the current task has no FPU state: its
		 * first SSE/AVX instruction lands here and gets state. No memory
		 * for it: a user task dies as on an out-of-memory fault. */
		if (fpu_handle_nm(regs))
			return;
		if (user_mode(regs)) {
			force_sig_fault(SIGKILL, SI_KERNEL, 0);   /* XXX: Linux would reclaim first */
			return;
		}
		break;
	case 2:
		/* NMI: the panicking CPU uses it to stop the others. */
		if (panic_in_progress)
			for (;;)
				halt();
		printk(KERN_WARNING "NMI received on CPU %d (ignored)\n", smp_processor_id());
		return;
	case 8:
		/* A stack overflow faults on the guard page and then cannot push
		 * the page-fault frame: it arrives here, with CR2 in the guard. */
		if (vmalloc_is_guard(read_cr2()))
			panic_regs(regs, "double fault: kernel stack overflow (guard page hit at %lx)",
				   read_cr2());
		panic_regs(regs, "double fault");
	case 13:
	case 12:
	case 17:
		if (!user_mode(regs) && fixup_exception(regs))
			return;
		break;
	}
	if (user_mode(regs) && user_exception(regs))
		return;
	panic_regs(regs, "%s (vector %d, error %llx) in %s mode", exception_names[vec], vec,
		   (unsigned long long)regs->error_code, user_mode(regs) ? "user" : "kernel");
}

void x86_interrupt(struct pt_regs *regs);
void x86_interrupt(struct pt_regs *regs)
{
	struct percpu *cpu = this_cpu();
	int vec = regs->vector;

	if (vec < 32) {
		exception(regs);
		if (user_mode(regs))
			exit_to_user_mode(regs);
		return;
	}

	cpu->irq_depth++;
	cpu->irq_count++;
	preempt_disable();
	if (vec == VEC_SPURIOUS) {
		/* Spurious: no EOI. */
	} else {
		struct irq_action *a = &actions[vec];
		if (a->handler)
			a->handler(regs, a->arg);
		else
			printk(KERN_WARNING "unexpected interrupt vector %#x on CPU %d\n", vec, cpu->cpu);
		lapic_eoi();
	}
	preempt_enable_no_resched();
	cpu->irq_depth--;

	if (user_mode(regs)) {
		/* Rescheduling and signals on the way back to user mode. */
		exit_to_user_mode(regs);
	} else if (cpu->need_resched && preempt_count() == 0 && (regs->rflags & X86_RFLAGS_IF)) {
		/* Preempt the interrupted kernel code: it was preemptible. */
		preempt_schedule_irq();
	}
}
