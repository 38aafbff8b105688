/*
 * Fatal errors. panic() stops all CPUs, prints the message, registers and a
 * symbolized backtrace, and exits QEMU with a failure status. It is for
 * broken kernel invariants only, never for bad input.
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <kernel/types.h>

struct pt_regs;

__noreturn __cold void panic(const char *fmt, ...) __printf(1, 2);
/* Called by the exception handlers: prints regs and the backtrace from regs. */
__noreturn __cold void panic_regs(struct pt_regs *regs, const char *fmt, ...) __printf(2, 3);
void dump_stack(void);
void backtrace_from(unsigned long rbp, unsigned long rip);
extern volatile int panic_in_progress;

#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(c) do { if (unlikely(c)) panic("BUG_ON(%s) at %s:%d", #c, __FILE__, __LINE__); } while (0)

void warn_slowpath(const char *file, int line, const char *cond);
#define WARN_ON(c) ({ bool __w = !!(c); if (unlikely(__w)) warn_slowpath(__FILE__, __LINE__, #c); unlikely(__w); })

/* Kernel exit codes through isa-debug-exit (scripts/qemu.sh maps them). */
#define EXIT_SUCCESS_CODE 0
#define EXIT_FAILURE_CODE 1
#define EXIT_PANIC_CODE   3
__noreturn void machine_exit(int code);

#endif
