/*
 * Starting a program in a child of the current process from kernel code
 * (kernel/proc/spawn.c), as the container runtime does (oci/container.c):
 * the child runs a kernel function first (joining namespaces, changing
 * credentials and directory), then execs; the caller learns whether the
 * exec worked, as posix_spawn's callers do.
 */
#ifndef KERNEL_SPAWN_H
#define KERNEL_SPAWN_H

#include <kernel/types.h>

/*
 * A child of current, sharing its memory until it execs (vfork without
 * the user-mode part), whose first code is fn(arg) in kernel mode, with a
 * copy of current's fd table and fs_struct and SIGCHLD as exit signal.
 * fn ends either with proc_exec() succeeding and proc_enter_user(), or by
 * returning -errno: the child then exits (status 127 for -ENOENT, else
 * 126) and is reaped here. arg belongs to the caller and may be used by
 * fn only until its proc_exec() succeeds (the caller goes on then).
 * ns_flags: CLONE_NEW* flags for do_fork (a container's init: its pid
 * namespace). pid_ns (NULL: current's pid_ns_for_children): the pid
 * namespace the child joins, as setns(pid_for_children) then fork would
 * (a container's later processes). Returns the child's pid once it has
 * exec'd, or fn's (or do_fork's) error.
 */
struct pid_namespace;
long proc_spawn(int (*fn)(void *arg), void *arg, u64 ns_flags, struct pid_namespace *pid_ns);

/* execve of kernel strings by current. 0: the new program is in place
 * (call proc_enter_user next); -errno: nothing changed. A file name
 * without "/" is searched in the PATH of envp (default
 * /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin), as
 * execvpe does: ENOENT when no directory has it, EACCES if one had it
 * but could not run it. */
int proc_exec(const char *file, char *const argv[], char *const envp[]);
__noreturn void proc_enter_user(void);

/* current's real, effective, saved and fs ids and its supplementary
 * groups (the caller is root), as a runtime sets them before exec. */
int proc_set_ids(u32 uid, u32 gid, int ngroups, u32 *groups);

#endif
