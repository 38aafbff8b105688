/*
 * mmap05: accessing a PROT_NONE mapping raises SIGSEGV with si_code
 * SEGV_ACCERR and si_addr the faulting address; an unmapped address gives
 * SEGV_MAPERR.
 */
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>

#include "harness.h"

static sigjmp_buf env;
static volatile void *fault_addr;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	fault_addr = si->si_addr;
	fault_code = si->si_code;
	siglongjmp(env, 1);
}

static void run(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
	long pg = t_page();
	char *p, *hole;

	sigaction(SIGSEGV, &sa, NULL);
	p = SAFE_MMAP(NULL, 2 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	hole = p + pg;
	SAFE(munmap(hole, pg));
	if (!sigsetjmp(env, 1)) {
		(void)*(volatile char *)(p + 100);
		t_res(TFAIL, "read of PROT_NONE memory did not fault");
	} else {
		EXPECT(fault_addr == p + 100);
		EXPECT_EQ(fault_code, SEGV_ACCERR);
	}
	if (!sigsetjmp(env, 1)) {
		*(volatile char *)(hole + 8) = 1;
		t_res(TFAIL, "write to unmapped memory did not fault");
	} else {
		EXPECT(fault_addr == hole + 8);
		EXPECT_EQ(fault_code, SEGV_MAPERR);
	}
}

const struct t_test t_test = { .run = run };
