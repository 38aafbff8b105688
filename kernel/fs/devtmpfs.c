/*
 * Character devices and devtmpfs. Drivers register (major, minor, name,
 * mode, fops) with chrdev_register; the table maps a device number to its
 * file operations, so a device node made anywhere (mknod in tmpfs too)
 * opens the driver. devtmpfs is one tmpfs instance, mounted at /dev by
 * vfs_init, in which every registered device gets its node; a device
 * registered before devtmpfs exists gets its node when devtmpfs starts.
 *
 * chrdev_lock (spinlock) guards the table; devtmpfs_mutex serializes node
 * creation in the devtmpfs tree.
 */
#include "internal.h"

struct chrdev {
	dev_t dev;
	const struct file_operations *fops;
	char *name;
	umode_t mode;
	struct chrdev *next;
};

static DEFINE_SPINLOCK(chrdev_lock);
static struct chrdev *chrdevs;             /* chrdev_lock */
static struct super_block *devtmpfs_sb;   /* set once by devtmpfs_init */
static DEFINE_MUTEX(devtmpfs_mutex);

const struct file_operations *chrdev_lookup(dev_t dev)
{
	const struct file_operations *fops = NULL;
	struct chrdev *c;

	spin_lock(&chrdev_lock);
	for (c = chrdevs; c; c = c->next) {
		if (c->dev == dev) {
			fops = c->fops;
			break;
		}
	}
	spin_unlock(&chrdev_lock);
	return fops;
}

int chrdev_open(struct inode *inode, struct file *f)
{
	const struct file_operations *fops;

	if (!S_ISCHR(inode->i_mode))
		return -ENXIO;   /* XXX: block devices */
	fops = chrdev_lookup(inode->i_rdev);
	if (!fops)
		return -ENXIO;
	f->f_op = fops;
	if (!fops->llseek)
		f->f_mode &= ~FMODE_LSEEK;
	if (fops->open)
		return fops->open(inode, f);
	return 0;
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};

/* Make the node for a device in devtmpfs (mkdir -p for names with '/'). */
static int devtmpfs_create_node(const char *name, umode_t mode, dev_t dev)
{
	struct dentry *dir, *d;
	const char *p = name;
	int err = 0;

	if (!devtmpfs_sb)
		return 0;
	mutex_lock(&devtmpfs_mutex);
	dir = dget(devtmpfs_sb->s_root);
	for (;;) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		struct inode *di = dir->d_inode;

		if (!len || len > NAME_MAX) {
			err = -EINVAL;
			break;
		}
		mutex_lock(&di->i_mutex);
		d = lookup_one_locked(dir, p, len);
		if (IS_ERR(d)) {
			mutex_unlock(&di->i_mutex);
			err = PTR_ERR(d);
			break;
		}
		if (!slash) {
			if (d->d_inode)
				err = -EEXIST;
			else
				err = di->i_op->mknod(di, d, ((mode & S_IFMT) ? (mode & S_IFMT) : S_IFCHR) |
						      (mode & S_IALLUGO), dev);
			if (!err) {
				d->d_inode->i_uid = 0;
				d->d_inode->i_gid = 0;
			}
			mutex_unlock(&di->i_mutex);
			dput(d);
			break;
		}
		if (!d->d_inode) {
			err = di->i_op->mkdir(di, d, S_IFDIR | 0755);
			if (!err) {
				d->d_inode->i_uid = 0;
				d->d_inode->i_gid = 0;
			}
		}
		mutex_unlock(&di->i_mutex);
		if (err) {
			dput(d);
			break;
		}
		dput(dir);
		dir = d;
		p = slash + 1;
	}
	dput(dir);
	mutex_unlock(&devtmpfs_mutex);
	return err;
}

int chrdev_register(unsigned major, unsigned minor, const char *name, umode_t mode,
		    const struct file_operations *fops)
{
	struct chrdev *c = kzalloc(sizeof(*c), GFP_KERNEL), *p;
	dev_t dev = MKDEV(major, minor);

	if (!c)
		return -ENOMEM;
	c->name = kstrdup(name, GFP_KERNEL);
	if (!c->name) {
		kfree(c);
		return -ENOMEM;
	}
	c->dev = dev;
	c->fops = fops;
	c->mode = mode;
	spin_lock(&chrdev_lock);
	for (p = chrdevs; p; p = p->next) {
		if (p->dev == dev) {
			spin_unlock(&chrdev_lock);
			kfree(c->name);
			kfree(c);
			return -EBUSY;
		}
	}
	c->next = chrdevs;
	chrdevs = c;
	spin_unlock(&chrdev_lock);
	if (name && *name)
		devtmpfs_create_node(name, mode, dev);
	return 0;
}

/* Remove a device's node from devtmpfs (names with '/' walk down). */
static void devtmpfs_remove_node(const char *name)
{
	struct dentry *dir, *d;
	const char *p = name;

	if (!devtmpfs_sb)
		return;
	mutex_lock(&devtmpfs_mutex);
	dir = dget(devtmpfs_sb->s_root);
	for (;;) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		struct inode *di = dir->d_inode;

		if (!len || len > NAME_MAX)
			break;
		mutex_lock(&di->i_mutex);
		d = lookup_one_locked(dir, p, len);
		if (IS_ERR(d)) {
			mutex_unlock(&di->i_mutex);
			break;
		}
		if (!slash) {
			if (d->d_inode && (S_ISCHR(d->d_inode->i_mode) || S_ISBLK(d->d_inode->i_mode)) &&
			    di->i_op->unlink) {
				struct inode *inode = d->d_inode;

				mutex_lock(&inode->i_mutex);
				if (!di->i_op->unlink(di, d))
					d_drop(d);
				mutex_unlock(&inode->i_mutex);
			}
			mutex_unlock(&di->i_mutex);
			dput(d);
			break;
		}
		mutex_unlock(&di->i_mutex);
		if (!d->d_inode) {
			dput(d);
			break;
		}
		dput(dir);
		dir = d;
		p = slash + 1;
	}
	dput(dir);
	mutex_unlock(&devtmpfs_mutex);
}

/* Block devices (kernel/block) make and remove their nodes here too. */
int devtmpfs_mknode(const char *name, umode_t mode, dev_t dev)
{
	return devtmpfs_create_node(name, mode, dev);
}

void devtmpfs_rmnode(const char *name)
{
	devtmpfs_remove_node(name);
}

/* The device goes away: opening a node that is left (mknod elsewhere)
 * gives ENXIO; open files keep their file operations. */
void chrdev_unregister(unsigned major, unsigned minor)
{
	dev_t dev = MKDEV(major, minor);
	struct chrdev **pp, *c = NULL;

	spin_lock(&chrdev_lock);
	for (pp = &chrdevs; *pp; pp = &(*pp)->next) {
		if ((*pp)->dev == dev) {
			c = *pp;
			*pp = c->next;
			break;
		}
	}
	spin_unlock(&chrdev_lock);
	if (!c)
		return;
	if (c->name && *c->name)
		devtmpfs_remove_node(c->name);
	kfree(c->name);
	kfree(c);
}

/* devtmpfs: every mount shares the one tree. */
static struct super_block *devtmpfs_mount(struct file_system_type *t, int flags,
					  const char *source, void *data)
{
	if (!devtmpfs_sb)
		return ERR_PTR(-ENODEV);
	atomic_inc(&devtmpfs_sb->s_active);
	return devtmpfs_sb;
}

struct file_system_type devtmpfs_type = {
	.name = "devtmpfs",
	.mount = devtmpfs_mount,
};

void devtmpfs_init(void)
{
	struct vfsmount *m = vfs_kern_mount(&tmpfs_type, 0, "devtmpfs", (void *)"mode=0755");
	struct chrdev *c;

	if (IS_ERR(m))
		panic("devtmpfs: cannot make its tmpfs (%ld)", PTR_ERR(m));
	devtmpfs_sb = m->mnt_sb;
	atomic_inc(&devtmpfs_sb->s_active);   /* devtmpfs keeps it for good */
	mntput(m);
	register_filesystem(&devtmpfs_type);

	/* Nodes for devices registered before we existed. The list only
	 * grows at the head, so walking it unlocked from a snapshot is safe. */
	spin_lock(&chrdev_lock);
	c = chrdevs;
	spin_unlock(&chrdev_lock);
	for (; c; c = c->next)
		if (c->name && *c->name)
			devtmpfs_create_node(c->name, c->mode, c->dev);
}
