/*
 * Finding a file system by its label, as `mount LABEL=images` does in
 * userspace: the boot path mounts the image store this way. Only the
 * ext2/3/4 superblock is recognized (magic 0xEF53 at byte 1080, the
 * 16-byte volume name at byte 1144). XXX: other file systems' labels.
 */
#include "internal.h"

#define EXT4_SB_OFFSET 1024
#define EXT4_MAGIC_OFF 0x38
#define EXT4_LABEL_OFF 0x78
#define EXT4_MAGIC 0xEF53

struct label_query {
	const char *label;
	char *name;
	size_t len;
	void *buf;
};

static int label_match(struct block_device *bdev, void *arg)
{
	struct label_query *q = arg;
	unsigned char *sb = q->buf;
	char vol[17];

	if (bdev->bd_nr_sectors < 4)
		return 0;
	if (blkdev_rw_kbuf(bdev, REQ_OP_READ, EXT4_SB_OFFSET / SECTOR_SIZE, sb, 1024))
		return 0;
	if ((sb[EXT4_MAGIC_OFF] | sb[EXT4_MAGIC_OFF + 1] << 8) != EXT4_MAGIC)
		return 0;
	memcpy(vol, sb + EXT4_LABEL_OFF, 16);
	vol[16] = 0;
	if (strcmp(vol, q->label))
		return 0;
	strncpy(q->name, bdev->bd_name, q->len - 1);
	q->name[q->len - 1] = 0;
	return 1;
}

int blkdev_find_ext4_label(const char *label, char *name, size_t len)
{
	struct label_query q = { label, name, len, kmalloc(1024, GFP_KERNEL) };
	int r;

	if (!q.buf)
		return -ENOMEM;
	r = blkdev_for_each(label_match, &q);
	kfree(q.buf);
	return r == 1 ? 0 : -ENOENT;
}
