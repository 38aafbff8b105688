/*
 * Mounts and mount namespaces, as Linux has them (fs/namespace.c,
 * fs/pnode.c). A mount attaches a super block's tree, or a subtree of it
 * (bind mounts), on a dentry of its parent mount. Each mount namespace is
 * a tree of mounts with its own root; a task points at its namespace
 * (task->mnt_ns), and CLONE_NEWNS/unshare copy the whole tree.
 *
 * The path walk never looks at namespaces: it finds the mount on a dentry
 * through a hash keyed by (parent mount, dentry), and the mounts of two
 * namespaces are different objects, so the walk stays in the namespace it
 * started in. It takes only mount_lock, briefly, and only on dentries that
 * have something mounted on them (d_mounted).
 *
 * Propagation: mounts in a peer group (shared:N) pass later mounts and
 * umounts below them to each other and to their slaves (master:N); a
 * slave passes nothing back. Unbindable mounts cannot be bind-mounted.
 *
 * Locks: namespace_mutex serializes every change to any tree, namespace
 * membership and propagation; mount_lock (spinlock, taken inside
 * namespace_mutex and inside dcache_lock's callers, before dcache_lock)
 * guards the hash, the tree links the walk reads, and all_mounts.
 */
#include <kernel/nsfs.h>
#include <kernel/seq_file.h>
#include <linuxabi/uapi/sched.h>

#include "internal.h"

DEFINE_SPINLOCK(mount_lock);
DEFINE_MUTEX(namespace_mutex);

#define MOUNT_HASH_SIZE 256
static struct hlist_head mount_hash[MOUNT_HASH_SIZE];   /* mount_lock */
static LIST_HEAD(all_mounts);                             /* mount_lock */
static u32 next_mnt_id = 1;                               /* mount_lock */

/* The namespace of the boot CPU, init and every kernel thread. */
struct mnt_namespace init_mnt_ns = {
	.count = 1,
	.mounts = LIST_HEAD_INIT(init_mnt_ns.mounts),
	.inum = PROC_MNT_INIT_INO,
};

/* Linux's MS_* values (mount(2)). */
#define MS_RDONLY      1
#define MS_NOSUID      2
#define MS_NODEV       4
#define MS_NOEXEC      8
#define MS_SYNCHRONOUS 16
#define MS_REMOUNT     32
#define MS_MANDLOCK    64
#define MS_DIRSYNC     128
#define MS_NOSYMFOLLOW 256
#define MS_NOATIME     1024
#define MS_NODIRATIME  2048
#define MS_BIND        4096
#define MS_MOVE        8192
#define MS_REC         16384
#define MS_SILENT      32768
#define MS_POSIXACL    (1 << 16)
#define MS_UNBINDABLE  (1 << 17)
#define MS_PRIVATE     (1 << 18)
#define MS_SLAVE       (1 << 19)
#define MS_SHARED      (1 << 20)
#define MS_RELATIME    (1 << 21)
#define MS_KERNMOUNT   (1 << 22)
#define MS_I_VERSION   (1 << 23)
#define MS_STRICTATIME (1 << 24)
#define MS_LAZYTIME    (1 << 25)
#define MS_NOREMOTELOCK (1 << 27)
#define MS_NOSEC       (1 << 28)
#define MS_BORN        (1 << 29)
#define MS_ACTIVE      (1 << 30)
#define MS_NOUSER      (1U << 31)
#define MS_MGC_MSK     0xffff0000
#define MS_MGC_VAL     0xC0ED0000
#define MS_PROPAGATION (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)

/* umount2 flags */
#define MNT_FORCE       1
#define MNT_DETACH      2
#define MNT_EXPIRE      4
#define UMOUNT_NOFOLLOW 8

/* clone_mnt / copy_tree flags (Linux's CL_*) */
#define CL_SLAVE           0x02
#define CL_COPY_UNBINDABLE 0x04
#define CL_MAKE_SHARED     0x08
#define CL_PRIVATE         0x10

static struct hlist_head *m_bucket(const struct vfsmount *parent, const struct dentry *d)
{
	unsigned long h = ((unsigned long)parent >> 5) ^ ((unsigned long)d >> 5);

	return &mount_hash[(h ^ (h >> 8)) & (MOUNT_HASH_SIZE - 1)];
}

/* ---- references ---- */

struct vfsmount *mntget(struct vfsmount *m)
{
	if (m)
		atomic_inc(&real_mount(m)->count);
	return m;
}

static void mount_free(struct mount *m)
{
	spin_lock(&mount_lock);
	list_del(&m->all_node);
	spin_unlock(&mount_lock);
	dput(m->mnt.mnt_root);
	deactivate_super(m->mnt.mnt_sb);
	kfree(m->devname);
	kfree(m);
}

static void mntput_no_expire(struct mount *m)
{
	if (atomic_dec(&m->count) > 0)
		return;
	mount_free(m);
}

void mntput(struct vfsmount *vm)
{
	struct mount *m;

	if (!vm)
		return;
	m = real_mount(vm);
	/* Any use between two umount(MNT_EXPIRE) calls keeps the mount. */
	if (__atomic_load_n(&m->expiry_mark, __ATOMIC_RELAXED))
		__atomic_store_n(&m->expiry_mark, 0, __ATOMIC_RELAXED);
	mntput_no_expire(m);
}

bool mnt_readonly(const struct vfsmount *m)
{
	return (m->mnt_flags & MNT_RDONLY) || (m->mnt_sb->s_flags & SB_RDONLY);
}

int mnt_want_write(struct vfsmount *m)
{
	return m && mnt_readonly(m) ? -EROFS : 0;
}

u32 mnt_id(const struct vfsmount *m)
{
	return real_mount(m)->id;
}

void path_get(const struct path *p)
{
	mntget(p->mnt);
	dget(p->dentry);
}

void path_put(const struct path *p)
{
	dput(p->dentry);
	mntput(p->mnt);
}

/*
 * Linux's atime rules for an access through f: not with O_NOATIME, on a
 * noatime mount, or for a directory on a nodiratime mount; on a relatime
 * mount (the default) only when the old atime is not after the mtime or
 * ctime, or is a day old.
 */
bool file_touch_atime_ok(struct file *f)
{
	struct inode *inode = f->f_inode;
	struct vfsmount *m = f->f_path.mnt;
	struct vfs_timespec now;

	if ((f->f_flags & LINUX_O_NOATIME) || (inode->i_flags & S_NOATIME))
		return false;
	if (!m)
		return true;
	if (m->mnt_flags & MNT_NOATIME)
		return false;
	if ((m->mnt_flags & MNT_NODIRATIME) && S_ISDIR(inode->i_mode))
		return false;
	if (!(m->mnt_flags & MNT_RELATIME))
		return true;
	if (inode->i_atime.tv_sec < inode->i_mtime.tv_sec ||
	    (inode->i_atime.tv_sec == inode->i_mtime.tv_sec &&
	     inode->i_atime.tv_nsec <= inode->i_mtime.tv_nsec))
		return true;
	if (inode->i_atime.tv_sec < inode->i_ctime.tv_sec ||
	    (inode->i_atime.tv_sec == inode->i_ctime.tv_sec &&
	     inode->i_atime.tv_nsec <= inode->i_ctime.tv_nsec))
		return true;
	now = vfs_now();
	return now.tv_sec - inode->i_atime.tv_sec >= 24 * 60 * 60;
}

/* ---- namespaces ---- */

struct mnt_namespace *current_mnt_ns(void)
{
	struct mnt_namespace *ns = current ? current->mnt_ns : NULL;

	return ns ? ns : &init_mnt_ns;
}

u64 mnt_ns_inum(struct mnt_namespace *ns)
{
	return (ns ? ns : &init_mnt_ns)->inum;
}

void get_mnt_ns(struct mnt_namespace *ns)
{
	if (ns)
		atomic_inc(&ns->count);
}

static void umount_tree(struct mount *m, bool propagate);

void put_mnt_ns(struct mnt_namespace *ns)
{
	if (!ns || ns == &init_mnt_ns || atomic_dec(&ns->count) > 0)
		return;
	mutex_lock(&namespace_mutex);
	umount_tree(ns->root, false);
	mutex_unlock(&namespace_mutex);
	kfree(ns);
}

static bool check_mnt(const struct mount *m)
{
	return m->ns == current_mnt_ns();
}

/* ---- peer group ids: the smallest free one, from 1, as Linux ---- */

static u64 *group_ids;          /* bitmap (namespace_mutex) */
static u32 group_ids_bits;

static int group_id_alloc(u32 *out)
{
	u32 i;

	for (i = 0; i < group_ids_bits; i++) {
		if (!(group_ids[i / 64] & (1ULL << (i % 64)))) {
			group_ids[i / 64] |= 1ULL << (i % 64);
			*out = i + 1;
			return 0;
		}
	}
	{
		u32 nbits = group_ids_bits ? group_ids_bits * 2 : 256;
		u64 *n = kzalloc(nbits / 8, GFP_KERNEL);

		if (!n)
			return -ENOMEM;
		if (group_ids)
			memcpy(n, group_ids, group_ids_bits / 8);
		kfree(group_ids);
		group_ids = n;
		group_ids_bits = nbits;
	}
	group_ids[i / 64] |= 1ULL << (i % 64);
	*out = i + 1;
	return 0;
}

static void group_id_free(u32 id)
{
	if (id && id <= group_ids_bits)
		group_ids[(id - 1) / 64] &= ~(1ULL << ((id - 1) % 64));
}

/* ---- propagation state (namespace_mutex) ---- */

static inline bool mnt_shared(const struct mount *m)
{
	return m->group_id != 0;
}

static inline struct mount *next_peer(struct mount *m)
{
	return list_entry(m->share.next, struct mount, share);
}

static int set_mnt_shared(struct mount *m)
{
	if (m->group_id)
		return 0;
	return group_id_alloc(&m->group_id);
}

/*
 * Leave the peer group: the mount becomes a slave of a former peer (one
 * with the same root if there is one), or stays a slave of its master, or
 * becomes private; its own slaves follow its new master. Linux's
 * do_make_slave.
 */
static void make_slave(struct mount *m)
{
	struct mount *master, *s;

	if (list_empty(&m->share)) {
		if (m->group_id) {
			group_id_free(m->group_id);
			m->group_id = 0;
		}
		master = m->master;
		if (!master) {
			while (!list_empty(&m->slaves)) {
				s = list_first_entry(&m->slaves, struct mount, slave_node);
				list_del_init(&s->slave_node);
				s->master = NULL;
			}
			return;
		}
	} else {
		struct mount *p;

		master = next_peer(m);
		for (p = master; p != m; p = next_peer(p)) {
			if (p->mnt.mnt_root == m->mnt.mnt_root) {
				master = p;
				break;
			}
		}
		list_del_init(&m->share);
		m->group_id = 0;
	}
	list_for_each_entry(s, &m->slaves, slave_node)
		s->master = master;
	list_del_init(&m->slave_node);
	list_add(&m->slave_node, &master->slaves);
	/* Splice m's slaves onto the master's list. */
	if (!list_empty(&m->slaves)) {
		struct list_head *first = m->slaves.next, *last = m->slaves.prev;
		struct list_head *at = master->slaves.prev;

		first->prev = at;
		at->next = first;
		last->next = &master->slaves;
		master->slaves.prev = last;
		INIT_LIST_HEAD(&m->slaves);
	}
	m->master = master;
}

static int change_propagation(struct mount *m, unsigned type)
{
	if (type == MS_SHARED)
		return set_mnt_shared(m);
	make_slave(m);
	if (type != MS_SLAVE) {
		list_del_init(&m->slave_node);
		m->master = NULL;
		if (type == MS_UNBINDABLE)
			m->mflags |= MNTF_UNBINDABLE;
		else
			m->mflags &= ~MNTF_UNBINDABLE;
	}
	return 0;
}

/* ---- allocation and cloning ---- */

static struct mount *alloc_mount(struct super_block *sb, struct dentry *root, const char *devname)
{
	struct mount *m = kzalloc(sizeof(*m), GFP_KERNEL);

	if (!m)
		return NULL;
	m->devname = kstrdup(devname ? devname : "none", GFP_KERNEL);
	if (!m->devname) {
		kfree(m);
		return NULL;
	}
	m->count = 1;
	m->parent = m;
	m->mnt.mnt_sb = sb;
	m->mnt.mnt_root = dget(root);
	INIT_LIST_HEAD(&m->children);
	INIT_LIST_HEAD(&m->child_node);
	INIT_HLIST_NODE(&m->hash);
	INIT_LIST_HEAD(&m->ns_node);
	INIT_LIST_HEAD(&m->share);
	INIT_LIST_HEAD(&m->slaves);
	INIT_LIST_HEAD(&m->slave_node);
	INIT_LIST_HEAD(&m->work_node);
	spin_lock(&mount_lock);
	m->id = next_mnt_id++;
	list_add_tail(&m->all_node, &all_mounts);
	spin_unlock(&mount_lock);
	return m;
}

struct vfsmount *vfs_kern_mount(struct file_system_type *t, int flags, const char *devname,
				void *data)
{
	struct super_block *sb;

	/* flags are SB_* (Linux's MS_ values). File systems written when this
	 * passed mount flags test MNT_RDONLY: give them that bit too (it is
	 * SB_MANDLOCK's, which nothing here uses). */
	if (flags & SB_RDONLY)
		flags |= MNT_RDONLY;
	sb = t->mount(t, flags, devname, data);
	struct mount *m;

	if (IS_ERR(sb))
		return ERR_PTR(PTR_ERR(sb));
	m = alloc_mount(sb, sb->s_root, devname);
	/* alloc_mount took its own reference on the root; the super block
	 * keeps the one in s_root. */
	if (!m) {
		deactivate_super(sb);
		return ERR_PTR(-ENOMEM);
	}
	return &m->mnt;
}

/* A new mount of old's super block showing root (a dentry of it). */
static struct mount *clone_mnt(struct mount *old, struct dentry *root, int flag)
{
	struct super_block *sb = old->mnt.mnt_sb;
	struct mount *m;
	int err;

	atomic_inc(&sb->s_active);
	m = alloc_mount(sb, root, old->devname);
	if (!m) {
		deactivate_super(sb);
		return ERR_PTR(-ENOMEM);
	}
	m->mnt.mnt_flags = old->mnt.mnt_flags;
	m->mflags = old->mflags & MNTF_UNBINDABLE;   /* namespace copies keep it */
	if (flag & CL_SLAVE) {
		list_add(&m->slave_node, &old->slaves);
		m->master = old;
	} else if (!(flag & CL_PRIVATE)) {
		if (mnt_shared(old)) {
			list_add(&m->share, &old->share);
			m->group_id = old->group_id;
		}
		if (old->master) {
			list_add(&m->slave_node, &old->slave_node);
			m->master = old->master;
		}
	}
	if (flag & CL_MAKE_SHARED) {
		err = set_mnt_shared(m);
		if (err) {
			change_propagation(m, MS_PRIVATE);
			mntput_no_expire(m);
			return ERR_PTR(err);
		}
	}
	return m;
}

/* Pre-order walk of the tree under root. */
static struct mount *next_mnt(struct mount *p, struct mount *root)
{
	struct list_head *next = p->children.next;

	if (next == &p->children) {
		for (;;) {
			if (p == root)
				return NULL;
			next = p->child_node.next;
			if (next != &p->parent->children)
				break;
			p = p->parent;
		}
	}
	return list_entry(next, struct mount, child_node);
}

/* Skip p's subtree in a pre-order walk. */
static struct mount *skip_mnt_tree(struct mount *p)
{
	struct list_head *prev = p->children.prev;

	while (prev != &p->children) {
		p = list_entry(prev, struct mount, child_node);
		prev = p->children.prev;
	}
	return p;
}

/* Link child on (parent, mp) in the tree. Caller holds mount_lock. */
static void link_mnt(struct mount *child, struct mount *parent, struct dentry *mp)
{
	atomic_inc(&parent->count);
	child->parent = parent;
	child->mountpoint = dget(mp);
	mp->d_mounted++;
	hlist_add_head(&child->hash, m_bucket(&parent->mnt, mp));
	list_add_tail(&child->child_node, &parent->children);
}

/* Unlink m from its parent (mount_lock held); the references to drop
 * afterwards go to old_parent and old_mp. */
static void unlink_mnt(struct mount *m)
{
	m->old_parent = m->parent;
	m->old_mp = m->mountpoint;
	hlist_del_init(&m->hash);
	list_del_init(&m->child_node);
	m->mountpoint->d_mounted--;
	m->parent = m;
	m->mountpoint = NULL;
}

static void drop_old_parent(struct mount *m)
{
	if (m->old_mp)
		dput(m->old_mp);
	if (m->old_parent && m->old_parent != m)
		mntput_no_expire(m->old_parent);
	m->old_mp = NULL;
	m->old_parent = NULL;
}

/*
 * A copy of the tree under src, starting at its dentry d: every mount
 * below src whose mountpoint is under d, except unbindable ones (and
 * their subtrees) unless CL_COPY_UNBINDABLE. The copy is linked
 * internally but in no namespace; each original's ->copy points at its
 * copy until the next copy_tree.
 */
static struct mount *copy_tree(struct mount *src, struct dentry *d, int flag)
{
	struct mount *res, *p, *q;

	if (!(flag & CL_COPY_UNBINDABLE) && (src->mflags & MNTF_UNBINDABLE))
		return ERR_PTR(-EINVAL);
	for (p = src; p; p = next_mnt(p, src))
		p->copy = NULL;
	res = clone_mnt(src, d, flag);
	if (IS_ERR(res))
		return res;
	src->copy = res;
	for (p = next_mnt(src, src); p; p = next_mnt(p, src)) {
		if ((p->parent == src && !is_subdir(p->mountpoint, d)) ||
		    (!(flag & CL_COPY_UNBINDABLE) && (p->mflags & MNTF_UNBINDABLE)) ||
		    !p->parent->copy) {
			/* Not below d, unbindable, or under a skipped mount. */
			p = skip_mnt_tree(p);
			continue;
		}
		q = clone_mnt(p, p->mnt.mnt_root, flag);
		if (IS_ERR(q)) {
			umount_tree(res, false);
			return q;
		}
		p->copy = q;
		spin_lock(&mount_lock);
		link_mnt(q, p->parent->copy, p->mountpoint);
		spin_unlock(&mount_lock);
	}
	return res;
}

/* ---- lookup for the path walk ---- */

/* The top-most mount on (parent, d); mount_lock held. */
static struct mount *__lookup_mnt(struct mount *parent, struct dentry *d)
{
	struct hlist_node *n;

	for (n = m_bucket(&parent->mnt, d)->first; n; n = n->next) {
		struct mount *m = container_of(n, struct mount, hash);

		/* The latest mount on a spot hides the earlier ones: the hash
		 * lists newest first. */
		if (m->parent == parent && m->mountpoint == d)
			return m;
	}
	return NULL;
}

struct vfsmount *lookup_mnt(const struct path *p)
{
	struct mount *m;
	struct vfsmount *found = NULL;

	spin_lock(&mount_lock);
	m = __lookup_mnt(real_mount(p->mnt), p->dentry);
	if (m)
		found = mntget(&m->mnt);
	spin_unlock(&mount_lock);
	return found;
}

int follow_mount(struct path *p)
{
	int crossed = 0;

	while (d_mountpoint(p->dentry)) {
		struct vfsmount *m = lookup_mnt(p);

		if (!m)
			break;
		dput(p->dentry);
		mntput(p->mnt);
		p->mnt = m;
		p->dentry = dget(m->mnt_root);
		crossed = 1;
	}
	return crossed;
}

/* ---- attaching and detaching trees (namespace_mutex held) ---- */

/* Put every mount of the tree under root into ns, in tree order. */
static void tree_set_ns(struct mount *root, struct mnt_namespace *ns)
{
	struct mount *p;

	for (p = root; p; p = next_mnt(p, root)) {
		p->ns = ns;
		list_add_tail(&p->ns_node, &ns->mounts);
		ns->nr_mounts++;
	}
}

static int propagate_group(struct mount *member, struct dentry *mp, struct mount *source,
			   struct mount *origin, bool origin_group, u32 gen,
			   struct list_head *added);

static u32 prop_gen_next = 1;

/*
 * Mount the tree src (in no namespace) on (dest, mp), and copies of it on
 * every mount that receives propagation from dest. The caller's
 * reference to src becomes the tree's. Linux's attach_recursive_mnt.
 */
static int attach_recursive(struct mount *src, struct mount *dest, struct dentry *mp)
{
	LIST_HEAD(added);
	struct mount *p, *tmp;
	int err = 0;

	if (mnt_shared(dest)) {
		/* Everything mounted on a shared mount is shared. */
		for (p = src; p; p = next_mnt(p, src)) {
			err = set_mnt_shared(p);
			if (err)
				return err;
		}
		if (++prop_gen_next == ~0u)
			prop_gen_next = 1;
		err = propagate_group(dest, mp, src, dest, true, prop_gen_next, &added);
		if (err) {
			/* Undo the copies already made. */
			list_for_each_entry_safe(p, tmp, &added, work_node) {
				list_del_init(&p->work_node);
				umount_tree(p, false);
			}
			return err;
		}
	}
	spin_lock(&mount_lock);
	link_mnt(src, dest, mp);
	spin_unlock(&mount_lock);
	tree_set_ns(src, dest->ns);
	list_for_each_entry_safe(p, tmp, &added, work_node) {
		list_del_init(&p->work_node);
		tree_set_ns(p, p->parent->ns);
	}
	return 0;
}

/*
 * Propagate the mount of source on (origin, mp) to the peer group of
 * member and, recursively, to its slaves. Copies on the origin's peers are
 * peers of source; the first copy in a slave group is a slave of the
 * group's source (and shared if that group is), the others its peers.
 */
static int propagate_group(struct mount *member, struct dentry *mp, struct mount *source,
			   struct mount *origin, bool origin_group, u32 gen,
			   struct list_head *added)
{
	struct mount *x, *s, *first = origin_group ? source : NULL;
	int err;

	x = member;
	do {
		x->prop_gen = gen;
		x = next_peer(x);
	} while (x != member);
	x = member;
	do {
		/* Mounts not yet in a namespace (being made) get nothing. */
		if (x != origin && x->ns && is_subdir(mp, x->mnt.mnt_root)) {
			struct mount *c;

			if (first)
				c = copy_tree(first, first->mnt.mnt_root, 0);
			else
				c = copy_tree(source, source->mnt.mnt_root,
					      CL_SLAVE | (mnt_shared(x) ? CL_MAKE_SHARED : 0));
			if (IS_ERR(c))
				return PTR_ERR(c);
			spin_lock(&mount_lock);
			link_mnt(c, x, mp);
			spin_unlock(&mount_lock);
			list_add_tail(&c->work_node, added);
			if (!first)
				first = c;
		}
		x = next_peer(x);
	} while (x != member);
	x = member;
	do {
		list_for_each_entry(s, &x->slaves, slave_node) {
			if (s->prop_gen == gen)
				continue;
			err = propagate_group(s, mp, first ? first : source, origin, false, gen,
					      added);
			if (err)
				return err;
		}
		x = next_peer(x);
	} while (x != member);
	return 0;
}

/* Every mount receiving propagation from m (m excluded), into out[] (kmalloc'd). */
static int propagation_set(struct mount *m, struct mount ***out, int *n_out)
{
	struct mount **q = NULL;
	int n = 0, cap = 0, i;
	u32 gen;

	if (++prop_gen_next == ~0u)
		prop_gen_next = 1;
	gen = prop_gen_next;
	*out = NULL;
	*n_out = 0;
	if (!mnt_shared(m))
		return 0;
#define PUSH(x)                                                                   \
	do {                                                                      \
		if ((x)->prop_gen != gen) {                                       \
			if (n == cap) {                                           \
				struct mount **nq;                                \
				cap = cap ? cap * 2 : 16;                         \
				nq = kmalloc(cap * sizeof(*nq), GFP_KERNEL);      \
				if (!nq) {                                        \
					kfree(q);                                 \
					return -ENOMEM;                           \
				}                                                 \
				if (q)                                            \
					memcpy(nq, q, n * sizeof(*nq));           \
				kfree(q);                                         \
				q = nq;                                           \
			}                                                         \
			(x)->prop_gen = gen;                                      \
			q[n++] = (x);                                             \
		}                                                                 \
	} while (0)
	PUSH(m);
	for (i = 0; i < n; i++) {
		struct mount *x = q[i], *p, *s;

		for (p = next_peer(x); p != x; p = next_peer(p))
			PUSH(p);
		list_for_each_entry(s, &x->slaves, slave_node)
			PUSH(s);
	}
#undef PUSH
	/* Drop m itself (index 0). */
	memmove(q, q + 1, (n - 1) * sizeof(*q));
	*out = q;
	*n_out = n - 1;
	return 0;
}

/*
 * Detach the tree under m (and, with propagate, the mounts that were
 * propagated where m's parent passes mounts on): out of its namespace,
 * out of the tree, private, and the tree's references dropped: each mount
 * goes when the last user (open file, cwd) lets go. Linux's umount_tree.
 */
static void umount_tree(struct mount *m, bool propagate)
{
	LIST_HEAD(kill);
	struct mount *p, *tmp;

	for (p = m; p; p = next_mnt(p, m))
		list_add_tail(&p->work_node, &kill);
	if (propagate) {
		list_for_each_entry(p, &kill, work_node) {
			struct mount **set;
			int n, i;

			if (p->parent == p || !mnt_shared(p->parent))
				continue;
			if (propagation_set(p->parent, &set, &n))
				continue;   /* XXX: out of memory: the copies stay */
			for (i = 0; i < n; i++) {
				struct mount *c, *k;

				spin_lock(&mount_lock);
				c = __lookup_mnt(set[i], p->mountpoint);
				spin_unlock(&mount_lock);
				if (!c || !list_empty(&c->work_node))
					continue;
				/* Only a copy whose own mounts go too. */
				list_for_each_entry(k, &c->children, child_node)
					if (list_empty(&k->work_node))
						break;
				if (&k->child_node != &c->children)
					continue;
				list_add_tail(&c->work_node, &kill);
			}
			kfree(set);
		}
	}
	list_for_each_entry(p, &kill, work_node) {
		if (p->ns) {
			list_del_init(&p->ns_node);
			p->ns->nr_mounts--;
			p->ns = NULL;
		}
		change_propagation(p, MS_PRIVATE);
		p->expiry_mark = 0;
	}
	spin_lock(&mount_lock);
	list_for_each_entry(p, &kill, work_node) {
		if (p->parent != p)
			unlink_mnt(p);
	}
	spin_unlock(&mount_lock);
	list_for_each_entry_safe(p, tmp, &kill, work_node) {
		list_del_init(&p->work_node);
		drop_old_parent(p);
		mntput_no_expire(p);   /* the tree's reference */
	}
}

/* ---- mount(2) ---- */

/* Attach newm (the caller's reference passes to the tree) on where. */
int do_add_mount(struct vfsmount *newm, const struct path *where)
{
	struct path at = *where;
	struct mount *m = real_mount(newm), *parent;
	int err;

	path_get(&at);
	mutex_lock(&namespace_mutex);
	follow_mount(&at);   /* mount on top of whatever is already there */
	parent = real_mount(at.mnt);
	err = -ENOENT;
	if (!at.dentry->d_inode || (d_unhashed(at.dentry) && at.dentry != at.mnt->mnt_root))
		goto out;
	err = -EINVAL;
	if (!check_mnt(parent))
		goto out;
	/* The same file system on the same spot twice is refused. */
	err = -EBUSY;
	if (at.mnt->mnt_sb == newm->mnt_sb && at.dentry == at.mnt->mnt_root)
		goto out;
	err = -EINVAL;
	if (S_ISLNK(newm->mnt_root->d_inode->i_mode))
		goto out;
	err = -ENOTDIR;
	if (S_ISDIR(at.dentry->d_inode->i_mode) != S_ISDIR(newm->mnt_root->d_inode->i_mode))
		goto out;
	err = attach_recursive(m, parent, at.dentry);
	if (err)
		change_propagation(m, MS_PRIVATE);   /* give back a group id it got */
out:
	mutex_unlock(&namespace_mutex);
	path_put(&at);
	return err;
}

int vfs_mount(const char *source, const char *dir, const char *fstype, unsigned mnt_flags,
	      void *data)
{
	struct file_system_type *t = get_fs_type(fstype);
	struct vfsmount *m;
	struct path p;
	int err;

	if (!t)
		return -ENODEV;
	err = kern_path(dir, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	m = vfs_kern_mount(t, (mnt_flags & MNT_RDONLY) ? SB_RDONLY : 0, source, data);
	if (IS_ERR(m)) {
		path_put(&p);
		return PTR_ERR(m);
	}
	m->mnt_flags = mnt_flags;
	err = do_add_mount(m, &p);
	if (err)
		mntput(m);
	path_put(&p);
	return err;
}

static unsigned ms_to_mnt_flags(unsigned long flags)
{
	unsigned mf = 0;

	/* Linux: relatime unless asked otherwise. */
	if (!(flags & MS_NOATIME))
		mf |= MNT_RELATIME;
	if (flags & MS_NOSUID)
		mf |= MNT_NOSUID;
	if (flags & MS_NODEV)
		mf |= MNT_NODEV;
	if (flags & MS_NOEXEC)
		mf |= MNT_NOEXEC;
	if (flags & MS_NOATIME)
		mf |= MNT_NOATIME;
	if (flags & MS_NODIRATIME)
		mf |= MNT_NODIRATIME;
	if (flags & MS_STRICTATIME)
		mf &= ~(MNT_RELATIME | MNT_NOATIME);
	if (flags & MS_RDONLY)
		mf |= MNT_RDONLY;
	if (flags & MS_NOSYMFOLLOW)
		mf |= MNT_NOSYMFOLLOW;
	return mf;
}

static int do_new_mount(const struct path *p, const char *type, unsigned sb_flags,
			unsigned mnt_flags, const char *dev, void *data)
{
	struct file_system_type *t;
	struct vfsmount *m;
	int err;

	if (!type)
		return -EINVAL;
	t = get_fs_type(type);
	if (!t)
		return -ENODEV;
	m = vfs_kern_mount(t, sb_flags, dev ? dev : "none", data);
	if (IS_ERR(m))
		return PTR_ERR(m);
	/* For file systems that do not look at the flags themselves. */
	if (sb_flags & SB_RDONLY)
		m->mnt_sb->s_flags |= SB_RDONLY;
	m->mnt_flags = mnt_flags;
	err = do_add_mount(m, p);
	if (err)
		mntput(m);
	return err;
}

/* MS_REMOUNT|MS_BIND: the per-mount flags only. */
static int do_reconfigure_mnt(const struct path *p, unsigned mnt_flags)
{
	struct mount *m = real_mount(p->mnt);

	if (!check_mnt(m))
		return -EINVAL;
	if (p->dentry != p->mnt->mnt_root)
		return -EINVAL;
	mutex_lock(&namespace_mutex);
	p->mnt->mnt_flags = mnt_flags;
	mutex_unlock(&namespace_mutex);
	return 0;
}

/* MS_REMOUNT: the super block's flags through the file system, then the mount's. */
static int do_remount(const struct path *p, unsigned sb_flags, unsigned mnt_flags, void *data)
{
	struct mount *m = real_mount(p->mnt);
	struct super_block *sb = p->mnt->mnt_sb;
	unsigned f;
	int err = 0;

	if (!check_mnt(m))
		return -EINVAL;
	if (p->dentry != p->mnt->mnt_root)
		return -EINVAL;
	mutex_lock(&namespace_mutex);
	f = (sb->s_flags & ~SB_RDONLY) | (sb_flags & SB_RDONLY);
	if (sb->s_op && sb->s_op->remount_fs)
		err = sb->s_op->remount_fs(sb, &f, data);
	if (!err) {
		sb->s_flags = (sb->s_flags & ~SB_RDONLY) | (f & SB_RDONLY);
		p->mnt->mnt_flags = mnt_flags;
	}
	mutex_unlock(&namespace_mutex);
	return err;
}

/* The mount point for a new attachment: the top-most mount on p. */
static int lock_mount_point(const struct path *p, struct path *at)
{
	*at = *p;
	path_get(at);
	follow_mount(at);
	if (!at->dentry->d_inode || (d_unhashed(at->dentry) && at->dentry != at->mnt->mnt_root)) {
		path_put(at);
		return -ENOENT;
	}
	return 0;
}

/* MS_BIND (MS_REC: the mounts below too). */
static int do_loopback(const struct path *p, const char *old_name, bool rec)
{
	struct path old, at;
	struct mount *src, *copy, *parent;
	int err;

	if (!old_name || !*old_name)
		return -EINVAL;
	err = kern_path(old_name, LOOKUP_FOLLOW, &old);
	if (err)
		return err;
	mutex_lock(&namespace_mutex);
	err = lock_mount_point(p, &at);
	if (err)
		goto out_unlock;
	parent = real_mount(at.mnt);
	src = real_mount(old.mnt);
	err = -EINVAL;
	if (!check_mnt(parent) || !check_mnt(src))
		goto out;
	if (src->mflags & MNTF_UNBINDABLE)
		goto out;
	err = -ENOTDIR;
	if (S_ISDIR(at.dentry->d_inode->i_mode) != S_ISDIR(old.dentry->d_inode->i_mode))
		goto out;
	if (rec) {
		copy = copy_tree(src, old.dentry, 0);
	} else {
		copy = clone_mnt(src, old.dentry, 0);
	}
	if (IS_ERR(copy)) {
		err = PTR_ERR(copy);
		goto out;
	}
	err = attach_recursive(copy, parent, at.dentry);
	if (err)
		umount_tree(copy, false);
out:
	path_put(&at);
out_unlock:
	mutex_unlock(&namespace_mutex);
	path_put(&old);
	return err;
}

/* MS_SHARED / MS_PRIVATE / MS_SLAVE / MS_UNBINDABLE (MS_REC: the subtree). */
static int do_change_type(const struct path *p, unsigned long flags)
{
	struct mount *m = real_mount(p->mnt), *x;
	unsigned type = flags & ~(MS_REC | MS_SILENT);
	bool rec = flags & MS_REC;
	int err = 0;

	if (p->dentry != p->mnt->mnt_root)
		return -EINVAL;
	/* Exactly one propagation flag and nothing else. */
	if ((type & ~MS_PROPAGATION) || !type || (type & (type - 1)))
		return -EINVAL;
	mutex_lock(&namespace_mutex);
	if (!check_mnt(m)) {
		err = -EINVAL;
		goto out;
	}
	if (type == MS_SHARED) {
		for (x = m; x; x = rec ? next_mnt(x, m) : NULL) {
			err = set_mnt_shared(x);
			if (err)
				goto out;
		}
	}
	for (x = m; x; x = rec ? next_mnt(x, m) : NULL)
		change_propagation(x, type);
out:
	mutex_unlock(&namespace_mutex);
	return err;
}

static bool tree_contains_unbindable(struct mount *m)
{
	struct mount *p;

	for (p = m; p; p = next_mnt(p, m))
		if (p->mflags & MNTF_UNBINDABLE)
			return true;
	return false;
}

/* MS_MOVE: move the mount at old_name (and everything on it) to p. */
static int do_move_mount(const struct path *p, const char *old_name)
{
	struct path old, at;
	struct mount *m, *dest, *x, *old_parent;
	int err;

	if (!old_name || !*old_name)
		return -EINVAL;
	err = kern_path(old_name, LOOKUP_FOLLOW, &old);
	if (err)
		return err;
	mutex_lock(&namespace_mutex);
	err = lock_mount_point(p, &at);
	if (err)
		goto out_unlock;
	m = real_mount(old.mnt);
	dest = real_mount(at.mnt);
	err = -EINVAL;
	if (!check_mnt(dest) || !check_mnt(m))
		goto out;
	if (m->parent == m)
		goto out;   /* a namespace root is not mounted anywhere */
	if (old.dentry != old.mnt->mnt_root)
		goto out;
	if (S_ISDIR(at.dentry->d_inode->i_mode) != S_ISDIR(old.dentry->d_inode->i_mode))
		goto out;
	if (mnt_shared(m->parent))
		goto out;
	if (mnt_shared(dest) && tree_contains_unbindable(m))
		goto out;
	err = -ELOOP;
	for (x = dest; x->parent != x; x = x->parent)
		if (x == m)
			goto out;
	if (x == m)
		goto out;
	/* Take the tree out (without dropping it), then attach it anew. */
	for (x = m; x; x = next_mnt(x, m)) {
		list_del_init(&x->ns_node);
		x->ns->nr_mounts--;
		x->ns = NULL;
	}
	spin_lock(&mount_lock);
	unlink_mnt(m);
	spin_unlock(&mount_lock);
	old_parent = m->old_parent;
	err = attach_recursive(m, dest, at.dentry);
	if (err) {
		/* Put it back where it was. */
		spin_lock(&mount_lock);
		link_mnt(m, old_parent, m->old_mp);
		spin_unlock(&mount_lock);
		tree_set_ns(m, old_parent->ns);
	}
	drop_old_parent(m);
out:
	path_put(&at);
out_unlock:
	mutex_unlock(&namespace_mutex);
	path_put(&old);
	return err;
}

int vfs_do_mount(const char *dev, const char *dir, const char *type, unsigned long flags,
		 void *data)
{
	unsigned mnt_flags, sb_flags;
	struct path p;
	int err;

	err = kern_path(dir, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	err = -EINVAL;
	if (flags & MS_NOUSER)
		goto out;
	err = -EPERM;
	if (!capable_root())
		goto out;
	mnt_flags = ms_to_mnt_flags(flags);
	/* A remount keeps the atime mode unless it names one. */
	if ((flags & MS_REMOUNT) &&
	    !(flags & (MS_NOATIME | MS_NODIRATIME | MS_RELATIME | MS_STRICTATIME))) {
		mnt_flags &= ~MNT_ATIME_MASK;
		mnt_flags |= p.mnt->mnt_flags & MNT_ATIME_MASK;
	}
	sb_flags = flags & (SB_RDONLY);   /* XXX: MS_SYNCHRONOUS, MS_DIRSYNC, MS_LAZYTIME */
	flags &= ~(MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_ACTIVE | MS_BORN | MS_NOATIME |
		   MS_NODIRATIME | MS_RELATIME | MS_KERNMOUNT | MS_STRICTATIME |
		   MS_NOREMOTELOCK | MS_NOSYMFOLLOW);
	if ((flags & (MS_REMOUNT | MS_BIND)) == (MS_REMOUNT | MS_BIND))
		err = do_reconfigure_mnt(&p, mnt_flags);
	else if (flags & MS_REMOUNT)
		err = do_remount(&p, sb_flags, mnt_flags, data);
	else if (flags & MS_BIND)
		err = do_loopback(&p, dev, flags & MS_REC);
	else if (flags & MS_PROPAGATION)
		err = do_change_type(&p, flags);
	else if (flags & MS_MOVE)
		err = do_move_mount(&p, dev);
	else
		err = do_new_mount(&p, type, sb_flags, mnt_flags, dev, data);
out:
	path_put(&p);
	return err;
}

/* ---- umount2 ---- */

/* Busy: users beyond the tree and the caller's `refs`, or mounts on it;
 * the same for the copies propagation would take down with it. */
static bool mount_busy(struct mount *m, int refs)
{
	struct mount **set;
	int n, i;
	bool busy = false;

	if (!list_empty(&m->children) || atomic_read(&m->count) > refs)
		return true;
	if (m->parent == m || !mnt_shared(m->parent))
		return false;
	if (propagation_set(m->parent, &set, &n))
		return true;
	for (i = 0; i < n && !busy; i++) {
		struct mount *c;

		spin_lock(&mount_lock);
		c = __lookup_mnt(set[i], m->mountpoint);
		spin_unlock(&mount_lock);
		if (c && c != m && list_empty(&c->children) && atomic_read(&c->count) > 1)
			busy = true;
	}
	kfree(set);
	return busy;
}

int vfs_umount(const char *dir, int flags)
{
	struct fs_struct *fs = current_fs();
	struct path p;
	struct mount *m;
	bool is_root;
	int err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	err = kern_path(dir, (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	/* The top-most mount where the path ends, also for ".", ".." and "/"
	 * (Linux's LOOKUP_MOUNTPOINT): pivot_root(".", ".") then umount ".". */
	follow_mount(&p);
	m = real_mount(p.mnt);
	mutex_lock(&namespace_mutex);
	err = -EPERM;
	if (!capable_root())
		goto out;
	err = -EINVAL;
	if (p.dentry != p.mnt->mnt_root)
		goto out;
	if (!check_mnt(m))
		goto out;
	spin_lock(&fs->lock);
	is_root = fs->root.mnt == p.mnt;
	spin_unlock(&fs->lock);
	if (flags & MNT_EXPIRE) {
		err = -EINVAL;
		if (is_root || (flags & (MNT_FORCE | MNT_DETACH)))
			goto out;
		err = -EBUSY;
		if (atomic_read(&m->count) != 2)
			goto out;
		err = -EAGAIN;
		if (!__atomic_exchange_n(&m->expiry_mark, 1, __ATOMIC_ACQ_REL))
			goto out;
	}
	if (is_root && !(flags & MNT_DETACH)) {
		/* "Unmounting" one's own root remounts it read-only, as Linux. */
		struct super_block *sb = p.mnt->mnt_sb;
		unsigned f = sb->s_flags | SB_RDONLY;

		err = 0;
		if (!(sb->s_flags & SB_RDONLY)) {
			if (sb->s_op && sb->s_op->remount_fs)
				err = sb->s_op->remount_fs(sb, &f, NULL);
			if (!err)
				sb->s_flags |= SB_RDONLY;
		}
		goto out;
	}
	err = -EINVAL;
	if (m->parent == m)
		goto out;   /* the namespace's root */
	if (flags & MNT_DETACH) {
		umount_tree(m, true);
		err = 0;
		goto out;
	}
	err = -EBUSY;
	if (mount_busy(m, 2))
		goto out;
	umount_tree(m, true);
	err = 0;
out:
	mutex_unlock(&namespace_mutex);
	dput(p.dentry);
	mntput_no_expire(m);
	return err;
}

/* ---- pivot_root ---- */

struct fs_swap {
	struct fs_struct **fs;
	int n, cap;
};

static void collect_fs(struct task *t, void *arg)
{
	struct fs_swap *s = arg;
	unsigned long flags;

	spin_lock_irqsave(&t->proc_lock, flags);
	if (t->fs && s->n < s->cap && t->fs != &init_fs) {
		fs_struct_get(t->fs);
		s->fs[s->n++] = t->fs;
	}
	spin_unlock_irqrestore(&t->proc_lock, flags);
}

static void count_task(struct task *t, void *arg)
{
	(void)t;
	(*(int *)arg)++;
}

/* Every task whose root or cwd is old gets new instead (Linux's chroot_fs_refs). */
static void chroot_fs_refs(const struct path *old, const struct path *new)
{
	struct fs_swap s = { NULL, 0, 0 };
	int i;

	sched_for_each_task(count_task, &s.cap);
	s.cap += 8;
	s.fs = kmalloc(s.cap * sizeof(*s.fs), GFP_KERNEL);
	if (!s.fs)
		return;   /* XXX: out of memory: only the caller's moves below */
	sched_for_each_task(collect_fs, &s);
	for (i = 0; i < s.n; i++) {
		struct fs_struct *fs = s.fs[i];

		if (path_equal(&fs->root, old))
			fs_set_root(fs, new);
		if (path_equal(&fs->pwd, old))
			fs_set_pwd(fs, new);
		fs_struct_put(fs);
	}
	kfree(s.fs);
}

/* Is (m, d) at or below the path `top`? mount_lock held (not dcache_lock). */
static bool path_reachable(struct mount *m, struct dentry *d, const struct path *top)
{
	while (&m->mnt != top->mnt && m->parent != m) {
		d = m->mountpoint;
		m = m->parent;
	}
	return &m->mnt == top->mnt && is_subdir(d, top->dentry);
}

int vfs_pivot_root(const char *new_root, const char *put_old)
{
	struct fs_struct *fs = current_fs();
	struct path new, old, root, at;
	struct mount *new_mnt, *root_mnt, *old_mnt, *ex_parent, *root_parent;
	struct dentry *root_mp, *new_mp;
	int err;

	if (!capable_root())
		return -EPERM;
	err = kern_path(new_root, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &new);
	if (err)
		return err;
	err = kern_path(put_old, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &old);
	if (err)
		goto out_new;
	spin_lock(&fs->lock);
	root = fs->root;
	path_get(&root);
	spin_unlock(&fs->lock);
	mutex_lock(&namespace_mutex);
	err = lock_mount_point(&old, &at);
	if (err)
		goto out_unlock;
	new_mnt = real_mount(new.mnt);
	root_mnt = real_mount(root.mnt);
	old_mnt = real_mount(at.mnt);
	ex_parent = new_mnt->parent;
	root_parent = root_mnt->parent;
	err = -EINVAL;
	if (mnt_shared(old_mnt) || mnt_shared(ex_parent) || mnt_shared(root_parent))
		goto out;
	if (!check_mnt(root_mnt) || !check_mnt(new_mnt))
		goto out;
	err = -ENOENT;
	if (d_unhashed(new.dentry) && new.dentry != new.mnt->mnt_root)
		goto out;
	err = -EBUSY;
	if (new_mnt == root_mnt || old_mnt == root_mnt)
		goto out;   /* on the same mount as the root: a loop */
	err = -EINVAL;
	if (root.dentry != root.mnt->mnt_root)
		goto out;   /* the root is not a mount point */
	if (root_mnt->parent == root_mnt)
		goto out;   /* the namespace's root (rootfs) cannot move: switch_root */
	if (new.dentry != new.mnt->mnt_root)
		goto out;   /* new_root not a mount point */
	if (new_mnt->parent == new_mnt)
		goto out;
	spin_lock(&mount_lock);
	/* put_old must be at or under new_root, new_root under the root. */
	err = -EINVAL;
	if (!path_reachable(old_mnt, at.dentry, &new) ||
	    !path_reachable(new_mnt, new.dentry, &root)) {
		spin_unlock(&mount_lock);
		goto out;
	}
	/* Detach new_root and the root, mount the root on put_old and
	 * new_root where the root was. */
	unlink_mnt(new_mnt);
	new_mp = new_mnt->old_mp;
	unlink_mnt(root_mnt);
	root_mp = root_mnt->old_mp;
	link_mnt(root_mnt, old_mnt, at.dentry);
	link_mnt(new_mnt, root_parent, root_mp);
	spin_unlock(&mount_lock);
	/* The references the unlinks left: the mountpoints and the old parents. */
	dput(new_mp);
	dput(root_mp);
	mntput_no_expire(ex_parent);
	mntput_no_expire(root_parent);
	new_mnt->old_mp = root_mnt->old_mp = NULL;
	new_mnt->old_parent = root_mnt->old_parent = NULL;
	/* ns list order: as Linux, mounts stay where they were. */
	mutex_unlock(&namespace_mutex);
	chroot_fs_refs(&root, &new);
	err = 0;
	path_put(&at);
	goto out_root;
out:
	path_put(&at);
out_unlock:
	mutex_unlock(&namespace_mutex);
out_root:
	path_put(&root);
	path_put(&old);
out_new:
	path_put(&new);
	return err;
}

/* ---- namespaces: the initial one, copies ---- */

struct path vfs_root_path(void)
{
	struct path p = { &init_mnt_ns.root->mnt, init_mnt_ns.root->mnt.mnt_root };

	path_get(&p);
	return p;
}

/* Mount tmpfs as the root of everything. */
void mnt_init(void)
{
	struct vfsmount *m = vfs_kern_mount(&tmpfs_type, 0, "rootfs", (void *)"mode=0755");

	if (IS_ERR(m))
		panic("vfs: cannot mount the root tmpfs (%ld)", PTR_ERR(m));
	m->mnt_flags = 0;
	init_mnt_ns.root = real_mount(m);
	tree_set_ns(init_mnt_ns.root, &init_mnt_ns);
}

struct mnt_namespace *copy_mnt_ns(struct mnt_namespace *old_ns, struct fs_struct *fs)
{
	struct mnt_namespace *ns = kzalloc(sizeof(*ns), GFP_KERNEL);
	struct mount *copy, *p;
	struct path root, pwd;
	bool set_root = false, set_pwd = false;

	if (!ns)
		return ERR_PTR(-ENOMEM);
	if (!old_ns)
		old_ns = &init_mnt_ns;
	ns->count = 1;
	INIT_LIST_HEAD(&ns->mounts);
	mutex_lock(&namespace_mutex);
	ns->inum = ns_alloc_inum();
	for (p = old_ns->root; p; p = next_mnt(p, old_ns->root))
		p->copy = NULL;
	copy = copy_tree(old_ns->root, old_ns->root->mnt.mnt_root, CL_COPY_UNBINDABLE);
	if (IS_ERR(copy)) {
		mutex_unlock(&namespace_mutex);
		kfree(ns);
		return ERR_PTR(PTR_ERR(copy));
	}
	ns->root = copy;
	tree_set_ns(copy, ns);
	/* The caller's root and cwd move to the corresponding copies. */
	if (fs) {
		spin_lock(&fs->lock);
		root = fs->root;
		pwd = fs->pwd;
		path_get(&root);
		path_get(&pwd);
		spin_unlock(&fs->lock);
		if (real_mount(root.mnt)->ns == old_ns && real_mount(root.mnt)->copy) {
			mntput(root.mnt);
			root.mnt = mntget(&real_mount(root.mnt)->copy->mnt);
			set_root = true;
		}
		if (real_mount(pwd.mnt)->ns == old_ns && real_mount(pwd.mnt)->copy) {
			mntput(pwd.mnt);
			pwd.mnt = mntget(&real_mount(pwd.mnt)->copy->mnt);
			set_pwd = true;
		}
	}
	mutex_unlock(&namespace_mutex);
	if (fs) {
		if (set_root)
			fs_set_root(fs, &root);
		if (set_pwd)
			fs_set_pwd(fs, &pwd);
		path_put(&root);
		path_put(&pwd);
	}
	return ns;
}

/*
 * setns(fd, CLONE_NEWNS) once there is an fd for a namespace: current
 * joins ns, its root and cwd become ns's root (Linux's mntns_install).
 * The caller has checked privilege; -EINVAL if the fs_struct is shared
 * (CLONE_FS) as Linux.
 */
int mnt_ns_enter(struct mnt_namespace *ns)
{
	struct task *t = current;
	struct mnt_namespace *old;
	struct path root;
	unsigned long flags;

	if (!ns)
		ns = &init_mnt_ns;
	if (!t->fs || __atomic_load_n(&t->fs->users, __ATOMIC_ACQUIRE) > 1)
		return -EINVAL;
	if (ns != &init_mnt_ns)
		get_mnt_ns(ns);
	mutex_lock(&namespace_mutex);
	root.mnt = mntget(&ns->root->mnt);
	root.dentry = dget(ns->root->mnt.mnt_root);
	mutex_unlock(&namespace_mutex);
	follow_mount(&root);   /* the top of what is mounted on the root */
	spin_lock_irqsave(&t->proc_lock, flags);
	old = t->mnt_ns;
	t->mnt_ns = ns == &init_mnt_ns ? NULL : ns;
	spin_unlock_irqrestore(&t->proc_lock, flags);
	fs_set_pwd(t->fs, &root);
	fs_set_root(t->fs, &root);
	path_put(&root);
	put_mnt_ns(old);
	return 0;
}

/* ---- /proc/[pid]/ns/mnt and setns ---- */

static void *mntns_get(struct task *t)
{
	struct mnt_namespace *ns = NULL;
	unsigned long flags;

	spin_lock_irqsave(&t->proc_lock, flags);
	if (nsfs_task_has_ns(t)) {
		ns = t->mnt_ns ? t->mnt_ns : &init_mnt_ns;
		get_mnt_ns(ns);
	}
	spin_unlock_irqrestore(&t->proc_lock, flags);
	return ns;
}

static void mntns_put(void *ns)
{
	put_mnt_ns(ns);
}

static u32 mntns_inum(void *ns)
{
	return (u32)((struct mnt_namespace *)ns)->inum;
}

static int mntns_install(void *ns)
{
	return mnt_ns_enter(ns);
}

const struct proc_ns_operations mntns_operations = {
	.name = "mnt",
	.real_name = "mnt",
	.type = CLONE_NEWNS,
	.get = mntns_get,
	.put = mntns_put,
	.inum = mntns_inum,
	.install = mntns_install,
};

/* Every attached mount of every namespace, in id order (no lock held while fn runs). */
int vfs_for_each_mount(int (*fn)(struct vfsmount *m, const char *devname, void *arg), void *arg)
{
	u32 last = 0;
	int ret = 0;

	for (;;) {
		struct mount *m, *pick = NULL;

		spin_lock(&mount_lock);
		list_for_each_entry(m, &all_mounts, all_node) {
			if (m->id > last && m->ns && (!pick || m->id < pick->id))
				pick = m;
		}
		if (pick)
			mntget(&pick->mnt);
		spin_unlock(&mount_lock);
		if (!pick)
			break;
		last = pick->id;
		ret = fn(&pick->mnt, pick->devname, arg);
		mntput(&pick->mnt);
		if (ret)
			break;
	}
	return ret;
}

/* ---- /proc/[pid]/mounts and mountinfo ---- */

/*
 * The path of d (in m) as seen from root, written backwards ending at end;
 * NULL when it is not reachable from root (Linux hides those mounts).
 * mount_lock and dcache_lock held.
 */
static char *path_from_root(struct mount *m, struct dentry *d, const struct path *root,
			    char *buf, char *end)
{
	char *p = end;

	*--p = 0;
	for (;;) {
		if (&m->mnt == root->mnt && d == root->dentry)
			break;
		if (d == m->mnt.mnt_root) {
			if (m->parent == m)
				return NULL;
			d = m->mountpoint;
			m = m->parent;
			continue;
		}
		if (d->d_parent == d)
			return NULL;   /* a root not at its mount's root: detached */
		if ((size_t)(p - buf) < d->d_name.len + 2)
			return ERR_PTR(-ENAMETOOLONG);
		p -= d->d_name.len;
		memcpy(p, d->d_name.name, d->d_name.len);
		*--p = '/';
		d = d->d_parent;
	}
	if (!*p)
		*--p = '/';
	return p;
}

/* The path of d inside its file system (mountinfo's root field). */
static char *dentry_path(struct dentry *d, char *buf, char *end)
{
	char *p = end;

	*--p = 0;
	while (d->d_parent != d) {
		if ((size_t)(p - buf) < d->d_name.len + 2)
			return ERR_PTR(-ENAMETOOLONG);
		p -= d->d_name.len;
		memcpy(p, d->d_name.name, d->d_name.len);
		*--p = '/';
		d = d->d_parent;
	}
	if (!*p)
		*--p = '/';
	return p;
}

static void show_mnt_opts(struct seq_file *m, unsigned f)
{
	if (f & MNT_NOSUID)
		seq_puts(m, ",nosuid");
	if (f & MNT_NODEV)
		seq_puts(m, ",nodev");
	if (f & MNT_NOEXEC)
		seq_puts(m, ",noexec");
	if (f & MNT_NOATIME)
		seq_puts(m, ",noatime");
	if (f & MNT_NODIRATIME)
		seq_puts(m, ",nodiratime");
	if (f & MNT_RELATIME)
		seq_puts(m, ",relatime");
	if (f & MNT_NOSYMFOLLOW)
		seq_puts(m, ",nosymfollow");
}

/* The peer group of the nearest master with a member visible from root
 * (mountinfo's propagate_from), or 0. */
static u32 dominating_id(struct mount *m, const struct path *root)
{
	struct mount *master, *p;
	bool ok;

	for (master = m->master; master; master = master->master) {
		p = master;
		do {
			if (p->ns == m->ns) {
				spin_lock(&mount_lock);
				ok = path_reachable(p, p->mnt.mnt_root, root);
				spin_unlock(&mount_lock);
				if (ok)
					return master->group_id;
			}
			p = list_empty(&p->share) ? p : next_peer(p);
		} while (p != master);
	}
	return 0;
}

static void show_one(struct seq_file *s, struct mount *mnt, const struct path *root, bool info,
		     char *buf)
{
	struct super_block *sb = mnt->mnt.mnt_sb;
	char *mp, *rp = NULL;

	spin_lock(&mount_lock);
	spin_lock(&dcache_lock);
	mp = path_from_root(mnt, mnt->mnt.mnt_root, root, buf, buf + PATH_MAX);
	if (info && mp && !IS_ERR(mp))
		rp = dentry_path(mnt->mnt.mnt_root, buf + PATH_MAX, buf + 2 * PATH_MAX);
	spin_unlock(&dcache_lock);
	spin_unlock(&mount_lock);
	if (!mp || IS_ERR(mp) || IS_ERR(rp))
		return;
	if (info) {
		seq_printf(s, "%u %u %u:%u ", mnt->id, mnt->parent->id, MAJOR(sb->s_dev),
			   MINOR(sb->s_dev));
		seq_escape(s, rp, " \t\n\\");
		seq_putc(s, ' ');
		seq_escape(s, mp, " \t\n\\");
		seq_puts(s, (mnt->mnt.mnt_flags & MNT_RDONLY) ? " ro" : " rw");
		show_mnt_opts(s, mnt->mnt.mnt_flags);
		if (mnt_shared(mnt))
			seq_printf(s, " shared:%u", mnt->group_id);
		if (mnt->master) {
			u32 master = mnt->master->group_id, dom = dominating_id(mnt, root);

			seq_printf(s, " master:%u", master);
			if (dom && dom != master)
				seq_printf(s, " propagate_from:%u", dom);
		}
		if (mnt->mflags & MNTF_UNBINDABLE)
			seq_puts(s, " unbindable");
		seq_puts(s, " - ");
		seq_escape(s, sb->s_type->name, " \t\n\\");
		seq_putc(s, ' ');
		seq_escape(s, mnt->devname, " \t\n\\");
		seq_puts(s, (sb->s_flags & SB_RDONLY) ? " ro" : " rw");
		if (sb->s_op && sb->s_op->show_options)
			sb->s_op->show_options(s, sb);
		seq_putc(s, '\n');
	} else {
		seq_escape(s, mnt->devname, " \t\n\\");
		seq_putc(s, ' ');
		seq_escape(s, mp, " \t\n\\");
		seq_putc(s, ' ');
		seq_escape(s, sb->s_type->name, " \t\n\\");
		seq_puts(s, mnt_readonly(&mnt->mnt) ? " ro" : " rw");
		show_mnt_opts(s, mnt->mnt.mnt_flags);
		if (sb->s_op && sb->s_op->show_options)
			sb->s_op->show_options(s, sb);
		seq_puts(s, " 0 0\n");
	}
}

static int show_mounts(struct seq_file *s, struct task *t, bool info)
{
	struct mnt_namespace *ns;
	struct path root = { NULL, NULL };
	unsigned long flags;
	struct mount *mnt;
	char *buf;

	if (!t)
		t = current;
	spin_lock_irqsave(&t->proc_lock, flags);
	ns = t->mnt_ns ? t->mnt_ns : &init_mnt_ns;
	get_mnt_ns(ns);
	{
		/* Kernel threads use the initial fs_struct; an exited task has none. */
		struct fs_struct *fs = t->fs ? t->fs : (t->flags & PF_KTHREAD) ? &init_fs : NULL;

		if (fs) {
			spin_lock(&fs->lock);
			root = fs->root;
			path_get(&root);
			spin_unlock(&fs->lock);
		}
	}
	spin_unlock_irqrestore(&t->proc_lock, flags);
	if (!root.mnt) {
		put_mnt_ns(ns);
		return 0;   /* an exited task shows nothing, as Linux */
	}
	buf = kmalloc(2 * PATH_MAX, GFP_KERNEL);
	if (!buf) {
		path_put(&root);
		put_mnt_ns(ns);
		return -ENOMEM;
	}
	mutex_lock(&namespace_mutex);
	list_for_each_entry(mnt, &ns->mounts, ns_node)
		show_one(s, mnt, &root, info, buf);
	mutex_unlock(&namespace_mutex);
	kfree(buf);
	path_put(&root);
	put_mnt_ns(ns);
	return 0;
}

int vfs_show_mounts(struct seq_file *m, struct task *t)
{
	return show_mounts(m, t, false);
}

int vfs_show_mountinfo(struct seq_file *m, struct task *t)
{
	return show_mounts(m, t, true);
}

static int sync_one(struct vfsmount *vm, const char *devname, void *arg)
{
	struct super_block *sb = vm->mnt_sb;

	(void)devname;
	if (sb->s_op && sb->s_op->sync_fs && !(sb->s_flags & SB_RDONLY))
		sb->s_op->sync_fs(sb, *(bool *)arg);
	return 0;
}

/* XXX: a super block mounted twice is synced twice. */
void vfs_sync_all(bool wait)
{
	vfs_for_each_mount(sync_one, &wait);
}
