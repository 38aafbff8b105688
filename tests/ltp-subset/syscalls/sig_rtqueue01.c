/*
 * sig_rtqueue01: queuing of real-time signals.
 *  - Blocked, then unblocked: real-time signals of several numbers, sent
 *    interleaved with sigqueue(), run their handlers lowest number first
 *    and, within a number, in sending order, each with its own value;
 *    pending standard signals (sent twice: delivered once) come before
 *    the real-time ones, lowest number first (handlers whose sa_mask
 *    blocks all of them, so they run one after another).
 *  - The same with handlers that block only their own signal: every
 *    deliverable signal gets its frame before the return to user mode,
 *    so they nest and the last one taken runs first; each handler's
 *    return lets the next instance of its own signal in (the order Linux
 *    gives: 50/1 50/5 41/3 41/6 40/2 40/4 40/7 SIGUSR2 SIGUSR1).
 *  - RLIMIT_SIGPENDING bounds the queue: with a limit of 4 (a process
 *    running as nobody, so no other process shares the count) the fifth
 *    sigqueue() fails with EAGAIN, while kill() of a standard signal and
 *    of a real-time one already queued still works; after delivery the
 *    queue takes signals again.
 *  - sigqueue() to a process that ignores the signal succeeds and
 *    nothing is queued.
 */
#include <signal.h>
#include <sys/resource.h>

#include "harness.h"

#define RT1 40
#define RT2 41
#define RT3 50

static volatile int order[64], nord;

static void handler(int sig, siginfo_t *si, void *uc)
{
	if (nord < 64)
		order[nord++] = sig * 1000 + (si->si_code == SI_QUEUE ? si->si_value.sival_int : 0);
}

static const int sends[][2] = { { RT3, 1 }, { RT1, 2 }, { RT2, 3 }, { RT1, 4 }, { RT3, 5 }, { RT2, 6 },
				{ RT1, 7 } };

/* Queue sends[] (and SIGUSR2, SIGUSR1, SIGUSR2) while blocked, unblock,
 * compare the handlers' order with want. */
static void order_case(const char *what, sigset_t *all, const int *want, int nwant)
{
	sigset_t old;
	int ok;

	nord = 0;
	sigprocmask(SIG_BLOCK, all, &old);
	for (unsigned i = 0; i < sizeof(sends) / sizeof(sends[0]); i++) {
		union sigval v = { .sival_int = sends[i][1] };

		SAFE(sigqueue(getpid(), sends[i][0], v));
		if (i == 2) {
			SAFE(kill(getpid(), SIGUSR2));
			SAFE(kill(getpid(), SIGUSR1));
			SAFE(kill(getpid(), SIGUSR2));
		}
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	ok = nord == nwant;
	for (int i = 0; ok && i < nord; i++)
		ok = order[i] == want[i];
	EXPECT_MSG(ok, "%s (%d delivered)", what, nord);
	for (int i = 0; !ok && i < nord; i++)
		t_res(TINFO, "delivered %d: signal %d value %d", i, order[i] / 1000, order[i] % 1000);
}

static void run(void)
{
	struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
	static const int want[] = { SIGUSR1 * 1000, SIGUSR2 * 1000, RT1 * 1000 + 2, RT1 * 1000 + 4,
				    RT1 * 1000 + 7, RT2 * 1000 + 3, RT2 * 1000 + 6, RT3 * 1000 + 1,
				    RT3 * 1000 + 5 };
	static const int want_nested[] = { RT3 * 1000 + 1, RT3 * 1000 + 5, RT2 * 1000 + 3, RT2 * 1000 + 6,
					   RT1 * 1000 + 2, RT1 * 1000 + 4, RT1 * 1000 + 7, SIGUSR2 * 1000,
					   SIGUSR1 * 1000 };
	static const int sigs[] = { RT1, RT2, RT3, SIGUSR1, SIGUSR2 };
	sigset_t all;
	pid_t pid;

	sigemptyset(&all);
	for (int s = 0; s < 5; s++)
		sigaddset(&all, sigs[s]);
	sa.sa_mask = all;
	for (int s = 0; s < 5; s++)
		SAFE(sigaction(sigs[s], &sa, NULL));
	order_case("one at a time: standard first, then by number, FIFO within one", &all, want, 9);
	sigemptyset(&sa.sa_mask);
	for (int s = 0; s < 5; s++)
		SAFE(sigaction(sigs[s], &sa, NULL));
	order_case("nested: the last taken runs first", &all, want_nested, 9);

	/* the queue limit */
	pid = t_fork();
	if (!pid) {
		struct rlimit rl = { 4, 4 };
		union sigval v = { .sival_int = 0 };

		t_become_nobody();
		SAFE(setrlimit(RLIMIT_SIGPENDING, &rl));
		sigprocmask(SIG_BLOCK, &all, NULL);
		nord = 0;
		for (int i = 0; i < 4; i++)
			EXPECT_OK(sigqueue(getpid(), RT1, v));
		EXPECT_FAIL(sigqueue(getpid(), RT2, v), EAGAIN);
		EXPECT_OK(kill(getpid(), SIGUSR1));
		EXPECT_OK(kill(getpid(), RT1));
		sigprocmask(SIG_UNBLOCK, &all, NULL);
		EXPECT_MSG(nord >= 5 && nord <= 6, "the queued signals were delivered (%d)", nord);
		EXPECT_OK(sigqueue(getpid(), RT2, v));
		_exit(0);
	}
	t_reap(pid);

	/* ignored: accepted, nothing queued */
	{
		struct sigaction ign = { .sa_handler = SIG_IGN };
		union sigval v = { .sival_int = 9 };
		sigset_t p;

		SAFE(sigaction(RT3, &ign, NULL));
		EXPECT_OK(sigqueue(getpid(), RT3, v));
		sigpending(&p);
		EXPECT_MSG(!sigismember(&p, RT3), "an ignored real-time signal is not queued");
	}
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
