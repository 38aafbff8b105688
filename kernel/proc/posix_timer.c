/*
 * POSIX per-process timers (timer_create and friends). Each timer is a
 * ktimer that, on expiry (interrupt context), queues its signal with
 * si_code SI_TIMER, the timer id and the sigev_value to the process
 * (SIGEV_SIGNAL) or one of its threads (SIGEV_THREAD_ID), or does nothing
 * but keep time (SIGEV_NONE: timer_gettime still counts down). As on Linux,
 * a timer has at most one signal queued: expirations while it waits are
 * counted as overruns, reported in si_overrun and by timer_getoverrun when
 * the signal is taken (send_timer_signal and collect_signal in signal.c).
 * A periodic timer re-arms itself at the next multiple of its interval
 * after now, counting the periods it missed as overruns.
 *
 * Clocks: CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME (the same as
 * monotonic: nothing here suspends) and CLOCK_TAI; all run on the
 * monotonic ktimer base. An absolute CLOCK_REALTIME expiry is converted
 * when set. XXX: Linux moves armed absolute REALTIME timers when the clock
 * is set; CPU-time clocks (process/thread) are EINVAL here, Linux has them.
 *
 * Timers belong to the signal_struct and are deleted by exec and when the
 * thread group dies.
 *
 * Locks: sig->posix_timers_lock (irqsave) guards the list and serializes
 * the timer syscalls, so a timer is never freed under one of them;
 * tmr->lock (irqsave) guards the expiry and interval against the callback;
 * the overrun counters are under the siglock of the target's process.
 * Order: posix_timers_lock -> tmr->lock; the callback takes tmr->lock, drops
 * it, then the siglock.
 */
#include <kernel/clock.h>
#include <kernel/errno.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/mm.h>
#include <kernel/spinlock.h>
#include <kernel/timer.h>
#include <linuxabi/uapi/time.h>
#include <string.h>

#include "internal.h"

#define MIN_PERIOD_NS 100000ULL     /* a periodic timer re-arms at most this often */
#define OVERRUN_MAX 0x7fffffff      /* Linux's DELAYTIMER_MAX */

struct posix_timer {
	struct list_head node;      /* sig->posix_timers; posix_timers_lock */
	int id;
	int clock;
	int notify;                 /* POSIX_SIGEV_* */
	int signo;
	union linux_sigval value;
	struct task *target;        /* referenced; NULL for SIGEV_NONE */
	bool group;                 /* to the process, not only target */
	spinlock_t lock;            /* the fields below */
	bool armed, deleted;
	u64 expires;                /* monotonic ns, while armed */
	u64 interval;               /* ns; 0 one shot */
	struct ktimer kt;
	int overrun;                /* target's siglock */
	int overrun_last;           /* what timer_getoverrun says; target's siglock */
};

void posix_timers_init(struct signal_struct *sig)
{
	spin_lock_init(&sig->posix_timers_lock, "posix_timers_lock");
	INIT_LIST_HEAD(&sig->posix_timers);
}

void posix_timer_overrun_add(struct posix_timer *tmr, int n)
{
	if (n > OVERRUN_MAX - tmr->overrun)
		tmr->overrun = OVERRUN_MAX;
	else
		tmr->overrun += n;
}

void posix_timer_dequeued(struct posix_timer *tmr, ksiginfo_t *info)
{
	info->f.timer.overrun = tmr->overrun;
	tmr->overrun_last = tmr->overrun;
	tmr->overrun = 0;
}

static void posix_timer_fire(struct ktimer *kt)
{
	struct posix_timer *tmr = kt->data;
	unsigned long flags;
	int missed = 0;

	spin_lock_irqsave(&tmr->lock, flags);
	if (tmr->deleted || !tmr->armed) {
		spin_unlock_irqrestore(&tmr->lock, flags);
		return;
	}
	if (tmr->interval) {
		u64 now = ktime_get_ns(), next = tmr->expires + tmr->interval;
		u64 period = tmr->interval;

		if (next < now + MIN_PERIOD_NS) {
			u64 n = (now + MIN_PERIOD_NS - next + period - 1) / period;

			missed = n > OVERRUN_MAX ? OVERRUN_MAX : (int)n;
			next += n * period;
		}
		tmr->expires = next;
		timer_arm(&tmr->kt, next);
	} else {
		tmr->armed = false;
	}
	spin_unlock_irqrestore(&tmr->lock, flags);
	/* The timer cannot be freed while we run: timer_delete cancels the
	 * ktimer, which waits for this callback, before it frees. */
	if (tmr->target)
		send_timer_signal(tmr, tmr->target, tmr->group, tmr->signo, tmr->value, tmr->id, missed);
}

static void posix_timer_free(struct posix_timer *tmr)
{
	unsigned long flags;

	spin_lock_irqsave(&tmr->lock, flags);
	tmr->deleted = true;
	spin_unlock_irqrestore(&tmr->lock, flags);
	timer_cancel(&tmr->kt);
	if (tmr->target) {
		forget_timer_signal(tmr, tmr->target);
		task_put(tmr->target);
	}
	kfree(tmr);
}

void posix_timers_exit(struct signal_struct *sig)
{
	for (;;) {
		struct posix_timer *tmr = NULL;
		unsigned long flags;

		spin_lock_irqsave(&sig->posix_timers_lock, flags);
		if (!list_empty(&sig->posix_timers)) {
			tmr = list_first_entry(&sig->posix_timers, struct posix_timer, node);
			list_del(&tmr->node);
			sig->nr_posix_timers--;
		}
		spin_unlock_irqrestore(&sig->posix_timers_lock, flags);
		if (!tmr)
			return;
		posix_timer_free(tmr);
	}
}

static bool clock_ok(int clock)
{
	return clock == LINUX_CLOCK_REALTIME || clock == LINUX_CLOCK_MONOTONIC ||
	       clock == LINUX_CLOCK_BOOTTIME || clock == LINUX_CLOCK_TAI;
}

int posix_timer_create(int clock, const struct posix_sigevent_k *ev, int *id_out)
{
	struct signal_struct *sig = current->signal;
	struct posix_timer *tmr, *other;
	struct task *target = NULL;
	unsigned long flags;
	int notify = ev->notify;

	if (clock == LINUX_CLOCK_MONOTONIC_RAW || clock == LINUX_CLOCK_REALTIME_COARSE ||
	    clock == LINUX_CLOCK_MONOTONIC_COARSE)
		return -EOPNOTSUPP;         /* Linux: these clocks have no timers */
	if (clock == LINUX_CLOCK_REALTIME_ALARM || clock == LINUX_CLOCK_BOOTTIME_ALARM)
		return capable_root() ? -EOPNOTSUPP : -EPERM;   /* XXX: no alarm timers */
	if (!clock_ok(clock))
		return -EINVAL;
	switch (notify) {
	case POSIX_SIGEV_SIGNAL | POSIX_SIGEV_THREAD_ID:
		target = find_task_by_vpid(ev->tid);
		if (!target)
			return -EINVAL;
		if (target->signal != sig) {
			task_put(target);
			return -EINVAL;
		}
		__attribute__((fallthrough));
	case POSIX_SIGEV_SIGNAL:
	case POSIX_SIGEV_THREAD:
		if (ev->signo <= 0 || ev->signo > SIGRTMAX) {
			if (target)
				task_put(target);
			return -EINVAL;
		}
		if (!target) {
			target = current->group_leader;
			task_get(target);
		}
		break;
	case POSIX_SIGEV_NONE:
		break;
	default:
		return -EINVAL;
	}
	tmr = kzalloc(sizeof(*tmr), GFP_KERNEL);
	if (!tmr) {
		if (target)
			task_put(target);
		return -EAGAIN;             /* Linux: EAGAIN when out of timers */
	}
	tmr->clock = clock;
	tmr->notify = notify;
	tmr->signo = ev->signo;
	tmr->value = ev->value;
	tmr->target = target;
	tmr->group = notify != (POSIX_SIGEV_SIGNAL | POSIX_SIGEV_THREAD_ID);
	spin_lock_init(&tmr->lock, "posix_timer");
	timer_setup(&tmr->kt, posix_timer_fire, tmr);

	spin_lock_irqsave(&sig->posix_timers_lock, flags);
	/* As Linux: each timer's signal counts against RLIMIT_SIGPENDING. This
	 * also bounds the id search below. */
	if ((u64)sig->nr_posix_timers >= task_rlimit(current, RLIMIT_SIGPENDING)) {
		spin_unlock_irqrestore(&sig->posix_timers_lock, flags);
		if (target)
			task_put(target);
		kfree(tmr);
		return -EAGAIN;
	}
	sig->nr_posix_timers++;
	for (;;) {
		bool used = false;

		tmr->id = sig->next_posix_timer_id;
		sig->next_posix_timer_id = tmr->id == 0x7fffffff ? 0 : tmr->id + 1;
		list_for_each_entry(other, &sig->posix_timers, node)
			if (other->id == tmr->id)
				used = true;
		if (!used)
			break;
	}
	if (!ev->have_value)
		tmr->value.sival_int = tmr->id;   /* no sigevent: SIGALRM with the id */
	list_add_tail(&tmr->node, &sig->posix_timers);
	spin_unlock_irqrestore(&sig->posix_timers_lock, flags);
	*id_out = tmr->id;
	return 0;
}

/* Caller holds posix_timers_lock. */
static struct posix_timer *find_timer(struct signal_struct *sig, int id)
{
	struct posix_timer *tmr;

	list_for_each_entry(tmr, &sig->posix_timers, node)
		if (tmr->id == id)
			return tmr;
	return NULL;
}

/* Caller holds tmr->lock. */
static void timer_left(struct posix_timer *tmr, u64 *value, u64 *interval)
{
	u64 now = ktime_get_ns();

	*interval = tmr->interval;
	if (!tmr->armed) {
		*value = 0;
	} else if (tmr->expires > now) {
		*value = tmr->expires - now;
	} else if (tmr->interval) {
		/* SIGEV_NONE keeps no ktimer: count the periods here. */
		*value = tmr->interval - (now - tmr->expires) % tmr->interval;
	} else {
		*value = tmr->target ? 1 : 0;   /* firing right now: not yet disarmed */
	}
}

int posix_timer_settime(int id, bool abs, u64 value, u64 interval, u64 *old_value,
			u64 *old_interval)
{
	struct signal_struct *sig = current->signal;
	struct posix_timer *tmr;
	unsigned long flags, tflags;
	u64 ov, oi, now;

	spin_lock_irqsave(&sig->posix_timers_lock, flags);
	tmr = find_timer(sig, id);
	if (!tmr) {
		spin_unlock_irqrestore(&sig->posix_timers_lock, flags);
		return -EINVAL;
	}
	/* Interrupts are off here, so the callback cannot be running on this
	 * CPU; cancel waits for it elsewhere. */
	timer_cancel(&tmr->kt);
	spin_lock_irqsave(&tmr->lock, tflags);
	timer_left(tmr, &ov, &oi);
	if (old_value)
		*old_value = ov;
	if (old_interval)
		*old_interval = oi;
	now = ktime_get_ns();
	tmr->armed = value != 0;
	tmr->interval = value ? interval : 0;
	if (value) {
		if (!abs) {
			tmr->expires = now + value;
		} else if (tmr->clock == LINUX_CLOCK_REALTIME || tmr->clock == LINUX_CLOCK_TAI) {
			u64 real = ktime_get_real_ns();

			tmr->expires = value > real ? now + (value - real) : now;
		} else {
			tmr->expires = value;
		}
		if (tmr->target)
			timer_arm(&tmr->kt, tmr->expires);
	}
	spin_unlock_irqrestore(&tmr->lock, tflags);
	spin_unlock_irqrestore(&sig->posix_timers_lock, flags);
	return 0;
}

int posix_timer_gettime(int id, u64 *value, u64 *interval)
{
	struct signal_struct *sig = current->signal;
	struct posix_timer *tmr;
	unsigned long flags, tflags;

	spin_lock_irqsave(&sig->posix_timers_lock, flags);
	tmr = find_timer(sig, id);
	if (tmr) {
		spin_lock_irqsave(&tmr->lock, tflags);
		timer_left(tmr, value, interval);
		spin_unlock_irqrestore(&tmr->lock, tflags);
	}
	spin_unlock_irqrestore(&sig->posix_timers_lock, flags);
	return tmr ? 0 : -EINVAL;
}

int posix_timer_getoverrun(int id)
{
	struct signal_struct *sig = current->signal;
	struct posix_timer *tmr;
	unsigned long flags;
	int r = -EINVAL;

	spin_lock_irqsave(&sig->posix_timers_lock, flags);
	tmr = find_timer(sig, id);
	if (tmr)
		r = READ_ONCE(tmr->overrun_last);
	spin_unlock_irqrestore(&sig->posix_timers_lock, flags);
	return r;
}

int posix_timer_delete(int id)
{
	struct signal_struct *sig = current->signal;
	struct posix_timer *tmr;
	unsigned long flags;

	spin_lock_irqsave(&sig->posix_timers_lock, flags);
	tmr = find_timer(sig, id);
	if (tmr) {
		list_del(&tmr->node);
		sig->nr_posix_timers--;
	}
	spin_unlock_irqrestore(&sig->posix_timers_lock, flags);
	if (!tmr)
		return -EINVAL;
	posix_timer_free(tmr);
	return 0;
}
