/*
 * Bringing the VFS up: the dentry cache, the filesystem types, tmpfs
 * mounted as the root, /dev made and devtmpfs mounted on it with the
 * memory devices in it, sysfs on /sys. Called once from kmain before the first user
 * process; the initramfs is unpacked into the result afterwards.
 */
#include <kernel/random.h>
#include <kernel/cgroup.h>
#include <kernel/sysfs.h>

#include "internal.h"

void vfs_init(void)
{
	static bool done;
	struct path root;
	int err;

	/* Once; in-kernel tests that run before userspace starts call it early. */
	if (done)
		return;
	done = true;
	dcache_init();
	files_cache_init();
	tmpfs_init();
	mnt_init();
	root = vfs_root_path();
	init_fs.root = root;
	init_fs.pwd = root;
	path_get(&root);   /* one reference each for root and pwd */

	devtmpfs_init();
	mem_devices_init();
	random_init();
	err = vfs_mkdirat(LINUX_AT_FDCWD, "/dev", 0755);
	if (err)
		panic("vfs: cannot make /dev (%d)", err);
	err = vfs_mount("devtmpfs", "/dev", "devtmpfs", MNT_RELATIME, NULL);
	if (err)
		panic("vfs: cannot mount devtmpfs on /dev (%d)", err);
	/* sysfs on /sys, as Linux's mount flags for it. */
	sysfs_init();
	cgroup_init();
	err = vfs_mkdirat(LINUX_AT_FDCWD, "/sys", 0555);
	if (!err)
		err = vfs_mount("sysfs", "/sys", "sysfs",
				MNT_NOSUID | MNT_NODEV | MNT_NOEXEC | MNT_RELATIME, NULL);
	if (err)
		panic("vfs: cannot mount sysfs on /sys (%d)", err);
	printk(KERN_INFO "vfs: tmpfs root, devtmpfs on /dev\n");
}
