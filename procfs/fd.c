/*
 * /proc/[pid]/fd/ and fdinfo/: one entry per open descriptor, looked up in
 * the task's fd table each time. fd/N is a symlink whose text is the
 * file's path, or "pipe:[ino]", "socket:[ino]", "anon_inode:[eventfd]"
 * for unnamed files, as Linux writes them.
 * The links are "magic" (get_link_path): following one reaches the very
 * file, even a pipe or a deleted file, as on Linux.
 */
#include <linuxabi/uapi/fcntl.h>

#include "internal.h"

#define PIPEFS_MAGIC 0x50495045
#define NSFS_MAGIC 0x6e736673

static struct file *pid_fget(struct proc_inode *pi, int fd)
{
	struct task *t = proc_get_task(pi);
	struct files_struct *files;
	struct file *f;

	if (!t)
		return NULL;
	files = proc_task_files(t);
	task_put(t);
	if (!files)
		return NULL;
	f = files_lookup_fd(files, fd);
	files_put(files);
	return f;
}

/* The lowest open fd >= from, or -1; *cloexec its close-on-exec bit. */
static int pid_next_fd(struct proc_inode *pi, int from, bool *cloexec)
{
	struct task *t = proc_get_task(pi);
	struct files_struct *files;
	int found = -1;

	if (!t)
		return -1;
	files = proc_task_files(t);
	task_put(t);
	if (!files)
		return -1;
	spin_lock(&files->lock);
	for (unsigned fd = from < 0 ? 0 : from; fd < files->max_fds; fd++) {
		if ((unsigned long)files->fd[fd] > 1) {   /* not free, not FD_RESERVED */
			found = fd;
			if (cloexec)
				*cloexec = files->close_on_exec[fd / 64] & (1UL << (fd % 64));
			break;
		}
	}
	spin_unlock(&files->lock);
	files_put(files);
	return found;
}

char *proc_file_name(struct file *f, char *buf, size_t len)
{
	struct inode *inode = f->f_inode;

	if (f->f_path.mnt->mnt_sb->s_magic == PIPEFS_MAGIC) {
		if (S_ISFIFO(inode->i_mode))
			snprintf(buf, len, "pipe:[%llu]", (unsigned long long)inode->i_ino);
		else if (S_ISSOCK(inode->i_mode))
			snprintf(buf, len, "socket:[%llu]", (unsigned long long)inode->i_ino);
		else
			snprintf(buf, len, "anon_inode:%s", f->f_path.dentry->d_name.name);
		return buf;
	}
	if (f->f_path.mnt->mnt_sb->s_magic == NSFS_MAGIC) {
		/* Linux: "uts:[4026531838]", the name nsfs gave it */
		snprintf(buf, len, "%s", f->f_path.dentry->d_name.name);
		return buf;
	}
	return d_path(f->f_path.mnt, f->f_path.dentry, buf, len);
}

static char *fd_link(struct proc_inode *pi, char *buf, size_t len)
{
	struct task *t = proc_get_task(pi);
	struct file *f;
	char *p;

	if (!t)
		return ERR_PTR(-ENOENT);
	if (!proc_may_access(t)) {
		task_put(t);
		return ERR_PTR(-EACCES);
	}
	task_put(t);
	f = pid_fget(pi, pi->fd);
	if (!f)
		return ERR_PTR(-ENOENT);
	p = proc_file_name(f, buf, len);
	fput(f);
	return p;
}

static int fd_path(struct proc_inode *pi, struct path *out)
{
	struct task *t = proc_get_task(pi);
	struct file *f;

	if (!t)
		return -ENOENT;
	if (!proc_may_access(t)) {
		task_put(t);
		return -EACCES;
	}
	task_put(t);
	f = pid_fget(pi, pi->fd);
	if (!f)
		return -ENOENT;
	*out = f->f_path;
	path_get(out);
	fput(f);
	return 0;
}

static int fdinfo_show(struct seq_file *m, struct proc_inode *pi)
{
	struct file *f = pid_fget(pi, pi->fd);
	bool cloexec = false;
	unsigned flags;

	if (!f)
		return -ENOENT;
	pid_next_fd(pi, pi->fd, &cloexec);
	flags = f->f_flags;
	if (cloexec)
		flags |= LINUX_O_CLOEXEC;
	seq_printf(m, "pos:\t%llu\nflags:\t0%o\nmnt_id:\t%u\nino:\t%llu\n",
		   (unsigned long long)f->f_pos, flags, mnt_id(f->f_path.mnt),
		   (unsigned long long)f->f_inode->i_ino);
	pidfd_show_fdinfo(m, f);     /* Linux's pidfd_show_fdinfo: "Pid:" */
	fput(f);
	return 0;
}

static const struct proc_entry fd_link_entry = PROC_MAGIC("fd", fd_link, fd_path);
static const struct proc_entry fdinfo_entry = {
	.name = "fdinfo", .mode = S_IFREG | 0444, .show = fdinfo_show,
};

static struct dentry *fd_lookup_common(struct inode *dir, struct dentry *d, bool info)
{
	struct proc_inode *pdir = PROC_I(dir);
	struct inode *inode;
	struct file *f;
	int fd;

	if (!proc_parse_num(&d->d_name, &fd))
		return ERR_PTR(-ENOENT);
	f = pid_fget(pdir, fd);
	if (!f)
		return ERR_PTR(-ENOENT);
	inode = proc_make_inode(dir->i_sb, info ? &fdinfo_entry : &fd_link_entry, pdir->pid,
				pdir->tid, fd, pdir->flags);
	if (inode && !info) {
		/* lr-x------ for a read-only open, l-wx------ write-only, lrwx------ both */
		inode->i_mode = S_IFLNK | ((f->f_mode & FMODE_READ) ? 0500 : 0100) |
				((f->f_mode & FMODE_WRITE) ? 0200 : 0);
	}
	fput(f);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	proc_d_add(d, inode, true);
	return NULL;
}

static struct dentry *fd_lookup(struct inode *dir, struct dentry *d, unsigned flags)
{
	return fd_lookup_common(dir, d, false);
}

static struct dentry *fdinfo_lookup(struct inode *dir, struct dentry *d, unsigned flags)
{
	return fd_lookup_common(dir, d, true);
}

static int fd_readdir_common(struct file *f, struct dir_context *ctx, bool info)
{
	struct proc_inode *pi = PROC_I(f->f_inode);
	char name[16];

	if (!dir_emit_dots(f, ctx))
		return 0;
	for (;;) {
		int fd = pid_next_fd(pi, ctx->pos - 2, NULL);

		if (fd < 0)
			break;
		snprintf(name, sizeof(name), "%d", fd);
		if (!proc_fill_entry(ctx, name, fd + 2,
				     proc_ino(pi->tid, fd, info ? &fdinfo_entry : &fd_link_entry),
				     info ? S_IFREG : S_IFLNK))
			break;
	}
	return 0;
}

static int fd_readdir(struct file *f, struct dir_context *ctx)
{
	return fd_readdir_common(f, ctx, false);
}

static int fdinfo_readdir(struct file *f, struct dir_context *ctx)
{
	return fd_readdir_common(f, ctx, true);
}

const struct inode_operations proc_fd_iops = { .lookup = fd_lookup, .setattr = proc_setattr };
const struct inode_operations proc_fdinfo_iops = {
	.lookup = fdinfo_lookup,
	.setattr = proc_setattr,
};
const struct file_operations proc_fd_fops = {
	.iterate = fd_readdir,
	.llseek = dcache_dir_llseek,
};
const struct file_operations proc_fdinfo_fops = {
	.iterate = fdinfo_readdir,
	.llseek = dcache_dir_llseek,
};
