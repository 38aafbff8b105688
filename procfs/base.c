/*
 * /proc/[pid] and /proc/[pid]/task/[tid]: the per-process directory, its
 * small files and links. Bigger files live in array.c (stat, status,
 * statm), task_mmu.c (maps, smaps_rollup) and fd.c (fd/, fdinfo/).
 *
 * Every handler looks the task up by number when it runs: a process that
 * died gives ENOENT/ESRCH, never a stale pointer.
 */
#include <kernel/cgroup.h>
#include <kernel/nsfs.h>
#include <kernel/uaccess.h>
#include <stdlib.h>

#include "internal.h"

struct task *proc_get_task(struct proc_inode *pi)
{
	return find_user_task(pi->tid);
}

/* ---- cmdline and environ: the process's own memory ---- */

static int show_mm_range(struct seq_file *m, struct proc_inode *pi, bool env)
{
	struct task *t = proc_get_task(pi);
	unsigned long start, end;
	struct mm *mm;
	char *buf;

	if (!t)
		return -ESRCH;
	mm = proc_task_mm(t);
	task_put(t);
	if (!mm)
		return 0;   /* a zombie or kernel thread: empty, as Linux */
	mutex_lock(&mm->lock);
	start = env ? mm->env_start : mm->arg_start;
	end = env ? mm->env_end : mm->arg_end;
	mutex_unlock(&mm->lock);
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf) {
		mm_put(mm);
		return -ENOMEM;
	}
	/* XXX: Linux follows a setproctitle() that overwrote the NUL at the
	 * end of argv into the environment; we show the argv area as it is. */
	while (start < end) {
		size_t n = end - start > PAGE_SIZE ? PAGE_SIZE : end - start;
		long got = vm_access(mm, start, buf, n, false);

		if (got <= 0)
			break;
		seq_write(m, buf, got);
		start += got;
	}
	kfree(buf);
	mm_put(mm);
	return 0;
}

static int cmdline_show(struct seq_file *m, struct proc_inode *pi)
{
	return show_mm_range(m, pi, false);
}

static int environ_show(struct seq_file *m, struct proc_inode *pi)
{
	return show_mm_range(m, pi, true);
}

/* ---- mem: the process's memory at the file offset ---- */

/*
 * Linux's /proc/PID/mem: open takes the mm under the ptrace access check
 * (EACCES) and keeps it; read and write move bytes at the offset taken as
 * an address (kernel/mm's vm_access_iter), -EIO when the first page is
 * not accessible, 0 once the process has exited and let go of the mm.
 * XXX: Linux accesses with FOLL_FORCE (reads PROT_NONE pages, writes
 * read-only ones through a private copy, as a debugger does); here the
 * mapping's protections apply. XXX: the open file holds the whole mm, so
 * an exited process's memory stays until it is closed (Linux pins only
 * the struct: mmgrab, and mmget_not_zero per access).
 */
static int mem_open(struct inode *inode, struct file *f)
{
	struct task *t = proc_get_task(PROC_I(inode));
	struct mm *mm;

	if (!t)
		return -ESRCH;
	mm = vm_mm_access(t);
	task_put(t);
	if (IS_ERR(mm))
		return (int)PTR_ERR(mm);
	f->private_data = mm;   /* NULL: a zombie, reads give 0 */
	return 0;
}

static ssize_t mem_rw(struct file *f, struct iov_iter *it, u64 *pos, bool write)
{
	struct mm *mm = f->private_data;
	size_t n = iov_iter_count(it);
	long r;

	if (!mm || !n)
		return 0;
	/* An mm whose last task exited has no user memory left. */
	if (__atomic_load_n(&mm->refcount, __ATOMIC_ACQUIRE) <= 1)
		return 0;
	r = vm_access_iter(mm, (unsigned long)*pos, it, n, write);
	if (r == -EFAULT)
		return -EIO;
	if (r > 0)
		*pos += (u64)r;
	return r;
}

static ssize_t mem_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	return mem_rw(f, to, pos, false);
}

static ssize_t mem_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	return mem_rw(f, from, pos, true);
}

static int mem_release(struct inode *inode, struct file *f)
{
	if (f->private_data)
		mm_put(f->private_data);
	return 0;
}

static const struct file_operations proc_mem_fops = {
	.open = mem_open,
	.read_iter = mem_read,
	.write_iter = mem_write,
	.llseek = no_seek_end_llseek,
	.release = mem_release,
};

/* ---- comm ---- */

static int comm_show(struct seq_file *m, struct proc_inode *pi)
{
	struct task *t = proc_get_task(pi);
	char comm[TASK_COMM_LEN];

	if (!t)
		return -ESRCH;
	memcpy(comm, t->comm, sizeof(comm));
	comm[TASK_COMM_LEN - 1] = 0;
	task_put(t);
	seq_printf(m, "%s\n", comm);
	return 0;
}

static ssize_t comm_write(struct proc_inode *pi, char *buf, size_t n)
{
	struct task *t = proc_get_task(pi);
	char comm[TASK_COMM_LEN];
	size_t len = n;
	ssize_t r = n;

	if (!t)
		return -ESRCH;
	/* Linux: only threads of the caller's own process may be renamed. */
	if (task_tgid_nr(t) != task_tgid_nr(current)) {
		task_put(t);
		return -EINVAL;
	}
	/* Linux keeps a trailing newline as part of the name. */
	if (len > TASK_COMM_LEN - 1)
		len = TASK_COMM_LEN - 1;
	memset(comm, 0, sizeof(comm));
	memcpy(comm, buf, len);
	/* Same as prctl(PR_SET_NAME): one store of the whole array. */
	memcpy(t->comm, comm, sizeof(comm));
	task_put(t);
	return r;
}

/* ---- links: exe, cwd, root ---- */

/* The path an exe, cwd or root link stands for (referenced), or -errno. */
static int task_link_path(struct proc_inode *pi, struct path *out, int which)
{
	struct task *t = proc_get_task(pi);
	struct fs_struct *fs;
	struct file *f;

	if (!t)
		return -ENOENT;
	if (!proc_may_access(t)) {
		task_put(t);
		return -EACCES;
	}
	if (which == 0) {
		f = proc_task_exe(t);
		task_put(t);
		if (!f)
			return -ENOENT;
		*out = f->f_path;
		path_get(out);
		fput(f);
		return 0;
	}
	fs = proc_task_fs(t);
	task_put(t);
	if (!fs)
		return -ENOENT;
	spin_lock(&fs->lock);
	*out = which == 1 ? fs->pwd : fs->root;
	path_get(out);
	spin_unlock(&fs->lock);
	fs_struct_put(fs);
	return 0;
}

static char *task_link_text(struct proc_inode *pi, char *buf, size_t len, int which)
{
	struct path p;
	char *r;
	int err = task_link_path(pi, &p, which);

	if (err)
		return ERR_PTR(err);
	r = d_path(p.mnt, p.dentry, buf, len);
	path_put(&p);
	return r;
}

static int exe_path(struct proc_inode *pi, struct path *out) { return task_link_path(pi, out, 0); }
static int cwd_path(struct proc_inode *pi, struct path *out) { return task_link_path(pi, out, 1); }
static int root_path(struct proc_inode *pi, struct path *out) { return task_link_path(pi, out, 2); }

static char *exe_link(struct proc_inode *pi, char *buf, size_t len)
{
	return task_link_text(pi, buf, len, 0);
}

static char *cwd_link(struct proc_inode *pi, char *buf, size_t len)
{
	return task_link_text(pi, buf, len, 1);
}

static char *root_link(struct proc_inode *pi, char *buf, size_t len)
{
	return task_link_text(pi, buf, len, 2);
}

/* ---- mounts ---- */

static int mounts_show(struct seq_file *m, struct proc_inode *pi)
{
	struct task *t = proc_get_task(pi);
	int r;

	if (!t)
		return -ESRCH;
	r = vfs_show_mounts(m, t);
	task_put(t);
	return r;
}

static int mountinfo_show(struct seq_file *m, struct proc_inode *pi)
{
	struct task *t = proc_get_task(pi);
	int r;

	if (!t)
		return -ESRCH;
	r = vfs_show_mountinfo(m, t);
	task_put(t);
	return r;
}

/* ---- small constant-ish files ---- */

static int cgroup_show(struct seq_file *m, struct proc_inode *pi)
{
	/* XXX: cgroup namespaces: paths are from the root of the hierarchy. */
	struct task *t = proc_get_task(pi);
	int r;

	if (!t)
		return -ESRCH;
	r = cgroup_show_task(m, t);
	task_put(t);
	return r;
}

static int id_map_show(struct seq_file *m, struct proc_inode *pi)
{
	/* The initial user namespace maps every id to itself. */
	seq_printf(m, "%10u %10u %10u\n", 0u, 0u, 4294967295u);
	return 0;
}

static int oom_score_adj_show(struct seq_file *m, struct proc_inode *pi)
{
	struct task *t = proc_get_task(pi);
	int v;

	if (!t)
		return -ESRCH;
	v = t->signal ? READ_ONCE(t->signal->oom_score_adj) : 0;
	task_put(t);
	seq_printf(m, "%d\n", v);
	return 0;
}

static int oom_score_show(struct seq_file *m, struct proc_inode *pi)
{
	seq_puts(m, "0\n");
	return 0;
}

static ssize_t oom_score_adj_write(struct proc_inode *pi, char *buf, size_t n)
{
	char *end;
	long v = strtol(buf, &end, 10);
	struct task *t;
	int old;

	while (*end == '\n' || *end == ' ')
		end++;

	if (end == buf || *end || v < -1000 || v > 1000)
		return -EINVAL;
	t = proc_get_task(pi);
	if (!t)
		return -ESRCH;
	if (!t->signal) {
		task_put(t);
		return -ESRCH;
	}
	/* Lowering it needs CAP_SYS_RESOURCE (root here). */
	old = READ_ONCE(t->signal->oom_score_adj);
	if (v < old && current_cred()->euid != 0) {
		task_put(t);
		return -EACCES;
	}
	WRITE_ONCE(t->signal->oom_score_adj, (int)v);
	task_put(t);
	return n;
}

static int wchan_show(struct seq_file *m, struct proc_inode *pi)
{
	seq_puts(m, "0");
	return 0;
}

static const struct {
	const char *name, *unit;
} limit_names[RLIM_NLIMITS] = {
	{ "Max cpu time", "seconds" },        { "Max file size", "bytes" },
	{ "Max data size", "bytes" },         { "Max stack size", "bytes" },
	{ "Max core file size", "bytes" },    { "Max resident set", "bytes" },
	{ "Max processes", "processes" },     { "Max open files", "files" },
	{ "Max locked memory", "bytes" },     { "Max address space", "bytes" },
	{ "Max file locks", "locks" },        { "Max pending signals", "signals" },
	{ "Max msgqueue size", "bytes" },     { "Max nice priority", NULL },
	{ "Max realtime priority", NULL },    { "Max realtime timeout", "us" },
};

static int limits_show(struct seq_file *m, struct proc_inode *pi)
{
	struct task *t = proc_get_task(pi);
	struct rlimit_k lim[RLIM_NLIMITS];

	if (!t)
		return -ESRCH;
	for (int i = 0; i < RLIM_NLIMITS; i++)
		do_prlimit(t, i, NULL, &lim[i]);
	task_put(t);
	seq_printf(m, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units");
	for (int i = 0; i < RLIM_NLIMITS; i++) {
		seq_printf(m, "%-25s ", limit_names[i].name);
		if (lim[i].cur == RLIM_INFINITY)
			seq_printf(m, "%-20s ", "unlimited");
		else
			seq_printf(m, "%-20llu ", (unsigned long long)lim[i].cur);
		if (lim[i].max == RLIM_INFINITY)
			seq_printf(m, "%-20s ", "unlimited");
		else
			seq_printf(m, "%-20llu ", (unsigned long long)lim[i].max);
		if (limit_names[i].unit)
			seq_printf(m, "%-10s\n", limit_names[i].unit);
		else
			seq_putc(m, '\n');
	}
	return 0;
}

/* ---- ns/: the task's namespaces, "kind:[inum]", opening to nsfs files ---- */

/*
 * Each link's kind is found by its name in proc_ns_ops (kernel/nsfs.h), so
 * a kind added there needs nothing here but its line below.
 * XXX: Linux asks for ptrace read access to the task (PTRACE_MODE_READ).
 */
static void *ns_task_get(struct proc_inode *pi, const struct proc_ns_operations **ops)
{
	struct task *t;
	void *ns;

	*ops = proc_ns_find(pi->ent->name);
	if (!*ops)
		return ERR_PTR(-ENOENT);
	t = proc_get_task(pi);
	if (!t)
		return ERR_PTR(-ENOENT);
	ns = (*ops)->get(t);
	task_put(t);
	return ns ? ns : ERR_PTR(-ENOENT);   /* an exited task has none */
}

static char *ns_link(struct proc_inode *pi, char *buf, size_t len)
{
	const struct proc_ns_operations *ops;
	void *ns = ns_task_get(pi, &ops);

	if (IS_ERR(ns))
		return ns;
	snprintf(buf, len, "%s:[%u]", ops->real_name, (unsigned)ops->inum(ns));
	ops->put(ns);
	return buf;
}

static int ns_path(struct proc_inode *pi, struct path *out)
{
	const struct proc_ns_operations *ops;
	void *ns = ns_task_get(pi, &ops);

	if (IS_ERR(ns))
		return PTR_ERR(ns);
	return nsfs_path(ops, ns, out);
}

static const struct proc_entry ns_entries[] = {
	PROC_MAGIC("cgroup", ns_link, ns_path),
	PROC_MAGIC("ipc", ns_link, ns_path),
	PROC_MAGIC("mnt", ns_link, ns_path),
	PROC_MAGIC("net", ns_link, ns_path),
	PROC_MAGIC("pid", ns_link, ns_path),
	PROC_MAGIC("pid_for_children", ns_link, ns_path),
	PROC_MAGIC("time", ns_link, ns_path),
	PROC_MAGIC("time_for_children", ns_link, ns_path),
	PROC_MAGIC("user", ns_link, ns_path),
	PROC_MAGIC("uts", ns_link, ns_path),
};

/* ---- task/ ---- */

static struct dentry *task_dir_lookup(struct inode *dir, struct dentry *d, unsigned flags)
{
	struct proc_inode *pdir = PROC_I(dir);
	struct inode *inode;
	int tid;

	if (!proc_parse_num(&d->d_name, &tid))
		return ERR_PTR(-ENOENT);
	tid = pid_ns_global_nr(proc_pid_ns(dir), tid);   /* named in this instance's pid namespace */
	if (!tid || !proc_thread_of(pdir->pid, tid))
		return ERR_PTR(-ENOENT);
	inode = proc_make_inode(dir->i_sb, &proc_tid_entry, pdir->pid, tid, 0, PROC_THREAD);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	proc_d_add(d, inode, true);
	return NULL;
}

static int task_dir_readdir(struct file *f, struct dir_context *ctx)
{
	struct proc_inode *pi = PROC_I(f->f_inode);
	char name[16];

	if (!dir_emit_dots(f, ctx))
		return 0;
	for (;;) {
		pid_t tid = proc_next_thread(pi->pid, ctx->pos - 2 < 1 ? 1 : ctx->pos - 2), nr;

		if (!tid)
			break;
		/* Positions follow the global tids; names are this instance's. */
		nr = pid_global_to_ns(tid, proc_pid_ns(f->f_inode));
		if (!nr) {
			ctx->pos = tid + 3;
			continue;
		}
		snprintf(name, sizeof(name), "%d", nr);
		if (!proc_fill_entry(ctx, name, tid + 2, proc_ino(tid, 0, &proc_tid_entry), S_IFDIR))
			break;
	}
	return 0;
}

static const struct inode_operations task_dir_iops = {
	.lookup = task_dir_lookup,
	.setattr = proc_setattr,
};
static const struct file_operations task_dir_fops = {
	.iterate = task_dir_readdir,
	.llseek = dcache_dir_llseek,
};

/* ---- the directories ---- */


#define COMMON_ENTRIES                                                               \
	PROC_FILE("cgroup", 0444, cgroup_show),                                      \
	PROC_FILE("cmdline", 0444, cmdline_show),                                    \
	PROC_RW("comm", 0644, comm_show, comm_write),                                \
	PROC_MAGIC("cwd", cwd_link, cwd_path),                                       \
	{ .name = "environ", .mode = S_IFREG | 0400, .show = environ_show,           \
	  .flags = PROC_OWNER_ONLY },                                                \
	PROC_MAGIC("exe", exe_link, exe_path),                                       \
	{ .name = "fd", .mode = S_IFDIR | 0500, .iop = &proc_fd_iops,                \
	  .fop = &proc_fd_fops },                                                    \
	{ .name = "fdinfo", .mode = S_IFDIR | 0500, .iop = &proc_fdinfo_iops,        \
	  .fop = &proc_fdinfo_fops },                                                \
	PROC_RW("gid_map", 0644, id_map_show, NULL),                                 \
	PROC_FILE("limits", 0444, limits_show),                                      \
	{ .name = "maps", .mode = S_IFREG | 0444, .show = proc_pid_maps,             \
	  .flags = PROC_OWNER_ONLY },                                                \
	{ .name = "mem", .mode = S_IFREG | 0600, .fop = &proc_mem_fops },             \
	PROC_FILE("mountinfo", 0444, mountinfo_show),                                \
	PROC_FILE("mounts", 0444, mounts_show),                                      \
	PROC_DIR("ns", 0511, ns_entries),                                            \
	PROC_FILE("oom_score", 0444, oom_score_show),                                \
	PROC_RW("oom_score_adj", 0644, oom_score_adj_show, oom_score_adj_write),     \
	PROC_MAGIC("root", root_link, root_path),                                    \
	{ .name = "smaps_rollup", .mode = S_IFREG | 0444,                            \
	  .show = proc_pid_smaps_rollup, .flags = PROC_OWNER_ONLY },                 \
	PROC_FILE("stat", 0444, proc_pid_stat),                                      \
	PROC_FILE("statm", 0444, proc_pid_statm),                                    \
	PROC_FILE("status", 0444, proc_pid_status)

static const struct proc_entry tgid_entries[] = {
	COMMON_ENTRIES,
	{ .name = "task", .mode = S_IFDIR | 0555, .iop = &task_dir_iops, .fop = &task_dir_fops },
	PROC_RW("uid_map", 0644, id_map_show, NULL),
	PROC_FILE("wchan", 0444, wchan_show),
};

static const struct proc_entry tid_entries[] = {
	COMMON_ENTRIES,
	PROC_RW("uid_map", 0644, id_map_show, NULL),
	PROC_FILE("wchan", 0444, wchan_show),
};

const struct proc_entry proc_tgid_entry = PROC_DIR("pid", 0555, tgid_entries);
const struct proc_entry proc_tid_entry = PROC_DIR("tid", 0555, tid_entries);
