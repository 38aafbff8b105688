/*
 * User-mode state that follows a task across context switches: its page
 * tables and its FS/GS bases (kernel/arch/x86_64/process.c).
 */
#ifndef ASM_PROCESS_H
#define ASM_PROCESS_H

struct task;

/* Called by the scheduler with interrupts off, before switching stacks. */
void arch_switch_user_state(struct task *prev, struct task *next);
/* Set the current task's user FS/GS base (arch_prctl) and load it now. */
void arch_set_user_fsbase(unsigned long base);
void arch_set_user_gsbase(unsigned long base);
/* SMEP where the CPU has it; every CPU, early. */
void cpu_enable_protections(void);

#endif
