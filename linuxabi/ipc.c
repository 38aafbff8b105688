/*
 * System V IPC system calls: shmget/shmat/shmdt/shmctl, semget/semop/
 * semtimedop/semctl, msgget/msgsnd/msgrcv/msgctl. The arguments go to
 * kernel/ipc as Linux's syscalls pass them (the ctl structures are
 * x86_64's 64-bit layouts, linuxabi/uapi/ipc.h); kernel/ipc checks,
 * copies and decides.
 */
#include <kernel/errno.h>
#include <kernel/ipc.h>
#include <kernel/types.h>

long sys_shmget(int key, size_t size, int shmflg);
long sys_shmat(int shmid, unsigned long shmaddr, int shmflg);
long sys_shmdt(unsigned long shmaddr);
long sys_shmctl(int shmid, int cmd, void __user *buf);
long sys_semget(int key, int nsems, int semflg);
long sys_semop(int semid, void __user *sops, unsigned nsops);
long sys_semtimedop(int semid, void __user *sops, unsigned nsops, const void __user *timeout);
long sys_semctl(int semid, int semnum, int cmd, unsigned long arg);
long sys_msgget(int key, int msgflg);
long sys_msgsnd(int msqid, const void __user *msgp, size_t msgsz, int msgflg);
long sys_msgrcv(int msqid, void __user *msgp, size_t msgsz, long msgtyp, int msgflg);
long sys_msgctl(int msqid, int cmd, void __user *buf);

long sys_shmget(int key, size_t size, int shmflg)
{
	return ipc_shmget(key, size, shmflg);
}

long sys_shmat(int shmid, unsigned long shmaddr, int shmflg)
{
	return ipc_shmat(shmid, shmaddr, shmflg);
}

long sys_shmdt(unsigned long shmaddr)
{
	return ipc_shmdt(shmaddr);
}

long sys_shmctl(int shmid, int cmd, void __user *buf)
{
	return ipc_shmctl(shmid, cmd, buf);
}

long sys_semget(int key, int nsems, int semflg)
{
	return ipc_semget(key, nsems, semflg);
}

long sys_semop(int semid, void __user *sops, unsigned nsops)
{
	return ipc_semtimedop(semid, sops, nsops, NULL);
}

long sys_semtimedop(int semid, void __user *sops, unsigned nsops, const void __user *timeout)
{
	return ipc_semtimedop(semid, sops, nsops, timeout);
}

long sys_semctl(int semid, int semnum, int cmd, unsigned long arg)
{
	return ipc_semctl(semid, semnum, cmd, arg);
}

long sys_msgget(int key, int msgflg)
{
	return ipc_msgget(key, msgflg);
}

long sys_msgsnd(int msqid, const void __user *msgp, size_t msgsz, int msgflg)
{
	return ipc_msgsnd(msqid, msgp, msgsz, msgflg);
}

long sys_msgrcv(int msqid, void __user *msgp, size_t msgsz, long msgtyp, int msgflg)
{
	return ipc_msgrcv(msqid, msgp, msgsz, msgtyp, msgflg);
}

long sys_msgctl(int msqid, int cmd, void __user *buf)
{
	return ipc_msgctl(msqid, cmd, buf);
}
