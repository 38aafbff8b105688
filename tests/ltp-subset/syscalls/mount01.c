/*
 * mount01: mount() of a tmpfs on a directory: files created there live in
 * the new file system (statfs shows TMPFS_MAGIC, a different st_dev), the
 * directory's old contents are hidden while mounted and back after
 * umount(); MS_RDONLY makes creation fail with EROFS; a remount can make
 * it writable.
 */
#include <sys/mount.h>
#include <sys/vfs.h>

#include "harness.h"

static int mounted;

static void cleanup(void)
{
	if (mounted)
		umount2("mnt", MNT_DETACH);
}

static void run(void)
{
	struct statfs sfs;
	struct stat a, b;

	SAFE(mkdir("mnt", 0755));
	t_write_file("mnt/hidden", "", 0644);
	SAFE(stat("mnt", &a));
	if (mount("ltp", "mnt", "tmpfs", 0, "size=1m") < 0) {
		if (errno == EPERM || errno == ENODEV)
			t_brk(TCONF | TERRNO, "cannot mount tmpfs here");
		t_brk(TFAIL | TERRNO, "mount(tmpfs)");
	}
	mounted = 1;
	SAFE(stat("mnt", &b));
	EXPECT(a.st_dev != b.st_dev);
	EXPECT_OK(statfs("mnt", &sfs));
	EXPECT_EQ(sfs.f_type, T_TMPFS_MAGIC);
	EXPECT_FAIL(access("mnt/hidden", F_OK), ENOENT);
	t_write_file("mnt/new", "", 0644);
	EXPECT_OK(mount(NULL, "mnt", NULL, MS_REMOUNT | MS_RDONLY, NULL));
	EXPECT_FAIL(open("mnt/new2", O_CREAT | O_WRONLY, 0644), EROFS);
	EXPECT_FAIL(unlink("mnt/new"), EROFS);
	EXPECT_OK(mount(NULL, "mnt", NULL, MS_REMOUNT, NULL));
	EXPECT_OK(unlink("mnt/new"));
	EXPECT_OK(umount("mnt"));
	mounted = 0;
	EXPECT_OK(access("mnt/hidden", F_OK));
}

const struct t_test t_test = { .run = run, .cleanup = cleanup, .needs_root = 1 };
