/*
 * Credentials: reference-counted, copy-on-write sets of ids (struct cred in
 * proc.h), one per task (threads have their own, as on Linux; the C
 * libraries make set*id process-wide themselves). Only the task changes
 * its own: prepare_creds copies, the caller edits the copy, commit_creds
 * installs it under proc_lock so get_task_cred from another task sees
 * either the old or the new set, referenced.
 *
 * The set*id rules are Linux's: privilege is CAP_SETUID/CAP_SETGID in the
 * effective set, and a change of uids changes the capability sets as
 * Linux's cap_task_fix_setuid does (capability.c).
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/proc.h>
#include <kernel/uaccess.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Kernel threads' credentials (root), and the template for init's. Never freed. */
struct cred init_cred = {
	.refcount = 1 << 30,
	.cap_permitted = CAP_FULL_SET,
	.cap_effective = CAP_FULL_SET,
	.cap_bset = CAP_FULL_SET,
};

const struct cred *current_cred(void)
{
	struct task *t = current;

	return t && t->cred ? t->cred : &init_cred;
}

static bool groups_search(const struct cred *c, gid_t gid)
{
	int lo = 0, hi = c->ngroups - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (c->groups[mid] == gid)
			return true;
		if (c->groups[mid] < gid)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

bool in_group_p(gid_t gid)
{
	const struct cred *c = current_cred();

	return c->fsgid == gid || groups_search(c, gid);
}

bool in_egroup_p(gid_t gid)
{
	const struct cred *c = current_cred();

	return c->egid == gid || groups_search(c, gid);
}

bool capable(int cap)
{
	return cap >= 0 && cap <= CAP_LAST_CAP && (current_cred()->cap_effective >> cap) & 1;
}

bool capable_root(void)
{
	return capable(CAP_SYS_ADMIN);
}

const struct cred *get_cred(const struct cred *c)
{
	__atomic_fetch_add(&((struct cred *)c)->refcount, 1, __ATOMIC_RELAXED);
	return c;
}

void put_cred(const struct cred *c)
{
	struct cred *m = (struct cred *)c;

	if (!c)
		return;
	if (__atomic_sub_fetch(&m->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	kfree(m->groups);
	kfree(m);
}

const struct cred *get_task_cred(struct task *t)
{
	unsigned long flags;
	const struct cred *c;

	spin_lock_irqsave(&t->proc_lock, flags);
	c = get_cred(t->cred ? t->cred : &init_cred);
	spin_unlock_irqrestore(&t->proc_lock, flags);
	return c;
}

static struct cred *cred_dup(const struct cred *old)
{
	struct cred *c = kmalloc(sizeof(*c), GFP_KERNEL);

	if (!c)
		return NULL;
	*c = *old;
	c->refcount = 1;
	c->groups = NULL;
	if (old->ngroups) {
		c->groups = kmalloc(old->ngroups * sizeof(gid_t), GFP_KERNEL);
		if (!c->groups) {
			kfree(c);
			return NULL;
		}
		memcpy(c->groups, old->groups, old->ngroups * sizeof(gid_t));
	}
	return c;
}

struct cred *prepare_creds(void)
{
	return cred_dup(current_cred());
}

struct cred *cred_alloc_root(void)
{
	struct cred *c = kzalloc(sizeof(*c), GFP_KERNEL);

	if (c) {
		c->refcount = 1;
		c->cap_permitted = c->cap_effective = c->cap_bset = CAP_FULL_SET;
	}
	return c;
}

void commit_creds(struct cred *new)
{
	struct task *t = current;
	const struct cred *old;
	unsigned long flags;

	spin_lock_irqsave(&t->proc_lock, flags);
	old = t->cred;
	t->cred = new;
	spin_unlock_irqrestore(&t->proc_lock, flags);
	if (old)
		proc_creds_changed(old, new);
	put_cred(old);
}

void abort_creds(struct cred *new)
{
	put_cred(new);
}

/* ---- the set*id rules ---- */

static bool id_one_of(u32 id, u32 a, u32 b, u32 c)
{
	return id == a || id == b || id == c;
}

int proc_setuid(uid_t uid)
{
	const struct cred *old = current_cred();
	struct cred *new;

	if (uid == INVALID_UID)
		return -EINVAL;
	if (capable(CAP_SETUID)) {
		new = prepare_creds();
		if (!new)
			return -ENOMEM;
		new->uid = new->suid = uid;
	} else if (uid == old->uid || uid == old->suid) {
		new = prepare_creds();
		if (!new)
			return -ENOMEM;
	} else {
		return -EPERM;
	}
	new->euid = new->fsuid = uid;
	cap_fix_setuid(new, old);
	commit_creds(new);
	return 0;
}

int proc_setgid(gid_t gid)
{
	const struct cred *old = current_cred();
	struct cred *new;

	if (gid == INVALID_GID)
		return -EINVAL;
	if (capable(CAP_SETGID)) {
		new = prepare_creds();
		if (!new)
			return -ENOMEM;
		new->gid = new->sgid = gid;
	} else if (gid == old->gid || gid == old->sgid) {
		new = prepare_creds();
		if (!new)
			return -ENOMEM;
	} else {
		return -EPERM;
	}
	new->egid = new->fsgid = gid;
	commit_creds(new);
	return 0;
}

int proc_setreuid(uid_t ruid, uid_t euid)
{
	const struct cred *old = current_cred();
	bool cap = capable(CAP_SETUID);
	struct cred *new;

	if (ruid != INVALID_UID && !cap && ruid != old->uid && ruid != old->euid)
		return -EPERM;
	if (euid != INVALID_UID && !cap && !id_one_of(euid, old->uid, old->euid, old->suid))
		return -EPERM;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (ruid != INVALID_UID)
		new->uid = ruid;
	if (euid != INVALID_UID)
		new->euid = euid;
	if (ruid != INVALID_UID || (euid != INVALID_UID && euid != old->uid))
		new->suid = new->euid;
	new->fsuid = new->euid;
	cap_fix_setuid(new, old);
	commit_creds(new);
	return 0;
}

int proc_setregid(gid_t rgid, gid_t egid)
{
	const struct cred *old = current_cred();
	bool cap = capable(CAP_SETGID);
	struct cred *new;

	if (rgid != INVALID_GID && !cap && rgid != old->gid && rgid != old->egid)
		return -EPERM;
	if (egid != INVALID_GID && !cap && !id_one_of(egid, old->gid, old->egid, old->sgid))
		return -EPERM;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (rgid != INVALID_GID)
		new->gid = rgid;
	if (egid != INVALID_GID)
		new->egid = egid;
	if (rgid != INVALID_GID || (egid != INVALID_GID && egid != old->gid))
		new->sgid = new->egid;
	new->fsgid = new->egid;
	commit_creds(new);
	return 0;
}

int proc_setresuid(uid_t ruid, uid_t euid, uid_t suid)
{
	const struct cred *old = current_cred();
	struct cred *new;

	if (!capable(CAP_SETUID)) {
		if (ruid != INVALID_UID && !id_one_of(ruid, old->uid, old->euid, old->suid))
			return -EPERM;
		if (euid != INVALID_UID && !id_one_of(euid, old->uid, old->euid, old->suid))
			return -EPERM;
		if (suid != INVALID_UID && !id_one_of(suid, old->uid, old->euid, old->suid))
			return -EPERM;
	}
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (ruid != INVALID_UID)
		new->uid = ruid;
	if (euid != INVALID_UID)
		new->euid = euid;
	if (suid != INVALID_UID)
		new->suid = suid;
	new->fsuid = new->euid;
	cap_fix_setuid(new, old);
	commit_creds(new);
	return 0;
}

int proc_setresgid(gid_t rgid, gid_t egid, gid_t sgid)
{
	const struct cred *old = current_cred();
	struct cred *new;

	if (!capable(CAP_SETGID)) {
		if (rgid != INVALID_GID && !id_one_of(rgid, old->gid, old->egid, old->sgid))
			return -EPERM;
		if (egid != INVALID_GID && !id_one_of(egid, old->gid, old->egid, old->sgid))
			return -EPERM;
		if (sgid != INVALID_GID && !id_one_of(sgid, old->gid, old->egid, old->sgid))
			return -EPERM;
	}
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (rgid != INVALID_GID)
		new->gid = rgid;
	if (egid != INVALID_GID)
		new->egid = egid;
	if (sgid != INVALID_GID)
		new->sgid = sgid;
	new->fsgid = new->egid;
	commit_creds(new);
	return 0;
}

/* Returns the old fsuid whatever happens, as Linux does. */
uid_t proc_setfsuid(uid_t fsuid)
{
	const struct cred *old = current_cred();
	uid_t prev = old->fsuid;
	struct cred *new;

	if (fsuid == INVALID_UID)
		return prev;
	if (fsuid == old->uid || fsuid == old->euid || fsuid == old->suid || fsuid == old->fsuid ||
	    capable(CAP_SETUID)) {
		if (fsuid != old->fsuid) {
			new = prepare_creds();
			if (new) {
				new->fsuid = fsuid;
				cap_fix_setuid(new, old);
				commit_creds(new);
			}
		}
	}
	return prev;
}

gid_t proc_setfsgid(gid_t fsgid)
{
	const struct cred *old = current_cred();
	gid_t prev = old->fsgid;
	struct cred *new;

	if (fsgid == INVALID_GID)
		return prev;
	if (fsgid == old->gid || fsgid == old->egid || fsgid == old->sgid || fsgid == old->fsgid ||
	    capable(CAP_SETGID)) {
		if (fsgid != old->fsgid) {
			new = prepare_creds();
			if (new) {
				new->fsgid = fsgid;
				commit_creds(new);
			}
		}
	}
	return prev;
}

static int gid_cmp(const void *a, const void *b)
{
	gid_t x = *(const gid_t *)a, y = *(const gid_t *)b;

	return x < y ? -1 : x > y;
}

/* groups: a kmalloc'd array of n gids, taken over (kept by the cred or freed). */
int proc_setgroups(int n, gid_t *groups)
{
	struct cred *new;

	if (!capable(CAP_SETGID)) {
		kfree(groups);
		return -EPERM;
	}
	if (n < 0 || n > NGROUPS_MAX) {
		kfree(groups);
		return -EINVAL;
	}
	new = prepare_creds();
	if (!new) {
		kfree(groups);
		return -ENOMEM;
	}
	qsort(groups, n, sizeof(gid_t), gid_cmp);
	kfree(new->groups);
	new->groups = n ? groups : NULL;
	new->ngroups = n;
	if (!n)
		kfree(groups);
	commit_creds(new);
	return 0;
}
