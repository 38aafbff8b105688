/*
 * procfs internals. /proc is built from tables of struct proc_entry: the
 * root's static entries (meminfo, sys/, ...), the per-process directory
 * (base.c) and the per-thread one. Inodes are struct proc_inode, carrying
 * the entry and the pid/tid (and fd) they describe; files look the task up
 * again on every open and read, so nothing holds a task. Dentries under a
 * pid directory are DCACHE_NOCACHE: every walk asks procfs again, so a dead
 * process's entries disappear at once.
 */
#ifndef PROCFS_INTERNAL_H
#define PROCFS_INTERNAL_H

#include <kernel/clock.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/procfs.h>
#include <kernel/sched.h>
#include <kernel/seq_file.h>
#include <kernel/vm.h>
#include <stdio.h>
#include <string.h>

#define PROC_SUPER_MAGIC 0x9fa0
#define USER_HZ 100
#define NS_PER_TICK (1000000000ULL / USER_HZ)

struct proc_inode;

#define PROC_OWNER_ONLY 0x1   /* open needs ptrace-like access (environ, maps) */
#define PROC_THREAD     0x2   /* an entry of task/TID: the thread, not the process */

struct proc_entry {
	const char *name;
	umode_t mode;
	/* regular files: the text, and an optional write handler (buf is
	 * NUL-terminated, n bytes) returning n or -errno */
	int (*show)(struct seq_file *m, struct proc_inode *pi);
	ssize_t (*write)(struct proc_inode *pi, char *buf, size_t n);
	/* symlinks: the target into buf (len bytes), returns buf's start or ERR_PTR */
	char *(*link)(struct proc_inode *pi, char *buf, size_t len);
	/* magic symlinks (fd/N, exe, cwd, root): the object itself, referenced */
	int (*link_path)(struct proc_inode *pi, struct path *out);
	/* directories: operations, or a static table of children */
	const struct inode_operations *iop;
	const struct file_operations *fop;
	const struct proc_entry *children;
	int nchildren;
	unsigned flags;
};

struct proc_inode {
	struct inode vfs;
	pid_t pid;       /* the process (0: not per-process) */
	pid_t tid;       /* the thread (== pid outside task/) */
	int fd;          /* fd/N, fdinfo/N */
	unsigned flags;  /* PROC_THREAD */
	const struct proc_entry *ent;
};

static inline struct proc_inode *PROC_I(struct inode *i)
{
	return container_of(i, struct proc_inode, vfs);
}

/* The pid namespace of a procfs instance: the mounter's (root.c). Pids in
 * its names and files are that namespace's; inodes keep global ones. */
static inline struct pid_namespace *proc_pid_ns(struct inode *i)
{
	return i->i_sb->s_fs_info;
}

/* root.c: building blocks */
/* The inode number of an entry (stable, so readdir's d_ino is stat's st_ino). */
u64 proc_ino(pid_t tid, int fd, const struct proc_entry *ent);
struct inode *proc_make_inode(struct super_block *sb, const struct proc_entry *ent, pid_t pid,
			      pid_t tid, int fd, unsigned flags);
/* Attach inode to the negative dentry d from a lookup (nocache: per-process). */
void proc_d_add(struct dentry *d, struct inode *inode, bool nocache);
struct dentry *proc_lookup_table(struct inode *dir, struct dentry *d,
				 const struct proc_entry *tab, int n);
int proc_readdir_table(struct file *f, struct dir_context *ctx, const struct proc_entry *tab,
		       int n);
/* A decimal name without leading zeros ("0" itself is fine), as pids and fds. */
bool proc_parse_num(const struct qstr *q, int *out);
bool proc_fill_entry(struct dir_context *ctx, const char *name, s64 pos, u64 ino, umode_t mode);
bool proc_may_access(struct task *t);
extern const struct inode_operations proc_link_iops, proc_magic_link_iops, proc_file_iops;
/* Every procfs inode's setattr: no mode changes (EPERM), as Linux. */
int proc_setattr(struct dentry *d, struct iattr *attr);
extern const struct file_operations proc_file_fops;
extern const struct inode_operations proc_table_dir_iops;
extern const struct file_operations proc_table_dir_fops;

#define PROC_DIR(nm, md, tab) \
	{ .name = nm, .mode = S_IFDIR | (md), .iop = &proc_table_dir_iops, \
	  .fop = &proc_table_dir_fops, .children = tab, .nchildren = ARRAY_SIZE(tab) }
#define PROC_FILE(nm, md, fn) { .name = nm, .mode = S_IFREG | (md), .show = fn }
#define PROC_RW(nm, md, fn, wr) { .name = nm, .mode = S_IFREG | (md), .show = fn, .write = wr }
#define PROC_LINK(nm, fn) { .name = nm, .mode = S_IFLNK | 0777, .link = fn }
#define PROC_MAGIC(nm, fn, pfn) { .name = nm, .mode = S_IFLNK | 0777, .link = fn, .link_path = pfn }

/* base.c: the per-process and per-thread directories */
extern const struct proc_entry proc_tgid_entry;
extern const struct proc_entry proc_tid_entry;
/* The task of a per-process inode (referenced) or NULL. */
struct task *proc_get_task(struct proc_inode *pi);

/* array.c, task_mmu.c, fd.c: per-process files */
int proc_pid_stat(struct seq_file *m, struct proc_inode *pi);
int proc_pid_statm(struct seq_file *m, struct proc_inode *pi);
int proc_pid_status(struct seq_file *m, struct proc_inode *pi);
int proc_pid_maps(struct seq_file *m, struct proc_inode *pi);
int proc_pid_smaps_rollup(struct seq_file *m, struct proc_inode *pi);
extern const struct inode_operations proc_fd_iops, proc_fdinfo_iops;
extern const struct file_operations proc_fd_fops, proc_fdinfo_fops;
/* A file's name as /proc/PID/fd shows it, into buf; returns the start or ERR_PTR. */
char *proc_file_name(struct file *f, char *buf, size_t len);

/* the root's files, one per source file */
int proc_meminfo_show(struct seq_file *m, struct proc_inode *pi);
int proc_cpuinfo_show(struct seq_file *m, struct proc_inode *pi);
int proc_stat_show(struct seq_file *m, struct proc_inode *pi);
int proc_uptime_show(struct seq_file *m, struct proc_inode *pi);
int proc_loadavg_show(struct seq_file *m, struct proc_inode *pi);
int proc_version_show(struct seq_file *m, struct proc_inode *pi);
int proc_cmdline_show(struct seq_file *m, struct proc_inode *pi);
int proc_containers_show(struct seq_file *m, struct proc_inode *pi);
int proc_filesystems_show(struct seq_file *m, struct proc_inode *pi);
int proc_partitions_show(struct seq_file *m, struct proc_inode *pi);
int proc_vmstat_show(struct seq_file *m, struct proc_inode *pi);
int proc_swaps_show(struct seq_file *m, struct proc_inode *pi);
int proc_diskstats_show(struct seq_file *m, struct proc_inode *pi);
extern const struct inode_operations proc_sys_iops;   /* sysctl.c: /proc/sys */
extern const struct file_operations proc_sys_fops;
/* CPU cpu's busy and idle time since boot (ns), each never decreasing
 * (uptime.c), for stat and uptime. */
void proc_cpu_time(int cpu, u64 now, u64 *busy, u64 *idle);

#endif
