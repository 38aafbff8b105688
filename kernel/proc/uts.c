/*
 * UTS namespaces: see kernel/uts.h. uts_lock (a spinlock) guards the names
 * of every namespace; they are copied in and out under it.
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/nsfs.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/uts.h>
#include <linuxabi/uapi/sched.h>
#include <string.h>

static DEFINE_SPINLOCK(uts_lock);
static struct uts_namespace init_uts_ns = {
	.refcount = 1,
	.inum = PROC_UTS_INIT_INO,
	.nodename = "(none)",
	.domainname = "(none)",
};

struct uts_namespace *task_uts_ns(struct task *t)
{
	return t && t->uts_ns ? t->uts_ns : &init_uts_ns;
}

struct uts_namespace *copy_uts_ns(struct uts_namespace *old)
{
	struct uts_namespace *ns = kzalloc(sizeof(*ns), GFP_KERNEL);
	unsigned long flags;

	if (!ns)
		return NULL;
	if (!old)
		old = &init_uts_ns;
	ns->refcount = 1;
	ns->inum = ns_alloc_inum();
	spin_lock_irqsave(&uts_lock, flags);
	memcpy(ns->nodename, old->nodename, sizeof(ns->nodename));
	memcpy(ns->domainname, old->domainname, sizeof(ns->domainname));
	spin_unlock_irqrestore(&uts_lock, flags);
	return ns;
}

void get_uts_ns(struct uts_namespace *ns)
{
	if (ns && ns != &init_uts_ns)
		__atomic_fetch_add(&ns->refcount, 1, __ATOMIC_RELAXED);
}

void put_uts_ns(struct uts_namespace *ns)
{
	if (ns && ns != &init_uts_ns && __atomic_sub_fetch(&ns->refcount, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(ns);
}

void uts_get(bool domain, char *buf, size_t len)
{
	struct uts_namespace *ns = task_uts_ns(current);
	unsigned long flags;

	if (!len)
		return;
	spin_lock_irqsave(&uts_lock, flags);
	strncpy(buf, domain ? ns->domainname : ns->nodename, len - 1);
	buf[len - 1] = 0;
	spin_unlock_irqrestore(&uts_lock, flags);
}

int uts_set(bool domain, const char *s, size_t len)
{
	struct uts_namespace *ns = task_uts_ns(current);
	char *dst = domain ? ns->domainname : ns->nodename;
	unsigned long flags;

	if (len > UTS_NAME_LEN)
		return -EINVAL;
	spin_lock_irqsave(&uts_lock, flags);
	memset(dst, 0, UTS_NAME_LEN + 1);
	memcpy(dst, s, len);
	spin_unlock_irqrestore(&uts_lock, flags);
	return 0;
}

/* ---- /proc/[pid]/ns/uts and setns ---- */

static void *utsns_get(struct task *t)
{
	struct uts_namespace *ns = NULL;
	unsigned long flags;

	spin_lock_irqsave(&t->proc_lock, flags);
	if (nsfs_task_has_ns(t)) {
		ns = task_uts_ns(t);
		get_uts_ns(ns);
	}
	spin_unlock_irqrestore(&t->proc_lock, flags);
	return ns;
}

static void utsns_put(void *ns)
{
	put_uts_ns(ns);
}

static u32 utsns_inum(void *ns)
{
	return ((struct uts_namespace *)ns)->inum;
}

static int utsns_install(void *p)
{
	struct uts_namespace *ns = p, *old;
	struct task *t = current;
	unsigned long flags;

	get_uts_ns(ns);
	spin_lock_irqsave(&t->proc_lock, flags);
	old = t->uts_ns;
	t->uts_ns = ns == &init_uts_ns ? NULL : ns;
	spin_unlock_irqrestore(&t->proc_lock, flags);
	put_uts_ns(old);
	return 0;
}

const struct proc_ns_operations utsns_operations = {
	.name = "uts",
	.real_name = "uts",
	.type = CLONE_NEWUTS,
	.get = utsns_get,
	.put = utsns_put,
	.inum = utsns_inum,
	.install = utsns_install,
};
