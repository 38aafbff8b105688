/*
 * Revoke tables: the set of blocks a transaction freed (written as revoke
 * blocks at commit), and at recovery the newest transaction that revoked
 * each block, so a replay never writes a stale logged copy over a block
 * that was freed and reused afterwards.
 */
#include <kernel/errno.h>
#include "internal.h"

static unsigned revoke_hash(u64 blocknr)
{
	u64 h = blocknr * 0x9e3779b97f4a7c15ULL;

	return (unsigned)(h >> 56) % JBD2_REVOKE_HASH;
}

void jbd2_revoke_init(struct jbd2_revoke_table *rt)
{
	for (unsigned i = 0; i < JBD2_REVOKE_HASH; i++)
		INIT_LIST_HEAD(&rt->buckets[i]);
	rt->count = 0;
}

void jbd2_revoke_clear(struct jbd2_revoke_table *rt)
{
	for (unsigned i = 0; i < JBD2_REVOKE_HASH; i++) {
		while (!list_empty(&rt->buckets[i])) {
			struct jbd2_revoke_record *r =
				list_first_entry(&rt->buckets[i], struct jbd2_revoke_record, list);
			list_del(&r->list);
			kfree(r);
		}
	}
	rt->count = 0;
}

struct jbd2_revoke_record *jbd2_revoke_find(struct jbd2_revoke_table *rt, u64 blocknr)
{
	struct jbd2_revoke_record *r;

	list_for_each_entry(r, &rt->buckets[revoke_hash(blocknr)], list)
		if (r->blocknr == blocknr)
			return r;
	return NULL;
}

int jbd2_revoke_add(struct jbd2_revoke_table *rt, u64 blocknr, u32 tid)
{
	struct jbd2_revoke_record *r = jbd2_revoke_find(rt, blocknr);

	if (r) {
		if (jbd2_tid_gt(tid, r->tid))
			r->tid = tid;
		return 0;
	}
	r = kmalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	r->blocknr = blocknr;
	r->tid = tid;
	list_add(&r->list, &rt->buckets[revoke_hash(blocknr)]);
	rt->count++;
	return 0;
}

void jbd2_revoke_cancel(struct jbd2_revoke_table *rt, u64 blocknr)
{
	struct jbd2_revoke_record *r = jbd2_revoke_find(rt, blocknr);

	if (r) {
		list_del(&r->list);
		kfree(r);
		rt->count--;
	}
}

/* Records one revoke block holds (4 or 8 bytes each, after the header and
 * before the checksum tail). */
unsigned jbd2_revoke_per_block(const journal_t *j)
{
	unsigned space = j->j_blocksize - sizeof(struct jbd2_disk_revoke_header);

	if (jbd2_has_csum(j))
		space -= JBD2_TAIL_SIZE;
	return space / ((j->j_incompat & JBD2_FEATURE_INCOMPAT_64BIT) ? 8 : 4);
}
