/*
 * UTS namespaces: see kernel/uts.h. uts_lock (a spinlock) guards the names
 * of every namespace; they are copied in and out under it.
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/uts.h>
#include <string.h>

static DEFINE_SPINLOCK(uts_lock);
static struct uts_namespace init_uts_ns = { 1, "(none)", "(none)" };

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
