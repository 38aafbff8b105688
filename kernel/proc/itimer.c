/*
 * The real-time interval timer of a process (setitimer ITIMER_REAL, alarm):
 * a ktimer in its signal_struct that sends SIGALRM to the thread group and,
 * with an interval, re-arms itself at the next multiple of the interval
 * (a late expiry is not followed by a burst of catch-up signals, as on
 * Linux). It survives exec and is not inherited by fork (fork makes a new
 * signal_struct).
 *
 * XXX: ITIMER_VIRTUAL and ITIMER_PROF (CPU-time timers) are not here yet.
 */
#include <kernel/clock.h>
#include <kernel/errno.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/spinlock.h>
#include <kernel/timer.h>
#include <string.h>

static void it_real_fire(struct ktimer *t)
{
	struct signal_struct *sig = t->data;
	struct task *target;
	ksiginfo_t info;
	unsigned long flags;

	spin_lock_irqsave(&sig->itimer_lock, flags);
	target = sig->it_real_target;
	if (sig->it_real_interval) {
		u64 next = t->expires + sig->it_real_interval, now = ktime_get_ns();

		if (next <= now)
			next += ((now - next) / sig->it_real_interval + 1) * sig->it_real_interval;
		timer_arm(t, next);
	}
	spin_unlock_irqrestore(&sig->itimer_lock, flags);
	if (!target)
		return;
	/* As Linux's it_real_fn: a kernel-sent SIGALRM to the whole group. */
	memset(&info, 0, sizeof(info));
	info.si_signo = SIGALRM;
	info.si_code = SI_KERNEL;
	send_sig_info(SIGALRM, &info, target, true);
}

void itimer_init(struct signal_struct *sig)
{
	spin_lock_init(&sig->itimer_lock, "itimer_lock");
	timer_setup(&sig->it_real_timer, it_real_fire, sig);
}

void itimer_release(struct signal_struct *sig)
{
	timer_cancel(&sig->it_real_timer);
	if (sig->it_real_target) {
		task_put(sig->it_real_target);
		sig->it_real_target = NULL;
	}
}

static u64 remaining(struct signal_struct *sig)
{
	u64 now = ktime_get_ns(), exp = READ_ONCE(sig->it_real_timer.expires);

	if (!timer_pending(&sig->it_real_timer))
		return 0;
	/* An armed timer never reads as zero: that would mean disarmed. */
	return exp > now ? exp - now : NSEC_PER_USEC;
}

void itimer_get_real(u64 *value, u64 *interval)
{
	struct signal_struct *sig = current->signal;
	unsigned long flags;

	spin_lock_irqsave(&sig->itimer_lock, flags);
	*value = remaining(sig);
	*interval = sig->it_real_interval;
	spin_unlock_irqrestore(&sig->itimer_lock, flags);
}

int itimer_set_real(u64 value, u64 interval, u64 *old_value, u64 *old_interval)
{
	struct signal_struct *sig = current->signal;
	struct task *old_target = NULL;
	unsigned long flags;

	/* Cancel outside the lock (the callback takes it); it tells whether
	 * the timer was still armed, which decides the old value. */
	bool was_armed = timer_cancel(&sig->it_real_timer);

	spin_lock_irqsave(&sig->itimer_lock, flags);
	if (old_value) {
		u64 now = ktime_get_ns(), exp = sig->it_real_timer.expires;
		*old_value = was_armed ? (exp > now ? exp - now : NSEC_PER_USEC) : 0;
	}
	if (old_interval)
		*old_interval = sig->it_real_interval;
	sig->it_real_interval = value ? interval : 0;
	if (value) {
		if (sig->it_real_target != current) {
			old_target = sig->it_real_target;
			task_get(current);
			sig->it_real_target = current;
		}
		timer_arm(&sig->it_real_timer, ktime_get_ns() + value);
	} else {
		old_target = sig->it_real_target;
		sig->it_real_target = NULL;
	}
	spin_unlock_irqrestore(&sig->itimer_lock, flags);
	if (old_target)
		task_put(old_target);
	return 0;
}
