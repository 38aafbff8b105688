/*
 * Saving and restoring the general registers in struct pt_regs order
 * (asm/ptrace.h), shared by the interrupt entry (entry.S) and the syscall
 * entry (syscall.S). Assembly only.
 */
#ifndef ASM_CALLING_H
#define ASM_CALLING_H

/* Push rdi..r15; rax as given (the syscall entry pushes -ENOSYS instead). */
	.macro SAVE_REGS rax=%rax
	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %rcx
	pushq \rax
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %rbx
	pushq %rbp
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	.endm

	.macro RESTORE_REGS
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbp
	popq %rbx
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rax
	popq %rcx
	popq %rdx
	popq %rsi
	popq %rdi
	.endm

#endif
