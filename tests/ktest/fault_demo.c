/*
 * Deliberate faults, run only when named (KTEST_MANUAL): they prove that a
 * kernel bug ends in a panic with a symbolized backtrace and a failure
 * status from QEMU, never a hang. scripts/test.sh runs them and checks the
 * report.
 */
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/sched.h>

static __noinline void fault_demo_inner(volatile unsigned long *p)
{
	*p = 0xbad;
}

KTEST_FLAGS(fault_demo, KTEST_MANUAL)
{
	/* Canonical, in the kernel half, and never mapped: the page below the
	 * vmalloc area. A page fault with CR2 set, not a #GP. */
	fault_demo_inner((volatile unsigned long *)(VMALLOC_START - 0x1000));
}

/* Recursion the compiler cannot see through (it would reject it otherwise). */
static int (*volatile recurse_ptr)(int);

static __noinline int recurse_forever(int n)
{
	volatile char pad[512];

	pad[0] = (char)n;
	return recurse_ptr(n + 1) + pad[0];
}

static int overflow_thread(void *arg)
{
	recurse_ptr = recurse_forever;
	return recurse_forever(0);
}

/* A kernel stack overflow must hit the guard page and be reported as such. */
KTEST_FLAGS(fault_stack_overflow, KTEST_MANUAL)
{
	struct task *t = kthread_run(overflow_thread, NULL, "overflow");

	KT_ASSERT(t);
	kthread_join(t);
}
