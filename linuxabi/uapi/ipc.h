/*
 * Linux's x86_64 System V IPC layouts and constants (shmget/shmat/shmctl,
 * semget/semop/semctl, msgget/msgsnd/msgrcv/msgctl). x86_64 has only the
 * "64" layouts (struct ipc64_perm and friends); kernel/ipc fills them
 * directly.
 */
#ifndef LINUXABI_UAPI_IPC_H
#define LINUXABI_UAPI_IPC_H

#include <kernel/types.h>

#define LINUX_IPC_PRIVATE 0

/* get flags */
#define LINUX_IPC_CREAT  00001000
#define LINUX_IPC_EXCL   00002000
#define LINUX_IPC_NOWAIT 00004000

/* ctl commands */
#define LINUX_IPC_RMID 0
#define LINUX_IPC_SET  1
#define LINUX_IPC_STAT 2
#define LINUX_IPC_INFO 3
#define LINUX_IPC_64   0x0100    /* old-ABI marker some libcs OR into cmd */

#define LINUX_SHM_LOCK      11
#define LINUX_SHM_UNLOCK    12
#define LINUX_SHM_STAT      13
#define LINUX_SHM_INFO      14
#define LINUX_SHM_STAT_ANY  15

#define LINUX_SEM_GETPID  11
#define LINUX_SEM_GETVAL  12
#define LINUX_SEM_GETALL  13
#define LINUX_SEM_GETNCNT 14
#define LINUX_SEM_GETZCNT 15
#define LINUX_SEM_SETVAL  16
#define LINUX_SEM_SETALL  17
#define LINUX_SEM_STAT    18
#define LINUX_SEM_INFO    19
#define LINUX_SEM_STAT_ANY 20

#define LINUX_MSG_STAT     11
#define LINUX_MSG_INFO     12
#define LINUX_MSG_STAT_ANY 13

/* shmget/shmat flags, shm_perm.mode bits */
#define LINUX_SHM_HUGETLB  04000
#define LINUX_SHM_NORESERVE 010000
#define LINUX_SHM_RDONLY   010000
#define LINUX_SHM_RND      020000
#define LINUX_SHM_REMAP    040000
#define LINUX_SHM_EXEC     0100000
#define LINUX_SHM_DEST     01000
#define LINUX_SHM_LOCKED   02000

/* semop */
#define LINUX_SEM_UNDO 0x1000

/* msgrcv */
#define LINUX_MSG_NOERROR 010000
#define LINUX_MSG_EXCEPT  020000
#define LINUX_MSG_COPY    040000

struct linux_ipc64_perm {
	s32 key;
	u32 uid, gid, cuid, cgid;
	u32 mode;
	u16 seq;
	u16 __pad2;
	u64 __unused1, __unused2;
};

struct linux_shmid64_ds {
	struct linux_ipc64_perm shm_perm;
	u64 shm_segsz;
	s64 shm_atime, shm_dtime, shm_ctime;
	s32 shm_cpid, shm_lpid;
	u64 shm_nattch;
	u64 __unused4, __unused5;
};

struct linux_shminfo64 {
	u64 shmmax, shmmin, shmmni, shmseg, shmall;
	u64 __unused1, __unused2, __unused3, __unused4;
};

struct linux_shm_info {
	s32 used_ids;
	u64 shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};

struct linux_semid64_ds {
	struct linux_ipc64_perm sem_perm;
	s64 sem_otime;
	u64 __unused1;
	s64 sem_ctime;
	u64 __unused2;
	u64 sem_nsems;
	u64 __unused3, __unused4;
};

struct linux_seminfo {
	s32 semmap, semmni, semmns, semmnu, semmsl, semopm, semume, semusz, semvmx, semaem;
};

struct linux_sembuf {
	u16 sem_num;
	s16 sem_op;
	s16 sem_flg;
};

struct linux_msqid64_ds {
	struct linux_ipc64_perm msg_perm;
	s64 msg_stime, msg_rtime, msg_ctime;
	u64 msg_cbytes, msg_qnum, msg_qbytes;
	s32 msg_lspid, msg_lrpid;
	u64 __unused4, __unused5;
};

struct linux_msginfo {
	s32 msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql;
	u16 msgseg;
};

_Static_assert(sizeof(struct linux_ipc64_perm) == 48, "ipc64_perm");
_Static_assert(sizeof(struct linux_shmid64_ds) == 112, "shmid64_ds");
_Static_assert(sizeof(struct linux_semid64_ds) == 104, "semid64_ds");
_Static_assert(sizeof(struct linux_msqid64_ds) == 120, "msqid64_ds");

#endif
