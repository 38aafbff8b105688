/*
 * IPC namespaces: each has its own three id sets and limits; a new one
 * (clone or unshare with CLONE_NEWIPC) starts empty with Linux's default
 * limits. A namespace is referenced by its tasks (task->ipc_ns; NULL means
 * the initial one, which is never freed), by nsfs files, and by every
 * mapping of one of its shm segments; when the last reference goes, every
 * array, queue and segment left in it is destroyed, as Linux's
 * free_ipc_ns does.
 */
#include <kernel/mm.h>
#include <kernel/nsfs.h>
#include <kernel/sched.h>
#include <linuxabi/uapi/sched.h>

#include "internal.h"

static struct ipc_namespace init_ipc_ns = {
	.refcount = 1,
	.inum = PROC_IPC_INIT_INO,
	.shm_ctlmax = SHMMAX,
	.shm_ctlall = SHMALL,
	.shm_ctlmni = SHMMNI,
	.sem_ctls = { SEMMSL, SEMMNS, SEMOPM, SEMMNI },
	.msg_ctlmax = MSGMAX,
	.msg_ctlmnb = MSGMNB,
	.msg_ctlmni = MSGMNI,
};
static bool init_ns_ready;
static DEFINE_MUTEX(init_ns_mutex);

static void ns_ids_init(struct ipc_namespace *ns)
{
	ipc_ids_init(&ns->ids[IPC_SEM_IDS], "sem_ids");
	ipc_ids_init(&ns->ids[IPC_MSG_IDS], "msg_ids");
	ipc_ids_init(&ns->ids[IPC_SHM_IDS], "shm_ids");
}

static struct ipc_namespace *ipc_init_ns(void)
{
	/* Set up on first use: no init call. */
	if (!__atomic_load_n(&init_ns_ready, __ATOMIC_ACQUIRE)) {
		mutex_lock(&init_ns_mutex);
		if (!init_ns_ready) {
			ns_ids_init(&init_ipc_ns);
			__atomic_store_n(&init_ns_ready, true, __ATOMIC_RELEASE);
		}
		mutex_unlock(&init_ns_mutex);
	}
	return &init_ipc_ns;
}

struct ipc_namespace *ipc_current_ns(void)
{
	struct ipc_namespace *ns = current->ipc_ns;

	return ns ? ns : ipc_init_ns();
}

struct ipc_namespace *copy_ipc_ns(struct ipc_namespace *old)
{
	struct ipc_namespace *ns = kzalloc(sizeof(*ns), GFP_KERNEL);

	(void)old;   /* nothing is inherited: Linux starts with the defaults */
	if (!ns)
		return ERR_PTR(-ENOMEM);
	ns->refcount = 1;
	ns->inum = ns_alloc_inum();
	ns->shm_ctlmax = SHMMAX;
	ns->shm_ctlall = SHMALL;
	ns->shm_ctlmni = SHMMNI;
	ns->sc_semmsl = SEMMSL;
	ns->sc_semmns = SEMMNS;
	ns->sc_semopm = SEMOPM;
	ns->sc_semmni = SEMMNI;
	ns->msg_ctlmax = MSGMAX;
	ns->msg_ctlmnb = MSGMNB;
	ns->msg_ctlmni = MSGMNI;
	ns_ids_init(ns);
	return ns;
}

void get_ipc_ns(struct ipc_namespace *ns)
{
	if (ns && ns != &init_ipc_ns)
		__atomic_fetch_add(&ns->refcount, 1, __ATOMIC_RELAXED);
}

void put_ipc_ns(struct ipc_namespace *ns)
{
	if (!ns || ns == &init_ipc_ns ||
	    __atomic_sub_fetch(&ns->refcount, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	sem_exit_ns(ns);
	msg_exit_ns(ns);
	shm_exit_ns(ns);
	for (int i = 0; i < 3; i++)
		kfree(ns->ids[i].entries);
	kfree(ns);
}

/* Current's namespace becomes ns (referenced by the caller, who hands the
 * reference over). Its undo list goes first, applied in the old
 * namespace, as Linux's exit_sem on unshare and setns. */
void ipc_task_switch_ns(struct ipc_namespace *ns)
{
	struct task *t = current;
	struct ipc_namespace *old;
	unsigned long flags;

	ipc_task_exit(t);
	spin_lock_irqsave(&t->proc_lock, flags);
	old = t->ipc_ns;
	t->ipc_ns = ns == &init_ipc_ns ? NULL : ns;
	spin_unlock_irqrestore(&t->proc_lock, flags);
	put_ipc_ns(old);
}

void ipc_task_exit_ns(struct task *t)
{
	struct ipc_namespace *old;
	unsigned long flags;

	spin_lock_irqsave(&t->proc_lock, flags);
	old = t->ipc_ns;
	t->ipc_ns = NULL;
	spin_unlock_irqrestore(&t->proc_lock, flags);
	put_ipc_ns(old);
}

/* ---- /proc/[pid]/ns/ipc and setns ---- */

static void *ipcns_get(struct task *t)
{
	struct ipc_namespace *ns = NULL;
	unsigned long flags;

	spin_lock_irqsave(&t->proc_lock, flags);
	if (nsfs_task_has_ns(t)) {
		ns = t->ipc_ns ? t->ipc_ns : &init_ipc_ns;
		get_ipc_ns(ns);
	}
	spin_unlock_irqrestore(&t->proc_lock, flags);
	return ns;
}

static void ipcns_put(void *ns)
{
	put_ipc_ns(ns);
}

static u32 ipcns_inum(void *ns)
{
	return ((struct ipc_namespace *)ns)->inum;
}

static int ipcns_install(void *p)
{
	struct ipc_namespace *ns = p;

	if (ns == &init_ipc_ns)
		ipc_init_ns();
	get_ipc_ns(ns);
	ipc_task_switch_ns(ns);
	return 0;
}

const struct proc_ns_operations ipcns_operations = {
	.name = "ipc",
	.real_name = "ipc",
	.type = CLONE_NEWIPC,
	.get = ipcns_get,
	.put = ipcns_put,
	.inum = ipcns_inum,
	.install = ipcns_install,
};
