/*
 * Processes as the rest of the kernel sees them (kernel/proc owns the
 * implementation and adds to this header): credentials, thread groups,
 * process groups and sessions, and starting the first user process.
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include <kernel/sched.h>
#include <kernel/types.h>

typedef u32 uid_t;
typedef u32 gid_t;

struct cred {
	int refcount;
	uid_t uid, euid, suid, fsuid;
	gid_t gid, egid, sgid, fsgid;
	int ngroups;
	gid_t *groups;           /* sorted */
};

const struct cred *current_cred(void);
bool in_group_p(gid_t gid);              /* fsgid or a supplementary group */
bool capable_root(void);                 /* XXX: capabilities; euid 0 for now */

pid_t task_tgid_nr(struct task *t);      /* the process id */
pid_t task_pgrp_nr(struct task *t);
pid_t task_session_nr(struct task *t);

/*
 * Start the first user process (pid 1): a new task with a fresh mm, fd
 * table and fs_struct that execs path with argv/envp. Returns 0 or -errno
 * (and the caller tries the next candidate, as Linux does with init=).
 */
int proc_start_init(const char *path, const char *const argv[], const char *const envp[]);

#endif
