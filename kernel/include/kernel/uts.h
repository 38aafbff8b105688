/*
 * UTS namespaces (kernel/proc/uts.c): the host and domain names a task
 * sees, shared by reference, copied by clone(CLONE_NEWUTS) and
 * unshare(CLONE_NEWUTS), joined by setns (utsns_operations in
 * kernel/nsfs.h). A task's uts_ns NULL means the initial one; another task
 * reads it only under the owner's proc_lock, which every change takes.
 */
#ifndef KERNEL_UTS_H
#define KERNEL_UTS_H

#include <kernel/types.h>

#define UTS_NAME_LEN 64

struct uts_namespace {
	int refcount;                      /* atomic; the initial one is never freed */
	u32 inum;                          /* its nsfs inode number */
	char nodename[UTS_NAME_LEN + 1];   /* uts_lock */
	char domainname[UTS_NAME_LEN + 1]; /* uts_lock */
};

struct task;
struct uts_namespace *task_uts_ns(struct task *t);   /* not referenced: t's own */
struct uts_namespace *copy_uts_ns(struct uts_namespace *old);   /* NULL: the initial; NULL on -ENOMEM */
void get_uts_ns(struct uts_namespace *ns);           /* NULL is fine */
void put_uts_ns(struct uts_namespace *ns);
/* Read or set a name of current's namespace ("domain": the domain name). */
void uts_get(bool domain, char *buf, size_t len);
int uts_set(bool domain, const char *s, size_t len);

#endif
