/*
 * sig_altstack01: signals on the alternate stack.
 *  - A SA_ONSTACK handler that raises a second SA_ONSTACK signal: both run
 *    on the alternate stack, the nested one below the first; sigaltstack()
 *    reports SS_ONSTACK in both; each frame's uc_stack.ss_flags holds the
 *    mode sigaltstack() was given (0 here), not whether the interrupted
 *    code was on the stack (Linux's __save_altstack).
 *  - After the handlers return, the stack reports flags 0 again.
 *  - SS_AUTODISARM: inside the handler the stack is disarmed (SS_DISABLE,
 *    no address, no size) and the frame's uc_stack holds the old settings,
 *    which sigreturn puts back.
 *  - A stack overflow (a push through a PROT_NONE page) is handled on the
 *    alternate stack; without one the process dies of SIGSEGV.
 *  - A handler without SA_ONSTACK, nested in one on the alternate stack,
 *    also runs on the alternate stack (it continues the current stack).
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <ucontext.h>

#include "harness.h"

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif

#define SZ (256 * 1024)

static char *alt;
static volatile unsigned long addr1, addr2, addr3;
static volatile int q1_flags, q2_flags, uc1_flags, uc2_flags, q3_flags;
static volatile int autod_flags;
static volatile unsigned long autod_sp, autod_size, autod_uc_sp, autod_uc_size;
static volatile int autod_uc_flags;

static int on_alt(unsigned long a)
{
	return a >= (unsigned long)alt && a < (unsigned long)alt + SZ;
}

static int query_flags(void)
{
	stack_t o;

	if (sigaltstack(NULL, &o))
		return -1;
	return o.ss_flags;
}

static void h3(int sig)
{
	char local;

	addr3 = (unsigned long)&local;
	q3_flags = query_flags();
}

static void h2(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;
	char local;

	addr2 = (unsigned long)&local;
	q2_flags = query_flags();
	uc2_flags = uc->uc_stack.ss_flags;
	raise(SIGHUP);   /* h3, no SA_ONSTACK */
}

static void h1(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;
	char local;

	addr1 = (unsigned long)&local;
	q1_flags = query_flags();
	uc1_flags = uc->uc_stack.ss_flags;
	raise(SIGUSR2);
}

static void hauto(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;
	stack_t o;

	sigaltstack(NULL, &o);
	autod_flags = o.ss_flags;
	autod_sp = (unsigned long)o.ss_sp;
	autod_size = o.ss_size;
	autod_uc_sp = (unsigned long)uc->uc_stack.ss_sp;
	autod_uc_size = uc->uc_stack.ss_size;
	autod_uc_flags = uc->uc_stack.ss_flags;
}

static void hsegv(int sig)
{
	char local;

	_exit(on_alt((unsigned long)&local) ? 42 : 43);
}

static void overflow_child(int with_alt)
{
	char *guard = t_bad_addr();

	if (with_alt) {
		struct sigaction sa = { .sa_handler = hsegv, .sa_flags = SA_ONSTACK };

		sigaction(SIGSEGV, &sa, NULL);
	}
	/* The stack pointer into the guard page: the push faults, and so
	 * would any frame built on this stack. */
	__asm__ volatile("mov %0, %%rsp\n\tpush %%rax" : : "r"(guard + 2048) : "memory");
	_exit(1);
}

static void run(void)
{
	struct sigaction sa = { .sa_sigaction = h1, .sa_flags = SA_SIGINFO | SA_ONSTACK };
	stack_t ss, o;
	pid_t pid;
	int st;

	alt = SAFE_MMAP(NULL, SZ, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ss.ss_sp = alt;
	ss.ss_size = SZ;
	ss.ss_flags = 0;
	SAFE(sigaltstack(&ss, NULL));
	SAFE(sigaction(SIGUSR1, &sa, NULL));
	sa.sa_sigaction = h2;
	SAFE(sigaction(SIGUSR2, &sa, NULL));
	sa.sa_handler = h3;
	sa.sa_flags = 0;
	SAFE(sigaction(SIGHUP, &sa, NULL));

	raise(SIGUSR1);
	EXPECT_MSG(on_alt(addr1), "first handler on the alternate stack");
	EXPECT_MSG(on_alt(addr2) && addr2 < addr1, "nested handler on the alternate stack, below the first");
	EXPECT_MSG(on_alt(addr3) && addr3 < addr2, "nested handler without SA_ONSTACK continues on it");
	EXPECT_EQ(q1_flags, SS_ONSTACK);
	EXPECT_EQ(q2_flags, SS_ONSTACK);
	EXPECT_EQ(q3_flags, SS_ONSTACK);
	EXPECT_EQ(uc1_flags, 0);
	EXPECT_EQ(uc2_flags, 0);
	EXPECT_EQ(query_flags(), 0);

	/* SS_AUTODISARM */
	ss.ss_flags = SS_AUTODISARM;
	SAFE(sigaltstack(&ss, NULL));
	SAFE(sigaltstack(NULL, &o));
	EXPECT_EQ((unsigned)o.ss_flags, SS_AUTODISARM);
	sa.sa_sigaction = hauto;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	SAFE(sigaction(SIGUSR1, &sa, NULL));
	raise(SIGUSR1);
	EXPECT_EQ(autod_flags, SS_DISABLE);
	EXPECT_EQ(autod_sp, 0);
	EXPECT_EQ(autod_size, 0);
	EXPECT_MSG(autod_uc_sp == (unsigned long)alt && autod_uc_size == SZ,
		   "the frame's uc_stack keeps the disarmed stack");
	EXPECT_EQ((unsigned)autod_uc_flags, SS_AUTODISARM);
	SAFE(sigaltstack(NULL, &o));
	EXPECT_MSG(o.ss_sp == alt && o.ss_size == SZ && (unsigned)o.ss_flags == SS_AUTODISARM,
		   "sigreturn re-arms it (sp %p size %zu flags %#x)", o.ss_sp, o.ss_size, o.ss_flags);

	/* Stack overflow with and without an alternate stack. */
	pid = t_fork();
	if (!pid)
		overflow_child(1);
	st = t_wait(pid);
	EXPECT_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 42,
		   "overflow handled on the alternate stack (status %#x)", st);
	pid = t_fork();
	if (!pid) {
		ss.ss_flags = SS_DISABLE;
		sigaltstack(&ss, NULL);
		overflow_child(1);
	}
	st = t_wait(pid);
	EXPECT_MSG(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
		   "without an alternate stack the overflow kills (status %#x)", st);
}

const struct t_test t_test = { .run = run };
