/*
 * The out-of-memory killer. When an allocation that may sleep finds no
 * page even after the page cache gave back what it could, the process
 * holding the most memory (its mm's resident pages) is sent SIGKILL and
 * the allocation waits a little for the memory to come back, as Linux's
 * out_of_memory does from the page allocator. Without it the allocation
 * failed, and a user page fault that could not get a page killed whoever
 * faulted: a runaway process made its neighbours die (or init: a kernel
 * panic from any user).
 *
 * One victim at a time: while the last one is alive and has been dying
 * for less than OOM_VICTIM_GRACE_NS, callers wait for it instead of
 * killing another (Linux's oom_reaper makes the same promise by reaping
 * the victim's memory itself). Never chosen: kernel threads, init (pid 1),
 * processes without an address space, processes already exiting.
 *
 * XXX: Linux's badness also counts page tables and swap, and adds
 * /proc/PID/oom_score_adj; memory cgroups have their own OOM.
 */
#include <kernel/clock.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/vm.h>
#include <string.h>

#define OOM_VICTIM_GRACE_NS (2 * NSEC_PER_SEC)

static DEFINE_SPINLOCK(oom_lock);
static pid_t victim_pid;              /* oom_lock: the last victim (global pid) */
static u64 victim_since_ns;           /* oom_lock */

/* Resident pages of t's address space, or 0 (no mm). Caller holds
 * tasklist_lock; t->proc_lock keeps t->mm from going away under us. */
static unsigned long task_rss(struct task *t)
{
	unsigned long flags, rss = 0;

	spin_lock_irqsave(&t->proc_lock, flags);
	if (t->mm)
		rss = READ_ONCE(t->mm->rss);
	spin_unlock_irqrestore(&t->proc_lock, flags);
	return rss;
}

/* Is the last victim still on its way out? Caller holds tasklist_lock. */
static bool victim_alive(void)
{
	struct task *p;

	if (!victim_pid)
		return false;
	list_for_each_entry(p, &proc_list, proc_node)
		if (task_tgid_nr(p) == victim_pid)
			return !p->exit_state;
	return false;
}

/* The process to kill, referenced; NULL if none qualifies. Caller holds
 * tasklist_lock. */
static struct task *pick_victim(unsigned long *rss_out)
{
	struct task *p, *best = NULL;
	unsigned long best_rss = 0;

	list_for_each_entry(p, &proc_list, proc_node) {
		unsigned long rss;

		if (p->exit_state || (p->flags & PF_KTHREAD) || task_tgid_nr(p) == 1 ||
		    (READ_ONCE(p->signal->flags) & SIGNAL_GROUP_EXIT))
			continue;
		rss = task_rss(p);
		if (rss > best_rss) {
			best = p;
			best_rss = rss;
		}
	}
	if (best)
		task_get(best);
	*rss_out = best_rss;
	return best;
}

bool oom_kill(void)
{
	unsigned long flags, rss = 0;
	struct task *victim;
	ksiginfo_t info;
	u64 now = ktime_get_ns();
	bool wait;

	/* Free memory that the caller could not get is fragmentation or a
	 * race with the freeing, not a shortage: wait instead of killing. */
	if (pmm_free_pages() > pmm_total_pages() / 64)
		return true;
	spin_lock_irqsave(&tasklist_lock, flags);
	spin_lock(&oom_lock);
	wait = victim_alive() && now - victim_since_ns < OOM_VICTIM_GRACE_NS;
	victim = wait ? NULL : pick_victim(&rss);
	if (victim) {
		victim_pid = task_tgid_nr(victim);
		victim_since_ns = now;
	}
	spin_unlock(&oom_lock);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (wait)
		return true;
	if (!victim)
		return false;
	printk(KERN_ERR "Out of memory: Killed process %d (%s) anon-rss:%lukB, free pages %llu\n",
	       task_tgid_nr(victim), victim->comm, rss * (PAGE_SIZE / 1024),
	       (unsigned long long)pmm_free_pages());
	memset(&info, 0, sizeof(info));
	info.si_signo = SIGKILL;
	info.si_code = SI_KERNEL;
	send_sig_info(SIGKILL, &info, victim, true);
	/* Killing ourselves: fail this allocation, so that we unwind and die. */
	wait = victim->signal != current->signal;
	task_put(victim);
	return wait;
}
