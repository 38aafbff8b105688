/*
 * sysfs through the kernel-level calls: the CPU lists match the CPUs
 * online, /sys/block lists every registered block device with links into
 * devices/ and Linux's attribute values, attributes cannot be opened for
 * writing (EACCES) nor files made (the tree is the kernel's), and a
 * second mount of sysfs on the same place is EBUSY.
 */
#include <kernel/blkdev.h>
#include <kernel/percpu.h>

#include "vfs_test.h"

struct sy_count {
	int n;
	char first[32];
	dev_t first_dev;
	u64 first_size;
};

static int sy_count_fn(struct block_device *b, void *arg)
{
	struct sy_count *c = arg;

	if (!c->n++) {
		strncpy(c->first, b->bd_name, sizeof(c->first) - 1);
		c->first_dev = b->bd_dev;
		c->first_size = b->bd_nr_sectors;
	}
	return 0;
}

struct sy_rd {
	struct dir_context ctx;
	int n;
};

static bool sy_actor(struct dir_context *c, const char *name, int len, s64 pos, u64 ino,
		     unsigned type)
{
	struct sy_rd *r = container_of(c, struct sy_rd, ctx);

	if (!(len == 1 && name[0] == '.') && !(len == 2 && name[0] == '.' && name[1] == '.'))
		r->n++;
	return true;
}

KTEST(sysfs_tree)
{
	struct sy_count c = { 0 };
	struct sy_rd rd = { .ctx.actor = sy_actor };
	char buf[128], want[64], path[96];
	struct file *f;
	int online = 0;

	vfs_test_setup();
	for (int i = 0; i < MAX_CPUS; i++)
		if (percpu_ptrs[i] && percpu_ptrs[i]->online)
			online++;
	if (online == 1)
		snprintf(want, sizeof(want), "0\n");
	else
		snprintf(want, sizeof(want), "0-%d\n", online - 1);
	KT_ASSERT(vt_read("/sys/devices/system/cpu/online", buf, sizeof(buf)) > 0);
	KT_ASSERT_MSG(!strcmp(buf, want), "online %s, want %s", buf, want);
	KT_ASSERT(vt_exists("/sys/devices/system/cpu/cpu0"));
	KT_ASSERT(vt_exists("/sys/kernel/mm"));
	KT_ASSERT(vt_exists("/sys/fs/cgroup"));
	KT_ASSERT(vt_exists("/sys/module"));
	KT_ASSERT(vt_read("/sys/kernel/uevent_seqnum", buf, sizeof(buf)) > 0);
	KT_ASSERT(vt_read("/sys/class/tty/ttyS0/dev", buf, sizeof(buf)) > 0);
	KT_ASSERT(!strcmp(buf, "4:64\n"));

	/* /sys/block: one entry per device. */
	blkdev_for_each(sy_count_fn, &c);
	f = filp_open("/sys/block", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_ASSERT_EQ(vfs_iterate_dir(f, &rd.ctx), 0);
	fput(f);
	KT_ASSERT_EQ(rd.n, c.n);
	if (c.n) {
		snprintf(path, sizeof(path), "/sys/block/%s", c.first);
		snprintf(want, sizeof(want), "../devices/virtual/block/%s", c.first);
		KT_ASSERT_EQ(vfs_readlinkat(LINUX_AT_FDCWD, path, buf, sizeof(buf)), strlen(want));
		KT_ASSERT(!memcmp(buf, want, strlen(want)));
		snprintf(path, sizeof(path), "/sys/class/block/%s/dev", c.first);
		snprintf(want, sizeof(want), "%u:%u\n", MAJOR(c.first_dev), MINOR(c.first_dev));
		KT_ASSERT(vt_read(path, buf, sizeof(buf)) > 0);
		KT_ASSERT_MSG(!strcmp(buf, want), "%s: %s, want %s", path, buf, want);
		snprintf(path, sizeof(path), "/sys/block/%s/size", c.first);
		snprintf(want, sizeof(want), "%llu\n", (unsigned long long)c.first_size);
		KT_ASSERT(vt_read(path, buf, sizeof(buf)) > 0);
		KT_ASSERT(!strcmp(buf, want));
		snprintf(path, sizeof(path), "/sys/block/%s/queue/logical_block_size", c.first);
		KT_ASSERT(vt_read(path, buf, sizeof(buf)) > 0);
		KT_ASSERT(!strcmp(buf, "512\n") || !strcmp(buf, "4096\n"));
		snprintf(path, sizeof(path), "/sys/block/%s/ro", c.first);
		f = filp_open(path, LINUX_O_WRONLY, 0);
		KT_ASSERT_EQ(PTR_ERR(f), -EACCES);
	}
	KT_ASSERT(!vt_exists("/sys/block/no-such-disk"));
	KT_ASSERT(vt_write("/sys/newfile", "x", 0) < 0);
	KT_ASSERT(vfs_mkdirat(LINUX_AT_FDCWD, "/sys/newdir", 0755) < 0);
	KT_ASSERT_EQ(vfs_mount("sysfs", "/sys", "sysfs", 0, NULL), -EBUSY);
}
