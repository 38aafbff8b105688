/*
 * umount01: umount() failures: EINVAL (not a mount point), ENOENT (missing
 * path), EBUSY (a file open in it, a cwd inside it), EPERM (nobody);
 * umount2(MNT_DETACH) succeeds while busy and the open file keeps
 * working; UMOUNT_NOFOLLOW refuses a symlink (EINVAL); MNT_EXPIRE with
 * MNT_FORCE is EINVAL.
 */
#include <sys/mount.h>

#include "harness.h"

static void cleanup(void)
{
	umount2("mnt", MNT_DETACH);
}

static void as_nobody(void)
{
	EXPECT_FAIL(umount("mnt"), EPERM);
}

static void run(void)
{
	char buf[8] = "";
	int fd;

	SAFE(mkdir("mnt", 0755));
	SAFE(mkdir("plain", 0755));
	SAFE(symlink("mnt", "link"));
	if (mount("ltp", "mnt", "tmpfs", 0, NULL) < 0)
		t_brk(TCONF | TERRNO, "mount(tmpfs)");
	EXPECT_FAIL(umount("plain"), EINVAL);
	EXPECT_FAIL(umount("missing"), ENOENT);
	EXPECT_FAIL(umount2("link", UMOUNT_NOFOLLOW), EINVAL);
	EXPECT_FAIL(umount2("mnt", MNT_EXPIRE | MNT_FORCE), EINVAL);
	t_run_as_nobody(as_nobody);
	t_write_file("mnt/f", "data", 0644);
	fd = SAFE(open("mnt/f", O_RDONLY));
	EXPECT_FAIL(umount("mnt"), EBUSY);
	EXPECT_OK(umount2("mnt", MNT_DETACH));
	EXPECT_FAIL(access("mnt/f", F_OK), ENOENT);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 4);
	close(fd);
	SAFE(mount("ltp", "mnt", "tmpfs", 0, NULL));
	SAFE(chdir("mnt"));
	EXPECT_FAIL(umount(".") , EBUSY);
	SAFE(chdir(".."));
	EXPECT_OK(umount("mnt"));
}

const struct t_test t_test = { .run = run, .cleanup = cleanup, .needs_root = 1 };
