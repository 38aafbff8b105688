/*
 * sig_forkexec01: signal state across fork() and execve().
 *  - fork(): the child has the parent's blocked mask, handlers and
 *    alternate stack, but none of its pending signals.
 *  - execve(): the blocked mask and pending signals stay (a signal
 *    blocked and pending before exec is still pending after, and
 *    delivered when unblocked); caught signals go back to SIG_DFL, ignored
 *    ones stay ignored (SIGCHLD's SIG_IGN too); the alternate stack is
 *    gone (SS_DISABLE).
 * The exec'd program (this one, --child) checks its side and exits with a
 * bit set for each thing that was wrong.
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static volatile int got;

static void handler(int sig)
{
	got = sig;
}

static int child_main(int argc, char **argv)
{
	struct sigaction cur;
	sigset_t mask, p, none;
	stack_t ss;
	int bad = 0;

	sigprocmask(SIG_BLOCK, NULL, &mask);
	if (!sigismember(&mask, SIGUSR1) || !sigismember(&mask, SIGUSR2) || sigismember(&mask, SIGHUP))
		bad |= 1;                        /* mask kept */
	sigpending(&p);
	if (!sigismember(&p, SIGUSR2))
		bad |= 2;                        /* pending kept */
	sigaction(SIGUSR2, NULL, &cur);
	if (cur.sa_handler != SIG_DFL)
		bad |= 4;                        /* caught -> SIG_DFL */
	sigaction(SIGHUP, NULL, &cur);
	if (cur.sa_handler != SIG_IGN)
		bad |= 8;                        /* ignored stays */
	sigaction(SIGCHLD, NULL, &cur);
	if (cur.sa_handler != SIG_IGN)
		bad |= 16;
	sigaltstack(NULL, &ss);
	if (ss.ss_flags != SS_DISABLE || ss.ss_size)
		bad |= 32;                       /* alternate stack gone */
	/* the pending SIGUSR2 is delivered (default: terminate) on unblock:
	 * catch it to see it */
	signal(SIGUSR2, handler);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (got != SIGUSR2)
		bad |= 64;
	return bad;
}

static void run(void)
{
	static char alt[65536];
	stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt) }, cs;
	struct sigaction sa = { .sa_handler = handler }, ign = { .sa_handler = SIG_IGN }, cur;
	sigset_t set, p, m;
	pid_t pid;
	int st;

	SAFE(sigaltstack(&ss, NULL));
	SAFE(sigaction(SIGUSR2, &sa, NULL));
	SAFE(sigaction(SIGHUP, &ign, NULL));
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	SAFE(kill(getpid(), SIGUSR1));

	pid = t_fork();
	if (!pid) {
		int bad = 0;

		sigprocmask(SIG_BLOCK, NULL, &m);
		if (!sigismember(&m, SIGUSR1) || !sigismember(&m, SIGUSR2))
			bad |= 1;
		sigpending(&p);
		if (sigismember(&p, SIGUSR1))
			bad |= 2;
		sigaction(SIGUSR2, NULL, &cur);
		if (cur.sa_handler != handler)
			bad |= 4;
		sigaltstack(NULL, &cs);
		if (cs.ss_sp != alt || cs.ss_size != sizeof(alt) || cs.ss_flags != 0)
			bad |= 8;
		_exit(bad);
	}
	st = t_wait(pid);
	EXPECT_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		   "fork: mask, handlers and alternate stack inherited, pending not (status %#x)", st);

	pid = t_fork();
	if (!pid) {
		/* (ignored here, in the child: the parent must not auto-reap) */
		SAFE(sigaction(SIGCHLD, &ign, NULL));
		SAFE(kill(getpid(), SIGUSR2));
		execl(t_self(), t_self(), "--child", (char *)NULL);
		_exit(127);
	}
	st = t_wait(pid);
	EXPECT_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		   "exec: mask and pending kept, caught reset, ignored kept, alternate stack gone "
		   "(status %#x)", st);
	sigpending(&p);
	EXPECT_MSG(sigismember(&p, SIGUSR1), "our own SIGUSR1 is still pending");
}

const struct t_test t_test = { .run = run, .child_main = child_main };
