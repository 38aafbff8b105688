/*
 * panic(): the one way the kernel dies. Stops the other CPUs, prints the
 * message, the registers (when called from an exception) and a symbolized
 * backtrace walked over frame pointers, then leaves QEMU through the
 * isa-debug-exit port with EXIT_PANIC_CODE so a test run reports a failure
 * instead of hanging.
 */
#include <asm/ptrace.h>
#include <asm/x86.h>
#include <kernel/boot.h>
#include <kernel/ksyms.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/vmlayout.h>
#include <stdio.h>

volatile int panic_in_progress;

#define ISA_DEBUG_EXIT_PORT 0xf4

__noreturn void machine_exit(int code)
{
	/* QEMU exits with ((code + 16) << 1) | 1 (16 keeps it apart from QEMU's own
	 * error status 1); scripts/qemu.sh undoes that. */
	outl(ISA_DEBUG_EXIT_PORT, (u32)code + 16);
	/* Not under QEMU (or no debug-exit device): stop here. */
	for (;;) {
		local_irq_disable();
		halt();
	}
}

static bool kernel_text_addr(unsigned long a)
{
	return a >= (unsigned long)_text && a < (unsigned long)_etext;
}

static void print_symbol(unsigned long addr)
{
	unsigned long off;
	const char *name = ksym_lookup(addr, &off);

	if (name && kernel_text_addr(addr))
		printk(KERN_EMERG "  [<%016lx>] %s+0x%lx\n", addr, name, off);
	else
		printk(KERN_EMERG "  [<%016lx>] ?\n", addr);
}

/* A frame pointer is plausible if it lies in kernel memory, aligned. */
static bool frame_ok(unsigned long fp)
{
	if (fp & 7)
		return false;
	if (fp >= KERNEL_VMA)
		return fp + 16 <= (unsigned long)_kernel_end;
	if (fp >= VMALLOC_START && fp < VMALLOC_END)
		return !vmalloc_is_guard(fp) && !vmalloc_is_guard(fp + 15);
	return fp >= DIRECT_MAP_BASE && fp < DIRECT_MAP_BASE + max_phys_addr;
}

void backtrace_from(unsigned long rbp, unsigned long rip)
{
	int depth = 0;

	printk(KERN_EMERG "Call trace:\n");
	if (rip)
		print_symbol(rip);
	while (frame_ok(rbp) && depth++ < 32) {
		unsigned long *frame = (unsigned long *)rbp;
		unsigned long ret = frame[1];

		if (!ret || !kernel_text_addr(ret))
			break;
		print_symbol(ret);
		if (frame[0] <= rbp)    /* stacks grow down: callers are higher */
			break;
		rbp = frame[0];
	}
}

void dump_stack(void)
{
	backtrace_from((unsigned long)__builtin_frame_address(0), 0);
}

static void dump_regs(struct pt_regs *r)
{
	unsigned long off;
	const char *name = ksym_lookup(r->rip, &off);

	printk(KERN_EMERG "RIP: %04llx:%016llx %s+0x%lx\n", (unsigned long long)r->cs,
	       (unsigned long long)r->rip, name ? name : "?", name ? off : 0);
	printk(KERN_EMERG "RSP: %04llx:%016llx RFLAGS: %08llx\n", (unsigned long long)r->ss,
	       (unsigned long long)r->rsp, (unsigned long long)r->rflags);
	printk(KERN_EMERG "RAX: %016llx RBX: %016llx RCX: %016llx\n",
	       (unsigned long long)r->rax, (unsigned long long)r->rbx, (unsigned long long)r->rcx);
	printk(KERN_EMERG "RDX: %016llx RSI: %016llx RDI: %016llx\n",
	       (unsigned long long)r->rdx, (unsigned long long)r->rsi, (unsigned long long)r->rdi);
	printk(KERN_EMERG "RBP: %016llx R08: %016llx R09: %016llx\n",
	       (unsigned long long)r->rbp, (unsigned long long)r->r8, (unsigned long long)r->r9);
	printk(KERN_EMERG "R10: %016llx R11: %016llx R12: %016llx\n",
	       (unsigned long long)r->r10, (unsigned long long)r->r11, (unsigned long long)r->r12);
	printk(KERN_EMERG "R13: %016llx R14: %016llx R15: %016llx\n",
	       (unsigned long long)r->r13, (unsigned long long)r->r14, (unsigned long long)r->r15);
	printk(KERN_EMERG "CR0: %016llx CR2: %016llx CR3: %016llx CR4: %016llx\n",
	       (unsigned long long)read_cr0(), (unsigned long long)read_cr2(),
	       (unsigned long long)read_cr3(), (unsigned long long)read_cr4());
}

static void __noreturn vpanic(struct pt_regs *regs, const char *fmt, va_list ap)
{
	char msg[512];
	int cpu = -1;

	local_irq_disable();
	/* A second panic (from inside the first) goes straight out. */
	if (__atomic_fetch_add(&panic_in_progress, 1, __ATOMIC_SEQ_CST)) {
		for (;;)
			machine_exit(EXIT_PANIC_CODE);
	}
	smp_stop_other_cpus();
	printk_panic_mode();
	printk_set_loglevel(8);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (percpu_ptrs[0])
		cpu = smp_processor_id();
	printk(KERN_EMERG "Kernel panic on CPU %d: %s\n", cpu, msg);
	if (regs) {
		dump_regs(regs);
		backtrace_from(regs->rbp, regs->rip);
	} else {
		dump_stack();
	}
	printk(KERN_EMERG "---[ end Kernel panic: %s ]---\n", msg);
	machine_exit(EXIT_PANIC_CODE);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpanic(NULL, fmt, ap);
}

void panic_regs(struct pt_regs *regs, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpanic(regs, fmt, ap);
}

void warn_slowpath(const char *file, int line, const char *cond)
{
	printk(KERN_WARNING "WARNING: %s at %s:%d\n", cond, file, line);
	dump_stack();
}

/* Stack protector: GCC's -fstack-protector-strong reads the guard from
 * __stack_chk_guard (we build with -mstack-protector-guard=global). It is
 * re-randomized from RDRAND/TSC at boot before anything deep runs. */
unsigned long __stack_chk_guard = 0x595e9fbd94fda766UL;

__noreturn void __stack_chk_fail(void)
{
	panic("stack protector: stack smashed in %p",
	      __builtin_extract_return_addr(__builtin_return_address(0)));
}
