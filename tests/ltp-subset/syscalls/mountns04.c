/*
 * mountns04: MS_UNBINDABLE: a bind of an unbindable mount is EINVAL (also
 * with MS_REC); a recursive bind of a tree leaves unbindable mounts (and
 * what is below them) out; MS_PRIVATE makes it bindable again; moving a
 * tree with an unbindable mount onto a shared mount is EINVAL.
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
	SAFE(mkdir("sh", 0755));
	SAFE(mount("ltp", "a", "tmpfs", 0, NULL));
	SAFE(mkdir("a/u", 0755));
	SAFE(mkdir("a/v", 0755));
	SAFE(mount("ltp", "a/u", "tmpfs", 0, NULL));
	SAFE(mount("ltp", "a/v", "tmpfs", 0, NULL));
	t_write_file("a/u/f", "", 0644);
	t_write_file("a/v/f", "", 0644);
	EXPECT_OK(mount(NULL, "a/u", NULL, MS_UNBINDABLE, NULL));

	EXPECT_FAIL(mount("a/u", "b", NULL, MS_BIND, NULL), EINVAL);
	EXPECT_FAIL(mount("a/u", "b", NULL, MS_BIND | MS_REC, NULL), EINVAL);
	EXPECT_OK(mount("a", "b", NULL, MS_BIND | MS_REC, NULL));
	EXPECT_OK(access("b/v/f", F_OK));
	EXPECT_FAIL(access("b/u/f", F_OK), ENOENT);
	SAFE(umount2("b", MNT_DETACH));

	/* Not onto a shared mount with an unbindable inside. */
	SAFE(mount("ltp", "sh", "tmpfs", 0, NULL));
	SAFE(mkdir("sh/t", 0755));
	SAFE(mount(NULL, "sh", NULL, MS_SHARED, NULL));
	EXPECT_FAIL(mount("a", "sh/t", NULL, MS_MOVE, NULL), EINVAL);

	EXPECT_OK(mount(NULL, "a/u", NULL, MS_PRIVATE, NULL));
	EXPECT_OK(mount("a/u", "b", NULL, MS_BIND, NULL));
	EXPECT_OK(access("b/f", F_OK));
	SAFE(umount("b"));
	SAFE(umount2("sh", MNT_DETACH));
	EXPECT_OK(umount2("a", MNT_DETACH));
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
