/*
 * POSIX capabilities as Linux keeps them: five sets in struct cred
 * (inheritable, permitted, effective, bounding, ambient) and the
 * securebits, changed by capset(2), prctl(2) and, by Linux's rules, by
 * set*uid and execve:
 *
 * - set*uid (cap_fix_setuid, Linux's cap_emulate_setxuid): when none of
 *   the real, effective and saved uids is 0 any more, the ambient set is
 *   cleared and, unless SECBIT_KEEP_CAPS keeps them, the permitted and
 *   effective sets too; an effective uid going from 0 to non-0 clears the
 *   effective set, and back to 0 restores it from the permitted set; an
 *   fsuid going from 0 drops the file-system capabilities from the
 *   effective set and back raises them from the permitted set.
 * - execve (cap_exec_creds, Linux's cap_bprm_creds_from_file without file
 *   capabilities): a process whose real or effective uid is 0 gets
 *   permitted = inheritable | bounding, and effective = permitted if its
 *   effective uid is 0; any other gets its ambient set as permitted and
 *   effective. A setuid/setgid exec clears the ambient set.
 *
 * XXX: no file capabilities (security.capability xattrs), no user
 * namespaces; privilege checks elsewhere are capable_root() (CAP_SYS_ADMIN)
 * rather than each capability Linux checks.
 */
#include <kernel/errno.h>
#include <kernel/pid_ns.h>
#include <kernel/proc.h>
#include <kernel/uaccess.h>
#include <string.h>

#include "internal.h"

#define CAP_FS_MASK ((1ULL << CAP_CHOWN) | (1ULL << CAP_DAC_OVERRIDE) |                   \
		     (1ULL << CAP_DAC_READ_SEARCH) | (1ULL << CAP_FOWNER) |                 \
		     (1ULL << CAP_FSETID) | (1ULL << CAP_LINUX_IMMUTABLE) |                \
		     (1ULL << CAP_MAC_OVERRIDE) | (1ULL << CAP_MKNOD))

#define LINUX_CAPABILITY_VERSION_1 0x19980330
#define LINUX_CAPABILITY_VERSION_2 0x20071026
#define LINUX_CAPABILITY_VERSION_3 0x20080522

struct cap_header {
	u32 version;
	int pid;
};

struct cap_data {
	u32 effective, permitted, inheritable;
};

void cap_fix_setuid(struct cred *new, const struct cred *old)
{
	bool old_root = old->uid == 0 || old->euid == 0 || old->suid == 0;
	bool new_root = new->uid == 0 || new->euid == 0 || new->suid == 0;

	if (old_root && !new_root) {
		if (!(new->securebits & SECBIT_KEEP_CAPS)) {
			new->cap_permitted = 0;
			new->cap_effective = 0;
		}
		new->cap_ambient = 0;
	}
	if (old->euid == 0 && new->euid != 0)
		new->cap_effective = 0;
	if (old->euid != 0 && new->euid == 0)
		new->cap_effective = new->cap_permitted;
	if (old->fsuid == 0 && new->fsuid != 0)
		new->cap_effective &= ~CAP_FS_MASK;
	if (old->fsuid != 0 && new->fsuid == 0)
		new->cap_effective |= new->cap_permitted & CAP_FS_MASK;
}

void cap_exec_creds(struct cred *new, bool setid)
{
	if (setid)
		new->cap_ambient = 0;
	if (new->uid == 0 || new->euid == 0) {
		new->cap_permitted = (new->cap_inheritable | new->cap_bset) & CAP_FULL_SET;
		new->cap_effective = new->euid == 0 ? new->cap_permitted : 0;
	} else {
		new->cap_permitted = new->cap_ambient;
		new->cap_effective = new->cap_ambient;
	}
	/* KEEP_CAPS lasts until the next execve (unless locked). */
	if (!(new->securebits & (SECBIT_KEEP_CAPS << 1)))
		new->securebits &= ~SECBIT_KEEP_CAPS;
}

/* Check the header: the number of 32-bit words a set has in this version,
 * or -EINVAL (having written the version we prefer back, as Linux). */
static int cap_words(struct cap_header __user *uh, struct cap_header *h)
{
	if (copy_from_user(h, uh, sizeof(*h)))
		return -EFAULT;
	switch (h->version) {
	case LINUX_CAPABILITY_VERSION_1:
		return 1;
	case LINUX_CAPABILITY_VERSION_2:
	case LINUX_CAPABILITY_VERSION_3:
		return 2;
	}
	h->version = LINUX_CAPABILITY_VERSION_3;
	if (put_user(h->version, &uh->version))
		return -EFAULT;
	return -EINVAL;
}

long sys_capget(struct cap_header __user *uh, struct cap_data __user *ud)
{
	struct cap_data d[2];
	struct cap_header h;
	const struct cred *c;
	int n = cap_words(uh, &h);

	if (n < 0)
		return n;
	if (!ud)
		return 0;   /* a probe of the version */
	if (h.pid < 0)
		return -EINVAL;
	if (h.pid && h.pid != task_tgid_vnr(current)) {
		struct task *t = find_task_by_vpid(h.pid);

		if (!t)
			return -ESRCH;
		c = get_task_cred(t);
		task_put(t);
	} else {
		c = get_cred(current_cred());
	}
	for (int i = 0; i < 2; i++) {
		d[i].effective = (u32)(c->cap_effective >> (32 * i));
		d[i].permitted = (u32)(c->cap_permitted >> (32 * i));
		d[i].inheritable = (u32)(c->cap_inheritable >> (32 * i));
	}
	put_cred(c);
	return copy_to_user(ud, d, n * sizeof(d[0])) ? -EFAULT : 0;
}

static bool subset(u64 a, u64 b)
{
	return !(a & ~b);
}

long sys_capset(struct cap_header __user *uh, const struct cap_data __user *ud)
{
	const struct cred *old = current_cred();
	u64 eff = 0, prm = 0, inh = 0;
	struct cap_data d[2];
	struct cap_header h;
	struct cred *new;
	int n = cap_words(uh, &h);

	if (n < 0)
		return n;
	/* Only one's own: Linux dropped setting another process's long ago. */
	if (h.pid && h.pid != task_tgid_vnr(current))
		return -EPERM;
	if (copy_from_user(d, ud, n * sizeof(d[0])))
		return -EFAULT;
	for (int i = 0; i < n; i++) {
		eff |= (u64)d[i].effective << (32 * i);
		prm |= (u64)d[i].permitted << (32 * i);
		inh |= (u64)d[i].inheritable << (32 * i);
	}
	eff &= CAP_FULL_SET;
	prm &= CAP_FULL_SET;
	inh &= CAP_FULL_SET;
	/* Linux's cap_capset rules. */
	if (!capable(CAP_SETPCAP) && !subset(inh, old->cap_inheritable | old->cap_permitted))
		return -EPERM;
	if (!subset(inh, old->cap_inheritable | old->cap_bset))
		return -EPERM;
	if (!subset(prm, old->cap_permitted))
		return -EPERM;
	if (!subset(eff, prm))
		return -EPERM;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	new->cap_effective = eff;
	new->cap_permitted = prm;
	new->cap_inheritable = inh;
	new->cap_ambient &= prm & inh;
	commit_creds(new);
	return 0;
}

/* prctl's capability options; -EINVAL for other options. */
long cap_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5)
{
	const struct cred *old = current_cred();
	struct cred *new;

	switch (option) {
	case 23: /* PR_CAPBSET_READ */
		if (arg2 > CAP_LAST_CAP)
			return -EINVAL;
		return (old->cap_bset >> arg2) & 1;
	case 24: /* PR_CAPBSET_DROP */
		if (!capable(CAP_SETPCAP))
			return -EPERM;
		if (arg2 > CAP_LAST_CAP)
			return -EINVAL;
		new = prepare_creds();
		if (!new)
			return -ENOMEM;
		new->cap_bset &= ~(1ULL << arg2);
		commit_creds(new);
		return 0;
	case 7: /* PR_GET_KEEPCAPS */
		return !!(old->securebits & SECBIT_KEEP_CAPS);
	case 8: /* PR_SET_KEEPCAPS */
		if (arg2 > 1)
			return -EINVAL;
		if (old->securebits & (SECBIT_KEEP_CAPS << 1))   /* locked */
			return -EPERM;
		new = prepare_creds();
		if (!new)
			return -ENOMEM;
		new->securebits = arg2 ? new->securebits | SECBIT_KEEP_CAPS
				       : new->securebits & ~SECBIT_KEEP_CAPS;
		commit_creds(new);
		return 0;
	case 27: /* PR_GET_SECUREBITS */
		return old->securebits;
	case 28: /* PR_SET_SECUREBITS */
		/* Locked bits may not change; setting needs CAP_SETPCAP. */
		if ((((old->securebits & 0x55) << 1) & (old->securebits ^ arg2)) ||
		    (arg2 & ~SECBIT_ALL_MASK) || !capable(CAP_SETPCAP))
			return -EPERM;
		new = prepare_creds();
		if (!new)
			return -ENOMEM;
		new->securebits = (unsigned)arg2;
		commit_creds(new);
		return 0;
	case 47: /* PR_CAP_AMBIENT */
		if (arg2 == 4 /* CLEAR_ALL */) {
			if (arg3 || arg4 || arg5)
				return -EINVAL;
			new = prepare_creds();
			if (!new)
				return -ENOMEM;
			new->cap_ambient = 0;
			commit_creds(new);
			return 0;
		}
		if (arg3 > CAP_LAST_CAP || arg4 || arg5)
			return -EINVAL;
		if (arg2 == 1 /* IS_SET */)
			return (old->cap_ambient >> arg3) & 1;
		if (arg2 != 2 && arg2 != 3)
			return -EINVAL;
		if (arg2 == 2 /* RAISE */ &&
		    (!((old->cap_permitted >> arg3) & 1) || !((old->cap_inheritable >> arg3) & 1) ||
		     (old->securebits & (1u << 6) /* SECBIT_NO_CAP_AMBIENT_RAISE */)))
			return -EPERM;
		new = prepare_creds();
		if (!new)
			return -ENOMEM;
		if (arg2 == 2)
			new->cap_ambient |= 1ULL << arg3;
		else
			new->cap_ambient &= ~(1ULL << arg3);
		commit_creds(new);
		return 0;
	}
	return -EINVAL;
}
