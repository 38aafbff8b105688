/*
 * Permission checks with a non-root credential (a kthread that drops to
 * uid/gid 1000): search permission on directories, read/write/exec bits,
 * owner vs group vs other, root's override (any x bit for exec), sticky
 * directories, chmod/chown rules, setgid directories, access(2) with real
 * vs effective ids.
 */
#include "vfs_test.h"

struct perm_result {
	int line;     /* first failing line, 0 if all passed */
	long got, want;
};

#define PCHECK(expr, expect)                                     \
	do {                                                     \
		long __g = (long)(expr);                         \
		if (__g != (long)(expect) && !res->line) {       \
			res->line = __LINE__;                    \
			res->got = __g;                          \
			res->want = (expect);                    \
		}                                                \
	} while (0)

static int as_user(void *arg)
{
	struct perm_result *res = arg;
	struct cred *c = prepare_creds();
	struct kstat st;
	struct file *f;

	if (!c) {
		res->line = -1;
		return 0;
	}
	c->uid = c->euid = c->suid = c->fsuid = 1000;
	c->cap_effective = c->cap_permitted = 0;   /* an unprivileged user, as after setuid */
	c->gid = c->egid = c->sgid = c->fsgid = 1000;
	commit_creds(c);

	/* No search permission on /tmp/perm/secret (0700 root). */
	PCHECK(vt_stat("/tmp/perm/secret/file", &st, true), -EACCES);
	PCHECK(vt_stat("/tmp/perm/secret", &st, true), 0);
	/* Readable, not writable: 0644 root file */
	PCHECK(vt_write("/tmp/perm/rofile", "x", 0), -EACCES);
	f = filp_open("/tmp/perm/rofile", LINUX_O_RDONLY, 0);
	PCHECK(IS_ERR(f) ? PTR_ERR(f) : 0, 0);
	if (!IS_ERR(f))
		fput(f);
	/* Group bits apply to group 1000 (and not "other" bits). */
	PCHECK(vt_write("/tmp/perm/groupw", "x", 0), 0);   /* 0420 root:1000: group may write */
	f = filp_open("/tmp/perm/groupw", LINUX_O_RDONLY, 0);
	PCHECK(IS_ERR(f) ? PTR_ERR(f) : 0, -EACCES);       /* group has no read */
	/* Creating in a root 0755 dir: EACCES; in the sticky 1777 dir: fine. */
	PCHECK(vt_write("/tmp/perm/mine", "x", 0), -EACCES);
	PCHECK(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/perm/mine", 0755), -EACCES);
	PCHECK(vt_write("/tmp/perm/sticky/mine", "x", 0), 0);
	PCHECK(vt_stat("/tmp/perm/sticky/mine", &st, true), 0);
	PCHECK(st.uid, 1000);
	PCHECK(st.gid, 1000);
	/* Sticky: root's file there cannot be removed or renamed by us. */
	PCHECK(vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/perm/sticky/roots"), -EPERM);
	PCHECK(vfs_renameat2(LINUX_AT_FDCWD, "/tmp/perm/sticky/roots", LINUX_AT_FDCWD,
			     "/tmp/perm/sticky/x", 0), -EPERM);
	PCHECK(vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/perm/sticky/mine"), 0);
	/* chmod/chown of someone else's file */
	PCHECK(vfs_chmodat(LINUX_AT_FDCWD, "/tmp/perm/rofile", 0777, 0), -EPERM);
	PCHECK(vfs_chownat(LINUX_AT_FDCWD, "/tmp/perm/rofile", 1000, -1, 0), -EPERM);
	/* Our own file: chmod fine, give away: EPERM, group to a non-member: EPERM. */
	PCHECK(vt_write("/tmp/perm/sticky/own", "x", 0), 0);
	PCHECK(vfs_chmodat(LINUX_AT_FDCWD, "/tmp/perm/sticky/own", 0600, 0), 0);
	PCHECK(vfs_chownat(LINUX_AT_FDCWD, "/tmp/perm/sticky/own", 0, -1, 0), -EPERM);
	PCHECK(vfs_chownat(LINUX_AT_FDCWD, "/tmp/perm/sticky/own", -1, 0, 0), -EPERM);
	PCHECK(vfs_chownat(LINUX_AT_FDCWD, "/tmp/perm/sticky/own", 1000, 1000, 0), 0);
	/* chmod g+s by a non-member drops the bit silently */
	PCHECK(vfs_chmodat(LINUX_AT_FDCWD, "/tmp/perm/sticky/own", 02755, 0), 0);
	PCHECK(vt_stat("/tmp/perm/sticky/own", &st, true), 0);
	PCHECK(st.mode & 07777, 02755);   /* we are in group 1000 */
	PCHECK(vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/perm/sticky/own"), 0);
	/* setgid directory: new files take its group, new dirs the bit too */
	PCHECK(vt_write("/tmp/perm/sgid/f", "x", 0), 0);
	PCHECK(vt_stat("/tmp/perm/sgid/f", &st, true), 0);
	PCHECK(st.gid, 50);
	PCHECK(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/perm/sgid/d", 0755), 0);
	PCHECK(vt_stat("/tmp/perm/sgid/d", &st, true), 0);
	PCHECK(st.gid, 50);
	PCHECK(!!(st.mode & S_ISGID), 1);
	/* exec: no x bit for us */
	f = exec_open("/tmp/perm/rofile");
	PCHECK(IS_ERR(f) ? PTR_ERR(f) : 0, -EACCES);
	/* access(2) */
	PCHECK(vfs_accessat(LINUX_AT_FDCWD, "/tmp/perm/rofile", LINUX_R_OK, 0), 0);
	PCHECK(vfs_accessat(LINUX_AT_FDCWD, "/tmp/perm/rofile", LINUX_W_OK, 0), -EACCES);
	PCHECK(vfs_accessat(LINUX_AT_FDCWD, "/tmp/perm/secret/file", LINUX_F_OK, 0), -EACCES);
	PCHECK(vfs_accessat(LINUX_AT_FDCWD, "/tmp/perm/rofile", 8, 0), -EINVAL);
	/* A user cannot make device nodes, or chroot. */
	PCHECK(vfs_mknodat(LINUX_AT_FDCWD, "/tmp/perm/sticky/dev", S_IFCHR | 0600, MKDEV(1, 3)),
	       -EPERM);
	PCHECK(vfs_mknodat(LINUX_AT_FDCWD, "/tmp/perm/sticky/fifo", S_IFIFO | 0600, 0), 0);
	PCHECK(vfs_unlinkat(LINUX_AT_FDCWD, "/tmp/perm/sticky/fifo"), 0);
	PCHECK(vfs_chroot("/tmp"), -EPERM);
	/* Back to no credential of our own: a kthread's task is freed
	 * without the process state commit_creds assumes. */
	{
		const struct cred *mine = current->cred;

		current->cred = NULL;
		put_cred(mine);
	}
	return 0;
}

KTEST(vfs_perm_user)
{
	struct perm_result res = { 0 };
	struct task *t;
	struct file *f;

	vfs_test_setup();
	vt_rm_rf("/tmp/perm");
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/perm", 0755), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/perm/secret", 0700), 0);
	KT_ASSERT_EQ(vt_write("/tmp/perm/secret/file", "s", 0), 0);
	KT_ASSERT_EQ(vt_write("/tmp/perm/rofile", "r", 0), 0);
	KT_ASSERT_EQ(vt_write("/tmp/perm/groupw", "", 0), 0);
	KT_ASSERT_EQ(vfs_chmodat(LINUX_AT_FDCWD, "/tmp/perm/groupw", 0420, 0), 0);
	KT_ASSERT_EQ(vfs_chownat(LINUX_AT_FDCWD, "/tmp/perm/groupw", 0, 1000, 0), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/perm/sticky", 0777), 0);
	KT_ASSERT_EQ(vfs_chmodat(LINUX_AT_FDCWD, "/tmp/perm/sticky", 01777, 0), 0);
	KT_ASSERT_EQ(vt_write("/tmp/perm/sticky/roots", "r", 0), 0);
	KT_ASSERT_EQ(vfs_mkdirat(LINUX_AT_FDCWD, "/tmp/perm/sgid", 0777), 0);
	KT_ASSERT_EQ(vfs_chownat(LINUX_AT_FDCWD, "/tmp/perm/sgid", 0, 50, 0), 0);
	KT_ASSERT_EQ(vfs_chmodat(LINUX_AT_FDCWD, "/tmp/perm/sgid", 02777, 0), 0);

	/* Root: reads and writes anything, executes only with some x bit. */
	f = exec_open("/tmp/perm/rofile");
	KT_ASSERT_EQ(PTR_ERR(f), -EACCES);
	KT_ASSERT_EQ(vfs_chmodat(LINUX_AT_FDCWD, "/tmp/perm/rofile", 0001, 0), 0);
	f = exec_open("/tmp/perm/rofile");
	KT_ASSERT(!IS_ERR(f));
	/* Executing: writers get ETXTBSY. */
	KT_ASSERT_EQ(PTR_ERR(filp_open("/tmp/perm/rofile", LINUX_O_WRONLY, 0)), -ETXTBSY);
	fput(f);
	KT_ASSERT_EQ(vfs_chmodat(LINUX_AT_FDCWD, "/tmp/perm/rofile", 0644, 0), 0);
	KT_ASSERT_EQ(vt_write("/tmp/perm/secret/file", "root may", 0), 0);

	t = kthread_run(as_user, &res, "vfs-perm-user");
	KT_ASSERT(t);
	kthread_join(t);
	KT_ASSERT_MSG(res.line == 0, "vfs_perm.c:%d: got %ld, want %ld", res.line, res.got,
		      res.want);
	vt_rm_rf("/tmp/perm");
}
