/*
 * x87/SSE/AVX register state (kernel/arch/x86_64/fpu.c).
 *
 * Each CPU runs with CR0.TS set whenever its current task has no FPU
 * state, so the first SSE/AVX/x87 instruction of such a task raises #NM;
 * fpu_handle_nm() then gives the task a fresh state (task->fpu, allocated
 * on that first use) and clears TS. A task that has state gets it saved
 * (XSAVE, or FXSAVE without it) when switched out and restored when
 * switched in. Kernel code is built with -mgeneral-regs-only; code that
 * must use SSE brackets it with kernel_fpu_begin()/kernel_fpu_end().
 */
#ifndef ASM_FPU_H
#define ASM_FPU_H

#include <kernel/types.h>

struct task;
struct pt_regs;

/* The save image of one task. */
struct fpu_state {
	u32 size;                /* bytes of the image */
	u8 *area;                /* XSAVE/FXSAVE image, 64-byte aligned, inside this allocation */
};

extern u32 fpu_xstate_size;     /* bytes of the save image (CPUID 0xD for the enabled XCR0) */
extern u64 fpu_xfeatures;       /* XCR0 (x87|SSE|AVX|AVX-512 as the CPU offers); 3 without XSAVE */
extern bool fpu_use_xsave;

void fpu_init_cpu(void);        /* every CPU: CR0/CR4/XCR0; leaves TS set */

/* Give t a fresh state (the init state of every component); 0 or -ENOMEM. */
int fpu_task_alloc(struct task *t, bool atomic);
/* dst gets a copy of src's state; src must be current or switched out. */
int fpu_task_copy(struct task *dst, struct task *src);
void fpu_task_free(struct task *t);
/* The current task will use SSE/AVX/x87 registers directly (instead of
 * relying on the #NM trap): 0 or -ENOMEM. */
int fpu_task_enable(void);

/* Scheduler: save prev's registers, load next's (interrupts off). */
void fpu_switch(struct task *prev, struct task *next);
/* #NM (vector 7): true if handled (the faulting instruction can be retried). */
bool fpu_handle_nm(struct pt_regs *regs);

/* Let kernel code use SSE/AVX until kernel_fpu_end(): preemption is off in
 * between and the current task's registers are saved around it. Not from
 * interrupt handlers; no nesting. */
void kernel_fpu_begin(void);
void kernel_fpu_end(void);

#endif
