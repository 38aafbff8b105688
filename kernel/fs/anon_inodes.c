/*
 * Anonymous-inode files: epoll, eventfd, timerfd and signalfd descriptors
 * are not reached through any path. Each gets a fresh inode of the pseudo
 * filesystem (where pipes live) whose mode is 0600 with no file-type bits,
 * which is what fstat shows for Linux's anon_inode files; the name ("[eventfd]")
 * is what readlink of /proc/PID/fd shows after "anon_inode:".
 *
 * XXX: Linux shares one inode among all anon files (same st_ino); here each
 * file has its own.
 */
#include <kernel/eventpoll.h>

#include "internal.h"

struct file *anon_inode_getfile(const char *name, const struct file_operations *fops,
				void *priv, unsigned flags)
{
	const struct cred *c = current_cred();
	struct inode *inode = new_inode(pseudo_mnt()->mnt_sb);
	struct file *f;

	if (!inode)
		return ERR_PTR(-ENFILE);
	inode->i_mode = S_IRUSR | S_IWUSR;
	inode->i_uid = c ? c->fsuid : 0;
	inode->i_gid = c ? c->fsgid : 0;
	inode->i_fop = fops;
	f = alloc_file_pseudo(inode, name, flags, fops);
	if (IS_ERR(f)) {
		iput(inode);
		return f;
	}
	f->private_data = priv;
	return f;
}
