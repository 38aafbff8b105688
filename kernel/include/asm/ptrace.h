/*
 * The register frame every interrupt, exception (and later syscall) entry
 * pushes on the kernel stack. Layout is fixed by kernel/arch/x86_64/entry.S.
 */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#include <kernel/types.h>

struct pt_regs {
	u64 r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	u64 rax, rcx, rdx, rsi, rdi;
	u64 vector;         /* interrupt vector, or the syscall number (orig_rax) */
	u64 error_code;     /* exception error code; PT_SYSCALL_MARK for syscalls */
	/* pushed by the CPU */
	u64 rip, cs, rflags, rsp, ss;
};

#define PT_SYSCALL_MARK (~0ULL)

static inline bool user_mode(const struct pt_regs *r) { return (r->cs & 3) == 3; }
/* The frame was made by the syscall instruction (restart logic needs this). */
static inline bool in_syscall(const struct pt_regs *r) { return r->error_code == PT_SYSCALL_MARK; }
static inline unsigned long syscall_nr(const struct pt_regs *r) { return r->vector; }

#endif
