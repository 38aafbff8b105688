/*
 * Private to kernel/ipc: the namespace, the id sets and the common part of
 * every object (struct kern_ipc_perm), as Linux's ipc/util.h has them.
 *
 * Locking: each id set (sem, msg, shm) has one mutex, ids->mutex, that
 * guards the set and every field of its objects (values, queues, undo
 * entries). Sleepers drop it and hold a reference on the object instead;
 * after waking they retake it and look at perm->deleted (EIDRM).
 * Lock order: mm->lock -> shm ids mutex (the VMA callbacks take it);
 * nothing touches user memory while holding an ids mutex. The sem mutex
 * also guards every undo list (XXX: Linux has a lock per undo list).
 */
#ifndef KERNEL_IPC_INTERNAL_H
#define KERNEL_IPC_INTERNAL_H

#include <kernel/errno.h>
#include <kernel/ipc.h>
#include <kernel/list.h>
#include <kernel/mutex.h>
#include <kernel/proc.h>
#include <kernel/types.h>
#include <linuxabi/uapi/ipc.h>

/* Linux 6.1's defaults (include/uapi/linux/{shm,sem,msg,ipc}.h). */
#define IPCMNI           32768           /* ids per set; also the seq multiplier */
#define IPCMNI_SHIFT     15
#define IPCID_SEQ_MAX    0xffff     /* (INT_MAX >> 15) exceeds the u16 seq */

#define SHMMIN 1
#define SHMMNI 4096
#define SHMMAX (~0UL - (1UL << 24))
#define SHMALL (~0UL - (1UL << 24))      /* pages */
#define SHMSEG SHMMNI

#define SEMMNI 32000
#define SEMMSL 32000
#define SEMMNS (SEMMNI * SEMMSL)
#define SEMOPM 500
#define SEMVMX 32767
#define SEMAEM SEMVMX
#define SEMUME SEMOPM
#define SEMMNU SEMMNS
#define SEMMAP SEMMNS
#define SEMUSZ 20

#define MSGMNI 32000
#define MSGMAX 8192
#define MSGMNB 16384
#define MSGPOOL (MSGMNI * MSGMNB / 1024)
#define MSGTQL MSGMNB
#define MSGMAP MSGMNB
#define MSGSSZ 16
#define __MSGSEG ((MSGPOOL * 1024) / MSGSSZ)
#define MSGSEG (__MSGSEG <= 0xffff ? __MSGSEG : 0xffff)

/* Permission bits as ipcperms takes them. */
#define S_IRUGO 0444
#define S_IWUGO 0222
#define S_IXUGO 0111
#define S_IRWXUGO 0777

struct kern_ipc_perm {
	int id;                 /* seq * IPCMNI + idx */
	int idx;
	s32 key;                /* IPC_PRIVATE once removed with attachments */
	uid_t uid, cuid;
	gid_t gid, cgid;
	u32 mode;               /* 0777 bits plus SHM_DEST/SHM_LOCKED */
	u16 seq;
	bool deleted;           /* out of the set; sleepers answer EIDRM */
	int refcount;           /* the set's and sleepers'; atomic */
	void (*free)(struct kern_ipc_perm *p);   /* last reference gone */
};

struct ipc_ids {
	struct mutex mutex;
	int in_use;
	int max_idx;            /* highest index in use, -1: none */
	int last_idx;           /* the cyclic allocator's last choice */
	u16 seq;
	int size;               /* slots in entries */
	struct kern_ipc_perm **entries;
};

#define IPC_SEM_IDS 0
#define IPC_MSG_IDS 1
#define IPC_SHM_IDS 2

struct ipc_namespace {
	int refcount;           /* tasks, nsfs files, shm mappings; atomic */
	u32 inum;               /* its nsfs inode number */
	struct ipc_ids ids[3];
	/* sysctls, Linux's defaults; XXX: no /proc/sys/kernel to change them */
	u64 shm_ctlmax, shm_ctlall;
	int shm_ctlmni;
	int sem_ctls[4];        /* semmsl, semmns, semopm, semmni */
	int msg_ctlmax, msg_ctlmnb, msg_ctlmni;
	/* usage; each under its set's mutex */
	u64 shm_tot;            /* pages of all segments */
	int used_sems;
	u64 msg_bytes, msg_hdrs;
};
#define sc_semmsl sem_ctls[0]
#define sc_semmns sem_ctls[1]
#define sc_semopm sem_ctls[2]
#define sc_semmni sem_ctls[3]

struct ipc_namespace *ipc_current_ns(void);

/* util.c */
void ipc_ids_init(struct ipc_ids *ids, const char *name);
/* Put p in the set with a fresh id (refcount 1: the set's), or -ENOSPC
 * past limit objects. p->key and the mode bits are the caller's. */
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *p, int limit);
/* Take p out of the set: deleted, its slot free; drops nothing. */
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *p);
struct kern_ipc_perm *ipc_find_key(struct ipc_ids *ids, s32 key);
/* By full id (EINVAL when stale or absent) or by index (*_STAT). */
struct kern_ipc_perm *ipc_obtain_check(struct ipc_ids *ids, int id);
struct kern_ipc_perm *ipc_obtain_idx(struct ipc_ids *ids, int idx);
void ipc_get(struct kern_ipc_perm *p);
void ipc_put(struct kern_ipc_perm *p);
/* 0 when current may access p as flag (S_IRUGO, S_IWUGO, ...), else -EACCES. */
int ipcperms(struct kern_ipc_perm *p, int flag);
/* IPC_SET/IPC_RMID: owner, creator or privileged; else -EPERM. */
int ipc_owner_check(struct kern_ipc_perm *p);
void ipc_init_perm(struct kern_ipc_perm *p, s32 key, int flg);
void ipc_fill_perm(struct linux_ipc64_perm *out, const struct kern_ipc_perm *p);
/* IPC_SET's uid, gid and mode bits; -EINVAL for an invalid id. */
int ipc_update_perm(struct kern_ipc_perm *p, const struct linux_ipc64_perm *in);

/* The get syscalls' common path (Linux's ipcget). */
struct ipc_get_ops {
	/* Create with the set's mutex held: the new id or -errno. */
	int (*create)(struct ipc_namespace *ns, s32 key, int flg, u64 param);
	/* An existing object asked for with param (size, nsems): 0 or -errno. */
	int (*more_checks)(struct kern_ipc_perm *p, u64 param);
};
int ipcget(struct ipc_namespace *ns, struct ipc_ids *ids, s32 key, int flg, u64 param,
	   const struct ipc_get_ops *ops);

/* Seconds since the epoch, for the *_time fields. */
s64 ipc_now(void);
/* current's process id. */
int ipc_pid(void);
/* The ctl syscalls' cmd: x86_64 has only the 64-bit layouts, but glibc and
 * musl may OR in IPC_64; accept both (XXX Linux 6.1 on x86_64 rejects a
 * cmd with IPC_64 as EINVAL; the C libraries never pass it there). */
static inline int ipc_cmd(int cmd) { return cmd & ~LINUX_IPC_64; }

/* The namespace's last reference is gone: destroy every object of a kind. */
void sem_exit_ns(struct ipc_namespace *ns);
void msg_exit_ns(struct ipc_namespace *ns);
void shm_exit_ns(struct ipc_namespace *ns);

/* sem.c */
/* The last sharer of ulp is gone: apply its adjustments, free it. */
void sem_exit_undo(struct sem_undo_list *ulp);
/* CLONE_SYSVSEM: p shares parent's undo list (made now if missing). */
int sem_undo_share(struct task *p, struct task *parent);

#endif
