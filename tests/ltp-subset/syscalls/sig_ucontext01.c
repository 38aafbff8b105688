/*
 * sig_ucontext01: a handler changes the interrupted context and sigreturn
 * makes it so.
 *  - RIP and a general register: SIGILL on ud2, the handler skips the
 *    instruction and puts a value in RAX and RBX; the code after ud2 sees
 *    them.
 *  - RFLAGS: the handler sets CF, the code reads it with setc.
 *  - uc_sigmask: SIGUSR2 added in the frame is blocked after the return;
 *    removed in a later frame, it is unblocked again.
 *  - the FPU state: XMM0 changed in the frame's fpregs is what the code
 *    holds afterwards; the handler's own use of XMM registers does not
 *    leak into the interrupted code.
 */
#include <signal.h>
#include <ucontext.h>

#include "harness.h"

static volatile int mode;

static void handler(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;
	volatile double d = 3.25;

	switch (mode) {
	case 0:   /* registers */
		uc->uc_mcontext.gregs[REG_RIP] += 2;
		uc->uc_mcontext.gregs[REG_RAX] = 0x1234;
		uc->uc_mcontext.gregs[REG_RBX] = 0x5678;
		break;
	case 1:   /* flags */
		uc->uc_mcontext.gregs[REG_RIP] += 2;
		uc->uc_mcontext.gregs[REG_EFL] |= 1;
		break;
	case 2:   /* add SIGUSR2 to the mask */
		sigaddset(&uc->uc_sigmask, SIGUSR2);
		break;
	case 3:   /* remove it */
		sigdelset(&uc->uc_sigmask, SIGUSR2);
		break;
	case 4:   /* XMM0 */
		uc->uc_mcontext.gregs[REG_RIP] += 2;
		uc->uc_mcontext.fpregs->_xmm[0].element[0] = 0xabcdef01;
		uc->uc_mcontext.fpregs->_xmm[0].element[1] = 0x23456789;
		/* use the FPU here: must not leak */
		__asm__ volatile("movsd %0, %%xmm1" : : "m"(d) : "xmm1");
		break;
	}
}

static void run(void)
{
	struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
	unsigned long rax, rbx, xmm_lo, xmm1_lo;
	unsigned char cf;
	sigset_t cur;

	SAFE(sigaction(SIGILL, &sa, NULL));
	SAFE(sigaction(SIGUSR1, &sa, NULL));

	mode = 0;
	__asm__ volatile("movq $1, %%rax\n\tmovq $2, %%rbx\n\tud2\n\tmovq %%rax, %0\n\tmovq %%rbx, %1"
			 : "=r"(rax), "=r"(rbx) : : "rax", "rbx", "memory");
	EXPECT_EQ(rax, 0x1234);
	EXPECT_EQ(rbx, 0x5678);

	mode = 1;
	__asm__ volatile("clc\n\tud2\n\tsetc %0" : "=r"(cf) : : "memory", "cc");
	EXPECT_EQ(cf, 1);

	mode = 2;
	raise(SIGUSR1);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	EXPECT_MSG(sigismember(&cur, SIGUSR2), "uc_sigmask's SIGUSR2 is blocked after sigreturn");
	EXPECT_MSG(!sigismember(&cur, SIGUSR1), "and SIGUSR1 is not");
	mode = 3;
	raise(SIGUSR1);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	EXPECT_MSG(!sigismember(&cur, SIGUSR2), "removed from uc_sigmask, SIGUSR2 is unblocked");

	mode = 4;
	__asm__ volatile("pxor %%xmm0, %%xmm0\n\t"
			 "movq $0x1111, %%rax\n\tmovq %%rax, %%xmm1\n\t"
			 "ud2\n\t"
			 "movq %%xmm0, %0\n\tmovq %%xmm1, %1"
			 : "=r"(xmm_lo), "=r"(xmm1_lo) : : "rax", "xmm0", "xmm1", "memory");
	EXPECT_EQ(xmm_lo, 0x23456789abcdef01UL);
	EXPECT_EQ(xmm1_lo, 0x1111);
}

const struct t_test t_test = { .run = run };
