/*
 * The real-time interval timer of a process (setitimer ITIMER_REAL, alarm):
 * a ktimer in its signal_struct that sends SIGALRM to the thread group and,
 * with an interval, re-arms itself at the next multiple of the interval
 * (a late expiry is not followed by a burst of catch-up signals, as on
 * Linux). It survives exec and is not inherited by fork (fork makes a new
 * signal_struct).
 *
 * ITIMER_VIRTUAL and ITIMER_PROF count the process's CPU time (all its
 * threads). Rather than a hook in the scheduler, a ktimer polls the CPU
 * time while either is armed, at most every 20 ms and at least every
 * 1 ms, sooner as the expiry nears: an unarmed process costs nothing, and
 * the precision is that of Linux's tick-based CPU timers.
 * XXX: the scheduler does not split user from system time, so both count
 * all CPU time (Linux: VIRTUAL counts user time only).
 */
#include <kernel/clock.h>
#include <kernel/errno.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/spinlock.h>
#include <kernel/timer.h>
#include <string.h>

/* Re-armed at least this far ahead, as the POSIX timers: a 1 us interval
 * must not keep a CPU in timer interrupts (Linux re-arms ITIMER_REAL only
 * when SIGALRM is dequeued, which has the same effect). */
#define IT_REAL_MIN_GAP_NS 100000ULL

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

		if (next < now + IT_REAL_MIN_GAP_NS)
			next += ((now + IT_REAL_MIN_GAP_NS - next) / sig->it_real_interval + 1) *
				sig->it_real_interval;
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

#define CPU_POLL_MIN_NS (1 * NSEC_PER_MSEC)
#define CPU_POLL_MAX_NS (20 * NSEC_PER_MSEC)

/* Caller holds itimer_lock: poll again if a CPU timer is armed. */
static void cpu_poll_arm(struct signal_struct *sig, u64 cpu)
{
	u64 left = ~0ULL, wait;

	for (int i = 0; i < 2; i++) {
		u64 exp = sig->it_cpu_expires[i], d;

		if (!exp)
			continue;
		d = exp > cpu ? exp - cpu : 0;
		if (d < left)
			left = d;
	}
	if (left == ~0ULL)
		return;
	/* Two threads can spend it twice as fast as the wall clock runs. */
	wait = left / 2;
	if (wait < CPU_POLL_MIN_NS)
		wait = CPU_POLL_MIN_NS;
	if (wait > CPU_POLL_MAX_NS)
		wait = CPU_POLL_MAX_NS;
	timer_arm(&sig->it_cpu_poll, ktime_get_ns() + wait);
}

static void it_cpu_fire(struct ktimer *t)
{
	static const int signo[2] = { SIGVTALRM, SIGPROF };
	struct signal_struct *sig = t->data;
	struct task *target;
	unsigned long flags;
	bool fire[2] = { false, false };
	u64 cpu;

	/* The target stays referenced while we run: itimer_release and
	 * itimer_set_cpu cancel this timer (waiting for us) before they
	 * drop it. */
	target = READ_ONCE(sig->it_cpu_target);
	if (!target)
		return;
	cpu = proc_cpu_time_ns(target);     /* tasklist_lock: not under itimer_lock */
	spin_lock_irqsave(&sig->itimer_lock, flags);
	for (int i = 0; i < 2; i++) {
		u64 exp = sig->it_cpu_expires[i], iv = sig->it_cpu_interval[i];

		if (!exp || cpu < exp)
			continue;
		fire[i] = true;
		sig->it_cpu_expires[i] = iv ? exp + ((cpu - exp) / iv + 1) * iv : 0;
	}
	cpu_poll_arm(sig, cpu);
	spin_unlock_irqrestore(&sig->itimer_lock, flags);
	for (int i = 0; i < 2; i++) {
		ksiginfo_t info;

		if (!fire[i])
			continue;
		memset(&info, 0, sizeof(info));
		info.si_signo = signo[i];
		info.si_code = SI_KERNEL;
		send_sig_info(signo[i], &info, target, true);
	}
}

void itimer_init(struct signal_struct *sig)
{
	spin_lock_init(&sig->itimer_lock, "itimer_lock");
	timer_setup(&sig->it_real_timer, it_real_fire, sig);
	timer_setup(&sig->it_cpu_poll, it_cpu_fire, sig);
}

void itimer_release(struct signal_struct *sig)
{
	timer_cancel(&sig->it_real_timer);
	if (sig->it_real_target) {
		task_put(sig->it_real_target);
		sig->it_real_target = NULL;
	}
	timer_cancel(&sig->it_cpu_poll);
	sig->it_cpu_expires[0] = sig->it_cpu_expires[1] = 0;
	if (sig->it_cpu_target) {
		task_put(sig->it_cpu_target);
		sig->it_cpu_target = NULL;
	}
}

static u64 cpu_left(struct signal_struct *sig, int i, u64 cpu)
{
	u64 exp = sig->it_cpu_expires[i];

	if (!exp)
		return 0;
	return exp > cpu ? exp - cpu : NSEC_PER_USEC;   /* armed never reads 0 */
}

void itimer_get_cpu(int which, u64 *value, u64 *interval)
{
	struct signal_struct *sig = current->signal;
	unsigned long flags;
	u64 cpu = proc_cpu_time_ns(current);

	spin_lock_irqsave(&sig->itimer_lock, flags);
	*value = cpu_left(sig, which, cpu);
	*interval = sig->it_cpu_interval[which];
	spin_unlock_irqrestore(&sig->itimer_lock, flags);
}

int itimer_set_cpu(int which, u64 value, u64 interval, u64 *old_value, u64 *old_interval)
{
	struct signal_struct *sig = current->signal;
	struct task *old_target = NULL;
	unsigned long flags;
	u64 cpu;

	if (which != 0 && which != 1)
		return -EINVAL;
	timer_cancel(&sig->it_cpu_poll);    /* outside the lock: the callback takes it */
	cpu = proc_cpu_time_ns(current);
	spin_lock_irqsave(&sig->itimer_lock, flags);
	if (old_value)
		*old_value = cpu_left(sig, which, cpu);
	if (old_interval)
		*old_interval = sig->it_cpu_interval[which];
	sig->it_cpu_expires[which] = value ? cpu + value : 0;
	sig->it_cpu_interval[which] = value ? interval : 0;
	if (value && sig->it_cpu_target != current) {
		old_target = sig->it_cpu_target;
		task_get(current);
		sig->it_cpu_target = current;
	}
	cpu_poll_arm(sig, cpu);
	spin_unlock_irqrestore(&sig->itimer_lock, flags);
	if (old_target)
		task_put(old_target);
	return 0;
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
