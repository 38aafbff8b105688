/*
 * Resource limits: per process (signal_struct.rlim), inherited by fork,
 * kept across exec. The defaults are Linux's for init as a systemd host
 * presents them to a login: RLIMIT_NOFILE 1024 soft / 1048576 hard
 * (fs.nr_open), an 8 MiB stack, no core files, NPROC and SIGPENDING from
 * the memory size as Linux computes max_threads.
 *
 * Enforced elsewhere: NOFILE (kernel/fs, via rlimit()), STACK (kernel/mm's
 * stack growth, exec's argument limit), SIGPENDING (queued real-time
 * signals), NPROC (fork, kernel/proc/prctl.c), AS and DATA (kernel/mm's
 * vm_rlimit.c: mmap, brk, mremap). XXX: CPU, FSIZE, MEMLOCK, CORE are
 * stored and reported but not enforced; Linux also refuses execve after
 * a set*uid that went over NPROC (PF_NPROC_EXCEEDED).
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/proc.h>
#include <kernel/vm.h>

#include "internal.h"

static u64 max_threads_limit(void)
{
	/* Linux: max_threads = RAM pages / (8 * THREAD_SIZE / PAGE_SIZE),
	 * at least 20; RLIMIT_NPROC and SIGPENDING get half of it. */
	u64 t = pmm_total_pages() / (8 * KSTACK_SIZE / PAGE_SIZE);

	if (t < 20)
		t = 20;
	return t / 2;
}

void rlimit_init_defaults(struct rlimit_k *r)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		r[i].cur = r[i].max = RLIM_INFINITY;
	r[RLIMIT_STACK].cur = 8UL << 20;
	r[RLIMIT_CORE].cur = 0;
	r[RLIMIT_NPROC].cur = r[RLIMIT_NPROC].max = max_threads_limit();
	r[RLIMIT_SIGPENDING].cur = r[RLIMIT_SIGPENDING].max = max_threads_limit();
	r[RLIMIT_NOFILE].cur = NR_OPEN_DEFAULT;
	r[RLIMIT_NOFILE].max = NR_OPEN_MAX;
	r[RLIMIT_MEMLOCK].cur = r[RLIMIT_MEMLOCK].max = 8UL << 20;
	r[RLIMIT_MSGQUEUE].cur = r[RLIMIT_MSGQUEUE].max = 819200;
	r[RLIMIT_NICE].cur = r[RLIMIT_NICE].max = 0;
	r[RLIMIT_RTPRIO].cur = r[RLIMIT_RTPRIO].max = 0;
}

u64 task_rlimit(struct task *t, int res)
{
	static struct rlimit_k defaults[RLIM_NLIMITS];
	static bool defaults_set;

	if (res < 0 || res >= RLIM_NLIMITS)
		return RLIM_INFINITY;
	if (t && t->signal)
		return READ_ONCE(t->signal->rlim[res].cur);
	/* Kernel threads: the defaults (benign race: same values each time). */
	if (!defaults_set) {
		rlimit_init_defaults(defaults);
		defaults_set = true;
	}
	return defaults[res].cur;
}

u64 rlimit(int res)
{
	return task_rlimit(current, res);
}

int do_prlimit(struct task *t, int res, const struct rlimit_k *new, struct rlimit_k *old)
{
	struct signal_struct *sig = t->signal;
	struct rlimit_k *r;
	unsigned long flags;
	int err = 0;

	if (res < 0 || res >= RLIM_NLIMITS)
		return -EINVAL;
	if (!sig)
		return -ESRCH;
	if (new) {
		if (new->cur > new->max)
			return -EINVAL;
		if (res == RLIMIT_NOFILE && new->max > NR_OPEN_MAX)
			return -EPERM;
	}
	r = &sig->rlim[res];
	spin_lock_irqsave(&sig->rlim_lock, flags);
	if (new && new->max > r->max && !capable_root())
		err = -EPERM;
	if (!err && old)
		*old = *r;
	if (!err && new)
		*r = *new;
	spin_unlock_irqrestore(&sig->rlim_lock, flags);
	if (!err && new && res == RLIMIT_STACK && t == current && t->mm)
		vm_set_stack_rlimit(t->mm, new->cur);
	return err;
}
