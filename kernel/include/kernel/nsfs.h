/*
 * Namespaces as files: what /proc/[pid]/ns/<name> shows and opens, and what
 * setns(2) joins. Each kind of namespace (mnt, uts, ipc, net, pid, ...)
 * describes itself with one proc_ns_operations; nsfs (kernel/fs/nsfs.c)
 * turns a referenced namespace into an open file whose inode number is the
 * namespace's, so `readlink /proc/self/ns/uts` gives "uts:[4026531838]" and
 * `stat -L` on two links tells whether they name the same namespace.
 *
 * Inode numbers are Linux's: the initial ipc, uts, user, pid, cgroup and
 * time namespaces have fixed numbers (below); every other namespace takes
 * the next number from ns_alloc_inum(), which, as Linux's proc_alloc_inum,
 * counts from 0xF0000000; the initial mnt and net namespaces, which exist
 * before any allocation, hold the first two (PROC_MNT_INIT_INO,
 * PROC_NET_INIT_INO) and ns_alloc_inum() hands out the numbers after them.
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
#define PROC_MNT_INIT_INO    0xF0000000u
#define PROC_NET_INIT_INO    0xF0000001u

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

struct path;
/* The nsfs path of ns (what /proc/[pid]/ns/<name> leads to when followed):
 * takes over the caller's reference, also on error; 0 or -errno. */
int nsfs_path(const struct proc_ns_operations *ops, void *ns, struct path *out);
/* The kind named name ("uts", "pid_for_children") in proc_ns_ops, or NULL. */
const struct proc_ns_operations *proc_ns_find(const char *name);
/* proc_lock of t held: does t still have its namespaces (a task that has
 * exited has none; kernel threads have the initial ones)? */
bool nsfs_task_has_ns(struct task *t);

/* The kinds (each beside its namespace's code). */
extern const struct proc_ns_operations mntns_operations;     /* kernel/fs/namespace.c */
extern const struct proc_ns_operations utsns_operations;     /* kernel/proc/uts.c */
extern const struct proc_ns_operations ipcns_operations;     /* kernel/ipc/namespace.c */
extern const struct proc_ns_operations netns_operations;     /* kernel/net/net_ns.c */
extern const struct proc_ns_operations pidns_operations;     /* kernel/proc/pid_ns.c */
extern const struct proc_ns_operations pidns_for_children_operations;
extern const struct proc_ns_operations cgroupns_operations;  /* nsfs.c: only the initial one */
extern const struct proc_ns_operations userns_operations;    /* nsfs.c: only the initial one */
extern const struct proc_ns_operations timens_operations;    /* nsfs.c: only the initial one */
extern const struct proc_ns_operations timens_for_children_operations;

#endif
