/*
 * System V IPC (kernel/ipc): shared memory segments, semaphore arrays and
 * message queues with Linux's ids, keys, permissions, limits and errnos.
 * The syscalls (linuxabi/ipc.c) call the ipc_* functions below, which take
 * user pointers and copy through copy_{from,to}_user (never while holding
 * an IPC lock: shm's locks nest inside mm->lock).
 *
 * Every object lives in an ipc namespace (struct ipc_namespace, private to
 * kernel/ipc), found through task->ipc_ns; NULL there means the initial
 * namespace. clone/unshare(CLONE_NEWIPC) make a new, empty one, setns
 * joins one (ipcns_operations, kernel/nsfs.h); another task's ipc_ns is
 * read and changed under its proc_lock.
 * A process's semaphore undo list (task->sysvsem) is shared by the tasks
 * cloned with CLONE_SYSVSEM and applied when the last of them exits.
 */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include <kernel/compiler.h>
#include <kernel/types.h>

struct task;
struct ipc_namespace;
struct sem_undo_list;

/* Process life cycle (kernel/proc): fork/clone sets up p's IPC state from
 * parent's, a new namespace with CLONE_NEWIPC (0 or -ENOMEM); exit applies and drops the undo list (and is
 * what unshare(CLONE_SYSVSEM) does, as Linux's exit_sem); free drops what
 * the task struct still references. Process context. */
int ipc_task_fork(struct task *p, struct task *parent, unsigned long clone_flags);
void ipc_task_exit(struct task *t);
void ipc_task_free(struct task *t);
/* Exit: t drops its namespace (after ipc_task_exit: the undo list is
 * applied in it); the last user's going destroys what the namespace held. */
void ipc_task_exit_ns(struct task *t);

/* IPC namespaces, for clone, unshare and container start: a new empty
 * namespace (ERR_PTR(-ENOMEM)); references (NULL, the initial one, is
 * fine for both); current moves into ns, handing over the caller's
 * reference, after its SEM_UNDO list is applied in the old one. */
struct ipc_namespace *copy_ipc_ns(struct ipc_namespace *old);
void get_ipc_ns(struct ipc_namespace *ns);
void put_ipc_ns(struct ipc_namespace *ns);
void ipc_task_switch_ns(struct ipc_namespace *ns);

long ipc_shmget(s32 key, u64 size, int shmflg);
long ipc_shmat(int shmid, unsigned long shmaddr, int shmflg);
long ipc_shmdt(unsigned long shmaddr);
long ipc_shmctl(int shmid, int cmd, void __user *buf);

long ipc_semget(s32 key, int nsems, int semflg);
/* timeout: a user struct timespec (relative), or NULL for none. */
long ipc_semtimedop(int semid, const void __user *sops, unsigned nsops, const void __user *timeout);
long ipc_semctl(int semid, int semnum, int cmd, unsigned long arg);

long ipc_msgget(s32 key, int msgflg);
long ipc_msgsnd(int msqid, const void __user *msgp, size_t msgsz, int msgflg);
long ipc_msgrcv(int msqid, void __user *msgp, size_t msgsz, long msgtyp, int msgflg);
long ipc_msgctl(int msqid, int cmd, void __user *buf);

#endif
