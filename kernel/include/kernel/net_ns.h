/*
 * Network namespaces (kernel/net/net_ns.c). A struct net is what a
 * namespace has of its own: its loopback device's state (flags), and,
 * through the sockets that carry a pointer to it, its TCP and UDP port
 * bindings, its AF_UNIX abstract names and netlink's view of links and
 * addresses. Every socket belongs to the net of the task that created it
 * (sock->net, referenced). Path-bound AF_UNIX sockets are found through
 * the filesystem and so cross namespaces, as on Linux.
 *
 * task->net_ns NULL means the initial namespace (init_net, never freed),
 * whose lo is up from boot (the boot's /init also brings it up); a new
 * namespace's lo exists but is down, as on Linux, until SIOCSIFFLAGS or
 * RTM_NEWLINK (`ip link set lo up`) brings it up. Another task's net_ns
 * is read and changed under its proc_lock.
 */
#ifndef KERNEL_NET_NS_H
#define KERNEL_NET_NS_H

#include <kernel/types.h>

struct task;

struct net {
	int refcount;          /* tasks, sockets, nsfs files; atomic */
	u32 inum;              /* its nsfs inode number */
	unsigned lo_flags;     /* IFF_UP or 0: lo's administrative state; atomic word */
};

extern struct net init_net;

#define NET_IFF_UP       0x1
#define NET_IFF_LOOPBACK 0x8
#define NET_IFF_RUNNING  0x40
#define NET_IFF_LOWER_UP 0x10000

/* current's namespace (not referenced: current holds it). */
struct net *current_net(void);
/* A new namespace (lo down): ERR_PTR(-ENOMEM). */
struct net *copy_net_ns(struct net *old);
struct net *get_net(struct net *net);   /* NULL: the initial one; returns the real one */
void put_net(struct net *net);
/* Current moves into net, handing over the caller's reference. */
void net_task_switch_ns(struct net *net);
/* clone: p's namespace from parent's (0 or -errno); exit drops it. */
int net_task_fork(struct task *p, struct task *parent, unsigned long clone_flags);
void net_task_exit_ns(struct task *t);

/* lo's state: is it up; its flags as SIOCGIFFLAGS shows them (with
 * RUNNING and, for netlink, LOWER_UP when up); change it (only IFF_UP
 * matters). */
bool net_lo_up(const struct net *net);
unsigned net_lo_flags(const struct net *net, bool lower_up);
void net_lo_set_up(struct net *net, bool up);

#endif
