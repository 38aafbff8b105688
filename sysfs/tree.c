/*
 * What /sys shows, in Linux's layout:
 *
 *   devices/system/cpu/{online,possible,present,kernel_max}, cpuN/
 *   devices/virtual/block/NAME/{dev,size,ro,removable,uevent,stat,
 *       queue/{logical_block_size,physical_block_size,hw_sector_size,rotational}}
 *   devices/virtual/tty/NAME/{dev,uevent}   console, tty, ttyS0, ptmx
 *   block/NAME, class/block/NAME, class/tty/NAME, dev/block/MAJ:MIN,
 *   dev/char/MAJ:MIN: symlinks into devices/
 *   kernel/{mm,security,debug}/, kernel/uevent_seqnum
 *   fs/cgroup/ (cgroup2's mount point), module/
 *
 * Block devices are whatever blkdev_for_each lists at the time of the
 * lookup or readdir.
 *
 * XXX: Linux puts virtio disks under their PCI device
 * (devices/pci0000:00/0000:00:04.0/virtio1/block/vda) and ttyS0 under
 * devices/platform/serial8250/tty/; here every block device and tty is
 * a "virtual" one. No partitions, no holders/slaves, no power/ dirs.
 */
#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/percpu.h>
#include <kernel/smp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define DIR_MODE (S_IFDIR | 0755)
#define RO_MODE (S_IFREG | 0444)
#define RW_MODE (S_IFREG | 0644)
#define LNK_MODE (S_IFLNK | 0777)

/* ---- CPUs ---- */

/* A CPU set as Linux prints it: "0-3,5". */
static void show_cpu_list(struct seq_file *m, bool (*has)(int cpu), int max)
{
	int cpu = 0;
	bool first = true;

	while (cpu < max) {
		int start;

		if (!has(cpu)) {
			cpu++;
			continue;
		}
		start = cpu;
		while (cpu + 1 < max && has(cpu + 1))
			cpu++;
		seq_printf(m, first ? "%d" : ",%d", start);
		if (cpu > start)
			seq_printf(m, "-%d", cpu);
		first = false;
		cpu++;
	}
	seq_putc(m, '\n');
}

static bool cpu_is_online(int cpu)
{
	return cpu < MAX_CPUS && percpu_ptrs[cpu] && percpu_ptrs[cpu]->online;
}

static bool cpu_is_possible(int cpu)
{
	return cpu < nr_cpus_possible;
}

static int show_online(struct seq_file *m, const char *arg)
{
	show_cpu_list(m, cpu_is_online, MAX_CPUS);
	return 0;
}

static int show_possible(struct seq_file *m, const char *arg)
{
	show_cpu_list(m, cpu_is_possible, nr_cpus_possible);
	return 0;
}

static int show_kernel_max(struct seq_file *m, const char *arg)
{
	seq_printf(m, "%d\n", MAX_CPUS - 1);
	return 0;
}

static int show_cpu_online_one(struct seq_file *m, const char *arg)
{
	seq_printf(m, "%d\n", cpu_is_online((int)strtol(arg, NULL, 10)) ? 1 : 0);
	return 0;
}

static const struct sysfs_node cpu_n_children[] = {
	{ .name = "online", .mode = RW_MODE, .show = show_cpu_online_one },
	{ 0 }
};

static const struct sysfs_node cpu_n_dir = { .mode = DIR_MODE, .children = cpu_n_children };

static void list_cpus(const char *arg, sysfs_emit_t emit, void *ctx)
{
	for (int cpu = 0; cpu < nr_cpus_possible && cpu < MAX_CPUS; cpu++) {
		char name[16], num[8];

		snprintf(name, sizeof(name), "cpu%d", cpu);
		snprintf(num, sizeof(num), "%d", cpu);
		if (!emit(ctx, name, &cpu_n_dir, num))
			return;
	}
}

static const struct sysfs_node cpu_children[] = {
	{ .name = "kernel_max", .mode = RO_MODE, .show = show_kernel_max },
	{ .name = "online", .mode = RO_MODE, .show = show_online },
	{ .name = "possible", .mode = RO_MODE, .show = show_possible },
	{ .name = "present", .mode = RO_MODE, .show = show_possible },
	{ 0 }
};

static const struct sysfs_node system_children[] = {
	{ .name = "cpu", .mode = DIR_MODE, .children = cpu_children, .list = list_cpus },
	{ 0 }
};

/* ---- block devices ---- */

struct bdev_find {
	const char *name;
	dev_t dev;
	u64 sectors;
	u32 lbs;
	bool ro;
	bool found;
};

static int bdev_find_fn(struct block_device *b, void *arg)
{
	struct bdev_find *f = arg;

	if (strcmp(b->bd_name, f->name))
		return 0;
	f->dev = b->bd_dev;
	f->sectors = b->bd_nr_sectors;
	f->lbs = b->bd_logical_block_size ? b->bd_logical_block_size : 512;
	f->ro = b->bd_read_only;
	f->found = true;
	return 1;
}

/* The device named arg, or -ENODEV (it went away). */
static int bdev_get(const char *arg, struct bdev_find *f)
{
	memset(f, 0, sizeof(*f));
	f->name = arg;
	blkdev_for_each(bdev_find_fn, f);
	return f->found ? 0 : -ENODEV;
}

static int show_bdev_dev(struct seq_file *m, const char *arg)
{
	struct bdev_find f;

	if (bdev_get(arg, &f))
		return -ENODEV;
	seq_printf(m, "%u:%u\n", MAJOR(f.dev), MINOR(f.dev));
	return 0;
}

static int show_bdev_size(struct seq_file *m, const char *arg)
{
	struct bdev_find f;

	if (bdev_get(arg, &f))
		return -ENODEV;
	seq_printf(m, "%llu\n", (unsigned long long)f.sectors);
	return 0;
}

static int show_bdev_ro(struct seq_file *m, const char *arg)
{
	struct bdev_find f;

	if (bdev_get(arg, &f))
		return -ENODEV;
	seq_printf(m, "%d\n", f.ro ? 1 : 0);
	return 0;
}

static int show_zero(struct seq_file *m, const char *arg)
{
	seq_puts(m, "0\n");
	return 0;
}

static int show_bdev_lbs(struct seq_file *m, const char *arg)
{
	struct bdev_find f;

	if (bdev_get(arg, &f))
		return -ENODEV;
	seq_printf(m, "%u\n", f.lbs);
	return 0;
}

static int show_bdev_uevent(struct seq_file *m, const char *arg)
{
	struct bdev_find f;

	if (bdev_get(arg, &f))
		return -ENODEV;
	seq_printf(m, "MAJOR=%u\nMINOR=%u\nDEVNAME=%s\nDEVTYPE=disk\n", MAJOR(f.dev), MINOR(f.dev),
		   arg);
	return 0;
}

static int show_bdev_stat(struct seq_file *m, const char *arg)
{
	struct bdev_find f;

	if (bdev_get(arg, &f))
		return -ENODEV;
	/* XXX: no I/O statistics yet; Linux's 17 fields, all zero. */
	seq_puts(m, "       0        0        0        0        0        0        0        0"
		    "        0        0        0        0        0        0        0        0"
		    "        0\n");
	return 0;
}

static const struct sysfs_node queue_children[] = {
	{ .name = "hw_sector_size", .mode = RO_MODE, .show = show_bdev_lbs },
	{ .name = "logical_block_size", .mode = RO_MODE, .show = show_bdev_lbs },
	{ .name = "physical_block_size", .mode = RO_MODE, .show = show_bdev_lbs },
	{ .name = "rotational", .mode = RW_MODE, .show = show_zero },
	{ 0 }
};

static const struct sysfs_node bdev_children[] = {
	{ .name = "dev", .mode = RO_MODE, .show = show_bdev_dev },
	{ .name = "queue", .mode = DIR_MODE, .children = queue_children },
	{ .name = "removable", .mode = RO_MODE, .show = show_zero },
	{ .name = "ro", .mode = RO_MODE, .show = show_bdev_ro },
	{ .name = "size", .mode = RO_MODE, .show = show_bdev_size },
	{ .name = "stat", .mode = RO_MODE, .show = show_bdev_stat },
	{ .name = "uevent", .mode = RW_MODE, .show = show_bdev_uevent },
	{ 0 }
};

static const struct sysfs_node bdev_dir = { .mode = DIR_MODE, .children = bdev_children };

static void link_block_top(const char *arg, char *buf, size_t n)
{
	snprintf(buf, n, "../devices/virtual/block/%s", arg);
}

static void link_class_block(const char *arg, char *buf, size_t n)
{
	snprintf(buf, n, "../../devices/virtual/block/%s", arg);
}

static const struct sysfs_node block_top_link = { .mode = LNK_MODE, .link = link_block_top };
static const struct sysfs_node class_block_link = { .mode = LNK_MODE, .link = link_class_block };

/* dev/block/MAJ:MIN: the link's argument is the device's name. */
static const struct sysfs_node dev_block_link = { .mode = LNK_MODE, .link = link_class_block };

struct bdev_list {
	sysfs_emit_t emit;
	void *ctx;
	const struct sysfs_node *node;
	bool by_number;
};

static int bdev_list_fn(struct block_device *b, void *arg)
{
	struct bdev_list *l = arg;
	char num[24];

	if (l->by_number) {
		snprintf(num, sizeof(num), "%u:%u", MAJOR(b->bd_dev), MINOR(b->bd_dev));
		return !l->emit(l->ctx, num, l->node, b->bd_name);
	}
	return !l->emit(l->ctx, b->bd_name, l->node, b->bd_name);
}

static void list_bdevs(const struct sysfs_node *node, bool by_number, sysfs_emit_t emit, void *ctx)
{
	struct bdev_list l = { emit, ctx, node, by_number };

	blkdev_for_each(bdev_list_fn, &l);
}

static void list_bdev_dirs(const char *arg, sysfs_emit_t emit, void *ctx)
{
	list_bdevs(&bdev_dir, false, emit, ctx);
}

static void list_block_links(const char *arg, sysfs_emit_t emit, void *ctx)
{
	list_bdevs(&block_top_link, false, emit, ctx);
}

static void list_class_block_links(const char *arg, sysfs_emit_t emit, void *ctx)
{
	list_bdevs(&class_block_link, false, emit, ctx);
}

static void list_dev_block_links(const char *arg, sysfs_emit_t emit, void *ctx)
{
	list_bdevs(&dev_block_link, true, emit, ctx);
}

/* ---- ttys: the console devices tty.c registers ---- */

static const struct {
	const char *name;
	unsigned major, minor;
} ttys[] = {
	{ "console", 5, 1 },
	{ "ptmx", 5, 2 },
	{ "tty", 5, 0 },
	{ "ttyS0", 4, 64 },
};

static int tty_index(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(ttys); i++)
		if (!strcmp(ttys[i].name, name))
			return i;
	return -1;
}

static int show_tty_dev(struct seq_file *m, const char *arg)
{
	int i = tty_index(arg);

	if (i < 0)
		return -ENODEV;
	seq_printf(m, "%u:%u\n", ttys[i].major, ttys[i].minor);
	return 0;
}

static int show_tty_uevent(struct seq_file *m, const char *arg)
{
	int i = tty_index(arg);

	if (i < 0)
		return -ENODEV;
	seq_printf(m, "MAJOR=%u\nMINOR=%u\nDEVNAME=%s\n", ttys[i].major, ttys[i].minor, arg);
	return 0;
}

static const struct sysfs_node tty_children[] = {
	{ .name = "dev", .mode = RO_MODE, .show = show_tty_dev },
	{ .name = "uevent", .mode = RW_MODE, .show = show_tty_uevent },
	{ 0 }
};

static const struct sysfs_node tty_dir = { .mode = DIR_MODE, .children = tty_children };

static void link_class_tty(const char *arg, char *buf, size_t n)
{
	snprintf(buf, n, "../../devices/virtual/tty/%s", arg);
}

static const struct sysfs_node class_tty_link = { .mode = LNK_MODE, .link = link_class_tty };

static void list_ttys(const struct sysfs_node *node, bool by_number, sysfs_emit_t emit, void *ctx)
{
	for (size_t i = 0; i < ARRAY_SIZE(ttys); i++) {
		char num[24];

		snprintf(num, sizeof(num), "%u:%u", ttys[i].major, ttys[i].minor);
		if (!emit(ctx, by_number ? num : ttys[i].name, node, ttys[i].name))
			return;
	}
}

static void list_tty_dirs(const char *arg, sysfs_emit_t emit, void *ctx)
{
	list_ttys(&tty_dir, false, emit, ctx);
}

static void list_class_tty_links(const char *arg, sysfs_emit_t emit, void *ctx)
{
	list_ttys(&class_tty_link, false, emit, ctx);
}

static void list_dev_char_links(const char *arg, sysfs_emit_t emit, void *ctx)
{
	list_ttys(&class_tty_link, true, emit, ctx);
}

/* ---- the rest ---- */

static const struct sysfs_node virtual_children[] = {
	{ .name = "block", .mode = DIR_MODE, .list = list_bdev_dirs },
	{ .name = "tty", .mode = DIR_MODE, .list = list_tty_dirs },
	{ 0 }
};

static const struct sysfs_node devices_children[] = {
	{ .name = "system", .mode = DIR_MODE, .children = system_children },
	{ .name = "virtual", .mode = DIR_MODE, .children = virtual_children },
	{ 0 }
};

static const struct sysfs_node class_children[] = {
	{ .name = "block", .mode = DIR_MODE, .list = list_class_block_links },
	{ .name = "tty", .mode = DIR_MODE, .list = list_class_tty_links },
	{ 0 }
};

static const struct sysfs_node dev_children[] = {
	{ .name = "block", .mode = DIR_MODE, .list = list_dev_block_links },
	{ .name = "char", .mode = DIR_MODE, .list = list_dev_char_links },
	{ 0 }
};

static int show_uevent_seqnum(struct seq_file *m, const char *arg)
{
	seq_puts(m, "0\n");   /* XXX: no uevents are sent */
	return 0;
}

static const struct sysfs_node empty_children[] = { { 0 } };

static const struct sysfs_node kernel_children[] = {
	{ .name = "debug", .mode = S_IFDIR | 0700, .children = empty_children },
	{ .name = "mm", .mode = DIR_MODE, .children = empty_children },
	{ .name = "security", .mode = DIR_MODE, .children = empty_children },
	{ .name = "uevent_seqnum", .mode = RO_MODE, .show = show_uevent_seqnum },
	{ 0 }
};

static const struct sysfs_node fs_children[] = {
	{ .name = "cgroup", .mode = DIR_MODE, .children = empty_children },
	{ 0 }
};

static const struct sysfs_node root_children[] = {
	{ .name = "block", .mode = DIR_MODE, .list = list_block_links },
	{ .name = "class", .mode = DIR_MODE, .children = class_children },
	{ .name = "dev", .mode = DIR_MODE, .children = dev_children },
	{ .name = "devices", .mode = DIR_MODE, .children = devices_children },
	{ .name = "fs", .mode = DIR_MODE, .children = fs_children },
	{ .name = "kernel", .mode = DIR_MODE, .children = kernel_children },
	{ .name = "module", .mode = DIR_MODE, .children = empty_children },
	{ 0 }
};

const struct sysfs_node sysfs_root_node = { .mode = DIR_MODE, .children = root_children };
