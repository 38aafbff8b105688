/*
 * Temporary weak stand-ins for the block layer calls jbd2 uses, so the
 * branch links before the block layer (kernel/block) is merged. The real
 * definitions override these. XXX: delete once main's block layer is in.
 */
#include <kernel/mm.h>
#include <kernel/blkdev.h>
#include <kernel/errno.h>

__attribute__((weak)) void mark_buffer_dirty(struct buffer_head *bh) { (void)bh; }
__attribute__((weak)) int sync_blockdev(struct block_device *bdev) { (void)bdev; return -EIO; }
