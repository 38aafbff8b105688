/*
 * nsfs: namespaces as files (see kernel/nsfs.h). Following a
 * /proc/[pid]/ns/<name> link, or nsfs_open(), makes an inode of this
 * pseudo filesystem that holds one reference on a namespace; its i_ino is
 * the namespace's inode number and its st_dev nsfs's own, so stat tells
 * namespaces apart the way Linux's does. setns(2) finds the namespace back
 * through nsfs_file_ns().
 *
 * Also here: the inode-number allocator, the table /proc/[pid]/ns lists,
 * and the kinds that only have their initial namespace (cgroup, user,
 * time; pid until kernel/proc/pid_ns.c provides its own).
 *
 * XXX: Linux keeps one inode per namespace (ns->stashed); here each follow
 * or open makes a new inode with the same number, which stat and setns
 * cannot tell from Linux's.
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/nsfs.h>
#include <kernel/sched.h>
#include <linuxabi/uapi/sched.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define NSFS_MAGIC 0x6e736673

struct nsfs_priv {
	const struct proc_ns_operations *ops;
	void *ns;                     /* the inode's reference */
};

static u32 next_inum = PROC_NET_INIT_INO + 1;
static struct vfsmount *nsfs_mnt;
static DEFINE_MUTEX(nsfs_mount_mutex);

u32 ns_alloc_inum(void)
{
	return __atomic_fetch_add(&next_inum, 1, __ATOMIC_RELAXED);
}

/* ---- the filesystem ---- */

static void nsfs_evict(struct inode *inode)
{
	struct nsfs_priv *p = inode->i_private;

	inode->i_private = NULL;
	if (p) {
		p->ops->put(p->ns);
		kfree(p);
	}
}

static const struct super_operations nsfs_sops = {
	.evict_inode = nsfs_evict,
};

static int nsfs_fill(struct super_block *sb, void *data)
{
	struct inode *root = new_inode(sb);

	if (!root)
		return -ENOMEM;
	root->i_mode = S_IFDIR | 0500;
	sb->s_magic = NSFS_MAGIC;
	sb->s_op = &nsfs_sops;
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

static struct super_block *nsfs_sb_mount(struct file_system_type *t, int flags,
					 const char *source, void *data)
{
	return sget_nodev(t, nsfs_fill, data);
}

static struct file_system_type nsfs_type = {
	.name = "nsfs",
	.mount = nsfs_sb_mount,
};

/* Made on first use: nothing needs it before the first namespace file. */
static struct vfsmount *nsfs_get_mnt(void)
{
	struct vfsmount *m = __atomic_load_n(&nsfs_mnt, __ATOMIC_ACQUIRE);

	if (m)
		return m;
	mutex_lock(&nsfs_mount_mutex);
	if (!nsfs_mnt) {
		m = vfs_kern_mount(&nsfs_type, 0, "nsfs", NULL);
		if (!IS_ERR(m))
			__atomic_store_n(&nsfs_mnt, m, __ATOMIC_RELEASE);
	}
	m = nsfs_mnt;
	mutex_unlock(&nsfs_mount_mutex);
	return m;
}

/* Linux: reading or writing a namespace file is EINVAL; the file exists to
 * be held, stat'ed, bind-mounted and passed to setns. */
static const struct file_operations nsfs_fops = {
	.llseek = NULL,
};

int nsfs_path(const struct proc_ns_operations *ops, void *ns, struct path *out)
{
	struct vfsmount *mnt = nsfs_get_mnt();
	struct nsfs_priv *p;
	struct inode *inode;
	struct dentry *d;
	char name[48];

	if (!mnt) {
		ops->put(ns);
		return -ENOMEM;
	}
	p = kmalloc(sizeof(*p), GFP_KERNEL);
	if (!p) {
		ops->put(ns);
		return -ENOMEM;
	}
	p->ops = ops;
	p->ns = ns;
	inode = new_inode(mnt->mnt_sb);
	if (!inode) {
		ops->put(ns);
		kfree(p);
		return -ENOMEM;
	}
	inode->i_ino = ops->inum(ns);
	inode->i_mode = S_IFREG | 0444;
	inode->i_fop = &nsfs_fops;
	inode->i_private = p;   /* from here on the inode owns the reference */
	snprintf(name, sizeof(name), "%s:[%u]", ops->real_name, (unsigned)inode->i_ino);
	d = d_alloc_name(mnt->mnt_root, name);
	if (!d) {
		iput(inode);
		return -ENOMEM;
	}
	d_instantiate(d, inode);   /* unhashed: reachable only through the path */
	out->mnt = mntget(mnt);
	out->dentry = d;
	return 0;
}

struct file *nsfs_open(const struct proc_ns_operations *ops, void *ns, int oflags)
{
	struct path p;
	struct file *f;
	int err = nsfs_path(ops, ns, &p);

	if (err)
		return ERR_PTR(err);
	f = vfs_open_path(&p, oflags);
	path_put(&p);
	return f;
}

void *nsfs_file_ns(struct file *f, const struct proc_ns_operations **ops)
{
	struct nsfs_priv *p;

	if (!f || !f->f_path.mnt || f->f_path.mnt->mnt_sb->s_magic != NSFS_MAGIC ||
	    f->f_inode == f->f_path.mnt->mnt_root->d_inode)
		return NULL;
	p = f->f_inode->i_private;
	if (!p)
		return NULL;
	if (ops)
		*ops = p->ops;
	return p->ns;
}

bool nsfs_task_has_ns(struct task *t)
{
	return t->fs || (t->flags & PF_KTHREAD);
}

/* ---- kinds with only their initial namespace ---- */

/*
 * There is one namespace of each of these kinds, so get() hands out a
 * token (the ops themselves), install() into it changes nothing (joining
 * the namespace one is in is allowed on Linux), and inum() is Linux's
 * fixed number for the initial one.
 */
#define INITIAL_ONLY_NS(var, nm, real, flag, ino)                                 \
	static void *var##_get(struct task *t)                                    \
	{                                                                         \
		return (void *)&var;                                              \
	}                                                                         \
	static u32 var##_inum(void *ns)                                           \
	{                                                                         \
		return ino;                                                       \
	}                                                                         \
	const struct proc_ns_operations var = {                                   \
		.name = nm,                                                       \
		.real_name = real,                                                \
		.type = flag,                                                     \
		.get = var##_get,                                                 \
		.put = initial_only_put,                                          \
		.inum = var##_inum,                                               \
		.install = initial_only_install,                                  \
	}

static void initial_only_put(void *ns)
{
}

static int initial_only_install(void *ns)
{
	return 0;
}

INITIAL_ONLY_NS(cgroupns_operations, "cgroup", "cgroup", CLONE_NEWCGROUP, PROC_CGROUP_INIT_INO);
INITIAL_ONLY_NS(userns_operations, "user", "user", CLONE_NEWUSER, PROC_USER_INIT_INO);
INITIAL_ONLY_NS(timens_operations, "time", "time", CLONE_NEWTIME, PROC_TIME_INIT_INO);
INITIAL_ONLY_NS(timens_for_children_operations, "time_for_children", "time", CLONE_NEWTIME,
		PROC_TIME_INIT_INO);

const struct proc_ns_operations *const proc_ns_ops[] = {
	&cgroupns_operations,
	&ipcns_operations,
	&mntns_operations,
	&netns_operations,
	&pidns_operations,
	&pidns_for_children_operations,
	&timens_operations,
	&timens_for_children_operations,
	&userns_operations,
	&utsns_operations,
	NULL,
};

const struct proc_ns_operations *proc_ns_find(const char *name)
{
	for (int i = 0; proc_ns_ops[i]; i++)
		if (!strcmp(proc_ns_ops[i]->name, name))
			return proc_ns_ops[i];
	return NULL;
}
