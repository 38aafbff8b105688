/*
 * mount04: bind mounts and moves. MS_BIND shows a directory at a second
 * place without the mounts below it; MS_BIND|MS_REC brings those along;
 * MS_MOVE moves a mount (and what is mounted on it) to another place;
 * failures: EINVAL for a bind without a source, for moving something that
 * is not a mount point, ELOOP for moving a mount below itself, ENOENT for
 * a missing source. A file can be bound onto a file (and is then busy
 * for unlink). Runs in a private mount namespace of its own.
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
	SAFE(mkdir("d", 0755));
	SAFE(mount("ltp", "a", "tmpfs", 0, NULL));
	SAFE(mkdir("a/sub", 0755));
	SAFE(mount("ltp2", "a/sub", "tmpfs", 0, NULL));
	t_write_file("a/top", "", 0644);
	t_write_file("a/sub/deep", "", 0644);

	/* Plain bind: the tree of a, not what is mounted below. */
	EXPECT_OK(mount("a", "b", NULL, MS_BIND, NULL));
	EXPECT_OK(access("b/top", F_OK));
	EXPECT_FAIL(access("b/sub/deep", F_OK), ENOENT);
	t_write_file("b/via-b", "", 0644);
	EXPECT_OK(access("a/via-b", F_OK));

	/* Recursive bind: the submount too. */
	EXPECT_OK(mount("a", "c", NULL, MS_BIND | MS_REC, NULL));
	EXPECT_OK(access("c/sub/deep", F_OK));
	/* A bind of a subdirectory. */
	EXPECT_OK(mount("a/sub", "d", NULL, MS_BIND, NULL));
	EXPECT_OK(access("d/deep", F_OK));
	EXPECT_OK(umount("d"));

	/* A file on a file (as containers get /etc/hosts). */
	t_write_file("file-src", "src", 0644);
	t_write_file("file-dst", "dst", 0644);
	EXPECT_OK(mount("file-src", "file-dst", NULL, MS_BIND, NULL));
	{
		char buf[8] = "";

		EXPECT_EQ(t_read_file("file-dst", buf, sizeof(buf)), 3);
		EXPECT(!strcmp(buf, "src"));
	}
	EXPECT_FAIL(mount("a", "file-dst", NULL, MS_BIND, NULL), ENOTDIR);
	EXPECT_FAIL(unlink("file-dst"), EBUSY);
	EXPECT_OK(umount("file-dst"));
	EXPECT_OK(unlink("file-dst"));

	/* Errors. */
	EXPECT_FAIL(mount(NULL, "d", NULL, MS_BIND, NULL), EINVAL);
	EXPECT_FAIL(mount("", "d", NULL, MS_BIND, NULL), EINVAL);
	EXPECT_FAIL(mount("missing", "d", NULL, MS_BIND, NULL), ENOENT);
	EXPECT_FAIL(mount("a/sub/deep", "d", NULL, MS_BIND, NULL), ENOTDIR);
	EXPECT_FAIL(mount("a/top", "d", NULL, MS_MOVE, NULL), EINVAL);
	EXPECT_FAIL(mount("b", "b/sub", NULL, MS_MOVE, NULL), ELOOP);
	EXPECT_FAIL(mount("c", "c/sub", NULL, MS_MOVE, NULL), ELOOP);

	/* Move c (with its submount) to d. */
	EXPECT_OK(mount("c", "d", NULL, MS_MOVE, NULL));
	EXPECT_OK(access("d/sub/deep", F_OK));
	EXPECT_FAIL(access("c/top", F_OK), ENOENT);
	EXPECT_FAIL(umount("c"), EINVAL);
	EXPECT_FAIL(umount("d"), EBUSY);	/* d/sub is on it */
	EXPECT_OK(umount("d/sub"));
	EXPECT_OK(umount("d"));
	EXPECT_OK(umount("b"));
	EXPECT_OK(umount("a/sub"));
	EXPECT_OK(umount("a"));
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
