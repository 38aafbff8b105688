/*
 * SysV shared memory: shmget, shmat, shmdt, shmctl. A segment is a shared
 * anonymous object (kernel/mm/shmem_anon.c) plus Linux's bookkeeping.
 * shmat maps the object (vm_shm_attach); every VMA that maps it, however
 * it came (attach, fork, a split), reports open and close to the segment,
 * which keeps shm_nattch, shm_atime/dtime and shm_lpid that way, as
 * Linux's shm_open/shm_close do. IPC_RMID with attachments only marks the
 * segment SHM_DEST and makes its key IPC_PRIVATE; the last close frees it.
 */
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/pid_ns.h>
#include <kernel/sched.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>
#include <string.h>

#include "internal.h"

struct shmid_kernel {
	struct kern_ipc_perm perm;
	struct ipc_namespace *ns;
	struct shmem_anon *obj;      /* the segment's reference */
	u64 segsz;
	u64 nattch;
	s64 atime, dtime, ctime;
	int cpid, lpid;
};

#define shm_of(p) ((struct shmid_kernel *)(p))

static void shm_free(struct kern_ipc_perm *p)
{
	struct shmid_kernel *shp = shm_of(p);

	vm_shm_put(shp->obj);
	kfree(shp);
}

static u64 seg_pages(u64 size)
{
	return (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

/* Out of the set for good (shm ids mutex held). */
static void shm_destroy(struct shmid_kernel *shp)
{
	struct ipc_ids *ids = &shp->ns->ids[IPC_SHM_IDS];

	shp->ns->shm_tot -= seg_pages(shp->segsz);
	if (!shp->perm.deleted)
		ipc_rmid(ids, &shp->perm);
	ipc_put(&shp->perm);
}

static bool shm_may_destroy(struct shmid_kernel *shp)
{
	return shp->nattch == 0 && (shp->perm.mode & LINUX_SHM_DEST);
}

/*
 * Every mapping holds a reference on the segment's namespace, as Linux's
 * shm_file_data does: a segment still mapped after the last task of its
 * namespace left (setns, or a process that kept the mapping) stays, and
 * so does its namespace, until the last unmap.
 */
static void shm_vma_open(void *owner)
{
	struct shmid_kernel *shp = owner;
	struct ipc_ids *ids = &shp->ns->ids[IPC_SHM_IDS];

	get_ipc_ns(shp->ns);
	mutex_lock(&ids->mutex);
	shp->nattch++;
	shp->atime = ipc_now();
	shp->lpid = ipc_pid();
	mutex_unlock(&ids->mutex);
}

static void shm_vma_close(void *owner)
{
	struct shmid_kernel *shp = owner;
	struct ipc_namespace *ns = shp->ns;
	struct ipc_ids *ids = &ns->ids[IPC_SHM_IDS];

	mutex_lock(&ids->mutex);
	shp->nattch--;
	shp->dtime = ipc_now();
	shp->lpid = ipc_pid();
	if (shm_may_destroy(shp))
		shm_destroy(shp);
	mutex_unlock(&ids->mutex);
	put_ipc_ns(ns);   /* may free ns and what is left in it */
}

static const struct vm_shm_ops shm_vm_ops = {
	.open = shm_vma_open,
	.close = shm_vma_close,
};

static int shm_create(struct ipc_namespace *ns, s32 key, int flg, u64 size)
{
	u64 npages = seg_pages(size);
	struct shmid_kernel *shp;
	int id;

	if (size < SHMMIN || size > ns->shm_ctlmax)
		return -EINVAL;
	if (npages << PAGE_SHIFT < size)
		return -ENOSPC;
	if (ns->shm_tot + npages < ns->shm_tot || ns->shm_tot + npages > ns->shm_ctlall)
		return -ENOSPC;
	/* XXX: SHM_HUGETLB needs huge pages (Linux: ENOMEM with none
	 * reserved); SHM_NORESERVE changes nothing here. */
	if (flg & LINUX_SHM_HUGETLB)
		return -ENOMEM;
	shp = kzalloc(sizeof(*shp), GFP_KERNEL);
	if (!shp)
		return -ENOMEM;
	shp->obj = vm_shm_create(npages, &shm_vm_ops, shp);
	if (!shp->obj) {
		kfree(shp);
		return -ENOMEM;
	}
	ipc_init_perm(&shp->perm, key, flg);
	shp->perm.free = shm_free;
	shp->ns = ns;
	shp->segsz = size;
	shp->ctime = ipc_now();
	shp->cpid = ipc_pid();
	id = ipc_addid(&ns->ids[IPC_SHM_IDS], &shp->perm, ns->shm_ctlmni);
	if (id < 0) {
		shm_free(&shp->perm);
		return id;
	}
	ns->shm_tot += npages;
	return id;
}

static int shm_more_checks(struct kern_ipc_perm *p, u64 size)
{
	return shm_of(p)->segsz < size ? -EINVAL : 0;
}

static const struct ipc_get_ops shm_get_ops = {
	.create = shm_create,
	.more_checks = shm_more_checks,
};

long ipc_shmget(s32 key, u64 size, int shmflg)
{
	struct ipc_namespace *ns = ipc_current_ns();

	return ipcget(ns, &ns->ids[IPC_SHM_IDS], key, shmflg, size, &shm_get_ops);
}

long ipc_shmat(int shmid, unsigned long addr, int shmflg)
{
	struct ipc_namespace *ns = ipc_current_ns();
	struct ipc_ids *ids = &ns->ids[IPC_SHM_IDS];
	struct kern_ipc_perm *p;
	struct shmid_kernel *shp;
	int prot, acc;
	long r;

	if (shmid < 0)
		return -EINVAL;
	if (!current->mm)
		return -EINVAL;
	if (addr) {
		/* SHMLBA is PAGE_SIZE on x86_64. */
		if (addr & (PAGE_SIZE - 1)) {
			if (!(shmflg & LINUX_SHM_RND))
				return -EINVAL;
			addr &= ~(PAGE_SIZE - 1UL);
			if (!addr && (shmflg & LINUX_SHM_REMAP))
				return -EINVAL;
		}
	} else if (shmflg & LINUX_SHM_REMAP) {
		return -EINVAL;
	}
	if (shmflg & LINUX_SHM_RDONLY) {
		prot = LINUX_PROT_READ;
		acc = S_IRUGO;
	} else {
		prot = LINUX_PROT_READ | LINUX_PROT_WRITE;
		acc = S_IRUGO | S_IWUGO;
	}
	if (shmflg & LINUX_SHM_EXEC) {
		prot |= LINUX_PROT_EXEC;
		acc |= S_IXUGO;
	}

	mutex_lock(&ids->mutex);
	p = ipc_obtain_check(ids, shmid);
	if (IS_ERR(p)) {
		mutex_unlock(&ids->mutex);
		return PTR_ERR(p);
	}
	if (ipcperms(p, acc)) {
		mutex_unlock(&ids->mutex);
		return -EACCES;
	}
	shp = shm_of(p);
	/* Pinned across the mapping (which takes mm->lock, outside ours), as
	 * Linux counts the attach in progress in nattch. */
	shp->nattch++;
	mutex_unlock(&ids->mutex);

	r = vm_shm_attach(current->mm, shp->obj, addr, shp->segsz, prot,
			  shmflg & LINUX_SHM_REMAP);

	mutex_lock(&ids->mutex);
	shp->nattch--;
	if (shm_may_destroy(shp))
		shm_destroy(shp);
	mutex_unlock(&ids->mutex);
	return r;
}

long ipc_shmdt(unsigned long addr)
{
	if (!current->mm)
		return -EINVAL;
	return vm_shm_detach(current->mm, addr);
}

static void fill_shmid64(struct linux_shmid64_ds *ds, struct shmid_kernel *shp)
{
	memset(ds, 0, sizeof(*ds));
	ipc_fill_perm(&ds->shm_perm, &shp->perm);
	ds->shm_segsz = shp->segsz;
	ds->shm_atime = shp->atime;
	ds->shm_dtime = shp->dtime;
	ds->shm_ctime = shp->ctime;
	ds->shm_cpid = pid_global_to_vnr(shp->cpid);
	ds->shm_lpid = pid_global_to_vnr(shp->lpid);
	ds->shm_nattch = shp->nattch;
}

long ipc_shmctl(int shmid, int cmd, void __user *buf)
{
	struct ipc_namespace *ns = ipc_current_ns();
	struct ipc_ids *ids = &ns->ids[IPC_SHM_IDS];
	union {
		struct linux_shmid64_ds ds;
		struct linux_shminfo64 info;
		struct linux_shm_info shm_info;
	} u;
	struct kern_ipc_perm *p;
	struct shmid_kernel *shp;
	size_t out = 0;
	long r;

	if (cmd < 0 || shmid < 0)
		return -EINVAL;
	cmd = ipc_cmd(cmd);
	memset(&u, 0, sizeof(u));
	if (cmd == LINUX_IPC_SET && copy_from_user(&u.ds, buf, sizeof(u.ds)))
		return -EFAULT;

	mutex_lock(&ids->mutex);
	switch (cmd) {
	case LINUX_IPC_INFO:
		u.info.shmmax = ns->shm_ctlmax;
		u.info.shmmin = SHMMIN;
		u.info.shmmni = ns->shm_ctlmni;
		u.info.shmseg = SHMSEG;
		u.info.shmall = ns->shm_ctlall;
		out = sizeof(u.info);
		r = MAX(ids->max_idx, 0);
		break;
	case LINUX_SHM_INFO:
		u.shm_info.used_ids = ids->in_use;
		u.shm_info.shm_tot = ns->shm_tot;
		for (int i = 0; i <= ids->max_idx; i++)
			if (ids->entries[i])
				u.shm_info.shm_rss += vm_shm_resident(shm_of(ids->entries[i])->obj);
		out = sizeof(u.shm_info);
		r = MAX(ids->max_idx, 0);
		break;
	case LINUX_SHM_STAT:
	case LINUX_SHM_STAT_ANY:
	case LINUX_IPC_STAT:
		if (cmd == LINUX_IPC_STAT)
			p = ipc_obtain_check(ids, shmid);
		else
			p = ipc_obtain_idx(ids, shmid);
		if (IS_ERR(p)) {
			r = PTR_ERR(p);
			break;
		}
		if (cmd != LINUX_SHM_STAT_ANY && ipcperms(p, S_IRUGO)) {
			r = -EACCES;
			break;
		}
		fill_shmid64(&u.ds, shm_of(p));
		out = sizeof(u.ds);
		r = cmd == LINUX_IPC_STAT ? 0 : p->id;
		break;
	case LINUX_SHM_LOCK:
	case LINUX_SHM_UNLOCK:
		p = ipc_obtain_check(ids, shmid);
		if (IS_ERR(p)) {
			r = PTR_ERR(p);
			break;
		}
		if (!capable_root()) {
			uid_t euid = current_cred()->euid;

			if (euid != p->uid && euid != p->cuid) {
				r = -EPERM;
				break;
			}
			if (cmd == LINUX_SHM_LOCK && !rlimit(RLIMIT_MEMLOCK)) {
				r = -EPERM;
				break;
			}
		}
		/* Nothing is ever swapped: locking is the mode bit only. */
		if (cmd == LINUX_SHM_LOCK)
			p->mode |= LINUX_SHM_LOCKED;
		else
			p->mode &= ~LINUX_SHM_LOCKED;
		r = 0;
		break;
	case LINUX_IPC_SET:
	case LINUX_IPC_RMID:
		p = ipc_obtain_check(ids, shmid);
		if (IS_ERR(p)) {
			r = PTR_ERR(p);
			break;
		}
		r = ipc_owner_check(p);
		if (r)
			break;
		shp = shm_of(p);
		if (cmd == LINUX_IPC_SET) {
			r = ipc_update_perm(p, &u.ds.shm_perm);
			if (!r)
				shp->ctime = ipc_now();
			break;
		}
		/* Linux: the key goes at once (a new shmget with it makes a new
		 * segment); the memory when the last attachment goes. */
		p->mode |= LINUX_SHM_DEST;
		p->key = LINUX_IPC_PRIVATE;
		if (shm_may_destroy(shp))
			shm_destroy(shp);
		r = 0;
		break;
	default:
		r = -EINVAL;
	}
	mutex_unlock(&ids->mutex);
	if (r >= 0 && out && copy_to_user(buf, &u, out))
		return -EFAULT;
	return r;
}

/* The namespace is going (Linux's shm_exit_ns). Mappings hold references
 * on it, so no segment is attached any more. */
void shm_exit_ns(struct ipc_namespace *ns)
{
	struct ipc_ids *ids = &ns->ids[IPC_SHM_IDS];

	mutex_lock(&ids->mutex);
	for (int i = 0; i <= ids->max_idx; i++) {
		struct shmid_kernel *shp = ids->entries[i] ? shm_of(ids->entries[i]) : NULL;

		if (shp && !WARN_ON(shp->nattch))
			shm_destroy(shp);
	}
	mutex_unlock(&ids->mutex);
}
