/*
 * System V IPC (kernel/ipc): shared memory segments, semaphore arrays and
 * message queues with Linux's ids, keys, permissions, limits and errnos.
 * The syscalls (linuxabi/ipc.c) call the ipc_* functions below, which take
 * user pointers and copy through copy_{from,to}_user (never while holding
 * an IPC lock: shm's locks nest inside mm->lock).
 *
 * Every object lives in an ipc namespace (struct ipc_namespace, private to
 * kernel/ipc), found through task->ipc_ns; NULL there means the initial
 * namespace, which is all there is today (XXX: CLONE_NEWIPC/unshare).
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
 * parent's (0 or -ENOMEM); exit applies and drops the undo list (and is
 * what unshare(CLONE_SYSVSEM) does, as Linux's exit_sem); free drops what
 * the task struct still references. Process context. */
int ipc_task_fork(struct task *p, struct task *parent, unsigned long clone_flags);
void ipc_task_exit(struct task *t);
void ipc_task_free(struct task *t);

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
