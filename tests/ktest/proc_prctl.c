/*
 * Child subreapers and pidfds from inside the kernel: an orphan goes to
 * the nearest living subreaper above it, skipping one that has died, and
 * its new parent can wait for it; a pidfd polls readable only once its
 * process is dead and keeps naming it after it is reaped.
 */
#include <kernel/fs.h>
#include <kernel/poll.h>
#include <kernel/waitqueue.h>

#include "proc_test.h"

#define PR_SET_CHILD_SUBREAPER 36

static volatile bool sr_release;
static DECLARE_WAIT_QUEUE_HEAD(sr_wq);
static volatile pid_t sr_g;

static int sr_grandchild(void *unused)
{
	wait_event(&sr_wq, READ_ONCE(sr_release));
	return 7;
}

static int sr_middle(void *unused)
{
	sr_g = pt_spawn(sr_grandchild, NULL);
	return sr_g > 0 ? 0 : 1;
}

/* The parent process (global pid) of process pid, or -1. */
static pid_t parent_of(pid_t pid)
{
	struct task *p = find_process(pid);
	pid_t r = -1;

	if (p) {
		unsigned long flags;

		spin_lock_irqsave(&tasklist_lock, flags);
		if (p->real_parent)
			r = p->real_parent->tgid;
		spin_unlock_irqrestore(&tasklist_lock, flags);
		task_put(p);
	}
	return r;
}

/* A subreaper below the test's: it dies after its grandchild is orphaned. */
static int sr_sub(void *unused)
{
	pid_t n;

	PT_EQ(proc_prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), 0);
	n = pt_spawn(sr_middle, NULL);
	PT_CHECK(n > 0);
	PT_EQ(pt_wait(n, 0, NULL), 0);
	/* The middle died: its child is ours now. */
	PT_EQ(parent_of(sr_g), current->tgid);
	return 0;
}

static int subreaper_body(void *unused)
{
	struct file *pf;
	struct task *g;
	pid_t s;

	sr_release = false;
	PT_EQ(proc_prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), 0);
	s = pt_spawn(sr_sub, NULL);
	PT_CHECK(s > 0);
	PT_EQ(pt_wait(s, 0, NULL), 0);
	/* The inner subreaper died too: the orphan climbs to us. */
	PT_EQ(parent_of(sr_g), current->tgid);

	g = find_process(sr_g);
	PT_CHECK(g != NULL);
	pf = pidfd_file_create(g->pid, 0);
	task_put(g);
	PT_CHECK(!IS_ERR(pf));
	PT_EQ(vfs_poll(pf, NULL) & POLLIN, 0);
	WRITE_ONCE(sr_release, true);
	wake_up_all(&sr_wq);
	PT_EQ(pt_wait(sr_g, 0, NULL), 7 << 8);
	/* Reaped: the pidfd still names it, readable, no task behind it. */
	PT_CHECK(vfs_poll(pf, NULL) & POLLIN);
	PT_CHECK(pidfd_pid(pf) != NULL);
	fput(pf);
	return 0;
}

KTEST(proc_subreaper)
{
	PT_RUN(subreaper_body, NULL);
}
