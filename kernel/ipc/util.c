/*
 * What the three SysV IPC kinds share: the namespace, id sets with Linux's
 * id encoding (seq * IPCMNI + index, indices handed out cyclically, seq
 * bumped when they wrap), key lookup, the get path (IPC_PRIVATE,
 * IPC_CREAT, IPC_EXCL), permission checks and struct ipc64_perm. Also the
 * per-task hooks kernel/proc calls at fork, exit and free. The namespaces
 * themselves are in namespace.c.
 */
#include <kernel/clock.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <linuxabi/uapi/sched.h>
#include <string.h>

#include "internal.h"

void ipc_ids_init(struct ipc_ids *ids, const char *name)
{
	mutex_init(&ids->mutex, name);
	ids->in_use = 0;
	ids->max_idx = -1;
	ids->last_idx = -1;
	ids->seq = 0;
	ids->size = 0;
	ids->entries = NULL;
}

static int grow(struct ipc_ids *ids, int need)
{
	int size = ids->size ? ids->size : 16;
	struct kern_ipc_perm **n;

	while (size <= need)
		size *= 2;
	if (size > IPCMNI)
		size = IPCMNI;
	n = kzalloc(size * sizeof(*n), GFP_KERNEL);
	if (!n)
		return -ENOMEM;
	if (ids->entries)
		memcpy(n, ids->entries, ids->size * sizeof(*n));
	kfree(ids->entries);
	ids->entries = n;
	ids->size = size;
	return 0;
}

int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *p, int limit)
{
	int max = MIN(limit, IPCMNI), idx = -1;

	if (ids->in_use >= max)
		return -ENOSPC;
	/* Linux's idr_alloc_cyclic: the next free index after the last one
	 * handed out, wrapping to 0; a wrap starts a new sequence number so
	 * the old ids stay stale. */
	for (int n = 0; n < max; n++) {
		int i = (ids->last_idx + 1 + n) % max;

		if (i >= ids->size || !ids->entries[i]) {
			idx = i;
			break;
		}
	}
	if (idx < 0)
		return -ENOSPC;
	if (idx >= ids->size && grow(ids, idx))
		return -ENOMEM;
	if (idx <= ids->last_idx && ids->seq++ == IPCID_SEQ_MAX)
		ids->seq = 0;
	ids->last_idx = idx;
	p->idx = idx;
	p->seq = ids->seq;
	p->id = (ids->seq << IPCMNI_SHIFT) + idx;
	p->deleted = false;
	p->refcount = 1;
	ids->entries[idx] = p;
	ids->in_use++;
	if (idx > ids->max_idx)
		ids->max_idx = idx;
	return p->id;
}

void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *p)
{
	ids->entries[p->idx] = NULL;
	ids->in_use--;
	p->deleted = true;
	if (p->idx == ids->max_idx) {
		int i = p->idx;

		while (i >= 0 && !ids->entries[i])
			i--;
		ids->max_idx = i;
	}
}

struct kern_ipc_perm *ipc_find_key(struct ipc_ids *ids, s32 key)
{
	/* XXX: Linux hashes keys; a scan is fine at these counts. */
	for (int i = 0; i <= ids->max_idx; i++) {
		struct kern_ipc_perm *p = ids->entries[i];

		if (p && p->key == key)
			return p;
	}
	return NULL;
}

struct kern_ipc_perm *ipc_obtain_idx(struct ipc_ids *ids, int idx)
{
	if (idx < 0 || idx > ids->max_idx || !ids->entries[idx])
		return ERR_PTR(-EINVAL);
	return ids->entries[idx];
}

struct kern_ipc_perm *ipc_obtain_check(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *p;

	if (id < 0)
		return ERR_PTR(-EINVAL);
	p = ipc_obtain_idx(ids, id & (IPCMNI - 1));
	if (IS_ERR(p) || p->id != id)
		return ERR_PTR(-EINVAL);
	return p;
}

void ipc_get(struct kern_ipc_perm *p)
{
	__atomic_fetch_add(&p->refcount, 1, __ATOMIC_RELAXED);
}

void ipc_put(struct kern_ipc_perm *p)
{
	if (__atomic_sub_fetch(&p->refcount, 1, __ATOMIC_ACQ_REL) == 0)
		p->free(p);
}

int ipcperms(struct kern_ipc_perm *p, int flag)
{
	const struct cred *c = current_cred();
	int requested = (flag >> 6) | (flag >> 3) | flag;
	int granted = p->mode;

	if (c->euid == p->cuid || c->euid == p->uid)
		granted >>= 6;
	else if (in_group_p(p->cgid) || in_group_p(p->gid))
		granted >>= 3;
	/* Root (CAP_IPC_OWNER) passes anything. */
	if ((requested & ~granted & 0007) && !capable_root())
		return -EACCES;
	return 0;
}

int ipc_owner_check(struct kern_ipc_perm *p)
{
	const struct cred *c = current_cred();

	if (c->euid == p->cuid || c->euid == p->uid || capable_root())
		return 0;
	return -EPERM;
}

void ipc_init_perm(struct kern_ipc_perm *p, s32 key, int flg)
{
	const struct cred *c = current_cred();

	p->key = key;
	p->mode = flg & S_IRWXUGO;
	p->uid = p->cuid = c->euid;
	p->gid = p->cgid = c->egid;
}

void ipc_fill_perm(struct linux_ipc64_perm *out, const struct kern_ipc_perm *p)
{
	memset(out, 0, sizeof(*out));
	out->key = p->key;
	out->uid = p->uid;
	out->gid = p->gid;
	out->cuid = p->cuid;
	out->cgid = p->cgid;
	out->mode = p->mode;
	out->seq = p->seq;
}

int ipc_update_perm(struct kern_ipc_perm *p, const struct linux_ipc64_perm *in)
{
	if (in->uid == INVALID_UID || in->gid == INVALID_GID)
		return -EINVAL;
	p->uid = in->uid;
	p->gid = in->gid;
	p->mode = (p->mode & ~S_IRWXUGO) | (in->mode & S_IRWXUGO);
	return 0;
}

int ipcget(struct ipc_namespace *ns, struct ipc_ids *ids, s32 key, int flg, u64 param,
	   const struct ipc_get_ops *ops)
{
	struct kern_ipc_perm *p;
	int r;

	mutex_lock(&ids->mutex);
	if (key == LINUX_IPC_PRIVATE) {
		r = ops->create(ns, key, flg, param);
		goto out;
	}
	p = ipc_find_key(ids, key);
	if (!p) {
		r = (flg & LINUX_IPC_CREAT) ? ops->create(ns, key, flg, param) : -ENOENT;
		goto out;
	}
	if ((flg & LINUX_IPC_CREAT) && (flg & LINUX_IPC_EXCL)) {
		r = -EEXIST;
		goto out;
	}
	r = ops->more_checks ? ops->more_checks(p, param) : 0;
	if (!r)
		r = ipcperms(p, flg) ? -EACCES : p->id;
out:
	mutex_unlock(&ids->mutex);
	return r;
}

s64 ipc_now(void)
{
	return (s64)(ktime_get_real_ns() / NSEC_PER_SEC);
}

/* Global: IPC_STAT and GETPID translate for the reader (pid_ns.h). */
int ipc_pid(void)
{
	return task_tgid_nr(current);
}

/* ---- per-task state ---------------------------------------------------- */

int ipc_task_fork(struct task *p, struct task *parent, unsigned long clone_flags)
{
	p->sysvsem = NULL;
	if (clone_flags & CLONE_NEWIPC) {
		struct ipc_namespace *ns = copy_ipc_ns(parent->ipc_ns);

		if (IS_ERR(ns))
			return PTR_ERR(ns);
		p->ipc_ns = ns;
		return 0;   /* a new namespace has no arrays to share undo lists of */
	}
	p->ipc_ns = parent->ipc_ns;
	get_ipc_ns(p->ipc_ns);
	/* CLONE_SYSVSEM shares the undo list (making it now if the parent has
	 * none, so both see the same one); otherwise the child starts with
	 * none, as semadj values are not inherited by fork. */
	if (clone_flags & CLONE_SYSVSEM)
		return sem_undo_share(p, parent);
	return 0;
}

void ipc_task_exit(struct task *t)
{
	struct sem_undo_list *ulp = t->sysvsem;

	t->sysvsem = NULL;
	if (ulp)
		sem_exit_undo(ulp);
}

void ipc_task_free(struct task *t)
{
	/* Normally already dropped at exit (ipc_task_exit_ns). */
	put_ipc_ns(t->ipc_ns);
	t->ipc_ns = NULL;
}
