/*
 * sigwaitinfo01: sigwaitinfo(), sigtimedwait() and sigwait().
 *  - A signal already pending (blocked) is taken at once, with its info
 *    (SI_QUEUE and the value); the handler does not run; it is no longer
 *    pending afterwards.
 *  - One sent while waiting (from a child) wakes the waiter: SI_USER and
 *    the child's pid.
 *  - A signal the caller ignores (SIGCHLD by default, SIG_IGN'd SIGURG)
 *    but waits for is still taken: waiting counts as blocked.
 *  - Several pending: the lowest number first.
 *  - sigtimedwait(): EAGAIN with a zero timeout and nothing pending, and
 *    after the timeout (not earlier); EINVAL for tv_nsec out of range;
 *    EINTR when a handled signal outside the set arrives (raw call: musl
 *    retries after EINTR).
 */
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>

#include "harness.h"

static volatile int handled;

static void handler(int sig)
{
	handled = sig;
}

static void run(void)
{
	struct sigaction sa = { .sa_handler = handler };
	union sigval v = { .sival_int = 31337 };
	struct timespec zero = { 0, 0 }, tmo = { 0, 200000000 }, bad = { 0, 1000000000 };
	sigset_t set, p;
	siginfo_t si;
	long long start;
	pid_t pid;
	int sig;

	SAFE(sigaction(SIGUSR1, &sa, NULL));
	SAFE(sigaction(SIGUSR2, &sa, NULL));
	SAFE(sigaction(SIGALRM, &sa, NULL));
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGURG);
	sigprocmask(SIG_BLOCK, &set, NULL);

	SAFE(sigqueue(getpid(), SIGUSR1, v));
	memset(&si, 0, sizeof(si));
	sig = sigwaitinfo(&set, &si);
	EXPECT_MSG(sig == SIGUSR1 && si.si_signo == SIGUSR1 && si.si_code == SI_QUEUE &&
		   si.si_value.sival_int == 31337 && si.si_pid == getpid(),
		   "pending signal taken with its info (sig %d code %d)", sig, si.si_code);
	sigpending(&p);
	EXPECT_MSG(!sigismember(&p, SIGUSR1) && handled == 0, "no longer pending, handler not run");

	pid = t_fork();
	if (!pid) {
		t_msleep(100);
		kill(getppid(), SIGUSR2);
		_exit(0);
	}
	memset(&si, 0, sizeof(si));
	sig = sigwaitinfo(&set, &si);
	EXPECT_MSG(sig == SIGUSR2 && si.si_code == SI_USER && si.si_pid == pid,
		   "sent while waiting: sig %d code %d", sig, si.si_code);
	/* the child's exit: SIGCHLD (default: ignore) is taken too */
	memset(&si, 0, sizeof(si));
	sig = sigwaitinfo(&set, &si);
	EXPECT_MSG(sig == SIGCHLD && si.si_code == CLD_EXITED && si.si_pid == pid,
		   "SIGCHLD (ignored by default) taken: sig %d code %d", sig, si.si_code);
	t_reap(pid);

	{
		struct sigaction ign = { .sa_handler = SIG_IGN };

		SAFE(sigaction(SIGURG, &ign, NULL));
		pid = t_fork();
		if (!pid) {
			t_msleep(100);
			kill(getppid(), SIGURG);
			_exit(0);
		}
		memset(&si, 0, sizeof(si));
		sigdelset(&set, SIGCHLD);
		sig = sigwaitinfo(&set, &si);
		sigaddset(&set, SIGCHLD);
		EXPECT_MSG(sig == SIGURG, "SIG_IGN'd signal sent while waiting is taken: %d", sig);
		t_reap(pid);
		sigwaitinfo(&set, &si);   /* the SIGCHLD */
	}

	SAFE(kill(getpid(), SIGUSR2));
	SAFE(kill(getpid(), SIGUSR1));
	EXPECT_EQ(sigwaitinfo(&set, NULL), SIGUSR1);
	EXPECT_EQ(sigwait(&set, &sig), 0);
	EXPECT_EQ(sig, SIGUSR2);

	EXPECT_FAIL(syscall(SYS_rt_sigtimedwait, &set, &si, &zero, 8), EAGAIN);
	start = t_now_us();
	EXPECT_FAIL(syscall(SYS_rt_sigtimedwait, &set, &si, &tmo, 8), EAGAIN);
	EXPECT_MSG(t_now_us() - start >= 190000, "waited the whole timeout (%lld us)", t_now_us() - start);
	EXPECT_FAIL(syscall(SYS_rt_sigtimedwait, &set, &si, &bad, 8), EINVAL);
	setitimer(ITIMER_REAL, &(struct itimerval){ { 0, 0 }, { 0, 100000 } }, NULL);
	EXPECT_FAIL(syscall(SYS_rt_sigtimedwait, &set, &si, NULL, 8), EINTR);
	EXPECT_EQ(handled, SIGALRM);
}

const struct t_test t_test = { .run = run };
