/*
 * Clocks and sleeps: clock_gettime, clock_getres, clock_settime,
 * gettimeofday, settimeofday, time, times, nanosleep, clock_nanosleep, and
 * the POSIX timer calls (timer_create & co., kernel/proc/posix_timer.c).
 *
 * CLOCK_MONOTONIC, _RAW, _COARSE and BOOTTIME all read the TSC-based
 * monotonic clock (this kernel never suspends, so boot time equals it);
 * the REALTIME family adds the wall-clock offset; the CPU-time clocks sum
 * the scheduler's per-task run time, including the running slice.
 * Interrupted sleeps store the time left and return
 * -ERESTART_RESTARTBLOCK: with no handler they continue through
 * restart_syscall to the same deadline, after a handler they fail with
 * EINTR (Linux's nanosleep behaviour).
 *
 * The _COARSE clocks are the fine ones rounded down to a 4 ms tick
 * (kernel/sched/clock.c). The vDSO (kernel/proc/vdso.c) answers the
 * clocks it can in user mode with the same arithmetic, so both agree.
 *
 * XXX: no NTP adjustment (clock_adjtime), no timer slack; a
 * TIMER_ABSTIME sleep on CLOCK_REALTIME does not notice the clock being
 * set while it sleeps.
 */
#include <kernel/clock.h>
#include <kernel/errno.h>
#include <kernel/pid_ns.h>
#include <kernel/proc.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/uaccess.h>
#include <linuxabi/uapi/time.h>
#include <string.h>
#include "time_conv.h"

#include "../kernel/proc/internal.h"

#define COARSE_RES_NS CLOCK_COARSE_NS       /* a tick at Linux's usual HZ=250 */

/* Linux encodes other processes' and threads' CPU clocks as negative ids. */
#define CPUCLOCK_PID(clk) ((pid_t) ~((clk) >> 3))
#define CPUCLOCK_PERTHREAD(clk) ((clk) & 4)
#define CPUCLOCK_WHICH(clk) ((clk) & 3)

/* The running thread's CPU time, with the slice it is in. */
static u64 thread_cpu_ns(struct task *t)
{
	u64 ns = READ_ONCE(t->sum_exec_ns);

	if (t == current) {
		u64 start = READ_ONCE(t->exec_start_ns), now = ktime_get_ns();

		if (now > start)
			ns += now - start;
	}
	return ns;
}

static u64 process_cpu_ns(struct task *t)
{
	u64 ns = proc_cpu_time_ns(t);

	if (t->signal == current->signal)
		ns += thread_cpu_ns(current) - READ_ONCE(current->sum_exec_ns);
	return ns;
}

/* 0 and the clock's value, or -EINVAL. */
static int clock_read(int clk, u64 *ns)
{
	struct task *t;

	switch (clk) {
	case LINUX_CLOCK_REALTIME_COARSE:
		*ns = ktime_get_real_coarse_ns();
		return 0;
	case LINUX_CLOCK_MONOTONIC_COARSE:
		*ns = ktime_get_coarse_ns();
		return 0;
	case LINUX_CLOCK_REALTIME:
	case LINUX_CLOCK_TAI:
	case LINUX_CLOCK_REALTIME_ALARM:
		*ns = ktime_get_real_ns();
		return 0;
	case LINUX_CLOCK_MONOTONIC:
	case LINUX_CLOCK_MONOTONIC_RAW:
	case LINUX_CLOCK_BOOTTIME:
	case LINUX_CLOCK_BOOTTIME_ALARM:
		*ns = ktime_get_ns();
		return 0;
	case LINUX_CLOCK_PROCESS_CPUTIME_ID:
		*ns = process_cpu_ns(current);
		return 0;
	case LINUX_CLOCK_THREAD_CPUTIME_ID:
		*ns = thread_cpu_ns(current);
		return 0;
	}
	if (clk >= 0 || CPUCLOCK_WHICH(clk) == 3)
		return -EINVAL;
	/* Another process's or thread's CPU clock (clock_getcpuclockid). */
	if (CPUCLOCK_PID(clk) == 0) {
		*ns = CPUCLOCK_PERTHREAD(clk) ? thread_cpu_ns(current) : process_cpu_ns(current);
		return 0;
	}
	t = find_task_by_vpid(CPUCLOCK_PID(clk));
	if (!t)
		return -EINVAL;
	if (CPUCLOCK_PERTHREAD(clk)) {
		*ns = thread_cpu_ns(t);
	} else if (thread_group_leader(t)) {
		*ns = process_cpu_ns(t);
	} else {
		task_put(t);
		return -EINVAL;     /* a process clock names a process */
	}
	task_put(t);
	return 0;
}

long sys_clock_gettime(int clk, struct linux_timespec __user *tp)
{
	struct linux_timespec ts;
	u64 ns;
	int r = clock_read(clk, &ns);

	if (r)
		return r;
	ns_to_ts(ns, &ts);
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_clock_getres(int clk, struct linux_timespec __user *tp)
{
	struct linux_timespec ts;
	u64 ns;
	int r = clock_read(clk, &ns);

	if (r)
		return r;
	ns = (clk == LINUX_CLOCK_REALTIME_COARSE || clk == LINUX_CLOCK_MONOTONIC_COARSE) ?
		     COARSE_RES_NS : 1;
	if (!tp)
		return 0;
	ns_to_ts(ns, &ts);
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_clock_settime(int clk, const struct linux_timespec __user *tp)
{
	struct linux_timespec ts;

	/* As Linux: the clock first, then the pointer. */
	if (clk != LINUX_CLOCK_REALTIME)
		return -EINVAL;
	if (copy_from_user(&ts, tp, sizeof(ts)))
		return -EFAULT;
	if (!ts_valid(&ts) || !settod_valid(ts.tv_sec))
		return -EINVAL;
	if (!capable_root())
		return -EPERM;
	ktime_set_real_ns(ts_to_ns(&ts));
	return 0;
}

long sys_gettimeofday(struct linux_timeval __user *tv, struct linux_timezone __user *tz)
{
	if (tv) {
		struct linux_timeval v;
		u64 ns = ktime_get_real_ns();

		v.tv_sec = ns / NSEC_PER_SEC;
		v.tv_usec = (ns % NSEC_PER_SEC) / NSEC_PER_USEC;
		if (copy_to_user(tv, &v, sizeof(v)))
			return -EFAULT;
	}
	if (tz) {
		struct linux_timezone z = { 0, 0 };   /* XXX: settimeofday's tz is not kept */

		if (copy_to_user(tz, &z, sizeof(z)))
			return -EFAULT;
	}
	return 0;
}

long sys_settimeofday(const struct linux_timeval __user *tv, const struct linux_timezone __user *tz)
{
	struct linux_timeval v;
	struct linux_timezone z;

	if (tv && copy_from_user(&v, tv, sizeof(v)))
		return -EFAULT;
	if (tz && copy_from_user(&z, tz, sizeof(z)))
		return -EFAULT;
	if (tv && (!tv_valid(&v) || !settod_valid(v.tv_sec)))
		return -EINVAL;
	if (!capable_root())
		return -EPERM;
	if (tv)
		ktime_set_real_ns(tv_to_ns(&v));
	return 0;
}

long sys_time(s64 __user *tloc)
{
	s64 t = ktime_get_real_ns() / NSEC_PER_SEC;

	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}

long sys_times(struct linux_tms __user *tbuf)
{
	if (tbuf) {
		struct linux_tms t;
		unsigned long flags;

		memset(&t, 0, sizeof(t));
		/* XXX: no user/system split: CPU time is reported as user time. */
		t.tms_utime = ns_to_clock_t(process_cpu_ns(current));
		spin_lock_irqsave(&tasklist_lock, flags);
		t.tms_cutime = ns_to_clock_t(current->signal->cutime_ns);
		t.tms_cstime = ns_to_clock_t(current->signal->cstime_ns);
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (copy_to_user(tbuf, &t, sizeof(t)))
			return -EFAULT;
	}
	return ns_to_clock_t(ktime_get_ns());
}

/* ---- sleeping ---- */

/* Sleep until the monotonic deadline; true if a signal cut it short. */
static bool sleep_until(u64 deadline)
{
	for (;;) {
		u64 now = ktime_get_ns();

		if (now >= deadline)
			return false;
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current)) {
			__set_current_state(TASK_RUNNING);
			return true;
		}
		schedule_timeout(deadline - now);
	}
}

static long nanosleep_restart(struct restart_block *rb);

/* Interrupted: report the time left and arrange the restart. */
static long sleep_interrupted(u64 deadline, struct linux_timespec __user *rmtp)
{
	struct restart_block *rb = &current->restart_block;
	u64 now = ktime_get_ns();

	if (rmtp) {
		struct linux_timespec ts;

		ns_to_ts(deadline > now ? deadline - now : 0, &ts);
		if (copy_to_user(rmtp, &ts, sizeof(ts)))
			return -EFAULT;
	}
	rb->fn = nanosleep_restart;
	rb->nanosleep.clockid = LINUX_CLOCK_MONOTONIC;
	rb->nanosleep.expires_ns = deadline;
	rb->nanosleep.rmtp = rmtp;
	return -ERESTART_RESTARTBLOCK;
}

static long nanosleep_restart(struct restart_block *rb)
{
	u64 deadline = rb->nanosleep.expires_ns;

	if (sleep_until(deadline))
		return sleep_interrupted(deadline, rb->nanosleep.rmtp);
	return 0;
}

long sys_nanosleep(const struct linux_timespec __user *rqtp, struct linux_timespec __user *rmtp)
{
	struct linux_timespec ts;
	u64 deadline;

	if (copy_from_user(&ts, rqtp, sizeof(ts)))
		return -EFAULT;
	if (!ts_valid(&ts))
		return -EINVAL;
	deadline = ktime_get_ns() + ts_to_ns(&ts);
	if (sleep_until(deadline))
		return sleep_interrupted(deadline, rmtp);
	return 0;
}

long sys_clock_nanosleep(int clk, int flags, const struct linux_timespec __user *rqtp,
			 struct linux_timespec __user *rmtp)
{
	struct linux_timespec ts;
	u64 deadline, now, mono;
	bool realtime;

	switch (clk) {
	case LINUX_CLOCK_REALTIME:
	case LINUX_CLOCK_TAI:
	case LINUX_CLOCK_REALTIME_ALARM:
		realtime = true;
		break;
	case LINUX_CLOCK_MONOTONIC:
	case LINUX_CLOCK_BOOTTIME:
	case LINUX_CLOCK_BOOTTIME_ALARM:
		realtime = false;
		break;
	case LINUX_CLOCK_THREAD_CPUTIME_ID:
		return -EINVAL;        /* Linux: a thread cannot sleep on its own CPU time */
	case LINUX_CLOCK_MONOTONIC_RAW:
	case LINUX_CLOCK_REALTIME_COARSE:
	case LINUX_CLOCK_MONOTONIC_COARSE:
		return -EOPNOTSUPP;    /* Linux: these clocks have no sleep */
	default:
		/* XXX: sleeping on a process CPU-time clock */
		return -EINVAL;
	}
	if (copy_from_user(&ts, rqtp, sizeof(ts)))
		return -EFAULT;
	if (!ts_valid(&ts))
		return -EINVAL;
	mono = ktime_get_ns();
	if (flags & LINUX_TIMER_ABSTIME) {
		u64 abs = ts_to_ns(&ts);

		now = realtime ? ktime_get_real_ns() : mono;
		deadline = abs > now ? mono + (abs - now) : mono;
		/* An absolute sleep restarts with the same arguments. */
		return sleep_until(deadline) ? -ERESTARTNOHAND : 0;
	}
	deadline = mono + ts_to_ns(&ts);
	if (sleep_until(deadline))
		return sleep_interrupted(deadline, rmtp);
	return 0;
}

/* ---- interval timers (kernel/proc/itimer.c) ---- */

#define LINUX_ITIMER_REAL 0
#define LINUX_ITIMER_VIRTUAL 1
#define LINUX_ITIMER_PROF 2

long sys_getitimer(int which, struct linux_itimerval __user *uval)
{
	struct linux_itimerval v;
	u64 value, interval;

	if (which == LINUX_ITIMER_VIRTUAL || which == LINUX_ITIMER_PROF)
		itimer_get_cpu(which - LINUX_ITIMER_VIRTUAL, &value, &interval);
	else if (which == LINUX_ITIMER_REAL)
		itimer_get_real(&value, &interval);
	else
		return -EINVAL;
	ns_to_tv(value, &v.it_value);
	ns_to_tv(interval, &v.it_interval);
	return copy_to_user(uval, &v, sizeof(v)) ? -EFAULT : 0;
}

long sys_setitimer(int which, const struct linux_itimerval __user *unew,
		   struct linux_itimerval __user *uold)
{
	struct linux_itimerval n, o;
	u64 ov, oi;

	if (which != LINUX_ITIMER_REAL && which != LINUX_ITIMER_VIRTUAL && which != LINUX_ITIMER_PROF)
		return -EINVAL;
	/* A NULL new value disarms, as Linux still allows. */
	memset(&n, 0, sizeof(n));
	if (unew && copy_from_user(&n, unew, sizeof(n)))
		return -EFAULT;
	if (!tv_valid(&n.it_value) || !tv_valid(&n.it_interval))
		return -EINVAL;
	if (which == LINUX_ITIMER_REAL)
		itimer_set_real(tv_to_ns(&n.it_value), tv_to_ns(&n.it_interval), &ov, &oi);
	else
		itimer_set_cpu(which - LINUX_ITIMER_VIRTUAL, tv_to_ns(&n.it_value),
			       tv_to_ns(&n.it_interval), &ov, &oi);
	if (uold) {
		ns_to_tv(ov, &o.it_value);
		ns_to_tv(oi, &o.it_interval);
		if (copy_to_user(uold, &o, sizeof(o)))
			return -EFAULT;
	}
	return 0;
}

long sys_alarm(unsigned int seconds)
{
	u64 ov, oi;
	struct linux_timeval tv;

	itimer_set_real((u64)seconds * NSEC_PER_SEC, 0, &ov, &oi);
	ns_to_tv(ov, &tv);
	/* Never 0 while an alarm was pending; round half a second up (Linux). */
	if ((!tv.tv_sec && tv.tv_usec) || tv.tv_usec >= 500000)
		tv.tv_sec++;
	return tv.tv_sec;
}

/* ---- POSIX timers ---------------------------------------------------- */

/* struct sigevent of x86_64 (64 bytes): value, signo, notify, then a union
 * whose first int is the thread id for SIGEV_THREAD_ID. */
struct linux_sigevent {
	union linux_sigval value;
	int signo;
	int notify;
	int tid;
	int __pad[11];
};

long sys_timer_create(int clk, const struct linux_sigevent __user *uev, int __user *idp)
{
	struct posix_sigevent_k ev = { .notify = POSIX_SIGEV_SIGNAL, .signo = SIGALRM };
	int id, r;

	if (uev) {
		struct linux_sigevent le;

		if (copy_from_user(&le, uev, sizeof(le)))
			return -EFAULT;
		ev.notify = le.notify;
		ev.signo = le.signo;
		ev.tid = le.tid;
		ev.value = le.value;
		ev.have_value = true;
	}
	r = posix_timer_create(clk, &ev, &id);
	if (r)
		return r;
	if (put_user(id, idp)) {
		posix_timer_delete(id);
		return -EFAULT;
	}
	return 0;
}

static void ns_to_its(u64 value, u64 interval, struct linux_itimerspec *its)
{
	ns_to_ts(value, &its->it_value);
	ns_to_ts(interval, &its->it_interval);
}

long sys_timer_settime(int id, int flags, const struct linux_itimerspec __user *unew,
		       struct linux_itimerspec __user *uold)
{
	struct linux_itimerspec n, o;
	u64 ov, oi;
	int r;

	if (!unew)
		return -EINVAL;
	if (copy_from_user(&n, unew, sizeof(n)))
		return -EFAULT;
	if (!ts_valid(&n.it_value) || !ts_valid(&n.it_interval))
		return -EINVAL;
	r = posix_timer_settime(id, flags & 1 /* TIMER_ABSTIME */, ts_to_ns(&n.it_value),
				ts_to_ns(&n.it_interval), &ov, &oi);
	if (r)
		return r;
	if (uold) {
		ns_to_its(ov, oi, &o);
		if (copy_to_user(uold, &o, sizeof(o)))
			return -EFAULT;
	}
	return 0;
}

long sys_timer_gettime(int id, struct linux_itimerspec __user *ucur)
{
	struct linux_itimerspec c;
	u64 v, i;
	int r = posix_timer_gettime(id, &v, &i);

	if (r)
		return r;
	ns_to_its(v, i, &c);
	return copy_to_user(ucur, &c, sizeof(c)) ? -EFAULT : 0;
}

long sys_timer_getoverrun(int id)
{
	return posix_timer_getoverrun(id);
}

long sys_timer_delete(int id)
{
	return posix_timer_delete(id);
}
