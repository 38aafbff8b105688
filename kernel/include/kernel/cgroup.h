/*
 * Control groups, version 2 (kernel/cgroup/cgroup.c): one hierarchy of
 * groups of tasks, shown by the cgroup2 file system (mounted at
 * /sys/fs/cgroup), with Linux's interface files and the pids controller.
 *
 * Every user task belongs to one cgroup (task->cgroup; NULL is the root).
 * A child starts in its parent's cgroup; writing a pid to cgroup.procs
 * moves a whole process. The pids controller counts the tasks (threads)
 * of each subtree and refuses fork with EAGAIN beyond a pids.max.
 *
 * Locks (outer first): cgroup_mutex (the tree, controller settings) ->
 * tasklist_lock -> cgroup task lock (task->cgroup, the counts).
 */
#ifndef KERNEL_CGROUP_H
#define KERNEL_CGROUP_H

#include <kernel/types.h>

struct task;
struct seq_file;
struct file;

void cgroup_init(void);   /* registers cgroup2 (after the VFS is up) */

/* fork: charge the new task p to the cgroup it will share with parent
 * (or to into, for clone3's CLONE_INTO_CGROUP: an open cgroup directory).
 * 0 or -EAGAIN (a pids.max reached), -EBUSY/-EOPNOTSUPP/-EBADF for a bad
 * target. cgroup_cancel_fork undoes it on fork's failure path;
 * cgroup_post_fork makes p a member once it is on the process lists. */
int cgroup_can_fork(struct task *p, struct task *parent, struct file *into);
void cgroup_cancel_fork(struct task *p);
void cgroup_post_fork(struct task *p);
/* The task is exiting: leave its cgroup (uncharged, CPU time kept). */
void cgroup_exit(struct task *t);

/* /proc/[pid]/cgroup: "0::/path\n". */
int cgroup_show_task(struct seq_file *m, struct task *t);

#endif
