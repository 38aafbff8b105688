/*
 * mountns03: MS_PRIVATE cuts propagation both ways: after a bind of a
 * shared mount is made private, mounts on either side stay there; MS_REC
 * applies a propagation type to a whole subtree; making a shared mount
 * with peers private leaves the other peers connected to each other.
 */
#include <sched.h>
#include <sys/mount.h>

#include "harness.h"

static void run(void)
{
	if (unshare(CLONE_NEWNS) < 0)
		t_brk(TCONF | TERRNO, "unshare(CLONE_NEWNS)");
	SAFE(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	SAFE(mkdir("a", 0755));
	SAFE(mkdir("b", 0755));
	SAFE(mkdir("c", 0755));
	SAFE(mount("ltp", "a", "tmpfs", 0, NULL));
	SAFE(mkdir("a/x", 0755));
	SAFE(mkdir("a/y", 0755));
	SAFE(mkdir("a/sub", 0755));
	SAFE(mount("ltp", "a/sub", "tmpfs", 0, NULL));
	SAFE(mkdir("a/sub/s", 0755));
	/* MS_REC|MS_SHARED: a and a/sub both shared. */
	SAFE(mount(NULL, "a", NULL, MS_REC | MS_SHARED, NULL));
	SAFE(mount("a", "b", NULL, MS_BIND | MS_REC, NULL));
	SAFE(mount("a", "c", NULL, MS_BIND | MS_REC, NULL));
	SAFE(mount("ltp", "a/sub/s", "tmpfs", 0, NULL));
	t_write_file("a/sub/s/f", "", 0644);
	EXPECT_OK(access("b/sub/s/f", F_OK));
	EXPECT_OK(access("c/sub/s/f", F_OK));
	SAFE(umount("a/sub/s"));
	EXPECT_FAIL(access("c/sub/s/f", F_OK), ENOENT);

	/* b private: nothing in, nothing out; a and c still peers. */
	EXPECT_OK(mount(NULL, "b", NULL, MS_PRIVATE, NULL));
	SAFE(mount("ltp", "a/x", "tmpfs", 0, NULL));
	t_write_file("a/x/f", "", 0644);
	EXPECT_FAIL(access("b/x/f", F_OK), ENOENT);
	EXPECT_OK(access("c/x/f", F_OK));
	SAFE(mount("ltp", "b/y", "tmpfs", 0, NULL));
	t_write_file("b/y/f", "", 0644);
	EXPECT_FAIL(access("a/y/f", F_OK), ENOENT);
	EXPECT_FAIL(access("c/y/f", F_OK), ENOENT);
	SAFE(umount("b/y"));
	SAFE(umount("a/x"));
	EXPECT_FAIL(access("c/x/f", F_OK), ENOENT);

	/* MS_REC|MS_PRIVATE on c: its sub is private too. */
	EXPECT_OK(mount(NULL, "c", NULL, MS_REC | MS_PRIVATE, NULL));
	SAFE(mount("ltp", "a/sub/s", "tmpfs", 0, NULL));
	t_write_file("a/sub/s/g", "", 0644);
	EXPECT_FAIL(access("c/sub/s/g", F_OK), ENOENT);
	EXPECT_OK(access("b/sub/s/g", F_OK));   /* b/sub was not made private */
	EXPECT_OK(umount2("a", MNT_DETACH));
	EXPECT_OK(umount2("b", MNT_DETACH));
	EXPECT_OK(umount2("c", MNT_DETACH));
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
