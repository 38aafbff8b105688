/*
 * umount2_01: umount2(MNT_DETACH) takes a whole busy tree out of the
 * namespace at once: the mount and the mounts below it disappear from
 * every path, while an open file and a cwd inside keep working (a walk
 * with ".." stops at the detached mount's root); MNT_FORCE is accepted on
 * an idle mount. Runs in a private mount namespace.
 */
#include <sched.h>
#include <sys/mount.h>

#include "harness.h"

static void run(void)
{
	char buf[8] = "";
	int fd, dfd;

	if (unshare(CLONE_NEWNS) < 0)
		t_brk(TCONF | TERRNO, "unshare(CLONE_NEWNS)");
	SAFE(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	SAFE(mkdir("mnt", 0755));
	SAFE(mount("ltp", "mnt", "tmpfs", 0, NULL));
	SAFE(mkdir("mnt/sub", 0755));
	SAFE(mount("ltp2", "mnt/sub", "tmpfs", 0, NULL));
	t_write_file("mnt/sub/f", "data", 0644);
	SAFE(mkdir("mnt/sub/d", 0755));
	fd = SAFE(open("mnt/sub/f", O_RDONLY));
	dfd = SAFE(open("mnt/sub/d", O_RDONLY | O_DIRECTORY));

	EXPECT_FAIL(umount2("mnt", 0), EBUSY);
	EXPECT_FAIL(umount2("mnt/sub", 0), EBUSY);
	EXPECT_OK(umount2("mnt", MNT_DETACH));
	EXPECT_FAIL(access("mnt/sub", F_OK), ENOENT);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 4);
	EXPECT(!memcmp(buf, "data", 4));
	/* The detached tree is still a tree for its users. */
	EXPECT_OK(faccessat(dfd, "../f", F_OK, 0));
	EXPECT_OK(faccessat(dfd, "../../../f", F_OK, 0));
	EXPECT_FAIL(faccessat(dfd, "../../mnt", F_OK, 0), ENOENT);
	close(fd);
	close(dfd);

	SAFE(mount("ltp", "mnt", "tmpfs", 0, NULL));
	EXPECT_OK(umount2("mnt", MNT_FORCE));
	EXPECT_FAIL(umount2("mnt", MNT_DETACH), EINVAL);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
