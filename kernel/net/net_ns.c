/*
 * Network namespaces: see kernel/net_ns.h. A namespace is freed when its
 * last task, socket and nsfs file are gone; nothing else hangs off it
 * (bindings and names live in the sockets, which keep it alive).
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/net_ns.h>
#include <kernel/nsfs.h>
#include <kernel/sched.h>
#include <linuxabi/uapi/sched.h>

struct net init_net = {
	.refcount = 1,
	.inum = PROC_NET_INIT_INO,
	.lo_flags = NET_IFF_UP,
};

struct net *current_net(void)
{
	struct net *net = current ? current->net_ns : NULL;

	return net ? net : &init_net;
}

struct net *copy_net_ns(struct net *old)
{
	struct net *net = kzalloc(sizeof(*net), GFP_KERNEL);

	(void)old;
	if (!net)
		return ERR_PTR(-ENOMEM);
	net->refcount = 1;
	net->inum = ns_alloc_inum();
	net->lo_flags = 0;   /* Linux: a new namespace's lo is down */
	return net;
}

struct net *get_net(struct net *net)
{
	if (!net)
		return &init_net;
	if (net != &init_net)
		__atomic_fetch_add(&net->refcount, 1, __ATOMIC_RELAXED);
	return net;
}

void put_net(struct net *net)
{
	if (net && net != &init_net && __atomic_sub_fetch(&net->refcount, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(net);
}

void net_task_switch_ns(struct net *net)
{
	struct task *t = current;
	struct net *old;
	unsigned long flags;

	spin_lock_irqsave(&t->proc_lock, flags);
	old = t->net_ns;
	t->net_ns = net == &init_net ? NULL : net;
	spin_unlock_irqrestore(&t->proc_lock, flags);
	put_net(old);
}

int net_task_fork(struct task *p, struct task *parent, unsigned long clone_flags)
{
	if (clone_flags & CLONE_NEWNET) {
		struct net *net = copy_net_ns(parent->net_ns);

		if (IS_ERR(net))
			return PTR_ERR(net);
		p->net_ns = net;
		return 0;
	}
	p->net_ns = parent->net_ns;
	if (p->net_ns)
		get_net(p->net_ns);
	return 0;
}

void net_task_exit_ns(struct task *t)
{
	struct net *old;
	unsigned long flags;

	spin_lock_irqsave(&t->proc_lock, flags);
	old = t->net_ns;
	t->net_ns = NULL;
	spin_unlock_irqrestore(&t->proc_lock, flags);
	put_net(old);
}

bool net_lo_up(const struct net *net)
{
	return __atomic_load_n(&net->lo_flags, __ATOMIC_ACQUIRE) & NET_IFF_UP;
}

unsigned net_lo_flags(const struct net *net, bool lower_up)
{
	unsigned f = NET_IFF_LOOPBACK;

	if (net_lo_up(net))
		f |= NET_IFF_UP | NET_IFF_RUNNING | (lower_up ? NET_IFF_LOWER_UP : 0);
	return f;
}

void net_lo_set_up(struct net *net, bool up)
{
	__atomic_store_n(&net->lo_flags, up ? NET_IFF_UP : 0, __ATOMIC_RELEASE);
}

/* ---- /proc/[pid]/ns/net and setns ---- */

static void *netns_get(struct task *t)
{
	struct net *net = NULL;
	unsigned long flags;

	spin_lock_irqsave(&t->proc_lock, flags);
	if (nsfs_task_has_ns(t))
		net = get_net(t->net_ns);
	spin_unlock_irqrestore(&t->proc_lock, flags);
	return net;
}

static void netns_put(void *net)
{
	put_net(net);
}

static u32 netns_inum(void *net)
{
	return ((struct net *)net)->inum;
}

static int netns_install(void *net)
{
	net_task_switch_ns(get_net(net));
	return 0;
}

const struct proc_ns_operations netns_operations = {
	.name = "net",
	.real_name = "net",
	.type = CLONE_NEWNET,
	.get = netns_get,
	.put = netns_put,
	.inum = netns_inum,
	.install = netns_install,
};
