/*
 * The SYSCALL entry and the two ways back to user mode. The entry switches
 * to the task's kernel stack (gs:PERCPU_KERNEL_RSP) and builds the same
 * struct pt_regs an interrupt from user mode builds (vector = syscall
 * number, error_code = PT_SYSCALL_MARK), so the frame is at the same place
 * either way: task_pt_regs(). do_syscall() dispatches and runs the
 * exit-to-user work with interrupts off; then SYSRET when the frame allows
 * it (rcx = rip, r11 = rflags, canonical rip, no TF/RF, default selectors),
 * IRET otherwise (after exec, signal delivery, sigreturn, ptrace-like edits).
 */
#include <asm/calling.h>
#include <asm/segment.h>
#include <kernel/percpu.h>

/* pt_regs offsets (asm/ptrace.h) */
#define R11    48
#define RCX    88
#define RIP    136
#define CS     144
#define RFLAGS 152
#define RSP    160
#define SS     168

	.text
	.globl syscall_entry
	.type syscall_entry, @function
syscall_entry:
	swapgs
	movq %rsp, %gs:PERCPU_USER_RSP
	movq %gs:PERCPU_KERNEL_RSP, %rsp
	pushq $USER_DS                  /* ss */
	pushq %gs:PERCPU_USER_RSP       /* rsp */
	pushq %r11                      /* rflags */
	pushq $USER_CS                  /* cs */
	pushq %rcx                      /* rip */
	pushq $-1                       /* error_code = PT_SYSCALL_MARK */
	pushq %rax                      /* vector = syscall number */
	SAVE_REGS $-38                  /* rax: -ENOSYS until a handler answers */
	xorl %ebp, %ebp                 /* ends kernel backtraces here */
	movq %rsp, %rdi
	call do_syscall
	/* fall through: interrupts are off, the exit work is done */

	.globl syscall_return
syscall_return:
	movq RCX(%rsp), %rcx
	cmpq %rcx, RIP(%rsp)
	jne iret_to_user
	movq R11(%rsp), %r11
	cmpq %r11, RFLAGS(%rsp)
	jne iret_to_user
	/* SYSRET to a non-canonical rip faults in kernel mode on Intel. */
	movq $0x00007ffffffff000, %rax
	cmpq %rax, %rcx
	jae iret_to_user
	testq $0x10100, %r11            /* RF | TF */
	jnz iret_to_user
	cmpq $USER_CS, CS(%rsp)
	jne iret_to_user
	cmpq $USER_DS, SS(%rsp)
	jne iret_to_user
	RESTORE_REGS
	addq $16, %rsp                  /* vector, error code: now at rip */
	/* An NMI from here on sees kernel CS with the user's GS base: the NMI
	 * entry decides by the GS MSR (entry.S, paranoid_common). */
	swapgs
	movq 24(%rsp), %rsp             /* the user's rsp */
	sysretq

iret_to_user:
	jmp interrupt_return            /* entry.S: restores, swapgs by CS, iretq */
	.size syscall_entry, . - syscall_entry

/*
 * SYSCALL from 32-bit compatibility mode (AMD, and QEMU's TCG CPU, honour
 * it): there is no 32-bit ABI here, so answer -ENOSYS at once and go back
 * with SYSRETL, touching neither the stack nor GS, as Linux's ignore_sysret.
 * Without this, CSTAR held 0 and the CPU entered ring 0 at address 0.
 */
	.globl syscall_entry_compat
	.type syscall_entry_compat, @function
syscall_entry_compat:
	movl $-38, %eax
	sysretl
	.size syscall_entry_compat, . - syscall_entry_compat

/* __noreturn void return_to_user(struct pt_regs *regs): regs is the frame at
 * the top of the current task's kernel stack (a new process, exec). */
	.globl return_to_user
	.type return_to_user, @function
return_to_user:
	cli
	movq %rdi, %rsp
	call exit_to_user_mode          /* rdi still points at the frame */
	jmp interrupt_return
	.size return_to_user, . - return_to_user
