/*
 * System call entry (kernel/arch/x86_64/syscall.S, kernel/core/syscall.c).
 * User space enters with SYSCALL: the number in rax, arguments in rdi, rsi,
 * rdx, r10, r8, r9. The handler table is generated from
 * linuxabi/syscall_64.tbl by scripts/gen-syscalls.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <asm/ptrace.h>
#include <kernel/types.h>

#define NR_SYSCALLS_LINUX 512

void syscall_init_cpu(void);                 /* STAR/LSTAR/FMASK on this CPU */
const char *syscall_name(unsigned long nr);  /* NULL if unknown */
extern bool strace_all;                      /* boot option strace=1 */

/*
 * Before returning to user mode (from a syscall, an interrupt or an
 * exception): reschedule if asked, deliver pending signals. Called with
 * interrupts off; may enable them; returns with them off.
 */
void exit_to_user_mode(struct pt_regs *regs);

/* Enter user mode for the first time with these registers (exec). */
__noreturn void return_to_user(struct pt_regs *regs);

/* The user register frame of a task (top of its kernel stack). */
struct task;
struct pt_regs *task_pt_regs(struct task *t);

#endif
