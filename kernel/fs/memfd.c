/*
 * memfd_create(2) and file seals (Linux's mm/memfd.c). A memfd is a
 * regular tmpfs file with no name in any directory: it lives on an
 * internal tmpfs instance, under an unhashed dentry "memfd:NAME", so that
 * d_path (and so /proc/PID/fd) shows "/memfd:NAME (deleted)" as Linux
 * does. Every tmpfs inode carries seals; only memfds made with
 * MFD_ALLOW_SEALING (or MFD_NOEXEC_SEAL) start without F_SEAL_SEAL, so
 * F_ADD_SEALS works on them alone, and F_GET_SEALS reports F_SEAL_SEAL on
 * any other tmpfs file, as on Linux.
 *
 * The seals are enforced where the change happens: write, truncate and
 * fallocate in tmpfs.c, chmod of the exec bits in tmpfs_setattr, shared
 * writable mappings in memfd_mmap_check (called by vm_mmap).
 */
#include <kernel/memfd.h>
#include <kernel/vm.h>
#include <linuxabi/uapi/memfd.h>

#include "tmpfs_internal.h"
#include "../mm/vm_internal.h"

#define F_ALL_SEALS                                                                   \
	(LINUX_F_SEAL_SEAL | LINUX_F_SEAL_SHRINK | LINUX_F_SEAL_GROW | LINUX_F_SEAL_WRITE | \
	 LINUX_F_SEAL_FUTURE_WRITE | LINUX_F_SEAL_EXEC)

struct file *memfd_create_file(const char *name, unsigned flags)
{
	struct vfsmount *mnt = tmpfs_internal_mnt();
	umode_t mode = S_IFREG | 0777;
	struct inode *inode;
	struct dentry *d;
	struct path p;
	struct file *f;
	char *full;

	if (!mnt)
		return ERR_PTR(-ENOMEM);
	/* MFD_NOEXEC_SEAL: not executable, and sealed so (it implies
	 * MFD_ALLOW_SEALING). XXX: vm.memfd_noexec is always 0 here. */
	if (flags & LINUX_MFD_NOEXEC_SEAL)
		mode &= ~0111;
	full = kmalloc(strlen(LINUX_MFD_NAME_PREFIX) + strlen(name) + 1, GFP_KERNEL);
	if (!full)
		return ERR_PTR(-ENOMEM);
	strcpy(full, LINUX_MFD_NAME_PREFIX);
	strcat(full, name);
	inode = tmpfs_get_inode(mnt->mnt_sb, NULL, mode, 0);
	if (!inode) {
		kfree(full);
		return ERR_PTR(-ENOSPC);
	}
	set_nlink(inode, 0);
	if (flags & LINUX_MFD_NOEXEC_SEAL)
		TMPFS_I(inode)->seals = LINUX_F_SEAL_EXEC;
	else if (flags & LINUX_MFD_ALLOW_SEALING)
		TMPFS_I(inode)->seals = 0;
	d = d_alloc_name(mnt->mnt_root, full);
	kfree(full);
	if (!d) {
		iput(inode);
		return ERR_PTR(-ENOMEM);
	}
	d_instantiate(d, inode);   /* unhashed: no path reaches it */
	p.mnt = mnt;
	p.dentry = d;
	f = vfs_open_path(&p, LINUX_O_RDWR | LINUX_O_LARGEFILE);
	dput(d);
	return f;
}

/* Does any shared mapping that may be written map inode? Linux counts
 * them on the mapping (i_mmap_writable); here the caller's own address
 * space is searched. XXX: mappings in other processes are not seen. */
static bool mapped_writable(struct inode *inode)
{
	struct mm *mm = current ? current->mm : NULL;
	bool found = false;

	if (!mm)
		return false;
	mutex_lock(&mm->lock);
	for (struct vma *v = vm_first_vma(mm); v; v = vma_next(v)) {
		if (v->file && v->file->f_inode == inode && (v->flags & VM_SHARED) &&
		    (v->flags & VM_MAYWRITE)) {
			found = true;
			break;
		}
	}
	mutex_unlock(&mm->lock);
	return found;
}

static long memfd_add_seals(struct file *f, unsigned seals)
{
	struct inode *inode = f->f_inode;
	struct tmpfs_inode *ti;
	long err = 0;

	/* Sealing needs a writable descriptor, even before the file type. */
	if (!(f->f_mode & FMODE_WRITE))
		return -EPERM;
	if (!is_tmpfs_inode(inode) || !S_ISREG(inode->i_mode))
		return -EINVAL;
	if (seals & ~F_ALL_SEALS)
		return -EINVAL;
	ti = TMPFS_I(inode);
	mutex_lock(&inode->i_mutex);
	if (ti->seals & LINUX_F_SEAL_SEAL) {
		err = -EPERM;
		goto out;
	}
	/* F_SEAL_EXEC on an executable file seals its contents too (W^X). */
	if ((seals & LINUX_F_SEAL_EXEC) && (inode->i_mode & 0111))
		seals |= LINUX_F_SEAL_SHRINK | LINUX_F_SEAL_GROW | LINUX_F_SEAL_WRITE |
			 LINUX_F_SEAL_FUTURE_WRITE;
	if ((seals & LINUX_F_SEAL_WRITE) && !(ti->seals & LINUX_F_SEAL_WRITE) &&
	    mapped_writable(inode)) {
		err = -EBUSY;
		goto out;
	}
	/* XXX: Linux also waits for pinned pages (io_uring, vmsplice). */
	WRITE_ONCE(ti->seals, ti->seals | seals);
out:
	mutex_unlock(&inode->i_mutex);
	return err;
}

long memfd_fcntl(struct file *f, unsigned cmd, unsigned long arg)
{
	struct inode *inode = f->f_inode;

	switch (cmd) {
	case LINUX_F_ADD_SEALS:
		if (arg > 0xffffffffUL)
			return -EINVAL;
		return memfd_add_seals(f, (unsigned)arg);
	case LINUX_F_GET_SEALS:
		if (!is_tmpfs_inode(inode) || !S_ISREG(inode->i_mode))
			return -EINVAL;
		return READ_ONCE(TMPFS_I(inode)->seals);
	default:
		return -EINVAL;
	}
}

int memfd_mmap_check(struct file *f, unsigned long *vmflags)
{
	struct inode *inode = f->f_inode;
	unsigned seals;

	if (!is_tmpfs_inode(inode) || !S_ISREG(inode->i_mode) || !(*vmflags & VM_SHARED))
		return 0;
	seals = READ_ONCE(TMPFS_I(inode)->seals);
	if (!(seals & (LINUX_F_SEAL_WRITE | LINUX_F_SEAL_FUTURE_WRITE)))
		return 0;
	if (*vmflags & VM_WRITE)
		return -EPERM;
	*vmflags &= ~VM_MAYWRITE;
	return 0;
}
