/*
 * mount05: remounting. MS_REMOUNT|MS_BIND|MS_RDONLY makes one mount
 * read-only while another mount of the same file system stays writable;
 * MS_REMOUNT|MS_BIND without MS_RDONLY makes it writable again; a plain
 * MS_REMOUNT|MS_RDONLY makes the file system itself read-only (EROFS
 * through every mount of it) and MS_REMOUNT makes it writable; a remount
 * of something that is not a mount point is EINVAL; propagation flags mixed
 * with other flags are EINVAL. Runs in a private mount namespace.
 */
#include <sched.h>
#include <sys/mount.h>
#include <sys/statvfs.h>

#include "harness.h"

static void run(void)
{
	struct statvfs sv;

	if (unshare(CLONE_NEWNS) < 0)
		t_brk(TCONF | TERRNO, "unshare(CLONE_NEWNS)");
	SAFE(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	SAFE(mkdir("a", 0755));
	SAFE(mkdir("b", 0755));
	SAFE(mount("ltp", "a", "tmpfs", 0, NULL));
	SAFE(mount("a", "b", NULL, MS_BIND, NULL));

	EXPECT_OK(mount(NULL, "b", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL));
	EXPECT_FAIL(open("b/f", O_CREAT | O_WRONLY, 0644), EROFS);
	EXPECT_FAIL(mkdir("b/d", 0755), EROFS);
	EXPECT_OK(statvfs("b", &sv));
	EXPECT(sv.f_flag & ST_RDONLY);
	t_write_file("a/f", "x", 0644);
	EXPECT_OK(access("b/f", F_OK));
	EXPECT_FAIL(access("b/f", W_OK), EROFS);
	EXPECT_OK(statvfs("a", &sv));
	EXPECT(!(sv.f_flag & ST_RDONLY));

	EXPECT_OK(mount(NULL, "b", NULL, MS_REMOUNT | MS_BIND | MS_NOEXEC, NULL));
	EXPECT_OK(statvfs("b", &sv));
	EXPECT(!(sv.f_flag & ST_RDONLY));
	EXPECT(sv.f_flag & ST_NOEXEC);
	EXPECT_OK(mkdir("b/d", 0755));

	/* The super block: read-only everywhere. */
	EXPECT_OK(mount(NULL, "a", NULL, MS_REMOUNT | MS_RDONLY, NULL));
	EXPECT_FAIL(mkdir("a/e", 0755), EROFS);
	EXPECT_FAIL(mkdir("b/e", 0755), EROFS);
	EXPECT_OK(mount(NULL, "a", NULL, MS_REMOUNT, NULL));
	EXPECT_OK(mkdir("a/e", 0755));
	EXPECT_OK(mkdir("b/e2", 0755));

	EXPECT_FAIL(mount(NULL, "a/e", NULL, MS_REMOUNT, NULL), EINVAL);
	EXPECT_FAIL(mount(NULL, "a/e", NULL, MS_REMOUNT | MS_BIND, NULL), EINVAL);
	EXPECT_FAIL(mount(NULL, "a", NULL, MS_PRIVATE | MS_RDONLY, NULL), EINVAL);
	EXPECT_FAIL(mount(NULL, "a", NULL, MS_PRIVATE | MS_SHARED, NULL), EINVAL);
	EXPECT_FAIL(mount(NULL, "a/e", NULL, MS_SHARED, NULL), EINVAL);
	EXPECT_OK(umount("b"));
	EXPECT_OK(umount("a"));
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
