/*
 * The block layer (kernel/block): block devices, bios and the buffer cache.
 *
 * A driver (virtio-blk, loop) fills a struct block_device with its size and
 * a submit_bio method and registers it: the device gets a number, a node
 * /dev/NAME (S_IFBLK; read/write/ioctl on it go through the buffer-less
 * block file operations in kernel/block/fops.c) and a place in the list
 * sysfs shows. Filesystems open it by path (mount's source) or number,
 * then read and write metadata through buffer heads and file data through
 * bios built from page-cache pages.
 *
 * Bios are asynchronous: submit_bio hands the bio to the driver, which
 * calls bio_endio (from any context, interrupts included) when the I/O is
 * done; bi_status is 0 or -EIO. submit_bio_wait sleeps until then.
 *
 * Buffer heads are the metadata cache: one per (device, block number,
 * block size), found through a hash, referenced by b_count, kept in memory
 * while clean and unreferenced until memory pressure (XXX: no shrinker yet:
 * clean buffers stay until the device is put) and written back when dirty
 * by sync_blockdev, sync_dirty_buffer or the periodic flusher. A journalled
 * filesystem does not mark its metadata buffers dirty before the journal
 * has committed them (jbd2 does that, see kernel/jbd2.h).
 *
 * Lock order: bdev_list_lock -> bdev->bd_mutex -> buffer hash lock ->
 * b_lock (a sleeping lock held across the buffer's I/O).
 */
#ifndef KERNEL_BLKDEV_H
#define KERNEL_BLKDEV_H

#include <kernel/fs.h>
#include <kernel/list.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/spinlock.h>
#include <kernel/types.h>

struct page;
struct bio;
struct block_device;

#define SECTOR_SHIFT 9
#define SECTOR_SIZE 512

/* Linux's block majors as userspace sees them (st_rdev): virtio-blk is
 * dynamic on Linux (usually 254 or 253), loop is 7. */
#define BLK_MAJOR_LOOP 7
#define BLK_MAJOR_VIRTBLK 254

struct block_device_operations {
	/* Start the bio; call bio_endio when it is done (possibly before
	 * returning). Never sleeps for long; may be called with locks held. */
	void (*submit_bio)(struct block_device *bdev, struct bio *bio);
	/* Optional: device-specific ioctls on /dev/NAME (-ENOTTY otherwise). */
	long (*ioctl)(struct block_device *bdev, unsigned cmd, unsigned long arg);
	/* Optional: the last user of the device is gone (loop: may detach). */
	void (*release)(struct block_device *bdev);
};

struct block_device {
	/* Filled by the driver before blkdev_register: */
	char bd_name[32];                /* "vda", "loop0" */
	dev_t bd_dev;                    /* MKDEV(major, minor) (kernel encoding) */
	u32 bd_logical_block_size;       /* 512 or 4096 */
	u64 bd_nr_sectors;               /* capacity in 512-byte sectors (may change: loop) */
	bool bd_read_only;
	bool bd_flush;                   /* the device has a volatile cache: FLUSH means something */
	bool bd_discard;                 /* the device accepts REQ_OP_DISCARD */
	const struct block_device_operations *bd_ops;
	void *bd_private;                /* the driver's */

	/* The block layer's: */
	struct list_head bd_list;        /* all registered devices (bdev_list_lock) */
	struct mutex bd_mutex;           /* opens, holder, size changes */
	int bd_openers;                  /* blkdev_get references; bd_mutex */
	void *bd_holder;                 /* exclusive opener (a mounted fs), or NULL; bd_mutex */
	u32 bd_block_size;               /* the buffer cache's block size (set_blocksize); bd_mutex */
	struct inode *bd_inode;          /* the /dev node's inode, for its page cache (may be NULL) */
	u64 bd_stats[4];                 /* reads, read sectors, writes, written sectors (atomic) */
	struct list_head bd_dirty;       /* dirty buffers (the buffer cache's lock) */
	u64 bd_nr_buffers;               /* cached buffers of this device (the buffer cache's lock) */
};

/* Register a device: numbers it if bd_dev is 0 (major BLK_MAJOR_VIRTBLK,
 * next free minor), makes /dev/NAME. 0 or -errno. */
int blkdev_register(struct block_device *bdev);
/* Remove it (no opener may remain: -EBUSY). */
int blkdev_unregister(struct block_device *bdev);
/* Every registered device, in registration order (sysfs, /proc/partitions,
 * label scans); fn returns non-zero to stop, and that is the result. */
int blkdev_for_each(int (*fn)(struct block_device *bdev, void *arg), void *arg);

/* Open a device for a filesystem: by the path of its node (mount's source,
 * following symlinks) or by number. FMODE_WRITE is refused on read-only
 * devices (-EROFS); a non-NULL holder opens exclusively (-EBUSY if another
 * holder has it). ERR_PTR on failure; blkdev_put undoes it. */
struct block_device *blkdev_get_by_path(const char *path, unsigned fmode, void *holder);
struct block_device *blkdev_get_by_dev(dev_t dev, unsigned fmode, void *holder);
void blkdev_put(struct block_device *bdev, void *holder);
static inline u64 bdev_nr_bytes(const struct block_device *bdev)
{
	return bdev->bd_nr_sectors << SECTOR_SHIFT;
}

/* ---- bios ---- */
#define REQ_OP_READ     0
#define REQ_OP_WRITE    1
#define REQ_OP_FLUSH    2      /* no data: make earlier completed writes durable */
#define REQ_OP_DISCARD  3      /* no data: bi_sector, bi_size say the range */
#define REQ_OP_MASK     0xff
#define REQ_FUA         0x100  /* this write is durable when it completes */
#define REQ_PREFLUSH    0x200  /* flush the cache before this write */
#define REQ_SYNC        0x400  /* someone waits on it (a hint) */
#define REQ_META        0x800  /* metadata (a hint) */
static inline unsigned bio_op_of(unsigned opf) { return opf & REQ_OP_MASK; }

struct bio_vec {
	struct page *bv_page;
	u32 bv_len;
	u32 bv_offset;                   /* within the page */
};

#define BIO_INLINE_VECS 4

struct bio {
	struct block_device *bi_bdev;
	unsigned bi_opf;                 /* REQ_OP_* | REQ_* */
	u64 bi_sector;                   /* first 512-byte sector */
	u32 bi_size;                     /* bytes (the sum of the vecs for READ/WRITE) */
	int bi_status;                   /* 0 or -EIO, set before bi_end_io runs */
	unsigned bi_vcnt;
	unsigned bi_max_vecs;
	struct bio_vec *bi_io_vec;
	void (*bi_end_io)(struct bio *bio);   /* may run in interrupt context */
	void *bi_private;
	struct list_head bi_queue;       /* the driver's, while it owns the bio */
	struct bio_vec bi_inline[BIO_INLINE_VECS];
};

/* A bio for nr_vecs segments (never fails for nr_vecs <= BIO_INLINE_VECS
 * with GFP_KERNEL... it may: NULL on -ENOMEM). */
struct bio *bio_alloc(struct block_device *bdev, unsigned nr_vecs, unsigned opf, gfp_t gfp);
void bio_put(struct bio *bio);
/* Append len bytes at off in page; false when the bio is full. */
bool bio_add_page(struct bio *bio, struct page *page, u32 len, u32 off);
/* Append len bytes of a physically contiguous kernel buffer (direct-map or
 * kmalloc address; not vmalloc); false when full or crossing a limit. */
bool bio_add_kbuf(struct bio *bio, void *buf, u32 len);
/* Hand to the driver. Out-of-range or misaligned bios, and writes to a
 * read-only device, complete at once with -EIO. */
void submit_bio(struct bio *bio);
/* submit_bio and sleep (uninterruptibly) until done; returns bi_status. */
int submit_bio_wait(struct bio *bio);
/* The driver's completion call. */
void bio_endio(struct bio *bio);

/* Synchronous helpers on byte ranges (sector-aligned) of kernel memory. */
int blkdev_rw_kbuf(struct block_device *bdev, unsigned op, u64 sector, void *buf, size_t len);
int blkdev_issue_flush(struct block_device *bdev);
int blkdev_issue_discard(struct block_device *bdev, u64 sector, u64 nr_sectors);

/* ---- buffer cache ---- */
#define BH_Uptodate  0     /* b_data holds the block's contents */
#define BH_Dirty     1     /* to be written to its place on the device */
#define BH_Req       2     /* has been submitted at least once */
#define BH_Write_EIO 3     /* the last write failed */
#define BH_JBD       4     /* owned by a journal (b_private is jbd2's) */
#define BH_PrivateStart 16 /* bits from here: the owner's (jbd2, ext4) */

struct buffer_head {
	struct block_device *b_bdev;
	u64 b_blocknr;                   /* in b_size units */
	u32 b_size;                      /* bytes: 512..PAGE_SIZE, the device's bd_block_size */
	char *b_data;                    /* b_size bytes, kernel memory */
	unsigned long b_state;           /* BH_* bits, atomic bit ops */
	int b_count;                     /* references; atomic */
	struct mutex b_lock;             /* lock_buffer: held across I/O and by writers of b_data */
	void *b_private;                 /* the journal's (BH_JBD) */
	struct hlist_node b_hash;        /* the block layer's */
	struct list_head b_dirty;        /* the block layer's: on the device's dirty list */
	struct list_head b_lru;          /* the block layer's */
};

static inline bool buffer_test(const struct buffer_head *bh, int bit)
{
	return (__atomic_load_n(&bh->b_state, __ATOMIC_ACQUIRE) >> bit) & 1;
}
static inline void buffer_set(struct buffer_head *bh, int bit)
{
	__atomic_fetch_or(&bh->b_state, 1UL << bit, __ATOMIC_ACQ_REL);
}
static inline void buffer_clear(struct buffer_head *bh, int bit)
{
	__atomic_fetch_and(&bh->b_state, ~(1UL << bit), __ATOMIC_ACQ_REL);
}
static inline bool buffer_uptodate(const struct buffer_head *bh) { return buffer_test(bh, BH_Uptodate); }
static inline bool buffer_dirty(const struct buffer_head *bh) { return buffer_test(bh, BH_Dirty); }
static inline void set_buffer_uptodate(struct buffer_head *bh) { buffer_set(bh, BH_Uptodate); }

/* Change the block size the buffer cache uses on this device (a power of
 * two, 512..PAGE_SIZE, at least the logical block size); fails with -EBUSY
 * while buffers of another size are referenced. */
int set_blocksize(struct block_device *bdev, u32 size);
/* The buffer for block nr (size bdev->bd_block_size), referenced, read
 * from the device if not up to date. ERR_PTR(-EIO) (the read failed),
 * ERR_PTR(-ENOMEM); -EINVAL past the end of the device. */
struct buffer_head *bread(struct block_device *bdev, u64 nr);
/* The buffer without reading it (for blocks about to be overwritten
 * whole: fill b_data under lock_buffer, then set_buffer_uptodate). */
struct buffer_head *getblk(struct block_device *bdev, u64 nr);
/* Start reading blocks that are not cached, without waiting (read-ahead). */
void breadahead(struct block_device *bdev, u64 nr, unsigned count);
void get_bh(struct buffer_head *bh);
void brelse(struct buffer_head *bh);            /* NULL is fine */
void lock_buffer(struct buffer_head *bh);
void unlock_buffer(struct buffer_head *bh);
/* Mark for write-back to its own place (put on the device's dirty list). */
void mark_buffer_dirty(struct buffer_head *bh);
void clear_buffer_dirty(struct buffer_head *bh);
/* Write it now if dirty, and wait: 0 or -EIO. */
int sync_dirty_buffer(struct buffer_head *bh);
/* Write a buffer's contents to block nr of the device (not its own place:
 * the journal copies buffers into the log this way) and wait. */
int write_buffer_at(struct buffer_head *bh, u64 nr, unsigned extra_opf);
/* Drop the dirty state (the block was freed) and the reference. */
void bforget(struct buffer_head *bh);
/* Write every dirty buffer of the device and wait: 0 or the first error. */
int sync_blockdev(struct block_device *bdev);
/* Drop every unreferenced buffer of the device (after sync, at umount). */
void invalidate_bdev(struct block_device *bdev);

/* The file operations of block device nodes (kernel/block/fops.c). */
extern const struct file_operations def_blk_fops;

void blk_init(void);                  /* the block layer itself: before drivers */
void loop_init(void);                 /* /dev/loop-control and loop0..7 */

#endif
