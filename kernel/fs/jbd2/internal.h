/*
 * jbd2 private header: Linux's on-disk journal format (all big-endian) and
 * the in-memory journal, transaction, handle and journal_head.
 *
 * Concurrency model (see kernel/jbd2.h): one running transaction; a
 * commit or checkpoint raises j_barrier, waits for the running handles to
 * stop and holds new ones back until it is done, so buffers never change
 * while they are written to the log and no frozen copies are needed.
 * Checkpoints run only right after a commit, when no transaction holds
 * buffers: every buffer a committed transaction logged is then either
 * dirty for write-back or already home, and sync_blockdev makes the whole
 * log reusable at once.
 */
#ifndef JBD2_INTERNAL_H
#define JBD2_INTERNAL_H

#include <kernel/mm.h>          /* gfp_t for blkdev.h */
#include <kernel/blkdev.h>
#include <kernel/jbd2.h>
#include <kernel/list.h>
#include <kernel/mutex.h>
#include <kernel/types.h>
#include <kernel/waitqueue.h>

/* ---- on-disk format (Documentation/filesystems/ext4/journal.rst) ---- */
#define JBD2_MAGIC_NUMBER     0xc03b3998U
#define JBD2_DESCRIPTOR_BLOCK 1
#define JBD2_COMMIT_BLOCK     2
#define JBD2_SUPERBLOCK_V1    3
#define JBD2_SUPERBLOCK_V2    4
#define JBD2_REVOKE_BLOCK     5

#define JBD2_FLAG_ESCAPE      1   /* first 4 bytes were the magic: zeroed in the log */
#define JBD2_FLAG_SAME_UUID   2   /* no 16-byte UUID follows the tag */
#define JBD2_FLAG_DELETED     4
#define JBD2_FLAG_LAST_TAG    8

#define JBD2_FEATURE_COMPAT_CHECKSUM        0x1
#define JBD2_FEATURE_INCOMPAT_REVOKE        0x1
#define JBD2_FEATURE_INCOMPAT_64BIT         0x2
#define JBD2_FEATURE_INCOMPAT_ASYNC_COMMIT  0x4
#define JBD2_FEATURE_INCOMPAT_CSUM_V2       0x8
#define JBD2_FEATURE_INCOMPAT_CSUM_V3       0x10
#define JBD2_FEATURE_INCOMPAT_FAST_COMMIT   0x20
#define JBD2_KNOWN_INCOMPAT (JBD2_FEATURE_INCOMPAT_REVOKE | JBD2_FEATURE_INCOMPAT_64BIT | \
			     JBD2_FEATURE_INCOMPAT_ASYNC_COMMIT | JBD2_FEATURE_INCOMPAT_CSUM_V2 | \
			     JBD2_FEATURE_INCOMPAT_CSUM_V3)
#define JBD2_KNOWN_ROCOMPAT 0

#define JBD2_CRC32C_CHKSUM    4   /* s_checksum_type */
#define JBD2_MIN_JOURNAL_BLOCKS 1024

struct jbd2_disk_header {
	u32 h_magic;
	u32 h_blocktype;
	u32 h_sequence;
};

struct jbd2_disk_super {
	struct jbd2_disk_header s_header;
	u32 s_blocksize;          /* 0x0c */
	u32 s_maxlen;             /* 0x10: blocks in the journal, superblock included */
	u32 s_first;              /* 0x14: first log block */
	u32 s_sequence;           /* 0x18: first tid expected in the log */
	u32 s_start;              /* 0x1c: log block of that tid; 0 = log empty */
	u32 s_errno;              /* 0x20 */
	u32 s_feature_compat;     /* 0x24 */
	u32 s_feature_incompat;   /* 0x28 */
	u32 s_feature_ro_compat;  /* 0x2c */
	u8 s_uuid[16];            /* 0x30 */
	u32 s_nr_users;           /* 0x40 */
	u32 s_dynsuper;           /* 0x44 */
	u32 s_max_transaction;    /* 0x48 */
	u32 s_max_trans_data;     /* 0x4c */
	u8 s_checksum_type;       /* 0x50 */
	u8 s_padding2[3];
	u32 s_num_fc_blks;        /* 0x54 */
	u32 s_head;               /* 0x58 */
	u32 s_padding[40];        /* 0x5c */
	u32 s_checksum;           /* 0xfc: crc32c(~0, superblock with this field 0) */
	u8 s_users[16 * 48];      /* 0x100 */
};
_Static_assert(sizeof(struct jbd2_disk_super) == 1024, "journal superblock is 1 KiB");

struct jbd2_disk_commit {
	struct jbd2_disk_header h;
	u8 h_chksum_type;
	u8 h_chksum_size;
	u8 h_padding[2];
	u32 h_chksum[8];          /* csum v2/v3: [0] = crc32c(seed, block with [0] = 0) */
	u64 h_commit_sec;
	u32 h_commit_nsec;
};

struct jbd2_disk_revoke_header {
	struct jbd2_disk_header h;
	u32 r_count;              /* bytes used in the block, header included */
};

/* csum v3 tag; without csum v3 the tag is {blocknr, be16 checksum, be16
 * flags, blocknr_high}, 8 bytes (+4 with 64bit, +2 with csum v2). */
struct jbd2_disk_tag3 {
	u32 t_blocknr;
	u32 t_flags;
	u32 t_blocknr_high;
	u32 t_checksum;
};

#define JBD2_TAIL_SIZE 4          /* crc32c tail of descriptor and revoke blocks */

static inline u32 jbd2_be32(u32 v) { return __builtin_bswap32(v); }
static inline u16 jbd2_be16(u16 v) { return __builtin_bswap16(v); }
static inline u64 jbd2_be64(u64 v) { return __builtin_bswap64(v); }
/* Transaction ids wrap: compare them as Linux's tid_gt does. */
static inline bool jbd2_tid_gt(u32 a, u32 b) { return (s32)(a - b) > 0; }
static inline bool jbd2_tid_geq(u32 a, u32 b) { return (s32)(a - b) >= 0; }

/* ---- in memory ---- */
#define JBD2_REVOKE_HASH 256

struct jbd2_revoke_record {
	struct list_head list;
	u64 blocknr;
	u32 tid;                  /* recovery: the newest transaction that revoked it */
};

struct jbd2_revoke_table {
	struct list_head buckets[JBD2_REVOKE_HASH];
	unsigned count;
};

struct jbd2_transaction {
	/* All fields: j_state_lock, until the commit owns the transaction
	 * (j_barrier up, t_updates 0). */
	int t_updates;                   /* handles running in it */
	int t_outstanding;               /* credits of the running handles */
	struct list_head t_buffers;      /* journal_heads attached to it */
	unsigned t_nr_buffers;           /* of which logged (dirty_metadata) */
	struct jbd2_revoke_table t_revoke;
	u64 t_start_ns;
};

struct journal_head {
	struct buffer_head *jh_bh;       /* referenced while attached */
	struct jbd2_transaction *jh_transaction;
	struct list_head jh_list;        /* t_buffers */
	bool jh_logged;                  /* dirty_metadata was called: write to the log */
};

struct jbd2_handle {
	journal_t *h_journal;
	struct jbd2_transaction *h_transaction;
	int h_credits;
	bool h_sync;
};

struct journal {
	struct block_device *j_dev;
	struct jbd2_fs_hooks j_hooks;
	u64 j_nr_blocks;                 /* blocks bmap can map */
	u32 j_blocksize;

	/* The superblock, read at load; written with the commit mutex held. */
	struct jbd2_disk_super *j_sb;    /* kmalloc'd, j_blocksize bytes */
	bool j_sb_read;
	u32 j_first, j_last;             /* usable log: [j_first, j_last) */
	u32 j_incompat;
	u32 j_csum_seed;
	int j_tag_bytes;
	unsigned j_max_txn_blocks;       /* credits one transaction may hold */

	struct mutex j_state_lock;       /* guards the fields below */
	struct jbd2_transaction *j_running;
	bool j_barrier;                  /* commit/checkpoint running: handles wait */
	u32 j_next_tid;                  /* tid of the next transaction committed */
	u32 j_head;                      /* next log block to write */
	u32 j_tail;                      /* first log block in use, 0 when the log is empty */
	u32 j_tail_tid;
	int j_err;                       /* aborted with this error (written once, read racily) */
	struct wait_queue_head j_wait;   /* barrier dropped, updates reached 0, abort */

	struct mutex j_commit_mutex;     /* one commit or checkpoint at a time */
	struct task *j_thread;           /* the commit thread */
	bool j_stop;
	bool j_commit_request;
	struct wait_queue_head j_wait_commit;
};

static inline bool jbd2_has_csum(const journal_t *j)
{
	return j->j_incompat & (JBD2_FEATURE_INCOMPAT_CSUM_V2 | JBD2_FEATURE_INCOMPAT_CSUM_V3);
}
static inline u32 jbd2_log_free(const journal_t *j)
{
	u32 size = j->j_last - j->j_first;

	if (!j->j_tail)
		return size;
	return j->j_head >= j->j_tail ? size - (j->j_head - j->j_tail)
				      : j->j_tail - j->j_head;
}
static inline u32 jbd2_log_next(const journal_t *j, u32 blk)
{
	return blk + 1 >= j->j_last ? j->j_first : blk + 1;
}

/* journal.c */
int jbd2_read_block(journal_t *j, u32 lblk, void *buf);
int jbd2_write_sb(journal_t *j, u32 start, u32 sequence);
void jbd2_abort_locked(journal_t *j, int err);
/* commit.c */
int jbd2_commit(journal_t *j, bool checkpoint);
int jbd2_checkpoint(journal_t *j);
int jbd2_log_write_begin(journal_t *j);
/* recovery.c */
int jbd2_recover(journal_t *j);
/* revoke.c */
void jbd2_revoke_init(struct jbd2_revoke_table *rt);
void jbd2_revoke_clear(struct jbd2_revoke_table *rt);
struct jbd2_revoke_record *jbd2_revoke_find(struct jbd2_revoke_table *rt, u64 blocknr);
/* Adds blocknr (or raises its tid); 0 or -ENOMEM. */
int jbd2_revoke_add(struct jbd2_revoke_table *rt, u64 blocknr, u32 tid);
void jbd2_revoke_cancel(struct jbd2_revoke_table *rt, u64 blocknr);
unsigned jbd2_revoke_per_block(const journal_t *j);
/* transaction.c */
void jbd2_release_buffers(journal_t *j, struct jbd2_transaction *t, bool dirty);

#endif
