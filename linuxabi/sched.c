/*
 * The scheduling-policy system calls: sched_setscheduler, sched_getscheduler,
 * sched_setparam, sched_getparam, sched_get_priority_max/min,
 * sched_rr_get_interval, sched_setattr and sched_getattr. They decode
 * Linux's layouts (struct sched_param, struct sched_attr with its size
 * versioning) and hand the change to kernel/proc/priority.c, which checks
 * permissions, and kernel/sched, which moves the task between classes.
 *
 * SCHED_DEADLINE is refused: with sound parameters Linux admits the task if
 * the deadline bandwidth allows, else fails with EBUSY; ours has none to
 * give, so EBUSY (EPERM without CAP_SYS_NICE, EINVAL for bad parameters,
 * as Linux). Utilization clamps fail with EOPNOTSUPP, as on a Linux built
 * without CONFIG_UCLAMP_TASK.
 */
#include <kernel/errno.h>
#include <kernel/proc.h>
#include <kernel/sched.h>
#include <kernel/uaccess.h>
#include <linuxabi/uapi/sched.h>
#include <linuxabi/uapi/time.h>
#include <string.h>

static bool valid_policy(int policy)
{
	return policy == SCHED_NORMAL || policy == SCHED_FIFO || policy == SCHED_RR ||
	       policy == SCHED_BATCH || policy == SCHED_IDLE || policy == SCHED_DEADLINE;
}

/* Linux's __checkparam_dl, enough to tell bad parameters (EINVAL) from a
 * request we cannot admit. */
static bool dl_params_ok(const struct linux_sched_attr *a)
{
	u64 period = a->sched_period ? a->sched_period : a->sched_deadline;

	if (!a->sched_deadline || a->sched_runtime < 1024)
		return false;
	if (a->sched_deadline & (1ULL << 63) || a->sched_period & (1ULL << 63))
		return false;
	return a->sched_runtime <= a->sched_deadline && a->sched_deadline <= period;
}

static long do_sched_set(pid_t pid, const struct sched_change *c)
{
	struct task *t = proc_sched_task(pid);
	long r;

	if (IS_ERR(t))
		return PTR_ERR(t);
	r = proc_sched_setattr(t, c);
	task_put(t);
	return r;
}

/* sched_setscheduler (policy >= 0) and sched_setparam (policy -1). */
static long set_param(pid_t pid, int policy, const struct linux_sched_param __user *uparam)
{
	struct linux_sched_param p;
	struct sched_change c = { 0 };

	if (!uparam || pid < 0)
		return -EINVAL;
	if (copy_from_user(&p, uparam, sizeof(p)))
		return -EFAULT;
	c.policy = policy;
	if (policy >= 0) {
		c.reset_on_fork = policy & SCHED_RESET_ON_FORK;
		c.policy = policy & ~SCHED_RESET_ON_FORK;
		if (!valid_policy(c.policy))
			return -EINVAL;
		if (c.policy == SCHED_DEADLINE)
			return -EINVAL;     /* no deadline parameters here: Linux's answer */
	}
	c.rt_priority = p.sched_priority;
	return do_sched_set(pid, &c);
}

long sys_sched_setscheduler(pid_t pid, int policy, const struct linux_sched_param __user *param)
{
	if (policy < 0)
		return -EINVAL;
	return set_param(pid, policy, param);
}

long sys_sched_setparam(pid_t pid, const struct linux_sched_param __user *param)
{
	return set_param(pid, -1, param);
}

long sys_sched_getscheduler(pid_t pid)
{
	struct task *t = proc_sched_task(pid);
	long r;

	if (IS_ERR(t))
		return PTR_ERR(t);
	r = READ_ONCE(t->policy) | (READ_ONCE(t->sched_reset_on_fork) ? SCHED_RESET_ON_FORK : 0);
	task_put(t);
	return r;
}

long sys_sched_getparam(pid_t pid, struct linux_sched_param __user *param)
{
	struct linux_sched_param p = { 0 };
	struct task *t;

	if (!param || pid < 0)
		return -EINVAL;
	t = proc_sched_task(pid);
	if (IS_ERR(t))
		return PTR_ERR(t);
	p.sched_priority = READ_ONCE(t->rt_priority);
	task_put(t);
	return copy_to_user(param, &p, sizeof(p)) ? -EFAULT : 0;
}

long sys_sched_get_priority_max(int policy)
{
	if (rt_policy(policy))
		return MAX_RT_PRIO - 1;
	if (valid_policy(policy))
		return 0;
	return -EINVAL;
}

long sys_sched_get_priority_min(int policy)
{
	if (rt_policy(policy))
		return 1;
	if (valid_policy(policy))
		return 0;
	return -EINVAL;
}

long sys_sched_rr_get_interval(pid_t pid, struct linux_timespec __user *interval)
{
	struct linux_timespec ts;
	struct task *t = proc_sched_task(pid);
	u64 ns;

	if (IS_ERR(t))
		return PTR_ERR(t);
	ns = sched_rr_interval_ns(t);
	task_put(t);
	ts.tv_sec = ns / 1000000000ULL;
	ts.tv_nsec = ns % 1000000000ULL;
	return copy_to_user(interval, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* Linux's sched_copy_attr: size 0 means VER0; smaller than VER0 or over a
 * page is E2BIG; a bigger one must have a zero tail (E2BIG). On E2BIG the
 * size the kernel knows is written back. */
static long copy_sched_attr(struct linux_sched_attr __user *uattr, struct linux_sched_attr *a)
{
	u32 size;

	memset(a, 0, sizeof(*a));
	if (get_user(size, &uattr->size))
		return -EFAULT;
	if (!size)
		size = LINUX_SCHED_ATTR_SIZE_VER0;
	if (size < LINUX_SCHED_ATTR_SIZE_VER0 || size > PAGE_SIZE)
		goto too_big;
	if (size > sizeof(*a)) {
		for (u32 off = sizeof(*a); off < size; off++) {
			u8 b;

			if (get_user(b, (u8 __user *)uattr + off))
				return -EFAULT;
			if (b)
				goto too_big;
		}
	}
	if (copy_from_user(a, uattr, size < sizeof(*a) ? size : sizeof(*a)))
		return -EFAULT;
	a->size = size;
	if ((a->sched_flags & (LINUX_SCHED_FLAG_UTIL_CLAMP_MIN | LINUX_SCHED_FLAG_UTIL_CLAMP_MAX)) &&
	    size < LINUX_SCHED_ATTR_SIZE_VER1)
		return -EINVAL;
	return 0;
too_big:
	if (put_user((u32)sizeof(*a), &uattr->size))
		return -EFAULT;
	return -E2BIG;
}

long sys_sched_setattr(pid_t pid, struct linux_sched_attr __user *uattr, unsigned flags)
{
	struct linux_sched_attr a;
	struct sched_change c = { 0 };
	struct task *t;
	long r;

	if (!uattr || pid < 0 || flags)
		return -EINVAL;
	r = copy_sched_attr(uattr, &a);
	if (r)
		return r;
	if ((int)a.sched_policy < 0)
		return -EINVAL;
	if (a.sched_flags & ~(u64)LINUX_SCHED_FLAG_ALL)
		return -EINVAL;
	c.policy = a.sched_flags & LINUX_SCHED_FLAG_KEEP_POLICY ? -1 : (int)a.sched_policy;
	if (c.policy >= 0 && !valid_policy(c.policy))
		return -EINVAL;
	c.rt_priority = a.sched_priority > MAX_RT_PRIO ? MAX_RT_PRIO : (int)a.sched_priority;
	c.nice = a.sched_nice;
	c.set_nice = true;
	c.reset_on_fork = a.sched_flags & LINUX_SCHED_FLAG_RESET_ON_FORK;
	c.keep_params = a.sched_flags & LINUX_SCHED_FLAG_KEEP_PARAMS;
	t = proc_sched_task(pid);
	if (IS_ERR(t))
		return PTR_ERR(t);
	if (c.policy == SCHED_DEADLINE) {
		if (a.sched_priority || !dl_params_ok(&a))
			r = -EINVAL;
		else if (!capable(CAP_SYS_NICE))
			r = -EPERM;
		else
			r = -EBUSY;      /* XXX no SCHED_DEADLINE: no bandwidth to admit it */
	} else if (a.sched_flags & (LINUX_SCHED_FLAG_UTIL_CLAMP_MIN |
				    LINUX_SCHED_FLAG_UTIL_CLAMP_MAX)) {
		r = -EOPNOTSUPP;         /* XXX no utilization clamping */
	} else {
		r = proc_sched_setattr(t, &c);
	}
	task_put(t);
	return r;
}

long sys_sched_getattr(pid_t pid, struct linux_sched_attr __user *uattr, unsigned usize,
		       unsigned flags)
{
	struct linux_sched_attr a;
	struct task *t;
	unsigned ksize;

	if (!uattr || pid < 0 || usize > PAGE_SIZE || usize < LINUX_SCHED_ATTR_SIZE_VER0 || flags)
		return -EINVAL;
	t = proc_sched_task(pid);
	if (IS_ERR(t))
		return PTR_ERR(t);
	memset(&a, 0, sizeof(a));
	a.sched_policy = READ_ONCE(t->policy);
	if (READ_ONCE(t->sched_reset_on_fork))
		a.sched_flags |= LINUX_SCHED_FLAG_RESET_ON_FORK;
	if (rt_policy(a.sched_policy))
		a.sched_priority = READ_ONCE(t->rt_priority);
	else
		a.sched_nice = READ_ONCE(t->nice);
	a.sched_util_max = 1024;     /* no clamping: the whole range (Linux's default) */
	task_put(t);
	/* Linux's sched_attr_copy_to_user: as much as both know, the size
	 * field saying how much that is. */
	ksize = usize < sizeof(a) ? usize : sizeof(a);
	a.size = ksize;
	return copy_to_user(uattr, &a, ksize) ? -EFAULT : 0;
}
