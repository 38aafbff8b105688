/*
 * pivot_root01: pivot_root(new_root, put_old) in a private mount
 * namespace: the root moves to put_old, new_root becomes "/", the cwd
 * that was the old root follows; failures: EBUSY (new_root on the root's
 * own mount), EINVAL (new_root not a mount point, put_old not under
 * new_root), ENOTDIR (new_root a file), ENOENT, EPERM (unprivileged).
 *
 * The process first chroots into a recursive bind of "/" so that its root
 * is a mount with a parent: the namespace's own root cannot be pivoted
 * (an initramfs root on Linux, ours under this kernel).
 */
#include <sched.h>
#include <sys/mount.h>
#include <sys/syscall.h>

#include "harness.h"

static int piv(const char *n, const char *o)
{
	return syscall(SYS_pivot_root, n, o);
}

static char base[4096];

static void as_nobody(void)
{
	EXPECT_FAIL(piv("new", "new/old"), EPERM);
}

static void run(void)
{
	char path[8192], old[8192];
	pid_t pid;
	int fd;

	if (unshare(CLONE_NEWNS) < 0)
		t_brk(TCONF | TERRNO, "unshare(CLONE_NEWNS)");
	SAFE(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	snprintf(base, sizeof(base), "%s", t_tmpdir());
	SAFE(mkdir("root", 0755));
	SAFE(mkdir("new", 0755));
	SAFE(mkdir("other", 0755));
	t_write_file("marker", "", 0644);
	SAFE(mount("/", "root", NULL, MS_BIND | MS_REC, NULL));
	SAFE(chdir("root"));
	SAFE(chroot("."));
	/* Now inside: the temp directory is base (under the new root). */
	SAFE(chdir(base));
	SAFE(mount("ltp", "new", "tmpfs", 0, NULL));
	SAFE(mount("ltp", "other", "tmpfs", 0, NULL));
	SAFE(mkdir("new/old", 0755));
	t_write_file("new/in-new", "", 0644);
	SAFE(mkdir("new/dir", 0755));

	EXPECT_FAIL(piv("new", "/"), EBUSY);
	EXPECT_FAIL(piv("/", "new/old"), EBUSY);
	EXPECT_FAIL(piv("new/dir", "new/dir"), EINVAL);
	EXPECT_FAIL(piv("new", "other"), EINVAL);
	EXPECT_FAIL(piv("marker", "new/old"), ENOTDIR);
	EXPECT_FAIL(piv("missing", "new/old"), ENOENT);
	EXPECT_FAIL(piv("new", "new/missing"), ENOENT);
	t_run_as_nobody(as_nobody);

	/* pivot_root(".", "."), then umount(".") takes the old root away (runc). */
	SAFE(mkdir("new2", 0755));
	SAFE(mount("ltp", "new2", "tmpfs", 0, NULL));
	t_write_file("new2/in-new2", "", 0644);
	pid = t_fork();
	if (!pid) {
		/* In a namespace of its own: pivot_root moves mounts for all. */
		SAFE(unshare(CLONE_NEWNS));
		SAFE(chdir("new2"));
		EXPECT_OK(piv(".", "."));
		EXPECT_OK(umount2(".", MNT_DETACH));
		EXPECT_OK(access("/in-new2", F_OK));
		EXPECT_OK(access("in-new2", F_OK));
		EXPECT_FAIL(access("/marker", F_OK), ENOENT);
		snprintf(path, sizeof(path), "%s/marker", base);
		EXPECT_FAIL(access(path, F_OK), ENOENT);
		_exit(0);
	}
	t_reap(pid);
	EXPECT_OK(access("marker", F_OK));
	SAFE(umount("new2"));

	SAFE(chdir("/"));
	snprintf(path, sizeof(path), "%s/new", base);
	fd = SAFE(open(path, O_RDONLY | O_DIRECTORY));
	snprintf(old, sizeof(old), "%s/new/old", base);
	EXPECT_OK(piv(path, old));
	/* The cwd was the old root: it is the new root now. */
	EXPECT_OK(access("in-new", F_OK));
	EXPECT_OK(access("/in-new", F_OK));
	snprintf(path, sizeof(path), "/old%s/marker", base);
	EXPECT_OK(access(path, F_OK));
	EXPECT_OK(umount2("/old", MNT_DETACH));
	EXPECT_FAIL(access(path, F_OK), ENOENT);
	EXPECT_OK(faccessat(fd, "in-new", F_OK, 0));
	close(fd);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
