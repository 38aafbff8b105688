/*
 * sig_restart02: the calls Linux never restarts after a handler and the
 * ones it restarts on its own after a stop.
 *
 * A handler installed with SA_RESTART still makes nanosleep,
 * clock_nanosleep (relative: with the time left in rem; absolute), poll,
 * select (with the time left written back), ppoll, pselect, epoll_wait,
 * sigtimedwait, pause and sigsuspend fail with EINTR (-ERESTARTNOHAND,
 * -ERESTART_RESTARTBLOCK, or plain -EINTR).
 *
 * Stopped by SIGSTOP and continued with no handler involved, nanosleep,
 * clock_nanosleep, poll and select go on (restart_syscall with the time
 * that was left) and return normally after their full time, while
 * epoll_wait and sigtimedwait fail with EINTR, as signal(7) documents.
 */
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>

#include "harness.h"

enum { NANOSLEEP, CLOCK_REL, CLOCK_ABS, POLL, SELECT, PPOLL, PSELECT, EPOLL, SIGTIMEDWAIT,
       PAUSE, SIGSUSPEND, NCALLS };
static const char *const call_name[] = { "nanosleep", "clock_nanosleep", "clock_nanosleep(ABSTIME)",
					  "poll", "select", "ppoll", "pselect", "epoll_wait",
					  "sigtimedwait", "pause", "sigsuspend" };

static volatile int handled;

static void on_alarm(int sig)
{
	handled++;
}

static long long ts_us(const struct timespec *ts)
{
	return ts->tv_sec * 1000000LL + ts->tv_nsec / 1000;
}

/*
 * Make call k with a timeout of ms; returns 0 or the errno. *left: the
 * time left the call reported (rem, select's timeout), or -1.
 */
static int call(int k, int ms, long long *left)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L }, rem = { 0, 0 };
	struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };
	sigset_t set;
	int r = 0, efd;
	struct epoll_event ev;

	*left = -1;
	errno = 0;
	switch (k) {
	case NANOSLEEP:
		r = nanosleep(&ts, &rem);
		*left = ts_us(&rem);
		break;
	case CLOCK_REL:
		r = clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &rem);
		*left = ts_us(&rem);
		errno = r;
		r = r ? -1 : 0;
		break;
	case CLOCK_ABS: {
		struct timespec now;

		clock_gettime(CLOCK_MONOTONIC, &now);
		now.tv_sec += ts.tv_sec;
		now.tv_nsec += ts.tv_nsec;
		if (now.tv_nsec >= 1000000000L) {
			now.tv_sec++;
			now.tv_nsec -= 1000000000L;
		}
		r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &now, NULL);
		errno = r;
		r = r ? -1 : 0;
		break;
	}
	case POLL:
		r = poll(NULL, 0, ms);
		break;
	case SELECT:
		/* raw: musl's select() does not copy the time left back */
		r = syscall(SYS_select, 0, NULL, NULL, NULL, &tv);
		*left = tv.tv_sec * 1000000LL + tv.tv_usec;
		break;
	case PPOLL:
		r = ppoll(NULL, 0, &ts, NULL);
		break;
	case PSELECT:
		r = pselect(0, NULL, NULL, NULL, &ts, NULL);
		break;
	case EPOLL:
		efd = SAFE(epoll_create1(0));
		r = epoll_wait(efd, &ev, 1, ms);
		k = errno;
		close(efd);
		errno = k;
		break;
	case SIGTIMEDWAIT:
		sigemptyset(&set);
		sigaddset(&set, SIGUSR2);
		sigprocmask(SIG_BLOCK, &set, NULL);
		/* raw: musl's sigtimedwait() retries after EINTR */
		r = syscall(SYS_rt_sigtimedwait, &set, NULL, &ts, 8);
		k = errno;
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		errno = k;
		break;
	case PAUSE:
		r = pause();
		break;
	case SIGSUSPEND:
		sigemptyset(&set);
		r = sigsuspend(&set);
		break;
	}
	if (r == -1)
		return errno ? errno : -1;
	return 0;
}

static void with_handler(void)
{
	struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = SA_RESTART };
	struct itimerval it = { { 0, 0 }, { 0, 100000 } }, off = { { 0, 0 }, { 0, 0 } };

	SAFE(sigaction(SIGALRM, &sa, NULL));
	for (int k = 0; k < NCALLS; k++) {
		long long left;
		int err;

		handled = 0;
		setitimer(ITIMER_REAL, &it, NULL);
		err = call(k, 3000, &left);
		setitimer(ITIMER_REAL, &off, NULL);
		EXPECT_MSG(err == EINTR && handled == 1,
			   "%s interrupted by a SA_RESTART handler fails with EINTR (%s, %d handled)",
			   call_name[k], err ? t_errname(err) : "returned 0", handled);
		if (left >= 0)
			EXPECT_MSG(left > 0 && left < 3000000,
				   "%s reports the time left: %lld us of 3 s", call_name[k], left);
	}
}

/* In a child: make call k, stopped and continued in the middle. */
static void stopped(int k)
{
	struct t_chan c;
	long long start, left;
	pid_t pid;
	int st, err, ms = k == PAUSE || k == SIGSUSPEND ? 0 : 700;

	if (!ms)
		return;
	t_chan_open(&c);
	pid = t_fork();
	if (!pid) {
		t_chan_post(&c);
		start = t_now_us();
		err = call(k, ms, &left);
		if (!err && t_now_us() - start < ms * 1000LL)
			_exit(200);
		_exit(err & 0x7f);
	}
	t_chan_wait(&c);
	t_msleep(150);
	SAFE(kill(pid, SIGSTOP));
	SAFE(waitpid(pid, &st, WUNTRACED));
	EXPECT_MSG(WIFSTOPPED(st), "%s: the child stopped", call_name[k]);
	t_msleep(50);
	SAFE(kill(pid, SIGCONT));
	st = t_wait(pid);
	if (k == EPOLL || k == SIGTIMEDWAIT)
		EXPECT_MSG(WIFEXITED(st) && WEXITSTATUS(st) == EINTR,
			   "%s fails with EINTR after a stop and continue (status %#x)",
			   call_name[k], st);
	else
		EXPECT_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0,
			   "%s goes on after a stop and continue and takes its full time (status %#x)",
			   call_name[k], st);
	t_chan_close(&c);
}

static void run(void)
{
	with_handler();
	for (int k = 0; k < NCALLS; k++)
		stopped(k);
}

const struct t_test t_test = { .run = run };
