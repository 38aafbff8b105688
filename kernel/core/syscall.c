/*
 * System call dispatch. The table is generated from linuxabi/syscall_64.tbl
 * (scripts/gen-syscalls): handlers are `long sys_x(...)` taking Linux's
 * arguments in order; they are called through a six-long signature, which
 * the x86_64 calling convention makes equivalent for integer and pointer
 * arguments. Also the work done on every return to user mode, and
 * `strace=1`.
 */
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/x86.h>
#include <kernel/boot.h>
#include <kernel/errno.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/spinlock.h>
#include <kernel/syscall.h>

typedef long (*syscall_fn_t)(long, long, long, long, long, long);

#define SYSCALL_ENTRY(nr, name, fn) long fn(long, long, long, long, long, long);
#define SYSCALL_NONE(nr, name)
#include <syscalls.gen.h>
#undef SYSCALL_ENTRY
#undef SYSCALL_NONE

static const syscall_fn_t syscall_table[SYSCALL_TABLE_SIZE] = {
#define SYSCALL_ENTRY(nr, name, fn) [nr] = fn,
#define SYSCALL_NONE(nr, name)
#include <syscalls.gen.h>
#undef SYSCALL_ENTRY
#undef SYSCALL_NONE
};

static const char *const syscall_names[SYSCALL_TABLE_SIZE] = {
#define SYSCALL_ENTRY(nr, name, fn) [nr] = #name,
#define SYSCALL_NONE(nr, name) [nr] = #name,
#include <syscalls.gen.h>
#undef SYSCALL_ENTRY
#undef SYSCALL_NONE
};

bool strace_all;
static unsigned long enosys_logged[(SYSCALL_TABLE_SIZE + 63) / 64];
static bool enosys_logged_other;

extern char syscall_entry[], syscall_entry_compat[];

const char *syscall_name(unsigned long nr)
{
	return nr < SYSCALL_TABLE_SIZE ? syscall_names[nr] : NULL;
}

struct pt_regs *task_pt_regs(struct task *t)
{
	return (struct pt_regs *)t->stack_top - 1;
}

void syscall_init_cpu(void)
{
	wrmsr(MSR_STAR, ((u64)USER32_CS << 48) | ((u64)KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)syscall_entry);
	wrmsr(MSR_CSTAR, (u64)syscall_entry_compat);
	/* Entry runs with IF, TF, DF, AC, NT and IOPL cleared, as on Linux. */
	wrmsr(MSR_FMASK, 0x47700);
	if (cmdline_get("strace") && cmdline_get("strace")[0] == '1')
		strace_all = true;
}

static void log_enosys(unsigned long nr)
{
	const char *name = syscall_name(nr);

	if (nr < SYSCALL_TABLE_SIZE) {
		if (__atomic_fetch_or(&enosys_logged[nr / 64], 1UL << (nr % 64), __ATOMIC_RELAXED) &
		    (1UL << (nr % 64)))
			return;
	} else {
		if (enosys_logged_other)
			return;
		enosys_logged_other = true;
	}
	pr_notice("syscall %s (%lu) not implemented: -ENOSYS (%s[%d])\n", name ? name : "unknown",
		  nr, current->comm, current->tid);
}

static void strace_enter(struct pt_regs *r)
{
	const char *name = syscall_name(r->vector);

	printk(KERN_INFO "[%d] %s(%#llx, %#llx, %#llx, %#llx, %#llx, %#llx) ...\n", current->tid,
	       name ? name : "?", (unsigned long long)r->rdi, (unsigned long long)r->rsi,
	       (unsigned long long)r->rdx, (unsigned long long)r->r10, (unsigned long long)r->r8,
	       (unsigned long long)r->r9);
}

static void strace_exit(struct pt_regs *r)
{
	const char *name = syscall_name(r->vector);
	long ret = (long)r->rax;

	if (ret < 0 && ret >= -4095)
		printk(KERN_INFO "[%d] %s = -%ld\n", current->tid, name ? name : "?", -ret);
	else
		printk(KERN_INFO "[%d] %s = %#lx\n", current->tid, name ? name : "?", ret);
}

void do_syscall(struct pt_regs *regs);
void do_syscall(struct pt_regs *regs)
{
	unsigned long nr = regs->vector;
	long ret = -ENOSYS;

	local_irq_enable();
	if (unlikely(strace_all))
		strace_enter(regs);
	if (likely(nr < SYSCALL_TABLE_SIZE) && syscall_table[nr])
		ret = syscall_table[nr](regs->rdi, regs->rsi, regs->rdx, regs->r10, regs->r8, regs->r9);
	else
		log_enosys(nr);
	/* exec and sigreturn rewrite the whole frame; their rax is already set. */
	if (ret != -EJUSTRETURN)
		regs->rax = ret;
	if (unlikely(strace_all))
		strace_exit(regs);
	local_irq_disable();
	exit_to_user_mode(regs);
}

void exit_to_user_mode(struct pt_regs *regs)
{
	sched_exit_to_user();
	for (;;) {
		if (need_resched()) {
			local_irq_enable();
			schedule();
			local_irq_disable();
			continue;
		}
		if (signal_pending(current)) {
			local_irq_enable();
			signal_deliver(regs);
			local_irq_disable();
			/* Delivery changed the mask; another may be deliverable. */
			if (signal_pending(current))
				continue;
		}
		break;
	}
}
