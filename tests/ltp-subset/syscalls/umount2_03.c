/*
 * umount2_03: umount2(UMOUNT_NOFOLLOW) does not follow a symlink in the
 * last component (EINVAL: the link itself is no mount point) but does in
 * the middle; without it the link is followed; unknown flags are EINVAL;
 * ENOENT for a missing path, ENOTDIR for a file in the middle, EPERM for
 * an unprivileged caller. "Unmounting" one's own root remounts it
 * read-only instead. Runs in a private mount namespace.
 */
#include <sched.h>
#include <sys/mount.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(umount2("mnt", 0), EPERM);
	EXPECT_FAIL(umount2("mnt", MNT_DETACH), EPERM);
}

static void run(void)
{
	pid_t pid;

	if (unshare(CLONE_NEWNS) < 0)
		t_brk(TCONF | TERRNO, "unshare(CLONE_NEWNS)");
	SAFE(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	SAFE(mkdir("mnt", 0755));
	SAFE(mkdir("dir", 0755));
	SAFE(symlink("mnt", "link"));
	SAFE(symlink(".", "dot"));
	t_write_file("file", "", 0644);
	SAFE(mount("ltp", "mnt", "tmpfs", 0, NULL));

	EXPECT_FAIL(umount2("link", UMOUNT_NOFOLLOW), EINVAL);
	EXPECT_FAIL(umount2("mnt", 0x10), EINVAL);
	EXPECT_FAIL(umount2("mnt", -1), EINVAL);
	EXPECT_FAIL(umount2("missing", 0), ENOENT);
	EXPECT_FAIL(umount2("file/x", 0), ENOTDIR);
	EXPECT_FAIL(umount2("dir", 0), EINVAL);
	t_run_as_nobody(as_nobody);
	EXPECT_OK(umount2("dot/mnt", UMOUNT_NOFOLLOW));
	SAFE(mount("ltp", "mnt", "tmpfs", 0, NULL));
	EXPECT_OK(umount2("link", 0));
	EXPECT_FAIL(umount2("link", 0), EINVAL);

	SAFE(mount("ltp", "mnt", "tmpfs", 0, NULL));
	pid = t_fork();
	if (!pid) {
		SAFE(chroot("mnt"));
		SAFE(chdir("/"));
		EXPECT_OK(umount("/"));
		EXPECT_FAIL(mkdir("/x", 0755), EROFS);
		_exit(0);
	}
	t_reap(pid);
	EXPECT_FAIL(mkdir("mnt/y", 0755), EROFS);
	EXPECT_OK(umount("mnt"));
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
