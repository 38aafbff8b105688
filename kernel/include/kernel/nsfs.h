/*
 * Namespaces as files: what /proc/[pid]/ns/<name> shows and opens, and what
 * setns(2) joins. Each kind of namespace (mnt, uts, ipc, net, pid, ...)
 * describes itself with one proc_ns_operations; nsfs (kernel/fs/nsfs.c)
 * turns a referenced namespace into an open file whose inode number is the
 * namespace's, so `readlink /proc/self/ns/uts` gives "uts:[4026531838]" and
 * `stat -L` on two links tells whether they name the same namespace.
 *
 * Inode numbers are Linux's: the initial ipc, uts, user, pid, cgroup and
 * time namespaces have fixed numbers (below); every other namespace,
 * including the initial mnt and net ones, takes the next number from
 * ns_alloc_inum(), which starts at 0xF0000000 as Linux's proc_alloc_inum.
 *
 * Namespaces are passed around as void *: the ops know the kind. get()
 * returns a referenced namespace (released with put()); a NULL pointer
 * from a task's field (task->uts_ns == NULL and the like) means "the
 * initial one", and get() turns it into the real initial object so that
 * inum() and install() never see NULL.
 */
#ifndef KERNEL_NSFS_H
#define KERNEL_NSFS_H

#include <kernel/types.h>

struct task;
struct file;

#define PROC_IPC_INIT_INO    0xEFFFFFFFu
#define PROC_UTS_INIT_INO    0xEFFFFFFEu
#define PROC_USER_INIT_INO   0xEFFFFFFDu
#define PROC_PID_INIT_INO    0xEFFFFFFCu
#define PROC_CGROUP_INIT_INO 0xEFFFFFFBu
#define PROC_TIME_INIT_INO   0xEFFFFFFAu

struct proc_ns_operations {
	const char *name;        /* the link's name in /proc/[pid]/ns: "pid_for_children" */
	const char *real_name;   /* the kind in readlink's "kind:[inum]": "pid" */
	int type;                /* its CLONE_NEW* flag, what setns's nstype names */
	void *(*get)(struct task *t);     /* t's namespace, referenced; NULL if t has none left */
	void (*put)(void *ns);
	u32 (*inum)(void *ns);
	/* setns: current joins ns. The caller checked privilege and nstype. */
	int (*install)(void *ns);
};

/* The next dynamic inode number (0xF0000000, 0xF0000001, ...). */
u32 ns_alloc_inum(void);

/* Every kind /proc/[pid]/ns lists, in its readdir order (alphabetical, as
 * Linux), NULL-terminated. */
extern const struct proc_ns_operations *const proc_ns_ops[];

/* An open file for ns (takes over the caller's reference, also on error). */
struct file *nsfs_open(const struct proc_ns_operations *ops, void *ns, int oflags);
/* The namespace behind an nsfs file (not referenced: the file holds one),
 * or NULL if f is not one; *ops gets its kind. */
void *nsfs_file_ns(struct file *f, const struct proc_ns_operations **ops);

#endif
