/*
 * Context switch between kernel tasks. The scheduler calls
 * __switch_to(prev, next) with interrupts off; everything the C calling
 * convention lets a callee clobber is already saved by the compiler, so
 * only the callee-saved registers and the stack pointer change hands.
 * It returns, on next's stack, the task that was switched away from (the
 * caller's own 'prev' belongs to the frame it was switched out in).
 *
 * A new task's stack is laid out by kthread_create to look as if it had
 * switched out here: six zero registers and a return into task_trampoline,
 * which hands the previous task to sched_task_entry (kernel/sched/core.c).
 */
	.text

/* struct task *__switch_to(struct task *prev, struct task *next) */
	.globl __switch_to
	.type __switch_to, @function
__switch_to:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, 0(%rdi)              /* prev->rsp (offset 0 of struct task) */
	movq 0(%rsi), %rsp              /* next->rsp */
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	movq %rdi, %rax
	ret
	.size __switch_to, . - __switch_to

/* First code of every new task: rsp is its 16-byte aligned stack top and
 * rax the task switched away from. rbp = 0 ends backtraces here. */
	.globl task_trampoline
	.type task_trampoline, @function
task_trampoline:
	movq %rax, %rdi
	xorl %ebp, %ebp
	call sched_task_entry
	ud2
	.size task_trampoline, . - task_trampoline

	.section .note.GNU-stack, "", @progbits
