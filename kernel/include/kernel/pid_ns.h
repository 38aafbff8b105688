/*
 * PID namespaces, as Linux's struct pid / struct upid / struct
 * pid_namespace (kernel/proc/pid_ns.c).
 *
 * The kernel's own identity of a task stays its global tid
 * (kernel/sched/kthread.c), and the numbers of the initial namespace are
 * those tids. Namespaces are a layer on top: every user task has a struct
 * pid holding its number at each level from the initial namespace (level
 * 0, numbers[0].nr == tid) down to the namespace it lives in (its "active"
 * namespace, numbers[level].ns). A namespace keeps its own map nr -> struct
 * pid and its own allocator (numbers from 1, the next free one after the
 * last, wrapping at PID_NS_PID_MAX). A process group or session holds the
 * struct pid of the process that made it (signal_struct.pgrp_pid,
 * session_pid), so its numbers in every namespace stay reserved and
 * translatable after that process is gone, as on Linux.
 *
 * Every pid that crosses the user boundary is translated: out with
 * task_*_nr_ns / *_vnr (0 when the task is not visible in that namespace,
 * e.g. getppid() of a namespace's init), in with find_task_by_vpid or
 * pid_ns_global_nr. Inside the kernel (tgid, signal->pgrp/session, wait's
 * ids, tty foreground groups) the global numbers are used.
 *
 * Locks: pidmap_lock (irqsave, a leaf: taken under tasklist_lock and
 * siglock) guards every namespace's map, allocator fields and each
 * struct pid's task pointer. A struct pid's numbers never change once
 * allocated. child_reaper is written under tasklist_lock.
 */
#ifndef KERNEL_PID_NS_H
#define KERNEL_PID_NS_H

#include <kernel/rbtree.h>
#include <kernel/types.h>
#include <kernel/waitqueue.h>

struct task;
struct proc_ns_operations;

#define MAX_PID_NS_LEVEL 32          /* Linux's: a 33rd level is ENOSPC */
#define PID_NS_PID_MAX 4194304       /* Linux's PID_MAX_LIMIT, as the tids */

struct pid_namespace {
	int refcount;                    /* atomic; the initial one is never freed */
	unsigned level;                  /* 0: the initial namespace */
	struct pid_namespace *parent;    /* referenced; NULL for the initial one */
	u32 inum;                        /* /proc/[pid]/ns/pid's inode number */
	struct task *child_reaper;       /* its init (number 1) once forked; tasklist_lock */
	struct rb_root pids;             /* struct upid by nr (levels >= 1); pidmap_lock */
	int last_pid;                    /* allocator cursor; pidmap_lock */
	int nr_pids;                     /* numbers in the map; pidmap_lock */
	bool adding;                     /* new numbers allowed: false once its init died or its first fork failed; pidmap_lock */
};

struct upid {
	int nr;
	struct pid_namespace *ns;
	struct rb_node node;             /* in ns->pids (levels >= 1); pidmap_lock */
};

struct pid {
	int refcount;                    /* atomic: the task, pgrp/session holders */
	unsigned level;                  /* of the namespace the task lives in */
	struct task *task;               /* the thread with this pid until released; pidmap_lock */
	struct wait_queue_head wait_pidfd;   /* pidfd pollers: woken when the process dies */
	struct upid numbers[];           /* level + 1 entries, [0] the initial namespace's */
};

extern struct pid_namespace init_pid_ns;

struct pid_namespace *get_pid_ns(struct pid_namespace *ns);
void put_pid_ns(struct pid_namespace *ns);
struct pid *get_pid(struct pid *pid);
void put_pid(struct pid *pid);

/* The namespace t's pid lives in (the initial one for kernel threads). */
struct pid_namespace *task_active_pid_ns(struct task *t);
/* Where t's next children go (task->pid_ns_for_children; the initial one
 * for kernel threads). Not referenced: valid while t is. */
struct pid_namespace *task_pid_ns_for_children(struct task *t);
/* Is ns equal to or below ancestor? */
bool pid_ns_is_descendant(struct pid_namespace *ns, struct pid_namespace *ancestor);

/* pid's number in ns, 0 if it has none there. */
pid_t pid_nr_ns(struct pid *pid, struct pid_namespace *ns);
pid_t pid_vnr(struct pid *pid);   /* in current's active namespace */

/* t's numbers as seen from ns (0: not visible there). Thread ids, process
 * ids, process group, session, parent process. */
pid_t task_pid_nr_ns(struct task *t, struct pid_namespace *ns);
pid_t task_tgid_nr_ns(struct task *t, struct pid_namespace *ns);
pid_t task_pgrp_nr_ns(struct task *t, struct pid_namespace *ns);
pid_t task_session_nr_ns(struct task *t, struct pid_namespace *ns);
pid_t task_ppid_nr_ns(struct task *t, struct pid_namespace *ns);
/* The same as seen by current. */
pid_t task_pid_vnr(struct task *t);
pid_t task_tgid_vnr(struct task *t);
pid_t task_pgrp_vnr(struct task *t);
pid_t task_session_vnr(struct task *t);
/* A global (initial-namespace) pid, pgid or sid as seen from ns / by
 * current (0: not visible). */
pid_t pid_global_to_ns(pid_t global, struct pid_namespace *ns);
pid_t pid_global_to_vnr(pid_t global);

/* The user task with number nr in ns / in current's namespace, referenced
 * (task_put), or NULL. */
struct task *find_task_by_pid_ns(pid_t nr, struct pid_namespace *ns);
struct task *find_task_by_vpid(pid_t nr);
/* The global number of whatever holds nr in ns (a task, or a process
 * group or session whose maker is gone), or 0 if nr is unused there. */
pid_t pid_ns_global_nr(struct pid_namespace *ns, pid_t nr);
/* The smallest number >= from in ns of a process (thread-group leader,
 * live or zombie) and its global pid, or 0: procfs's readdir. */
pid_t pid_ns_next_tgid(struct pid_namespace *ns, pid_t from, pid_t *global);

/* ---- for kernel/proc ---- */

/* A new struct pid for t (its tid already allocated) with numbers in ns
 * and every ancestor up to the initial one; ERR_PTR: -ENOMEM (also when
 * ns's init has died, as Linux). The caller attaches it (t->pid). */
struct pid *alloc_pid(struct pid_namespace *ns, struct task *t);
/* t is released: its pid no longer finds it (its numbers stay while
 * referenced). */
void detach_pid(struct task *t);
/* exec by a non-leader thread takes over the leader's pid (and the
 * leader gets its own): swap the two tasks' pids. */
void exchange_pids(struct task *a, struct task *b);
/* A new child namespace of current's active one for clone/unshare with
 * CLONE_NEWPID; ERR_PTR(-EINVAL) if current's pid_ns_for_children was
 * already changed (Linux), -ENOSPC beyond MAX_PID_NS_LEVEL, -ENOMEM. */
struct pid_namespace *pid_ns_create_child(void);
/* The last live thread of ns's init is exiting: stop allocation, SIGKILL
 * every other process of ns and wait until they are gone (Linux's
 * zap_pid_ns_processes). Called by that thread, no locks held. */
void zap_pid_ns_processes(struct pid_namespace *ns);

/* /proc/[pid]/ns/pid and pid_for_children (kernel/include/kernel/nsfs.h).
 * install() sets current->pid_ns_for_children to the namespace if it is
 * current's active one or below it (else -EINVAL). */
extern const struct proc_ns_operations pidns_operations;
extern const struct proc_ns_operations pidns_for_children_operations;

#endif
