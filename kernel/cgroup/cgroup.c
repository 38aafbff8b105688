/*
 * cgroup v2: the hierarchy, task membership, the pids controller, and the
 * cgroup2 file system that shows them (kernel/include/kernel/cgroup.h).
 *
 * The tree is struct cgroup nodes; the file system is a view of it, made
 * on demand: a directory's lookup and readdir consult the tree (child
 * cgroups, then the interface files this cgroup has now), and every dentry
 * is DCACHE_NOCACHE, so a removed cgroup or a controller's files that went
 * away with `-pids` are never served from the dcache. Inodes hold a
 * reference on their cgroup; a removed cgroup's open files answer ENODEV.
 * Every mount shares one super block, as on Linux.
 *
 * Membership: task->cgroup (NULL: the root). cgroup.procs and friends walk
 * the process list instead of keeping per-cgroup task lists (fine at this
 * kernel's scale; Linux keeps css_sets). A cgroup's nr_tasks counts its
 * own live member tasks; pids_current counts the tasks of its subtree (the
 * pids controller's charge, made at fork and moved by migration, which may
 * exceed pids.max as on Linux). An exiting task leaves its cgroup in
 * cgroup_exit (Linux uncharges pids at reap; we do it at exit).
 *
 * Files (Linux 6.1's): cgroup.controllers, cgroup.subtree_control,
 * cgroup.procs, cgroup.threads, cgroup.type, cgroup.events, cgroup.stat,
 * cgroup.max.depth, cgroup.max.descendants, cgroup.kill, cpu.stat; and
 * pids.max, pids.current, pids.events where the parent enabled "pids".
 * Rules as Linux's: no tasks in a non-root cgroup that delegates
 * controllers (EBUSY both ways) unless it could be a thread root (pids is a
 * threaded controller: only a populated child makes it busy), a controller
 * can be enabled only where
 * the parent has it, disabled only when no child enabled it further,
 * rmdir only of a cgroup without tasks or children (EBUSY).
 *
 * XXX: only the pids controller (Linux also has cpu, memory, io, ...);
 * no threaded cgroups (cgroup.type stays "domain"; moving a thread alone
 * is EOPNOTSUPP); no freezer; no poll/inotify on cgroup.events; no cgroup
 * namespaces; renaming a cgroup is EPERM; delegation to non-root users is
 * not supported (the files are root's).
 */
#include <kernel/cgroup.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/kstrtox.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/panic.h>
#include <kernel/pid_ns.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/sched.h>
#include <kernel/seq_file.h>
#include <kernel/signal.h>
#include <kernel/spinlock.h>
#include <string.h>

#define CGROUP2_SUPER_MAGIC 0x63677270
#define CG_MAX 0x7fffffff           /* "max" for max.depth / max.descendants */
#define PIDS_MAX (-1LL)             /* "max" for pids.max */

#define CGC_PIDS 0x1                /* controllers (bits in subtree_control) */
#define CGC_ALL CGC_PIDS
#define CGC_THREADED CGC_PIDS       /* threaded controllers (Linux: cpuset, perf_event, pids) */

struct cgroup {
	struct cgroup *parent;           /* NULL at the root */
	struct list_head children;       /* cgroup_mutex */
	struct list_head sibling;        /* in parent->children; cgroup_mutex */
	char *name;
	u64 id;                          /* its directory's inode number */
	int refcount;                    /* atomic: the tree's, inodes' */
	bool dead;                       /* removed by rmdir; cgroup_mutex */
	int level;                       /* depth: the root is 0 */
	int nr_descendants;              /* live cgroups below; cgroup_mutex */
	int max_depth, max_descendants;  /* CG_MAX: no limit; cgroup_mutex */
	unsigned subtree_control;        /* CGC_*; cgroup_mutex */
	/* task_lock */
	int nr_tasks;                    /* live member tasks (threads) */
	s64 pids_current;                /* tasks in the subtree */
	s64 pids_max;                    /* PIDS_MAX or a limit; meaningful with pids on */
	u64 pids_events_max;             /* forks refused here */
	u64 dead_exec_ns;                /* CPU time of tasks that exited here */
};

/* An inode of the cgroup2 file system: a cgroup's directory or one of its
 * interface files. */
struct cftype;
struct cg_inode {
	struct inode vfs;
	struct cgroup *cg;               /* referenced */
	const struct cftype *cft;        /* NULL: the cgroup's directory */
};

static inline struct cg_inode *CGI(struct inode *i)
{
	return container_of(i, struct cg_inode, vfs);
}

static DEFINE_MUTEX(cgroup_mutex);
static DEFINE_SPINLOCK(task_lock);
static struct cgroup root_cgroup = {
	.children = LIST_HEAD_INIT(root_cgroup.children),
	.sibling = LIST_HEAD_INIT(root_cgroup.sibling),
	.name = "",
	.id = 1,
	.refcount = 1,
	.max_depth = CG_MAX,
	.max_descendants = CG_MAX,
	.pids_max = PIDS_MAX,
};
static u64 next_id = 2;                 /* cgroup_mutex */
static struct super_block *cgroup_sb;

/* Where an exited task points: in no cgroup's counts, shown as "/". */
static struct cgroup exited_cgroup;

static struct cgroup *task_cgroup(struct task *t)
{
	struct cgroup *cg = READ_ONCE(t->cgroup);

	return cg ? cg : &root_cgroup;
}

static void cgroup_get(struct cgroup *cg)
{
	__atomic_add_fetch(&cg->refcount, 1, __ATOMIC_RELAXED);
}

static void cgroup_put(struct cgroup *cg)
{
	if (cg == &root_cgroup || __atomic_sub_fetch(&cg->refcount, 1, __ATOMIC_ACQ_REL))
		return;
	kfree(cg->name);
	kfree(cg);
}

static bool pids_on(const struct cgroup *cg)
{
	return cg->parent && (cg->parent->subtree_control & CGC_PIDS);
}

static bool populated(struct cgroup *cg);

/* Linux's cgroup_can_be_thread_root: a non-root cgroup that hands down
 * threaded controllers only and has no populated child may hold tasks
 * itself (threaded controllers handle that competition). cgroup_mutex. */
static bool can_be_thread_root(struct cgroup *cg)
{
	struct cgroup *c;

	if (!cg->parent || (cg->subtree_control & ~CGC_THREADED))
		return false;
	list_for_each_entry(c, &cg->children, sibling)
		if (populated(c))
			return false;
	return true;
}

static bool is_descendant(const struct cgroup *cg, const struct cgroup *anc)
{
	for (; cg; cg = cg->parent)
		if (cg == anc)
			return true;
	return false;
}

/* ---- membership and the pids charge (task_lock held) ---- */

static void charge(struct cgroup *cg, s64 n)
{
	for (; cg; cg = cg->parent)
		cg->pids_current += n;
}

int cgroup_can_fork(struct task *p, struct task *parent, struct file *into)
{
	struct cgroup *cg = NULL, *c;

	/* CLONE_INTO_CGROUP: a cgroup directory, as for cgroup.procs. The
	 * mutex keeps it from going until the charge makes it busy. */
	if (into) {
		struct inode *inode = into->f_inode;

		if (!inode || inode->i_sb != cgroup_sb || !S_ISDIR(inode->i_mode))
			return -EBADF;
		cg = CGI(inode)->cg;
		mutex_lock(&cgroup_mutex);
		if (cg->dead) {
			mutex_unlock(&cgroup_mutex);
			return -ENODEV;
		}
		if (cg->parent && cg->subtree_control && !can_be_thread_root(cg)) {
			mutex_unlock(&cgroup_mutex);
			return -EBUSY;
		}
	}
	spin_lock(&task_lock);
	if (!cg) {
		cg = task_cgroup(parent);
		if (cg == &exited_cgroup)
			cg = &root_cgroup;
	}
	for (c = cg; c->parent; c = c->parent) {
		if (pids_on(c) && c->pids_max != PIDS_MAX && c->pids_current + 1 > c->pids_max) {
			cg->pids_events_max++;   /* Linux 6.1 counts it where the forker is */
			spin_unlock(&task_lock);
			if (into)
				mutex_unlock(&cgroup_mutex);
			return -EAGAIN;
		}
	}
	charge(cg, 1);
	p->cgroup = cg == &root_cgroup ? NULL : cg;
	p->cgroup_charged = true;
	spin_unlock(&task_lock);
	if (into)
		mutex_unlock(&cgroup_mutex);
	return 0;
}

void cgroup_cancel_fork(struct task *p)
{
	if (!p->cgroup_charged)
		return;
	spin_lock(&task_lock);
	charge(task_cgroup(p), -1);
	p->cgroup = NULL;
	p->cgroup_charged = false;
	spin_unlock(&task_lock);
}

void cgroup_post_fork(struct task *p)
{
	spin_lock(&task_lock);
	task_cgroup(p)->nr_tasks++;
	spin_unlock(&task_lock);
}

void cgroup_exit(struct task *t)
{
	struct cgroup *cg;

	spin_lock(&task_lock);
	cg = task_cgroup(t);
	if (cg != &exited_cgroup) {
		if (t->cgroup_charged) {
			charge(cg, -1);
			cg->nr_tasks--;
		}
		cg->dead_exec_ns += READ_ONCE(t->sum_exec_ns);
	}
	t->cgroup_charged = false;
	WRITE_ONCE(t->cgroup, &exited_cgroup);
	spin_unlock(&task_lock);
}

/* Move one thread (tasklist_lock and task_lock held). */
static void move_task(struct task *t, struct cgroup *to)
{
	struct cgroup *from = task_cgroup(t);

	if (from == &exited_cgroup || from == to)
		return;
	/* Tasks made before cgroups existed (init) were never counted. */
	if (t->cgroup_charged) {
		from->nr_tasks--;
		charge(from, -1);
	}
	to->nr_tasks++;
	charge(to, 1);
	t->cgroup_charged = true;
	WRITE_ONCE(t->cgroup, to == &root_cgroup ? NULL : to);
}

/* cgroup.procs / cgroup.threads write: move pid (0: the writer) into cg. */
static int migrate(struct cgroup *cg, pid_t pid, bool threadgroup)
{
	struct task *t, *th;
	unsigned long flags;
	int err = 0;

	if (pid < 0)
		return -EINVAL;
	t = pid ? (threadgroup ? find_process(pid) : find_task_by_vpid(pid)) : current;
	if (!t)
		return -ESRCH;
	if (!pid)
		task_get(t);
	mutex_lock(&cgroup_mutex);
	if (cg->dead) {
		err = -ENODEV;
		goto out;
	}
	/* No tasks in a cgroup that hands controllers down (Linux's
	 * "no internal processes" rule; the root is exempt, and so is a
	 * cgroup that could be a thread root). */
	if (cg->parent && cg->subtree_control && !can_be_thread_root(cg)) {
		err = -EBUSY;
		goto out;
	}
	spin_lock_irqsave(&tasklist_lock, flags);
	if (t->exit_state || !t->signal) {
		err = -ESRCH;
	} else if (!threadgroup) {
		/* Domain cgroups only: a thread may not leave its process's. */
		if (task_cgroup(t) != cg)
			err = -EOPNOTSUPP;
	} else {
		spin_lock(&task_lock);
		list_for_each_entry(th, &t->signal->threads, thread_node)
			move_task(th, cg);
		spin_unlock(&task_lock);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
out:
	mutex_unlock(&cgroup_mutex);
	task_put(t);
	return err;
}

/* ---- interface files ---- */

struct cftype {
	const char *name;
	umode_t mode;
	unsigned flags;
	int (*show)(struct seq_file *m, struct cgroup *cg);
	int (*write)(struct cgroup *cg, char *buf);   /* 0 or -errno; buf is trimmed */
};
#define CFT_NOT_ON_ROOT 0x1
#define CFT_PIDS        0x2     /* only where the parent enabled pids */

static void show_max(struct seq_file *m, s64 v, s64 max)
{
	if (v == max)
		seq_puts(m, "max\n");
	else
		seq_printf(m, "%lld\n", (long long)v);
}

/* "max" or a number in [0, limit]; out of range is range_err (Linux's
 * answers differ: ERANGE for the cgroup.max.* files, EINVAL for pids.max). */
static int parse_max(const char *buf, s64 max, s64 limit, int range_err, s64 *out)
{
	long long v;

	if (!strcmp(buf, "max")) {
		*out = max;
		return 0;
	}
	if (kstrtoll(buf, 10, &v))
		return -EINVAL;
	if (v < 0 || v > limit)
		return range_err;
	*out = v;
	return 0;
}

static void show_controllers(struct seq_file *m, unsigned mask)
{
	if (mask & CGC_PIDS)
		seq_puts(m, "pids");
	seq_putc(m, '\n');
}

static int controllers_show(struct seq_file *m, struct cgroup *cg)
{
	show_controllers(m, cg->parent ? cg->parent->subtree_control : CGC_ALL);
	return 0;
}

static int subtree_control_show(struct seq_file *m, struct cgroup *cg)
{
	show_controllers(m, cg->subtree_control);
	return 0;
}

static bool children_use(struct cgroup *cg, unsigned mask)
{
	struct cgroup *c;

	list_for_each_entry(c, &cg->children, sibling)
		if (c->subtree_control & mask)
			return true;
	return false;
}

static int subtree_control_write(struct cgroup *cg, char *buf)
{
	unsigned enable = 0, disable = 0, avail, mask;
	struct cgroup *c;
	char *tok;

	/* "+pids -memory ...": all or nothing, as Linux. */
	while ((tok = strsep(&buf, " \t\n"))) {
		if (!*tok)
			continue;
		if (*tok != '+' && *tok != '-')
			return -EINVAL;
		if (!strcmp(tok + 1, "pids"))
			mask = CGC_PIDS;
		else
			return -EINVAL;
		if (*tok == '+') {
			enable |= mask;
			disable &= ~mask;
		} else {
			disable |= mask;
			enable &= ~mask;
		}
	}
	avail = cg->parent ? cg->parent->subtree_control : CGC_ALL;
	if ((enable | disable) & ~avail)
		return -ENOENT;
	enable &= ~cg->subtree_control;
	disable &= cg->subtree_control;
	if (disable && children_use(cg, disable))
		return -EBUSY;
	/* Tasks here compete with the children: not for a domain controller
	 * (none exists yet), nor for threaded ones where the cgroup could be
	 * a thread root (Linux's cgroup_vet_subtree_control_enable). */
	if (enable && cg->parent && ((enable & ~CGC_THREADED) || !can_be_thread_root(cg))) {
		int busy;

		spin_lock(&task_lock);
		busy = cg->nr_tasks;
		spin_unlock(&task_lock);
		if (busy)
			return -EBUSY;
	}
	/* A controller coming to the children starts with no limits. */
	list_for_each_entry(c, &cg->children, sibling)
		if (enable & CGC_PIDS)
			c->pids_max = PIDS_MAX;
	cg->subtree_control = (cg->subtree_control | enable) & ~disable;
	return 0;
}

/* cgroup.procs and cgroup.threads: the members' pids, lowest first as
 * Linux's sorted pidlist. */
static int pids_show(struct seq_file *m, struct cgroup *cg, bool threads)
{
	unsigned long flags;
	struct task *p, *t;
	int *v = NULL, n = 0, cap = 0;
	bool again;

	do {
		again = false;
		n = 0;
		spin_lock_irqsave(&tasklist_lock, flags);
		spin_lock(&task_lock);
		list_for_each_entry(p, &proc_list, proc_node) {
			if (p->exit_state && !threads)
				continue;
			list_for_each_entry(t, &p->signal->threads, thread_node) {
				if (task_cgroup(t) != cg)
					continue;
				if (n == cap) {
					again = true;
					break;
				}
				/* As the reader's pid namespace numbers them;
				 * tasks it cannot see are left out, as Linux. */
				v[n] = threads ? task_pid_vnr(t) : task_tgid_vnr(p);
				if (v[n])
					n++;
				if (!threads)
					break;
			}
			if (again)
				break;
		}
		spin_unlock(&task_lock);
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (again) {
			kfree(v);
			cap = cap ? cap * 2 : 256;
			v = kmalloc(cap * sizeof(*v), GFP_KERNEL);
			if (!v)
				return -ENOMEM;
		}
	} while (again);
	/* Insertion sort: lists are short. */
	for (int i = 1; i < n; i++) {
		int x = v[i], j = i;

		while (j > 0 && v[j - 1] > x) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
	for (int i = 0; i < n; i++)
		seq_printf(m, "%d\n", v[i]);
	kfree(v);
	return 0;
}

static int procs_show(struct seq_file *m, struct cgroup *cg)
{
	return pids_show(m, cg, false);
}

static int threads_show(struct seq_file *m, struct cgroup *cg)
{
	return pids_show(m, cg, true);
}

static int procs_write(struct cgroup *cg, char *buf)
{
	int pid;

	if (kstrtoint(buf, 10, &pid))
		return -EINVAL;
	return migrate(cg, pid, true);
}

static int threads_write(struct cgroup *cg, char *buf)
{
	int pid;

	if (kstrtoint(buf, 10, &pid))
		return -EINVAL;
	return migrate(cg, pid, false);
}

static int type_show(struct seq_file *m, struct cgroup *cg)
{
	seq_puts(m, "domain\n");
	return 0;
}

static int type_write(struct cgroup *cg, char *buf)
{
	if (!strcmp(buf, "threaded"))
		return -EOPNOTSUPP;   /* XXX: threaded cgroups */
	return -EINVAL;
}

static bool populated(struct cgroup *cg)
{
	struct cgroup *c;

	if (READ_ONCE(cg->nr_tasks))
		return true;
	list_for_each_entry(c, &cg->children, sibling)
		if (populated(c))
			return true;
	return false;
}

static int events_show(struct seq_file *m, struct cgroup *cg)
{
	seq_printf(m, "populated %d\nfrozen 0\n", populated(cg));
	return 0;
}

static int stat_show(struct seq_file *m, struct cgroup *cg)
{
	seq_printf(m, "nr_descendants %d\nnr_dying_descendants 0\n", cg->nr_descendants);
	return 0;
}

static int max_depth_show(struct seq_file *m, struct cgroup *cg)
{
	show_max(m, cg->max_depth, CG_MAX);
	return 0;
}

static int max_depth_write(struct cgroup *cg, char *buf)
{
	s64 v;
	int err = parse_max(buf, CG_MAX, CG_MAX, -ERANGE, &v);

	if (!err)
		cg->max_depth = (int)v;
	return err;
}

static int max_descendants_show(struct seq_file *m, struct cgroup *cg)
{
	show_max(m, cg->max_descendants, CG_MAX);
	return 0;
}

static int max_descendants_write(struct cgroup *cg, char *buf)
{
	s64 v;
	int err = parse_max(buf, CG_MAX, CG_MAX, -ERANGE, &v);

	if (!err)
		cg->max_descendants = (int)v;
	return err;
}

/* cgroup.kill: SIGKILL to every process of the subtree. */
static int kill_write(struct cgroup *cg, char *buf)
{
	unsigned long flags;
	struct task *p;
	int v;

	if (kstrtoint(buf, 10, &v) || v != 1)
		return -ERANGE;   /* Linux's answer for anything but "1" */
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &proc_list, proc_node) {
		struct cgroup *pc;

		if (p->exit_state)
			continue;
		spin_lock(&task_lock);
		pc = task_cgroup(p);
		spin_unlock(&task_lock);
		if (pc != &exited_cgroup && is_descendant(pc, cg))
			send_sig_info(SIGKILL, NULL, p, true);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

/* cpu.stat: CPU time of the subtree's tasks, live and exited. All of it
 * counts as user time, as getrusage here (no user/system split). */
static u64 subtree_exec_ns(struct cgroup *cg)
{
	struct cgroup *c;
	u64 ns = READ_ONCE(cg->dead_exec_ns);

	list_for_each_entry(c, &cg->children, sibling)
		ns += subtree_exec_ns(c);
	return ns;
}

static int cpu_stat_show(struct seq_file *m, struct cgroup *cg)
{
	unsigned long flags;
	struct task *p, *t;
	u64 ns = subtree_exec_ns(cg), us;

	spin_lock_irqsave(&tasklist_lock, flags);
	spin_lock(&task_lock);
	list_for_each_entry(p, &proc_list, proc_node)
		list_for_each_entry(t, &p->signal->threads, thread_node)
			if (task_cgroup(t) != &exited_cgroup && is_descendant(task_cgroup(t), cg))
				ns += READ_ONCE(t->sum_exec_ns);
	spin_unlock(&task_lock);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	us = ns / 1000;
	seq_printf(m, "usage_usec %llu\nuser_usec %llu\nsystem_usec 0\n", (unsigned long long)us,
		   (unsigned long long)us);
	return 0;
}

static int pids_current_show(struct seq_file *m, struct cgroup *cg)
{
	seq_printf(m, "%lld\n", (long long)READ_ONCE(cg->pids_current));
	return 0;
}

static int pids_max_show(struct seq_file *m, struct cgroup *cg)
{
	show_max(m, READ_ONCE(cg->pids_max), PIDS_MAX);
	return 0;
}

static int pids_max_write(struct cgroup *cg, char *buf)
{
	s64 v;
	int err = parse_max(buf, PIDS_MAX, 4194303 /* below PID_MAX_LIMIT */, -EINVAL, &v);

	if (!err)
		WRITE_ONCE(cg->pids_max, v);
	return err;
}

static int pids_events_show(struct seq_file *m, struct cgroup *cg)
{
	seq_printf(m, "max %llu\n", (unsigned long long)READ_ONCE(cg->pids_events_max));
	return 0;
}

static const struct cftype cftypes[] = {
	{ "cgroup.controllers", 0444, 0, controllers_show, NULL },
	{ "cgroup.events", 0444, CFT_NOT_ON_ROOT, events_show, NULL },
	{ "cgroup.kill", 0200, CFT_NOT_ON_ROOT, NULL, kill_write },
	{ "cgroup.max.depth", 0644, 0, max_depth_show, max_depth_write },
	{ "cgroup.max.descendants", 0644, 0, max_descendants_show, max_descendants_write },
	{ "cgroup.procs", 0644, 0, procs_show, procs_write },
	{ "cgroup.stat", 0444, 0, stat_show, NULL },
	{ "cgroup.subtree_control", 0644, 0, subtree_control_show, subtree_control_write },
	{ "cgroup.threads", 0644, 0, threads_show, threads_write },
	{ "cgroup.type", 0644, CFT_NOT_ON_ROOT, type_show, type_write },
	{ "cpu.stat", 0444, 0, cpu_stat_show, NULL },
	{ "pids.current", 0444, CFT_PIDS, pids_current_show, NULL },
	{ "pids.events", 0444, CFT_PIDS, pids_events_show, NULL },
	{ "pids.max", 0644, CFT_PIDS, pids_max_show, pids_max_write },
};
#define NR_CFTYPES (int)(sizeof(cftypes) / sizeof(cftypes[0]))

static bool cft_present(const struct cftype *cft, const struct cgroup *cg)
{
	if ((cft->flags & CFT_NOT_ON_ROOT) && !cg->parent)
		return false;
	if ((cft->flags & CFT_PIDS) && !pids_on(cg))
		return false;
	return true;
}

/* ---- the file system ---- */

static const struct inode_operations cg_dir_iops;
static const struct file_operations cg_dir_fops, cg_file_fops;

static u64 file_ino(const struct cgroup *cg, int idx)
{
	return (1ULL << 48) | (cg->id << 5) | (u64)idx;
}

static struct inode *cg_make_inode(struct cgroup *cg, const struct cftype *cft)
{
	struct inode *inode = new_inode(cgroup_sb);

	if (!inode)
		return NULL;
	cgroup_get(cg);
	CGI(inode)->cg = cg;
	CGI(inode)->cft = cft;
	if (cft) {
		inode->i_ino = file_ino(cg, (int)(cft - cftypes));
		inode->i_mode = S_IFREG | cft->mode;
		inode->i_fop = &cg_file_fops;
	} else {
		inode->i_ino = cg->id;
		inode->i_mode = S_IFDIR | 0755;
		inode->i_op = &cg_dir_iops;
		inode->i_fop = &cg_dir_fops;
		set_nlink(inode, 2);
	}
	return inode;
}

static struct dentry *cg_lookup(struct inode *dir, struct dentry *d, unsigned flags)
{
	struct cgroup *cg = CGI(dir)->cg, *c;
	struct inode *inode = NULL;
	int i;

	mutex_lock(&cgroup_mutex);
	if (cg->dead)
		goto out;
	list_for_each_entry(c, &cg->children, sibling) {
		if (strlen(c->name) == d->d_name.len && !memcmp(c->name, d->d_name.name, d->d_name.len)) {
			inode = cg_make_inode(c, NULL);
			goto found;
		}
	}
	for (i = 0; i < NR_CFTYPES; i++) {
		if (cft_present(&cftypes[i], cg) && strlen(cftypes[i].name) == d->d_name.len &&
		    !memcmp(cftypes[i].name, d->d_name.name, d->d_name.len)) {
			inode = cg_make_inode(cg, &cftypes[i]);
			goto found;
		}
	}
	goto out;
found:
	if (!inode) {
		mutex_unlock(&cgroup_mutex);
		return ERR_PTR(-ENOMEM);
	}
out:
	mutex_unlock(&cgroup_mutex);
	d->d_flags |= DCACHE_NOCACHE;   /* not hashed yet: no one else sees it */
	d_add(d, inode);
	return NULL;
}

/* Readdir positions: 0 and 1 the dots, 2.. the files present, then the
 * child cgroups in creation order. */
static int cg_readdir(struct file *f, struct dir_context *ctx)
{
	struct cgroup *cg = CGI(f->f_inode)->cg, *c;
	s64 pos = 2;

	if (!dir_emit_dots(f, ctx))
		return 0;
	mutex_lock(&cgroup_mutex);
	if (cg->dead)
		goto out;
	for (int i = 0; i < NR_CFTYPES; i++) {
		if (!cft_present(&cftypes[i], cg))
			continue;
		if (pos++ < ctx->pos)
			continue;
		if (!ctx->actor(ctx, cftypes[i].name, strlen(cftypes[i].name), pos - 1,
				file_ino(cg, i), DT_REG))
			goto out;
		ctx->pos = pos;
	}
	list_for_each_entry(c, &cg->children, sibling) {
		if (pos++ < ctx->pos)
			continue;
		if (!ctx->actor(ctx, c->name, strlen(c->name), pos - 1, c->id, DT_DIR))
			goto out;
		ctx->pos = pos;
	}
out:
	mutex_unlock(&cgroup_mutex);
	return 0;
}

static int cg_mkdir(struct inode *dir, struct dentry *d, umode_t mode)
{
	struct cgroup *parent = CGI(dir)->cg, *cg, *a;
	struct inode *inode;
	int err = -EAGAIN;

	mutex_lock(&cgroup_mutex);
	if (parent->dead) {
		err = -ENOENT;
		goto out;
	}
	/* The limits of every ancestor (Linux: EAGAIN). */
	for (a = parent; a; a = a->parent)
		if (a->nr_descendants >= a->max_descendants ||
		    parent->level + 1 - a->level > a->max_depth)
			goto out;
	err = -ENOMEM;
	cg = kzalloc(sizeof(*cg), GFP_KERNEL);
	if (!cg)
		goto out;
	cg->name = kmalloc(d->d_name.len + 1, GFP_KERNEL);
	if (!cg->name) {
		kfree(cg);
		goto out;
	}
	memcpy(cg->name, d->d_name.name, d->d_name.len);
	cg->name[d->d_name.len] = 0;
	INIT_LIST_HEAD(&cg->children);
	cg->parent = parent;
	cg->refcount = 1;   /* the tree's */
	cg->level = parent->level + 1;
	cg->max_depth = cg->max_descendants = CG_MAX;
	cg->pids_max = PIDS_MAX;
	cg->id = next_id++;
	inode = cg_make_inode(cg, NULL);
	if (!inode) {
		cgroup_put(cg);
		goto out;
	}
	list_add_tail(&cg->sibling, &parent->children);
	for (a = parent; a; a = a->parent)
		a->nr_descendants++;
	inc_nlink(dir);
	d_instantiate(d, inode);
	err = 0;
out:
	mutex_unlock(&cgroup_mutex);
	return err;
}

static int cg_rmdir(struct inode *dir, struct dentry *d)
{
	struct cgroup *cg = CGI(d->d_inode)->cg, *a;
	int err = 0;

	mutex_lock(&cgroup_mutex);
	spin_lock(&task_lock);
	if (!list_empty(&cg->children) || cg->nr_tasks)
		err = -EBUSY;
	else
		cg->dead = true;
	spin_unlock(&task_lock);
	if (!err) {
		list_del(&cg->sibling);
		for (a = cg->parent; a; a = a->parent)
			a->nr_descendants--;
		/* The exited tasks' CPU time stays with the parent's subtree. */
		cg->parent->dead_exec_ns += cg->dead_exec_ns;
		drop_nlink(dir);
		set_nlink(d->d_inode, 0);
	}
	mutex_unlock(&cgroup_mutex);
	if (!err)
		cgroup_put(cg);   /* the tree's reference */
	return err;
}

static int cg_show_thunk(struct seq_file *m, void *arg)
{
	struct cg_inode *ci = arg;
	int err = -ENODEV;

	/* The tree stays still while a file shows it. */
	mutex_lock(&cgroup_mutex);
	if (!ci->cg->dead)
		err = ci->cft->show(m, ci->cg);
	mutex_unlock(&cgroup_mutex);
	return err;
}

static int cg_file_open(struct inode *inode, struct file *f)
{
	struct cg_inode *ci = CGI(inode);

	if (ci->cft->show && (f->f_mode & FMODE_READ))
		return single_open(f, cg_show_thunk, ci);
	if (f->f_mode & FMODE_READ)
		return -EACCES;
	return 0;
}

static int cg_file_release(struct inode *inode, struct file *f)
{
	if (f->private_data)
		return single_release(inode, f);
	return 0;
}

static ssize_t cg_file_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	struct cg_inode *ci = CGI(f->f_inode);
	size_t n = iov_iter_count(from);
	char *buf, *s;
	int err;

	if (!ci->cft->write)
		return -EINVAL;
	if (n >= PAGE_SIZE)
		return -E2BIG;
	buf = copy_str_from_iter(from);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	/* Linux strips surrounding white space before the handler sees it. */
	s = buf;
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	for (char *e = s + strlen(s); e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n');)
		*--e = 0;
	if (ci->cft->write == subtree_control_write || ci->cft->write == max_depth_write ||
	    ci->cft->write == max_descendants_write) {
		mutex_lock(&cgroup_mutex);
		err = READ_ONCE(ci->cg->dead) ? -ENODEV : ci->cft->write(ci->cg, s);
		mutex_unlock(&cgroup_mutex);
	} else {
		err = READ_ONCE(ci->cg->dead) ? -ENODEV : ci->cft->write(ci->cg, s);
	}
	kfree(buf);
	if (err)
		return err;
	*pos += n;
	return (ssize_t)n;
}

static s64 cg_file_llseek(struct file *f, s64 off, int whence)
{
	if (f->private_data)
		return seq_lseek(f, off, whence);
	return 0;
}

static ssize_t cg_file_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	if (!f->private_data)
		return -EINVAL;
	return seq_read_iter(f, to, pos);
}

static const struct inode_operations cg_dir_iops = {
	.lookup = cg_lookup,
	.mkdir = cg_mkdir,
	.rmdir = cg_rmdir,
};

static const struct file_operations cg_dir_fops = {
	.iterate = cg_readdir,
	.llseek = dcache_dir_llseek,
};

static const struct file_operations cg_file_fops = {
	.open = cg_file_open,
	.read_iter = cg_file_read,
	.write_iter = cg_file_write,
	.llseek = cg_file_llseek,
	.release = cg_file_release,
};

static struct inode *cg_alloc_inode(struct super_block *sb)
{
	struct cg_inode *ci = kzalloc(sizeof(*ci), GFP_KERNEL);

	return ci ? &ci->vfs : NULL;
}

static void cg_free_inode(struct inode *inode)
{
	kfree(CGI(inode));
}

static void cg_evict(struct inode *inode)
{
	if (CGI(inode)->cg)
		cgroup_put(CGI(inode)->cg);
	CGI(inode)->cg = NULL;
}

static int cg_statfs(struct dentry *d, struct linux_statfs_k *st)
{
	memset(st, 0, sizeof(*st));
	st->f_type = CGROUP2_SUPER_MAGIC;
	st->f_bsize = st->f_frsize = PAGE_SIZE;
	st->f_namelen = 255;
	return 0;
}

static const struct super_operations cg_sops = {
	.alloc_inode = cg_alloc_inode,
	.free_inode = cg_free_inode,
	.evict_inode = cg_evict,
	.statfs = cg_statfs,
};

static int cg_fill(struct super_block *sb, void *data)
{
	struct inode *root;

	sb->s_magic = CGROUP2_SUPER_MAGIC;
	sb->s_op = &cg_sops;
	cgroup_sb = sb;
	root = cg_make_inode(&root_cgroup, NULL);
	if (!root)
		return -ENOMEM;
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

/* Mount options Linux's cgroup2 takes; any is accepted and, as none
 * changes what this implementation does, ignored. */
static int check_options(const char *data)
{
	static const char *const known[] = { "nsdelegate", "favordynmods", "memory_localevents",
					     "memory_recursiveprot", NULL };
	char opt[64];

	while (data && *data) {
		size_t n = strcspn(data, ",");
		bool ok = n == 0;

		if (n < sizeof(opt)) {
			memcpy(opt, data, n);
			opt[n] = 0;
			for (int i = 0; known[i]; i++)
				if (!strcmp(opt, known[i]))
					ok = true;
		}
		if (!ok)
			return -EINVAL;
		data += n;
		if (*data == ',')
			data++;
	}
	return 0;
}

static struct super_block *cg_mount(struct file_system_type *t, int flags, const char *source,
				    void *data)
{
	int err = check_options(data);

	if (err)
		return ERR_PTR(err);
	if (!cgroup_sb)
		return ERR_PTR(-ENODEV);
	__atomic_add_fetch(&cgroup_sb->s_active, 1, __ATOMIC_ACQ_REL);
	return cgroup_sb;
}

static struct file_system_type cgroup2_type = {
	.name = "cgroup2",
	.mount = cg_mount,
};

void cgroup_init(void)
{
	struct super_block *sb = sget_nodev(&cgroup2_type, cg_fill, NULL);

	if (IS_ERR(sb))
		panic("cgroup: cannot make the cgroup2 super block (%ld)", PTR_ERR(sb));
	/* The one super block lives for good: this reference is never dropped. */
	register_filesystem(&cgroup2_type);
}

/* ---- /proc/[pid]/cgroup ---- */

static void show_path(struct seq_file *m, struct cgroup *cg)
{
	if (!cg->parent)
		return;
	show_path(m, cg->parent);
	seq_putc(m, '/');
	seq_puts(m, cg->name);
}

int cgroup_show_task(struct seq_file *m, struct task *t)
{
	struct cgroup *cg;

	/* The tree mutex keeps every name on the path alive; the task's
	 * cgroup cannot go while the task is in it. */
	mutex_lock(&cgroup_mutex);
	spin_lock(&task_lock);
	cg = task_cgroup(t);
	spin_unlock(&task_lock);
	seq_puts(m, "0::");
	if (cg == &exited_cgroup || !cg->parent)
		seq_putc(m, '/');
	else
		show_path(m, cg);
	seq_putc(m, '\n');
	mutex_unlock(&cgroup_mutex);
	return 0;
}
