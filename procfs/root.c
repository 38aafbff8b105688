/*
 * The proc file system: its type, super block and inodes, the generic
 * operations every entry uses (seq_file text, small writes, symlinks,
 * table directories), and the root directory, whose entries are a static
 * table followed by one directory per live process in pid order.
 *
 * Readdir positions in the root: 0 and 1 are the dots, 2.. the table,
 * then PID_POS_BASE + pid for processes, so a reader resumes at the next
 * pid even when processes come and go between calls.
 */
#include <kernel/uaccess.h>

#include "internal.h"

#define PID_POS_BASE 1024

static const struct proc_entry root_entry;

static struct inode *proc_alloc_inode(struct super_block *sb)
{
	struct proc_inode *pi = kzalloc(sizeof(*pi), GFP_KERNEL);

	return pi ? &pi->vfs : NULL;
}

static void proc_free_inode(struct inode *inode)
{
	kfree(PROC_I(inode));
}

static int proc_statfs(struct dentry *d, struct linux_statfs_k *st)
{
	memset(st, 0, sizeof(*st));
	st->f_type = PROC_SUPER_MAGIC;
	st->f_bsize = st->f_frsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
	return 0;
}

static const struct super_operations proc_sops = {
	.alloc_inode = proc_alloc_inode,
	.free_inode = proc_free_inode,
	.statfs = proc_statfs,
};

u64 proc_ino(pid_t tid, int fd, const struct proc_entry *ent)
{
	u64 e = ((unsigned long)ent >> 4) & 0xffff;

	if (ent == &root_entry)
		return 1;   /* Linux's PROC_ROOT_INO */
	if (!tid)
		return e < 2 ? e + 2 : e;
	return ((u64)tid << 24) | ((u64)(fd + 1) & 0xff) << 16 | e;
}

struct inode *proc_make_inode(struct super_block *sb, const struct proc_entry *ent, pid_t pid,
			      pid_t tid, int fd, unsigned flags)
{
	struct inode *inode = new_inode(sb);
	struct proc_inode *pi;

	if (!inode)
		return NULL;
	pi = PROC_I(inode);
	pi->ent = ent;
	pi->pid = pid;
	pi->tid = tid;
	pi->fd = fd;
	pi->flags = flags;
	inode->i_mode = ent->mode;
	inode->i_ino = proc_ino(tid, fd, ent);
	if (pid) {
		/* Owned by the task's effective ids, as Linux. */
		struct task *t = find_user_task(tid);

		if (t) {
			const struct cred *c = get_task_cred(t);

			inode->i_uid = c->euid;
			inode->i_gid = c->egid;
			put_cred(c);
			/* A non-dumpable process's files are root's (Linux's
			 * task_dump_owner). */
			if (t->signal && !READ_ONCE(t->signal->dumpable))
				inode->i_uid = inode->i_gid = 0;
			task_put(t);
		}
	}
	if (S_ISDIR(ent->mode)) {
		inode->i_op = ent->iop;
		inode->i_fop = ent->fop;
		set_nlink(inode, 2);
	} else if (S_ISLNK(ent->mode)) {
		inode->i_op = ent->link_path ? &proc_magic_link_iops : &proc_link_iops;
	} else {
		inode->i_op = &proc_file_iops;
		/* Files that are not seq_file text (mem) bring their own. */
		inode->i_fop = ent->fop ? ent->fop : &proc_file_fops;
	}
	return inode;
}

void proc_d_add(struct dentry *d, struct inode *inode, bool nocache)
{
	if (nocache)
		d->d_flags |= DCACHE_NOCACHE;   /* not yet hashed: no one else sees it */
	d_add(d, inode);
}

bool proc_may_access(struct task *t)
{
	const struct cred *me = current_cred(), *c;
	bool ok;

	if (me->euid == 0 || t->signal == current->signal)
		return true;     /* Linux: root, or a thread of the same process */
	c = get_task_cred(t);
	ok = me->fsuid == c->uid && me->fsuid == c->euid && me->fsuid == c->suid &&
	     me->fsgid == c->gid && me->fsgid == c->egid && me->fsgid == c->sgid;
	put_cred(c);
	/* Linux's ptrace_may_access: a non-dumpable process needs CAP_SYS_PTRACE. */
	if (ok && t->signal && !READ_ONCE(t->signal->dumpable))
		ok = false;
	return ok;
}

/* Linux's proc_setattr: the modes are procfs's to decide (EPERM); owners
 * and times may change in memory. */
int proc_setattr(struct dentry *d, struct iattr *attr)
{
	if (attr->ia_valid & ATTR_MODE)
		return -EPERM;
	return simple_setattr(d, attr);
}

/* ---- regular files: seq_file text, small writes ---- */

static int proc_show_thunk(struct seq_file *m, void *arg)
{
	struct proc_inode *pi = arg;

	return pi->ent->show(m, pi);
}

static int proc_file_open(struct inode *inode, struct file *f)
{
	struct proc_inode *pi = PROC_I(inode);

	if (pi->pid) {
		struct task *t = proc_get_task(pi);

		if (!t)
			return -ENOENT;
		if ((pi->ent->flags & PROC_OWNER_ONLY) && !proc_may_access(t)) {
			task_put(t);
			return -EACCES;
		}
		task_put(t);
	}
	if (!pi->ent->show)
		return -EINVAL;
	return single_open(f, proc_show_thunk, pi);
}

static ssize_t proc_file_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	struct proc_inode *pi = PROC_I(f->f_inode);
	size_t n = iov_iter_count(from);
	ssize_t r;
	char *buf;

	if (!pi->ent->write)
		return -EIO;   /* Linux's answer for an entry without a write method */
	if (n >= PAGE_SIZE)
		return -EINVAL;
	buf = copy_str_from_iter(from);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	r = pi->ent->write(pi, buf, n);
	kfree(buf);
	if (r > 0)
		*pos += r;
	return r;
}

const struct file_operations proc_file_fops = {
	.open = proc_file_open,
	.read_iter = seq_read_iter,
	.write_iter = proc_file_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/* ---- symlinks ---- */

static const char *proc_get_link(struct dentry *d, struct inode *inode, void **to_free)
{
	struct proc_inode *pi = PROC_I(inode);
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL), *p;

	if (!buf)
		return ERR_PTR(-ENOMEM);
	p = pi->ent->link(pi, buf, PATH_MAX);
	if (IS_ERR(p)) {
		kfree(buf);
		return p;
	}
	*to_free = buf;
	return p;
}

static int proc_get_link_path(struct dentry *d, struct path *out)
{
	struct proc_inode *pi = PROC_I(d->d_inode);

	return pi->ent->link_path(pi, out);
}

const struct inode_operations proc_link_iops = {
	.get_link = proc_get_link,
	.setattr = proc_setattr,
};

const struct inode_operations proc_magic_link_iops = {
	.get_link = proc_get_link,
	.get_link_path = proc_get_link_path,
	.setattr = proc_setattr,
};

const struct inode_operations proc_file_iops = {
	.setattr = proc_setattr,
};

/* ---- table directories ---- */

bool proc_fill_entry(struct dir_context *ctx, const char *name, s64 pos, u64 ino, umode_t mode)
{
	if (!ctx->actor(ctx, name, strlen(name), pos, ino ? ino : 1, vfs_dtype(mode)))
		return false;
	ctx->pos = pos + 1;
	return true;
}

struct dentry *proc_lookup_table(struct inode *dir, struct dentry *d,
				 const struct proc_entry *tab, int n)
{
	struct proc_inode *pdir = PROC_I(dir);
	struct inode *inode;

	for (int i = 0; i < n; i++) {
		if (strlen(tab[i].name) != d->d_name.len ||
		    memcmp(tab[i].name, d->d_name.name, d->d_name.len))
			continue;
		if (pdir->pid) {
			struct task *t = proc_get_task(pdir);

			if (!t)
				return ERR_PTR(-ENOENT);   /* the process is gone */
			task_put(t);
		}
		inode = proc_make_inode(dir->i_sb, &tab[i], pdir->pid, pdir->tid, 0,
					pdir->flags | tab[i].flags);
		if (!inode)
			return ERR_PTR(-ENOMEM);
		proc_d_add(d, inode, pdir->pid != 0);
		return NULL;
	}
	return ERR_PTR(-ENOENT);
}

int proc_readdir_table(struct file *f, struct dir_context *ctx, const struct proc_entry *tab,
		       int n)
{
	struct proc_inode *dir = PROC_I(f->f_inode);

	if (!dir_emit_dots(f, ctx))
		return 0;
	for (s64 i = ctx->pos - 2; i >= 0 && i < n; i++)
		if (!proc_fill_entry(ctx, tab[i].name, i + 2, proc_ino(dir->tid, 0, &tab[i]),
				     tab[i].mode))
			return 0;
	return 0;
}

static struct dentry *table_dir_lookup(struct inode *dir, struct dentry *d, unsigned flags)
{
	const struct proc_entry *e = PROC_I(dir)->ent;

	return proc_lookup_table(dir, d, e->children, e->nchildren);
}

static int table_dir_readdir(struct file *f, struct dir_context *ctx)
{
	const struct proc_entry *e = PROC_I(f->f_inode)->ent;

	return proc_readdir_table(f, ctx, e->children, e->nchildren);
}

const struct inode_operations proc_table_dir_iops = {
	.lookup = table_dir_lookup,
	.setattr = proc_setattr,
};

const struct file_operations proc_table_dir_fops = {
	.iterate = table_dir_readdir,
	.llseek = dcache_dir_llseek,
};

/* ---- the root ---- */

/* The reader's numbers in this instance's pid namespace: a reader outside
 * it (an ancestor's process) has none, and the link is dangling (Linux). */
static char *self_link(struct proc_inode *pi, char *buf, size_t len)
{
	pid_t tgid = task_tgid_nr_ns(current, proc_pid_ns(&pi->vfs));

	if (!current->signal || !tgid)
		return ERR_PTR(-ENOENT);
	snprintf(buf, len, "%d", tgid);
	return buf;
}

static char *thread_self_link(struct proc_inode *pi, char *buf, size_t len)
{
	struct pid_namespace *ns = proc_pid_ns(&pi->vfs);
	pid_t tgid = task_tgid_nr_ns(current, ns), tid = task_pid_nr_ns(current, ns);

	if (!current->signal || !tgid || !tid)
		return ERR_PTR(-ENOENT);
	snprintf(buf, len, "%d/task/%d", tgid, tid);
	return buf;
}

static char *mounts_link(struct proc_inode *pi, char *buf, size_t len)
{
	return strcpy(buf, "self/mounts");
}

/* /proc/tty (tty.c); its table is needed here as a constant. */
extern const struct proc_entry proc_tty_entries[];

static const struct proc_entry root_entries[] = {
	PROC_FILE("cmdline", 0444, proc_cmdline_show),
	PROC_FILE("containers", 0444, proc_containers_show),
	PROC_FILE("cpuinfo", 0444, proc_cpuinfo_show),
	PROC_FILE("diskstats", 0444, proc_diskstats_show),
	PROC_FILE("filesystems", 0444, proc_filesystems_show),
	PROC_FILE("loadavg", 0444, proc_loadavg_show),
	PROC_FILE("meminfo", 0444, proc_meminfo_show),
	PROC_LINK("mounts", mounts_link),
	PROC_FILE("partitions", 0444, proc_partitions_show),
	PROC_LINK("self", self_link),
	PROC_FILE("stat", 0444, proc_stat_show),
	PROC_FILE("swaps", 0444, proc_swaps_show),
	{ .name = "sys", .mode = S_IFDIR | 0555, .iop = &proc_sys_iops, .fop = &proc_sys_fops },
	PROC_LINK("thread-self", thread_self_link),
	{ .name = "tty", .mode = S_IFDIR | 0555, .iop = &proc_table_dir_iops,
	  .fop = &proc_table_dir_fops, .children = proc_tty_entries, .nchildren = 1 },
	PROC_FILE("uptime", 0444, proc_uptime_show),
	PROC_FILE("version", 0444, proc_version_show),
	PROC_FILE("vmstat", 0444, proc_vmstat_show),
};

bool proc_parse_num(const struct qstr *q, int *out)
{
	long v = 0;

	if (!q->len || q->len > 9 || (q->name[0] == '0' && q->len > 1))
		return false;
	for (u32 i = 0; i < q->len; i++) {
		if (q->name[i] < '0' || q->name[i] > '9')
			return false;
		v = v * 10 + (q->name[i] - '0');
	}
	*out = v;
	return true;
}

static struct dentry *root_lookup(struct inode *dir, struct dentry *d, unsigned flags)
{
	struct inode *inode;
	struct task *t;
	pid_t tid, tgid;

	if (!proc_parse_num(&d->d_name, &tid))
		return proc_lookup_table(dir, d, root_entries, ARRAY_SIZE(root_entries));
	/* Any thread's tid works, as on Linux (readdir lists only processes);
	 * the name is its number in this instance's pid namespace, the inode
	 * keeps the global ones. */
	t = find_task_by_pid_ns(tid, proc_pid_ns(dir));
	if (!t)
		return ERR_PTR(-ENOENT);
	tid = t->tid;
	tgid = task_tgid_nr(t);
	task_put(t);
	inode = proc_make_inode(dir->i_sb, &proc_tgid_entry, tgid, tid == tgid ? tgid : tid, 0, 0);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	proc_d_add(d, inode, true);
	return NULL;
}

static int root_readdir(struct file *f, struct dir_context *ctx)
{
	int n = ARRAY_SIZE(root_entries);
	char name[16];

	if (ctx->pos < PID_POS_BASE) {
		proc_readdir_table(f, ctx, root_entries, n);
		if (ctx->pos < 2 + n)
			return 0;
		ctx->pos = PID_POS_BASE + 1;
	}
	for (;;) {
		pid_t global, pid = pid_ns_next_tgid(proc_pid_ns(f->f_inode),
						     ctx->pos - PID_POS_BASE, &global);

		if (!pid)
			break;
		snprintf(name, sizeof(name), "%d", pid);
		if (!proc_fill_entry(ctx, name, PID_POS_BASE + pid,
				     proc_ino(global, 0, &proc_tgid_entry), S_IFDIR))
			break;
	}
	return 0;
}

static const struct inode_operations root_iops = {
	.lookup = root_lookup,
	.setattr = proc_setattr,
};

static const struct file_operations root_fops = {
	.iterate = root_readdir,
	.llseek = dcache_dir_llseek,
};

static const struct proc_entry root_entry = {
	.name = "/", .mode = S_IFDIR | 0555, .iop = &root_iops, .fop = &root_fops,
};

static int proc_fill(struct super_block *sb, void *data)
{
	struct inode *root;

	/* The mounter's pid namespace: what this instance shows (Linux has
	 * one super block per pid namespace; each mount here is its own). */
	sb->s_fs_info = get_pid_ns(task_active_pid_ns(current));
	sb->s_magic = PROC_SUPER_MAGIC;
	sb->s_op = &proc_sops;
	strcpy(sb->s_id, "proc");
	root = proc_make_inode(sb, &root_entry, 0, 0, 0, 0);
	if (!root)
		return -ENOMEM;
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

/* Every mount makes its own instance, showing the mounter's pid namespace
 * (Linux shares one instance per pid namespace). */
static struct super_block *proc_mount(struct file_system_type *t, int flags, const char *source,
				      void *data)
{
	return sget_nodev(t, proc_fill, data);
}

static void proc_kill_sb(struct super_block *sb)
{
	struct pid_namespace *ns = sb->s_fs_info;

	kill_litter_super(sb);
	put_pid_ns(ns);
}

static struct file_system_type proc_fs_type = {
	.name = "proc",
	.mount = proc_mount,
	.kill_sb = proc_kill_sb,
};

void procfs_init(void)
{
	int err = register_filesystem(&proc_fs_type);

	if (err)
		pr_err("procfs: cannot register (%d)\n", err);
}

int procfs_mount(void)
{
	struct path p;
	bool mounted;
	int err;

	err = vfs_mkdirat(LINUX_AT_FDCWD, "/proc", 0555);
	if (err && err != -EEXIST)
		return err;
	err = kern_path("/proc", LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	mounted = p.mnt->mnt_sb->s_magic == PROC_SUPER_MAGIC;
	path_put(&p);
	if (mounted)
		return 0;
	err = vfs_mount("proc", "/proc", "proc", MNT_NOSUID | MNT_NODEV | MNT_NOEXEC, NULL);
	if (err)
		pr_err("procfs: cannot mount on /proc (%d)\n", err);
	return err;
}
