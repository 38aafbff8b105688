/*
 * Interrupt and exception entry. Every vector has a stub that makes the
 * frame uniform (error code, vector) and jumps to interrupt_common, which
 * saves the registers as struct pt_regs, switches GS when coming from user
 * mode and calls x86_interrupt(regs). NMI, double fault and machine check
 * run on IST stacks and may interrupt the kernel anywhere, even between an
 * entry and its swapgs: they decide from the GS base MSR itself.
 */
#include <asm/calling.h>
#include <asm/segment.h>

#define HAS_ERRCODE(v) ((v) == 8 || (v) == 10 || (v) == 11 || (v) == 12 || \
			(v) == 13 || (v) == 14 || (v) == 17 || (v) == 21 || \
			(v) == 29 || (v) == 30)
#define PARANOID(v) ((v) == 2 || (v) == 8 || (v) == 18)


	.text
	.balign 16
interrupt_common:
	testb $3, 24(%rsp)              /* cs of the interrupted context */
	jz 1f
	swapgs
1:	SAVE_REGS
	cld
	movq %rsp, %rdi
	call x86_interrupt
	.globl interrupt_return
interrupt_return:
	RESTORE_REGS
	addq $16, %rsp                  /* vector, error code */
	testb $3, 8(%rsp)
	jz 2f
	swapgs
2:	iretq

	.balign 16
paranoid_common:
	SAVE_REGS
	cld
	xorl %ebx, %ebx
	movl $0xc0000101, %ecx          /* MSR_GS_BASE */
	rdmsr
	testl %edx, %edx
	js 1f                           /* already the kernel's GS */
	swapgs
	movl $1, %ebx
1:	movq %rsp, %rdi
	call x86_interrupt
	testl %ebx, %ebx
	jz 2f
	swapgs
2:	RESTORE_REGS
	addq $16, %rsp
	iretq

	/* One stub per vector, 16 bytes apart, table of their addresses. */
	.balign 16
	.globl interrupt_stubs
interrupt_stubs:
	vector = 0
	.rept 256
	.balign 16
	.if !HAS_ERRCODE(vector)
	pushq $0
	.endif
	pushq $vector
	.if PARANOID(vector)
	jmp paranoid_common
	.else
	jmp interrupt_common
	.endif
	vector = vector + 1
	.endr
