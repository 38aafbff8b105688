/*
 * jbd2 (kernel/fs/jbd2): the journal ext4 keeps its metadata changes in,
 * in Linux's on-disk format (big-endian journal superblock v2, descriptor,
 * commit and revoke blocks; 64bit, csum v2/v3 features), so that a file
 * system we wrote and crashed is replayed by Linux's e2fsck/kernel and one
 * Linux crashed is replayed by us.
 *
 * Model (simpler than Linux's, same guarantees):
 *   - One running transaction collects the metadata buffers that handles
 *     dirtied. A handle reserves credits (blocks it may dirty); starting one
 *     may wait for a commit to make room in the log.
 *   - A commit (every 5 s by a kernel thread, when the running transaction
 *     nears the log's free space, on jbd2_journal_force_commit, and when
 *     a handle marked sync stops) waits for running handles to stop and
 *     blocks new ones while it runs; it first calls the file system's
 *     pre_commit hook (ext4 writes the data pages of blocks allocated in
 *     the transaction: data=ordered), then writes descriptor + copies +
 *     revoke blocks, flushes, writes the commit block (FUA/flush), and
 *     only then marks the buffers dirty for write-back to their places.
 *   - Checkpointing: once committed buffers are written in place
 *     (sync_blockdev), the log tail moves forward and the journal superblock
 *     records it. jbd2_journal_flush does all of it and leaves the log empty
 *     (s_start = 0), as at a clean unmount.
 *   - Recovery (jbd2_journal_load when the log is not empty): the three
 *     passes of Linux (scan for the end, collect revokes, replay blocks
 *     not revoked by a later transaction), checking checksums when the
 *     journal has them, then the log is emptied and the device synced.
 *
 * A buffer under a journal has BH_JBD set and b_private pointing at jbd2's
 * journal_head; file systems must not write such buffers themselves.
 * current->journal_info is not used: handles do not nest (ext4 passes its
 * handle down).
 *
 * Rules for callers (kernel/fs/jbd2 deadlocks or loses data otherwise):
 *   - set_blocksize(bdev, fs block size) before jbd2_journal_init;
 *   - never start a handle or call force_commit/flush while holding one;
 *   - call get_write_access/get_create_access/dirty_metadata/revoke without
 *     holding lock_buffer on that buffer; change b_data under lock_buffer
 *     between get_*_access and dirty_metadata;
 *   - pre_commit runs while new handles are held back: it must not start
 *     handles nor take a lock that is held across jbd2_journal_start;
 *   - revoke every freed metadata block (jbd2 finds its cached buffer when
 *     bh is NULL), so neither a replay nor a pending write-back of its old
 *     contents lands on its next use.
 */
#ifndef KERNEL_JBD2_H
#define KERNEL_JBD2_H

#include <kernel/blkdev.h>
#include <kernel/types.h>

typedef struct journal journal_t;
typedef struct jbd2_handle handle_t;

struct jbd2_fs_hooks {
	/* Map journal block lblk (0 = the journal superblock) to a device
	 * block: the ext4 journal inode's extents. 0 or -errno. */
	int (*bmap)(void *fs, u64 lblk, u64 *pblk);
	/* Before a commit writes the log: make data blocks that committed
	 * metadata will point at durable (data=ordered). May be NULL. */
	int (*pre_commit)(void *fs);
	void *fs;
};

/* Set up the journal over the device (whose buffer size is the fs block
 * size) for a log of nr_blocks blocks. Reads nothing yet. ERR_PTR. */
journal_t *jbd2_journal_init(struct block_device *bdev, u64 nr_blocks,
			     const struct jbd2_fs_hooks *hooks);
/* Read and check the journal superblock (-EINVAL with a message for an
 * unknown incompat feature or a bad checksum), recover when the log is
 * not empty, and get ready for transactions. 0 or -errno; on -EIO or
 * -EINVAL the caller refuses the mount. *recovered tells whether replay ran. */
int jbd2_journal_load(journal_t *j, bool *recovered);
/* For a read-only mount of a file system that needs recovery: refuse
 * (-EROFS) unless the caller allows replaying on a read-only mount. */
bool jbd2_journal_needs_recovery(journal_t *j);
/* Commit, checkpoint, empty the log, write the journal superblock, stop the
 * commit thread and free everything (umount; also after errors). */
int jbd2_journal_destroy(journal_t *j);

/* Handles: start with the most buffers the operation may dirty. ERR_PTR
 * (-EROFS once the journal has aborted, -ENOSPC if nblocks exceeds what one
 * transaction may hold). */
handle_t *jbd2_journal_start(journal_t *j, int nblocks);
/* 0, or the journal's error (-EIO) if it aborted meanwhile. */
int jbd2_journal_stop(handle_t *h);
/* This handle's transaction must be committed when the handle stops (fsync,
 * O_SYNC, dirsync). */
void jbd2_handle_set_sync(handle_t *h);
/* Before changing an existing metadata buffer (read with bread) under h. */
int jbd2_journal_get_write_access(handle_t *h, struct buffer_head *bh);
/* Before filling a newly allocated metadata block (getblk, contents about
 * to be written whole). */
int jbd2_journal_get_create_access(handle_t *h, struct buffer_head *bh);
/* After changing it: the buffer joins the running transaction. */
int jbd2_journal_dirty_metadata(handle_t *h, struct buffer_head *bh);
/* A metadata block is freed: drop it from the transaction (if it is there)
 * and record a revoke so a replay does not write stale contents over
 * whatever the block holds next. bh may be NULL. */
int jbd2_journal_revoke(handle_t *h, u64 blocknr, struct buffer_head *bh);

/* Commit the running transaction (if any) and wait for it: fsync, sync. */
int jbd2_journal_force_commit(journal_t *j);
/* Commit and checkpoint everything, leaving the log empty (sync_fs wait,
 * remount read-only, freeze). */
int jbd2_journal_flush(journal_t *j);
/* Stop all updates after a fatal I/O error; later handles get -EROFS. */
void jbd2_journal_abort(journal_t *j, int err);
int jbd2_journal_errno(journal_t *j);   /* 0, or the error it aborted with */

#endif
