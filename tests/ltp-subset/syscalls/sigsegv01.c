/*
 * sigsegv01: synchronous faults deliver the right signal and siginfo to a
 * handler: SIGSEGV with si_addr for a bad store, SIGILL for ud2 (ILL_ILLOPN),
 * SIGTRAP for int3 (si_code SI_KERNEL), SIGFPE FPE_INTDIV for division by
 * zero; the handler can longjmp out and the process carries on.
 */
#include <setjmp.h>
#include <signal.h>

#include "harness.h"

static sigjmp_buf env;
static volatile int got_sig, got_code;
static void *volatile got_addr;
static volatile int zero, seven = 7;

static void handler(int sig, siginfo_t *si, void *uc)
{
	got_sig = sig;
	got_code = si->si_code;
	got_addr = si->si_addr;
	siglongjmp(env, 1);
}

static void run(void)
{
	struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
	char *bad = t_bad_addr();

	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGTRAP, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	if (!sigsetjmp(env, 1))
		*(volatile char *)(bad + 5) = 1;
	EXPECT(got_sig == SIGSEGV && got_addr == bad + 5);
	if (!sigsetjmp(env, 1))
		__asm__ volatile("ud2");
	EXPECT(got_sig == SIGILL && got_code == ILL_ILLOPN);
	if (!sigsetjmp(env, 1))
		__asm__ volatile("int3");
	EXPECT(got_sig == SIGTRAP && got_code == SI_KERNEL);
	if (!sigsetjmp(env, 1))
		zero = seven / zero;
	EXPECT(got_sig == SIGFPE && got_code == FPE_INTDIV);
}

const struct t_test t_test = { .run = run };
