/*
 * umount2_02: umount2(MNT_EXPIRE): the first call marks an idle mount and
 * fails with EAGAIN, a second call unmounts it; any use in between (here a
 * chdir into it and back) clears the mark, so the next call is EAGAIN
 * again; a busy mount is EBUSY; MNT_EXPIRE with MNT_DETACH or MNT_FORCE
 * is EINVAL. Runs in a private mount namespace.
 */
#include <sched.h>
#include <sys/mount.h>

#include "harness.h"

static void run(void)
{
	int fd;

	if (unshare(CLONE_NEWNS) < 0)
		t_brk(TCONF | TERRNO, "unshare(CLONE_NEWNS)");
	SAFE(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	SAFE(mkdir("mnt", 0755));
	SAFE(mount("ltp", "mnt", "tmpfs", 0, NULL));

	EXPECT_FAIL(umount2("mnt", MNT_EXPIRE | MNT_DETACH), EINVAL);
	EXPECT_FAIL(umount2("mnt", MNT_EXPIRE | MNT_FORCE), EINVAL);
	EXPECT_FAIL(umount2("mnt", MNT_EXPIRE), EAGAIN);
	EXPECT_OK(umount2("mnt", MNT_EXPIRE));
	EXPECT_FAIL(umount2("mnt", MNT_EXPIRE), EINVAL);

	SAFE(mount("ltp", "mnt", "tmpfs", 0, NULL));
	EXPECT_FAIL(umount2("mnt", MNT_EXPIRE), EAGAIN);
	SAFE(chdir("mnt"));
	SAFE(chdir(".."));
	EXPECT_FAIL(umount2("mnt", MNT_EXPIRE), EAGAIN);
	EXPECT_OK(umount2("mnt", MNT_EXPIRE));

	SAFE(mount("ltp", "mnt", "tmpfs", 0, NULL));
	fd = SAFE(open("mnt", O_RDONLY | O_DIRECTORY));
	EXPECT_FAIL(umount2("mnt", MNT_EXPIRE), EBUSY);
	close(fd);
	EXPECT_FAIL(umount2("mnt", MNT_EXPIRE), EAGAIN);
	EXPECT_OK(umount2("mnt", MNT_EXPIRE));
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
