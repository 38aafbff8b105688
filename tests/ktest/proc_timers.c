/*
 * POSIX timers and sigtimedwait in a process running kernel code: a
 * periodic timer whose signal stays blocked queues one SI_TIMER signal and
 * counts the other expirations as overruns, reported at dequeue and by
 * timer_getoverrun; timer_gettime counts down; deletion stops it and the
 * ids are checked; sigtimedwait times out with EAGAIN and takes only the
 * signals asked for; the CPU-time itimer does not run while asleep.
 */
#include <kernel/clock.h>
#include <linuxabi/uapi/time.h>

#include "proc_test.h"

static int timer_body(void *unused)
{
	struct posix_sigevent_k ev = { .notify = POSIX_SIGEV_SIGNAL, .signo = SIGUSR2,
				       .value = { .sival_int = 77 }, .have_value = true };
	sigset_t set = { 0 }, want = { 0 };
	ksiginfo_t info;
	u64 v, iv;
	int id, id2;

	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGUSR1);
	set_current_blocked(&set);
	PT_EQ(posix_timer_create(12345, &ev, &id), -EINVAL);
	PT_EQ(posix_timer_create(LINUX_CLOCK_MONOTONIC, &ev, &id), 0);
	PT_EQ(posix_timer_create(LINUX_CLOCK_REALTIME, &ev, &id2), 0);
	PT_CHECK(id != id2);
	PT_EQ(posix_timer_delete(id2), 0);
	PT_EQ(posix_timer_delete(id2), -EINVAL);

	PT_EQ(posix_timer_settime(id, false, 2 * NSEC_PER_MSEC, 2 * NSEC_PER_MSEC, &v, &iv), 0);
	PT_EQ(v, 0);
	PT_EQ(posix_timer_gettime(id, &v, &iv), 0);
	PT_CHECK(v > 0 && v <= 2 * NSEC_PER_MSEC);
	PT_EQ(iv, 2 * NSEC_PER_MSEC);
	msleep(40);

	/* Only SIGUSR1 asked for: the timer's signal stays. */
	sigaddset(&want, SIGUSR1);
	PT_EQ(do_sigtimedwait(&want, &info, 1 * NSEC_PER_MSEC), -EAGAIN);
	want.sig = 0;
	sigaddset(&want, SIGUSR2);
	PT_EQ(do_sigtimedwait(&want, &info, 0), SIGUSR2);
	PT_EQ(info.si_code, SI_TIMER);
	PT_EQ(info.f.timer.tid, id);
	PT_EQ(info.f.timer.sigval.sival_int, 77);
	PT_CHECK(info.f.timer.overrun >= 5);
	PT_EQ(posix_timer_getoverrun(id), info.f.timer.overrun);

	PT_EQ(posix_timer_delete(id), 0);
	msleep(10);
	PT_EQ(do_sigtimedwait(&want, &info, 0), -EAGAIN);   /* nothing queued after delete */
	PT_EQ(posix_timer_gettime(id, &v, &iv), -EINVAL);

	/* ITIMER_PROF: process CPU time, which sleeping does not use. */
	PT_EQ(itimer_set_cpu(1, 30 * NSEC_PER_MSEC, 0, NULL, NULL), 0);
	msleep(60);
	itimer_get_cpu(1, &v, &iv);
	PT_CHECK(v > 0);
	PT_EQ(itimer_set_cpu(1, 0, 0, &v, NULL), 0);
	PT_CHECK(v > 0);
	return 0;
}

KTEST(proc_posix_timers)
{
	PT_RUN(timer_body, NULL);
}
