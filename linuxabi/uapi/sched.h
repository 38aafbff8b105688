/*
 * Linux's clone flags and struct clone_args (clone3), sched_param, and the
 * CPU-set size rule. The CLONE_* names are used by kernel/proc as they are
 * (the kernel keeps Linux's values, as with errno and signals).
 */
#ifndef LINUXABI_UAPI_SCHED_H
#define LINUXABI_UAPI_SCHED_H

#include <kernel/types.h>

#define CSIGNAL              0x000000ffULL
#define CLONE_VM             0x00000100ULL
#define CLONE_FS             0x00000200ULL
#define CLONE_FILES          0x00000400ULL
#define CLONE_SIGHAND        0x00000800ULL
#define CLONE_PIDFD          0x00001000ULL
#define CLONE_PTRACE         0x00002000ULL
#define CLONE_VFORK          0x00004000ULL
#define CLONE_PARENT         0x00008000ULL
#define CLONE_THREAD         0x00010000ULL
#define CLONE_NEWNS          0x00020000ULL
#define CLONE_SYSVSEM        0x00040000ULL
#define CLONE_SETTLS         0x00080000ULL
#define CLONE_PARENT_SETTID  0x00100000ULL
#define CLONE_CHILD_CLEARTID 0x00200000ULL
#define CLONE_DETACHED       0x00400000ULL
#define CLONE_UNTRACED       0x00800000ULL
#define CLONE_CHILD_SETTID   0x01000000ULL
#define CLONE_NEWCGROUP      0x02000000ULL
#define CLONE_NEWUTS         0x04000000ULL
#define CLONE_NEWIPC         0x08000000ULL
#define CLONE_NEWUSER        0x10000000ULL
#define CLONE_NEWPID         0x20000000ULL
#define CLONE_NEWNET         0x40000000ULL
#define CLONE_IO             0x80000000ULL
#define CLONE_CLEAR_SIGHAND  0x100000000ULL   /* clone3 only */
#define CLONE_INTO_CGROUP    0x200000000ULL   /* clone3 only */
#define CLONE_NEWTIME        0x00000080ULL    /* clone3/unshare only */

#define CLONE_NEW_MASK (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | \
			CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET)

struct linux_clone_args {
	u64 flags;
	u64 pidfd;
	u64 child_tid;
	u64 parent_tid;
	u64 exit_signal;
	u64 stack;               /* lowest address of the child's stack */
	u64 stack_size;
	u64 tls;
	u64 set_tid;             /* version 1 (80 bytes) */
	u64 set_tid_size;
	u64 cgroup;              /* version 2 (88 bytes) */
};
#define CLONE_ARGS_SIZE_VER0 64
#define CLONE_ARGS_SIZE_VER1 80
#define CLONE_ARGS_SIZE_VER2 88

struct linux_sched_param {
	int sched_priority;
};

#define LINUX_SCHED_OTHER 0
#define LINUX_SCHED_FIFO  1
#define LINUX_SCHED_RR    2
#define LINUX_SCHED_BATCH 3
#define LINUX_SCHED_IDLE  5
#define LINUX_SCHED_DEADLINE 6
#define LINUX_SCHED_RESET_ON_FORK 0x40000000

/* sched_setattr/sched_getattr (Linux 4.13+ layout; VER1 adds the util clamps). */
struct linux_sched_attr {
	u32 size;
	u32 sched_policy;
	u64 sched_flags;
	s32 sched_nice;
	u32 sched_priority;
	u64 sched_runtime;       /* SCHED_DEADLINE, ns */
	u64 sched_deadline;
	u64 sched_period;
	u32 sched_util_min;      /* VER1 */
	u32 sched_util_max;
};
#define LINUX_SCHED_ATTR_SIZE_VER0 48
#define LINUX_SCHED_ATTR_SIZE_VER1 56

#define LINUX_SCHED_FLAG_RESET_ON_FORK  0x01
#define LINUX_SCHED_FLAG_RECLAIM        0x02
#define LINUX_SCHED_FLAG_DL_OVERRUN     0x04
#define LINUX_SCHED_FLAG_KEEP_POLICY    0x08
#define LINUX_SCHED_FLAG_KEEP_PARAMS    0x10
#define LINUX_SCHED_FLAG_UTIL_CLAMP_MIN 0x20
#define LINUX_SCHED_FLAG_UTIL_CLAMP_MAX 0x40
#define LINUX_SCHED_FLAG_ALL            0x7f

#endif
