/*
 * SysV semaphores: semget, semop/semtimedop, semctl. An array holds nsems
 * values; a semop applies all its operations or none (Linux's
 * perform_atomic_semop: in order, each seeing the previous ones' effect).
 * A semop that cannot proceed sleeps on the array's wait queue and retries
 * whenever a value changes; while it sleeps it is counted in semncnt or
 * semzcnt of the semaphore it waits for. Signals end the wait with EINTR
 * (never restarted, as Linux), a timeout with EAGAIN, removal with EIDRM.
 *
 * SEM_UNDO keeps, per process (or per set of CLONE_SYSVSEM sharers), one
 * adjustment per semaphore of each array it touched; they are applied when
 * the last sharer exits, clamped to 0..SEMVMX. SETVAL/SETALL clear them.
 */
#include <kernel/clock.h>
#include <kernel/mm.h>
#include <kernel/pid_ns.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/uaccess.h>
#include <kernel/waitqueue.h>
#include <linuxabi/uapi/time.h>
#include <string.h>

#include "internal.h"

struct sem {
	int semval;
	int sempid;
};

/* A semop asleep on the array, for semncnt/semzcnt. */
struct sem_waiter {
	struct list_head node;       /* in sma->waiters */
	int semnum;
	bool zero;                   /* waiting for zero (semzcnt) else semncnt */
};

struct sem_array {
	struct kern_ipc_perm perm;
	struct ipc_namespace *ns;
	s64 otime, ctime;
	int nsems;
	struct list_head undos;      /* struct sem_undo.list_id */
	struct list_head waiters;    /* struct sem_waiter */
	struct wait_queue_head wq;   /* sleeping semops */
	struct sem sems[];
};

struct sem_undo {
	struct list_head list_id;    /* in the array's undos */
	struct list_head list_proc;  /* in the undo list */
	int semid;
	short *semadj;               /* nsems entries */
};

struct sem_undo_list {
	int refcount;                /* sharers (CLONE_SYSVSEM); atomic */
	struct list_head list;       /* struct sem_undo.list_proc; sem ids mutex */
};

#define sem_of(p) ((struct sem_array *)(p))

static void sem_free(struct kern_ipc_perm *p)
{
	kfree(p);
}

static void free_undo(struct sem_undo *un)
{
	list_del(&un->list_id);
	list_del(&un->list_proc);
	kfree(un);
}

/* Remove the array: its undo entries go, sleepers wake to EIDRM. */
static void freeary(struct sem_array *sma)
{
	struct sem_undo *un, *tmp;

	list_for_each_entry_safe(un, tmp, &sma->undos, list_id)
		free_undo(un);
	sma->ns->used_sems -= sma->nsems;
	ipc_rmid(&sma->ns->ids[IPC_SEM_IDS], &sma->perm);
	wake_up_all(&sma->wq);
	ipc_put(&sma->perm);
}

static int sem_create(struct ipc_namespace *ns, s32 key, int flg, u64 nsems)
{
	struct sem_array *sma;
	int id;

	if (!nsems)
		return -EINVAL;
	if (ns->used_sems + (int)nsems > ns->sc_semmns)
		return -ENOSPC;
	sma = kzalloc(sizeof(*sma) + nsems * sizeof(struct sem), GFP_KERNEL);
	if (!sma)
		return -ENOMEM;
	ipc_init_perm(&sma->perm, key, flg);
	sma->perm.free = sem_free;
	sma->ns = ns;
	sma->nsems = (int)nsems;
	sma->ctime = ipc_now();
	INIT_LIST_HEAD(&sma->undos);
	INIT_LIST_HEAD(&sma->waiters);
	init_waitqueue_head(&sma->wq);
	id = ipc_addid(&ns->ids[IPC_SEM_IDS], &sma->perm, ns->sc_semmni);
	if (id < 0) {
		kfree(sma);
		return id;
	}
	ns->used_sems += (int)nsems;
	return id;
}

static int sem_more_checks(struct kern_ipc_perm *p, u64 nsems)
{
	return nsems > (u64)sem_of(p)->nsems ? -EINVAL : 0;
}

static const struct ipc_get_ops sem_get_ops = {
	.create = sem_create,
	.more_checks = sem_more_checks,
};

long ipc_semget(s32 key, int nsems, int semflg)
{
	struct ipc_namespace *ns = ipc_current_ns();

	if (nsems < 0 || nsems > ns->sc_semmsl)
		return -EINVAL;
	return ipcget(ns, &ns->ids[IPC_SEM_IDS], key, semflg, (u64)nsems, &sem_get_ops);
}

/* ---- undo lists -------------------------------------------------------- */

static struct sem_undo_list *undo_list_alloc(void)
{
	struct sem_undo_list *ulp = kzalloc(sizeof(*ulp), GFP_KERNEL);

	if (ulp) {
		ulp->refcount = 1;
		INIT_LIST_HEAD(&ulp->list);
	}
	return ulp;
}

int sem_undo_share(struct task *p, struct task *parent)
{
	if (!parent->sysvsem) {
		parent->sysvsem = undo_list_alloc();
		if (!parent->sysvsem)
			return -ENOMEM;
	}
	__atomic_fetch_add(&parent->sysvsem->refcount, 1, __ATOMIC_RELAXED);
	p->sysvsem = parent->sysvsem;
	return 0;
}

/* current's undo entry for sma (made if missing); sem mutex held. */
static struct sem_undo *find_alloc_undo(struct sem_array *sma)
{
	struct sem_undo_list *ulp = current->sysvsem;
	struct sem_undo *un;

	if (!ulp) {
		ulp = current->sysvsem = undo_list_alloc();
		if (!ulp)
			return ERR_PTR(-ENOMEM);
	}
	list_for_each_entry(un, &ulp->list, list_proc)
		if (un->semid == sma->perm.id)
			return un;
	un = kzalloc(sizeof(*un) + sma->nsems * sizeof(short), GFP_KERNEL);
	if (!un)
		return ERR_PTR(-ENOMEM);
	un->semadj = (short *)(un + 1);
	un->semid = sma->perm.id;
	list_add(&un->list_proc, &ulp->list);
	list_add(&un->list_id, &sma->undos);
	return un;
}

void sem_exit_undo(struct sem_undo_list *ulp)
{
	struct ipc_namespace *ns = ipc_current_ns();
	struct ipc_ids *ids = &ns->ids[IPC_SEM_IDS];
	struct sem_undo *un, *tmp;

	if (__atomic_sub_fetch(&ulp->refcount, 1, __ATOMIC_ACQ_REL))
		return;
	mutex_lock(&ids->mutex);
	list_for_each_entry_safe(un, tmp, &ulp->list, list_proc) {
		struct kern_ipc_perm *p = ipc_obtain_check(ids, un->semid);
		struct sem_array *sma;

		if (IS_ERR(p)) {
			/* Cannot happen: removal frees the entries. */
			list_del(&un->list_proc);
			kfree(un);
			continue;
		}
		sma = sem_of(p);
		for (int i = 0; i < sma->nsems; i++) {
			int v;

			if (!un->semadj[i])
				continue;
			v = sma->sems[i].semval + un->semadj[i];
			if (v < 0)
				v = 0;
			if (v > SEMVMX)
				v = SEMVMX;
			sma->sems[i].semval = v;
			sma->sems[i].sempid = ipc_pid();
		}
		free_undo(un);
		wake_up_all(&sma->wq);
	}
	mutex_unlock(&ids->mutex);
	kfree(ulp);
}

/* ---- semop ------------------------------------------------------------- */

/*
 * Try sops on sma as one, in order (Linux's perform_atomic_semop): 0 done
 * (values, adjustments, sempid and otime updated), 1 would block (on
 * sops[*blocked_at]), or -ERANGE; on anything but 0 nothing changed. Sem
 * mutex held.
 */
static int try_semop(struct sem_array *sma, struct linux_sembuf *sops, unsigned nsops,
		     struct sem_undo *un, unsigned *blocked_at)
{
	unsigned i;
	int r = 0;

	for (i = 0; i < nsops; i++) {
		struct linux_sembuf *sop = &sops[i];
		struct sem *s = &sma->sems[sop->sem_num];
		int v = s->semval;

		if (!sop->sem_op && v) {
			r = 1;
			break;
		}
		v += sop->sem_op;
		if (v < 0) {
			r = 1;
			break;
		}
		if (v > SEMVMX) {
			r = -ERANGE;
			break;
		}
		if (sop->sem_flg & LINUX_SEM_UNDO) {
			int undo = un->semadj[sop->sem_num] - sop->sem_op;

			if (undo < -SEMAEM - 1 || undo > SEMAEM) {
				r = -ERANGE;
				break;
			}
		}
		s->semval = v;
	}
	if (r) {
		*blocked_at = i;
		/* Roll back what was applied. */
		while (i--)
			sma->sems[sops[i].sem_num].semval -= sops[i].sem_op;
		return r;
	}
	for (i = 0; i < nsops; i++) {
		if (sops[i].sem_flg & LINUX_SEM_UNDO)
			un->semadj[sops[i].sem_num] -= sops[i].sem_op;
		sma->sems[sops[i].sem_num].sempid = ipc_pid();
	}
	sma->otime = ipc_now();
	return 0;
}

long ipc_semtimedop(int semid, const void __user *usops, unsigned nsops, const void __user *timeout)
{
	struct ipc_namespace *ns = ipc_current_ns();
	struct ipc_ids *ids = &ns->ids[IPC_SEM_IDS];
	struct linux_sembuf fast[8], *sops = fast, *blocker;
	u64 left = SCHEDULE_TIMEOUT_MAX;
	struct kern_ipc_perm *p;
	struct sem_array *sma;
	struct sem_undo *un = NULL;
	bool undos = false, alter = false;
	unsigned max = 0, at = 0;
	long r;

	if (nsops < 1 || semid < 0)
		return -EINVAL;
	if (nsops > (unsigned)ns->sc_semopm)
		return -E2BIG;
	if (nsops > ARRAY_SIZE(fast)) {
		sops = kmalloc(nsops * sizeof(*sops), GFP_KERNEL);
		if (!sops)
			return -ENOMEM;
	}
	if (copy_from_user(sops, usops, nsops * sizeof(*sops))) {
		r = -EFAULT;
		goto out_free;
	}
	if (timeout) {
		struct linux_timespec ts;

		if (copy_from_user(&ts, timeout, sizeof(ts))) {
			r = -EFAULT;
			goto out_free;
		}
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC) {
			r = -EINVAL;
			goto out_free;
		}
		/* saturate: a huge timeout is "forever" */
		left = (u64)ts.tv_sec >= (SCHEDULE_TIMEOUT_MAX >> 2) / NSEC_PER_SEC
			       ? SCHEDULE_TIMEOUT_MAX
			       : (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	}
	for (unsigned i = 0; i < nsops; i++) {
		if (sops[i].sem_num >= max)
			max = sops[i].sem_num;
		if (sops[i].sem_flg & LINUX_SEM_UNDO)
			undos = true;
		if (sops[i].sem_op)
			alter = true;
	}

	mutex_lock(&ids->mutex);
	p = ipc_obtain_check(ids, semid);
	if (IS_ERR(p)) {
		r = PTR_ERR(p);
		goto out_unlock;
	}
	sma = sem_of(p);
	if (max >= (unsigned)sma->nsems) {
		r = -EFBIG;
		goto out_unlock;
	}
	if (ipcperms(p, alter ? S_IWUGO : S_IRUGO)) {
		r = -EACCES;
		goto out_unlock;
	}
	ipc_get(p);
	for (;;) {
		struct wait_queue_entry e;
		struct sem_waiter w;

		if (p->deleted) {
			r = -EIDRM;
			break;
		}
		/* The undo entry goes with the array, so look it up each time. */
		if (undos) {
			un = find_alloc_undo(sma);
			if (IS_ERR(un)) {
				r = PTR_ERR(un);
				break;
			}
		}
		r = try_semop(sma, sops, nsops, un, &at);
		if (r <= 0)
			break;
		blocker = &sops[at];
		if (blocker->sem_flg & LINUX_IPC_NOWAIT) {
			r = -EAGAIN;
			break;
		}
		if (!left) {
			r = -EAGAIN;          /* semtimedop timed out */
			break;
		}
		if (signal_pending(current)) {
			r = -EINTR;
			break;
		}
		w.semnum = blocker->sem_num;
		w.zero = blocker->sem_op == 0;
		list_add_tail(&w.node, &sma->waiters);
		init_wait_entry(&e, 0);
		prepare_to_wait(&sma->wq, &e, TASK_INTERRUPTIBLE);
		mutex_unlock(&ids->mutex);
		left = schedule_timeout(left);
		finish_wait(&sma->wq, &e);
		mutex_lock(&ids->mutex);
		list_del(&w.node);
	}
	/* A change may let others through (Linux's update_queue). */
	if (!r && alter)
		wake_up_all(&sma->wq);
	mutex_unlock(&ids->mutex);
	ipc_put(p);
	goto out_free;

out_unlock:
	mutex_unlock(&ids->mutex);
out_free:
	if (sops != fast)
		kfree(sops);
	return r;
}

/* ---- semctl ------------------------------------------------------------ */

static int count_waiters(struct sem_array *sma, int semnum, bool zero)
{
	struct sem_waiter *w;
	int n = 0;

	list_for_each_entry(w, &sma->waiters, node)
		if (w->semnum == semnum && w->zero == zero)
			n++;
	return n;
}

static void fill_semid64(struct linux_semid64_ds *ds, struct sem_array *sma)
{
	memset(ds, 0, sizeof(*ds));
	ipc_fill_perm(&ds->sem_perm, &sma->perm);
	ds->sem_otime = sma->otime;
	ds->sem_ctime = sma->ctime;
	ds->sem_nsems = sma->nsems;
}

static void clear_undos(struct sem_array *sma, int semnum)
{
	struct sem_undo *un;

	list_for_each_entry(un, &sma->undos, list_id) {
		if (semnum >= 0)
			un->semadj[semnum] = 0;
		else
			memset(un->semadj, 0, sma->nsems * sizeof(short));
	}
}

static long semctl_info(struct ipc_namespace *ns, int cmd, void __user *buf)
{
	struct ipc_ids *ids = &ns->ids[IPC_SEM_IDS];
	struct linux_seminfo si;
	long r;

	memset(&si, 0, sizeof(si));
	si.semmni = ns->sc_semmni;
	si.semmns = ns->sc_semmns;
	si.semmsl = ns->sc_semmsl;
	si.semopm = ns->sc_semopm;
	si.semvmx = SEMVMX;
	si.semmnu = SEMMNU;
	si.semmap = SEMMAP;
	si.semume = SEMUME;
	mutex_lock(&ids->mutex);
	if (cmd == LINUX_SEM_INFO) {
		si.semusz = ids->in_use;
		si.semaem = ns->used_sems;
	} else {
		si.semusz = SEMUSZ;
		si.semaem = SEMAEM;
	}
	r = MAX(ids->max_idx, 0);
	mutex_unlock(&ids->mutex);
	if (copy_to_user(buf, &si, sizeof(si)))
		return -EFAULT;
	return r;
}

/* GETALL and SETALL: the array's size is known only under the lock. */
static long semctl_all(struct ipc_ids *ids, int semid, int cmd, u16 __user *arr)
{
	struct kern_ipc_perm *p;
	struct sem_array *sma;
	u16 *vals = NULL;
	int nsems;
	long r;

	mutex_lock(&ids->mutex);
	p = ipc_obtain_check(ids, semid);
	if (IS_ERR(p)) {
		mutex_unlock(&ids->mutex);
		return PTR_ERR(p);
	}
	if (ipcperms(p, cmd == LINUX_SEM_GETALL ? S_IRUGO : S_IWUGO)) {
		mutex_unlock(&ids->mutex);
		return -EACCES;
	}
	sma = sem_of(p);
	nsems = sma->nsems;
	ipc_get(p);
	mutex_unlock(&ids->mutex);

	vals = kmalloc(nsems * sizeof(u16), GFP_KERNEL);
	if (!vals) {
		r = -ENOMEM;
		goto out;
	}
	if (cmd == LINUX_SEM_SETALL) {
		if (copy_from_user(vals, arr, nsems * sizeof(u16))) {
			r = -EFAULT;
			goto out;
		}
		for (int i = 0; i < nsems; i++) {
			if (vals[i] > SEMVMX) {
				r = -ERANGE;
				goto out;
			}
		}
	}
	mutex_lock(&ids->mutex);
	if (p->deleted) {
		mutex_unlock(&ids->mutex);
		r = -EIDRM;
		goto out;
	}
	for (int i = 0; i < nsems; i++) {
		if (cmd == LINUX_SEM_GETALL) {
			vals[i] = (u16)sma->sems[i].semval;
		} else {
			sma->sems[i].semval = vals[i];
			sma->sems[i].sempid = ipc_pid();
		}
	}
	if (cmd == LINUX_SEM_SETALL) {
		clear_undos(sma, -1);
		sma->ctime = ipc_now();
		wake_up_all(&sma->wq);
	}
	mutex_unlock(&ids->mutex);
	r = 0;
	if (cmd == LINUX_SEM_GETALL && copy_to_user(arr, vals, nsems * sizeof(u16)))
		r = -EFAULT;
out:
	kfree(vals);
	ipc_put(p);
	return r;
}

long ipc_semctl(int semid, int semnum, int cmd, unsigned long arg)
{
	struct ipc_namespace *ns = ipc_current_ns();
	struct ipc_ids *ids = &ns->ids[IPC_SEM_IDS];
	void __user *buf = (void __user *)arg;
	struct linux_semid64_ds ds;
	struct kern_ipc_perm *p;
	struct sem_array *sma;
	bool out = false;
	long r;

	if (semid < 0)
		return -EINVAL;
	cmd = ipc_cmd(cmd);
	switch (cmd) {
	case LINUX_IPC_INFO:
	case LINUX_SEM_INFO:
		return semctl_info(ns, cmd, buf);
	case LINUX_SEM_GETALL:
	case LINUX_SEM_SETALL:
		return semctl_all(ids, semid, cmd, buf);
	case LINUX_IPC_SET:
		if (copy_from_user(&ds, buf, sizeof(ds)))
			return -EFAULT;
		break;
	case LINUX_IPC_STAT:
	case LINUX_SEM_STAT:
	case LINUX_SEM_STAT_ANY:
	case LINUX_IPC_RMID:
	case LINUX_SEM_GETVAL:
	case LINUX_SEM_GETPID:
	case LINUX_SEM_GETNCNT:
	case LINUX_SEM_GETZCNT:
		break;
	case LINUX_SEM_SETVAL:
		/* semun.val is an int in the low half of the argument; Linux
		 * checks its range before the id. */
		if ((int)arg < 0 || (int)arg > SEMVMX)
			return -ERANGE;
		break;
	default:
		return -EINVAL;
	}

	mutex_lock(&ids->mutex);
	if (cmd == LINUX_SEM_STAT || cmd == LINUX_SEM_STAT_ANY)
		p = ipc_obtain_idx(ids, semid);
	else
		p = ipc_obtain_check(ids, semid);
	if (IS_ERR(p)) {
		r = PTR_ERR(p);
		goto out_unlock;
	}
	sma = sem_of(p);
	switch (cmd) {
	case LINUX_IPC_STAT:
	case LINUX_SEM_STAT:
	case LINUX_SEM_STAT_ANY:
		if (cmd != LINUX_SEM_STAT_ANY && ipcperms(p, S_IRUGO)) {
			r = -EACCES;
			break;
		}
		fill_semid64(&ds, sma);
		out = true;
		r = cmd == LINUX_IPC_STAT ? 0 : p->id;
		break;
	case LINUX_IPC_SET:
	case LINUX_IPC_RMID:
		r = ipc_owner_check(p);
		if (r)
			break;
		if (cmd == LINUX_IPC_RMID) {
			freeary(sma);
			break;
		}
		r = ipc_update_perm(p, &ds.sem_perm);
		if (!r)
			sma->ctime = ipc_now();
		break;
	case LINUX_SEM_SETVAL:
		if (semnum < 0 || semnum >= sma->nsems) {
			r = -EINVAL;
			break;
		}
		if (ipcperms(p, S_IWUGO)) {
			r = -EACCES;
			break;
		}
		clear_undos(sma, semnum);
		sma->sems[semnum].semval = (int)arg;
		sma->sems[semnum].sempid = ipc_pid();
		sma->ctime = ipc_now();
		wake_up_all(&sma->wq);
		r = 0;
		break;
	default:       /* GETVAL, GETPID, GETNCNT, GETZCNT */
		if (ipcperms(p, S_IRUGO)) {
			r = -EACCES;
			break;
		}
		if (semnum < 0 || semnum >= sma->nsems) {
			r = -EINVAL;
			break;
		}
		if (cmd == LINUX_SEM_GETVAL)
			r = sma->sems[semnum].semval;
		else if (cmd == LINUX_SEM_GETPID)
			r = pid_global_to_vnr(sma->sems[semnum].sempid);
		else
			r = count_waiters(sma, semnum, cmd == LINUX_SEM_GETZCNT);
		break;
	}
out_unlock:
	mutex_unlock(&ids->mutex);
	if (out && copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return r;
}

/* The namespace is going: every array with it (Linux's sem_exit_ns). */
void sem_exit_ns(struct ipc_namespace *ns)
{
	struct ipc_ids *ids = &ns->ids[IPC_SEM_IDS];

	mutex_lock(&ids->mutex);
	for (int i = 0; i <= ids->max_idx; i++)
		if (ids->entries[i])
			freeary(sem_of(ids->entries[i]));
	mutex_unlock(&ids->mutex);
}
