/*
 * SysV message queues: msgget, msgsnd, msgrcv, msgctl. A queue is a list
 * of typed messages with a byte limit (msg_qbytes, MSGMNB by default);
 * msgrcv picks by type as Linux does (0: the first; > 0: the first of
 * that type, or of any other with MSG_EXCEPT; < 0: the first of the lowest
 * type <= |msgtyp|; MSG_COPY: the n-th, left in place). Senders wait for
 * room, receivers for a match, both on the queue's wait queues; a signal
 * ends the wait (restarted only without a handler: -ERESTARTNOHAND),
 * removal ends it with EIDRM.
 */
#include <kernel/mm.h>
#include <kernel/pid_ns.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/uaccess.h>
#include <kernel/waitqueue.h>
#include <limits.h>
#include <string.h>

#include "internal.h"

struct msg_msg {
	struct list_head node;
	long type;
	size_t size;
	char text[];
};

struct msg_queue {
	struct kern_ipc_perm perm;
	struct ipc_namespace *ns;
	s64 stime, rtime, ctime;
	u64 cbytes, qnum, qbytes;
	int lspid, lrpid;
	struct list_head messages;
	struct wait_queue_head senders, receivers;
};

#define msq_of(p) ((struct msg_queue *)(p))

static void msq_free(struct kern_ipc_perm *p)
{
	struct msg_queue *msq = msq_of(p);
	struct msg_msg *m, *tmp;

	list_for_each_entry_safe(m, tmp, &msq->messages, node)
		kfree(m);
	kfree(msq);
}

static int msq_create(struct ipc_namespace *ns, s32 key, int flg, u64 unused)
{
	struct msg_queue *msq = kzalloc(sizeof(*msq), GFP_KERNEL);
	int id;

	if (!msq)
		return -ENOMEM;
	ipc_init_perm(&msq->perm, key, flg);
	msq->perm.free = msq_free;
	msq->ns = ns;
	msq->ctime = ipc_now();
	msq->qbytes = ns->msg_ctlmnb;
	INIT_LIST_HEAD(&msq->messages);
	init_waitqueue_head(&msq->senders);
	init_waitqueue_head(&msq->receivers);
	id = ipc_addid(&ns->ids[IPC_MSG_IDS], &msq->perm, ns->msg_ctlmni);
	if (id < 0)
		kfree(msq);
	return id;
}

static const struct ipc_get_ops msg_get_ops = {
	.create = msq_create,
};

long ipc_msgget(s32 key, int msgflg)
{
	struct ipc_namespace *ns = ipc_current_ns();

	return ipcget(ns, &ns->ids[IPC_MSG_IDS], key, msgflg, 0, &msg_get_ops);
}

static void freeque(struct msg_queue *msq)
{
	struct ipc_namespace *ns = msq->ns;

	ns->msg_bytes -= msq->cbytes;
	ns->msg_hdrs -= msq->qnum;
	ipc_rmid(&ns->ids[IPC_MSG_IDS], &msq->perm);
	wake_up_all(&msq->senders);
	wake_up_all(&msq->receivers);
	ipc_put(&msq->perm);
}

/* Sleep on wq with the queue's mutex dropped; -ERESTARTNOHAND on a signal. */
static int msg_wait(struct ipc_ids *ids, struct wait_queue_head *wq)
{
	struct wait_queue_entry e;

	if (signal_pending(current))
		return -ERESTARTNOHAND;
	init_wait_entry(&e, 0);
	prepare_to_wait(wq, &e, TASK_INTERRUPTIBLE);
	mutex_unlock(&ids->mutex);
	schedule();
	finish_wait(wq, &e);
	mutex_lock(&ids->mutex);
	return 0;
}

long ipc_msgsnd(int msqid, const void __user *msgp, size_t msgsz, int msgflg)
{
	struct ipc_namespace *ns = ipc_current_ns();
	struct ipc_ids *ids = &ns->ids[IPC_MSG_IDS];
	struct kern_ipc_perm *p;
	struct msg_queue *msq;
	struct msg_msg *m;
	long mtype, r;

	if (copy_from_user(&mtype, msgp, sizeof(mtype)))
		return -EFAULT;
	if (msgsz > (size_t)ns->msg_ctlmax || (long)msgsz < 0 || msqid < 0)
		return -EINVAL;
	if (mtype < 1)
		return -EINVAL;
	m = kmalloc(sizeof(*m) + msgsz, GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	m->type = mtype;
	m->size = msgsz;
	if (copy_from_user(m->text, (const char __user *)msgp + sizeof(long), msgsz)) {
		kfree(m);
		return -EFAULT;
	}

	mutex_lock(&ids->mutex);
	p = ipc_obtain_check(ids, msqid);
	if (IS_ERR(p)) {
		mutex_unlock(&ids->mutex);
		kfree(m);
		return PTR_ERR(p);
	}
	if (ipcperms(p, S_IWUGO)) {
		mutex_unlock(&ids->mutex);
		kfree(m);
		return -EACCES;
	}
	msq = msq_of(p);
	ipc_get(p);
	for (;;) {
		if (p->deleted) {
			r = -EIDRM;
			break;
		}
		/* Linux counts each message as a byte too, so a queue of
		 * zero-length messages fills up. */
		if (msgsz + msq->cbytes <= msq->qbytes && 1 + msq->qnum <= msq->qbytes) {
			list_add_tail(&m->node, &msq->messages);
			m = NULL;
			msq->cbytes += msgsz;
			msq->qnum++;
			ns->msg_bytes += msgsz;
			ns->msg_hdrs++;
			msq->lspid = ipc_pid();
			msq->stime = ipc_now();
			wake_up_all(&msq->receivers);
			r = 0;
			break;
		}
		if (msgflg & LINUX_IPC_NOWAIT) {
			r = -EAGAIN;
			break;
		}
		r = msg_wait(ids, &msq->senders);
		if (r)
			break;
	}
	mutex_unlock(&ids->mutex);
	ipc_put(p);
	kfree(m);
	return r;
}

#define SEARCH_ANY 1
#define SEARCH_EQUAL 2
#define SEARCH_NOTEQUAL 3
#define SEARCH_LESSEQUAL 4
#define SEARCH_NUMBER 5

static bool msg_matches(struct msg_msg *m, long type, int mode)
{
	switch (mode) {
	case SEARCH_ANY:
	case SEARCH_NUMBER:
		return true;
	case SEARCH_LESSEQUAL:
		return m->type <= type;
	case SEARCH_EQUAL:
		return m->type == type;
	case SEARCH_NOTEQUAL:
		return m->type != type;
	}
	return false;
}

static struct msg_msg *find_msg(struct msg_queue *msq, long type, int mode)
{
	struct msg_msg *m, *found = NULL;
	long count = 0;

	list_for_each_entry(m, &msq->messages, node) {
		if (!msg_matches(m, type, mode))
			continue;
		if (mode == SEARCH_LESSEQUAL && m->type != 1) {
			/* keep looking for a lower type */
			type = m->type - 1;
			found = m;
		} else if (mode == SEARCH_NUMBER) {
			if (count++ == type)
				return m;
		} else {
			return m;
		}
	}
	return found;
}

long ipc_msgrcv(int msqid, void __user *msgp, size_t bufsz, long msgtyp, int msgflg)
{
	struct ipc_namespace *ns = ipc_current_ns();
	struct ipc_ids *ids = &ns->ids[IPC_MSG_IDS];
	struct kern_ipc_perm *p;
	struct msg_queue *msq;
	struct msg_msg *m = NULL;
	bool copy = msgflg & LINUX_MSG_COPY;
	int mode;
	long r;

	if (msqid < 0 || (long)bufsz < 0)
		return -EINVAL;
	if (copy) {
		if ((msgflg & LINUX_MSG_EXCEPT) || !(msgflg & LINUX_IPC_NOWAIT))
			return -EINVAL;
		mode = SEARCH_NUMBER;
	} else if (msgtyp == 0) {
		mode = SEARCH_ANY;
	} else if (msgtyp < 0) {
		msgtyp = msgtyp == LONG_MIN ? LONG_MAX : -msgtyp;
		mode = SEARCH_LESSEQUAL;
	} else {
		mode = (msgflg & LINUX_MSG_EXCEPT) ? SEARCH_NOTEQUAL : SEARCH_EQUAL;
	}

	mutex_lock(&ids->mutex);
	p = ipc_obtain_check(ids, msqid);
	if (IS_ERR(p)) {
		mutex_unlock(&ids->mutex);
		return PTR_ERR(p);
	}
	if (ipcperms(p, S_IRUGO)) {
		mutex_unlock(&ids->mutex);
		return -EACCES;
	}
	msq = msq_of(p);
	ipc_get(p);
	for (;;) {
		struct msg_msg *found;

		if (p->deleted) {
			r = -EIDRM;
			break;
		}
		found = find_msg(msq, msgtyp, mode);
		if (found) {
			if (bufsz < found->size && !(msgflg & LINUX_MSG_NOERROR)) {
				r = -E2BIG;
				break;
			}
			if (copy) {
				/* A copy; the message stays queued. */
				m = kmalloc(sizeof(*m) + found->size, GFP_KERNEL);
				if (!m) {
					r = -ENOMEM;
					break;
				}
				memcpy(m, found, sizeof(*m) + found->size);
				r = 0;
				break;
			}
			m = found;
			list_del(&m->node);
			msq->qnum--;
			msq->cbytes -= m->size;
			ns->msg_bytes -= m->size;
			ns->msg_hdrs--;
			msq->rtime = ipc_now();
			msq->lrpid = ipc_pid();
			wake_up_all(&msq->senders);
			r = 0;
			break;
		}
		if (copy) {
			/* Linux: no message at that position. */
			r = -ENOMSG;
			break;
		}
		if (msgflg & LINUX_IPC_NOWAIT) {
			r = -ENOMSG;
			break;
		}
		r = msg_wait(ids, &msq->receivers);
		if (r)
			break;
	}
	mutex_unlock(&ids->mutex);
	ipc_put(p);
	if (!m)
		return r;
	/* As Linux: a message taken off the queue is lost if the copy out
	 * fails. */
	r = MIN(bufsz, m->size);
	if (put_user(m->type, (long __user *)msgp) ||
	    copy_to_user((char __user *)msgp + sizeof(long), m->text, r))
		r = -EFAULT;
	kfree(m);
	return r;
}

static void fill_msqid64(struct linux_msqid64_ds *ds, struct msg_queue *msq)
{
	memset(ds, 0, sizeof(*ds));
	ipc_fill_perm(&ds->msg_perm, &msq->perm);
	ds->msg_stime = msq->stime;
	ds->msg_rtime = msq->rtime;
	ds->msg_ctime = msq->ctime;
	ds->msg_cbytes = msq->cbytes;
	ds->msg_qnum = msq->qnum;
	ds->msg_qbytes = msq->qbytes;
	ds->msg_lspid = pid_global_to_vnr(msq->lspid);
	ds->msg_lrpid = pid_global_to_vnr(msq->lrpid);
}

long ipc_msgctl(int msqid, int cmd, void __user *buf)
{
	struct ipc_namespace *ns = ipc_current_ns();
	struct ipc_ids *ids = &ns->ids[IPC_MSG_IDS];
	union {
		struct linux_msqid64_ds ds;
		struct linux_msginfo info;
	} u;
	struct kern_ipc_perm *p;
	struct msg_queue *msq;
	size_t out = 0;
	long r;

	if (msqid < 0 || cmd < 0)
		return -EINVAL;
	cmd = ipc_cmd(cmd);
	memset(&u, 0, sizeof(u));
	if (cmd == LINUX_IPC_SET && copy_from_user(&u.ds, buf, sizeof(u.ds)))
		return -EFAULT;

	mutex_lock(&ids->mutex);
	switch (cmd) {
	case LINUX_IPC_INFO:
	case LINUX_MSG_INFO:
		u.info.msgmni = ns->msg_ctlmni;
		u.info.msgmax = ns->msg_ctlmax;
		u.info.msgmnb = ns->msg_ctlmnb;
		u.info.msgssz = MSGSSZ;
		u.info.msgseg = MSGSEG;
		if (cmd == LINUX_MSG_INFO) {
			u.info.msgpool = ids->in_use;
			u.info.msgmap = (int)ns->msg_hdrs;
			u.info.msgtql = (int)ns->msg_bytes;
		} else {
			u.info.msgpool = MSGPOOL;
			u.info.msgmap = MSGMAP;
			u.info.msgtql = MSGTQL;
		}
		out = sizeof(u.info);
		r = MAX(ids->max_idx, 0);
		break;
	case LINUX_MSG_STAT:
	case LINUX_MSG_STAT_ANY:
	case LINUX_IPC_STAT:
		if (cmd == LINUX_IPC_STAT)
			p = ipc_obtain_check(ids, msqid);
		else
			p = ipc_obtain_idx(ids, msqid);
		if (IS_ERR(p)) {
			r = PTR_ERR(p);
			break;
		}
		if (cmd != LINUX_MSG_STAT_ANY && ipcperms(p, S_IRUGO)) {
			r = -EACCES;
			break;
		}
		fill_msqid64(&u.ds, msq_of(p));
		out = sizeof(u.ds);
		r = cmd == LINUX_IPC_STAT ? 0 : p->id;
		break;
	case LINUX_IPC_SET:
	case LINUX_IPC_RMID:
		p = ipc_obtain_check(ids, msqid);
		if (IS_ERR(p)) {
			r = PTR_ERR(p);
			break;
		}
		r = ipc_owner_check(p);
		if (r)
			break;
		msq = msq_of(p);
		if (cmd == LINUX_IPC_RMID) {
			freeque(msq);
			break;
		}
		/* Raising msg_qbytes past MSGMNB needs CAP_SYS_RESOURCE. */
		if (u.ds.msg_qbytes > (u64)ns->msg_ctlmnb && !capable_root()) {
			r = -EPERM;
			break;
		}
		r = ipc_update_perm(p, &u.ds.msg_perm);
		if (r)
			break;
		msq->qbytes = u.ds.msg_qbytes;
		msq->ctime = ipc_now();
		/* More room (or less): senders and receivers look again. */
		wake_up_all(&msq->senders);
		wake_up_all(&msq->receivers);
		break;
	default:
		r = -EINVAL;
	}
	mutex_unlock(&ids->mutex);
	if (r >= 0 && out && copy_to_user(buf, &u, out))
		return -EFAULT;
	return r;
}

/* The namespace is going: every queue with it (Linux's msg_exit_ns). */
void msg_exit_ns(struct ipc_namespace *ns)
{
	struct ipc_ids *ids = &ns->ids[IPC_MSG_IDS];

	mutex_lock(&ids->mutex);
	for (int i = 0; i <= ids->max_idx; i++)
		if (ids->entries[i])
			freeque(msq_of(ids->entries[i]));
	mutex_unlock(&ids->mutex);
}
